"""`scenewright train manipulate`: SISGAN / TAGAN / ManiGAN on an edits image set, by the shared loop.

    train_manipulate("manigan", data="/tmp/imagesets/shapes_edits", damsm="runs/damsm/shapes64_scratch",
                     out="runs/manipulate/manigan_shapes_edits", minutes=20)

OUT ends up a self-contained checkpoint folder: <method>.safetensors + card.json + damsm/ (copied), plus
last.pt (run the same command again to resume), log.jsonl and samples/ (fixed val sources edited with their
edit texts, one row each).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Iterator

import numpy as np
import torch

from ..errors import MissingFile, ScenewrightError
from .distributed import Dist
from .loop import LoopConfig, train


def _arrays(ds, split: str, size: int) -> tuple[np.ndarray, np.ndarray]:
    recs = ds.records(split)
    src = np.stack([np.asarray(ds.image(r["source"], size)) for r in recs])
    tgt = np.stack([np.asarray(ds.image(r["target"], size)) for r in recs])
    return src, tgt


def _to_tensor(a: np.ndarray) -> torch.Tensor:
    return torch.from_numpy(a).permute(0, 3, 1, 2).float().div_(127.5).sub_(1.0).contiguous()


def edit_batches(ds, split: str, size: int, batch_size: int, seed: int = 0, epoch: int = 0, shuffle: bool = True,
                 drop_last: bool = False, arrays: tuple[np.ndarray, np.ndarray] | None = None) -> Iterator[dict]:
    """Batches of an edits split, fixed by (seed, epoch): {"source", "target": [B, 3, H, W] in [-1, 1],
    "source_caption", "target_caption" (one of each drawn per epoch), "instruction", "wrong_caption" (a caption
    of another record's source), "index"}."""
    if ds.kind != "edits":
        raise ScenewrightError(f"{ds.root} is a {ds.kind!r} set; manipulation reads an 'edits' set "
                               "(`scenewright data edits`)")
    recs = ds.records(split)
    n = len(recs)
    if n == 0:
        raise ScenewrightError(f"split {split!r} of {ds.root} has no records")
    src, tgt = arrays if arrays is not None else _arrays(ds, split, size)
    rng = np.random.default_rng([int(seed), int(epoch), 1717])
    order = rng.permutation(n) if shuffle else np.arange(n)
    pick_s = [int(rng.integers(len(r["source"]["captions"]))) for r in recs]
    pick_t = [int(rng.integers(len(r["target"]["captions"]))) for r in recs]
    other = (np.arange(n) + rng.integers(1, n, size=n)) % n if n > 1 else np.zeros(1, dtype=np.int64)
    stop = n - n % batch_size if drop_last else n
    for start in range(0, stop, batch_size):
        idx = order[start:start + batch_size]
        yield {"source": _to_tensor(src[idx]), "target": _to_tensor(tgt[idx]),
               "source_caption": [recs[i]["source"]["captions"][pick_s[i]] for i in idx],
               "target_caption": [recs[i]["target"]["captions"][pick_t[i]] for i in idx],
               "instruction": [recs[i]["instruction"] for i in idx],
               "wrong_caption": [recs[other[i]]["source"]["captions"][0] for i in idx],
               "index": torch.as_tensor(idx, dtype=torch.long)}


def train_manipulate(method: str, data: str | Path, damsm: str | Path, out: str | Path, *,
                     steps: int | None = None, minutes: float | None = None, seed: int = 0, batch: int = 16,
                     ckpt_every: int = 200, settings: dict | None = None, progress: bool = True,
                     command: str | None = None) -> Path:
    """Train `method` (a name of models.manipulate.METHODS) and return OUT/<method>.safetensors."""
    from ..data.imageset import ImageSet
    from ..models.encoders.damsm import WEIGHTS, load_damsm
    from ..models.manipulate import build
    from .t2i import _copy_damsm

    if steps is None and minutes is None:
        raise ScenewrightError("give a budget: --steps N and/or --minutes M")
    ds = ImageSet.open(data)
    if ds.kind != "edits":
        raise ScenewrightError(f"{data} is a {ds.kind!r} set; manipulation trains on an 'edits' set "
                               "(`scenewright data edits --world shapes --n 2000 --size 64 --out DIR`)")
    size = 64
    if size not in ds.sizes:
        raise ScenewrightError(f"{data} has no 64 px images (sizes: {ds.sizes}); remake it with --size 64")
    damsm_dir = Path(damsm)
    if not (damsm_dir / WEIGHTS).is_file() and not damsm_dir.is_file():
        raise MissingFile(f"no DAMSM at {damsm_dir}; train one first with `scenewright train damsm --data DIR "
                          f"--out {damsm_dir}` (the methods never fall back to a random encoder)")
    dist = Dist.from_env()
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    if dist.main:
        _copy_damsm(damsm_dir, out / "damsm")
    dist.barrier()
    text, image = load_damsm(out / "damsm", dist.device)

    torch.manual_seed(seed)
    model = build(method, text, image, **(settings or {}))
    val = ds.records("val") or ds.records("train")
    val_batch = next(edit_batches(ds, "val" if ds.records("val") else "train", size, 6, seed, shuffle=False))
    model.set_samples(val_batch["source"])
    texts = tuple(model.edit_text(val_batch))
    arrays = _arrays(ds, "train", size)

    def batches(epoch: int):
        return edit_batches(ds, "train", size, batch, seed=seed, epoch=epoch, drop_last=True, arrays=arrays)

    card = {"task": "manipulate", "data": str(Path(data).resolve()), "data_sha256": ds.card.get("sha256", {}),
            "data_command": ds.card.get("command"), "world": ds.world, "image_size": size, "batch": batch,
            "damsm": str(damsm_dir.resolve()), "world_size": dist.world_size,
            "sample_sources": [r["id"] for r in val[:6]],
            "command": command or " ".join(["scenewright"] + sys.argv[1:]),
            "threads": torch.get_num_threads(), "device": str(dist.device)}
    lc = LoopConfig(out=str(out), steps=steps, minutes=minutes, seed=seed, ckpt_every=ckpt_every,
                    sample_captions=texts, samples_per_caption=1, progress=progress, card=card)
    return train(model, batches, lc, dist)
