"""Show and Tell: shapes, the loss, decoding, one tiny training step by the shared loop, save / load."""

import json

import pytest

torch = pytest.importorskip("torch")

from scenewright.errors import MissingFile, ScenewrightError  # noqa: E402
from scenewright.models.captioner import (  # noqa: E402
    ShowTell, ShowTellConfig, build_vocab, detokenize, load, load_captioner, tokenize)

CAPTIONS = ["a red cube on the left", "a blue sphere on the right, and a red cube", "two green cylinders"]


def tiny(grid=0, **kw):
    torch.manual_seed(0)
    return ShowTell(ShowTellConfig(vocab=build_vocab(CAPTIONS), grid=grid, embed_dim=16, hidden_dim=32,
                                   dropout=0.0, max_len=12, **kw))


def test_tokens_and_vocabulary():
    assert tokenize("A red cube, and a Blue sphere.") == ["a", "red", "cube", ",", "and", "a", "blue", "sphere"]
    assert detokenize(["a", "cube", ",", "and", "a", "ball"]) == "a cube, and a ball"
    vocab = build_vocab(CAPTIONS)
    assert vocab[:4] == ("<pad>", "<s>", "</s>", "<unk>") and vocab[4] == "a" and build_vocab(CAPTIONS) == vocab
    with pytest.raises(ScenewrightError):
        build_vocab([""])


def test_encode_and_score_shapes():
    m = tiny()
    tokens = m.encode(["a red cube", "two green cylinders on the left"])
    assert tokens.shape == (2, 8) and tokens[0, 0] == m.index["<s>"] and tokens[0, 4] == m.index["</s>"]
    assert (tokens[0, 5:] == 0).all() and m.encode(["a purple thing"])[0, 2] == m.index["<unk>"]
    logp = m.scores(torch.randn(2, m.cfg.feature_dim), tokens)
    assert logp.shape == (2, 7, len(m.cfg.vocab))
    assert torch.allclose(logp.exp().sum(-1), torch.ones(2, 7), atol=1e-5)
    assert ShowTellConfig(grid=4).feature_dim == 1280 + 112 * 16


def test_loss_is_the_mean_nll_of_the_words_and_ignores_padding():
    m = tiny()
    feats = torch.randn(2, m.cfg.feature_dim)
    tokens = m.encode(["a red cube", "two green cylinders on the left"])
    with torch.no_grad():
        nll = float(m.losses({"features": feats, "tokens": tokens})["nll"])
        logp = m.scores(feats, tokens)
    target = tokens[:, 1:]
    mask = target != 0
    want = -logp.gather(-1, target[..., None])[..., 0][mask].mean()
    assert nll == pytest.approx(float(want), rel=1e-5)
    assert nll == pytest.approx(float(torch.log(torch.tensor(float(len(m.cfg.vocab))))), rel=0.2)  # untrained


def test_decoding_reads_back_what_it_learned():
    """Two images (features), one caption each: after fitting, greedy and beam search both say them."""
    m = tiny()
    feats = torch.randn(2, m.cfg.feature_dim)
    tokens = m.encode(CAPTIONS[:2])
    opt = torch.optim.Adam(m.parameters(), lr=1e-2)
    for _ in range(150):
        opt.zero_grad()
        m.losses({"features": feats, "tokens": tokens})["nll"].backward()
        opt.step()
    assert m.decode(feats, beam=1) == CAPTIONS[:2]
    assert m.decode(feats, beam=3) == CAPTIONS[:2]
    untrained = tiny().decode(feats, beam=3)
    assert all(len(tokenize(c)) <= 12 for c in untrained)  # max_len holds


def test_one_tiny_training_run_writes_weights_card_and_bleu(captioner_run, imageset):
    card = json.loads((captioner_run / "card.json").read_text())
    assert card["steps"] == 2 and card["method"] == "show_tell" and card["command"] == "test"
    assert 0 <= card["metrics"]["test_bleu4"] <= 100 and card["metrics"]["test_n"] == 2
    assert card["metrics"]["test_object_f1_reference"] == 100.0  # the true captions say what the image holds
    assert 0 <= card["metrics"]["test_object_f1"] <= 100
    model = load(captioner_run)
    assert model.cfg.embed_dim == 16 and not model.training
    assert (captioner_run / "features_train_64.pt").is_file()  # the frozen CNN ran once per image
    from PIL import Image

    image = Image.open(next((imageset / "images" / "64").iterdir()))
    caption = model.caption([image])[0]
    assert isinstance(caption, str) and model.caption([image]) == [caption]  # deterministic
    assert load_captioner(captioner_run) is load_captioner(captioner_run)  # kept loaded


def test_clear_errors(tmp_path, imageset):
    from scenewright.train.captioner import train_captioner

    with pytest.raises(MissingFile, match="train captioner"):
        load_captioner(tmp_path / "nothing")
    with pytest.raises(MissingFile, match="no captioner is shipped"):
        load_captioner(None, world="street")
    with pytest.raises(ScenewrightError, match="budget"):
        train_captioner(imageset, tmp_path / "x")
    with pytest.raises(ScenewrightError, match="no setting"):
        train_captioner(imageset, tmp_path / "x", steps=1, settings={"widht": 3})
