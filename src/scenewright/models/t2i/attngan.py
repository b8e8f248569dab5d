"""AttnGAN — Xu et al., "AttnGAN: Fine-Grained Text to Image Generation with Attentional Generative
Adversarial Networks", CVPR 2018. Our own code after the paper (Sec. 3, Fig. 2) and the settings of its code
(taoxugit/AttnGAN, cfg/bird_attn2.yml).

- F^ca: conditioning augmentation (fc + GLU) of the sentence vector ē (Sec. 3.1), KL added to G's loss.
- h_0 = F_0(z, F^ca(ē)): fc + GLU to 4×4, GLU up blocks to the first scale.
- h_i = F_i(h_{i−1}, F^attn_i(e, h_{i−1})): each region of h_{i−1} attends over the word vectors (blocks'
  `WordAttention`, Eq. 2, padding masked); [h; word context] → residual blocks → ×2 up block.
- x̂_i = G_i(h_i): 3×3 conv + tanh per scale. Each scale's D has a conditional (on ē) and an unconditional logit.
- D loss (the code's discriminator_loss): ½(uncond real + cond real) + ⅓(uncond fake + cond fake + cond wrong).
- G loss (Eq. 3 + 9): Σ_i [cond fake + uncond fake] + λ L_DAMSM(x̂_last, text) + KL, with λ = 5 for CUB
  (TRAIN.SMOOTH.LAMBDA) and L_DAMSM the word and sentence losses of the DAMSM image encoder on the final image
  (models/encoders/damsm.py: matching_losses).
- Adam lr 2e-4 (G, D), betas (0.5, 0.999); the generator's moving average 0.999 (avg_param_G).

At 64 px the tree is 16 → 32 → 64 (the paper: 64 → 128 → 256); the attention works on the 16² and 32² maps.
CPU widths: gf 16 (the code's GF_DIM 32), df 16 (DF_DIM 64). The DAMSM image encoder is attached by the trainer
(`attach_image_encoder`); it is frozen and needed only for training.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import torch
import torch.nn as nn
import torch.nn.functional as F

from ..blocks import GLU, ConditioningAugmentation, ResBlock, ToRGB, WordAttention, kl_loss, up_block
from .base import T2IMethod, _Frozen
from .losses import bce_fake, bce_real
from .stackgan_pp import ScaleD


@dataclass(frozen=True)
class AttnGANConfig:
    image_size: int = 64
    branches: int = 3
    text_dim: int = 256
    c_dim: int = 100  # GAN.CONDITION_DIM
    z_dim: int = 100
    gf: int = 16
    df: int = 16
    res_blocks: int = 2  # GAN.R_NUM
    damsm_weight: float = 5.0  # λ (TRAIN.SMOOTH.LAMBDA, CUB)
    kl_weight: float = 1.0
    uncond_weight: float = 1.0
    lr_g: float = 2e-4
    lr_d: float = 2e-4
    betas: tuple[float, float] = (0.5, 0.999)
    ema: float | None = 0.999

    @property
    def sizes(self) -> list[int]:
        return [self.image_size // 2 ** (self.branches - 1 - i) for i in range(self.branches)]


class NextStage(nn.Module):
    """F_i: word attention on h, [h; context] → residual blocks → ×2 up."""

    def __init__(self, ch: int, word_dim: int, res_blocks: int):
        super().__init__()
        self.attention = WordAttention(ch, word_dim)
        self.res = nn.Sequential(*[ResBlock(ch * 2) for _ in range(res_blocks)])
        self.up = up_block(ch * 2, ch)

    def forward(self, h, words, mask):
        context, attn = self.attention(h, words, mask)
        return self.up(self.res(torch.cat([h, context], 1))), attn


class Generator(nn.Module):
    def __init__(self, cfg: AttnGANConfig):
        super().__init__()
        g = cfg.gf * 16
        self.ca = ConditioningAugmentation(cfg.text_dim, cfg.c_dim, glu=True)
        self.fc = nn.Sequential(nn.Linear(cfg.c_dim + cfg.z_dim, g * 16 * 2, bias=False),
                                nn.BatchNorm1d(g * 16 * 2), GLU())
        ups = int(math.log2(cfg.sizes[0] // 4))
        self.init = nn.Sequential(*[up_block(g // 2 ** i, g // 2 ** (i + 1)) for i in range(ups)])
        ch = g // 2 ** ups  # AttnGAN keeps this width (ngf) at every later scale
        self.nexts = nn.ModuleList(NextStage(ch, cfg.text_dim, cfg.res_blocks) for _ in cfg.sizes[1:])
        self.heads = nn.ModuleList(ToRGB(ch) for _ in cfg.sizes)

    def forward(self, z, sentence, words, mask, generator=None):
        """([image per scale], [attention maps per later scale], μ, log σ²)."""
        c, mu, logvar = self.ca(sentence, generator)
        h = self.init(self.fc(torch.cat([c, z], 1)).reshape(len(z), -1, 4, 4))
        images, maps = [self.heads[0](h)], []
        for nxt, head in zip(self.nexts, self.heads[1:]):
            h, attn = nxt(h, words, mask)
            images.append(head(h))
            maps.append(attn)
        return images, maps, mu, logvar


class AttnGAN(T2IMethod):
    name = "attngan"

    def __init__(self, cfg: AttnGANConfig, text_encoder: nn.Module):
        super().__init__(cfg, text_encoder)
        self.G = Generator(cfg)
        self.D = nn.ModuleList(ScaleD(cfg, s, cond_dim=cfg.text_dim) for s in cfg.sizes)
        self._image = None

    def attach_image_encoder(self, image_encoder: nn.Module) -> None:
        """The frozen DAMSM image encoder for L_DAMSM (trained together with the text encoder)."""
        image_encoder.eval().requires_grad_(False)
        self._image = _Frozen(image_encoder)

    def _apply(self, fn, *args, **kwargs):
        if self._image is not None:
            self._image.encoder._apply(fn, *args, **kwargs)
        return super()._apply(fn, *args, **kwargs)

    def param_groups(self) -> dict[str, list[nn.Parameter]]:
        return {"d": list(self.D.parameters()), "g": list(self.G.parameters())}

    def damsm_loss(self, image: torch.Tensor, text, captions: list[str]) -> torch.Tensor:
        """L_DAMSM = L^w_1 + L^w_2 + L^s_1 + L^s_2 of the generated images against their captions (Eq. 9)."""
        from ..encoders.damsm import matching_losses, same_caption

        if self._image is None:
            raise RuntimeError("AttnGAN's DAMSM loss needs the DAMSM image encoder: attach_image_encoder(...)")
        enc = self._image.encoder
        regions, code = enc(image)
        same = same_caption(captions).to(image.device)
        return matching_losses(regions, code, text, same, enc.config)["loss"]

    def losses(self, batch: dict, group: str, step: int) -> dict[str, torch.Tensor]:
        cache = self.step_cache(step)
        if "fakes" not in cache:
            text = self.encode(batch["caption"])
            fakes, _, mu, logvar = self.G(self.noise(len(text.sentence)), text.sentence, text.words, text.mask)
            cache.update(text=text, fakes=fakes, mu=mu, logvar=logvar)
        text, fakes, mu, logvar = cache["text"], cache["fakes"], cache["mu"], cache["logvar"]
        s, u = text.sentence, self.cfg.uncond_weight
        out = {}
        for i, (D, fake) in enumerate(zip(self.D, fakes)):
            if group == "d":
                real = F.interpolate(batch["image"], size=fake.shape[-1], mode="area") \
                    if fake.shape[-1] != batch["image"].shape[-1] else batch["image"]
                (cr, ur), (cw, _), (cf, uf) = D(real, s), D(real.roll(1, 0), s), D(fake.detach(), s)
                out[f"d{i}"] = 0.5 * (u * bce_real(ur) + bce_real(cr)) + (u * bce_fake(uf) + bce_fake(cf)
                                                                           + bce_fake(cw)) / 3
            else:
                cf, uf = D(fake, s)
                out[f"g{i}"] = bce_real(cf) + u * bce_real(uf)
        if group == "g":
            out["kl"] = self.cfg.kl_weight * kl_loss(mu, logvar)
            if self.cfg.damsm_weight > 0:
                out["damsm"] = self.cfg.damsm_weight * self.damsm_loss(fakes[-1], text, batch["caption"])
        return out

    @torch.no_grad()
    def generate(self, captions: list[str], seed: int = 0) -> torch.Tensor:
        gen = torch.Generator().manual_seed(seed)
        text = self.encode(captions)
        z = self.noise(len(captions), gen)
        return self.G(z, text.sentence, text.words, text.mask, gen)[0][-1]

    @torch.no_grad()
    def attention_maps(self, captions: list[str], seed: int = 0) -> list[torch.Tensor]:
        """The word attention of each later scale, [B, T, h, w] (what Fig. 4 of the paper shows)."""
        gen = torch.Generator().manual_seed(seed)
        text = self.encode(captions)
        return self.G(self.noise(len(captions), gen), text.sentence, text.words, text.mask, gen)[1]
