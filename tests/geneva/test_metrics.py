import numpy as np
import pytest

from scenewright.eval.metrics import detections_from_scene, geneva_scores, relation_graph
from scenewright.scene import Scene, SceneObject

GT = {"red cube": [(0.2, 0.5)], "blue sphere": [(0.8, 0.6)]}


def test_a_perfect_detection_scores_100_everywhere():
    s = geneva_scores([GT], [GT])
    assert s == {"precision": 100.0, "recall": 100.0, "f1": 100.0, "rsim": 100.0, "n": 1}


def test_precision_recall_f1_on_a_hand_made_set():
    pred = [{"red cube": [(0.2, 0.5)], "green cylinder": [(0.5, 0.5)]},  # P 1/2, R 1/2, F1 1/2
            {"red cube": [(0.2, 0.5)], "blue sphere": [(0.8, 0.6)]},  # P 1,   R 1,   F1 1
            {}]  # nothing predicted: P 0, R 0, F1 0
    s = geneva_scores(pred, [GT, GT, GT])
    assert s["precision"] == pytest.approx(50.0)
    assert s["recall"] == pytest.approx(50.0)
    assert s["f1"] == pytest.approx(50.0)


def test_rsim_counts_the_relations_that_agree_times_recall():
    # both classes found, left/right swapped: x-relations flip for the off-diagonal pair (2 of 8 entries),
    # and each object's side of the centre flips too (2 more): 4 of 8 agree
    swapped = {"red cube": [(0.8, 0.5)], "blue sphere": [(0.2, 0.6)]}
    assert geneva_scores([swapped], [GT])["rsim"] == pytest.approx(50.0)
    # one class missed: recall 1/2, the one object left agrees with itself: 1/2 · 1
    assert geneva_scores([{"red cube": [(0.25, 0.5)]}], [GT])["rsim"] == pytest.approx(50.0)
    # nothing in common: 0
    assert geneva_scores([{"gray cube": [(0.5, 0.5)]}], [GT])["rsim"] == 0.0


def test_the_relation_graph_is_antisymmetric_off_the_diagonal():
    g = relation_graph(np.array([[0.2, 0.5], [0.8, 0.6], [0.5, 0.3]]))
    assert g.shape == (2, 3, 3)
    assert g[0, 0, 1] == -1 and g[0, 1, 0] == 1 and g[1, 2, 0] == -1
    assert g[0, 0, 0] == -1 and g[1, 1, 1] == 1  # diagonal: against the centre


def test_generic_over_class_names_and_repeated_instances():
    pred = [{"tree": [(0.1, 0.5), (0.9, 0.5)], "boy": [(0.48, 0.7)]}]
    gt = [{"tree": [(0.12, 0.5), (0.88, 0.5)], "boy": [(0.45, 0.72)]}]
    assert geneva_scores(pred, gt)["rsim"] == pytest.approx(100.0)


def test_the_oracle_reads_a_scene():
    scene = Scene("shapes", "light", (SceneObject("o1", "cube", 0.2, 0.5, color="red"),
                                      SceneObject("o2", "sphere", 0.8, 0.6, color="blue")))
    assert detections_from_scene(scene) == GT
    assert detections_from_scene(scene.to_dict()) == GT
    assert detections_from_scene(scene, name=lambda o: o.category) == {"cube": [(0.2, 0.5)],
                                                                      "sphere": [(0.8, 0.6)]}


def test_mismatched_lengths_are_an_error():
    with pytest.raises(ValueError):
        geneva_scores([GT], [GT, GT])
