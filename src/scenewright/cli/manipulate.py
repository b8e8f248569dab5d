"""`scenewright train manipulate | eval manipulate | edit` — text-guided image manipulation (models/manipulate/).

torch is imported inside the commands, so `scenewright --help` stays fast.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer

from . import app, eval_app, train_app
from .options import Minutes, Seed, Steps, Threads, config_overrides


@train_app.command("manipulate")
def train_manipulate_cmd(
    method: str = typer.Option("manigan", "--method", help="sisgan, tagan, manigan (models/manipulate/METHODS)."),
    data: Path = typer.Option(..., "--data", help="An edits image set (`scenewright data edits`)."),
    damsm: Path = typer.Option(..., "--damsm", help="A trained DAMSM folder (`scenewright train damsm`)."),
    out: Path = typer.Option(..., "--out", help="Run / checkpoint folder. Run again with it to resume."),
    minutes: Minutes = None,
    steps: Steps = None,
    seed: Seed = 0,
    batch: int = typer.Option(16, "--batch", help="Pairs per step per process."),
    ckpt_every: int = typer.Option(200, "--ckpt-every", help="Checkpoint + sample grid every N steps."),
    threads: Threads = 1,
    setting: list[str] = typer.Option([], "--set", help="A config override, e.g. --set target_l1=10 or "
                                                        "--set text=instruction (repeatable)."),
) -> None:
    """Train SISGAN, TAGAN or ManiGAN by the shared loop (resumable, seeded; unchanged under torchrun)."""
    import os

    import torch

    from ..train.manipulate import train_manipulate

    torch.set_num_threads(threads)
    if steps is None and minutes is None:
        minutes = 20.0
    path = train_manipulate(method, data, damsm, out, steps=steps, minutes=minutes, seed=seed, batch=batch,
                            ckpt_every=ckpt_every, settings=config_overrides(setting))
    if os.environ.get("RANK", "0") == "0":
        card = json.loads((path.parent / "card.json").read_text())
        typer.echo(json.dumps({"weights": str(path), "steps": card["steps"], "minutes": card["minutes"],
                               "steps_per_second": card["steps_per_second"], "final_losses": card["final_losses"]}))


@eval_app.command("manipulate")
def eval_manipulate_cmd(
    data: Path = typer.Option(..., "--data", help="The edits image set (its --split is measured)."),
    split: str = typer.Option("test", "--split"),
    method: list[str] = typer.Option([], "--method", help="NAME (the shipped weights for the data's world) or "
                                                          "NAME=CHECKPOINT; repeatable. Default: every shipped one."),
    damsm_eval: Optional[Path] = typer.Option(None, "--damsm-eval", help="A DAMSM trained apart from the "
                                                                         "generators' (sim); default: the shipped "
                                                                         "one for the data's world."),
    text: str = typer.Option("caption", "--text", help="caption (the target's, CUB setting) or instruction."),
    n: Optional[int] = typer.Option(None, "--n", help="Only the first N records."),
    seed: Seed = 0,
    threads: Threads = 1,
    samples: Optional[Path] = typer.Option(None, "--samples", help="Write a source|target|each method sheet here."),
    as_json: bool = typer.Option(False, "--json", help="Print {method: {sim, diff, mp, target_l1, ...}}."),
) -> None:
    """ManiGAN's sim / diff / MP, the distance to the true edited image and FID, for each method, plus the
    oracle (the true target) and identity (output = input) rows."""
    import torch

    from ..data.imageset import ImageSet
    from ..editing import default_checkpoint
    from ..eval.manipulation import evaluate
    from ..models.manipulate import METHODS
    from ..train.t2i import default_damsm_eval
    from .retrieve import shipped_pairs

    torch.set_num_threads(threads)
    pairs = shipped_pairs(method, data, METHODS, default_checkpoint, "manipulation",
                          "manigan=runs/manipulate/manigan_shapes_edits")
    damsm_eval = damsm_eval or default_damsm_eval(ImageSet.open(data).world)
    table = evaluate(data, split, pairs, damsm_eval, text=text, n=n, seed=seed, samples=samples)
    if as_json:
        typer.echo(json.dumps(table))
        return
    from rich.console import Console
    from rich.table import Table

    t = Table(title=f"manipulation on {data} ({split}, text = {text})")
    cols = ["sim", "diff", "mp", "target_l1", "target_psnr", "target_ssim", "fid"]
    t.add_column("method")
    for c in cols:
        t.add_column(c, justify="right")
    for name, row in table.items():
        t.add_row(name, *[f"{row[c]:.3f}" if isinstance(row.get(c), float) else str(row.get(c, "")) for c in cols])
    Console().print(t)


@app.command("edit")
def edit_cmd(
    image: Path = typer.Argument(..., help="A PNG or JPEG (resized to the model's size)."),
    text: str = typer.Argument(..., help="What the picture should show, e.g. \"a blue cube and a red sphere\"."),
    method: str = typer.Option("manigan", "--method", help="sisgan, tagan, manigan."),
    checkpoint: Optional[Path] = typer.Option(None, "--checkpoint", help="A `train manipulate` folder (default: "
                                                                        "the shipped weights for --world)."),
    world: str = typer.Option("shapes", "--world", help="Which shipped weights, when no --checkpoint: shapes or "
                                                        "street."),
    output: Path = typer.Option(Path("edit.png"), "--output", "-o", help="Where to write the edited PNG."),
    seed: int = typer.Option(0, "--seed", help="Same seed, same pixels."),
    threads: Threads = 1,
) -> None:
    """Edit a picture with words (text-guided manipulation)."""
    import torch

    from ..editing import edit

    torch.set_num_threads(threads)
    out = edit(image, text, method=method, checkpoint=checkpoint, seed=seed, world=world)
    output.parent.mkdir(parents=True, exist_ok=True)
    out.save(output)
    typer.echo(str(output))
