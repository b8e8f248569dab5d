"""Composed-retrieval Recall@K (TIRG, Vo et al. 2019, Sec. 4: "recall at rank k, R@K").

For each test query (image + modification text) every image of the gallery is ranked by the cosine between the
composed query vector and the image's vector; R@K is the share of queries whose target is among the first K.
The gallery, as TIRG's test code builds it, is the set of test target images with duplicates removed (pixel
identical images count once: a query's target may be another query's target too) and the query's own image
left out of its ranking. Ties count against the query (a target tied with another image ranks after it).

    table = evaluate_retrieval("/tmp/imagesets/shapes_css", "test", {"tirg": "runs/retrieve/tirg_shapes_css"})
    # {"tirg": {"r1": .., "r5": .., "r10": .., "query": "3d", "queries": 200, "gallery": 200}}
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F

KS = (1, 5, 10)
WEIGHTS = Path(__file__).resolve().parents[1] / "weights"


def recall_at_k(sims: torch.Tensor, target: torch.Tensor, ks: Sequence[int] = KS,
                exclude: torch.Tensor | None = None) -> dict[str, float]:
    """R@K in % from scores [N queries, M gallery], the gallery index of each query's target [N], and an
    optional [N, M] bool mask of gallery items left out of a query's ranking (its own image)."""
    sims = sims.float()
    if exclude is not None:
        sims = sims.masked_fill(exclude, float("-inf"))
    own = sims.gather(1, target.long()[:, None])
    rank = (sims > own).sum(1) + ((sims == own).sum(1) - 1)  # better-scored items plus ties
    return {f"r{k}": float((rank < k).float().mean() * 100) for k in ks}


def pixel_key(image) -> str:
    """A hash of an image's pixels (PIL), to find duplicates in a gallery."""
    return hashlib.sha256(np.asarray(image.convert("RGB")).tobytes()).hexdigest()


def gallery_of(ds, records: list[dict], size: int) -> tuple[list[int], torch.Tensor, list[str]]:
    """(record index of each unique target, target gallery index of each record, the unique keys)."""
    keys, first, target = {}, [], []
    for i, r in enumerate(records):
        k = pixel_key(ds.image(r["target"], size))
        if k not in keys:
            keys[k] = len(first)
            first.append(i)
        target.append(keys[k])
    return first, torch.as_tensor(target), list(keys)


@torch.no_grad()
def score_model(model, ds, split: str, progress: bool = True, batch: int = 64,
                cache_dir: Path | None = None) -> dict:
    """{r1, r5, r10, query, queries, gallery} of one trained retrieval model on `split`. With a frozen
    backbone and `cache_dir`, its vectors are read from / written to the cache (train/retrieve.py)."""
    from tqdm import tqdm

    from ..train.retrieve import QUERY_PARTS, cached_vectors, part_images

    model.eval()
    records = ds.records(split)
    size = model.cfg.size if model.cfg.size in ds.sizes else max(ds.sizes)
    first, target, keys = gallery_of(ds, records, size)
    qpart = QUERY_PARTS[model.cfg.query]
    texts = [r["text"] for r in records]
    if model.cached_backbone and cache_dir is not None and size == model.cfg.size:
        qx = cached_vectors(model, ds, split, qpart, cache_dir, progress)
        q = [model.compose(qx[i:i + batch], texts[i:i + batch]) for i in range(0, len(records), batch)]
        g = [model.image_vector(cached_vectors(model, ds, split, "target", cache_dir, progress)[first])]
    else:
        q, g = [], []
        for i in tqdm(range(0, len(records), batch), desc=f"eval {model.name}", disable=not progress,
                      leave=False):
            q.append(model.compose(part_images(ds, records[i:i + batch], qpart, size), texts[i:i + batch]))
        for i in range(0, len(first), batch):
            g.append(model.image_vector(part_images(ds, [records[j] for j in first[i:i + batch]], "target",
                                                    size)))
    sims = F.normalize(torch.cat(q), dim=1) @ F.normalize(torch.cat(g), dim=1).t()
    where = {k: j for j, k in enumerate(keys)}
    exclude = torch.zeros_like(sims, dtype=torch.bool)
    for i, r in enumerate(records):  # the query's own (3D) image, when it is in the gallery
        j = where.get(pixel_key(ds.image(r["query"], size)))
        if j is not None and j != int(target[i]):
            exclude[i, j] = True
    out = recall_at_k(sims, target, KS, exclude)
    return {k: round(v, 2) for k, v in out.items()} | {"query": model.cfg.query, "queries": len(records),
                                                        "gallery": len(first)}


def evaluate_retrieval(data: str | Path, split: str, checkpoints: dict[str, str | Path],
                       progress: bool = True) -> dict[str, dict]:
    """{name: {r1, r5, r10, query, queries, gallery, checkpoint}} for each NAME=CHECKPOINT; the query kind
    (3D or the 2D top view) is the one the checkpoint was trained on."""
    from ..models.retrieve import load
    from ..train.retrieve import open_css

    table = {}
    for name, ckpt in checkpoints.items():
        model = load(ckpt)
        ds = open_css(data, model.cfg.query)
        folder = (Path(ckpt) if Path(ckpt).is_dir() else Path(ckpt).parent).resolve()
        shipped = WEIGHTS in folder.parents  # never write a cache into the package
        row = score_model(model, ds, split, progress, cache_dir=None if shipped else folder.parent / "_features")
        table[name] = row | {"method": model.name, "checkpoint": str(ckpt)}
    return table
