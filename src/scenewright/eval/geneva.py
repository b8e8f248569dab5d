"""GeNeVA's evaluation on shapes dialogs: P / R / F1 / rsim and a feature FID, every turn of every dialog.

Protocol (El-Nouby et al. 2019, Sec. 5): a detector-localizer trained on real (rendered) images reads the
generated image and the ground-truth image of each turn; `geneva_scores` compares the two detection sets.
Systems:

- "GeNeVA-GAN": the generator draws each turn on its own previous output (no teacher forcing).
- "spine": the grammar parser + procedural renderer (`Session(world="shapes")`), the same dialogs.
- "ground truth": the detector on the ground-truth image vs the oracle annotations (the detector's ceiling;
  in the paper protocol the ground truth scores 100 by construction).

FID: Fréchet distance between our detector's backbone features of generated and real test images — not
Inception-FID (see eval/fid.py).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import torch

from ..data.shapes_dialogs import CLASSES, ShapesDialogs
from .detector import Detector, train_detector
from .fid import fid
from .metrics import detections_from_scene, geneva_scores

PAPER_ICLEVR = {"precision": 92.39, "recall": 84.72, "f1": 88.39, "rsim": 74.02}  # Table 2, GeNeVA-GAN


def shapes_class(o) -> str:
    get = o.get if isinstance(o, dict) else (lambda k: getattr(o, k))
    return f"{get('color') or 'gray'} {get('category')}"


def oracle(data: ShapesDialogs, n: int | None = None) -> list[dict]:
    """Oracle detection sets, flattened over dialogs × turns."""
    return [detections_from_scene(s, shapes_class) for d in data.scenes[:n] for s in d]


def flat_images(data: ShapesDialogs, n: int | None = None) -> np.ndarray:
    x = np.asarray(data.images[:n])
    return x.reshape(-1, *x.shape[2:])


def train_shapes_detector(data_dir: str, out: str | Path, size: int = 64, epochs: int = 3, seed: int = 0,
                          n: int | None = None, progress: bool = True) -> tuple[Detector, dict]:
    """Train the shapes detector on the train split (all turns), score it on val against the oracle."""
    train = ShapesDialogs.load(data_dir, "train", size)
    val = ShapesDialogs.load(data_dir, "val", size)
    det = train_detector(flat_images(train, n), oracle(train, n), CLASSES, image_size=size, epochs=epochs,
                         seed=seed, progress=progress)
    scores = geneva_scores(det.detect(flat_images(val)), oracle(val))
    card = {"data": data_dir, "split_scored": "val", "vs_oracle": scores, "epochs": epochs, "seed": seed,
            "trained_on": "train split, all turns" + (f" of {n} dialogs" if n else "")}
    det.save(out, card)
    return det, scores


def gan_images(model, data: ShapesDialogs, n: int | None = None, seed: int = 0, batch: int = 50) -> np.ndarray:
    """uint8 [n·T, H, W, 3]: each dialog drawn turn by turn on the model's own output."""
    from ..models.geneva_gan import encode_turns, to_tensor, to_uint8

    texts = data.texts[:n]
    size = model.cfg.image_size
    bg = to_tensor(data.background, size)
    out = []
    for k in range(0, len(texts), batch):
        words = encode_turns(model.cfg, texts[k:k + batch])
        out.append(to_uint8(model.generate(words, bg, seed=seed + k)))
    x = np.concatenate(out)
    return x.reshape(-1, *x.shape[2:])


def spine_images(data: ShapesDialogs, n: int | None = None, parser: str = "grammar") -> tuple[np.ndarray, float]:
    """uint8 [n·T, H, W, 3] from parser + procedural renderer, and the share of turns the parser took."""
    from ..session import Session

    size = data.images.shape[2]
    images, ok, total = [], 0, 0
    for texts in data.texts[:n]:
        s = Session(world="shapes", parser=parser, size=(size, size))
        for t in texts:
            turn = s.tell(t)
            ok += turn.ok
            total += 1
            images.append(np.asarray(s.render(size=(size, size))))
    return np.stack(images), ok / max(total, 1)


def score_generator(model, data: ShapesDialogs, detector: Detector, n: int = 200, seed: int = 0) -> dict:
    """P / R / F1 / rsim of the generator on the first `n` dialogs (paper protocol)."""
    with torch.no_grad():
        fake = gan_images(model, data, n, seed)
    return geneva_scores(detector.detect(fake), detector.detect(flat_images(data, n)))


def evaluate(data_dir: str, split: str = "test", model: str | None = None, detector: str | None = None,
             n: int | None = None, seed: int = 0, spine: bool = True, size: int = 64) -> dict[str, dict]:
    """The table: rows GeNeVA-GAN / spine / ground truth / paper; columns precision recall f1 rsim fid."""
    from ..models.geneva_gan import GenevaGAN

    data = ShapesDialogs.load(data_dir, split, size)
    det = Detector.load(detector or default_detector())
    real = flat_images(data, n)
    real_det = det.detect(real)
    real_feat = det.features(real)
    rows: dict[str, dict] = {}
    if model:
        gan = GenevaGAN.load(model)
        with torch.no_grad():
            fake = gan_images(gan, data, n, seed)
        rows["GeNeVA-GAN"] = geneva_scores(det.detect(fake), real_det) | {"fid": fid(det.features(fake), real_feat)}
    if spine:
        drawn, parsed = spine_images(data, n)
        rows["spine (grammar + procedural)"] = geneva_scores(det.detect(drawn), real_det) | {
            "fid": fid(det.features(drawn), real_feat), "parsed": parsed * 100}
    rows["ground truth (detector vs oracle)"] = geneva_scores(real_det, oracle(data, n)) | {"fid": 0.0}
    rows["paper: GeNeVA-GAN on i-CLEVR"] = dict(PAPER_ICLEVR)
    return rows


def default_detector() -> Path:
    return Path(__file__).resolve().parents[1] / "weights" / "geneva_shapes_detector"
