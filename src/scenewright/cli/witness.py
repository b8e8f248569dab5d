"""`scenewright report SESSION.json -o report.html` — the printable record of an interview;
`scenewright verify SESSION.json` — is the file the one that was sealed?
`scenewright compare A.session.json B.session.json` — two witnesses side by side."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Optional

import typer

from ..errors import SessionFileError
from . import app


@app.command()
def report(
    session_file: Path = typer.Argument(..., help="A saved session (session.json, written by `draw` into its "
                                                  "--out folder, or by `chat`'s :save)."),
    output: Path = typer.Option(Path("report.html"), "--output", "-o", help="Where to write the HTML report."),
    pdf: Optional[Path] = typer.Option(None, "--pdf", help="Also write the report printed to PDF (real text, "
                                                           "A4; needs Chromium: apt-get install chromium)."),
    title: str = typer.Option("Witness interview record", "--title", help="The report's heading."),
    utc: bool = typer.Option(False, "--utc", help="Show times in UTC instead of local time."),
    text: bool = typer.Option(False, "--text", help="Also print the record (statements, histories) here."),
    renderer: str = typer.Option("procedural", "--renderer", help="Renderer for the pictures."),
    parser: Optional[str] = typer.Option(None, "--parser", hidden=True),
) -> None:
    """Write a self-contained HTML report: final picture, every statement verbatim with its time, corrections,
    what the witness was unsure of and what they did not say, and the picture after every turn.

    Example: scenewright draw --world street -o interview "a red van was parked across the street" …
             scenewright report interview/session.json -o interview/report.html --pdf interview/report.pdf
    """
    from ..session import Session
    from ..witness import build_record, write_report

    session = Session.load(session_file, renderer=renderer, **({"parser": parser} if parser else {}))
    problems, _ = _problems(json.loads(session_file.read_text()))
    if problems:
        typer.echo(f"warning: {session_file} does not verify: {'; '.join(problems)}", err=True)
    tz = timezone.utc if utc else None
    rec = build_record(session.history, session.world)
    write_report(session, output, title=title, tz=tz, record=rec)
    if text:
        for line in rec.text_lines(tz):
            typer.echo(line)
    typer.echo(f"wrote {output} ({rec.counts()})")
    if pdf is not None:
        from ..witness.pdf import write_pdf

        write_pdf(output.read_text(encoding="utf-8"), pdf)
        typer.echo(f"wrote {pdf} (the same report, printed to PDF)")
    from ..scene.seal import seal_of_session

    typer.echo(f"SHA-256 of the event log: {seal_of_session(session)}")


def _problems(data: Any) -> tuple[list[str] | None, Any]:
    """(what does not verify — None when there is no seal, the History) of a session file's JSON."""
    from ..errors import ScenewrightError
    from ..scene import History
    from ..scene.seal import check, replay_problems

    if not isinstance(data, dict) or data.get("scenewright") != 1 or "history" not in data:
        raise SessionFileError("not a scenewright session file (expected {\"scenewright\": 1, …})")
    history = History.from_dict(data["history"])
    problems = check(data)
    if problems is None:
        return None, history
    try:
        problems += replay_problems(history)
    except ScenewrightError as e:
        problems.append(f"the log does not replay: {e}")
    return problems, history


@app.command()
def verify(
    session_file: Path = typer.Argument(..., help="A saved session (session.json, a web export, chat's save)."),
    expect: Optional[str] = typer.Option(None, "--expect", help="The SHA-256 printed on the report or written "
                                                                "down when the record was handed over."),
) -> None:
    """Check a session file against its SHA-256 seal: says "verified", or which statements changed.

    Exit code 0: verified; 1: changed, or no seal to check; 2: not a session file.

    Example: scenewright verify interview/session.json --expect 3f5c…
    """
    try:
        data = json.loads(session_file.read_text(encoding="utf-8"))
    except OSError as e:
        raise SessionFileError(f"cannot read {session_file}: {e.strerror}") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as e:
        raise SessionFileError(f"{session_file} is not a session file: not valid JSON ({e})") from None
    problems, history = _problems(data)
    if problems is None:
        typer.echo(f"{session_file} carries no hash (saved by an older scenewright): it cannot be verified. "
                   "Saving it again seals what it holds now, not what was said.")
        raise typer.Exit(1)
    digest = data["seal"]["sha256"]
    if expect is not None:
        wanted = expect.strip().lower()
        if len(wanted) < 16 or not digest.startswith(wanted):
            problems.insert(0, f"the file's SHA-256 is {digest}, not the expected {expect.strip()}")
    if problems:
        typer.echo(f"NOT VERIFIED: {session_file}")
        for p in problems:
            typer.echo(f"  - {p}")
        raise typer.Exit(1)
    times = [ev.time for ev in history.log if ev.time]
    span = (f", {datetime.fromtimestamp(times[0], timezone.utc):%Y-%m-%d %H:%M:%S}–"
            f"{datetime.fromtimestamp(times[-1], timezone.utc):%H:%M:%S} UTC" if times else "")
    typer.echo(f"verified: {session_file} — {len(history.log)} events{span}")
    typer.echo(f"SHA-256 of the event log: {digest}" + (" (as expected)" if expect else ""))


@app.command()
def compare(
    first: Path = typer.Argument(..., metavar="A.session.json", help="Witness A's saved session."),
    second: Path = typer.Argument(..., metavar="B.session.json", help="Witness B's saved session (same world)."),
    output: Path = typer.Option(Path("compare.html"), "--output", "-o", help="Where to write the HTML page."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object (pairs, findings, seals) instead "
                                                       "of the text summary."),
    title: str = typer.Option("Two witnesses", "--title", help="The page's heading."),
    renderer: str = typer.Option("procedural", "--renderer", help="Renderer for the pictures."),
) -> None:
    """Compare two witnesses of one scene: both final pictures side by side, who is who (an optimal matching
    of their objects), what they agree on, what conflicts, and what only one of them mentions; each file's
    seal and whether it verifies.

    Exit code 0: compared; 2: a file is missing, not a session, or the two are of different worlds.

    Example: scenewright compare anna/session.json ben/session.json -o compare.html
    """
    from ..errors import ScenewrightError
    from ..witness.compare import compare as compare_witnesses, load_witness, write_compare

    result = compare_witnesses(load_witness(first, "A", renderer=renderer),
                               load_witness(second, "B", renderer=renderer))
    try:
        write_compare(result, output, title=title)
    except OSError as e:
        raise ScenewrightError(f"cannot write {output}: {e.strerror}") from None
    if as_json:
        typer.echo(json.dumps({**result.to_dict(), "html": str(output)}, indent=1, ensure_ascii=False))
        return
    for line in result.lines():
        typer.echo(line)
    typer.echo(f"wrote {output}")
