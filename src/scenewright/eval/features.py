"""FID and IS on EfficientNet-Lite0 (the frozen ImageNet net of `models/encoders/efficientnet.py`).

The protocol is the papers', the network is not: FID (Heusel et al. 2017) is the Fréchet distance between
Gaussians fitted to the pooled 1280-d features of real and generated images (`eval.fid`); IS (Salimans et al.
2016, "Improved Techniques for Training GANs") is exp(E_x KL(p(y|x) ‖ p(y))) over the 1000 ImageNet classes,
computed on 10 splits and reported as mean ± std. Papers use Inception-v3 (2048-d pool3, 299²); ours is
EfficientNet-Lite0 (224²), so the digits compare only with other EfficientNet-Lite0 digits — never with
published FID/IS.

Real-image statistics are cached per data set: `real_statistics(DIR, split, size)` writes
`DIR/stats/lite0_<split>_<size>.npz` (or, when DIR is read-only, `runs/stats/<name>_…npz`) keyed by the
sha256 of the data card, and recomputes when the card changes.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import torch

from .fid import fid_to_statistics, statistics

SPLITS = 10


def inception_score(logits: torch.Tensor | np.ndarray, splits: int = SPLITS) -> tuple[float, float]:
    """(mean, std) of exp(E_x KL(p(y|x) ‖ p(y))) over `splits` equal parts, p(y) the part's marginal."""
    logits = torch.as_tensor(logits, dtype=torch.float64)
    if logits.dim() != 2 or len(logits) < splits:
        raise ValueError(f"need logits [N >= {splits}, classes], got shape {tuple(logits.shape)}")
    logp = logits.log_softmax(1)
    scores = []
    for part in torch.tensor_split(logp, splits):
        log_py = torch.logsumexp(part, 0) - np.log(len(part))  # log of the part's mean p(y|x)
        kl = (part.exp() * (part - log_py)).sum(1).mean()
        scores.append(float(kl.exp()))
    return float(np.mean(scores)), float(np.std(scores))


def lite0_outputs(images: torch.Tensor, batch_size: int = 64, device: str = "cpu", progress: bool = False):
    """EfficientNet-Lite0 (features [N,1280], logits [N,1000]) of images [N,3,H,W] in [-1,1], as NumPy."""
    from ..models.encoders.efficientnet import encode_images

    out = encode_images(images, batch_size=batch_size, device=device, progress=progress)
    return out.features.numpy().astype(np.float64), out.logits.numpy()


def fid_is(images: torch.Tensor, real_stats: tuple[np.ndarray, np.ndarray], batch_size: int = 64,
           device: str = "cpu", progress: bool = False) -> dict:
    """{'fid', 'is', 'is_std'} of generated images against cached real statistics (mu, sigma)."""
    feats, logits = lite0_outputs(images, batch_size, device, progress)
    is_mean, is_std = inception_score(logits, min(SPLITS, len(logits)))
    return {"fid": fid_to_statistics(feats, *real_stats), "is": is_mean, "is_std": is_std}


def card_sha256(data_dir: str | Path) -> str:
    from ..errors import MissingFile

    card = Path(data_dir) / "card.json"
    if not card.is_file():
        raise MissingFile(f"no image set at {data_dir} (card.json missing); make one with "
                          "`scenewright data captions --world shapes --out DIR`")
    return hashlib.sha256(card.read_bytes()).hexdigest()


def _stats_paths(data_dir: Path, split: str, size: int) -> list[Path]:
    name = f"lite0_{split}_{size}.npz"
    return [data_dir / "stats" / name, Path("runs") / "stats" / f"{data_dir.resolve().name}_{name}"]


def split_images(data_dir: str | Path, split: str, size: int, limit: int | None = None) -> torch.Tensor:
    """All images of a split as one tensor [N, 3, size, size] in [-1, 1] (records in file order)."""
    from ..data.imageset import ImageSet

    ds = ImageSet.open(data_dir)
    recs = ds.records(split)[:limit]
    return torch.stack([ds.tensor(r, size=size) for r in recs])


def real_statistics(data_dir: str | Path, split: str = "test", size: int = 64, device: str = "cpu",
                    progress: bool = True) -> tuple[np.ndarray, np.ndarray]:
    """(mu, sigma) of the EfficientNet-Lite0 features of a split's real images, cached (see module doc)."""
    data_dir = Path(data_dir)
    key = card_sha256(data_dir)
    paths = _stats_paths(data_dir, split, size)
    for p in paths:
        if p.is_file():
            with np.load(p) as z:
                if str(z["card_sha256"]) == key:
                    return z["mu"], z["sigma"]
    feats, _ = lite0_outputs(split_images(data_dir, split, size), device=device, progress=progress)
    mu, sigma = statistics(feats)
    for p in paths:
        try:
            p.parent.mkdir(parents=True, exist_ok=True)
            np.savez(p, mu=mu, sigma=sigma, card_sha256=np.array(key), n=np.array(len(feats)))
            break
        except OSError:
            continue
    return mu, sigma


def real_vs_real(data_dir: str | Path, a: str = "test", b: str = "val", size: int = 64,
                 device: str = "cpu") -> dict:
    """The sanity row: FID between two real splits and IS of the first (what a perfect generator scores)."""
    images = split_images(data_dir, a, size)
    feats, logits = lite0_outputs(images, device=device, progress=True)
    is_mean, is_std = inception_score(logits, min(SPLITS, len(logits)))
    mu, sigma = real_statistics(data_dir, b, size, device)
    return {"fid": fid_to_statistics(feats, mu, sigma), "is": is_mean, "is_std": is_std,
            "n": len(feats)}
