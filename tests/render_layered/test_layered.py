"""The layered GAN renderer: shapes of the nets, the losses, one training step by the shared loop, and the
property it exists for — an edit of one object leaves every pixel outside that object's box (and the boxes
it overlaps) as it was."""

from __future__ import annotations

import json

import numpy as np
import pytest

torch = pytest.importorskip("torch")
torch.set_num_threads(1)

from scenewright.errors import MissingFile, WorldError  # noqa: E402
from scenewright.models.layered_gan import (LayeredConfig, LayeredGAN, LayeredRenderer, crop,  # noqa: E402
                                            uncrop, world_labels)
from scenewright.scene import Scene, SceneObject  # noqa: E402
from scenewright.train.layered import (LayerSamples, changed_outside, edit_boxes, single_edits,  # noqa: E402
                                       stable_px, train_layered)
from scenewright.worlds import get_world  # noqa: E402

TINY = {"ngf": 8, "ndf": 8, "z_dim": 8, "embed_dim": 8, "res_blocks": 1}
SIZE = (160, 160)


def tiny(size: int = 64, world: str = "shapes", **settings) -> LayeredGAN:
    """An untrained tiny model whose G_fg answers its inputs: at the default initialisation its output moves by
    less than one grey level when the canvas or the label changes, which would let any locality test pass."""
    w = get_world(world)
    torch.manual_seed(0)
    m = LayeredGAN(LayeredConfig(world=w.name, image_size=size, labels=world_labels(w), backgrounds=w.backgrounds,
                                 **(TINY | settings)))
    with torch.no_grad():
        for p in m.G_fg.parameters():
            if p.dim() > 1:
                p.normal_(0, 0.2)
    return m.eval()


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    """A checkpoint folder from two steps of the shared loop (the tiny training step)."""
    out = tmp_path_factory.mktemp("layered")
    path = train_layered("shapes", out, steps=2, batch=4, ckpt_every=2, settings=TINY, progress=False,
                         command="test")
    return out, path


def scene() -> Scene:
    """o1 and o2 overlap (o2 in front); o3 stands apart on the right."""
    return Scene("shapes", "light", (SceneObject("o1", "cube", 0.30, 0.60, color="red"),
                                     SceneObject("o2", "sphere", 0.36, 0.66, color="blue"),
                                     SceneObject("o3", "cylinder", 0.82, 0.55, color="green")))


def recolour(s: Scene, oid: str, color: str) -> Scene:
    return s.replace_objects([o.with_(color=color) if o.id == oid else o for o in s.objects])


# -- the nets ---------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("size", [64, 128])
def test_shapes_of_generators_and_discriminators(size):
    m = tiny(size)
    P, L, B = m.cfg.patch, len(m.cfg.labels), 2
    assert P == size // 2
    raw = m.layer(torch.randn(B, 8), torch.zeros(B, L), torch.zeros(B, 3, P, P), torch.ones(B, 1, P, P))
    assert raw.shape == (B, 3, P, P) and raw.abs().max() <= 1
    assert m.G_bg(torch.randn(B, 8), torch.tensor([0, 1])).shape == (B, 3, size, size)
    score, feats = m.D_glob(torch.zeros(B, 3 + L, size, size))
    assert score.shape == (B,) and feats[-1].shape[-1] == 4
    assert m.D_inst(torch.zeros(B, 3 + L, P, P))[0].shape == (B,)


def test_crop_then_uncrop_gives_the_window_back():
    img = torch.rand(1, 3, 64, 64)
    win = torch.tensor([[0.5, 0.5, 0.25, 0.25]])  # the middle 32 × 32
    back = uncrop(crop(img, win, 32), win, 64, 64)
    assert torch.allclose(back[..., 17:47, 17:47], img[..., 17:47, 17:47], atol=1e-5)
    assert back[..., :15, :].abs().max() == 0  # nothing outside the window
    part = uncrop(crop(img, win, 32), win, 64, 64, rect=(20, 10, 40, 50))
    assert torch.allclose(part, back[..., 10:50, 20:40])


def test_samples_are_the_spines_layers():
    m = tiny()
    samples = LayerSamples(m.cfg, seed=0)
    s = scene()
    b = samples.sample(s, 1)  # o2, the second in draw order
    changed = (b["target"] - b["canvas"]).abs().sum(0) > 0
    assert changed.any() and not changed[b["alpha"][0] == 0].any()  # the layer changes only its alpha
    assert b["label"].sum() == 2  # a category and a colour
    batch = next(samples.batches(0, 3))
    assert batch["canvas"].shape == (3, 3, 64, 64) and batch["layout"].shape[1] == len(m.cfg.labels)
    again = next(LayerSamples(m.cfg, seed=0).batches(0, 3))
    assert torch.equal(batch["target"], again["target"])  # seeded


def test_losses_are_finite_and_reach_both_players():
    m = tiny().train()
    batch = next(LayerSamples(m.cfg, seed=1).batches(0, 4))
    d = m.losses(batch, "d", 0)
    assert set(d) == {"glob", "inst", "bg"} and all(torch.isfinite(v) for v in d.values())
    g = m.losses(batch, "g", 0)
    assert {"adv", "fm", "recon", "l1", "bg_adv"} <= set(g)
    sum(g.values()).backward()
    assert m.G_fg.enc1[0].weight.grad.abs().sum() > 0 and m.G_bg.fc[0].weight.grad.abs().sum() > 0


def test_one_training_step_writes_weights_the_renderer_loads(trained):
    out, path = trained
    card = json.loads((out / "card.json").read_text())
    assert card["steps"] == 2 and card["world"] == "shapes" and path.name == "layered.safetensors"
    assert (out / "samples" / "step_000002.png").is_file()
    r = LayeredRenderer("shapes", checkpoint=out)
    img = r.render(scene(), (96, 96))
    assert img.size == (96, 96) and img.mode == "RGB"
    from scenewright import Session
    turn = Session(world="shapes", renderer=f"layered:{out}", size=(64, 64)).tell("add a red cube")
    assert turn.ok and turn.image.size == (64, 64)


# -- the property ---------------------------------------------------------------------------------------------
def test_recolouring_one_object_keeps_every_pixel_outside_its_boxes():
    r = LayeredRenderer("shapes", model=tiny())
    a, b = scene(), recolour(scene(), "o3", "yellow")
    before, after = r.render(a, SIZE), r.render(b, SIZE)
    boxes = edit_boxes(r, a, b, "o3", SIZE)
    assert len(boxes) == 2  # o3 overlaps nothing
    assert changed_outside(before, after, boxes) == 0.0
    assert (np.asarray(before) != np.asarray(after)).any()  # and the edit did draw something


def test_an_edit_reruns_only_the_layers_that_see_it():
    r = LayeredRenderer("shapes", model=tiny())
    r.render(scene(), SIZE)
    runs = r.runs
    r.render(recolour(scene(), "o3", "purple"), SIZE)
    assert r.runs - runs == 1  # only o3
    runs = r.runs
    r.render(recolour(scene(), "o1", "purple"), SIZE)
    assert r.runs - runs == 2  # o1 and o2, which stands in front of it; o3 is not re-run
    before, after = r.render(scene(), SIZE), r.render(recolour(scene(), "o1", "purple"), SIZE)
    assert changed_outside(before, after, edit_boxes(r, scene(), recolour(scene(), "o1", "purple"), "o1", SIZE)) == 0


@pytest.mark.parametrize("size", [64, 128])
def test_stable_px_is_zero_over_random_edits_and_does_not_depend_on_the_cache(size):
    edits = single_edits("shapes", 6, seed=3)
    model = tiny(size)
    assert stable_px(LayeredRenderer("shapes", model=model), edits, SIZE) == 0.0
    assert stable_px(LayeredRenderer("shapes", model=model, cache_size=0), edits, SIZE) == 0.0


def test_the_measure_fails_a_renderer_that_repaints():
    """Noise drawn afresh per layer and no cache (GeNeVA-style repainting): pixels outside the boxes change."""

    class Repainting(LayeredRenderer):
        calls = 0

        def noise(self, obj):
            self.calls += 1
            return torch.randn(1, self.model.cfg.z_dim, generator=torch.Generator().manual_seed(self.calls))

    edits = single_edits("shapes", 4, seed=3)
    assert stable_px(Repainting("shapes", model=tiny(), cache_size=0), edits, SIZE) > 0.0


def test_the_measure_fails_layers_that_see_the_whole_canvas(monkeypatch):
    """The paper's G_fg reads the whole canvas; with windows that wide, recolouring o3 (drawn first) changes
    o1 and o2, which do not overlap it."""
    import scenewright.models.layered_gan as lg

    monkeypatch.setattr(lg, "tile_window", lambda x, y, w, h, size: (0.5, 0.5, 0.5, 0.5))
    r = LayeredRenderer("shapes", model=tiny())
    a, b = scene(), recolour(scene(), "o3", "yellow")
    assert changed_outside(r.render(a, SIZE), r.render(b, SIZE), edit_boxes(r, a, b, "o3", SIZE)) > 0.0


def test_the_procedural_renderer_scores_zero_too():
    from scenewright.render import get_renderer
    assert stable_px(get_renderer("shapes"), single_edits("shapes", 4, seed=5), SIZE) == 0.0


# -- errors ---------------------------------------------------------------------------------------------------
def test_no_weights_names_the_train_command(tmp_path):
    with pytest.raises(MissingFile, match="scenewright train layered --world shapes"):
        LayeredRenderer("shapes", checkpoint=tmp_path / "nothing")
    with pytest.raises(WorldError):
        LayeredRenderer("park", model=tiny())


def test_cli_draw_with_a_missing_checkpoint_says_what_to_run(tmp_path):
    import subprocess
    import sys

    p = subprocess.run([sys.executable, "-m", "scenewright.cli", "draw", "--world", "shapes", "--renderer",
                        f"layered:{tmp_path / 'none'}", "--out", str(tmp_path / "d"), "add a red cube"],
                       capture_output=True, text=True)
    assert p.returncode == 2 and "error:" in p.stderr and "scenewright train layered" in p.stderr
    assert "Traceback" not in p.stderr


# -- the shipped weights ----------------------------------------------------------------------------------------
def test_the_shipped_shapes_weights_draw_the_colour_asked_and_keep_the_rest():
    r = LayeredRenderer("shapes")  # weights/render/layered_shapes
    a = scene()
    pictures = {c: np.asarray(r.render(recolour(a, "o3", c), SIZE), dtype=float) for c in ("red", "blue", "yellow")}
    x0, y0, x1, y1 = edit_boxes(r, a, a, "o3", SIZE)[0]
    means = {c: p[max(y0, 0):y1, max(x0, 0):x1].reshape(-1, 3).mean(0) for c, p in pictures.items()}
    assert means["red"][0] > means["red"][2] + 20 and means["blue"][2] > means["blue"][0] + 20
    assert means["yellow"][:2].min() > means["yellow"][2] + 20
    assert stable_px(r, single_edits("shapes", 4, seed=9), SIZE) == 0.0


def test_training_resumes_and_reads_an_image_sets_scenes(tmp_path):
    from scenewright.data.captions import make_captions
    from scenewright.errors import ScenewrightError

    data = tmp_path / "caps"
    make_captions("shapes", 6, data, seed=0, sizes=(64,), k=1)
    out = tmp_path / "run"
    train_layered("shapes", out, steps=1, batch=2, data=data, settings=TINY, progress=False, command="test")
    train_layered("shapes", out, steps=2, batch=2, data=data, settings=TINY, progress=False, command="test")
    card = json.loads((out / "card.json").read_text())
    assert card["steps"] == 2 and card["data"] == str(data.resolve())
    with pytest.raises(ScenewrightError, match="shapes set, not park"):
        train_layered("park", tmp_path / "p", steps=1, data=data, settings=TINY, progress=False)
