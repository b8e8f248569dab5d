"""Edit pairs for text-guided image manipulation and inpainting (ManiGAN, TDANet, …): source, instruction,
target, and the mask of what changed.

A pair is one of the spine's own edits (scene/edits.py: `Update`, `Add`, `Remove`) applied to a random scene
of data/captions.py: "recolour" (a colourable thing gets another colour), "attribute" (street: a person's top
changes colour or kind, "the man wears a green jacket"; park: a person's expression or pose), "add" (one new
object placed as the scene sampler would, said with a relation to an object already there or an absolute
place), "remove" (one object; worn things go with their wearer). The instruction names the object so that
only it fits (category and colour, then its side when that is needed) in one of several phrasings. The mask
is 255 where the rendered target differs from the rendered source at that size (L-mode PNG). Captions of
both images come from language/describe.py. Pair i depends only on (seed, i): same command, same bytes.
"""

from __future__ import annotations

import io
import json
import random
from pathlib import Path
from typing import Sequence

import numpy as np
from PIL import Image

from ..errors import ScenewrightError
from ..language.describe import Describer
from ..language.replies import a_or_an
from ..scene import Add, Remove, Scene, SceneObject, Update, apply
from ..scene.edits import edit_to_dict
from ..worlds import get_world
from .captions import (CLOTH_COLORS, TOPS, WORLDS, _crowded, _renderer, _run, _sample_object, command_for,
                       random_scene)
from .imageset import SPLITS, assign_splits, write_card, write_jsonl

KINDS = ("recolour", "attribute", "add", "remove")
RECOLOUR = ("make the {ref} {color}", "paint the {ref} {color}", "change the colour of the {ref} to {color}",
            "turn the {ref} {color}", "the {ref} should be {color}", "color the {ref} {color}")
ADD = ("add {np} {where}", "put {np} {where}", "place {np} {where}", "there is also {np} {where}",
       "draw {np} {where}")
REMOVE = ("remove the {ref}", "take away the {ref}", "delete the {ref}", "get rid of the {ref}",
          "there is no {ref}", "the {ref} is gone")
TOP = ("the {ref} wears {top}", "give the {ref} {top}", "the {ref} should wear {top}",
       "put the {ref} in {top}", "change the {ref}'s top to {top}")
FEELING = ("make the {ref} {value}", "the {ref} looks {value}", "the {ref} is {value} now")
POSE = ("the {ref} is {value}", "make the {ref} {value}", "the {ref} should be {value}")


class EditMaker:
    """Random edits of random scenes in one world, with their instructions."""

    def __init__(self, world: str):
        self.world = get_world(world)
        self.describer = Describer(self.world)

    def reference(self, scene: Scene, obj: SceneObject, rng: random.Random) -> str | None:
        """Words that pick out `obj` alone in `scene` ("red cube", "red cube on the left"), or None."""
        d = self.describer
        head = d.thing(obj, random.Random(0)).head  # canonical words, not synonyms: a reference is exact
        same = [o for o in scene.objects if o.id != obj.id and d.thing(o, random.Random(0)).head == head]
        if not same:
            return head
        side = d.side(obj)
        if side and all(d.side(o) != side for o in same):
            return f"{head} {side}"
        return None

    def candidates(self, scene: Scene, kind: str) -> list[SceneObject]:
        w = self.world
        objs = [o for o in scene.objects if not o.attrs.get("with")]
        if kind == "recolour":
            return [o for o in objs if w.category(o.category).colorable and o.color and
                    not w.category(o.category).people]
        if kind == "attribute":
            return [o for o in objs if w.category(o.category).people]
        if kind == "remove":
            return objs
        return []

    def make(self, rng: random.Random, kinds: Sequence[str] = KINDS) -> tuple[Scene, Scene, str, str, list]:
        """(source, target, kind, instruction, edits)."""
        for _ in range(50):
            source = random_scene(self.world, rng)
            kind = rng.choice(list(kinds))
            out = getattr(self, f"_{kind}")(source, rng)
            if out is not None:
                target, text, edits = out
                return source, target, kind, text, edits
        raise ScenewrightError(f"could not make a {'/'.join(kinds)} edit in the {self.world.name} world")

    def _pick(self, scene: Scene, kind: str, rng: random.Random):
        objs = self.candidates(scene, kind)
        rng.shuffle(objs)
        for o in objs:
            ref = self.reference(scene, o, rng)
            if ref:
                return o, ref
        return None, None

    def _recolour(self, scene: Scene, rng: random.Random):
        obj, ref = self._pick(scene, "recolour", rng)
        if obj is None:
            return None
        palette = [c for c in (self.world.colors if self.world.name == "shapes" else
                               ("red", "blue", "green", "yellow", "white", "black")) if c in self.world.colors]
        color = rng.choice([c for c in palette if c != obj.color])
        edit = Update.of(obj.id, color=color)
        return apply(scene, edit), rng.choice(RECOLOUR).format(ref=ref, color=color), [edit]

    def _attribute(self, scene: Scene, rng: random.Random):
        obj, ref = self._pick(scene, "attribute", rng)
        if obj is None:
            return None
        if self.world.name == "street":
            a = obj.attrs
            color = rng.choice([c for c in CLOTH_COLORS if c != a.get("top")])
            kind = a.get("top_kind") if rng.random() < 0.6 else rng.choice([t for t in TOPS if t != a.get("top_kind")])
            edit = Update.of(obj.id, attributes={**a, "top": color, "top_kind": kind})
            return apply(scene, edit), rng.choice(TOP).format(ref=ref, top=a_or_an(f"{color} {kind}")), [edit]
        if rng.random() < 0.5:
            value = rng.choice([e for e in self.world.expressions if e != obj.expression])
            edit, text = Update.of(obj.id, expression=value), rng.choice(FEELING).format(ref=ref, value=value)
        else:
            value = rng.choice([p for p in self.world.poses if p != obj.pose])
            edit, text = Update.of(obj.id, pose=value), rng.choice(POSE).format(ref=ref, value=value)
        return apply(scene, edit), text, [edit]

    def _add(self, scene: Scene, rng: random.Random):
        if len(scene.objects) >= 5:
            return None
        d = self.describer
        for _ in range(30):
            obj = _sample_object(self.world, rng, scene.next_number, list(scene.objects))
            if obj is None or obj.attrs.get("with") or _crowded(self.world, obj, scene.objects):
                continue
            target = apply(scene, Add(obj))
            if self.reference(target, obj, rng) is None:
                continue
            thing = d.thing(obj, rng)
            landmarks = [o for o in scene.objects if not o.attrs.get("with")]
            rng.shuffle(landmarks)
            where = None
            for land in landmarks[:2]:
                rel, ref = d.relation(obj, land), self.reference(scene, land, rng)
                if rel and ref and rng.random() < 0.6:
                    where = f"{rel} the {ref}"
                    break
            where = where or d.place(obj, rng)
            if not where:
                continue
            return target, rng.choice(ADD).format(np=d.np(thing), where=where), [Add(obj)]
        return None

    def _remove(self, scene: Scene, rng: random.Random):
        obj, ref = self._pick(scene, "remove", rng)
        if obj is None:
            return None
        edits = [Remove(o.id) for o in scene.objects if o.attrs.get("with") == obj.id] + [Remove(obj.id)]
        target = scene
        for e in edits:
            target = apply(target, e)
        return target, rng.choice(REMOVE).format(ref=ref), edits


def diff_mask(a: Image.Image, b: Image.Image) -> Image.Image:
    """L-mode mask, 255 where the two RGB images differ at all."""
    diff = np.any(np.asarray(a, dtype=np.int16) != np.asarray(b, dtype=np.int16), axis=2)
    return Image.fromarray((diff * 255).astype(np.uint8), "L")


def _png(img: Image.Image) -> bytes:
    buf = io.BytesIO()
    img.save(buf, format="PNG", compress_level=6)
    return buf.getvalue()


def _edit_work(args: tuple) -> tuple:
    world, seed, i, sizes, k = args
    rng = random.Random(f"scenewright-edits:{seed}:{i}")
    source, target, kind, text, edits = EditMaker(world).make(rng)
    r, d = _renderer(world), Describer(world)
    files = {}
    for s in sizes:
        a, b = r.render(source, (s, s)), r.render(target, (s, s))
        files[s] = (_png(a), _png(b), _png(diff_mask(a, b)))
    base = seed * 1_000_003 + 2 * i
    caps = (d.captions(source, k, seed=base), d.captions(target, k, seed=base + 1))
    return i, source.to_dict(), target.to_dict(), kind, text, [edit_to_dict(e) for e in edits], caps, files


def make_edits(world: str, n: int, out: str | Path, seed: int = 0, sizes: Sequence[int] = (64,), k: int = 5,
               workers: int = 1, progress: bool = True) -> dict:
    """Write an "edits" image set (see the module docstring and data/imageset.py); returns its card."""
    if world not in WORLDS:
        raise ScenewrightError(f"unknown world {world!r} for edit pairs; worlds: {', '.join(WORLDS)}")
    if n < 1:
        raise ScenewrightError(f"--n must be at least 1, got {n}")
    sizes = sorted({int(s) for s in sizes})
    out = Path(out)
    if out.exists() and any(out.iterdir()) and not (out / "card.json").is_file():
        raise ScenewrightError(f"{out} exists and is not an image set: give an empty or new folder")
    for s in sizes:
        for d in ("source", "target", "masks"):
            (out / d / str(s)).mkdir(parents=True, exist_ok=True)
    split_of = assign_splits(n, seed)
    records: dict[str, list[dict]] = {s: [] for s in SPLITS}
    kinds = {k_: 0 for k_ in KINDS}
    jobs = [(world, seed, i, tuple(sizes), k) for i in range(n)]
    for i, src, tgt, kind, text, edits, caps, files in _run(_edit_work, jobs, workers, progress, "edit pairs"):
        rid = f"{i:06d}"
        rec = {"id": rid, "edit": kind, "instruction": text, "edits": edits,
               "source": {"images": {}, "scene": src, "captions": caps[0]},
               "target": {"images": {}, "scene": tgt, "captions": caps[1]}, "mask": {}}
        for s, (a, b, m) in files.items():
            for part, data, key in (("source", a, rec["source"]["images"]), ("target", b, rec["target"]["images"]),
                                    ("masks", m, rec["mask"])):
                rel = f"{part}/{s}/{rid}.png"
                (out / rel).write_bytes(data)
                key[str(s)] = rel
        records[split_of[i]].append(rec)
        kinds[kind] += 1
    for s in SPLITS:
        write_jsonl(out / f"{s}.jsonl", records[s])
    card = {"kind": "edits", "world": world, "n": n, "seed": seed, "sizes": sizes,
            "splits": {s: len(records[s]) for s in SPLITS},
            "command": command_for("edits", world=world, n=n, size=tuple(sizes), out=out, seed=seed, captions=k),
            "captions_per_image": k, "edits": kinds,
            "source": "random scenes of data/captions.py changed by one spine edit (recolour, attribute, add, "
                      "remove), drawn by the procedural renderer; mask = pixels that differ",
            "license": "generated by scenewright from its own procedural sprites: same license as scenewright"}
    write_card(out, card)
    return json.loads((out / "card.json").read_text())


__all__ = ["EditMaker", "KINDS", "diff_mask", "make_edits"]
