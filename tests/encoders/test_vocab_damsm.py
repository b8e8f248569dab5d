import pytest
import torch

from scenewright.models.encoders.damsm import (DAMSMConfig, ImageEncoder, TextEncoder, attention,
                                               load_damsm, matching_losses, same_caption, save_damsm,
                                               word_scores)
from scenewright.models.encoders.vocab import Vocab

CAPTIONS = ["a red cube", "a blue sphere left of a green cylinder", "two gray cubes",
            "a cyan cylinder on the right of a red sphere", "a yellow sphere", "a green cube left of a cube"]
SMALL = DAMSMConfig(image_encoder="scratch", width=8, dim=32, embedding=16)


def _models(seed=0, config=SMALL):
    torch.manual_seed(seed)
    return TextEncoder(Vocab.build(CAPTIONS), config), ImageEncoder(config)


def test_vocab_is_deterministic_pads_and_cuts():
    v = Vocab.build(CAPTIONS + ["A RED cube!"], max_words=4)
    assert v.words[:3] == ("<pad>", "<unk>", "a") and v == Vocab.build(CAPTIONS + ["A RED cube!"], max_words=4)
    tokens, lengths = v.encode(["a red cube", "a blue sphere left of a green cylinder", "zebra", ""])
    assert lengths.tolist() == [3, 4, 1, 1] and tokens.shape == (4, 4)
    assert tokens[0, 3] == 0 and tokens[2, 0] == 1  # padding; the unknown word
    assert v.decode(tokens[0].tolist()) == "a red cube"
    assert Vocab.from_config(v.to_config()) == v


def test_shapes_of_the_text_interface_and_the_image_encoder():
    text, image = _models()
    f = text.encode(CAPTIONS[:3])
    assert f.words.shape == (3, 32, 8) and f.sentence.shape == (3, 32) and f.mask.shape == (3, 8)
    assert f.mask.dtype == torch.bool and f.mask.sum(1).tolist() == [5, 0, 5]
    regions, code = image(torch.zeros(2, 3, 64, 64))
    assert regions.shape == (2, 32, 16, 16) and code.shape == (2, 32)
    assert image(torch.zeros(1, 3, 128, 128))[0].shape == (1, 32, 16, 16)  # resized to its size


def test_padding_words_are_never_attended_and_change_nothing():
    text, image = _models()
    text.eval()
    tokens, lengths = text.vocab.encode(CAPTIONS[:3])
    regions, code = image.eval()(torch.rand(3, 3, 64, 64) * 2 - 1)
    f = text(tokens, lengths)
    _, alpha = attention(f.words, f.mask, regions)
    assert torch.all(alpha[f.mask[:, None].expand(-1, 3, -1)] == 0)
    assert torch.allclose(alpha[~f.mask[:, None].expand(-1, 3, -1)].sum(-1), torch.ones(1))
    junk = tokens.masked_fill(f.mask, 5)  # other word ids where the padding is
    g = text(junk, lengths)
    assert torch.allclose(word_scores(f, regions), word_scores(g, regions), atol=1e-5)
    assert torch.allclose(f.sentence, g.sentence, atol=1e-6)


def test_gradients_are_finite_with_padding():
    text, image = _models()
    f = text.encode(CAPTIONS[:4])
    regions, code = image(torch.rand(4, 3, 64, 64) * 2 - 1)
    matching_losses(regions, code, f, same_caption(CAPTIONS[:4]), SMALL)["loss"].backward()
    grads = [p.grad for m in (text, image) for p in m.parameters() if p.grad is not None]
    assert grads and all(torch.isfinite(g).all() for g in grads)


def test_losses_fall_in_a_few_steps_and_then_prefer_the_true_pairing():
    text, image = _models(1)
    g = torch.Generator().manual_seed(0)
    x = torch.rand(6, 3, 64, 64, generator=g) * 2 - 1
    opt = torch.optim.Adam([*text.parameters(), *image.parameters()], lr=2e-3, betas=(0.5, 0.999))
    losses = []
    for _ in range(12):
        out = matching_losses(*image(x), text.encode(CAPTIONS), config=SMALL)
        opt.zero_grad()
        out["loss"].backward()
        opt.step()
        losses.append(out["loss"].item())
    assert losses[-1] < 0.5 * losses[0]
    text.eval(), image.eval()
    with torch.no_grad():
        true = matching_losses(*image(x), text.encode(CAPTIONS), config=SMALL)
        shuffled = matching_losses(*image(x), text.encode(CAPTIONS[1:] + CAPTIONS[:1]), config=SMALL)
    for k in ("w0", "w1", "s0", "s1"):
        assert true[k] < shuffled[k]


def test_same_caption_pairs_are_not_negatives():
    same = same_caption(["a red cube", "A red cube.", "a blue cube"])
    assert same.tolist() == [[True, True, False], [True, True, False], [False, False, True]]
    text, image = _models()
    text.eval(), image.eval()
    caps = ["a red cube", "a red cube", "a blue sphere"]
    with torch.no_grad():
        regions, code = image(torch.rand(3, 3, 64, 64))
        masked = matching_losses(regions, code, text.encode(caps), same_caption(caps), SMALL)
        plain = matching_losses(regions, code, text.encode(caps), None, SMALL)
    assert masked["s0"] < plain["s0"]  # the twin caption no longer competes


def test_save_and_load_give_the_same_vectors(tmp_path):
    text, image = _models()
    save_damsm(tmp_path, text, image)
    t2, i2 = load_damsm(tmp_path)
    text.eval(), image.eval()
    x = torch.rand(2, 3, 64, 64)
    with torch.no_grad():
        assert torch.allclose(text.encode(CAPTIONS[:2]).sentence, t2.encode(CAPTIONS[:2]).sentence)
        assert torch.allclose(image(x)[1], i2(x)[1])
    assert not any(p.requires_grad for p in t2.parameters())


def test_loading_what_is_not_a_damsm_says_so(tmp_path):
    from scenewright.errors import CheckpointError, MissingFile

    with pytest.raises(MissingFile, match="train damsm"):
        load_damsm(tmp_path / "nothing")
    (tmp_path / "damsm.safetensors").write_bytes(b"not a checkpoint")
    with pytest.raises(CheckpointError):
        load_damsm(tmp_path)


def test_the_efficientnet_image_encoder_trains_only_its_projections(lite0):
    config = DAMSMConfig(dim=32)
    image = ImageEncoder(config, backbone=lite0)
    trainable = [n for n, p in image.named_parameters() if p.requires_grad]
    assert sorted(trainable) == ["emb_code.bias", "emb_code.weight", "emb_features.weight"]
    regions, code = image(torch.zeros(2, 3, 64, 64))
    assert regions.shape == (2, 32, 14, 14) and code.shape == (2, 32)
    assert set(image.trained_state()) == {"emb_code.bias", "emb_code.weight", "emb_features.weight"}


def test_word_scores_are_eq_10_over_the_cosines_of_eq_9_contexts():
    import torch.nn.functional as F

    g = torch.Generator().manual_seed(0)
    words, regions = torch.randn(5, 32, 7, generator=g), torch.randn(4, 32, 3, 3, generator=g)
    mask = torch.zeros(5, 7, dtype=torch.bool)
    mask[0, 4:], mask[3, 2:] = True, True
    from scenewright.models.encoders.damsm import TextFeatures

    c, _ = attention(words, mask, regions)
    cos = F.cosine_similarity(c, words.transpose(1, 2)[:, None].expand_as(c), dim=3)
    want = torch.stack([torch.stack([torch.logsumexp(5 * cos[j, i][~mask[j]], 0) for j in range(5)])
                        for i in range(4)])
    assert torch.allclose(word_scores(TextFeatures(words, torch.zeros(5, 32), mask), regions), want, atol=1e-5)
