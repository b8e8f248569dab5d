import numpy as np
import pytest
import torch

from scenewright.data.shapes_dialogs import CLASSES
from scenewright.models.geneva_gan import GenevaConfig, GenevaGAN
from scenewright.session import Session
from scenewright.train.geneva import vocabulary


@pytest.fixture(scope="module")
def checkpoint(tmp_path_factory):
    from scenewright.data.shapes_dialogs import make_dialog

    texts = [[t for t, _ in make_dialog(0, i)] for i in range(50)]
    torch.manual_seed(0)
    model = GenevaGAN(GenevaConfig(vocab=vocabulary(texts), classes=list(CLASSES), ngf=8, ndf=8)).eval()
    path = tmp_path_factory.mktemp("ckpt") / "g"
    model.save(path, with_discriminator=False)
    return path


def test_a_session_draws_every_turn_with_the_gan_and_undo_still_works(checkpoint):
    s = Session(world="shapes", renderer=f"geneva:{checkpoint}", size=(128, 128))
    assert s.renderer.name == "geneva"
    first = s.tell("add a red cube on the left")
    second = s.tell("add a blue sphere to the right of it")
    assert first.ok and second.ok and len(second.scene.objects) == 2
    a, b = np.asarray(first.image), np.asarray(second.image)
    assert a.shape == b.shape == (128, 128, 3) and not np.array_equal(a, b)
    s.undo()
    assert len(s.scene.objects) == 1
    assert np.array_equal(np.asarray(s.image), a)  # the cached prefix: the same picture as turn 1


def test_without_a_checkpoint_the_error_says_how_to_get_one(tmp_path):
    from scenewright.models.geneva_gan import GenevaRenderer

    with pytest.raises(FileNotFoundError, match="train geneva"):
        GenevaRenderer("shapes", checkpoint=tmp_path / "missing")


def test_bad_inputs_to_the_geneva_commands_are_refused_without_a_traceback(tmp_path, tiny_data):
    from typer.testing import CliRunner

    from scenewright.cli import app
    from scenewright.errors import ScenewrightError

    (tmp_path / "junk.safetensors").write_bytes(b"not a checkpoint")
    runner = CliRunner()
    cases = [
        (["train", "geneva", "--data", str(tmp_path / "none")], "scenewright data shapes"),
        (["eval", "geneva", "--data", str(tiny_data), "--model", str(tmp_path / "missing"), "--n", "1"],
         "train geneva"),
        (["eval", "geneva", "--data", str(tiny_data), "--model", str(tmp_path / "junk"), "--n", "1"],
         "is not a GeNeVA-GAN checkpoint"),
        (["eval", "geneva", "--data", str(tiny_data), "--detector", str(tmp_path / "junk"), "--n", "1"],
         "is not a detector checkpoint"),
    ]
    for args, says in cases:
        result = runner.invoke(app, args)
        assert result.exit_code != 0, args
        text = result.output + str(result.exception or "")
        assert says in text and "Traceback" not in result.output, (args, text)
        # `scenewright` (cli.main) prints a ScenewrightError as "error: …" and exits 2 — never a traceback
        assert isinstance(result.exception, (ScenewrightError, SystemExit)), (args, repr(result.exception))
