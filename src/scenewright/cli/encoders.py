"""`scenewright train damsm | eval damsm | eval features` — the shared encoders and metrics (docs/encoders.md).

torch is imported inside the commands, so `scenewright --help` stays fast.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer

from . import eval_app, train_app


@train_app.command("damsm")
def train_damsm(
    data: Path = typer.Option(..., "--data", help="A captions image set (`scenewright data captions`)."),
    out: Path = typer.Option(..., "--out", help="Run folder: last.pt (resume), damsm.safetensors, card.json."),
    image_encoder: str = typer.Option("efficientnet", "--image-encoder",
                                      help="efficientnet (frozen ImageNet Lite0) or scratch (a small CNN)."),
    size: int = typer.Option(64, "--size", help="Image size read from the set."),
    minutes: Optional[float] = typer.Option(None, "--minutes", help="Stop (with a checkpoint) after M minutes."),
    epochs: int = typer.Option(600, "--epochs", help="AttnGAN trains 600."),
    seed: int = typer.Option(0, "--seed", help="Same seed and --epochs (no --minutes), same bytes."),
    batch_size: int = typer.Option(48, "--batch-size"),
    max_words: int = typer.Option(18, "--max-words", help="Words kept per caption (AttnGAN: 18)."),
    threads: int = typer.Option(1, "--threads", help="torch threads (the machine is shared)."),
) -> None:
    """Train AttnGAN's DAMSM text and image encoders on a captions set (resumes from OUT/last.pt)."""
    from ..train.damsm import TrainConfig
    from ..train.damsm import train_damsm as run

    if image_encoder not in ("efficientnet", "scratch"):
        raise typer.BadParameter("--image-encoder is efficientnet or scratch")
    tc = TrainConfig(data=str(data), out=str(out), image_encoder=image_encoder, size=size, epochs=epochs,
                     minutes=minutes, seed=seed, batch_size=batch_size, max_words=max_words, threads=threads)
    card = run(tc)
    if card:
        m = card["metrics"]["test"]
        typer.echo(f"damsm → {out}/damsm.safetensors ({card['weights']['bytes'] / 1e6:.1f} MB, {card['steps']} "
                   f"steps, {card['minutes']} min); test R-precision {m['r_precision']:.1f} ± {m['r_std']:.1f} %, "
                   f"text→image R@1 {m['recall@1']:.1f} %, R@5 {m['recall@5']:.1f} %")


@eval_app.command("damsm")
def eval_damsm(
    data: Path = typer.Option(..., "--data", help="A captions image set."),
    damsm: Path = typer.Option(..., "--damsm", help="A trained DAMSM folder (`scenewright train damsm`)."),
    split: str = typer.Option("test", "--split"),
    size: int = typer.Option(64, "--size"),
    seed: int = typer.Option(0, "--seed", help="Which caption per image and which mismatched captions."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object."),
) -> None:
    """R-precision of the *real* images of a split (the ceiling for generators) and text→image Recall@1/5."""
    import torch

    from ..data.imageset import ImageSet
    from ..models.encoders.damsm import load_damsm
    from ..train.damsm import evaluate_damsm

    torch.set_num_threads(1)
    text, image = load_damsm(damsm)
    m = evaluate_damsm(text, image, ImageSet.open(data), split, size, seed)
    if as_json:
        typer.echo(json.dumps(m))
        return
    typer.echo(f"{split} ({m['n']} real images, DAMSM {damsm}):\n"
               f"  R-precision        {m['r_precision']:6.2f} ± {m['r_std']:.2f} %   (1 true + 99 mismatched)\n"
               f"  text→image R@1     {m['recall@1']:6.2f} %\n"
               f"  text→image R@5     {m['recall@5']:6.2f} %")


@eval_app.command("features")
def eval_features(
    data: Path = typer.Option(..., "--data", help="A captions image set."),
    split: str = typer.Option("test", "--split", help="The split measured."),
    against: str = typer.Option("val", "--against", help="The real split whose statistics FID compares with."),
    size: int = typer.Option(64, "--size"),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Real-vs-real FID and IS on EfficientNet-Lite0 (the sanity row; not Inception-v3 digits)."""
    import torch

    from ..eval.features import real_vs_real

    torch.set_num_threads(1)
    m = real_vs_real(data, split, against, size)
    if as_json:
        typer.echo(json.dumps(m))
        return
    typer.echo(f"{split} vs {against} ({m['n']} images, EfficientNet-Lite0): FID {m['fid']:.2f}, "
               f"IS {m['is']:.2f} ± {m['is_std']:.2f}")
