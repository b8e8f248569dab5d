"""Evaluating drawers on CoDraw: GeNeVA's object metrics and CoDraw's scene similarity.

- `scene_similarity(pred, target)`: CoDraw's score (0–5), the final definition of Kim et al. (ACL 2019) as
  in facebookresearch/codraw-models `abs_metric.scene_similarity`: 5·|∩|/|∪| over clip-art identities,
  minus, over the common pieces (each normalised by |∪|): flip mismatches, 0.5·expression and 0.5·pose
  mismatches (boy, girl), depth mismatches, min(1, normalised distance); minus left/right and above/below
  relations of common pairs that disagree (normalised by |∪|·(|∩|−1)).
- GeNeVA's precision / recall / F1 / rsim (`scenewright.eval.metrics`): on detections of our own detector on
  128×128 clip-art renders (GeNeVA's protocol: generated vs the human drawer's canvas after the round) and,
  as an exact reference, on the scenes' own object sets. No pretrained Inception is available here, so the
  detector is ours (`scenewright.eval.detector`), trained on rendered CoDraw train scenes.
- Rounds as GeNeVA keeps them (`geneva_turns`): the drawer hears every teller message, and is scored after
  the rounds in which the human drawer added a piece; "final" is GeNeVA's last such round.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import Any, Callable, Sequence

import numpy as np

from ..data.codraw import (CANVAS_H, CANVAS_W, HUMAN_IDXS, Dialog, geneva_turns, load_codraw, scene_to_pieces)
from ..errors import ScenewrightError
from ..scene import History, Scene
from .metrics import detections_from_scene, geneva_scores

PUBLISHED = {  # CoDraw test split, final round, from the papers (P / R / F1 / rsim, %)
    "GeNeVA-GAN (El-Nouby et al. 2019)": {"precision": 66.6, "recall": 52.7, "f1": 58.8, "rsim": 35.4},
    "LatteGAN (Matsumori et al. 2021)": {"precision": 81.5, "recall": 78.4, "f1": 77.5, "rsim": 54.2},
}


# -- CoDraw's scene similarity ------------------------------------------------------------------------------
def scene_similarity(pred: Scene, target: Scene) -> float:
    """CoDraw's scene similarity of `pred` to `target` (0 … 5; 5 = same scene)."""
    p = {}
    for c in scene_to_pieces(pred):
        p.setdefault(c.idx, c)
    t = {}
    for c in scene_to_pieces(target):
        t.setdefault(c.idx, c)
    union = len(p.keys() | t.keys())
    common = sorted(p.keys() & t.keys())
    if not union:
        return 0.0
    num = np.zeros(8)
    den = np.zeros(8)
    num[0] = len(common)
    r = {k: (round(v.x), round(v.y)) for k, v in p.items()}
    rt = {k: (round(v.x), round(v.y)) for k, v in t.items()}
    for i in common:
        a, b = t[i], p[i]
        num[1] += int(a.flip != b.flip)
        if i in HUMAN_IDXS:
            num[2] += int(a.subtype % 5 != b.subtype % 5)
            num[3] += int(a.subtype // 5 != b.subtype // 5)
        num[4] += int(a.depth != b.depth)
        num[5] += min(1.0, float(np.hypot((rt[i][0] - r[i][0]) / CANVAS_W, (rt[i][1] - r[i][1]) / CANVAS_H)))
    den[:6] = union
    for a_i in range(len(common)):
        for a_j in range(a_i + 1, len(common)):
            i, j = common[a_i], common[a_j]
            num[6] += int((rt[i][0] - rt[j][0]) * (r[i][0] - r[j][0]) <= 0)
            num[7] += int((rt[i][1] - rt[j][1]) * (r[i][1] - r[j][1]) <= 0)
    den[6:] = union * (len(common) - 1)
    den = np.maximum(den, 1)
    weights = np.array([5, -1, -0.5, -0.5, -1, -1, -1, -1])
    return float((num / den) @ weights)


# -- running a drawer over dialogs --------------------------------------------------------------------------
def make_drawer(spec: str, world: str = "park"):
    """"human" (the ground truth), or any parser name: "grammar", "codraw:<ckpt>", "nn:<index>"."""
    if spec == "human":
        return "human"
    from ..language import get_parser
    from ..worlds import get_world

    return get_parser(spec, get_world(world))


def run_drawer(drawer: Any, dialogs: Sequence[Dialog], progress: bool = False) -> list[list[Scene]]:
    """The drawer's canvas after every round of every dialog, told the teller's messages one by one through a
    `Session` (so commands and refusals behave as in the app)."""
    if drawer == "human":
        return [[t.scene for t in d.turns] for d in dialogs]
    from ..session import Session

    session = Session(world="park")
    session.parser = drawer
    runs = []
    it: Any = dialogs
    if progress:
        from tqdm import tqdm

        it = tqdm(dialogs, desc=f"drawing ({getattr(drawer, 'name', 'drawer')})", unit="dialog", mininterval=5)
    for d in it:
        session.history = History(Scene("park", "day"))
        session.dialog = []
        scenes = []
        for t in d.turns:
            if t.teller.strip():
                session.tell(t.teller)
            scenes.append(session.scene)
        runs.append(scenes)
    return runs


def _pick(dialogs: Sequence[Dialog]) -> list[tuple[list[int], int]]:
    """Per dialog: the rounds GeNeVA keeps and the round GeNeVA calls final."""
    out = []
    for d in dialogs:
        rounds = geneva_turns(d).meta["rounds"] or [len(d.turns) - 1]
        out.append((rounds, rounds[-1]))
    return out


def score_runs(dialogs: Sequence[Dialog], runs: Sequence[Sequence[Scene]], detect: Callable | None = None,
               gt_cache: dict | None = None, with_detector: bool = True) -> dict[str, Any]:
    """Scores of one drawer's runs against the human drawer (P/R/F1/rsim) and the target (scene similarity).

    `detect(scenes) -> list of detection sets` (render + detector); `gt_cache` keeps the ground truth's
    detections between drawers."""
    picks = _pick(dialogs)
    final_pairs = [(run[f], d.turns[f].scene) for d, run, (_, f) in zip(dialogs, runs, picks) if d.turns]
    turn_pairs = [(run[i], d.turns[i].scene) for d, run, (rounds, _) in zip(dialogs, runs, picks) for i in rounds]
    out: dict[str, Any] = {"n_dialogs": len(dialogs), "n_rounds": len(turn_pairs)}
    for key, pairs in (("final", final_pairs), ("per_turn", turn_pairs)):
        s = geneva_scores([detections_from_scene(p) for p, _ in pairs], [detections_from_scene(g) for _, g in pairs])
        out[key] = {f"{k}_scenes": v for k, v in s.items() if k != "n"}
        if detect is not None and with_detector:
            pred = detect([p for p, _ in pairs])
            ck = (key, len(pairs))
            if gt_cache is not None and ck in gt_cache:
                gt = gt_cache[ck]
            else:
                gt = detect([g for _, g in pairs])
                if gt_cache is not None:
                    gt_cache[ck] = gt
            out[key].update({k: v for k, v in geneva_scores(pred, gt).items() if k != "n"})
    sims = [scene_similarity(run[-1] if run else Scene("park", "day"), d.target) for d, run in zip(dialogs, runs)]
    out["final"]["scene_similarity"] = float(np.mean(sims)) if sims else 0.0
    return out


# -- detection on renders -----------------------------------------------------------------------------------
def detector_fn(detector_path: str | os.PathLike, clipart: str | os.PathLike | None = None,
                size: int = 128, batch: int = 256) -> Callable[[Sequence[Scene]], list[dict]]:
    """scenes → detection sets: render with the clip-art at 500×400, downscale to size², run the detector."""
    from ..render.clipart import ClipartRenderer
    from .detector import Detector

    det = Detector.load(detector_path)
    renderer = ClipartRenderer("park", clipart)

    def detect(scenes: Sequence[Scene]) -> list[dict]:
        out: list[dict] = []
        for i in range(0, len(scenes), batch):
            images = [renderer.render(s, (size, size)) for s in scenes[i:i + batch]]
            out += det.detect(images)
        return out

    return detect


def evaluate(data: str | os.PathLike, split: str = "val", drawers: Sequence[str] = ("human",),
             detector: str | os.PathLike | None = None, clipart: str | os.PathLike | None = None,
             limit: int | None = None, progress: bool = True) -> dict[str, Any]:
    """The full CoDraw report for `drawers` on one split folder."""
    t0 = time.time()
    dialogs = [d for d in load_codraw(data, split, limit=limit) if d.turns]
    if not dialogs:
        raise ScenewrightError(f"no {split} dialogs in {data}")
    detect = detector_fn(detector, clipart) if detector else None
    gt_cache: dict = {}
    report: dict[str, Any] = {"data": str(data), "split": split, "n_dialogs": len(dialogs),
                              "detector": str(detector) if detector else None, "systems": {},
                              "published_codraw_test_final": PUBLISHED}
    if detect is not None:  # the detector's own accuracy: its detections on val renders vs the true pieces
        scenes = [d.turns[f].scene for d, (_, f) in zip(dialogs, _pick(dialogs))]
        s = geneva_scores(detect(scenes), [detections_from_scene(x) for x in scenes])
        report["detector_accuracy"] = {k: v for k, v in s.items()}
    human_final = None
    for spec in drawers:
        t1 = time.time()
        drawer = make_drawer(spec)
        runs = run_drawer(drawer, dialogs, progress=progress)
        scores = score_runs(dialogs, runs, detect, gt_cache)
        scores["seconds"] = round(time.time() - t1, 1)
        report["systems"][spec] = scores
        if spec == "human":
            human_final = scores["final"]["scene_similarity"]
    if human_final is None:
        human_final = score_runs(dialogs, run_drawer("human", dialogs), None, None)["final"]["scene_similarity"]
    report["human_scene_similarity"] = human_final
    for s in report["systems"].values():
        s["final"]["similarity_vs_human_pct"] = 100 * s["final"]["scene_similarity"] / human_final if human_final else 0
    report["seconds"] = round(time.time() - t0, 1)
    return report


def format_report(report: dict[str, Any]) -> str:
    det = report.get("detector") is not None
    keys = ("precision", "recall", "f1", "rsim") if det else ("precision_scenes", "recall_scenes", "f1_scenes",
                                                             "rsim_scenes")
    lines = [f"CoDraw {report['split']} ({report['n_dialogs']} dialogs) — final round (GeNeVA's setting)"
             + ("; P/R/F1/rsim from our detector on 128×128 clip-art renders" if det else
                "; P/R/F1/rsim from the scenes' own pieces (no detector given)")]
    head = f"{'system':38}" + "".join(f"{k.split('_')[0]:>10}" for k in keys) + f"{'F1 exact':>10}{'sim 0-5':>9}{'% human':>9}"
    lines += [head, "-" * len(head)]
    for name, s in report["systems"].items():
        f = s["final"]
        lines.append(f"{name[:38]:38}" + "".join(f"{f.get(k, float('nan')):10.1f}" for k in keys)
                     + f"{f['f1_scenes']:10.1f}{f['scene_similarity']:9.2f}{f['similarity_vs_human_pct']:9.1f}")
    for name, p in report["published_codraw_test_final"].items():
        lines.append(f"{name[:38]:38}" + "".join(f"{p[k.split('_')[0]]:10.1f}" for k in keys) + f"{'(test)':>10}")
    lines.append("")
    lines.append("per round (every round in which the human drawer added a piece):")
    lines.append(head[:38 + 10 * len(keys) + 10])
    for name, s in report["systems"].items():
        f = s["per_turn"]
        lines.append(f"{name[:38]:38}" + "".join(f"{f.get(k, float('nan')):10.1f}" for k in keys)
                     + f"{f['f1_scenes']:10.1f}")
    if "detector_accuracy" in report:
        a = report["detector_accuracy"]
        lines.append(f"\ndetector on {report['split']} ground-truth renders vs the true pieces: "
                     f"P {a['precision']:.1f}  R {a['recall']:.1f}  F1 {a['f1']:.1f}  rsim {a['rsim']:.1f}")
    return "\n".join(lines)


def write_report(report: dict[str, Any], path: str | os.PathLike) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(report, indent=1))
    return path


# -- training the detector on CoDraw renders ----------------------------------------------------------------
def train_codraw_detector(data: str | os.PathLike, out: str | os.PathLike, clipart: str | os.PathLike | None = None,
                          images: int = 20000, size: int = 128, epochs: int = 6, seed: int = 0, threads: int = 1,
                          budget: float | None = None, progress: bool = True) -> Path:
    """Render `images` train canvases (the human drawer's after the rounds GeNeVA keeps, and the targets) at
    size², then train the 58-class presence + (x, y, depth) detector on them. Returns the checkpoint path.

    `budget` (seconds) caps the epochs from a timed first pass over 20 batches."""
    import torch
    from tqdm import tqdm

    from ..data.codraw import CLASSES, depth_of
    from ..render.clipart import ClipartRenderer
    from .detector import train_detector

    torch.set_num_threads(threads)
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed)
    scenes: list[Scene] = []
    for d in load_codraw(data, "train"):
        rounds = geneva_turns(d).meta["rounds"]
        scenes += [d.turns[i].scene for i in rounds] + [d.target]
    order = rng.permutation(len(scenes))[:images]
    scenes = [scenes[i] for i in order]
    renderer = ClipartRenderer("park", clipart)
    cached = out / f"renders_{size}_{len(scenes)}_{seed}.npy"
    if cached.exists():  # the same scenes (same data, count and seed) were rendered before
        arr = np.load(cached, mmap_mode="r")
    else:
        arr = np.lib.format.open_memmap(cached, mode="w+", dtype=np.uint8, shape=(len(scenes), size, size, 3))
        for i, s in enumerate(tqdm(scenes, desc="rendering", disable=not progress, mininterval=5)):
            arr[i] = np.asarray(renderer.render(s, (size, size)))
        arr.flush()
    targets = [{o.category: [(o.x, o.y, depth_of(o.scale) / 2)] for o in s.objects} for s in scenes]
    if budget:
        t = time.time()
        train_detector(arr[:20 * 64], targets[:20 * 64], CLASSES, image_size=size, depth=True, epochs=1,
                       batch=64, seed=seed, threads=threads, progress=False)
        per_step = (time.time() - t) / 20
        per_epoch = per_step * (len(scenes) // 64)
        epochs = max(1, min(epochs, int(budget / max(per_epoch, 1e-6))))
        if per_epoch > budget:  # not even one pass fits: train on as many images as the budget allows
            keep = max(64, int(budget / per_step) * 64)
            arr, targets = arr[:keep], targets[:keep]
        print(f"one step ≈ {per_step:.1f}s → {epochs} epoch(s) over {len(targets)} images", flush=True)
    det = train_detector(arr, targets, CLASSES, image_size=size, depth=True, epochs=epochs, batch=64, seed=seed,
                         threads=threads, progress=progress)
    path = det.save(out / "detector", card={"data": str(data), "images": len(targets), "epochs": epochs,
                                           "seed": seed, "license": "trained on CoDraw renders (CC BY-NC 4.0)"})
    return path
