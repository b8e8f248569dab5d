"""A witness session built from explicit edits (what the parser should produce), on a fixed clock."""

from __future__ import annotations

import itertools
from datetime import datetime, timezone

import pytest

from scenewright.scene import Add, SceneObject, SetBackground, Update
from scenewright.session import Session
from scenewright.worlds import get_world

WORLD = get_world("street")
T0 = datetime(2026, 3, 14, 10, 2, 0, tzinfo=timezone.utc).timestamp()


def obj(i: int, category: str, x: float, y: float | None = None, **fields) -> SceneObject:
    y = WORLD.category(category).default_y if y is None else y
    attrs, unsure = fields.pop("attributes", {}), fields.pop("uncertain", {})
    return SceneObject(f"o{i}", category, x, y, **fields).with_(attributes=attrs, uncertain=unsure)


def fixed_clock(session: Session, times: list[float]) -> None:
    """Each log event takes the next of `times` (seconds after 10:02:00 UTC)."""
    it = iter(times)
    last = itertools.count(10_000)
    session.history.clock = lambda: T0 + next(it, next(last))


def interview() -> Session:
    """A bank; a red van (corrected to orange); dusk; a tall man in a dark hoodie running to the corner, told,
    undone and told again; the van's plate; unsure whether the van was orange or red; a refusal."""
    s = Session(world="street")
    fixed_clock(s, [0, 60, 180, 240, 300, 330, 360, 420, 480, 540])
    h = s.history
    h.push("there was a bank across the street", [Add(obj(1, "bank", 0.35))])
    h.push("a red van was parked in front of the bank",
           [Add(obj(2, "van", 0.35, 0.45, color="red", attributes={"motion": "parked"}))])
    h.revise("no, sorry, it was orange", [Add(obj(2, "van", 0.35, 0.45, color="orange",
                                                  attributes={"motion": "parked"}))])
    h.push("I think it was around dusk", [SetBackground("dusk")])
    h.push("a tall man in a dark hoodie ran toward the corner",
           [Add(obj(3, "man", 0.6, 0.43, pose="running",
                    attributes={"height": "tall", "top": "dark", "top_kind": "hoodie"}))])
    h.undo()
    h.push("a tall man in a dark hoodie ran toward the corner",
           [Add(obj(4, "man", 0.62, 0.43, pose="running",
                    attributes={"height": "tall", "top": "dark", "top_kind": "hoodie"}))])
    h.push("the van's plate started with K7",
           [Update.of("o2", attributes={"motion": "parked", "marks": ["plate started with K7"]})])
    h.push("I'm not sure if it was orange or red", [Update.of("o2", uncertain={"color": ["orange", "red"]})])
    h.record("refused", "a unicorn ran past", "I don't know what a 'unicorn' is in this street.")
    return s


@pytest.fixture
def session() -> Session:
    return interview()
