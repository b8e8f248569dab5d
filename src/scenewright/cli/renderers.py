"""`scenewright train sg2im | sg2im GRAPH.json | eval render` — the neural renderers of a scene.

torch is imported inside the commands, so `scenewright --help` stays fast.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import List, Optional

import typer

from . import app, eval_app, train_app
from .options import Minutes, Seed, Steps, Threads, config_overrides


@train_app.command("sg2im")
def train_sg2im_cmd(
    world: str = typer.Option("shapes", "--world", help="shapes or park."),
    out: Path = typer.Option(..., "--out", help="Run / checkpoint folder. Run again with it to resume."),
    data: Optional[Path] = typer.Option(None, "--data", help="A captions image set of the world; default: "
                                                             "--n scenes sampled and drawn in memory."),
    n: int = typer.Option(8000, "--n", help="Without --data: how many training scenes to sample."),
    minutes: Minutes = None,
    steps: Steps = None,
    seed: Seed = 0,
    batch: int = typer.Option(16, "--batch", help="Scenes per step per process."),
    size: int = typer.Option(64, "--size", help="64 (default) or 128 (the refinement network starts at 8×8)."),
    ckpt_every: int = typer.Option(250, "--ckpt-every", help="Checkpoint + sample grid every N steps."),
    threads: Threads = 1,
    setting: List[str] = typer.Option([], "--set", help="A config override, e.g. --set lr_g=2e-4 (repeatable)."),
) -> None:
    """Train sg2im (scene graph → layout → image) by the shared loop. Unchanged under torchrun."""
    import os

    import torch

    from ..train.sg2im import train_sg2im

    torch.set_num_threads(threads)
    if steps is None and minutes is None:
        minutes = 60.0
    if size not in (64, 128):
        raise typer.BadParameter("--size is 64 or 128", param_hint="--size")
    path = train_sg2im(world, out, data=data, n=n, steps=steps, minutes=minutes, seed=seed, batch=batch,
                       size=size, ckpt_every=ckpt_every, settings=config_overrides(setting))
    if os.environ.get("RANK", "0") == "0":
        card = json.loads((path.parent / "card.json").read_text())
        typer.echo(json.dumps({"weights": str(path), "steps": card["steps"], "minutes": card["minutes"]}))


@app.command("sg2im")
def sg2im_cmd(
    graph: Path = typer.Argument(..., help="sg2im's scene-graph JSON: {\"objects\": [...], \"relationships\": "
                                           "[[0, \"left of\", 1], ...]} (or a list of such graphs)."),
    out: Path = typer.Option(..., "--out", "-o", help="The picture (PNG); with several graphs, OUT_0.png, …"),
    world: str = typer.Option("shapes", "--world", help="The world the graph's objects come from."),
    checkpoint: Optional[Path] = typer.Option(None, "--checkpoint", help="A `train sg2im` folder; default: the "
                                                                          "shipped weights of the world."),
    size: int = typer.Option(256, "--size", help="Output size in pixels (the model paints 64 px)."),
    seed: Seed = 0,
    layout: bool = typer.Option(False, "--layout", help="Also print the predicted boxes as JSON."),
) -> None:
    """Draw a scene graph no one placed: sg2im predicts the layout and paints it."""
    from ..errors import MissingFile
    from ..models.sg2im import Sg2ImRenderer
    from ..scene.graph import read_graph_json

    if not graph.is_file():
        raise MissingFile(f"no scene-graph file at {graph}")
    try:
        text = graph.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        from ..scene.graph import GraphError
        raise GraphError(f"{graph}: not a text (UTF-8 JSON) file") from None
    graphs = read_graph_json(text, world, source=str(graph))
    renderer = Sg2ImRenderer(graphs[0].world, checkpoint=checkpoint, seed=seed)
    paths = [out] if len(graphs) == 1 else [out.with_name(f"{out.stem}_{k}{out.suffix or '.png'}")
                                            for k in range(len(graphs))]
    out.parent.mkdir(parents=True, exist_ok=True)
    for g, p in zip(graphs, paths):
        renderer.render_graph(g, (size, size)).save(p)
        if layout:
            _, boxes = renderer.model.draw([g], seed)
            typer.echo(json.dumps({"image": str(p), "objects": list(g.objects),
                                   "boxes": [[round(v, 4) for v in b] for b in boxes[0].tolist()]}))
        else:
            typer.echo(str(p))


@eval_app.command("render")
def eval_render_cmd(
    world: str = typer.Option("shapes", "--world"),
    renderer: List[str] = typer.Option(["procedural"], "--renderer", help="Repeatable: procedural, layered, "
                                       "sg2im, geneva (or name:CHECKPOINT)."),
    data: Path = typer.Option(..., "--data", help="An edits image set of the world (`scenewright data edits`)."),
    split: str = typer.Option("test", "--split"),
    n: Optional[int] = typer.Option(None, "--n", help="Only the first N records."),
    detector: Optional[Path] = typer.Option(None, "--detector", help="Default: the shipped shapes detector."),
    fid: bool = typer.Option(True, "--fid/--no-fid", help="FID on EfficientNet-Lite0 features."),
    seed: Seed = 0,
    threads: Threads = 1,
    as_json: bool = typer.Option(False, "--json", help="Print {renderer: {metric: value}} as JSON."),
    sheet: Optional[Path] = typer.Option(None, "--sheet", help="Also draw the world's sample dialog with every "
                                                               "renderer into this PNG (one row each)."),
) -> None:
    """object F1 / rsim, FID, stable_px (single-object edits) and sg2im's box recall, one row per renderer."""
    import torch

    from ..eval.render import COLUMNS, evaluate

    torch.set_num_threads(threads)
    table = evaluate(world, renderer, data, split, n=n, detector=detector, fid=fid, seed=seed)
    if sheet is not None:
        from ..eval.render import dialog_sheet
        dialog_sheet(world, renderer, sheet)
    if as_json:
        typer.echo(json.dumps(table, indent=1))
        return
    rows = {k: v for k, v in table.items() if "unavailable" not in v}
    width = max([len(k) for k in rows] + [8]) + 2
    typer.echo("renderer".ljust(width) + "".join(c.rjust(15) for c in COLUMNS))
    for k, v in rows.items():
        typer.echo(k.ljust(width) + "".join(f"{v[c]:15.1f}" if isinstance(v.get(c), (int, float)) else f"{'–':>15}"
                                            for c in COLUMNS))
    for k, v in table.items():
        if "unavailable" in v:
            typer.echo(f"{k}: unavailable — {v['unavailable']}")
