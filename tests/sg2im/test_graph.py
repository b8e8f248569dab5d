"""The graph builder: triples of known scenes, recorded relations first, boxes that hold every drawn pixel."""

import numpy as np

from scenewright.scene import Scene, SceneObject
from scenewright.scene.graph import object_boxes, scene_graph, spatial_relation, triples


def shapes(*objs, background="light"):
    return Scene("shapes", background, tuple(SceneObject(f"o{k + 1}", c, x, y, color=col)
                                             for k, (c, col, x, y) in enumerate(objs)))


def test_side_by_side_and_far_behind():
    s = shapes(("cube", "red", 0.3, 0.7), ("sphere", "blue", 0.7, 0.7), ("cylinder", "green", 0.3, 0.45))
    assert triples(s) == [("o1", "left of", "o2"), ("o1", "below", "o3"), ("o2", "right of", "o3")]
    g = scene_graph(s)
    assert g.objects == ("red cube", "blue sphere", "green cylinder")
    assert g.triples[0] == (0, "left of", 1)


def test_overlapping_pair_is_front_and_back_by_drawing_order():
    s = shapes(("cube", "red", 0.5, 0.60), ("sphere", "blue", 0.52, 0.66))  # o2 lower: drawn later, in front
    assert triples(s) == [("o1", "behind", "o2")]
    s = shapes(("sphere", "blue", 0.52, 0.66), ("cube", "red", 0.5, 0.60))
    assert triples(s) == [("o1", "in front of", "o2")]


def test_containment_and_angles():
    big, small = (0.1, 0.1, 0.9, 0.9), (0.4, 0.4, 0.5, 0.5)
    assert spatial_relation(small, big) == "inside"
    assert spatial_relation(big, small) == "surrounding"
    a, b = (0.0, 0.0, 0.1, 0.1), (0.0, 0.5, 0.1, 0.6)
    assert spatial_relation(a, b) == "above" and spatial_relation(b, a) == "below"


def test_recorded_relation_wins_over_geometry():
    boy = SceneObject("o1", "boy", 0.5, 0.7)
    kite = SceneObject("o2", "kite", 0.6, 0.3, attributes={"with": "o1"})
    hat = SceneObject("o3", "crown", 0.5, 0.5, attributes={"with": "o1"})
    t = triples(Scene("park", "day", (boy, kite, hat)))
    assert ("o2", "held by", "o1") in t and ("o3", "worn by", "o1") in t


def test_boxes_hold_every_pixel_the_object_paints():
    from scenewright.render import get_renderer

    r = get_renderer("shapes")
    for obj in (("cube", "red", 0.3, 0.7), ("cylinder", "yellow", 0.8, 0.5), ("sphere", "gray", 0.05, 0.9)):
        s = shapes(obj)
        size = (128, 128)
        diff = np.abs(np.asarray(r.render(s, size), int) - np.asarray(r.render(shapes(), size), int)).max(-1) > 0
        x0, y0, x1, y1 = object_boxes(s, size)[0]
        inside = np.zeros_like(diff)
        inside[int(y0 * 128):int(np.ceil(y1 * 128)), int(x0 * 128):int(np.ceil(x1 * 128))] = True
        assert diff.any() and not (diff & ~inside).any()
