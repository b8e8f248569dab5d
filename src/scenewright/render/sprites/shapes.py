"""Sprites of the `shapes` world: CLEVR-like shaded solids on a studio floor.

Light comes from the upper left: top faces are lightest, the right side darkest, each solid casts a soft
shadow to the lower right, so a cube, a sphere and a cylinder are told apart at 128×128.
"""

from __future__ import annotations

from ..pen import Pen, alpha, arc_points, shade

FLOORS = {"light": ((178, 178, 182), (132, 132, 136), (120, 120, 126)),
          "dark": ((70, 72, 80), (44, 46, 52), (34, 35, 40))}


def background(pen: Pen, name: str, world) -> None:
    far, near, wall = FLOORS.get(name, FLOORS["light"])
    horizon = world.horizon * pen.h
    pen.gradient(0, 0, pen.w, horizon, shade(wall, -0.25), wall)
    pen.gradient(0, horizon, pen.w, pen.h, far, near)


def _shadow(pen: Pen, cx: float, cy: float, rx: float) -> None:
    for i, a in enumerate((0.10, 0.12, 0.16)):
        k = 1 - 0.18 * i
        pen.ellipse(cx + 6, cy, rx * k, rx * 0.22 * k, fill=alpha((0, 0, 0), a))


def _cube(pen: Pen, base) -> None:
    _shadow(pen, 52, 94, 46)
    top = [(6, 30), (28, 8), (94, 8), (72, 30)]
    front = [(6, 30), (72, 30), (72, 96), (6, 96)]
    side = [(72, 30), (94, 8), (94, 74), (72, 96)]
    pen.polygon(side, fill=shade(base, -0.38))
    pen.polygon(front, fill=base)
    pen.polygon(top, fill=shade(base, 0.32))
    pen.polygon([(6, 30), (72, 30), (72, 40), (6, 40)], fill=alpha(shade(base, 0.15), 0.5))
    edge = shade(base, -0.55)
    for poly in (top, front, side):
        pen.polygon(poly, outline=alpha(edge, 0.55), width=1.2)


def _sphere(pen: Pen, base) -> None:
    _shadow(pen, 54, 94, 40)
    pen.circle(50, 52, 45, fill=shade(base, -0.45))
    steps = 16
    for i in range(1, steps + 1):
        t = i / steps
        pen.circle(50 - 14 * t, 52 - 16 * t, 45 * (1 - 0.82 * t), fill=shade(base, -0.45 + 0.72 * t))
    pen.ellipse(36, 34, 9, 6, fill=alpha((255, 255, 255), 0.55), rot=-35)


def _light(t: float) -> float:
    """Brightness across a cylinder, t = 0 at its left edge, 1 at its right: lit from the upper left."""
    return 0.3 - 0.75 * abs(t - 0.3) ** 1.2


def _cylinder(pen: Pen, base) -> None:
    cx, rx, ry, top, bottom = pen.w / 2, pen.w / 2 - 5, 11, 18, 86
    _shadow(pen, cx + 2, 92, rx + 4)
    bands = 28
    for i in range(bands):
        a0, a1 = 180 - 180 * i / bands, 180 - 180 * (i + 1) / bands
        arc = arc_points(cx, bottom, rx, ry, a0, a1, 2)
        (x0, _), (x1, y1) = arc[0], arc[-1]
        outline = [(x0, top), (x1 + 0.4, top), (x1 + 0.4, y1)] + arc[-2::-1]  # 0.4: no seams between bands
        pen.polygon(outline, fill=shade(base, _light((i + 0.5) / bands)))
    pen.ellipse(cx, top, rx, ry, fill=shade(base, 0.35), outline=alpha(shade(base, -0.4), 0.6), width=1.2)


_DRAW = {"cube": _cube, "sphere": _sphere, "cylinder": _cylinder}


def draw(pen: Pen, obj, category, world) -> None:
    base = world.colors.get(obj.color or world.default_color, world.colors["gray"])
    _DRAW[obj.category](pen, base)
