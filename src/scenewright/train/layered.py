"""`scenewright train layered`: the layer-based sequential GAN on our own worlds, by the shared loop.

    train_layered("shapes", out="runs/layered/shapes", minutes=20)

Training samples are made from scenes as the spine draws them: random scenes of the world (data/captions.py's
sampler, seeded per epoch) or the scenes of an image set's train split (`data=DIR`, `scenewright data
captions`). For a scene whose objects are sorted back to front, one object k is taken: the real canvas with
objects < k (`canvas`), with objects ≤ k (`target`), object k's alpha from its procedural tile, its window,
labels, and the label-channel layout of objects ≤ k — the paper's training pairs (the real image with the
object's region blanked, the object's instance mask, the segmentation of the scene) in our terms.

`evaluate_layered` measures what docs/renderers.md reports: `stable_px` over single-object edits (recolour,
move), and FID on EfficientNet-Lite0 features of an image set's test split (eval/features.py).
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

import numpy as np
import torch
from PIL import Image

from ..errors import ScenewrightError
from ..scene import Scene
from .distributed import Dist
from .loop import LoopConfig, train


class LayerSamples:
    """Seeded training samples of one world at one size (see the module doc)."""

    def __init__(self, cfg, seed: int = 0, scenes: list[Scene] | None = None, per_epoch: int = 4096):
        from ..render.procedural import ProceduralRenderer
        from ..worlds import get_world

        self.cfg, self.seed, self.scenes, self.per_epoch = cfg, seed, scenes, per_epoch
        self.world = get_world(cfg.world)
        self.renderer = ProceduralRenderer(self.world, cache_size=4096)
        self.index = {name: i for i, name in enumerate(cfg.labels)}

    def scene(self, rng: random.Random) -> Scene:
        from ..data.captions import random_scene

        if self.scenes:
            return self.scenes[rng.randrange(len(self.scenes))]
        return random_scene(self.world, rng)

    def sample(self, scene: Scene, k: int) -> dict:
        """Tensors for object k (in draw order) of `scene`."""
        from ..models.layered_gan import object_labels, tile_window

        S, cfg = self.cfg.image_size, self.cfg
        size = (S, S)
        background = self.renderer.background(scene.background, size).copy()
        canvas = background
        layout = torch.zeros(len(cfg.labels), S, S)
        objects = sorted(scene.objects, key=self.world.depth_sort_key)
        for obj in objects[:k + 1]:
            tile, x, y = self.renderer.tile(obj, size)
            window = tile_window(x, y, tile.width, tile.height, S)
            layer = Image.new("RGBA", size, (0, 0, 0, 0))
            layer.paste(tile, (x, y))
            alpha = torch.from_numpy(np.asarray(layer.getchannel("A"), dtype=np.float32) / 255.0)
            label = object_labels(cfg.labels, obj, self.world.default_color)
            layout = torch.maximum(layout, alpha[None] * label[:, None, None])
            before, canvas = canvas, Image.alpha_composite(canvas, layer)
        obj = objects[k]
        bgs = cfg.backgrounds
        return {"canvas": _tensor(before), "target": _tensor(canvas), "alpha": alpha[None],
                "window": torch.tensor(window), "label": label,
                "layout": layout, "background": _tensor(background),
                "bg": torch.tensor(bgs.index(scene.background) if scene.background in bgs else 0)}

    def batches(self, epoch: int, batch: int):
        """`per_epoch // batch` batches, fixed by (seed, epoch)."""
        rng = random.Random(f"layered-{self.seed}-{epoch}")
        for _ in range(self.per_epoch // batch):
            items = []
            while len(items) < batch:
                scene = self.scene(rng)
                if scene.objects:
                    items.append(self.sample(scene, rng.randrange(len(scene.objects))))
            yield {key: torch.stack([it[key] for it in items]) for key in items[0]}


def _tensor(img: Image.Image) -> torch.Tensor:
    arr = np.asarray(img.convert("RGB"), dtype=np.float32)
    return torch.from_numpy(arr / 127.5 - 1.0).permute(2, 0, 1).contiguous()


def image_set_scenes(data: str | Path, split: str, world: str) -> list[Scene]:
    from ..data.imageset import ImageSet

    ds = ImageSet.open(data)
    if ds.kind != "captions":
        raise ScenewrightError(f"{data} is a {ds.kind!r} set; the layered GAN reads a 'captions' set's scenes")
    if ds.world != world:
        raise ScenewrightError(f"{data} is a {ds.world} set, not {world}")
    scenes = [Scene.from_dict(r["scene"]) for r in ds.records(split) if r.get("scene")]
    if not scenes:
        raise ScenewrightError(f"the {split} split of {data} has no scenes")
    return scenes


def train_layered(world: str, out: str | Path, *, steps: int | None = None, minutes: float | None = None,
                  seed: int = 0, size: int = 64, batch: int = 16, data: str | Path | None = None,
                  ckpt_every: int = 250, settings: dict | None = None, progress: bool = True,
                  command: str | None = None) -> Path:
    """Train the layered GAN on `world` and return OUT/layered.safetensors (G_bg + G_fg; config inside)."""
    from ..models.checkpoint import make_config
    from ..models.layered_gan import LayeredConfig, LayeredGAN, world_labels
    from ..worlds import get_world

    if steps is None and minutes is None:
        raise ScenewrightError("give a budget: --steps N and/or --minutes M")
    if size not in (64, 128):
        raise ScenewrightError(f"the layered GAN draws 64 or 128 px, not {size}")
    w = get_world(world)
    cfg = make_config(LayeredConfig, "layered", {"world": w.name, "image_size": size, "labels": world_labels(w),
                                                 "backgrounds": w.backgrounds, **(settings or {})})
    scenes = image_set_scenes(data, "train", w.name) if data else None
    samples = LayerSamples(cfg, seed, scenes)
    torch.manual_seed(seed)
    model = LayeredGAN(cfg)
    rng = random.Random(f"layered-samples-{seed}")
    shown = [samples.scene(rng) for _ in range(6)]
    card = {"world": w.name, "image_size": size, "batch": batch, "license": "trained on scenewright's own "
            "procedural renders: same license as scenewright",
            "data": str(Path(data).resolve()) if data else f"random {w.name} scenes (data/captions.random_scene), "
                                                           f"seed {seed}",
            "command": command or " ".join(["scenewright"] + sys.argv[1:]), "threads": torch.get_num_threads()}
    lc = LoopConfig(out=str(out), steps=steps, minutes=minutes, seed=seed, ckpt_every=ckpt_every,
                    sample_captions=tuple(s.to_json() for s in shown), samples_per_caption=2, progress=progress,
                    card=card)
    return train(model, lambda epoch: samples.batches(epoch, batch), lc, Dist.from_env())


# -- measuring ------------------------------------------------------------------------------------------------
def touched_box(renderer, obj, size: tuple[int, int]) -> tuple[int, int, int, int]:
    """(x0, y0, x1, y1): the pixels the procedural renderer's tile of `obj` may touch at `size`."""
    tile, x, y = renderer.procedural.tile(obj, size) if hasattr(renderer, "procedural") else renderer.tile(obj, size)
    return x, y, x + tile.width, y + tile.height


def changed_outside(before: Image.Image, after: Image.Image, boxes: list[tuple[int, int, int, int]]) -> float:
    """The share of pixels outside every box in `boxes` that differ between the two pictures."""
    a, b = np.asarray(before), np.asarray(after)
    if a.shape != b.shape:
        raise ValueError(f"pictures of different sizes: {a.shape} and {b.shape}")
    outside = np.ones(a.shape[:2], bool)
    H, W = outside.shape
    for x0, y0, x1, y1 in boxes:
        outside[max(y0, 0):max(min(y1, H), 0), max(x0, 0):max(min(x1, W), 0)] = False
    changed = (a != b).any(2) & outside
    return float(changed.sum() / max(outside.sum(), 1))


def edit_boxes(renderer, before: Scene, after: Scene, oid: str, size: tuple[int, int]):
    """The boxes an edit of `oid` may change: the object's tile boxes before and after, then — repeatedly — the
    box of every object that overlaps a box already taken (a layer reads the canvas under its own box, so a
    change reaches what stands on the edited object, and what stands on that). For a renderer that draws at a
    model size, boxes within one model pixel of each other count as overlapping (a tile rounds to whole pixels
    at each size)."""
    from ..render.procedural import ProceduralRenderer

    boxer = renderer if hasattr(renderer, "procedural") else ProceduralRenderer(before.world)
    model = getattr(renderer, "model", None)
    grow = int(np.ceil(max(size) / model.cfg.image_size)) if model is not None else 0
    boxes = [touched_box(boxer, s.get(oid), size) for s in (before, after) if any(o.id == oid for o in s.objects)]
    others = [touched_box(boxer, o, size) for s in (before, after) for o in s.objects if o.id != oid]
    grown = True
    while grown:
        grown = False
        for box in others:
            if box not in boxes and any(_overlap(box, b, grow) for b in boxes):
                boxes.append(box)
                grown = True
    return boxes


def _overlap(a, b, grow: int = 0) -> bool:
    return a[0] < b[2] + grow and b[0] < a[2] + grow and a[1] < b[3] + grow and b[1] < a[3] + grow


def single_edits(world: str, n: int, seed: int = 0) -> list[tuple[Scene, Scene, str]]:
    """n (scene, edited scene, edited id) pairs: a random scene of ≥ 2 objects, one object recoloured (shapes)
    or flipped (other worlds), or moved sideways — every other edit of each kind."""
    from ..data.captions import random_scene
    from ..worlds import get_world

    w, rng, out = get_world(world), random.Random(f"edits-{seed}"), []
    while len(out) < n:
        scene = random_scene(w, rng)
        if len(scene.objects) < 2:
            continue
        obj = rng.choice(scene.objects)
        if len(out) % 2 == 0 and obj.color is not None and len(w.colors) > 1:
            new = obj.with_(color=rng.choice([c for c in w.colors if c != obj.color]))
        elif len(out) % 2 == 0:
            new = obj.with_(flip=not obj.flip)
        else:
            new = obj.with_(x=round(min(max(obj.x + rng.choice((-1, 1)) * rng.uniform(0.05, 0.15), 0.05), 0.95), 4))
        edited = scene.replace_objects([new if o.id == obj.id else o for o in scene.objects])
        out.append((scene, edited, obj.id))
    return out


def stable_px(renderer, edits, size: tuple[int, int]) -> float:
    """Mean over `edits` of `changed_outside`: 0 when nothing but the edited object and what overlaps it moves."""
    shares = [changed_outside(renderer.render(a, size), renderer.render(b, size), edit_boxes(renderer, a, b, oid, size))
              for a, b, oid in edits]
    return float(np.mean(shares))


def evaluate_layered(world: str, checkpoint: str | Path | None = None, data: str | Path | None = None,
                     split: str = "test", n_edits: int = 100, n: int | None = None, seed: int = 0,
                     size: int | None = None) -> dict:
    """{"stable_px", "stable_px_procedural", "layers_per_edit", "objects_per_scene", and with `data`: "fid"
    (the layered GAN's pictures of the split's scenes against the split's images), "fid_procedural" (the spine's
    own, ~0: the images are its renders), "fid_real_val" (the val images against the split's: the floor at this
    number of images)}."""
    from ..eval.features import fid_is, real_statistics, real_vs_real
    from ..models.layered_gan import LayeredRenderer
    from ..render import get_renderer

    layered = LayeredRenderer(world, checkpoint=checkpoint, seed=seed)
    S = layered.model.cfg.image_size
    shown = tuple(size or get_renderer(world).world.canvas)
    edits = single_edits(world, n_edits, seed)
    row: dict = {"size": list(shown), "edits": len(edits)}
    row["stable_px"] = round(stable_px(layered, edits, shown), 6)
    row["stable_px_procedural"] = round(stable_px(get_renderer(world), edits, shown), 6)
    runs = []
    layered = LayeredRenderer(world, model=layered.model, seed=seed)  # an empty cache: count what an edit re-runs
    for a, b, _ in edits:
        layered.render(a, shown)
        before = layered.runs
        layered.render(b, shown)
        runs.append(layered.runs - before)
    row["layers_per_edit"] = round(float(np.mean(runs)), 3)
    row["objects_per_scene"] = round(float(np.mean([len(b.objects) for _, b, _ in edits])), 3)
    if data is not None:
        scenes = image_set_scenes(data, split, world)[:n]
        stats = real_statistics(data, split, S, progress=False)
        images = torch.stack([_tensor(layered.render(s, (S, S))) for s in scenes])
        procedural = get_renderer(world)
        spine = torch.stack([_tensor(procedural.render(s, (S, S))) for s in scenes])
        row |= {"fid": round(fid_is(images, stats)["fid"], 2), "fid_procedural": round(fid_is(spine, stats)["fid"], 2),
                "n_fid": len(scenes), "fid_split": split}
        if world == "shapes":  # object F1 / rsim by the shipped shapes detector, GeNeVA's protocol
            from ..eval.detector import Detector
            from ..eval.metrics import detections_from_scene, geneva_scores

            detector = Detector.load(Path(__file__).resolve().parents[1] / "weights" / "geneva_shapes_detector")
            truth = [detections_from_scene(s) for s in scenes]
            for name, x in (("", images), ("_procedural", spine)):
                scores = geneva_scores(detector.detect(x), truth)
                row |= {f"object_f1{name}": round(scores["f1"], 2), f"rsim{name}": round(scores["rsim"], 2)}
        if n is None and split != "val":  # the floor at this many images: another real split against this one
            row["fid_real_val"] = round(real_vs_real(data, "val", split, S)["fid"], 2)
    return row
