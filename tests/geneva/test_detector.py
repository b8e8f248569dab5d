import numpy as np
import torch

from scenewright.eval.detector import Detector, detector_loss, targets_to_arrays, train_detector

CLASSES = ["red cube", "blue sphere", "tree"]


def test_detector_shapes_and_api():
    det = Detector(CLASSES, 64, depth=True, width=8).eval()
    images = np.zeros((3, 80, 100, 3), np.uint8)  # any size: resized to 64×64
    x = det.prepare(images)
    assert x.shape == (3, 3, 64, 64)
    logits, coords, depths = det(x)
    assert logits.shape == (3, 3) and coords.shape == (3, 3, 2) and depths.shape == (3, 3)
    assert det.features(images).shape == (3, 256)
    out = det.detect(images)
    assert len(out) == 3 and all(isinstance(d, dict) for d in out)


def test_targets_become_arrays():
    pres, xy, dep = targets_to_arrays([{"tree": [(0.2, 0.4, 1.0), (0.4, 0.6, 0.0)]}, {}], CLASSES)
    assert pres.tolist() == [[0, 0, 1], [0, 0, 0]]
    assert np.allclose(xy[0, 2], [0.3, 0.5]) and np.isclose(dep[0, 2], 0.5)


def test_a_few_steps_lower_the_loss_and_save_load_round_trips(tmp_path):
    rng = np.random.default_rng(0)
    images = np.zeros((64, 32, 32, 3), np.uint8)
    targets = []
    for i in range(64):  # a red square somewhere, or nothing
        if i % 2:
            x, y = rng.integers(4, 24, size=2)
            images[i, y:y + 6, x:x + 6] = (220, 30, 30)
            targets.append({"red cube": [((x + 3) / 32, (y + 3) / 32)]})
        else:
            targets.append({})
    pres, xy, _ = (torch.from_numpy(a) for a in targets_to_arrays(targets, CLASSES))
    torch.manual_seed(0)
    before = detector_loss(Detector(CLASSES, 32, width=8).train(), Detector(CLASSES, 32).prepare(images), pres, xy)
    det = train_detector(images, targets, CLASSES, image_size=32, epochs=6, batch=16, seed=0, progress=False,
                         width=8)
    after = detector_loss(det, det.prepare(images), pres, xy)
    assert after.item() < before.item()
    det.save(tmp_path / "det", {"note": "test"})
    det2 = Detector.load(tmp_path / "det")
    assert det2.classes == CLASSES
    assert np.allclose(det.features(images), det2.features(images))
