"""StackGAN++ — Zhang et al., "StackGAN++: Realistic Image Synthesis with Stacked Generative Adversarial
Networks", TPAMI 2018. Our own code after the paper (Sec. 4, Fig. 3) and the settings of its code
(hanzhanggit/StackGAN-v2, cfg/birds_3stages.yml and miscc/config.py).

A tree of generators sharing one trunk: CA (fc + GLU) gives ĉ; the first branch maps [ĉ; z] through fc + GLU to
4×4 and GLU up blocks to the smallest scale; each next branch joins its input features with ĉ tiled over the
map (3×3 conv + GLU), refines them with residual blocks and doubles the size. Each scale has its own image head
and its own discriminator, which gives two logits: conditional (the joint head on [features; μ]) and
unconditional. Losses (Sec. 4.2, the code's weighting):

- D_i: BCE(cond real, 1) + BCE(cond wrong, 0) + BCE(cond fake, 0) + λ_u [BCE(uncond real, 1) + BCE(uncond wrong, 1)
  + BCE(uncond fake, 0)], λ_u = UNCOND_LOSS = 1 (wrong = a real image with another caption: real for the
  unconditional head).
- G: Σ_i [BCE(cond fake_i, 1) + λ_u BCE(uncond fake_i, 1)] + KL λ = 2, + the colour-consistency term
  α(λ1‖μ_i − μ_{i−1}‖² + λ2‖Σ_i − Σ_{i−1}‖²_F) with λ1 = 1, λ2 = 5 (Sec. 4.3). α = 0 in the published
  text-to-image (CUB) setting (COLOR_LOSS 0.0; the paper uses it for the unconditional tasks), so it is 0 here.
- Adam lr 2e-4 (G, D), betas (0.5, 0.999); the generator's moving average 0.999 (the code's avg_param_G).

At 64 px the tree is three scales 16 → 32 → 64 (the paper: 64 → 128 → 256). CPU widths: gf 16, df 16
(the paper: 64, 64).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import torch
import torch.nn as nn
import torch.nn.functional as F

from ..blocks import GLU, CondHead, ConditioningAugmentation, ResBlock, ToRGB, UncondHead, down_block, kl_loss, \
    up_block
from .base import T2IMethod
from .losses import bce_fake, bce_real


@dataclass(frozen=True)
class StackGANPPConfig:
    image_size: int = 64  # the largest branch
    branches: int = 3
    text_dim: int = 256
    c_dim: int = 128
    z_dim: int = 100
    gf: int = 16  # first branch: 16·gf channels at 4×4 (the code's ngf = GF_DIM·16)
    df: int = 16
    res_blocks: int = 2  # R_NUM
    kl_weight: float = 2.0
    uncond_weight: float = 1.0
    color_weight: float = 0.0  # α; λ1 = 1, λ2 = 5 inside
    lr_g: float = 2e-4
    lr_d: float = 2e-4
    betas: tuple[float, float] = (0.5, 0.999)
    ema: float | None = 0.999

    @property
    def sizes(self) -> list[int]:
        return [self.image_size // 2 ** (self.branches - 1 - i) for i in range(self.branches)]


class Generator(nn.Module):
    def __init__(self, cfg: StackGANPPConfig):
        super().__init__()
        g = cfg.gf * 16
        self.ca = ConditioningAugmentation(cfg.text_dim, cfg.c_dim, glu=True)
        self.fc = nn.Sequential(nn.Linear(cfg.c_dim + cfg.z_dim, g * 16 * 2, bias=False),
                                nn.BatchNorm1d(g * 16 * 2), GLU())
        ups = int(math.log2(cfg.sizes[0] // 4))
        self.init = nn.Sequential(*[up_block(g // 2 ** i, g // 2 ** (i + 1)) for i in range(ups)])
        ch = g // 2 ** ups
        self.nexts = nn.ModuleList()
        for _ in cfg.sizes[1:]:
            self.nexts.append(nn.ModuleDict({
                "joint": nn.Sequential(nn.Conv2d(ch + cfg.c_dim, ch * 2, 3, 1, 1, bias=False), nn.BatchNorm2d(ch * 2),
                                       GLU()),
                "res": nn.Sequential(*[ResBlock(ch) for _ in range(cfg.res_blocks)]),
                "up": up_block(ch, ch // 2)}))
            ch //= 2
        self.heads = nn.ModuleList(ToRGB(g // 2 ** (ups + i)) for i in range(cfg.branches))

    def forward(self, z, sentence, generator=None):
        """([image per scale, small to large], μ, log σ²)."""
        c, mu, logvar = self.ca(sentence, generator)
        h = self.init(self.fc(torch.cat([c, z], 1)).reshape(len(z), -1, 4, 4))
        images = [self.heads[0](h)]
        for i, nxt in enumerate(self.nexts):
            tiled = c[:, :, None, None].expand(-1, -1, h.shape[2], h.shape[3])
            h = nxt["up"](nxt["res"](nxt["joint"](torch.cat([h, tiled], 1))))
            images.append(self.heads[i + 1](h))
        return images, mu, logvar


class ScaleD(nn.Module):
    """One discriminator of the tree: strided convs to 4×4, a conditional and an unconditional logit.
    The condition is μ (c_dim) here; AttnGAN's D uses the same network on the sentence vector (cond_dim)."""

    def __init__(self, cfg, size: int, cond_dim: int | None = None):
        super().__init__()
        n, d = int(math.log2(size)) - 2, cfg.df
        widths = [d * min(2 ** i, 8) for i in range(n)]
        self.trunk = nn.Sequential(down_block(3, widths[0], bn=False),
                                   *[down_block(a, b) for a, b in zip(widths[:-1], widths[1:])])
        self.cond = CondHead(widths[-1], cond_dim or cfg.c_dim, widths[-1], bn=True)
        self.uncond = UncondHead(widths[-1])

    def forward(self, image, mu):
        f = self.trunk(image)
        return self.cond(f, mu), self.uncond(f)


def colour_moments(x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """(mean [B, 3], covariance [B, 3, 3]) of the pixels of each image (Sec. 4.3)."""
    p = x.flatten(2)
    mu = p.mean(2)
    d = p - mu[:, :, None]
    return mu, d @ d.transpose(1, 2) / p.shape[2]


class StackGANPP(T2IMethod):
    name = "stackgan_pp"

    def __init__(self, cfg: StackGANPPConfig, text_encoder: nn.Module):
        super().__init__(cfg, text_encoder)
        self.G = Generator(cfg)
        self.D = nn.ModuleList(ScaleD(cfg, s) for s in cfg.sizes)

    def param_groups(self) -> dict[str, list[nn.Parameter]]:
        return {"d": list(self.D.parameters()), "g": list(self.G.parameters())}

    def losses(self, batch: dict, group: str, step: int) -> dict[str, torch.Tensor]:
        cache = self.step_cache(step)
        if "fakes" not in cache:
            s = self.encode(batch["caption"]).sentence
            cache["fakes"], cache["mu"], cache["logvar"] = self.G(self.noise(len(s)), s)
        fakes, mu, logvar = cache["fakes"], cache["mu"], cache["logvar"]
        m, u = mu.detach(), self.cfg.uncond_weight
        out = {}
        for i, (D, fake) in enumerate(zip(self.D, fakes)):
            if group == "d":
                real = F.interpolate(batch["image"], size=fake.shape[-1], mode="area") \
                    if fake.shape[-1] != batch["image"].shape[-1] else batch["image"]
                (cr, ur), (cw, uw), (cf, uf) = D(real, m), D(real.roll(1, 0), m), D(fake.detach(), m)
                out[f"d{i}"] = bce_real(cr) + bce_fake(cw) + bce_fake(cf) + u * (bce_real(ur) + bce_real(uw)
                                                                                 + bce_fake(uf))
            else:
                cf, uf = D(fake, m)
                out[f"g{i}"] = bce_real(cf) + u * bce_real(uf)
        if group == "g":
            out["kl"] = self.cfg.kl_weight * kl_loss(mu, logvar)
            if self.cfg.color_weight > 0:
                for i in range(1, len(fakes)):
                    (m1, c1), (m0, c0) = colour_moments(fakes[i]), colour_moments(fakes[i - 1])
                    out[f"colour{i}"] = self.cfg.color_weight * (F.mse_loss(m1, m0) + 5 * F.mse_loss(c1, c0))
        return out

    @torch.no_grad()
    def generate(self, captions: list[str], seed: int = 0) -> torch.Tensor:
        gen = torch.Generator().manual_seed(seed)
        s = self.encode(captions).sentence
        return self.G(self.noise(len(s), gen), s, gen)[0][-1]
