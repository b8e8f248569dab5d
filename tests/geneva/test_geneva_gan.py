import pytest
import torch

from scenewright.data.shapes_dialogs import CLASSES
from scenewright.models.geneva_gan import (ConditionalBatchNorm, DialogState, Discriminator, GenevaConfig,
                                           GenevaGAN, Generator, InstructionEncoder, aux_loss, d_hinge,
                                           encode_turns, g_hinge, r1_penalty)

VOCAB = ["<pad>", "<unk>", "a", "add", "behind", "blue", "cube", "it", "left", "of", "on", "red", "right", "sphere",
         "the", "to"]
DIALOGS = [["add a red cube on the left", "add a blue sphere to the right of it"],
           ["add a blue cube", "add a red sphere behind it"]]


def cfg(size=64, **kw):
    return GenevaConfig(image_size=size, vocab=VOCAB, classes=list(CLASSES), ngf=8, ndf=8, **kw)


def test_words_become_padded_ids():
    words = encode_turns(cfg(), DIALOGS + [["add a green cylinder"]])
    assert words.shape == (3, 2, 9) and words.dtype == torch.long
    assert words[2, 1].eq(0).all()  # a missing turn is all padding
    assert words[2, 0, 2].item() == 1  # "green" is not in the vocabulary


@pytest.mark.parametrize("size", [64, 128])
def test_every_module_has_the_shapes_it_promises(size):
    c = cfg(size)
    torch.manual_seed(0)
    words = encode_turns(c, DIALOGS)
    assert InstructionEncoder(c)(words[:, 0]).shape == (2, c.text_dim)
    h = DialogState(c)(words)
    assert h.shape == (2, 2, c.state_dim)
    h = h.flatten(0, 1)
    assert ConditionalBatchNorm(5, c.state_dim)(torch.randn(4, 5, 3, 3), h).shape == (4, 5, 3, 3)
    prev = torch.rand(4, 3, size, size) * 2 - 1
    fake = Generator(c)(torch.randn(4, c.z_dim), h, prev)
    assert fake.shape == (4, 3, size, size) and fake.abs().max() <= 1
    score, logits = Discriminator(c)(fake, prev, h)
    assert score.shape == (4,) and logits.shape == (4, 24)
    out = GenevaGAN(c).eval().generate(words, prev[0], seed=1)
    assert out.shape == (2, 2, 3, size, size)


def test_the_losses_are_the_papers():
    real, fake = torch.tensor([2.0, 0.5]), torch.tensor([-2.0, 0.5])
    assert d_hinge(real, fake).item() == pytest.approx(0.25 + 0.75)
    assert d_hinge(real, fake, wrong=torch.tensor([0.0, 0.0]), wrong_weight=0.5).item() == pytest.approx(1.5)
    assert g_hinge(fake).item() == pytest.approx(0.75)
    x = torch.randn(3, 4, requires_grad=True)
    assert r1_penalty((x ** 2).sum(1), x).item() == pytest.approx((4 * x ** 2).sum(1).mean().item(), rel=1e-5)
    assert aux_loss(torch.zeros(2, 3), torch.ones(2, 3)).item() == pytest.approx(0.6931, rel=1e-3)


def test_a_tiny_training_step_lowers_the_losses():
    torch.manual_seed(0)
    c = cfg()
    m = GenevaGAN(c)
    words = encode_turns(c, DIALOGS)
    prev, x = torch.rand(4, 3, 64, 64) * 2 - 1, torch.rand(4, 3, 64, 64) * 2 - 1
    objects = (torch.rand(4, 24) > 0.8).float()
    z = torch.randn(4, c.z_dim)
    opt_g = torch.optim.Adam(list(m.state.parameters()) + list(m.G.parameters()), 1e-3)
    opt_d = torch.optim.Adam(m.D.parameters(), 1e-3)

    def g_loss():
        fake = m.G(z, m.state(words).flatten(0, 1), prev)
        return (fake - x).abs().mean()

    def d_loss():
        h = m.state(words).flatten(0, 1).detach()
        fake = m.G(z, h, prev).detach()
        s, logits = m.D(torch.cat([x, fake]), torch.cat([prev, prev]), torch.cat([h, h]))
        return d_hinge(s[:4], s[4:]) + aux_loss(logits[:4], objects)

    for loss_fn, opt in ((g_loss, opt_g), (d_loss, opt_d)):
        before = loss_fn().item()
        for _ in range(3):
            opt.zero_grad()
            loss_fn().backward()
            opt.step()
        assert loss_fn().item() < before


def test_a_checkpoint_round_trips(tmp_path):
    torch.manual_seed(0)
    m = GenevaGAN(cfg()).eval()
    m.save(tmp_path / "g", {"note": "test"}, with_discriminator=False)
    assert (tmp_path / "g.json").exists()
    m2 = GenevaGAN.load(tmp_path / "g")
    words = encode_turns(m.cfg, DIALOGS)
    bg = torch.zeros(3, 64, 64)
    assert torch.equal(m.generate(words, bg, seed=3), m2.generate(words, bg, seed=3))
    assert m2.cfg.vocab == VOCAB
