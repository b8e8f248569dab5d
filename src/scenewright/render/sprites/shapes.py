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
    steps = 9
    for i in range(1, steps + 1):
        t = i / steps
        r = 45 * (1 - 0.82 * t)
        pen.circle(50 - 14 * t, 52 - 16 * t, r, fill=shade(base, -0.45 + 0.72 * t))
    pen.ellipse(36, 34, 9, 6, fill=alpha((255, 255, 255), 0.55), rot=-35)


def _cylinder(pen: Pen, base) -> None:
    w = pen.w
    cx, rx, ry = w / 2, w / 2 - 5, 11
    _shadow(pen, cx + 2, 92, rx + 4)
    pen.ellipse(cx, 86, rx, ry, fill=shade(base, -0.4))
    bands = 14
    for i in range(bands):
        x0 = cx - rx + 2 * rx * i / bands
        x1 = cx - rx + 2 * rx * (i + 1) / bands + 0.6
        t = (i + 0.5) / bands  # lit from the left, dark on the right
        light = 0.28 - 0.7 * abs(t - 0.3) ** 1.1 - (0.15 if t > 0.8 else 0)
        pen.rect(x0, 18, x1, 86, fill=shade(base, light))
    pen.polygon(arc_points(cx, 86, rx, ry, 0, 180, 24), fill=shade(base, -0.3))
    for i in range(bands):
        t = (i + 0.5) / bands
        light = 0.28 - 0.7 * abs(t - 0.3) ** 1.1 - (0.15 if t > 0.8 else 0)
        a0, a1 = 180 - 180 * i / bands, 180 - 180 * (i + 1) / bands
        pts = arc_points(cx, 86, rx, ry, a0, a1, 3)
        pen.polygon(pts + [(pts[-1][0], 80), (pts[0][0], 80)], fill=shade(base, light))
    pen.ellipse(cx, 18, rx, ry, fill=shade(base, 0.35), outline=alpha(shade(base, -0.4), 0.6), width=1.2)


_DRAW = {"cube": _cube, "sphere": _sphere, "cylinder": _cylinder}


def draw(pen: Pen, obj, category, world) -> None:
    base = world.colors.get(obj.color or world.default_color, world.colors["gray"])
    _DRAW[obj.category](pen, base)
