"""The shipped manipulation weights (weights/manipulate/<method>_<world>/): `edit` and `eval manipulate` work on a
fresh clone, with no training and no --checkpoint."""

import json

import numpy as np
import pytest
from PIL import Image
from typer.testing import CliRunner

from scenewright.cli import app
from scenewright.data.edits import make_edits
from scenewright.editing import default_checkpoint, edit
from scenewright.models.manipulate import METHODS

WORLDS = ("shapes", "street")


@pytest.mark.parametrize("world", WORLDS)
def test_every_method_is_shipped_small_and_shares_the_world_s_damsm(world):
    for method in METHODS:
        folder = default_checkpoint(method, world)
        assert (folder / f"{method}.safetensors").stat().st_size < 10 * 2**20
        card = json.loads((folder / "card.json").read_text())
        assert card["damsm_shipped"] == f"damsm/{world}" and not (folder / "damsm").exists()  # no copy
        assert card["world"] == world and card["steps"] > 0 and card["command"].startswith("scenewright train")


@pytest.mark.parametrize("world", WORLDS)
def test_edit_with_the_shipped_weights(world, tmp_path):
    make_edits(world, 3, tmp_path / "e", seed=5, progress=False)
    src = tmp_path / "e" / "source" / "64" / "000000.png"
    big = tmp_path / "big.jpg"
    Image.open(src).resize((150, 120)).save(big)
    for method in METHODS:
        out = edit(big, "make the car red" if world == "street" else "a red cube", method=method, world=world)
        assert out.size == (64, 64) and out.mode == "RGB"
        a = np.asarray(out, dtype=int)
        assert a.std() > 5  # a picture, not a flat colour
        again = edit(big, "make the car red" if world == "street" else "a red cube", method=method, world=world)
        assert np.array_equal(a, np.asarray(again))
    r = CliRunner().invoke(app, ["edit", str(src), "a red cube", "--world", world, "-o", str(tmp_path / "o.png")])
    assert r.exit_code == 0, r.output
    assert Image.open(tmp_path / "o.png").size == (64, 64)


def test_eval_manipulate_defaults_to_the_shipped_weights_and_damsm(tmp_path):
    make_edits("shapes", 10, tmp_path / "e", seed=1, progress=False)
    r = CliRunner().invoke(app, ["eval", "manipulate", "--data", str(tmp_path / "e"), "--split", "train", "--n",
                                 "4", "--json"])
    assert r.exit_code == 0, r.output
    table = json.loads(r.stdout)
    assert set(table) == {"oracle", "identity", *METHODS}
    assert table["oracle"]["target_l1"] == 0.0 and table["identity"]["diff"] == 0.0
    assert all(0 < table[m]["diff"] < 1 and table[m]["n"] == 4 for m in METHODS)
    r = CliRunner().invoke(app, ["eval", "manipulate", "--data", str(tmp_path / "e"), "--method", "dfgan"])
    assert r.exit_code != 0 and "sisgan" in r.output
