"""Shared by the park world's sprite modules: the palette, the sprite registry (`_sprite`, `_SPRITES`)
and the drawing helpers (outlined shapes, curves, polygon clipping, lit-from-the-upper-left shading).

Shading uses opaque colours (and our own polygon clipping, `_lit`) rather than translucent overlays:
`Pen.raster` paints onto an RGBA tile without blending, so a translucent shape drawn over an opaque one
would leave a see-through hole. Translucency is kept only where nothing is beneath (glass, wings).
"""

from __future__ import annotations

import math
from typing import Callable, Sequence

from ...pen import arc_points, rotate, shade

Point = tuple[float, float]
INK = (48, 36, 32)
WHITE = (250, 250, 250)
_SPRITES: dict[str, Callable] = {}


def _sprite(name: str):
    def register(fn):
        _SPRITES[name] = fn
        return fn
    return register


# -- helpers ----------------------------------------------------------------------------------------------
def _edge(c: Sequence[int]) -> tuple:
    return shade(c, -0.5)


def _poly(pen, pts, fill, width: float = 1.6, edge=None) -> None:
    pen.polygon(pts, fill=fill, outline=edge or _edge(fill), width=width)


def _oval(pen, cx, cy, rx, ry, fill, width: float = 1.6, rot: float = 0.0, edge=None) -> None:
    pen.ellipse(cx, cy, rx, ry, fill=fill, outline=edge or _edge(fill), width=width, rot=rot)


def _stroke(pen, pts, color, width: float, edge: float = 1.2, edge_color=None) -> None:
    """A line with a dark rim: a limb, a pole, a rope."""
    pen.line(pts, edge_color or _edge(color), width + 2 * edge)
    pen.line(pts, color, width)


def _tf(pts: Sequence[Point], angle: float = 0.0, ox: float = 0.0, oy: float = 0.0, s: float = 1.0) -> list:
    """Scale by s, rotate by `angle` degrees about the origin, then move by (ox, oy)."""
    return [(ox + x, oy + y) for x, y in rotate([(px * s, py * s) for px, py in pts], angle, (0, 0))]


def _scale(pts: Sequence[Point], s: float, about: Point) -> list:
    ax, ay = about
    return [(ax + (x - ax) * s, ay + (y - ay) * s) for x, y in pts]


def _bez(p0, p1, p2, p3, n: int = 16) -> list:
    out = []
    for i in range(n + 1):
        t = i / n
        a, b, c, d = (1 - t) ** 3, 3 * t * (1 - t) ** 2, 3 * t * t * (1 - t), t ** 3
        out.append((a * p0[0] + b * p1[0] + c * p2[0] + d * p3[0], a * p0[1] + b * p1[1] + c * p2[1] + d * p3[1]))
    return out


def _band(cx, cy, rx, ry, x0, x1, n: int = 10) -> list:
    """The part of an ellipse between x0 and x1 (a stripe across a bee, a balloon)."""
    def half(x):
        return ry * math.sqrt(max(0.0, 1 - ((x - cx) / rx) ** 2))
    xs = [x0 + (x1 - x0) * i / n for i in range(n + 1)]
    return [(x, cy - half(x)) for x in xs] + [(x, cy + half(x)) for x in reversed(xs)]


def _dome(cx, cy, rx, ry, n: int = 28) -> list:
    """Upper half of an ellipse, flat side down (hats, buns, tents)."""
    return arc_points(cx, cy, rx, ry, 180, 360, n)


def _smooth(pts: Sequence[Point], rounds: int = 2) -> list:
    """Chaikin corner cutting: a polygon with rounded corners."""
    for _ in range(rounds):
        out = []
        for i in range(len(pts)):
            (ax, ay), (bx, by) = pts[i], pts[(i + 1) % len(pts)]
            out += [(0.75 * ax + 0.25 * bx, 0.75 * ay + 0.25 * by), (0.25 * ax + 0.75 * bx, 0.25 * ay + 0.75 * by)]
        pts = out
    return list(pts)


def _hull(points: Sequence[Point]) -> list:
    pts = sorted(set(points))
    if len(pts) < 3:
        return pts

    def cross(o, a, b):
        return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])
    lower, upper = [], []
    for p in pts:
        while len(lower) >= 2 and cross(lower[-2], lower[-1], p) <= 0:
            lower.pop()
        lower.append(p)
    for p in reversed(pts):
        while len(upper) >= 2 and cross(upper[-2], upper[-1], p) <= 0:
            upper.pop()
        upper.append(p)
    return lower[:-1] + upper[:-1]


def _mix(a: Sequence[int], b: Sequence[int], t: float) -> tuple:
    return tuple(int(round(x + (y - x) * t)) for x, y in zip(a[:3], b[:3]))


def _clip(subject: Sequence[Point], clipper: Sequence[Point]) -> list:
    """Sutherland–Hodgman: the part of `subject` inside the convex `clipper` (points in arc_points order)."""
    out = list(subject)
    for i in range(len(clipper)):
        if not out:
            break
        (ax, ay), (bx, by) = clipper[i - 1], clipper[i]
        ex, ey = bx - ax, by - ay
        src, out = out, []
        px, py = src[-1]
        p_in = ex * (py - ay) - ey * (px - ax) >= 0
        for qx, qy in src:
            q_in = ex * (qy - ay) - ey * (qx - ax) >= 0
            if q_in != p_in:
                dx, dy = qx - px, qy - py
                den = ex * dy - ey * dx
                t = (ex * (ay - py) - ey * (ax - px)) / den if den else 0.0
                out.append((px + t * dx, py + t * dy))
            if q_in:
                out.append((qx, qy))
            px, py, p_in = qx, qy, q_in
    return out


def _lit(pen, pieces, cx, cy, rx, ry, dark: float = -0.3, mid: float = -0.14) -> None:
    """Shade coloured `pieces` [(polygon, colour)] lit from the upper left: drawn dark, then the parts inside
    smaller ellipses shifted towards the light in steps up to full colour (Pen has no clip, so we clip here)."""
    for pts, c in pieces:
        pen.polygon(pts, fill=shade(c, dark))
    steps = ((0.045, (dark + mid) / 2), (0.09, mid), (0.13, mid / 2), (0.17, 0.0))
    for k, amount in steps:
        lit = arc_points(cx - k * rx, cy - k * ry, rx * (1 - k * 1.1), ry * (1 - k * 1.1), 0, 360, 28)[:-1]
        for pts, c in pieces:
            part = _clip(pts, lit)
            if len(part) >= 3:
                pen.polygon(part, fill=shade(c, amount))


def _ball(pen, cx, cy, r, base, pieces=None, edge=INK) -> None:
    """A shaded ball: `pieces` [(polygon, colour)] are its coloured panels (default: one colour)."""
    _lit(pen, pieces or [(arc_points(cx, cy, r, r, 0, 360, 40)[:-1], base)], cx, cy, r, r)


def _ball_finish(pen, cx, cy, r, base, edge=INK) -> None:
    pen.ellipse(cx - 0.38 * r, cy - 0.42 * r, 0.26 * r, 0.15 * r, fill=shade(base, 0.7), rot=-40)
    pen.circle(cx, cy, r, outline=edge, width=max(0.8, r * 0.06))


def _crescent(cx, cy, rx, ry, k: float = 0.1, a0: float = -40, a1: float = 120) -> list:
    """The shadow side of an ellipse: between its rim and the same ellipse moved towards the light."""
    return arc_points(cx, cy, rx, ry, a0, a1, 16) + arc_points(cx - k * rx, cy - k * ry, rx, ry, a1, a0, 16)


def _puffs(pen, puffs, base, light, edge, width: float = 2.0) -> None:
    """A cluster of circles with an outline, a darker underside and a lit top (clouds, tree tops)."""
    for x, y, r in puffs:
        pen.circle(x, y, r + width, fill=edge)
    for x, y, r in puffs:
        pen.circle(x, y, r, fill=base)
    for x, y, r in puffs:
        pen.circle(x - r * 0.18, y - r * 0.22, r * 0.72, fill=light)


def _star(cx, cy, r, points: int = 5, inner: float = 0.45, rot: float = -90) -> list:
    out = []
    for i in range(points * 2):
        rr = r if i % 2 == 0 else r * inner
        a = math.radians(rot + i * 180 / points)
        out.append((cx + rr * math.cos(a), cy + rr * math.sin(a)))
    return out
