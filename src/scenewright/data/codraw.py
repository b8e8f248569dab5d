"""CoDraw (Kim et al., ACL 2019) → scenewright: dialogs of a Teller and a Drawer rebuilding a park scene.

Reads both layouts CoDraw ships in — a folder of per-dialog files (`dialogs/train_00000.json`, …) and the
official single file `CoDraw_1_0.json` (`{"data": {"train_00000": {...}}}`) — into `Dialog`s whose scenes
are `park` `Scene`s with canonical names. A CoDraw scene string is a count, then per piece
`png, local idx, clip-art idx, type idx, x, y, depth, flip` (x in [1, 500], y in [1, 400], -10000 = not
placed); the clip-art identity is CoDraw's global index 0..57 (`CLASSES`), pieces get the id `o<index>`
so one piece keeps its id through a dialog.

The data is CC BY-NC 4.0: it is read from where the user keeps it (`--src`, $SCENEWRIGHT_CODRAW, default
`../shared/data/codraw` next to the repository), never copied into the repository.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator

from ..errors import ScenewrightError
from ..scene import Scene, SceneObject
from ..worlds.park import CODRAW, DEPTH_SCALES, EXPRESSIONS, POSES

CANVAS_W, CANVAS_H = 500.0, 400.0
NOT_PLACED = -10000
PREFIXES = ("s", "p", "hb0", "hb1", "a", "c", "e", "t")
TYPE_OFFSET = (0, 8, 18, 19, 20, 26, 36, 43)  # CoDraw's global clip-art index = offset[type] + clip-art idx
HUMAN_IDXS = (18, 19)
CHITCHAT = ("hi", "done", "ok", "alright", "okay", "thanks", "bye", "hello")  # GeNeVA_datasets drops these

_BY_TYPE = {(t, i): name for name, (t, i, _) in CODRAW.items()}
CLASSES: tuple[str, ...] = tuple(sorted(CODRAW, key=lambda n: TYPE_OFFSET[CODRAW[n][0]] + CODRAW[n][1]))
CLASS_INDEX = {name: i for i, name in enumerate(CLASSES)}
assert len(CLASSES) == 58 and CLASS_INDEX["boy"] == 18 and CLASS_INDEX["girl"] == 19


def default_codraw_dir() -> Path:
    """$SCENEWRIGHT_CODRAW, else `../shared/data/codraw` relative to the repository root."""
    env = os.environ.get("SCENEWRIGHT_CODRAW")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[3] / ".." / "shared" / "data" / "codraw"


# -- pieces and scene strings -------------------------------------------------------------------------------
@dataclass(frozen=True)
class Piece:
    """One placed clip-art piece in CoDraw's own terms (pixels on the 500×400 canvas)."""

    idx: int  # 0..57
    subtype: int  # pose * 5 + expression for boy/girl, else 0
    depth: int  # 0 near … 2 far
    flip: int
    x: float
    y: float

    @property
    def category(self) -> str:
        return CLASSES[self.idx]

    @property
    def png(self) -> str:
        name = self.category
        t, i, prefix = CODRAW[name]
        return f"{prefix}_{self.subtype if t in (2, 3) else i}s.png"


def parse_scene_string(text: str) -> list[Piece]:
    """The placed pieces of a CoDraw scene string ('' → no pieces)."""
    if not text or len(text) < 2:
        return []
    parts = text.split(",")
    try:
        n = int(parts[0])
        pieces = []
        for k in range(n):
            _, _, clip, typ, x, y, z, flip = parts[1 + 8 * k: 9 + 8 * k]
            x, y = float(x), float(y)
            if x == NOT_PLACED or y == NOT_PLACED or abs(x) > 1000 or abs(y) > 1000:
                continue
            t, c = int(typ), int(clip)
            idx = TYPE_OFFSET[t] + (0 if t in (2, 3) else c)
            pieces.append(Piece(idx, c if t in (2, 3) else 0, int(z), int(flip), x, y))
    except (ValueError, IndexError) as e:
        raise ScenewrightError(f"not a CoDraw scene string ({e}): {text[:60]!r}") from None
    return pieces


def scene_string(pieces: Iterable[Piece]) -> str:
    """Pieces back to CoDraw's scene string (placed pieces only)."""
    pieces = list(pieces)
    out = [str(len(pieces))]
    for k, p in enumerate(pieces):
        t, i, _ = CODRAW[p.category]
        clip = p.subtype if t in (2, 3) else i
        out += [p.png, str(k), str(clip), str(t), f"{p.x:g}", f"{p.y:g}", str(p.depth), str(p.flip)]
    return ",".join(out) + ","


def piece_to_object(p: Piece) -> SceneObject:
    name = p.category
    people = p.idx in HUMAN_IDXS
    return SceneObject(
        id=f"o{p.idx}", category=name,
        x=min(max(p.x / CANVAS_W, -0.5), 1.5), y=min(max(p.y / CANVAS_H, -0.5), 1.5),
        scale=DEPTH_SCALES[p.depth], flip=bool(p.flip),
        pose=POSES[p.subtype // 5] if people else None,
        expression=EXPRESSIONS[p.subtype % 5] if people else None)


def depth_of(scale: float) -> int:
    """CoDraw depth of a scale: the nearest of 1.0 / 0.7 / 0.49."""
    return min(range(3), key=lambda d: abs(DEPTH_SCALES[d] - scale))


def object_to_piece(o: SceneObject) -> Piece:
    if o.category not in CLASS_INDEX:
        raise ScenewrightError(f"{o.category!r} is not a CoDraw clip-art class")
    idx = CLASS_INDEX[o.category]
    sub = 0
    if idx in HUMAN_IDXS:
        pose = POSES.index(o.pose) if o.pose in POSES else 0
        expr = EXPRESSIONS.index(o.expression) if o.expression in EXPRESSIONS else 2  # "happy"
        sub = pose * 5 + expr
    return Piece(idx, sub, depth_of(o.scale), int(o.flip), o.x * CANVAS_W, o.y * CANVAS_H)


def scene_from_pieces(pieces: Iterable[Piece]) -> Scene:
    objects, seen = [], set()
    for p in pieces:
        if p.idx in seen:  # CoDraw never holds two of one piece; keep the first
            continue
        seen.add(p.idx)
        objects.append(piece_to_object(p))
    return Scene("park", "day", tuple(objects))


def scene_from_string(text: str) -> Scene:
    return scene_from_pieces(parse_scene_string(text))


def scene_to_pieces(scene: Scene) -> list[Piece]:
    return [object_to_piece(o) for o in scene.objects if o.category in CLASS_INDEX]


def scene_to_string(scene: Scene) -> str:
    return scene_string(scene_to_pieces(scene))


# -- dialogs ------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Turn:
    teller: str
    drawer: str
    scene: Scene  # the human drawer's canvas after the turn
    peeked: bool = False  # the Teller had looked at the drawer's canvas before this turn


@dataclass(frozen=True)
class Dialog:
    id: str  # "train_00000"
    target: Scene  # the Teller's scene
    turns: tuple[Turn, ...]
    image_id: int | None = None
    meta: dict[str, Any] = field(default_factory=dict, compare=False)

    @property
    def split(self) -> str:
        return self.id.split("_", 1)[0]

    @property
    def final(self) -> Scene:
        return self.turns[-1].scene if self.turns else Scene("park", "day")

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "image_id": self.image_id, "target": self.target.to_dict(),
                "turns": [{"teller": t.teller, "drawer": t.drawer, "scene": t.scene.to_dict(),
                           "peeked": t.peeked} for t in self.turns], **({"meta": self.meta} if self.meta else {})}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Dialog":
        return cls(d["id"], Scene.from_dict(d["target"]),
                   tuple(Turn(t["teller"], t["drawer"], Scene.from_dict(t["scene"]), bool(t.get("peeked")))
                         for t in d["turns"]), d.get("image_id"), d.get("meta", {}))


def dialog_from_codraw(key: str, raw: dict[str, Any]) -> Dialog:
    """One CoDraw record → `Dialog`. A turn with an empty `abs_d` left the canvas as it was."""
    target = scene_from_string(raw.get("abs_t", ""))
    scene = Scene("park", "day")
    turns = []
    for t in raw.get("dialog", []):
        if t.get("abs_d"):
            scene = scene_from_string(t["abs_d"])
        turns.append(Turn(str(t.get("msg_t") or ""), str(t.get("msg_d") or ""), scene, bool(t.get("peeked"))))
    # CoDraw opens every dialog with an empty round (the Drawer says "go"): keep it only if it says something
    if turns and not turns[0].teller and not turns[0].scene.objects:
        turns = turns[1:]
    return Dialog(key, target, tuple(turns), raw.get("image_id"))


def _split_of(key: str) -> str:
    return key.split("_", 1)[0]


def iter_codraw(src: str | os.PathLike, split: str | None = None) -> Iterator[Dialog]:
    """Dialogs from CoDraw in any of its layouts, or from our imported dataset.

    `src` may be CoDraw's root (holding `dialogs/`), a folder of dialog files, `CoDraw_1_0.json` (or a folder
    holding it), or a folder `scenewright data codraw` wrote (`<split>.jsonl`). With `split`, only dialogs
    whose key starts with `<split>_`; a folder of dialog files none of which carries that prefix is taken
    whole (a held-out split kept in its own folder).
    """
    src = Path(src)
    if not src.exists():
        raise ScenewrightError(f"no CoDraw data at {src}: pass --data/--src DIR or set $SCENEWRIGHT_CODRAW "
                               "(the folder holding dialogs/ and clipart/, or CoDraw_1_0.json)")
    if src.is_dir() and (src / "dialogs").is_dir():
        src = src / "dialogs"
    if src.is_dir() and not any(src.glob("*.json")) and (src / "CoDraw_1_0.json").exists():
        src = src / "CoDraw_1_0.json"
    if src.is_file() and src.suffix == ".jsonl":
        yield from _iter_jsonl(src, split)
        return
    if src.is_dir() and any(src.glob("*.jsonl")):
        files = [src / f"{split}.jsonl"] if split else sorted(src.glob("*.jsonl"))
        for f in files:
            if not f.exists():
                raise ScenewrightError(f"{src} has no {f.name}; it holds {', '.join(p.name for p in src.glob('*.jsonl'))}")
            yield from _iter_jsonl(f, split)
        return
    if src.is_file():
        try:
            data = json.loads(src.read_text())
        except json.JSONDecodeError as e:
            raise ScenewrightError(f"{src} is not valid JSON: {e.msg}") from None
        records = data.get("data", data) if isinstance(data, dict) else None
        if not isinstance(records, dict):
            raise ScenewrightError(f"{src} is not CoDraw_1_0.json (expected {{\"data\": {{\"train_00000\": …}}}})")
        for key in sorted(records):
            if split is None or _split_of(key) == split:
                yield dialog_from_codraw(key, records[key])
        return
    files = sorted(src.glob("*.json"))
    if not files:
        raise ScenewrightError(f"{src} holds no CoDraw dialogs (*.json, CoDraw_1_0.json or *.jsonl)")
    chosen = [f for f in files if split is None or _split_of(f.stem) == split]
    if split is not None and not chosen and not any(_split_of(f.stem) in ("train", "val", "test") for f in files):
        chosen = files
    for f in chosen:
        yield dialog_from_codraw(f.stem, json.loads(f.read_text()))


def _iter_jsonl(path: Path, split: str | None) -> Iterator[Dialog]:
    with open(path) as fh:
        for line in fh:
            if line.strip():
                d = Dialog.from_dict(json.loads(line))
                if split is None or d.split == split or path.stem == split:
                    yield d


def load_codraw(src: str | os.PathLike, split: str | None = None, limit: int | None = None) -> list[Dialog]:
    out = []
    for d in iter_codraw(src, split):
        out.append(d)
        if limit is not None and len(out) >= limit:
            break
    return out


# -- GeNeVA's preprocessing ---------------------------------------------------------------------------------
def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", text.lower())


def geneva_utterance(teller: str, drawer: str) -> list[str]:
    """GeNeVA's description tokens for one round: <teller> words <drawer> words, chitchat and punctuation out."""
    out: list[str] = []
    t, d = teller.lower().strip(), drawer.lower().strip()
    if t and t not in CHITCHAT:
        out += ["<teller>"] + _words(t)
    if d and d not in CHITCHAT:
        out += ["<drawer>"] + _words(d)
    return [w for w in out if w not in CHITCHAT]


def geneva_turns(dialog: Dialog) -> Dialog:
    """Keep only rounds after which the canvas holds more pieces than after the last kept one, merging the
    text of the others into the next kept round — as GeNeVA_datasets' `codraw_raw_to_hdf5.py` does (a round
    that adds one piece and removes another is merged too; text after the last addition is dropped)."""
    kept: list[Turn] = []
    tellers: list[str] = []
    drawers: list[str] = []
    words: list[str] = []
    prev = 0
    index: list[int] = []
    for i, t in enumerate(dialog.turns):
        tellers.append(t.teller)
        drawers.append(t.drawer)
        words += geneva_utterance(t.teller, t.drawer)
        present = len({o.category for o in t.scene.objects})
        if present - prev < 1:
            prev = present
            continue
        if words:
            kept.append(Turn(" ".join(x for x in tellers if x).strip(), " ".join(x for x in drawers if x).strip(),
                             t.scene, t.peeked))
            index.append(i)
            tellers, drawers, words = [], [], []
        prev = present
    return Dialog(dialog.id, dialog.target, tuple(kept), dialog.image_id, {**dialog.meta, "geneva": True, "rounds": index})


def geneva_utterances(dialog: Dialog) -> list[str]:
    """GeNeVA's `utterences` strings for a dialog already passed through `geneva_turns`."""
    return [" ".join(geneva_utterance(t.teller, t.drawer)) for t in dialog.turns]


# -- import command -----------------------------------------------------------------------------------------
def import_codraw(src: str | os.PathLike, out: str | os.PathLike, geneva: bool = False,
                  splits: Iterable[str] | None = None, limit: int | None = None, progress: bool = True) -> dict:
    """Write `<out>/<split>.jsonl` (one `Dialog.to_dict()` a line) and `<out>/meta.json`. Returns counts."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    handles: dict[str, Any] = {}
    counts: dict[str, dict[str, int]] = {}
    wanted = set(splits) if splits else None
    it: Iterable[Dialog] = iter_codraw(src)
    if progress:
        from tqdm import tqdm

        it = tqdm(it, desc="import codraw", unit="dialog")
    try:
        for d in it:
            if wanted and d.split not in wanted:
                continue
            if limit is not None and counts.get(d.split, {}).get("dialogs", 0) >= limit:
                continue
            if geneva:
                d = geneva_turns(d)
                if not d.turns:
                    continue
            if d.split not in handles:
                handles[d.split] = open(out / f"{d.split}.jsonl", "w")
            handles[d.split].write(json.dumps(d.to_dict()) + "\n")
            c = counts.setdefault(d.split, {"dialogs": 0, "turns": 0})
            c["dialogs"] += 1
            c["turns"] += len(d.turns)
    finally:
        for h in handles.values():
            h.close()
    meta = {"source": str(src), "format": "scenewright-codraw-1", "world": "park", "geneva": geneva,
            "classes": list(CLASSES), "splits": counts,
            "license": "CoDraw is CC BY-NC 4.0 (Kim et al., 2019): do not redistribute commercially"}
    (out / "meta.json").write_text(json.dumps(meta, indent=1))
    return meta


# -- GeNeVA's HDF5 layout (scenewright.data.geneva_hdf5) ----------------------------------------------------
def export_geneva_hdf5(dialogs: Iterable[Dialog], path: str | os.PathLike, clipart: str | os.PathLike | None = None,
                       size: int = 128, merge: bool = True) -> Path:
    """Dialogs → GeNeVA's CoDraw HDF5: 128×128 clip-art renders after each round, `utterences` in GeNeVA's
    spelling, 58-way `objects`, `coords` (x, y normalised; CoDraw depth 0/1/2). With `merge`, GeNeVA's round
    merging is applied first (dialogs already merged are left as they are)."""
    import numpy as np

    from ..render.clipart import ClipartRenderer
    from .geneva_hdf5 import Dialog as H5Dialog
    from .geneva_hdf5 import export_dialogs

    renderer = ClipartRenderer("park", clipart)
    out = []
    for k, d in enumerate(dialogs):
        if merge and not d.meta.get("geneva"):
            d = geneva_turns(d)
        if not d.turns:
            continue
        images = np.stack([np.asarray(renderer.render(t.scene, (size, size))) for t in d.turns])
        objects = np.zeros((len(d.turns), len(CLASSES)), np.float32)
        coords = np.zeros((len(d.turns), len(CLASSES), 3), np.float32)
        for i, t in enumerate(d.turns):
            for o in t.scene.objects:
                c = CLASS_INDEX[o.category]
                objects[i, c] = 1
                coords[i, c] = (o.x, o.y, depth_of(o.scale))
        out.append(H5Dialog(d.image_id if d.image_id is not None else k, geneva_utterances(d), images, objects,
                            coords))
    background = np.asarray(renderer.render(Scene("park", "day"), (size, size)))
    return export_dialogs(path, out, CLASSES, background, layout="codraw")


def import_geneva_hdf5(path: str | os.PathLike, split: str = "val") -> list[Dialog]:
    """A GeNeVA CoDraw HDF5 file (theirs or ours) → `Dialog`s of park scenes. GeNeVA's files keep only which
    pieces are in and where (their coords are pixels of the 128×128 picture, ours are normalised): pose,
    expression and flip come back as defaults; the teller/drawer text is GeNeVA's merged utterance."""
    import numpy as np

    from .geneva_hdf5 import import_dialogs

    h5dialogs, entities, _ = import_dialogs(path)
    names = list(entities) if entities else list(CLASSES)
    out = []
    for k, h in enumerate(h5dialogs):
        coords = h.coords if h.coords is not None else np.zeros(h.objects.shape + (3,), np.float32)
        pixel = coords[..., :2].max() > 1.5 if coords.size else False
        turns = []
        for i, text in enumerate(h.texts):
            objects = []
            for c in np.nonzero(h.objects[i] > 0.5)[0]:
                name = names[c]
                x, y = coords[i, c, 0], coords[i, c, 1]
                if pixel:
                    x, y = x / 128.0, y / 128.0
                depth = int(round(coords[i, c, 2])) if coords.shape[-1] > 2 else 0
                idx = CLASS_INDEX[name]
                people = idx in HUMAN_IDXS
                objects.append(SceneObject(f"o{idx}", name, float(x), float(y), DEPTH_SCALES[min(max(depth, 0), 2)],
                                           pose=POSES[0] if people else None,
                                           expression=EXPRESSIONS[2] if people else None))
            teller = " ".join(w for w in text.split() if w not in ("<teller>", "<drawer>"))
            turns.append(Turn(teller, "", Scene("park", "day", tuple(objects))))
        sid = h.scene_id
        out.append(Dialog(f"{split}_{int(sid):05d}" if str(sid).isdigit() else f"{split}_{sid}",
                          turns[-1].scene if turns else Scene("park", "day"), tuple(turns),
                          int(sid) if str(sid).isdigit() else None, {"geneva": True, "from_hdf5": str(path)}))
    return out


# -- GeNeVA-GAN's training data (train/geneva.py) -----------------------------------------------------------
@dataclass
class CodrawDialogs:
    """CoDraw as GeNeVA-GAN trains on it, with the face of `shapes_dialogs.ShapesDialogs`: GeNeVA's kept
    rounds (`geneva_turns`), the Teller's words of each, and the human drawer's canvas after it drawn with
    the clip-art at size². Dialogs differ in length: each is padded to the longest by repeating its last
    canvas with an empty instruction, and `valid()` says which turns are real (losses and scores skip the
    rest). `images` is None when loaded with `render=False` (the texts are all a vocabulary needs)."""

    images: Any  # uint8 [N, T, H, W, 3] or None
    background: Any  # uint8 [H, W, 3]: the empty park
    texts: list[list[str]]  # [N][T]
    scenes: list[list[dict]]  # [N][T] Scene.to_dict()
    lengths: list[int]  # real turns per dialog
    ids: list[str]
    classes: tuple[str, ...] = CLASSES

    @classmethod
    def load(cls, src: str | os.PathLike, split: str = "train", size: int = 64,
             clipart: str | os.PathLike | None = None, cache: str | os.PathLike | None = None,
             limit: int | None = None, render: bool = True, progress: bool = False) -> "CodrawDialogs":
        """`cache`: a folder where the renders are kept (`codraw_<split>_<size>_<N>.npy`) and read back next
        time. Never the repository: they are CoDraw's clip-art (CC BY-NC)."""
        import numpy as np

        dialogs = [g for g in (geneva_turns(d) for d in load_codraw(src, split, limit)) if g.turns]
        if not dialogs:
            raise ScenewrightError(f"no {split} dialogs with a drawn round in {src}")
        T = max(len(d.turns) for d in dialogs)
        lengths = [len(d.turns) for d in dialogs]
        texts = [[t.teller for t in d.turns] + [""] * (T - len(d.turns)) for d in dialogs]
        scenes = [[t.scene.to_dict() for t in d.turns] + [d.turns[-1].scene.to_dict()] * (T - len(d.turns))
                  for d in dialogs]
        images = background = None
        if render:
            from tqdm import tqdm

            from ..render.clipart import ClipartRenderer

            renderer = ClipartRenderer("park", clipart)
            background = np.asarray(renderer.render(Scene("park", "day"), (size, size)), dtype=np.uint8)
            path = Path(cache) / f"codraw_{split}_{size}_{len(dialogs)}.npy" if cache else None
            if path is not None and path.exists():
                images = np.load(path, mmap_mode="r")
            else:
                images = np.zeros((len(dialogs), T, size, size, 3), np.uint8)
                for i, d in enumerate(tqdm(dialogs, desc=f"rendering {split}", disable=not progress,
                                           mininterval=5)):
                    for t, turn in enumerate(d.turns):
                        images[i, t] = np.asarray(renderer.render(turn.scene, (size, size)))
                    images[i, len(d.turns):] = images[i, len(d.turns) - 1]
                if path is not None:
                    path.parent.mkdir(parents=True, exist_ok=True)
                    np.save(path, images)
        return cls(images, background, texts, scenes, lengths, [d.id for d in dialogs])

    def __len__(self) -> int:
        return len(self.texts)

    def valid(self) -> "Any":
        """bool [N, T]: which turns are real rounds (not padding)."""
        import numpy as np

        T = len(self.texts[0])
        return np.arange(T)[None, :] < np.asarray(self.lengths)[:, None]

    def objects(self) -> "Any":
        """float32 [N, T, C] multi-hot: which of the 58 clip-art classes are on the canvas after each turn."""
        import numpy as np

        out = np.zeros((len(self), len(self.texts[0]), len(self.classes)), np.float32)
        for i, dialog in enumerate(self.scenes):
            for t, scene in enumerate(dialog):
                for o in scene["objects"]:
                    out[i, t, CLASS_INDEX[o["category"]]] = 1
        return out
