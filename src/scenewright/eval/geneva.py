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
from typing import Sequence

import numpy as np
import torch

from ..data.shapes_dialogs import CLASSES, ShapesDialogs
from ..errors import ScenewrightError
from ..worlds import get_world
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


FLOORS = tuple(get_world("shapes").backgrounds)  # light, dark


def floor_images(data: ShapesDialogs, floor: str, n: int | None = None,
                 dialogs: Sequence[int] | None = None) -> np.ndarray:
    """uint8 [k·T, H, W, 3]: the split's scenes on `floor` — the stored images where the dataset's own floor
    is that one, else every scene drawn again by the procedural renderer on that floor."""
    from ..data.shapes_dialogs import to_image
    from ..scene import Scene

    picked = list(range(len(data)))[:n] if dialogs is None else list(dialogs)
    if data.scenes and data.scenes[0][0]["background"] == floor:
        return np.asarray(data.images[np.array(picked, dtype=int)]).reshape(-1, *data.images.shape[2:])
    size = data.images.shape[2]
    return np.stack([to_image(Scene.from_dict(s | {"background": floor}), size)
                     for i in picked for s in data.scenes[i]])


def detector_scores_by_floor(det: Detector, data: ShapesDialogs, n: int | None = None,
                             floors: Sequence[str] = FLOORS) -> dict[str, dict]:
    """P / R / F1 / rsim of the detector against the oracle, the split's scenes drawn on each floor."""
    truth = oracle(data, n)
    return {f: geneva_scores(det.detect(floor_images(data, f, n)), truth) for f in floors}


def train_shapes_detector(data_dir: str, out: str | Path, size: int = 64, epochs: int = 3, seed: int = 0,
                          n: int | None = None, progress: bool = True,
                          floors: Sequence[str] = FLOORS) -> tuple[Detector, dict]:
    """Train the shapes detector on the train split (all turns of `n` dialogs, dialog i drawn on floor
    i mod len(floors), so each floor gets an equal share), score it on val against the oracle per floor."""
    unknown = [f for f in floors if f not in FLOORS]
    if unknown or not floors:
        raise ScenewrightError(f"unknown floor(s) {', '.join(unknown) or '(none given)'}; "
                               f"the shapes world has {', '.join(FLOORS)}")
    train = ShapesDialogs.load(data_dir, "train", size)
    val = ShapesDialogs.load(data_dir, "val", size)
    count = min(n or len(train), len(train))
    images = np.concatenate([floor_images(train, f, dialogs=range(k, count, len(floors)))
                             for k, f in enumerate(floors)])
    targets = [t for k in range(len(floors)) for i in range(k, count, len(floors))
               for t in oracle_dialog(train, i)]
    det = train_detector(images, targets, CLASSES, image_size=size, epochs=epochs, seed=seed, progress=progress)
    by_floor = detector_scores_by_floor(det, val)
    scores = by_floor[floors[0]]
    card = {"data": data_dir, "split_scored": "val", "vs_oracle": scores, "vs_oracle_by_floor": by_floor,
            "epochs": epochs, "seed": seed, "floors": list(floors),
            "trained_on": f"train split, all turns of {count} dialogs, dialog i on floor i mod {len(floors)} "
                          f"({', '.join(floors)})"}
    det.save(out, card)
    return det, by_floor


def oracle_dialog(data: ShapesDialogs, i: int) -> list[dict]:
    return [detections_from_scene(s, shapes_class) for s in data.scenes[i]]


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


def real_turns(data, n: int | None = None) -> np.ndarray:
    """bool [n·T]: which flattened turns are real rounds (CoDraw dialogs are padded; shapes ones are not)."""
    from ..train.geneva import valid_turns

    return valid_turns(data)[:n].reshape(-1)


def score_generator(model, data: ShapesDialogs, detector: Detector, n: int = 200, seed: int = 0) -> dict:
    """P / R / F1 / rsim of the generator on the first `n` dialogs' real turns (paper protocol)."""
    with torch.no_grad():
        fake = gan_images(model, data, n, seed)
    keep = real_turns(data, n)
    return geneva_scores(detector.detect(fake[keep]), detector.detect(flat_images(data, n)[keep]))


def evaluate(data_dir: str, split: str = "test", model: str | None = None, detector: str | None = None,
             n: int | None = None, seed: int = 0, spine: bool = True, size: int = 64, dataset: str = "shapes",
             clipart: str | None = None, drawers: Sequence[str] = ("grammar",)) -> dict[str, dict]:
    """The table: rows GeNeVA-GAN / spine / ground truth / paper; columns precision recall f1 rsim fid."""
    from ..models.geneva_gan import GenevaGAN

    if dataset == "codraw":
        return evaluate_codraw(data_dir, split, model, detector, n, seed, size, clipart, drawers if spine else ())
    if dataset != "shapes":
        raise ScenewrightError(f"unknown dataset {dataset!r}; known: shapes, codraw")
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


# -- CoDraw ------------------------------------------------------------------------------------------------
def evaluate_codraw(data_dir: str, split: str = "val", model: str | None = None, detector: str | None = None,
                    n: int | None = None, seed: int = 0, size: int = 64, clipart: str | None = None,
                    drawers: Sequence[str] = ("grammar",)) -> dict[str, dict]:
    """GeNeVA-GAN on CoDraw against the human drawer's canvases, through a 58-class CoDraw detector (`train
    codraw-detector --size 64`), on GeNeVA's kept rounds: P / R / F1 / rsim of the final round (GeNeVA's last
    kept round of each dialog, the setting of the published row) and of every round (`*_per_round`). Our
    drawers (eval/codraw.py's specs: grammar, codraw:<ckpt>, …) hear the same Teller messages and are drawn
    with the clip-art at the same size; the ground-truth row is the detector against the true pieces."""
    from ..data.codraw import CodrawDialogs, geneva_turns, load_codraw
    from ..models.geneva_gan import GenevaGAN
    from ..render.clipart import ClipartRenderer
    from .codraw import PUBLISHED, make_drawer, run_drawer

    if not detector:
        raise ScenewrightError("eval geneva --dataset codraw needs --detector: a CoDraw detector, e.g. "
                               "`scenewright train codraw-detector --size 64 --out runs/codraw/detector64` "
                               "(trained on CC BY-NC renders, so none is shipped)")
    det = Detector.load(detector)
    if len(det.classes) != 58:
        raise ScenewrightError(f"{detector} has {len(det.classes)} classes; a CoDraw detector has 58")
    data = CodrawDialogs.load(data_dir, split, size, clipart=clipart, limit=n)
    keep = real_turns(data)
    last = np.cumsum(data.lengths) - 1  # index among the kept turns of each dialog's final round
    real = flat_images(data)[keep]
    real_det = det.detect(real)
    real_feat = det.features(real)

    def row(found: list[dict], images: np.ndarray | None = None) -> dict:
        final = geneva_scores([found[i] for i in last], [real_det[i] for i in last])
        rounds = geneva_scores(found, real_det)
        out = final | {f"{k}_per_round": v for k, v in rounds.items()}
        if images is not None:
            out["fid"] = fid(det.features(images), real_feat)
        return out

    rows: dict[str, dict] = {}
    if model:
        gan = GenevaGAN.load(model)
        if list(gan.cfg.classes) != list(data.classes):
            raise ScenewrightError(f"{model} was not trained on CoDraw (its classes are not CoDraw's 58)")
        with torch.no_grad():
            fake = gan_images(gan, data, None, seed)[keep]
        rows["GeNeVA-GAN"] = row(det.detect(fake), fake)
    if drawers:
        renderer = ClipartRenderer("park", clipart)
        dialogs = [d for d in load_codraw(data_dir, split, n) if geneva_turns(d).turns]
        for spec in drawers:
            runs = run_drawer(make_drawer(spec), dialogs)
            scenes = [run[i] for d, run in zip(dialogs, runs) for i in geneva_turns(d).meta["rounds"]]
            drawn = np.stack([np.asarray(renderer.render(s, (size, size))) for s in scenes])
            rows[f"drawer {spec} + clip-art"] = row(det.detect(drawn), drawn)
    truth = [detections_from_scene(s) for d, k in zip(data.scenes, data.lengths) for s in d[:k]]
    gt = geneva_scores(real_det, truth)
    gt_final = geneva_scores([real_det[i] for i in last], [truth[i] for i in last])
    rows["ground truth (detector vs true pieces)"] = gt_final | {f"{k}_per_round": v for k, v in gt.items()} | {
        "fid": 0.0}
    published = PUBLISHED["GeNeVA-GAN (El-Nouby et al. 2019)"]
    rows["paper: GeNeVA-GAN on CoDraw (test)"] = {k: published[k] for k in ("precision", "recall", "f1", "rsim")}
    return rows
