"""The park world's procedural sprites: every class draws, in its box, facing right; poses, expressions,
colours and backgrounds show in the pixels; the same scene gives the same bytes and valid SVG."""

import itertools
import xml.etree.ElementTree as ET

import numpy as np
import pytest

from scenewright.render.procedural import MARGIN, ProceduralRenderer, box_pixels
from scenewright.scene import Scene, SceneObject
from scenewright.worlds import get_world

WORLD = get_world("park")
RENDERER = ProceduralRenderer("park")
BOX_PX = 100  # tiles are rendered so that every box is this many pixels tall


def tile(category, **fields) -> np.ndarray:
    """The sprite's RGBA picture, rasterised as the renderer does: its box BOX_PX pixels tall plus a margin."""
    pen = RENDERER.object_pen(SceneObject("o1", category, 0.5, 0.5, **fields))
    w, h = round(BOX_PX * pen.w / pen.h * (1 + 2 * MARGIN)), round(BOX_PX * (1 + 2 * MARGIN))
    img = pen.raster(w, h, 3, margin=(pen.w * MARGIN, pen.h * MARGIN))
    return np.asarray(img).astype(int)


def inner(a: np.ndarray) -> np.ndarray:
    """The part of a tile that is the object's box (without the margin)."""
    h, w = a.shape[:2]
    my, mx = round(h * MARGIN / (1 + 2 * MARGIN)), round(w * MARGIN / (1 + 2 * MARGIN))
    return a[my:h - my, mx:w - mx]


def differing(a: np.ndarray, b: np.ndarray, tol: int = 40) -> int:
    return int((np.abs(a - b).max(axis=-1) > tol).sum())


@pytest.mark.parametrize("category", WORLD.category_names)
def test_every_category_draws_an_opaque_picture_that_fills_its_box(category):
    a = tile(category)
    alpha = a[..., 3]
    box = inner(a)[..., 3]
    opaque_in_box = (box > 200).mean()
    assert opaque_in_box > 0.05, f"{category}: only {opaque_in_box:.1%} of its box is drawn"
    assert (box > 0).sum() >= 0.8 * (alpha > 0).sum(), f"{category} spills far out of its box"
    # it reaches across its box: drawn pixels near the left/right and top/bottom edges of the box
    cols, rows = np.nonzero(box.T > 128)
    assert cols.max() - cols.min() > 0.6 * box.shape[1], f"{category} is too narrow for its box"
    assert rows.max() - rows.min() > 0.6 * box.shape[0], f"{category} is too short for its box"


def test_flip_mirrors_and_right_facing_sprites_are_not_symmetric():
    for category in ("boy", "girl", "dog", "helicopter", "airplane", "duck", "hot dog"):
        extra = {"pose": "running"} if WORLD.category(category).people else {}
        one = [Scene("park", "day", (SceneObject("o1", category, 0.5, 0.6, flip=f, **extra),)) for f in (False, True)]
        a, b = (np.asarray(RENDERER.render(s, (400, 320))).astype(int) for s in one)
        mirrored = a[:, ::-1]
        # the flipped picture is the mirror image (give or take the one-pixel rounding of its position)
        assert min(differing(np.roll(mirrored, k, axis=1), b) for k in (-1, 0, 1)) < 40, category
        w, h = box_pixels(WORLD, one[0].objects[0], (400, 320))
        assert differing(a, b) > 0.1 * w * h, f"{category} looks the same both ways, so facing right means nothing"
    scene = Scene("park", "day", (SceneObject("o1", "dog", 0.5, 0.7, flip=True),))
    assert "scale(-" in RENDERER.svg(scene, (500, 400))


@pytest.mark.parametrize("category", ["dog", "cat", "duck", "snake"])
def test_animals_face_right_unflipped(category):
    box = inner(tile(category))[..., 3]
    top = box[: int(0.4 * box.shape[0])] > 128  # the head is up there
    cols = np.nonzero(top)[1]
    assert cols.mean() > 0.55 * box.shape[1], f"the {category}'s head is not on the right"


@pytest.mark.parametrize("who", ["boy", "girl"])
def test_each_pose_and_each_expression_gives_a_different_picture(who):
    poses = {p: tile(who, pose=p, expression="happy") for p in WORLD.poses}
    for (p, a), (q, b) in itertools.combinations(poses.items(), 2):
        assert differing(a, b) > 150, f"{who}: {p} and {q} look alike"
    faces = {e: tile(who, pose="standing", expression=e) for e in WORLD.expressions}
    for (e, a), (f, b) in itertools.combinations(faces.items(), 2):
        assert differing(a, b) > 12, f"{who}: {e} and {f} look alike"
    # a person without pose or expression is the standing, happy one
    assert np.array_equal(tile(who), poses["standing"])


def test_the_boy_wears_blue_and_the_girl_pink():
    def share(a, rule):
        opaque = a[..., 3] > 200
        r, g, b = (a[..., i][opaque].astype(int) for i in range(3))
        return rule(r, g, b).mean()

    def blue(r, g, b):
        return (b > r + 60) & (b > g + 20)

    def pink(r, g, b):
        return (r > g + 60) & (b > g + 20)
    boy, girl = tile("boy"), tile("girl")
    assert share(boy, blue) > 0.15 > share(boy, pink)
    assert share(girl, pink) > 0.15 > share(girl, blue)


def test_colorable_sprites_take_the_colour_asked_for():
    for category in (c.name for c in WORLD.categories if c.colorable):
        red, blue = tile(category, color="red"), tile(category, color="blue")
        assert differing(red, blue) > 100, f"{category} ignores its colour"
        opaque = red[..., 3] > 200
        r, g, b = (red[..., i][opaque] for i in range(3))
        reddish = ((r > g + 60) & (r > b + 60)).mean()
        assert reddish > 0.15, f"a red {category} is hardly red ({reddish:.0%})"


def test_the_three_backgrounds_differ_and_look_like_sky_over_grass():
    images = {bg: np.asarray(RENDERER.render(Scene("park", bg), (250, 200))).astype(int)
              for bg in WORLD.backgrounds}
    for (a, x), (b, y) in itertools.combinations(images.items(), 2):
        assert differing(x, y, 20) > 0.5 * x.shape[0] * x.shape[1], f"{a} and {b} backgrounds look alike"
    day = images["day"]
    sky, grass = day[20, 125], day[180, 125]
    assert sky[2] > sky[0] and sky[2] > 150
    assert grass[1] > grass[0] and grass[1] > grass[2]
    assert images["night"].mean() < images["dusk"].mean() < day.mean()


def _everything() -> Scene:
    objects = []
    for i, cat in enumerate(WORLD.categories):
        extra = {"pose": WORLD.poses[i % 7], "expression": WORLD.expressions[i % 5]} if cat.people else {}
        if cat.colorable:
            extra["color"] = "green"
        objects.append(SceneObject(f"o{i + 1}", cat.name, 0.05 + 0.9 * ((i * 37) % 58) / 58,
                                   0.1 + 0.8 * (i % 7) / 6, scale=(1.0, 0.7, 0.49)[i % 3], flip=bool(i % 2),
                                   **extra))
    return Scene("park", "dusk", tuple(objects))


def test_rendering_is_deterministic():
    scene = _everything()
    a = ProceduralRenderer("park").render(scene, (256, 205)).tobytes()
    b = ProceduralRenderer("park").render(scene, (256, 205)).tobytes()
    assert a == b
    assert ProceduralRenderer("park").svg(scene) == ProceduralRenderer("park").svg(scene)


def test_svg_of_a_scene_with_every_category_parses():
    scene = _everything()
    root = ET.fromstring(RENDERER.svg(scene, (500, 400)))
    assert root.tag.endswith("svg")
    groups = [el for el in root if el.tag.endswith("g")]
    assert len(groups) == 1 + len(scene.objects)
    assert all(len(g) > 0 for g in groups)  # every object drew something
