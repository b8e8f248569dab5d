"""GAN-INT-CLS — Reed et al., "Generative Adversarial Text to Image Synthesis", ICML 2016. Our own code after
the paper (Sec. 4, Fig. 2, Algorithm 1) and the settings of its code (reedscot/icml2016).

A text-conditional DCGAN. G: the text embedding φ(t) is compressed by fc + LeakyReLU to 128-d, joined with
z ~ N(0, I) (100-d), and four stride-2 transposed convolutions (BN + ReLU) draw a 64×64 image (tanh). D:
four stride-2 convolutions (BN + LeakyReLU) to 4×4, the compressed embedding tiled there and joined on channels,
a 1×1 conv + LeakyReLU and a 4×4 conv give one logit.

- GAN-CLS (matching-aware D, Algorithm 1): D learns real image + right text as real, and both real image +
  wrong text and fake image + right text as fake (the last two halved).
- GAN-INT: G also draws from interpolated embeddings t = β·t₁ + (1 − β)·t₂ (β = 0.5) of two captions of the
  batch and is asked to fool D with them (D never sees them: there is no real image for them).

Deviation: φ(t) is the frozen DAMSM sentence vector (Reed trained a char-CNN-RNN); Adam lr 2e-4, β₁ 0.5 as
published; ngf = ndf = 64 as published (cheap enough on a CPU at 64 px).
"""

from __future__ import annotations

from dataclasses import dataclass

import torch
import torch.nn as nn

from ..blocks import CondHead, down_block
from .base import T2IMethod
from .losses import bce_real, gan_cls_d


@dataclass(frozen=True)
class GANINTCLSConfig:
    image_size: int = 64  # 64 (the paper); 128 adds one block
    text_dim: int = 256
    t_dim: int = 128  # the compressed embedding
    z_dim: int = 100
    ngf: int = 64
    ndf: int = 64
    beta_int: float = 0.5  # GAN-INT: t = β t1 + (1 − β) t2
    int_weight: float = 1.0
    lr_g: float = 2e-4
    lr_d: float = 2e-4
    betas: tuple[float, float] = (0.5, 0.999)
    ema: float | None = None

    @property
    def levels(self) -> int:
        return {64: 4, 128: 5}[self.image_size]


def _compress(text_dim: int, t_dim: int) -> nn.Sequential:
    return nn.Sequential(nn.Linear(text_dim, t_dim), nn.LeakyReLU(0.2, inplace=True))


class Generator(nn.Module):
    def __init__(self, cfg: GANINTCLSConfig):
        super().__init__()
        n, c = cfg.levels, cfg.ngf
        widths = [c * 2 ** (n - 1 - i) for i in range(n)]  # 64 px: 8c 4c 2c c
        self.compress = _compress(cfg.text_dim, cfg.t_dim)
        layers: list[nn.Module] = [nn.ConvTranspose2d(cfg.z_dim + cfg.t_dim, widths[0], 4, 1, 0, bias=False),
                                   nn.BatchNorm2d(widths[0]), nn.ReLU(inplace=True)]
        for a, b in zip(widths[:-1], widths[1:]):
            layers += [nn.ConvTranspose2d(a, b, 4, 2, 1, bias=False), nn.BatchNorm2d(b), nn.ReLU(inplace=True)]
        layers += [nn.ConvTranspose2d(widths[-1], 3, 4, 2, 1), nn.Tanh()]
        self.net = nn.Sequential(*layers)

    def forward(self, z: torch.Tensor, sentence: torch.Tensor) -> torch.Tensor:
        return self.net(torch.cat([z, self.compress(sentence)], 1)[:, :, None, None])


class Discriminator(nn.Module):
    def __init__(self, cfg: GANINTCLSConfig):
        super().__init__()
        n, c = cfg.levels, cfg.ndf
        widths = [c * 2 ** i for i in range(n)]  # c 2c 4c 8c, to 4×4
        self.trunk = nn.Sequential(down_block(3, widths[0], bn=False),
                                   *[down_block(a, b) for a, b in zip(widths[:-1], widths[1:])])
        self.compress = _compress(cfg.text_dim, cfg.t_dim)
        self.head = CondHead(widths[-1], cfg.t_dim, widths[-1], bn=True, k=1)

    def forward(self, image: torch.Tensor, sentence: torch.Tensor) -> torch.Tensor:
        return self.head(self.trunk(image), self.compress(sentence))


class GANINTCLS(T2IMethod):
    name = "gan_int_cls"

    def __init__(self, cfg: GANINTCLSConfig, text_encoder: nn.Module):
        super().__init__(cfg, text_encoder)
        self.G, self.D = Generator(cfg), Discriminator(cfg)
        self.apply(_dcgan_init)

    def param_groups(self) -> dict[str, list[nn.Parameter]]:
        return {"d": list(self.D.parameters()), "g": list(self.G.parameters())}

    def losses(self, batch: dict, group: str, step: int) -> dict[str, torch.Tensor]:
        cache = self.step_cache(step)
        if "right" not in cache:
            cache["right"] = self.encode(batch["caption"]).sentence
            cache["wrong"] = self.encode(batch["wrong_caption"]).sentence
            cache["fake"] = self.G(self.noise(len(batch["caption"])), cache["right"])
        right, wrong, fake = cache["right"], cache["wrong"], cache["fake"]
        if group == "d":
            x = batch["image"]
            return {"gan_cls": gan_cls_d(self.D(x, right), self.D(x, wrong), self.D(fake.detach(), right))}
        b = self.cfg.beta_int
        t_int = b * right + (1 - b) * right.roll(1, 0)  # two captions of the batch, mixed
        fake_int = self.G(self.noise(len(t_int)), t_int)
        return {"adv": bce_real(self.D(fake, right)), "int": self.cfg.int_weight * bce_real(self.D(fake_int, t_int))}

    @torch.no_grad()
    def generate(self, captions: list[str], seed: int = 0) -> torch.Tensor:
        gen = torch.Generator().manual_seed(seed)
        return self.G(self.noise(len(captions), gen), self.encode(captions).sentence)


def _dcgan_init(m: nn.Module) -> None:
    """DCGAN's initialisation (Radford et al. 2016), which the GAN-INT-CLS code uses: N(0, 0.02) convs,
    N(1, 0.02) BN scales."""
    if isinstance(m, (nn.Conv2d, nn.ConvTranspose2d)):
        nn.init.normal_(m.weight, 0.0, 0.02)
    elif isinstance(m, nn.BatchNorm2d) and m.weight is not None:
        nn.init.normal_(m.weight, 1.0, 0.02)
        nn.init.zeros_(m.bias)

