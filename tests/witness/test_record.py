"""The record: built from the session log, it keeps every statement, correction and undo, with times."""

from __future__ import annotations

import json
from datetime import timezone

from scenewright.session import Session
from scenewright.witness import build_record

UTC = timezone.utc


def test_every_statement_is_kept_verbatim_with_its_time(session):
    rec = build_record(session.history, session.world)
    texts = [s.text for s in rec.statements]
    assert texts == ["there was a bank across the street", "a red van was parked in front of the bank",
                     "no, sorry, it was orange", "I think it was around dusk",
                     "a tall man in a dark hoodie ran toward the corner", "undo",
                     "a tall man in a dark hoodie ran toward the corner", "the van's plate started with K7",
                     "I'm not sure if it was orange or red", "a unicorn ran past"]
    times = [s.time for s in rec.statements]
    assert times == sorted(times)
    status = {s.index: s.status for s in rec.statements}
    assert status[2] == "corrected by #3 (colour)" and status[3] == "in effect"
    assert status[5] == "undone" and status[7] == "in effect"
    assert status[10].startswith("not done")


def test_object_history_says_what_was_said_and_corrected_when(session):
    rec = build_record(session.history, session.world)
    van = rec.history_of("o2", UTC)
    assert "colour: said red at 10:03:00 (#2), corrected to orange at 10:05:00 (#3, correcting #2)" in van
    assert any(line.startswith("marks: said plate started with K7 at") for line in van)
    man = rec.history_of("o3", UTC)
    assert man[0] == "the man (o3): added at 10:07:00 (#5), taken out of the picture (undone) at 10:07:30 (#6)"
    assert not rec.objects["o3"].present and rec.objects["o4"].present


def test_undo_moves_the_picture_not_the_record(session):
    before = build_record(session.history, session.world)
    session.history.undo()
    session.history.undo()
    after = build_record(session.history, session.world)
    assert [s.text for s in after.statements[:len(before.statements)]] == [s.text for s in before.statements]
    assert after.statements[-1].kind == "undo"
    assert {s.index: s.status for s in after.statements}[9] == "undone"
    assert not after.final.get("o2").unsure


def test_uncertain_and_unknown_lists(session):
    rec = build_record(session.history, session.world)
    scene, u = rec.uncertain
    assert scene["object"] == "the scene" and scene["drawn"] == "dusk" and "i think" in scene["hedges"]
    assert u["object"] == "the van (o2)" and u["field"] == "colour" and u["alternatives"] == ["orange", "red"]
    assert u["statement"] == "I'm not sure if it was orange or red" and u["hedges"] == ["i'm not sure"]
    unknown = {x["object"]: x["missing"] for x in rec.unknown}
    assert "the scene" not in unknown  # dusk was said
    assert "facing / direction" in unknown["the van (o2)"]
    man = unknown["the man (o4)"]
    assert "bottom (garment, colour)" in man and "hair" in man and "skin" in man
    assert "height" not in man and "top (garment, colour)" not in man and "facing / direction" not in man
    assert "colour" in unknown["the bank (o1)"]


def test_changes_name_corrections(session):
    rec = build_record(session.history, session.world)
    (fix,) = rec.corrections
    assert (fix.row, fix.corrects) == (3, 2)
    assert [(c.label, c.field, c.old, c.new) for c in fix.changes] == [("the van (o2)", "color", "red", "orange")]


def test_record_survives_save_and_load(session, tmp_path):
    path = session.save(tmp_path / "session.json")
    loaded = Session.load(path)
    a, b = build_record(session.history, session.world), build_record(loaded.history, loaded.world)
    assert [(s.text, s.status, s.time) for s in a.statements] == [(s.text, s.status, s.time) for s in b.statements]
    assert a.final == b.final
    json.loads(path.read_text())


def test_a_position_not_said_is_listed_as_placed():
    from scenewright.scene import Add

    from .conftest import obj

    s = Session(world="street")
    s.history.push("there was a woman", [Add(obj(1, "woman", 0.5))])
    rec = build_record(s.history, s.world)
    (missing,) = [u["missing"] for u in rec.unknown if u["id"] == "o1"]
    assert "where exactly (placed by default)" in missing
    assert any(c.how == "placed" for c in rec.statements[0].changes)


def test_a_session_saved_without_its_log_still_gives_a_record(session):
    from scenewright.scene import History

    data = session.history.to_dict()
    data["log"] = []
    rec = build_record(History.from_dict(data), session.world)
    assert [s.text for s in rec.statements if s.kind == "turn"] == [e.text for e in session.history.entries]
    assert rec.final == session.scene
