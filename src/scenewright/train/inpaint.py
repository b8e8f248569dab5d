"""`scenewright train inpaint`: TDANet (or the same network without text) by the shared loop.

    train_inpaint("tdanet", data="/tmp/imagesets/shapes_edits", damsm="runs/damsm/shapes64_scratch_seed0",
                  out="runs/inpaint/tdanet_shapes_edits", minutes=15)

Samples. On an "edits" set (`scenewright data edits`): the *target* image with a box blanked — the bounding
box of the edit's mask (what changed) grown by `PAD` px — and the target's captions; the model must draw what
the edit put there (a recoloured or added object, or the floor where one was removed). On a "captions" set: a
random box (1/4 to 1/2 of the side, fixed per record and seed) on each image and its captions. In training one
of the image's captions is drawn per epoch (seeded, as AttnGAN's loader); evaluation reads the first.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import torch

from ..errors import MissingFile, ScenewrightError
from .distributed import Dist
from .loop import LoopConfig, train

PAD = 2


def box_mask(box: tuple[int, int, int, int], size: int) -> np.ndarray:
    """float32 [size, size], 1 inside the box (x0, y0, x1, y1; x1/y1 exclusive)."""
    m = np.zeros((size, size), dtype=np.float32)
    x0, y0, x1, y1 = box
    m[max(0, y0):min(size, y1), max(0, x0):min(size, x1)] = 1.0
    return m


def _random_box(rng: np.random.Generator, size: int) -> tuple[int, int, int, int]:
    w, h = (int(v) for v in rng.integers(size // 4, size // 2 + 1, size=2))
    x0, y0 = int(rng.integers(0, size - w + 1)), int(rng.integers(0, size - h + 1))
    return x0, y0, x0 + w, y0 + h


def samples(ds, split: str, size: int, seed: int = 0) -> tuple[np.ndarray, np.ndarray, list[list[str]]]:
    """(images uint8 [N, S, S, 3], hole boxes int [N, 4], captions per image) of one split (module docstring)."""
    if ds.kind not in ("edits", "captions"):
        raise ScenewrightError(f"{ds.root} is a {ds.kind!r} set; inpainting reads an 'edits' set (`scenewright "
                               "data edits`) or a 'captions' set")
    if size not in ds.sizes:
        raise ScenewrightError(f"{ds.root} has no {size} px images (sizes: {ds.sizes})")
    recs = ds.records(split)
    if not recs:
        raise ScenewrightError(f"split {split!r} of {ds.root} has no records")
    images = np.empty((len(recs), size, size, 3), dtype=np.uint8)
    boxes = np.empty((len(recs), 4), dtype=np.int64)
    captions = []
    for i, r in enumerate(recs):
        part = r["target"] if ds.kind == "edits" else r
        images[i] = np.asarray(ds.image(part, size))
        captions.append(list(part.get("captions") or []) or [r.get("instruction", "")])
        box = None
        if ds.kind == "edits":
            ys, xs = np.nonzero(np.asarray(ds.mask(r, size)) > 127)
            if len(xs):
                box = (int(xs.min()) - PAD, int(ys.min()) - PAD, int(xs.max()) + 1 + PAD, int(ys.max()) + 1 + PAD)
        if box is None:
            box = _random_box(np.random.default_rng([int(seed), i, 64]), size)
        boxes[i] = [max(0, box[0]), max(0, box[1]), min(size, box[2]), min(size, box[3])]
    return images, boxes, captions


def to_batch(images: np.ndarray, boxes: np.ndarray, captions: list[str]) -> dict:
    size = images.shape[1]
    x = torch.from_numpy(images).permute(0, 3, 1, 2).float().div_(127.5).sub_(1.0).contiguous()
    m = torch.from_numpy(np.stack([box_mask(tuple(b), size) for b in boxes]))[:, None]
    return {"image": x, "mask": m, "caption": list(captions)}


def train_inpaint(method: str, data: str | Path, out: str | Path, damsm: str | Path | None = None, *,
                  steps: int | None = None, minutes: float | None = None, seed: int = 0, size: int = 64,
                  batch: int = 16, ckpt_every: int = 250, settings: dict | None = None, progress: bool = True,
                  command: str | None = None) -> Path:
    """Train `method` (tdanet or tdanet_notext) and return OUT/<method>.safetensors."""
    from ..data.imageset import ImageSet
    from ..models.encoders.damsm import WEIGHTS, load_damsm
    from ..models.inpaint import METHODS, build
    from .t2i import _copy_damsm

    if steps is None and minutes is None:
        raise ScenewrightError("give a budget: --steps N and/or --minutes M")
    if method not in METHODS:
        raise ScenewrightError(f"unknown inpainting method {method!r}; methods: {', '.join(METHODS)}")
    reads_text = METHODS[method][1]["text"]
    ds = ImageSet.open(data)
    images, boxes, captions = samples(ds, "train", size, seed)
    if len(images) < batch:
        raise ScenewrightError(f"{data} has {len(images)} training images, fewer than one batch of {batch}")
    dist = Dist.from_env()
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    text = image_encoder = None
    if reads_text:
        if damsm is None or not ((Path(damsm) / WEIGHTS).is_file() or Path(damsm).is_file()):
            raise MissingFile(f"tdanet reads text with a trained DAMSM; none at {damsm}: train one with "
                              f"`scenewright train damsm --data DIR --out DIR` and pass --damsm DIR")
        if dist.main:
            _copy_damsm(Path(damsm), out / "damsm")
        dist.barrier()
        text, image_encoder = load_damsm(out / "damsm", dist.device)
    torch.manual_seed(seed)
    model = build(method, text, image_encoder, image_size=size, **(settings or {}))

    def batches(epoch: int):
        rng = np.random.default_rng([int(seed), int(epoch), 23])
        order = rng.permutation(len(images))
        pick = [int(rng.integers(len(c))) for c in captions]
        for s in range(0, len(order) - batch + 1, batch):
            idx = order[s:s + batch]
            yield to_batch(images[idx], boxes[idx], [captions[i][pick[i]] for i in idx])

    card = {"task": "inpaint", "data": str(Path(data).resolve()), "data_sha256": ds.card.get("sha256", {}),
            "data_command": ds.card.get("command"), "world": ds.world, "image_size": size, "batch": batch,
            "samples": "edits: target image, hole = mask bounding box + 2 px, target captions" if ds.kind == "edits"
                       else "captions: random boxes (1/4-1/2 side), the image's captions",
            "damsm": str(Path(damsm).resolve()) if reads_text else None, "world_size": dist.world_size,
            "command": command or " ".join(["scenewright"] + sys.argv[1:]), "threads": torch.get_num_threads()}
    lc = LoopConfig(out=str(out), steps=steps, minutes=minutes, seed=seed, ckpt_every=ckpt_every,
                    progress=progress, card=card)
    return train(model, batches, lc, dist)


def mean_fill(images: np.ndarray, boxes: np.ndarray) -> np.ndarray:
    """The trivial fill: each box painted with the mean colour of its image's valid pixels (a reference row)."""
    out = images.copy()
    for img, (x0, y0, x1, y1) in zip(out, boxes):
        valid = np.ones(img.shape[:2], dtype=bool)
        valid[y0:y1, x0:x1] = False
        img[y0:y1, x0:x1] = img[valid].mean(0).round().astype(np.uint8)
    return out


def evaluate(data: str | Path, split: str, checkpoints: dict[str, str | Path], size: int = 64, seed: int = 0,
             n: int | None = None, batch: int = 32, progress: bool = True,
             reference: bool = False) -> dict[str, dict]:
    """{name: {l1, psnr, tv, ssim, samples, images}} on `split` as TDANet's evaluation: each completed image is
    saved as 8-bit (as the code reads PNGs back), turned to grayscale and scored against the ground truth
    (eval/image_metrics.py); the best of N samples per image, N = 1 (these networks are deterministic).
    The official numbers are over the whole image; the hole is small here (the edit's box), so hole_l1 and
    hole_psnr give the same L1 / PSNR on the box alone. `reference` adds a "mean_fill" row (`mean_fill`)."""
    from tqdm import tqdm

    from ..data.imageset import ImageSet
    from ..eval.image_metrics import inpaint_scores, l1, mean_scores, psnr
    from ..models.inpaint import load
    from .loop import to_uint8

    ds = ImageSet.open(data)
    images, boxes, captions = samples(ds, split, size, seed)
    if n:
        images, boxes, captions = images[:n], boxes[:n], captions[:n]
    def score(outs: np.ndarray) -> dict:
        rows = []
        for gt, p, (x0, y0, x1, y1) in zip(images, outs, boxes):
            hole_gt, hole_p = gt[y0:y1, x0:x1] / 255.0, p[y0:y1, x0:x1] / 255.0
            rows.append(inpaint_scores(gt / 255.0, p / 255.0) | {"hole_l1": l1(hole_gt, hole_p),
                                                                 "hole_psnr": psnr(hole_gt, hole_p)})
        return {k: round(v, 4) for k, v in mean_scores(rows).items()} | {"samples": 1, "images": len(rows)}

    table = {}
    for name, ckpt in checkpoints.items():
        model = load(ckpt)
        outs = []
        for i in tqdm(range(0, len(images), batch), desc=f"eval {name}", disable=not progress, leave=False):
            b = to_batch(images[i:i + batch], boxes[i:i + batch], [c[0] for c in captions[i:i + batch]])
            with torch.inference_mode():
                outs.append(to_uint8(model.inpaint(b["image"], b["mask"], b["caption"])))
        table[name] = score(np.concatenate(outs)) | {"method": model.name, "checkpoint": str(ckpt)}
    if reference:
        table["mean_fill"] = score(mean_fill(images, boxes)) | {"method": "mean_fill", "checkpoint": None}
    return table
