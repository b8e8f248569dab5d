"""GeNeVA's HDF5 layout (Maluuba/GeNeVA, geneva/data/clevr_dataset.py and codraw_dataset.py), both ways.

One file per split. Top level:
    background   uint8 [H, W, 3]          the empty canvas (BGR, like the images)
    entities     JSON string              the class names, in the order of `objects` (i-CLEVR files)
    "<k>"        group per dialog, k = 0, 1, … :
        images      uint8 [T, H, W, 3]    the picture after each turn, **BGR** (GeNeVA reverses the last
                                          axis when it reads: `images[..., ::-1]`)
        text        JSON string [T]       i-CLEVR's turns          (layout="iclevr")
        utterences  string array [T]      CoDraw's turns, GeNeVA's spelling (layout="codraw")
        objects     float [T, C]          multi-hot, which classes are in the picture after each turn
        coords      float [T, C, 2|3]     (x, y[, depth]) per class, normalised (ours; GeNeVA's loaders ignore it)
        scene_id    int / string

`export_dialogs` writes it from any list of dialogs (shapes or park); `import_dialogs` reads a real i-CLEVR
or CoDraw file (or ours) back to plain Python + numpy, RGB; `hdf5_to_shapes` turns an i-CLEVR file into a split
of our shapes dataset layout, so `scenewright train geneva` / `eval geneva` run on the real i-CLEVR.

Class names: ours are "<colour> <shape>" (`shapes_dialogs.CLASSES`); GeNeVA's i-CLEVR scripts write
"<shape> <colour>" and its CLEVR variant with materials "<shape> <colour> <material>" — the words, not their
order, decide the class, and materials merge. Coordinates: ours are normalised; GeNeVA's are pixels of its
128×128 images (x, y, CLEVR's depth), told apart by their range.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Sequence

import numpy as np

from ..errors import ScenewrightError


@dataclass
class Dialog:
    scene_id: int | str
    texts: list[str]
    images: np.ndarray  # uint8 [T, H, W, 3], RGB
    objects: np.ndarray  # float32 [T, C]
    coords: np.ndarray | None = None  # float32 [T, C, 2 or 3]


def export_dialogs(path: str | Path, dialogs: Sequence[Dialog], entities: Sequence[str], background: np.ndarray,
                   layout: str = "iclevr") -> Path:
    """Write `dialogs` (RGB images) in GeNeVA's layout; `layout` "iclevr" (text) or "codraw" (utterences)."""
    import h5py

    if layout not in ("iclevr", "codraw"):
        raise LayoutError(f"layout must be 'iclevr' or 'codraw', not {layout!r}")
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with h5py.File(path, "w") as f:
        f.create_dataset("background", data=np.ascontiguousarray(np.asarray(background)[..., ::-1]))
        f.create_dataset("entities", data=json.dumps(list(entities)))
        for k, d in enumerate(dialogs):
            g = f.create_group(str(k))
            g.create_dataset("images", data=np.ascontiguousarray(d.images[..., ::-1]), compression="gzip")
            if layout == "iclevr":
                g.create_dataset("text", data=json.dumps(list(d.texts)))
            else:
                g.create_dataset("utterences", data=np.array(d.texts, dtype=h5py.string_dtype()))
            g.create_dataset("objects", data=np.asarray(d.objects, np.float32))
            if d.coords is not None:
                g.create_dataset("coords", data=np.asarray(d.coords, np.float32))
            g.create_dataset("scene_id", data=d.scene_id)
    return path


def _text(value) -> str:
    return value.decode() if isinstance(value, bytes) else str(value)


class LayoutError(ScenewrightError, ValueError):
    """The file is not in GeNeVA's layout (or not one this reader can use); the message says what is wrong."""


def _dialog(key: str, g) -> Dialog:
    if "images" not in g or "objects" not in g or not ("text" in g or "utterences" in g):
        raise LayoutError(f"dialog group {key!r} lacks 'images', 'objects' or 'text'/'utterences'")
    if "text" in g:
        texts = json.loads(_text(g["text"][()]))
    else:
        texts = [_text(t) for t in g["utterences"][()]]
    coords = np.asarray(g["coords"][()], np.float32) if "coords" in g else None
    sid = g["scene_id"][()] if "scene_id" in g else key
    sid = _text(sid) if isinstance(sid, bytes) else (sid.item() if hasattr(sid, "item") else sid)
    return Dialog(sid, texts, np.asarray(g["images"][()])[..., ::-1].copy(), np.asarray(g["objects"][()], np.float32),
                  coords)


def _group_keys(f) -> list[str]:
    import h5py

    return sorted((k for k in f.keys() if isinstance(f[k], h5py.Group)),
                  key=lambda k: (not k.isdigit(), int(k) if k.isdigit() else 0, k))


def read_dialogs(path: str | Path) -> Iterator[tuple[Dialog, list[str] | None, np.ndarray | None]]:
    """Stream (dialog, entity names or None, RGB background or None) from a GeNeVA-layout file, one group at
    a time (a real i-CLEVR split is ~1.5 GB of images)."""
    import h5py

    path = Path(path)
    if not path.is_file():
        raise LayoutError(f"{path}: no such file")
    try:
        f = h5py.File(path, "r")
    except OSError as e:
        raise LayoutError(f"{path} is not an HDF5 file ({e})") from None
    with f:
        background = np.asarray(f["background"][()])[..., ::-1].copy() if "background" in f else None
        entities = json.loads(_text(f["entities"][()])) if "entities" in f else None
        keys = _group_keys(f)
        if not keys:
            raise LayoutError(f"{path} holds no dialog groups")
        for k in keys:
            yield _dialog(k, f[k]), entities, background


def peek(path: str | Path) -> tuple[Dialog, list[str] | None, np.ndarray | None, int]:
    """(first dialog, entity names or None, RGB background or None, number of dialogs) without reading the rest."""
    import h5py

    dialogs = read_dialogs(path)  # checks the file and says what is wrong with it
    first, entities, background = next(dialogs)
    dialogs.close()
    with h5py.File(path, "r") as f:
        return first, entities, background, len(_group_keys(f))


def import_dialogs(path: str | Path) -> tuple[list[Dialog], list[str] | None, np.ndarray | None]:
    """(dialogs with RGB images, entity names or None, RGB background or None) from a GeNeVA-layout file."""
    dialogs, entities, background = [], None, None
    for dialog, entities, background in read_dialogs(path):
        dialogs.append(dialog)
    return dialogs, entities, background


def shapes_class(entity: str) -> str:
    """Our class name ("red cube") for an i-CLEVR entity name in any word order ("cube red", "cube red metal")."""
    from .shapes_dialogs import COLORS, SHAPES

    words = entity.lower().split()
    color = [w for w in words if w in COLORS]
    shape = [w for w in words if w in SHAPES]
    if len(color) != 1 or len(shape) != 1:
        raise LayoutError(f"entity {entity!r} is not one of i-CLEVR's colour + shape classes")
    return f"{color[0]} {shape[0]}"


def _turn_records(d: Dialog, classes: list[str]) -> list[dict]:
    """Per turn: the text and a shapes `Scene` dict of the objects present (ids in order of appearance)."""
    from ..scene import Scene, SceneObject

    pixels, ids, out = d.images.shape[1], {}, []
    for t, text in enumerate(d.texts):
        objects = []
        for c in np.flatnonzero(d.objects[t] > 0.5):
            name = classes[c]
            if any(f"{o.color} {o.category}" == name for o in objects):
                continue  # two materials of one colour + shape (GeNeVA's CLEVR variant) are one class here
            ids.setdefault(name, f"o{len(ids) + 1}")
            x, y = (float(v) for v in d.coords[t, c, :2]) if d.coords is not None else (0.5, 0.5)
            if max(x, y) > 1.5:  # GeNeVA's pixel coordinates
                x, y = x / pixels, y / pixels
            color, shape = name.split()
            objects.append(SceneObject(ids[name], shape, min(max(x, 0.0), 1.0), min(max(y, 0.0), 1.0), color=color))
        objects.sort(key=lambda o: int(o.id[1:]))
        out.append({"text": text, "scene": Scene("shapes", "light", tuple(objects)).to_dict()})
    return out


def hdf5_to_shapes(h5: str | Path, out: str | Path, split: str, sizes: Sequence[int] = (64,),
                   background: np.ndarray | None = None, progress: bool = True) -> dict:
    """Write the i-CLEVR-layout file `h5` as split `split` of a shapes dataset folder (`{split}.json`,
    `{split}_{size}.npy`, `background_{size}.npy`, `card.json` updated) that `ShapesDialogs.load` reads.
    Returns the split's entry of the card. Nothing is written when the file cannot be used. A file without
    `coords` still trains the GAN (it needs texts, images and classes); its objects are put at the centre and the
    card says `"coords": false`, so a detector's localisation or rsim on it means nothing."""
    from PIL import Image
    from tqdm import tqdm

    if split not in ("train", "val", "test"):
        raise LayoutError(f"split must be train, val or test, not {split!r}")
    first, entities, file_background, n = peek(h5)
    if entities is None:
        raise LayoutError(f"{h5} has no 'entities' list: the class of each 'objects' column is unknown")
    classes = [shapes_class(e) for e in entities]
    if background is None:
        background = file_background
    if background is None:
        raise LayoutError(f"{h5} has no 'background' (the empty canvas); pass one as an image")
    turns, has_coords = len(first.texts), first.coords is not None

    def resized(image: np.ndarray, size: int) -> np.ndarray:
        if image.shape[:2] == (size, size):
            return image
        return np.asarray(Image.fromarray(image).resize((size, size), Image.Resampling.LANCZOS))

    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    parts = {s: out / f"{split}_{s}.npy.part" for s in sizes}
    arrays = {s: np.lib.format.open_memmap(parts[s], mode="w+", dtype=np.uint8, shape=(n, turns, s, s, 3))
              for s in sizes}
    records = []
    try:
        for i, (d, _, _) in enumerate(tqdm(read_dialogs(h5), total=n, desc=split, disable=not progress)):
            if len(d.texts) != turns or d.images.shape[0] != turns or d.objects.shape != (turns, len(classes)):
                raise LayoutError(f"dialog {d.scene_id}: {len(d.texts)} texts, {d.images.shape[0]} images, objects "
                                  f"{d.objects.shape}; every dialog needs {turns} turns over {len(classes)} classes")
            for t in range(turns):
                for s in sizes:
                    arrays[s][i, t] = resized(d.images[t], s)
            records.append({"id": d.scene_id, "turns": _turn_records(d, classes)})
    except BaseException:
        for part in parts.values():
            part.unlink(missing_ok=True)
        raise
    for s, a in arrays.items():
        a.flush()
        parts[s].replace(out / f"{split}_{s}.npy")
        np.save(out / f"background_{s}.npy", resized(background, s))
    (out / f"{split}.json").write_text(json.dumps(records))
    card_path = out / "card.json"
    card = json.loads(card_path.read_text()) if card_path.exists() else {
        "name": "imported from GeNeVA's HDF5 layout", "splits": {}, "turns_per_dialog": turns,
        "classes": sorted(set(classes))}
    entry = {"source": str(h5), "dialogs": n, "turns": turns, "sizes": list(sizes), "coords": has_coords}
    card.setdefault("imported", {})[split] = entry
    card["splits"][split] = n
    card["sizes"] = sorted(set(card.get("sizes", [])) | set(sizes))
    card_path.write_text(json.dumps(card, indent=1))
    return entry


def shapes_to_hdf5(data_dir: str | Path, split: str, out: str | Path, size: int = 64) -> Path:
    """Our shapes dialogs (`scenewright data shapes`) as an i-CLEVR-layout file."""
    from .shapes_dialogs import CLASSES, ShapesDialogs

    data = ShapesDialogs.load(data_dir, split, size)
    objects, coords = data.objects(), data.coords()
    dialogs = [Dialog(i, data.texts[i], np.asarray(data.images[i]), objects[i], coords[i]) for i in range(len(data))]
    return export_dialogs(out, dialogs, CLASSES, data.background, layout="iclevr")
