import pytest

torch = pytest.importorskip("torch")

from scenewright.models.manipulate import METHODS, build  # noqa: E402
from scenewright.models.manipulate.manigan import ACM  # noqa: E402
from scenewright.models.manipulate.tagan import TextAdaptiveD, TAGANConfig, log_one_minus  # noqa: E402

from .conftest import COLOURS, TINY  # noqa: E402


def _batch(n=4):
    g = torch.Generator().manual_seed(1)
    names = list(COLOURS)
    return {"source": torch.rand(n, 3, 64, 64, generator=g) * 2 - 1,
            "target": torch.rand(n, 3, 64, 64, generator=g) * 2 - 1,
            "source_caption": [f"a {names[i % 4]} cube" for i in range(n)],
            "target_caption": [f"a {names[(i + 1) % 4]} cube" for i in range(n)],
            "instruction": [f"make the {names[i % 4]} cube {names[(i + 1) % 4]}" for i in range(n)],
            "wrong_caption": [f"a {names[(i + 2) % 4]} cube" for i in range(n)], "index": torch.arange(n)}


def _model(name, text_encoder, image_encoder, **kw):
    torch.manual_seed(0)
    return build(name, text_encoder, image_encoder, **(TINY[name] | kw))


def test_every_method_is_tested():
    assert set(TINY) == set(METHODS)


@pytest.mark.parametrize("name", sorted(METHODS))
def test_edit_shape_range_and_seed(name, text_encoder, image_encoder):
    m = _model(name, text_encoder, image_encoder).eval()
    b = _batch(3)
    y = m.edit(b["source"], b["target_caption"], seed=3)
    assert y.shape == (3, 3, 64, 64) and y.abs().max() <= 1
    assert torch.equal(y, m.edit(b["source"], b["target_caption"], seed=3))


@pytest.mark.parametrize("name", sorted(METHODS))
def test_losses_finite_and_one_step_changes_the_weights(name, text_encoder, image_encoder):
    m = _model(name, text_encoder, image_encoder)
    groups = m.param_groups()
    assert list(groups) == ["d", "g"]
    before = {k: v.detach().clone() for k, v in m.state_dict().items()}
    opts = {g: torch.optim.Adam(p, lr=1e-3) for g, p in groups.items()}
    b = _batch()
    for g in groups:
        for o in opts.values():
            o.zero_grad()
        terms = m.losses(b, g, 0)
        assert terms and all(torch.isfinite(v) for v in terms.values()), terms
        assert all(float(v.detach()) >= 0 for v in terms.values())  # every term here is a loss to minimise
        sum(terms.values()).backward()
        opts[g].step()
    after = m.state_dict()
    for g in ("G.", "D."):
        assert any(not torch.equal(before[k], after[k]) for k in before if k.startswith(g)), g


@pytest.mark.parametrize("name", sorted(METHODS))
def test_target_l1_option_is_off_by_default_and_adds_a_term(name, text_encoder, image_encoder):
    b = _batch()
    assert "target_l1" not in _model(name, text_encoder, image_encoder).losses(b, "g", 0)
    terms = _model(name, text_encoder, image_encoder, target_l1=10.0).losses(b, "g", 0)
    assert float(terms["target_l1"]) > 0


def test_acm_is_h_times_w_of_v_plus_b_of_v():
    torch.manual_seed(0)
    acm = ACM(3, 5, 4)
    h, v = torch.randn(2, 5, 8, 8), torch.randn(2, 3, 8, 8)
    a = acm.conv(v)
    assert torch.allclose(acm(h, v), h * acm.weight(a) + acm.bias(a))
    with torch.no_grad():  # W(v) = 1, b(v) = 0 → identity
        for conv, value in ((acm.weight, 1.0), (acm.bias, 0.0)):
            conv.weight.zero_(), conv.bias.fill_(value)
    assert torch.allclose(acm(h, v), h)


def test_dcm_uses_the_source_image(text_encoder, image_encoder):
    m = _model("manigan", text_encoder, image_encoder).eval()
    b = _batch(2)
    text = m.encode(b["target_caption"])
    regions, code = m._image.encoder(b["source"])
    from scenewright.models.manipulate.manigan import shallow_features

    z = torch.zeros(2, m.cfg.z_dim)
    sh = shallow_features(m._lite0.encoder, b["source"])
    assert sh.shape == (2, 24, 16, 16)
    a = m.G(z, text, code, regions, sh)[0][-1]
    c = m.G(z, text, code, regions, torch.zeros_like(sh))[0][-1]
    assert not torch.allclose(a, c)  # the DCM's shallow features change the final image
    assert [x.shape[-1] for x in m.G(z, text, code, regions, sh)[0]] == [16, 32, 64]


def test_tagan_word_discriminator_is_a_weighted_product_of_probabilities(text_encoder):
    torch.manual_seed(0)
    D = TextAdaptiveD(TAGANConfig(text_dim=16, df=2))
    text = text_encoder.encode(["a red cube", "make the blue cube green"])
    logd, uncond = D(torch.rand(2, 3, 64, 64) * 2 - 1, text.words, text.mask)
    assert logd.shape == (2,) and uncond.shape == (2,)
    assert (logd <= 0).all()  # log of a product of sigmoids with weights summing to 1
    p = torch.tensor([0.25, 0.9])
    assert torch.allclose(log_one_minus(p.log()), (1 - p).log())


def test_sisgan_d_loss_falls_when_d_separates(text_encoder, image_encoder):
    """Sign behaviour: D loss is small when real/matching scores high and mismatched/fake low."""
    from scenewright.models.t2i.losses import bce_fake, bce_real

    hi, lo = torch.full((4,), 8.0), torch.full((4,), -8.0)
    good = bce_real(hi) + 0.5 * (bce_fake(lo) + bce_fake(lo))
    bad = bce_real(lo) + 0.5 * (bce_fake(hi) + bce_fake(hi))
    assert good < 0.01 < bad
