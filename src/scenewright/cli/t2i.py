"""`scenewright train t2i | imagine | eval t2i` — the text-to-image family (models/t2i/).

torch is imported inside the commands, so `scenewright --help` stays fast.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer

from . import app, eval_app, train_app
from .options import Minutes, Seed, Steps, Threads, config_overrides


@train_app.command("t2i")
def train_t2i_cmd(
    method: str = typer.Option("dfgan", "--method", help="gan_int_cls, stackgan, stackgan_pp, attngan, dfgan "
                                                         "(models/t2i/METHODS)."),
    data: Path = typer.Option(..., "--data", help="A captions image set (`scenewright data captions`)."),
    damsm: Path = typer.Option(..., "--damsm", help="A trained DAMSM folder (`scenewright train damsm`)."),
    out: Path = typer.Option(..., "--out", help="Run / checkpoint folder. Run again with it to resume."),
    minutes: Minutes = None,
    steps: Steps = None,
    seed: Seed = 0,
    size: int = typer.Option(64, "--size", help="64 or 128."),
    batch: int = typer.Option(32, "--batch", help="Images per step per process."),
    ckpt_every: int = typer.Option(250, "--ckpt-every", help="Checkpoint + sample grid every N steps."),
    threads: Threads = 1,
    setting: list[str] = typer.Option([], "--set", help="A config override, e.g. --set ngf=32 (repeatable)."),
) -> None:
    """Train a text-to-image GAN by the shared loop. Unchanged under `torchrun --nproc_per_node N`."""
    import torch

    from ..train.t2i import train_t2i

    torch.set_num_threads(threads)
    if steps is None and minutes is None:
        minutes = 60.0
    path = train_t2i(method, data, damsm, out, steps=steps, minutes=minutes, seed=seed, size=size, batch=batch,
                     ckpt_every=ckpt_every, settings=config_overrides(setting))
    import os

    if os.environ.get("RANK", "0") == "0":  # under torchrun, rank 0 speaks
        card = json.loads((path.parent / "card.json").read_text())
        typer.echo(json.dumps({"weights": str(path), "steps": card["steps"], "minutes": card["minutes"],
                               "steps_per_second": card["steps_per_second"], "final_losses": card["final_losses"]}))


@app.command("imagine")
def imagine_cmd(
    text: str = typer.Argument(..., help="The caption to draw."),
    method: Optional[str] = typer.Option(None, "--method", help="gan_int_cls, stackgan, stackgan_pp, attngan or "
                                                                "dfgan (default: the best measured for --world: "
                                                                "stackgan on shapes, gan_int_cls on park)."),
    checkpoint: Optional[Path] = typer.Option(None, "--checkpoint", help="A `train t2i` folder (default: the "
                                                                        "shipped weights for --world)."),
    world: str = typer.Option("shapes", "--world", help="Which shipped weights, when no --checkpoint."),
    output: Path = typer.Option(Path("imagine.png"), "--output", "-o", help="PNG (a grid when --n > 1)."),
    n: int = typer.Option(1, "--n", help="How many samples."),
    seed: int = typer.Option(0, "--seed", help="Same seed, same pixels."),
    threads: Threads = 1,
) -> None:
    """Draw a caption with a text-to-image method."""
    import torch

    from ..t2i import grid, imagine

    torch.set_num_threads(threads)
    images = imagine(text, method=method, checkpoint=checkpoint, n=n, seed=seed, world=world)
    output.parent.mkdir(parents=True, exist_ok=True)
    (grid(images) if n > 1 else images[0]).save(output)
    typer.echo(str(output))


@eval_app.command("t2i")
def eval_t2i_cmd(
    data: Path = typer.Option(..., "--data", help="The captions image set (its --split is measured)."),
    split: str = typer.Option("test", "--split"),
    method: list[str] = typer.Option([], "--method", help="NAME (the shipped weights for the data's world) or "
                                                          "NAME=CHECKPOINT; repeatable. Default: every method's "
                                                          "shipped weights."),
    damsm_eval: Optional[Path] = typer.Option(None, "--damsm-eval", help="A DAMSM trained apart from the "
                                                                         "generators' (R-precision); default: the "
                                                                         "shipped one for the data's world."),
    detector: Optional[Path] = typer.Option(None, "--detector", help="Object detector for object F1 "
                                                                     "(default: eval_t2i's own)."),
    n: Optional[int] = typer.Option(None, "--n", help="Only the first N records."),
    seed: Seed = 0,
    threads: Threads = 1,
    as_json: bool = typer.Option(False, "--json", help="Print {method: {fid, is, r_precision, object_f1}}."),
) -> None:
    """FID, IS, R-precision and object F1 of each method on one split, the same way for all."""
    import torch

    from ..train.t2i import evaluate, shipped_checkpoints

    torch.set_num_threads(threads)
    table = evaluate(data, split, shipped_checkpoints(data, method), damsm_eval, detector=detector, n=n, seed=seed)
    if as_json:
        typer.echo(json.dumps(table))
        return
    from rich.console import Console
    from rich.table import Table

    t = Table(title=f"text-to-image on {data} ({split})")
    cols = sorted({k for row in table.values() for k in row})
    t.add_column("method")
    for c in cols:
        t.add_column(c, justify="right")
    for name, row in table.items():
        t.add_row(name, *[f"{row[c]:.3f}" if isinstance(row.get(c), float) else str(row.get(c, "")) for c in cols])
    Console().print(t)
