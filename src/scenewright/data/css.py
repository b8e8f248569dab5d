"""CSS-style composed retrieval triples (TIRG: Vo et al., "Composing Text and Image for Image Retrieval",
CVPR 2019): a query image, a modification text, the target image.

TIRG's CSS dataset has three modifications — add, remove, change attribute — on CLEVR-like scenes, and a 2D
top-view rendering of each query next to the 3D one.

- shapes: the triples come from data/edits.py's spine edits (recolour as "change attribute"; add; remove), and
  `top_view` draws the query from above with PIL: the floor band seen as a plan (x across, depth up the
  picture), a cube as a square, a sphere as a disc, a cylinder as a ring, in the world's colours.
- street (the witness's gallery): each picture is *one* vehicle or person on the empty street, cut out square
  around it (`subject_pictures`), and the text says how the target differs from the query as a witness would:
  "the same car but red", "a van instead of the car", "the man in a green jacket", "but the coat was black"
  (change attribute), "the man without the bag", "no cap" (remove), "the same woman with a red umbrella"
  (add). Query and target share the street, the time and weather, the place and the facing; only the named
  thing changes. Four triples in a row share their query picture and change it in four ways (as a CSS scene
  takes several modifications), and stay in one split: the gallery then holds near twins of every target, so
  the picture alone cannot pick the target and the words must. No 2D view in this world.
"""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Sequence

from PIL import Image, ImageDraw

from ..errors import ScenewrightError
from ..scene import Scene, SceneObject
from ..worlds import get_world
from .captions import CARRY, _renderer, _run, command_for
from .edits import EditMaker, _png
from .imageset import SPLITS, assign_splits, write_card, write_jsonl

WORLDS = ("shapes", "street")
CSS_KINDS = {"add": "add", "remove": "remove", "recolour": "change attribute"}
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
    if world == "street":  # SIBLINGS triples share a query; each changes it its own way
        query, target, kind, text = street_triple(random.Random(f"scenewright-css:{seed}:{i // SIBLINGS}"), rng)
        files = {s: tuple(_png(im) for im in subject_pictures((query, target), s)) + (None,) for s in sizes}
        return i, query.to_dict(), target.to_dict(), kind, text, files
    query, target, kind, text, _ = EditMaker(world).make(rng, kinds=("recolour", "add", "remove"))
    r = _renderer(world)
    files = {s: (_png(r.render(query, (s, s))), _png(r.render(target, (s, s))), _png(top_view(query, s)))
             for s in sizes}
    return i, query.to_dict(), target.to_dict(), CSS_KINDS[kind], text, files


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
    if world == "street":  # siblings stay in one split
        groups = assign_splits(-(-n // SIBLINGS), seed)
        split_of = [groups[i // SIBLINGS] for i in range(n)]
    else:
        split_of = assign_splits(n, seed)
    records: dict[str, list[dict]] = {s: [] for s in SPLITS}
    counts = {"add": 0, "remove": 0, "change attribute": 0}
    jobs = [(world, seed, i, tuple(sizes)) for i in range(n)]
    for i, q, t, kind, text, files in _run(_css_work, jobs, workers, progress, "css triples"):
        rid = f"{i:06d}"
        rec = {"id": rid, "query": {"images": {}, "scene": q}, "text": text, "modification": kind,
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
        counts[kind] += 1
    for s in SPLITS:
        write_jsonl(out / f"{s}.jsonl", records[s])
    card = {"kind": "css", "world": world, "n": n, "seed": seed, "sizes": sizes,
            "splits": {s: len(records[s]) for s in SPLITS},
            "command": command_for("css", world=world, n=n, size=tuple(sizes), out=out, seed=seed),
            "captions_per_image": 0, "modifications": counts,
            "source": "TIRG's CSS recipe on scenewright scenes: " + (
                "one spine edit (add, remove, change attribute) per triple; query_2d is a PIL top view of the query"
                if world == "shapes" else "one vehicle or person per picture, cut out square; one change (colour, "
                "vehicle kind, top, a carried thing or a hat added or taken away) per triple; 4 triples share each "
                "query; no 2D view"),
            "license": "generated by scenewright from its own procedural sprites: same license as scenewright"}
    write_card(out, card)
    return json.loads((out / "card.json").read_text())


# -- the street (witness) variant: one vehicle or one person per picture, "like this one, but …" --------------
SIBLINGS = 4  # street triples i = 4g … 4g+3 share one query picture, as CSS scenes take several modifications
STREET_VEHICLES = ("car", "van", "truck", "bus", "motorcycle", "bicycle", "police car")
STREET_PEOPLE = ("man", "woman", "child")
VEHICLE_COLORS = ("white", "black", "silver", "red", "blue", "green", "yellow")
THING_COLORS = ("black", "brown", "red", "blue", "green", "yellow", "white")
HATS = ("cap", "beanie", "hat")
RECOLOUR_V = ("the same {cat} but {color}", "like this {cat} but {color}", "a {color} {cat} like this one",
              "the same but {color}", "it was {color}", "same {cat}, only {color}")
KIND_V = ("a {new} instead of the {old}", "the same but a {new}", "it was a {new}, not a {old}",
          "like this but a {new}")
TOP_P = ("the same {cat} but in {top}", "the {cat} in {top}", "like this but wearing {top}",
         "the same {cat}, {top}")
TOP_COLOR_P = ("but the {kind} was {color}", "the same {cat} but the {kind} was {color}")
WITHOUT_P = ("the {cat} without the {thing}", "the same {cat} but no {thing}", "like this but without the {thing}",
             "no {thing}")
WITH_P = ("the same {cat} with {thing}", "the {cat} with {thing}", "like this but with {thing}",
          "the same {cat} but carrying {thing}")
WEARING_P = ("the same {cat} with {thing}", "like this but wearing {thing}", "the {cat} in {thing}")


def _subject(w, rng: random.Random) -> SceneObject:
    """One vehicle or one person as the scene sampler draws them (data/captions.py), on its near side."""
    from .captions import BOTTOMS, CLOTH_COLORS, TOPS

    if rng.random() < 0.5:
        cat = w.category(rng.choice(STREET_VEHICLES))
        color = rng.choice(VEHICLE_COLORS) if cat.name != "police car" else None
        _, y = w.place("in the near lane", cat, 1.0)
        return SceneObject("o1", cat.name, 0.5, y, color=color, flip=rng.random() < 0.5)
    cat = w.category(rng.choice(STREET_PEOPLE))
    top = rng.choice(TOPS if cat.name != "woman" else TOPS + ("dress",))
    attrs = {"top": rng.choice(CLOTH_COLORS), "top_kind": top}
    if top != "dress" and rng.random() < 0.6:
        attrs.update(bottom=rng.choice(CLOTH_COLORS), bottom_kind=rng.choice(BOTTOMS))
    if rng.random() < 0.3:
        attrs.update(headwear=rng.choice(THING_COLORS), headwear_kind=rng.choice(HATS))
    if rng.random() < 0.4:
        attrs.update(carry=rng.choice(THING_COLORS), carry_kind=rng.choice(CARRY))
    pose = rng.choices(("standing", "walking", "running"), (0.5, 0.35, 0.15))[0]
    _, y = w.place("on the near sidewalk", cat, 1.0)
    return SceneObject("o1", cat.name, 0.5, y, pose=pose, flip=rng.random() < 0.5, attributes=attrs)


def _changed(obj: SceneObject, rng: random.Random) -> tuple[SceneObject, str, str]:
    """(the target's object, CSS kind, the modification text) for one subject (see the module docstring)."""
    from dataclasses import replace

    from ..language.replies import a_or_an
    from .captions import CLOTH_COLORS, TOPS

    cat, a = obj.category, dict(obj.attrs)
    if cat in STREET_VEHICLES:
        if cat != "police car" and rng.random() < 0.7:
            color = rng.choice([c for c in VEHICLE_COLORS if c != obj.color])
            return replace(obj, color=color), "change attribute", rng.choice(RECOLOUR_V).format(cat=cat, color=color)
        new = rng.choice([c for c in STREET_VEHICLES if c not in (cat, "police car")])
        color = obj.color or rng.choice(VEHICLE_COLORS)
        return (replace(obj, category=new, color=color), "change attribute",
                rng.choice(KIND_V).format(new=new, old=cat))
    options = ["top", "carry", "hat"]
    kind = rng.choice(options)
    if kind == "top":
        color = rng.choice([c for c in CLOTH_COLORS if c != a["top"]])
        if a["top_kind"] != "dress" and rng.random() < 0.4:
            a["top"] = color
            text = rng.choice(TOP_COLOR_P).format(cat=cat, kind=a["top_kind"], color=color)
        else:
            top = rng.choice([t for t in TOPS if t != a["top_kind"]]) if a["top_kind"] != "dress" else "dress"
            a.update(top=color, top_kind=top)
            text = rng.choice(TOP_P).format(cat=cat, top=a_or_an(f"{color} {top}"))
        return replace(obj, attributes=a), "change attribute", text
    key = "carry" if kind == "carry" else "headwear"
    if a.get(f"{key}_kind"):
        thing = a.pop(f"{key}_kind")
        a.pop(key, None)
        return replace(obj, attributes=a), "remove", rng.choice(WITHOUT_P).format(cat=cat, thing=thing)
    thing = rng.choice(CARRY if key == "carry" else HATS)
    color = rng.choice(THING_COLORS)
    a.update({key: color, f"{key}_kind": thing})
    said = a_or_an(f"{color} {thing}" if rng.random() < 0.6 else thing)
    text = rng.choice(WITH_P if key == "carry" else WEARING_P).format(cat=cat, thing=said)
    return replace(obj, attributes=a), "add", text


def street_triple(rng: random.Random, change: random.Random | None = None) -> tuple[Scene, Scene, str, str]:
    """(query scene, target scene, CSS kind, text): one subject on an empty street (drawn by `rng`), changed once
    (by `change`, default `rng`)."""
    w = get_world("street")
    obj = _subject(w, rng)
    obj = replace_x(w, obj, rng.uniform(0.1, 0.9))
    bg = rng.choices(w.backgrounds, [6 if b == "day" else 2 if " " not in b else 1 for b in w.backgrounds])[0]
    new, kind, text = _changed(obj, change or rng)
    if new.category != obj.category:  # another kind of vehicle stands on the same line
        _, y = w.place("in the near lane", w.category(new.category), 1.0)
        new = replace_x(w, SceneObject(new.id, new.category, obj.x, y, color=new.color, flip=new.flip), obj.x)
    return Scene("street", bg, (obj,)), Scene("street", bg, (new,)), kind, text


def replace_x(w, obj: SceneObject, x: float) -> SceneObject:
    from dataclasses import replace

    from ..language.placement import clamp_x

    return replace(obj, x=round(clamp_x(w, obj.category, obj.scale, x, obj.y), 4))


def subject_pictures(scenes: Sequence[Scene], size: int) -> list[Image.Image]:
    """Each scene's one subject cut out square (the same window for all of them: the union of their boxes
    grown by a quarter), drawn at least 3× larger than `size` on the world's 3:2 canvas and reduced."""
    from ..language.placement import box

    w = get_world("street")
    cw, ch = w.canvas
    boxes = [box(w, s.objects[0]) for s in scenes]
    x0 = min(b.x - b.w / 2 for b in boxes) * cw
    x1 = max(b.x + b.w / 2 for b in boxes) * cw
    y0 = min(b.y - b.h / 2 for b in boxes) * ch
    y1 = max(b.y + b.h / 2 for b in boxes) * ch
    side = min(1.25 * max(x1 - x0, y1 - y0), ch)
    f = max(1.0, 3 * size / side)
    W, H = round(cw * f), round(ch * f)
    cx, cy = (x0 + x1) / 2 * f, (y0 + y1) / 2 * f
    s = side * f
    left, top = min(max(cx - s / 2, 0), W - s), min(max(cy - s / 2, 0), H - s)
    crop = (round(left), round(top), round(left + s), round(top + s))
    r = _renderer("street")
    return [r.render(sc, (W, H)).crop(crop).resize((size, size), Image.LANCZOS) for sc in scenes]


__all__ = ["make_css", "street_triple", "subject_pictures", "top_view"]
