"""DF-GAN — Tao et al., "DF-GAN: A Simple and Effective Baseline for Text-to-Image Synthesis", CVPR 2022.
Our own code after the paper (Sec. 3, Fig. 2) and the settings of the official repository (tobran/DF-GAN).

One stage: z (100-d) → fc → 4×4×8ngf, then UPBlocks (×2 each, to 64 px or 128 px) whose deep text-image fusion
blocks apply two stacked affine transforms + LeakyReLU per fuse, γ and β predicted from [z; sentence]; a
LeakyReLU + 3×3 conv + tanh makes the image. The discriminator is a stack of residual down blocks to 4×4 and a
conditional head on [features; sentence] (one-way output). Losses: hinge with matching-aware real / mismatched
/ fake terms (Eq. 3), G: −D(fake) (Eq. 5), MA-GP k=2, p=6 on real image + sentence (Eq. 4). Adam G 1e-4,
D 4e-4, betas (0, 0.9). The sentence vector comes from the frozen DAMSM text encoder; no EMA (the paper keeps
none).

Scaled for a CPU: ngf = ndf = 16 by default (the paper's CUB setting is 32 at 256 px); `DFGANConfig(ngf=32,
ndf=32)` is the published width.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import torch
import torch.nn as nn

from ..blocks import CondHead, FusionUp, ResDown, ToRGB
from .base import T2IMethod
from .losses import hinge_d_matching, hinge_g, ma_gp


@dataclass(frozen=True)
class DFGANConfig:
    image_size: int = 64  # 64 or 128 (any power of two ≥ 16 builds)
    text_dim: int = 256  # the DAMSM sentence dimension (set from the encoder)
    z_dim: int = 100
    ngf: int = 16
    ndf: int = 16
    lr_g: float = 1e-4
    lr_d: float = 4e-4
    betas: tuple[float, float] = (0.0, 0.9)
    gp_k: float = 2.0
    gp_p: float = 6.0
    ema: float | None = None

    @property
    def levels(self) -> int:  # ×2 steps from 4×4
        n = int(math.log2(self.image_size)) - 2
        if 2 ** (n + 2) != self.image_size or n < 2:
            raise ValueError(f"DF-GAN builds power-of-two sizes ≥ 16, not {self.image_size}")
        return n


class Generator(nn.Module):
    """G(z, e): fc → 4×4 → `levels` fusion UPBlocks → RGB. Widths ngf·[8, 8, 4, 2, 1] at 64 px."""

    def __init__(self, cfg: DFGANConfig):
        super().__init__()
        n, c = cfg.levels, cfg.ngf
        widths = [c * min(2 ** i, 8) for i in range(n + 1)][::-1]  # 64 px: 8c 8c 4c 2c c
        self.fc = nn.Linear(cfg.z_dim, widths[0] * 16)
        cond = cfg.z_dim + cfg.text_dim
        self.blocks = nn.ModuleList(FusionUp(a, b, cond) for a, b in zip(widths[:-1], widths[1:]))
        self.to_rgb = ToRGB(widths[-1], leaky=True)

    def forward(self, z: torch.Tensor, sentence: torch.Tensor) -> torch.Tensor:
        cond = torch.cat([z, sentence], 1)
        x = self.fc(z).reshape(z.shape[0], -1, 4, 4)
        for block in self.blocks:
            x = block(x, cond)
        return self.to_rgb(x)


class Discriminator(nn.Module):
    """D: 3×3 conv → residual down blocks to 4×4 (widths ndf·[1, 2, 4, 8, 16]) → features; `head` scores
    [features; sentence]."""

    def __init__(self, cfg: DFGANConfig):
        super().__init__()
        n, c = cfg.levels, cfg.ndf
        widths = [c * min(2 ** i, 16) for i in range(n + 1)]
        self.conv_img = nn.Conv2d(3, widths[0], 3, 1, 1)
        self.blocks = nn.Sequential(*[ResDown(a, b) for a, b in zip(widths[:-1], widths[1:])])
        self.head = CondHead(widths[-1], cfg.text_dim, c * 2)

    def features(self, image: torch.Tensor) -> torch.Tensor:
        return self.blocks(self.conv_img(image))

    def forward(self, image: torch.Tensor, sentence: torch.Tensor) -> torch.Tensor:
        return self.head(self.features(image), sentence)


class DFGAN(T2IMethod):
    name = "dfgan"
    inference_prefixes = ("G.",)

    def __init__(self, cfg: DFGANConfig, text_encoder: nn.Module):
        super().__init__(cfg, text_encoder)
        self.G, self.D = Generator(cfg), Discriminator(cfg)

    def param_groups(self) -> dict[str, list[nn.Parameter]]:
        return {"d": list(self.D.parameters()), "g": list(self.G.parameters())}

    def losses(self, batch: dict, group: str, step: int) -> dict[str, torch.Tensor]:
        cache = self.step_cache(step)
        if "sentence" not in cache:
            cache["sentence"] = self.encode(batch["caption"]).sentence
            cache["fake"] = self.G(self.noise(len(batch["caption"])), cache["sentence"])
        s, fake = cache["sentence"], cache["fake"]
        if group == "d":
            real = self.D.features(batch["image"])
            mismatch = real.roll(1, 0)  # another image's features with this sentence (the official shift)
            d = hinge_d_matching(self.D.head(real, s), self.D(fake.detach(), s), self.D.head(mismatch, s))
            gp = ma_gp(self.D, batch["image"], s, self.cfg.gp_k, self.cfg.gp_p)
            return {"hinge": d, "ma_gp": gp}
        return {"adv": hinge_g(self.D(fake, s))}

    @torch.no_grad()
    def generate(self, captions: list[str], seed: int = 0) -> torch.Tensor:
        gen = torch.Generator().manual_seed(seed)
        return self.G(self.noise(len(captions), gen), self.encode(captions).sentence)
