import pytest

from scenewright.errors import ScenewrightError, SessionFileError
from scenewright.scene import Add, History, Scene, SceneObject, Update


def obj(n, cat="cube", x=0.5):
    return SceneObject(f"o{n}", cat, x, 0.6)


@pytest.fixture
def h():
    h = History(Scene("shapes", "light"), clock=lambda: 1000.0)
    h.push("add a cube", [Add(obj(1))])
    h.push("add a sphere", [Add(obj(2, "sphere"))])
    return h


def test_undo_redo_goto(h):
    assert len(h.scene) == 2
    assert h.undo() and len(h.scene) == 1
    assert h.redo() and len(h.scene) == 2
    assert not h.redo()
    h.goto(0)
    assert len(h.scene) == 0 and h.can_redo()
    h.goto(2)
    assert len(h.scene) == 2
    with pytest.raises(ScenewrightError):
        h.goto(3)


def test_new_turn_after_going_back_keeps_the_old_future_as_a_branch(h):
    h.goto(1)
    h.push("add a cylinder", [Add(obj(3, "cylinder"))])
    assert [o.category for o in h.scene.objects] == ["cube", "cylinder"]
    assert len(h.branches) == 1 and h.branches[0][0].text == "add a sphere"


def test_revise_replaces_the_last_turn(h):
    h.revise("no, a cylinder", [Add(obj(2, "cylinder"))])
    assert [o.category for o in h.scene.objects] == ["cube", "cylinder"]
    assert len(h.entries) == 2 and h.entries[-1].revised_from == ("add a sphere",)
    h.undo()
    assert [o.category for o in h.scene.objects] == ["cube"]


def test_the_log_keeps_everything_even_after_undo(h):
    h.undo()
    h.record("refused", "add a dragon", "I don't know 'dragon'")
    kinds = [e.kind for e in h.log]
    assert kinds == ["turn", "turn", "undo", "refused"]
    assert all(e.time == 1000.0 for e in h.log)


def test_failed_push_changes_nothing(h):
    before = (list(h.entries), h.cursor)
    with pytest.raises(ScenewrightError):
        h.push("bad", [Update.of("o9", x=0.1)])
    assert (list(h.entries), h.cursor) == before


def test_save_and_load_round_trip(h):
    h.goto(1)
    back = History.from_dict(h.to_dict())
    assert back.scene == h.scene and back.cursor == 1 and len(back.entries) == 2 and len(back.log) == len(h.log)


@pytest.mark.parametrize("data, message", [
    ([], "JSON object"),
    ({"start": {"world": "shapes", "background": "light", "objects": []}}, "missing"),
    ({"start": {"world": "shapes", "background": "light", "objects": []}, "entries": [], "cursor": 5},
     "cursor"),
    ({"start": {"world": "shapes"}, "entries": [], "cursor": 0}, "bad scene"),
])
def test_malformed_session_files_are_refused(data, message):
    with pytest.raises(SessionFileError, match=message):
        History.from_dict(data)


def test_ids_of_removed_objects_are_not_reused_after_a_reload():
    from scenewright.scene import Remove

    h = History(Scene("shapes", "light"))
    h.push("add", [Add(obj(1)), Add(obj(2, "sphere"))])
    h.push("remove", [Remove("o2")])
    back = History.from_dict(h.to_dict())
    assert back.scene.new_id() == "o3"
