import numpy as np
import pytest

h5py = pytest.importorskip("h5py")

from scenewright.data.geneva_hdf5 import Dialog, export_dialogs, import_dialogs, shapes_to_hdf5  # noqa: E402
from scenewright.data.shapes_dialogs import CLASSES, ShapesDialogs  # noqa: E402


@pytest.mark.parametrize("layout", ["iclevr", "codraw"])
def test_export_then_import_gives_the_dialogs_back(tmp_path, layout):
    rng = np.random.default_rng(0)
    dialogs = [Dialog(i, [f"add thing {i}", "and another"], rng.integers(0, 255, (2, 8, 8, 3), dtype=np.uint8),
                      rng.integers(0, 2, (2, 5)).astype(np.float32), rng.random((2, 5, 2)).astype(np.float32))
               for i in range(3)]
    bg = rng.integers(0, 255, (8, 8, 3), dtype=np.uint8)
    path = export_dialogs(tmp_path / "x.h5", dialogs, list("abcde"), bg, layout=layout)
    with h5py.File(path) as f:  # GeNeVA's layout: BGR images, per-dialog groups
        assert np.array_equal(f["0"]["images"][()], dialogs[0].images[..., ::-1])
        assert ("text" if layout == "iclevr" else "utterences") in f["0"]
    back, entities, bg2 = import_dialogs(path)
    assert entities == list("abcde") and np.array_equal(bg2, bg)
    for a, b in zip(dialogs, back):
        assert a.texts == b.texts and a.scene_id == b.scene_id
        assert np.array_equal(a.images, b.images) and np.array_equal(a.objects, b.objects)
        assert np.allclose(a.coords, b.coords)


def test_our_shapes_dialogs_export_in_the_iclevr_layout(tiny_data, tmp_path):
    path = shapes_to_hdf5(tiny_data, "val", tmp_path / "val.h5")
    dialogs, entities, _ = import_dialogs(path)
    data = ShapesDialogs.load(tiny_data, "val", 64)
    assert entities == list(CLASSES) and len(dialogs) == len(data)
    assert dialogs[0].texts == data.texts[0] and np.array_equal(dialogs[0].images, data.images[0])
