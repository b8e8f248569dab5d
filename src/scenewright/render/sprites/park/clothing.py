"""Park sprites, group `clothing`: the hats and helmets, glasses and sunglasses. Each function
registers itself by category name with `@_sprite`."""

from __future__ import annotations

from ...pen import alpha, arc_points, rotate, shade
from ._common import INK, WHITE, _bez, _dome, _lit, _mix, _oval, _poly, _puffs, _scale, _sprite, _star, _stroke


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
    cx = pen.w / 2
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
