"""Fréchet distance between two sets of features (Heusel et al. 2017, "GANs Trained by a Two Time-Scale
Update Rule Converge to a Local Nash Equilibrium", Eq. 6):

    d² = ‖μ₁ − μ₂‖² + Tr(Σ₁ + Σ₂ − 2 (Σ₁ Σ₂)^½)

NumPy only: Tr (Σ₁ Σ₂)^½ = Tr (Σ₁^½ Σ₂ Σ₁^½)^½, both square roots of symmetric PSD matrices by `eigh`.

The features are whatever the caller gives. scenewright uses its own detector's backbone
(`Detector.features`, 256-d), so the numbers are *not* Inception-FID and not comparable with papers' FID —
only with each other, on the same detector. The image model family uses the ImageNet EfficientNet-Lite0's
pooled 1280-d features instead (`eval/features.py`: FID and IS, real statistics cached per data set) — the
papers' protocol on a different network, so also not comparable with Inception-v3 FID.
"""

from __future__ import annotations

import numpy as np


def _sqrt_psd(m: np.ndarray) -> np.ndarray:
    w, v = np.linalg.eigh((m + m.T) / 2)
    return (v * np.sqrt(np.clip(w, 0, None))) @ v.T


def statistics(features: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    f = np.asarray(features, np.float64)
    if f.ndim != 2 or len(f) < 2:
        raise ValueError(f"need features [N >= 2, D], got shape {f.shape}")
    return f.mean(0), np.cov(f, rowvar=False)


def frechet_distance(mu1: np.ndarray, s1: np.ndarray, mu2: np.ndarray, s2: np.ndarray) -> float:
    r = _sqrt_psd(s1)
    w = np.linalg.eigvalsh(r @ s2 @ r)
    tr_sqrt = np.sqrt(np.clip(w, 0, None)).sum()
    return float(((mu1 - mu2) ** 2).sum() + np.trace(s1) + np.trace(s2) - 2 * tr_sqrt)


def fid(features_a: np.ndarray, features_b: np.ndarray) -> float:
    """Fréchet distance between the Gaussians fitted to two feature sets [N, D]."""
    return frechet_distance(*statistics(features_a), *statistics(features_b))


def fid_to_statistics(features: np.ndarray, mu2: np.ndarray, s2: np.ndarray) -> float:
    """Fréchet distance of raw features [n, D] to a fitted Gaussian (mu2, s2), the same number as
    `frechet_distance(*statistics(features), mu2, s2)`. With fewer samples than dimensions (200 images,
    1280-d) it works in n × n: the nonzero eigenvalues of Σ₁Σ₂ are those of A Σ₂ Aᵀ / (n − 1), A the centred
    features — no D × D eigendecomposition."""
    f = np.asarray(features, np.float64)
    if f.ndim != 2 or len(f) < 2:
        raise ValueError(f"need features [N >= 2, D], got shape {f.shape}")
    n, d = f.shape
    if n > d:
        return frechet_distance(*statistics(f), mu2, s2)
    mu1 = f.mean(0)
    a = f - mu1
    m = a @ s2 @ a.T / (n - 1)
    tr_sqrt = np.sqrt(np.clip(np.linalg.eigvalsh((m + m.T) / 2), 0, None)).sum()
    return float(((mu1 - mu2) ** 2).sum() + (a * a).sum() / (n - 1) + np.trace(s2) - 2 * tr_sqrt)
