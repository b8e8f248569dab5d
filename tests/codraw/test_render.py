"""The clip-art renderer: CoDraw's geometry, GeNeVA's size, a clear error without the clip-art."""

import numpy as np
import pytest

from scenewright.errors import ScenewrightError
from scenewright.scene import Scene, SceneObject


def test_missing_clipart_names_the_option(tmp_path, monkeypatch):
    from scenewright.render.clipart import ClipartRenderer

    monkeypatch.delenv("SCENEWRIGHT_CLIPART", raising=False)
    with pytest.raises(ScenewrightError, match="--clipart"):
        ClipartRenderer("park", tmp_path)


def test_piece_centre_depth_and_flip(clipart_dir):
    from scenewright.render.clipart import ClipartRenderer

    r = ClipartRenderer("park", clipart_dir)
    empty = np.asarray(r.render(Scene("park", "day")))
    assert empty.shape == (400, 500, 3)
    boy = SceneObject("o1", "boy", 0.5, 0.5, 1.0, pose="standing", expression="happy")
    a = np.asarray(r.render(Scene("park", "day", (boy,)))).astype(int)
    b = np.asarray(r.render(Scene("park", "day", (boy.with_(flip=True),)))).astype(int)
    changed = np.argwhere(np.abs(a - empty).sum(-1) > 30)
    (y0, x0), (y1, x1) = changed.min(0), changed.max(0)
    assert abs((x0 + x1) / 2 - 250) < 6 and abs((y0 + y1) / 2 - 200) < 8  # centred at (x·500, y·400)
    assert x1 - x0 <= 108 and y1 - y0 <= 202  # the piece's own size at depth 0
    assert np.abs(b[:, 150:350] - a[:, 150:350][:, ::-1]).mean() < 3  # flip mirrors
    far = np.asarray(r.render(Scene("park", "day", (boy.with_(scale=0.49),)))).astype(int)
    assert (np.abs(far - empty).sum(-1) > 30).sum() < 0.3 * len(changed)  # depth 2 is 0.49² the area
    small = r.render(Scene("park", "day", (boy,)), (128, 128))
    assert small.size == (128, 128)
