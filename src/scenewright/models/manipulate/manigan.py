"""ManiGAN — Li, Qi, Lukasiewicz, Torr, "ManiGAN: Text-Guided Image Manipulation", CVPR 2020. Our own code after
the paper (Sec. 3, Fig. 2) and the settings of its code (mrlibw/ManiGAN, cfg/train_bird.yml).

- Image features v: the frozen DAMSM image encoder's regions (ManiGAN takes Inception-v3's, the DAMSM's) and its
  global code v̄, which joins [ĉ; z] at the first stage (CA of the sentence, as AttnGAN).
- ACM, the affine combination module (Sec. 3.1, Eq. 1): h' = h ⊙ W(v) + b(v), W and b 3×3 convs over a 3×3 conv
  of v. Every stage ends with one (h ⊙ W(v) + b(v) before the image head) and the later stages put one on
  [h; word context] before their residual blocks, as the code does.
- Three stages at 64 px: 16² → 32² → 64² (the paper: 64 → 128 → 256). Stages 2 and 3 attend over the words
  (blocks' `WordAttention`, AttnGAN Eq. 2; the code's extra channel-wise attention is left out).
- DCM, the detail correction module (Sec. 3.2): the last stage's features attend over the words again and
  meet shallow features of the *source* image through two ACMs (the paper: VGG-16 relu2_2; ours: the frozen
  EfficientNet-Lite0 stem + first three blocks at 64² → 16², two ×2 ups) before the final 64² image. The code trains
  the DCM in a second phase with the main module frozen; here both train together, and the DCM's image is the
  64² output (the third scale's image).
- D per scale (16², 32², 64²): strided convs to 4², an unconditional logit and a conditional one where the
  sentence enters by a text–image affine (γ(s) ⊙ f + β(s), blocks' `Affine`) instead of concatenation.
  L_D = ½(uncond real + cond real) + ⅓(uncond fake + cond fake + cond mismatched) (the code's discriminator_loss;
  its word-level correlation term carries no gradient there and is left out).
- L_G = Σ_scales (cond fake + uncond fake) + λ L_DAMSM (word + sentence, λ = 5, TRAIN.SMOOTH.LAMBDA)
  + ⅓ Σ_scales MSE(P(x̂_i), P(x_i)) (the perceptual loss; P = EfficientNet-Lite0's shallow features instead of
  VGG-16 relu2_2) + KL. Adam 2e-4, β (0.5, 0.999); generator moving average 0.999.
- Training text (`matched=True`, the code's setting): G edits the source with its *own* caption and must keep
  it (perceptual loss to the source), the DAMSM loss ties the output to that caption; at test time the text
  is the target's. `matched=False` feeds the edit text instead (the D and DAMSM then use the target caption).

The DAMSM image encoder (frozen, cheap `scratch` backbone recommended) is attached by the trainer
(`attach_image_encoder`); the DAMSM text encoder is the method's frozen text encoder.
"""

from __future__ import annotations

from dataclasses import dataclass

import torch
import torch.nn as nn
import torch.nn.functional as F

from ..blocks import GLU, Affine, ConditioningAugmentation, ResBlock, ToRGB, UncondHead, WordAttention, down_block
from ..blocks import kl_loss, up_block
from ..t2i.base import _Frozen
from ..t2i.losses import bce_fake, bce_real
from .base import ManipulationMethod, resize

SHALLOW_BLOCKS, SHALLOW_SIZE, SHALLOW_CHANNELS = 3, 64, 24


@dataclass(frozen=True)
class ManiGANConfig:
    image_size: int = 64
    text_dim: int = 256
    text: str = "caption"
    gf: int = 16  # GF_DIM (the code: 32)
    df: int = 16  # DF_DIM (the code: 64)
    c_dim: int = 100
    z_dim: int = 100
    acm_hidden: int = 64  # the code's 128
    res_blocks: int = 2  # R_NUM
    damsm_weight: float = 5.0
    perceptual_weight: float = 1.0
    kl_weight: float = 1.0
    matched: bool = True
    target_l1: float = 0.0
    lr_g: float = 2e-4
    lr_d: float = 2e-4
    betas: tuple[float, float] = (0.5, 0.999)
    ema: float | None = 0.999


class ACM(nn.Module):
    """Affine combination module (Eq. 1): h ⊙ W(v) + b(v)."""

    def __init__(self, v_channels: int, h_channels: int, hidden: int):
        super().__init__()
        self.conv = nn.Conv2d(v_channels, hidden, 3, 1, 1)
        self.weight = nn.Conv2d(hidden, h_channels, 3, 1, 1)
        self.bias = nn.Conv2d(hidden, h_channels, 3, 1, 1)

    def forward(self, h: torch.Tensor, v: torch.Tensor) -> torch.Tensor:
        a = self.conv(v)
        return h * self.weight(a) + self.bias(a)


def shallow_features(lite0: nn.Module, x: torch.Tensor) -> torch.Tensor:
    """EfficientNet-Lite0's stem + first `SHALLOW_BLOCKS` blocks on x (in [-1, 1]) at 64²: [B, 24, 16, 16].
    The frozen net of models/encoders/efficientnet.py; the role VGG-16 relu2_2 plays in ManiGAN."""
    net = lite0.net
    x = F.interpolate(x, size=(SHALLOW_SIZE, SHALLOW_SIZE), mode="bilinear", align_corners=False, antialias=True)
    h = net._swish(net._bn0(net._conv_stem(((x + 1) / 2 - lite0.mean) / lite0.std)))
    for block in net._blocks[:SHALLOW_BLOCKS]:
        h = block(h)
    return h


class Stage(nn.Module):
    """A later stage: word attention → [h; context] → ACM(v) → residual blocks → ×2 up (GLU)."""

    def __init__(self, ch: int, cfg: ManiGANConfig, up: bool = True):
        super().__init__()
        self.attention = WordAttention(ch, cfg.text_dim)
        self.acm = ACM(ch, ch * 2, cfg.acm_hidden)
        self.res = nn.Sequential(*[ResBlock(ch * 2) for _ in range(cfg.res_blocks)])
        self.out = up_block(ch * 2, ch) if up else nn.Sequential(nn.Conv2d(ch * 2, ch * 2, 3, 1, 1, bias=False),
                                                                  nn.InstanceNorm2d(ch * 2), GLU())

    def forward(self, h, words, mask, v):
        context, _ = self.attention(h, words, mask)
        return self.out(self.res(self.acm(torch.cat([h, context], 1), v)))


class Generator(nn.Module):
    """Main module (3 stages, ACM at each) + DCM; returns ([x̂_16, x̂_32, x̂_64], μ, log σ²)."""

    def __init__(self, cfg: ManiGANConfig, region_channels: int):
        super().__init__()
        g, ch = cfg.gf * 8, cfg.gf
        self.ca = ConditioningAugmentation(cfg.text_dim, cfg.c_dim, glu=True)
        self.fc = nn.Sequential(nn.Linear(cfg.c_dim + cfg.z_dim + cfg.text_dim, g * 16 * 2, bias=False),
                                nn.BatchNorm1d(g * 16 * 2), GLU())
        self.init = nn.Sequential(up_block(g, g // 2), up_block(g // 2, ch))          # 4² → 16²
        self.v1 = nn.Sequential(nn.Conv2d(region_channels, ch * 2, 3, 1, 1, bias=False), nn.BatchNorm2d(ch * 2),
                                GLU())                                                 # regions → 16², ch
        self.v2, self.v3 = up_block(ch, ch), up_block(ch, ch)
        self.acm = nn.ModuleList(ACM(ch, ch, cfg.acm_hidden) for _ in range(3))
        self.stages = nn.ModuleList(Stage(ch, cfg) for _ in range(2))
        self.heads = nn.ModuleList(ToRGB(ch) for _ in range(2))
        # DCM
        self.r = nn.Sequential(up_block(SHALLOW_CHANNELS, ch), up_block(ch, ch))        # 16² → 64²
        self.dcm = Stage(ch, cfg, up=False)
        self.dcm_acm = ACM(ch, ch, cfg.acm_hidden)
        self.dcm_head = ToRGB(ch)

    def forward(self, z, text, code, regions, shallow, generator=None):
        c, mu, logvar = self.ca(text.sentence, generator)
        h = self.init(self.fc(torch.cat([c, z, code], 1)).reshape(len(z), -1, 4, 4))
        v = [self.v1(regions if regions.shape[-1] == h.shape[-1] else resize(regions, h.shape[-1]))]
        v += [self.v2(v[0])]
        v += [self.v3(v[1])]
        images = [self.heads[0](self.acm[0](h, v[0]))]
        for i, stage in enumerate(self.stages):
            h = stage(h, text.words, text.mask, v[i])
            if i == 0:
                images.append(self.heads[1](self.acm[1](h, v[1])))
        h = self.acm[2](h, v[2])  # the third stage's ACM; its features go to the DCM
        r = self.r(shallow)
        images.append(self.dcm_head(self.dcm_acm(self.dcm(h, text.words, text.mask, r), r)))
        return images, mu, logvar


class AffineHead(nn.Module):
    """Conditional logit with the sentence entering by a text–image affine: LReLU(γ(s) ⊙ f + β(s)) → 4×4 conv."""

    def __init__(self, ch: int, text_dim: int):
        super().__init__()
        self.affine = Affine(text_dim, ch)
        self.out = nn.Conv2d(ch, 1, 4, 4)

    def forward(self, f: torch.Tensor, s: torch.Tensor) -> torch.Tensor:
        return self.out(F.leaky_relu(self.affine(f, s), 0.2)).flatten()


class ScaleD(nn.Module):
    def __init__(self, cfg: ManiGANConfig, size: int):
        super().__init__()
        n, d = size.bit_length() - 3, cfg.df  # 16 → 2 downs, 32 → 3, 64 → 4
        widths = [d * min(2 ** i, 8) for i in range(n)]
        self.trunk = nn.Sequential(down_block(3, widths[0], bn=False),
                                   *[down_block(a, b) for a, b in zip(widths[:-1], widths[1:])])
        self.cond, self.uncond = AffineHead(widths[-1], cfg.text_dim), UncondHead(widths[-1])

    def forward(self, x, s):
        f = self.trunk(x)
        return self.cond(f, s), self.uncond(f)


class ManiGAN(ManipulationMethod):
    name = "manigan"
    ema_modules = ("G",)
    inference_prefixes = ("G.",)

    def __init__(self, cfg: ManiGANConfig, text_encoder: nn.Module, region_channels: int | None = None):
        if cfg.image_size != 64:
            raise ValueError(f"ManiGAN here is built for 64 px (16/32/64 stages), not {cfg.image_size}")
        super().__init__(cfg, text_encoder)
        self.G = Generator(cfg, region_channels or cfg.text_dim)
        self.D = nn.ModuleList(ScaleD(cfg, s) for s in (16, 32, 64))
        self._image = self._lite0 = None

    def attach_image_encoder(self, image_encoder: nn.Module, lite0: nn.Module | None = None) -> None:
        """The frozen DAMSM image encoder (image features v and L_DAMSM) and the frozen EfficientNet-Lite0
        (DCM features and the perceptual loss; default: the shared one)."""
        from ..encoders.efficientnet import shared_lite0

        image_encoder.eval().requires_grad_(False)
        self._image = _Frozen(image_encoder)
        self._lite0 = _Frozen(lite0 if lite0 is not None else shared_lite0("cpu"))

    def _apply(self, fn, *args, **kwargs):
        for held in (self._image, self._lite0) if hasattr(self, "_lite0") else ():
            if held is not None:
                held.encoder._apply(fn, *args, **kwargs)
        return super()._apply(fn, *args, **kwargs)

    def _run(self, x: torch.Tensor, texts: list[str], generator=None):
        if self._image is None:
            raise RuntimeError("ManiGAN needs the DAMSM image encoder: attach_image_encoder(...)")
        text = self.encode(texts)
        with torch.no_grad():
            regions, code = self._image.encoder(x)
            shallow = shallow_features(self._lite0.encoder, x)
        z = (torch.randn(len(x), self.cfg.z_dim, generator=generator, device=x.device) if generator is not None
             else torch.randn(len(x), self.cfg.z_dim, device=x.device))
        return self.G(z, text, code, regions, shallow, generator), text

    def param_groups(self) -> dict[str, list[nn.Parameter]]:
        return {"d": list(self.D.parameters()), "g": list(self.G.parameters())}

    def perceptual(self, fake: torch.Tensor, real: torch.Tensor) -> torch.Tensor:
        lite0 = self._lite0.encoder
        with torch.no_grad():
            target = shallow_features(lite0, real)
        return F.mse_loss(shallow_features(lite0, fake), target)

    def damsm_loss(self, image: torch.Tensor, text, captions: list[str]) -> torch.Tensor:
        from ..encoders.damsm import matching_losses, same_caption

        enc = self._image.encoder
        regions, code = enc(image)
        return matching_losses(regions, code, text, same_caption(captions).to(image.device), enc.config)["loss"]

    def losses(self, batch: dict, group: str, step: int) -> dict[str, torch.Tensor]:
        cache = self.step_cache(step)
        x = batch["source"]
        captions = list(batch["source_caption"]) if self.cfg.matched else list(batch["target_caption"])
        if "fakes" not in cache:
            texts = list(batch["source_caption"]) if self.cfg.matched else self.edit_text(batch)
            (fakes, mu, logvar), text = self._run(x, texts)
            cond = text if texts == captions else self.encode(captions)
            cache.update(fakes=fakes, mu=mu, logvar=logvar, cond=cond,
                         wrong=self.encode(batch["wrong_caption"]).sentence)
        fakes, s, out = cache["fakes"], cache["cond"].sentence, {}
        for i, (D, fake) in enumerate(zip(self.D, fakes)):
            real = resize(x, fake.shape[-1])
            if group == "d":
                (cr, ur), (cf, uf) = D(real, s), D(fake.detach(), s)
                cw, _ = D(real, cache["wrong"])
                out[f"d{i}"] = 0.5 * (bce_real(ur) + bce_real(cr)) + (bce_fake(uf) + bce_fake(cf) + bce_fake(cw)) / 3
            else:
                cf, uf = D(fake, s)
                out[f"g{i}"] = bce_real(cf) + bce_real(uf)
                out[f"per{i}"] = self.cfg.perceptual_weight * self.perceptual(fake, real) / 3
        if group == "g":
            out["kl"] = self.cfg.kl_weight * kl_loss(cache["mu"], cache["logvar"])
            if self.cfg.damsm_weight > 0:
                out["damsm"] = self.cfg.damsm_weight * self.damsm_loss(fakes[-1], cache["cond"], captions)
            if self.cfg.target_l1 > 0:
                edited = fakes[-1] if not self.cfg.matched else self._run(x, self.edit_text(batch))[0][0][-1]
                out |= self.target_l1(edited, batch)
        return out

    @torch.no_grad()
    def edit(self, images: torch.Tensor, texts: list[str], seed: int = 0) -> torch.Tensor:
        gen = torch.Generator(device=images.device).manual_seed(seed)
        return self._run(images, list(texts), gen)[0][0][-1]
