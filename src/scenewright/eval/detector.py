"""A small CNN object detector + localizer for N classes — the judge behind GeNeVA's P / R / F1 / rsim.

GeNeVA (El-Nouby et al. 2019) scores generated images with an Inception-v3 detector-localizer trained on the
real images: multi-label presence of each class plus the (x, y) of each present class. This is the same
idea, small enough to train on a CPU in minutes, and generic over a list of class names (24 shapes classes,
58 CoDraw park classes):

    det = train_detector(images, targets, classes=CLASSES, image_size=64)   # targets: detection dicts
    det.detect(images)   # -> [{"red cube": [(x, y)], ...}, ...]
    det.features(images) # -> [N, 256] backbone features (our FID, not Inception-FID)
    det.save("dir/shapes_detector"); Detector.load("dir/shapes_detector")

One (x, y) per class and image (the most common case; several instances of a class get their mean).
`depth=True` adds a per-class depth regression (CoDraw's 0/1/2 as 0, 0.5, 1).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Sequence

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

from ..errors import CheckpointError

FEATURES = 256


def _block(cin: int, cout: int, stride: int, dilation: int = 1) -> nn.Sequential:
    return nn.Sequential(nn.Conv2d(cin, cout, 3, stride, dilation, dilation, bias=False), nn.BatchNorm2d(cout),
                         nn.ReLU())


class Detector(nn.Module):
    """Presence logits [N, C], centres [N, C, 2] in [0, 1] (and depths [N, C]) from an image.

    Fully convolutional, CenterNet-like: a class map at 1/4 resolution; a class is present where its map
    peaks (presence logit = spatial max), and its centre is the soft-argmax of the map."""

    def __init__(self, classes: Sequence[str], image_size: int | tuple[int, int] = 64, depth: bool = False,
                 width: int = 16):
        super().__init__()
        self.classes = list(classes)
        self.image_size = (image_size, image_size) if isinstance(image_size, int) else tuple(image_size)
        self.depth = depth
        w = width
        self.backbone = nn.Sequential(_block(3, w, 1), _block(w, 2 * w, 2), _block(2 * w, 3 * w, 2),
                                      _block(3 * w, 4 * w, 1, 2), _block(4 * w, 4 * w, 1, 4))
        self.neck = nn.Conv2d(4 * w, FEATURES // 2, 1)
        C = len(self.classes)
        self.heat = nn.Conv2d(4 * w, C, 1)
        self.sharp = nn.Parameter(torch.tensor(2.0))  # soft-argmax temperature (log)
        self.depths = nn.Conv2d(4 * w, C, 1) if depth else None
        self.threshold = 0.5

    # -- tensors ------------------------------------------------------------------------------------------
    def prepare(self, images) -> torch.Tensor:
        """PIL images, uint8 [N, H, W, 3] or float [N, 3, H, W] in [-1, 1] → float [N, 3, h, w] in [-1, 1]."""
        if isinstance(images, torch.Tensor) and images.dtype.is_floating_point:
            x = images
        else:
            if isinstance(images, (list, tuple)):
                images = np.stack([np.asarray(im.convert("RGB") if hasattr(im, "convert") else im)
                                   for im in images])
            x = torch.from_numpy(np.array(images, dtype=np.float32)).div(127.5).sub(1).permute(0, 3, 1, 2)
        if tuple(x.shape[-2:]) != self.image_size:
            x = F.interpolate(x, size=self.image_size, mode="area")
        return x

    def embed(self, x: torch.Tensor) -> torch.Tensor:
        f = F.relu(self.neck(self.backbone(x)))
        return torch.cat([f.mean(dim=(2, 3)), f.amax(dim=(2, 3))], 1)

    def forward(self, x: torch.Tensor):
        f = self.backbone(x)
        return self.read(self.heat(f), f)

    def read(self, heat: torch.Tensor, f: torch.Tensor):
        """Class maps [N, C, h, w] → (presence logits, soft-argmax centres, depths)."""
        N, C, h, w = heat.shape
        flat = heat.flatten(2)
        presence = flat.amax(2)
        weights = torch.softmax(flat * self.sharp.exp(), 2)
        ys = (torch.arange(h, dtype=heat.dtype) + 0.5) / h
        xs = (torch.arange(w, dtype=heat.dtype) + 0.5) / w
        grid_x, grid_y = xs.repeat(h), ys.repeat_interleave(w)
        coords = torch.stack([(weights * grid_x).sum(2), (weights * grid_y).sum(2)], -1)
        depths = None
        if self.depths is not None:
            depths = (weights * torch.sigmoid(self.depths(f)).flatten(2)).sum(2)
        return presence, coords, depths

    # -- the API ------------------------------------------------------------------------------------------
    @torch.no_grad()
    def detect(self, images, batch: int = 256) -> list[dict[str, list[tuple[float, ...]]]]:
        """One detection dict per image: class → [(x, y)] (or [(x, y, depth)] with `depth`)."""
        self.eval()
        out = []
        x_all = self.prepare(images)
        for k in range(0, len(x_all), batch):
            logits, coords, depths = self(x_all[k:k + batch])
            probs = torch.sigmoid(logits)
            for i in range(len(probs)):
                d = {}
                for c in torch.nonzero(probs[i] > self.threshold).flatten().tolist():
                    xy = tuple(round(v, 4) for v in coords[i, c].tolist())
                    if depths is not None:
                        xy = xy + (round(depths[i, c].item(), 4),)
                    d[self.classes[c]] = [xy]
                out.append(d)
        return out

    @torch.no_grad()
    def features(self, images, batch: int = 256) -> np.ndarray:
        """[N, 256] backbone features (for our FID)."""
        self.eval()
        x_all = self.prepare(images)
        return torch.cat([self.embed(x_all[k:k + batch]) for k in range(0, len(x_all), batch)]).numpy()

    def save(self, path: str | Path, card: dict | None = None) -> Path:
        from safetensors.torch import save_file

        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        meta = {"classes": self.classes, "image_size": list(self.image_size), "depth": self.depth,
                "width": self.backbone[0][0].out_channels, "threshold": self.threshold}
        save_file({k: v.contiguous() for k, v in self.state_dict().items()}, str(path.with_suffix(".safetensors")),
                  metadata={"config": json.dumps(meta), "model": "detector"})
        path.with_suffix(".json").write_text(json.dumps({"config": meta, **(card or {})}, indent=1))
        return path.with_suffix(".safetensors")

    @classmethod
    def load(cls, path: str | Path) -> "Detector":
        from ..models.checkpoint import read_checkpoint

        meta, state = read_checkpoint(path, "detector", "train one with `scenewright train detector` (shapes) or "
                                                        "`scenewright train codraw-detector`")
        try:
            det = cls(meta["classes"], tuple(meta["image_size"]), meta["depth"], meta["width"])
            det.threshold = meta.get("threshold", 0.5)
            det.load_state_dict(state)
        except (KeyError, TypeError, RuntimeError) as e:
            raise CheckpointError(f"{path} is not a detector checkpoint ({type(e).__name__})") from None
        return det.eval()


def targets_to_arrays(targets: Sequence[dict], classes: Sequence[str]) -> tuple[np.ndarray, ...]:
    """Detection dicts → presence [N, C], coords [N, C, 2], depths [N, C] (mean over instances)."""
    index = {c: i for i, c in enumerate(classes)}
    N, C = len(targets), len(classes)
    pres, xy, dep = np.zeros((N, C), np.float32), np.zeros((N, C, 2), np.float32), np.zeros((N, C), np.float32)
    for n, d in enumerate(targets):
        for name, pts in d.items():
            if not pts or name not in index:
                continue
            pts = np.asarray(pts, np.float32)
            c = index[name]
            pres[n, c] = 1
            xy[n, c] = pts[:, :2].mean(0)
            if pts.shape[1] > 2:
                dep[n, c] = pts[:, 2].mean()
    return pres, xy, dep


def heat_targets(xy: torch.Tensor, pres: torch.Tensor, shape: tuple[int, int], sigma: float = 0.8) -> torch.Tensor:
    """CenterNet-style targets [N, C, h, w]: a Gaussian bump (in cells) at each present class's centre."""
    h, w = shape
    ys = torch.arange(h, dtype=xy.dtype) + 0.5
    xs = torch.arange(w, dtype=xy.dtype) + 0.5
    cx, cy = xy[..., 0:1, None] * w, xy[..., 1:2, None] * h  # [N, C, 1, 1]
    g = torch.exp(-((xs.view(1, 1, 1, w) - cx) ** 2 + (ys.view(1, 1, h, 1) - cy) ** 2) / (2 * sigma ** 2))
    return g * pres[..., None, None]


def detector_loss(det: Detector, x: torch.Tensor, pres: torch.Tensor, xy: torch.Tensor,
                  dep: torch.Tensor | None = None, coord_weight: float = 5.0) -> torch.Tensor:
    """Dense heat-map BCE (positives up-weighted) + BCE on presence + L1 on the centres (and depths)."""
    f = det.backbone(x)
    heat = det.heat(f)
    target = heat_targets(xy, pres, heat.shape[-2:])
    loss = F.binary_cross_entropy_with_logits(heat, target, weight=1 + 30 * target)
    logits, coords, depths = det.read(heat, f)
    loss = loss + F.binary_cross_entropy_with_logits(logits, pres)
    mask = pres.unsqueeze(-1)
    loss = loss + coord_weight * ((coords - xy).abs() * mask).sum() / mask.sum().clamp(min=1) / 2
    if depths is not None and dep is not None:
        loss = loss + ((depths - dep).abs() * pres).sum() / pres.sum().clamp(min=1)
    return loss


def train_detector(images, targets: Sequence[dict], classes: Sequence[str], image_size=64, depth: bool = False,
                   epochs: int = 4, batch: int = 64, lr: float = 2e-3, seed: int = 0, threads: int | None = None,
                   progress: bool = True, noise: float = 0.03, width: int = 16) -> Detector:
    """Train on uint8 images [N, H, W, 3] (array or memmap) with one detection dict per image.

    `noise`: Gaussian pixel noise added while training, so generated (slightly noisy) images are read as
    well as clean renders."""
    from tqdm import tqdm

    if threads:
        torch.set_num_threads(threads)
    torch.manual_seed(seed)
    det = Detector(classes, image_size, depth, width)
    pres, xy, dep = (torch.from_numpy(a) for a in targets_to_arrays(targets, classes))
    opt = torch.optim.AdamW(det.parameters(), lr=lr, weight_decay=1e-4)
    N = len(targets)
    steps = epochs * max(1, N // batch)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, lr, total_steps=steps, pct_start=0.15)
    gen = torch.Generator().manual_seed(seed)
    det.train()
    bar = tqdm(total=steps, desc="detector", disable=not progress, dynamic_ncols=True)
    for _ in range(epochs):
        order = torch.randperm(N, generator=gen)
        for k in range(0, N - batch + 1, batch):
            idx = np.sort(order[k:k + batch].numpy())
            x = det.prepare(np.asarray(images[idx]))
            if noise:
                x = x + noise * torch.randn(x.shape, generator=gen)
            loss = detector_loss(det, x, pres[idx], xy[idx], dep[idx] if depth else None)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            sched.step()
            bar.update(1)
            bar.set_postfix(loss=f"{loss.item():.4f}")
    bar.close()
    return det.eval()
