"""Sprites of the `park` world: our own vector art for CoDraw's 58 clip-art classes.

Every sprite fills its box (100 units tall, `100 · aspect` wide) and faces right when unflipped. Light comes
from the upper left: each piece has a flat base colour, a lighter highlight, a darker side and a dark outline,
so it reads at 128 px. The boy and the girl are one jointed figure: a pose is a set of joint positions, an
expression a set of brows, eyes and mouth. Only Pen primitives are used, so the same drawing rasterises and
exports to SVG.

Shading uses opaque colours (and our own polygon clipping, `_lit`) rather than translucent overlays:
`Pen.raster` paints onto an RGBA tile without blending, so a translucent shape drawn over an opaque one
would leave a see-through hole. Translucency is kept only where nothing is beneath (glass, wings).

One module per group of categories (`sky`, `large`, `people`, `animals`, `clothing`, `food`, `toys`),
each registering its drawing functions by category name (`@_sprite`); shared helpers are in `_common`.
"""

from __future__ import annotations

from ...pen import Pen, shade
# importing a group module registers its sprites (`@_sprite`); kept in the order of the old single module
from . import sky as _sky, large as _large, people as _people, animals as _animals  # noqa: F401
from . import clothing as _clothing, food as _food, toys as _toys  # noqa: F401
from ._common import _SPRITES, _mix

__all__ = ["background", "draw"]


# -- background -------------------------------------------------------------------------------------------
_SKIES = {  # sky top, sky at the horizon, grass at the horizon, grass at the bottom
    "day": ((86, 160, 230), (196, 232, 250), (112, 178, 92), (84, 152, 76)),
    "dusk": ((92, 72, 140), (250, 170, 110), (92, 128, 70), (62, 96, 54)),
    "night": ((10, 16, 48), (40, 58, 110), (34, 70, 48), (18, 44, 30)),
}


def background(pen: Pen, name: str, world) -> None:
    top, horizon_sky, grass_far, grass_near = _SKIES.get(name, _SKIES["day"])
    hy = world.horizon * pen.h
    if name == "dusk":
        pen.gradient(0, 0, pen.w, hy * 0.55, top, (214, 120, 140))
        pen.gradient(0, hy * 0.55, pen.w, hy, (214, 120, 140), horizon_sky)
    else:
        pen.gradient(0, 0, pen.w, hy, top, horizon_sky)
    if name == "night":
        seed = 12345
        for _ in range(34):  # a fixed linear congruential sequence: the same stars every time
            seed = (seed * 1103515245 + 12345) % 2**31
            x = (seed % 10000) / 10000 * pen.w
            seed = (seed * 1103515245 + 12345) % 2**31
            y = (seed % 10000) / 10000 * hy * 0.85
            r = 0.8 + (seed % 7) / 6
            sky = _mix(top, horizon_sky, y / hy)
            pen.circle(x, y, r * 1.9, fill=_mix(sky, (255, 255, 220), 0.25))
            pen.circle(x, y, r, fill=(255, 255, 230))
    pen.gradient(0, hy, pen.w, pen.h, grass_far, grass_near)
    pen.rect(0, hy, pen.w, hy + 2.5, fill=shade(grass_far, -0.18))


# -- the interface ----------------------------------------------------------------------------------------
def draw(pen: Pen, obj, category, world) -> None:
    """Draw `obj` filling the pen (its box), facing right; the renderer mirrors the tile when obj.flip."""
    fn = _SPRITES.get(category.name)
    if fn is None:
        raise KeyError(f"the park world has no sprite for {category.name!r}")
    color = world.colors.get(obj.color) if (obj.color and category.colorable) else None
    if category.people:
        fn(pen, color, obj.pose, obj.expression)
    else:
        fn(pen, color)
