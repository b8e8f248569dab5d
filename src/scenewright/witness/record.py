"""The interview record: every statement, what it changed, every correction — with times.

Built from a session's append-only `History.log` by replaying it from the start scene, so undo moves the
picture but never the record: an undone statement is still listed (marked undone), a corrected one keeps its
own row and points at the correction.

    rec = build_record(session.history, session.world)
    rec.statements        # one row per thing said or done, in order
    rec.objects           # per object: each field's history ("colour: said red at 10:02:11, corrected …")
    rec.uncertain         # what the witness was unsure of, with the alternatives and their own words
    rec.unknown           # per object: what the witness did not say (drawn neutral)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import tzinfo
from typing import Any, Iterable

from ..errors import ScenewrightError
from ..scene import Add, Event, History, Scene, SetBackground, Update, apply_all
from ..worlds import World
from .describe import LISTED, SLOT_NAMES, clock, fields_of, label, nice, summary, value_text

COMMANDS = ("undo", "redo", "goto")
# how a witness hedges: kept to show the confidence in the witness's own words
HEDGES = ("i think", "i believe", "i guess", "i suppose", "maybe", "perhaps", "probably", "possibly",
          "not sure", "not certain", "unsure", "might", "could have", "could be", "kind of", "sort of",
          "about", "around", "roughly", "approximately", "or so", "ish", "if i remember", "i am not sure",
          "i'm not sure", "or maybe", "likely", "seemed", "looked like")
FACING_WORDS = ("facing", "heading", "toward", "towards", "direction", "pointing", "turned", "going left",
                "going right", "driving left", "driving right", "the other way")


PLACE_WORDS = ("left", "right", "middle", "centre", "center", "front", "behind", "back", "near", "next to",
               "beside", "across", "corner", "sidewalk", "pavement", "road", "street", "lane", "curb", "kerb",
               "between", "opposite", "outside", "in front", "by the", "at the", "on the", "under", "above")


def mentions_place(world: World, text: str) -> bool:
    t = " " + " ".join(re.sub(r"[^\w' ]", " ", text.lower()).split()) + " "
    return any(f" {p} " in t for p in tuple(world.places) + PLACE_WORDS)


def hedges_in(text: str) -> list[str]:
    t = " " + re.sub(r"[^\w' ]", " ", text.lower()) + " "
    return [h for h in HEDGES if f" {h} " in t]


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
    how: str  # "said" | "corrected" | "added" | "removed" | "undone" | "redone" | "went back"
    extends: bool = False  # a list field (notes, marks) that got more items: `new` holds only those

    def sentence(self, tz: tzinfo | None = None) -> str:
        at = clock(self.time, tz)
        if self.field == "object" and self.how in ("undone", "redone", "went back"):
            return (f"taken out of the picture ({self.how}) at {at}" if not self.new
                    else f"back in the picture ({self.how}) at {at}")
        if self.how in ("added", "removed"):
            return f"{self.how} at {at}"
        if self.how in ("undone", "redone", "went back"):
            return f"{self.how} at {at} (picture shows {self.new})"
        return f"{self.how} {self.new} at {at}"


@dataclass
class Statement:
    """One line of the record: what was said (verbatim) or done, when, and what it changed."""

    index: int  # 1-based
    time: float
    kind: str  # "turn" | "revise" | "refused" | "undo" | "redo" | "goto" | …
    text: str
    reply: str
    changes: list[Change] = field(default_factory=list)
    status: str = ""  # "in effect" | "undone" | "corrected by #k" | "not done: …" | "command"
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
    stated: set[str] = field(default_factory=set)  # fields the witness gave at some point
    present: bool = True  # in the final picture

    def by_field(self) -> dict[str, list[Change]]:
        out: dict[str, list[Change]] = {}
        for c in self.changes:
            if c.how not in ("added", "removed"):
                out.setdefault(c.field, []).append(c)
        return out

    def lines(self, tz: tzinfo | None = None) -> list[str]:
        """ "colour: said red at 10:02:11, corrected to orange at 10:05:40" — one line per field."""
        out = []
        life = [c.sentence(tz) for c in self.changes if c.field == "object"]
        if life:
            out.append(f"{self.label}: " + ", ".join(life))
        for name, changes in self.by_field().items():
            if name == "object":
                continue
            words = []
            for c in changes:
                if c.how == "corrected":
                    to = "corrected to: " if name == "position" else "corrected to "
                    words.append(f"{to}{c.new} at {clock(c.time, tz)}")
                else:
                    words.append(c.sentence(tz))
            out.append(f"{nice(name)}: " + ", ".join(words))
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

    @property
    def corrections(self) -> list[Change]:
        return [c for s in self.statements for c in s.changes if c.how == "corrected"]

    @property
    def pictures(self) -> list[Statement]:
        return [s for s in self.statements if s.scene is not None]

    def history_of(self, object_id: str, tz: tzinfo | None = None) -> list[str]:
        return self.objects[object_id].lines(tz)


def _diff(world: World, before: Scene, after: Scene, row: int, time: float, how: str,
          placed: bool = True, faced: bool = False) -> list[Change]:
    out: list[Change] = []
    if before.background != after.background:
        out.append(Change(row, time, None, "the scene", "background", before.background, after.background,
                          how))
    old = {o.id: o for o in before.objects}
    new = {o.id: o for o in after.objects}
    for oid, o in new.items():
        if oid not in old:
            verb = "added" if how in ("said", "corrected") else how
            out.append(Change(row, time, oid, label(o), "object", "", summary(world, o),
                              "added" if verb == "added" else verb))
            if verb == "added":
                for name, value in fields_of(o).items():
                    if name == "flip" and faced and world.category(o.category).facing:
                        pass  # "ran toward the corner": the facing was said, even the default one
                    elif name in ("category", "scale", "expression") or value in (None, False, ()):
                        continue
                    out.append(Change(row, time, oid, label(o), name, "not stated",
                                      value_text(world, o, name, value), "said"))
                    if name == "position" and not placed:
                        out[-1] = Change(row, time, oid, label(o), name, "not stated",
                                         value_text(world, o, name, value) + " (placed, not said)", "placed")
            continue
        p = old[oid]
        fa, fb = fields_of(p), fields_of(o)
        for name in sorted(set(fa) | set(fb)):
            was, now = fa.get(name), fb.get(name)
            if was == now:
                continue
            if name in LISTED and was and now and tuple(now[:len(was)]) == tuple(was):
                out.append(Change(row, time, oid, label(o), name, value_text(world, p, name, was),
                                  value_text(world, o, name, now[len(was):]), how, extends=True))
                continue
            out.append(Change(row, time, oid, label(o), name, value_text(world, p, name, was),
                              value_text(world, o, name, now), how))
    for oid, p in old.items():
        if oid not in new:
            out.append(Change(row, time, oid, label(p), "object", summary(world, p), "",
                              "removed" if how in ("said", "corrected") else how))
    return out


def _stated_by(edits: Iterable, text: str, world: World) -> dict[str, set[str]]:
    """Fields each edit of a statement gave, by object id ("" = the background)."""
    out: dict[str, set[str]] = {}
    lowered = text.lower()
    for e in edits:
        if isinstance(e, Add):
            o = e.obj
            names = {k for k, v in fields_of(o).items() if v not in (None, False, ())} - {"scale", "expression"}
            if not mentions_place(world, text):
                names.discard("position")
            if o.flip or any(w in lowered for w in FACING_WORDS):
                names.add("flip")
            out.setdefault(o.id, set()).update(names)
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


def build_record(history: History, world: World) -> Record:
    """Replay `history.log` from `history.start` and collect the record."""
    start = history.start
    entries: list[Scene] = []
    slots: list[int] = []  # statement index behind each entry
    cursor = 0
    statements: list[Statement] = []
    objects: dict[str, ObjectHistory] = {}
    bg_stated = False
    replaced: dict[int, int] = {}  # statement row -> the row that corrected it

    def scene_at(k: int) -> Scene:
        return entries[k - 1] if k else start

    log = list(history.log)
    if not log and history.entries:  # a session saved without its log: the turns in effect, without times
        log = [Event("turn", e.text, "", e.edits, 0.0, k + 1) for k, e in enumerate(history.entries)]
        if history.cursor < len(history.entries):
            log.append(Event("goto", f"goto {history.cursor}", "", (), 0.0, history.cursor))
    for i, ev in enumerate(log):
        row = i + 1
        st = Statement(row, ev.time, ev.kind, ev.text, ev.reply, hedges=hedges_in(ev.text))
        statements.append(st)
        before = scene_at(cursor)
        how = None
        try:
            if ev.kind == "turn":
                after = apply_all(before, ev.edits)
                for r in slots[cursor:]:
                    statements[r - 1].status = statements[r - 1].status or "undone"
                del entries[cursor:], slots[cursor:]
                entries.append(after)
                slots.append(row)
                cursor += 1
                how = "said"
            elif ev.kind == "revise" and cursor:
                after = apply_all(scene_at(cursor - 1), ev.edits)
                for r in slots[cursor:]:
                    statements[r - 1].status = statements[r - 1].status or "undone"
                del entries[cursor:], slots[cursor:]
                replaced[slots[cursor - 1]] = row
                entries[cursor - 1] = after
                slots[cursor - 1] = row
                how = "said"  # what it changes that was said before becomes "corrected" below
            elif ev.kind in COMMANDS:
                target = max(0, min(ev.turn, len(entries)))
                how = "undone" if ev.kind == "undo" else "redone" if ev.kind == "redo" else "went back"
                cursor = target
                after = scene_at(cursor)
            else:
                after = before
        except ScenewrightError as e:
            st.status = f"could not be replayed: {e}"
            continue
        if how is None:
            if ev.kind == "refused":
                st.status = f"not done: {ev.reply}" if ev.reply else "not done"
            continue
        # a statement that changes a field stated before is a correction of it
        stated_now = _stated_by(ev.edits, ev.text, world) if how == "said" else {}
        faced = any(w in ev.text.lower() for w in FACING_WORDS)
        changes = _diff(world, before, after, row, ev.time, how, mentions_place(world, ev.text), faced)
        final_changes = []
        for c in changes:
            if c.how == "said" and c.object_id is None and bg_stated:
                c = Change(c.row, c.time, c.object_id, c.label, c.field, c.old, c.new, "corrected")
            elif (c.how in ("said", "placed") and not c.extends and c.object_id in objects
                  and c.field in objects[c.object_id].stated):
                c = Change(c.row, c.time, c.object_id, c.label, c.field, c.old, c.new, "corrected")
            final_changes.append(c)
        st.changes = final_changes
        st.scene = after
        for c in final_changes:
            if c.object_id is None:
                continue
            h = objects.setdefault(c.object_id, ObjectHistory(c.object_id, c.label, c.label.split(" (")[0][4:]))
            h.changes.append(c)
        for oid, names in stated_now.items():
            if oid == "":
                bg_stated = True
            elif oid in objects:
                objects[oid].stated.update(names)
        if ev.kind in COMMANDS:
            st.status = "command"

    for r, by in replaced.items():
        statements[r - 1].status = f"corrected by #{by}"
    for r in slots[:cursor]:
        if not statements[r - 1].status:
            statements[r - 1].status = "in effect"
    for r in slots[cursor:]:
        if not statements[r - 1].status:
            statements[r - 1].status = "undone"
    for s in statements:
        if not s.status:
            s.status = "undone" if s.kind in ("turn", "revise") else "command" if s.kind in COMMANDS else s.kind
    final = scene_at(cursor)
    if final != history.scene:  # a log that does not tell the whole story (an older file): trust the history
        final = history.scene
    for oid, h in objects.items():
        h.present = any(o.id == oid for o in final.objects)
    return Record(world, start, statements, objects, final, _uncertain(world, final, objects, statements),
                  _unknown(world, final, objects, bg_stated), bg_stated)


def _uncertain(world: World, scene: Scene, objects: dict[str, ObjectHistory],
               statements: list[Statement]) -> list[dict[str, Any]]:
    out = []
    # the background has no place for alternatives: a hedged statement that set it is listed as unsure
    for s in reversed(statements):
        if s.status == "in effect" and any(c.field == "background" for c in s.changes):
            if s.hedges:
                out.append({"object": "the scene", "id": None, "field": nice("background"),
                             "alternatives": [scene.background], "drawn": scene.background, "statement": s.text,
                             "time": s.time, "hedges": s.hedges})
            break
    for o in scene.objects:
        for name, alts in o.unsure.items():
            source = None
            if o.id in objects:
                for c in reversed(objects[o.id].changes):
                    if c.field == f"unsure:{name}" and c.how in ("said", "corrected"):
                        source = statements[c.row - 1]
                        break
            current = getattr(o, name, None) if name in ("color", "pose") else o.attrs.get(name)
            hedges = list(source.hedges) if source else []
            said_hedge = o.attrs.get(f"{name}_hedge")  # a parser may keep the hedge word itself
            if said_hedge and said_hedge != "or" and str(said_hedge) not in hedges:
                hedges.insert(0, str(said_hedge))
            if name in LISTED:  # the hedged items themselves, not alternatives to each other
                current = "not drawn" if name == "notes" else "; ".join(map(str, alts))
            out.append({"object": label(o), "id": o.id, "field": nice(name), "alternatives": list(alts),
                        "listed": name in LISTED,
                        "drawn": current, "statement": source.text if source else None,
                        "time": source.time if source else None, "hedges": hedges})
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
