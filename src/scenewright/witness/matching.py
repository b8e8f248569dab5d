"""Who is who between two witnesses: the cheapest pairing of A's things with B's.

    cost = [[pair_cost(world, x, y, stated_x, stated_y) for y in b_things] for x in a_things]
    pairs = match(cost)          # [(i, j), …]: A's i-th thing is B's j-th

`match` is an optimal assignment (`assign`, the Hungarian method, our own: no scipy). Two things can be one
thing only if they are of one category, or one is its group's generic word ("a person", "a man"). A pair
costs the square root of how far apart the two witnesses put it (picture width plus height, when both said
where: the root makes one thing told far off cheaper than several told a little off, so one moved van does not
swap two others) plus the share of the details that disagree (a detail only one of them gave counts a
quarter); a thing left unpaired costs `LONE`. `LONE` is set so that any two compatible things are paired rather
than left alone — two witnesses who each saw one van saw the same van, however differently they tell it — so
places and details decide only which of several vans is which. What the pairs agree and conflict on is
compare.py's; the page is compare_page.py's.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..scene import SceneObject
from ..worlds import World
from .describe import LISTED, a_or_an, hedged, value_text

LONE = 2.0  # cost of a thing only one witness mentions; above half the dearest compatible pair
FORBIDDEN = 1e6  # cost of pairing things of different kinds (never chosen: two LONEs are cheaper)
GENERIC = {"person": "people", "building": "buildings"}  # a generic word matches its group's categories
CATEGORY_GAP = 0.3  # "a person" / "a man": the same thing, a little less likely than "a man" / "a man"
UNPLACED = 0.3  # position cost when a witness did not say where the thing was
DETAIL = 0.6  # cost of details that all disagree (scaled by the share that do)
ONE_SIDED = 0.25  # a detail only one of them gave: weak evidence of two things, a quarter of a disagreement


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
