"""sg2im — Johnson, Gupta & Fei-Fei, "Image Generation from Scene Graphs", CVPR 2018. Our own code after the
paper (Sec. 3, Fig. 2–4), scaled for a CPU (64×64, widths ~1/8 of the paper's).

scene graph → object / predicate embeddings → graph convolution (Sec. 3.1: every triple's vectors go through
g, the candidate vectors of each object are averaged and passed through h; 5 layers) → per object a box
(box regression MLP) and a soft mask (mask regression: upsampling convs, sigmoid), Sec. 3.2 → scene layout
(each object's vector spread over its mask warped into its box, summed; noise channels added) → cascaded
refinement network (Chen & Koltun 2017): modules at doubling resolutions, each fed the layout downsampled and
the previous module's features upsampled → image. As in the paper, every object is also joined to a whole-
image node by `__in_image__`; ours gives that node the scene's background as its class.

Training (Sec. 3.3) uses the ground-truth boxes for the layout and the predicted masks. Losses, with the
official trainer's weights: box L1 (paper's L1; λ 10), mask BCE (λ 1 — the official default 0; our masks
are exact), pixel L1 (λ 1), image and object adversarial losses (λ 0.01 each; a patch discriminator on the
whole image, a discriminator on 32×32 crops at the boxes) and the object discriminator's auxiliary classifier
(λ 0.1; AC-GAN). Adam, lr 1e-4, β (0.9, 0.999), batch norm, LeakyReLU 0.2, no EMA.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar, Sequence

import torch
import torch.nn as nn
import torch.nn.functional as F

from ..errors import ScenewrightError
from ..scene.graph import IN_IMAGE, PREDICATES, SceneGraph
from .blocks import down_block

BACKGROUND = "__image__:"  # the whole-image node's class is BACKGROUND + the scene's background


@dataclass(frozen=True)
class Sg2ImConfig:
    world: str = "shapes"
    objects: tuple[str, ...] = ()  # object classes, then one whole-image class per background
    predicates: tuple[str, ...] = PREDICATES
    image_size: int = 64
    embedding_dim: int = 64
    gconv_dim: int = 64
    gconv_hidden: int = 128
    gconv_layers: int = 5
    mask_size: int = 16
    mask_width: int = 32  # the mask network's convolutions (paper: the object vector's width)
    layout_noise_dim: int = 16
    refinement_dims: tuple[int, ...] = (128, 96, 64, 32, 16)  # paper: 1024, 512, 256, 128, 64
    d_widths: tuple[int, ...] = (32, 64, 128)  # paper: C4-64-2, C4-128-2, C4-256-2 (both discriminators)
    crop_size: int = 32
    box_weight: float = 10.0
    mask_weight: float = 1.0
    pixel_weight: float = 1.0
    d_img_weight: float = 0.01
    d_obj_weight: float = 0.01
    ac_weight: float = 0.1
    lr_g: float = 1e-4
    lr_d: float = 1e-4
    betas: tuple[float, float] = (0.9, 0.999)
    ema: float | None = None


def mlp(dims: Sequence[int]) -> nn.Sequential:
    layers: list[nn.Module] = []
    for k, (a, b) in enumerate(zip(dims[:-1], dims[1:])):
        layers.append(nn.Linear(a, b))
        if k < len(dims) - 2:
            layers.append(nn.ReLU(inplace=True))
    return nn.Sequential(*layers)


# -- graph convolution (Sec. 3.1, Fig. 3) -------------------------------------------------------------------
class GraphTripleConv(nn.Module):
    """(v_s, v_p, v_o) → g → (candidates for s, new v_p, candidates for o); v_i' = h(mean of i's candidates)."""

    def __init__(self, din: int, dout: int, hidden: int):
        super().__init__()
        self.hidden, self.dout = hidden, dout
        self.g = mlp([3 * din, hidden, 2 * hidden + dout])
        self.h = mlp([hidden, hidden, dout])

    def forward(self, obj: torch.Tensor, pred: torch.Tensor, edges: torch.Tensor):
        s, o = edges[:, 0], edges[:, 1]
        y = self.g(torch.cat([obj[s], pred, obj[o]], 1))
        new_s, new_p, new_o = y.split([self.hidden, self.dout, self.hidden], 1)
        pooled = obj.new_zeros(len(obj), self.hidden).index_add(0, s, new_s).index_add(0, o, new_o)
        count = obj.new_zeros(len(obj)).index_add(0, s, torch.ones_like(s, dtype=obj.dtype))
        count = count.index_add(0, o, torch.ones_like(o, dtype=obj.dtype)).clamp(min=1)
        return self.h(pooled / count[:, None]), new_p


class MaskRegression(nn.Module):
    """Object vector → M×M soft mask: 1×1 conv, then upsample + 3×3 conv + BN + ReLU per doubling, 1×1 conv,
    sigmoid."""

    def __init__(self, dim: int, mask_size: int, width: int):
        super().__init__()
        layers: list[nn.Module] = [nn.Conv2d(dim, width, 1)]
        size = 1
        while size < mask_size:
            layers += [nn.Upsample(scale_factor=2, mode="nearest"), nn.Conv2d(width, width, 3, 1, 1),
                       nn.BatchNorm2d(width), nn.ReLU(inplace=True)]
            size *= 2
        layers.append(nn.Conv2d(width, 1, 1))
        self.net = nn.Sequential(*layers)

    def forward(self, v: torch.Tensor) -> torch.Tensor:
        return torch.sigmoid(self.net(v[:, :, None, None]).squeeze(1))


# -- layout (Sec. 3.2, Fig. 4) -------------------------------------------------------------------------------
def box_grid(boxes: torch.Tensor, H: int, W: int) -> torch.Tensor:
    """Sampling grid [O, H, W, 2] that puts a box's [-1, 1]² content at its place on an H×W canvas."""
    xs = (torch.arange(W, dtype=boxes.dtype, device=boxes.device) + 0.5) / W
    ys = (torch.arange(H, dtype=boxes.dtype, device=boxes.device) + 0.5) / H
    x0, y0, x1, y1 = (boxes[:, k, None] for k in range(4))
    u = (xs[None] - x0) / (x1 - x0).clamp(min=1e-3) * 2 - 1  # [O, W]
    v = (ys[None] - y0) / (y1 - y0).clamp(min=1e-3) * 2 - 1  # [O, H]
    return torch.stack([u[:, None, :].expand(-1, H, -1), v[:, :, None].expand(-1, -1, W)], -1)


def masks_to_layout(vecs: torch.Tensor, boxes: torch.Tensor, masks: torch.Tensor, obj_to_img: torch.Tensor,
                    batch: int, size: int) -> torch.Tensor:
    """Σ over each image's objects of vector ⊗ (mask warped into box): [B, D, size, size]."""
    grid = box_grid(boxes, size, size)
    inside = (grid.abs() <= 1).all(-1)[:, None].to(vecs.dtype)  # the mask's edge is not faded into zeros
    warped = F.grid_sample(masks[:, None], grid, padding_mode="border", align_corners=False) * inside
    onehot = F.one_hot(obj_to_img, batch).to(vecs.dtype)  # [O, B]
    return torch.einsum("ob,od,on->bdn", onehot, vecs, warped.flatten(1)).reshape(batch, -1, size, size)


def crop_boxes(images: torch.Tensor, boxes: torch.Tensor, obj_to_img: torch.Tensor, size: int) -> torch.Tensor:
    """Bilinear crops [O, 3, size, size] of each object's box from its image."""
    x0, y0, x1, y1 = boxes.unbind(1)
    zero = torch.zeros_like(x0)
    theta = torch.stack([torch.stack([x1 - x0, zero, x0 + x1 - 1], 1),
                         torch.stack([zero, y1 - y0, y0 + y1 - 1], 1)], 1)
    grid = F.affine_grid(theta, [len(boxes), 3, size, size], align_corners=False)
    return F.grid_sample(images[obj_to_img], grid, align_corners=False)


# -- cascaded refinement network -----------------------------------------------------------------------------
class RefinementModule(nn.Module):
    """[layout at this size; features] → 3×3 conv → BN → LReLU → 3×3 conv → BN → LReLU."""

    def __init__(self, layout_dim: int, cin: int, cout: int):
        super().__init__()
        self.net = nn.Sequential(nn.Conv2d(layout_dim + cin, cout, 3, 1, 1), nn.BatchNorm2d(cout),
                                 nn.LeakyReLU(0.2, inplace=True), nn.Conv2d(cout, cout, 3, 1, 1),
                                 nn.BatchNorm2d(cout), nn.LeakyReLU(0.2, inplace=True))

    def forward(self, layout: torch.Tensor, feats: torch.Tensor) -> torch.Tensor:
        factor = layout.shape[-1] // feats.shape[-1]
        layout = F.avg_pool2d(layout, factor) if factor > 1 else layout
        return self.net(torch.cat([layout, feats], 1))


class CRN(nn.Module):
    def __init__(self, layout_dim: int, dims: Sequence[int]):
        super().__init__()
        self.modules_ = nn.ModuleList(RefinementModule(layout_dim, a, b) for a, b in zip((1,) + tuple(dims), dims))
        last = dims[-1]
        self.out = nn.Sequential(nn.Conv2d(last, last, 3, 1, 1), nn.LeakyReLU(0.2, inplace=True),
                                 nn.Conv2d(last, 3, 1))

    def forward(self, layout: torch.Tensor) -> torch.Tensor:
        B, _, H, W = layout.shape
        n = len(self.modules_)
        feats = layout.new_zeros(B, 1, H >> (n - 1), W >> (n - 1))
        for k, module in enumerate(self.modules_):
            if k:
                feats = F.interpolate(feats, scale_factor=2, mode="nearest")
            feats = module(layout, feats)
        return self.out(feats)


# -- the generator: graph → boxes, masks → image -------------------------------------------------------------
class Generator(nn.Module):
    def __init__(self, cfg: Sg2ImConfig):
        super().__init__()
        self.obj_embed = nn.Embedding(len(cfg.objects), cfg.embedding_dim)
        self.pred_embed = nn.Embedding(len(cfg.predicates), cfg.embedding_dim)
        dims = [cfg.embedding_dim] + [cfg.gconv_dim] * cfg.gconv_layers
        self.gconvs = nn.ModuleList(GraphTripleConv(a, b, cfg.gconv_hidden) for a, b in zip(dims[:-1], dims[1:]))
        self.box_net = mlp([cfg.gconv_dim, cfg.gconv_hidden, 4])
        self.mask_net = MaskRegression(cfg.gconv_dim, cfg.mask_size, cfg.mask_width)
        self.crn = CRN(cfg.gconv_dim + cfg.layout_noise_dim, cfg.refinement_dims)
        self.cfg = cfg

    def encode(self, objs: torch.Tensor, triples: torch.Tensor):
        """Object vectors [O, D] after the graph convolution, predicted boxes [O, 4] and masks [O, M, M]."""
        obj, pred = self.obj_embed(objs), self.pred_embed(triples[:, 1])
        edges = triples[:, [0, 2]]
        for gconv in self.gconvs:
            obj, pred = gconv(obj, pred, edges)
        boxes = self.box_net(obj)  # (x0, y0, x1, y1), unconstrained as in the paper
        return obj, boxes, self.mask_net(obj)

    def forward(self, objs, triples, obj_to_img, batch: int, boxes_gt=None, generator=None):
        """(image [B, 3, H, W], predicted boxes, predicted masks); the layout uses `boxes_gt` when given."""
        vecs, boxes, masks = self.encode(objs, triples)
        size = self.cfg.image_size
        layout = masks_to_layout(vecs, boxes if boxes_gt is None else boxes_gt, masks, obj_to_img, batch, size)
        noise = torch.randn(batch, self.cfg.layout_noise_dim, size, size, generator=generator,
                            device=layout.device, dtype=layout.dtype)
        return self.crn(torch.cat([layout, noise], 1)), boxes, masks


# -- discriminators -------------------------------------------------------------------------------------------
def conv_stack(widths: Sequence[int]) -> nn.Sequential:
    return nn.Sequential(*[down_block(a, b, bn=k > 0) for k, (a, b) in enumerate(zip((3,) + tuple(widths), widths))])


class PatchDiscriminator(nn.Module):
    """D_img: C4 stride-2 convs → 1×1 conv: one real/fake score per patch."""

    def __init__(self, cfg: Sg2ImConfig):
        super().__init__()
        self.net = nn.Sequential(conv_stack(cfg.d_widths), nn.Conv2d(cfg.d_widths[-1], 1, 1))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.net(x).flatten(1)


class CropDiscriminator(nn.Module):
    """D_obj: the same convs on each object's crop → a real/fake score and the object's class (AC-GAN)."""

    def __init__(self, cfg: Sg2ImConfig):
        super().__init__()
        self.net = conv_stack(cfg.d_widths)
        self.real = nn.Linear(cfg.d_widths[-1], 1)
        self.cls = nn.Linear(cfg.d_widths[-1], len(cfg.objects))
        self.crop = cfg.crop_size

    def forward(self, images, boxes, obj_to_img):
        f = self.net(crop_boxes(images, boxes, obj_to_img, self.crop)).mean(dim=(2, 3))
        return self.real(f).squeeze(1), self.cls(f)


def g_gan(fake: torch.Tensor) -> torch.Tensor:
    """The non-saturating GAN loss ('gan' in the official trainer): −log D(G(z))."""
    return F.softplus(-fake).mean()


def d_gan(real: torch.Tensor, fake: torch.Tensor) -> torch.Tensor:
    return F.softplus(-real).mean() + F.softplus(fake).mean()


# -- the method: the training loop's face --------------------------------------------------------------------
class Sg2Im(nn.Module):
    name: ClassVar[str] = "sg2im"
    ema_modules: ClassVar[tuple[str, ...]] = ("G",)

    def __init__(self, cfg: Sg2ImConfig):
        super().__init__()
        if not cfg.objects:
            raise ScenewrightError("sg2im needs its object vocabulary (Sg2ImConfig.objects)")
        self.cfg = cfg
        self.G = Generator(cfg)
        self.D_img = PatchDiscriminator(cfg)
        self.D_obj = CropDiscriminator(cfg)
        self._index = {c: i for i, c in enumerate(cfg.objects)}
        self._pred = {p: i for i, p in enumerate(cfg.predicates)}
        self._fake: torch.Tensor | None = None

    def param_groups(self) -> dict[str, list]:
        return {"g": list(self.G.parameters()), "d": list(self.D_img.parameters()) + list(self.D_obj.parameters())}

    def inference_keys(self, state: dict) -> dict:
        return {k: v for k, v in state.items() if k.startswith("G.")}

    def losses(self, batch: dict, group: str, step: int) -> dict[str, torch.Tensor]:
        real, objs, boxes, o2i = batch["image"], batch["objs"], batch["boxes"], batch["obj_to_img"]
        things = batch["things"]  # the objects the crop discriminator sees (not the whole-image nodes)
        if group == "g":
            fake, boxes_pred, masks_pred = self.G(objs, batch["triples"], o2i, len(real), boxes_gt=boxes)
            self._fake = fake.detach()
            s_obj, cls = self.D_obj(fake, boxes[things], o2i[things])
            return {"box": self.cfg.box_weight * F.l1_loss(boxes_pred, boxes),
                    "mask": self.cfg.mask_weight * F.binary_cross_entropy(masks_pred, batch["masks"]),
                    "pixel": self.cfg.pixel_weight * F.l1_loss(fake, real),
                    "gan_img": self.cfg.d_img_weight * g_gan(self.D_img(fake)),
                    "gan_obj": self.cfg.d_obj_weight * g_gan(s_obj),
                    "ac": self.cfg.ac_weight * F.cross_entropy(cls, objs[things])}
        fake = self._fake
        s_real, cls_real = self.D_obj(real, boxes[things], o2i[things])
        s_fake, cls_fake = self.D_obj(fake, boxes[things], o2i[things])
        return {"img": d_gan(self.D_img(real), self.D_img(fake)), "obj": d_gan(s_real, s_fake),
                "ac_real": F.cross_entropy(cls_real, objs[things]),
                "ac_fake": F.cross_entropy(cls_fake, objs[things])}

    # -- graphs → tensors ---------------------------------------------------------------------------------
    def encode_graphs(self, graphs: Sequence[SceneGraph]) -> dict[str, torch.Tensor]:
        """Objects (each graph's, then its whole-image node), triples with `__in_image__` added, obj_to_img."""
        objs, o2i, trip, things = [], [], [], []
        for b, g in enumerate(graphs):
            if g.world != self.cfg.world:
                raise ScenewrightError(f"this sg2im model draws the {self.cfg.world} world, not {g.world}")
            base = len(objs)
            for label in g.objects:
                if label not in self._index:
                    raise ScenewrightError(f"this sg2im model has not learnt {label!r}; it knows "
                                           f"{', '.join(c for c in self.cfg.objects if not c.startswith(BACKGROUND))}")
                objs.append(self._index[label])
                things.append(True)
            image = BACKGROUND + g.background
            if image not in self._index:
                raise ScenewrightError(f"this sg2im model has not learnt the background {g.background!r}")
            objs.append(self._index[image])
            things.append(False)
            o2i += [b] * (len(g.objects) + 1)
            unknown = sorted({p for _, p, _ in g.triples} - set(self._pred))
            if unknown:
                raise ScenewrightError(f"this sg2im model has not learnt the relation {unknown[0]!r}; it knows "
                                       f"{', '.join(p for p in self.cfg.predicates if p != IN_IMAGE)}")
            trip += [(base + s, self._pred[p], base + o) for s, p, o in g.triples]
            trip += [(base + i, self._pred[IN_IMAGE], base + len(g.objects)) for i in range(len(g.objects))]
        return {"objs": torch.tensor(objs), "obj_to_img": torch.tensor(o2i), "things": torch.tensor(things),
                "triples": torch.tensor(trip, dtype=torch.long).reshape(-1, 3)}

    @torch.no_grad()
    def draw(self, graphs: Sequence[SceneGraph], seed: int = 0):
        """Images [B, 3, H, W] in [-1, 1] and the predicted layout: boxes per graph ([n_i, 4], its objects')."""
        enc = self.encode_graphs(graphs)
        gen = torch.Generator().manual_seed(seed)
        x, boxes, _ = self.G(enc["objs"], enc["triples"], enc["obj_to_img"], len(graphs), generator=gen)
        per = [boxes[(enc["obj_to_img"] == b) & enc["things"]] for b in range(len(graphs))]
        return x.clamp(-1, 1), per

    def generate(self, captions: Sequence[str], seed: int = 0) -> torch.Tensor:
        """The loop's sample grid: `captions` are scene JSON strings."""
        from ..scene import Scene
        from ..scene.graph import scene_graph

        return self.draw([scene_graph(Scene.from_json(c)) for c in captions], seed)[0]


# -- the renderer registry's "sg2im" ---------------------------------------------------------------------------
def shipped(world: str) -> Path:
    return Path(__file__).resolve().parents[1] / "weights" / "render" / f"sg2im_{world}"


class Sg2ImRenderer:
    """`render(scene, size)` with sg2im: the scene's graph (its objects and relations, not their positions)
    goes in, the model predicts the layout itself and paints it. The noise is seeded, so a scene always gives
    the same picture; a changed graph may move everything (sg2im has no notion of "keep the rest")."""

    name = "sg2im"

    def __init__(self, world: str = "shapes", checkpoint: str | Path | None = None, seed: int = 0):
        from ..errors import MissingFile
        from ..worlds import get_world

        self.world = get_world(world)
        path = Path(checkpoint) if checkpoint else shipped(self.world.name)
        if not path.exists():
            raise MissingFile(f"no sg2im weights for the {self.world.name} world at {path}; train them with "
                              f"`scenewright train sg2im --world {self.world.name} --out DIR` and pass "
                              "`--renderer sg2im:DIR`")
        self.model = load(path)
        if self.model.cfg.world != self.world.name:
            raise ScenewrightError(f"{path} draws the {self.model.cfg.world} world, not {self.world.name}")
        self.seed = seed

    def layout(self, scene) -> list[tuple[float, float, float, float]]:
        """sg2im's predicted box of every object of `scene` (scene order)."""
        from ..scene.graph import scene_graph

        return [tuple(b) for b in self.model.draw([scene_graph(scene)], self.seed)[1][0].tolist()]

    def render_graph(self, graph: SceneGraph, size: tuple[int, int] = (256, 256)):
        from PIL import Image

        from .geneva_gan import to_uint8

        x, _ = self.model.draw([graph], self.seed)
        img = Image.fromarray(to_uint8(x[0]))
        return img.resize((int(size[0]), int(size[1])), Image.BICUBIC)

    def render(self, scene, size: tuple[int, int] = (512, 400)):
        from ..scene.graph import scene_graph

        if scene.world != self.world.name:
            raise ScenewrightError(f"this renderer draws the {self.world.name} world, not {scene.world}")
        return self.render_graph(scene_graph(scene), size)


def build(objects: Sequence[str], **overrides) -> Sg2Im:
    from .checkpoint import make_config

    return Sg2Im(make_config(Sg2ImConfig, "sg2im", {**overrides, "objects": list(objects)}))


def load(path: str | Path, device: str = "cpu") -> Sg2Im:
    """A trained sg2im from a checkpoint folder (OUT/sg2im.safetensors) or the file, in eval mode."""
    from ..errors import CheckpointError
    from .checkpoint import make_config, read_method, weights_file

    file = weights_file(path, ("sg2im",), "sg2im", f"train one with `scenewright train sg2im --world shapes "
                                                   f"--out {path}`")
    _, config, state = read_method(file, ("sg2im",), "sg2im")
    try:
        model = Sg2Im(make_config(Sg2ImConfig, "sg2im", config))
        missing, unexpected = model.load_state_dict(state, strict=False)
    except (TypeError, RuntimeError, ScenewrightError) as e:
        why = str(e).splitlines()[-1].strip()[:200]
        raise CheckpointError(f"{file} does not fit this sg2im ({why})") from None
    if unexpected or any(k.startswith("G.") for k in missing):
        raise CheckpointError(f"{file} does not fit sg2im: missing {missing[:3]}, unexpected {unexpected[:3]}")
    return model.to(device).eval()


def card_of(path: str | Path) -> dict:
    p = Path(path)
    card = (p if p.is_dir() else p.parent) / "card.json"
    return json.loads(card.read_text()) if card.is_file() else {}
