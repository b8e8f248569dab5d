import json

import numpy as np
import pytest

torch = pytest.importorskip("torch")

from scenewright.errors import ScenewrightError  # noqa: E402
from scenewright.eval.manipulation import manipulation_precision, pixel_diff, score, text_image_sim  # noqa: E402

from .conftest import TINY  # noqa: E402


def test_diff_is_mean_l1_in_unit_range():
    x = torch.full((2, 3, 4, 4), -1.0)  # black
    y = x.clone()
    y[1] = 1.0  # white
    assert pixel_diff(x, y).tolist() == [0.0, 1.0]
    y[0, :, :2] = 0.0  # half the pixels mid-grey: |0 − 0.5| on half → 0.25
    assert pixel_diff(x, y)[0].item() == pytest.approx(0.25)


def test_mp_and_identity_row(text_encoder, image_encoder):
    assert manipulation_precision(0.2, 0.5) == pytest.approx(0.4)
    g = torch.Generator().manual_seed(0)
    src, tgt = torch.rand(4, 3, 64, 64, generator=g) * 2 - 1, torch.rand(4, 3, 64, 64, generator=g) * 2 - 1
    texts = ["a red cube"] * 4
    row = score(src, src, tgt, texts, (text_encoder, image_encoder))
    sim = float(text_image_sim(image_encoder, text_encoder, src, texts).mean())
    assert row["diff"] == 0.0 and row["sim"] == pytest.approx(sim) and row["mp"] == pytest.approx(sim)
    oracle = score(src, tgt, tgt, texts, (text_encoder, image_encoder))
    assert oracle["target_l1"] == 0.0 and oracle["target_psnr"] == 100.0 and oracle["target_ssim"] == pytest.approx(1)


def test_sim_is_the_cosine_of_damsm_vectors(text_encoder, image_encoder):
    x = torch.rand(2, 3, 64, 64) * 2 - 1
    _, code = image_encoder(x)
    s = text_encoder.encode(["a red cube", "a blue cube"]).sentence
    want = [float((code[i] @ s[i] / (code[i].norm() * s[i].norm())).detach()) for i in range(2)]
    assert text_image_sim(image_encoder, text_encoder, x, ["a red cube", "a blue cube"]).tolist() == \
        pytest.approx(want, abs=1e-5)


@pytest.fixture(scope="module")
def trained(tmp_path_factory, edits_dir, damsm_dir):
    from scenewright.train.manipulate import train_manipulate

    out = tmp_path_factory.mktemp("run") / "sisgan"
    train_manipulate("sisgan", edits_dir, damsm_dir, out, steps=2, batch=4, ckpt_every=1,
                     settings=TINY["sisgan"], progress=False, command="test")
    return out


def test_train_and_eval_table(trained, edits_dir, damsm_dir):
    from scenewright.eval.manipulation import evaluate

    card = json.loads((trained / "card.json").read_text())
    assert card["steps"] == 2 and (trained / "damsm" / "damsm.safetensors").is_file()
    table = evaluate(edits_dir, "test", {"sisgan": trained}, damsm_dir, progress=False, fid=False)
    assert set(table) == {"oracle", "identity", "sisgan"}
    assert table["identity"]["diff"] == 0.0 and table["oracle"]["target_psnr"] == 100.0
    assert all(np.isfinite(table["sisgan"][k]) for k in ("sim", "diff", "mp", "target_ssim"))


def test_edit_refuses_what_it_cannot_read(tmp_path):
    from typer.testing import CliRunner

    from scenewright.cli import app
    from scenewright.editing import edit

    bad = tmp_path / "bad.png"
    bad.write_bytes(b"not an image at all")
    with pytest.raises(ScenewrightError, match="cannot read"):
        edit(bad, "a blue cube", checkpoint=tmp_path / "nothing")
    with pytest.raises(ScenewrightError, match="no image"):
        edit(tmp_path / "missing.png", "a blue cube")
    r = CliRunner().invoke(app, ["edit", str(bad), "make the car red", "-o", str(tmp_path / "o.png")])
    assert r.exit_code != 0 and "cannot read" in str(r.exception)
    assert not (tmp_path / "o.png").exists()


def test_edit_api_and_cli(trained, tmp_path):
    from PIL import Image
    from typer.testing import CliRunner

    from scenewright.cli import app
    from scenewright.editing import edit

    src = tmp_path / "in.jpg"
    Image.new("RGB", (100, 80), (200, 30, 30)).save(src)
    out = edit(src, "a blue cube", method="sisgan", checkpoint=trained)
    assert out.size == (64, 64) and out.mode == "RGB"
    assert np.array_equal(np.asarray(out), np.asarray(edit(src, "a blue cube", method="sisgan", checkpoint=trained)))
    bad = tmp_path / "bad.png"
    bad.write_bytes(b"not an image at all")
    with pytest.raises(ScenewrightError, match="cannot read"):
        edit(bad, "a blue cube", method="sisgan", checkpoint=trained)
    r = CliRunner().invoke(app, ["edit", str(bad), "a blue cube", "--method", "sisgan", "--checkpoint",
                                 str(trained), "-o", str(tmp_path / "o.png")])
    assert r.exit_code != 0 and "cannot read" in str(r.exception)
    r = CliRunner().invoke(app, ["edit", str(src), "a blue cube", "--method", "sisgan", "--checkpoint",
                                 str(trained), "-o", str(tmp_path / "o.png")])
    assert r.exit_code == 0, r.output
    assert Image.open(tmp_path / "o.png").size == (64, 64)
