import pytest

torch = pytest.importorskip("torch")

from scenewright.models.t2i import METHODS, build, losses  # noqa: E402

from .conftest import CAPTIONS, TINY  # noqa: E402


def _batch(n=4):
    g = torch.Generator().manual_seed(1)
    caps = CAPTIONS[:n]
    return {"image": torch.rand(n, 3, 64, 64, generator=g) * 2 - 1, "caption": caps,
            "wrong_caption": caps[1:] + caps[:1], "index": torch.arange(n)}


def test_every_method_is_tested():
    assert set(TINY) == set(METHODS)


@pytest.mark.parametrize("name", sorted(METHODS))
def test_generate_shape_range_and_seed(name, text_encoder):
    torch.manual_seed(0)
    m = build(name, text_encoder, **TINY[name]).eval()
    x = m.generate(CAPTIONS[:3], seed=5)
    assert x.shape == (3, 3, 64, 64)
    assert x.abs().max() <= 1
    assert torch.equal(x, m.generate(CAPTIONS[:3], seed=5))
    assert not torch.equal(x, m.generate(CAPTIONS[:3], seed=6))


@pytest.mark.parametrize("name", sorted(METHODS))
def test_losses_finite_and_one_step_changes_the_weights(name, text_encoder, image_encoder):
    torch.manual_seed(0)
    m = build(name, text_encoder, **TINY[name])
    if name == "attngan":
        m.attach_image_encoder(image_encoder)
    groups = m.param_groups()
    assert list(groups) == ["d", "g"]
    before = {k: v.detach().clone() for k, v in m.state_dict().items()}
    batch = _batch()
    for g, params in groups.items():
        opt = torch.optim.Adam(params, lr=1e-2)
        m.zero_grad(set_to_none=True)
        terms = m.losses(batch, g, step=0)
        assert terms and all(torch.isfinite(v) for v in terms.values())
        sum(terms.values()).backward()
        opt.step()
    changed = {k.split(".")[0] for k, v in m.state_dict().items()
               if v.dtype.is_floating_point and not torch.equal(v, before[k])}
    assert {"G", "D"} <= changed


def test_text_encoder_is_frozen_and_not_saved(text_encoder):
    m = build("dfgan", text_encoder, **TINY["dfgan"])
    assert not any(k.startswith("_text") or "rnn" in k for k in m.state_dict())
    assert all(not p.requires_grad for p in text_encoder.parameters())
    assert set(m.inference_keys(m.state_dict())) == {k for k in m.state_dict() if k.startswith("G.")}


def test_wrong_text_dim_is_refused(text_encoder):
    from scenewright.models.t2i.dfgan import DFGAN, DFGANConfig

    with pytest.raises(ValueError, match="text_dim"):
        DFGAN(DFGANConfig(text_dim=99), text_encoder)


def test_hinge_and_gan_cls_signs():
    hi, lo = torch.full((4,), 3.0), torch.full((4,), -3.0)
    # D that scores real high and fake / mismatched low pays nothing; the reverse pays
    assert losses.hinge_d_matching(hi, lo, lo).item() == 0.0
    assert losses.hinge_d_matching(lo, hi, hi).item() > 3
    assert losses.hinge_g(hi) < losses.hinge_g(lo)
    assert losses.gan_cls_d(hi, lo, lo) < losses.gan_cls_d(lo, hi, hi)
    assert losses.bce_real(hi) < losses.bce_real(lo)


def test_ma_gp_is_zero_for_a_flat_critic_and_grows_with_slope():
    x, e = torch.randn(3, 3, 8, 8), torch.randn(3, 5)
    flat = losses.ma_gp(lambda a, b: (a * 0).sum((1, 2, 3)) + (b * 0).sum(1), x, e)
    assert flat.item() == pytest.approx(0.0, abs=1e-20)
    small = losses.ma_gp(lambda a, b: 0.01 * a.sum((1, 2, 3)) + 0.01 * b.sum(1), x, e)
    large = losses.ma_gp(lambda a, b: 0.1 * a.sum((1, 2, 3)) + 0.1 * b.sum(1), x, e)
    assert 0 < small < large
    # k·‖∇‖^p with ∇ = 0.1 everywhere over 3·8·8 + 5 inputs
    assert large.item() == pytest.approx(2.0 * (0.01 * (192 + 5)) ** 3, rel=1e-4)


@pytest.mark.slow
def test_dfgan_d_loss_falls_when_d_learns(text_encoder):
    torch.manual_seed(0)
    m = build("dfgan", text_encoder, **TINY["dfgan"], image_size=32)
    opt = torch.optim.Adam(m.D.parameters(), lr=2e-3, betas=(0.0, 0.9))
    batch = _batch(8)
    batch["image"] = torch.nn.functional.avg_pool2d(batch["image"], 2)
    first = None
    for step in range(15):
        opt.zero_grad()
        terms = m.losses(batch, "d", step)
        terms["hinge"].backward()
        opt.step()
        first = first if first is not None else terms["hinge"].item()
    assert terms["hinge"].item() < first


def test_stackgan_trains_stage1_then_only_stage2(text_encoder):
    torch.manual_seed(0)
    m = build("stackgan", text_encoder, **TINY["stackgan"])  # stage2_from=1
    x0 = m.generate(CAPTIONS[:2], seed=0)
    assert torch.equal(x0, m.generate(CAPTIONS[:2], seed=0, stage="stage1"))  # Stage-II untrained: not used
    opt = {g: torch.optim.Adam(p, lr=1e-2) for g, p in m.param_groups().items()}
    before = {k: v.detach().clone() for k, v in m.state_dict().items()}
    for g in ("d", "g"):
        m.zero_grad(set_to_none=True)
        terms = m.losses(_batch(), g, step=1)  # a Stage-II step
        assert any(k.startswith("stage2") for k in terms)
        sum(terms.values()).backward()
        opt[g].step()
    moved = {k for k, v in m.state_dict().items() if v.dtype.is_floating_point and not torch.equal(v, before[k])}
    assert moved and all(".stage2." in k for k in moved)
    assert int(m.stage2_steps) == 1
    assert not torch.equal(m.eval().generate(CAPTIONS[:2], seed=0), x0)


def test_stackgan_pp_draws_every_scale_and_colour_term_sign(text_encoder):
    from scenewright.models.t2i.stackgan_pp import colour_moments

    torch.manual_seed(0)
    m = build("stackgan_pp", text_encoder, **TINY["stackgan_pp"], color_weight=1.0)
    images, mu, logvar = m.G(torch.randn(2, 8), torch.randn(2, 16))
    assert [x.shape[-1] for x in images] == [16, 32, 64] == m.cfg.sizes
    terms = m.losses(_batch(), "g", step=0)
    assert {"g0", "g1", "g2", "kl", "colour1", "colour2"} <= set(terms)
    flat = torch.zeros(1, 3, 8, 8)
    mu0, cov0 = colour_moments(flat)
    assert mu0.abs().max() == 0 and cov0.abs().max() == 0
    mu1, cov1 = colour_moments(torch.rand(1, 3, 8, 8))
    assert (torch.linalg.eigvalsh(cov1[0]) >= -1e-6).all()  # a covariance


def test_attngan_attention_covers_words_and_damsm_term(text_encoder, image_encoder):
    torch.manual_seed(0)
    m = build("attngan", text_encoder, **TINY["attngan"]).eval()
    maps = m.attention_maps(["a red cube", "a blue cube on the left"])
    assert [a.shape[-1] for a in maps] == [16, 32]
    assert torch.allclose(maps[0].sum(1), torch.ones(2, 16, 16), atol=1e-5)
    assert maps[0][0, 3:].abs().max() == 0  # "a red cube": 3 words, the rest is padding
    with pytest.raises(RuntimeError, match="image encoder"):
        m.train().losses(_batch(), "g", step=0)
    m.attach_image_encoder(image_encoder)
    terms = m.losses(_batch(), "g", step=1)
    assert terms["damsm"] > 0 and torch.isfinite(terms["damsm"])
