"""TDANet (Zhang, Li, Li & Shi, ACM MM 2020, "Text-Guided Neural Image Inpainting"): a masked image and a
description of the whole picture → the picture with the hole filled as the text says; and the same network
without text ("tdanet_notext"), the paper's baseline.

What is kept from the paper and its code (idealwhite/tdanet):

- **Dual multimodal attention** (Sec. 3.2; the code's `ImageTextAttention`): the encoder's features at 8×8 are
  projected into the word space (1×1 conv); at every position the words are weighted by softmax over the words
  of (feature · word). Two branches: over the *hole* positions with the plain attention (which words describe
  what is missing), and over the *valid* positions with the inverse attention softmax(−feature · word) (the
  words least explained by what is still visible); each branch is max-pooled over its positions, joined
  ([B, 2D]) and fed to the decoder tiled over the map.
- **Image–text matching loss** (Sec. 3.3): DAMSM's word + sentence losses (models/encoders/damsm.py, Eq. 11–13
  of AttnGAN) between the completed image and its caption, λ_match = 0.1 (the code's default), with the frozen
  DAMSM whose text encoder also gives the word vectors.
- **Reconstruction**: L1 on the hole and on the valid region, each the mean over its own pixels, λ = 20 each
  (the code's lambda_rec_l1 = 20).
- **Adversarial**: LSGAN (the code's default gan_mode) with a DCGAN-style D of models/blocks.py (down blocks +
  UncondHead) on the completed image, λ_gan = 1; Adam β = (0, 0.999) as the code.

What is not: Pluralistic's two-path VAE (the prior/posterior distributions and their KL). This network is
deterministic, so "best of N samples" in the evaluation has N = 1. The encoder–decoder is a 64 px U-Net built
from the shared blocks (down_block / up_block / ResBlock / ToRGB) instead of the code's 256 px ResBlocks with
short+long attention.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

import torch
import torch.nn as nn
import torch.nn.functional as F

from ..blocks import ResBlock, ToRGB, UncondHead, down_block, up_block
from ..t2i.base import _Frozen


@dataclass(frozen=True)
class TDANetConfig:
    text: bool = True            # False: the same network without text (the baseline)
    image_size: int = 64
    ngf: int = 32
    ndf: int = 32
    text_dim: int = 256          # DAMSM's D (taken from the text encoder)
    lambda_hole: float = 20.0
    lambda_valid: float = 20.0
    lambda_gan: float = 1.0
    lambda_match: float = 0.1
    lr_g: float = 2e-4
    lr_d: float = 2e-4
    betas: tuple[float, float] = (0.0, 0.999)
    ema: float | None = None


def masked_max(x: torch.Tensor, where: torch.Tensor) -> torch.Tensor:
    """Max of x [B, D, N] over the positions where `where` [B, N] is True; 0 for a sample with none."""
    out = x.masked_fill(~where[:, None, :], float("-inf")).amax(2)
    return torch.where(where.any(1, keepdim=True), out, torch.zeros_like(out))


class DualMultimodalAttention(nn.Module):
    """Words attend to the hole and (inversely) to the valid region of the image features → [B, 2D]."""

    def __init__(self, channels: int, word_dim: int):
        super().__init__()
        self.project = nn.Conv2d(channels, word_dim, 1, bias=False)

    def forward(self, feats: torch.Tensor, words: torch.Tensor, word_pad: torch.Tensor,
                hole: torch.Tensor) -> torch.Tensor:
        """feats [B, C, h, w], words [B, D, T], word_pad [B, T] (True at padding), hole [B, 1, h, w] in {0, 1}."""
        g = self.project(feats).flatten(2)                             # [B, D, N]
        s = torch.bmm(g.transpose(1, 2), words)                        # [B, N, T]
        pad = word_pad[:, None, :]
        in_hole = hole.flatten(1) > 0.5                                # [B, N]
        ctx_hole = torch.bmm(words, s.masked_fill(pad, float("-inf")).softmax(2).transpose(1, 2))
        ctx_valid = torch.bmm(words, (-s).masked_fill(pad, float("-inf")).softmax(2).transpose(1, 2))
        return torch.cat([masked_max(ctx_hole, in_hole), masked_max(ctx_valid, ~in_hole)], 1)


class Generator(nn.Module):
    """U-Net: [masked image, mask] → 64→32→16→8 → (text fusion) → 16→32→64 with skips → RGB."""

    def __init__(self, cfg: TDANetConfig):
        super().__init__()
        if cfg.image_size != 64:
            raise ValueError(f"this TDANet is built for 64 px images, got image_size={cfg.image_size}")
        n = cfg.ngf
        self.e1 = nn.Sequential(nn.Conv2d(4, n, 3, 1, 1), nn.LeakyReLU(0.2, inplace=True))  # 64
        self.e2, self.e3, self.e4 = down_block(n, 2 * n), down_block(2 * n, 4 * n), down_block(4 * n, 4 * n)
        self.dma = DualMultimodalAttention(4 * n, cfg.text_dim) if cfg.text else None
        self.text_fc = nn.Linear(2 * cfg.text_dim, 4 * n) if cfg.text else None
        self.fuse = nn.Sequential(nn.Conv2d(4 * n * (2 if cfg.text else 1), 4 * n, 1), ResBlock(4 * n))
        self.d3, self.d2, self.d1 = up_block(4 * n, 4 * n), up_block(8 * n, 2 * n), up_block(4 * n, n)
        self.rgb = ToRGB(2 * n)

    def forward(self, masked: torch.Tensor, mask: torch.Tensor, text=None) -> torch.Tensor:
        h1 = self.e1(torch.cat([masked, mask], 1))
        h2 = self.e2(h1)
        h3 = self.e3(h2)
        h4 = self.e4(h3)
        if self.dma is not None:
            hole = F.adaptive_max_pool2d(mask, h4.shape[-2:])
            t = self.text_fc(self.dma(h4, text.words, text.mask, hole))
            h4 = torch.cat([h4, t[:, :, None, None].expand_as(h4)], 1)
        h = self.fuse(h4)
        h = self.d2(torch.cat([self.d3(h), h3], 1))
        h = self.d1(torch.cat([h, h2], 1))
        return self.rgb(torch.cat([h, h1], 1))


class Discriminator(nn.Module):
    """64 → 4 px by four down blocks, then the unconditional 4×4 head (models/blocks.py)."""

    def __init__(self, ndf: int):
        super().__init__()
        self.net = nn.Sequential(down_block(3, ndf, bn=False), down_block(ndf, 2 * ndf),
                                 down_block(2 * ndf, 4 * ndf), down_block(4 * ndf, 8 * ndf))
        self.head = UncondHead(8 * ndf)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.head(self.net(x))


def l1_region(pred: torch.Tensor, gt: torch.Tensor, region: torch.Tensor) -> torch.Tensor:
    """Mean |pred − gt| over the pixels where region [B, 1, H, W] is 1 (all channels)."""
    return ((pred - gt).abs() * region).sum() / (region.sum() * pred.shape[1]).clamp(min=1.0)


class TDANet(nn.Module):
    """Text-guided inpainting (see the module docstring); `inpaint(image, mask, captions)` fills holes."""

    ema_modules: ClassVar[tuple[str, ...]] = ()

    def __init__(self, cfg: TDANetConfig, text_encoder: nn.Module | None = None,
                 image_encoder: nn.Module | None = None):
        super().__init__()
        if cfg.text and text_encoder is None:
            raise ValueError("tdanet reads text: give it a DAMSM text encoder (or use tdanet_notext)")
        if cfg.text and getattr(text_encoder, "dim", None) != cfg.text_dim:
            raise ValueError(f"the text encoder gives {getattr(text_encoder, 'dim', None)}-d words, the config "
                             f"expects text_dim={cfg.text_dim}")
        self.cfg, self.name = cfg, "tdanet" if cfg.text else "tdanet_notext"
        self.G, self.D = Generator(cfg), Discriminator(cfg.ndf)
        self._text = _Frozen(text_encoder.eval().requires_grad_(False)) if cfg.text else None
        self._image = _Frozen(image_encoder.eval().requires_grad_(False)) if image_encoder is not None else None
        self._cache: tuple[int, dict] = (-1, {})

    def _apply(self, fn, *args, **kwargs):  # .to(device) moves the frozen encoders too
        for holder in (self._text, self._image):
            if holder is not None:
                holder.encoder._apply(fn, *args, **kwargs)
        return super()._apply(fn, *args, **kwargs)

    @torch.no_grad()
    def encode(self, captions: list[str]):
        return self._text.encoder.encode(list(captions)) if self._text is not None else None

    def fill(self, image: torch.Tensor, mask: torch.Tensor, text=None) -> tuple[torch.Tensor, torch.Tensor]:
        """(raw prediction, completed image): the hole (mask = 1) is blanked to 0, predicted, pasted back."""
        masked = image * (1 - mask)
        pred = self.G(masked, mask, text)
        return pred, mask * pred + (1 - mask) * image

    @torch.no_grad()
    def inpaint(self, image: torch.Tensor, mask: torch.Tensor, captions: list[str] | None = None) -> torch.Tensor:
        """Completed images [B, 3, H, W] in [-1, 1] from images, masks [B, 1, H, W] (1 = hole), captions."""
        text = self.encode(captions) if self.cfg.text else None
        return self.fill(image, mask, text)[1]

    # -- the training loop's face (train/loop.py) ---------------------------------------------------------
    def param_groups(self) -> dict[str, list[nn.Parameter]]:
        return {"d": list(self.D.parameters()), "g": list(self.G.parameters())}

    def _step(self, batch: dict, step: int) -> dict:
        if self._cache[0] != step:
            text = self.encode(batch["caption"]) if self.cfg.text else None
            pred, out = self.fill(batch["image"], batch["mask"], text)
            self._cache = (step, {"text": text, "pred": pred, "out": out})
        return self._cache[1]

    def losses(self, batch: dict, group: str, step: int) -> dict[str, torch.Tensor]:
        c, gt, m, cfg = self._step(batch, step), batch["image"], batch["mask"], self.cfg
        if group == "d":  # LSGAN: ½[(D(x) − 1)² + D(G(x̃))²]
            real, fake = self.D(gt), self.D(c["out"].detach())
            return {"lsgan": 0.5 * ((real - 1).pow(2).mean() + fake.pow(2).mean())}
        terms = {"l1_hole": cfg.lambda_hole * l1_region(c["pred"], gt, m),
                 "l1_valid": cfg.lambda_valid * l1_region(c["pred"], gt, 1 - m),
                 "gan": cfg.lambda_gan * (self.D(c["out"]) - 1).pow(2).mean()}
        if cfg.text and self._image is not None and cfg.lambda_match > 0:
            from ..encoders.damsm import matching_losses, same_caption

            regions, code = self._image.encoder(c["out"])
            same = same_caption(batch["caption"]).to(gt.device)
            terms["match"] = cfg.lambda_match * matching_losses(regions, code, c["text"], same,
                                                                self._text.encoder.config)["loss"]
        return terms

    def inference_keys(self, state: dict) -> dict:
        return {k: v for k, v in state.items() if k.startswith("G.")}

    def generate(self, captions, seed: int = 0):  # pragma: no cover - no sample grid without images
        raise NotImplementedError("TDANet fills holes in images: use inpaint(image, mask, captions)")
