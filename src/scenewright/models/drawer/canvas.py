"""The canvas as CoDraw's 58 class slots, and back: what the network reads of a scene, the piece it puts.

`slots` turns a scene into a (58, 7) array (present, x, y, depth one-hot, flip) and the object in each
class's slot; `_object` builds the piece a drawer adds from a slot's values; `turn_actions` and `_same` say
what changed between two canvases (the nearest-neighbour index, the trainer's labels).
"""

from __future__ import annotations

import numpy as np

from ...data.codraw import CLASSES, CLASS_INDEX, HUMAN_IDXS, depth_of
from ...scene import Scene, SceneObject
from ...worlds.park import DEPTH_SCALES, EXPRESSIONS, POSES

N = len(CLASSES)
SLOT = 7  # present, x, y, depth one-hot (3), flip


def slots(scene: Scene) -> tuple[np.ndarray, dict[int, SceneObject]]:
    """The canvas as a (58, 7) array, and which object fills each class slot (the first of its class)."""
    arr = np.zeros((N, SLOT), np.float32)
    owner: dict[int, SceneObject] = {}
    for o in scene.objects:
        c = CLASS_INDEX.get(o.category)
        if c is None or c in owner:
            continue
        owner[c] = o
        arr[c, 0] = 1
        arr[c, 1], arr[c, 2] = o.x, o.y
        arr[c, 3 + depth_of(o.scale)] = 1
        arr[c, 6] = float(o.flip)
    return arr, owner


def _object(obj_id: str, c: int, x: float, y: float, depth: int, flip: bool, pose: int, expr: int) -> SceneObject:
    people = c in HUMAN_IDXS
    return SceneObject(obj_id, CLASSES[c], float(min(max(x, 0.0), 1.0)), float(min(max(y, -0.1), 1.0)),
                       DEPTH_SCALES[depth], flip=bool(flip), pose=POSES[pose] if people else None,
                       expression=EXPRESSIONS[expr] if people else None)


def turn_actions(before: Scene, after: Scene) -> list[list]:
    """What the human drawer did in a turn, as [class, x, y, depth, flip, pose, expr] per added/changed piece."""
    b, ob = slots(before)
    a, oa = slots(after)
    out = []
    for c, o in sorted(oa.items()):
        if c in ob and _same(ob[c], o):
            continue
        out.append([c, round(o.x, 4), round(o.y, 4), depth_of(o.scale), int(o.flip),
                    POSES.index(o.pose) if o.pose in POSES else 0,
                    EXPRESSIONS.index(o.expression) if o.expression in EXPRESSIONS else 2])
    return out


def _same(a: SceneObject, b: SceneObject) -> bool:
    return (abs(a.x - b.x) < 1e-4 and abs(a.y - b.y) < 1e-4 and a.scale == b.scale and a.flip == b.flip
            and a.pose == b.pose and a.expression == b.expression)
