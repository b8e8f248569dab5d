"""`scenewright train inpaint | eval inpaint | inpaint` — text-guided inpainting (TDANet and its no-text twin).

torch is imported inside the commands, so `scenewright --help` stays fast.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer

from . import app, eval_app, train_app
from .options import Minutes, Seed, Steps, Threads, config_overrides
from .retrieve import print_table, shipped_pairs


@train_app.command("inpaint")
def train_inpaint_cmd(
    method: str = typer.Option("tdanet", "--method", help="tdanet or tdanet_notext (models/inpaint/METHODS)."),
    data: Path = typer.Option(..., "--data", help="An edits set (`scenewright data edits`) or a captions set."),
    out: Path = typer.Option(..., "--out", help="Run / checkpoint folder. Run again with it to resume."),
    damsm: Optional[Path] = typer.Option(None, "--damsm", help="A trained DAMSM folder (tdanet reads text "
                                                                "with it)."),
    minutes: Minutes = None,
    steps: Steps = None,
    seed: Seed = 0,
    batch: int = typer.Option(16, "--batch"),
    ckpt_every: int = typer.Option(250, "--ckpt-every"),
    threads: Threads = 1,
    setting: list[str] = typer.Option([], "--set", help="A config override, e.g. --set ngf=16 (repeatable)."),
) -> None:
    """Train TDANet (or the no-text baseline) by the shared loop (resumable, seeded)."""
    import torch

    from ..train.inpaint import train_inpaint

    torch.set_num_threads(threads)
    if steps is None and minutes is None:
        minutes = 20.0
    path = train_inpaint(method, data, out, damsm, steps=steps, minutes=minutes, seed=seed, batch=batch,
                         ckpt_every=ckpt_every, settings=config_overrides(setting))
    card = json.loads((path.parent / "card.json").read_text())
    typer.echo(json.dumps({"weights": str(path), "steps": card["steps"], "minutes": card["minutes"],
                           "final_losses": card["final_losses"]}))


@eval_app.command("inpaint")
def eval_inpaint_cmd(
    data: Path = typer.Option(..., "--data", help="The edits (or captions) set; its --split is measured."),
    split: str = typer.Option("test", "--split"),
    method: list[str] = typer.Option([], "--method", help="NAME (the shipped weights for the data's world) or "
                                                          "NAME=CHECKPOINT; repeatable. Default: every shipped one."),
    n: Optional[int] = typer.Option(None, "--n", help="Only the first N images."),
    reference: bool = typer.Option(True, "--mean-fill/--no-mean-fill", help="Add the trivial row: the box "
                                                                          "filled with the mean valid colour."),
    threads: Threads = 1,
    as_json: bool = typer.Option(False, "--json", help="Print {method: {l1, psnr, tv, ssim, ...}}."),
) -> None:
    """TDANet's metrics (grayscale; relative L1, PSNR, TV, SSIM σ=1.5; best of N=1) of each model."""
    import torch

    from ..inpainting import default_checkpoint
    from ..models.inpaint import METHODS
    from ..train.inpaint import evaluate

    torch.set_num_threads(threads)
    pairs = shipped_pairs(method, data, METHODS, default_checkpoint, "inpainting",
                          "tdanet=runs/inpaint/tdanet_shapes_edits")
    table = evaluate(data, split, pairs, n=n, reference=reference)
    if as_json:
        typer.echo(json.dumps(table))
        return
    print_table(table, f"inpainting on {data} ({split})", ["l1", "psnr", "tv", "ssim", "hole_l1", "hole_psnr", "images"])


@app.command("inpaint")
def inpaint_cmd(
    image: Path = typer.Argument(..., help="A PNG/JPEG picture."),
    text: str = typer.Argument("", help="What goes in the box, e.g. \"a bench\"."),
    box: str = typer.Option(..., "--box", help="x0,y0,x1,y1 in the picture's pixels."),
    method: str = typer.Option("tdanet", "--method"),
    checkpoint: Optional[Path] = typer.Option(None, "--checkpoint", help="A `train inpaint` folder (default: "
                                                                        "the shipped weights for --world)."),
    world: str = typer.Option("shapes", "--world", help="Which shipped weights, when no --checkpoint: shapes or "
                                                        "street."),
    output: Path = typer.Option(Path("inpaint.png"), "--output", "-o"),
    threads: Threads = 1,
) -> None:
    """Fill the box of IMAGE with what TEXT says; writes the picture at its own size."""
    import torch

    from ..inpainting import inpaint, parse_box
    from ..retrieve import read_image

    torch.set_num_threads(threads)
    src = read_image(image, "image")
    result = inpaint(src, parse_box(box), text, method=method, checkpoint=checkpoint, world=world)
    output.parent.mkdir(parents=True, exist_ok=True)
    result.save(output)
    typer.echo(str(output))
