"""`scenewright train captioner | eval captioner | telephone` — Show and Tell and the broken telephone.

torch is imported inside the commands, so `scenewright --help` stays fast.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer

from . import app, eval_app, train_app
from .options import Minutes, Seed, Steps, Threads, config_overrides


@train_app.command("captioner")
def train_captioner_cmd(
    data: Path = typer.Option(..., "--data", help="A captions image set (`scenewright data captions`)."),
    out: Path = typer.Option(..., "--out", help="Run folder. Run again with it to resume."),
    minutes: Minutes = None,
    steps: Steps = None,
    seed: Seed = 0,
    size: int = typer.Option(64, "--size", help="Which images of the set (the CNN itself reads 224²)."),
    batch: int = typer.Option(64, "--batch", help="Captions per step."),
    ckpt_every: int = typer.Option(250, "--ckpt-every", help="Checkpoint every N steps."),
    threads: Threads = 1,
    setting: list[str] = typer.Option([], "--set", help="A config override, e.g. --set hidden_dim=512."),
) -> None:
    """Train the Show and Tell captioner (CNN-LSTM); prints its test BLEU-4."""
    import torch

    from ..train.captioner import train_captioner

    torch.set_num_threads(threads)
    if steps is None and minutes is None:
        minutes = 10.0
    path = train_captioner(data, out, steps=steps, minutes=minutes, seed=seed, size=size, batch=batch,
                           ckpt_every=ckpt_every, settings=config_overrides(setting))
    card = json.loads((path.parent / "card.json").read_text())
    typer.echo(json.dumps({"weights": str(path), "steps": card["steps"], "minutes": card["minutes"],
                           "final_losses": card["final_losses"], "metrics": card["metrics"]}))


@eval_app.command("captioner")
def eval_captioner_cmd(
    data: Path = typer.Option(..., "--data", help="A captions image set."),
    captioner: Path = typer.Option(..., "--captioner", help="A `train captioner` folder."),
    split: str = typer.Option("test", "--split"),
    beam: Optional[int] = typer.Option(None, "--beam", help="Beam size (1: greedy; default: the config's)."),
    n: Optional[int] = typer.Option(None, "--n", help="Only the first N records."),
    threads: Threads = 1,
) -> None:
    """Corpus BLEU-1…4 of the captioner on a split (every caption of an image a reference)."""
    import torch

    from ..train.captioner import evaluate_captioner

    torch.set_num_threads(threads)
    typer.echo(json.dumps(evaluate_captioner(captioner, data, split, beam=beam, n=n), indent=1))


@app.command("telephone")
def telephone_cmd(
    images: list[Path] = typer.Argument(None, help="Start image(s); or give --text."),
    text: list[str] = typer.Option([], "--text", help="Start from this caption instead of an image (repeatable)."),
    rounds: int = typer.Option(10, "--rounds", help="Rounds after round 0."),
    method: list[str] = typer.Option([], "--method", help="A text-to-image method: NAME (shipped weights) or "
                                                          "NAME=RUN (a `train t2i` folder). Repeatable."),
    spine: bool = typer.Option(True, "--spine/--no-spine", help="Play the spine's own loop beside the methods."),
    world: str = typer.Option("shapes", "--world"),
    captioner: Optional[Path] = typer.Option(None, "--captioner", help="A `train captioner` folder (default: "
                                                                       "the shipped one for --world)."),
    detector: Optional[Path] = typer.Option(None, "--detector", help="Object detector (default: the shipped "
                                                                     "shapes detector)."),
    scene: list[Path] = typer.Option([], "--scene", help="The scene JSON of each start image, in order (e.g. an "
                                                           "image set's scenes/<id>.json): score against it."),
    output: Path = typer.Option(Path("telephone.png"), "--output", "-o", help="The strip (PNG)."),
    as_json: bool = typer.Option(False, "--json", help="Print the rounds and the drift curves as one JSON object."),
    seed: Seed = 0,
    threads: Threads = 1,
) -> None:
    """The broken telephone: caption → image → caption → …, per round object F1 and caption BLEU-4 against
    round 0, for each method and for the spine's own loop."""
    import torch
    from PIL import Image

    from ..errors import ScenewrightError
    from ..broken_telephone import drift, telephone

    torch.set_num_threads(threads)
    if bool(images) == bool(text):
        raise ScenewrightError("give start image(s) or --text \"…\" (one of the two)")
    if scene and len(scene) != len(images or []):
        raise ScenewrightError(f"{len(scene)} --scene for {len(images or [])} start images: give one per image")
    starts = ([dict(image=p, scene=scene[i] if scene else None) for i, p in enumerate(images)] if images
              else [dict(text=t) for t in text])
    results = [telephone(**s, rounds=rounds, methods=method, spine=spine, world=world, captioner=captioner,
                         detector=detector, seed=seed) for s in starts]
    strips = [t.strip() for t in results]
    sheet = Image.new("RGB", (max(s.width for s in strips), sum(s.height for s in strips)), "white")
    y = 0
    for s in strips:
        sheet.paste(s, (0, y))
        y += s.height
    output.parent.mkdir(parents=True, exist_ok=True)
    sheet.save(output)
    curves = drift(results)
    if as_json:
        typer.echo(json.dumps({"world": world, "rounds": rounds, "strip": str(output),
                               "runs": [t.to_dict() for t in results], "drift": curves}))
        return
    for name, c in curves.items():
        typer.echo(f"{name:>12}  object F1 " + " ".join(f"{v:5.1f}" for v in c["object_f1"]))
        typer.echo(f"{'':>12}  BLEU-4    " + " ".join(f"{v:5.1f}" for v in c["bleu4"]))
    typer.echo(f"wrote {output}")
