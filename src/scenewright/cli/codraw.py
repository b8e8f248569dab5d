"""`scenewright data codraw`, `train drawer`, `train codraw-detector`, `eval codraw` (see docs/codraw.md).

Torch and the data code are imported inside the commands so that `scenewright --help` stays fast.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import List, Optional

import typer

from . import data_app, eval_app, train_app

DATA_HELP = "CoDraw: its root (dialogs/ + clipart/), a folder of dialog files, CoDraw_1_0.json, or an imported folder."


def _data(path: Optional[Path]) -> Path:
    if path is not None:
        return path
    from ..data.codraw import default_codraw_dir

    return default_codraw_dir()


@data_app.command("codraw")
def data_codraw(
    src: Optional[Path] = typer.Option(None, "--src", envvar="SCENEWRIGHT_CODRAW", help=DATA_HELP),
    out: Path = typer.Option(..., "--out", help="Folder for <split>.jsonl + meta.json (keep it out of the repo)."),
    geneva: bool = typer.Option(False, "--geneva", help="GeNeVA's preprocessing: keep rounds that add a piece, "
                                                        "merge the others' text into the next one."),
    split: Optional[List[str]] = typer.Option(None, "--split", help="Only these splits (repeatable)."),
    limit: Optional[int] = typer.Option(None, "--limit", help="At most N dialogs per split."),
    hdf5: bool = typer.Option(False, "--hdf5", help="Also write GeNeVA's HDF5 layout (codraw_<split>.h5, 128×128)."),
    clipart: Optional[Path] = typer.Option(None, "--clipart", envvar="SCENEWRIGHT_CLIPART",
                                           help="Clip-art folder for --hdf5 (default <src>/clipart)."),
):
    """Import CoDraw into scenewright's dataset format (park scenes, canonical names)."""
    from ..data.codraw import import_codraw

    src = _data(src)
    meta = import_codraw(src, out, geneva=geneva, splits=split, limit=limit)
    for s, c in meta["splits"].items():
        typer.echo(f"{s}: {c['dialogs']} dialogs, {c['turns']} rounds → {Path(out) / (s + '.jsonl')}")
    if hdf5:
        from ..data.codraw import export_geneva_hdf5, load_codraw

        for s in meta["splits"]:
            path = export_geneva_hdf5(load_codraw(out, s), Path(out) / f"codraw_{s}.h5",
                                      clipart or (src / "clipart" if (src / "clipart").is_dir() else None))
            typer.echo(f"{s}: GeNeVA HDF5 → {path}")


@data_app.command("codraw-from-hdf5")
def data_codraw_from_hdf5(
    h5: Path = typer.Argument(..., help="A GeNeVA CoDraw HDF5 file (codraw_val.h5)."),
    out: Path = typer.Option(..., "--out", help="Output .jsonl of dialogs (park scenes)."),
    split: str = typer.Option("val", "--split"),
):
    """Read GeNeVA's CoDraw HDF5 (objects + coords per round) back into park scenes."""
    from ..data.codraw import import_geneva_hdf5

    dialogs = import_geneva_hdf5(h5, split)
    Path(out).parent.mkdir(parents=True, exist_ok=True)
    with open(out, "w") as fh:
        for d in dialogs:
            fh.write(json.dumps(d.to_dict()) + "\n")
    typer.echo(f"{len(dialogs)} dialogs → {out}")


@train_app.command("drawer")
def train_drawer_cmd(
    data: Optional[Path] = typer.Option(None, "--data", envvar="SCENEWRIGHT_CODRAW", help=DATA_HELP),
    out: Path = typer.Option(Path("runs/codraw/drawer"), "--out", help="Checkpoint folder (not in the repo)."),
    method: str = typer.Option("learned", "--method", help="learned (DrawerNet) or nn (nearest-neighbour index)."),
    text: str = typer.Option("both", "--text", help="Text encoder: minilm (frozen), own (bag of words), both."),
    epochs: int = typer.Option(5, "--epochs"),
    batch_size: int = typer.Option(256, "--batch-size"),
    lr: float = typer.Option(2e-3, "--lr"),
    hidden: int = typer.Option(512, "--hidden"),
    seed: int = typer.Option(0, "--seed"),
    seeds: int = typer.Option(1, "--seeds", help="Train this many networks (seeds --seed, --seed+1, …, each in "
                                                 "<out>/seed<S>) and make them one ensemble in <out>."),
    limit: Optional[int] = typer.Option(None, "--limit", help="Train on the first N dialogs only."),
    val_dialogs: int = typer.Option(200, "--val-dialogs", help="Val dialogs for model selection."),
    minilm_cache: Optional[Path] = typer.Option(None, "--minilm-cache", help="Cached MiniLM vectors (.npz)."),
    threads: int = typer.Option(1, "--threads", help="torch threads per process."),
    budget: Optional[float] = typer.Option(None, "--budget", help="Optional guard, off by default: stop with an "
                                           "error once the whole command passes this many seconds (checked after "
                                           "each epoch). It never trains fewer members or epochs to fit; run the "
                                           "same command again to go on from where it stopped."),
    history: bool = typer.Option(True, "--history/--no-history",
                                 help="Also read which classes earlier messages named (own/both encoders)."),
    goal: str = typer.Option("target", "--goal", help="target: learn what to draw from the Teller's scene; "
                                                      "human: imitate the human drawer's edits."),
    spotter: bool = typer.Option(True, "--spotter/--no-spotter",
                                 help="A learned word → class spotter beside the bag of words (own/both encoders)."),
    members: bool = typer.Option(True, "--members/--no-members",
                                 help="A head that picks which look-alike is meant (which hat, which tree)."),
    place_sigma: float = typer.Option(3.0, "--place-sigma",
                                      help="Learn x / y against a Gaussian this many bins wide around the true "
                                           "bin (0: the bin alone)."),
    local: bool = typer.Option(True, "--local/--no-local",
                               help="Read each named piece's place and looks from the words around its name, "
                                    "and place it off the piece it is said to be next to (own/both encoders)."),
    names: bool = typer.Option(True, "--names/--no-names",
                               help="Also learn names the world does not know from the train split "
                                    "(\"apple\" → apple tree, \"witch\" → wizard hat; kept in the card)."),
):
    """Train the learned CoDraw drawer (resumable from <out>/last.pt), or build the NN baseline's index.

    The same command trains the same drawer on any machine: every member (--seeds), every epoch (--epochs)."""
    data = _data(data)
    if method == "nn":
        from ..train.drawer import build_nn_index

        typer.echo(f"nearest-neighbour index → {build_nn_index(data, out, minilm_cache, limit)}")
        return
    from ..train.drawer import train_drawer, train_drawer_ensemble

    if seeds > 1:
        result = train_drawer_ensemble(data, out, seeds, seed=seed, time_budget=budget, val_dialogs=val_dialogs,
                                       text=text, epochs=epochs, batch_size=batch_size, lr=lr, hidden=hidden,
                                       minilm_cache=minilm_cache, limit=limit, threads=threads, history=history,
                                       goal=goal, spotter=spotter, members=members, local=local,
                                       names=names, place_sigma=place_sigma)
        typer.echo(f"done in {result['seconds']:.0f}s: an ensemble of {len(result['members'])} → {out} "
                   f"(thresholds {result['thresholds']}; use parser='codraw:{out}')")
        return
    result = train_drawer(data, out, text=text, epochs=epochs, batch_size=batch_size, lr=lr, seed=seed,
                          hidden=hidden, minilm_cache=minilm_cache, limit=limit, val_dialogs=val_dialogs,
                          threads=threads, time_budget=budget, history=history, goal=goal,
                          spotter=spotter, members=members, local=local, names=names, place_sigma=place_sigma)
    typer.echo(f"done in {result['seconds']:.0f}s → {Path(out) / 'drawer.safetensors'} "
               f"(use parser='codraw:{Path(out)}')")


@train_app.command("drawer-ensemble")
def train_drawer_ensemble_cmd(
    members: List[Path] = typer.Argument(..., help="Trained drawer folders (same options, other --seed)."),
    out: Path = typer.Option(..., "--out", help="Folder for the ensemble's card (it refers to the members)."),
    data: Optional[Path] = typer.Option(None, "--data", envvar="SCENEWRIGHT_CODRAW", help=DATA_HELP),
    val_dialogs: int = typer.Option(200, "--val-dialogs", help="Val dialogs to tune the thresholds on."),
):
    """Average several trained drawers' predictions; tunes the thresholds for the ensemble."""
    from ..train.drawer import make_ensemble

    thresholds = make_ensemble(members, out, _data(data), val_dialogs)
    typer.echo(f"ensemble of {len(members)} → {out} (thresholds {thresholds}; use parser='codraw:{out}')")


@train_app.command("codraw-detector")
def train_codraw_detector(
    data: Optional[Path] = typer.Option(None, "--data", envvar="SCENEWRIGHT_CODRAW", help=DATA_HELP),
    out: Path = typer.Option(Path("runs/codraw/detector"), "--out"),
    clipart: Optional[Path] = typer.Option(None, "--clipart", envvar="SCENEWRIGHT_CLIPART"),
    images: int = typer.Option(20000, "--images", help="How many train canvases to render."),
    size: int = typer.Option(128, "--size"),
    epochs: int = typer.Option(8, "--epochs"),
    seed: int = typer.Option(0, "--seed"),
    threads: int = typer.Option(1, "--threads"),
    budget: Optional[float] = typer.Option(1200, "--budget", help="Seconds of training at most."),
    jitter: float = typer.Option(0.0, "--jitter", help="Move the pieces of every other render by N(0, J) of the "
                                                       "canvas (robustness to a drawer's placements)."),
):
    """Train the 58-class detector + localiser on rendered CoDraw train canvases (GeNeVA's protocol)."""
    from ..eval.codraw import train_codraw_detector as run

    path = run(_data(data), out, clipart=clipart, images=images, size=size, epochs=epochs, seed=seed,
               threads=threads, budget=budget, jitter=jitter)
    typer.echo(f"detector → {path}")


@eval_app.command("codraw")
def eval_codraw(
    data: Optional[Path] = typer.Option(None, "--data", envvar="SCENEWRIGHT_CODRAW", help=DATA_HELP),
    split: str = typer.Option("val", "--split", help="val, test, … (a folder of one split is taken whole)."),
    drawer: List[str] = typer.Option(["human"], "--drawer",
                                     help="human, grammar, codraw:<ckpt>, nn:<index> (repeatable)."),
    detector: Optional[Path] = typer.Option(None, "--detector", envvar="SCENEWRIGHT_CODRAW_DETECTOR",
                                            help="Detector checkpoint (`train codraw-detector`); without it "
                                                 "P/R/F1/rsim come from the scenes' own pieces."),
    clipart: Optional[Path] = typer.Option(None, "--clipart", envvar="SCENEWRIGHT_CLIPART"),
    limit: Optional[int] = typer.Option(None, "--limit", help="First N dialogs only."),
    out: Optional[Path] = typer.Option(None, "--out", help="Write the whole report as JSON here."),
    threads: int = typer.Option(1, "--threads"),
    cache: Optional[Path] = typer.Option(None, "--cache", help="Keep each drawer's canvases here and reuse them."),
    round_dialogs: Optional[int] = typer.Option(None, "--detector-round-dialogs",
                                                help="Per-round detector scores on the rounds of the first N "
                                                     "dialogs only (rendering + detection is the slow part)."),
    merge: Optional[List[Path]] = typer.Option(None, "--merge", help="Instead of running: merge these reports "
                                               "(runs of the same split and detector, e.g. in parallel)."),
):
    """Score drawers on a CoDraw split: GeNeVA's P/R/F1/rsim and CoDraw's scene similarity; prints a table."""
    from ..eval.codraw import format_report, merge_reports, write_report

    if merge:
        report = merge_reports([json.loads(Path(m).read_text()) for m in merge])
        typer.echo(format_report(report))
        if out:
            typer.echo(f"report → {write_report(report, out)}")
        return
    try:
        import torch

        torch.set_num_threads(threads)
    except ImportError:
        pass
    from ..eval.codraw import evaluate, format_report, write_report

    report = evaluate(_data(data), split, drawer, detector, clipart, limit, cache=cache,
                      detector_round_dialogs=round_dialogs)
    typer.echo(format_report(report))
    if out:
        typer.echo(f"report → {write_report(report, out)}")
