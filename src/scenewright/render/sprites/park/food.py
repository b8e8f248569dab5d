"""Park sprites, group `food`: pie, pizza, hot dog, ketchup, mustard, hamburger, drink. Each function
registers itself by category name with `@_sprite`."""

from __future__ import annotations

from ...pen import arc_points, shade
from ._common import _dome, _edge, _oval, _poly, _sprite, _stroke


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
