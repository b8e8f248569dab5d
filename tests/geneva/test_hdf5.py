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


def _iclevr_file(tiny_data, path, split="val"):
    """Our split written the way GeNeVA's i-CLEVR script writes it: "<shape> <colour>" entities, pixel coords."""
    data = ShapesDialogs.load(tiny_data, split, 64)
    objects, coords = data.objects(), data.coords()
    entities = [" ".join(reversed(c.split())) for c in CLASSES]
    dialogs = [Dialog(f"CLEVR_{i}", data.texts[i], np.asarray(data.images[i]), objects[i], coords[i] * 64)
               for i in range(len(data))]
    return data, export_dialogs(path, dialogs, entities, data.background, layout="iclevr")


def test_an_iclevr_file_imports_as_a_shapes_split(tiny_data, tmp_path):
    from scenewright.data.geneva_hdf5 import hdf5_to_shapes

    data, path = _iclevr_file(tiny_data, tmp_path / "clevr_val.h5")
    entry = hdf5_to_shapes(path, tmp_path / "imported", "val", (64,), progress=False)
    assert entry["dialogs"] == len(data) and entry["coords"]
    back = ShapesDialogs.load(tmp_path / "imported", "val", 64)
    assert back.texts == data.texts and np.array_equal(back.images, data.images)
    assert np.array_equal(back.objects(), data.objects())
    assert np.allclose(back.coords(), data.coords(), atol=1e-5)
    assert np.array_equal(back.background, data.background)


def test_unusable_files_are_refused_and_write_nothing(tiny_data, tmp_path):
    from scenewright.data.geneva_hdf5 import LayoutError, hdf5_to_shapes

    rng = np.random.default_rng(1)
    odd = export_dialogs(tmp_path / "odd.h5", [Dialog(0, ["add a dragon"], rng.integers(0, 255, (1, 8, 8, 3),
                                                                                         dtype=np.uint8),
                                                      np.ones((1, 1), np.float32))],
                         ["purple dragon"], np.zeros((8, 8, 3), np.uint8))
    with pytest.raises(LayoutError, match="dragon"):
        hdf5_to_shapes(odd, tmp_path / "out", "train", progress=False)
    (tmp_path / "text.h5").write_text("not hdf5")
    with pytest.raises(LayoutError, match="not an HDF5 file"):
        hdf5_to_shapes(tmp_path / "text.h5", tmp_path / "out", "train", progress=False)
    _, path = _iclevr_file(tiny_data, tmp_path / "clevr_val.h5")
    with pytest.raises(LayoutError, match="split"):
        hdf5_to_shapes(path, tmp_path / "out", "dev", progress=False)
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_geneva_import_command(tiny_data, tmp_path):
    from typer.testing import CliRunner

    from scenewright.cli import app

    _, path = _iclevr_file(tiny_data, tmp_path / "clevr_val.h5")
    runner = CliRunner()
    summary = runner.invoke(app, ["data", "geneva-import", str(path)])
    assert summary.exit_code == 0 and '"cube gray"' in summary.output
    done = runner.invoke(app, ["data", "geneva-import", str(path), "--out", str(tmp_path / "d"), "--split", "test"])
    assert done.exit_code == 0, done.output
    assert ShapesDialogs.load(tmp_path / "d", "test", 64).texts
    bad = runner.invoke(app, ["data", "geneva-import", str(tmp_path / "missing.h5")])
    assert bad.exit_code == 2 and "no such file" in bad.output and "Traceback" not in bad.output
