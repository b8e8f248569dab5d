"""Describing what was stated about a thing, in words an officer can read: where it is in its world
("on the far sidewalk, left"), a field's value ("facing left", "red or orange"), a one-line summary, and the
names of fields and times as the record prints them."""

from __future__ import annotations

from datetime import datetime, timezone, tzinfo
from typing import Any

from ..language.replies import a_or_an  # noqa: F401 (the witness words use it, and re-export it)
from ..scene import SceneObject
from ..worlds import World

NICE_NAMES = {"color": "colour", "pose": "posture", "flip": "facing", "position": "position", "scale": "size",
              "category": "kind of thing", "top_kind": "top (garment)", "bottom_kind": "bottom (garment)",
              "headwear_kind": "headwear", "eyewear_kind": "eyewear", "face_kind": "face covering",
              "shoes_kind": "shoes", "carry_kind": "carrying", "top": "top colour", "bottom": "bottom colour",
              "headwear": "headwear colour", "eyewear": "eyewear colour", "face": "face covering colour",
              "shoes": "shoe colour", "carry": "colour of what was carried", "marks": "marks",
              "motion": "moving or parked", "sign": "sign text", "background": "time and weather",
              "notes": "also said (not drawn)", "called": "the witness's word for it",
              "role": "driver, rider or passenger", "of": "whose (driver, rider, passenger)", "with": "held or worn by",
              "there": "whether it was there", "label": "called in the statement"}
LISTED = ("notes", "marks")  # fields that grow: a new item is said in addition, not a correction
ACRONYMS = {"suv", "atv", "rv", "mpv", "hgv", "bmw", "vw", "4x4", "uk", "us", "ups", "dhl"}
SLOT_NAMES = {"top": "top (garment, colour)", "bottom": "bottom (garment, colour)", "headwear": "headwear",
              "eyewear": "eyewear", "face": "face covering", "shoes": "shoes", "carry": "anything carried"}


def nice(name: str) -> str:
    if name.startswith("unsure:"):
        return f"{nice(name[7:])} (unsure)"
    return NICE_NAMES.get(name, name.replace("_", " "))


def said_word(word: str) -> str:
    """A word as the witness would write it: "suv" -> "SUV", "i think" -> "I think"."""
    return " ".join(w.upper() if w.lower() in ACRONYMS else "I" + w[1:] if w in ("i", "i'm", "i've", "i'd")
                    else w for w in str(word).split())


def hedged(obj: SceneObject, name: str) -> str:
    """ " (said: 'I think')" when the witness hedged `name` in words; "" otherwise."""
    words = obj.attrs.get(f"{name}_hedge")
    return f" (said: '{said_word(words)}')" if words and words != "or" else ""


def clock(t: float, tz: tzinfo | None = None) -> str:
    """HH:MM:SS of a log time (local time unless `tz`)."""
    return datetime.fromtimestamp(t, tz or timezone.utc).astimezone(tz).strftime("%H:%M:%S")


def where(world: World, obj: SceneObject) -> str:
    """Where an object is, in the words of its world ("on the far sidewalk, left")."""
    side = "left" if obj.x < 0.36 else "right" if obj.x > 0.64 else "centre"
    if world.name == "street":
        from ..worlds import street

        cat = world.category(obj.category)
        if cat.group == "buildings":
            return f"across the street, {side}"
        bottom = obj.y + cat.height * obj.scale * world.size_factor(obj.y) / 2
        if obj.x > street.CORNER_X - 0.06 and bottom < street.FAR_CURB + 0.01 and cat.group != "buildings":
            return "at the corner" if obj.x < street.SIDE_X1 else f"{street.region(bottom)}, right"
        return f"{street.region(bottom)}, {side}"
    depth = "at the back" if obj.y < 0.45 else "at the front" if obj.y > 0.75 else "in the middle"
    return f"{depth}, {side}"


def value_text(world: World, obj: SceneObject | None, name: str, value: Any) -> str:
    if value is None or value == () or value == []:
        return "not stated"
    if name == "flip":
        cat = world.category(obj.category) if obj is not None else None
        right = (cat.facing if cat and cat.facing else "right") == "right"
        return "facing left" if bool(value) == right else "facing right"
    if name == "position":
        return where(world, obj) if obj is not None else str(value)
    if name == "scale":
        return f"{float(value):.2g}× the usual size"
    if name == "called":
        return f"'{said_word(value)}'"
    if name == "unsure:there":  # the parser keeps the witness's hedge words here
        return "maybe (" + ", ".join(map(str, value)) + ")"
    if name.startswith("unsure:"):
        return ("; " if name[7:] in LISTED else " or ").join(str(v) for v in value)
    if isinstance(value, (list, tuple)):
        return "; ".join(str(v) for v in value)
    return str(value)


def label(obj: SceneObject) -> str:
    return f"the {obj.category} ({obj.id})"


def fields_of(obj: SceneObject) -> dict[str, Any]:
    """The things a witness can state about an object, flattened ("color", "pose", "top", "unsure:color" …)."""
    out: dict[str, Any] = {"category": obj.category, "position": (round(obj.x, 3), round(obj.y, 3)),
                           "scale": round(obj.scale, 3), "flip": obj.flip, "color": obj.color, "pose": obj.pose,
                           "expression": obj.expression}
    for k, v in obj.attrs.items():
        if not k.endswith("_hedge"):  # how sure, in the witness's words: shown with what it qualifies
            out[k] = tuple(v) if isinstance(v, list) else v
    for k, v in obj.unsure.items():
        out[f"unsure:{k}"] = tuple(v)
    return out


PERSON_WORDS = {"hair": "{} hair", "build": "{} build", "skin": "{} skin", "height": "{}", "age": "{}"}
SLOT_WORDS = {"top": "top", "bottom": "trousers", "headwear": "headwear", "eyewear": "glasses",
              "face": "face covering", "shoes": "shoes", "carry": "thing"}
WEARS = ("headwear", "eyewear", "face")  # "wears a cap", "wears sunglasses"


def _attr_words(k: str, v: Any) -> str:
    if k == "hair" and v == "bald":
        return "bald"
    if k == "height" and v == "average":
        return "average height"
    return PERSON_WORDS.get(k, nice(k) + " {}").format(v)


def other_label(scene: Any, object_id: Any) -> str:
    """ "the van (o3)" for an id, when the scene has it; the id otherwise."""
    for o in getattr(scene, "objects", ()):
        if o.id == object_id:
            return label(o)
    return str(object_id)


def phrase(world: World, obj: SceneObject, name: str, value: Any = None, scene: Any = None) -> str:
    """One detail of `obj` in words, never a field name: "black hoodie", "carries a bag", "facing left",
    "the driver of the van (o3)", "also said (not drawn): beard". `value` defaults to the object's own."""
    a = obj.attrs
    if value is None:
        value = fields_of(obj).get(name)
    if name == "unsure:there":  # the parser keeps the hedge words here: the doubt is whether it was there
        return "unsure whether it was there"
    if name.startswith("unsure:"):
        alts = [phrase(world, obj, name[7:], v if name[7:] not in LISTED else (v,), scene) for v in value]
        return "unsure: " + ("; " if name[7:] in LISTED else " or ").join(alts)
    if value is None or value == () or value == []:
        return f"{nice(name)} not stated"
    slots = world.attribute_kinds
    if name == "category":
        return a_or_an(value)
    if name == "called":
        return f"called {value_text(world, obj, name, value)}"
    if name in ("flip", "position", "scale"):
        return value_text(world, obj, name, value)
    if name == "color":
        return f"in {value}" if world.category(obj.category).people else str(value)
    if name in ("pose", "expression"):
        return str(value)
    if name in slots:  # the colour of a slot, said with its kind: "black hoodie", "carries a red bag"
        kind = a.get(f"{name}_kind")
        words = f"{value} {kind or SLOT_WORDS.get(name, name)}"
        return f"carries {a_or_an(words)}" if name == "carry" else f"wears {a_or_an(words)}" if name in WEARS \
            else words
    if name.endswith("_kind") and name[:-5] in slots:
        slot = name[:-5]
        return f"carries {a_or_an(value)}" if slot == "carry" else f"wears {a_or_an(value)}" if slot in WEARS \
            else str(value)
    if name == "marks":
        return "marks: " + "; ".join(f"“{m}”" for m in value)
    if name == "notes":
        return "also said (not drawn): " + ", ".join(map(str, value))
    if name == "sign":
        return f"sign: “{value}”"
    if name == "label":  # "Suspect one": the name the statement gives them
        return f"called “{str(value).capitalize()}”"
    if name == "role":
        return f"the {value} of {other_label(scene, a.get('of'))}" if a.get("of") else f"the {value}"
    if name == "of":
        return f"belongs with {other_label(scene, value)}"
    if name == "with":
        return f"with {other_label(scene, value)}"
    if name in PERSON_WORDS or name == "motion":
        return _attr_words(name, value) if name != "motion" else str(value)
    if isinstance(value, (list, tuple)):
        value = "; ".join(map(str, value))
    return f"{nice(name)}: {value}"


def _attribute_bits(world: World, obj: SceneObject, scene: Any = None) -> tuple[list[str], list[str], list[str]]:
    """(the witness's word for it, the world's attributes with their hedges, what else they were unsure of)."""
    a = obj.attrs
    unsure = obj.unsure
    called = [f"called {value_text(world, obj, 'called', a['called'])}"] if a.get("called") else []
    bits = []
    slots = world.attribute_kinds
    for k in sorted(a):
        if k.endswith("_hedge") or k in ("marks", "notes", "called") or (k == "of" and a.get("role")):
            continue
        if k.endswith("_kind") and k[:-5] in slots and k[:-5] in a:
            continue  # said with its colour: "black hoodie"
        bits.append(phrase(world, obj, k, scene=scene))
        base = k[:-5] if k.endswith("_kind") else k
        if k in unsure or f"{base}_kind" in unsure or base in unsure:
            bits[-1] += hedged(obj, k) or hedged(obj, f"{base}_kind") or hedged(obj, base)
    if a.get("marks"):
        hedged_marks = set(unsure.get("marks", ()))
        bits.append("marks: " + "; ".join(
            str(m) + (hedged(obj, "marks") if m in hedged_marks else "") for m in a["marks"]))
    if a.get("notes"):
        hedged_notes = set(unsure.get("notes", ()))
        bits.append("also said (not drawn): " + ", ".join(
            str(n) + (hedged(obj, "notes") if n in hedged_notes else "") for n in a["notes"]))
    doubts = [phrase(world, obj, "unsure:" + k, alts, scene) for k, alts in unsure.items()
              if k not in LISTED and not (len(alts) == 1 and hedged(obj, k))]  # else shown with the thing itself
    return called, bits, doubts


def attribute_words(world: World, obj: SceneObject, scene: Any = None) -> list[str]:
    """What was said of an object beyond its colour, posture and place, in words: "called 'SUV'", "black
    hoodie", "carries a bag (said: 'I think, maybe')", "the driver of the van (o3)" — for object lists."""
    called, bits, doubts = _attribute_bits(world, obj, scene)
    return called + bits + doubts


def summary(world: World, obj: SceneObject, scene: Any = None) -> str:
    """A one-line description of everything stated about an object, in words ("called 'SUV'", "also said (not
    drawn): white apron (said: 'I think')", "carries a bag (said: 'I think, maybe')"), never field names."""
    called, bits, doubts = _attribute_bits(world, obj, scene)
    looks = []
    for key in ("color", "pose"):
        value = getattr(obj, key)
        if value:
            looks.append((str(value) if key == "pose" else phrase(world, obj, key))
                         + (hedged(obj, key) if key in obj.unsure else ""))
    facing = [value_text(world, obj, "flip", True)] if world.category(obj.category).facing and obj.flip else []
    return f"{obj.category}: " + ", ".join(called + looks + bits + facing + doubts + [where(world, obj)])
