"""The working state of one turn while its clauses are interpreted, and the refusal that ends a turn."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Sequence

from ..scene import Edit, Remove, Scene, Update, apply
from ..worlds import get_world
from .references import salience, touched


class Refusal(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def attached(scene: Scene, obj) -> list:
    """The things that go where `obj` goes. A rider lying on the ground has come off: she is still the cyclist,
    but the bike no longer goes where she goes, nor she with it."""
    off = lambda o: o.attrs.get("role") == "rider" and o.pose == "lying"  # noqa: E731
    out = [o for o in scene.objects if o.attrs.get("with") == obj.id or o.attrs.get("of") == obj.id and not off(o)]
    if obj.attrs.get("role") == "rider" and obj.attrs.get("of") and not off(obj):
        out += [o for o in scene.objects if o.id == obj.attrs["of"]]
    return out


@dataclass
class State:
    scene: Scene
    entries: Sequence[Any]
    this_turn: list[str] = field(default_factory=list)
    edits: list[Edit] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # remarks for the reply ("(There was no bench yet…)")
    kept: list[str] = field(default_factory=list)  # said, kept on an object, not drawn ("the man: beard")
    skipped: list[str] = field(default_factory=list)  # words not understood, so not done
    explained: set[str] = field(default_factory=set)  # skipped words a note already explains
    described: set[str] = field(default_factory=set)  # things added this turn that "a white one" has described
    patient: str | None = None  # who the last action of this turn was done to: "shoved him, and he fell"
    unplaced: set[str] = field(default_factory=set)  # things added this turn where nothing said where: "Man."

    def mark(self) -> tuple:
        """A point to roll back to when a clause of a longer turn cannot be done."""
        return self.scene, len(self.edits), len(self.this_turn), len(self.notes), len(self.kept)

    def rollback(self, mark: tuple) -> None:
        self.scene, n_edits, n_turn, n_notes, n_kept = mark
        del self.edits[n_edits:], self.this_turn[n_turn:], self.notes[n_notes:], self.kept[n_kept:]

    def skip(self, words: str, why: str | None = None) -> None:
        """`words` were not done; `why`, a note that says so, replaces the reply's "I didn't understand"."""
        if words and words not in self.skipped:
            self.skipped.append(words)
        if why is not None:
            self.notes.append(why)
            self.explained.add(words)

    def talked_about(self, object_id: str) -> None:
        """`object_id` was referred to: it is now the most salient thing of this turn."""
        if not self.this_turn or self.this_turn[-1] != object_id:
            self.this_turn.append(object_id)

    def order(self) -> list[str]:
        return salience(self.scene, self.entries, self.this_turn)

    def do(self, edit: Edit, carried: frozenset[str] = frozenset()) -> None:
        before = self.scene
        self.scene = apply(self.scene, edit)
        self.edits.append(edit)
        for i in touched([edit]):
            if not isinstance(edit, Remove):
                self.this_turn.append(i)
        if isinstance(edit, Update):
            self.carry(before, edit.id, carried | {edit.id})

    def carry(self, before: Scene, moved: str, done: frozenset[str]) -> None:
        """What belongs to a thing goes with it: what a person holds or wears ("with"), the people in or on a
        vehicle ("of"), and the vehicle a rider rides. What is held or worn also turns and grows with its holder
        ("make her bigger": her crown too, still on her head). Each is an edit of its own, so undo stays exact."""
        old, new = before.get(moved), self.scene.get(moved)
        if old is None or new is None or (old.x, old.y, old.flip, old.scale) == (new.x, new.y, new.flip, new.scale):
            return
        for dep in attached(self.scene, new):
            if dep.id in done:
                continue
            held = dep.attrs.get("with") == moved
            if held:
                ratio = new.scale / old.scale if old.scale else 1.0
                dx = (old.x - dep.x if new.flip != old.flip else dep.x - old.x) * ratio
                x, y = new.x + dx, new.y + (dep.y - old.y) * ratio
                # (held out past the edge, as a kite may be — but never so far that the scene is not valid)
                changes = {"x": round(min(max(x, -0.3), 1.3), 4), "y": round(min(max(y, -0.3), 1.3), 4)}
                if ratio != 1.0:
                    changes["scale"] = round(dep.scale * ratio, 4)
                if new.flip != old.flip:
                    changes["flip"] = not dep.flip
            elif (old.x, old.y) != (new.x, new.y):
                changes = {"x": round(dep.x + new.x - old.x, 4), "y": round(dep.y + new.y - old.y, 4)}
            else:
                continue
            self.do(Update.of(dep.id, **changes), done | {dep.id})

    def recency(self) -> dict[str, int]:
        """How many turns ago each object was last touched: 0 this turn, 1 the turn before, …"""
        out = {i: 0 for i in self.this_turn}
        for k, entry in enumerate(reversed(self.entries), 1):
            for i in touched(entry.edits):
                out.setdefault(i, k)
        return out

    def last_group(self) -> list[str]:
        """What was talked about last: this turn's things, else those of the last turn that changed any."""
        if self.this_turn:
            return list(dict.fromkeys(self.this_turn))
        for entry in reversed(self.entries):
            ids = touched(entry.edits)
            if ids:
                return list(dict.fromkeys(ids))
        return []

    def plural_group(self, turns: int = 3) -> list[str]:
        """What "they" / "them" mean: the last things talked about together, this turn or in one of the last
        `turns` turns ("two purple cubes" … "color it green" … "make them red": the cubes, not the ball)."""
        present = {o.id for o in self.scene.objects}
        here = [i for i in dict.fromkeys(self.this_turn) if i in present]
        if len(here) > 1:
            return self._with_a_partner(here)
        for entry in list(reversed(self.entries))[:turns]:
            ids = [i for i in dict.fromkeys(touched(entry.edits)) if i in present]
            if len(ids) > 1:
                return self._with_a_partner(ids)
        return self.last_group()

    def _with_a_partner(self, ids: list[str]) -> list[str]:
        """A group that is one thing and what it wears or holds ("Girl next to him. Crown." … "Both bigger."):
        not two things — the one, and the thing of its kind talked about before it (the boy)."""
        objs = {o.id: o for o in self.scene.objects}
        held = {i for i in ids if i in objs and (objs[i].attrs.get("with") or "") in ids}
        free = [i for i in ids if i not in held]
        if len(free) != 1 or not held:
            return ids
        one = objs[free[0]]
        earlier = sorted((k, i) for i, k in self.recency().items() if i not in ids and i in objs
                         and not objs[i].attrs.get("with"))
        world = get_world(self.scene.world)
        same = [i for _, i in earlier if objs[i].category == one.category or  # two people, or two of a kind
                world.category(objs[i].category).people and world.category(one.category).people]
        return [same[0], free[0]] if same else ids
