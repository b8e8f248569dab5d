"""`scenewright data shapes | train geneva | train detector | eval geneva` — GeNeVA-GAN on shapes dialogs.

torch is imported inside the commands, so `scenewright --help` stays fast.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import List, Optional

import typer

from . import data_app, eval_app, train_app


def _sizes(text: str) -> tuple[int, ...]:
    try:
        sizes = tuple(int(s) for s in text.split(","))
    except ValueError:
        raise typer.BadParameter(f"sizes look like 64 or 64,128, got {text!r}") from None
    if any(s not in (64, 128) for s in sizes):
        raise typer.BadParameter("sizes must be 64 and/or 128")
    return sizes


@data_app.command("shapes")
def data_shapes(
    out: Path = typer.Option(..., "--out", "-o", help="Folder for the dataset (card.json, splits, images)."),
    n: int = typer.Option(10000, "--n", help="Number of 5-turn dialogs (80/10/10 train/val/test)."),
    seed: int = typer.Option(0, "--seed", help="Same seed, same bytes."),
    sizes: str = typer.Option("64", "--sizes", help="Image sizes: 64, 128 or 64,128."),
    hdf5: bool = typer.Option(False, "--hdf5", help="Also write GeNeVA's HDF5 layout, {split}_{size}.h5."),
) -> None:
    """i-CLEVR-style dialogs in the shapes world: one object added per turn, drawn by the spine."""
    from ..data.shapes_dialogs import make_dataset

    card = make_dataset(out, n=n, seed=seed, sizes=_sizes(sizes))
    if hdf5:
        from ..data.geneva_hdf5 import shapes_to_hdf5
        for split in card["splits"]:
            for size in card["sizes"]:
                shapes_to_hdf5(out, split, out / f"{split}_{size}.h5", size)
    typer.echo(json.dumps({k: card[k] for k in ("dialogs", "splits", "objects", "sizes", "vocabulary_size")}))


@data_app.command("geneva-import")
def data_geneva_import(
    h5: Path = typer.Argument(..., help="A GeNeVA-layout HDF5 file (e.g. i-CLEVR's clevr_train.h5)."),
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="Write it as one split of a shapes dataset "
                                                                 "folder (for train/eval geneva)."),
    split: str = typer.Option("train", "--split", help="With --out: train, val or test."),
    sizes: str = typer.Option("64", "--sizes", help="With --out: image sizes, 64 and/or 128."),
    background: Optional[Path] = typer.Option(None, "--background", help="With --out: the empty canvas as an "
                                                                         "image, when the file has none."),
) -> None:
    """Summarise a GeNeVA-layout HDF5 file, or (--out) import an i-CLEVR one as a shapes dataset split."""
    from ..data.geneva_hdf5 import LayoutError, hdf5_to_shapes, peek

    try:
        if out is None:
            first, entities, _, n = peek(h5)
            typer.echo(json.dumps({"dialogs": n, "entities": entities, "image": list(first.images.shape[1:]),
                                   "first": first.texts}))
            return
        bg = None
        if background is not None:
            import numpy as np
            from PIL import Image, UnidentifiedImageError
            try:
                bg = np.asarray(Image.open(background).convert("RGB"))
            except (OSError, UnidentifiedImageError) as e:
                raise LayoutError(f"{background}: not an image ({e})") from None
        entry = hdf5_to_shapes(h5, out, split, _sizes(sizes), background=bg)
    except LayoutError as e:
        typer.echo(f"error: {e}", err=True)
        raise typer.Exit(2) from None
    typer.echo(json.dumps(entry))


DATASET_HELP = "shapes (a folder of `scenewright data shapes`) or codraw (CoDraw's folder: dialogs/ + clipart/)."


@train_app.command("geneva")
def train_geneva(
    data: Path = typer.Option(..., "--data", help="A dataset from `scenewright data shapes`, or with "
                                                  "--dataset codraw the CoDraw folder (../shared/data/codraw)."),
    dataset: str = typer.Option("shapes", "--dataset", help=DATASET_HELP),
    run: Path = typer.Option(Path("runs/geneva"), "--run", "--out", help="Run folder: checkpoints, log, samples "
                                                                         "(CoDraw: also its renders). Run again "
                                                                         "with the same folder to resume."),
    clipart: Optional[Path] = typer.Option(None, "--clipart", help="CoDraw: the clip-art (default DATA/clipart)."),
    limit: Optional[int] = typer.Option(None, "--limit", help="CoDraw: only the first N train dialogs."),
    size: int = typer.Option(64, "--size", help="64 (default) or 128."),
    steps: int = typer.Option(20000, "--steps"),
    batch: int = typer.Option(8, "--batch", help="Dialogs per step per process (× 5 turns)."),
    seed: int = typer.Option(0, "--seed"),
    threads: int = typer.Option(1, "--threads", help="torch threads per process."),
    minutes: Optional[float] = typer.Option(None, "--minutes", help="Stop (with a checkpoint) after this long."),
    detector: Optional[Path] = typer.Option(None, "--detector", help="Score F1 / rsim on val while training "
                                                                     "(a detector of the dataset's classes)."),
    export: Optional[Path] = typer.Option(None, "--export", help="At the end, write the EMA generator here "
                                                                 "(safetensors + card)."),
) -> None:
    """Train GeNeVA-GAN. Works unchanged under `torchrun --nproc_per_node N -m scenewright.cli train geneva`."""
    from ..train.geneva import TrainConfig, export as export_run, train

    from ..train.geneva import DATASETS

    if dataset not in DATASETS:
        raise typer.BadParameter(f"--dataset must be one of {', '.join(DATASETS)}, got {dataset!r}")
    tc = TrainConfig(data=str(data), run=str(run), image_size=size, steps=steps, batch=batch, seed=seed,
                     threads=threads, max_minutes=minutes, detector=str(detector) if detector else None,
                     dataset=dataset, clipart=str(clipart) if clipart else None, limit=limit)
    train(tc)
    if export:
        typer.echo(str(export_run(run, export)))


@train_app.command("detector")
def train_detector_cmd(
    data: Path = typer.Option(..., "--data", help="A dataset from `scenewright data shapes`."),
    out: Path = typer.Option(Path("runs/detector/shapes64"), "--out"),
    size: int = typer.Option(64, "--size"),
    epochs: int = typer.Option(3, "--epochs"),
    dialogs: Optional[int] = typer.Option(4000, "--dialogs", help="Train dialogs used (all turns of each)."),
    seed: int = typer.Option(0, "--seed"),
    threads: int = typer.Option(1, "--threads"),
    floors: str = typer.Option("light,dark", "--floors", help="Floors to draw the train scenes on, in turn "
                                                              "(the shapes world's backgrounds)."),
) -> None:
    """Train the shapes detector + localizer that scores GeNeVA's P / R / F1 / rsim."""
    import torch

    from ..eval.geneva import train_shapes_detector

    torch.set_num_threads(threads)
    _, scores = train_shapes_detector(str(data), out, size=size, epochs=epochs, seed=seed, n=dialogs,
                                      floors=tuple(f.strip() for f in floors.split(",") if f.strip()))
    typer.echo(json.dumps({"val_vs_oracle_by_floor": scores}))


@eval_app.command("geneva")
def eval_geneva(
    data: Path = typer.Option(..., "--data", help="As for `train geneva`."),
    dataset: str = typer.Option("shapes", "--dataset", help=DATASET_HELP),
    split: Optional[str] = typer.Option(None, "--split", help="Default: test (shapes), val (CoDraw has train "
                                                              "and val only)."),
    model: Optional[Path] = typer.Option(None, "--model", help="GeNeVA-GAN checkpoint (default: the shipped "
                                                               "weights/geneva_shapes)."),
    detector: Optional[Path] = typer.Option(None, "--detector", help="Default (shapes): "
                                                                     "weights/geneva_shapes_detector; CoDraw needs "
                                                                     "one from `train codraw-detector --size 64`."),
    clipart: Optional[Path] = typer.Option(None, "--clipart", help="CoDraw: the clip-art (default DATA/clipart)."),
    drawer: List[str] = typer.Option(["grammar"], "--drawer", help="CoDraw: our drawers to score beside the GAN "
                                                                   "(eval codraw's specs; repeatable)."),
    n: Optional[int] = typer.Option(None, "--n", help="Only the first N dialogs."),
    seed: int = typer.Option(0, "--seed"),
    threads: int = typer.Option(1, "--threads"),
    as_json: bool = typer.Option(False, "--json", help="Print the rows as JSON instead of a table."),
) -> None:
    """P / R / F1 / rsim (GeNeVA's protocol) and our feature FID for GeNeVA-GAN, the spine and ground truth."""
    import torch

    from ..eval.geneva import evaluate
    from ..eval.metrics import format_table

    torch.set_num_threads(threads)
    if dataset not in ("shapes", "codraw"):
        raise typer.BadParameter(f"--dataset must be shapes or codraw, got {dataset!r}")
    split = split or ("val" if dataset == "codraw" else "test")
    if model is None and dataset == "shapes":
        model = Path(__file__).resolve().parents[1] / "weights" / "geneva_shapes"
        if not model.with_suffix(".safetensors").exists():
            typer.echo("(no shipped GeNeVA-GAN weights: scoring the spine and ground truth only)", err=True)
            model = None
    elif model is None:
        typer.echo("(no --model: no GeNeVA-GAN weights are shipped for CoDraw; scoring the drawers and ground "
                   "truth only)", err=True)
    rows = evaluate(str(data), split, str(model) if model else None, str(detector) if detector else None, n=n,
                    seed=seed, dataset=dataset, clipart=str(clipart) if clipart else None, drawers=drawer)
    if as_json:
        typer.echo(json.dumps(rows, indent=1))
    elif dataset == "codraw":
        typer.echo("final round (GeNeVA's last kept round of each dialog):")
        typer.echo(format_table(rows, ("precision", "recall", "f1", "rsim", "fid")))
        typer.echo("\nevery kept round:")
        typer.echo(format_table({k: {c.removesuffix("_per_round"): v for c, v in r.items() if c.endswith(
            "_per_round")} for k, r in rows.items() if "f1_per_round" in r}, ("precision", "recall", "f1", "rsim")))
    else:
        typer.echo(format_table(rows, ("precision", "recall", "f1", "rsim", "fid")))
