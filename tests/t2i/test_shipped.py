"""The shipped text-to-image weights (src/scenewright/weights/t2i/, damsm/, caption/): they load on a fresh
clone, draw deterministically at 64², and `eval t2i` measures them with the shipped evaluation DAMSM."""

from __future__ import annotations

import json

import pytest

torch = pytest.importorskip("torch")

from scenewright.models.t2i import METHODS, damsm_of, default_method  # noqa: E402
from scenewright.t2i import default_checkpoint  # noqa: E402
from scenewright.train.t2i import weights_root  # noqa: E402

WORLDS = ("shapes", "park")


@pytest.mark.parametrize("world", WORLDS)
def test_every_method_is_shipped_small_with_a_card_and_one_shared_damsm(world):
    for method in METHODS:
        folder = default_checkpoint(method, world)
        weights = folder / f"{method}.safetensors"
        assert weights.is_file(), folder
        assert weights.stat().st_size <= 10 * 2 ** 20
        card = json.loads((folder / "card.json").read_text())
        assert card["method"] == method and card["world"] == world and card["steps"] > 0
        assert card["command"].startswith("scenewright train t2i") and card["data_command"]
        assert not (folder / "damsm").exists()  # no copy: the card names the shipped one
        assert damsm_of(folder) == weights_root() / "damsm" / world
    assert (weights_root() / "damsm" / f"{world}_eval" / "damsm.safetensors").is_file()
    assert (weights_root() / "caption" / f"show_tell_{world}" / "show_tell.safetensors").is_file()


@pytest.mark.parametrize("world", WORLDS)
def test_imagine_draws_with_the_shipped_default_deterministically(world):
    import scenewright

    text = "a red cube on the left" if world == "shapes" else "a boy on the left and a dog next to him"
    a = scenewright.imagine(text, world=world, n=2, seed=3)
    b = scenewright.imagine(text, world=world, n=2, seed=3)
    assert [im.size for im in a] == [(64, 64), (64, 64)]
    assert [im.tobytes() for im in a] == [im.tobytes() for im in b]
    assert a[0].tobytes() != a[1].tobytes()  # two samples, two noises
    assert default_method(world) == {"shapes": "stackgan", "park": "gan_int_cls"}[world]  # docs/t2i.md's FID
    assert scenewright.imagine(text, world=world, method=default_method(world))[0].tobytes() == \
        scenewright.imagine(text, world=world, seed=0)[0].tobytes()


def test_imagine_cli_uses_the_shipped_weights_of_the_world(tmp_path):
    from PIL import Image
    from typer.testing import CliRunner

    from scenewright.cli import app

    out = tmp_path / "park.png"
    res = CliRunner().invoke(app, ["imagine", "a dog under a tree", "--world", "park", "-o", str(out), "--n", "2"])
    assert res.exit_code == 0, res.output
    assert Image.open(out).size == (128, 64)


@pytest.fixture(scope="module")
def small_shapes_set(tmp_path_factory):
    from typer.testing import CliRunner

    from scenewright.cli import app

    out = tmp_path_factory.mktemp("shapes_small")
    res = CliRunner().invoke(app, ["data", "captions", "--world", "shapes", "--n", "60", "--out", str(out),
                                   "--seed", "5"])
    assert res.exit_code == 0, res.output
    return out


def test_eval_t2i_measures_shipped_weights_with_the_shipped_eval_damsm(small_shapes_set):
    from typer.testing import CliRunner

    from scenewright.cli import app

    res = CliRunner().invoke(app, ["eval", "t2i", "--data", str(small_shapes_set), "--split", "test",
                                   "--method", "stackgan", "--n", "6", "--json"])
    assert res.exit_code == 0, res.output
    row = json.loads(res.output[res.output.index('{"'):])["stackgan"]  # after the progress bars
    assert row["damsm_eval"].endswith("shapes_eval")
    assert 0 <= row["r_precision"] <= 100 and row["is"] >= 1 and row["object_f1"] is not None
    assert row["checkpoint"] == str(default_checkpoint("stackgan", "shapes"))


def test_eval_t2i_refuses_a_method_that_is_not_one(small_shapes_set):
    from typer.testing import CliRunner

    from scenewright.cli import app

    from scenewright.errors import ScenewrightError

    res = CliRunner().invoke(app, ["eval", "t2i", "--data", str(small_shapes_set), "--method", "nope"])
    assert isinstance(res.exception, ScenewrightError) and "give a method" in str(res.exception)  # main() prints it
