import json

import pytest

from scenewright.errors import SceneError
from scenewright.scene import Add, Remove, Scene, SceneObject, SetBackground, Update, apply
from scenewright.scene.edits import edit_from_dict, edit_to_dict

BOY = SceneObject("o3", "boy", 0.21, 0.64, 1.0, None, False, "standing", "angry")


def test_to_dict_matches_the_contract():
    d = Scene("park", "day", (BOY,)).to_dict()
    assert d == {"world": "park", "background": "day", "objects": [
        {"id": "o3", "category": "boy", "x": 0.21, "y": 0.64, "scale": 1.0, "color": None, "flip": False,
         "pose": "standing", "expression": "angry", "attributes": {}, "uncertain": {}}]}


def test_json_round_trip_keeps_attributes_and_uncertainty():
    van = SceneObject("o1", "van", 0.5, 0.6, color="red").with_(
        attributes={"marks": ["plate starts with K7"], "motion": "parked"}, uncertain={"color": ["red", "orange"]})
    scene = Scene("street", "dusk", (van,))
    back = Scene.from_json(scene.to_json())
    assert back == scene
    assert back.objects[0].unsure == {"color": ["red", "orange"]}
    assert back.objects[0].attrs["marks"] == ["plate starts with K7"]


@pytest.mark.parametrize("bad, message", [
    ("{", "not valid JSON"),
    ("[]", "must be a JSON object"),
    ('{"world": "park", "background": "day"}', "missing 'objects'"),
    ('{"world": "park", "background": "day", "objects": [{"id": "o1"}]}', "missing category"),
    ('{"world": "park", "background": "day", "objects": [{"id": "x", "category": "boy", "x": 0, "y": 0}]}',
     "id must look like"),
    ('{"world": "park", "background": "day", "objects": [{"id": "o1", "category": "boy", "x": "a", "y": 0}]}',
     "finite number"),
    ('{"world": "park", "background": "day", "objects": [{"id": "o1", "category": "boy", "x": 0, "y": 0, '
     '"scale": 99}]}', "scale"),
    ('{"world": "park", "background": "day", "objects": [{"id": "o1", "category": "boy", "x": 0, "y": 0, '
     '"wings": 2}]}', "unknown keys"),
])
def test_malformed_scene_json_is_refused_with_the_reason(bad, message):
    with pytest.raises(SceneError, match=message):
        Scene.from_json(bad)


def test_duplicate_ids_are_refused():
    with pytest.raises(SceneError, match="unique"):
        Scene("park", "day", (BOY, BOY))


def test_edits_are_pure_and_ids_are_not_reused():
    s0 = Scene("park", "day")
    s1 = apply(s0, Add(BOY))
    assert s0.objects == () and s1.objects == (BOY,)
    s2 = apply(s1, Remove("o3"))
    assert s2.new_id() == "o4"  # o3 is never handed out again
    s3 = apply(s1, Update.of("o3", expression="happy", x=0.5))
    assert s3.get("o3").expression == "happy" and s1.get("o3").expression == "angry"
    assert apply(s1, SetBackground("night")).background == "night"


def test_edits_that_do_not_fit_raise_and_change_nothing():
    s1 = apply(Scene("park", "day"), Add(BOY))
    with pytest.raises(SceneError):
        apply(s1, Remove("o9"))
    with pytest.raises(SceneError):
        apply(s1, Add(BOY))
    with pytest.raises(SceneError):
        Update.of("o3", wings=2)


def test_edit_json_round_trip():
    edits = [Add(BOY), Remove("o3"), SetBackground("dusk"), Update.of("o3", x=0.4, flip=True)]
    for e in edits:
        assert edit_from_dict(json.loads(json.dumps(edit_to_dict(e)))) == e


def test_objects_accept_plain_dicts_for_attributes_and_uncertainty():
    o = SceneObject("o1", "van", 0.5, 0.5, attributes={"motion": "parked"}, uncertain={"color": ["red", "orange"]})
    assert o.attrs == {"motion": "parked"} and o.unsure == {"color": ["red", "orange"]}
    assert hash(o)  # still a frozen, hashable value
