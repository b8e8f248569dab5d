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
import math
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
SIMILARITY_TERMS = ("iou", "flip", "expression", "pose", "depth", "distance", "left_right", "above_below")
SIMILARITY_WEIGHTS = np.array([5, -1, -0.5, -0.5, -1, -1, -1, -1])


def scene_similarity(pred: Scene, target: Scene) -> float:
    """CoDraw's scene similarity of `pred` to `target` (0 … 5; 5 = same scene)."""
    return float(similarity_terms(pred, target).sum())


def similarity_terms(pred: Scene, target: Scene) -> np.ndarray:
    """The weighted terms of CoDraw's scene similarity, in the order of `SIMILARITY_TERMS` (they sum to it)."""
    p = {}
    for c in scene_to_pieces(pred):
        p.setdefault(c.idx, c)
    t = {}
    for c in scene_to_pieces(target):
        t.setdefault(c.idx, c)
    union = len(p.keys() | t.keys())
    common = sorted(p.keys() & t.keys())
    if not union:
        return np.zeros(len(SIMILARITY_TERMS))
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
    return num / den * SIMILARITY_WEIGHTS


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
    if hasattr(drawer, "prepare"):  # e.g. the learned drawer's MiniLM vectors of every message, in batches
        drawer.prepare([t.teller for d in dialogs for t in d.turns if t.teller.strip()])
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
               gt_cache: dict | None = None, with_detector: bool = True,
               detector_round_dialogs: int | None = None) -> dict[str, Any]:
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
        if key == "per_turn" and detector_round_dialogs is not None:  # detector on the rounds of the first N
            k = sum(len(r) for r, _ in picks[:detector_round_dialogs])
            pairs = pairs[:k]
            out[key]["detector_rounds"] = k
        if detect is not None and with_detector:
            ck = (key, len(pairs))
            if gt_cache is not None and ck in gt_cache:
                gt = gt_cache[ck]
            else:
                gt = detect([g for _, g in pairs])
                if gt_cache is not None:
                    gt_cache[ck] = gt
            pred = gt if all(p is g for p, g in pairs) else detect([p for p, _ in pairs])  # the human: same pictures
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


def cached_runs(spec: str, dialogs: Sequence[Dialog], split: str, cache: str | os.PathLike | None,
                 progress: bool) -> list[list[Scene]]:
    """A drawer's canvases, kept in `cache` (one JSON line per dialog) so a report can be redone without
    running the drawer again (delete the file after retraining)."""
    path = None
    if cache is not None and spec != "human":
        safe = "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in spec)
        path = Path(cache) / f"{safe}_{split}_{len(dialogs)}.jsonl"
        if path.exists():
            lines = path.read_text().splitlines()
            if len(lines) == len(dialogs):
                return [[Scene.from_dict(x) for x in json.loads(line)] for line in lines]
    runs = run_drawer(make_drawer(spec), dialogs, progress=progress)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("".join(json.dumps([s.to_dict() for s in run]) + "\n" for run in runs))
    return runs


def evaluate(data: str | os.PathLike, split: str = "val", drawers: Sequence[str] = ("human",),
             detector: str | os.PathLike | None = None, clipart: str | os.PathLike | None = None,
             limit: int | None = None, progress: bool = True, cache: str | os.PathLike | None = None,
             detector_round_dialogs: int | None = None) -> dict[str, Any]:
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
        runs = cached_runs(spec, dialogs, split, cache, progress)
        scores = score_runs(dialogs, runs, detect, gt_cache, detector_round_dialogs=detector_round_dialogs)
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


def merge_reports(reports: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """One report from several runs on the same split and detector (systems are joined in order)."""
    if not reports:
        raise ScenewrightError("nothing to merge")
    base = json.loads(json.dumps(reports[0]))
    for r in reports[1:]:
        if (r["split"], r["n_dialogs"], r.get("detector")) != (base["split"], base["n_dialogs"], base.get("detector")):
            raise ScenewrightError("reports to merge must be of the same split, dialogs and detector")
        base["systems"].update(r["systems"])
        base["seconds"] = base.get("seconds", 0) + r.get("seconds", 0)
    return base


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
    rounds = next(iter(report["systems"].values()))["per_turn"].get("detector_rounds")
    lines.append("per round (every round in which the human drawer added a piece"
                 + (f"; detector columns on the first {rounds} rounds" if rounds and det else "") + "):")
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
def _codraw_train_scenes(data: str | os.PathLike, images: int, seed: int, jitter: float = 0.0) -> list[Scene]:
    """`images` train canvases (GeNeVA's rounds and the targets), shuffled. With `jitter`, every other scene has
    its pieces moved by N(0, jitter) of the canvas, so the detector also reads pieces where a drawer, not a
    person, would put them (a hat beside a head, a sun in the very corner)."""
    scenes: list[Scene] = []
    for d in load_codraw(data, "train"):
        scenes += [d.turns[i].scene for i in geneva_turns(d).meta["rounds"]] + [d.target]
    rng = np.random.default_rng(seed)
    picked = [scenes[i] for i in rng.permutation(len(scenes))[:images]]
    if not jitter:
        return picked
    return [s if k % 2 else _jittered(s, jitter, rng) for k, s in enumerate(picked)]


def _jittered(scene: Scene, sigma: float, rng: np.random.Generator) -> Scene:
    """`scene` with every piece moved by N(0, sigma) of the canvas, kept on it."""
    moved = [o.with_(x=float(np.clip(o.x + rng.normal(0, sigma), 0, 1)),
                     y=float(np.clip(o.y + rng.normal(0, sigma), -0.1, 1))) for o in scene.objects]
    return scene.replace_objects(moved)


def _presence(scenes: Sequence[Scene]) -> np.ndarray:
    from ..data.codraw import CLASS_INDEX

    y = np.zeros((len(scenes), len(CLASS_INDEX)), bool)
    for k, s in enumerate(scenes):
        for o in s.objects:
            y[k, CLASS_INDEX[o.category]] = True
    return y


def train_codraw_detector(data: str | os.PathLike, out: str | os.PathLike, clipart: str | os.PathLike | None = None,
                          images: int = 20000, size: int = 128, epochs: int = 6, seed: int = 0, threads: int = 1,
                          budget: float | None = None, progress: bool = True, held_out: int = 1000,
                          jitter: float = 0.0) -> Path:
    """Render `images` train canvases (the human drawer's after the rounds GeNeVA keeps, and the targets) at
    size², train the 58-class presence + (x, y, depth) detector on all but the last `held_out`, then pick its
    presence threshold for the best F1 on those. `budget` (seconds) bounds the training; a detector already in
    `out` is trained further (resumable)."""
    import torch
    from tqdm import tqdm

    from ..data.codraw import CLASSES, depth_of
    from ..render.clipart import ClipartRenderer
    from .detector import Detector, detector_loss, targets_to_arrays

    torch.set_num_threads(threads)
    torch.manual_seed(seed)
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    scenes = _codraw_train_scenes(data, images, seed, jitter)
    cached = out / f"renders_{size}_{len(scenes)}_{seed}{f'_j{jitter:g}' if jitter else ''}.npy"
    if cached.exists():  # the same scenes (same data, count and seed) were rendered before
        arr = np.load(cached, mmap_mode="r")
    else:
        renderer = ClipartRenderer("park", clipart)
        arr = np.lib.format.open_memmap(cached, mode="w+", dtype=np.uint8, shape=(len(scenes), size, size, 3))
        for i, s in enumerate(tqdm(scenes, desc="rendering", disable=not progress, mininterval=5)):
            arr[i] = np.asarray(renderer.render(s, (size, size)))
        arr.flush()
    targets = [{o.category: [(o.x, o.y, depth_of(o.scale) / 2)] for o in s.objects} for s in scenes]
    n_train = len(scenes) - held_out
    pres, xy, dep = (torch.from_numpy(a) for a in targets_to_arrays(targets, CLASSES))
    path = out / "detector.safetensors"
    det = Detector.load(path) if path.exists() else Detector(CLASSES, size, depth=True)
    card = json.loads((out / "detector.json").read_text()) if (out / "detector.json").exists() else {}
    steps = epochs * (n_train // 64)
    t0 = time.time()
    base_lr = 2e-3 if not card else 1e-3
    opt = torch.optim.AdamW(det.parameters(), lr=base_lr, weight_decay=1e-4)
    gen = torch.Generator().manual_seed(seed + card.get("steps", 0))
    det.train()
    bar = tqdm(total=steps, desc="detector", disable=not progress, mininterval=5)
    done = 0
    while done < steps and not (budget and time.time() - t0 > budget):
        # cosine decay over whichever runs out first, the steps or the time budget
        frac = max(done / steps, (time.time() - t0) / budget if budget else 0.0)
        for group in opt.param_groups:
            group["lr"] = base_lr * (0.03 + 0.97 * 0.5 * (1 + math.cos(math.pi * min(frac, 1.0))))
        idx = np.sort(torch.randperm(n_train, generator=gen)[:64].numpy())
        x = det.prepare(np.asarray(arr[idx])) + 0.03 * torch.randn(len(idx), 3, *det.image_size, generator=gen)
        loss = detector_loss(det, x, pres[idx], xy[idx], dep[idx])
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        done += 1
        bar.update(1)
        bar.set_postfix(loss=f"{loss.item():.3f}", refresh=False)
    bar.close()
    det.eval()
    with torch.no_grad():  # the presence threshold with the best per-image F1 on the held-out renders
        x = det.prepare(np.asarray(arr[n_train:]))
        probs = torch.cat([torch.sigmoid(det(x[k:k + 100])[0]) for k in range(0, len(x), 100)]).numpy()
    truth = _presence(scenes[n_train:])
    best = (0.0, 0.5)
    for t in np.arange(0.1, 0.75, 0.05):
        pred = probs > t
        hit = (pred & truth).sum(1)
        p = np.where(pred.sum(1) > 0, hit / np.maximum(pred.sum(1), 1), 0)
        r = hit / np.maximum(truth.sum(1), 1)
        f = float(np.mean(np.where(p + r > 0, 2 * p * r / np.maximum(p + r, 1e-9), 0)))
        best = max(best, (f, float(t)))
    det.threshold = round(best[1], 2)
    card = {"data": str(data), "images": n_train, "held_out": held_out, "steps": card.get("steps", 0) + done,
            "seed": seed, "jitter": jitter, "held_out_f1": round(100 * best[0], 1), "threshold": det.threshold,
            "license": "trained on CoDraw renders (CC BY-NC 4.0)"}
    if progress:
        print(f"{done} steps; held-out F1 {100 * best[0]:.1f} at threshold {det.threshold}", flush=True)
    return det.save(out / "detector", card=card)
