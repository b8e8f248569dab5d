"""Image-to-image distances, each defined once: L1, PSNR, TV, SSIM (and the grayscale conversion they run on).

These are the inpainting metrics of TDANet (Zhang et al., ACM MM 2020, Sec. 4.2), computed the way its
evaluation code (inherited from Pluralistic, Zheng et al. 2019) does: on grayscale images, with

- L1   = Σ|gt − p| / Σ(gt + p)                        (a relative L1; 0 is a perfect fill)
- PSNR = 10 · log10(1 / MSE) for images in [0, 1]     (100 when the images are identical, as the code)
- TV   = mean over pixels of √(gx² + gy²) of the prediction, with wrap-around differences (np.roll)
- SSIM = Wang et al. 2004: Gaussian window σ = 1.5 (11 × 11, truncate 3.5), K1 = 0.01, K2 = 0.03,
         data range 1, population (not sample) covariances, the mean over the window positions that fit
         inside the image (the border of 5 px is cropped, as skimage's structural_similarity does)

and, when a method draws several fills of the same hole, the best of N: the sample that minimises
L1 − PSNR + TV − SSIM (the official code's selection rule), see `best_of`.

Inputs are float arrays in [0, 1]: H×W (gray) or H×W×3 (RGB, converted with `to_gray`), or PIL images.
The manipulation metrics (eval/manipulation.py: the distance to the true edited image) use the same functions.

    >>> import numpy as np
    >>> a = np.zeros((16, 16)); b = np.full((16, 16), 0.5)
    >>> round(psnr(a, b), 4)
    6.0206
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

# ITU-R BT.709 luma, as skimage.color.rgb2gray (what the official evaluation imports).
GRAY_WEIGHTS = (0.2125, 0.7154, 0.0721)
PSNR_IDENTICAL = 100.0
SSIM_SIGMA = 1.5
SSIM_TRUNCATE = 3.5
SSIM_K1, SSIM_K2 = 0.01, 0.03


def as_array(image) -> np.ndarray:
    """A float64 array in [0, 1] from a PIL image (uint8 scaled by 1/255) or an array (kept as is)."""
    if hasattr(image, "convert") and hasattr(image, "size"):  # PIL.Image
        mode = "L" if image.mode in ("L", "1", "I", "F") else "RGB"
        return np.asarray(image.convert(mode), dtype=np.float64) / 255.0
    arr = np.asarray(image, dtype=np.float64)
    if arr.ndim not in (2, 3) or (arr.ndim == 3 and arr.shape[2] not in (1, 3)):
        raise ValueError(f"expected an H×W or H×W×3 image, got shape {arr.shape}")
    return arr


def to_gray(image) -> np.ndarray:
    """H×W grayscale in [0, 1]: 0.2125 R + 0.7154 G + 0.0721 B (skimage's rgb2gray); gray stays gray."""
    arr = as_array(image)
    if arr.ndim == 2:
        return arr
    if arr.shape[2] == 1:
        return arr[..., 0]
    return arr @ np.asarray(GRAY_WEIGHTS)


def _pair(a, b) -> tuple[np.ndarray, np.ndarray]:
    ga, gb = to_gray(a), to_gray(b)
    if ga.shape != gb.shape:
        raise ValueError(f"images differ in size: {ga.shape} vs {gb.shape}")
    return ga, gb


def l1(gt, pred) -> float:
    """Relative L1 of the official evaluation: Σ|gt − p| / Σ(gt + p) on grayscale (0 when both are black)."""
    g, p = _pair(gt, pred)
    denom = float((g + p).sum())
    return float(np.abs(g - p).sum() / denom) if denom > 0 else 0.0


def psnr(gt, pred) -> float:
    """Peak signal-to-noise ratio in dB on grayscale [0, 1]; `PSNR_IDENTICAL` (100) for equal images."""
    g, p = _pair(gt, pred)
    mse = float(np.mean((g - p) ** 2))
    return PSNR_IDENTICAL if mse == 0 else 10.0 * math.log10(1.0 / mse)


def tv(image) -> float:
    """Total variation of one image: mean √(gx² + gy²), forward differences with wrap-around."""
    g = to_gray(image)
    gx = g - np.roll(g, -1, axis=1)
    gy = g - np.roll(g, -1, axis=0)
    return float(np.mean(np.sqrt(gx ** 2 + gy ** 2)))


def _gaussian_kernel(sigma: float = SSIM_SIGMA, truncate: float = SSIM_TRUNCATE) -> np.ndarray:
    radius = int(truncate * sigma + 0.5)
    x = np.arange(-radius, radius + 1, dtype=np.float64)
    k = np.exp(-0.5 * (x / sigma) ** 2)
    return k / k.sum()


def _filter(img: np.ndarray, k: np.ndarray) -> np.ndarray:
    """Separable Gaussian filter, mirror padding (scipy's 'reflect'), same size out."""
    r = len(k) // 2
    pad = np.pad(img, r, mode="symmetric")
    rows = sum(k[i] * pad[:, i:i + img.shape[1]] for i in range(len(k)))
    return sum(k[i] * rows[i:i + img.shape[0], :] for i in range(len(k)))


def ssim(gt, pred) -> float:
    """Structural similarity (Wang et al. 2004, Eq. 13) on grayscale, Gaussian window σ = 1.5."""
    g, p = _pair(gt, pred)
    k = _gaussian_kernel()
    r = len(k) // 2
    if min(g.shape) < len(k):
        raise ValueError(f"SSIM needs images of at least {len(k)}×{len(k)} px, got {g.shape}")
    c1, c2 = SSIM_K1 ** 2, SSIM_K2 ** 2
    mu_g, mu_p = _filter(g, k), _filter(p, k)
    var_g = _filter(g * g, k) - mu_g ** 2
    var_p = _filter(p * p, k) - mu_p ** 2
    cov = _filter(g * p, k) - mu_g * mu_p
    s = ((2 * mu_g * mu_p + c1) * (2 * cov + c2)) / ((mu_g ** 2 + mu_p ** 2 + c1) * (var_g + var_p + c2))
    return float(s[r:-r, r:-r].mean())


def inpaint_scores(gt, pred) -> dict[str, float]:
    """{l1, psnr, tv, ssim} of one prediction against its ground truth."""
    return {"l1": l1(gt, pred), "psnr": psnr(gt, pred), "tv": tv(pred), "ssim": ssim(gt, pred)}


def best_of(gt, samples: Sequence) -> dict[str, float]:
    """The official selection among N samples of one hole: the one minimising L1 − PSNR + TV − SSIM."""
    if not samples:
        raise ValueError("best_of needs at least one sample")
    scored = [inpaint_scores(gt, s) for s in samples]
    return min(scored, key=lambda m: m["l1"] - m["psnr"] + m["tv"] - m["ssim"])


def mean_scores(rows: Sequence[dict[str, float]]) -> dict[str, float]:
    """Mean of each metric over images."""
    if not rows:
        return {}
    return {key: float(np.mean([r[key] for r in rows])) for key in rows[0]}
