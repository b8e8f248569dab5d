"""TIRG and its baselines: shapes, the composition's math, the losses, Recall@K, a tiny run, the search command."""

from __future__ import annotations

import math

import pytest
import torch

from scenewright.errors import ScenewrightError
from scenewright.eval.retrieval import recall_at_k
from scenewright.models.encoders.vocab import Vocab
from scenewright.models.retrieve import METHODS, build, load
from scenewright.models.retrieve.tirg import GatedResidual, batch_ce_loss, soft_triplet_loss

from .conftest import TINY

TEXTS = ["make the red cube blue", "the green sphere is gone", "add a yellow cylinder on the left"]


def tiny(method: str):
    torch.manual_seed(0)
    return build(method, vocab=Vocab.build(TEXTS).words, **TINY)


@pytest.mark.parametrize("method", list(METHODS))
def test_shapes(method):
    m = tiny(method)
    x = torch.rand(3, 3, 32, 32) * 2 - 1
    assert m.compose(x, TEXTS).shape == (3, 16)
    assert m.image_vector(x).shape == (3, 16)


def test_gate_and_residual_are_the_paper_s_formula():
    g = GatedResidual(4).eval()
    torch.nn.init.zeros_(g.gate[2].weight)
    torch.nn.init.zeros_(g.gate[2].bias)  # σ(0) = 1/2: f_gate = φx / 2
    torch.nn.init.zeros_(g.res[4].weight)
    torch.nn.init.constant_(g.res[4].bias, 0.25)  # f_res = 0.25 everywhere
    x, t = torch.randn(2, 4), torch.randn(2, 4)
    assert torch.allclose(g.f_gate(x, t), x / 2)
    assert torch.allclose(g(x, t), 1.0 * x / 2 + 10.0 * 0.25)  # w_g = 1, w_r = 10 at the start
    with torch.no_grad():
        g.w.copy_(torch.tensor([2.0, 0.0]))
    assert torch.allclose(g(x, t), x)


def test_baseline_compositions():
    x = torch.rand(2, 3, 32, 32) * 2 - 1
    img = tiny("image").eval()
    assert torch.allclose(img.compose(x, TEXTS[:2]), img.image_vector(x))
    txt = tiny("text").eval()
    assert torch.allclose(txt.compose(x, TEXTS[:2]), txt.compose(torch.zeros_like(x), TEXTS[:2]))


def test_losses_by_hand():
    q = t = torch.eye(3)
    s = torch.tensor(2.0)
    expected = -math.log(math.exp(4) / (math.exp(4) + 2))  # logits s²·I
    assert batch_ce_loss(q, t, s).item() == pytest.approx(expected, rel=1e-5)
    # orthonormal: d(qᵢ, tᵢ) = 0, d(qᵢ, tⱼ) = 2s² = 8 → log(1 + e⁻⁸)
    assert soft_triplet_loss(q, t, s).item() == pytest.approx(math.log1p(math.exp(-8)), rel=1e-4)


@pytest.mark.parametrize("loss", ["batch_ce", "soft_triplet"])
def test_loss_decreases_on_a_tiny_batch(loss):
    torch.manual_seed(0)
    m = build("tirg", vocab=Vocab.build(TEXTS).words, loss=loss, **TINY)
    batch = {"query": torch.rand(3, 3, 32, 32) * 2 - 1, "target": torch.rand(3, 3, 32, 32) * 2 - 1, "text": TEXTS}
    opt = torch.optim.Adam(m.param_groups()["model"], lr=1e-2)
    first = None
    for _ in range(15):
        opt.zero_grad()
        value = m.losses(batch, "model", 0)["retrieval"]
        assert torch.isfinite(value)
        first = first if first is not None else value.item()
        value.backward()
        opt.step()
    assert value.item() < first * 0.7


def test_recall_at_k_by_hand():
    sims = torch.tensor([[0.9, 0.1, 0.5],    # target 0 first
                         [0.8, 0.7, 0.1],    # target 1 second
                         [0.5, 0.5, 0.5]])   # target 2 tied with both others: third
    target = torch.tensor([0, 1, 2])
    r = recall_at_k(sims, target, ks=(1, 2, 3))
    assert r == {"r1": pytest.approx(100 / 3), "r2": pytest.approx(200 / 3), "r3": 100.0}
    exclude = torch.tensor([[False] * 3, [True, False, False], [False] * 3])  # query 1's own image out
    assert recall_at_k(sims, target, ks=(1,), exclude=exclude)["r1"] == pytest.approx(200 / 3)


@pytest.mark.parametrize("method", list(METHODS))
def test_one_training_step_and_eval(method, css_dir, tmp_path):
    from scenewright.eval.retrieval import evaluate_retrieval
    from scenewright.train.retrieve import train_retrieve

    path = train_retrieve(method, css_dir, tmp_path / method, steps=1, batch=8, settings=dict(TINY),
                          progress=False)
    assert path.name == f"{method}.safetensors"
    model = load(path.parent)
    assert model.name == method and model.cfg.vocab
    row = evaluate_retrieval(css_dir, "test", {method: path.parent}, progress=False)[method]
    assert 0 <= row["r1"] <= row["r5"] <= row["r10"] <= 100 and row["gallery"] == 4


def test_2d_queries_train(css_dir, tmp_path):
    from scenewright.train.retrieve import train_retrieve

    path = train_retrieve("tirg", css_dir, tmp_path / "t2d", steps=1, batch=8, query="2d", settings=dict(TINY),
                          progress=False)
    assert load(path.parent).cfg.query == "2d"


def test_search_skips_and_refuses_unreadable_images(css_dir, tmp_path):
    from typer.testing import CliRunner

    from scenewright.cli import app
    from scenewright.retrieve import search
    from scenewright.train.retrieve import train_retrieve

    ckpt = train_retrieve("tirg", css_dir, tmp_path / "run", steps=1, batch=8, settings=dict(TINY),
                          progress=False).parent
    gallery = tmp_path / "gallery"
    gallery.mkdir()
    for p in sorted((css_dir / "target" / "32").glob("*.png"))[:4]:
        (gallery / p.name).write_bytes(p.read_bytes())
    (gallery / "broken.png").write_text("not a picture")
    query = sorted((css_dir / "query" / "32").glob("*.png"))[0]
    found = search(gallery, query, "make the red cube blue", k=3, checkpoint=ckpt)
    assert len(found.hits) == 3 and found.skipped[0][0] == "broken.png"
    assert found.hits[0].score >= found.hits[-1].score
    res = CliRunner().invoke(app, ["search", "--gallery", str(gallery), "--image", str(query), "make it blue",
                                   "--checkpoint", str(ckpt), "--k", "2", "-o", str(tmp_path / "sheet.png")])
    assert res.exit_code == 0, res.output
    assert (tmp_path / "sheet.png").is_file()
    bad = tmp_path / "bad.png"
    bad.write_text("nope")
    res = CliRunner().invoke(app, ["search", "--gallery", str(gallery), "--image", str(bad), "make it blue",
                                   "--checkpoint", str(ckpt)])
    assert isinstance(res.exception, ScenewrightError) and "not an image file" in str(res.exception)


class _FakeLite0(torch.nn.Module):
    """Stands in for the frozen EfficientNet-Lite0: the same output shapes, a fixed random projection."""

    def __init__(self):
        super().__init__()
        g = torch.Generator().manual_seed(0)
        self.register_buffer("w", torch.randn(3, 112, generator=g))

    def forward(self, x):
        from types import SimpleNamespace

        pooled = torch.nn.functional.adaptive_avg_pool2d(x, 14)            # [B, 3, 14, 14]
        regions = torch.einsum("bchw,cd->bdhw", pooled, self.w)
        return SimpleNamespace(regions=regions, features=regions.mean((2, 3)).repeat(1, 12)[:, :1280]
                               if regions.shape[1] * 12 >= 1280 else None)


def test_cached_backbone_vectors_give_the_same_recall(css_dir, tmp_path):
    from scenewright.data.imageset import ImageSet
    from scenewright.eval.retrieval import score_model

    torch.manual_seed(0)
    m = build("tirg", backbone=_FakeLite0(), vocab=Vocab.build(TEXTS).words, image_encoder="efficientnet",
              size=32, dim=16, embedding=16).eval()
    ds = ImageSet.open(css_dir)
    direct = score_model(m, ds, "test", progress=False)
    cached = score_model(m, ds, "test", progress=False, cache_dir=tmp_path / "_features")
    assert list((tmp_path / "_features").glob("*.pt")) and direct == cached
