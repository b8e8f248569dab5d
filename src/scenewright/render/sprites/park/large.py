"""Park sprites, group `large`: bee rider, slide, sandbox, grill, swing, tent, table and the trees
(pine, tree, apple tree). Each function registers itself by category name with `@_sprite`."""

from __future__ import annotations

import math

from ...pen import alpha, arc_points, shade
from ._common import INK, WHITE, _band, _bez, _dome, _edge, _oval, _poly, _puffs, _sprite, _stroke


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
