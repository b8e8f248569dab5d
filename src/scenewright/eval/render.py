"""`scenewright eval render`: how well each renderer draws the scene it is given, and how stable it is.

On an edits image set (`scenewright data edits`: a source scene, one edit, the target scene, both drawn by
the spine) every renderer draws the source and the target scene of each record at the set's size, and:

- `object_f1`, `rsim` — GeNeVA's protocol (eval/geneva.py, eval/metrics.py): our detector (eval/detector.py)
  reads each drawn picture and is scored against the scene itself (the oracle detection set), in %, over the
  pictures with at least one object (an empty scene scores 0 under the protocol's zero_division=0 whatever is
  drawn). The shipped shapes detector was trained on GeNeVA-style dialogs, all on the light floor, and sees
  blue and cyan spheres in the dark one, so with it only light-floor pictures are scored.
- `fid` — Fréchet distance of EfficientNet-Lite0 features (eval/features.py; not Inception) of the drawn
  pictures to the set's own pictures of the same scenes.
- `stable_px` — over the records whose edit changes one object: the share (%) of the pixels *outside* the
  edited object's box (before and after) and the boxes of what overlaps it that change from the source
  picture to the target picture by more than `TOLERANCE` of 255 in a channel. 0 for the procedural renderer
  by construction (an object it did not touch is drawn with the same pixels).
- `box_recall_50`, `box_recall_30` — for a renderer that predicts its own layout (sg2im): the share (%) of the
  spine's boxes (scene/graph.object_boxes) that its predicted box of the same object matches at IoU ≥ .5 / .3.

A renderer that cannot be built here (no weights, not registered yet) gets `{"unavailable": reason}`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Sequence

import numpy as np

from ..errors import ScenewrightError

DETECTOR_BACKGROUNDS = {"shapes": ("light", "dark")}  # what the shipped detector of a world was trained on
COLUMNS = ("object_f1", "rsim", "fid", "stable_px", "box_recall_50", "box_recall_30")
TOLERANCE = 4  # of 255: smaller changes (rounding, resampling jitter) do not count as a change


# -- stable_px ----------------------------------------------------------------------------------------------
def edited_ids(source, target) -> set[str]:
    """Ids of the objects that an edit added, removed or changed."""
    a, b = {o.id: o for o in source.objects}, {o.id: o for o in target.objects}
    return {i for i in a.keys() | b.keys() if a.get(i) != b.get(i)}


def edit_region(source, target, size: tuple[int, int], ids: set[str] | None = None) -> np.ndarray:
    """bool [H, W]: the edited objects' boxes in both scenes, grown by the boxes (in either scene) of every
    object that overlaps them, each rounded outwards to whole pixels plus one."""
    from ..scene.graph import _intersection, object_boxes

    ids = edited_ids(source, target) if ids is None else ids
    boxes = [(o.id, b) for s in (source, target) for o, b in zip(s.objects, object_boxes(s))]
    core = [b for i, b in boxes if i in ids]
    region = core + [b for i, b in boxes if i not in ids and any(_intersection(b, c) > 0 for c in core)]
    W, H = size
    mask = np.zeros((H, W), bool)
    for x0, y0, x1, y1 in region:
        mask[max(0, int(np.floor(y0 * H)) - 1):int(np.ceil(y1 * H)) + 1,
             max(0, int(np.floor(x0 * W)) - 1):int(np.ceil(x1 * W)) + 1] = True
    return mask


def stable_px(before: Sequence[np.ndarray], after: Sequence[np.ndarray], regions: Sequence[np.ndarray]) -> float:
    """% of the pixels outside each pair's edit region that change (pooled over the pairs)."""
    changed = outside = 0
    for a, b, r in zip(before, after, regions):
        diff = np.abs(np.asarray(a, np.int16) - np.asarray(b, np.int16)).max(-1) > TOLERANCE
        changed += int((diff & ~r).sum())
        outside += int((~r).sum())
    return 100.0 * changed / max(outside, 1)


# -- box recall ---------------------------------------------------------------------------------------------
def box_recall(predicted: Sequence[Sequence], spine: Sequence[Sequence], iou: float) -> float:
    """% of the spine's boxes whose predicted box (the same object, by index) has IoU ≥ `iou` with it."""
    from ..scene.graph import box_iou

    pairs = [(p, s) for ps, ss in zip(predicted, spine) for p, s in zip(ps, ss)]
    return 100.0 * sum(box_iou(tuple(p), tuple(s)) >= iou for p, s in pairs) / max(len(pairs), 1)


# -- the table ----------------------------------------------------------------------------------------------
def _label_class(world: str):
    from ..scene.graph import object_label
    from ..worlds import get_world

    w = get_world(world)
    return lambda o: object_label(w, o)


def evaluate(world: str, renderers: Sequence[str], data: str | Path, split: str = "test", n: int | None = None,
             detector: str | Path | None = None, fid: bool = True, seed: int = 0,
             progress: bool = True) -> dict[str, dict]:
    """{renderer: {object_f1, rsim, fid, stable_px, box_recall_50, box_recall_30} or {"unavailable": why}}."""
    from ..data.imageset import ImageSet
    from ..render import get_renderer
    from ..scene import Scene
    from .detector import Detector
    from .metrics import detections_from_scene, geneva_scores

    ds = ImageSet.open(data)
    if ds.kind != "edits":
        raise ScenewrightError(f"{data} is a {ds.kind!r} set; eval render reads an 'edits' set "
                               f"(`scenewright data edits --world {world} --out DIR`)")
    if ds.world != world:
        raise ScenewrightError(f"{data} is a {ds.world} set, not {world}")
    records = ds.records(split)[:n]
    if not records:
        raise ScenewrightError(f"split {split!r} of {data} has no records")
    size = min(ds.sizes)
    pairs = [(Scene.from_dict(r["source"]["scene"]), Scene.from_dict(r["target"]["scene"])) for r in records]
    scenes = [s for pair in pairs for s in pair]
    single = [k for k, (a, b) in enumerate(pairs) if len(edited_ids(a, b)) == 1]
    regions = [edit_region(*pairs[k], (size, size)) for k in single]

    det, det_note, backgrounds = None, None, None
    if detector is None and world == "shapes":
        from .geneva import default_detector
        detector, backgrounds = default_detector(), DETECTOR_BACKGROUNDS["shapes"]
    if detector is not None:
        det = Detector.load(detector)
        scored = [k for k, s in enumerate(scenes) if s.objects and (backgrounds is None or s.background in
                                                                    backgrounds)]
        oracle = [detections_from_scene(scenes[k], _label_class(world)) for k in scored]
    else:
        det_note = f"no detector for the {world} world (pass --detector)"
    real_stats = None
    if fid:
        real = np.stack([np.asarray(ds.image(r[part], size)) for r in records for part in ("source", "target")])
        real_stats = _lite0_stats(real)

    table: dict[str, dict] = {}
    for spec in renderers:
        name = spec  # "sg2im" or "sg2im:RUN_FOLDER"
        try:
            r = get_renderer(world, spec)
        except ScenewrightError as e:
            table[name] = {"unavailable": str(e)}
            continue
        images = _draw(r, scenes, size, name, progress)
        row: dict = dict.fromkeys(COLUMNS)
        if det is not None and scored:
            scores = geneva_scores(det.detect(images[scored]), oracle)
            row["object_f1"], row["rsim"] = scores["f1"], scores["rsim"]
        else:
            row["note"] = det_note or "no picture the detector can score (none with objects on its floor)"
        if real_stats is not None:
            from .fid import fid_to_statistics
            row["fid"] = max(0.0, fid_to_statistics(_lite0_features(images), *real_stats))  # ≥ 0 up to rounding
        row["stable_px"] = None if not single else stable_px([images[2 * k] for k in single], [images[2 * k + 1] for k in single], regions)
        if hasattr(r, "layout"):
            from ..scene.graph import object_boxes
            predicted = [r.layout(s) for s in scenes]
            spine = [object_boxes(s) for s in scenes]
            row["box_recall_50"] = box_recall(predicted, spine, 0.5)
            row["box_recall_30"] = box_recall(predicted, spine, 0.3)
        row["n_pictures"], row["n_single_edits"] = len(images), len(single)
        if det is not None:
            row["n_detector_scored"] = len(scored)
        table[name] = {k: round(v, 3) if isinstance(v, float) else v for k, v in row.items()}
    return table


def _draw(renderer, scenes, size: int, name: str, progress: bool) -> np.ndarray:
    from tqdm import tqdm

    return np.stack([np.asarray(renderer.render(s, (size, size)).convert("RGB"))
                     for s in tqdm(scenes, desc=f"draw {name}", disable=not progress, dynamic_ncols=True)])


def _lite0_features(images: np.ndarray) -> np.ndarray:
    import torch

    from .features import lite0_outputs

    x = torch.from_numpy(images).permute(0, 3, 1, 2).float().div(127.5).sub(1)
    return lite0_outputs(x)[0]


def _lite0_stats(images: np.ndarray):
    from .fid import statistics

    return statistics(_lite0_features(images))


# -- a sheet: one dialog drawn by every renderer --------------------------------------------------------------
DIALOGS = {"shapes": ("add a red cube in the middle", "put a blue sphere to the left of it",
                      "add a green cylinder behind the cube", "make the sphere yellow", "remove the cube"),
           "park": ("a boy is standing on the left", "a dog is to the right of the boy",
                    "a tree behind the dog", "the boy is holding a kite", "the dog is gone")}


def dialog_sheet(world: str, renderers: Sequence[str], path: str | Path, size: int = 96,
                 turns: Sequence[str] | None = None) -> dict[str, str]:
    """A PNG with one row per renderer (that can be built) and one column per turn of the world's sample
    dialog; returns {renderer: "drawn" or the reason it is not}."""
    from PIL import Image, ImageDraw

    from ..session import Session

    turns = list(turns or DIALOGS.get(world, DIALOGS["shapes"]))
    rows, status = [], {}
    for spec in renderers:
        try:
            s = Session(world=world, renderer=spec, size=(size, size))
        except ScenewrightError as e:
            status[spec] = str(e)
            continue
        rows.append((spec, [s.tell(t).image.convert("RGB") for t in turns]))
        status[spec] = "drawn"
    label = 90
    sheet = Image.new("RGB", (label + size * len(turns), 14 + size * max(len(rows), 1)), "white")
    pen = ImageDraw.Draw(sheet)
    for k in range(len(turns)):
        pen.text((label + k * size + 3, 1), f"turn {k + 1}", fill="black")
    for r, (spec, images) in enumerate(rows):
        pen.text((3, 14 + r * size + size // 2 - 6), spec.split(":")[0][:14], fill="black")
        for k, im in enumerate(images):
            sheet.paste(im, (label + k * size, 14 + r * size))
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    sheet.save(path)
    return status
