"""The interview record: every statement, what it changed, every correction — with times — and, for each
detail of each thing, whether the witness said it (in which statement, in which words) or it was inferred.

Built from a session's append-only `History.log` by replaying it from the start scene, so undo moves the
picture but never the record: an undone statement is still listed (marked undone), a corrected one keeps its
own row and says which statement corrected which of its details.

    rec = build_record(session.history, session.world)
    rec.statements        # one row per thing said or done, in order
    rec.corrections       # one per (statement that corrects, statement it corrects), with the details changed
    rec.objects           # per object: each field's history, and `details`: said (by which statement) or inferred
    rec.uncertain         # what the witness was unsure of, with the alternatives and their own words
    rec.unknown           # per object: what the witness did not say (drawn neutral)

What counts as what:

- A detail is *said* by the statement whose edits set it — except where a thing is, said only when the
  statement's words place it, and which way it faces, said only when they name a side ("facing left", "going
  right", "from the right"). A facing drawn from "walking towards the bank", a place by default, a landmark
  drawn because it was named as a place ("outside the bank"), a thing moved to fit something else: *inferred*.
- A *correction* is a statement that gives a new value for a detail an earlier statement said (the same object,
  the same field). It corrects exactly the statements that said the old value, and is counted once for each of
  them. A revision ("no, a hamburger", kind "revise") also corrects what it drops of the turn it replaces. New
  items of a list (notes, marks) and weather added to a time of day add to what was said; they correct nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import tzinfo
from typing import Any, Iterable

from ..errors import ScenewrightError
from ..scene import Add, Event, History, Scene, SceneObject, SetBackground, Update, apply_all
from ..worlds import World
from .describe import (LISTED, SLOT_NAMES, clock, fields_of, hedged, label, nice, other_label, phrase, summary,
                       value_text)

COMMANDS = ("undo", "redo", "goto")
# how a witness hedges: kept to show the confidence in the witness's own words
HEDGES = ("i think", "i believe", "i guess", "i suppose", "maybe", "perhaps", "probably", "possibly",
          "not sure", "not certain", "unsure", "might", "could have", "could be", "kind of", "sort of",
          "about", "around", "roughly", "approximately", "or so", "ish", "if i remember", "i am not sure",
          "i'm not sure", "or maybe", "likely", "seemed", "looked like")
PLACE_WORDS = ("left", "right", "middle", "centre", "center", "front", "behind", "back", "near", "next to",
               "beside", "across", "corner", "sidewalk", "pavement", "road", "street", "lane", "curb", "kerb",
               "between", "opposite", "outside", "in front", "by the", "at the", "on the", "under", "above")
MOVE_WORDS = ("move", "moved", "put", "up", "down", "closer", "further", "farther", "away", "where", "swap")

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


def mentions_place(world: World, text: str) -> bool:
    return _has(_words(text), tuple(world.places) + PLACE_WORDS)


def hedges_in(text: str) -> list[str]:
    t = " " + re.sub(r"[^\w' ]", " ", text.lower()) + " "
    found = [h for h in HEDGES if f" {h} " in t]
    return [h for h in found if not any(h != g and f" {h} " in f" {g} " for g in found)]  # "I'm not sure" once


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


# -- the record ----------------------------------------------------------------------------------------------------
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


def _n(k: int, word: str) -> str:
    return f"{k} {word}" + ("" if k == 1 else "s")


def rows_text(rows: Iterable[int]) -> str:
    return ", ".join(f"#{r}" for r in rows)


@dataclass(frozen=True)
class Correction:
    """One statement correcting one earlier statement: counted once, however many details it changes."""

    row: int  # the statement that corrects
    corrects: int  # the statement it corrects
    changes: tuple[Change, ...]

    @property
    def fields(self) -> list[str]:
        return list(dict.fromkeys(nice(c.field) if c.field != "object" else "the thing itself"
                                  for c in self.changes))

    def sentence(self) -> str:
        return f"#{self.row} corrects #{self.corrects}: " + ", ".join(
            f"{c.label} {nice(c.field)} {c.old} → {c.new}" if c.field != "object" else f"{c.label} {c.how}"
            for c in self.changes)


@dataclass(frozen=True)
class Detail:
    """One thing known of an object in the final picture: what, and who says so."""

    field: str
    words: str  # in English, with the witness's hedge: "tall (said: 'maybe')", "carries a bag"
    how: str  # "said" | "inferred"
    rows: tuple[int, ...]  # the statements it comes from
    basis: str = ""  # for an inferred one: why ("placed by default", "from 'walking towards the bank'")
    unsure: bool = False


@dataclass
class Statement:
    """One line of the record: what was said (verbatim) or done, when, and what it changed."""

    index: int  # 1-based
    time: float
    kind: str  # "turn" | "revise" | "refused" | "undo" | "redo" | "goto" | …
    text: str
    reply: str
    changes: list[Change] = field(default_factory=list)
    status: str = ""  # "in effect" | "undone" | "corrected by #k (colour)" | "not done: …" | "command"
    hedges: list[str] = field(default_factory=list)
    scene: Scene | None = None  # the picture after it, when it changed the picture

    @property
    def said(self) -> bool:
        return self.kind in ("turn", "revise", "refused")


@dataclass
class ObjectHistory:
    id: str
    label: str
    category: str
    changes: list[Change] = field(default_factory=list)
    stated: set[str] = field(default_factory=set)  # fields given in the witness's words (said, or a facing
    #                                                derived from a direction they said)
    present: bool = True  # in the final picture
    details: list[Detail] = field(default_factory=list)  # of the final picture: said or inferred

    def by_field(self) -> dict[str, list[Change]]:
        out: dict[str, list[Change]] = {}
        for c in self.changes:
            if c.how not in ("added", "removed"):
                out.setdefault(c.field, []).append(c)
        return out

    def lines(self, tz: tzinfo | None = None) -> list[str]:
        """ "colour: said red at 10:02:11 (#2), corrected to orange at 10:05:40 (#3, correcting #2)" — one line
        per field, after the object's own line (added, removed, undone)."""
        out = []
        life = [c.sentence(tz) for c in self.changes if c.field == "object"]
        if life:
            out.append(f"{self.label}: " + ", ".join(life))
        for name, changes in self.by_field().items():
            if name != "object":
                out.append(f"{nice(name)}: " + ", ".join(c.sentence(tz) for c in changes))
        return out


@dataclass
class Record:
    world: World
    start: Scene
    statements: list[Statement]
    objects: dict[str, ObjectHistory]
    final: Scene
    uncertain: list[dict[str, Any]]
    unknown: list[dict[str, Any]]
    background_stated: bool
    corrections: list[Correction] = field(default_factory=list)  # in effect: one per statement corrected

    @property
    def pictures(self) -> list[Statement]:
        return [s for s in self.statements if s.scene is not None]

    def counts(self) -> str:
        """ "9 statements (1 not done), 1 correction, 2 uncertain, 16 not stated" — as the report and the CLI say."""
        said = [s for s in self.statements if s.said]
        refused = sum(1 for s in said if s.kind == "refused")
        return (f"{_n(len(said), 'statement')}" + (f" ({refused} not done)" if refused else "")
                + f", {_n(len(self.corrections), 'correction')}, {len(self.uncertain)} uncertain, "
                f"{sum(len(u['missing']) for u in self.unknown)} not stated")

    def text_lines(self, tz: tzinfo | None = None) -> list[str]:
        """The record as plain text: every statement with its number, time and status; the corrections; and
        per object what was said (with the words), what was inferred, and each field's history."""
        out = [f"#{s.index:<3} {clock(s.time, tz)}  {s.kind:<8} {s.text!r}  [{s.status}]" for s in self.statements]
        out += [f"  {c.sentence()}" for c in self.corrections]
        for h in self.objects.values():
            lines = h.lines(tz)
            out += [f"  {line}" for line in lines[:1]]
            out += [f"    {line}" for line in (self.account_of(h.id, tz) if h.present else ())]
            out += [f"    {line}" for line in lines[1:]]
        return out

    def history_of(self, object_id: str, tz: tzinfo | None = None) -> list[str]:
        return self.objects[object_id].lines(tz)

    def account_of(self, object_id: str, tz: tzinfo | None = None) -> list[str]:
        """What is known of an object in the final picture, said apart from inferred:

            said in #4 at 10:04:25, “a man in a black hoodie, maybe six foot, …”: walking; black hoodie; tall (said: 'maybe')
            inferred, not said: facing right (from 'walking towards the bank'); on the near sidewalk, centre (placed by default)
        """
        h = self.objects[object_id]
        by_row: dict[tuple[int, ...], list[str]] = {}
        inferred = []
        for d in h.details:
            if d.how == "said":
                by_row.setdefault(d.rows, []).append(d.words)
            else:
                inferred.append(f"{d.words} ({d.basis})")
        out = []
        for rows, words in sorted(by_row.items()):
            said = [self.statements[r - 1] for r in rows if 0 < r <= len(self.statements)]
            where = "; ".join(f"#{s.index} at {clock(s.time, tz)}, “{s.text}”" for s in said) or "the session file"
            out.append(f"said in {where}: " + "; ".join(words))
        if inferred:
            out.append("inferred, not said: " + "; ".join(inferred))
        return out


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


class _Told:
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


def _diff(world: World, before: Scene, after: Scene, row: int, time: float, how: str) -> list[Change]:
    """Every field that differs between two pictures, as changes of kind `how` (refined by `_judge`)."""
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


def _judge(world: World, ev: Event, row: int, before: Scene, after: Scene, changes: list[Change],
           prov: Provenance, replaced: int | None) -> tuple[list[Change], Provenance]:
    """Said, inferred or corrected — each change of a statement, and the provenance after it."""
    out: list[Change] = []
    new_prov = dict(prov)
    had = {o.id for o in before.objects}
    added = [o for o in after.objects if o.id not in had]
    told = _Told(world, ev.text, ev.reply, added)
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
            elif said_before and not new:
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


def build_record(history: History, world: World) -> Record:
    """Replay `history.log` from `history.start` and collect the record."""
    start = history.start
    entries: list[Scene] = []
    slots: list[int] = []  # statement index behind each entry
    provs: list[Provenance] = []  # where each entry's details come from
    cursor = 0
    statements: list[Statement] = []
    objects: dict[str, ObjectHistory] = {}
    revised_into: dict[int, int] = {}  # statement row -> the revision that replaced its turn

    def scene_at(k: int) -> Scene:
        return entries[k - 1] if k else start

    def prov_at(k: int) -> Provenance:
        return provs[k - 1] if k else {}

    log = list(history.log)
    if not log and history.entries:  # a session saved without its log: the turns in effect, without times
        log = [Event("turn", e.text, "", e.edits, 0.0, k + 1) for k, e in enumerate(history.entries)]
        if history.cursor < len(history.entries):
            log.append(Event("goto", f"goto {history.cursor}", "", (), 0.0, history.cursor))
    failed: set[int] = set()
    for i, ev in enumerate(log):
        row = i + 1
        st = Statement(row, ev.time, ev.kind, ev.text, ev.reply, hedges=hedges_in(ev.text))
        statements.append(st)
        before, base = scene_at(cursor), prov_at(cursor)
        replaced = None
        try:
            if ev.kind == "turn":
                after = apply_all(before, ev.edits)
                del entries[cursor:], slots[cursor:], provs[cursor:]
                entries.append(after)
                slots.append(row)
                provs.append(base)
                cursor += 1
                how = "said"
            elif ev.kind == "revise" and cursor:
                after = apply_all(scene_at(cursor - 1), ev.edits)
                del entries[cursor:], slots[cursor:], provs[cursor:]
                replaced = slots[cursor - 1]
                revised_into[replaced] = row
                entries[cursor - 1] = after
                slots[cursor - 1] = row
                how = "said"
            elif ev.kind in COMMANDS:
                how = "undone" if ev.kind == "undo" else "redone" if ev.kind == "redo" else "went back"
                cursor = max(0, min(ev.turn, len(entries)))
                after = scene_at(cursor)
            else:
                if ev.kind == "refused":
                    st.status = f"not done: {ev.reply}" if ev.reply else "not done"
                continue
        except ScenewrightError as e:
            st.status = f"could not be replayed: {e}"
            failed.add(row)
            continue
        changes = _diff(world, before, after, row, ev.time, how)
        if how == "said":
            changes, provs[cursor - 1] = _judge(world, ev, row, before, after, changes, base, replaced)
        st.changes = changes
        st.scene = after
        for c in changes:
            if c.object_id is not None:
                h = objects.setdefault(c.object_id, ObjectHistory(c.object_id, c.label,
                                                                  c.label.split(" (")[0][4:]))
                h.changes.append(c)
        if ev.kind in COMMANDS:
            st.status = "command"

    # what is in effect: the turns of the current line, and the turns their revisions replaced
    line = set(slots[:cursor])

    def alive(r: int) -> bool:
        return r in line or (r in revised_into and alive(revised_into[r]))

    corrections = []
    for s in statements:
        if s.kind in ("turn", "revise") and alive(s.index):
            pairs: dict[int, list[Change]] = {}
            for c in s.changes:
                for r in c.corrects:
                    pairs.setdefault(r, []).append(c)
            corrections += [Correction(s.index, r, tuple(cs)) for r, cs in sorted(pairs.items())]
    for s in statements:
        if s.kind in ("turn", "revise") and s.index not in failed:
            by = [c for c in corrections if c.corrects == s.index]
            if not alive(s.index):
                s.status = "undone"
            elif by:
                s.status = "corrected by " + "; ".join(f"#{c.row} ({', '.join(c.fields)})" for c in by)
            else:
                s.status = "in effect"
        elif not s.status:
            s.status = "command" if s.kind in COMMANDS else s.kind
    final, prov = scene_at(cursor), prov_at(cursor)
    if final != history.scene:  # a log that does not tell the whole story (an older file): trust the history
        final, prov = history.scene, {}
    bg = prov.get(("", "background"))
    bg_stated = bg is not None and bg.how == "said"
    for oid, h in objects.items():
        h.present = any(o.id == oid for o in final.objects)
        if h.present:
            h.details = _details(world, final.get(oid), prov, final)
            h.stated = {f for (o, f), src in prov.items() if o == oid and src.said_rows}
            if prov.get((oid, "flip")) and prov[(oid, "flip")].basis.startswith("from '"):
                h.stated.add("flip")  # a direction the witness said: the facing follows from their words
        else:
            h.stated = {c.field for c in h.changes if c.how in ("said", "corrected")}
    return Record(world, start, statements, objects, final, _uncertain(world, final, prov, statements),
                  _unknown(world, final, objects, bg_stated), bg_stated, corrections)


def _hedge_words(obj: SceneObject, name: str) -> str:
    """ " (said: 'maybe')", or the alternatives when the witness named several, or " (unsure)"."""
    alts = obj.unsure.get(name) or []
    words = hedged(obj, name)
    if len(alts) > 1 and name not in LISTED:
        return f" (unsure: {' or '.join(map(str, alts))})" + (words.replace(" (said:", "; said:")[:-1] + ")"
                                                              if words else "")
    return words or " (unsure)"


def _details(world: World, obj: SceneObject, prov: Provenance, scene: Scene) -> list[Detail]:
    """Each detail of `obj` in words, said (by which statements) or inferred (and why); a hedge is shown on
    the detail it qualifies, or on its own under the statement that said it ("I'm not sure if it was red")."""
    out: list[Detail] = []
    fields = {k: v for k, v in fields_of(obj).items() if v not in (None, ()) and not k.startswith("unsure:")}
    unsure = obj.unsure

    def source(name: str) -> Source:
        return prov.get((obj.id, name)) or Source("inferred", (), "not in the session's log")

    def add(name: str, words: str, src: Source, hedge: str = "") -> None:
        how = "said" if src.how == "said" else "inferred"
        basis = src.basis + (f"; the witness said {src.said_words} in {rows_text(src.said)}" if src.said else "")
        out.append(Detail(name, words + hedge, how, src.rows if how == "said" else (), basis, bool(hedge)))

    absorbed = {f"{s}_kind" for s in world.attribute_kinds
                if s in fields and f"{s}_kind" in fields and source(s).rows == source(f"{s}_kind").rows}
    host = {u: (u[:-5] if u in absorbed else u) for u in unsure if u in fields}
    on_host = {u for u, h in host.items()
               if (obj.id, f"unsure:{u}") not in prov or source(f"unsure:{u}").rows == source(u).rows}
    for name, value in fields.items():
        if name in ("category", "scale") or name in absorbed or (name == "of" and obj.attrs.get("role")):
            continue  # the thing itself; said with its colour ("black hoodie"); "the driver of the van"
        if name == "flip" and (not value and (obj.id, "flip") not in prov):
            continue  # the default facing, never said
        src = source(name)
        if name in LISTED:
            said_items = dict(src.items) or {str(i): (src.rows[-1] if src.rows else 0) for i in value}
            hedged_items = set(map(str, unsure.get(name, ())))
            for item in map(str, value):
                r = said_items.get(item, 0)
                mark = (hedged(obj, name) or " (unsure)") if item in hedged_items else ""
                add(name, phrase(world, obj, name, (item,), scene), Source(src.how, (r,) if r else (), src.basis),
                    mark)
            continue
        hedge = next((_hedge_words(obj, u) for u in on_host if host[u] == name), "")
        add(name, phrase(world, obj, name, value, scene), src, hedge)
    order = ("called", "role", "color", "pose", "expression", *world.category(obj.category).attributes, "sign",
             "notes", "position", "flip")

    def rank(d: Detail) -> int:  # as a person would say it: what it is, how it looks, then where it is
        base = d.field[:-5] if d.field.endswith("_kind") else d.field
        return order.index(base) if base in order else order.index("notes")

    out.sort(key=rank)
    for name, alts in unsure.items():  # unsure said apart from the thing itself: "I'm not sure if it was red"
        if name not in on_host and name not in LISTED:
            add(f"unsure:{name}", phrase(world, obj, f"unsure:{name}", alts, scene), source(f"unsure:{name}"),
                hedged(obj, name))
    return out


def _uncertain(world: World, scene: Scene, prov: Provenance, statements: list[Statement]) -> list[dict[str, Any]]:
    out = []
    # the background has no place for alternatives: a hedged statement that set it is listed as unsure — unless
    # its hedges are the ones kept on the details they qualify ("a man, maybe six foot": the height, not the time)
    bg = prov.get(("", "background"))
    if bg is not None and bg.how == "said" and bg.rows:
        s = statements[bg.rows[-1] - 1]
        claimed = " ".join(str(v) for c in s.changes if c.object_id and c.field.startswith("unsure:")
                           for o in (s.scene.objects if s.scene else ()) if o.id == c.object_id
                           for k, v in o.attrs.items() if k.endswith("_hedge"))
        hedges = [h for h in s.hedges if h not in claimed]
        if hedges:
            out.append({"object": "the scene", "id": None, "field": nice("background"),
                        "alternatives": [scene.background], "drawn": scene.background, "statement": s.text,
                        "time": s.time, "hedges": hedges, "row": s.index})
    for o in scene.objects:
        for name, alts in o.unsure.items():
            src = prov.get((o.id, f"unsure:{name}"))
            source = statements[src.rows[-1] - 1] if src and src.rows and src.how == "said" else None
            current = getattr(o, name, None) if name in ("color", "pose") else o.attrs.get(name)
            said_hedge = o.attrs.get(f"{name}_hedge")  # the hedge word itself, kept by the parser on the detail
            if said_hedge and said_hedge != "or":
                hedges = [str(said_hedge)]
            else:
                hedges = list(source.hedges) if source else []
            if name in LISTED:  # the hedged items themselves, not alternatives to each other
                current = "not drawn" if name == "notes" else "; ".join(map(str, alts))
            out.append({"object": label(o), "id": o.id, "field": nice(name), "alternatives": list(alts),
                        "listed": name in LISTED,
                        "drawn": current, "statement": source.text if source else None,
                        "time": source.time if source else None, "hedges": hedges,
                        "row": source.index if source else None})
    return out


def _unknown(world: World, scene: Scene, objects: dict[str, ObjectHistory],
             bg_stated: bool) -> list[dict[str, Any]]:
    out = []
    if not bg_stated:
        out.append({"object": "the scene", "id": None, "missing": ["time of day", "weather"]})
    for o in scene.objects:
        cat = world.category(o.category)
        a = o.attrs
        stated = objects[o.id].stated if o.id in objects else set()
        missing = []
        if cat.colorable and not cat.people and o.color is None:
            missing.append("colour")
        if cat.people and o.pose is None:
            missing.append("posture")
        if cat.facing and "flip" not in stated and cat.group in ("vehicles", "people"):
            missing.append("facing / direction")
        if "position" not in stated:
            missing.append("where exactly (placed by default)")
        for attr in cat.attributes:
            if attr in world.attribute_kinds:
                colour, kind = a.get(attr), a.get(f"{attr}_kind")
                if attr == "top" and colour is None and o.color is not None:
                    colour = o.color
                if colour is None and kind is None:
                    missing.append(SLOT_NAMES.get(attr, attr))
                elif colour is None:
                    missing.append(f"colour of the {kind}")
            elif attr == "marks":
                if not a.get("marks"):
                    missing.append("marks (plate, damage, logos …)" if cat.group == "vehicles" else "marks")
            elif attr == "sign":
                from ..worlds.street import sign_text

                if not sign_text(a):
                    missing.append(nice(attr))
            elif a.get(attr) is None:
                missing.append(nice(attr))
        if missing:
            out.append({"object": label(o), "id": o.id, "missing": missing})
    return out
