import xml.etree.ElementTree as ET

import numpy as np
from PIL import Image

from scenewright.render import get_renderer, render, render_svg
from scenewright.render.export import contact_sheet, save_gif
from scenewright.scene import Scene, SceneObject

SCENE = Scene("shapes", "light", (SceneObject("o1", "cube", 0.3, 0.6, 1.0, "red"),
                                  SceneObject("o2", "sphere", 0.7, 0.5, 1.2, "blue"),
                                  SceneObject("o3", "cylinder", 0.5, 0.8, 0.8, "yellow")))


def test_same_scene_same_bytes_and_the_cached_background_is_not_modified():
    a = render(SCENE, (256, 200)).tobytes()
    empty = render(Scene("shapes", "light"), (256, 200)).tobytes()
    assert render(SCENE, (256, 200)).tobytes() == a
    assert render(Scene("shapes", "light"), (256, 200)).tobytes() == empty != a


def test_colour_and_shape_show_in_the_pixels():
    img = np.asarray(render(SCENE, (256, 256))).astype(int)
    r, g, b = img[int(0.6 * 256), int(0.3 * 256)]
    assert r > 100 and r > 2 * g and r > 2 * b  # the red cube is red where it stands
    r, g, b = img[int(0.5 * 256), int(0.7 * 256)]
    assert b > r and b > g


def test_shapes_are_told_apart():
    r = get_renderer("shapes")
    tiles = [np.asarray(r.tile(SceneObject("o1", c, 0.5, 0.6, 1.0, "gray"), (128, 128))[0].resize((48, 48)))
             for c in ("cube", "sphere", "cylinder")]
    alpha = [(t[..., 3] > 128) for t in tiles]
    assert all(a.sum() > 50 for a in alpha)
    assert (alpha[0] != alpha[1]).mean() > 0.05 and (alpha[1] != alpha[2]).mean() > 0.05


def test_perspective_objects_farther_back_are_drawn_smaller():
    r = get_renderer("shapes")
    near = r.tile(SceneObject("o1", "cube", 0.5, 0.8), (256, 256))[0]
    far = r.tile(SceneObject("o1", "cube", 0.5, 0.4), (256, 256))[0]
    assert far.size[1] < near.size[1]


def test_svg_export_is_vector_and_parses():
    svg = render_svg(SCENE, (256, 200))
    root = ET.fromstring(svg)
    assert root.tag.endswith("svg") and root.get("width") == "256"
    assert len(root.findall(".//{http://www.w3.org/2000/svg}polygon")) > 3


def test_gif_and_contact_sheet(tmp_path):
    frames = [render(Scene("shapes", "light", SCENE.objects[:k]), (128, 100)) for k in range(1, 4)]
    save_gif(frames, tmp_path / "d.gif")
    gif = Image.open(tmp_path / "d.gif")
    assert gif.n_frames == 3
    sheet = contact_sheet(frames, ["one", "two", "three"], columns=2, thumb_width=120)
    assert sheet.width >= 2 * 120 and sheet.height > 2 * 100


def test_translucent_shapes_blend_over_what_is_drawn():
    from scenewright.render.pen import Pen

    pen = Pen(10, 10)
    pen.rect(0, 0, 10, 10, fill=(255, 0, 0))
    pen.rect(2, 2, 8, 8, fill=(0, 0, 0, 128))
    img = pen.raster(10, 10, supersample=1)
    assert img.getpixel((5, 5)) == (127, 0, 0, 255)  # dark red, still opaque: not a see-through hole
    assert img.getpixel((0, 0)) == (255, 0, 0, 255)
