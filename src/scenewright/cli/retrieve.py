"""`scenewright train retrieve | eval retrieve | search` — composed image retrieval (TIRG and its baselines).

torch is imported inside the commands, so `scenewright --help` stays fast.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer

from . import app, eval_app, train_app
from .options import Minutes, Seed, Steps, Threads, config_overrides


def _pairs(method: list[str], example: str) -> dict[str, Path]:
    pairs = {}
    for m in method:
        name, sep, ckpt = m.partition("=")
        if not sep:
            raise typer.BadParameter(f"--method looks like {example}, got {m!r}")
        pairs[name] = Path(ckpt)
    return pairs


def shipped_pairs(specs: list[str], data: Path, methods, default, task: str, example: str) -> dict[str, Path]:
    """{name: checkpoint} from `eval … --method` specs: NAME=RUN, or NAME alone for the shipped weights of the
    data's world (`default(name, world)`); no specs: every method with shipped weights for that world."""
    from ..data.imageset import ImageSet
    from ..errors import MissingFile

    world = ImageSet.open(data).world
    pairs = {}
    for spec in specs:
        name, sep, ckpt = spec.partition("=")
        if not sep:
            if name not in methods:
                raise typer.BadParameter(f"--method is a method ({', '.join(methods)}) or NAME=RUN like {example}, "
                                         f"got {spec!r}")
            ckpt = default(name, world)
            if not Path(ckpt).exists():
                raise MissingFile(f"no {name} weights are shipped for the {world} world; give --method {name}=RUN")
        pairs[name] = Path(ckpt)
    if not specs:
        pairs = {m: default(m, world) for m in methods if default(m, world).exists()}
        if not pairs:
            raise MissingFile(f"no {task} weights are shipped for the {world} world; give --method NAME=RUN "
                              f"(e.g. {example})")
    return pairs


def print_table(table: dict, title: str, cols: list[str]) -> None:
    from rich.console import Console
    from rich.table import Table

    t = Table(title=title)
    t.add_column("method")
    for c in cols:
        t.add_column(c, justify="right")
    for name, row in table.items():
        t.add_row(name, *[f"{row[c]:.3f}" if isinstance(row.get(c), float) else str(row.get(c, "")) for c in cols])
    Console().print(t)


@train_app.command("retrieve")
def train_retrieve_cmd(
    method: str = typer.Option("tirg", "--method", help="tirg, image, text, concat (models/retrieve/METHODS)."),
    data: Path = typer.Option(..., "--data", help="A css image set (`scenewright data css`)."),
    out: Path = typer.Option(..., "--out", help="Run / checkpoint folder. Run again with it to resume."),
    minutes: Minutes = None,
    steps: Steps = None,
    seed: Seed = 0,
    query: str = typer.Option("3d", "--query", help="3d (3D→3D) or 2d (the top view → 3D, shapes only)."),
    batch: int = typer.Option(32, "--batch", help="Triples per step."),
    ckpt_every: int = typer.Option(500, "--ckpt-every"),
    threads: Threads = 1,
    setting: list[str] = typer.Option([], "--set", help="A config override, e.g. --set image_encoder=scratch."),
) -> None:
    """Train TIRG or a baseline by the shared loop (resumable, seeded)."""
    import torch

    from ..train.retrieve import train_retrieve

    torch.set_num_threads(threads)
    if steps is None and minutes is None:
        minutes = 20.0
    path = train_retrieve(method, data, out, steps=steps, minutes=minutes, seed=seed, batch=batch, query=query,
                          ckpt_every=ckpt_every, settings=config_overrides(setting))
    card = json.loads((path.parent / "card.json").read_text())
    typer.echo(json.dumps({"weights": str(path), "steps": card["steps"], "minutes": card["minutes"],
                           "backbone_cache_minutes": card.get("backbone_cache_minutes"),
                           "final_losses": card["final_losses"]}))


@eval_app.command("retrieve")
def eval_retrieve_cmd(
    data: Path = typer.Option(..., "--data", help="The css image set (its --split is measured)."),
    split: str = typer.Option("test", "--split"),
    method: list[str] = typer.Option([], "--method", help="NAME (the shipped weights for the data's world) or "
                                                          "NAME=CHECKPOINT; repeatable. Default: the shipped TIRG."),
    threads: Threads = 1,
    as_json: bool = typer.Option(False, "--json", help="Print {method: {r1, r5, r10, ...}}."),
) -> None:
    """Recall@1/5/10 of each model: gallery = the split's unique targets, the query image left out."""
    import torch

    from ..eval.retrieval import evaluate_retrieval
    from ..models.retrieve import METHODS
    from ..retrieve import WEIGHTS

    torch.set_num_threads(threads)
    pairs = shipped_pairs(method, data, METHODS, lambda m, w: WEIGHTS / f"{m}_{w}", "retrieval",
                          "tirg=runs/retrieve/tirg_shapes_css")
    table = evaluate_retrieval(data, split, pairs)
    if as_json:
        typer.echo(json.dumps(table))
        return
    print_table(table, f"composed retrieval on {data} ({split})", ["query", "r1", "r5", "r10", "gallery"])


@app.command("search")
def search_cmd(
    text: str = typer.Argument(..., help="How the wanted picture differs, e.g. \"but the jacket was red\"."),
    gallery: Path = typer.Option(..., "--gallery", help="A folder of PNG/JPEG pictures."),
    image: Path = typer.Option(..., "--image", help="The picture it is like."),
    k: int = typer.Option(5, "--k", help="How many to show."),
    checkpoint: Optional[Path] = typer.Option(None, "--checkpoint", help="A `train retrieve` folder (default: "
                                                                        "the shipped weights for --world)."),
    world: str = typer.Option("shapes", "--world", help="Which shipped weights, when no --checkpoint: shapes or "
                                                        "street (one vehicle or person per picture)."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write a contact sheet PNG here."),
    threads: Threads = 1,
) -> None:
    """Print the K gallery pictures most like IMAGE changed by TEXT (file, score), best first."""
    import torch

    from ..retrieve import read_image, search, sheet

    torch.set_num_threads(threads)
    query = read_image(image, "query image")
    found = search(gallery, query, text, k=k, checkpoint=checkpoint, world=world)
    for name, why in found.skipped:
        typer.echo(f"skipped {name}: {why}", err=True)
    for i, h in enumerate(found.hits, 1):
        typer.echo(f"{i}. {h.name}\t{h.score:.4f}")
    if output is not None:
        output.parent.mkdir(parents=True, exist_ok=True)
        sheet(query, text, found).save(output)
        typer.echo(str(output))
