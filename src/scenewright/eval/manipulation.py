"""Text-guided manipulation metrics: ManiGAN's sim / diff / MP (Li et al., CVPR 2020, Sec. 4 "Quantitative
results"), the distance to the true edited image (which CUB and COCO do not have, our edits sets do) and FID.

For an input image x, its edited output y (both in [0, 1]) and the text t describing the wanted image:

- diff = mean |x − y| over pixels and channels (the L1 pixel difference; 0 when nothing changed);
- sim  = cos(v̄(y), ē(t)), the DAMSM global image vector of the output against the sentence vector of the
  text, from a DAMSM trained apart from the generators' (`--damsm-eval`);
- MP   = (1 − diff) × sim, from the split means of diff and sim (a method that changes everything, or
  nothing that matters, scores low);
- target_l1 / target_psnr / target_ssim: eval/image_metrics.py (grayscale; relative L1, PSNR, SSIM σ = 1.5)
  between y and the true target image;
- fid: Fréchet distance (eval/fid.py) between EfficientNet-Lite0 features (eval/features.py) of the outputs
  and of the split's true targets — EfficientNet-Lite0 digits, not Inception ones.

`sim` always uses the target's first caption, whatever text the method was given (a caption or the
instruction), so rows compare. Two reference rows come with every table: "oracle" (y = the true target,
what the spine draws) and "identity" (y = x, the sanity baseline: diff 0, MP = sim of the unedited source).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import torch

from ..errors import ScenewrightError
from .image_metrics import l1, psnr, ssim

SIZE = 64


def pixel_diff(x: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    """ManiGAN's diff per image: mean |x − y| with both in [0, 1] (inputs in [-1, 1]) → [B]."""
    return ((x.clamp(-1, 1) - y.clamp(-1, 1)).abs() / 2).flatten(1).mean(1)


@torch.no_grad()
def text_image_sim(image_encoder, text_encoder, images: torch.Tensor, texts: list[str],
                   batch: int = 50) -> torch.Tensor:
    """cos(DAMSM global image vector, DAMSM sentence vector) per pair → [B]."""
    out = []
    for i in range(0, len(images), batch):
        _, code = image_encoder(images[i:i + batch])
        sent = text_encoder.encode(texts[i:i + batch]).sentence
        out.append(torch.nn.functional.cosine_similarity(code, sent, dim=1, eps=1e-8))
    return torch.cat(out)


def manipulation_precision(diff: float, sim: float) -> float:
    """MP = (1 − diff) × sim."""
    return (1.0 - diff) * sim


def _uint8(x: torch.Tensor) -> np.ndarray:
    return x.clamp(-1, 1).add(1).mul(127.5).round().byte().permute(0, 2, 3, 1).cpu().numpy()


def score(sources: torch.Tensor, outputs: torch.Tensor, targets: torch.Tensor, texts: list[str], damsm,
          target_stats: tuple[np.ndarray, np.ndarray] | None = None) -> dict[str, float]:
    """One row: {sim, diff, mp, target_l1, target_psnr, target_ssim, fid, n} (fid when target_stats given)."""
    from .features import lite0_outputs
    from .fid import frechet_distance, statistics

    text_encoder, image_encoder = damsm
    diff = float(pixel_diff(sources, outputs).mean())
    sim = float(text_image_sim(image_encoder, text_encoder, outputs, texts).mean())
    y, t = _uint8(outputs) / 255.0, _uint8(targets) / 255.0  # what a saved PNG holds
    row = {"sim": sim, "diff": diff, "mp": manipulation_precision(diff, sim),
           "target_l1": float(np.mean([l1(a, b) for a, b in zip(t, y)])),
           "target_psnr": float(np.mean([psnr(a, b) for a, b in zip(t, y)])),
           "target_ssim": float(np.mean([ssim(a, b) for a, b in zip(t, y)])), "n": len(outputs)}
    if target_stats is not None:
        feats, _ = lite0_outputs(outputs)
        row["fid"] = frechet_distance(*statistics(feats), *target_stats)
    return row


def load_split(data: str | Path, split: str, text: str = "caption", n: int | None = None):
    """(records, sources [N, 3, 64, 64], targets, edit texts, target captions) of an edits split."""
    from ..data.imageset import ImageSet

    ds = ImageSet.open(data)
    if ds.kind != "edits":
        raise ScenewrightError(f"{data} is a {ds.kind!r} set; `eval manipulate` reads an 'edits' set")
    if text not in ("caption", "instruction"):
        raise ScenewrightError(f"--text is caption or instruction, not {text!r}")
    recs = ds.records(split)[:n] if n else ds.records(split)
    if not recs:
        raise ScenewrightError(f"split {split!r} of {data} has no records")
    src = torch.stack([ds.tensor(r["source"], SIZE) for r in recs])
    tgt = torch.stack([ds.tensor(r["target"], SIZE) for r in recs])
    captions = [r["target"]["captions"][0] for r in recs]
    texts = [r["instruction"] for r in recs] if text == "instruction" else captions
    return recs, src, tgt, texts, captions


def evaluate(data: str | Path, split: str, checkpoints: dict[str, str | Path], damsm_eval: str | Path,
             text: str = "caption", n: int | None = None, seed: int = 0, batch: int = 50,
             samples: str | Path | None = None, progress: bool = True, fid: bool = True) -> dict[str, dict]:
    """{row: {sim, diff, mp, target_l1, target_psnr, target_ssim, fid, n}} for "oracle", "identity" and each
    method (NAME → checkpoint folder), each method editing every record of `split` once (seeded). `fid=False`
    leaves FID out (it costs three 1280-d matrix square roots per row)."""
    from tqdm import tqdm

    from ..models.encoders.damsm import load_damsm
    from ..models.manipulate import load
    from .features import lite0_outputs
    from .fid import statistics

    _, src, tgt, texts, captions = load_split(data, split, text, n)
    damsm = load_damsm(damsm_eval)
    stats = statistics(lite0_outputs(tgt)[0]) if fid else None
    outputs = {"oracle": tgt, "identity": src}
    for name, ckpt in checkpoints.items():
        model = load(ckpt)
        if model.name != name:
            raise ScenewrightError(f"{ckpt} holds a {model.name} model, not {name}")
        parts = []
        for i in tqdm(range(0, len(src), batch), desc=f"edit {name}", disable=not progress):
            with torch.inference_mode():
                parts.append(model.edit(src[i:i + batch], texts[i:i + batch], seed=seed + i))
        outputs[name] = torch.cat(parts)
    table = {}
    for name, y in outputs.items():
        row = score(src, y, tgt, captions, damsm, stats)
        table[name] = {k: (round(v, 4) if isinstance(v, float) else v) for k, v in row.items()}
        if name in checkpoints:
            table[name]["checkpoint"] = str(checkpoints[name])
    if samples is not None:
        sheet(outputs, Path(samples), k=8)
    return table


def sheet(outputs: dict[str, torch.Tensor], path: Path, k: int = 8) -> Path:
    """A PNG: one row per record (the first k), columns identity (= source) | oracle (= target) | methods."""
    from PIL import Image

    order = ["identity", "oracle"] + [m for m in outputs if m not in ("identity", "oracle")]
    cols = [_uint8(outputs[m][:k]) for m in order]
    rows = [np.concatenate([c[i] for c in cols], axis=1) for i in range(len(cols[0]))]
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.fromarray(np.concatenate(rows, axis=0)).save(path)
    return path
