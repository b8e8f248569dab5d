"""`scenewright data captions | import-captions | edits | css` — image sets for the model family.

The sets are in the shared format of data/imageset.py (card.json, {split}.jsonl, images/<size>/<id>.png).
Heavy imports happen inside the commands, so `scenewright --help` stays fast.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import List, Optional

import typer

from . import data_app


def _sizes(text: str) -> tuple[int, ...]:
    try:
        sizes = tuple(int(s) for s in text.split(","))
    except ValueError:
        raise typer.BadParameter(f"sizes look like 64 or 64,128, got {text!r}") from None
    if any(s < 8 or s > 1024 for s in sizes):
        raise typer.BadParameter("each size must be between 8 and 1024 pixels")
    return sizes


def _summary(card: dict, extra: dict | None = None) -> None:
    keys = ("kind", "world", "n", "splits", "sizes", "captions_per_image")
    out = {k: card[k] for k in keys if k in card}
    if "seconds" in card:
        out["seconds"] = round(card["seconds"], 2)
        out["images_per_second"] = round(card["n"] / max(card["seconds"], 1e-9), 1)
    out.update(extra or {})
    typer.echo(json.dumps(out))


@data_app.command("captions")
def data_captions(
    world: str = typer.Option(..., "--world", help="shapes, park, street, or codraw (real CoDraw dialogs)."),
    out: Path = typer.Option(..., "--out", "-o", help="Folder for the set (card.json, splits, images)."),
    n: Optional[int] = typer.Option(None, "--n", help="Number of images (generated worlds: required; codraw: "
                                                      "at most this many scenes, default all)."),
    seed: int = typer.Option(0, "--seed", help="Same seed, same bytes."),
    size: str = typer.Option("64", "--size", help="Square image sizes: 64, 128 or 64,128."),
    captions: int = typer.Option(5, "--captions", help="Captions per generated image (CUB has 10, COCO 5)."),
    workers: int = typer.Option(1, "--workers", help="Processes (the bytes do not depend on it)."),
    codraw: Optional[Path] = typer.Option(None, "--codraw", help="--world codraw: the CoDraw folder (dialogs/, "
                                                                "clipart/); default ../shared/data/codraw."),
) -> None:
    """Random scenes drawn by the procedural renderer, each with K true captions; or CoDraw's real scenes
    with their teller messages (--world codraw)."""
    if world == "codraw":
        from ..data.importers import make_codraw_captions

        card = make_codraw_captions(out, codraw_dir=codraw, sizes=_sizes(size), n=n)
        _summary(card)
        return
    if n is None:
        raise typer.BadParameter("--n is required for generated worlds", param_hint="--n")
    from ..data.captions import make_captions

    card = make_captions(world, n, out, seed=seed, sizes=_sizes(size), k=captions, workers=workers)
    _summary(card)


@data_app.command("import-captions")
def data_import_captions(
    images: Path = typer.Option(..., "--images", help="Image folder: CUB images/<class>/<name>.jpg or COCO "
                                                      "images/<name>.jpg."),
    text: Path = typer.Option(..., "--text", help="Caption folder mirroring it: text/<...>/<name>.txt, one "
                                                  "caption per line."),
    out: Path = typer.Option(..., "--out", "-o", help="Folder for the set."),
    size: str = typer.Option("64", "--size", help="Square sizes (centre crop, LANCZOS): 64, 128 or 64,128."),
    split_file: Optional[List[Path]] = typer.Option(None, "--split-file", help="Plain-text list of names for "
                                                    "one split (train*.txt, val*.txt, test*.txt); repeat it. "
                                                    "Pickles are refused. Default: a seeded 80/10/10 split."),
    seed: int = typer.Option(0, "--seed", help="Seed of the 80/10/10 split when no split file is given."),
) -> None:
    """Import an AttnGAN/DF-GAN captioned image folder (CUB, COCO layout) as an image set."""
    from ..data.importers import import_captions

    card = import_captions(images, text, out, sizes=_sizes(size), split_files=split_file or (), seed=seed)
    _summary(card, {"without_captions": card["without_captions"]})


@data_app.command("edits")
def data_edits(
    world: str = typer.Option(..., "--world", help="shapes, park or street."),
    n: int = typer.Option(..., "--n", help="Number of (source, instruction, target) pairs."),
    out: Path = typer.Option(..., "--out", "-o", help="Folder for the set."),
    seed: int = typer.Option(0, "--seed", help="Same seed, same bytes."),
    size: str = typer.Option("64", "--size", help="Square sizes: 64, 128 or 64,128."),
    captions: int = typer.Option(5, "--captions", help="Captions of each image."),
    workers: int = typer.Option(1, "--workers", help="Processes (the bytes do not depend on it)."),
) -> None:
    """Edit pairs made by the spine's own edits (recolour, attribute, add, remove) with the mask of change."""
    from ..data.edits import make_edits

    card = make_edits(world, n, out, seed=seed, sizes=_sizes(size), k=captions, workers=workers)
    _summary(card, {"edits": card["edits"]})


@data_app.command("css")
def data_css(
    world: str = typer.Option(..., "--world", help="shapes (with a 2D top view of each query) or street (one "
                                                   "vehicle or person per picture: \"the same car but red\", "
                                                   "\"the man without the bag\")."),
    n: int = typer.Option(..., "--n", help="Number of (query, text, target) triples."),
    out: Path = typer.Option(..., "--out", "-o", help="Folder for the set."),
    seed: int = typer.Option(0, "--seed", help="Same seed, same bytes."),
    size: str = typer.Option("64", "--size", help="Square sizes: 64, 128 or 64,128."),
    workers: int = typer.Option(1, "--workers", help="Processes (the bytes do not depend on it)."),
) -> None:
    """TIRG's CSS triples: query image, modification text (add / remove / change attribute), target."""
    from ..data.css import make_css

    card = make_css(world, n, out, seed=seed, sizes=_sizes(size), workers=workers)
    _summary(card, {"modifications": card["modifications"]})
