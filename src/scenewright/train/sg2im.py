"""`scenewright train sg2im`: sg2im on a world's scenes, by the shared loop (train/loop.py).

    train_sg2im("shapes", out="runs/sg2im/shapes", minutes=20)                 # scenes sampled in memory
    train_sg2im("shapes", out=..., data="/tmp/imagesets/shapes10k", steps=2000)  # a captions image set

Each training scene gives its graph (scene/graph.py: labels, triples, the spine's boxes), its image at 64 px
and each object's mask (the sprite's alpha in its box, > 0.5, at the mask size). Without --data the scenes
come from the captions sampler (data/captions.random_scene, seeded) and are drawn by the procedural renderer,
the same pictures `scenewright data captions` writes. The prepared tensors are kept in OUT/data.pt, so a
resumed run does not prepare them again.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import torch

from ..errors import ScenewrightError
from .distributed import Dist
from .loop import LoopConfig, train


def object_masks(scene, mask_size: int, size: tuple[int, int] | None = None) -> np.ndarray:
    """[n, M, M] float32: each object's sprite alpha > 0.5 inside its box (scene/graph.object_boxes)."""
    from PIL import Image

    from ..scene.graph import BOX_SIZE, _procedural

    size = size or BOX_SIZE
    renderer = _procedural(scene.world)
    out = np.zeros((len(scene.objects), mask_size, mask_size), np.float32)
    for k, obj in enumerate(scene.objects):
        tile, _, _ = renderer.tile(obj, size)
        a = tile.getchannel("A")
        bbox = a.getbbox()
        if bbox:
            m = a.crop(bbox).resize((mask_size, mask_size), Image.BILINEAR)
            out[k] = (np.asarray(m, np.float32) / 255 > 0.5)
    return out


def prepare(scenes, images: np.ndarray, mask_size: int, progress: bool = True) -> dict:
    """Graphs, images, masks of a list of scenes (uint8 images [N, H, W, 3] in the same order)."""
    from tqdm import tqdm

    from ..scene.graph import scene_graph

    graphs, masks = [], []
    for s in tqdm(scenes, desc="graphs", disable=not progress, dynamic_ncols=True):
        graphs.append(scene_graph(s))
        masks.append(object_masks(s, mask_size))
    return {"graphs": graphs, "images": torch.from_numpy(np.ascontiguousarray(images)), "masks": masks}


def sampled_scenes(world: str, n: int, seed: int, size: int, progress: bool = True):
    from tqdm import tqdm

    from ..data.captions import _renderer, _scene_rng, random_scene

    scenes = [random_scene(world, _scene_rng(seed, i)) for i in range(n)]
    r = _renderer(world)
    images = np.stack([np.asarray(r.render(s, (size, size)))
                       for s in tqdm(scenes, desc="scenes", disable=not progress, dynamic_ncols=True)])
    return scenes, images


def imageset_scenes(data: str | Path, split: str, size: int):
    from ..data.imageset import ImageSet
    from ..scene import Scene

    ds = ImageSet.open(data)
    if ds.kind != "captions":
        raise ScenewrightError(f"{data} is a {ds.kind!r} set; sg2im trains on a 'captions' set "
                               "(`scenewright data captions --world shapes ...`), or on sampled scenes (no --data)")
    if size not in ds.sizes:
        raise ScenewrightError(f"{data} has no {size} px images (sizes: {ds.sizes})")
    return [Scene.from_dict(r["scene"]) for r in ds.records(split)], ds.array(split, size), ds


def collate(model, prepared: dict, idx) -> dict:
    """One batch: the graphs encoded by the model (whole-image nodes added), their boxes and masks."""
    graphs = [prepared["graphs"][i] for i in idx]
    enc = model.encode_graphs(graphs)
    M = model.cfg.mask_size
    boxes, masks = [], []
    for i, g in zip(idx, graphs):
        boxes += [list(b) for b in g.boxes] + [[0.0, 0.0, 1.0, 1.0]]
        masks.append(torch.from_numpy(prepared["masks"][i]).reshape(-1, M, M))
        masks.append(torch.ones(1, M, M))
    x = prepared["images"][list(idx)].permute(0, 3, 1, 2).float().div(127.5).sub(1)
    return enc | {"image": x, "boxes": torch.tensor(boxes, dtype=torch.float32), "masks": torch.cat(masks)}


def train_sg2im(world: str, out: str | Path, *, data: str | Path | None = None, n: int = 8000,
                steps: int | None = None, minutes: float | None = None, seed: int = 0, batch: int = 16,
                size: int = 64, ckpt_every: int = 250, settings: dict | None = None, progress: bool = True,
                command: str | None = None) -> Path:
    """Train sg2im on `world` and return OUT/sg2im.safetensors."""
    from ..models.sg2im import BACKGROUND, build
    from ..scene.graph import world_labels
    from ..worlds import get_world

    if steps is None and minutes is None:
        raise ScenewrightError("give a budget: --steps N and/or --minutes M")
    w = get_world(world)
    fixed = sorted(set(settings or {}) & {"world", "objects", "image_size"})
    if fixed:
        raise ScenewrightError(f"sg2im takes {', '.join(fixed)} from --world / --size, not from --set")
    objects = world_labels(w) + [BACKGROUND + b for b in w.backgrounds]
    torch.manual_seed(seed)  # the same initial weights on every replica and every run
    model = build(objects, world=w.name, image_size=size, **(settings or {}))
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    mask_size = model.cfg.mask_size
    cache = out / "data.pt"
    source = {"data": str(Path(data).resolve()) if data else None, "n": None if data else n, "seed": seed,
              "size": size, "mask_size": mask_size, "world": w.name}
    prepared = torch.load(cache, weights_only=False) if cache.is_file() else None
    if prepared is None or prepared.get("source") != source:
        if data:
            scenes, images, ds = imageset_scenes(data, "train", size)
            if ds.world != w.name:
                raise ScenewrightError(f"{data} is a {ds.world} set, not {w.name}")
        else:
            scenes, images = sampled_scenes(w.name, n, seed, size, progress)
        prepared = prepare(scenes, images, mask_size, progress) | {"source": source}
        torch.save(prepared, cache)
    N = len(prepared["graphs"])
    if N < batch:
        raise ScenewrightError(f"{N} training scenes are fewer than one batch of {batch}")

    def batches(epoch: int):
        order = np.random.default_rng([seed, epoch]).permutation(N)
        for k in range(0, N - batch + 1, batch):
            yield collate(model, prepared, order[k:k + batch].tolist())

    samples = tuple(_sample_scenes(w.name, seed))
    dist = Dist.from_env()
    card = {"world": w.name, "data": source, "batch": batch, "image_size": size, "world_size": dist.world_size,
            "command": command or " ".join(["scenewright"] + sys.argv[1:]), "threads": torch.get_num_threads()}
    lc = LoopConfig(out=str(out), steps=steps, minutes=minutes, seed=seed, ckpt_every=ckpt_every,
                    sample_captions=samples, samples_per_caption=2, progress=progress, card=card)
    return train(model, batches, lc, dist)


def _sample_scenes(world: str, seed: int, k: int = 4) -> list[str]:
    """Scene JSON of k held-out sampled scenes (another seed than the training scenes)."""
    import random

    from ..data.captions import random_scene

    return [random_scene(world, random.Random(f"sg2im-samples:{seed}:{i}")).to_json() for i in range(k)]


__all__ = ["collate", "object_masks", "prepare", "train_sg2im"]
