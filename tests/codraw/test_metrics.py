"""CoDraw's scene similarity on hand-built scene pairs with known answers."""

import pytest

from scenewright.data.codraw import scene_from_string
from scenewright.eval.codraw import SIMILARITY_TERMS, scene_similarity, similarity_terms

SUN = "s_3s.png,0,3,0,400,50,0,0"
BOY = "hb0_0s.png,1,0,2,100,200,0,0"  # standing, angry


def scene(*pieces):
    return scene_from_string(f"{len(pieces)}," + ",".join(pieces) + ",")


def test_identical_scores_five():
    assert scene_similarity(scene(SUN, BOY), scene(SUN, BOY)) == pytest.approx(5.0)


def test_half_the_pieces():
    assert scene_similarity(scene(SUN), scene(SUN, BOY)) == pytest.approx(2.5)


def test_nothing_in_common_and_empty():
    assert scene_similarity(scene(BOY), scene(SUN)) == 0.0
    assert scene_similarity(scene_from_string(""), scene(SUN)) == 0.0


def test_flip_and_expression_penalties():
    boy = "hb0_1s.png,1,1,2,100,200,0,1"  # laughing, flipped
    assert scene_similarity(scene(SUN, boy), scene(SUN, BOY)) == pytest.approx(5 - 1 / 2 - 0.5 / 2)


def test_distance_and_relation_penalties():
    boy = "hb0_0s.png,1,0,2,450,200,0,0"  # now right of the sun: distance 0.7, left/right flipped
    assert scene_similarity(scene(SUN, boy), scene(SUN, BOY)) == pytest.approx(5 - 0.7 / 2 - 1 / 2)


def test_terms_name_where_the_points_go():
    boy = "hb0_1s.png,1,1,2,450,200,0,1"  # laughing, flipped, right of the sun
    terms = dict(zip(SIMILARITY_TERMS, similarity_terms(scene(SUN, boy), scene(SUN, BOY))))
    assert terms["iou"] == pytest.approx(5.0)
    assert terms["flip"] == pytest.approx(-1 / 2) and terms["expression"] == pytest.approx(-0.5 / 2)
    assert terms["pose"] == 0 and terms["depth"] == 0
    assert terms["distance"] == pytest.approx(-0.7 / 2) and terms["left_right"] == pytest.approx(-1 / 2)
    assert sum(terms.values()) == pytest.approx(scene_similarity(scene(SUN, boy), scene(SUN, BOY)))


def test_eval_pipeline_on_a_split_folder(tmp_path):
    """`eval codraw` on a folder whose files carry no split prefix (a held-out split kept on its own)."""
    import json

    from scenewright.eval.codraw import evaluate, format_report

    folder = tmp_path / "heldout"
    folder.mkdir()
    raw = {"image_id": 1, "abs_t": f"2,{SUN},{BOY},",
           "dialog": [{"msg_t": "a sun top right", "msg_d": "ok", "abs_d": f"1,{SUN},"},
                      {"msg_t": "an angry boy on the left", "msg_d": "done", "abs_d": f"2,{SUN},{BOY},"}]}
    (folder / "00001.json").write_text(json.dumps(raw))
    report = evaluate(folder, "test", ["human"], progress=False)
    final = report["systems"]["human"]["final"]
    assert final["f1_scenes"] == 100.0 and final["rsim_scenes"] == 100.0
    assert final["scene_similarity"] == pytest.approx(5.0)  # the drawer's last canvas is the target
    assert "human" in format_report(report) and "LatteGAN" in format_report(report)


def test_detector_training_scenes_jitter_every_other_one(codraw_dir):
    """`train codraw-detector --jitter`: the same scenes, every other one with its pieces moved (and kept on
    the canvas); without jitter, the scenes as the humans drew them."""
    from scenewright.eval.codraw import _codraw_train_scenes

    plain = _codraw_train_scenes(codraw_dir, 40, seed=0)
    moved = _codraw_train_scenes(codraw_dir, 40, seed=0, jitter=0.05)
    assert [[o.category for o in s.objects] for s in plain] == [[o.category for o in s.objects] for s in moved]
    assert all(a == b for a, b in zip(plain[1::2], moved[1::2]))
    shifted = [(a.x, a.y) != (b.x, b.y) for s, t in zip(plain[::2], moved[::2]) for a, b in zip(s.objects, t.objects)]
    assert shifted and all(shifted)
    assert all(0 <= o.x <= 1 and -0.1 <= o.y <= 1 for s in moved for o in s.objects)
