"""The `clipart` renderer: park scenes drawn with CoDraw's own clip-art, the way CoDraw draws them.

CoDraw's geometry (Abs.js): a 500×400 canvas; each piece is its PNG scaled by 1.0 / 0.7 / 0.49 for depth
0 / 1 / 2, centred at (x·500, y·400), mirrored when flipped. Draw order as CoDraw's: the sun first, other sky
pieces next, then far → near, and within one depth by clip-art type order (toys over people) — then list
order. The picture is then resized to the size asked for (GeNeVA works at 128×128).

The clip-art (CC BY-NC, with CoDraw) is never shipped: it is read from the folder given, else
$SCENEWRIGHT_CLIPART, else `<CoDraw dir>/clipart` (see `scenewright.data.codraw.default_codraw_dir`).
"""

from __future__ import annotations

import os
from pathlib import Path

from PIL import Image, ImageEnhance

from ..errors import ScenewrightError
from ..scene import Scene, SceneObject
from ..worlds import get_world
from ..worlds.park import CODRAW, DEPTH_SCALES, EXPRESSIONS, POSES

CANVAS = (500, 400)
_TINT = {"dusk": (1.0, 0.78), "night": (0.55, 0.6)}  # background: (brightness, colour) for the other times


def clipart_dir(clipart: str | os.PathLike | None = None) -> Path:
    """The clip-art folder: the argument, else $SCENEWRIGHT_CLIPART, else <CoDraw dir>/clipart."""
    if clipart is not None:
        path = Path(clipart)
    elif os.environ.get("SCENEWRIGHT_CLIPART"):
        path = Path(os.environ["SCENEWRIGHT_CLIPART"])
    else:
        from ..data.codraw import default_codraw_dir

        path = default_codraw_dir() / "clipart"
    if not (path / "background.png").is_file():
        raise ScenewrightError(
            f"no CoDraw clip-art in {path}: pass --clipart DIR (or clipart=DIR), or set $SCENEWRIGHT_CLIPART "
            "to the folder holding background.png, s_0s.png, hb0_0s.png, … (CoDraw's clipart/, CC BY-NC; "
            "scenewright does not ship it)")
    return path.resolve()


def piece_file(obj: SceneObject) -> str:
    """The clip-art file of an object: `hb0_{pose*5+expression}s.png` for the boy, `t_13s.png` for a kite…"""
    if obj.category not in CODRAW:
        raise ScenewrightError(f"the clip-art renderer has no picture of a {obj.category!r}")
    t, i, prefix = CODRAW[obj.category]
    if t in (2, 3):
        pose = POSES.index(obj.pose) if obj.pose in POSES else 0
        expr = EXPRESSIONS.index(obj.expression) if obj.expression in EXPRESSIONS else 2
        i = pose * 5 + expr
    return f"{prefix}_{i}s.png"


def depth_of(scale: float) -> int:
    return min(range(3), key=lambda d: abs(DEPTH_SCALES[d] - scale))


def draw_key(obj: SceneObject, position: int) -> tuple:
    """CoDraw's render order: sun, other sky, then depth far→near, then type / clip-art index, then list order."""
    from ..data.codraw import CLASS_INDEX

    idx = CLASS_INDEX.get(obj.category, 99)
    return (idx != 3, idx >= 8, -depth_of(obj.scale), idx, position)


class ClipartRenderer:
    """`render(scene, size)` with CoDraw's pictures. Park world only."""

    name = "clipart"

    def __init__(self, world: str = "park", clipart: str | os.PathLike | None = None, **_):
        self.world = get_world(world)
        if self.world.name != "park":
            raise ScenewrightError(f"the clip-art renderer draws the park world, not {self.world.name!r}")
        self.folder = clipart_dir(clipart)
        self._cache: dict[tuple, Image.Image] = {}

    def background(self, name: str = "day") -> Image.Image:
        if ("bg", name) in self._cache:
            return self._cache[("bg", name)]
        bg = Image.open(self.folder / "background.png").convert("RGBA").resize(CANVAS)
        if name in _TINT:
            bright, colour = _TINT[name]
            bg = ImageEnhance.Color(ImageEnhance.Brightness(bg).enhance(bright)).enhance(colour)
        self._cache[("bg", name)] = bg
        return bg

    def sprite(self, file: str, depth: int, flip: bool) -> Image.Image:
        key = (file, depth, flip)
        if key not in self._cache:
            path = self.folder / file
            if not path.is_file():
                raise ScenewrightError(f"clip-art file {file} is missing from {self.folder}")
            im = Image.open(path).convert("RGBA")
            s = DEPTH_SCALES[depth]
            if s != 1.0:
                im = im.resize((max(1, round(im.width * s)), max(1, round(im.height * s))), Image.BILINEAR)
            if flip:
                im = im.transpose(Image.FLIP_LEFT_RIGHT)
            self._cache[key] = im
        return self._cache[key]

    def render(self, scene: Scene, size: tuple[int, int] = CANVAS) -> Image.Image:
        canvas = self.background(scene.background).copy()
        order = sorted(enumerate(scene.objects), key=lambda p: draw_key(p[1], p[0]))
        for _, obj in order:
            im = self.sprite(piece_file(obj), depth_of(obj.scale), obj.flip)
            x, y = obj.x * CANVAS[0], obj.y * CANVAS[1]
            left, top = round(x - im.width / 2), round(y - im.height / 2)
            canvas.paste(im, (left, top), im)
        out = canvas.convert("RGB")
        size = (int(size[0]), int(size[1]))
        if size != CANVAS:
            out = out.resize(size, Image.BILINEAR)
        return out
