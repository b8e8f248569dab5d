"""SISGAN — Dong, Yu, Wu, Guo, "Semantic Image Synthesis via Adversarial Learning", ICCV 2017. Our own code
after the paper (Sec. 3, Fig. 2).

- G (Sec. 3.1): encoder (3×3 conv, two 4×4/2 convs) → 16² image features; the text embedding φ(t) goes through
  conditioning augmentation and is replicated spatially and concatenated with them; a 3×3 conv, 4 residual
  blocks and a decoder (×2 up + conv, twice, then conv + tanh) make the edited image (`EncoderDecoderG`).
- D (Sec. 3.2): 4×4/2 conv + BN + LeakyReLU to 4×4 features, the replicated sentence joined on channels, a 1×1
  conv and a 4×4 conv → one logit (`CondHead`, k=1).
- Matching-aware loss (Eq. 3): L_D = log D(x, t) + ½[log(1 − D(x, t̂)) + log(1 − D(G(x, t̄), t̄))] — real image
  with its own (matching) text, real image with mismatched text t̂, edited image with the relevant text t̄;
  L_G = log D(G(x, t̄), t̄) + λ_KL · KL (the CA term). Here t is the source's caption, t̂ a caption of another
  record's source, t̄ the edit text (the target caption in the CUB setting the paper uses).
- Adam lr 2e-4, β (0.5, 0.999); no moving average.

The text embedding is our frozen DAMSM sentence vector (the paper trains a char-CNN-RNN / fastText+GRU joint
embedding first and freezes it the same way). CPU width ch = 16 (the paper's 64).
"""

from __future__ import annotations

from dataclasses import dataclass

import torch
import torch.nn as nn

from ..blocks import CondHead, down_block, kl_loss
from ..t2i.losses import bce_fake, bce_real
from .base import EncoderDecoderG, ManipulationMethod


@dataclass(frozen=True)
class SISGANConfig:
    image_size: int = 64
    text_dim: int = 256
    text: str = "caption"  # "caption" (the target's, CUB setting) or "instruction"
    ch: int = 16  # the paper: 64
    df: int = 16
    c_dim: int = 128  # CA output (the paper's 128-d text code)
    res_blocks: int = 4
    kl_weight: float = 0.5
    target_l1: float = 0.0  # optional supervised term, off for the published losses
    lr_g: float = 2e-4
    lr_d: float = 2e-4
    betas: tuple[float, float] = (0.5, 0.999)
    ema: float | None = None


class Discriminator(nn.Module):
    """D(x, t): down blocks to 4×4 (widths df·1, 2, 4, 8), then the conditional 1×1 + 4×4 head."""

    def __init__(self, cfg: SISGANConfig):
        super().__init__()
        d = cfg.df
        self.trunk = nn.Sequential(down_block(3, d, bn=False), down_block(d, d * 2), down_block(d * 2, d * 4),
                                   down_block(d * 4, d * 8))
        self.head = CondHead(d * 8, cfg.text_dim, d * 8, bn=True, k=1)

    def forward(self, x: torch.Tensor, sentence: torch.Tensor) -> torch.Tensor:
        return self.head(self.trunk(x), sentence)


class SISGAN(ManipulationMethod):
    name = "sisgan"

    def __init__(self, cfg: SISGANConfig, text_encoder: nn.Module):
        if cfg.image_size != 64:
            raise ValueError(f"SISGAN here is built for 64 px, not {cfg.image_size}")
        super().__init__(cfg, text_encoder)
        self.G = EncoderDecoderG(cfg.text_dim, cfg.ch, cfg.c_dim, cfg.res_blocks)
        self.D = Discriminator(cfg)

    def param_groups(self) -> dict[str, list[nn.Parameter]]:
        return {"d": list(self.D.parameters()), "g": list(self.G.parameters())}

    def losses(self, batch: dict, group: str, step: int) -> dict[str, torch.Tensor]:
        cache = self.step_cache(step)
        if "fake" not in cache:
            edit = self.encode(self.edit_text(batch)).sentence
            fake, mu, logvar = self.G(batch["source"], edit)
            cache.update(fake=fake, mu=mu, logvar=logvar, own=self.encode(batch["source_caption"]).sentence,
                         wrong=self.encode(batch["wrong_caption"]).sentence,
                         relevant=self.encode(batch["target_caption"]).sentence)
        x, fake, rel = batch["source"], cache["fake"], cache["relevant"]
        if group == "d":
            return {"real": bce_real(self.D(x, cache["own"])),
                    "mismatch": 0.5 * bce_fake(self.D(x, cache["wrong"])),
                    "fake": 0.5 * bce_fake(self.D(fake.detach(), rel))}
        return {"adv": bce_real(self.D(fake, rel)),
                "kl": self.cfg.kl_weight * kl_loss(cache["mu"], cache["logvar"])} | self.target_l1(fake, batch)

    @torch.no_grad()
    def edit(self, images: torch.Tensor, texts: list[str], seed: int = 0) -> torch.Tensor:
        gen = torch.Generator(device=images.device).manual_seed(seed)
        return self.G(images, self.encode(texts).sentence, gen)[0]
