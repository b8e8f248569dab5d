"""Park sprites, group `toys`: the balls, bats, rackets and gloves, shovel, kite, campfire, bucket,
frisbee, balloons. Each function registers itself by category name with `@_sprite`."""

from __future__ import annotations

import math

from ...pen import alpha, arc_points, shade
from ._common import (INK, WHITE, _ball, _ball_finish, _bez, _crescent, _edge, _lit, _oval, _poly, _scale, _sprite,
                     _stroke, _tf)


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
