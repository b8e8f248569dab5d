import pytest

torch = pytest.importorskip("torch")

from scenewright.models import blocks  # noqa: E402


def test_conditioning_augmentation_samples_around_mu_and_kl_is_zero_only_at_the_prior():
    ca = blocks.ConditioningAugmentation(16, 8)
    e = torch.randn(5, 16)
    c, mu, logvar = ca(e, generator=torch.Generator().manual_seed(0))
    assert c.shape == mu.shape == logvar.shape == (5, 8)
    c2, _, _ = ca(e, generator=torch.Generator().manual_seed(0))
    assert torch.equal(c, c2)  # seeded
    assert blocks.kl_loss(torch.zeros(3, 4), torch.zeros(3, 4)).item() == 0.0
    assert blocks.kl_loss(torch.ones(3, 4), torch.zeros(3, 4)).item() > 0


def test_affine_starts_as_identity_and_fusion_up_doubles_the_size():
    a = blocks.Affine(10, 6)
    x = torch.randn(2, 6, 4, 4)
    assert torch.allclose(a(x, torch.randn(2, 10)), x)
    up = blocks.FusionUp(6, 3, 10)
    assert up(x, torch.randn(2, 10)).shape == (2, 3, 8, 8)
    assert blocks.FusionUp(6, 6, 10, upsample=False)(x, torch.randn(2, 10)).shape == (2, 6, 4, 4)


def test_word_attention_ignores_padding_and_sums_to_one():
    att = blocks.WordAttention(channels=8, word_dim=5)
    h, words = torch.randn(2, 8, 3, 3), torch.randn(2, 5, 4)
    mask = torch.tensor([[False, False, True, True], [False, False, False, False]])
    context, maps = att(h, words, mask)
    assert context.shape == (2, 8, 3, 3) and maps.shape == (2, 4, 3, 3)
    assert torch.allclose(maps.sum(1), torch.ones(2, 3, 3))
    assert maps[0, 2:].abs().max().item() == 0.0
    changed = words.clone()
    changed[0, :, 2:] = 100.0  # what sits under the padding cannot change the context
    assert torch.allclose(att(h, changed, mask)[0][0], context[0])


def test_heads_and_down_blocks_shapes():
    f = torch.randn(3, 12, 4, 4)
    assert blocks.UncondHead(12)(f).shape == (3,)
    assert blocks.CondHead(12, 7, 6)(f, torch.randn(3, 7)).shape == (3,)
    assert blocks.CondHead(12, 7, 6, bn=True, k=1)(f, torch.randn(3, 7)).shape == (3,)
    x = torch.randn(2, 4, 16, 16)
    assert blocks.ResDown(4, 8)(x).shape == (2, 8, 8, 8)
    assert blocks.down_block(4, 8)(x).shape == (2, 8, 8, 8)
    assert blocks.up_block(4, 6)(x).shape == (2, 6, 32, 32)
    assert blocks.ResBlock(4)(x).shape == x.shape
    rgb = blocks.ToRGB(4, leaky=True)(x)
    assert rgb.shape == (2, 3, 16, 16) and rgb.abs().max() <= 1
