"""The adversarial losses of the family, each a small function named after where it comes from."""

from __future__ import annotations

from typing import Callable

import torch
import torch.nn.functional as F


def hinge_d_matching(real: torch.Tensor, fake: torch.Tensor, mismatch: torch.Tensor) -> torch.Tensor:
    """DF-GAN's one-way output hinge for D (Eq. 3): real+matching text ↑, fake and mismatched ↓ (halved)."""
    return F.relu(1 - real).mean() + 0.5 * (F.relu(1 + fake).mean() + F.relu(1 + mismatch).mean())


def hinge_g(fake: torch.Tensor) -> torch.Tensor:
    """DF-GAN's G loss (Eq. 5): −E[D(G(z, e), e)]."""
    return -fake.mean()


def ma_gp(score_fn: Callable[[torch.Tensor, torch.Tensor], torch.Tensor], image: torch.Tensor,
          sentence: torch.Tensor, k: float = 2.0, p: float = 6.0) -> torch.Tensor:
    """DF-GAN's matching-aware zero-centred gradient penalty (Eq. 4): k·E[(‖∇_x D‖ + ‖∇_e D‖)^p] on real
    images with their own sentences — the gradient norm is taken over the joint (image, sentence) input."""
    x = image.detach().requires_grad_(True)
    e = sentence.detach().requires_grad_(True)
    out = score_fn(x, e)
    gx, ge = torch.autograd.grad(out.sum(), (x, e), create_graph=True)
    norm = torch.cat([gx.flatten(1), ge.flatten(1)], 1).pow(2).sum(1).add(1e-12).sqrt()
    return k * norm.pow(p).mean()


def bce_real(logits: torch.Tensor) -> torch.Tensor:
    return F.binary_cross_entropy_with_logits(logits, torch.ones_like(logits))


def bce_fake(logits: torch.Tensor) -> torch.Tensor:
    return F.binary_cross_entropy_with_logits(logits, torch.zeros_like(logits))


def gan_cls_d(real: torch.Tensor, wrong: torch.Tensor, fake: torch.Tensor) -> torch.Tensor:
    """Reed et al. 2016, Algorithm 1 (GAN-CLS): log D(x, h) + ½[log(1 − D(x, ĥ)) + log(1 − D(x̂, h))]."""
    return bce_real(real) + 0.5 * (bce_fake(wrong) + bce_fake(fake))
