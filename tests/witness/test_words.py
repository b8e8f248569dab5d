"""The record speaks English: the witness's own words for what cannot be drawn, the word they used for a thing,
and their hedges — never field names like `notes`, `called` or `notes_hedge`."""

from __future__ import annotations

from datetime import timezone

from scenewright.scene import Add, Update
from scenewright.session import Session
from scenewright.witness import build_record, render_report
from scenewright.witness.describe import summary

from .conftest import fixed_clock, obj


def told() -> Session:
    s = Session(world="street")
    fixed_clock(s, [0, 30, 60])
    h = s.history
    h.push("a tall man in a white apron I think came out of the cafe",
           [Add(obj(1, "man", 0.4, attributes={"height": "tall", "notes": ["white apron"],
                                                  "notes_hedge": "i think"},
                    uncertain={"notes": ["white apron"]}))])
    h.push("he had a beard", [Update.of("o1", attributes={"height": "tall", "notes": ["white apron", "beard"],
                                                          "notes_hedge": "i think"})])
    h.push("an SUV was parked across the street",
           [Add(obj(2, "car", 0.6, 0.45, attributes={"called": "suv", "motion": "parked"}))])
    return s


def test_summary_in_words():
    s = told()
    man, car = s.scene.objects
    assert summary(s.world, man).startswith(
        "man: tall, also said (not drawn): white apron (said: 'I think'), beard")
    assert summary(s.world, car).startswith("car: called 'SUV', parked")


def test_object_history_in_words_and_a_new_note_is_not_a_correction():
    s = told()
    rec = build_record(s.history, s.world)
    lines = "\n".join(rec.history_of("o1") + rec.history_of("o2"))
    assert "also said (not drawn): said white apron at 10:02:00 (#1), said beard at 10:02:30 (#2)" in lines
    assert "the witness's word for it: said 'SUV' at 10:03:00 (#3)" in lines
    assert "corrected" not in lines and not rec.corrections
    for field_name in ("notes", "called", "_hedge", "hedge:"):
        assert field_name not in lines


def test_report_in_words():
    s = told()
    html = render_report(s, tz=timezone.utc, generated=0)
    assert "also said (not drawn): white apron (said: &#x27;I think&#x27;)" in html
    assert "also said (not drawn): said white apron at 10:02:00 (#1), said beard at 10:02:30 (#2)" in html
    assert "called &#x27;SUV&#x27;" in html
    assert "hedged: I think" in html
    text = html.split("<body>")[1]
    for field_name in ("notes_hedge", "notes [", "called suv", "unsure of notes"):
        assert field_name not in text
