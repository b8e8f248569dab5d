"""Sprites of the `park` world: our own vector art for CoDraw's 58 clip-art classes.

Every sprite fills its box (100 units tall, `100 · aspect` wide) and faces right when unflipped. Light comes
from the upper left: each piece has a flat base colour, a lighter highlight, a darker side and a dark outline,
so it reads at 128 px. The boy and the girl are one jointed figure: a pose is a set of joint positions, an
expression a set of brows, eyes and mouth. Only Pen primitives are used, so the same drawing rasterises and
exports to SVG.

Shading uses opaque colours (and our own polygon clipping, `_lit`) rather than translucent overlays:
`Pen.raster` paints onto an RGBA tile without blending, so a translucent shape drawn over an opaque one
would leave a see-through hole. Translucency is kept only where nothing is beneath (glass, wings).
"""

from __future__ import annotations

import math
from typing import Callable, Sequence

from ..pen import Pen, alpha, arc_points, rotate, shade

Point = tuple[float, float]
INK = (48, 36, 32)
WHITE = (250, 250, 250)
_SPRITES: dict[str, Callable] = {}


def _sprite(name: str):
    def register(fn):
        _SPRITES[name] = fn
        return fn
    return register


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


# -- sky --------------------------------------------------------------------------------------------------
@_sprite("helicopter")
def _helicopter(pen, color):
    red = color or (214, 56, 52)
    _poly(pen, [(66, 44), (14, 38), (14, 47), (66, 62)], shade(red, -0.1))
    _poly(pen, [(6, 22), (16, 36), (18, 50), (6, 50)], shade(red, -0.2))
    pen.ellipse(12, 40, 11, 11, outline=(90, 90, 100), width=0.8)
    pen.line([(3, 31), (21, 49)], (60, 60, 70), 1.6)
    pen.line([(3, 49), (21, 31)], (60, 60, 70), 1.6)
    pen.rect(95, 20, 105, 32, fill=(110, 110, 120), outline=INK, width=1.2)
    for x0, x1 in ((78, 74), (124, 128)):
        _stroke(pen, [(x0, 72), (x1, 91)], (120, 120, 130), 2.4, 0.8)
    _stroke(pen, [(60, 91), (150, 91), (158, 84)], (120, 120, 130), 3.2, 0.9)
    _oval(pen, 100, 54, 42, 26, red, 1.8)
    pen.polygon(_crescent(100, 54, 42, 26, 0.1, -30, 120), fill=shade(red, -0.16))
    _oval(pen, 118, 47, 21, 15, (176, 222, 246), 1.5, edge=(60, 70, 90))
    pen.ellipse(112, 41, 8, 4, fill=(236, 248, 255), rot=-25)
    pen.line([(62, 60), (138, 62)], shade(red, 0.35), 2.2)
    pen.ellipse(100, 18, 84, 3.8, fill=(70, 72, 80), outline=INK, width=0.8)
    pen.circle(100, 18, 4.5, fill=(150, 150, 160), outline=INK, width=1)


def _envelope(cx, cy, rx, ry, neck_w, neck_y, sx: float = 1.0) -> list:
    top = arc_points(cx, cy, rx * sx, ry, 180, 360, 16)
    lower = []
    for i in range(1, 9):
        t = i / 8
        hw = (neck_w + (rx - neck_w) * math.cos(t * math.pi / 2) ** 1.3) * sx
        lower.append((cx + hw, cy + t * (neck_y - cy)))
    return top + lower + [(2 * cx - x, y) for x, y in reversed(lower)]


@_sprite("hot air balloon")
def _hot_air_balloon(pen, color):
    cx, cy, rx, ry = pen.w / 2, 34, pen.w / 2 - 3, 31
    a, b = color or (226, 58, 70), (252, 206, 60)
    gores = [(_envelope(cx, cy, rx, ry, 9, 70, sx), c) for sx, c in ((1.0, a), (0.72, b), (0.42, a), (0.14, b))]
    _lit(pen, gores, cx, 37, rx, 34, -0.25, -0.1)
    pen.ellipse(cx - rx * 0.5, cy - ry * 0.45, 3, 9, fill=shade(a, 0.6), rot=30)
    pen.polygon(_envelope(cx, cy, rx, ry, 9, 70), outline=_edge(a), width=1.8)
    pen.rect(cx - 9, 68, cx + 9, 72, fill=(120, 80, 50), outline=INK, width=1)
    for x0, x1 in ((cx - 8, cx - 7), (cx + 8, cx + 7)):
        pen.line([(x0, 72), (x1, 84)], (90, 70, 50), 1.1)
    pen.rect(cx - 10, 83, cx + 10, 98, fill=(176, 120, 66), outline=(90, 56, 30), width=1.4, radius=2)
    for y in (88, 93):
        pen.line([(cx - 9, y), (cx + 9, y)], (130, 86, 46), 0.9)


def _cloud_puffs(x0, y0, w, h) -> list:
    spec = [(0.2, 0.62, 0.3), (0.38, 0.4, 0.36), (0.62, 0.34, 0.4), (0.82, 0.6, 0.3), (0.5, 0.66, 0.33),
            (0.3, 0.7, 0.28), (0.7, 0.72, 0.27)]
    return [(x0 + fx * w, y0 + fy * h, fr * h) for fx, fy, fr in spec]


def _cloud(pen, x0, y0, w, h, base, edge=None) -> None:
    puffs = _cloud_puffs(x0, y0, w, h)
    edge = edge or shade(base, -0.45)
    for x, y, r in puffs:
        pen.circle(x, y, r + 1.8, fill=edge)
    for x, y, r in puffs:
        pen.circle(x, y, r, fill=shade(base, -0.16))
    for x, y, r in puffs:
        pen.circle(x - r * 0.1, y - r * 0.16, r * 0.84, fill=base)
    for x, y, r in puffs[1:3]:
        pen.circle(x - r * 0.3, y - r * 0.35, r * 0.35, fill=shade(base, 0.5))


@_sprite("cloud")
def _cloud_sprite(pen, color):
    _cloud(pen, 6, 4, pen.w - 12, 96, color or (244, 246, 250), (150, 160, 178))


@_sprite("sun")
def _sun(pen, color):
    cx, cy = pen.w / 2, 50
    for k in range(16):
        a = k * 22.5
        long = 48 if k % 2 == 0 else 41
        pts = [(cx + 31 * math.cos(math.radians(a + s)), cy + 31 * math.sin(math.radians(a + s))) for s in (-9, 9)]
        pts.insert(1, (cx + long * math.cos(math.radians(a)), cy + long * math.sin(math.radians(a))))
        _poly(pen, pts, (246, 128, 34) if k % 2 == 0 else (250, 170, 40), 1.2, edge=(200, 90, 30))
    pen.circle(cx, cy, 33, fill=(244, 140, 34), outline=(200, 96, 30), width=1.6)
    for i in range(6):
        t = i / 5
        pen.circle(cx - 6 * t, cy - 6 * t, 30 * (1 - 0.55 * t), fill=shade((250, 205, 40), 0.45 * t))
    pen.ellipse(cx - 14, cy - 15, 7, 4, fill=(255, 248, 210), rot=-40)


@_sprite("lightning cloud")
def _lightning_cloud(pen, color):
    bolt = [(38, 40), (62, 40), (52, 60), (66, 60), (30, 99), (40, 69), (26, 69)]
    _poly(pen, bolt, (252, 222, 40), 1.8, edge=(214, 130, 20))
    pen.polygon(_scale(bolt, 0.6, (44, 64)), fill=(255, 246, 170))
    _cloud(pen, 2, 2, pen.w - 4, 56, color or (128, 134, 150), (60, 64, 80))


@_sprite("rain cloud")
def _rain_cloud(pen, color):
    drops = [(14, 66), (34, 62), (54, 66), (72, 62), (24, 80), (44, 78), (64, 82), (16, 94), (36, 93), (56, 95),
             (76, 90)]
    for x, y in drops:
        s = 3.4
        pts = [(x, y - 2.4 * s)] + arc_points(x, y, s, s, -25, 205, 14)
        _poly(pen, pts, (60, 120, 220), 1.0, edge=(30, 60, 140))
        pen.circle(x - 1, y - 0.5, 1, fill=(200, 225, 255))
    _cloud(pen, 2, 2, pen.w - 4, 56, color or (176, 184, 198), (90, 98, 116))


@_sprite("rocket")
def _rocket(pen, color):
    red = color or (222, 54, 54)
    ang, ox, oy, s = -36, pen.w / 2 + 2, 54, 1.0

    def T(pts):
        return _tf(pts, ang, ox, oy, s)
    flame = [(-30, -9), (-50, -13), (-44, -5), (-62, 0), (-44, 5), (-50, 13), (-30, 9)]
    _poly(pen, T(flame), (246, 120, 30), 1.2, edge=(210, 70, 30))
    pen.polygon(T(_scale(flame, 0.6, (-30, 0))), fill=(255, 226, 90))
    for sgn in (-1, 1):
        _poly(pen, T([(-30, 11 * sgn), (-12, 11 * sgn), (-30, 26 * sgn), (-38, 26 * sgn)]), red, 1.4)
    body = [(-32, -11), (20, -11)] + arc_points(20, 0, 24, 11, -90, 90, 16)[1:-1] + [(20, 11), (-32, 11)]
    _poly(pen, T(body), (236, 238, 242), 1.6, edge=(70, 74, 90))
    pen.polygon(T([(-32, 4), (20, 4)] + arc_points(20, 0, 24, 11, 45, 90, 6)[1:] + [(-32, 11)]),
                fill=(196, 200, 212))
    nose = arc_points(20, 0, 24, 11, -90, 90, 16)
    _poly(pen, T([(24, -10.6)] + [p for p in nose if p[0] >= 24] + [(24, 10.6)]), red, 1.4)
    _poly(pen, T([(-34, -11), (-28, -11), (-28, 11), (-34, 11)]), (120, 124, 140), 1.2)
    pen.circle(*T([(4, 0)])[0], 7, fill=(120, 124, 140), outline=INK, width=1.2)
    pen.circle(*T([(4, 0)])[0], 4.8, fill=(90, 170, 230))
    pen.circle(*T([(2.5, -1.5)])[0], 1.6, fill=(230, 245, 255))


@_sprite("airplane")
def _airplane(pen, color):
    body_c, trim = (238, 240, 246), color or (50, 110, 210)
    _poly(pen, [(92, 50), (116, 50), (84, 12), (74, 12)], (170, 176, 190), 1.4)
    _poly(pen, [(10, 50), (36, 50), (24, 10), (10, 10)], trim, 1.6)
    fus = [(12, 46), (150, 40)] + arc_points(150, 54, 36, 14, -90, 90, 18)[1:-1] + [(150, 68), (34, 66), (12, 56)]
    _poly(pen, fus, body_c, 1.8, edge=(70, 76, 96))
    pen.polygon([(24, 60), (150, 61)] + arc_points(150, 54, 36, 14, 30, 90, 8)[1:] + [(34, 66), (16, 62)],
                fill=shade(body_c, -0.14))
    pen.line([(16, 56), (176, 57)], trim, 2.6)
    for i in range(9):
        pen.circle(62 + i * 10, 49, 2.4, fill=(110, 170, 230), outline=(60, 80, 110), width=0.6)
    _poly(pen, [(168, 45), (180, 50), (170, 52)], (60, 90, 140), 1.0)
    _poly(pen, [(16, 56), (40, 56), (22, 70), (8, 70)], shade(body_c, -0.12), 1.2)
    _poly(pen, [(86, 60), (120, 60), (82, 97), (66, 97)], shade(body_c, -0.06), 1.6, edge=(70, 76, 96))
    _oval(pen, 96, 75, 11, 5, (150, 156, 172), 1.2)


# -- large ------------------------------------------------------------------------------------------------
@_sprite("bee rider")
def _bee_rider(pen, color):
    yellow, black = (250, 206, 40), (44, 38, 34)
    _oval(pen, 44, 94, 26, 5, (70, 130, 60), 1.2)
    zig = [(44 + (7 if i % 2 else -7), 91 - i * 4) for i in range(7)]
    _stroke(pen, zig, (150, 154, 166), 2.4, 0.8)
    pen.ellipse(30, 30, 12, 8, fill=alpha((220, 240, 255), 0.85), outline=(120, 140, 160), width=1, rot=-40)
    pen.ellipse(44, 27, 11, 7, fill=alpha((220, 240, 255), 0.85), outline=(120, 140, 160), width=1, rot=-70)
    _oval(pen, 40, 55, 30, 20, shade(yellow, -0.2), 1.8)
    pen.ellipse(38, 52, 27, 16.5, fill=yellow)
    for x0, x1 in ((24, 32), (42, 50)):
        pen.polygon(_band(40, 55, 30, 20, x0, x1), fill=black)
    pen.polygon([(10, 52), (2, 55), (10, 58)], fill=black)
    _stroke(pen, [(58, 44), (54, 36)], (60, 60, 60), 2.2, 0.6)
    _oval(pen, 70, 34, 17, 16, yellow, 1.8)
    for x in (66, 78):
        pen.line([(x - 2, 20), (x - 6 + (x - 66), 6)], black, 1.6)
        pen.circle(x - 6 + (x - 66), 6, 2.6, fill=black)
    pen.circle(76, 30, 6.2, fill=WHITE, outline=INK, width=1)
    pen.circle(78, 30, 3, fill=black)
    pen.circle(66, 30, 5, fill=WHITE, outline=INK, width=1)
    pen.circle(68, 30, 2.6, fill=black)
    pen.line(arc_points(72, 38, 8, 6, 20, 160, 10), (150, 40, 40), 1.8)
    pen.ellipse(60, 24, 3, 2, fill=shade(yellow, 0.6), rot=-40)


@_sprite("slide")
def _slide(pen, color):
    red, metal = color or (214, 52, 80), (196, 202, 214)
    for x0 in (6, 16):
        _stroke(pen, [(x0, 99), (x0 + 22, 12)], red, 2.8, 0.9)
    for i in range(1, 8):
        t = i / 8
        y = 99 - 87 * t
        pen.line([(6 + 22 * t, y), (16 + 22 * t, y)], shade(red, -0.2), 2.2)
    _stroke(pen, [(28, 12), (28, 2), (46, 2), (50, 14)], red, 2.2, 0.8)
    _stroke(pen, [(66, 54), (66, 99)], (150, 154, 166), 2.6, 0.8)
    top = _bez((36, 14), (58, 24), (66, 80), (94, 88), 20)
    chute = top + [(94, 95)] + [(x, y + 8) for x, y in reversed(top)][:-1] + [(30, 22)]
    _poly(pen, chute, shade(metal, -0.18), 1.6, edge=(80, 86, 100))
    pen.polygon(top + [(x, y + 4) for x, y in reversed(top)], fill=metal)
    pen.line(top, shade(metal, 0.6), 1.8)
    pen.line([(x, y + 8) for x, y in top], red, 2.6)
    _poly(pen, [(24, 12), (46, 12), (46, 18), (24, 18)], (150, 154, 166), 1.2)


@_sprite("sandbox")
def _sandbox(pen, color):
    wood, sand = (170, 110, 60), (238, 210, 146)
    W = pen.w
    _poly(pen, [(6, 74), (W - 6, 74), (W - 6, 96), (6, 96)], shade(wood, -0.22), 1.8)
    _poly(pen, [(34, 16), (W - 34, 16), (W - 6, 74), (6, 74)], wood, 1.8)
    _poly(pen, [(48, 26), (W - 48, 26), (W - 26, 66), (26, 66)], sand, 1.2, edge=shade(wood, -0.4))
    pen.polygon([(48, 26), (W - 48, 26), (W - 50, 31), (46, 31)], fill=shade(sand, -0.2))
    for x, y, rx in ((0.3 * W, 50, 30), (0.62 * W, 44, 40), (0.8 * W, 56, 22)):
        pen.polygon(_dome(x, y + 6, rx, 9), fill=shade(sand, 0.35))
    for x in (0.2, 0.5, 0.75):
        pen.line([(x * W, 80), (x * W + 30, 80)], shade(wood, -0.4), 1.0)
    pen.line([(36, 19), (W - 36, 19)], shade(wood, 0.3), 1.4)


@_sprite("grill")
def _grill(pen, color):
    red = color or (200, 44, 40)
    for foot in ((10, 96), (68, 96), (39, 90)):
        _stroke(pen, [(39, 56), foot], (140, 144, 156), 2.6, 0.8)
    _poly(pen, [(20, 76), (58, 76), (54, 80), (24, 80)], (120, 124, 136), 1.0)
    for x in (10, 68):
        pen.circle(x, 94, 4.2, fill=(60, 60, 66), outline=INK, width=1)
    bowl = arc_points(39, 30, 34, 28, 0, 180, 24)
    _poly(pen, bowl, red, 1.8)
    pen.polygon(arc_points(39, 30, 34, 28, 10, 120, 12) + arc_points(34, 28, 30, 22, 120, 10, 12),
                fill=shade(red, -0.2))
    pen.ellipse(28, 42, 11, 3.5, fill=shade(red, 0.35), rot=-10)
    _oval(pen, 39, 30, 34, 8, (40, 40, 44), 1.4)
    pen.ellipse(39, 31, 30, 6, fill=(220, 90, 40))
    for x in range(14, 66, 6):
        half = 6 * math.sqrt(max(0, 1 - ((x - 39) / 30) ** 2))
        pen.line([(x, 31 - half), (x, 31 + half)], (190, 192, 200), 1.1)
    pen.line([(9, 30), (69, 30)], (190, 192, 200), 1.1)
    _stroke(pen, [(70, 32), (77, 28)], (60, 60, 66), 2.2, 0.6)


@_sprite("swing")
def _swing(pen, color):
    blue, red = (70, 130, 206), color or (214, 70, 60)
    for top, feet in (((14, 8), ((3, 99), (27, 99))), ((104, 8), ((91, 99), (115, 99)))):
        for f in feet:
            _stroke(pen, [top, f], blue, 3.4, 1.0)
    _stroke(pen, [(6, 8), (112, 8)], red, 4.0, 1.0)
    for cx in (40, 78):
        for dx in (-8, 8):
            pen.line([(cx + dx, 10), (cx + dx, 74)], (110, 112, 120), 1.2)
        _poly(pen, [(cx - 11, 73), (cx + 11, 73), (cx + 10, 79), (cx - 10, 79)], (62, 62, 70), 1.2)
        for dx in (-8, 8):
            pen.circle(cx + dx, 10, 1.8, fill=(90, 90, 96))


@_sprite("tent")
def _tent(pen, color):
    base = color or (240, 130, 40)
    pen.line([(150, 10), (208, 96)], (120, 110, 100), 1.0)
    pen.line([(62, 14), (4, 96)], (120, 110, 100), 1.0)
    for x in (4, 208):
        pen.line([(x, 92), (x, 99)], (110, 80, 50), 2.0)
    _poly(pen, [(62, 14), (150, 10), (110, 92), (18, 90)], shade(base, -0.2), 1.8)
    for t in (0.33, 0.66):
        pen.line([(62 + 88 * t, 14 - 4 * t), (18 + 92 * t, 90 + 2 * t)], shade(base, -0.35), 1.0)
    _poly(pen, [(150, 10), (110, 92), (196, 92)], shade(base, 0.12), 1.8)
    _poly(pen, [(151, 28), (130, 92), (172, 92)], (80, 46, 24), 1.2)
    _poly(pen, [(151, 28), (158, 92), (172, 92)], shade(base, -0.05), 1.0)
    pen.line([(62, 14), (150, 10)], shade(base, 0.45), 2.0)
    pen.circle(150, 10, 2.4, fill=(110, 80, 50))


@_sprite("table")
def _table(pen, color):
    wood = color or (236, 192, 72)
    dark = shade(wood, -0.3)
    for x in (52, 186):
        _stroke(pen, [(x + 6, 30), (x + 24, 74)], shade(wood, -0.4), 5, 0.8)
    _poly(pen, [(34, 16), (206, 16), (228, 40), (10, 40)], wood, 1.8)
    for t in (0.25, 0.5, 0.75):
        pen.line([(34 + (10 - 34) * t, 16 + 24 * t), (206 + 22 * t, 16 + 24 * t)], dark, 0.9)
    _poly(pen, [(10, 40), (228, 40), (228, 47), (10, 47)], shade(wood, -0.2), 1.4)
    for x in (46, 190):
        _stroke(pen, [(x, 46), (x - 14, 97)], dark, 5, 0.8)
        _stroke(pen, [(x, 46), (x + 16, 97)], dark, 5, 0.8)
    _poly(pen, [(2, 66), (235, 66), (235, 73), (2, 73)], shade(wood, -0.05), 1.4)
    pen.line([(4, 67.5), (233, 67.5)], shade(wood, 0.4), 1.0)
    pen.line([(36, 18), (204, 18)], shade(wood, 0.45), 1.2)


@_sprite("pine tree")
def _pine_tree(pen, color):
    green = color or (36, 104, 58)
    cx = pen.w / 2
    _poly(pen, [(cx - 4, 84), (cx + 4, 84), (cx + 5, 100), (cx - 5, 100)], (110, 70, 40), 1.2)
    for i in range(6):
        apex = 1 + i * 13
        base = apex + 24 + i * 1.5
        hw = min(pen.w / 2 - 1.5, 7 + i * 3.6)
        tri = [(cx, apex), (cx + hw, base), (cx + hw * 0.5, base - 2.5), (cx, base), (cx - hw * 0.5, base - 2.5),
               (cx - hw, base)]
        _poly(pen, tri, green, 1.4)
        pen.polygon([(cx, apex + 1), (cx - hw + 2, base - 1), (cx - hw * 0.5, base - 3.5), (cx - 1, base - 2)],
                    fill=shade(green, 0.2))


def _trunk(pen, cx, top, bottom, w0, w1, bark=(120, 78, 44)) -> None:
    _poly(pen, [(cx - w1, bottom), (cx + w1, bottom), (cx + w0, top), (cx - w0, top)], bark, 1.4)
    pen.line([(cx - w0 * 0.3, top + 4), (cx - w1 * 0.4, bottom - 2)], shade(bark, 0.25), 1.2)


@_sprite("tree")
def _tree(pen, color):
    green = color or (66, 146, 62)
    cx = pen.w / 2
    _trunk(pen, cx, 58, 100, 3.5, 6)
    _stroke(pen, [(cx, 74), (cx - 10, 60)], (120, 78, 44), 2.2, 0.8)
    puffs = [(cx, 14, 12), (cx - 12, 28, 13), (cx + 12, 28, 13), (cx - 14, 46, 13), (cx + 14, 46, 13),
             (cx, 38, 15), (cx - 8, 62, 11), (cx + 9, 62, 11), (cx, 52, 12)]
    _puffs(pen, puffs, green, shade(green, 0.22), _edge(green), 1.6)


@_sprite("apple tree")
def _apple_tree(pen, color):
    green = color or (58, 138, 60)
    cx = pen.w / 2
    _trunk(pen, cx, 60, 100, 5, 8)
    puffs = [(cx, 18, 16), (cx - 20, 24, 15), (cx + 20, 24, 15), (cx - 28, 42, 15), (cx + 28, 42, 15),
             (cx, 40, 22), (cx - 16, 56, 14), (cx + 16, 56, 14)]
    _puffs(pen, puffs, green, shade(green, 0.18), _edge(green), 1.8)
    apples = [(-22, 22), (4, 12), (22, 28), (-8, 36), (14, 46), (-28, 46), (30, 50), (-12, 58), (2, 54), (-2, 26)]
    for dx, dy in apples:
        pen.circle(cx + dx, dy, 3.6, fill=(216, 34, 40), outline=(110, 20, 20), width=0.9)
        pen.circle(cx + dx - 1.2, dy - 1.2, 1.1, fill=(250, 200, 200))


# -- people -----------------------------------------------------------------------------------------------
class _Frame:
    """Pen-like: draws in figure units (ground at y = 0, up is negative), scaled by s and moved by (ox, oy)."""

    def __init__(self, pen: Pen, s: float, ox: float, oy: float):
        self.pen, self.s, self.ox, self.oy = pen, s, ox, oy

    def _p(self, pts):
        return [(self.ox + x * self.s, self.oy + y * self.s) for x, y in pts]

    def ellipse(self, cx, cy, rx, ry, fill=None, outline=None, width=0.0, rot: float = 0.0):
        (x, y), = self._p([(cx, cy)])
        self.pen.ellipse(x, y, rx * self.s, ry * self.s, fill, outline, width * self.s, rot)

    def circle(self, cx, cy, r, fill=None, outline=None, width=0.0):
        self.ellipse(cx, cy, r, r, fill, outline, width)

    def polygon(self, pts, fill=None, outline=None, width=0.0):
        self.pen.polygon(self._p(pts), fill, outline, width * self.s)

    def line(self, pts, color, width=1.0):
        self.pen.line(self._p(pts), color, width * self.s)


R = 13.0  # head radius in figure units; a standing child is about 100 units tall
ARM_W, LEG_W = 5.4, 6.6

# joints per pose: head centre, neck, pelvis, arms (back, front) and legs (back, front) as
# (shoulder, elbow, hand) / (hip, knee, ankle). Facing right: +x is forward. `behind`: the back arm is
# drawn behind the body (side views).
_POSES = {
    "standing": dict(head=(1, -86), neck=(0, -71), pelvis=(0, -44),
                     arms=[[(-9.5, -68), (-13, -55), (-14, -42)], [(9.5, -68), (13, -55), (14, -42)]],
                     legs=[[(-4.5, -44), (-5.5, -23), (-5.5, -4)], [(4.5, -44), (5.5, -23), (5.5, -4)]]),
    "arms up": dict(head=(1, -86), neck=(0, -71), pelvis=(0, -44),
                    arms=[[(-9.5, -68), (-17, -80), (-23, -94)], [(9.5, -68), (17, -80), (23, -94)]],
                    legs=[[(-4.5, -44), (-5.5, -23), (-5.5, -4)], [(4.5, -44), (5.5, -23), (5.5, -4)]]),
    "kicking": dict(head=(-2, -86), neck=(-1.5, -71), pelvis=(0, -44),
                    arms=[[(-10.5, -68), (-18, -60), (-24, -55)], [(8.5, -68), (16, -62), (23, -66)]],
                    legs=[[(-3, -44), (-5, -23), (-7, -4)], [(4, -44), (20, -40), (35, -36)]]),
    "running": dict(head=(7, -84), neck=(4, -70), pelvis=(-1, -43), behind=True,
                    arms=[[(-3, -67), (-11, -57), (-19, -62)], [(8, -67), (13, -55), (23, -58)]],
                    legs=[[(-2, -43), (-8, -25), (-22, -17)], [(1, -43), (13, -28), (18, -7)]]),
    "sitting cross-legged": dict(head=(1, -58), neck=(0, -43), pelvis=(0, -16),
                                 arms=[[(-9.5, -40), (-18, -29), (-21, -17)], [(9.5, -40), (18, -29), (21, -17)]],
                                 legs=[[(-4.5, -16), (-22, -12), (5, -5)], [(4.5, -16), (22, -12), (-5, -5)]]),
    "sitting": dict(head=(-6, -55), neck=(-8, -41), pelvis=(-6, -13), behind=True,
                    arms=[[(-11, -38), (-16, -23), (-18, -6)], [(-5, -38), (1, -27), (11, -21)]],
                    legs=[[(-5, -13), (10, -18), (27, -6)], [(-6, -12), (12, -15), (30, -3)]]),
    "waving": dict(head=(1, -86), neck=(0, -71), pelvis=(0, -44), wave=True,
                   arms=[[(-9.5, -68), (-13, -55), (-14, -42)], [(9.5, -68), (20, -75), (24, -91)]],
                   legs=[[(-4.5, -44), (-5.5, -23), (-5.5, -4)], [(4.5, -44), (5.5, -23), (5.5, -4)]]),
}

_LOOKS = {  # skin, hair, top, bottom, shoes
    "boy": dict(skin=(200, 140, 100), hair=(58, 36, 24), top=(66, 136, 214), bottom=(150, 214, 208),
                shoe=(56, 104, 196)),
    "girl": dict(skin=(250, 214, 182), hair=(246, 202, 72), top=(240, 116, 168), bottom=(240, 116, 168),
                 shoe=(44, 38, 44)),
}


def _unit(a: Point, b: Point) -> Point:
    dx, dy = b[0] - a[0], b[1] - a[1]
    n = math.hypot(dx, dy) or 1.0
    return dx / n, dy / n


def _lerp(a: Point, b: Point, t: float) -> Point:
    return a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t


def _person(pen: Pen, who: str, pose: str, expression: str) -> None:
    """The child in `pose`, scaled to fit the box, feet on its bottom edge, back to front."""
    P = _POSES.get(pose, _POSES["standing"])
    look = _LOOKS[who]
    hx, hy = P["head"]
    pts = [p for limb in P["arms"] + P["legs"] for p in limb]
    xs = [x for x, _ in pts] + [hx - R - (6 if who == "girl" else 2), hx + R + (6 if who == "girl" else 2)]
    ys = [y for _, y in pts] + [hy - R - 2.5, 0.0]
    x0, x1, y0, y1 = min(xs) - 4.5, max(xs) + 4.5, min(ys) - 4.5, max(ys) + 0.5
    s = min(pen.w / (x1 - x0), pen.h / (y1 - y0))
    F = _Frame(pen, s, pen.w / 2 - s * (x0 + x1) / 2, pen.h - s * y1)
    skin, top, bottom = look["skin"], look["top"], look["bottom"]

    if who == "girl":
        for side in (-1, 1):
            _oval(F, hx + side * (R + 2.5), hy + 6, 4.2, 8.5, look["hair"], 1.2, rot=-side * 18,
                  edge=(180, 130, 40))
    back_arm, front_arm = P["arms"]
    if P.get("behind"):
        _arm(F, back_arm, skin, shade(top, -0.12))
    for leg in P["legs"]:
        _leg(F, leg, skin, look["shoe"], bottom if who == "boy" else None)
    neck, pelvis = P["neck"], P["pelvis"]
    d = _unit(neck, pelvis)
    n = (-d[1], d[0])
    F.line([neck, (hx, hy)], _edge(skin), 6.5)
    F.line([neck, (hx, hy)], skin, 4.5)
    if who == "boy":
        waist = [(pelvis[0] + n[0] * k - d[0] * 3, pelvis[1] + n[1] * k - d[1] * 3) for k in (-8.5, 8.5)]
        hips = [_lerp(leg[0], leg[1], 0.12) for leg in P["legs"]]
        _poly(F, _hull(waist + hips + [pelvis]), bottom, 1.2)
    sh = [(neck[0] + n[0] * k + d[0] * 2.5, neck[1] + n[1] * k + d[1] * 2.5) for k in (-10.5, 10.5)]
    collar = [(neck[0] + n[0] * k - d[0] * 0.5, neck[1] + n[1] * k - d[1] * 0.5) for k in (-4.5, 4.5)]
    wa = [(pelvis[0] + n[0] * k, pelvis[1] + n[1] * k) for k in (8.8, -8.8)]
    _poly(F, [sh[0], collar[0], collar[1], sh[1]] + wa, top, 1.3)
    F.polygon([sh[0], wa[1], _lerp(wa[1], wa[0], 0.3), _lerp(sh[0], sh[1], 0.3)], fill=shade(top, -0.12))
    F.line(arc_points(neck[0], neck[1] + 0.5, 3.5, 2.2, 10, 170, 8), _edge(top), 1.0)
    if who == "girl":  # the skirt of the dress, over the lap
        waist = [(pelvis[0] + n[0] * k - d[0] * 5, pelvis[1] + n[1] * k - d[1] * 5) for k in (-8.2, 8.2)]
        hem = []
        for hip, knee, _ in P["legs"]:
            hx2, hy2 = _lerp(hip, knee, 0.75)
            u = _unit(hip, knee)
            hem += [(hx2 - u[1] * 7.5, hy2 + u[0] * 7.5), (hx2 + u[1] * 7.5, hy2 - u[0] * 7.5)]
        skirt = _smooth(_hull(waist + hem))
        _poly(F, skirt, bottom, 1.2)
        F.line([waist[0], waist[1]], shade(bottom, -0.3), 1.6)
    if not P.get("behind"):
        _arm(F, back_arm, skin, top)
    _arm(F, front_arm, skin, top)
    if P.get("wave"):
        hx3, hy3 = front_arm[2]
        for r in (6.5, 9.5):
            F.line(arc_points(hx3, hy3, r, r, -60, 10, 6), (70, 70, 90), 0.9)
    _head(F, who, hx, hy, look, expression)


def _arm(F, arm, skin, sleeve) -> None:
    shoulder, elbow, hand = arm
    _stroke(F, [shoulder, elbow, hand], skin, ARM_W, 0.9)
    _stroke(F, [shoulder, _lerp(shoulder, elbow, 0.42)], sleeve, ARM_W + 2.6, 0.9)
    _oval(F, hand[0], hand[1], 3.3, 3.3, skin, 0.9)


def _leg(F, leg, skin, shoe, shorts) -> None:
    hip, knee, ankle = leg
    _stroke(F, [hip, knee, ankle], skin, LEG_W, 0.9)
    if shorts:
        _stroke(F, [hip, _lerp(hip, knee, 0.55)], shorts, LEG_W + 3.4, 0.9)
    u = _unit(knee, ankle)
    toe = (-u[1], u[0]) if u[1] < 0 else (u[1], -u[0])  # across the shin, towards +x: shoes point forward
    cx, cy = ankle[0] + toe[0] * 2.4 + u[0] * 1.5, ankle[1] + toe[1] * 2.4 + u[1] * 1.5
    _oval(F, cx, cy, 5.2, 2.9, shoe, 0.9, rot=math.degrees(math.atan2(toe[1], toe[0])))
    F.ellipse(cx - toe[0] * 1.5, cy - 0.9, 2.2, 0.9, fill=shade(shoe, 0.35))


def _head(F, who, hx, hy, look, expression) -> None:
    skin, hair = look["skin"], look["hair"]
    if expression == "angry":  # flushed
        skin = _mix(skin, (232, 60, 40), 0.16)
    hair_edge = shade(hair, -0.35) if who == "girl" else (30, 18, 12)
    _oval(F, hx - R + 1.2, hy + 1.5, 3, 3.6, skin, 1.0)
    _oval(F, hx, hy, R, R, skin, 1.3)
    F.polygon(_crescent(hx, hy, R, R, 0.22), fill=_mix(skin, (120, 60, 30), 0.1))
    if who == "boy":
        fringe = [(hx + R - 0.5, hy - 3), (hx + 9, hy - 6.5), (hx + 6, hy - 4.8), (hx + 2.5, hy - 7.2),
                  (hx - 1.5, hy - 5), (hx - 5, hy - 7.5), (hx - 8.5, hy - 4.5), (hx - 10, hy + 1),
                  (hx - R - 0.8, hy + 3)]
        cap = arc_points(hx, hy, R + 1.4, R + 1.8, 170, 345, 20)
    else:
        fringe = [(hx + R - 0.5, hy - 1), (hx + 8, hy - 6), (hx + 3, hy - 5), (hx - 1, hy - 7), (hx - 6, hy - 4.5),
                  (hx - 10, hy - 3), (hx - R - 0.5, hy + 3)]
        cap = arc_points(hx, hy, R + 1.8, R + 2, 165, 350, 20)
    _poly(F, cap + fringe, hair, 1.2, edge=hair_edge)
    F.line(arc_points(hx - 1, hy - 1, R - 3, R - 2, 215, 255, 6), shade(hair, 0.35), 1.3)
    if who == "girl":
        for side in (-1, 1):
            F.circle(hx + side * (R + 0.5), hy + 0.5, 2, fill=(230, 60, 120), outline=(140, 30, 70), width=0.6)
    _face(F, hx + 2.2, hy, skin, expression)


def _face(F, fx, hy, skin, expression) -> None:
    ink, lips = (40, 28, 26), (120, 34, 40)
    e = expression if expression in ("angry", "laughing", "happy", "sad", "surprised") else "happy"
    ey = hy - 0.5
    for side in (-1, 1):  # -1: the eye on the left (its inner side is +x)
        ex = fx + side * 4.6
        if e == "laughing":
            F.line(arc_points(ex, ey + 1.2, 2.6, 2.4, 200, 340, 8), ink, 1.5)
        else:
            big = e == "surprised"
            rx, ry = (3.0, 4.0) if big else (2.5, 3.2)
            F.ellipse(ex, ey, rx, ry, fill=WHITE, outline=ink, width=0.7)
            F.circle(ex + (0 if big else 0.7), ey + (0 if big else 0.3), 1.3 if big else 1.75, fill=ink)
            F.circle(ex + 0.2, ey - 0.9, 0.55, fill=WHITE)
            if e in ("angry", "sad"):
                hi_o, hi_i = (3.6, 0.4) if e == "angry" else (0.9, 3.4)
                lid = [(ex + side * 3.2, ey - hi_o), (ex - side * 3.2, ey - hi_i)]
                F.polygon(lid + [(ex - side * 3.2, ey - 4.4), (ex + side * 3.2, ey - 4.4)], fill=skin)
                F.line(lid, ink, 0.9)
        # brows: outer end, inner end (the end towards the nose)
        bo, bi = {"angry": (-7.8, -4.2), "sad": (-5.2, -8.2), "surprised": (-8.6, -9.0)}.get(e, (-6.6, -7.0))
        outer, inner = (ex + side * 3.0, hy + bo), (ex - side * 2.4, hy + bi)
        if e in ("angry", "sad"):
            F.line([outer, inner], ink, 1.7 if e == "angry" else 1.3)
        else:
            mid = ((outer[0] + inner[0]) / 2, min(outer[1], inner[1]) - 1.2)
            F.line([outer, mid, inner], ink, 1.2)
    F.line(arc_points(fx + 1.5, hy + 2.4, 1.4, 1.1, 20, 160, 6), shade(skin, -0.35), 0.9)
    mx, my = fx + 0.8, hy + 6.2
    if e in ("happy", "laughing"):
        for side in (-1, 1):
            F.ellipse(fx + side * 7.3, hy + 3.6, 2.2, 1.3, fill=_mix(skin, (240, 90, 90), 0.35))
    if e == "happy":
        F.polygon(arc_points(mx, my - 1.8, 4.6, 3.8, 10, 170, 12) + arc_points(mx, my - 1.6, 4.2, 1.8, 170, 10, 8),
                  fill=lips, outline=ink, width=0.6)
    elif e == "laughing":
        mouth = arc_points(mx, my - 2.4, 5.4, 6.2, 0, 180, 16)
        F.polygon(mouth, fill=(104, 26, 36), outline=ink, width=0.8)
        F.polygon([(mx - 4.6, my - 2.4), (mx + 4.6, my - 2.4), (mx + 4.1, my - 0.6), (mx - 4.1, my - 0.6)], fill=WHITE)
        F.ellipse(mx + 0.3, my + 2.3, 3, 1.5, fill=(236, 110, 120))
    elif e == "sad":
        F.line(arc_points(mx, my + 2.8, 4, 2.8, 200, 340, 10), ink, 1.5)
        tx, ty = fx - 5.5, ey + 5
        F.polygon([(tx, ty - 3.2)] + arc_points(tx, ty, 1.5, 1.5, -20, 200, 8), fill=(90, 170, 240),
                  outline=(40, 90, 170), width=0.5)
    elif e == "angry":
        F.polygon([(mx - 4.5, my - 1.8), (mx + 4.5, my - 1.8), (mx + 4.0, my + 1.8), (mx - 4.0, my + 1.8)],
                  fill=WHITE, outline=ink, width=0.8)
        F.line([(mx - 4.2, my), (mx + 4.2, my)], ink, 0.5)
        for x in (-1.5, 1.5):
            F.line([(mx + x, my - 1.8), (mx + x, my + 1.8)], ink, 0.4)
    else:
        F.ellipse(mx, my + 0.4, 2.5, 3.3, fill=(104, 26, 36), outline=ink, width=0.8)


@_sprite("boy")
def _boy(pen, color, pose=None, expression=None):
    _person(pen, "boy", pose or "standing", expression or "happy")


@_sprite("girl")
def _girl(pen, color, pose=None, expression=None):
    _person(pen, "girl", pose or "standing", expression or "happy")


# -- animals ----------------------------------------------------------------------------------------------
@_sprite("bear")
def _bear(pen, color):
    fur, belly = color or (124, 78, 42), (184, 134, 88)
    cx = pen.w / 2
    for side in (-1, 1):
        _stroke(pen, [(cx + side * 18, 50), (cx + side * 27, 30), (cx + side * 28, 14)], fur, 11, 1.4)
        _oval(pen, cx + side * 28, 12, 7, 7, fur, 1.4)
        for k in (-1, 0, 1):
            x = cx + side * 28 + k * 4
            pen.polygon([(x - 1.3, 7), (x + 1.3, 7), (x, 1)], fill=(245, 240, 225), outline=INK, width=0.6)
        _oval(pen, cx + side * 12, 90, 10, 9, fur, 1.4)
        _oval(pen, cx + side * 12, 94, 8, 4, shade(fur, -0.25), 1.0)
    _oval(pen, cx, 64, 24, 27, fur, 1.8)
    pen.polygon(_crescent(cx, 64, 24, 27, 0.16, -50, 110), fill=shade(fur, -0.2))
    pen.ellipse(cx, 70, 14, 18, fill=belly)
    for side in (-1, 1):
        _oval(pen, cx + side * 12, 17, 6.5, 6.5, fur, 1.4)
        pen.circle(cx + side * 12, 17, 3.5, fill=belly)
    _oval(pen, cx, 31, 16, 15, fur, 1.8)
    _oval(pen, cx, 38, 8.5, 6.5, belly, 1.0)
    pen.ellipse(cx, 34.5, 3.4, 2.4, fill=INK)
    pen.polygon(arc_points(cx, 39, 4.5, 4.5, 0, 180, 10), fill=(120, 30, 40), outline=INK, width=0.8)
    for side in (-1, 1):
        pen.circle(cx + side * 6.5, 27, 2.3, fill=INK)
        pen.circle(cx + side * 6.5 + 0.7, 26.3, 0.8, fill=WHITE)
        pen.line([(cx + side * 10, 21), (cx + side * 3, 23.5)], INK, 1.3)
    pen.ellipse(cx - 7, 23, 4, 2.2, fill=shade(fur, 0.25), rot=-30)


@_sprite("cat")
def _cat(pen, color):
    fur = color or (242, 152, 62)
    dark, light = shade(fur, -0.3), (252, 222, 180)
    _stroke(pen, _bez((34, 92), (6, 98), (2, 70), (12, 58), 14), fur, 6, 1.2)
    _oval(pen, 38, 70, 21, 26, fur, 1.6)
    for y in (56, 66, 76):
        pen.line(arc_points(26, y, 8, 4, 150, 250, 6), dark, 1.4)
    pen.ellipse(48, 72, 9, 15, fill=light)
    for x in (44, 53):
        _stroke(pen, [(x, 78), (x + 1, 94)], fur, 5.5, 1.0)
        _oval(pen, x + 2, 95, 4.2, 2.6, light, 0.9)
    cx, cy = 50, 34
    for ear in ([(37, 26), (37, 5), (49, 19)], [(53, 18), (66, 5), (65, 27)]):
        _poly(pen, ear, fur, 1.4)
        pen.polygon(_scale(ear, 0.55, (sum(p[0] for p in ear) / 3, sum(p[1] for p in ear) / 3 + 2)),
                    fill=(246, 170, 170))
    _oval(pen, cx, cy, 17, 15, fur, 1.6)
    pen.ellipse(56, 41, 9, 6, fill=light)
    for x in (46, 58):
        pen.ellipse(x, 31, 3.2, 4, fill=(140, 200, 70), outline=INK, width=0.7)
        pen.ellipse(x + 0.5, 31, 1.0, 3.2, fill=INK)
    pen.polygon([(54, 38), (60, 38), (57, 41)], fill=(230, 110, 120))
    pen.line([(57, 41), (57, 43), (54, 45)], INK, 0.9)
    pen.line([(57, 43), (60, 45)], INK, 0.9)
    for dy in (-1.5, 1.5):
        pen.line([(62, 42 + dy), (74, 40 + dy * 2.2)], (90, 70, 60), 0.7)
        pen.line([(50, 42 + dy), (40, 40 + dy * 2.2)], (90, 70, 60), 0.7)
    pen.line([(48, 21), (50, 26)], dark, 1.4)
    pen.line([(53, 20), (53, 25)], dark, 1.4)


@_sprite("dog")
def _dog(pen, color):
    fur = color or (208, 162, 102)
    dark, light = shade(fur, -0.28), shade(fur, 0.35)
    _stroke(pen, _bez((30, 50), (20, 44), (14, 32), (12, 20), 10), fur, 5, 1.2)
    for x in (36, 82):
        _stroke(pen, [(x + 4, 56), (x + 2, 94)], dark, 9, 1.2)
        _oval(pen, x + 4, 95, 5.5, 3, shade(dark, -0.1), 1.0)
    for x in (46, 92):
        _stroke(pen, [(x, 56), (x + 1, 94)], fur, 9, 1.2)
        _oval(pen, x + 3, 95, 5.5, 3, light, 1.0)
    _oval(pen, 62, 54, 40, 17, fur, 1.8)
    pen.polygon(arc_points(62, 54, 40, 17, 20, 160, 14) + arc_points(62, 50, 36, 13, 160, 20, 14),
                fill=shade(fur, -0.15))
    pen.ellipse(58, 45, 24, 4, fill=shade(fur, 0.25))
    _stroke(pen, [(92, 50), (100, 38)], fur, 13, 1.3)
    _stroke(pen, [(93, 44), (98, 58)], (40, 96, 200), 3.2, 0.8)
    _oval(pen, 106, 32, 15, 14, fur, 1.6)
    _oval(pen, 120, 39, 12, 8, light, 1.4)
    pen.line([(118, 45), (126, 46)], INK, 1.0)
    pen.circle(130, 35, 4, fill=INK)
    pen.circle(129, 33.8, 1.2, fill=(150, 150, 160))
    pen.circle(110, 27, 2.6, fill=INK)
    pen.circle(110.8, 26.2, 0.9, fill=WHITE)
    _poly(pen, [(94, 22), (104, 20), (100, 46), (90, 42)], dark, 1.2)
    pen.polygon([(122, 46), (128, 46), (126, 53), (122, 52)], fill=(236, 110, 120), outline=INK, width=0.6)


@_sprite("duck")
def _duck(pen, color):
    white = color or (238, 240, 246)
    grey, orange = shade(white, -0.2), (248, 150, 40)
    for x in (44, 58):
        pen.line([(x, 82), (x - 1, 92)], (220, 120, 30), 2.0)
        _poly(pen, [(x - 6, 96), (x + 7, 96), (x, 90)], orange, 1.0)
    _poly(pen, [(16, 58), (2, 44), (26, 52)], white, 1.4, edge=(110, 116, 130))
    _stroke(pen, [(66, 58), (78, 32)], white, 13, 1.4, edge_color=(110, 116, 130))
    _oval(pen, 46, 66, 38, 21, white, 1.8, edge=(110, 116, 130))
    pen.polygon(arc_points(46, 66, 38, 21, 20, 160, 14) + arc_points(46, 62, 34, 17, 160, 20, 14),
                fill=_mix(white, (40, 60, 100), 0.14))
    pen.ellipse(38, 62, 20, 10, fill=grey, outline=(110, 116, 130), width=1.0, rot=-8)
    for k in (0, 1, 2):
        pen.line(arc_points(30 + k * 6, 62, 8, 6, 30, 110, 5), (110, 116, 130), 0.8)
    pen.line([(67, 55), (77, 34)], white, 12)
    _oval(pen, 80, 30, 15, 14, white, 1.6, edge=(110, 116, 130))
    _poly(pen, [(90, 26), (104, 33), (90, 38)], orange, 1.2)
    pen.line([(91, 33), (101, 33.5)], (180, 90, 20), 0.8)
    pen.circle(85, 26, 2.4, fill=INK)
    pen.circle(85.7, 25.3, 0.8, fill=WHITE)


@_sprite("owl")
def _owl(pen, color):
    brown, cream = color or (140, 94, 54), (222, 196, 150)
    cx = pen.w / 2
    for side in (-1, 1):
        _poly(pen, [(cx + side * 20, 24), (cx + side * 27, 3), (cx + side * 8, 18)], brown, 1.2)
    _oval(pen, cx, 55, 28, 37, brown, 1.8)
    pen.polygon(_crescent(cx, 55, 28, 37, 0.15, -50, 60), fill=shade(brown, -0.16))
    pen.ellipse(cx, 66, 17, 24, fill=cream)
    for row, y in enumerate((58, 68, 78)):
        for k in range(-1, 2):
            x = cx + k * 7 + (3.5 if row % 2 else 0)
            if abs(x - cx) < 13:
                pen.line([(x - 2.5, y), (x, y + 2.5), (x + 2.5, y)], shade(brown, -0.1), 1.1)
    for side in (-1, 1):
        _oval(pen, cx + side * 24, 60, 8, 22, shade(brown, -0.18), 1.2, rot=-side * 10)
    for side in (-1, 1):
        ex = cx + side * 10.5
        pen.circle(ex, 33, 11, fill=(200, 160, 110), outline=shade(brown, -0.4), width=1.0)
        pen.circle(ex, 33, 7.5, fill=(250, 200, 40), outline=INK, width=1.0)
        pen.circle(ex, 33, 4, fill=INK)
        pen.circle(ex + 1.3, 31.5, 1.3, fill=WHITE)
    _poly(pen, [(cx - 3.5, 40), (cx + 3.5, 40), (cx, 49)], (240, 160, 40), 1.0)
    for side in (-1, 1):
        for k in (-1.5, 1.5):
            pen.line([(cx + side * 8 + k, 90), (cx + side * 8 + k * 1.6, 97)], (220, 150, 40), 1.6)


@_sprite("snake")
def _snake(pen, color):
    green = color or (46, 160, 70)
    path = [(8 + 104 * t, 68 + 20 * math.sin(3 * math.pi * t) - 36 * t ** 2) for t in [i / 40 for i in range(41)]]
    widths = [3 + 9 * min(1.0, i / 20) for i in range(len(path))]
    for i in range(len(path) - 1):
        pen.line(path[i:i + 2], _edge(green), widths[i] + 3)
    for i in range(len(path) - 1):
        pen.line(path[i:i + 2], green, widths[i])
    for i in range(len(path) - 1):
        a, b = path[i], path[i + 1]
        pen.line([(a[0], a[1] + widths[i] * 0.28), (b[0], b[1] + widths[i] * 0.28)], shade(green, 0.45),
                 widths[i] * 0.3)
    for i in range(8, 38, 5):
        pen.circle(path[i][0], path[i][1] - widths[i] * 0.15, widths[i] * 0.2, fill=shade(green, -0.35))
    hx, hy = path[-1][0] + 12, path[-1][1] - 6
    pen.line([(hx + 12, hy + 3), (hx + 22, hy + 4), (hx + 26, hy + 1)], (220, 40, 50), 1.3)
    pen.line([(hx + 22, hy + 4), (hx + 26, hy + 7)], (220, 40, 50), 1.3)
    _oval(pen, hx, hy, 15, 10, green, 1.6, rot=-12)
    pen.ellipse(hx + 2, hy + 3, 10, 3.5, fill=shade(green, 0.4), rot=-12)
    pen.circle(hx + 3, hy - 3, 3.2, fill=(250, 230, 80), outline=INK, width=0.8)
    pen.ellipse(hx + 3.4, hy - 3, 1, 2.6, fill=INK)


# -- clothing ---------------------------------------------------------------------------------------------
@_sprite("baseball cap")
def _baseball_cap(pen, color):
    base = color or (60, 120, 200)
    _poly(pen, [(108, 70), (150, 68), (168, 78), (160, 90), (108, 88)], shade(base, -0.25), 1.8)
    crown = _dome(72, 86, 58, 74)
    _poly(pen, crown, base, 2.0)
    pen.polygon(arc_points(72, 86, 58, 74, 270, 350, 12) + [(72, 86)], fill=shade(base, -0.15))
    for x in (48, 96):
        pen.line(_bez((72, 14), ((x + 72) / 2, 24), (x, 50), (x, 86), 10), shade(base, -0.35), 1.2)
    pen.polygon(_star(76, 54, 14), fill=WHITE, outline=shade(base, -0.4), width=1.0)
    pen.ellipse(46, 40, 12, 7, fill=shade(base, 0.3), rot=-40)
    _oval(pen, 72, 13, 7, 4, shade(base, -0.1), 1.2)
    pen.line([(16, 86), (128, 86)], shade(base, -0.4), 3)


@_sprite("crown")
def _crown(pen, color):
    gold = color or (248, 200, 48)
    W = pen.w
    xs = [8 + (W - 16) * i / 4 for i in range(5)]
    top = []
    for i, x in enumerate(xs):
        top.append((x, 14))
        if i < 4:
            top.append(((x + xs[i + 1]) / 2, 48))
    _poly(pen, [(8, 92), (8, 58)] + top + [(W - 8, 58), (W - 8, 92)], gold, 2.0, edge=(170, 110, 20))
    pen.polygon([(8, 70), (W - 8, 70), (W - 8, 92), (8, 92)], fill=shade(gold, -0.12))
    pen.line([(8, 70), (W - 8, 70)], (170, 110, 20), 1.4)
    for x in xs:
        _oval(pen, x, 12, 5.5, 5.5, (252, 236, 140), 1.2, edge=(170, 110, 20))
    for i, x in enumerate(xs[1:4]):
        c = ((220, 40, 60), (50, 110, 220), (220, 40, 60))[i]
        _oval(pen, x, 81, 8, 7, c, 1.2)
        pen.circle(x - 2.5, 78.5, 2, fill=shade(c, 0.7))
    for x in ((xs[0] + xs[1]) / 2, (xs[3] + xs[4]) / 2):
        _oval(pen, x, 81, 5, 5, (60, 180, 90), 1.0)
    pen.line([(12, 62), (W * 0.5, 62)], shade(gold, 0.6), 2)


@_sprite("chef hat")
def _chef_hat(pen, color):
    white, edge = color or (246, 246, 250), (150, 156, 170)
    cx = pen.w / 2
    puffs = [(cx - 26, 42, 24), (cx, 30, 29), (cx + 26, 42, 24), (cx, 50, 22)]
    _puffs(pen, puffs, shade(white, -0.08), white, edge, 1.8)
    _poly(pen, [(cx - 36, 62), (cx + 36, 62), (cx + 34, 96), (cx - 34, 96)], white, 1.8, edge=edge)
    pen.polygon([(cx + 14, 62), (cx + 36, 62), (cx + 34, 96), (cx + 14, 96)], fill=_mix(white, (60, 70, 100), 0.12))
    for x in (-18, 0, 18):
        pen.line([(cx + x, 66), (cx + x, 92)], (200, 204, 214), 1.2)
    pen.line(arc_points(cx - 12, 52, 10, 8, 200, 300, 6), (200, 204, 214), 1.2)


@_sprite("pirate hat")
def _pirate_hat(pen, color):
    black = color or (34, 32, 38)
    cx, W = pen.w / 2, pen.w
    _oval(pen, cx, 50, 62, 40, black, 1.6, edge=(10, 10, 10))
    brim = [(2, 48), (30, 56), (60, 62), (cx, 64), (W - 60, 62), (W - 30, 56), (W - 2, 48), (W - 30, 86),
            (cx, 96), (30, 86)]
    _poly(pen, brim, black, 1.6, edge=(10, 10, 10))
    pen.line([(4, 50), (30, 58), (60, 64), (cx, 66), (W - 60, 64), (W - 30, 58), (W - 4, 50)], (230, 180, 50), 2.6)
    pen.ellipse(cx - 34, 30, 18, 5, fill=shade(black, 0.15), rot=-20)
    for a in (35, -35):
        pen.line(rotate([(cx - 22, 58), (cx + 22, 58)], a, (cx, 58)), (240, 240, 236), 4.5)
    pen.circle(cx, 42, 13, fill=(240, 240, 236))
    pen.rect(cx - 7, 50, cx + 7, 58, fill=(240, 240, 236), radius=2)
    for x in (-5, 5):
        pen.circle(cx + x, 42, 3.6, fill=black)
    pen.polygon([(cx - 1.5, 50), (cx + 1.5, 50), (cx, 47)], fill=black)


@_sprite("winter hat")
def _winter_hat(pen, color):
    base = color or (214, 48, 49)
    cx = pen.w / 2
    _poly(pen, _dome(cx, 78, 54, 62), base, 2.0)
    pen.polygon(arc_points(cx, 78, 54, 62, 290, 360, 10) + [(cx + 10, 78)], fill=shade(base, -0.15))
    pen.ellipse(cx - 26, 40, 10, 16, fill=shade(base, 0.25), rot=30)
    for k in range(-4, 5):
        pen.line(_bez((cx + k * 3, 18), (cx + k * 8, 28), (cx + k * 11, 60), (cx + k * 12, 76), 8),
                 shade(base, -0.22), 1.4)
    _poly(pen, [(cx - 62, 64), (cx + 62, 64), (cx + 62, 94), (cx - 62, 94)], (242, 242, 246), 1.8,
          edge=(150, 154, 166))
    for k in range(-11, 12, 2):
        pen.line([(cx + k * 5.4, 68), (cx + k * 5.4, 90)], (200, 204, 214), 1.4)
    _puffs(pen, [(cx, 16, 14)], (226, 228, 236), (250, 250, 252), (150, 154, 166), 1.6)


@_sprite("propeller hat")
def _propeller_hat(pen, color):
    cx, cy, rx, ry = pen.w / 2, 82, 62, 56
    colors = [(228, 50, 50), (246, 140, 40), (250, 220, 50), (70, 180, 70), (50, 170, 230), (70, 80, 210),
              (160, 70, 200)]
    n = len(colors)
    wedges = [([(cx, cy)] + arc_points(cx, cy, rx, ry, 180 + 180 * i / n, 180 + 180 * (i + 1) / n, 6), c)
              for i, c in enumerate(colors)]
    _lit(pen, wedges, cx, cy - ry / 2, rx, ry / 2 + 4, -0.25, -0.1)
    pen.ellipse(cx - 32, 54, 5, 12, fill=(250, 250, 250), rot=35)
    pen.polygon(_dome(cx, cy, rx, ry), outline=INK, width=1.8)
    _poly(pen, [(cx - rx - 2, cy - 6), (cx + rx + 2, cy - 6), (cx + rx + 2, cy + 6), (cx - rx - 2, cy + 6)],
          (60, 60, 80), 1.2)
    _stroke(pen, [(cx, 28), (cx, 14)], (120, 120, 130), 2.4, 0.8)
    _oval(pen, cx - 24, 12, 24, 5, (228, 50, 50), 1.2)
    _oval(pen, cx + 24, 12, 24, 5, (50, 110, 220), 1.2)
    _oval(pen, cx, 12, 4.5, 4.5, (250, 220, 50), 1.2)


@_sprite("wizard hat")
def _wizard_hat(pen, color):
    base = color or (62, 62, 168)
    _oval(pen, 56, 84, 54, 12, shade(base, -0.2), 1.8)
    cone = [(20, 84)] + _bez((20, 84), (36, 50), (46, 20), (80, 8), 10)[1:] + [(112, 22)] + \
        _bez((112, 22), (92, 20), (80, 40), (92, 84), 10)[:-1] + [(92, 84)]
    _poly(pen, cone, base, 1.8)
    pen.polygon([(62, 84)] + _bez((62, 84), (70, 50), (72, 30), (86, 14), 8) + _bez((112, 22), (92, 20), (80, 40),
                                                                                     (92, 84), 8)[1:],
                fill=shade(base, -0.15))
    pen.polygon([(20, 84), (92, 84), (88, 74), (24, 74)], fill=shade(base, 0.35))
    for x, y, r in ((44, 56, 7), (66, 38, 5), (70, 64, 5), (58, 22, 4)):
        pen.polygon(_star(x, y, r), fill=(250, 220, 60))
    pen.polygon(arc_points(38, 30, 6, 6, 60, 300, 10) + arc_points(41, 30, 4.5, 5, 300, 60, 10),
                fill=(250, 220, 60))


@_sprite("viking helmet")
def _viking_helmet(pen, color):
    horn, metal = (240, 228, 196), color or (168, 174, 188)
    cx, W = pen.w / 2, pen.w
    for side in (-1, 1):
        outer = _bez((cx + side * 36, 66), (cx + side * 62, 60), (cx + side * 68, 36), (cx + side * 66, 6), 10)
        inner = _bez((cx + side * 66, 6), (cx + side * 58, 32), (cx + side * 50, 44), (cx + side * 28, 48), 10)
        _poly(pen, outer + inner[1:], horn, 1.6, edge=(150, 130, 90))
        for t in (0.3, 0.55):
            a, b = outer[int(t * 10)], inner[10 - int(t * 10)]
            pen.line([a, b], (200, 180, 140), 1.2)
    _poly(pen, _dome(cx, 74, 44, 60), metal, 1.8)
    pen.polygon(arc_points(cx, 74, 44, 60, 290, 360, 10) + [(cx + 8, 74)], fill=shade(metal, -0.18))
    pen.ellipse(cx - 18, 38, 8, 14, fill=shade(metal, 0.4), rot=30)
    pen.polygon([(cx - 5, 16), (cx + 5, 16), (cx + 5, 72), (cx - 5, 72)], fill=shade(metal, -0.15))
    _poly(pen, [(cx - 48, 66), (cx + 48, 66), (cx + 48, 84), (cx - 48, 84)], (176, 120, 60), 1.6)
    for k in range(-4, 5):
        pen.circle(cx + k * 10, 75, 1.8, fill=(240, 210, 120), outline=(100, 70, 30), width=0.5)


def _spectacles(pen, lens, frame, r, rim, bridge_y, W) -> None:
    for cx in (W * 0.29, W * 0.71):
        pen.ellipse(cx, 50, r * 1.05, r, fill=lens, outline=frame, width=rim)
        pen.line([(cx - r * 0.5, 50 - r * 0.3), (cx - r * 0.1, 50 - r * 0.65)], alpha(WHITE, 0.8), rim * 0.6)
    pen.line(arc_points(W / 2, bridge_y + 12, W * 0.42 - r * 1.05 * 2 + 10, 12, 200, 340, 10), frame, rim)
    pen.line([(W * 0.29 - r * 1.05, 44), (4, 36)], frame, rim)
    pen.line([(W * 0.71 + r * 1.05, 44), (W - 4, 36)], frame, rim)


@_sprite("glasses")
def _glasses(pen, color):
    frame = color or (110, 60, 160)
    _spectacles(pen, (200, 226, 250, 110), frame, 40, 7, 40, pen.w)


@_sprite("sunglasses")
def _sunglasses(pen, color):
    W, frame = pen.w, color or (28, 28, 32)
    for cx in (W * 0.28, W * 0.72):
        lens = [(cx - 78, 12), (cx + 74, 12), (cx + 66, 66)] + arc_points(cx - 4, 66, 70, 28, 0, 180, 12)[1:-1] + \
            [(cx - 74, 66)]
        _poly(pen, lens, frame, 6, edge=(10, 10, 12))
        pen.polygon(_scale(lens, 0.8, (cx, 40)), fill=(52, 56, 70))
        pen.line([(cx - 44, 26), (cx - 20, 26)], (150, 156, 172), 5)
    pen.line([(10, 10), (W - 10, 10)], frame, 10)
    pen.line(arc_points(W / 2, 30, 28, 14, 200, 340, 8), frame, 8)


# -- food -------------------------------------------------------------------------------------------------
@_sprite("pie")
def _pie(pen, color):
    W, crust = pen.w, (228, 172, 92)
    _poly(pen, [(10, 58), (W - 10, 58), (W - 28, 96), (28, 96)], (196, 200, 212), 1.8, edge=(110, 114, 130))
    pen.polygon([(20, 78), (W - 20, 78), (W - 28, 96), (28, 96)], fill=(170, 174, 188))
    _poly(pen, _dome(W / 2, 62, W / 2 - 16, 48), crust, 1.8, edge=(150, 96, 40))
    pen.polygon(arc_points(W / 2, 62, W / 2 - 16, 48, 290, 360, 10) + [(W / 2 + 20, 62)], fill=shade(crust, -0.1))
    for k in (-2, -1, 0, 1, 2):
        x = W / 2 + k * 26
        pen.ellipse(x, 40 + abs(k) * 5, 3.5, 9, fill=(180, 30, 50), outline=(150, 96, 40), width=1.0,
                    rot=k * 12)
    for i in range(14):
        x = 18 + (W - 36) * i / 13
        _oval(pen, x, 60, 7.5, 6.5, shade(crust, 0.15), 1.2, edge=(150, 96, 40))
    pen.ellipse(W / 2 - 44, 30, 22, 5, fill=shade(crust, 0.35), rot=-12)


@_sprite("pizza")
def _pizza(pen, color):
    W = pen.w
    cx = W / 2
    _oval(pen, cx, 58, W / 2 - 5, 38, (190, 120, 60), 1.6)
    _oval(pen, cx, 50, W / 2 - 5, 38, (226, 166, 82), 1.6)
    _oval(pen, cx, 50, W / 2 - 20, 30, (248, 212, 90), 1.0, edge=(210, 80, 40))
    for a in (0, 60, 120):
        pts = arc_points(cx, 50, W / 2 - 20, 30, a, a + 180, 1)
        pen.line([pts[0], pts[-1]], (210, 170, 70), 1.2)
    for x, y in ((-80, 44), (-38, 34), (10, 30), (56, 36), (92, 48), (-60, 62), (-10, 58), (40, 64), (80, 62)):
        _oval(pen, cx + x, y, 13, 5.5, (196, 50, 40), 1.0)
        pen.ellipse(cx + x - 3, y - 1.5, 4, 1.5, fill=(226, 120, 110))
    for x, y in ((-20, 44), (30, 50), (70, 40), (-95, 56)):
        pen.ellipse(cx + x, y, 5, 2, fill=(70, 150, 60))


@_sprite("hot dog")
def _hot_dog(pen, color):
    bun = (230, 172, 96)
    W = pen.w
    _oval(pen, W / 2 - 4, 44, W / 2 - 16, 22, shade(bun, -0.1), 1.6, edge=(150, 96, 40))
    _oval(pen, W / 2, 54, W / 2 - 4, 17, (196, 74, 56), 1.6, rot=-3)
    pen.ellipse(W / 2 - 6, 46, W / 2 - 30, 3, fill=(226, 130, 110), rot=-3)
    pen.line([(20 + i * (W - 44) / 12, 46 + (4 if i % 2 else -4)) for i in range(13)], (250, 210, 40), 4)
    front = arc_points(W / 2 - 4, 56, W / 2 - 14, 36, 0, 180, 24)
    _poly(pen, front, bun, 1.8, edge=(150, 96, 40))
    pen.ellipse(W / 2 - 24, 66, 36, 5, fill=shade(bun, 0.3))


def _squeeze_bottle(pen, body, cap) -> None:
    cx = pen.w / 2
    _poly(pen, [(cx - 3, 14), (cx + 3, 14), (cx + 1, 2), (cx - 1, 2)], cap, 1.0)
    _poly(pen, [(cx - 10, 28), (cx + 10, 28), (cx + 8, 12), (cx - 8, 12)], cap, 1.2)
    pen.rect(cx - 15, 26, cx + 15, 98, fill=body, outline=_edge(body), width=1.6, radius=8)
    pen.rect(cx + 6, 30, cx + 14, 96, fill=shade(body, -0.15), radius=4)
    pen.rect(cx - 11, 32, cx - 7, 90, fill=shade(body, 0.45), radius=2)
    pen.rect(cx - 14, 50, cx + 14, 74, fill=(250, 248, 240))
    pen.circle(cx, 62, 6, fill=body)


@_sprite("ketchup")
def _ketchup(pen, color):
    _squeeze_bottle(pen, (214, 34, 34), (246, 246, 246))


@_sprite("mustard")
def _mustard(pen, color):
    _squeeze_bottle(pen, (246, 200, 30), (214, 150, 20))


@_sprite("hamburger")
def _hamburger(pen, color):
    bun, W = (230, 160, 80), pen.w
    pen.rect(10, 76, W - 10, 96, fill=bun, outline=(150, 96, 40), width=1.6, radius=8)
    pen.rect(4, 58, W - 4, 78, fill=(112, 62, 36), outline=(60, 30, 16), width=1.6, radius=9)
    _poly(pen, [(8, 54), (W - 8, 54), (W - 12, 62), (W - 30, 62), (W - 38, 72), (W - 46, 62), (40, 62), (30, 70),
                (22, 62), (12, 62)], (252, 200, 40), 1.2)
    wave = [(4 + (W - 8) * i / 16, 52 + (5 if i % 2 else 0)) for i in range(17)]
    _poly(pen, wave + [(W - 8, 48), (8, 48)], (100, 184, 60), 1.2)
    _poly(pen, _dome(W / 2, 50, W / 2 - 6, 44), bun, 1.8, edge=(150, 96, 40))
    pen.ellipse(W / 2 - 24, 22, 18, 6, fill=shade(bun, 0.3), rot=-12)
    for x, y in ((-34, 30), (-14, 20), (8, 28), (28, 18), (40, 34), (-4, 40), (-40, 42), (18, 42)):
        pen.ellipse(W / 2 + x, y, 3.2, 1.8, fill=(250, 240, 200), rot=20)


@_sprite("drink")
def _drink(pen, color):
    cup, W = color or (214, 48, 49), pen.w
    _stroke(pen, [(W / 2 + 6, 22), (W / 2 + 20, 0)], (250, 250, 250), 5, 1.0)
    pen.line([(W / 2 + 9, 17), (W / 2 + 13, 11)], (220, 50, 50), 5)
    _poly(pen, [(8, 24), (W - 8, 24), (W - 18, 97), (18, 97)], cup, 1.8)
    pen.polygon([(W * 0.6, 24), (W - 8, 24), (W - 18, 97), (W * 0.58, 97)], fill=shade(cup, -0.15))
    pen.polygon([(16, 26), (22, 26), (26, 94), (22, 94)], fill=shade(cup, 0.4))
    pen.polygon([(12, 48), (W - 11, 48), (W - 13, 64), (14, 64)], fill=(250, 250, 250))
    pen.polygon([(W * 0.6, 48), (W - 11, 48), (W - 13, 64), (W * 0.6, 64)], fill=(222, 222, 228))
    _oval(pen, W / 2, 22, W / 2 - 5, 6, (245, 245, 245), 1.4)


# -- toys -------------------------------------------------------------------------------------------------
def _ball_box(pen) -> tuple[float, float, float]:
    return pen.w / 2, 50.0, min(pen.w, 100) / 2 - 4


@_sprite("baseball")
def _baseball(pen, color):
    cx, cy, r = _ball_box(pen)
    base = (248, 246, 240)
    _ball(pen, cx, cy, r, base)
    for side in (-1, 1):
        arc = arc_points(cx + side * r * 1.45, cy, r * 0.85, r * 0.85, 180 - 40 if side > 0 else -40,
                         180 + 40 if side > 0 else 40, 10)
        pen.line(arc, (210, 40, 40), r * 0.07)
        for i in range(1, 10, 2):
            x, y = arc[i]
            dx = -side * r * 0.1
            pen.line([(x - dx, y - r * 0.05), (x + dx, y + r * 0.05)], (210, 40, 40), r * 0.05)
    _ball_finish(pen, cx, cy, r, base, (120, 110, 100))


@_sprite("baseball glove")
def _baseball_glove(pen, color):
    leather = color or (176, 104, 46)
    dark = shade(leather, -0.3)
    for i, (x, y, rot) in enumerate(((52, 22, -6), (66, 20, 8), (80, 26, 24), (90, 38, 40))):
        _oval(pen, x, y, 8, 18, leather, 1.6, rot=rot)
    _oval(pen, 18, 52, 9, 20, leather, 1.6, rot=-50)
    _oval(pen, 56, 58, 36, 34, leather, 1.8)
    pen.polygon(_crescent(56, 58, 36, 34, 0.12, -30, 120), fill=shade(leather, -0.15))
    pen.ellipse(58, 58, 22, 20, fill=dark)
    for y in (40, 48, 56):
        pen.line([(26, y), (36, y + 4)], (90, 50, 20), 1.6)
    pen.rect(30, 86, 82, 96, fill=dark, outline=_edge(leather), width=1.4, radius=4)
    pen.ellipse(40, 36, 8, 4, fill=shade(leather, 0.3), rot=-30)


@_sprite("shovel")
def _shovel(pen, color):
    red = color or (222, 50, 80)
    ang, ox, oy = -24, pen.w / 2 + 2, 50

    def T(pts):
        return _tf(pts, ang, ox, oy)
    _stroke(pen, T([(0, -46), (0, 14)]), (240, 200, 90), 4.5, 1.2)
    _stroke(pen, T([(-7, -46), (7, -46)]), red, 4.5, 1.2)
    blade = [(-12, 12), (12, 12), (13, 34), (0, 48), (-13, 34)]
    _poly(pen, T(blade), red, 1.6)
    pen.polygon(T([(2, 14), (12, 14), (13, 34), (2, 44)]), fill=shade(red, -0.15))
    pen.line(T([(-8, 16), (-9, 32)]), shade(red, 0.5), 2)


@_sprite("tennis racket")
def _tennis_racket(pen, color):
    frame = color or (214, 60, 50)
    ang, hx, hy, rx, ry = 35, 56, 34, 24, 30
    _stroke(pen, [(40, 58), (12, 96)], (150, 150, 160), 4.5, 1.2)
    _stroke(pen, [(22, 82), (12, 96)], (60, 60, 70), 5.5, 1.0)
    pen.ellipse(hx, hy, rx, ry, fill=alpha((240, 240, 240), 0.25), rot=ang)
    for k in range(-4, 5):
        x = k * rx / 5
        h = ry * math.sqrt(1 - (x / rx) ** 2)
        pen.line(_tf([(x, -h), (x, h)], ang, hx, hy), (230, 230, 220), 0.9)
        y = k * ry / 5
        w = rx * math.sqrt(1 - (y / ry) ** 2)
        pen.line(_tf([(-w, y), (w, y)], ang, hx, hy), (230, 230, 220), 0.9)
    pen.polygon(arc_points(hx, hy, rx, ry, 0, 360, 40, ang), outline=_edge(frame), width=5.6)
    pen.polygon(arc_points(hx, hy, rx, ry, 0, 360, 40, ang), outline=frame, width=3.6)


@_sprite("kite")
def _kite(pen, color):
    cols = ([color, shade(color, 0.45), color, shade(color, -0.25)] if color else
            [(230, 60, 90), (250, 170, 50), (60, 150, 220), (100, 190, 80)])
    c, top, right, bottom, left = (38, 28), (38, 2), (68, 26), (38, 70), (8, 26)
    pen.line(_bez((38, 32), (30, 64), (10, 72), (6, 99), 16), (90, 90, 100), 0.9)
    tail = _bez(bottom, (52, 92), (82, 64), (113, 78), 20)
    pen.line(tail, (80, 80, 90), 1.0)
    for i in (5, 10, 15, 19):
        x, y = tail[i]
        col = cols[i % 4]
        pen.polygon([(x, y), (x - 5, y - 4.5), (x - 5, y + 4.5)], fill=col, outline=_edge(col), width=0.7)
        pen.polygon([(x, y), (x + 5, y - 4.5), (x + 5, y + 4.5)], fill=col, outline=_edge(col), width=0.7)
    for (a, b), col, light in zip(((top, right), (right, bottom), (bottom, left), (left, top)), cols,
                                  (0.0, -0.12, -0.06, 0.1)):
        pen.polygon([c, a, b], fill=shade(col, light))
    pen.polygon([top, right, bottom, left], outline=INK, width=1.4)
    pen.line([top, bottom], (90, 60, 40), 1.3)
    pen.line([left, right], (90, 60, 40), 1.3)


@_sprite("campfire")
def _campfire(pen, color):
    wood = (126, 76, 40)
    flame = [(14, 82), (8, 58), (18, 42), (22, 56), (26, 28), (36, 4), (42, 32), (48, 20), (54, 44), (60, 34),
             (66, 58), (62, 82)]
    _poly(pen, flame, (232, 76, 30), 1.4, edge=(170, 40, 20))
    pen.polygon(_scale(flame, 0.72, (37, 84)), fill=(248, 150, 40))
    pen.polygon(_scale(flame, 0.42, (37, 86)), fill=(255, 228, 90))
    for a, b in (((6, 94), (66, 80)), ((8, 80), (68, 94))):
        _stroke(pen, [a, b], wood, 9, 1.3)
        pen.ellipse(a[0], a[1], 3.2, 4.6, fill=(214, 170, 110), outline=_edge(wood), width=0.8)
    for x in (10, 64):
        _oval(pen, x, 96, 7, 3.5, (150, 150, 156), 1.0)


@_sprite("bucket")
def _bucket(pen, color):
    base, W = color or (236, 82, 124), pen.w
    cx = W / 2
    pen.line(arc_points(cx, 40, W / 2 - 7, 34, 190, 350, 16), (130, 130, 140), 2.2)
    _poly(pen, [(5, 40), (W - 5, 40), (W - 13, 97), (13, 97)], base, 1.8)
    pen.polygon([(cx + 6, 40), (W - 5, 40), (W - 13, 97), (cx + 4, 97)], fill=shade(base, -0.15))
    pen.polygon([(10, 44), (15, 44), (19, 94), (15, 94)], fill=shade(base, 0.4))
    pen.line([(8, 60), (W - 8, 60)], shade(base, -0.25), 1.4)
    _oval(pen, cx, 40, W / 2 - 4, 7, shade(base, 0.2), 1.6)
    pen.ellipse(cx, 41, W / 2 - 9, 4.5, fill=shade(base, -0.4))
    for x in (6, W - 6):
        pen.circle(x, 42, 2, fill=(130, 130, 140))


@_sprite("beach ball")
def _beach_ball(pen, color):
    cx, cy, r = _ball_box(pen)
    px, py = cx - 0.28 * r, cy - 0.3 * r
    cols = [(230, 50, 50), (250, 250, 250), (50, 120, 220), (250, 210, 40), (60, 180, 90), (250, 140, 40)]
    panels = [([(px, py)] + arc_points(cx, cy, r, r, i * 60 - 20, (i + 1) * 60 - 20, 10), c)
              for i, c in enumerate(cols)]
    _ball(pen, cx, cy, r, WHITE, panels)
    pen.circle(px, py, r * 0.16, fill=WHITE, outline=(200, 200, 200), width=0.8)
    _ball_finish(pen, cx, cy, r, WHITE)


@_sprite("basketball")
def _basketball(pen, color):
    cx, cy, r = _ball_box(pen)
    seam, w, base = (40, 24, 16), r * 0.05, (232, 122, 40)
    _ball(pen, cx, cy, r, base)
    pen.line([(cx - r * 0.97, cy), (cx + r * 0.97, cy)], seam, w)
    pen.line([(cx, cy - r * 0.97), (cx, cy + r * 0.97)], seam, w)
    pen.line(arc_points(cx - r * 1.35, cy, r * 0.95, r * 0.95, -45, 45, 12), seam, w)
    pen.line(arc_points(cx + r * 1.35, cy, r * 0.95, r * 0.95, 135, 225, 12), seam, w)
    _ball_finish(pen, cx, cy, r, base, (110, 50, 20))


@_sprite("soccer ball")
def _soccer_ball(pen, color):
    cx, cy, r = _ball_box(pen)
    _ball(pen, cx, cy, r, (250, 250, 250))

    def pent(x, y, rr, rot):
        pts = [(x + rr * math.cos(math.radians(rot + k * 72)), y + rr * math.sin(math.radians(rot + k * 72)))
               for k in range(5)]
        out = []
        for px, py in pts:  # pull points that poke outside the ball back onto its rim
            d = math.hypot(px - cx, py - cy)
            k = min(1.0, (r - 0.5) / d) if d else 1.0
            out.append((cx + (px - cx) * k, cy + (py - cy) * k))
        return out
    inner = pent(cx, cy, r * 0.3, -90)
    for k in range(5):
        a = math.radians(-90 + k * 72)
        pen.line([inner[k], (cx + r * 0.62 * math.cos(a), cy + r * 0.62 * math.sin(a))], (60, 60, 60), r * 0.035)
        pen.polygon(pent(cx + r * 0.88 * math.cos(a), cy + r * 0.88 * math.sin(a), r * 0.3, -90 + k * 72 + 180),
                    fill=(30, 30, 34))
    pen.polygon(inner, fill=(30, 30, 34))
    _ball_finish(pen, cx, cy, r, (250, 250, 250))


@_sprite("tennis ball")
def _tennis_ball(pen, color):
    cx, cy, r = _ball_box(pen)
    base = color or (206, 232, 60)
    _ball(pen, cx, cy, r, base)
    pen.line(arc_points(cx - r * 1.2, cy, r * 0.8, r * 0.8, -52, 52, 12), (250, 250, 240), r * 0.09)
    pen.line(arc_points(cx + r * 1.2, cy, r * 0.8, r * 0.8, 128, 232, 12), (250, 250, 240), r * 0.09)
    _ball_finish(pen, cx, cy, r, base, (110, 130, 30))


@_sprite("football")
def _football(pen, color):
    brown, W = color or (140, 70, 36), pen.w
    ang, ox, oy, a, b = -14, W / 2, 50, W / 2 - 8, 34
    pts = []
    for i in range(48):
        t = 2 * math.pi * i / 48
        sn = math.sin(t)
        pts.append((a * math.cos(t), b * math.copysign(abs(sn) ** 1.25, sn)))
    lens = _tf(pts, ang, ox, oy)
    _lit(pen, [(lens, brown)], ox, oy, a, b)
    pen.polygon(lens, outline=_edge(brown), width=1.8)
    for x in (-a * 0.62, a * 0.62):
        pen.line(_tf([(x, -b * 0.7), (x, b * 0.7)], ang, ox, oy), (245, 245, 240), 4)
    pen.line(_tf([(-a * 0.3, -b * 0.2), (a * 0.3, -b * 0.2)], ang, ox, oy), (245, 245, 240), 2.2)
    for k in range(-3, 4):
        x = k * a * 0.09
        pen.line(_tf([(x, -b * 0.34), (x, -b * 0.06)], ang, ox, oy), (245, 245, 240), 2.2)
    pen.ellipse(*_tf([(-a * 0.45, -b * 0.45)], ang, ox, oy)[0], a * 0.18, b * 0.09, fill=shade(brown, 0.35),
                rot=ang)


@_sprite("frisbee")
def _frisbee(pen, color):
    base, W = color or (246, 140, 40), pen.w
    _oval(pen, W / 2, 58, W / 2 - 6, 34, shade(base, -0.3), 1.8)
    _oval(pen, W / 2, 48, W / 2 - 6, 34, base, 1.8)
    pen.ellipse(W / 2, 48, W / 2 - 40, 20, outline=shade(base, -0.2), width=2.4)
    pen.ellipse(W / 2 - 44, 32, 34, 6, fill=shade(base, 0.45), rot=-8)


@_sprite("baseball bat")
def _baseball_bat(pen, color):
    wood = color or (218, 170, 104)
    ang, ox, oy = 16, pen.w / 2, 50
    side = [(3, 42), (3, 14), (7, -24), (8, -38)]
    pts = side + arc_points(0, -38, 8, 8, 0, -180, 10)[1:-1] + [(-x, y) for x, y in reversed(side)]
    _poly(pen, _tf(pts, ang, ox, oy), wood, 1.6, edge=(120, 80, 40))
    pen.polygon(_tf([(3, 14), (7, -24), (8, -38), (3, -38), (1, 14)], ang, ox, oy), fill=shade(wood, -0.15))
    pen.line(_tf([(-4, -36), (-2.5, 0)], ang, ox, oy), shade(wood, 0.5), 1.6)
    _poly(pen, _tf([(-3.2, 22), (3.2, 22), (3.2, 42), (-3.2, 42)], ang, ox, oy), (60, 60, 70), 1.0)
    _oval(pen, *_tf([(0, 44)], ang, ox, oy)[0], 6, 3, shade(wood, -0.2), 1.2, rot=ang)


@_sprite("balloons")
def _balloons(pen, color):
    W = pen.w
    knot = (W / 2, 99)
    specs = [(W / 2 - 11, 20, (236, 60, 90)), (W / 2 + 11, 18, (60, 160, 230)), (W / 2, 34, (250, 200, 50))]
    for x, y, _ in specs:
        pen.line(_bez((x, y + 16), (x + 4, y + 40), (knot[0] - 3, 80), knot, 12), (120, 120, 130), 0.8)
    for x, y, c in specs:
        _oval(pen, x, y, 11.5, 14.5, c, 1.2)
        pen.polygon([(x, y + 14), (x - 2.2, y + 18), (x + 2.2, y + 18)], fill=shade(c, -0.2))
        pen.polygon(_crescent(x, y, 11.5, 14.5, 0.18, -40, 110), fill=shade(c, -0.15))
        pen.ellipse(x - 4.5, y - 6, 2.2, 4.2, fill=shade(c, 0.65), rot=25)


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
