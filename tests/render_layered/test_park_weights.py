"""The shipped park weights (layered GAN and sg2im): they load through the registry, draw the park's
objects where the scene has them (the web page's offer: tests/web/test_renderers.py)."""

from __future__ import annotations

import numpy as np

from scenewright import Session
from scenewright.scene.graph import object_boxes


def changed(a, b) -> np.ndarray:
    return np.abs(np.asarray(a, np.int16) - np.asarray(b, np.int16)).max(-1) > 4


def test_shipped_layered_park_draws_the_object_in_its_box_only():
    s = Session(world="park", renderer="layered", size=(128, 128))
    empty = s.image.convert("RGB")
    turn = s.tell("a boy is standing on the left")
    assert turn.ok and s.renderer.model.cfg.world == "park"
    after = turn.image.convert("RGB")
    diff = changed(empty, after)
    (x0, y0, x1, y1), = object_boxes(turn.scene)
    box = np.zeros_like(diff)
    box[int(y0 * 128) - 2:int(np.ceil(y1 * 128)) + 2, int(x0 * 128) - 2:int(np.ceil(x1 * 128)) + 2] = True
    assert diff[box].mean() > 0.2  # the boy is drawn (not a blank layer)
    assert not diff[~box].any()  # and nothing else is repainted
    assert changed(after, Session(world="park", size=(128, 128)).tell("a boy is standing on the left")
                   .image.convert("RGB")).any()  # the GAN's picture, not the sprites'


def test_shipped_sg2im_park_predicts_a_layout_and_paints_the_floor():
    s = Session(world="park", renderer="sg2im", size=(64, 64))
    s.tell("a boy is standing on the left")
    scene = s.tell("a dog is to the right of the boy").scene
    boxes = s.renderer.layout(scene)
    assert len(boxes) == 2 and all(0 <= v <= 1 for b in boxes for v in b)
    img = np.asarray(s.image.convert("RGB"), np.float32)
    assert img.std() > 5  # a picture, not a flat colour
    assert img[48:, :, 1].mean() > img[48:, :, 2].mean()  # the park's lawn is green at the bottom

