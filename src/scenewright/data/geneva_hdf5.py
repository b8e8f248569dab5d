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
or CoDraw file (or ours) back to plain Python + numpy, RGB.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

import numpy as np


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
        raise ValueError(f"layout must be 'iclevr' or 'codraw', not {layout!r}")
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


def import_dialogs(path: str | Path) -> tuple[list[Dialog], list[str] | None, np.ndarray]:
    """(dialogs with RGB images, entity names or None, RGB background) from a GeNeVA-layout file."""
    import h5py

    dialogs = []
    with h5py.File(path, "r") as f:
        background = np.asarray(f["background"][()])[..., ::-1].copy()
        entities = json.loads(_text(f["entities"][()])) if "entities" in f else None
        keys = sorted((k for k in f.keys() if isinstance(f[k], h5py.Group)),
                      key=lambda k: (not k.isdigit(), int(k) if k.isdigit() else 0, k))
        for k in keys:
            g = f[k]
            if "text" in g:
                texts = json.loads(_text(g["text"][()]))
            else:
                texts = [_text(t) for t in g["utterences"][()]]
            coords = np.asarray(g["coords"][()], np.float32) if "coords" in g else None
            sid = g["scene_id"][()] if "scene_id" in g else k
            sid = _text(sid) if isinstance(sid, bytes) else (sid.item() if hasattr(sid, "item") else sid)
            dialogs.append(Dialog(sid, texts, np.asarray(g["images"][()])[..., ::-1].copy(),
                                  np.asarray(g["objects"][()], np.float32), coords))
    return dialogs, entities, background


def shapes_to_hdf5(data_dir: str | Path, split: str, out: str | Path, size: int = 64) -> Path:
    """Our shapes dialogs (`scenewright data shapes`) as an i-CLEVR-layout file."""
    from .shapes_dialogs import CLASSES, ShapesDialogs

    data = ShapesDialogs.load(data_dir, split, size)
    objects, coords = data.objects(), data.coords()
    dialogs = [Dialog(i, data.texts[i], np.asarray(data.images[i]), objects[i], coords[i]) for i in range(len(data))]
    return export_dialogs(out, dialogs, CLASSES, data.background, layout="iclevr")
