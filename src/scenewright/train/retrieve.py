"""`scenewright train retrieve`: TIRG or a baseline on a "css" image set (`scenewright data css`), by the shared
loop (train/loop.py, one parameter group "model").

    train_retrieve("tirg", data="/tmp/imagesets/shapes_css", out="runs/retrieve/tirg_shapes_css", minutes=20)

With the frozen EfficientNet-Lite0 image encoder, its vectors are computed once per (set, split, part) and
kept in OUT/../_features/ (shared by the methods trained beside each other; the time it takes is reported
apart from --minutes, as train damsm does). Batches: a seeded shuffle of the training triples per epoch,
B triples each (query image — 3D or the 2D top view —, text, target image).
"""

from __future__ import annotations

import hashlib
import sys
import time
from pathlib import Path

import numpy as np
import torch

from ..errors import ScenewrightError
from .distributed import Dist
from .loop import LoopConfig, train

QUERY_PARTS = {"3d": "query", "2d": "query_2d"}


def open_css(data: str | Path, query: str = "3d"):
    """The css ImageSet at `data`, checked for the query kind."""
    from ..data.imageset import ImageSet

    ds = ImageSet.open(data)
    if ds.kind != "css":
        raise ScenewrightError(f"{data} is a {ds.kind!r} set; retrieval reads a 'css' set "
                               "(`scenewright data css --world shapes --n 2000 --out DIR`)")
    if query not in QUERY_PARTS:
        raise ScenewrightError(f"--query is 3d or 2d, not {query!r}")
    recs = ds.records("train") or ds.records("test")
    if query == "2d" and recs and "query_2d" not in recs[0]:
        raise ScenewrightError(f"{data} has no 2D top views (query_2d): only shapes css sets have them")
    return ds


def part_images(ds, records: list[dict], part: str, size: int) -> torch.Tensor:
    """float32 [N, 3, S, S] in [-1, 1] of one part ("query", "query_2d", "target") of each record."""
    size = size if size in ds.sizes else max(ds.sizes)
    arr = np.stack([np.asarray(ds.image(r[part], size), dtype=np.uint8) for r in records])
    return torch.from_numpy(arr).permute(0, 3, 1, 2).float().div_(127.5).sub_(1.0)


def cached_vectors(model, ds, split: str, part: str, cache_dir: Path, progress: bool = True) -> torch.Tensor:
    """The frozen backbone's vectors [N, 3072] (float16 on disk) of `part` of every `split` record."""
    from tqdm import tqdm

    key = hashlib.sha256(f"{ds.card.get('sha256', {}).get(f'{split}.jsonl', ds.root)}:{part}:"
                         f"{model.cfg.size}".encode()).hexdigest()[:16]
    path = cache_dir / f"lite0_{split}_{part}_{key}.pt"
    if path.is_file():
        return torch.load(path, weights_only=True).float()
    records = ds.records(split)
    out = []
    for i in tqdm(range(0, len(records), 64), desc=f"lite0 {split}/{part}", disable=not progress, leave=False):
        out.append(model.backbone_vectors(part_images(ds, records[i:i + 64], part, model.cfg.size)).half())
    vec = torch.cat(out)
    cache_dir.mkdir(parents=True, exist_ok=True)
    torch.save(vec, path.with_suffix(".tmp"))
    path.with_suffix(".tmp").replace(path)
    return vec.float()


def train_retrieve(method: str, data: str | Path, out: str | Path, *, steps: int | None = None,
                   minutes: float | None = None, seed: int = 0, batch: int = 32, query: str = "3d",
                   ckpt_every: int = 500, settings: dict | None = None, progress: bool = True,
                   command: str | None = None) -> Path:
    """Train `method` (tirg, image, text, concat) and return OUT/<method>.safetensors."""
    from ..models.encoders.vocab import Vocab
    from ..models.retrieve import build

    if steps is None and minutes is None:
        raise ScenewrightError("give a budget: --steps N and/or --minutes M")
    ds = open_css(data, query)
    records = ds.records("train")
    if len(records) < batch:
        raise ScenewrightError(f"{data} has {len(records)} training triples, fewer than one batch of {batch}")
    vocab = Vocab.build([r["text"] for r in records])
    torch.manual_seed(seed)
    model = build(method, vocab=vocab.words, query=query, **(settings or {}))
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    qpart = QUERY_PARTS[query]
    t0 = time.time()
    if model.cached_backbone:
        cache = out.parent / "_features"
        qx = cached_vectors(model, ds, "train", qpart, cache, progress)
        tx = cached_vectors(model, ds, "train", "target", cache, progress)
    else:
        qx = part_images(ds, records, qpart, model.cfg.size)
        tx = part_images(ds, records, "target", model.cfg.size)
    cache_minutes = round((time.time() - t0) / 60, 2)
    texts = [r["text"] for r in records]

    def batches(epoch: int):
        order = np.random.default_rng([int(seed), int(epoch), 17]).permutation(len(records))
        for s in range(0, len(order) - batch + 1, batch):  # drop_last: BatchNorm and the batch loss want B > 1
            idx = torch.as_tensor(order[s:s + batch])
            yield {"query": qx[idx], "target": tx[idx], "text": [texts[i] for i in idx.tolist()]}

    dist = Dist.from_env()
    card = {"task": "retrieve", "data": str(Path(data).resolve()), "data_sha256": ds.card.get("sha256", {}),
            "data_command": ds.card.get("command"), "world": ds.world, "query": query, "batch": batch,
            "image_encoder": model.cfg.image_encoder, "backbone_cache_minutes": cache_minutes,
            "frozen": "EfficientNet-Lite0 backbone frozen; trained: linear image head, text LSTM, composition"
                      if model.cached_backbone else "all layers trained (scratch CNN)",
            "world_size": dist.world_size, "command": command or " ".join(["scenewright"] + sys.argv[1:]),
            "threads": torch.get_num_threads()}
    lc = LoopConfig(out=str(out), steps=steps, minutes=minutes, seed=seed, ckpt_every=ckpt_every,
                    progress=progress, card=card)
    return train(model, batches, lc, dist)
