"""The procedural renderer: the embedded default. Deterministic, fast, pixel-stable.

Each world names a sprite module (`World.sprites`) with two functions:

    background(pen, name, world)            # pen is world.canvas units (e.g. 500 × 400)
    draw(pen, obj, category, world)          # pen is (100 · aspect) × 100 units: the object's box

Every object is drawn into its own tile (antialiased by supersampling), cached by what it looks like and
its size in pixels — never its position — and composited back to front. So an object the turn did not
touch is drawn with the same pixels (occlusion aside), and a turn only draws what changed.
"""

from __future__ import annotations

import importlib
from collections import OrderedDict
from typing import Any

from PIL import Image

from ..scene import Scene, SceneObject
from ..worlds import World, get_world
from .pen import Pen

BOX_UNITS = 100.0  # a sprite's box is 100 units tall
MARGIN = 0.12  # tiles extend this fraction of the box on every side, for outlines and overhangs


class _LRU(OrderedDict):
    def __init__(self, limit: int):
        super().__init__()
        self.limit = limit

    def get_or(self, key, make):
        if key in self:
            self.move_to_end(key)
            return self[key]
        value = make()
        self[key] = value
        if len(self) > self.limit:
            self.popitem(last=False)
        return value


def box_pixels(world: World, obj: SceneObject, size: tuple[int, int]) -> tuple[float, float]:
    """Width and height in pixels of `obj`'s box on a canvas of `size`."""
    cat = world.category(obj.category)
    W, H = size
    h = cat.height * obj.scale * world.size_factor(obj.y) * H
    w = cat.aspect * h * (W / H) / (world.canvas[0] / world.canvas[1])
    return w, h


class ProceduralRenderer:
    """`render(scene, size) -> PIL.Image` with the world's own vector sprites."""

    name = "procedural"

    def __init__(self, world: str | World, supersample: int = 3, cache_size: int = 512):
        self.world = get_world(world)
        self._sprites = None
        self.supersample = supersample
        self._tiles = _LRU(cache_size)
        self._backgrounds = _LRU(16)

    @property
    def sprites(self):
        """The world's sprite module, imported on first use."""
        if self._sprites is None:
            self._sprites = importlib.import_module(self.world.sprites)
        return self._sprites

    # -- pieces -------------------------------------------------------------------------------------------
    def background_pen(self, name: str) -> Pen:
        pen = Pen(*map(float, self.world.canvas))
        self.sprites.background(pen, name, self.world)
        return pen

    def object_pen(self, obj: SceneObject) -> Pen:
        cat = self.world.category(obj.category)
        pen = Pen(BOX_UNITS * cat.aspect, BOX_UNITS)
        self.sprites.draw(pen, obj, cat, self.world)
        return pen

    def background(self, name: str, size: tuple[int, int]) -> Image.Image:
        def make():
            return self.background_pen(name).raster(*size, supersample=1).convert("RGBA")
        return self._backgrounds.get_or((name, size), make)

    def tile(self, obj: SceneObject, size: tuple[int, int]) -> tuple[Image.Image, int, int]:
        """The object's RGBA tile (its box plus a margin) and the pixel position of its top-left corner."""
        img, _, x, y = self._tile(obj, size)
        return img, x, y

    def _tile(self, obj: SceneObject, size: tuple[int, int]):
        w, h = box_pixels(self.world, obj, size)
        tw, th = max(1, round(w * (1 + 2 * MARGIN))), max(1, round(h * (1 + 2 * MARGIN)))
        key = (obj.category, obj.color, obj.flip, obj.pose, obj.expression, obj.attributes, obj.uncertain,
               tw, th)

        def make():
            pen = self.object_pen(obj)
            ss = self.supersample if max(tw, th) <= 300 else min(self.supersample, 2)  # big tiles: 2× is plenty
            img = pen.raster(tw, th, ss, margin=(pen.w * MARGIN, pen.h * MARGIN))
            if obj.flip:
                img = img.transpose(Image.Transpose.FLIP_LEFT_RIGHT)
            return img, img.getchannel("A").getbbox()  # only the drawn part is composited

        img, drawn = self._tiles.get_or(key, make)
        W, H = size
        return img, drawn, round(obj.x * W - tw / 2), round(obj.y * H - th / 2)

    # -- the interface ------------------------------------------------------------------------------------
    def render(self, scene: Scene, size: tuple[int, int] = (512, 400)) -> Image.Image:
        if scene.world != self.world.name:
            raise ValueError(f"this renderer draws the {self.world.name} world, not {scene.world}")
        size = (int(size[0]), int(size[1]))
        canvas = self.background(scene.background, size).copy()
        for obj in sorted(scene.objects, key=self.world.depth_sort_key):
            img, drawn, x, y = self._tile(obj, size)
            if drawn is not None:
                _paste(canvas, img, x, y, drawn)
        overlay = getattr(self.sprites, "overlay", None)
        if overlay is not None:
            overlay(canvas, scene, self.world, self)
        return canvas.convert("RGB")

    def svg(self, scene: Scene, size: tuple[int, int] = (512, 400)) -> str:
        """The same picture as an SVG document (vector, no raster)."""
        W, H = size
        cw, ch = self.world.canvas
        parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" viewBox="0 0 {W} {H}">',
                 self.background_pen(scene.background).svg(f"scale({W / cw:.6f},{H / ch:.6f})")]
        for obj in sorted(scene.objects, key=self.world.depth_sort_key):
            pen = self.object_pen(obj)
            w, h = box_pixels(self.world, obj, size)
            sx, sy = w / pen.w, h / pen.h
            x0, y0 = obj.x * W - w / 2, obj.y * H - h / 2
            if obj.flip:
                transform = f"translate({x0 + w:.3f},{y0:.3f}) scale({-sx:.6f},{sy:.6f})"
            else:
                transform = f"translate({x0:.3f},{y0:.3f}) scale({sx:.6f},{sy:.6f})"
            parts.append(pen.svg(transform))
        parts.append("</svg>")
        return "\n".join(parts)


def _paste(canvas: Image.Image, tile: Image.Image, x: int, y: int, drawn: tuple[int, int, int, int]) -> None:
    """Alpha-composite the `drawn` part of `tile` placed at (x, y), clipping at the canvas edges."""
    W, H = canvas.size
    sx, sy = max(drawn[0], -x), max(drawn[1], -y)
    ex, ey = min(drawn[2], W - x), min(drawn[3], H - y)
    if ex > sx and ey > sy:
        canvas.alpha_composite(tile, (x + sx, y + sy), (sx, sy, ex, ey))


def renderer_info(r: Any) -> str:
    return getattr(r, "name", type(r).__name__)
