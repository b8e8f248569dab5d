import json

import pytest
import torch
from typer.testing import CliRunner

from scenewright.cli import app


def _train(data, out, *extra):
    args = ["train", "damsm", "--data", str(data), "--out", str(out), "--image-encoder", "scratch",
            "--batch-size", "8", "--seed", "3", *extra]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    return result.output


@pytest.mark.slow
def test_train_damsm_by_its_command_resumes_to_the_same_bytes_and_loads(tiny_set, tmp_path):
    out = _train(tiny_set, tmp_path / "once", "--epochs", "2")
    assert "test R-precision" in out
    _train(tiny_set, tmp_path / "twice", "--epochs", "1")
    _train(tiny_set, tmp_path / "twice", "--epochs", "2")  # resumes from last.pt at epoch 1
    once, twice = (tmp_path / d / "damsm.safetensors" for d in ("once", "twice"))
    assert once.read_bytes() == twice.read_bytes()
    card = json.loads((tmp_path / "once" / "card.json").read_text())
    assert card["seed"] == 3 and card["epochs_done"] == 2 and card["steps"] == 2 * (48 // 8)
    assert len(card["data_card_sha256"]) == 64 and "train damsm" in card["command"]
    assert card["log_last"][-1]["loss"] < card["log_last"][0]["loss"]
    assert set(card["metrics"]["test"]) >= {"r_precision", "r_std", "recall@1", "recall@5"}

    from scenewright.models.encoders.damsm import load_damsm

    text, image = load_damsm(tmp_path / "once")
    f = text.encode(["a red cube left of a blue sphere"])
    assert f.sentence.shape == (1, 256) and image(torch.zeros(1, 3, 64, 64))[1].shape == (1, 256)

    result = CliRunner().invoke(app, ["eval", "damsm", "--data", str(tiny_set), "--damsm", str(tmp_path / "once"),
                                      "--json", "--seed", "3"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == card["metrics"]["test"]


def test_eval_damsm_without_a_model_says_how_to_make_one(tiny_set, tmp_path):
    from scenewright.errors import MissingFile

    result = CliRunner().invoke(app, ["eval", "damsm", "--data", str(tiny_set), "--damsm", str(tmp_path)])
    assert isinstance(result.exception, MissingFile) and "train damsm" in str(result.exception)
