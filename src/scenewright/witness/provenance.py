"""Said or inferred: what each statement of an interview did to each detail of each thing, and on whose word.

`judge` takes one statement's changes (`diff` of the pictures before and after it) and says of each whether the
witness *said* it, scenewright *inferred* it (a place by default, a landmark drawn because it was named as a
place, a facing from "walking towards the bank", a thing moved to fit something else) or it *corrects* an
earlier statement — and it keeps, per field, which statements the value comes from (`Source`), so that a
later statement corrects exactly those. `build_record` (record.py) replays the log through it.

- A detail is said by the statement whose edits set it — except where a thing is, said only when the words
  place it (`Told.place`), and which way it faces, said only when they name a side (`facing_in`).
- A correction gives a new value for a detail an earlier statement said: the same object, the same field.
  What can change as the story goes on — where a thing is, which way it faces, a posture, moving or parked —
  is corrected only by a revision or a statement that says it corrects ("no wait", "actually", "sorry", "not
  …"): "the car drove off towards the corner" after "a car was parked outside the cafe" is what happened next,
  not a correction. A revision also corrects what it drops of the turn it replaces. New items of a list (notes, marks) and
  weather added to a time of day add to what was said; they correct nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import tzinfo
from typing import Any, Iterable

from ..scene import Add, Event, Scene, SceneObject, SetBackground, Update
from ..worlds import World
from .describe import LISTED, clock, fields_of, label, other_label, phrase, summary, value_text

PLACE_WORDS = ("left", "right", "middle", "centre", "center", "front", "behind", "back", "near", "next to",
               "beside", "across", "corner", "sidewalk", "pavement", "road", "street", "lane", "curb", "kerb",
               "between", "opposite", "outside", "in front", "by the", "at the", "on the", "under", "above")
MOVE_WORDS = ("move", "moved", "put", "up", "down", "closer", "further", "farther", "away", "where", "swap")
# details that change as the story goes on: a new value is the next moment, unless the words correct
STORY_FIELDS = frozenset({"position", "flip", "pose", "motion"})
CORRECTING = re.compile(r"\b(?:no|nope|wait|actually|sorry|correction|i mean|i meant|i was wrong|mistake|rather|"
                        r"scratch that|second thought|not|instead)\b|n't\b", re.IGNORECASE)

# a side said in words: the facing is said
SAID_FACING = re.compile(
    r"\b(?:facing|faced|faces|heading|headed|going|gone|went|driving|drove|walking|walked|running|ran|moving|"
    r"moved|travell?ing|travell?ed|pointing|pointed|looking|looked|riding|rode|coming|came|turning|turned|"
    r"pulling|pulled|cycling|cycled|off)\s+(?:off\s+)?(?:to\s+(?:the\s+)?|towards?\s+(?:the\s+)?)?"
    r"(?:left|right)\b(?!\s+(?:of|side|hand))"
    r"|\b(?:to|towards?|from)\s+the\s+(?:left|right)\b(?!\s+(?:of|side|hand|corner|lane|sidewalk|pavement))"
    r"|\b(?:left|right)wards\b|\bthe other way\b|\bturn(?:ed|s)?\s+(?:\w+\s+)?(?:a)?round\b|\bflip")
# a direction towards something: the facing is inferred from it (strongest first)
DERIVED_FACING = (
    re.compile(r"\b(?:towards?|heading for|headed for|in the direction of|making for)\s+"
               r"(?:the\s+|a\s+|an\s+|her\s+|his\s+|my\s+|their\s+)?[\w']+"),
    re.compile(r"\baway from\s+(?:the\s+|a\s+|an\s+)?[\w']+"),
)
# words that may have turned a thing ("facing the bank", "came out of the shop"): named only when it was turned
WEAK_FACING = re.compile(r"\b(?:facing|faced|looking at|into|out of|past|up to|over to)\s+"
                         r"(?:the\s+|a\s+|an\s+)?[\w']+")
# the words right before a thing named as the place of something else: "outside the bank", "at a bus stop"
NAMED_AS_PLACE = re.compile(
    r"(?:^|\s)(?:outside|of|at|near|by|next to|beside|behind|opposite|across from|towards?|into|out of|from|"
    r"past|to|on|in|under|between|round|around|over|inside)\s+(?:the|a|an|this|that|some|his|her|their|my)\s+"
    r"(?:[\w']+\s+){0,2}$")
DREW_LANDMARK = re.compile(r"There (?:was|were) no ([\w' -]+?) yet, so I drew")


def _words(text: str) -> str:
    return " ".join(re.sub(r"[^\w' ]", " ", text.lower()).split())


def _has(text: str, words: Iterable[str]) -> bool:
    t = f" {text} "
    return any(f" {p} " in t for p in words)


def facing_in(text: str, turned: bool = False) -> tuple[str | None, str]:
    """("said", words) when `text` names a side, ("inferred", words) when it names a direction towards
    something ("walking towards the bank") — or, for a thing that was `turned`, something it may face ("came
    out of the shop") — and (None, "") otherwise."""
    clauses = [_words(c) for c in re.split(r"[,.;:!?]", text)]
    for c in clauses:
        m = SAID_FACING.search(c)
        if m:
            return "said", _quote(c, m)
    for pattern in DERIVED_FACING + ((WEAK_FACING,) if turned else ()):
        for c in clauses:
            m = pattern.search(c)
            if m:
                return "inferred", _quote(c, m)
    return None, ""


def _quote(clause: str, m: re.Match) -> str:
    before = clause[:m.start()].split()
    return " ".join(before[-1:] + [m.group(0)])


@dataclass(frozen=True)
class Change:
    """One field of one object (or the scene's background) changed by one event."""

    row: int  # index of the statement that caused it
    time: float
    object_id: str | None  # None: the background
    label: str
    field: str
    old: str
    new: str
    how: str  # "said" | "corrected" | "placed" | "inferred" | "added" | "removed" | "undone" | "redone" | "went back"
    extends: bool = False  # a list field (notes, marks) that got more items: `new` holds only those
    corrects: tuple[int, ...] = ()  # the statements whose words this one replaces (a correction)
    basis: str = ""  # why an inferred value was drawn: "placed by default", "from 'walking towards the bank'"
    words: str = ""  # the new value in words ("black hoodie", "carries a bag"), for the statements table

    @property
    def inferred(self) -> bool:
        return self.how in ("placed", "inferred")

    def sentence(self, tz: tzinfo | None = None) -> str:
        at = f"at {clock(self.time, tz)} (#{self.row}"
        if self.field == "object" and self.how in ("undone", "redone", "went back"):
            return (f"taken out of the picture ({self.how}) {at})" if not self.new
                    else f"back in the picture ({self.how}) {at})")
        if self.how in ("added", "removed"):
            return f"{self.how} {at}" + (f", correcting {rows_text(self.corrects)})" if self.corrects else ")")
        if self.how in ("undone", "redone", "went back"):
            return f"{self.how} {at}) (picture shows {self.new})"
        if self.inferred:
            return f"inferred {self.new} ({self.basis}; not said) {at})"
        if self.how == "corrected":
            to = "corrected to: " if self.field == "position" else "corrected to "
            return f"{to}{self.new} {at}, correcting {rows_text(self.corrects)})"
        return f"{self.how} {self.new} {at})"


def rows_text(rows: Iterable[int]) -> str:
    return ", ".join(f"#{r}" for r in rows)


# -- what each statement did, and on whose word ---------------------------------------------------------------
@dataclass(frozen=True)
class Source:
    """Where the value a field has now comes from."""

    how: str  # "said" | "placed" | "inferred"
    rows: tuple[int, ...]
    basis: str = ""
    items: tuple[tuple[str, int], ...] = ()  # a list field (notes, marks): the statement of each item
    said: tuple[int, ...] = ()  # an inferred value that took the place of what these statements said …
    said_words: str = ""  # … which was this ("on the near sidewalk, left")

    @property
    def said_rows(self) -> tuple[int, ...]:
        """The statements whose words the field holds, or held before the picture moved it."""
        return self.rows if self.how == "said" else self.said


Provenance = dict[tuple[str, str], Source]  # (object id or "" for the scene, field) -> source


class Told:
    """What a statement's words say of the things it adds: where each is named, whether it was named as the
    place of something else ("outside the bank"), and its own words (up to the next thing named)."""

    def __init__(self, world: World, text: str, reply: str, added: list[SceneObject]):
        self.world, self.raw, self.text = world, text, _words(text)
        drawn = {m.strip().lower() for m in DREW_LANDMARK.findall(reply or "")}
        found: dict[str, int] = {}
        for o in added:
            at = self._find(o)
            if at is not None:
                found[o.id] = at
        starts = sorted(set(found.values()))
        self.prefix = self.text[:starts[0]] if starts else ""
        self.own: dict[str, str] = {}
        self.landmark: set[str] = {o.id for o in added if o.category in drawn}
        for oid, at in found.items():
            later = [s for s in starts if s > at]
            self.own[oid] = self.text[at:later[0] if later else len(self.text)]
            if NAMED_AS_PLACE.search(self.text[:at]):
                self.landmark.add(oid)

    def _find(self, o: SceneObject) -> int | None:
        cat = self.world.category(o.category)
        names = [cat.name, cat.plural_name, *cat.synonyms, str(o.attrs.get("called") or "")]
        hits = [m.start() for n in names if n for m in
                [re.search(r"(?<![\w'])" + re.escape(_words(n)) + r"(?:s|es)?(?![\w'])", self.text)] if m]
        return min(hits) if hits else None

    def place(self, obj: SceneObject, new: bool) -> tuple[str, str]:
        places = tuple(self.world.places) + PLACE_WORDS
        if not new:
            if _has(self.text, places + MOVE_WORDS):
                return "said", ""
            return "placed", "moved to fit what was said"
        if obj.id in self.landmark:
            return "placed", "drawn because it was named as a place"
        if obj.id in self.own:
            if _has(self.own[obj.id], places) or _has(self.prefix, places):
                return "said", ""
        elif _has(self.text, places):
            return "said", ""
        if obj.attrs.get("of") or obj.attrs.get("with"):
            return "placed", "placed with the thing it belongs to"
        return "placed", "placed by default"

    def facing(self, obj: SceneObject, new: bool) -> tuple[str | None, str]:
        text = self.raw if not new or obj.id not in self.own else f"{self.prefix}, {self.own[obj.id]}"
        how, words = facing_in(text, turned=obj.flip or not new)
        if how == "said":
            return "said", ""
        if how == "inferred":
            return "inferred", f"from '{words}'"
        if new and not obj.flip:
            return None, ""  # the default facing, not said: no detail (listed as not stated)
        return "inferred", "turned to fit what was said"


def _stated_by(edits: Iterable) -> dict[str, set[str]]:
    """Fields each edit of a statement sets, by object id ("" = the background)."""
    out: dict[str, set[str]] = {}
    for e in edits:
        if isinstance(e, Add):
            out.setdefault(e.obj.id, set()).update(fields_of(e.obj))
        elif isinstance(e, Update):
            names = set()
            for k, v in e.changes:
                if k == "attributes":
                    names.update(a for a, _ in v)
                elif k == "uncertain":
                    names.update(f"unsure:{a}" for a, _ in v)
                elif k in ("x", "y"):
                    names.add("position")
                else:
                    names.add(k)
            out.setdefault(e.id, set()).update(names)
        elif isinstance(e, SetBackground):
            out.setdefault("", set()).add("background")
    return out


def diff(world: World, before: Scene, after: Scene, row: int, time: float, how: str) -> list[Change]:
    """Every field that differs between two pictures, as changes of kind `how` (refined by `judge`)."""
    out: list[Change] = []

    def text_of(o: SceneObject, name: str, value: Any) -> str:  # another thing by its name: "the van (o3)"
        if name in ("of", "with") and value:
            return other_label(after if any(x.id == value for x in after.objects) else before, value)
        return value_text(world, o, name, value)

    if before.background != after.background:
        out.append(Change(row, time, None, "the scene", "background", before.background, after.background,
                          how, words=after.background))
    old = {o.id: o for o in before.objects}
    new = {o.id: o for o in after.objects}
    for oid, o in new.items():
        if oid not in old:
            verb = "added" if how == "said" else how
            out.append(Change(row, time, oid, label(o), "object", "", summary(world, o, after), verb))
            if verb == "added":
                for name, value in fields_of(o).items():
                    facing = name == "flip" and world.category(o.category).facing
                    if name in ("category", "scale", "expression") or (value in (None, False, ()) and not facing):
                        continue
                    out.append(Change(row, time, oid, label(o), name, "not stated",
                                      text_of(o, name, value), "said",
                                      words=phrase(world, o, name, value, after)))
            continue
        p = old[oid]
        fa, fb = fields_of(p), fields_of(o)
        for name in sorted(set(fa) | set(fb)):
            was, now = fa.get(name), fb.get(name)
            if was == now:
                continue
            words = phrase(world, o, name, now, after) if now not in (None, ()) else "not stated"
            if name in LISTED and was and now and tuple(now[:len(was)]) == tuple(was):
                out.append(Change(row, time, oid, label(o), name, text_of(p, name, was),
                                  text_of(o, name, now[len(was):]), how, extends=True,
                                  words=phrase(world, o, name, now[len(was):], after)))
                continue
            out.append(Change(row, time, oid, label(o), name, text_of(p, name, was),
                              text_of(o, name, now), how, words=words))
    for oid, p in old.items():
        if oid not in new:
            out.append(Change(row, time, oid, label(p), "object", summary(world, p, before), "",
                              "removed" if how == "said" else how))
    return out


def _items(src: Source | None, now: Any, row: int) -> tuple[tuple[str, int], ...]:
    """Which statement said each item of a list field: the ones kept keep theirs, the new ones are `row`'s."""
    if not isinstance(now, (list, tuple)):
        return ()
    had = dict(src.items) if src else {}
    return tuple((str(i), had.get(str(i), row)) for i in now)


def judge(world: World, ev: Event, row: int, before: Scene, after: Scene, changes: list[Change],
           prov: Provenance, replaced: int | None) -> tuple[list[Change], Provenance]:
    """Said, inferred or corrected — each change of a statement, and the provenance after it."""
    out: list[Change] = []
    new_prov = dict(prov)
    had = {o.id for o in before.objects}
    added = [o for o in after.objects if o.id not in had]
    told = Told(world, ev.text, ev.reply, added)
    stated = _stated_by(ev.edits)
    fresh = {o.id for o in added}
    for c in changes:
        key = (c.object_id or "", c.field)
        src = prov.get(key)
        said_rows = src.said_rows if src is not None else ()
        said_before = bool(said_rows)
        if c.field == "object":
            if c.how == "added":
                new_prov[key] = new_prov[(c.object_id, "category")] = Source("said", (row,))
            elif c.how == "removed":
                for k in [k for k in new_prov if k[0] == c.object_id]:
                    del new_prov[k]
                if replaced is not None and said_before and replaced in said_rows:
                    c = replace(c, corrects=(replaced,))  # the revision drops a thing the turn it replaces added
            out.append(c)
            continue
        if c.object_id is None:  # the background: a time of day and a weather, each said in its statement
            had = dict(src.items) if said_before else {}
            parts = tuple((part, had.get(part, row)) for part in c.new.split())
            lost = sorted({had[part] for part in c.old.split() if part in had and part not in c.new.split()})
            c = replace(c, how="corrected", corrects=tuple(lost)) if lost else replace(c, how="said")
            new_prov[key] = Source("said", tuple(sorted({r for _, r in parts})), items=parts)
            out.append(c)
            continue
        obj = next(o for o in after.objects if o.id == c.object_id)
        new = c.object_id in fresh
        base = c.field[7:] if c.field.startswith("unsure:") else c.field
        mine = stated.get(c.object_id, set())
        if c.field == "position":
            verdict, basis = told.place(obj, new)
        elif c.field == "flip":
            verdict, basis = told.facing(obj, new)
            if verdict is None:
                continue
        elif new or c.field in mine or (c.field != base and base in mine):
            verdict, basis = "said", ""
        else:
            verdict, basis = "inferred", "changed with what was said"
        now = fields_of(obj).get(c.field)
        if verdict == "said":
            if c.extends:
                c = replace(c, how="said")
                new_prov[key] = Source("said", said_rows + (row,), items=_items(src, now, row))
            elif said_before and not new and (base not in STORY_FIELDS or replaced is not None
                                              or CORRECTING.search(ev.text)):
                c = replace(c, how="corrected", corrects=said_rows)
                new_prov[key] = Source("said", (row,), items=_items(src, now, row))
            else:
                c = replace(c, how="said")
                new_prov[key] = Source("said", (row,), items=_items(None, now, row))
        elif (replaced is not None and said_before and replaced in said_rows
              and c.field not in ("position", "flip")):
            # the revision drops or changes what the turn it replaces said
            c = replace(c, how="corrected", corrects=said_rows)
            new_prov[key] = Source("said", (row,), items=_items(src, now, row))
        else:
            c = replace(c, how=verdict, basis=basis)
            # the picture moved away from what the witness said: the record keeps who said what, and a later
            # statement that says it again differently corrects them
            words = (src.said_words if src.how != "said" else c.old) if said_before else ""
            new_prov[key] = Source(verdict, (row,), basis, said=said_rows, said_words=words)
        if now in (None, ()) and new_prov.get(key) is not None and not said_before and verdict != "said":
            new_prov.pop(key, None)
        out.append(c)
    # "he ran towards the corner": the one thing the statement changes was already facing that way — the
    # direction is still given in words (said, or inferred from them), though the picture does not change
    told_of = [o for o in after.objects if o.id in stated and o.id not in fresh and o.id in had
               and world.category(o.category).facing and not any(c.object_id == o.id and c.field == "flip"
                                                                 for c in changes)]
    if len(told_of) == 1 and len([k for k in stated if k]) == 1:
        o = told_of[0]
        how, words = facing_in(ev.text, turned=False)
        if how is not None:
            basis = "" if how == "said" else f"from '{words}'"
            facing = value_text(world, o, "flip", o.flip)
            out.append(Change(row, ev.time, o.id, label(o), "flip", facing, facing, how, basis=basis, words=facing))
            src = prov.get((o.id, "flip"))
            if how == "said" or not (src and src.said_rows):
                new_prov[(o.id, "flip")] = Source(how, (row,), basis)
    for key in [k for k in new_prov if k[0] and k[0] not in {o.id for o in after.objects}]:
        del new_prov[key]
    return out, new_prov
