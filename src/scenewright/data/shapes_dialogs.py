"""i-CLEVR-style dialogs in the `shapes` world: five turns, one object added per turn.

i-CLEVR (El-Nouby et al., "Tell, Draw, and Repeat", ICCV 2019) adds one CLEVR object per turn and says where
in words. Here the scene is built with the spine (`Scene`, `SceneObject`, `apply`) and drawn by the procedural
renderer; the instruction is generated from the scene change. Placement follows the spine's conventions
(language/placement.py: "left of" = beside on the same ground line, "behind" = 0.12 farther back, absolute
anchors far left .08 / left .2 / center .5 / right .8 / far right .92, back = ground top, front = ground
bottom). Absolute x anchors get a small jitter; relative placements are exact given the landmark, so a
correct parser redraws every relation the words imply, and objects on one ground line stay on one line.

Every object is a distinct (colour, shape) pair, as in i-CLEVR, so the 24 classes "color shape" identify it.

On disk (`make_dataset`):
    card.json                  counts, seed, classes, sizes, templates, command
    {split}.json               [{"id", "turns": [{"text", "scene": Scene.to_dict()}]}]
    {split}_{size}.npy         uint8 [dialogs, turns, size, size, 3], the image after each turn
    background_{size}.npy      uint8 [size, size, 3], the empty floor (turn 0)
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Sequence

import numpy as np

from ..errors import MissingFile
from ..render import render
from ..scene import Add, Scene, SceneObject, apply
from ..worlds import get_world

WORLD = get_world("shapes")
SHAPES = WORLD.category_names  # cube, sphere, cylinder
COLORS = tuple(WORLD.colors)  # gray red blue green brown purple cyan yellow
CLASSES = tuple(f"{c} {s}" for s in SHAPES for c in COLORS)  # 24, i-CLEVR's entities
TURNS = 5
SPLITS = {"train": 0.8, "val": 0.1, "test": 0.1}
GAP = 0.02
JITTER = 0.03  # on x of absolute places only: what the words leave open, the picture may vary

ABS_X = {"on the far left": 0.08, "on the left": 0.2, "in the center": 0.5, "in the middle": 0.5,
         "on the right": 0.8, "on the far right": 0.92}
ABS_Y = {"in the back": "back", "in the front": "front"}
VERBS = ("add", "place", "put", "draw")
RELATIONS = {"left": ("to the left of", "left of"), "right": ("to the right of", "right of"),
             "behind": ("behind",), "front": ("in front of",)}
SIDES = {"on the left": 0.2, "on the right": 0.8}

TEMPLATES = (
    "{verb} a {color} {shape} {absolute}",  # absolute ∈ ABS_X | ABS_Y | "{ABS_Y} {ABS_X}"
    "there is a {color} {shape} {absolute}",
    "{verb} a {color} {shape} {relation} {ref}",  # relation ∈ RELATIONS, ref ∈ it | the {color} {shape} | the {shape}
    "there is a {color} {shape} {relation} {ref}",
    "{verb} a {color} {shape} {behind|in front of} {ref} {on the left|on the right}",
)


def class_name(obj: SceneObject) -> str:
    return f"{obj.color} {obj.category}"


# -- geometry (mirrors language/placement.py for the shapes world) -------------------------------------------
def size_of(shape: str, y: float) -> tuple[float, float]:
    cat = WORLD.category(shape)
    h = cat.height * WORLD.size_factor(y)
    return cat.aspect * h * WORLD.canvas[1] / WORLD.canvas[0], h


def ground_y(where: str | None) -> float:
    return {"back": WORLD.ground[0], "front": WORLD.ground[1]}.get(where, WORLD.category("cube").default_y)


def relate(relation: str, shape: str, land: SceneObject) -> tuple[float, float]:
    lw, lh = size_of(land.category, land.y)
    w, h = size_of(shape, land.y)
    if relation == "left":
        return land.x - lw / 2 - GAP - w / 2, land.y + lh / 2 - h / 2
    if relation == "right":
        return land.x + lw / 2 + GAP + w / 2, land.y + lh / 2 - h / 2
    if relation == "behind":
        return land.x, land.y - max(0.12, 0.8 * h)
    return land.x, land.y + max(0.12, 0.8 * h)


def inside(shape: str, x: float, y: float) -> bool:
    w, h = size_of(shape, y)
    return w / 2 <= x <= 1 - w / 2 and WORLD.ground[0] <= y <= WORLD.ground[1]


def overlap(a: SceneObject, shape: str, x: float, y: float) -> float:
    """Intersection over the smaller box of `a` and a new `shape` at (x, y)."""
    aw, ah = size_of(a.category, a.y)
    w, h = size_of(shape, y)
    ox = max(0.0, min(a.x + aw / 2, x + w / 2) - max(a.x - aw / 2, x - w / 2))
    oy = max(0.0, min(a.y + ah / 2, y + h / 2) - max(a.y - ah / 2, y - h / 2))
    return ox * oy / min(aw * ah, w * h)


# -- one turn --------------------------------------------------------------------------------------------------
def _ref(rng: np.random.Generator, land: SceneObject, scene: Scene, last: SceneObject | None) -> str:
    options = [f"the {land.color} {land.category}"] * 2
    if last is not None and land.id == last.id:
        options += ["it"] * 3
    if len(scene.find(category=land.category)) == 1:
        options.append(f"the {land.category}")
    return options[rng.integers(len(options))]


def _propose(rng: np.random.Generator, scene: Scene, shape: str, color: str,
             last: SceneObject | None) -> tuple[str, float, float, bool]:
    """(text, x, y, x is an absolute anchor) for a new object; relative to an earlier one once there is one."""
    lead = "there is" if rng.random() < 0.15 else VERBS[rng.integers(len(VERBS))]
    noun = f"a {color} {shape}"
    if not scene.objects or rng.random() < 0.3:
        kind = rng.integers(3) if not scene.objects else 2 * rng.integers(2)  # y alone: parser picks x
        ax = list(ABS_X)[rng.integers(len(ABS_X))]
        ay = list(ABS_Y)[rng.integers(len(ABS_Y))]
        if kind == 0:
            words, x, y = ax, ABS_X[ax], ground_y(None)
        elif kind == 1:
            words, x, y = ay, 0.5, ground_y(ABS_Y[ay])
        else:
            words, x, y = f"{ay} {ax}", ABS_X[ax], ground_y(ABS_Y[ay])
        return f"{lead} {noun} {words}", x, y, kind != 1
    land = scene.objects[rng.integers(len(scene.objects))]
    if last is not None and rng.random() < 0.5:
        land = last
    relation = list(RELATIONS)[rng.integers(len(RELATIONS))]
    phrase = RELATIONS[relation][rng.integers(len(RELATIONS[relation]))]
    x, y = relate(relation, shape, land)
    ref = _ref(rng, land, scene, last)
    text, anchored = f"{lead} {noun} {phrase} {ref}", False
    if relation in ("behind", "front") and rng.random() < 0.5:
        side = list(SIDES)[rng.integers(2)]
        x, anchored = SIDES[side], True
        text += f" {side}"
    return text, x, y, anchored


def next_turn(rng: np.random.Generator, scene: Scene, last: SceneObject | None,
              tries: int = 200) -> tuple[str, SceneObject]:
    """One added object and the words for it: no heavy overlap, no clipping at the floor's edges."""
    used = {class_name(o) for o in scene.objects}
    for _ in range(tries):
        shape, color = SHAPES[rng.integers(len(SHAPES))], COLORS[rng.integers(len(COLORS))]
        if f"{color} {shape}" in used:
            continue
        text, x, y, anchored = _propose(rng, scene, shape, color, last)
        if anchored and x != 0.5:  # the centre stays exact: rsim compares every object with it
            x += rng.uniform(-JITTER, JITTER)
        y = min(max(y, WORLD.ground[0]), WORLD.ground[1])
        if not inside(shape, x, y) or any(overlap(o, shape, x, y) > 0.15 for o in scene.objects):
            continue
        obj = SceneObject(scene.new_id(), shape, round(x, 4), round(y, 4), color=color)
        return text, obj
    raise RuntimeError("no room for another object")  # never seen with five objects


def make_dialog(seed: int, index: int, turns: int = TURNS) -> list[tuple[str, Scene]]:
    """Dialog `index` of the dataset with `seed`: [(instruction, scene after it)] — deterministic."""
    rng = np.random.default_rng([seed, index])
    while True:
        scene, last, out = Scene("shapes", "light"), None, []
        try:
            for _ in range(turns):
                text, obj = next_turn(rng, scene, last)
                scene, last = apply(scene, Add(obj)), obj
                out.append((text, scene))
            return out
        except RuntimeError:
            continue


# -- the dataset -------------------------------------------------------------------------------------------
def split_counts(n: int) -> dict[str, int]:
    n_val, n_test = round(n * SPLITS["val"]), round(n * SPLITS["test"])
    return {"train": n - n_val - n_test, "val": n_val, "test": n_test}


def to_image(scene: Scene, size: int) -> np.ndarray:
    return np.asarray(render(scene, (size, size)), dtype=np.uint8)


def make_dataset(out: str | Path, n: int = 10000, seed: int = 0, sizes: Sequence[int] = (64,),
                 progress: bool = True) -> dict:
    """Write `n` dialogs to `out` (see the module docstring); returns the card."""
    from tqdm import tqdm

    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    counts = split_counts(n)
    for size in sizes:
        np.save(out / f"background_{size}.npy", to_image(Scene("shapes", "light"), size))
    start, n_objects, n_words = 0, 0, set()
    for split, count in counts.items():
        arrays = {s: np.lib.format.open_memmap(out / f"{split}_{s}.npy", mode="w+", dtype=np.uint8,
                                               shape=(count, TURNS, s, s, 3)) for s in sizes}
        records = []
        for i in tqdm(range(count), desc=f"{split}", disable=not progress):
            dialog = make_dialog(seed, start + i)
            for t, (text, scene) in enumerate(dialog):
                for s in sizes:
                    arrays[s][i, t] = to_image(scene, s)
                n_words.update(text.split())
            n_objects += len(dialog[-1][1].objects)
            records.append({"id": start + i, "turns": [{"text": text, "scene": scene.to_dict()}
                                                       for text, scene in dialog]})
        for a in arrays.values():
            a.flush()
        (out / f"{split}.json").write_text(json.dumps(records))
        start += count
    card = {"name": "scenewright shapes dialogs (i-CLEVR-style)", "seed": seed, "dialogs": n,
            "splits": counts, "turns_per_dialog": TURNS, "objects": n_objects, "sizes": list(sizes),
            "classes": list(CLASSES), "vocabulary_size": len(n_words), "templates": list(TEMPLATES),
            "command": f"scenewright data shapes --n {n} --out {out} --seed {seed} "
                       f"--sizes {','.join(map(str, sizes))}",
            "layout": "{split}.json, {split}_{size}.npy uint8 [dialogs, turns, H, W, 3], background_{size}.npy"}
    (out / "card.json").write_text(json.dumps(card, indent=1))
    return card


@dataclass
class ShapesDialogs:
    """A split on disk: images (memory-mapped), texts, multi-hot objects and coordinates per turn."""

    images: np.ndarray  # uint8 [N, T, H, W, 3]
    background: np.ndarray  # uint8 [H, W, 3]
    texts: list[list[str]]  # [N][T]
    scenes: list[list[dict]]  # [N][T] Scene.to_dict()
    classes: tuple[str, ...] = CLASSES

    @classmethod
    def load(cls, root: str | Path, split: str = "train", size: int = 64) -> "ShapesDialogs":
        root = Path(root)
        path = root / f"{split}_{size}.npy"
        if not path.exists():
            raise MissingFile(f"{path} not found; make it with "
                              f"`scenewright data shapes --out {root} --sizes {size}`")
        records = json.loads((root / f"{split}.json").read_text())
        return cls(np.load(path, mmap_mode="r"), np.load(root / f"background_{size}.npy"),
                   [[t["text"] for t in r["turns"]] for r in records],
                   [[t["scene"] for t in r["turns"]] for r in records])

    def __len__(self) -> int:
        return len(self.texts)

    def objects(self) -> np.ndarray:
        """float32 [N, T, C] multi-hot: which classes are in the picture after each turn."""
        out = np.zeros((len(self), len(self.texts[0]), len(self.classes)), np.float32)
        index = {c: k for k, c in enumerate(self.classes)}
        for i, dialog in enumerate(self.scenes):
            for t, scene in enumerate(dialog):
                for o in scene["objects"]:
                    out[i, t, index[f"{o['color']} {o['category']}"]] = 1
        return out

    def coords(self) -> np.ndarray:
        """float32 [N, T, C, 2]: (x, y) of each class present (0 where absent)."""
        out = np.zeros((len(self), len(self.texts[0]), len(self.classes), 2), np.float32)
        index = {c: k for k, c in enumerate(self.classes)}
        for i, dialog in enumerate(self.scenes):
            for t, scene in enumerate(dialog):
                for o in scene["objects"]:
                    out[i, t, index[f"{o['color']} {o['category']}"]] = (o["x"], o["y"])
        return out


def iter_dialogs(seed: int, n: int) -> Iterator[list[tuple[str, Scene]]]:
    for i in range(n):
        yield make_dialog(seed, i)


def describe_added(obj: SceneObject, before: Sequence[SceneObject]) -> str:
    """An instruction in the dataset's phrasing that adds `obj` to a scene holding `before` — used to
    condition the GeNeVA renderer on any scene (objects in id order). A relation to an earlier object when the
    dataset's meaning of it ("to the left of X": beside X on its ground line) puts `obj` where it is, else the
    nearest absolute place ("on the far right", "in the back on the left")."""
    noun = f"a {obj.color or WORLD.default_color} {obj.category}"
    for land in reversed(before):  # the most recent landmark first, as the dataset's "it"
        ref = "it" if land is before[-1] else f"the {land.color or WORLD.default_color} {land.category}"
        for relation, phrases in RELATIONS.items():
            x, y = relate(relation, obj.category, land)
            if abs(y - obj.y) >= 0.04:
                continue
            if abs(x - obj.x) < 0.04:
                return f"add {noun} {phrases[0]} {ref}"
            if relation in ("behind", "front"):  # "behind it on the left": x from the side, not the landmark
                side = min(SIDES, key=lambda k: abs(SIDES[k] - obj.x))
                if abs(SIDES[side] - obj.x) <= JITTER + 0.01:
                    return f"add {noun} {phrases[0]} {ref} {side}"
    ax = min(ABS_X, key=lambda k: abs(ABS_X[k] - obj.x))
    ay = min(("back", "front", None), key=lambda k: abs(ground_y(k) - obj.y))
    where = ax if ay is None else f"in the {ay} {ax}"
    return f"add {noun} {where}"
