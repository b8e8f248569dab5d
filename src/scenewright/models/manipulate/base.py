"""What the text-guided manipulation methods share: the face the training loop uses, the batch they read, and
the encoder–residual–decoder generator of SISGAN (Dong et al. 2017, Sec. 3.1), which TAGAN (Nam et al. 2018,
Sec. 3.1) keeps.

A batch (train/manipulate.py `edit_batches`) holds `source`, `target` ([B, 3, H, W] in [-1, 1]),
`source_caption`, `target_caption`, `instruction`, `wrong_caption` (a caption of another record's source) and
`index`. Which words drive the edit is the config's `text`: "caption" — the target's caption, the CUB setting
of all three papers — or "instruction" ("make the red cube blue"). The discriminators always judge an image
against a *caption* (the edited image's is the target caption), so both settings train the same D.

`target_l1` (off by default, so the published losses are what is measured): our data has the true edited
image, and a positive weight adds λ·‖G(x, text) − target‖₁ to the generator's loss.
"""

from __future__ import annotations

from typing import ClassVar

import torch
import torch.nn as nn
import torch.nn.functional as F

from ..blocks import ConditioningAugmentation, ResBlock, ToRGB, up_block
from ..t2i.base import T2IMethod

TEXTS = ("caption", "instruction")


class ManipulationMethod(T2IMethod):
    """A manipulation method: `edit(images, texts) -> images`, plus the loop's face (see train/loop.py)."""

    name: ClassVar[str] = ""

    def __init__(self, cfg, text_encoder: nn.Module):
        if cfg.text not in TEXTS:
            raise ValueError(f"text must be one of {TEXTS}, not {cfg.text!r}")
        super().__init__(cfg, text_encoder)
        self._samples: torch.Tensor | None = None

    def edit_text(self, batch: dict) -> list[str]:
        """The words that say what to change: the target caption (CUB setting) or the instruction."""
        return list(batch["instruction"] if self.cfg.text == "instruction" else batch["target_caption"])

    def edit(self, images: torch.Tensor, texts: list[str], seed: int = 0) -> torch.Tensor:  # pragma: no cover
        """Edited images [B, 3, H, W] in [-1, 1] of `images` (same layout) following `texts`."""
        raise NotImplementedError

    def set_samples(self, sources: torch.Tensor) -> None:
        """Fixed source images for the loop's sample grids (`generate` edits them with the grid's texts)."""
        self._samples = sources.detach().cpu()

    @torch.no_grad()
    def generate(self, captions: list[str], seed: int = 0) -> torch.Tensor:
        if self._samples is None:
            raise RuntimeError(f"{self.name}.generate edits fixed sources: call set_samples(images) first")
        device = next(self.parameters()).device
        x = self._samples[torch.arange(len(captions)) % len(self._samples)].to(device)
        return self.edit(x, list(captions), seed=seed)

    def target_l1(self, fake: torch.Tensor, batch: dict) -> dict[str, torch.Tensor]:
        """The optional supervised term (our data's true edited image), {} when its weight is 0."""
        w = getattr(self.cfg, "target_l1", 0.0)
        return {"target_l1": w * (fake - batch["target"]).abs().mean()} if w > 0 else {}


def image_encoder(ch: int) -> nn.Sequential:
    """SISGAN's encoder: 3×3 conv (ch) + ReLU, then two 4×4/2 conv + BN + ReLU (2ch, 4ch): 64² → 16²."""
    return nn.Sequential(nn.Conv2d(3, ch, 3, 1, 1), nn.ReLU(inplace=True),
                         nn.Conv2d(ch, ch * 2, 4, 2, 1, bias=False), nn.BatchNorm2d(ch * 2), nn.ReLU(inplace=True),
                         nn.Conv2d(ch * 2, ch * 4, 4, 2, 1, bias=False), nn.BatchNorm2d(ch * 4),
                         nn.ReLU(inplace=True))


def tile(v: torch.Tensor, like: torch.Tensor) -> torch.Tensor:
    """A vector [B, C] replicated over the spatial grid of `like` [B, *, H, W] → [B, C, H, W]."""
    return v[:, :, None, None].expand(-1, -1, like.shape[2], like.shape[3])


class EncoderDecoderG(nn.Module):
    """G(x, e): encode x to 16² (`image_encoder`), join the spatially replicated text code ĉ = CA(e) (StackGAN's
    conditioning augmentation), 3×3 conv + BN + ReLU back to 4ch, `res_blocks` residual blocks, two ×2 up
    blocks and 3×3 conv + tanh (SISGAN Fig. 2; TAGAN uses the same shape). Returns (image, μ, log σ²)."""

    def __init__(self, text_dim: int, ch: int, c_dim: int, res_blocks: int):
        super().__init__()
        self.encode = image_encoder(ch)
        self.ca = ConditioningAugmentation(text_dim, c_dim, glu=False)
        self.join = nn.Sequential(nn.Conv2d(ch * 4 + c_dim, ch * 4, 3, 1, 1, bias=False), nn.BatchNorm2d(ch * 4),
                                  nn.ReLU(inplace=True))
        self.res = nn.Sequential(*[ResBlock(ch * 4, glu=False) for _ in range(res_blocks)])
        self.decode = nn.Sequential(up_block(ch * 4, ch * 2, glu=False), up_block(ch * 2, ch, glu=False))
        self.to_rgb = ToRGB(ch)

    def forward(self, x: torch.Tensor, sentence: torch.Tensor, generator: torch.Generator | None = None
                ) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
        h = self.encode(x)
        c, mu, logvar = self.ca(sentence, generator)
        h = self.res(self.join(torch.cat([h, tile(c, h)], 1)))
        return self.to_rgb(self.decode(h)), mu, logvar


def resize(x: torch.Tensor, size: int) -> torch.Tensor:
    return x if x.shape[-1] == size else F.interpolate(x, size=(size, size), mode="area")
