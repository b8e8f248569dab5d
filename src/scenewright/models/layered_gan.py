"""The layer-based sequential GAN — Turkoglu, Thong, Spreeuwers & Kicanaoglu, "A Layer-Based Sequential
Framework for Scene Generation with GANs", AAAI 2019. Our own code after the paper (Sec. 3, Fig. 2) and the
settings of the official repository (0zgur0/Sequential-Scene-GAN).

A background generator G_bg(z) paints the empty canvas; a foreground generator G_fg(z, mask, canvas with the
mask blanked, label) adds one object at the mask the spine gives, back to front; its output is laid on the
canvas through the object's alpha, so every pixel outside the mask is the canvas itself. A global
discriminator sees the whole picture with the label-channel masks of the objects drawn so far, an instance
discriminator the object's window with its label-channel mask (the paper's D_glob and D_instance). G's loss:
(1 − λ)·adv_glob + λ·adv_inst (λ = 0.1, the official `trade_off_G`), feature matching, and reconstruction of
the unmasked region; the adversarial terms are the official BCE (non-saturating), Adam (0, 0.9) at 2e-4.

Scaled for a CPU, and made local so that a scene edit keeps the rest of the picture (docs/renderers.md,
"Layered GAN"): G_fg works on the object's *window* — its box plus a margin, resampled to `patch` pixels —
instead of the whole canvas, so a layer depends only on the object, its seed and the canvas under its
window. Two more deviations, in the config: feature matching is on the discriminators' own features
(pix2pixHD's), not VGG's (no ImageNet VGG here), and `l1_weight` adds an L1 term to the real window (0 in the
paper, whose VGG loss plays that part). Both generators are trained together, one D and one G update a step
(the paper: 5 critic steps, the two generators apart); G_bg learns the world's clean backgrounds directly.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

from ..errors import CheckpointError, MissingFile, WorldError
from .blocks import ConditionalBatchNorm, ToRGB, down_block, sn_linear, up_block

TRAIN = "scenewright train layered --world {world} --out runs/layered/{world}"


@dataclass(frozen=True)
class LayeredConfig:
    world: str = "shapes"
    image_size: int = 64  # 64 or 128
    labels: tuple[str, ...] = ()  # "category:cube", "color:red", "pose:…", "expression:…", "flip"
    backgrounds: tuple[str, ...] = ()
    z_dim: int = 64
    embed_dim: int = 32
    ngf: int = 32
    ndf: int = 32
    res_blocks: int = 2
    inst_weight: float = 0.1  # λ: the instance D's share of G's adversarial loss (official trade_off_G)
    fm_weight: float = 1.0  # official lambda_FM
    recon_weight: float = 1.0  # unmasked region of G_fg's raw window vs the canvas
    l1_weight: float = 10.0  # ours: L1 of the composed window to the real one
    lr_g: float = 2e-4
    lr_d: float = 2e-4
    betas: tuple[float, float] = (0.0, 0.9)
    ema: float | None = None

    @property
    def patch(self) -> int:
        return self.image_size // 2


# -- what a layer is conditioned on -----------------------------------------------------------------------------
def world_labels(world) -> tuple[str, ...]:
    """The label vocabulary of a world: categories, colours, poses, expressions, flip."""
    labels = [f"category:{c.name}" for c in world.categories]
    if any(c.colorable for c in world.categories):
        labels += [f"color:{c}" for c in world.colors]
    labels += [f"pose:{p}" for p in world.poses] + [f"expression:{e}" for e in world.expressions]
    return tuple(labels + ["flip"])


def object_labels(labels: Sequence[str], obj, default_color: str | None = None) -> torch.Tensor:
    """Multi-hot [L] of what `obj` looks like."""
    index = {name: i for i, name in enumerate(labels)}
    y = torch.zeros(len(labels))
    names = [f"category:{obj.category}", f"color:{obj.color or default_color}", f"pose:{obj.pose}",
             f"expression:{obj.expression}"] + (["flip"] if obj.flip else [])
    for name in names:
        if name in index:
            y[index[name]] = 1.0
    return y


def tile_window(x: int, y: int, w: int, h: int, size: int) -> tuple[float, float, float, float]:
    """(cx, cy, half_w, half_h) in [0, 1] canvas units of the procedural tile at (x, y), w × h pixels on a
    size × size canvas: the object's box plus the renderer's margin. What G_fg sees and may paint."""
    return (x + w / 2) / size, (y + h / 2) / size, w / 2 / size, h / 2 / size


def window_mask(windows: torch.Tensor, H: int, W: int) -> torch.Tensor:
    """[B, 1, H, W]: 1 at the pixels whose centres lie inside each window."""
    xs = (torch.arange(W, dtype=windows.dtype) + 0.5) / W
    ys = (torch.arange(H, dtype=windows.dtype) + 0.5) / H
    inx = (xs[None] - windows[:, 0, None]).abs() < windows[:, 2, None]
    iny = (ys[None] - windows[:, 1, None]).abs() < windows[:, 3, None]
    return (iny[:, :, None] & inx[:, None, :]).to(windows.dtype)[:, None]


def crop(image: torch.Tensor, windows: torch.Tensor, patch: int) -> torch.Tensor:
    """The windows [B, 4] = (cx, cy, half_w, half_h) of images [B, C, H, W], resampled to [B, C, patch,
    patch]. Pixels outside a window are zeroed first, so a crop depends on its window's pixels alone."""
    B, _, H, W = image.shape
    image = image * window_mask(windows, H, W)
    theta = torch.zeros(B, 2, 3, dtype=image.dtype, device=image.device)
    theta[:, 0, 0], theta[:, 1, 1] = 2 * windows[:, 2], 2 * windows[:, 3]
    theta[:, 0, 2], theta[:, 1, 2] = 2 * windows[:, 0] - 1, 2 * windows[:, 1] - 1
    grid = F.affine_grid(theta, [B, image.shape[1], patch, patch], align_corners=False)
    return F.grid_sample(image, grid, mode="bilinear", padding_mode="zeros", align_corners=False)


def uncrop(patch: torch.Tensor, windows: torch.Tensor, H: int, W: int,
           rect: tuple[int, int, int, int] | None = None) -> torch.Tensor:
    """The inverse of `crop`: patches [B, C, P, P] laid back at their windows on an H × W canvas, zero outside;
    only the pixels of `rect` = (x0, y0, x1, y1) when given → [B, C, y1 - y0, x1 - x0]."""
    x0, y0, x1, y1 = rect or (0, 0, W, H)
    dev, dt = patch.device, patch.dtype
    xs = (torch.arange(x0, x1, device=dev, dtype=dt) + 0.5) / W  # pixel centres in [0, 1]
    ys = (torch.arange(y0, y1, device=dev, dtype=dt) + 0.5) / H
    cx, cy, hw, hh = (windows[:, i, None] for i in range(4))
    u = (xs[None] - cx) / hw  # [B, w] in the patch's [-1, 1]
    v = (ys[None] - cy) / hh
    grid = torch.stack(torch.broadcast_tensors(u[:, None, :], v[:, :, None]), -1)
    return F.grid_sample(patch, grid, mode="bilinear", padding_mode="zeros", align_corners=False)


# -- generators -------------------------------------------------------------------------------------------------
class CondRes(nn.Module):
    """x + conv(ReLU(CBN(conv(ReLU(CBN(x)))))): the residual block of G_fg's bottleneck, BN on [z; label]."""

    def __init__(self, ch: int, cond: int):
        super().__init__()
        self.bn1, self.bn2 = ConditionalBatchNorm(ch, cond), ConditionalBatchNorm(ch, cond)
        self.c1, self.c2 = nn.Conv2d(ch, ch, 3, 1, 1), nn.Conv2d(ch, ch, 3, 1, 1)

    def forward(self, x: torch.Tensor, c: torch.Tensor) -> torch.Tensor:
        return x + self.c2(F.relu(self.bn2(self.c1(F.relu(self.bn1(x, c))), c)))


class CondUp(nn.Module):
    """CBN → ReLU → ×2 nearest → 3×3 conv."""

    def __init__(self, cin: int, cout: int, cond: int):
        super().__init__()
        self.bn, self.conv = ConditionalBatchNorm(cin, cond), nn.Conv2d(cin, cout, 3, 1, 1)

    def forward(self, x: torch.Tensor, c: torch.Tensor) -> torch.Tensor:
        return self.conv(F.interpolate(F.relu(self.bn(x, c)), scale_factor=2))


class ForegroundGenerator(nn.Module):
    """G_fg(z, y, canvas ⊙ (1 − m), m) on the window (official Generator_FG's plan at 1/4 the size): the
    blanked canvas is encoded to P/4, joined with z (dense to P/4 × P/4) and the label-channel mask, residual
    blocks, up to P/2 where the P/2 canvas features join again, up to P → RGB."""

    def __init__(self, cfg: LayeredConfig):
        super().__init__()
        c, n_labels, cond = cfg.ngf, len(cfg.labels), cfg.z_dim + cfg.embed_dim
        self.q = cfg.patch // 4
        self.embed = nn.Linear(n_labels, cfg.embed_dim)
        self.enc1, self.enc2 = down_block(4, c, bn=True), down_block(c, 2 * c, bn=True)  # P/2, P/4
        self.dense = nn.Linear(cfg.z_dim, c * self.q * self.q)
        self.join = nn.Conv2d(2 * c + c + cfg.embed_dim, 4 * c, 3, 1, 1)
        self.res = nn.ModuleList(CondRes(4 * c, cond) for _ in range(cfg.res_blocks))
        self.up1, self.up2 = CondUp(4 * c, 2 * c, cond), CondUp(3 * c, c, cond)
        self.out = nn.Sequential(nn.BatchNorm2d(c), nn.ReLU(), ToRGB(c))

    def forward(self, z: torch.Tensor, y: torch.Tensor, canvas: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        e = self.embed(y)
        cond = torch.cat([z, e], 1)
        s1 = self.enc1(torch.cat([canvas * (1 - mask), mask], 1))
        s2 = self.enc2(s1)
        label_map = F.adaptive_avg_pool2d(mask, self.q) * e[:, :, None, None]  # the label-channel mask
        x = self.join(torch.cat([s2, self.dense(z).view(len(z), -1, self.q, self.q), label_map], 1))
        for block in self.res:
            x = block(x, cond)
        x = self.up2(torch.cat([self.up1(x, cond), s1], 1), cond)
        return self.out(x)


class BackgroundGenerator(nn.Module):
    """G_bg(z, background): fc → 4×4 → ×2 up blocks → RGB."""

    def __init__(self, cfg: LayeredConfig):
        super().__init__()
        c, n = cfg.ngf, int(np.log2(cfg.image_size)) - 2
        widths = [max(c, 4 * c // 2 ** i) for i in range(n + 1)]
        self.embed = nn.Embedding(max(1, len(cfg.backgrounds)), cfg.embed_dim)
        self.fc = nn.Sequential(nn.Linear(cfg.z_dim + cfg.embed_dim, widths[0] * 16), nn.ReLU())
        self.ups = nn.Sequential(*[up_block(a, b) for a, b in zip(widths[:-1], widths[1:])])
        self.out = ToRGB(widths[-1])

    def forward(self, z: torch.Tensor, bg: torch.Tensor) -> torch.Tensor:
        x = self.fc(torch.cat([z, self.embed(bg)], 1)).view(len(z), -1, 4, 4)
        return self.out(self.ups(x))


# -- discriminators ---------------------------------------------------------------------------------------------
class Discriminator(nn.Module):
    """[image; label-channel masks] → 4×4/2 SN convs down to 4×4 → summed → SN linear. Returns (score [B],
    the features of every block, for feature matching)."""

    def __init__(self, channels: int, size: int, ndf: int):
        super().__init__()
        n = int(np.log2(size)) - 2
        widths = [channels] + [ndf * min(2 ** i, 8) for i in range(n)]
        self.blocks = nn.ModuleList(down_block(a, b, bn=False, sn=True) for a, b in zip(widths[:-1], widths[1:]))
        self.linear = sn_linear(widths[-1], 1)

    def forward(self, x: torch.Tensor) -> tuple[torch.Tensor, list[torch.Tensor]]:
        feats = []
        for block in self.blocks:
            x = block(x)
            feats.append(x)
        return self.linear(x.sum(dim=(2, 3))).squeeze(1), feats


def d_loss(real: torch.Tensor, fake: torch.Tensor) -> torch.Tensor:
    """The official BCE: −log D(real) − log(1 − D(fake)), on logits."""
    return F.softplus(-real).mean() + F.softplus(fake).mean()


def g_loss(fake: torch.Tensor) -> torch.Tensor:
    return F.softplus(-fake).mean()


def feature_matching(fake: list[torch.Tensor], real: list[torch.Tensor]) -> torch.Tensor:
    """pix2pixHD's: mean L1 between D's features of the fake and of its real counterpart, over the blocks."""
    return sum(F.l1_loss(f, r.detach()) for f, r in zip(fake, real)) / len(fake)


# -- the method the shared loop trains --------------------------------------------------------------------------
class LayeredGAN(nn.Module):
    """G_bg, G_fg, D_glob, D_inst, D_bg. A batch (train/layered.py) holds, per sample, the real canvas before an
    object (`canvas`), after it (`target`), its alpha, window and labels, the label-channel layout of the objects
    drawn so far (`layout`), and a background with its index (`background`, `bg`)."""

    name = "layered"
    ema_modules = ("G_fg", "G_bg")

    def __init__(self, cfg: LayeredConfig):
        super().__init__()
        if not cfg.labels or not cfg.backgrounds:
            raise ValueError("LayeredConfig needs the world's labels and backgrounds (see world_labels)")
        if cfg.image_size not in (64, 128):
            raise ValueError(f"the layered GAN draws 64 or 128 px, not {cfg.image_size}")
        self.cfg = cfg
        L, S = len(cfg.labels), cfg.image_size
        self.G_fg, self.G_bg = ForegroundGenerator(cfg), BackgroundGenerator(cfg)
        self.D_glob = Discriminator(3 + L, S, cfg.ndf)
        self.D_inst = Discriminator(3 + L, cfg.patch, cfg.ndf)
        self.D_bg = Discriminator(3 + len(cfg.backgrounds), S, cfg.ndf // 2)
        self._cache: tuple[int, dict] = (-1, {})

    def param_groups(self) -> dict[str, list[nn.Parameter]]:
        d = [*self.D_glob.parameters(), *self.D_inst.parameters(), *self.D_bg.parameters()]
        return {"d": d, "g": [*self.G_fg.parameters(), *self.G_bg.parameters()]}

    def inference_keys(self, state: dict) -> dict:
        return {k: v for k, v in state.items() if k.startswith(("G_fg.", "G_bg."))}

    def layer(self, z: torch.Tensor, y: torch.Tensor, canvas_crop: torch.Tensor, alpha_crop: torch.Tensor):
        """G_fg's raw window: [B, 3, P, P]."""
        return self.G_fg(z, y, canvas_crop, (alpha_crop > 0).to(canvas_crop.dtype))

    def _fakes(self, batch: dict, step: int) -> dict:
        if self._cache[0] != step:
            P, cfg = self.cfg.patch, self.cfg
            win = batch["window"]
            c_crop, a_crop = crop(batch["canvas"], win, P), crop(batch["alpha"], win, P)
            z = torch.randn(len(win), cfg.z_dim, device=win.device)
            raw = self.layer(z, batch["label"], c_crop, a_crop)
            S = cfg.image_size
            fake = batch["canvas"] * (1 - batch["alpha"]) + uncrop(raw, win, S, S) * batch["alpha"]
            nb = max(1, len(win) // 4)
            bg = self.G_bg(torch.randn(nb, cfg.z_dim, device=win.device), batch["bg"][:nb])
            self._cache = (step, {"raw": raw, "fake": fake, "c_crop": c_crop, "a_crop": a_crop, "bg": bg, "nb": nb})
        return self._cache[1]

    def _inputs(self, batch: dict, image: torch.Tensor, c: dict) -> tuple[torch.Tensor, torch.Tensor]:
        """(D_glob input, D_inst input) for a full picture (real or fake)."""
        win, P = batch["window"], self.cfg.patch
        label_crop = c["a_crop"] * batch["label"][:, :, None, None]
        return torch.cat([image, batch["layout"]], 1), torch.cat([crop(image, win, P), label_crop], 1)

    def _bg_input(self, batch: dict, image: torch.Tensor, nb: int) -> torch.Tensor:
        onehot = F.one_hot(batch["bg"][:nb], len(self.cfg.backgrounds)).to(image.dtype)
        return torch.cat([image, onehot[:, :, None, None].expand(-1, -1, *image.shape[2:])], 1)

    def losses(self, batch: dict, group: str, step: int) -> dict[str, torch.Tensor]:
        cfg, c = self.cfg, self._fakes(batch, step)
        nb = c["nb"]
        real_g, real_i = self._inputs(batch, batch["target"], c)
        real_b = self._bg_input(batch, batch["background"][:nb], nb)
        if group == "d":
            fake_g, fake_i = self._inputs(batch, c["fake"].detach(), c)
            fake_b = self._bg_input(batch, c["bg"].detach(), nb)
            return {"glob": d_loss(self.D_glob(real_g)[0], self.D_glob(fake_g)[0]),
                    "inst": d_loss(self.D_inst(real_i)[0], self.D_inst(fake_i)[0]),
                    "bg": d_loss(self.D_bg(real_b)[0], self.D_bg(fake_b)[0])}
        fake_g, fake_i = self._inputs(batch, c["fake"], c)
        (sg, fg), (si, fi), (sb, fb) = self.D_glob(fake_g), self.D_inst(fake_i), self.D_bg(self._bg_input(
            batch, c["bg"], nb))
        with torch.no_grad():
            rg, ri, rb = self.D_glob(real_g)[1], self.D_inst(real_i)[1], self.D_bg(real_b)[1]
        outside = 1 - (c["a_crop"] > 0).float()
        recon = ((c["raw"] - c["c_crop"]).pow(2) * outside).sum() / (3 * outside.sum()).clamp(min=1)
        composed = c["c_crop"] * (1 - c["a_crop"]) + c["raw"] * c["a_crop"]
        t_crop = crop(batch["target"], batch["window"], cfg.patch)
        terms = {"adv": (1 - cfg.inst_weight) * g_loss(sg) + cfg.inst_weight * g_loss(si),
                 "fm": cfg.fm_weight * (feature_matching(fg, rg) + feature_matching(fi, ri)),
                 "recon": cfg.recon_weight * recon,
                 "bg_adv": g_loss(sb), "bg_fm": cfg.fm_weight * feature_matching(fb, rb)}
        if cfg.l1_weight:
            terms["l1"] = cfg.l1_weight * F.l1_loss(composed, t_crop)
        return terms

    @torch.no_grad()
    def generate(self, captions: list[str], seed: int = 0) -> torch.Tensor:
        """Sample grids for the shared loop: each "caption" is a scene's JSON, drawn at the model's size."""
        from ..scene import Scene

        was = self.training
        self.eval()
        renderer = LayeredRenderer(self.cfg.world, model=self, cache_size=0)
        out = []
        for i, text in enumerate(captions):
            renderer.seed = seed + i
            out.append(renderer.draw(Scene.from_json(text))[0])
        self.train(was)
        return torch.stack(out)


# -- checkpoints ------------------------------------------------------------------------------------------------
def shipped(world: str) -> Path:
    return Path(__file__).resolve().parents[1] / "weights" / "render" / f"layered_{world}"


def load(path: str | Path, device: str = "cpu") -> LayeredGAN:
    """A trained layered GAN from a `train layered` folder (or its .safetensors), in eval mode."""
    from .checkpoint import make_config, read_method, weights_file

    how = "train one with `" + TRAIN.format(world="shapes") + "`"
    file = weights_file(path, {"layered"}, "layered GAN", how)
    _, config, state = read_method(file, {"layered"}, "layered GAN")
    model = LayeredGAN(make_config(LayeredConfig, "layered", config))
    missing, unexpected = model.load_state_dict(state, strict=False)
    kept = model.inference_keys(dict.fromkeys(missing))
    if unexpected or kept:
        raise CheckpointError(f"{file} does not fit the layered GAN: missing {list(kept)[:5]}, "
                              f"unexpected {unexpected[:5]}")
    return model.to(device).eval()


# -- the renderer registry's "layered" --------------------------------------------------------------------------
class LayeredRenderer:
    """`render(scene, size)` with the layered GAN: G_bg's background, then one G_fg layer per object, back to
    front, each at the alpha the procedural renderer gives the object and with noise seeded by the object's
    id. A layer is cached on what it depends on — the object, the seed and the canvas under its window — so
    an edit re-runs only the edited object's layer and the layers whose windows see a changed pixel; every
    other pixel of the picture stays the same. Layers are composed at the requested size (the model's window
    upsampled into the object's alpha at that size), so a layer touches exactly the pixels the procedural
    renderer's tile of that object touches."""

    name = "layered"

    def __init__(self, world="shapes", checkpoint: str | Path | None = None, seed: int = 0, cache_size: int = 512,
                 model: LayeredGAN | None = None):
        from ..render.procedural import _LRU, ProceduralRenderer
        from ..worlds import get_world

        self.world = get_world(world)
        if model is None:
            path = Path(checkpoint) if checkpoint else shipped(self.world.name)
            if not path.exists():
                where = f"no layered GAN weights at {path}" if checkpoint else \
                    f"no layered GAN weights are shipped for the {self.world.name} world"
                raise MissingFile(f"{where}; train them with `{TRAIN.format(world=self.world.name)}` and pass "
                                  f"--renderer layered:runs/layered/{self.world.name}")
            model = load(path)
        if model.cfg.world != self.world.name:
            raise WorldError(f"these layered GAN weights draw the {model.cfg.world} world, not {self.world.name}")
        self.model = model
        self.seed = seed
        self.procedural = ProceduralRenderer(self.world, cache_size=2048)
        self.layers = _LRU(cache_size)  # (object, seed, canvas-under-window digest) -> raw window
        self.displayed = _LRU(cache_size)  # (layer key, size) -> (rect, layer pixels, alpha) at that size
        self.backgrounds = _LRU(8)
        self.runs = 0  # G_fg calls (layers not found in the cache)

    def noise(self, obj) -> torch.Tensor:
        """The object's z: fixed by the renderer's seed and the object's id."""
        gen = torch.Generator().manual_seed(self.seed * 1_000_003 + obj.number)
        return torch.randn(1, self.model.cfg.z_dim, generator=gen)

    def _background(self, name: str) -> torch.Tensor:
        def make():
            bgs = self.model.cfg.backgrounds
            index = torch.tensor([bgs.index(name) if name in bgs else 0])
            z = torch.randn(1, self.model.cfg.z_dim, generator=torch.Generator().manual_seed(self.seed))
            return self.model.G_bg(z, index)
        return self.backgrounds.get_or((name, self.seed), make)

    def _alpha(self, obj, size: tuple[int, int]):
        """The object's procedural tile at `size`: (its (x, y, w, h), the rect of it on the canvas, its alpha
        there as [h, w] in [0, 1])."""
        tile, x, y = self.procedural.tile(obj, size)
        W, H = size
        rect = (max(x, 0), max(y, 0), min(x + tile.width, W), min(y + tile.height, H))
        a = np.asarray(tile.getchannel("A"), dtype=np.float32) / 255.0
        return (x, y, tile.width, tile.height), rect, a[rect[1] - y:rect[3] - y, rect[0] - x:rect[2] - x]

    @torch.no_grad()
    def draw(self, scene, size: tuple[int, int] | None = None) -> tuple[torch.Tensor, np.ndarray | None]:
        """(the model-size canvas [3, S, S] in [-1, 1], the picture at `size` as float [H, W, 3] or None)."""
        cfg, S = self.model.cfg, self.model.cfg.image_size
        canvas = self._background(scene.background)[0]
        picture = None
        if size is not None:
            W, H = size
            picture = F.interpolate(canvas[None], size=(H, W), mode="bicubic", align_corners=False)[0]
            picture = picture.permute(1, 2, 0).numpy().copy()
        for obj in sorted(scene.objects, key=self.world.depth_sort_key):
            tile, (x0, y0, x1, y1), a = self._alpha(obj, (S, S))
            win = torch.tensor([tile_window(*tile, S)], dtype=canvas.dtype)
            alpha = torch.zeros(1, 1, S, S)
            alpha[0, 0, y0:y1, x0:x1] = torch.from_numpy(a)
            c_crop = crop(canvas[None], win, cfg.patch)
            key = (obj, self.seed, hashlib.sha1(c_crop.numpy().tobytes()).hexdigest())

            def make():
                self.runs += 1
                y = object_labels(cfg.labels, obj, self.world.default_color)[None]
                return self.model.layer(self.noise(obj), y, c_crop, crop(alpha, win, cfg.patch))

            raw = self.layers.get_or(key, make)
            canvas = canvas * (1 - alpha[0]) + uncrop(raw, win, S, S)[0] * alpha[0]
            if picture is not None:
                def shown():
                    _, rect, a_big = self._alpha(obj, size)
                    pixels = uncrop(raw, win, size[1], size[0], rect)[0].permute(1, 2, 0).numpy()
                    inside = window_mask(win, size[1], size[0])[0, 0, rect[1]:rect[3], rect[0]:rect[2]].numpy()
                    return rect, pixels, (a_big * inside)[:, :, None]
                (r0, s0, r1, s1), pixels, a_big = self.displayed.get_or((key, tuple(size)), shown)
                region = picture[s0:s1, r0:r1]
                picture[s0:s1, r0:r1] = region * (1 - a_big) + pixels * a_big
        return canvas, picture

    def render(self, scene, size: tuple[int, int] = (512, 512)):
        from PIL import Image

        if scene.world != self.world.name:
            raise WorldError(f"this renderer draws the {self.world.name} world, not {scene.world}")
        size = (int(size[0]), int(size[1]))
        _, picture = self.draw(scene, size)
        return Image.fromarray(np.clip((picture + 1) * 127.5, 0, 255).round().astype(np.uint8))
