"""Park sprites, group `animals`: bear, cat, dog, duck, owl, snake. Each function registers itself by
category name with `@_sprite`."""

from __future__ import annotations

import math

from ...pen import arc_points, shade
from ._common import INK, WHITE, _bez, _crescent, _edge, _mix, _oval, _poly, _scale, _sprite, _stroke


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
