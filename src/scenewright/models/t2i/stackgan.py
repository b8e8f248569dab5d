"""StackGAN — Zhang et al., "StackGAN: Text to Photo-realistic Image Synthesis with Stacked Generative
Adversarial Networks", ICCV 2017. Our own code after the paper (Sec. 3, Fig. 2) and the settings of its PyTorch
code (hanzhanggit/StackGAN-Pytorch, cfg/coco_s1.yml, birds_s2.yml).

- Conditioning augmentation (Sec. 3.1): ĉ = μ(φ_t) + σ(φ_t) ⊙ ε, with the KL regulariser λ = 2 (COEFF.KL) in G.
- Stage-I G: [ĉ; z] → fc → 4×4 → four up blocks (nearest ×2, 3×3 conv, BN, ReLU) → a rough 64×64 sketch.
- Stage-II G (the refiner): the Stage-I image is encoded down to 16×16, joined with a second CA's ĉ tiled over
  the map, passed through residual blocks and up blocks back to the output size.
- D (each stage): a strided conv encoder to 4×4, and the matching-aware conditional head on [features; μ]
  (real/right → real; real/wrong and fake/right → fake, the latter two halved), BCE.
- Adam lr 2e-4 (G and D), betas (0.5, 0.999).

Stage-II here is a **64 → 64 refinement** at the default 64 px (encode to 16×16, two ×2 up blocks back to 64);
with image_size=128 it is the paper's up-scaling (Stage-I at 64, Stage-II ×2 to 128). The paper trains
Stage-I, then Stage-II with Stage-I fixed; one run does both: Stage-I for the first `stage2_from` steps, then
Stage-I is frozen and only Stage-II and its D learn. Widths are scaled for a CPU (gf 16, df 16; the paper:
gf 128 / 192, df 64 / 96).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import torch
import torch.nn as nn

from ..blocks import CondHead, ConditioningAugmentation, ResBlock, ToRGB, down_block, kl_loss, up_block
from .base import T2IMethod
from .losses import bce_real, gan_cls_d


@dataclass(frozen=True)
class StackGANConfig:
    image_size: int = 64  # Stage-II output: 64 (refine at 64) or 128 (the paper's ×2 up-scaling)
    text_dim: int = 256
    c_dim: int = 128  # CA output
    z_dim: int = 100
    gf: int = 16  # Stage-I G has 8·gf channels at 4×4
    df: int = 16
    res_blocks: int = 2  # Stage-II (the paper: 4 at 256 px)
    kl_weight: float = 2.0
    stage2_from: int = 1500  # steps of Stage-I before Stage-II takes over
    lr_g: float = 2e-4
    lr_d: float = 2e-4
    betas: tuple[float, float] = (0.5, 0.999)
    ema: float | None = None


class Stage1G(nn.Module):
    def __init__(self, cfg: StackGANConfig):
        super().__init__()
        g = cfg.gf * 8
        self.ca = ConditioningAugmentation(cfg.text_dim, cfg.c_dim, glu=False)
        self.fc = nn.Sequential(nn.Linear(cfg.c_dim + cfg.z_dim, g * 16, bias=False), nn.BatchNorm1d(g * 16),
                                nn.ReLU(inplace=True))
        self.up = nn.Sequential(*[up_block(g // 2 ** i, g // 2 ** (i + 1), glu=False) for i in range(4)])
        self.to_rgb = ToRGB(g // 16)

    def forward(self, z, sentence, generator=None):
        c, mu, logvar = self.ca(sentence, generator)
        x = self.fc(torch.cat([c, z], 1)).reshape(len(z), -1, 4, 4)
        return self.to_rgb(self.up(x)), mu, logvar


class Stage2G(nn.Module):
    def __init__(self, cfg: StackGANConfig):
        super().__init__()
        g = cfg.gf * 4
        self.ca = ConditioningAugmentation(cfg.text_dim, cfg.c_dim, glu=False)
        self.encode = nn.Sequential(nn.Conv2d(3, g // 4, 3, 1, 1), nn.ReLU(inplace=True),
                                    *[down_block(g // 4 * 2 ** i, g // 2 * 2 ** i) for i in range(2)])  # 64→16
        self.joint = nn.Sequential(nn.Conv2d(g + cfg.c_dim, g, 3, 1, 1, bias=False), nn.BatchNorm2d(g),
                                   nn.ReLU(inplace=True), *[ResBlock(g, glu=False) for _ in range(cfg.res_blocks)])
        ups = int(math.log2(cfg.image_size // 16))
        self.up = nn.Sequential(*[up_block(g // 2 ** i, g // 2 ** (i + 1), glu=False) for i in range(ups)])
        self.to_rgb = ToRGB(g // 2 ** ups)

    def forward(self, stage1, sentence, generator=None):
        c, mu, logvar = self.ca(sentence, generator)
        h = self.encode(stage1)
        h = self.joint(torch.cat([h, c[:, :, None, None].expand(-1, -1, h.shape[2], h.shape[3])], 1))
        return self.to_rgb(self.up(h)), mu, logvar


class StageD(nn.Module):
    """Strided convs from `size` to 4×4 (8·df channels), then the conditional head on [features; μ]."""

    def __init__(self, cfg: StackGANConfig, size: int):
        super().__init__()
        n, d = int(math.log2(size)) - 2, cfg.df
        widths = [d * min(2 ** i, 8) for i in range(n)]
        self.trunk = nn.Sequential(down_block(3, widths[0], bn=False),
                                   *[down_block(a, b) for a, b in zip(widths[:-1], widths[1:])])
        self.head = CondHead(widths[-1], cfg.c_dim, widths[-1], bn=True)

    def forward(self, image, mu):
        return self.head(self.trunk(image), mu)


class StackGAN(T2IMethod):
    name = "stackgan"
    inference_prefixes = ("G.", "stage2_steps")

    def __init__(self, cfg: StackGANConfig, text_encoder: nn.Module):
        super().__init__(cfg, text_encoder)
        self.G = nn.ModuleDict({"stage1": Stage1G(cfg), "stage2": Stage2G(cfg)})
        self.D = nn.ModuleDict({"stage1": StageD(cfg, 64), "stage2": StageD(cfg, cfg.image_size)})
        self.register_buffer("stage2_steps", torch.zeros((), dtype=torch.long))  # 0: draw with Stage-I only

    def param_groups(self) -> dict[str, list[nn.Parameter]]:
        return {"d": list(self.D.parameters()), "g": list(self.G.parameters())}

    def losses(self, batch: dict, group: str, step: int) -> dict[str, torch.Tensor]:
        stage = "stage2" if step >= self.cfg.stage2_from else "stage1"
        cache = self.step_cache(step)
        if "fake" not in cache:
            s = self.encode(batch["caption"]).sentence
            z = self.noise(len(s))
            if stage == "stage1":
                fake, mu, logvar = self.G["stage1"](z, s)
            else:
                with torch.no_grad():  # Stage-I is fixed while Stage-II learns (the paper's schedule)
                    self.G["stage1"].eval()
                    sketch, _, _ = self.G["stage1"](z, s)
                fake, mu, logvar = self.G["stage2"](sketch, s)
            cache.update(fake=fake, mu=mu, logvar=logvar)
        fake, mu, logvar = cache["fake"], cache["mu"], cache["logvar"]
        D = self.D[stage]
        if group == "d":
            real = _resize(batch["image"], fake.shape[-1])
            m = mu.detach()
            return {f"{stage}_cls": gan_cls_d(D(real, m), D(real.roll(1, 0), m), D(fake.detach(), m))}
        if stage == "stage2":
            self.stage2_steps += 1
        return {f"{stage}_adv": bce_real(D(fake, mu.detach())), "kl": self.cfg.kl_weight * kl_loss(mu, logvar)}

    @torch.no_grad()
    def generate(self, captions: list[str], seed: int = 0, stage: str | None = None) -> torch.Tensor:
        """The Stage-II image (or Stage-I's, upsampled, while Stage-II has not trained; `stage` forces one)."""
        gen = torch.Generator().manual_seed(seed)
        s = self.encode(captions).sentence
        sketch, _, _ = self.G["stage1"](self.noise(len(s), gen), s, gen)
        stage = stage or ("stage2" if self.stage2_steps > 0 else "stage1")
        if stage == "stage1":
            return _resize(sketch, self.cfg.image_size, up=True)
        return self.G["stage2"](sketch, s, gen)[0]


def _resize(x: torch.Tensor, size: int, up: bool = False) -> torch.Tensor:
    if x.shape[-1] == size:
        return x
    return nn.functional.interpolate(x, size=(size, size), mode="bilinear" if up else "area",
                                     **({"align_corners": False} if up else {}))
