"""Park sprites, group `people`: the boy and the girl, one jointed figure. A pose is a set of joint
positions (`_POSES`), an expression a set of brows, eyes and mouth (`_face`)."""

from __future__ import annotations

import math

from ...pen import Pen, arc_points, shade
from ._common import Point, WHITE, _crescent, _edge, _hull, _mix, _oval, _poly, _smooth, _sprite, _stroke


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
