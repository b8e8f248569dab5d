"""The shipped inpainting weights (weights/inpaint/tdanet[_notext]_<world>/): `inpaint` and `eval inpaint` work on a
fresh clone, with no training and no --checkpoint."""

import json

import numpy as np
import pytest
from PIL import Image
from typer.testing import CliRunner

from scenewright.cli import app
from scenewright.data.edits import make_edits
from scenewright.inpainting import default_checkpoint, inpaint
from scenewright.models.inpaint import METHODS

WORLDS = ("shapes", "street")


@pytest.mark.parametrize("world", WORLDS)
def test_inpaint_with_the_shipped_weights(world, tmp_path):
    make_edits(world, 3, tmp_path / "e", seed=5, progress=False)
    picture = Image.open(tmp_path / "e" / "target" / "64" / "000000.png").resize((120, 100))
    for method in METHODS:
        folder = default_checkpoint(method, world)
        assert (folder / f"{method}.safetensors").stat().st_size < 10 * 2**20
        card = json.loads((folder / "card.json").read_text())
        assert not (folder / "damsm").exists() and card.get("damsm_shipped") == (
            f"damsm/{world}" if method == "tdanet" else None)
        out = inpaint(picture, (30, 20, 70, 60), "a bench", method=method, world=world)
        assert out.size == (120, 100)
        a, b = np.asarray(out, dtype=int), np.asarray(picture, dtype=int)
        outside = np.ones(a.shape[:2], bool)
        outside[20:60, 30:70] = False
        assert np.array_equal(a[outside], b[outside]) and not np.array_equal(a, b)
    r = CliRunner().invoke(app, ["inpaint", str(tmp_path / "e" / "target" / "64" / "000000.png"), "a bench",
                                 "--box", "10,10,30,30", "--world", world, "-o", str(tmp_path / "o.png")])
    assert r.exit_code == 0, r.output
    assert Image.open(tmp_path / "o.png").size == (64, 64)


def test_eval_inpaint_defaults_to_the_shipped_weights(tmp_path):
    make_edits("shapes", 10, tmp_path / "e", seed=1, progress=False)
    r = CliRunner().invoke(app, ["eval", "inpaint", "--data", str(tmp_path / "e"), "--split", "train", "--n", "4",
                                 "--json"])
    assert r.exit_code == 0, r.output
    table = json.loads(r.stdout)
    assert set(table) == {"tdanet", "tdanet_notext", "mean_fill"}
    assert all(table[m]["images"] == 4 and 0 <= table[m]["l1"] < 1 for m in table)
