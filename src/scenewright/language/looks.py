"""What a thing should look like after a clause: colour, size, expression, pose, facing, world attributes
(clothing, height, marks) and what the speaker was unsure of — and which background the words ask for."""

from __future__ import annotations

import re
from typing import Any, Sequence

from ..scene import SceneObject, Update
from ..worlds import Category, World
from .lexicon import NOT_WORN
from .references import Mention
from .replies import a_or_an
from .state import Refusal, State


def background(world: World, current: str, said: Sequence[str]) -> str:
    """The world's background that has every word said and keeps most of the current one: at night,
    "it was raining" gives "night rain" where the world combines time and weather."""
    words = set(" ".join(said).split())
    fits = [b for b in world.backgrounds if words <= set(b.split())]
    if not fits:
        return said[-1] if said[-1] in world.backgrounds else world.default_background
    keep = set(current.split())
    return max(fits, key=lambda b: (len(keep & set(b.split())), -len(b.split())))


def _unsure(c, *said: object) -> bool:
    unsure = getattr(c, "unsure", None)
    return unsure(*said) if unsure is not None else bool(getattr(c, "hedge", False))


_HEIGHT_AS_SIZE = {"tall": 1.25, "short": 0.8}  # a witness's "taller" is a person's height, a shop's size


def _height_is_size(cat: Category, c) -> bool:
    """"he was taller" is how tall he was; "make the guy taller" and "the shop was taller" are sizes."""
    return "height" not in cat.attributes or getattr(c, "verb", None) in ("make", "resize")


_EVEN = re.compile(r"\beven (?:bigger|smaller|larger|tinier|taller|shorter)\b")  # than the thing before


def _size_ref(c, state: State, obj: SceneObject | None) -> SceneObject | None:
    name = getattr(c, "size_ref", None)
    if not name:
        return None
    colour, _, kind = name.rpartition(":")  # "red:one" for "the red one", "max:cube" for "the big cube"
    fits = [o for i in state.order() + [o.id for o in state.scene.objects] for o in state.scene.objects
            if o.id == i and (o.category == kind or kind == "one") and (obj is None or o.id != obj.id)]
    if colour in ("max", "min"):
        return (max if colour == "max" else min)(fits, key=lambda o: o.scale) if fits else None
    return next((o for o in fits if not colour or o.color == colour), None)  # "as big as the tree"


_NOTED = ("facial_hair",)  # read as attributes, kept as notes on a person (no sprite shows them): "a beard"


def said_not_worn(c) -> bool:
    """"he didn't have a beard", "actually, she wasn't wearing a hat": a clause saying someone had something off
    (which the interpreter takes off them, and a correction leaves to it)."""
    return bool(c.neg and (c.kinds or any(a in _NOTED for a, _ in c.attrs)) and NOT_WORN.search(c.text))


def _ride_goes(state: State, obj: SceneObject | None, motion: str) -> bool:
    """"The kid rode off": the motion is the vehicle's the person rides (and goes with). True when there is one.
    (Not a driver's: he may have got out.)"""
    if obj is None or obj.attrs.get("role") != "rider" or not obj.attrs.get("of"):
        return False
    vehicle = state.scene.get(str(obj.attrs["of"]))
    if vehicle is None:
        return False
    if vehicle.attrs.get("motion") != motion:
        state.do(Update.of(vehicle.id, attributes={**vehicle.attrs, "motion": motion}))
    return True


def _lacks(state: State, cat: Category, what: str) -> None:
    thing = a_or_an(cat.name)
    state.notes.append(f"({thing[0].upper()}{thing[1:]} has no {what}.)")


def looks(world: World, cat: Category, m: Mention | None, c, state: State, obj: SceneObject | None) -> dict:
    """Colour, size, expression, pose, facing, attributes from the mention and the clause."""
    out: dict[str, Any] = {}
    uncertain: dict[str, list[str]] = dict(obj.unsure) if obj else {}
    attrs: dict[str, Any] = dict(obj.attrs) if obj else {}
    colors = (m.colors if m else []) + c.colors
    if c.alternatives and c.colors and m and m.colors and set(m.colors) <= {"dark", "light"}:
        colors = list(c.colors)  # "a dark car, maybe dark blue or black": which dark, unsure
    if colors and c.kind_subject:  # "the hoodie was black": the hoodie's colour, not the man's
        slot = c.kind_subject[0]
        attrs[slot] = colors[0]
        if _unsure(c, *colors) or c.alternatives:
            uncertain[slot] = list(dict.fromkeys(colors))
        else:
            uncertain.pop(slot, None)
    elif colors and c.kinds and not (m and m.colors) and any(colour for _, colour, _ in c.kinds):
        pass  # loose colours next to "a green jacket" are about the jacket, handled below
    elif colors:
        if c.alternatives and len(colors) > 2 and colors[-1] in colors[:-1]:  # "green. or cyan. cyan.": decided
            colors, c.alternatives = [colors[-1]], False
        colors = list(dict.fromkeys(colors))
        if len(colors) > 1 and not (c.alternatives or _unsure(c, *colors)):
            raise Refusal(f"The {cat.name} can't be both {colors[0]} and {colors[1]} — which one?")
        if cat.colorable or not world.scales:
            out["color"] = colors[0]
            if _unsure(c, *colors) or c.alternatives:
                uncertain["color"] = colors
            else:
                uncertain.pop("color", None)  # said for sure now
        else:
            state.skip(colors[0], why=f"(I skipped {colors[0]!r}: the {cat.name} has its own colours, so I left "
                                      f"them.)")  # said, and not done: the turn says so and is not ok
    sizes = (m.sizes if m else []) + c.sizes
    ref = _size_ref(c, state, obj)
    if ref is None and sizes and sizes[-1][0] == "same":  # "in front of it is a cube of the same size": as the
        ref = next((o for i in state.order() for o in state.scene.objects  # thing talked about last
                    if o.id == i and (obj is None or o.id != obj.id)), None)
    if ref is not None and sizes:  # "half the size of the cube": the cube's size, halved
        sizes = [("abs", ref.scale * v) if k == "rel" else ("abs", ref.scale) if k in ("abs", "same") else (k, v)
                 for k, v in sizes[-1:]]  # ("the same size as the cube", "as big as the cube": the cube's)
    sizes += [("rel", _HEIGHT_AS_SIZE[v]) for a, v in (m.attrs if m else []) + c.attrs
              if a == "height" and v in _HEIGHT_AS_SIZE and _height_is_size(cat, c)]  # "make the shop taller"
    if cat.people and "build" in cat.attributes and sizes and (all(k == "abs" for k, _ in sizes) or ref is None and
                                                                 sizes[-1][0] == "rel" and not _height_is_size(cat, c)):
        big = sizes[-1][1] > 1  # a witness's "big lads", "a small man", "the other was smaller": how they were
        # built, not how far away
        attr, value = ("build", "heavy") if big else ("height", "short")
        c.attrs.append((attr, value))
        sizes = []
    base = obj.scale if obj else 1.0
    if sizes and sizes[-1][0] == "rel" and _EVEN.search(getattr(c, "text", "")):
        other = next((o for i in state.this_turn[::-1] for o in state.scene.objects  # "make the cat small and the
                      if o.id == i and (obj is None or o.id != obj.id)), None)   # duck even smaller": than the cat
        if other is not None:
            base = min(base, other.scale) if sizes[-1][1] < 1 else max(base, other.scale)
    scale = base
    for kind, factor in sizes:
        scale = factor if kind == "abs" else scale * factor if kind == "rel" else scale
    if sizes:
        scale = world.quantize_scale(scale)
        if obj is not None and scale == obj.scale and sizes[-1][0] == "rel":
            state.notes.append(f"(The {cat.name} is already as {'big' if sizes[-1][1] > 1 else 'small'} "
                               f"as it gets here.)")
    if obj is None or sizes:
        out["scale"] = scale
    exprs = (m.expressions if m else []) + c.expressions
    poses = (m.poses if m else []) + c.poses
    lying: list[str] = []
    if exprs or poses:
        if cat.people:
            if exprs:
                out["expression"] = exprs[-1]
            if poses:
                out["pose"] = poses[-1]
        elif cat.animal:
            _lacks(state, cat, f"{'expression' if exprs else 'pose'} to set")  # drawn as its sprite is
        elif poses == ["lying"] and not exprs and cat.attributes and not any(
                t.head == "PRON" and t.value in ("male", "female") or t.head == "CAT" and
                str(t.value) in world.category_names and world.category(str(t.value)).people
                for t in getattr(c, "targets", ())):  # (not "… down he went, lying there, and the car …")
            lying = ["lying on the ground"]  # "the bike was just lying there": how the thing lay, as a note
        else:  # "a bus sitting", "the grill is sitting": the look was meant for someone else
            word, what = str((exprs or poses)[-1]), "expression" if exprs else "pose"
            state.skip(word, f"(I skipped {word!r}: {a_or_an(cat.name)} has no {what} to set.)")
    if c.facing and (cat.facing is not None or len(c.targets) <= 1):
        current = obj.flip if obj else False
        if c.facing == "toggle":
            out["flip"] = not current
        elif c.facing in ("left", "right"):
            out["flip"] = (cat.facing or "right") != c.facing
        elif c.facing in ("each other", "apart"):
            pass  # handled by the caller, which sees both
    noted: list[str] = []
    for attr, value in (m.attrs if m else []) + c.attrs:
        if attr == "height" and value in _HEIGHT_AS_SIZE and _height_is_size(cat, c):
            continue  # a size, above
        if attr in _NOTED:  # "Beard.", "a bearded man": nothing a sprite shows — a note on the person
            if cat.people and value not in noted:
                noted.append(value)
            continue
        if attr not in cat.attributes and any(attr in k.attributes for k in world.categories):
            if not (attr == "motion" and _ride_goes(state, obj, value)):
                _lacks(state, cat, attr)  # "a car doing about forty": forty is not the car's age
            continue
        attrs[attr] = value
        if attr in ("role", "of"):  # what the person does with which vehicle: read, never hedged
            continue
        if _unsure(c, (attr, value)):
            uncertain[attr] = [value]
        else:
            uncertain.pop(attr, None)
    if getattr(c, "goes", False) and "motion" not in cat.attributes and "motion" in world.attribute_values and \
            not any(a == "motion" for a, _ in (m.attrs if m else []) + c.attrs):
        _ride_goes(state, obj, "moving")  # "the kid rode off": the bike he is on goes
    if getattr(c, "goes", False) and "motion" in cat.attributes and "motion" in world.attribute_values and \
            not any(a == "motion" for a, _ in (m.attrs if m else []) + c.attrs) and attrs.get("motion") != "moving":
        attrs["motion"] = "moving"  # "a car came really fast from the right": it was on the move
        if _unsure(c, ("motion", "moving")):
            uncertain["motion"] = ["moving"]
    worn = [k for k in (m.kinds if m and obj is None else []) if k not in c.kinds]  # "the red shirt lad", new
    for slot, colour, kind in c.kinds + worn:
        if slot not in cat.attributes and any(slot in k.attributes for k in world.categories):
            continue  # "a lad on a racing bike, bright orange top": the lad's top, not the bike's
        attrs[f"{slot}_kind"] = kind
        if colour:
            attrs[slot] = colour
        if _unsure(c, *colors) and colour and c.kinds[-1][2] == kind and colors:
            uncertain[slot] = list(dict.fromkeys([colour] + colors))  # "green, maybe dark green"
        elif _unsure(c, (slot, kind), colour):
            uncertain[f"{slot}_kind"] = [kind]
        else:
            uncertain.pop(f"{slot}_kind", None)
            if colour:
                uncertain.pop(slot, None)
    if obj is None and getattr(c, "hedged_there", False):
        uncertain["there"] = list(dict.fromkeys(getattr(c, "hedge_words", ()))) or ["maybe"]  # "I think there's
        # a swing": that it was there at all is what the speaker was unsure of
    if c.marks:
        new_marks = [mk for mk in c.marks if mk not in attrs.get("marks", [])]
        attrs["marks"] = list(attrs.get("marks", [])) + new_marks
        if new_marks and _unsure(c, *c.marks):  # "I think the plate ended 4KX"
            uncertain["marks"] = list(dict.fromkeys(list(uncertain.get("marks", [])) + new_marks))
    notes = [n for n in dict.fromkeys(noted + list(getattr(c, "notes", ())) + lying)
             if n not in attrs.get("notes", [])]
    if notes:  # said, cannot be drawn: kept in the speaker's words on the thing it is about
        attrs["notes"] = list(attrs.get("notes", [])) + notes
        state.kept.extend(f"the {cat.name}: {n}" for n in notes)
        if _unsure(c, *(n.split()[-1] for n in notes)):
            uncertain["notes"] = list(dict.fromkeys(list(uncertain.get("notes", [])) + notes))
    named = re.search(rf"\b{re.escape(m.surface)} (?:named|called) ([a-z]+)\b", c.text) if (
        m is not None and obj is None and m.head == "CAT" and m.surface and (cat.people or cat.animal)) else None
    if named and named.group(1) not in ("a", "an", "the"):  # "a boy named Sam": then "Sam is sad" is him
        attrs["name"] = named.group(1)
        c.handled.update({"named", "called", named.group(1)})
    said_as = m.surface if m is not None and obj is None and m.head == "CAT" and cat.attributes else ""
    if said_as and said_as not in (cat.name, cat.plural_name):  # "SUV", "cop car": the word as said
        attrs["called"] = said_as
    for t in getattr(c, "targets", ()) if obj is not None and "called" not in attrs and cat.attributes else ():
        if t.head == "CAT" and t.value == cat.name and t.surface not in (cat.name, cat.plural_name) and \
                f"like {t.surface}" in c.text:  # "one black car, very big, like SUV": what kind, as said
            attrs["called"] = t.surface
    before = obj.unsure if obj else {}
    for key, values in uncertain.items():  # keep how sure the witness was, in their own words
        if values != before.get(key) and (c.hedge_words or c.alternatives):
            attrs[f"{key}_hedge"] = ", ".join(dict.fromkeys(c.hedge_words)) or "or"
    for key in list(attrs):
        if key.endswith("_hedge") and key[:-6] not in uncertain:
            del attrs[key]  # said for sure later: no longer hedged
    if attrs != (obj.attrs if obj else {}):
        out["attributes"] = attrs
    if uncertain != (obj.unsure if obj else {}):
        out["uncertain"] = uncertain
    return out
