"""Does the picture say what the clause said? A check run after each clause, on the things it placed.

The placement code is a set of heuristics (make room, stay inside the canvas, stand on the ground line), and a
heuristic can lose what was said: "a girl on the right side of the picture" ending on the left because she is
also "waving at" the boy, "a pie on the table" pushed off it by a drink. A turn that then says `ok` is wrong
with confidence, the worst kind of wrong. So each clause's explicit places are checked on the result:

- where the clause put a thing (`on the right`, `in the middle`) and how it relates to its landmarks (left
  of, right of, between, on, in, under, above, next to, closer to, further from);
- a thing placed or moved by this clause that breaks one is slid sideways to the nearest spot that keeps
  everything the clause said about it (an edit of its own: undo stays exact);
- when no spot does, the turn says which part it could not keep, and does not say `ok`.
"""

from __future__ import annotations

import copy
from dataclasses import replace
from typing import TYPE_CHECKING, Callable, Sequence

from ..scene import Add, Scene, SceneObject, Update, apply
from .clauses import Clause
from .placement import box, clamp_x, overlap_area
from .references import Ambiguous, Mention, Missing
from .state import Refusal, State

if TYPE_CHECKING:
    from .interpret import Interpreter

_SIDE = 0.5  # "on the left": left of the middle
_APART = 0.03  # "left of": clearly to its left
_NEAR = 0.25  # "next to", "near": within this much of the landmark, across
_GRID = [round(0.04 + 0.02 * k, 2) for k in range(47)]  # the x positions a repair may try
_WORDS = {"left": "left of", "right": "right of", "between": "between", "on": "on", "in": "in", "under": "under",
          "below": "below", "above": "above", "next": "next to", "near": "near", "toward": "closer to",
          "away": "further from", "front": "in front of", "behind": "behind"}

Test = Callable[[float], bool]  # holds for the object at this x?


def snapshot(c: Clause) -> Clause:
    """The clause as read, before interpreting it rewrites its targets and places."""
    return copy.deepcopy(c)


def check(it: "Interpreter", c: Clause, state: State, mark: tuple) -> None:
    """After clause `c` ran (`mark`: the state before it): repair what it said of places and the picture lost;
    the words it could not keep are skipped, with a note saying why."""
    before, n_edits = mark[0], mark[1]
    added = {e.obj.id for e in state.edits[n_edits:] if isinstance(e, Add)}
    moved = {e.id for e in state.edits[n_edits:] if isinstance(e, Update) and
             any(k in ("x", "y") for k, _ in e.changes)}
    placed = added | moved
    turned = any(isinstance(e, Update) and any(k == "flip" for k, _ in e.changes) for e in state.edits[n_edits:])
    if not placed and not turned and c.goes and c.abs_x is not None and c.abs_x != 0.5 and c.abs_y is None \
            and not any(m.side_hint is not None for m in c.targets):
        way = next((w for w in c.abs_words if "left" in w or "right" in w), None)
        if way is not None:  # "both then departed on the motorcycle to the left": that way was said, and nothing
            state.skip(way, why=f"(I skipped {way!r}: I could not tell what went that way.)")  # went it
        return
    if not placed:
        return
    carried = {o.id for o in state.scene.objects if o.id in placed and
               (o.attrs.get("with") in placed or o.attrs.get("of") in placed)}
    said: list[tuple[Mention, str | None, list]] = [
        (m, *((m.relation, m.landmarks) if m.relation else (c.relation, c.landmarks))) for m in c.targets]
    if c.holder is not None and c.holder.head == "CAT":  # "a dog in a crown next to the tree": the dog is
        placed_at = next(((r, ls) for _, r, ls in said if r in ("next", "near", "left", "right", "between")
                          and ls), (None, []))  # next to it, whatever the words were hung on
        said.append((c.holder, *((c.holder.relation, c.holder.landmarks) if c.holder.relation else placed_at)))
    for m, rel, lands in said:
        abs_x = c.abs_x if len(c.targets) == 1 and m is not c.holder else None
        objs = _placed_by(it, m, state, placed - carried)
        if not rel and abs_x is None or len(objs) != 1 or m.plural or (m.count or 1) > 1:
            continue  # "two trees, one on the far left and one on the far right": each has its own place
        obj = objs[0]
        tests = _tests(it, obj, rel, lands, abs_x, before, state, exclude=placed, amount=c.amount)
        if tests is None or all(t(obj.x) for _, t in tests):
            continue
        beside = None  # what else stands there, not to be stood on: the landmarks aside
        if rel in _BESIDE:
            lms = {o.id for o in (_landmarks(it, lands, state, obj, placed) or ())}
            beside = [o for o in state.scene.objects if o.id not in lms]
        for keep in range(len(tests), 0, -1):  # all of it, else the relation before the side of the picture
            x = _repair(it, obj, [t for _, t in tests[:keep]], beside)
            if x is not None:
                break
        if x is not None and x != obj.x:
            _move(state, before, n_edits, obj, x, new=obj.id in added)
        not_kept = [w for w, t in tests if not t(x if x is not None else obj.x)]
        if not_kept:
            name = it.resolver.describe(Mention("CAT", obj.category, obj.category))
            words = " and ".join(repr(w) for w in not_kept)
            why = (f"(I skipped {words} for the {name}: no spot keeps that with the rest of what you said.)"
                   if len(not_kept) < len(tests) else f"(I skipped {words} for the {name}: there is no room for it "
                                                       f"there.)")
            for k, w in enumerate(not_kept):
                state.skip(w, why=why if k == 0 else None)
                state.explained.add(w)


def _move(state: State, before: Scene, n_edits: int, obj: SceneObject, x: float, new: bool) -> None:
    """Put `obj` at `x`: a thing added by this clause is added there (one edit, as if placed there first, so
    the reply does not say it moved); a thing it moved gets one more move."""
    if not new:
        return state.do(Update.of(obj.id, x=x))
    k = next(k for k in range(n_edits, len(state.edits)) if isinstance(state.edits[k], Add)
             and state.edits[k].obj.id == obj.id)
    dx = x - state.edits[k].obj.x
    state.edits[k] = Add(replace(state.edits[k].obj, x=x))
    for j in range(n_edits, len(state.edits)):  # what it wears or holds, added with it, goes along
        e = state.edits[j]
        if isinstance(e, Add) and obj.id in (e.obj.attrs.get("with"), e.obj.attrs.get("of")):
            state.edits[j] = Add(replace(e.obj, x=round(e.obj.x + dx, 4)))
    scene = before
    for e in state.edits[n_edits:]:
        scene = apply(scene, e)
    state.scene = scene


def _placed_by(it: "Interpreter", m: Mention, state: State, placed: set[str]) -> list[SceneObject]:
    objs = [o for o in state.scene.objects if o.id in placed]
    if m.head == "CAT":
        cats = it.lex.refers_to(str(m.value), m.surface)
        return [o for o in objs if o.category in cats]
    if m.head in ("PRON", "ID", "ONE", "ROLE"):
        return objs[:1] if len(objs) == 1 else []
    return []


def _tests(it: "Interpreter", obj: SceneObject, rel: str | None, lands: Sequence[Mention], abs_x: float | None,
           before, state: State, exclude: set[str], amount: float | None = None) -> list[tuple[str, Test]] | None:
    """What must hold of `obj`'s x: (the words said, the test). None when a landmark can't be told for sure."""
    out: list[tuple[str, Test]] = []
    if rel in _WORDS and lands:
        found = _landmarks(it, lands, state, obj, exclude)
        if found is None:
            return None
        if found:
            out.append(_relation(it, rel, obj, found, before))
    old = next((o for o in before.objects if o.id == obj.id), None)
    if abs_x is not None and old is not None and abs_x < 0.35 or abs_x is not None and old is not None and abs_x > 0.65:
        left = abs_x < 0.35  # moved "to the left": never further right than it was
        out.append(("to the left" if left else "to the right",
                    (lambda x: x <= old.x + 0.01) if left else (lambda x: x >= old.x - 0.01)))
    if abs_x is not None and not ((old is not None or rel in _WORDS and lands) and amount is not None):
        # "a bit to the right" is a step: from where it was, or from what it stands in front of
        where = "on the left" if abs_x < 0.35 else "on the right" if abs_x > 0.65 else "in the middle"
        if abs_x < 0.35:
            out.append((where, lambda x: x < _SIDE))
        elif abs_x > 0.65:
            out.append((where, lambda x: x > _SIDE))
        else:
            out.append((where, lambda x: 0.25 < x < 0.75))
    return out


def _landmarks(it: "Interpreter", lands: Sequence[Mention], state: State, obj: SceneObject,
               exclude: set[str]) -> list[SceneObject] | None:
    out: list[SceneObject] = []
    for lm in lands:
        if lm.head == "UNKNOWN" or lm.negated:
            return None
        try:
            if lm.head == "PRON":  # "a campfire next to it": it is not the campfire, as the clause read it
                found = it.resolve_but(lm, state, obj.id)
            else:
                found = it._resolve(lm, state, talked=False)
        except (Missing, Ambiguous, Refusal):
            return None
        found = [o for o in found if o.id != obj.id and (lm.head in ("CAT", "ID") or o.id not in exclude)]
        if not found:
            return None
        if lm.side_hint is not None and not lm.plural:  # "in front of the cube on the right", of two cubes
            cands = [o for o in it.resolver.candidates(lm, state.scene, state.order()) if o.id != obj.id]
            if len(cands) > 1:
                found = [min(cands, key=lambda o: abs(o.x - lm.side_hint))]
        out += found if lm.plural or lm.head == "PRON" and lm.value == "plural" else found[:1]
    return out


def _relation(it: "Interpreter", rel: str, obj: SceneObject, lands: list[SceneObject],
              before) -> tuple[str, Test]:
    L = lands[0]
    names = " and ".join(f"the {o.category}" for o in lands[:2])
    said = f"{_WORDS[rel]} {names}"
    if rel == "left":
        return said, lambda x: x < L.x - _APART
    if rel == "right":
        return said, lambda x: x > L.x + _APART
    if rel == "between":
        lo, hi = min(o.x for o in lands), max(o.x for o in lands)
        return said, (lambda x: lo < x < hi) if len(lands) > 1 and hi - lo > 0.04 else (lambda x: True)
    if rel in ("on", "in", "under", "below", "above") or rel in ("front", "behind") and not it.world.perspective:
        # (a flat picture's "in front of the tent", "behind the tree": over it, a little lower or higher)
        reach = max(0.15, box(it.world, L).w / 2 + 0.05)
        return said, lambda x: abs(x - L.x) <= reach
    if rel in ("next", "near"):
        return said, lambda x: abs(x - L.x) <= _NEAR
    if rel in ("front", "behind") and it.world.perspective:  # a floor: nearer is lower on the picture
        nearer = max(o.y for o in lands) if rel == "front" else min(o.y for o in lands)
        ok = obj.y > nearer + 0.005 if rel == "front" else obj.y < nearer - 0.005
        return said, lambda x: ok  # sliding sideways cannot fix it: said, not kept
    old = next((o for o in before.objects if o.id == obj.id), None)
    if old is None:  # "closer to" / "further from" on a new thing: near / away from it
        return said, (lambda x: abs(x - L.x) <= _NEAR) if rel == "toward" else (lambda x: abs(x - L.x) > 0.1)
    was = abs(old.x - L.x)
    if rel == "toward":
        return said, lambda x: abs(x - L.x) < was or was < 0.05
    return said, lambda x: abs(x - L.x) > was or was > 0.8


_BESIDE = ("next", "near", "left", "right")
_STANDING = {"people", "animals", "vehicles"}  # places beside a thing, where another may stand already


def _repair(it: "Interpreter", obj: SceneObject, tests: Sequence[Test],
            around: Sequence[SceneObject] | None = None) -> float | None:
    """The x nearest to where `obj` is that passes every test and keeps it on the canvas, or None. With `around`,
    a spot one of those things on the ground already fills is taken only when no free one passes ("a boy and a
    girl next to the tree": side by side, not one on top of the other)."""
    good = {round(clamp_x(it.world, obj.category, obj.scale, x, obj.y), 4) for x in _GRID}
    good = [x for x in good if all(t(x) for t in tests)]
    if around is not None:
        kinds = {it.world.category(obj.category).group} | (_STANDING if it.world.category(obj.category).group in
                                                             _STANDING else set())
        others = [box(it.world, o) for o in around if o.id != obj.id and obj.id not in
                  (o.attrs.get("with"), o.attrs.get("of")) and it.world.category(o.category).group in kinds]
        # (people, animals, vehicles stand side by side; a pizza is not in the way of the table it is on)
        me = box(it.world, obj)
        free = [x for x in good if not any(overlap_area(x, me.y, me.w, me.h, b) > 0.5 * min(me.w * me.h, b.w * b.h)
                                           for b in others)]
        good = free or good
    return min(good, key=lambda x: abs(x - obj.x)) if good else None
