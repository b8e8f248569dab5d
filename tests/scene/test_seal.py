"""The seal: a SHA-256 over the start scene and the ordered event log, exactly as docs/witness.md defines it."""

from __future__ import annotations

import hashlib
import json

from scenewright.scene import Add, SceneObject
from scenewright.scene.seal import check, replay_problems, seal_of
from scenewright.session import Session


def dialog() -> Session:
    s = Session(world="shapes")
    s.apply("add a red cube", (Add(SceneObject(id="o1", category="cube", x=0.3, y=0.6, color="red")),))
    s.apply("add a sphere", (Add(SceneObject(id="o2", category="sphere", x=0.7, y=0.6)),))
    s.tell("add a dragon")
    s.undo()
    s.apply("add a cylinder", (Add(SceneObject(id="o3", category="cylinder", x=0.5, y=0.6)),))
    s.goto(0)
    s.redo()
    return s


def canonical(x) -> bytes:
    return json.dumps(x, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def test_the_seal_is_the_documented_sha256():
    data = dialog().to_dict()
    h = data["history"]
    wanted = hashlib.sha256(canonical({"seal": 1, "world": data["world"], "start": h["start"],
                                       "log": h["log"]})).hexdigest()
    assert data["seal"]["sha256"] == wanted
    assert data["seal"]["events"] == [hashlib.sha256(canonical(e)).hexdigest() for e in h["log"]]
    assert len(data["seal"]["events"]) == 7


def test_a_saved_and_loaded_session_keeps_its_seal(tmp_path):
    s = dialog()
    s.save(tmp_path / "s.json")
    again = Session.load(tmp_path / "s.json")
    assert again.to_dict()["seal"] == s.to_dict()["seal"] and seal_of("shapes", again.history.to_dict()) == seal_of("shapes", s.history.to_dict())
    assert check(json.loads((tmp_path / "s.json").read_text())) == []
    assert replay_problems(again.history) == []  # undo, goto, redo and a branch replay to the stored turns


def test_any_changed_character_of_a_statement_is_found():
    data = dialog().to_dict()
    for i, event in enumerate(data["history"]["log"]):
        changed = json.loads(json.dumps(data))
        changed["history"]["log"][i]["text"] = event["text"][:-1] + ("X" if event["text"][-1] != "X" else "Y")
        problems = check(changed)
        assert problems and f"event #{i + 1} changed" in problems[0]


def test_times_replies_edits_and_the_start_are_covered():
    data = dialog().to_dict()
    for path in (("log", 0, "time"), ("log", 2, "reply"), ("log", 0, "edits", 0, "object", "color"),
                 ("start", "background")):
        changed = json.loads(json.dumps(data))
        node = changed["history"]
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = 1.5 if path[-1] == "time" else "blue" if path[-1] == "color" else "changed"
        assert check(changed), path


def test_removed_and_added_events_are_found_and_a_file_without_seal_has_none():
    data = dialog().to_dict()
    fewer = json.loads(json.dumps(data))
    del fewer["history"]["log"][-1]
    assert any("removed" in p for p in check(fewer))
    old = json.loads(json.dumps(data))
    del old["seal"]
    assert check(old) is None
    assert Session.from_dict(old).scene == dialog().scene  # an older file loads as before


def test_the_web_encoder_writes_the_same_seal():
    from scenewright.web.persist import Encoder

    s = dialog()
    enc = Encoder()
    enc.encode(s)
    s.tell("add a blue cube")
    assert json.loads(enc.encode(s))["seal"] == seal_of("shapes", s.history.to_dict()) == s.to_dict()["seal"]


def test_what_a_turn_skipped_is_recorded_sealed_and_kept_when_loaded(tmp_path):
    s = Session(world="shapes", semantic=False)
    s.tell("add a red cube and wibble the frobnicator")
    s.tell("add a sphere on the right")
    events = s.to_dict()["history"]["log"]
    assert events[0]["skipped"] and "skipped" not in events[1]  # only where there were: older records keep their seal
    s.save(tmp_path / "s.json")
    again = Session.load(tmp_path / "s.json")
    assert again.history.log[0].skipped == s.history.log[0].skipped
    assert check(json.loads((tmp_path / "s.json").read_text())) == [] and replay_problems(again.history) == []


def test_undo_of_a_correction_and_its_redo_replay_from_the_log():
    from scenewright import Session
    from scenewright.scene.seal import replay_problems

    s = Session(world="park")
    seen = []
    for text in ("put an airplane in the sky", "no, a helicopter", "undo", "redo", "undo", "undo"):
        s.tell(text)
        seen.append([o.category for o in s.scene.objects])
    assert seen == [["airplane"], ["helicopter"], ["airplane"], ["helicopter"], ["airplane"], []]
    assert replay_problems(s.history) == []  # fix, taken back, put back, taken back, then the turn itself
