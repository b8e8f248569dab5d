"""Invariants of the street world over random scenes (hypothesis): any scene draws, deterministically; JSON and
the record survive a round trip; an object with nothing said about it is grey."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scenewright.render.procedural import ProceduralRenderer
from scenewright.scene import Add, History, Remove, Scene, SetBackground, Update, apply
from scenewright.witness import build_record, render_report

from .conftest import WORLD, obj

R = ProceduralRenderer("street")
colours = st.sampled_from([None, *WORLD.colors])
attr_sets = st.fixed_dictionaries({}, optional={
    "height": st.sampled_from(["short", "average", "tall"]), "build": st.sampled_from(["slim", "heavy"]),
    "top": st.sampled_from(list(WORLD.colors)), "top_kind": st.sampled_from(WORLD.attribute_kinds["top"]),
    "bottom_kind": st.sampled_from(WORLD.attribute_kinds["bottom"]),
    "headwear_kind": st.sampled_from(WORLD.attribute_kinds["headwear"]),
    "carry_kind": st.sampled_from(WORLD.attribute_kinds["carry"]), "skin": st.sampled_from(["light", "dark"]),
    "hair": st.sampled_from(["black", "blond", "bald"]), "motion": st.sampled_from(["parked", "moving"]),
    "marks": st.lists(st.text("abcK7 ", min_size=1, max_size=20), max_size=2), "sign": st.text(max_size=30)})


@st.composite
def street_edits(draw, max_len=7):
    scene = Scene("street", "day")
    edits = []
    for _ in range(draw(st.integers(1, max_len))):
        ids = [o.id for o in scene.objects]
        kind = draw(st.sampled_from(["add", "add", "update", "remove", "bg"] if ids else ["add", "bg"]))
        if kind == "add":
            cat = draw(st.sampled_from(WORLD.category_names))
            e = Add(obj(int(scene.new_id()[1:]), cat, draw(st.floats(0.05, 0.95)), draw(st.floats(0.25, 0.9)),
                        color=draw(colours), flip=draw(st.booleans()),
                        pose=draw(st.sampled_from([None, *WORLD.poses])), attributes=draw(attr_sets),
                        uncertain=draw(st.sampled_from([{}, {"color": ["red", "orange"]}, {"height": ["tall"]}]))))
        elif kind == "update":
            e = Update.of(draw(st.sampled_from(ids)), color=draw(colours), x=draw(st.floats(0.05, 0.95)))
        elif kind == "remove":
            e = Remove(draw(st.sampled_from(ids)))
        else:
            e = SetBackground(draw(st.sampled_from(WORLD.backgrounds)))
        scene = apply(scene, e)
        edits.append(e)
    return edits


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(street_edits())
def test_any_street_scene_draws_the_same_twice(edits):
    h = History(Scene("street", "day"))
    for e in edits:
        h.push("edit", [e])
    a = R.render(h.scene, (240, 160))
    b = ProceduralRenderer("street").render(h.scene, (240, 160))
    assert a.size == (240, 160) and a.tobytes() == b.tobytes()
    assert Scene.from_json(json.dumps(h.scene.to_dict())) == h.scene


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(street_edits(), st.lists(st.sampled_from(["undo", "redo", "say"]), max_size=4))
def test_record_keeps_every_event(edits, moves):
    h = History(Scene("street", "day"))
    for e in edits:
        h.push("edit", [e])
    for m in moves:
        h.undo() if m == "undo" else h.redo() if m == "redo" else h.record("refused", "mumble", "?")
    rec = build_record(h, WORLD)
    assert len(rec.statements) == len(h.log)
    assert rec.final == h.scene
    loaded = History.from_dict(json.loads(json.dumps(h.to_dict())))
    assert [s.status for s in build_record(loaded, WORLD).statements] == [s.status for s in rec.statements]


def test_report_for_an_empty_session():
    from scenewright.session import Session

    html = render_report(Session(world="street"))
    assert "time of day" in html and "<img" in html
