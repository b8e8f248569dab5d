import numpy as np
import pytest
import torch

from scenewright.eval.features import inception_score, real_statistics, real_vs_real
from scenewright.eval.t2i_metrics import r_precision, recall_at_k


def test_is_is_one_for_one_answer_and_the_class_count_for_confident_even_answers():
    same = torch.zeros(100, 1000)
    assert inception_score(same)[0] == pytest.approx(1.0)
    confident = torch.full((100, 1000), -50.0)
    confident[torch.arange(100), torch.arange(100) % 5] = 50.0  # 5 classes, each split sees all 5
    mean, std = inception_score(confident)
    assert mean == pytest.approx(5.0, rel=1e-4) and std == pytest.approx(0.0, abs=1e-4)
    with pytest.raises(ValueError):
        inception_score(torch.zeros(5, 1000))


def test_real_statistics_are_cached_by_the_card_and_redone_when_it_changes(tiny_set, tmp_path):
    import shutil

    data = tmp_path / "set"
    shutil.copytree(tiny_set, data)
    mu, sigma = real_statistics(data, "test", 64, progress=False)
    cache = data / "stats" / "lite0_test_64.npz"
    assert cache.is_file() and mu.shape == (1280,) and sigma.shape == (1280, 1280)
    with np.load(cache) as z:  # poison the cache: it must be read, not recomputed, while the card is the same
        np.savez(cache, mu=z["mu"] + 1, sigma=z["sigma"], card_sha256=z["card_sha256"], n=z["n"])
    assert np.allclose(real_statistics(data, "test", 64)[0], mu + 1)
    (data / "card.json").write_text((data / "card.json").read_text().replace('"test"', '"test" '))
    assert np.allclose(real_statistics(data, "test", 64, progress=False)[0], mu)


@pytest.mark.slow
def test_real_vs_real_fid_is_zero_against_itself_and_large_against_noise(tiny_set):
    row = real_vs_real(tiny_set, "val", "val", 64)
    assert row["fid"] == pytest.approx(0.0, abs=1e-2) and row["is"] >= 1.0 and row["n"] == 6
    from scenewright.eval.features import fid_is

    noise = torch.rand(6, 3, 64, 64) * 2 - 1
    assert fid_is(noise, real_statistics(tiny_set, "val", 64))["fid"] > 50


class _Text:
    """A stand-in text encoder: a caption's sentence vector is a fixed random vector per text."""

    def __init__(self, dim=16):
        self.dim, self.table = dim, {}

    def eval(self):
        return self

    def encode(self, captions):
        from types import SimpleNamespace

        for c in captions:
            if c not in self.table:
                self.table[c] = torch.randn(self.dim, generator=torch.Generator().manual_seed(len(self.table)))
        return SimpleNamespace(sentence=torch.stack([self.table[c] for c in captions]))


def test_r_precision_is_100_for_perfect_codes_and_near_chance_for_random_ones():
    text = _Text()
    captions = [f"caption {i}" for i in range(200)]
    perfect = text.encode(captions).sentence
    r, _ = r_precision(perfect, captions, text)
    assert r == 100.0
    random_codes = torch.randn(200, 16, generator=torch.Generator().manual_seed(9))
    r, std = r_precision(random_codes, captions, text)
    assert r < 10.0  # chance is 1 %
    assert recall_at_k(perfect, perfect)["recall@1"] == 100.0
    assert recall_at_k(random_codes, perfect, ks=(5,))["recall@5"] < 15.0


@pytest.mark.slow
def test_score_t2i_ranks_real_images_above_noise(tiny_set):
    from scenewright.data.imageset import ImageSet
    from scenewright.eval.features import real_statistics
    from scenewright.eval.geneva import default_detector
    from scenewright.eval.t2i_metrics import score_t2i
    from scenewright.models.encoders.damsm import DAMSMConfig, ImageEncoder, TextEncoder
    from scenewright.models.encoders.vocab import Vocab

    ds = ImageSet.open(tiny_set)
    recs = ds.records("val")
    real = torch.stack([ds.tensor(r, 64) for r in recs])
    noise = torch.rand_like(real) * 2 - 1
    config = DAMSMConfig(image_encoder="scratch", width=8)
    pair = (TextEncoder(Vocab.build(ds.all_captions("train")), config), ImageEncoder(config))
    stats = real_statistics(tiny_set, "test", 64, progress=False)
    good = score_t2i(real, recs, pair, detector=default_detector(), real_stats=stats)
    bad = score_t2i(noise, recs, pair, detector=default_detector(), real_stats=stats)
    assert set(good) == {"fid", "is", "is_std", "r_precision", "r_std", "object_f1", "rsim", "candidates"}
    assert good["fid"] < bad["fid"] and good["object_f1"] > bad["object_f1"] + 30


@pytest.mark.parametrize("n", [30, 200])
def test_fid_to_statistics_is_the_frechet_distance_with_few_or_many_samples(n):
    from scenewright.eval.fid import fid_to_statistics, frechet_distance, statistics

    rng = np.random.default_rng(n)
    a, b = rng.normal(size=(n, 64)), 1.5 * rng.normal(size=(300, 64)) + 0.3
    want = frechet_distance(*statistics(a), *statistics(b))
    assert fid_to_statistics(a, *statistics(b)) == pytest.approx(want, rel=1e-6)
