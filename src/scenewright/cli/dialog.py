"""`scenewright draw | render | worlds` — the spine's commands (`chat` is in chat.py)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import List, Optional

import typer

from ..render import RENDERERS
from . import app

WORLD = typer.Option("shapes", "--world", "-w", help="Vocabulary and look: shapes, park, … (see `worlds`).")
PARSER = typer.Option("grammar", "--parser", help="grammar, or codraw:CHECKPOINT for the learned drawer.")
RENDERER = typer.Option(
    "procedural", "--renderer",
    help=f"What draws the scene: {', '.join(RENDERERS)} (docs/renderers.md); NAME:RUN_FOLDER for other weights, "
         "e.g. layered:runs/layered/park; t2i:METHOD, e.g. t2i:dfgan.")
CLIPART = typer.Option(None, "--clipart", envvar="SCENEWRIGHT_CLIPART",
                       help="CoDraw clip-art folder: draw the park world with those PNGs at 500×400.")
SIZE = typer.Option(None, "--size", help="Image size as WxH, e.g. 512x400 (default: the world's canvas).")


def _size(text: Optional[str]) -> Optional[tuple[int, int]]:
    if not text:
        return None
    try:
        w, h = (int(v) for v in text.lower().split("x"))
    except ValueError:
        raise typer.BadParameter(f"size must look like 512x400, got {text!r}") from None
    if not (16 <= w <= 4096 and 16 <= h <= 4096):
        raise typer.BadParameter("width and height must be between 16 and 4096")
    return w, h


def _session(world: str, parser: str, renderer: str, clipart: Optional[Path], size: Optional[str]):
    from ..session import Session

    return Session(world=world, parser=parser, renderer=renderer, clipart=clipart, size=_size(size))


@app.command()
def draw(
    turns: List[str] = typer.Argument(..., help="The dialog, one argument per turn."),
    world: str = WORLD,
    out: Path = typer.Option(Path("out"), "--out", "-o", help="Folder for turn_NN.png/.json, dialog.gif, "
                                                              "contact_sheet.png."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object: turns and final scene."),
    parser: str = PARSER,
    renderer: str = RENDERER,
    clipart: Optional[Path] = CLIPART,
    size: Optional[str] = SIZE,
    svg: bool = typer.Option(False, "--svg", help="Also write turn_NN.svg (procedural renderer)."),
    report: bool = typer.Option(False, "--report", help="Also write report.html: every statement, what it "
                                                        "changed, corrections, unsure and unstated details."),
) -> None:
    """Run a dialog and draw every turn.

    Example: scenewright draw --world park "a girl is standing on the right" "she is happy"
    """
    from ..render.export import contact_sheet, save_gif

    session = _session(world, parser, renderer, clipart, size)
    out.mkdir(parents=True, exist_ok=True)
    results, images = [], []
    for i, text in enumerate(turns, 1):
        turn = session.tell(text)
        results.append(turn)
        image = turn.image
        images.append(image)
        image.save(out / f"turn_{i:02d}.png")
        (out / f"turn_{i:02d}.json").write_text(json.dumps(turn.to_dict(), indent=1))
        if svg:
            (out / f"turn_{i:02d}.svg").write_text(session.svg(turn.scene))
    if images:
        save_gif(images, out / "dialog.gif")
        contact_sheet(images, [t.text for t in results], oks=[t.ok for t in results]).save(
            out / "contact_sheet.png")
    session.save(out / "session.json")
    if report:
        from ..witness import write_report

        write_report(session, out / "report.html")
    if as_json:
        payload = {"turns": [t.to_dict() for t in results], "scene": session.scene.to_dict()}
        sys.stdout.write(json.dumps(payload) + "\n")
        return
    from rich.console import Console
    from rich.table import Table

    table = Table("#", "you said", "", "scenewright", show_lines=False)
    for i, t in enumerate(results, 1):
        table.add_row(str(i), t.text, "[green]✓[/]" if t.ok else "[red]✗[/]", t.reply or "")
    console = Console()
    console.print(table)
    console.print(f"wrote {len(results)} turns to {out}/ (turn_NN.png, dialog.gif, contact_sheet.png"
                  f"{', report.html' if report else ''})")


@app.command()
def render(
    scene_file: Path = typer.Argument(..., help="A scene JSON file (or a turn_NN.json written by draw)."),
    output: Path = typer.Option(..., "--output", "-o", help="OUT.png / .jpg / .svg"),
    renderer: str = RENDERER,
    clipart: Optional[Path] = CLIPART,
    size: Optional[str] = SIZE,
) -> None:
    """Draw a scene JSON file."""
    from ..errors import SceneError
    from ..render import get_renderer
    from ..scene import Scene
    from ..worlds import get_world

    try:
        data = json.loads(scene_file.read_text())
    except OSError as e:
        raise SceneError(f"cannot read {scene_file}: {e.strerror}") from None
    except json.JSONDecodeError as e:
        raise SceneError(f"{scene_file} is not valid JSON: {e.msg} (line {e.lineno})") from None
    if isinstance(data, dict) and "objects" not in data and isinstance(data.get("scene"), dict):
        data = data["scene"]
    scene = Scene.from_dict(data)
    world = get_world(scene.world)
    unknown = sorted({o.category for o in scene.objects} - set(world.category_names))
    if unknown:
        raise SceneError(f"{scene_file}: the {world.name} world has no {', '.join(unknown)}")
    if clipart is not None:
        renderer = "clipart"
    r = get_renderer(world.name, renderer, **({"clipart": clipart} if clipart else {}))
    dims = _size(size) or tuple(world.canvas)
    if output.suffix.lower() == ".svg":
        output.write_text(r.svg(scene, dims))
    else:
        r.render(scene, dims).save(output)
    typer.echo(f"wrote {output}")


@app.command()
def worlds(as_json: bool = typer.Option(False, "--json", help="Print the vocabularies as JSON.")) -> None:
    """List the worlds and their vocabularies."""
    from ..worlds import available, get_world

    described = [get_world(name).describe() for name in available()]
    if as_json:
        typer.echo(json.dumps(described, indent=1))
        return
    for w in described:
        typer.echo(f"{w['name']}: {w['title']}")
        for group, names in w["categories"].items():
            typer.echo(f"  {group}: {', '.join(names)}")
        for key in ("colors", "poses", "expressions", "backgrounds"):
            if w[key]:
                typer.echo(f"  {key}: {', '.join(w[key])}")
        for key, values in w["attributes"].items():
            typer.echo(f"  {key}: {', '.join(values)}")
