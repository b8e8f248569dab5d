"""The importer: CoDraw scene strings ↔ park scenes, both file layouts, GeNeVA's round merging."""

import json

import pytest

from scenewright.data.codraw import (CLASSES, Dialog, dialog_from_codraw, geneva_turns, geneva_utterances,
                                     import_codraw, load_codraw, parse_scene_string, scene_from_string,
                                     scene_to_string)

SUN = "s_3s.png,0,3,0,467,24,2,1"
BOY = "hb0_10s.png,1,10,2,145,182,0,1"  # pose 2 (kicking), expression 0 (angry), flipped
BALL = "t_4s.png,5,4,7,43,173,1,0"
UNPLACED = "a_1s.png,3,1,4,-10000,-10000,0,1"


def raw_dialog():
    return {"image_id": 7, "abs_t": f"3,{SUN},{BOY},{BALL},",
            "dialog": [{"msg_t": "", "msg_d": "go", "abs_d": ""},
                       {"msg_t": "a small sun top right", "msg_d": "ok", "abs_d": f"2,{SUN},{UNPLACED},"},
                       {"msg_t": "hi there", "msg_d": "what else?", "abs_d": f"2,{SUN},{UNPLACED},"},
                       {"msg_t": "mad boy kicking, facing left", "msg_d": "done", "abs_d": f"2,{SUN},{BOY},"},
                       {"msg_t": "move him a bit", "msg_d": "", "abs_d": f"2,{SUN},{BOY},"},
                       {"msg_t": "ball by his foot", "msg_d": "", "abs_d": f"3,{SUN},{BOY},{BALL},"}]}


def test_scene_string_maps_to_canonical_park_scene():
    scene = scene_from_string(f"4,{SUN},{BOY},{UNPLACED},{BALL},")
    assert [o.category for o in scene.objects] == ["sun", "boy", "soccer ball"]
    sun, boy, ball = scene.objects
    assert (sun.x, sun.y, sun.scale, sun.flip) == (467 / 500, 24 / 400, 0.49, True)
    assert (boy.pose, boy.expression, boy.flip, boy.scale) == ("kicking", "angry", True, 1.0)
    assert ball.scale == 0.7 and ball.id == f"o{CLASSES.index('soccer ball')}"


def test_scene_string_round_trip():
    text = f"3,{SUN},{BOY},{BALL},"
    again = parse_scene_string(scene_to_string(scene_from_string(text)))
    for a, b in zip(parse_scene_string(text), again):
        assert (a.idx, a.subtype, a.depth, a.flip) == (b.idx, b.subtype, b.depth, b.flip)
        assert abs(a.x - b.x) < 0.05 and abs(a.y - b.y) < 0.05


def test_dialog_rounds_and_geneva_merging():
    d = dialog_from_codraw("val_00007", raw_dialog())
    assert d.split == "val" and len(d.turns) == 5  # CoDraw's empty opening round is dropped
    assert [len(t.scene) for t in d.turns] == [1, 1, 2, 2, 3]
    g = geneva_turns(d)
    assert [len(t.scene) for t in g.turns] == [1, 2, 3]
    assert g.turns[1].teller == "hi there mad boy kicking, facing left"  # merged into the adding round
    assert g.meta["rounds"] == [0, 2, 4]
    assert geneva_utterances(g)[0] == "<teller> a small sun top right"  # 'ok' is chitchat


def test_both_layouts_and_jsonl_agree(tmp_path):
    folder = tmp_path / "codraw" / "dialogs"
    folder.mkdir(parents=True)
    (folder / "val_00007.json").write_text(json.dumps(raw_dialog()))
    single = tmp_path / "CoDraw_1_0.json"
    single.write_text(json.dumps({"data": {"val_00007": raw_dialog()}}))
    a = load_codraw(tmp_path / "codraw", "val")
    b = load_codraw(single, "val")
    assert a == b and len(a) == 1
    import_codraw(single, tmp_path / "out", progress=False)
    c = load_codraw(tmp_path / "out", "val")
    assert [t.teller for t in c[0].turns] == [t.teller for t in a[0].turns]
    assert all(abs(x.x - y.x) < 1e-3 for t, u in zip(a[0].turns, c[0].turns) for x, y in zip(t.scene.objects, u.scene.objects))


def test_real_dialogs_round_trip(codraw_dir):
    raw = json.loads(sorted((codraw_dir / "dialogs").glob("val_*.json"))[0].read_text())
    for turn in raw["dialog"]:
        placed = parse_scene_string(turn["abs_d"])
        back = parse_scene_string(scene_to_string(scene_from_string(turn["abs_d"])))
        assert [(p.idx, p.subtype, p.depth, p.flip) for p in placed] == [(p.idx, p.subtype, p.depth, p.flip) for p in back]
    dialogs = load_codraw(codraw_dir, "val", limit=3)
    assert len(dialogs) == 3 and all(isinstance(d, Dialog) for d in dialogs)
    assert all(o.category in CLASSES for d in dialogs for t in d.turns for o in t.scene.objects)


def test_geneva_hdf5_both_ways(tmp_path, clipart_dir):
    pytest.importorskip("h5py")
    from scenewright.data.codraw import export_geneva_hdf5, import_geneva_hdf5

    d = dialog_from_codraw("val_00007", raw_dialog())
    path = export_geneva_hdf5([d], tmp_path / "codraw_val.h5", clipart_dir)
    import h5py

    with h5py.File(path) as f:
        assert f["0"]["images"].shape == (3, 128, 128, 3)
        assert f["0"]["objects"].shape == (3, 58) and f["0"]["coords"].shape == (3, 58, 3)
    back = import_geneva_hdf5(path, "val")[0]
    assert [[o.category for o in t.scene.objects] for t in back.turns] == \
        [sorted((o.category for o in t.scene.objects), key=CLASSES.index) for t in geneva_turns(d).turns]
    ball = back.turns[-1].scene.objects[-1]
    assert ball.category == "soccer ball" and abs(ball.x - 43 / 500) < 1e-4 and ball.scale == 0.7
