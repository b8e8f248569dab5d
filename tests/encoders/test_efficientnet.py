import pytest
import torch

from scenewright.render import render

from .conftest import scene, to_tensor

# ImageNet class indices
SOCCER_BALL, BASKETBALL, TENNIS_BALL = 805, 430, 852


def _ball(category: str) -> torch.Tensor:
    picture = render(scene("park", [{"category": category}], background="day"), (256, 256))
    return to_tensor(picture.crop((88, 88, 168, 168)))  # the ball and a little grass and sky


def test_our_drawn_balls_are_imagenet_balls(lite0):
    # fails with the wrong weights, the wrong normalisation or swapped channels
    x = torch.stack([_ball("soccer ball"), _ball("basketball"), _ball("tennis ball")])
    with torch.no_grad():
        top5 = lite0.logits(x).topk(5).indices
    for row, want in zip(top5.tolist(), (SOCCER_BALL, BASKETBALL, TENNIS_BALL)):
        assert want in row
    assert top5[1, 0] == BASKETBALL


def test_outputs_are_deterministic_and_do_not_depend_on_the_batch(lite0):
    g = torch.Generator().manual_seed(0)
    x = torch.rand(3, 3, 64, 64, generator=g) * 2 - 1
    with torch.no_grad():
        a, b, alone = lite0(x), lite0(x), lite0(x[1:2])
    assert a.features.shape == (3, 1280) and a.logits.shape == (3, 1000)
    assert a.regions.shape == (3, 112, 14, 14)
    assert torch.equal(a.logits, b.logits)
    assert torch.allclose(a.logits[1], alone.logits[0], atol=1e-4)


def test_two_renders_of_one_scene_are_closer_than_two_scenes(lite0):
    a = scene("shapes", [{"category": "cube", "color": "red", "x": 0.3}])
    b = scene("shapes", [{"category": "sphere", "color": "blue", "x": 0.7, "y": 0.6},
                         {"category": "cylinder", "color": "yellow", "x": 0.3, "y": 0.4}])
    pictures = [render(a, (64, 64)), render(a, (128, 128)), render(b, (64, 64))]
    with torch.no_grad():  # any input size: the net resizes itself
        f = torch.cat([lite0.features(to_tensor(p)[None]) for p in pictures])
    same, other = (f[0] - f[1]).norm(), (f[0] - f[2]).norm()
    assert same < 0.5 * other


def test_frozen_but_differentiable_in_its_input(lite0):
    lite0.train()
    assert not lite0.training and not lite0.net._bn0.training
    assert not any(p.requires_grad for p in lite0.parameters())
    x = torch.zeros(1, 3, 32, 32, requires_grad=True)
    lite0.features(x).sum().backward()
    assert x.grad is not None and x.grad.abs().sum() > 0


def test_a_wrong_shape_says_what_it_wants(lite0):
    with pytest.raises(ValueError, match=r"\[B, 3, H, W\]"):
        lite0.features(torch.zeros(3, 64, 64))
