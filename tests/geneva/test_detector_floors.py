"""The shipped shapes detector reads both floors of the shapes world, and `train detector` draws its train
scenes on every floor."""

import numpy as np
import pytest

from scenewright.data.shapes_dialogs import ShapesDialogs
from scenewright.errors import ScenewrightError
from scenewright.eval.detector import Detector
from scenewright.eval.geneva import (FLOORS, default_detector, detector_scores_by_floor, floor_images,
                                     train_shapes_detector)


def test_the_world_has_two_floors_and_each_is_drawn(tiny_data):
    assert FLOORS == ("light", "dark")
    data = ShapesDialogs.load(tiny_data, "train", 64)
    light, dark = floor_images(data, "light", 3), floor_images(data, "dark", 3)
    assert np.array_equal(light, np.asarray(data.images[:3]).reshape(-1, 64, 64, 3))  # the stored pictures
    assert dark.shape == light.shape
    assert dark[:, -4:].mean() < light[:, -4:].mean() - 60  # the floor near the bottom edge is dark


@pytest.mark.parametrize("floor", FLOORS)
def test_the_shipped_detector_reads_each_floor(tiny_data, floor):
    """The previous detector (light floor only) scored F1 33 on dark-floor pictures; chance is far lower."""
    det = Detector.load(default_detector())
    scores = detector_scores_by_floor(det, ShapesDialogs.load(tiny_data, "train", 64), floors=(floor,))[floor]
    assert scores["n"] == 16 * 5
    assert scores["f1"] > 90, scores
    assert scores["precision"] > 90, scores  # no phantom spheres


def test_train_detector_mixes_the_floors_and_scores_each(tiny_data, tmp_path):
    det, by_floor = train_shapes_detector(str(tiny_data), tmp_path / "det", epochs=1, n=16, progress=False)
    assert set(by_floor) == {"light", "dark"}
    import json
    card = json.loads((tmp_path / "det.json").read_text())
    assert card["floors"] == ["light", "dark"] and set(card["vs_oracle_by_floor"]) == {"light", "dark"}
    with pytest.raises(ScenewrightError, match="unknown floor.*light, dark"):
        train_shapes_detector(str(tiny_data), tmp_path / "bad", epochs=1, n=16, progress=False, floors=("grey",))
