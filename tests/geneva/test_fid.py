import numpy as np
import pytest

from scenewright.eval.fid import fid


def test_fid_of_a_set_with_itself_is_zero_and_a_shift_adds_its_square():
    rng = np.random.default_rng(0)
    a = rng.normal(size=(500, 8))
    assert fid(a, a) == pytest.approx(0.0, abs=1e-6)
    assert fid(a, a + 2.0) == pytest.approx(8 * 4.0, rel=1e-6)


def test_fid_between_gaussians_with_known_covariances():
    # N(0, I) vs N(0, 4I) in d dims: tr(I + 4I - 2·2I) = d
    rng = np.random.default_rng(1)
    a, b = rng.normal(size=(20000, 4)), 2 * rng.normal(size=(20000, 4))
    assert fid(a, b) == pytest.approx(4.0, rel=0.05)
