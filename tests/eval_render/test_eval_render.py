"""eval render on a tiny edits set: the procedural renderer is pixel-stable, an unstable one is caught, the
renderers that cannot be built are reported, sg2im's layout is scored against the spine's boxes."""

import numpy as np
import pytest

from scenewright.eval.render import box_recall, edit_region, evaluate, stable_px
from scenewright.render import RENDERERS
from scenewright.scene import Scene, SceneObject


class UnstableRenderer:
    """The procedural picture, with every object's box shifted one pixel: repaints what did not change."""

    name = "unstable"

    def __init__(self, world, **_):
        from scenewright.render.procedural import ProceduralRenderer
        self.inner = ProceduralRenderer(world)

    def render(self, scene, size=(64, 64)):
        from PIL import ImageChops
        shift = len(scene.objects) % 2  # a one-object edit flips it
        return ImageChops.offset(self.inner.render(scene, size), shift, 0)


@pytest.fixture(scope="module")
def edits(tmp_path_factory):
    from scenewright.data.edits import make_edits

    out = tmp_path_factory.mktemp("edits") / "shapes"
    make_edits("shapes", 12, out, seed=3, sizes=(64,), k=1, progress=False)
    return out


def test_procedural_is_stable_an_unstable_renderer_is_not(edits, monkeypatch):
    monkeypatch.setitem(RENDERERS, "unstable", f"{__name__}:UnstableRenderer")
    table = evaluate("shapes", ["procedural", "unstable"], edits, split="train", fid=False, progress=False)
    proc, bad = table["procedural"], table["unstable"]
    assert proc["n_single_edits"] > 0
    assert proc["stable_px"] == 0.0
    assert bad["stable_px"] > 1.0
    assert proc["object_f1"] > 80 and proc["box_recall_50"] is None


def test_unavailable_renderers_are_reported_not_fatal(edits, tmp_path):
    table = evaluate("shapes", ["layered:" + str(tmp_path / "no_run"), "nosuch", "sg2im:" + str(tmp_path / "x")],
                     edits, split="train", n=2, fid=False, progress=False)
    assert set(table) == {"layered:" + str(tmp_path / "no_run"), "nosuch", "sg2im:" + str(tmp_path / "x")}
    assert all(set(row) == {"unavailable"} and row["unavailable"] for row in table.values())
    assert "train sg2im" in table["sg2im:" + str(tmp_path / "x")]["unavailable"]


def test_fid_of_the_spine_against_its_own_pictures_is_zero(edits):
    row = evaluate("shapes", ["procedural"], edits, split="train", n=6, progress=False)["procedural"]
    assert abs(row["fid"]) < 1e-3


def test_sg2im_row_has_box_recall(edits):
    from tests.sg2im.conftest import TINY  # noqa: F401  (the same tiny settings)
    import torch

    from scenewright.train.sg2im import train_sg2im

    torch.set_num_threads(1)
    run = edits.parent / "sg2im"
    train_sg2im("shapes", run, n=8, steps=1, batch=8, settings=TINY, progress=False, command="t")
    row = evaluate("shapes", [f"sg2im:{run}"], edits, split="train", n=3, fid=False, progress=False)[f"sg2im:{run}"]
    assert 0 <= row["box_recall_30"] <= 100 and row["box_recall_50"] <= row["box_recall_30"]


def test_the_metrics_themselves():
    a = Scene("shapes", "light", (SceneObject("o1", "cube", 0.3, 0.7, color="red"),))
    b = Scene("shapes", "light", a.objects + (SceneObject("o2", "sphere", 0.8, 0.6, color="blue"),))
    region = edit_region(a, b, (64, 64))
    assert region[int(0.6 * 64), int(0.8 * 64)] and not region[int(0.7 * 64), int(0.3 * 64)]
    x = np.zeros((64, 64, 3), np.uint8)
    y = x.copy()
    y[0, 0] = 255  # outside the region
    assert stable_px([x], [y], [region]) == pytest.approx(100 / (~region).sum())
    y = x.copy()
    y[region] = 255
    assert stable_px([x], [y], [region]) == 0.0
    box = (0.1, 0.1, 0.3, 0.3)
    assert box_recall([[box]], [[box]], 0.5) == 100.0
    assert box_recall([[(0.2, 0.1, 0.4, 0.3)]], [[box]], 0.5) == 0.0
    assert box_recall([[(0.2, 0.1, 0.4, 0.3)]], [[box]], 0.3) == 100.0
