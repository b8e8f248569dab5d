"""The inpainting metrics against values worked out by hand."""

import math

import numpy as np
import pytest
from PIL import Image

from scenewright.eval import image_metrics as im


def test_gray_uses_rgb2gray_weights():
    rgb = np.zeros((2, 2, 3))
    rgb[..., 0] = 1.0
    assert np.allclose(im.to_gray(rgb), 0.2125)
    assert np.allclose(im.to_gray(np.full((3, 3), 0.3)), 0.3)


def test_pil_is_scaled_to_unit_range():
    img = Image.new("RGB", (4, 4), (255, 255, 255))
    assert np.allclose(im.to_gray(img), 1.0)


def test_l1_is_relative():
    gt = np.array([[0.2, 0.4]])
    p = np.array([[0.4, 0.4]])
    assert im.l1(gt, p) == pytest.approx(0.2 / 1.4)
    assert im.l1(np.zeros((2, 2)), np.zeros((2, 2))) == 0.0


def test_psnr_by_hand():
    assert im.psnr(np.zeros((16, 16)), np.full((16, 16), 0.5)) == pytest.approx(10 * math.log10(4))
    assert im.psnr(np.ones((4, 4)), np.ones((4, 4))) == 100.0


def test_tv_by_hand():
    g = np.array([[0.0, 1.0], [0.0, 1.0]])
    assert im.tv(g) == pytest.approx(1.0)  # |gx| = 1 everywhere (wrap-around), gy = 0
    assert im.tv(np.full((5, 5), 0.7)) == 0.0


def test_ssim_of_two_flat_images_is_the_luminance_term():
    a, b = np.full((16, 16), 0.2), np.full((16, 16), 0.6)
    c1 = 0.01 ** 2
    assert im.ssim(a, b) == pytest.approx((2 * 0.2 * 0.6 + c1) / (0.2 ** 2 + 0.6 ** 2 + c1))


def test_ssim_identity_symmetry_and_noise():
    rng = np.random.default_rng(0)
    a = rng.random((32, 32))
    noisy = np.clip(a + rng.normal(0, 0.2, a.shape), 0, 1)
    assert im.ssim(a, a) == pytest.approx(1.0)
    assert im.ssim(a, noisy) == pytest.approx(im.ssim(noisy, a))
    assert im.ssim(a, noisy) < 0.9


def test_ssim_window_is_gaussian_11():
    k = im._gaussian_kernel()
    assert len(k) == 11 and k.sum() == pytest.approx(1.0)
    assert k[5] / k[6] == pytest.approx(math.exp(0.5 / 1.5 ** 2))


def test_best_of_picks_the_closest_sample():
    rng = np.random.default_rng(1)
    gt = rng.random((16, 16))
    best = im.best_of(gt, [rng.random((16, 16)), gt.copy(), rng.random((16, 16))])
    assert best["psnr"] == 100.0 and best["l1"] == 0.0


def test_size_mismatch_is_refused():
    with pytest.raises(ValueError, match="differ in size"):
        im.psnr(np.zeros((4, 4)), np.zeros((5, 5)))
