"""sg2im's pieces, losses and one tiny training step; the renderer predicts its own layout, reproducibly."""

import pytest
import torch

from scenewright.errors import MissingFile, ScenewrightError
from scenewright.models.sg2im import BACKGROUND, build, crop_boxes, load, masks_to_layout
from scenewright.scene import Scene, SceneObject
from scenewright.scene.graph import world_labels
from scenewright.worlds import get_world

from .conftest import TINY


def tiny_model():
    torch.manual_seed(0)
    w = get_world("shapes")
    return build(world_labels(w) + [BACKGROUND + b for b in w.backgrounds], **TINY)


def scene():
    return Scene("shapes", "dark", (SceneObject("o1", "cube", 0.3, 0.7, color="red"),
                                    SceneObject("o2", "sphere", 0.7, 0.6, color="blue")))


def test_layout_puts_each_vector_inside_its_box():
    vecs = torch.tensor([[1.0, 0.0], [0.0, 2.0]])
    boxes = torch.tensor([[0.0, 0.0, 0.5, 1.0], [0.5, 0.5, 1.0, 1.0]])
    layout = masks_to_layout(vecs, boxes, torch.ones(2, 4, 4), torch.tensor([0, 0]), 1, 8)
    assert layout.shape == (1, 2, 8, 8)
    assert torch.allclose(layout[0, 0, :, :4], torch.ones(8, 4)) and layout[0, 0, :, 4:].abs().max() < 1e-6
    assert torch.allclose(layout[0, 1, 4:, 4:], torch.full((4, 4), 2.0)) and layout[0, 1, :4].abs().max() < 1e-6


def test_crop_of_the_whole_image_is_the_image():
    x = torch.rand(1, 3, 16, 16)
    crop = crop_boxes(x, torch.tensor([[0.0, 0.0, 1.0, 1.0]]), torch.tensor([0]), 16)
    assert torch.allclose(crop, x, atol=1e-5)


def test_shapes_and_losses():
    from scenewright.scene.graph import scene_graph
    from scenewright.train.sg2im import collate, object_masks

    m = tiny_model()
    s = scene()
    prepared = {"graphs": [scene_graph(s)] * 2, "masks": [object_masks(s, 16)] * 2,
                "images": torch.zeros(2, 64, 64, 3, dtype=torch.uint8)}
    batch = collate(m, prepared, [0, 1])
    assert batch["objs"].shape == (6,) and batch["triples"].shape == (2 * (1 + 2), 3)  # + __in_image__
    img, boxes, masks = m.G(batch["objs"], batch["triples"], batch["obj_to_img"], 2, boxes_gt=batch["boxes"])
    assert img.shape == (2, 3, 64, 64) and boxes.shape == (6, 4) and masks.shape == (6, 16, 16)
    g = m.losses(batch, "g", 0)
    assert set(g) == {"box", "mask", "pixel", "gan_img", "gan_obj", "ac"}
    d = m.losses(batch, "d", 0)
    assert set(d) == {"img", "obj", "ac_real", "ac_fake"}
    assert all(torch.isfinite(v) for v in (g | d).values())
    assert batch["masks"][:2].sum() > 0 and batch["masks"][2].min() == 1  # objects' alpha; the image node: all


def test_128_px_is_the_same_network_started_at_8x8():
    from scenewright.scene.graph import scene_graph

    w = get_world("shapes")
    m = build(world_labels(w) + [BACKGROUND + b for b in w.backgrounds], image_size=128, **TINY).eval()
    x, boxes = m.draw([scene_graph(scene())])
    assert x.shape == (1, 3, 128, 128) and boxes[0].shape == (2, 4)


def test_one_tiny_training_step_and_the_renderer(tiny_sg2im):
    from scenewright.render import get_renderer
    from scenewright.session import Session

    assert (tiny_sg2im / "sg2im.safetensors").is_file() and (tiny_sg2im / "card.json").is_file()
    model = load(tiny_sg2im)
    assert not any(k.startswith("D_") for k in model.state_dict() if k in model.inference_keys(model.state_dict()))
    r = get_renderer("shapes", f"sg2im:{tiny_sg2im}")
    a, b = r.render(scene(), (80, 60)), r.render(scene(), (80, 60))
    assert a.size == (80, 60) and a.tobytes() == b.tobytes()
    assert len(r.layout(scene())) == 2
    s = Session(world="shapes", renderer=f"sg2im:{tiny_sg2im}", size=(64, 64))
    assert s.tell("add a red cube").image.size == (64, 64)


def test_unknown_label_and_missing_weights_are_clear(tiny_sg2im, tmp_path):
    from scenewright.models.sg2im import Sg2ImRenderer
    from scenewright.scene.graph import SceneGraph

    model = load(tiny_sg2im)
    with pytest.raises(ScenewrightError, match="has not learnt 'gold cube'"):
        model.draw([SceneGraph("shapes", "light", ("gold cube",), ())])
    with pytest.raises(ScenewrightError, match="has not learnt the relation 'on top of'"):
        model.draw([SceneGraph("shapes", "light", ("red cube", "blue cube"), ((0, "on top of", 1),))])
    with pytest.raises(MissingFile, match="train sg2im --world shapes"):
        Sg2ImRenderer("shapes", checkpoint=tmp_path / "none")
