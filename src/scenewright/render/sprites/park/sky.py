"""Park sprites, group `sky`: helicopter, hot air balloon, cloud, sun, lightning and rain clouds,
rocket, airplane. Each function registers itself by category name with `@_sprite`."""

from __future__ import annotations

import math

from ...pen import arc_points, shade
from ._common import INK, _crescent, _edge, _lit, _oval, _poly, _scale, _sprite, _stroke, _tf


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
