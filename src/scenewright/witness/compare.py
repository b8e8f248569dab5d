"""Two witnesses of one scene: which things they both saw, where they agree, where they conflict, and what
only one of them mentions.

    a, b = load_witness("A.session.json", "A"), load_witness("B.session.json", "B")
    result = compare(a, b)
    result.pairs, result.only_a, result.only_b     # who is who
    result.conflicts                               # [Finding(text="the van is white in A, gray in B"), …]
    write_compare(result, "compare.html")

Three parts, each its own file: who is who (matching.py: the costs and the optimal assignment), what the
pairs agree and conflict on (here: `diff` and the findings), and the HTML page (compare_page.py).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from typing import Any

from ..errors import SessionFileError
from ..scene import Scene, SceneObject
from ..scene.seal import check, replay_problems
from ..worlds import World
from .describe import LISTED, a_or_an, nice, summary, where
from .matching import FORBIDDEN, GENERIC, LONE, Detail, assign, details_of, match, pair_cost
from .record import Record, build_record

__all__ = ["Comparison", "Finding", "Pair", "Witness", "LONE", "X_TOL", "assign", "compare", "diff",
           "load_witness", "match", "match_witnesses", "pair_cost", "render_compare", "witness_from_data",
           "write_compare"]

X_TOL, Y_TOL = 0.2, 0.06  # a place said differently: farther apart than this across / in depth
REL_X, REL_DEPTH = 0.05, 0.04  # "left of", "in front of": only when the two are at least this far apart
IS_FIELDS = ("color", "pose", "flip", "expression", "motion", "height", "build", "age")  # "the van is white"


# -- the witnesses ---------------------------------------------------------------------------------------------------
@dataclass
class Witness:
    """One interview as a comparison sees it: its final scene, its record and its seal."""

    name: str  # "A" or "B"
    file: str  # where it came from: a path, or a session id
    session: Any  # a Session: draws the pictures
    record: Record
    seal: str | None  # the SHA-256 the file carries (None: none)
    problems: list[str] | None  # []: the seal verifies; None: there is no seal to check

    @property
    def scene(self) -> Scene:
        return self.record.final

    @property
    def verified(self) -> bool | None:
        return None if self.problems is None else not self.problems

    def stated(self, object_id: str) -> set[str]:
        h = self.record.objects.get(object_id)
        return h.stated if h else set()

    def seal_words(self) -> str:
        if self.problems is None:
            return "carries no seal (saved by an older scenewright): it cannot be verified"
        return "verifies" if not self.problems else "does NOT verify: " + "; ".join(self.problems)

    def to_dict(self) -> dict[str, Any]:
        return {"file": self.file, "world": self.record.world.name, "objects": len(self.scene.objects),
                "statements": sum(1 for s in self.record.statements if s.said), "sha256": self.seal,
                "verified": self.verified, "problems": self.problems or []}


def witness_from_data(data: Any, name: str, file: str, **options: Any) -> Witness:
    """A witness from a session file's JSON (`Session.to_dict()`); `options` go to `Session.from_dict`."""
    from ..session import Session

    session = Session.from_dict(data, **options)
    problems = check(data)
    if problems is not None:
        problems += replay_problems(session.history)
    seal = data["seal"].get("sha256") if isinstance(data.get("seal"), dict) else None
    return Witness(name, file, session, build_record(session.history, session.world), seal, problems)


def load_witness(path: str | Path, name: str, **options: Any) -> Witness:
    """Read a session file (`Session.save`, `draw`'s session.json, chat's file, a web export)."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as e:
        raise SessionFileError(f"cannot read {path}: {e.strerror}") from None
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise SessionFileError(f"{path} is not a session file: not valid JSON") from None
    try:
        return witness_from_data(data, name, str(path), **options)
    except SessionFileError as e:
        raise SessionFileError(f"{path}: {e}") from None


# -- what they say -----------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Finding:
    """One line of the comparison. `a` / `b`: what each witness said, in words (None: they did not say)."""

    kind: str  # "agree" | "conflict" | "only"
    about: str  # "the van", "the scene", "the man and the car"
    what: str  # "colour", "where", "left–right", "the thing itself" … in words
    field: str  # the scene's name for it: "color", "position", "x-order", "depth-order", "object", …
    a: str | None
    b: str | None
    text: str
    ids: tuple[str | None, str | None] = (None, None)

    @property
    def who(self) -> str | None:
        """For an "only" finding, the witness who said it."""
        return None if self.kind != "only" else "A" if self.b is None else "B"

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "who": self.who, "about": self.about, "what": self.what, "field": self.field,
                "a": self.a, "b": self.b, "text": self.text, "ids": {"a": self.ids[0], "b": self.ids[1]}}


@dataclass(frozen=True)
class Pair:
    a: SceneObject
    b: SceneObject
    cost: float
    kind: str  # the category, the specific one when one witness said "a person" and the other "a man"
    name: str  # "the van", or "the van (A o2 / B o5)" when there are several


@dataclass
class Comparison:
    world: World
    a: Witness
    b: Witness
    pairs: list[Pair]
    only_a: list[SceneObject]
    only_b: list[SceneObject]
    findings: list[Finding] = field(default_factory=list)

    def of(self, kind: str) -> list[Finding]:
        return [f for f in self.findings if f.kind == kind]

    @property
    def agree(self) -> list[Finding]:
        return self.of("agree")

    @property
    def conflicts(self) -> list[Finding]:
        return self.of("conflict")

    @property
    def only(self) -> list[Finding]:
        return self.of("only")

    def _lone(self, o: SceneObject) -> dict[str, Any]:
        return {"id": o.id, "category": o.category, "summary": summary(self.world, o)}

    def to_dict(self) -> dict[str, Any]:
        return {"world": self.world.name, "a": self.a.to_dict(), "b": self.b.to_dict(),
                "pairs": [{"name": p.name, "a": p.a.id, "b": p.b.id, "category": p.kind,
                           "cost": round(p.cost, 3)} for p in self.pairs],
                "only_a": [self._lone(o) for o in self.only_a], "only_b": [self._lone(o) for o in self.only_b],
                "counts": {k: len(self.of(k)) for k in ("agree", "conflict", "only")},
                "findings": [f.to_dict() for f in self.findings]}

    def lines(self) -> list[str]:
        """A short plain-text summary: both files and their seals, who is who, every conflict and every thing
        only one mentions; agreements counted."""
        out = [f"{w.name}: {w.file} — {len(w.scene.objects)} things, SHA-256 {w.seal or '(none)'}, {w.seal_words()}"
               for w in (self.a, self.b)]
        out.append(f"paired {len(self.pairs)} things; only A: {len(self.only_a)}, only B: {len(self.only_b)}")
        out.append(f"they agree on {len(self.agree)} points")
        for title, found in (("conflicts", self.conflicts), ("only one of them says", self.only)):
            out.append(f"{title} ({len(found)}):")
            out += [f"  - {f.text}" for f in found] or ["  (none)"]
        return out


def _same_world(a: Witness, b: Witness) -> World:
    wa, wb = a.record.world, b.record.world
    if wa.name != wb.name:
        raise SessionFileError(f"{a.file} is a {wa.name} interview and {b.file} a {wb.name} one: only two "
                               "interviews of the same world can be compared")
    return wa


def match_witnesses(a: Witness, b: Witness) -> list[tuple[SceneObject, SceneObject]]:
    """Who is who: the pairs of the optimal assignment of A's things to B's (see the module's docstring)."""
    world = _same_world(a, b)
    A, B = a.scene.objects, b.scene.objects
    cost = [[pair_cost(world, x, y, a.stated(x.id), b.stated(y.id)) for y in B] for x in A]
    return [(A[i], B[j]) for i, j in match(cost)]


def diff(a: Witness, b: Witness, pairs: list[tuple[SceneObject, SceneObject]]) -> Comparison:
    """What two witnesses agree on, conflict on and only one says, given who is who."""
    world = _same_world(a, b)
    order = {o.id: k for k, o in enumerate(a.scene.objects)}
    pairs = sorted(pairs, key=lambda p: order[p[0].id])
    paired_a, paired_b = {x.id for x, _ in pairs}, {y.id for _, y in pairs}
    only_a = [o for o in a.scene.objects if o.id not in paired_a]
    only_b = [o for o in b.scene.objects if o.id not in paired_b]
    kinds = [x.category if x.category not in GENERIC else y.category for x, y in pairs]
    everything = kinds + [o.category for o in only_a + only_b]
    costs = [pair_cost(world, x, y, a.stated(x.id), b.stated(y.id)) for x, y in pairs]
    named = [Pair(x, y, FORBIDDEN if cost is None else cost, kind,
                  f"the {kind}" + (f" (A {x.id} / B {y.id})" if everything.count(kind) > 1 else ""))
             for (x, y), kind, cost in zip(pairs, kinds, costs)]
    result = Comparison(world, a, b, named, only_a, only_b)
    result.findings = _findings(result)
    return result


def compare(a: Witness, b: Witness) -> Comparison:
    """Match the things of two interviews of one world and list where they agree, conflict, or only one says."""
    return diff(a, b, match_witnesses(a, b))


def _phrase(name: str, key: str, words: str) -> str:
    if key == "background":
        return f"it was {words}"
    if key in IS_FIELDS:
        return f"{name} is {words}"
    if key == "called":
        return f"{name} is called {words}"
    if key.endswith("_kind"):
        return f"{name} {'carried' if key == 'carry_kind' else 'wore'} {words}"
    return f"{name}'s {nice(key)} is {words}"


def _on(name: str, what: str, key: str, da: Detail | None, db: Detail | None,
        ids: tuple[str | None, str | None]) -> list[Finding]:
    """Findings for one field both (or one) of the witnesses gave."""
    wa, wb = (da.words if da else None), (db.words if db else None)
    if da is None or db is None:
        who, words = ("A", wa) if db is None else ("B", wb)
        return [Finding("only", name, what, key, wa, wb, f"only {who} says {_phrase(name, key, words)}", ids)]
    if da.allowed & db.allowed:
        if da.allowed == db.allowed:
            return [Finding("agree", name, what, key, wa, wb, f"{_phrase(name, key, wa)} in both", ids)]
        common = " or ".join(sorted(map(str, da.allowed & db.allowed)))
        return [Finding("agree", name, what, key, wa, wb,
                        f"{_phrase(name, key, wa)} in A, {wb} in B: both allow {common}", ids)]
    return [Finding("conflict", name, what, key, wa, wb, f"{_phrase(name, key, wa)} in A, {wb} in B", ids)]


def _listed(name: str, key: str, da: Detail | None, db: Detail | None,
            ids: tuple[str | None, str | None]) -> list[Finding]:
    """Marks and notes: each item is agreed (both said it) or said by one; a list never conflicts."""
    items_a = {str(i).lower(): str(i) for i in (da.value if da else ())}
    items_b = {str(i).lower(): str(i) for i in (db.value if db else ())}
    out = []
    for low, item in {**items_a, **{k: v for k, v in items_b.items() if k not in items_a}}.items():
        a, b = items_a.get(low), items_b.get(low)
        text = (f"both mention ‘{item}’ ({nice(key)}) for {name}" if a and b
                else f"only {'A' if a else 'B'} mentions ‘{item}’ ({nice(key)}) for {name}")
        out.append(Finding("agree" if a and b else "only", name, nice(key), key, a, b, text, ids))
    return out


def ground(world: World, o: SceneObject) -> float:
    """The line its feet or wheels stand on (larger: nearer the viewer)."""
    cat = world.category(o.category)
    return o.y + cat.height * o.scale * world.size_factor(o.y) / 2


def _place(world: World, p: Pair, placed_a: bool, placed_b: bool) -> list[Finding]:
    a, b, ids = p.a, p.b, (p.a.id, p.b.id)
    wa, wb = (where(world, a) if placed_a else None), (where(world, b) if placed_b else None)
    if not (placed_a and placed_b):
        if not (placed_a or placed_b):
            return []
        who, words = ("A", wa) if placed_a else ("B", wb)
        return [Finding("only", p.name, "where", "position", wa, wb, f"only {who} says where {p.name} was: {words}",
                        ids)]
    dx, dy = b.x - a.x, ground(world, b) - ground(world, a)
    if world.category(a.category).group == "buildings":
        dy = 0.0  # buildings stand on their own line at the back: only across counts
    if abs(dx) <= X_TOL and abs(dy) <= Y_TOL:
        return [Finding("agree", p.name, "where", "position", wa, wb, f"both put {p.name} {wa}", ids)]
    if wa != wb:
        text = f"A puts {p.name} {wa}; B {wb}"
    elif abs(dx) > X_TOL:
        text = f"A puts {p.name} further {'left' if dx > 0 else 'right'} than B does (both: {wa})"
    else:
        text = f"A puts {p.name} {'farther from' if dy > 0 else 'nearer to'} the viewer than B does (both: {wa})"
    return [Finding("conflict", p.name, "where", "position", wa, wb, text, ids)]


def _relations(c: Comparison, placed: list[Pair]) -> list[Finding]:
    """Left of / right of, in front of / behind, for every two paired things both witnesses placed."""
    out = []
    for p, q in combinations(placed, 2):
        about, ids = f"{p.name} and {q.name}", (f"{p.a.id}+{q.a.id}", f"{p.b.id}+{q.b.id}")
        dxa, dxb = p.a.x - q.a.x, p.b.x - q.b.x
        if min(abs(dxa), abs(dxb)) >= REL_X:
            ra, rb = ("left of" if d < 0 else "right of" for d in (dxa, dxb))
            out.append(_relation(about, "left–right", "x-order", p.name, q, ra, rb, ids))
        if "buildings" in (c.world.category(o.category).group for o in (p.a, q.a)):
            continue  # buildings stand on their own line at the back: "in front of the bank" says nothing
        dya, dyb = ground(c.world, p.a) - ground(c.world, q.a), ground(c.world, p.b) - ground(c.world, q.b)
        if min(abs(dya), abs(dyb)) >= REL_DEPTH:
            ra, rb = ("in front of" if d > 0 else "behind" for d in (dya, dyb))
            out.append(_relation(about, "front–back", "depth-order", p.name, q, ra, rb, ids))
    return out


PRONOUNS = {"man": "him", "woman": "her", "person": "them", "child": "them"}


def _relation(about: str, what: str, key: str, name: str, q: Pair, ra: str, rb: str,
              ids: tuple[str, str]) -> Finding:
    nq = q.name
    if ra == rb:
        return Finding("agree", about, what, key, f"{ra} {nq}", f"{rb} {nq}", f"{name} is {ra} {nq} in both", ids)
    it = PRONOUNS.get(q.b.category, "it")
    return Finding("conflict", about, what, key, f"{ra} {nq}", f"{rb} {nq}",
                   f"{name} is {ra} {nq} in A, {rb} {it} in B", ids)


def _findings(c: Comparison) -> list[Finding]:
    world, out = c.world, []
    bg = [w.scene.background if w.record.background_stated else None for w in (c.a, c.b)]
    if any(bg):
        da, db = (Detail(v, frozenset({v}), v) if v else None for v in bg)
        out += _on("the scene", nice("background"), "background", da, db, (None, None))
    placed = []
    for p in c.pairs:
        ids, sa, sb = (p.a.id, p.b.id), c.a.stated(p.a.id), c.b.stated(p.b.id)
        if p.a.category != p.b.category:
            out.append(Finding("agree", p.name, "kind of thing", "category", p.a.category, p.b.category,
                               f"{p.name}: A says {a_or_an(p.a.category)}, B {a_or_an(p.b.category)}", ids))
        out += _place(world, p, "position" in sa, "position" in sb)
        if "position" in sa and "position" in sb:
            placed.append(p)
        da, db = details_of(world, p.a, sa), details_of(world, p.b, sb)
        for key in list(da) + [k for k in db if k not in da]:
            if key in LISTED:
                out += _listed(p.name, key, da.get(key), db.get(key), ids)
            else:
                out += _on(p.name, nice(key), key, da.get(key), db.get(key), ids)
    out += _relations(c, placed)
    for who, lone in (("A", c.only_a), ("B", c.only_b)):
        for o in lone:
            words = summary(world, o)
            out.append(Finding("only", f"the {o.category}", "the thing itself", "object",
                               words if who == "A" else None, words if who == "B" else None,
                               f"only {who} mentions {a_or_an(words)}", (o.id, None) if who == "A" else (None, o.id)))
    return out


def render_compare(c: Comparison, title: str = "Two witnesses") -> str:
    """The comparison as one self-contained HTML page (compare_page.py)."""
    from .compare_page import render_compare as render

    return render(c, title)


def write_compare(c: Comparison, path: str | Path, **options: Any) -> Path:
    path = Path(path)
    path.write_text(render_compare(c, **options), encoding="utf-8")
    return path
