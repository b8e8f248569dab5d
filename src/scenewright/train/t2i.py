"""`scenewright train t2i`: any method of the text-to-image family on a captions image set, by the shared loop.

    train_t2i("dfgan", data="/tmp/imagesets/shapes64", damsm="runs/damsm/shapes64", out="runs/t2i/dfgan_shapes64",
              minutes=60)

OUT ends up as a self-contained checkpoint folder: <method>.safetensors + card.json + damsm/ (the frozen text
encoder, copied), plus last.pt (to resume: run the same command again), log.jsonl and samples/.
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import torch

from ..errors import CheckpointError, MissingFile, ScenewrightError
from .distributed import Dist
from .loop import LoopConfig, train


def train_t2i(method: str, data: str | Path, damsm: str | Path, out: str | Path, *, steps: int | None = None,
              minutes: float | None = None, seed: int = 0, size: int = 64, batch: int = 32,
              ckpt_every: int = 250, settings: dict | None = None, progress: bool = True,
              command: str | None = None) -> Path:
    """Train `method` (a name of models.t2i.METHODS) and return OUT/<method>.safetensors."""
    from ..data.imageset import ImageSet
    from ..models.encoders.damsm import WEIGHTS, load_damsm
    from ..models.t2i import build

    if steps is None and minutes is None:
        raise ScenewrightError("give a budget: --steps N and/or --minutes M")
    ds = ImageSet.open(data)
    if ds.kind != "captions":
        raise ScenewrightError(f"{data} is a {ds.kind!r} set; text-to-image training reads a 'captions' set "
                               "(`scenewright data captions ...`)")
    if size not in ds.sizes:
        raise ScenewrightError(f"{data} has no {size} px images (sizes: {ds.sizes}); remake it with --size {size}")
    damsm_dir = Path(damsm)
    if not (damsm_dir / WEIGHTS).is_file() and not damsm_dir.is_file():
        raise MissingFile(f"no DAMSM at {damsm_dir}; train the text encoder first with `scenewright train damsm "
                          f"--data {data} --out {damsm_dir}` (the methods never fall back to a random encoder)")
    dist = Dist.from_env()
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    copied = out / "damsm"
    if dist.main:
        _copy_damsm(damsm_dir, copied)
    dist.barrier()
    text, image_encoder = load_damsm(copied, dist.device)

    torch.manual_seed(seed)  # the same initial weights on every replica and every run
    model = build(method, text, image_size=size, **(settings or {}))
    if hasattr(model, "attach_image_encoder"):  # AttnGAN's DAMSM loss
        model.attach_image_encoder(image_encoder)
    val = ds.records("val") or ds.records("train")
    captions = tuple(r["captions"][0] for r in val[:6])

    def batches(epoch: int):
        return ds.caption_batches("train", size=size, batch_size=batch, seed=seed, epoch=epoch, drop_last=True)

    card = {"data": str(Path(data).resolve()), "data_sha256": ds.card.get("sha256", {}),
            "data_command": ds.card.get("command"), "world": ds.world, "image_size": size, "batch": batch,
            "damsm": str(damsm_dir.resolve()), "world_size": dist.world_size,
            "command": command or " ".join(["scenewright"] + sys.argv[1:]),
            "threads": torch.get_num_threads(), "device": str(dist.device)}
    lc = LoopConfig(out=str(out), steps=steps, minutes=minutes, seed=seed, ckpt_every=ckpt_every,
                    sample_captions=captions, progress=progress, card=card)
    return train(model, batches, lc, dist)


def _copy_damsm(src: Path, dst: Path) -> None:
    """Copy the DAMSM folder (or file) into OUT/damsm; refuse to mix two different encoders in one run."""
    from ..data.imageset import sha256_file
    from ..models.encoders.damsm import WEIGHTS

    file = src / WEIGHTS if src.is_dir() else src
    if (dst / WEIGHTS).is_file():
        if sha256_file(dst / WEIGHTS) != sha256_file(file):
            raise CheckpointError(f"{dst.parent} was trained with another DAMSM than {src}; use a new --out")
        return
    dst.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(file, dst / WEIGHTS)
    card = file.parent / "card.json"
    if card.is_file():
        shutil.copyfile(card, dst / "card.json")
    else:
        (dst / "card.json").write_text(json.dumps({"copied_from": str(file)}))


def shipped_checkpoints(data: str | Path, specs=()) -> dict[str, Path]:
    """{name: checkpoint} from `eval t2i --method` specs: NAME=RUN, or NAME alone for the shipped weights of the
    data's world; no specs: every method that has shipped weights for the world."""
    from ..data.imageset import ImageSet
    from ..models.t2i import METHODS
    from ..t2i import default_checkpoint

    world = ImageSet.open(data).world
    pairs = {}
    for spec in specs:
        name, sep, ckpt = str(spec).partition("=")
        if not sep:
            if name not in METHODS:
                raise ScenewrightError(f"--method {name!r}: give a method ({', '.join(METHODS)}) or "
                                       "NAME=RUN, e.g. dfgan=runs/t2i/dfgan_shapes64")
            ckpt = default_checkpoint(name, world)
            if not ckpt.exists():
                raise MissingFile(f"no {name} weights are shipped for the {world} world; give --method {name}=RUN")
        pairs[name] = Path(ckpt)
    if not specs:
        pairs = {m: default_checkpoint(m, world) for m in METHODS if default_checkpoint(m, world).exists()}
        if not pairs:
            raise MissingFile(f"no text-to-image weights are shipped for the {world} world; give --method NAME=RUN")
    return pairs


def default_damsm_eval(world: str | None) -> Path:
    """The shipped R-precision DAMSM of a world (weights/damsm/<world>_eval), trained apart from the generators'."""
    path = weights_root() / "damsm" / f"{world}_eval"
    if not path.is_dir():
        raise MissingFile(f"no evaluation DAMSM is shipped for the {world} world; train one apart from the "
                          f"generators' (`scenewright train damsm --data DIR --out RUN --seed 1`) and pass "
                          f"--damsm-eval RUN")
    return path


def evaluate(data: str | Path, split: str, checkpoints: dict[str, str | Path], damsm_eval: str | Path | None = None,
             detector: str | Path | None = None, n: int | None = None, seed: int = 0, batch: int = 50,
             progress: bool = True) -> dict[str, dict]:
    """{method: {fid, is, r_precision, object_f1, ...}}: each method draws one image per record of `split` from
    the record's first caption (seeded), measured by eval/t2i_metrics.score_t2i the same way for all. The
    object detector defaults to the shipped shapes detector on a shapes set; `damsm_eval` to the shipped
    evaluation DAMSM of the data's world."""
    from tqdm import tqdm

    from ..data.imageset import ImageSet
    from ..eval.features import real_statistics
    from ..eval.t2i_metrics import score_t2i
    from ..models.encoders.damsm import load_damsm
    from ..models.t2i import load

    ds = ImageSet.open(data)
    records = ds.records(split)[:n] if n else ds.records(split)
    if detector is None and ds.world == "shapes":
        detector = Path(__file__).resolve().parents[1] / "weights" / "geneva_shapes_detector"
    if damsm_eval is None:
        damsm_eval = default_damsm_eval(ds.world)
    pair = load_damsm(damsm_eval)
    table = {}
    for name, ckpt in checkpoints.items():
        model = load(ckpt)
        if model.name != name:
            raise ScenewrightError(f"{ckpt} holds a {model.name} model, not {name}")
        size = model.cfg.image_size
        stats = real_statistics(data, split, size, progress=progress)
        captions = [r["captions"][0] for r in records]
        images = []
        for i in tqdm(range(0, len(captions), batch), desc=f"eval {name}", disable=not progress):
            with torch.inference_mode():
                images.append(model.generate(captions[i:i + batch], seed=seed + i))
        report = score_t2i(torch.cat(images), records, pair, detector=detector, captions=captions,
                           real_stats=stats, seed=seed)
        table[name] = {k: (round(v, 3) if isinstance(v, float) else v) for k, v in report.items()}
        table[name]["checkpoint"] = str(ckpt)
        table[name]["damsm_eval"] = str(damsm_eval)
    return table


# -- shipping a run under src/scenewright/weights/ -------------------------------------------------------------
def weights_root() -> Path:
    """src/scenewright/weights: where shipped checkpoints live (inside the package, so a wheel has them)."""
    return Path(__file__).resolve().parents[1] / "weights"


LIMIT = 10 * 2 ** 20  # bytes: the most one shipped weights file may have


def _save_half(src: Path, dst: Path) -> None:
    """`src` re-saved with its floating tensors as float16, the metadata kept."""
    from safetensors import safe_open
    from safetensors.torch import save_file

    with safe_open(str(src), "pt") as f:
        meta = f.metadata() or {}
        tensors = {k: f.get_tensor(k) for k in f.keys()}
    save_file({k: v.half() if v.is_floating_point() else v for k, v in tensors.items()}, str(dst), metadata=meta)


def ship(run: str | Path, dest: str | Path, damsm: str | None = None, command: str | None = None) -> Path:
    """Copy a finished run (`train damsm | t2i | captioner`) to `dest` as what we ship: its one .safetensors, its
    card.json (plus `shipped_from`, the data's own command and the ship command) and, for a t2i run, its last
    sample grid; a file over 10 MB is stored as float16. A t2i run names the shipped DAMSM it was trained with (`damsm`, a folder under weights/damsm/)
    instead of carrying a copy: the copy in RUN/damsm must be byte-identical to it, else CheckpointError."""
    from ..data.imageset import sha256_file
    from ..models.encoders.damsm import WEIGHTS

    run, dest = Path(run), Path(dest)
    files = sorted(p for p in run.glob("*.safetensors"))
    if len(files) != 1 or not (run / "card.json").is_file():
        raise MissingFile(f"{run} is not a finished run (one .safetensors and a card.json); finish training first")
    card = json.loads((run / "card.json").read_text())
    if damsm is not None:
        shipped = weights_root() / "damsm" / damsm / WEIGHTS
        if not shipped.is_file():
            raise MissingFile(f"no shipped DAMSM {damsm!r} at {shipped.parent}; ship it first")
        if sha256_file(run / "damsm" / WEIGHTS) != sha256_file(shipped):
            raise CheckpointError(f"{run} was trained with another DAMSM than the shipped {damsm!r}")
        card["damsm_shipped"] = f"damsm/{damsm}"
    if "data_command" not in card and card.get("data"):
        try:
            card["data_command"] = json.loads((Path(card["data"]) / "card.json").read_text()).get("command")
        except (OSError, ValueError):
            pass
    card["shipped_from"] = str(run)
    card["ship_command"] = command or "python -m scenewright.train.t2i " + " ".join(
        [str(run), str(dest)] + ([f"--damsm {damsm}"] if damsm else []))
    dest.mkdir(parents=True, exist_ok=True)
    for old in dest.glob("*.safetensors"):
        old.unlink()
    if files[0].stat().st_size <= LIMIT:
        shutil.copyfile(files[0], dest / files[0].name)
    else:  # float16 storage; load_state_dict copies the values back into the float32 model
        _save_half(files[0], dest / files[0].name)
        card["stored_as"] = "float16 (the run's float32 weights rounded; loading casts them back)"
    card["weights_bytes"] = (dest / files[0].name).stat().st_size
    if card["weights_bytes"] > LIMIT:
        (dest / files[0].name).unlink()
        raise ScenewrightError(f"{files[0]} is {card['weights_bytes'] / 2 ** 20:.1f} MB even as float16; shipped "
                               "weights are ≤ 10 MB (train a smaller width with --set)")
    samples = sorted((run / "samples").glob("step_*.png"))
    if samples:
        shutil.copyfile(samples[-1], dest / "samples.png")
        card["samples"] = f"samples.png ({samples[-1].name}: one row per fixed validation caption, 4 seeds)"
    (dest / "card.json").write_text(json.dumps(card, indent=1))
    return dest / files[0].name


if __name__ == "__main__":  # python -m scenewright.train.t2i RUN DEST [--damsm NAME]
    import argparse

    p = argparse.ArgumentParser(description="Ship a finished run under src/scenewright/weights/.")
    p.add_argument("run"), p.add_argument("dest"), p.add_argument("--damsm")
    a = p.parse_args()
    print(ship(a.run, a.dest, a.damsm))
