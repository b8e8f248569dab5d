"""GeNeVA-GAN on CoDraw: the dialogs as GeNeVA trains on them, one tiny training step, the evaluation's
plumbing. Needs ../shared/data/codraw (skips without it); renders stay in tmp folders."""

import json
import shutil

import numpy as np
import pytest

from scenewright.errors import ScenewrightError


@pytest.fixture(scope="module")
def tiny_codraw(codraw_dir, clipart_dir, tmp_path_factory):
    """4 train and 2 val dialogs in a folder of their own (a tmp copy, deleted after the tests)."""
    root = tmp_path_factory.mktemp("codraw")
    (root / "dialogs").mkdir()
    for name in ("train_00000", "train_00001", "train_00002", "train_00003", "val_00008", "val_00018"):
        shutil.copy(codraw_dir / "dialogs" / f"{name}.json", root / "dialogs")
    (root / "clipart").symlink_to(clipart_dir)
    return root


def test_dialogs_are_geneva_rounds_padded_to_the_longest(tiny_codraw):
    from scenewright.data.codraw import CLASSES, CodrawDialogs, geneva_turns, load_codraw

    data = CodrawDialogs.load(tiny_codraw, "train", 64)
    raw = load_codraw(tiny_codraw, "train")
    assert data.lengths == [len(geneva_turns(d).turns) for d in raw]
    T = max(data.lengths)
    assert data.images.shape == (4, T, 64, 64, 3) and data.objects().shape == (4, T, 58)
    assert data.classes == CLASSES
    valid = data.valid()
    assert valid.sum(1).tolist() == data.lengths
    short = int(np.argmin(data.lengths))
    k = data.lengths[short]
    if k < T:  # padding repeats the last canvas with an empty instruction
        assert np.array_equal(data.images[short, k], data.images[short, k - 1]) and data.texts[short][k] == ""
    assert data.texts[0][0] == geneva_turns(raw[0]).turns[0].teller  # the Teller's words
    assert not np.array_equal(data.images[0, 0], data.background)  # the first round drew something


def test_a_tiny_training_step_then_the_evaluation(tiny_codraw, tmp_path):
    from scenewright.data.codraw import CLASSES
    from scenewright.eval.detector import Detector
    from scenewright.eval.geneva import evaluate
    from scenewright.models.geneva_gan import GenevaGAN
    from scenewright.train.geneva import TrainConfig, export, train

    run = tmp_path / "run"
    train(TrainConfig(data=str(tiny_codraw), dataset="codraw", run=str(run), steps=2, batch=2, log_every=1,
                      sample_every=1000, ckpt_every=2, snapshot_every=0, model={"ngf": 8, "ndf": 8}),
          progress=False)
    rows = [json.loads(line) for line in (run / "log.jsonl").read_text().splitlines()]
    assert [r["step"] for r in rows if "loss_d" in r] == [1, 2]
    assert all(np.isfinite(r["loss_g"]) and np.isfinite(r["loss_d"]) for r in rows if "loss_d" in r)
    assert list((run / "cache").glob("codraw_train_64_4.npy"))  # renders kept in the run, for a resume
    gan = GenevaGAN.load(export(run, tmp_path / "gan"))
    assert gan.cfg.classes == list(CLASSES) and "teller" not in gan.cfg.vocab and "tree" in gan.cfg.vocab

    det = Detector(CLASSES, 64, depth=True, width=8)  # untrained: the plumbing, not the figures
    det.save(tmp_path / "det")
    table = evaluate(str(tiny_codraw), "val", str(tmp_path / "gan"), str(tmp_path / "det"), dataset="codraw")
    assert set(table) == {"GeNeVA-GAN", "drawer grammar + clip-art", "ground truth (detector vs true pieces)",
                          "paper: GeNeVA-GAN on CoDraw (test)"}
    assert table["GeNeVA-GAN"]["n"] == 2  # final round: one per dialog
    assert table["GeNeVA-GAN"]["n_per_round"] == sum(table_lengths(tiny_codraw))
    assert table["paper: GeNeVA-GAN on CoDraw (test)"]["f1"] == 58.8


def table_lengths(root):
    from scenewright.data.codraw import geneva_turns, load_codraw

    return [len(geneva_turns(d).turns) for d in load_codraw(root, "val") if geneva_turns(d).turns]


def test_bad_models_and_detectors_are_refused(tiny_codraw, tmp_path):
    from scenewright.eval.detector import Detector
    from scenewright.eval.geneva import evaluate

    with pytest.raises(ScenewrightError, match="needs --detector"):
        evaluate(str(tiny_codraw), "val", None, None, dataset="codraw")
    Detector(["red cube", "blue sphere"], 64, width=8).save(tmp_path / "shapes_det")
    with pytest.raises(ScenewrightError, match="2 classes; a CoDraw detector has 58"):
        evaluate(str(tiny_codraw), "val", None, str(tmp_path / "shapes_det"), dataset="codraw")
    with pytest.raises(ScenewrightError, match="unknown dataset"):
        evaluate(str(tiny_codraw), "val", None, None, dataset="clevr")


def test_the_commands_refuse_bad_input_without_a_traceback(tiny_codraw, tmp_path):
    from typer.testing import CliRunner

    from scenewright.cli import app

    runner = CliRunner()
    cases = [
        (["eval", "geneva", "--dataset", "codraw", "--data", str(tiny_codraw)], "needs --detector"),
        (["eval", "geneva", "--dataset", "codraw", "--data", str(tiny_codraw), "--detector", str(tmp_path / "x")],
         "no detector checkpoint at"),
        (["train", "geneva", "--dataset", "clevr", "--data", str(tiny_codraw)], "must be one of shapes, codraw"),
    ]
    for args, says in cases:
        result = runner.invoke(app, args)
        assert result.exit_code != 0, args
        text = result.output + str(result.exception or "")
        assert says in text and "Traceback" not in result.output, (args, text)
