import json

import pytest

torch = pytest.importorskip("torch")

from scenewright.errors import MissingFile, ScenewrightError  # noqa: E402

from .conftest import TINY  # noqa: E402


@pytest.fixture(scope="module")
def trained(tmp_path_factory, imageset_dir, damsm_dir):
    from scenewright.train.t2i import train_t2i

    out = tmp_path_factory.mktemp("run") / "dfgan"
    train_t2i("dfgan", imageset_dir, damsm_dir, out, steps=2, batch=8, ckpt_every=1, settings=TINY["dfgan"],
              progress=False, command="test")
    return out


@pytest.mark.slow
def test_train_t2i_writes_a_self_contained_folder(trained, imageset_dir):
    card = json.loads((trained / "card.json").read_text())
    assert card["steps"] == 2 and card["batch"] == 8 and card["command"] == "test"
    assert card["data_sha256"]["train.jsonl"] == json.loads((imageset_dir / "card.json").read_text())[
        "sha256"]["train.jsonl"]
    assert (trained / "damsm" / "damsm.safetensors").is_file()
    assert (trained / "samples" / "step_000002.png").is_file()


def test_imagine_returns_n_images_deterministic_per_seed(trained):
    from scenewright.t2i import imagine

    a = imagine("a red cube on the left", checkpoint=trained, n=3, seed=1)
    assert len(a) == 3 and all(im.size == (64, 64) and im.mode == "RGB" for im in a)
    b = imagine("a red cube on the left", checkpoint=trained, n=3, seed=1)
    assert [im.tobytes() for im in a] == [im.tobytes() for im in b]
    c = imagine("a red cube on the left", checkpoint=trained, n=3, seed=2)
    assert a[0].tobytes() != c[0].tobytes()


def test_imagine_without_a_checkpoint_names_the_train_command(tmp_path):
    from scenewright.t2i import imagine

    with pytest.raises(MissingFile, match="scenewright train t2i --method stackgan"):  # shapes' default
        imagine("a red cube", checkpoint=tmp_path / "nothing")
    with pytest.raises(ScenewrightError, match="unknown text-to-image method"):
        imagine("a red cube", method="nope", checkpoint=tmp_path)


def test_train_refuses_a_missing_damsm(tmp_path, imageset_dir):
    from scenewright.train.t2i import train_t2i

    with pytest.raises(MissingFile, match="scenewright train damsm"):
        train_t2i("dfgan", imageset_dir, tmp_path / "no_damsm", tmp_path / "out", steps=1)


def test_cli_imagine_writes_a_grid(trained, tmp_path):
    from PIL import Image
    from typer.testing import CliRunner

    from scenewright.cli import app

    out = tmp_path / "grid.png"
    res = CliRunner().invoke(app, ["imagine", "a blue cube on the right", "--method", "dfgan",
                                   "--checkpoint", str(trained), "-o", str(out), "--n", "4", "--seed", "0"])
    assert res.exit_code == 0, res.output
    assert Image.open(out).size == (4 * 64, 64)


def test_imagine_is_a_top_level_call():
    import scenewright

    with pytest.raises(MissingFile, match="no dfgan weights are shipped"):
        scenewright.imagine("a red car on the left", method="dfgan", world="street")


def test_ship_copies_a_run_that_then_loads_through_the_named_shipped_damsm(trained, damsm_dir, tmp_path,
                                                                           monkeypatch):
    import shutil

    import scenewright.models.t2i as registry
    import scenewright.train.t2i as train_mod
    from scenewright.errors import CheckpointError
    from scenewright.t2i import imagine

    root = tmp_path / "weights"  # a stand-in for src/scenewright/weights
    shutil.copytree(trained / "damsm", root / "damsm" / "tiny")
    monkeypatch.setattr(train_mod, "weights_root", lambda: root)
    monkeypatch.setattr(registry, "WEIGHTS_ROOT", root)
    dest = root / "t2i" / "dfgan_tiny"
    train_mod.ship(trained, dest, damsm="tiny")
    card = json.loads((dest / "card.json").read_text())
    assert card["damsm_shipped"] == "damsm/tiny" and card["shipped_from"] == str(trained)
    assert (dest / "samples.png").is_file() and not (dest / "damsm").exists()
    assert [im.tobytes() for im in imagine("a red cube", checkpoint=dest, n=2, seed=4)] == \
        [im.tobytes() for im in imagine("a red cube", checkpoint=trained, n=2, seed=4)]
    (root / "damsm" / "other").mkdir()
    shutil.copyfile(damsm_dir / "damsm.safetensors", root / "damsm" / "other" / "damsm.safetensors")
    (root / "damsm" / "other" / "damsm.safetensors").write_bytes(b"x" + (root / "damsm" / "other" /
                                                                        "damsm.safetensors").read_bytes()[1:])
    with pytest.raises(CheckpointError, match="another DAMSM"):
        train_mod.ship(trained, tmp_path / "elsewhere", damsm="other")
    shutil.rmtree(root / "damsm" / "tiny")
    with pytest.raises(MissingFile, match="names the shipped DAMSM 'damsm/tiny'"):
        registry.load(dest)  # (imagine keeps the loaded model while its weights file is unchanged)
