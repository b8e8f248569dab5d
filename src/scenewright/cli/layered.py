"""`scenewright train layered | eval layered` — the layer-based sequential GAN renderer (models/layered_gan.py).

Drawing with it is the spine's own verbs: `scenewright draw --renderer layered[:CHECKPOINT] …`.
torch is imported inside the commands, so `scenewright --help` stays fast.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer

from . import eval_app, train_app
from .options import Minutes, Seed, Steps, Threads, config_overrides


@train_app.command("layered")
def train_layered_cmd(
    world: str = typer.Option("shapes", "--world", help="shapes or park (our own sprites)."),
    out: Path = typer.Option(..., "--out", help="Run / checkpoint folder. Run again with it to resume."),
    minutes: Minutes = None,
    steps: Steps = None,
    seed: Seed = 0,
    size: int = typer.Option(64, "--size", help="64 or 128."),
    batch: int = typer.Option(16, "--batch", help="Objects per step."),
    data: Optional[Path] = typer.Option(None, "--data", help="Take the scenes of a captions image set's train "
                                                             "split (default: random scenes of the world)."),
    ckpt_every: int = typer.Option(250, "--ckpt-every", help="Checkpoint + sample grid every N steps."),
    threads: Threads = 1,
    setting: list[str] = typer.Option([], "--set", help="A config override, e.g. --set ngf=16 (repeatable)."),
) -> None:
    """Train the layered GAN (G_bg + G_fg, global and instance discriminators) by the shared loop."""
    import torch

    from ..train.layered import train_layered

    torch.set_num_threads(threads)
    if steps is None and minutes is None:
        minutes = 20.0
    path = train_layered(world, out, steps=steps, minutes=minutes, seed=seed, size=size, batch=batch, data=data,
                         ckpt_every=ckpt_every, settings=config_overrides(setting))
    card = json.loads((path.parent / "card.json").read_text())
    typer.echo(json.dumps({"weights": str(path), "steps": card["steps"], "minutes": card["minutes"],
                           "final_losses": card["final_losses"]}))


@eval_app.command("layered")
def eval_layered_cmd(
    world: str = typer.Option("shapes", "--world"),
    checkpoint: Optional[Path] = typer.Option(None, "--checkpoint", help="A `train layered` folder (default: "
                                                                        "the shipped weights)."),
    data: Optional[Path] = typer.Option(None, "--data", help="A captions image set: FID on its --split."),
    split: str = typer.Option("test", "--split"),
    edits: int = typer.Option(100, "--edits", help="Single-object edits for stable_px."),
    n: Optional[int] = typer.Option(None, "--n", help="Only the first N scenes of the split (FID)."),
    seed: Seed = 0,
    threads: Threads = 1,
) -> None:
    """stable_px over single-object edits (and the procedural renderer's), FID against the split's images."""
    import torch

    from ..train.layered import evaluate_layered

    torch.set_num_threads(threads)
    typer.echo(json.dumps(evaluate_layered(world, checkpoint, data, split, edits, n, seed)))
