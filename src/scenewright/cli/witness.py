"""`scenewright report SESSION.json -o report.html` — the printable record of an interview."""

from __future__ import annotations

from datetime import timezone
from pathlib import Path
from typing import Optional

import typer

from . import app


@app.command()
def report(
    session_file: Path = typer.Argument(..., help="A saved session (session.json, written by `draw` into its "
                                                  "--out folder, or by `chat`'s :save)."),
    output: Path = typer.Option(Path("report.html"), "--output", "-o", help="Where to write the HTML report."),
    title: str = typer.Option("Witness interview record", "--title", help="The report's heading."),
    utc: bool = typer.Option(False, "--utc", help="Show times in UTC instead of local time."),
    text: bool = typer.Option(False, "--text", help="Also print the record (statements, histories) here."),
    renderer: str = typer.Option("procedural", "--renderer", help="Renderer for the pictures."),
    parser: Optional[str] = typer.Option(None, "--parser", hidden=True),
) -> None:
    """Write a self-contained HTML report: final picture, every statement verbatim with its time, corrections,
    what the witness was unsure of and what they did not say, and the picture after every turn.

    Example: scenewright draw --world street -o interview "a red van was parked across the street" …
             scenewright report interview/session.json -o interview/report.html
    """
    from ..session import Session
    from ..witness import build_record, clock, write_report

    session = Session.load(session_file, renderer=renderer, **({"parser": parser} if parser else {}))
    tz = timezone.utc if utc else None
    rec = build_record(session.history, session.world)
    write_report(session, output, title=title, tz=tz, record=rec)
    if text:
        for s in rec.statements:
            typer.echo(f"#{s.index:<3} {clock(s.time, tz)}  {s.kind:<8} {s.text!r}  [{s.status}]")
        for h in rec.objects.values():
            for line in h.lines(tz):
                typer.echo(f"  {line}")
    n = sum(1 for s in rec.statements if s.said)
    typer.echo(f"wrote {output} ({n} statements, {len(rec.corrections)} corrections, "
               f"{len(rec.uncertain)} uncertain, {sum(len(u['missing']) for u in rec.unknown)} not stated)")
