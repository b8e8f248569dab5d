"""Text-to-image metrics, each defined once: R-precision (AttnGAN), text→image Recall@K, FID/IS
(EfficientNet-Lite0, `eval/features.py`) and the object F1 / rsim of our detector (`eval/metrics.py`).

R-precision (Xu et al. 2018, Sec. 5; the official code's sampling loop): for each generated image, its true
caption and 99 captions of other images are ranked by the cosine of DAMSM's global image vector v̄ and
sentence vector ē; R = the share of images whose true caption ranks first. The images are split into 10
folds; we report the mean ± std over the folds. Use a DAMSM trained separately (another seed) from the one
the generator trained with, or the generator is judged by its own teacher. Mismatched captions are drawn
among captions whose text differs from the true one (ours are synthetic: many scenes share a caption, and a
copy of the true caption among the 99 would make a tie, not a mistake).

    report = score_t2i(images, records, damsm_eval="runs/damsm/shapes64_eval", real_stats=(mu, sigma))
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import torch
import torch.nn.functional as F

FOLDS = 10
MISMATCHED = 99


@torch.no_grad()
def sentence_vectors(text_encoder, captions: Sequence[str], batch_size: int = 256) -> torch.Tensor:
    """ē of each caption [N, D] (eval mode, CPU)."""
    text_encoder.eval()
    out = [text_encoder.encode(list(captions[i:i + batch_size])).sentence.cpu()
           for i in range(0, len(captions), batch_size)]
    return torch.cat(out)


@torch.no_grad()
def image_vectors(image_encoder, images: torch.Tensor, batch_size: int = 64) -> torch.Tensor:
    """v̄ of each image [N, D] (eval mode, CPU)."""
    image_encoder.eval()
    dev = next(image_encoder.parameters()).device
    return torch.cat([image_encoder(images[i:i + batch_size].to(dev))[1].cpu()
                      for i in range(0, len(images), batch_size)])


def r_precision(image_codes: torch.Tensor, true_captions: Sequence[str], text_encoder,
                pool: Sequence[str] | None = None, seed: int = 0, folds: int = FOLDS,
                mismatched: int = MISMATCHED) -> tuple[float, float]:
    """AttnGAN's R-precision in % (mean, std over folds): image i against its caption + `mismatched`
    captions drawn from `pool` (default: the other true captions) whose text differs."""
    pool = list(dict.fromkeys(pool if pool is not None else true_captions))
    if mismatched < 1 or len(pool) <= mismatched:
        raise ValueError(f"R-precision needs more than {mismatched} distinct captions to draw from; "
                         f"got {len(pool)}")
    vec = F.normalize(sentence_vectors(text_encoder, pool), dim=1)
    where = {c: i for i, c in enumerate(pool)}
    extra = [c for c in dict.fromkeys(true_captions) if c not in where]
    if extra:
        vec = torch.cat([vec, F.normalize(sentence_vectors(text_encoder, extra), dim=1)])
        where |= {c: len(pool) + i for i, c in enumerate(extra)}
    img = F.normalize(image_codes.float(), dim=1)
    rng = np.random.default_rng(seed)
    hits = np.zeros(len(img), dtype=bool)
    for i, caption in enumerate(true_captions):
        t = where[caption]
        cand = rng.choice(len(pool), size=mismatched + 1, replace=False)
        cand = [c for c in cand if pool[c] != caption][:mismatched]
        sims = vec[[t, *cand]] @ img[i]
        hits[i] = bool((sims[1:] < sims[0]).all())
    per_fold = [h.mean() * 100 for h in np.array_split(hits, min(folds, len(hits)))]
    return float(np.mean(per_fold)), float(np.std(per_fold))


def recall_at_k(image_codes: torch.Tensor, sentence_codes: torch.Tensor, ks: Sequence[int] = (1, 5)) -> dict:
    """Text→image Recall@K in %: caption i retrieves image i among all images by cosine (ties count
    against it)."""
    sims = F.normalize(sentence_codes.float(), dim=1) @ F.normalize(image_codes.float(), dim=1).t()
    own = sims.diagonal()[:, None]
    rank = (sims > own).sum(1) + ((sims == own).sum(1) - 1)  # images scoring higher, plus ties
    return {f"recall@{k}": float((rank < k).float().mean() * 100) for k in ks}


def _load(damsm_eval):
    if isinstance(damsm_eval, (tuple, list)):
        return damsm_eval
    from ..models.encoders.damsm import load_damsm

    return load_damsm(damsm_eval)


def object_scores(images: torch.Tensor, records: Sequence[dict], detector) -> dict:
    """{'object_f1', 'rsim'} in %: the detector on each image against its record's scene (the oracle)."""
    from .detector import Detector
    from .metrics import detections_from_scene, geneva_scores

    det = Detector.load(detector) if not isinstance(detector, Detector) else detector
    s = geneva_scores(det.detect(images), [detections_from_scene(r["scene"]) for r in records])
    return {"object_f1": s["f1"], "rsim": s["rsim"]}


def score_t2i(images: torch.Tensor, records: Sequence[dict], damsm_eval, detector=None,
              captions: Sequence[str] | None = None, real_stats: tuple[np.ndarray, np.ndarray] | None = None,
              seed: int = 0) -> dict:
    """All text-to-image metrics of `images` [N, 3, H, W] in [-1, 1], generated for `records` (one each).

    `captions`: the caption each image was generated from (default: each record's first); `damsm_eval`: a
    DAMSM dir or a (TextEncoder, ImageEncoder) pair trained apart from the generator's; `real_stats`: the
    real split's (mu, sigma) from `eval.features.real_statistics` (without it fid is None); `detector`: a
    Detector or its path (without it object_f1 / rsim are None). Returns dict(fid, is, is_std,
    r_precision, r_std, object_f1, rsim, candidates) — candidates: captions ranked per image (100)."""
    from .features import SPLITS, inception_score, lite0_outputs
    from .fid import fid_to_statistics

    if len(images) != len(records):
        raise ValueError(f"{len(images)} images for {len(records)} records")
    captions = list(captions) if captions is not None else [r["captions"][0] for r in records]
    text, image = _load(damsm_eval)
    pool = [c for r in records for c in r["captions"]]
    mismatched = min(MISMATCHED, len(set(pool)) - 1)  # fewer only for a tiny set (then said: "candidates")
    r, r_std = r_precision(image_vectors(image, images), captions, text, pool=pool, seed=seed,
                           mismatched=mismatched)
    feats, logits = lite0_outputs(images)
    is_mean, is_std = inception_score(logits, min(SPLITS, len(logits)))
    out = {"fid": None, "is": is_mean, "is_std": is_std, "r_precision": r, "r_std": r_std,
           "object_f1": None, "rsim": None, "candidates": mismatched + 1}
    if real_stats is not None:
        out["fid"] = fid_to_statistics(feats, *real_stats)
    if detector is not None:
        out |= object_scores(images, records, detector)
    return out
