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

What counts as said, inferred and corrected is decided statement by statement in provenance.py (`judge`): a
correction is counted once for each statement whose detail it changes (the same object, the same field), and
a detail the witness did not give — a place by default, a landmark drawn because it was named as a place, a
facing from "walking towards the bank" — is inferred, never said.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import tzinfo
from typing import Any

from ..errors import ScenewrightError
from ..scene import Event, History, Scene, SceneObject, apply_all
from ..worlds import World
from .describe import LISTED, SLOT_NAMES, clock, fields_of, hedged, label, nice, phrase
from .provenance import Change, Provenance, Source, diff, judge, rows_text

COMMANDS = ("undo", "redo", "goto")
# how a witness hedges: kept to show the confidence in the witness's own words
HEDGES = ("i think", "i believe", "i guess", "i suppose", "maybe", "perhaps", "probably", "possibly",
          "not sure", "not certain", "unsure", "might", "could have", "could be", "kind of", "sort of",
          "about", "around", "roughly", "approximately", "or so", "ish", "if i remember", "i am not sure",
          "i'm not sure", "or maybe", "likely", "seemed", "looked like")


def hedges_in(text: str) -> list[str]:
    t = " " + re.sub(r"[^\w' ]", " ", text.lower()) + " "
    found = [h for h in HEDGES if f" {h} " in t]
    return [h for h in found if not any(h != g and f" {h} " in f" {g} " for g in found)]  # "I'm not sure" once


# -- the record ----------------------------------------------------------------------------------------------------
def _n(k: int, word: str) -> str:
    return f"{k} {word}" + ("" if k == 1 else "s")


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
    skipped: tuple[str, ...] = ()  # words of a statement done in part that were not understood, so not done

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
        out = [f"#{s.index:<3} {clock(s.time, tz)}  {s.kind:<8} {s.text!r}  [{s.status}]"
               + (f"  (not understood, so not done: {', '.join(map(repr, s.skipped))})" if s.skipped else "")
               for s in self.statements]
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

            said in #4 at 10:04:25, “a man in a black hoodie, maybe six foot, …”: walking; tall (said: 'maybe'); …
            inferred, not said: facing right (from 'walking towards the bank'); on the near sidewalk, centre (…)
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
        st = Statement(row, ev.time, ev.kind, ev.text, ev.reply, hedges=hedges_in(ev.text),
                       skipped=tuple(getattr(ev, "skipped", ())))
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
        changes = diff(world, before, after, row, ev.time, how)
        if how == "said":
            changes, provs[cursor - 1] = judge(world, ev, row, before, after, changes, base, replaced)
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
            elif name == "there":  # "I think there was a man": whether the thing was there at all
                alts, current = ("there", "not there"), "drawn"
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
