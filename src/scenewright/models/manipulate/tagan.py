"""TAGAN — Nam, Kim, Kim, "Text-Adaptive Generative Adversarial Networks: Manipulating Images with Natural
Language", NeurIPS 2018. Our own code after the paper (Sec. 3) and the settings of its official scripts
(woozzu/tagan: --lambda_cond_loss 10, --lambda_recon_loss 0.2).

- G (Sec. 3.1): SISGAN's encoder–residual–decoder with the text code from conditioning augmentation
  (`EncoderDecoderG`; the paper's bi-GRU is our frozen DAMSM text encoder).
- Text-adaptive D (Sec. 3.2): an image encoder whose last three scales (16², 8², 4² at 64 px) are average-pooled
  to v_1, v_2, v_3. For each word w_i a word-level local discriminator per scale
  f_j(w_i, v_j) = σ(W_j(w_i)ᵀ v_j + b_j(w_i)) — the weights are *made from the word*. Word attention
  α_i = softmax_i(ūᵀ w_i) (ū the mean word vector, padding masked) says which words matter; β_ij = softmax_j
  of a linear map of w_i says which scale judges that word. D(x, t) = Π_i (Π_j f_j(w_i, v_j)^β_ij)^α_i
  (Eq. 2); an unconditional logit on the 4² features judges realism alone.
- Losses (Eq. 3–4): L_D = uncond real + uncond fake + λ1 [−log D(x, t) − log(1 − D(x, t̂))];
  L_G = uncond fake-as-real + λ1 [−log D(G(x, t̄), t̄)] + λ2 ‖G(x, t) − x‖₁ (reconstruction with the positive
  text t, the source's own caption) + ½ KL. λ1 = 10, λ2 = 0.2 (official scripts); t̂ a caption of another
  image, t̄ the edit text (the D judges the fake against the target caption).
- Adam lr 2e-4, β (0.5, 0.999) (the code's rate; it decays it by ½ every 100 epochs, we keep it fixed).
"""

from __future__ import annotations

from dataclasses import dataclass

import torch
import torch.nn as nn
import torch.nn.functional as F

from ..blocks import UncondHead, down_block, kl_loss
from ..t2i.losses import bce_fake, bce_real
from .base import EncoderDecoderG, ManipulationMethod


@dataclass(frozen=True)
class TAGANConfig:
    image_size: int = 64
    text_dim: int = 256
    text: str = "caption"
    ch: int = 16
    df: int = 16
    c_dim: int = 128
    res_blocks: int = 4
    cond_weight: float = 10.0  # λ1
    recon_weight: float = 0.2  # λ2
    kl_weight: float = 0.5
    target_l1: float = 0.0
    lr_g: float = 2e-4
    lr_d: float = 2e-4
    betas: tuple[float, float] = (0.5, 0.999)
    ema: float | None = None


class TextAdaptiveD(nn.Module):
    """The text-adaptive discriminator: `forward(x, words, mask)` → (log D(x, t) [B] ≤ 0, uncond logit [B])."""

    def __init__(self, cfg: TAGANConfig):
        super().__init__()
        d, e = cfg.df, cfg.text_dim
        self.stem = nn.Sequential(down_block(3, d, bn=False), down_block(d, d * 2))   # 16²
        self.scale2 = down_block(d * 2, d * 4)                                         # 8²
        self.scale3 = down_block(d * 4, d * 8)                                         # 4²
        self.widths = (d * 2, d * 4, d * 8)
        self.W = nn.ModuleList(nn.Linear(e, w) for w in self.widths)  # W_j(w_i)
        self.b = nn.ModuleList(nn.Linear(e, 1) for _ in self.widths)  # b_j(w_i)
        self.beta = nn.Linear(e, len(self.widths))
        self.uncond = UncondHead(d * 8)

    def features(self, x: torch.Tensor) -> list[torch.Tensor]:
        h1 = self.stem(x)
        h2 = self.scale2(h1)
        return [h1, h2, self.scale3(h2)]

    def score(self, feats: list[torch.Tensor], words: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        """log D(x, t) = Σ_i α_i Σ_j β_ij log f_j(w_i, v_j), [B]."""
        w = words.transpose(1, 2)                                       # [B, T, E]
        keep = (~mask).float()
        mean = (w * keep[..., None]).sum(1) / keep.sum(1, keepdim=True).clamp_min(1)
        alpha = torch.einsum("bte,be->bt", w, mean).masked_fill(mask, float("-inf")).softmax(1)
        beta = self.beta(w).softmax(2)                                  # [B, T, 3]
        logf = torch.stack([F.logsigmoid(torch.einsum("bte,be->bt", W(w), f.mean((2, 3))) + b(w)[..., 0])
                            for W, b, f in zip(self.W, self.b, feats)], 2)  # [B, T, 3]
        return (alpha * (beta * logf).sum(2)).sum(1)

    def forward(self, x: torch.Tensor, words: torch.Tensor, mask: torch.Tensor):
        feats = self.features(x)
        return self.score(feats, words, mask), self.uncond(feats[-1])


def log_one_minus(log_p: torch.Tensor) -> torch.Tensor:
    """log(1 − p) from log p ≤ 0, stable near p = 1."""
    return torch.log(-torch.expm1(log_p.clamp_max(-1e-6)))


class TAGAN(ManipulationMethod):
    name = "tagan"

    def __init__(self, cfg: TAGANConfig, text_encoder: nn.Module):
        if cfg.image_size != 64:
            raise ValueError(f"TAGAN here is built for 64 px, not {cfg.image_size}")
        super().__init__(cfg, text_encoder)
        self.G = EncoderDecoderG(cfg.text_dim, cfg.ch, cfg.c_dim, cfg.res_blocks)
        self.D = TextAdaptiveD(cfg)

    def param_groups(self) -> dict[str, list[nn.Parameter]]:
        return {"d": list(self.D.parameters()), "g": list(self.G.parameters())}

    def losses(self, batch: dict, group: str, step: int) -> dict[str, torch.Tensor]:
        cache = self.step_cache(step)
        if "fake" not in cache:
            own = self.encode(batch["source_caption"])
            fake, mu, logvar = self.G(batch["source"], self.encode(self.edit_text(batch)).sentence)
            cache.update(fake=fake, mu=mu, logvar=logvar, own=own, wrong=self.encode(batch["wrong_caption"]),
                         relevant=self.encode(batch["target_caption"]))
        x, fake, lam = batch["source"], cache["fake"], self.cfg.cond_weight
        own, wrong, rel = cache["own"], cache["wrong"], cache["relevant"]
        if group == "d":
            feats = self.D.features(x)
            ffake = self.D.features(fake.detach())
            return {"uncond_real": bce_real(self.D.uncond(feats[-1])),
                    "uncond_fake": bce_fake(self.D.uncond(ffake[-1])),
                    "cond_real": lam * -self.D.score(feats, own.words, own.mask).mean(),
                    "cond_mismatch": lam * -log_one_minus(self.D.score(feats, wrong.words, wrong.mask)).mean()}
        cond, uncond = self.D(fake, rel.words, rel.mask)
        recon, _, _ = self.G(x, own.sentence)
        return {"uncond": bce_real(uncond), "cond": lam * -cond.mean(),
                "recon": self.cfg.recon_weight * (recon - x).abs().mean(),
                "kl": self.cfg.kl_weight * kl_loss(cache["mu"], cache["logvar"])} | self.target_l1(fake, batch)

    @torch.no_grad()
    def edit(self, images: torch.Tensor, texts: list[str], seed: int = 0) -> torch.Tensor:
        gen = torch.Generator(device=images.device).manual_seed(seed)
        return self.G(images, self.encode(texts).sentence, gen)[0]
