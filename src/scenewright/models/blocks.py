"""Shared layers of the text-to-image family — one copy each; method files import them from here.

Where each block comes from:

- `ConditioningAugmentation`, `kl_loss` — StackGAN (Zhang et al., ICCV 2017), Sec. 3.1, Eq. 2 / the KL term.
- `Affine`, `FusionBlock`, `FusionUp` — DF-GAN (Tao et al., CVPR 2022), Sec. 3.3 "Deep text-image fusion block":
  γ(e), β(e) from the sentence vector by two small MLPs, two affine + LeakyReLU per fuse, two fuses per UPBlock.
- `ConditionalBatchNorm` — de Vries et al. 2017 (BN whose scale/shift are predicted from a condition).
- `up_block`, `ResBlock`, `down_block`, `ToRGB`, `UncondHead`, `CondHead` — the StackGAN / StackGAN++ / AttnGAN
  generator and discriminator pieces (nearest ×2 + 3×3 conv + BN + GLU; conv4×4/2 + BN + LeakyReLU; the joint
  conditional head on [features; sentence]).
- `ResDown` — DF-GAN's discriminator block (4×4/2 and 3×3 convs, learnable residual gain γ starting at 0).
- `WordAttention` — AttnGAN (Xu et al., CVPR 2018), Sec. 3.1, Eq. 2: each image sub-region (query) attends over
  the projected word vectors (keys = values), padding masked.
- `sn_conv`, `sn_linear` — spectral normalisation (Miyato et al. 2018) helpers.
"""

from __future__ import annotations

import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.nn.utils import spectral_norm


# -- helpers ------------------------------------------------------------------------------------------------
def sn_conv(cin: int, cout: int, k: int = 3, stride: int = 1, padding: int | None = None,
            bias: bool = True) -> nn.Module:
    """A spectrally normalised Conv2d ('same' padding for odd k unless given)."""
    return spectral_norm(nn.Conv2d(cin, cout, k, stride, k // 2 if padding is None else padding, bias=bias))


def sn_linear(cin: int, cout: int, bias: bool = True) -> nn.Module:
    return spectral_norm(nn.Linear(cin, cout, bias=bias))


class GLU(nn.Module):
    """Gated linear unit over channels (StackGAN++/AttnGAN's activation): a * sigmoid(b)."""

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return F.glu(x, dim=1)


# -- conditioning -------------------------------------------------------------------------------------------
class ConditioningAugmentation(nn.Module):
    """StackGAN's CA: (μ, log σ²) = fc(e); ĉ = μ + σ ⊙ ε, ε ~ N(0, I). Returns (ĉ, μ, log σ²).

    `glu=True` is the StackGAN++/AttnGAN variant (fc to 4·c_dim, GLU); `False` the StackGAN-v1 one (fc + ReLU).
    """

    def __init__(self, text_dim: int, c_dim: int, glu: bool = True):
        super().__init__()
        self.c_dim, self.glu = c_dim, glu
        self.fc = nn.Linear(text_dim, c_dim * (4 if glu else 2))

    def forward(self, e: torch.Tensor, generator: torch.Generator | None = None
                ) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
        h = self.fc(e)
        h = F.glu(h, dim=1) if self.glu else F.relu(h)
        mu, logvar = h[:, :self.c_dim], h[:, self.c_dim:]
        eps = torch.randn(mu.shape, generator=generator, device=mu.device, dtype=mu.dtype)
        return mu + eps * (0.5 * logvar).exp(), mu, logvar


def kl_loss(mu: torch.Tensor, logvar: torch.Tensor) -> torch.Tensor:
    """D_KL(N(μ, σ²) ‖ N(0, I)), averaged over the batch and dimensions (as the StackGAN code does)."""
    return (-0.5 * (1 + logvar - mu.pow(2) - logvar.exp())).mean()


class ConditionalBatchNorm(nn.Module):
    """BN without its own affine; scale and shift predicted from the condition, starting at identity."""

    def __init__(self, channels: int, cond_dim: int):
        super().__init__()
        self.bn = nn.BatchNorm2d(channels, affine=False)
        self.gamma, self.beta = nn.Linear(cond_dim, channels), nn.Linear(cond_dim, channels)
        nn.init.zeros_(self.gamma.weight), nn.init.ones_(self.gamma.bias)
        nn.init.zeros_(self.beta.weight), nn.init.zeros_(self.beta.bias)

    def forward(self, x: torch.Tensor, cond: torch.Tensor) -> torch.Tensor:
        return self.bn(x) * self.gamma(cond)[:, :, None, None] + self.beta(cond)[:, :, None, None]


class Affine(nn.Module):
    """DF-GAN's affine transform (Eq. 1): γ·x + β with γ = MLP_γ(e), β = MLP_β(e), one value per channel.
    The last layers start at γ = 1, β = 0 (the official initialisation), so a fresh block is the identity."""

    def __init__(self, cond_dim: int, channels: int, hidden: int | None = None):
        super().__init__()
        hidden = hidden or channels

        def mlp() -> nn.Sequential:
            return nn.Sequential(nn.Linear(cond_dim, hidden), nn.ReLU(inplace=True), nn.Linear(hidden, channels))

        self.gamma, self.beta = mlp(), mlp()
        nn.init.zeros_(self.gamma[2].weight), nn.init.ones_(self.gamma[2].bias)
        nn.init.zeros_(self.beta[2].weight), nn.init.zeros_(self.beta[2].bias)

    def forward(self, x: torch.Tensor, cond: torch.Tensor) -> torch.Tensor:
        return self.gamma(cond)[:, :, None, None] * x + self.beta(cond)[:, :, None, None]


class FusionBlock(nn.Module):
    """DF-GAN's fusion (DFBLK): Affine → LeakyReLU(0.2) → Affine → LeakyReLU(0.2)."""

    def __init__(self, cond_dim: int, channels: int):
        super().__init__()
        self.affine0, self.affine1 = Affine(cond_dim, channels), Affine(cond_dim, channels)

    def forward(self, x: torch.Tensor, cond: torch.Tensor) -> torch.Tensor:
        x = F.leaky_relu(self.affine0(x, cond), 0.2)
        return F.leaky_relu(self.affine1(x, cond), 0.2)


class FusionUp(nn.Module):
    """DF-GAN's UPBlock (Fig. 2): ×2 nearest, [fuse → 3×3 conv] twice, plus a (1×1 when widths differ)
    shortcut. `upsample=False` keeps the size (used by the 128 px generator's last block and by tests)."""

    def __init__(self, cin: int, cout: int, cond_dim: int, upsample: bool = True):
        super().__init__()
        self.upsample = upsample
        self.fuse1, self.fuse2 = FusionBlock(cond_dim, cin), FusionBlock(cond_dim, cout)
        self.c1, self.c2 = nn.Conv2d(cin, cout, 3, 1, 1), nn.Conv2d(cout, cout, 3, 1, 1)
        self.shortcut = nn.Conv2d(cin, cout, 1) if cin != cout else nn.Identity()

    def forward(self, x: torch.Tensor, cond: torch.Tensor) -> torch.Tensor:
        if self.upsample:
            x = F.interpolate(x, scale_factor=2, mode="nearest")
        h = self.c2(self.fuse2(self.c1(self.fuse1(x, cond)), cond))
        return self.shortcut(x) + h


# -- generator pieces ---------------------------------------------------------------------------------------
def up_block(cin: int, cout: int, glu: bool = True) -> nn.Sequential:
    """×2 nearest → 3×3 conv → BN → GLU (StackGAN++/AttnGAN) or ReLU (StackGAN-v1)."""
    width = cout * 2 if glu else cout
    return nn.Sequential(nn.Upsample(scale_factor=2, mode="nearest"), nn.Conv2d(cin, width, 3, 1, 1, bias=False),
                         nn.BatchNorm2d(width), GLU() if glu else nn.ReLU(inplace=True))


class ResBlock(nn.Module):
    """x + [3×3 conv → BN → GLU/ReLU → 3×3 conv → BN] (the refiners of StackGAN, StackGAN++ and AttnGAN)."""

    def __init__(self, ch: int, glu: bool = True):
        super().__init__()
        width = ch * 2 if glu else ch
        self.body = nn.Sequential(nn.Conv2d(ch, width, 3, 1, 1, bias=False), nn.BatchNorm2d(width),
                                  GLU() if glu else nn.ReLU(inplace=True),
                                  nn.Conv2d(ch, ch, 3, 1, 1, bias=False), nn.BatchNorm2d(ch))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return x + self.body(x)


class ToRGB(nn.Module):
    """Features → RGB in [-1, 1]: (LeakyReLU for DF-GAN) → 3×3 conv → tanh."""

    def __init__(self, ch: int, leaky: bool = False):
        super().__init__()
        self.leaky = leaky
        self.conv = nn.Conv2d(ch, 3, 3, 1, 1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return torch.tanh(self.conv(F.leaky_relu(x, 0.2) if self.leaky else x))


# -- attention ----------------------------------------------------------------------------------------------
class WordAttention(nn.Module):
    """AttnGAN's attention (Eq. 2): words e [B, D, T] → e' = U e [B, C, T]; for each region h_j of the image
    features [B, C, H, W], β_{j,i} = softmax_i(h_jᵀ e'_i) over the words (padding → −∞), c_j = Σ_i β_{j,i} e'_i.
    Returns (word-context features [B, C, H, W], attention maps [B, T, H, W])."""

    def __init__(self, channels: int, word_dim: int):
        super().__init__()
        self.project = nn.Conv1d(word_dim, channels, 1, bias=False)

    def forward(self, h: torch.Tensor, words: torch.Tensor, mask: torch.Tensor | None = None
                ) -> tuple[torch.Tensor, torch.Tensor]:
        B, C, H, W = h.shape
        keys = self.project(words)  # [B, C, T]
        scores = torch.bmm(h.flatten(2).transpose(1, 2), keys)  # [B, HW, T]
        if mask is not None:
            scores = scores.masked_fill(mask[:, None, :], float("-inf"))
        attn = scores.softmax(dim=2)
        context = torch.bmm(keys, attn.transpose(1, 2)).reshape(B, C, H, W)
        return context, attn.transpose(1, 2).reshape(B, -1, H, W)


# -- discriminator pieces -----------------------------------------------------------------------------------
def down_block(cin: int, cout: int, bn: bool = True, sn: bool = False) -> nn.Sequential:
    """4×4 stride-2 conv → (BN) → LeakyReLU(0.2): the DCGAN/StackGAN/AttnGAN encoder step."""
    conv = sn_conv(cin, cout, 4, 2, 1, bias=not bn) if sn else nn.Conv2d(cin, cout, 4, 2, 1, bias=not bn)
    layers: list[nn.Module] = [conv]
    if bn:
        layers.append(nn.BatchNorm2d(cout))
    layers.append(nn.LeakyReLU(0.2, inplace=True))
    return nn.Sequential(*layers)


class ResDown(nn.Module):
    """DF-GAN's D block: residual [4×4/2 conv → LReLU → 3×3 conv → LReLU] scaled by a learnable γ (init 0),
    shortcut = 1×1 conv (when widths differ) then 2×2 average pooling."""

    def __init__(self, cin: int, cout: int):
        super().__init__()
        self.residual = nn.Sequential(nn.Conv2d(cin, cout, 4, 2, 1, bias=False), nn.LeakyReLU(0.2, inplace=True),
                                      nn.Conv2d(cout, cout, 3, 1, 1, bias=False), nn.LeakyReLU(0.2, inplace=True))
        self.shortcut = nn.Conv2d(cin, cout, 1) if cin != cout else nn.Identity()
        self.gamma = nn.Parameter(torch.zeros(1))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return F.avg_pool2d(self.shortcut(x), 2) + self.gamma * self.residual(x)


class UncondHead(nn.Module):
    """Unconditional logit from 4×4 features: one 4×4 conv → [B]."""

    def __init__(self, ch: int):
        super().__init__()
        self.conv = nn.Conv2d(ch, 1, 4, 4)

    def forward(self, feats: torch.Tensor) -> torch.Tensor:
        return self.conv(feats).flatten()


class CondHead(nn.Module):
    """Conditional (matching-aware) logit: the sentence vector is tiled over the 4×4 features, joined on
    channels, then a k×k conv (→ `hidden`, (BN), LeakyReLU) and a 4×4 conv → [B]. DF-GAN's NetC (k=3, no BN),
    the AttnGAN/StackGAN joint head (k=3, BN) and GAN-INT-CLS's (k=1, BN)."""

    def __init__(self, ch: int, cond_dim: int, hidden: int, bn: bool = False, k: int = 3):
        super().__init__()
        layers: list[nn.Module] = [nn.Conv2d(ch + cond_dim, hidden, k, 1, k // 2, bias=not bn)]
        if bn:
            layers.append(nn.BatchNorm2d(hidden))
        layers += [nn.LeakyReLU(0.2, inplace=True), nn.Conv2d(hidden, 1, 4, 4)]
        self.net = nn.Sequential(*layers)

    def forward(self, feats: torch.Tensor, cond: torch.Tensor) -> torch.Tensor:
        tiled = cond[:, :, None, None].expand(-1, -1, feats.shape[2], feats.shape[3])
        return self.net(torch.cat([feats, tiled], 1)).flatten()
