"""Replies: what a turn did, said the way a person would ("Added 2 red cubes.", "Made the girl happy.")."""

from __future__ import annotations

from typing import Sequence

from ..scene import Add, Edit, Entry, Remove, Scene, SetBackground, Update, apply
from ..worlds import World


def summary(world: World, edits: Sequence[Edit], before: Scene, notes: Sequence[str],
            after: Scene | None = None) -> str:
    """The reply to a turn: what it did, in words, then any notes ("(The bear has its own colours…)")."""
    known = {o.id: o.category for o in (after.objects if after else ())}
    known.update({o.id: o.category for o in before.objects})
    known.update({e.obj.id: e.obj.category for e in edits if isinstance(e, Add) and e.obj.id not in known})  # added
    # and removed in one turn: "added a campfire; removed the campfire"
    parts: list[str] = []
    seen: set[tuple[str, str]] = set()  # one thing moved twice in a turn was moved, not "the 2 girls"
    now = before  # each update said against the picture just before it ("noted … jacket" once, not per update)
    for e in edits:
        if isinstance(e, Update):
            name = next((o.category for o in now.objects if o.id == e.id), known.get(e.id, "object"))  # as it was
            part = said(e, name, now if any(o.id == e.id for o in now.objects) else before)
            if part and (e.id, part) not in seen:
                seen.add((e.id, part))
                parts.append(part)
        try:
            now = apply(now, e)
        except Exception:  # an edit list that does not apply in order (a caller's own list): say it as it is
            pass
        if isinstance(e, Update):
            continue
        if isinstance(e, SetBackground):
            parts.append(f"it's {e.background} now")
        elif isinstance(e, Add):
            o = e.obj
            words = [w for w in (o.color, o.expression, o.pose if o.pose != "standing" else None) if w]
            parts.append("added " + " ".join(words + [o.category]))
        elif isinstance(e, Remove):
            parts.append(f"removed the {known.get(e.id, 'object')}")
    parts = counted(world, parts)
    kept = [f"{', '.join(list(e.obj.attrs.get('marks', ())) + list(e.obj.attrs.get('notes', ())))} for the "
            f"{e.obj.category}" for e in edits
            if isinstance(e, Add) and (e.obj.attrs.get("notes") or e.obj.attrs.get("marks"))]
    if kept:  # what was said about a new thing and cannot be drawn is kept with it
        parts.append(f"noted (not drawn): {'; '.join(kept)}")
    text = "; ".join(dict.fromkeys(parts))
    text = text[:1].upper() + text[1:] + "." if text else ""
    return " ".join([text] + list(notes)).strip()


_UNSURE_WORDS = {"carry": "what was carried", "notes": "the details noted", "marks": "the marks", "top": "the top",
                 "bottom": "the bottoms", "headwear": "the headwear", "shoes": "the shoes", "eyewear": "the eyewear",
                 "face": "the face covering", "color": "the colour"}  # "(unsure: the marks)", not "marks"
_PLAIN_ATTRS = ("height", "build", "age", "motion", "material")  # "tall", "slim", "elderly", "parked" say what they are


def said(e: Update, name: str, before: Scene) -> str:
    """One update in words: what a user would say it did."""
    ch = dict(e.changes)
    old = next((o for o in before.objects if o.id == e.id), None)
    if "category" in ch:
        return f"changed the {name} into a {ch['category']}"
    if "color" in ch:
        return f"painted the {name} {ch['color']}" if ch["color"] else f"took the colour off the {name}"
    if "expression" in ch:
        return f"made the {name} {ch['expression']}" + (f", {ch['pose']}" if ch.get("pose") else "")
    if "pose" in ch:
        moved = old is not None and (old.x, old.y) != (ch.get("x", old.x), ch.get("y", old.y))
        return (f"moved the {name}; the {name} is {ch['pose']} now" if moved else f"the {name} is {ch['pose']} now")
    if "scale" in ch:
        if old is None:
            return f"resized the {name}"
        return f"made the {name} {'bigger' if ch['scale'] > old.scale else 'smaller'}"
    if "flip" in ch:
        return f"turned the {name} around" + (" and moved it" if "x" in ch or "y" in ch else "")
    if "x" in ch or "y" in ch:
        return f"moved the {name}"
    if "attributes" in ch or "uncertain" in ch:
        new = dict(ch.get("attributes", ()))
        said, kept = [], []
        for k, v in new.items():
            was = old.attrs.get(k) if old is not None else None
            if k.endswith("_hedge") or k == "called" or was == (list(v) if isinstance(v, tuple) else v):
                continue
            if k == "notes":
                kept += [n for n in v if n not in (was or ())]
            elif k.endswith("_kind"):  # "black hoodie", "screwdriver"
                said.append(" ".join(str(x) for x in (new.get(k[:-5]), v) if x))
            elif f"{k}_kind" in new:
                if old is not None and old.attrs.get(f"{k}_kind") == new[f"{k}_kind"]:
                    said.append(f"{v} {new[f'{k}_kind']}")  # "helmet was white": the kind is the same one
                continue  # else said with its kind
            elif k in ("role", "of"):
                continue
            else:
                value = ", ".join(v) if isinstance(v, tuple) else str(v)
                said.append(f"{value} {k}" if k in ("hair", "skin") and value != "bald" else value if k in _PLAIN_ATTRS
                            or value == "bald"
                            else f"{k.replace('_', ' ')}: {value}")
        if kept:
            said.append(f"{', '.join(kept)} (not drawn)")
        off = [str(old.attrs[k]) for k in (old.attrs if old is not None else ()) if k not in new and
               k.endswith("_kind")] + [n for n in (old.attrs.get("notes", ()) if old is not None else ())
                                       if n not in new.get("notes", ())]
        if off and not said:  # "remove his cap": it came off him
            return f"took the {' and the '.join(off)} off the {name}"
        unsure = list(dict.fromkeys(_UNSURE_WORDS.get(k.removesuffix("_kind"), k.removesuffix("_kind").replace("_", " "))
                                    for k, _ in ch.get("uncertain", ())))
        if not said and not unsure and set(new) - {"called"} == set(old.attrs if old else ()) - {"called"}:
            called = new.get("called")  # only what it is called: "the bus was a double decker"
            return f"noted that the {name} is a {called}" if called and called != (old.attrs.get("called") if old
                                                                                   else None) else ""
        text = f"noted for the {name}: {'; '.join(said)}" if said else f"noted for the {name}"
        return text + (f" (unsure: {', '.join(unsure)})" if unsure else "")
    return f"changed the {name}"


def counted(world: World, parts: list[str]) -> list[str]:
    """Repeated parts said once with their number: "added 2 red cubes", "painted the 2 cubes red"."""
    out = []
    for part, n in dict.fromkeys((p, parts.count(p)) for p in parts):
        if n > 1 and part.startswith("the ") and " is " in part:  # "the 3 men are running now"
            thing, _, rest = part[4:].partition(" is ")
            if thing in world.category_names:
                part = f"the {n} {world.category(thing).plural_name} are {rest}"
        elif n > 1 and " the " in part and not part.startswith("added "):
            verb, _, thing = part.partition(" the ")
            name = next((c for c in world.category_names if thing.startswith(c)), "")
            if name:
                thing = world.category(name).plural_name + thing[len(name):]
            part = f"{verb} the {n} {thing}"
        if part.startswith("added "):
            thing = part[6:]
            if n > 1:
                name = next((c for c in world.category_names if thing.endswith(c)), "")
                plural = world.category(name).plural_name if name else thing.split()[-1] + "s"
                thing = thing[:len(thing) - len(name)] + plural if name else thing + "s"
            name = next((c for c in world.category_names if thing.endswith(c)), "")
            if n > 1:
                part = f"added {n} {thing}"
            elif name and world.category(name).plural_name == name:
                part = f"added {thing}"  # "added balloons", "added glasses"
            else:
                part = f"added {a_or_an(thing)}"
        out.append(part)
    return out


def fixed(world: World, last: Entry, new_edits: Sequence[Edit], notes: Sequence[str]) -> str:
    """What a correction changed, said as changes to what the last turn did."""
    parts: list[str] = []
    for old, new in zip(last.edits, new_edits):
        if old == new:
            continue
        if isinstance(old, Add) and isinstance(new, Add):
            a, b = old.obj.to_dict(), new.obj.to_dict()
            diff = {k: v for k, v in b.items() if a.get(k) != v and k != "id"}
            shown = Scene(last.scene.world, last.scene.background, (old.obj,))
            parts.append(said(Update.of(old.obj.id, **diff), old.obj.category, shown))
        elif isinstance(new, Update):
            shown = next((o for o in last.scene.objects if o.id == new.id), None)
            if shown is None:
                parts.append(said(new, "object", last.scene))
                continue
            now = shown.to_dict()  # said as changes to what the user sees: a size kept is not "made smaller"
            diff = {k: v for k, v in new.changes if k in ("attributes", "uncertain") or now.get(k) != v}
            if diff:
                parts.append(said(Update(new.id, tuple(sorted(diff.items()))), shown.category, last.scene))
    text = "; ".join(dict.fromkeys(counted(world, parts))) or "changed what the last turn did"
    return " ".join([f"Fixed: {text[:1].upper() + text[1:]}."] + list(notes))


def a_or_an(words: str) -> str:
    """ "an owl", "a dog"; "jeans", "sunglasses" take none (the one helper for it: the witness record uses it too)."""
    words = str(words)
    if words.endswith("s") and not words.endswith(("ss", "us")):
        return words
    return ("an " if words[:1].lower() in "aeiou" else "a ") + words
