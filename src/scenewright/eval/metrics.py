"""GeNeVA's object metrics: precision, recall, F1 and relational similarity (rsim).

A *detection set* is one dict per image, class name → list of (x, y) centres (normalised, origin top-left):

    [{"red cube": [(0.21, 0.55)], "blue sphere": [(0.7, 0.6)]}, ...]

Absent classes are simply missing (an empty list counts as absent). Any list of class names works (24
shapes classes, CoDraw's 58 park classes).

Definitions follow El-Nouby et al., "Tell, Draw, and Repeat" (ICCV 2019), Sec. 5, and their public code
(Maluuba/GeNeVA, geneva/metrics/inception_localizer.py: `construct_graph`, `get_graph_similarity`, with
sklearn's `average="samples"` scores):

- precision, recall, F1: per image over the *set* of classes present (multi-label), then averaged over images
  (an image with nothing predicted has precision 0; nothing in the ground truth: recall 0, as sklearn's
  `zero_division=0`).
- rsim: for the classes detected in both, build a 2 × n × n graph per set of coordinates:
  `graph[0, i, j] = sign(x_i - x_j)`, `graph[1, i, j] = sign(y_i - y_j)`, and on the diagonal the object is
  compared with the image centre (0.5, 0.5). rsim = recall(image) × (share of equal entries of the two
  graphs); 0 when no class is in both. Averaged over images.

GeNeVA compares the detector's output on the generated image with the detector's output on the ground-truth
image; `geneva_scores` takes whatever two sets it is given (the oracle annotations via
`detections_from_scene` are another choice). With several instances of a class, instances are paired in
order of x and only the first min(count) pairs enter the graph.
"""

from __future__ import annotations

from typing import Iterable, Mapping, Sequence

import numpy as np

Detections = Mapping[str, Sequence[tuple[float, float]]]


def present(d: Detections) -> set[str]:
    return {k for k, v in d.items() if len(v) > 0}


def prf(pred: Detections, gt: Detections) -> tuple[float, float, float]:
    """Precision, recall and F1 of one image (fractions, sklearn's zero_division=0)."""
    p, g = present(pred), present(gt)
    hit = len(p & g)
    precision = hit / len(p) if p else 0.0
    recall = hit / len(g) if g else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def relation_graph(coords: np.ndarray) -> np.ndarray:
    """2 × n × n: sign of x_i − x_j and y_i − y_j; the diagonal compares with the image centre."""
    n = len(coords)
    graph = np.zeros((2, n, n))
    for i in range(n):
        for j in range(n):
            q = (0.5, 0.5) if i == j else coords[j]
            graph[0, i, j] = np.sign(coords[i][0] - q[0])
            graph[1, i, j] = np.sign(coords[i][1] - q[1])
    return graph


def paired(pred: Detections, gt: Detections) -> tuple[np.ndarray, np.ndarray]:
    """Coordinates of the classes in both sets, aligned (instances paired in order of x)."""
    a, b = [], []
    for name in sorted(present(pred) & present(gt)):
        ps, gs = sorted(pred[name]), sorted(gt[name])
        for p, g in zip(ps, gs):
            a.append(p[:2])
            b.append(g[:2])
    return np.asarray(a, float).reshape(-1, 2), np.asarray(b, float).reshape(-1, 2)


def rsim_one(pred: Detections, gt: Detections) -> float:
    a, b = paired(pred, gt)
    if len(a) == 0:
        return 0.0
    matches = (relation_graph(a) == relation_graph(b)).mean()
    return prf(pred, gt)[1] * float(matches)


def geneva_scores(pred: Sequence[Detections], gt: Sequence[Detections]) -> dict[str, float]:
    """{"precision", "recall", "f1", "rsim"} in %, averaged over images, and "n" (images)."""
    if len(pred) != len(gt):
        raise ValueError(f"{len(pred)} predicted images but {len(gt)} ground-truth images")
    if not pred:
        raise ValueError("no images to score")
    s = np.array([prf(p, g) + (rsim_one(p, g),) for p, g in zip(pred, gt)])
    mean = s.mean(0) * 100
    return {"precision": float(mean[0]), "recall": float(mean[1]), "f1": float(mean[2]),
            "rsim": float(mean[3]), "n": len(pred)}


def detections_from_scene(scene, name=None) -> dict[str, list[tuple[float, float]]]:
    """The oracle detection set of a `Scene` (or its dict). `name(obj) -> class` defaults to the category,
    or "colour category" when the object has a colour (the shapes world's 24 classes)."""
    objects: Iterable = scene["objects"] if isinstance(scene, Mapping) else scene.objects
    out: dict[str, list[tuple[float, float]]] = {}
    for o in objects:
        get = o.get if isinstance(o, Mapping) else (lambda k, o=o: getattr(o, k))
        cls = name(o) if name else (f"{get('color')} {get('category')}" if get("color") else get("category"))
        out.setdefault(cls, []).append((float(get("x")), float(get("y"))))
    return out


def format_table(rows: Mapping[str, Mapping[str, float]], keys=("precision", "recall", "f1", "rsim")) -> str:
    """A plain-text table: one row per system."""
    width = max(len(k) for k in rows) + 2
    head = "system".ljust(width) + "".join(k.rjust(11) for k in keys)
    lines = [head, "-" * len(head)]
    for name, r in rows.items():
        lines.append(name.ljust(width) + "".join(
            (f"{r[k]:11.1f}" if isinstance(r.get(k), (int, float)) else f"{'–':>11}") for k in keys))
    return "\n".join(lines)
