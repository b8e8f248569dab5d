"""Two witnesses of one scene: which things they both saw, where they agree, where they conflict, and what
only one of them mentions.

    a, b = load_witness("A.session.json", "A"), load_witness("B.session.json", "B")
    result = compare(a, b)
    result.pairs, result.only_a, result.only_b     # who is who
    result.conflicts                               # [Finding(text="the van is white in A, gray in B"), …]
    write_compare(result, "compare.html")

Who is who is an optimal assignment (`match`, the Hungarian method). Two things can be one thing only if they
are of one category, or one is its group's generic word ("a person", "a man"). A pair costs the square root of
how far apart the two witnesses put it (picture width plus height, when both said where: the root makes one
thing told far off cheaper than several told a little off, so one moved van does not swap two others) plus the
share of the details that disagree (a detail only one of them gave counts a quarter); a thing left unpaired
costs `LONE`. `LONE` is set so that any two compatible things are
paired rather than left alone — two witnesses who each saw one van saw the same van, however differently they
tell it — so places and details decide only which of several vans is which.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from html import escape
from itertools import combinations
from pathlib import Path
from typing import Any

from ..errors import SessionFileError
from ..scene import Scene, SceneObject
from ..scene.seal import check, replay_problems
from ..worlds import World
from .describe import LISTED, a_or_an, hedged, nice, summary, value_text, where
from .record import Record, build_record
from .report import CSS, data_uri

LONE = 2.0  # cost of a thing only one witness mentions; above half the dearest compatible pair
FORBIDDEN = 1e6  # cost of pairing things of different kinds (never chosen: two LONEs are cheaper)
GENERIC = {"person": "people", "building": "buildings"}  # a generic word matches its group's categories
CATEGORY_GAP = 0.3  # "a person" / "a man": the same thing, a little less likely than "a man" / "a man"
UNPLACED = 0.3  # position cost when a witness did not say where the thing was
DETAIL = 0.6  # cost of details that all disagree (scaled by the share that do)
ONE_SIDED = 0.25  # a detail only one of them gave: weak evidence of two things, a quarter of a disagreement
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


# -- who is who ------------------------------------------------------------------------------------------------------
def assign(cost: list[list[float]]) -> list[int]:
    """The Hungarian method (Kuhn–Munkres with row and column potentials, O(n³)): for a square cost matrix,
    the column given to each row so that the total cost is least."""
    n = len(cost)
    u, v = [0.0] * (n + 1), [0.0] * (n + 1)
    owner, way = [0] * (n + 1), [0] * (n + 1)  # owner[j]: the row holding column j (1-based; 0 = none)
    for i in range(1, n + 1):
        owner[0], j0 = i, 0
        low, used = [float("inf")] * (n + 1), [False] * (n + 1)
        while True:  # grow a tree of tight edges from row i until it reaches a free column
            used[j0] = True
            i0, delta, j1 = owner[j0], float("inf"), 0
            for j in range(1, n + 1):
                if not used[j]:
                    reduced = cost[i0 - 1][j - 1] - u[i0] - v[j]
                    if reduced < low[j]:
                        low[j], way[j] = reduced, j0
                    if low[j] < delta:
                        delta, j1 = low[j], j
            for j in range(n + 1):
                if used[j]:
                    u[owner[j]] += delta
                    v[j] -= delta
                else:
                    low[j] -= delta
            j0 = j1
            if owner[j0] == 0:
                break
        while j0:  # flip the augmenting path
            j1 = way[j0]
            owner[j0] = owner[j1]
            j0 = j1
    out = [0] * n
    for j in range(1, n + 1):
        out[owner[j] - 1] = j - 1
    return out


def match(cost: list[list[float | None]], lone: float = LONE) -> list[tuple[int, int]]:
    """The cheapest pairing of rows (A's things) with columns (B's): `cost[i][j]` is None where i and j cannot be
    one thing; each thing left unpaired costs `lone`. The n×m matrix is padded to (n+m)² with a "nobody"
    column per row and a "nobody" row per column, so leaving things alone is one more choice of the same
    assignment."""
    n, m = len(cost), len(cost[0]) if cost else 0
    size = n + m
    big = [[0.0] * size for _ in range(size)]
    for i in range(size):
        for j in range(size):
            if i < n and j < m:
                big[i][j] = FORBIDDEN if cost[i][j] is None else cost[i][j]
            elif i < n:
                big[i][j] = lone if j - m == i else FORBIDDEN
            elif j < m:
                big[i][j] = lone if i - n == j else FORBIDDEN
    cols = assign(big)
    return [(i, cols[i]) for i in range(n) if cols[i] < m and cost[i][cols[i]] is not None]


def category_gap(world: World, a: str, b: str) -> float | None:
    if a == b:
        return 0.0
    for generic, other in ((a, b), (b, a)):
        if GENERIC.get(generic) == world.category(other).group:
            return CATEGORY_GAP
    return None


@dataclass(frozen=True)
class Detail:
    """One thing a witness said about an object, in their words."""

    value: Any
    allowed: frozenset  # the value and whatever else the witness was unsure between
    words: str


def details_of(world: World, obj: SceneObject, stated: set[str]) -> dict[str, Detail]:
    """What the witness said about `obj`, by field (position apart): colour, posture, facing when said, the
    world's attributes, and list fields (marks, notes) with one item each as `allowed`."""
    raw: dict[str, Any] = {k: getattr(obj, k) for k in ("color", "pose", "expression") if getattr(obj, k)}
    if world.category(obj.category).facing and "flip" in stated:
        raw["flip"] = obj.flip
    raw.update((k, v) for k, v in obj.attrs.items() if not k.endswith("_hedge") and v not in (None, "", []))
    unsure = obj.unsure
    out = {}
    for k, v in raw.items():
        if k in LISTED:
            items = tuple(v) if isinstance(v, (list, tuple)) else (v,)
            out[k] = Detail(items, frozenset(str(i).lower() for i in items), value_text(world, obj, k, items))
        elif k in unsure:
            alts = unsure[k]
            words = value_text(world, obj, f"unsure:{k}", alts) + (hedged(obj, k) or " (unsure)")
            out[k] = Detail(v, frozenset(alts) | {v}, words)
        else:
            out[k] = Detail(v, frozenset({v}), value_text(world, obj, k, v))
        if k.endswith("_kind"):  # "a hoodie", "jeans": said as a thing worn or carried
            d, word = out[k], str(out[k].value)
            plural = word.endswith("s") and not word.endswith("ss")
            out[k] = Detail(d.value, d.allowed, d.words if plural else a_or_an(d.words))
    if "color" in out and world.category(obj.category).people:  # a person's colour is what they wore
        d = out["color"]
        out["color"] = Detail(d.value, d.allowed, f"in {d.words}")
    return out


def pair_cost(world: World, a: SceneObject, b: SceneObject, stated_a: set[str], stated_b: set[str]) -> float | None:
    """What it costs to say `a` (witness A's) and `b` (witness B's) are one thing; None if they cannot be."""
    gap = category_gap(world, a.category, b.category)
    if gap is None:
        return None
    placed = "position" in stated_a and "position" in stated_b
    place = (abs(a.x - b.x) + abs(a.y - b.y)) ** 0.5 if placed else UNPLACED
    da, db = details_of(world, a, stated_a), details_of(world, b, stated_b)
    both = [k for k in da if k in db and k not in LISTED]
    one = sum(1 for k in {*da, *db} if k not in LISTED) - len(both)
    clash = sum(1 for k in both if not da[k].allowed & db[k].allowed)
    return gap + place + DETAIL * (clash + ONE_SIDED * one) / max(1, len(both) + one)


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


# -- the page ----------------------------------------------------------------------------------------------------
PAGE_CSS = """
.two { display: grid; grid-template-columns: 1fr 1fr; gap: 16px; }
.two figure { margin: 0; } .two img { width: 100%; border: 1px solid var(--line); display: block; }
.two figcaption { font-size: 12px; margin-top: 4px; }
.ok { color: #1d6b34; font-weight: 600; } .bad { color: #9a3b12; font-weight: 600; }
tr.conflict td:first-child { border-left: 4px solid #c2410c; }
details summary { cursor: pointer; color: var(--muted); }
"""


def _seal_html(w: Witness) -> str:
    cls = "ok" if w.verified else "bad"
    digest = f"<code>{escape(w.seal)}</code>" if w.seal else "none"
    return f'SHA-256 of the event log: {digest} — <span class="{cls}">{escape(w.seal_words())}</span>'


def _table(rows: list[Finding], kind: str) -> str:
    if not rows:
        return '<p class="note">Nothing.</p>'
    head = "<tr><th>about</th><th>what</th><th>A said</th><th>B said</th><th>in words</th></tr>"
    body = "".join(f'<tr class="{kind}"><td>{escape(f.about)}</td><td>{escape(f.what)}</td>'
                   f"<td>{escape(f.a or '—')}</td><td>{escape(f.b or '—')}</td><td>{escape(f.text)}</td></tr>"
                   for f in rows)
    return f"<table>{head}{body}</table>"


def render_compare(c: Comparison, title: str = "Two witnesses") -> str:
    """The comparison as one self-contained HTML page (pictures as data: URIs)."""
    size = tuple(c.world.canvas)
    out = ["<!doctype html>", '<html lang="en"><head><meta charset="utf-8">', f"<title>{escape(title)}</title>",
           f"<style>{CSS}{PAGE_CSS}</style></head><body>", f"<h1>{escape(title)}</h1>",
           f'<p class="meta">{escape(c.world.title)} · {len(c.pairs)} things both mention · '
           f"{len(c.conflicts)} conflicts · {len(c.agree)} points of agreement · {len(c.only)} said by one only</p>",
           '<div class="two">']
    for w in (c.a, c.b):
        n = sum(1 for s in w.record.statements if s.said)
        out.append(f'<figure><img alt="witness {w.name}: the final picture" '
                   f'src="{data_uri(w.session.render(w.scene, size))}"><figcaption><b>{w.name}</b>: '
                   f"{escape(w.file)} — {n} statements, {len(w.scene.objects)} things<br>{_seal_html(w)}"
                   "</figcaption></figure>")
    out.append("</div><h2>Who is who</h2>")
    if c.pairs:
        out.append("<table><tr><th>thing</th><th>A said</th><th>B said</th><th>cost</th></tr>" + "".join(
            f"<tr><td>{escape(p.name)}</td><td>{escape(summary(c.world, p.a))} ({p.a.id})</td>"
            f"<td>{escape(summary(c.world, p.b))} ({p.b.id})</td><td>{p.cost:.2f}</td></tr>" for p in c.pairs)
            + "</table>")
    else:
        out.append('<p class="note">The two witnesses mention nothing of the same kind.</p>')
    relations = [f for f in c.agree if f.field in ("x-order", "depth-order")]
    out += [f"<h2>They conflict on ({len(c.conflicts)})</h2>", _table(c.conflicts, "conflict"),
            f"<h2>Only one of them mentions ({len(c.only)})</h2>", _table(c.only, "only"),
            f"<h2>They agree on ({len(c.agree)})</h2>",
            _table([f for f in c.agree if f not in relations], "agree")]
    if relations:
        out.append(f"<details><summary>and on {len(relations)} left–right and front–back orders of two "
                   "things</summary><ul>" + "".join(f"<li>{escape(f.text)}</li>" for f in relations)
                   + "</ul></details>")
    out.append('<p class="note">Who is who is the pairing of least total cost: things of one kind only; a pair '
               "costs how far apart the two witnesses put it and the share of the details both gave that "
               f"disagree; a thing left unpaired costs {LONE}. A place counts as said differently when the two "
               f"are more than {X_TOL:.0%} of the picture apart across, or on different ground (lane, sidewalk)."
               " Nothing here says which witness is right.</p></body></html>")
    return "\n".join(out)


def write_compare(c: Comparison, path: str | Path, **options: Any) -> Path:
    path = Path(path)
    path.write_text(render_compare(c, **options), encoding="utf-8")
    return path
