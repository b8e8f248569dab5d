"""TDANet and its no-text twin: shapes, the dual attention, losses, a tiny run per method, eval, the CLI."""

from __future__ import annotations

import pytest
import torch

from scenewright.errors import ScenewrightError
from scenewright.models.inpaint import build, load
from scenewright.models.inpaint.tdanet import DualMultimodalAttention, l1_region, masked_max

from .conftest import TINY


def _batch(B=4):
    torch.manual_seed(0)
    image = torch.rand(B, 3, 64, 64) * 2 - 1
    mask = torch.zeros(B, 1, 64, 64)
    mask[:, :, 16:40, 20:44] = 1
    return {"image": image, "mask": mask, "caption": ["a red cube", "a blue ball", "two green cubes",
                                                      "a cyan cylinder on the left"][:B]}


def _tiny(method, damsm_dir=None):
    text = image = None
    if damsm_dir is not None:
        from scenewright.models.encoders.damsm import load_damsm

        text, image = load_damsm(damsm_dir)
    torch.manual_seed(0)
    return build(method, text, image, **TINY)


def test_masked_max_by_hand():
    x = torch.tensor([[[1.0, 5.0, 3.0]], [[2.0, 0.0, 7.0]]])       # [B=2, D=1, N=3]
    where = torch.tensor([[True, False, True], [False, False, False]])
    assert masked_max(x, where).tolist() == [[3.0], [0.0]]          # none → 0


def test_dual_attention_splits_hole_and_valid():
    dma = DualMultimodalAttention(channels=2, word_dim=2)
    with torch.no_grad():
        dma.project.weight.copy_(torch.eye(2)[:, :, None, None])
    feats = torch.zeros(1, 2, 1, 2)
    feats[0, :, 0, 0] = torch.tensor([10.0, 0.0])    # position 0 (hole) looks like word 0
    feats[0, :, 0, 1] = torch.tensor([10.0, 0.0])    # position 1 (valid) too
    words = torch.tensor([[[1.0, 0.0], [0.0, 1.0]]])  # [B, D=2, T=2]: word 0 = e0, word 1 = e1
    hole = torch.tensor([[[[1.0, 0.0]]]])
    out = dma(feats, words, torch.zeros(1, 2, dtype=torch.bool), hole)
    assert out.shape == (1, 4)
    hole_part, valid_part = out[0, :2], out[0, 2:]
    assert hole_part[0] > 0.99 and valid_part[1] > 0.99  # the hole attends word 0; the valid region, inversely, word 1


def test_shapes_and_the_valid_pixels_are_kept(damsm_dir):
    b = _batch()
    for model in (_tiny("tdanet", damsm_dir), _tiny("tdanet_notext")):
        out = model.eval().inpaint(b["image"], b["mask"], b["caption"])
        assert out.shape == (4, 3, 64, 64)
        keep = b["mask"].expand_as(out) == 0
        assert torch.equal(out[keep], b["image"][keep])


def test_l1_region_by_hand():
    pred, gt = torch.zeros(1, 1, 2, 2), torch.tensor([[[[1.0, 0.5], [0.0, 0.0]]]])
    region = torch.tensor([[[[1.0, 1.0], [0.0, 0.0]]]])
    assert l1_region(pred, gt, region).item() == pytest.approx(0.75)


@pytest.mark.slow
def test_losses_finite_and_reconstruction_decreases(damsm_dir):
    model = _tiny("tdanet", damsm_dir)
    b = _batch()
    opt = torch.optim.Adam(model.param_groups()["g"], lr=2e-3)
    first = None
    for step in range(8):
        terms = model.losses(b, "d", step)
        assert set(terms) == {"lsgan"} and torch.isfinite(terms["lsgan"])
        terms = model.losses(b, "g", step)
        assert set(terms) == {"l1_hole", "l1_valid", "gan", "match"}
        assert all(torch.isfinite(v) for v in terms.values())
        rec = terms["l1_hole"] + terms["l1_valid"]
        first = first if first is not None else rec.item()
        opt.zero_grad()
        sum(terms.values()).backward()
        opt.step()
    assert rec.item() < first


@pytest.mark.parametrize("method", ["tdanet", "tdanet_notext"])
def test_one_training_step_eval_and_product(method, edits_dir, damsm_dir, tmp_path):
    from typer.testing import CliRunner

    from scenewright.cli import app
    from scenewright.train.inpaint import evaluate, train_inpaint

    path = train_inpaint(method, edits_dir, tmp_path / method, damsm_dir if method == "tdanet" else None,
                         steps=1, batch=4, settings=dict(TINY), progress=False)
    assert load(path.parent).name == method
    table = evaluate(edits_dir, "test", {method: path.parent}, progress=False, reference=True)
    row = table[method]
    assert table["mean_fill"]["images"] == 3
    assert 0 <= row["l1"] <= 1 and 0 <= row["ssim"] <= 1 and row["samples"] == 1 and row["images"] == 3
    src = sorted((edits_dir / "target" / "64").glob("*.png"))[0]
    out = tmp_path / "out.png"
    res = CliRunner().invoke(app, ["inpaint", str(src), "a red cube", "--box", "10,10,30,40", "--method", method,
                                   "--checkpoint", str(path.parent), "-o", str(out)])
    assert res.exit_code == 0, res.output
    from PIL import Image

    a, b = Image.open(src).convert("RGB"), Image.open(out).convert("RGB")
    assert a.size == b.size and a.getpixel((50, 50)) == b.getpixel((50, 50))  # outside the box: unchanged


def test_tdanet_needs_a_damsm(edits_dir, tmp_path):
    from scenewright.train.inpaint import train_inpaint

    with pytest.raises(ScenewrightError, match="DAMSM"):
        train_inpaint("tdanet", edits_dir, tmp_path / "x", None, steps=1, batch=4, progress=False)


def test_cli_refuses_unreadable_image_and_bad_box(tmp_path):
    from typer.testing import CliRunner

    from scenewright.cli import app

    bad = tmp_path / "bad.png"
    bad.write_text("not a picture")
    res = CliRunner().invoke(app, ["inpaint", str(bad), "a bench", "--box", "1,1,5,5", "-o", str(tmp_path / "o.png")])
    assert isinstance(res.exception, ScenewrightError) and "not an image file" in str(res.exception)
    from scenewright.inpainting import parse_box

    with pytest.raises(ScenewrightError, match="x0,y0,x1,y1"):
        parse_box("1,2,3")


def test_mean_fill_paints_the_valid_mean():
    import numpy as np

    from scenewright.train.inpaint import mean_fill

    img = np.zeros((1, 4, 4, 3), dtype=np.uint8)
    img[0, :, :2] = 100   # left half 100, right half 0
    out = mean_fill(img, np.array([[2, 0, 4, 2]]))  # box: top right quarter; valid mean = (8·100 + 4·0) / 12
    assert (out[0, 0:2, 2:4] == 67).all() and (out[0, 2:, :] == img[0, 2:, :]).all()


def test_inpaint_and_search_are_top_level_calls_even_after_their_modules_load():
    import scenewright
    import scenewright.inpainting  # noqa: F401  (a module of another name: the call is not shadowed)
    import scenewright.retrieve  # noqa: F401

    import scenewright.editing  # noqa: F401

    assert callable(scenewright.inpaint) and callable(scenewright.search) and callable(scenewright.edit)
