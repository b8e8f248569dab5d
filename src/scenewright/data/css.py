"""CSS-style composed retrieval triples (TIRG: Vo et al., "Composing Text and Image for Image Retrieval",
CVPR 2019): a query image, a modification text, the target image.

TIRG's CSS dataset has three modifications — add, remove, change attribute — on CLEVR-like scenes, and a 2D
top-view rendering of each query next to the 3D one. Here the triples come from data/edits.py's spine edits
(recolour and, in the street, a person's top as "change attribute"; add; remove), and for the shapes world
`top_view` draws the query from above with PIL: the floor band seen as a plan (x across, depth up the
picture), a cube as a square, a sphere as a disc, a cylinder as a ring, in the world's colours.
"""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Sequence

from PIL import Image, ImageDraw

from ..errors import ScenewrightError
from ..scene import Scene
from ..worlds import get_world
from .captions import _renderer, _run, command_for
from .edits import EditMaker, _png
from .imageset import SPLITS, assign_splits, write_card, write_jsonl

WORLDS = ("shapes", "street")
CSS_KINDS = {"add": "add", "remove": "remove", "recolour": "change attribute", "attribute": "change attribute"}
FLOOR = (208, 208, 200)


def top_view(scene: Scene, size: int) -> Image.Image:
    """The shapes scene seen from above (see the module docstring), size × size, drawn at 4× and reduced."""
    w = get_world(scene.world)
    if w.name != "shapes":
        raise ScenewrightError("the top view is drawn for the shapes world only")
    S = size * 4
    img = Image.new("RGB", (S, S), FLOOR if scene.background == "light" else (90, 90, 96))
    pen = ImageDraw.Draw(img)
    y0, y1 = w.ground
    r = 0.07 * S
    for obj in sorted(scene.objects, key=lambda o: o.y):
        cx = (0.08 + 0.84 * obj.x) * S
        cy = (0.1 + 0.8 * (obj.y - y0) / (y1 - y0)) * S  # farther back = higher up the plan
        color = w.colors.get(obj.color or w.default_color, (128, 128, 128))
        bbox = (cx - r, cy - r, cx + r, cy + r)
        if obj.category == "cube":
            pen.rectangle(bbox, fill=color, outline=(20, 20, 20), width=max(1, S // 128))
        elif obj.category == "sphere":
            pen.ellipse(bbox, fill=color, outline=(20, 20, 20), width=max(1, S // 128))
        else:
            pen.ellipse(bbox, fill=color, outline=(20, 20, 20), width=max(1, S // 128))
            inner = 0.55 * r
            pen.ellipse((cx - inner, cy - inner, cx + inner, cy + inner), outline=(20, 20, 20),
                        width=max(1, S // 96))
    return img.resize((size, size), Image.LANCZOS)


def _css_work(args: tuple) -> tuple:
    world, seed, i, sizes = args
    rng = random.Random(f"scenewright-css:{seed}:{i}")
    query, target, kind, text, _ = EditMaker(world).make(rng, kinds=("recolour", "attribute", "add", "remove")
                                                         if world == "street" else ("recolour", "add", "remove"))
    r = _renderer(world)
    files = {s: (_png(r.render(query, (s, s))), _png(r.render(target, (s, s))),
                 _png(top_view(query, s)) if world == "shapes" else None) for s in sizes}
    return i, query.to_dict(), target.to_dict(), kind, text, files


def make_css(world: str, n: int, out: str | Path, seed: int = 0, sizes: Sequence[int] = (64,), workers: int = 1,
             progress: bool = True) -> dict:
    """Write a "css" image set of n (query, text, target) triples; returns its card."""
    if world not in WORLDS:
        raise ScenewrightError(f"CSS triples are made in the worlds {', '.join(WORLDS)}, not {world!r}")
    if n < 1:
        raise ScenewrightError(f"--n must be at least 1, got {n}")
    sizes = sorted({int(s) for s in sizes})
    out = Path(out)
    if out.exists() and any(out.iterdir()) and not (out / "card.json").is_file():
        raise ScenewrightError(f"{out} exists and is not an image set: give an empty or new folder")
    parts = ("query", "target") + (("query_2d",) if world == "shapes" else ())
    for s in sizes:
        for p in parts:
            (out / p / str(s)).mkdir(parents=True, exist_ok=True)
    split_of = assign_splits(n, seed)
    records: dict[str, list[dict]] = {s: [] for s in SPLITS}
    counts = {"add": 0, "remove": 0, "change attribute": 0}
    jobs = [(world, seed, i, tuple(sizes)) for i in range(n)]
    for i, q, t, kind, text, files in _run(_css_work, jobs, workers, progress, "css triples"):
        rid = f"{i:06d}"
        rec = {"id": rid, "query": {"images": {}, "scene": q}, "text": text, "modification": CSS_KINDS[kind],
               "target": {"images": {}, "scene": t}}
        if world == "shapes":
            rec["query_2d"] = {"images": {}}
        for s, (a, b, top) in files.items():
            for part, data in (("query", a), ("target", b), ("query_2d", top)):
                if data is None:
                    continue
                rel = f"{part}/{s}/{rid}.png"
                (out / rel).write_bytes(data)
                rec[part]["images"][str(s)] = rel
        records[split_of[i]].append(rec)
        counts[CSS_KINDS[kind]] += 1
    for s in SPLITS:
        write_jsonl(out / f"{s}.jsonl", records[s])
    card = {"kind": "css", "world": world, "n": n, "seed": seed, "sizes": sizes,
            "splits": {s: len(records[s]) for s in SPLITS},
            "command": command_for("css", world=world, n=n, size=tuple(sizes), out=out, seed=seed),
            "captions_per_image": 0, "modifications": counts,
            "source": "TIRG's CSS recipe on scenewright scenes: one spine edit (add, remove, change attribute) per "
                      "triple; " + ("query_2d is a PIL top view of the query" if world == "shapes" else
                                    "no 2D view in this world"),
            "license": "generated by scenewright from its own procedural sprites: same license as scenewright"}
    write_card(out, card)
    return json.loads((out / "card.json").read_text())


__all__ = ["make_css", "top_view"]
