"""Sprites of the `street` world: a calm, schematic record of what a witness said — not an illustration.

Rules the drawing keeps:
- Nothing invented. A colour, a garment, a skin tone the witness did not give is drawn in the neutral
  `UNKNOWN` greys; a person has no face, only a plain head; a shop's sign is blank until its text is said.
- What was said shows: colours, clothing kinds, height and build, posture and facing (feet and lean point
  the way a person faces; vehicles face right unflipped), a moving vehicle gets speed lines behind it.
- `overlay` adds, over the whole picture: weather, streetlight glow at dusk and night, a dashed outline and
  a "?" badge (with swatches of the alternatives) on anything the witness was unsure of, and numbered
  callouts for free-text marks ("plate starts with K7").
"""

from __future__ import annotations

import math
import random

from PIL import Image, ImageDraw

from ...worlds import street as geo
from ..pen import Pen, alpha, shade

UNKNOWN = (208, 208, 208)  # a part whose colour was not said
UNKNOWN_DARK = (176, 176, 176)  # the same, for a second part next to the first (legs under a torso)
UNKNOWN_SKIN = (194, 194, 194)
INK = (62, 64, 70)  # outlines
GLASS = (196, 208, 214)
TYRE = (54, 56, 60)


def said(world, name: str | None):
    """The RGB of a colour the witness said, or None."""
    if isinstance(name, (list, tuple)):  # alternatives: the first is the one said first
        name = name[0] if name else None
    if not name or not isinstance(name, str):
        return None
    name = world.color_synonyms.get(name, name)
    return world.colors.get(name) or geo.HAIR_COLORS.get(name)


def _time_weather(name: str) -> tuple[str, str | None]:
    words = (name or "day").split()
    time = next((w for w in words if w in geo.TIMES), "day")
    weather = next((w for w in words if w in geo.WEATHERS), None)
    return time, weather


# -- background ---------------------------------------------------------------------------------------------------
SKY = {"day": ((178, 204, 226), (226, 234, 240)), "dusk": ((70, 78, 122), (226, 158, 124)),
       "night": ((12, 16, 34), (34, 40, 64))}
GROUND = {  # far ground, sidewalk, curb, road, road line
    "day": ((214, 212, 204), (200, 200, 196), (150, 150, 148), (118, 120, 124), (236, 236, 228)),
    "dusk": ((150, 142, 140), (150, 146, 150), (110, 108, 112), (88, 88, 98), (196, 190, 186)),
    "night": ((54, 56, 66), (72, 74, 84), (52, 54, 62), (42, 44, 52), (150, 150, 150)),
}


def background(pen: Pen, name: str, world) -> None:
    time, weather = _time_weather(name)
    W, H = pen.w, pen.h
    Y = lambda v: v * H  # noqa: E731
    X = lambda v: v * W  # noqa: E731
    far, walk, curb, road, paint = GROUND[time]
    if weather == "snow":
        far, walk, curb = shade(far, 0.55), shade(walk, 0.6), shade(curb, 0.45)
        road = shade(road, 0.18)
    elif weather == "rain":
        road, walk = shade(road, -0.18), shade(walk, -0.1)
    top, bottom = SKY[time]
    if weather in ("rain", "fog", "snow"):
        top, bottom = shade(top, -0.1 if time == "night" else 0.0), shade(bottom, -0.08)
        top = tuple((a + b) // 2 for a, b in zip(top, (150, 152, 156) if time == "day" else top))
    pen.gradient(0, 0, W, Y(geo.HORIZON), top, bottom)
    if time == "night":
        rng = random.Random(7)
        for _ in range(40 if weather is None else 0):
            pen.circle(rng.uniform(0, W), rng.uniform(0, Y(geo.HORIZON) * 0.8), 0.9, fill=(220, 220, 200))
    # the far side: open, unspecified ground up to the building line
    pen.rect(0, Y(geo.HORIZON), W, Y(geo.FAR_WALL), fill=far)
    pen.line([(0, Y(geo.HORIZON)), (W, Y(geo.HORIZON))], shade(far, -0.1), 1)
    # side street going away on the right, between CORNER_X and SIDE_X1
    vx, vy = X(geo.VANISH_X), Y(geo.HORIZON - 0.16)  # the side street, cut at the horizon, narrows towards it
    x0, x1, yc = X(geo.CORNER_X), X(geo.SIDE_X1), Y(geo.FAR_CURB)
    # far sidewalk (with a gap for the side street)
    pen.rect(0, Y(geo.FAR_WALL), x0, yc, fill=walk)
    pen.rect(x1, Y(geo.FAR_WALL), W, yc, fill=walk)
    pen.rect(x0, Y(geo.FAR_WALL), x1, yc, fill=far)

    def along(xb: float, y: float) -> float:  # x at height y of the line from (xb, yc) to the vanishing point
        return vx + (xb - vx) * (y - vy) / (yc - vy)

    yw, d = Y(geo.FAR_WALL), 0.05 * W
    yh = Y(geo.HORIZON)
    for a, b in ((x0 - d, x0), (x1, x1 + d)):  # the side street's own sidewalks, going away
        pen.polygon([(along(a, yh), yh), (along(b, yh), yh), (along(b, yc), yc), (along(a, yw), yw)],
                    fill=walk)
    pen.polygon([(x0, yc), (x1, yc), (along(x1, yh), yh), (along(x0, yh), yh)], fill=road)
    for xb in (x0, x1):
        pen.line([(along(xb, yh), yh), (xb, yc)], curb, 1.2)
    for k in range(1, 9):  # paving joints, closer together far away
        x = W * k / 9 * (geo.CORNER_X / 1.0)
        pen.line([(x, Y(geo.FAR_WALL)), (x - 3, yc)], shade(walk, -0.12), 0.6)
    pen.line([(0, Y(geo.FAR_WALL)), (x0, Y(geo.FAR_WALL))], shade(walk, -0.18), 0.8)
    # road
    pen.rect(0, yc, W, Y(geo.NEAR_CURB), fill=road)
    pen.rect(0, yc - 2, x0, yc + 1, fill=curb)
    pen.rect(x1, yc - 2, W, yc + 1, fill=curb)
    for i in range(14):  # centre line, dashed
        xa = i * W / 13 - 14
        pen.rect(xa, Y(geo.CENTRE_LINE) - 1.2, xa + 22, Y(geo.CENTRE_LINE) + 1.2, fill=paint)
    # crosswalk at the mouth of the side street: bars parallel to the traffic, thicker nearer
    c0, c1 = geo.CROSSWALK
    n = 7
    for i in range(n):
        ya = geo.FAR_CURB + (geo.NEAR_CURB - geo.FAR_CURB) * (i + 0.18) / n
        yb = geo.FAR_CURB + (geo.NEAR_CURB - geo.FAR_CURB) * (i + 0.68) / n
        t = (ya - geo.FAR_CURB) / (geo.NEAR_CURB - geo.FAR_CURB)
        inset = (1 - t) * 0.015
        pen.rect(X(c0 + inset), Y(ya), X(c1 - inset), Y(yb), fill=alpha(paint, 0.92))
    # near sidewalk
    pen.rect(0, Y(geo.NEAR_CURB), W, H, fill=shade(walk, 0.06))
    pen.rect(0, Y(geo.NEAR_CURB) - 1, W, Y(geo.NEAR_CURB) + 3, fill=curb)
    for k in range(0, 12):
        x = W * k / 11
        pen.line([(x, Y(geo.NEAR_CURB) + 3), (x - 0.08 * (x - W / 2), H)], shade(walk, -0.06), 0.8)
    pen.line([(0, Y(0.9)), (W, Y(0.9))], shade(walk, -0.06), 0.8)
    if weather == "rain":  # wet road: faint reflections
        for i in range(9):
            xa = (i * 67 + 20) % W
            pen.rect(xa, Y(0.69 + 0.012 * (i % 3)), xa + 34, Y(0.693 + 0.012 * (i % 3)),
                     fill=alpha((210, 214, 222), 0.25))


# -- vehicles -------------------------------------------------------------------------------------------------
def _wheel(pen: Pen, x: float, y: float, r: float) -> None:
    pen.circle(x, y, r, fill=TYRE)
    pen.circle(x, y, r * 0.5, fill=(170, 172, 176), outline=INK, width=0.8)


def _speed_lines(pen: Pen, top: float, bottom: float) -> None:
    for i, f in enumerate((0.2, 0.5, 0.8)):
        y = top + (bottom - top) * f
        pen.line([(-pen.w * 0.11 + 4 * (i % 2), y), (-3, y)], alpha(INK, 0.75), 2.2)


def _car(pen: Pen, body, police: bool = False) -> None:
    w = pen.w
    pen.polygon([(0.03 * w, 48), (0.26 * w, 44), (0.36 * w, 14), (0.72 * w, 14), (0.83 * w, 44),
                 (0.97 * w, 50), (0.99 * w, 80), (0.01 * w, 80)], fill=body, outline=INK, width=1.8)
    pen.polygon([(0.29 * w, 43), (0.38 * w, 19), (0.53 * w, 19), (0.53 * w, 43)], fill=GLASS, outline=INK,
                width=1.2)
    pen.polygon([(0.56 * w, 43), (0.56 * w, 19), (0.70 * w, 19), (0.79 * w, 43)], fill=GLASS, outline=INK,
                width=1.2)
    pen.line([(0.545 * w, 44), (0.545 * w, 78)], INK, 1.0)
    pen.line([(0.30 * w, 56), (0.34 * w, 56)], INK, 1.2)
    pen.line([(0.58 * w, 56), (0.62 * w, 56)], INK, 1.2)
    pen.rect(0.95 * w, 54, 0.99 * w, 60, fill=(246, 236, 190), outline=INK, width=0.8)
    pen.rect(0.01 * w, 52, 0.04 * w, 60, fill=(168, 70, 66), outline=INK, width=0.8)
    if police:
        pen.rect(0.47 * w, 6, 0.61 * w, 14, fill=(236, 236, 236), outline=INK, width=1.0)
        pen.rect(0.475 * w, 7.5, 0.535 * w, 12.5, fill=(60, 100, 200))
        pen.rect(0.545 * w, 7.5, 0.605 * w, 12.5, fill=(200, 60, 60))
        pen.rect(0.12 * w, 60, 0.9 * w, 70, fill=alpha((250, 250, 250), 0.9))
        pen.text(0.51 * w, 65.5, "POLICE", 9, INK)
    _wheel(pen, 0.21 * w, 82, 16)
    _wheel(pen, 0.80 * w, 82, 16)


def _van(pen: Pen, body) -> None:
    w = pen.w
    pen.polygon([(0.02 * w, 6), (0.74 * w, 6), (0.86 * w, 34), (0.98 * w, 44), (0.99 * w, 82),
                 (0.01 * w, 82), (0.01 * w, 10)], fill=body, outline=INK, width=1.8)
    pen.polygon([(0.745 * w, 12), (0.835 * w, 36), (0.745 * w, 36)], fill=GLASS, outline=INK, width=1.2)
    pen.rect(0.60 * w, 12, 0.72 * w, 36, fill=GLASS, outline=INK, width=1.2)
    pen.line([(0.58 * w, 8), (0.58 * w, 80)], INK, 1.0)
    pen.line([(0.735 * w, 8), (0.735 * w, 80)], INK, 1.0)
    pen.rect(0.955 * w, 50, 0.99 * w, 57, fill=(246, 236, 190), outline=INK, width=0.8)
    pen.rect(0.01 * w, 50, 0.035 * w, 60, fill=(168, 70, 66), outline=INK, width=0.8)
    _wheel(pen, 0.18 * w, 84, 15)
    _wheel(pen, 0.81 * w, 84, 15)


def _truck(pen: Pen, body) -> None:
    w = pen.w
    pen.rect(0.01 * w, 4, 0.66 * w, 76, fill=body, outline=INK, width=1.8)
    pen.polygon([(0.68 * w, 22), (0.86 * w, 22), (0.98 * w, 46), (0.99 * w, 80), (0.68 * w, 80)], fill=body,
                outline=INK, width=1.8)
    pen.polygon([(0.76 * w, 27), (0.85 * w, 27), (0.93 * w, 45), (0.76 * w, 45)], fill=GLASS, outline=INK,
                width=1.2)
    pen.rect(0.66 * w, 70, 0.68 * w, 78, fill=INK)
    pen.rect(0.96 * w, 54, 0.99 * w, 61, fill=(246, 236, 190), outline=INK, width=0.8)
    _wheel(pen, 0.15 * w, 85, 14)
    _wheel(pen, 0.32 * w, 85, 14)
    _wheel(pen, 0.83 * w, 85, 14)


def _bus(pen: Pen, body) -> None:
    w = pen.w
    pen.rect(0.01 * w, 6, 0.99 * w, 84, fill=body, outline=INK, width=1.8, radius=6)
    for i in range(7):
        x = 0.05 * w + i * 0.115 * w
        pen.rect(x, 16, x + 0.095 * w, 42, fill=GLASS, outline=INK, width=1.0)
    pen.rect(0.865 * w, 16, 0.975 * w, 76, fill=GLASS, outline=INK, width=1.0)
    pen.line([(0.92 * w, 16), (0.92 * w, 76)], INK, 1.0)
    pen.rect(0.965 * w, 12, 0.99 * w, 24, fill=(250, 240, 200), outline=INK, width=0.8)
    _wheel(pen, 0.17 * w, 86, 13)
    _wheel(pen, 0.78 * w, 86, 13)


def _two_wheeler(pen: Pen, body, motor: bool) -> None:
    w = pen.w
    r = 27 if motor else 30
    back, front, y = (0.2 * w, 0.8 * w, 100 - r - 2)
    for x in (back, front):
        pen.circle(x, y, r, fill=None, outline=TYRE, width=6 if motor else 3)
        pen.circle(x, y, 3, fill=INK)
    if motor:
        pen.polygon([(back + 8, y - 6), (0.40 * w, y - 34), (0.66 * w, y - 34), (front - 6, y - 14),
                     (0.52 * w, y + 4)], fill=body, outline=INK, width=1.6)
        pen.ellipse(0.52 * w, y - 36, 0.13 * w, 8, fill=body, outline=INK, width=1.4)  # tank
        pen.rect(0.28 * w, y - 42, 0.45 * w, y - 35, fill=(70, 70, 74), radius=3)  # seat
        pen.line([(front, y), (0.72 * w, y - 50), (0.67 * w, y - 56)], INK, 3)
        pen.circle(0.50 * w, y - 6, 9, fill=(120, 122, 126), outline=INK, width=1.2)  # engine
    else:
        frame = [(back, y), (0.45 * w, y), (0.36 * w, y - 40), (back, y)]
        pen.line(frame, body, 4.5)
        pen.line([(0.45 * w, y), (0.68 * w, y - 40), (0.36 * w, y - 40)], body, 4.5)
        pen.line([(front, y), (0.68 * w, y - 40), (0.66 * w, y - 52)], body, 4.5)
        pen.line([(0.36 * w, y - 40), (0.34 * w, y - 50)], INK, 3)
        pen.rect(0.28 * w, y - 54, 0.41 * w, y - 49, fill=INK, radius=2)
        pen.line([(0.62 * w, y - 55), (0.72 * w, y - 52)], INK, 3)
        pen.circle(0.45 * w, y, 5, outline=INK, width=1.5)


# -- people -------------------------------------------------------------------------------------------------------
# Joints in "figure units": x forward (the way the person faces), v up from the feet; 100 = an adult's height.
POSES = {  # (back hip-knee-foot, front hip-knee-foot, back shoulder-elbow-hand, front …, lean of shoulders)
    "standing": (((-1.5, 26), (-2, 2)), ((1.5, 26), (3, 2)), ((-2, 66), (-1, 50)), ((2, 66), (3, 50)), 0),
    "walking": (((-4, 26), (-11, 2)), ((5, 27), (10, 2)), ((-5, 66), (-9, 52)), ((5, 66), (11, 53)), 1),
    "running": (((-7, 28), (-19, 14)), ((13, 38), (10, 18)), ((-9, 70), (-5, 59)), ((10, 70), (17, 78)), 6),
    "sitting": (((14, 44), (14, 3)), ((16, 44), (17, 3)), ((2, 60), (12, 48)), ((4, 60), (14, 49)), 0),
}
ADULT = {"head_v": 92.5, "head_r": 6.8, "shoulder": 83.5, "hip": 50.0}
CHILD = {"head_v": 87.0, "head_r": 10.0, "shoulder": 73.0, "hip": 44.0}
HEIGHT = {"short": 0.84, "average": 0.92, "tall": 1.0}
BUILD = {"slim": 0.82, "average": 1.0, "athletic": 1.12, "heavy": 1.3}
LONG_TOPS = ("coat", "raincoat", "puffer jacket")
SHORT_SLEEVES = ("t shirt", "tee", "vest")


class _Figure:
    """Maps figure units onto the sprite box; `lie` turns the whole figure to lie along the ground."""

    def __init__(self, pen: Pen, scale: float, lie: bool):
        self.pen, self.u, self.lie = pen, scale, lie
        self.cx = pen.w / 2

    def p(self, x: float, v: float) -> tuple[float, float]:
        if self.lie:  # head towards the facing side, body along the ground
            return self.cx + (v - 50) * self.u, 96 - (x + 8) * self.u
        return self.cx + x * self.u, 98 - v * self.u

    def limb(self, pts, color, width: float) -> None:
        q = [self.p(*p) for p in pts]
        self.pen.line(q, INK, (width + 1.6) * self.u)
        self.pen.line(q, color, width * self.u)

    def poly(self, pts, fill, width: float = 1.4) -> None:
        self.pen.polygon([self.p(*p) for p in pts], fill=fill, outline=INK, width=width * self.u)

    def circle(self, x, v, r, fill, width: float = 1.4) -> None:
        cx, cy = self.p(x, v)
        self.pen.circle(cx, cy, r * self.u, fill=fill, outline=INK, width=width * self.u)


def _person(pen: Pen, obj, category, world) -> None:
    a = {k: (v[0] if v else None) if isinstance(v, (list, tuple)) and k != "marks" else v
         for k, v in obj.attrs.items()}
    a = {k: v for k, v in a.items() if isinstance(v, str) or k == "marks"}
    child = category.name == "child"
    body = CHILD if child else ADULT
    pose = obj.pose if obj.pose in POSES or obj.pose == "lying" else "standing"
    lie = pose == "lying"
    hfac = HEIGHT.get(a.get("height"), HEIGHT["average"])
    u = 0.96 * hfac * (0.5 if lie else 1.0)
    if lie:
        u = min(u, (pen.w * 1.2) / 104)
    f = _Figure(pen, u, lie)
    (bk, bf, ab, af, lean) = POSES["standing" if lie else pose]
    hip, sh = body["hip"], body["shoulder"]
    sit = pose == "sitting"
    if sit:
        hip, sh = hip - 8, sh - 8
    wide = BUILD.get(a.get("build"), 1.0)
    skin = SKIN.get(a.get("skin")) or UNKNOWN_SKIN
    top = said(world, a.get("top")) or said(world, obj.color)
    top_kind = a.get("top_kind")
    top_c = top or UNKNOWN
    dress = top_kind == "dress"
    bottom_kind = a.get("bottom_kind")
    bottom_c = said(world, a.get("bottom")) or (top_c if dress else UNKNOWN_DARK)
    shoe_c = said(world, a.get("shoes")) or (150, 150, 150)
    leg_w = 7.4 * (1 + (wide - 1) * 0.5) * (0.85 if child else 1)
    arm_w = 5.2 * (1 + (wide - 1) * 0.5) * (0.85 if child else 1)
    ys = hip / 50

    def leg(k):
        (kx, kv), (fx, fv) = k
        if sit:
            return [(0, hip), (kx, hip + 1), (fx, fv)]
        return [(0, hip), (kx, kv * ys), (fx, fv)]

    def arm(k):
        (ex, ev), (hx, hv) = k
        s = (sh - hip) / (83.5 - 50)
        return [(lean, sh - 2), (ex + lean * 0.6, sh - (83.5 - ev) * s), (hx + lean * 0.3, sh - (83.5 - hv) * s)]

    legs_c = bottom_c
    low_leg_c = skin if bottom_kind in ("shorts", "skirt") or dress else bottom_c
    carry = a.get("carry_kind")
    carry_c = said(world, a.get("carry")) or (150, 150, 150)
    # behind the body: backpack, back arm, back leg
    if carry in ("backpack", "rucksack"):
        f.poly([(-6 * wide + lean * 0.5, sh - 2), (-13 * wide + lean * 0.5, sh - 5), (-13 * wide, sh - 26),
                (-6 * wide, sh - 26)], carry_c)
    for k in (bk,):
        pts = leg(k)
        f.limb(pts[:2], legs_c, leg_w)
        f.limb(pts[1:], low_leg_c, leg_w * 0.9)
        f.circle(pts[2][0] + 2.5, pts[2][1] + 0.5, 2.8, shoe_c, 1)
    f.limb(arm(ab), shade(top_c, -0.08), arm_w)
    # torso and front leg
    pts = leg(bf)
    f.limb(pts[:2], legs_c, leg_w)
    f.limb(pts[1:], low_leg_c, leg_w * 0.9)
    f.circle(pts[2][0] + 2.5, pts[2][1] + 0.5, 2.8, shoe_c, 1)
    if bottom_kind == "skirt" or dress:
        f.poly([(-5 * wide, hip + 2), (6 * wide, hip + 2), (9 * wide, hip - 20), (-8 * wide, hip - 20)],
               top_c if dress else bottom_c)
    # silhouettes only: broader shoulders for a man, a narrower waist and wider hips for a woman
    woman, man = category.name == "woman", category.name == "man"
    chest = 8.6 * wide * (1.12 if man else 0.94 if woman else 1.0)
    waist = 7.6 * wide * (0.8 if woman else 1.0)
    hips = 8.0 * wide * (1.12 if woman else 0.95)
    mid = (sh + hip) / 2
    hem = hip - (18 if top_kind in LONG_TOPS else 2)
    f.poly([(-chest + lean, sh), (chest * 0.85 + lean, sh), (waist * 0.9 + lean * 0.5, mid), (hips, hem),
            (-hips, hem), (-waist + lean * 0.5, mid)], top_c)
    if top_kind in ("hoodie", "hooded sweatshirt"):
        f.poly([(-3 + lean, sh + 1), (-10 + lean, sh + 4), (-7 + lean, sh - 6)], shade(top_c, -0.1))
        f.limb([(-3 + lean * 0.5, hip + 10), (4 + lean * 0.5, hip + 10)], shade(top_c, -0.15), 0.9)
    elif top_kind and ("jacket" in top_kind or top_kind in LONG_TOPS):
        f.limb([(3 + lean, sh - 1), (3.5, hem + 1)], shade(top_c, -0.3), 0.9)
    front_arm = arm(af)
    if top_kind in SHORT_SLEEVES:
        f.limb(front_arm[:2], top_c, arm_w)
        f.limb(front_arm[1:], skin, arm_w * 0.85)
    else:
        f.limb(front_arm, top_c, arm_w)
    hand = front_arm[-1]
    f.circle(hand[0], hand[1], 2.4, skin, 1)
    if carry in ("bag", "handbag", "holdall", "duffel bag", "briefcase"):
        bw, bh = (7, 6) if carry == "briefcase" else (6, 8)
        f.poly([(hand[0] - bw / 2, hand[1] - 2), (hand[0] + bw / 2, hand[1] - 2),
                (hand[0] + bw / 2, hand[1] - 2 - bh), (hand[0] - bw / 2, hand[1] - 2 - bh)], carry_c)
    # neck and head: a plain head, no face
    hx, hv, hr = lean * 1.2, body["head_v"] - (8 if sit else 0), body["head_r"]
    f.limb([(lean * 0.8, sh), (hx, hv - hr * 0.6)], skin, 3.2)
    f.circle(hx, hv, hr, skin)
    hair = a.get("hair")
    if hair and hair != "bald" and said(world, hair):
        hc = said(world, hair)
        f.poly([(hx - hr * 1.02, hv - 1), (hx - hr * 0.7, hv + hr * 0.8), (hx + hr * 0.2, hv + hr * 1.02),
                (hx + hr * 0.9, hv + hr * 0.45), (hx - hr * 0.1, hv + hr * 0.4), (hx - hr * 0.5, hv - hr * 0.5)],
               hc, 0.8)
    face = a.get("face_kind")
    if face:
        f.poly([(hx - hr * 0.2, hv - hr * 0.1), (hx + hr * 1.0, hv - hr * 0.1), (hx + hr * 0.8, hv - hr * 0.8),
                (hx, hv - hr * 0.95)], said(world, a.get("face")) or (120, 120, 120), 0.8)
    eyes = a.get("eyewear_kind")
    if eyes:
        dark = eyes == "sunglasses"
        f.limb([(hx + hr * 0.3, hv + hr * 0.2), (hx + hr * 1.02, hv + hr * 0.2)],
               (30, 30, 34) if dark else (230, 230, 230), 2.2 if dark else 1.2)
    hat = a.get("headwear_kind")
    hat_c = said(world, a.get("headwear")) or UNKNOWN_DARK
    if hat in ("cap", "baseball cap"):
        f.poly([(hx - hr, hv + 1), (hx - hr * 0.8, hv + hr * 0.85), (hx + hr * 0.7, hv + hr * 0.85),
                (hx + hr, hv + 1)], hat_c)
        f.poly([(hx + hr * 0.6, hv + 1.5), (hx + hr * 1.7, hv + 0.5), (hx + hr * 0.6, hv + 3)], hat_c, 1)
    elif hat in ("hat",):
        f.poly([(hx - hr * 1.6, hv + 2), (hx + hr * 1.6, hv + 2), (hx + hr * 1.6, hv + 3.5),
                (hx - hr * 1.6, hv + 3.5)], hat_c, 1)
        f.poly([(hx - hr * 0.8, hv + 3), (hx + hr * 0.8, hv + 3), (hx + hr * 0.7, hv + hr * 1.5),
                (hx - hr * 0.7, hv + hr * 1.5)], hat_c)
    elif hat in ("beanie", "hood", "helmet", "bandana"):
        c = hat_c if hat != "hood" else (said(world, a.get("headwear")) or top_c)
        f.poly([(hx - hr * 1.12, hv - (hr * 0.9 if hat == "hood" else 0)), (hx - hr * 0.9, hv + hr * 0.9),
                (hx, hv + hr * 1.2), (hx + hr * 0.9, hv + hr * 0.9),
                (hx + hr * 1.1, hv + (0 if hat == "hood" else 1)),
                (hx + hr * (0.5 if hat == "hood" else 1.1), hv + (0 if hat == "hood" else 1))], c)
    if carry == "umbrella":
        ux, uv = hand[0], hand[1] + 30
        f.limb([hand, (ux, uv)], INK, 1)
        f.poly([(ux - 16, uv - 2), (ux - 10, uv + 6), (ux, uv + 8), (ux + 10, uv + 6), (ux + 16, uv - 2)], carry_c)


SKIN = geo.SKIN_TONES


# -- buildings ------------------------------------------------------------------------------------------------------
def _windows(pen: Pen, x0, y0, x1, y1, cols, rows, fill=GLASS) -> None:
    gw, gh = (x1 - x0) / cols, (y1 - y0) / rows
    for i in range(cols):
        for j in range(rows):
            pen.rect(x0 + gw * (i + 0.2), y0 + gh * (j + 0.18), x0 + gw * (i + 0.8), y0 + gh * (j + 0.82),
                     fill=fill, outline=INK, width=1)


def _sign_text(obj) -> str | None:
    return geo.sign_text(obj.attrs)


def _building(pen: Pen, obj, category, world) -> None:
    w = pen.w
    wall = said(world, obj.color) or UNKNOWN
    trim = shade(wall, -0.25)
    name = category.name
    if name == "house":
        pen.polygon([(0.02 * w, 40), (0.5 * w, 3), (0.98 * w, 40)], fill=shade(UNKNOWN, -0.3), outline=INK,
                    width=1.6)
        pen.rect(0.08 * w, 38, 0.92 * w, 100, fill=wall, outline=INK, width=1.6)
        pen.rect(0.42 * w, 66, 0.58 * w, 100, fill=trim, outline=INK, width=1.2)
        _windows(pen, 0.12 * w, 46, 0.40 * w, 90, 1, 1)
        _windows(pen, 0.60 * w, 46, 0.88 * w, 90, 1, 1)
    elif name in ("shop", "cafe"):
        pen.rect(0.02 * w, 4, 0.98 * w, 100, fill=wall, outline=INK, width=1.6)
        _windows(pen, 0.06 * w, 8, 0.94 * w, 30, 4, 1)
        pen.rect(0.04 * w, 33, 0.96 * w, 47, fill=(244, 244, 240), outline=INK, width=1.2)
        text = _sign_text(obj) if name == "shop" else (_sign_text(obj) or "CAFE")
        if text:
            size = min(11.0, 1.9 * w / max(4, len(text)))
            pen.text(0.5 * w, 40.5, text[:28], size, INK)
        if name == "cafe":
            for i in range(8):
                x = 0.04 * w + i * 0.115 * w
                pen.polygon([(x, 48), (x + 0.115 * w, 48), (x + 0.105 * w, 58), (x + 0.01 * w, 58)],
                            fill=(232, 232, 228) if i % 2 else (150, 150, 150), outline=INK, width=0.6)
        pen.rect(0.08 * w, 60, 0.62 * w, 92, fill=GLASS, outline=INK, width=1.2)
        pen.rect(0.70 * w, 60, 0.90 * w, 100, fill=trim, outline=INK, width=1.2)
    elif name == "bank":
        pen.polygon([(0.02 * w, 24), (0.5 * w, 2), (0.98 * w, 24)], fill=wall, outline=INK, width=1.6)
        pen.rect(0.02 * w, 24, 0.98 * w, 34, fill=wall, outline=INK, width=1.4)
        pen.text(0.5 * w, 29.5, "BANK", 8, INK)
        pen.rect(0.02 * w, 34, 0.98 * w, 92, fill=shade(wall, -0.12), outline=INK, width=1.4)
        for i in range(6):
            x = 0.1 * w + i * 0.16 * w
            pen.rect(x - 0.03 * w, 35, x + 0.03 * w, 92, fill=wall, outline=INK, width=1.0)
        pen.rect(0.44 * w, 60, 0.56 * w, 92, fill=trim, outline=INK, width=1.0)
        pen.rect(0.0, 92, w, 100, fill=wall, outline=INK, width=1.4)
    elif name == "gas station":
        pen.rect(0.04 * w, 10, 0.96 * w, 24, fill=wall, outline=INK, width=1.6)
        pen.text(0.5 * w, 17.5, "GAS", 9, INK)
        for x in (0.12, 0.88):
            pen.rect((x - 0.012) * w, 24, (x + 0.012) * w, 100, fill=shade(wall, -0.15), outline=INK, width=1)
        for x in (0.34, 0.62):
            pen.rect((x - 0.04) * w, 66, (x + 0.04) * w, 100, fill=shade(wall, -0.1), outline=INK, width=1.2)
            pen.rect((x - 0.025) * w, 72, (x + 0.025) * w, 80, fill=GLASS, outline=INK, width=0.8)
        pen.rect(0.70 * w, 50, 0.84 * w, 100, fill=shade(wall, 0.1), outline=INK, width=1.2)
        pen.rect(0.72 * w, 58, 0.82 * w, 76, fill=GLASS, outline=INK, width=1)
    elif name == "apartment block":
        pen.rect(0.04 * w, 2, 0.96 * w, 100, fill=wall, outline=INK, width=1.6)
        _windows(pen, 0.08 * w, 6, 0.92 * w, 84, 4, 7)
        pen.rect(0.42 * w, 86, 0.58 * w, 100, fill=trim, outline=INK, width=1.2)
    else:  # an unspecified building
        pen.rect(0.04 * w, 8, 0.96 * w, 100, fill=wall, outline=INK, width=1.6)
        _windows(pen, 0.1 * w, 14, 0.9 * w, 76, 3, 3)
        pen.rect(0.42 * w, 80, 0.58 * w, 100, fill=trim, outline=INK, width=1.2)


# -- things ---------------------------------------------------------------------------------------------------------
def _thing(pen: Pen, obj, category, world) -> None:
    w = pen.w
    c = said(world, obj.color)
    name = category.name
    metal = (150, 152, 156)
    if name == "streetlight":
        pen.rect(0.42 * w, 8, 0.58 * w, 100, fill=metal, outline=INK, width=1)
        pen.rect(0.25 * w, 97, 0.75 * w, 100, fill=metal, outline=INK, width=1)
        pen.polygon([(0.1 * w, 9), (0.9 * w, 9), (0.72 * w, 3), (0.28 * w, 3)], fill=shade(metal, -0.2),
                    outline=INK, width=1)
        pen.rect(0.2 * w, 9, 0.8 * w, 11.5, fill=(236, 232, 210), outline=INK, width=0.6)
    elif name == "traffic light":
        pen.rect(0.43 * w, 40, 0.57 * w, 100, fill=metal, outline=INK, width=1)
        pen.rect(0.12 * w, 2, 0.88 * w, 42, fill=(70, 72, 76), outline=INK, width=1.2, radius=3)
        lit = {"red": 0, "orange": 1, "yellow": 1, "amber": 1, "green": 2}.get(obj.color or "", -1)
        lamps = ((214, 50, 40), (240, 176, 30), (50, 180, 80))
        for i in range(3):
            fill = lamps[i] if i == lit else (118, 120, 124)
            pen.circle(0.5 * w, 9 + 12.5 * i, 0.26 * w, fill=fill, outline=INK, width=0.8)
    elif name == "stop sign":
        pen.rect(0.44 * w, 40, 0.56 * w, 100, fill=metal, outline=INK, width=1)
        pts = [(0.5 * w + 0.47 * w * math.cos(math.radians(22.5 + 45 * i)),
                20 + 0.47 * w * math.sin(math.radians(22.5 + 45 * i))) for i in range(8)]
        pen.polygon(pts, fill=(190, 44, 44), outline=INK, width=1)
        pen.text(0.5 * w, 20.5, "STOP", 0.3 * w, (250, 250, 250))
    elif name == "bench":
        b = c or UNKNOWN_DARK
        pen.rect(0.04 * w, 10, 0.96 * w, 36, fill=b, outline=INK, width=1.4, radius=3)
        pen.rect(0.02 * w, 48, 0.98 * w, 62, fill=b, outline=INK, width=1.4, radius=3)
        for x in (0.1, 0.88):
            pen.rect((x - 0.015) * w, 36, (x + 0.015) * w, 100, fill=INK)
    elif name == "bus stop":
        pen.rect(0.02 * w, 4, 0.72 * w, 14, fill=metal, outline=INK, width=1.2)
        pen.rect(0.04 * w, 14, 0.70 * w, 92, fill=alpha((226, 236, 240), 0.35), outline=INK, width=1.2)
        pen.line([(0.05 * w, 30), (0.69 * w, 30)], alpha(INK, 0.5), 0.8)
        pen.rect(0.12 * w, 66, 0.62 * w, 71, fill=UNKNOWN_DARK, outline=INK, width=1)
        for x in (0.16, 0.58):
            pen.rect((x - 0.01) * w, 71, (x + 0.01) * w, 92, fill=INK)
        for x in (0.04, 0.70):
            pen.rect((x - 0.012) * w, 14, (x + 0.012) * w, 100, fill=(150, 152, 156), outline=INK, width=0.8)
        pen.rect(0.84 * w, 20, 0.87 * w, 100, fill=metal, outline=INK, width=0.8)
        pen.circle(0.855 * w, 16, 0.11 * w, fill=(240, 240, 236), outline=INK, width=1)
        pen.text(0.855 * w, 16.5, "BUS", 0.07 * w, INK)
    elif name == "trash can":
        b = c or UNKNOWN_DARK
        pen.polygon([(0.1 * w, 14), (0.9 * w, 14), (0.82 * w, 100), (0.18 * w, 100)], fill=b, outline=INK,
                    width=1.6)
        pen.rect(0.04 * w, 6, 0.96 * w, 16, fill=shade(b, -0.15), outline=INK, width=1.4, radius=2)
        for x in (0.35, 0.5, 0.65):
            pen.line([(x * w, 24), (x * w, 92)], shade(b, -0.25), 1.2)
    elif name == "fire hydrant":
        b = c or UNKNOWN_DARK
        pen.rect(0.22 * w, 22, 0.78 * w, 92, fill=b, outline=INK, width=1.6)
        pen.ellipse(0.5 * w, 22, 0.3 * w, 14, fill=b, outline=INK, width=1.4)
        pen.rect(0.06 * w, 44, 0.94 * w, 56, fill=shade(b, -0.12), outline=INK, width=1.2)
        pen.rect(0.12 * w, 90, 0.88 * w, 100, fill=shade(b, -0.15), outline=INK, width=1.2)
    elif name == "mailbox":
        b = c or UNKNOWN_DARK
        pen.rect(0.4 * w, 60, 0.6 * w, 100, fill=INK)
        pen.rect(0.08 * w, 18, 0.92 * w, 62, fill=b, outline=INK, width=1.6)
        pen.ellipse(0.5 * w, 18, 0.42 * w, 14, fill=b, outline=INK, width=1.4)
        pen.rect(0.3 * w, 28, 0.7 * w, 32, fill=INK)
    elif name == "tree":
        pen.polygon([(0.44 * w, 100), (0.47 * w, 52), (0.53 * w, 52), (0.56 * w, 100)], fill=(118, 104, 92),
                    outline=INK, width=1.2)
        leaf = c or (120, 148, 112)
        for (x, y, r) in ((0.5, 30, 0.36), (0.28, 40, 0.24), (0.72, 40, 0.24), (0.5, 14, 0.24)):
            pen.circle(x * w, y, r * w, fill=leaf, outline=INK, width=1.2)
    elif name == "bush":
        leaf = c or (120, 148, 112)
        for (x, y, r) in ((0.25, 62, 0.2), (0.5, 52, 0.26), (0.75, 62, 0.2)):
            pen.circle(x * w, y, r * w, fill=leaf, outline=INK, width=1.2)
        pen.rect(0.08 * w, 62, 0.92 * w, 98, fill=leaf, radius=6)
        pen.line([(0.08 * w, 98), (0.92 * w, 98)], INK, 1.2)


# -- the module interface ---------------------------------------------------------------------------------------
VEHICLES = {"car": lambda p, b: _car(p, b), "police car": lambda p, b: _car(p, b, police=True), "van": _van,
            "truck": _truck, "bus": _bus, "motorcycle": lambda p, b: _two_wheeler(p, b, True),
            "bicycle": lambda p, b: _two_wheeler(p, b, False)}


def draw(pen: Pen, obj, category, world) -> None:
    if category.group == "vehicles":
        body = said(world, obj.color) or UNKNOWN
        if obj.attrs.get("motion") == "moving":
            _speed_lines(pen, 30, 80)
        VEHICLES[category.name](pen, body)
    elif category.group == "people":
        _person(pen, obj, category, world)
    elif category.group == "buildings":
        _building(pen, obj, category, world)
    else:
        _thing(pen, obj, category, world)


# -- overlay: weather, light, and the record's marks --------------------------------------------------------------
BADGE = (226, 120, 20)
CALLOUT = (40, 70, 140)


def _box(world, renderer, obj, size) -> tuple[float, float, float, float]:
    from ..procedural import box_pixels

    w, h = box_pixels(world, obj, size)
    x, y = obj.x * size[0], obj.y * size[1]
    return x - w / 2, y - h / 2, x + w / 2, y + h / 2


def _font(px: int):
    from ..pen import _font as pen_font

    return pen_font(max(7, px))


def _weather(canvas: Image.Image, time: str, weather: str | None) -> None:
    W, H = canvas.size
    layer = Image.new("RGBA", canvas.size, (0, 0, 0, 0))
    d = ImageDraw.Draw(layer)
    rng = random.Random(11)
    if weather == "fog":
        grey = (196, 198, 202) if time == "day" else (120, 124, 134) if time == "dusk" else (70, 74, 86)
        for y in range(H):
            t = y / H
            a = int(255 * (0.62 * (1 - t) ** 1.4 + 0.08))
            d.line([(0, y), (W, y)], fill=grey + (a,))
    elif weather == "rain":
        col = (210, 216, 228, 150) if time != "night" else (150, 160, 190, 150)
        for _ in range(int(W * H / 900)):
            x, y = rng.uniform(0, W), rng.uniform(0, H)
            L = rng.uniform(0.02, 0.035) * H
            d.line([(x, y), (x - L * 0.25, y + L)], fill=col, width=1)
    elif weather == "snow":
        for _ in range(int(W * H / 700)):
            x, y = rng.uniform(0, W), rng.uniform(0, H)
            r = rng.uniform(0.6, 1.8) * W / 600
            d.ellipse((x - r, y - r, x + r, y + r), fill=(250, 250, 252, 210))
    canvas.alpha_composite(layer)


def _glow(canvas: Image.Image, scene, world, renderer, time: str) -> None:
    lights = [o for o in scene.objects if o.category == "streetlight"]
    if not lights or time == "day":
        return
    layer = Image.new("RGBA", canvas.size, (0, 0, 0, 0))
    d = ImageDraw.Draw(layer)
    strength = 1.0 if time == "night" else 0.6
    for o in lights:
        x0, y0, x1, y1 = _box(world, renderer, o, canvas.size)
        cx, hy, w = (x0 + x1) / 2, y0 + 0.1 * (y1 - y0), x1 - x0
        h = y1 - y0
        d.polygon([(cx - w * 0.3, hy), (cx + w * 0.3, hy), (cx + h * 0.45, y1), (cx - h * 0.45, y1)],
                  fill=(255, 236, 170, int(50 * strength)))
        d.ellipse((cx - h * 0.5, y1 - h * 0.07, cx + h * 0.5, y1 + h * 0.07), fill=(255, 236, 170, int(70 * strength)))
        for k, r in enumerate((0.5, 0.32, 0.18)):
            d.ellipse((cx - w * r * 2, hy - w * r * 2, cx + w * r * 2, hy + w * r * 2),
                      fill=(255, 240, 180, int((50 + 60 * k) * strength)))
    canvas.alpha_composite(layer)


def _dashed_rect(d: ImageDraw.ImageDraw, box, color, dash: float, width: int) -> None:
    x0, y0, x1, y1 = box
    for (a, b) in (((x0, y0), (x1, y0)), ((x1, y0), (x1, y1)), ((x1, y1), (x0, y1)), ((x0, y1), (x0, y0))):
        L = math.hypot(b[0] - a[0], b[1] - a[1])
        n = max(1, int(L / (2 * dash)))
        for i in range(n):
            t0, t1 = (2 * i) / (2 * n), (2 * i + 1) / (2 * n)
            d.line([(a[0] + (b[0] - a[0]) * t0, a[1] + (b[1] - a[1]) * t0),
                    (a[0] + (b[0] - a[0]) * t1, a[1] + (b[1] - a[1]) * t1)], fill=color, width=width)


def uncertain_marker(d: ImageDraw.ImageDraw, box, world, unsure: dict, size) -> None:
    """A dashed outline round the object, a "?" badge at its top right, swatches of colour alternatives."""
    W, H = size
    k = W / 600
    pad = 3 * k
    x0, y0, x1, y1 = box[0] - pad, box[1] - pad, box[2] + pad, box[3] + pad
    _dashed_rect(d, (x0, y0, x1, y1), BADGE + (255,), 4 * k, max(1, round(1.6 * k)))
    r = 7 * k
    bx, by = min(max(x1, r + 1), W - r - 1), min(max(y0, r + 1), H - r - 1)
    d.ellipse((bx - r, by - r, bx + r, by + r), fill=BADGE + (255,), outline=(255, 255, 255, 255),
              width=max(1, round(k)))
    d.text((bx, by + 0.5 * k), "?", fill=(255, 255, 255, 255), font=_font(round(12 * k)), anchor="mm")
    colours = [said(world, c) for c in unsure.get("color", []) if said(world, c)]
    s = 6 * k
    for i, c in enumerate(colours[:4]):
        sx = bx - r - (i + 1) * (s + 2 * k)
        d.rectangle((sx, by - s / 2, sx + s, by + s / 2), fill=tuple(c) + (255,), outline=INK + (255,))


def callout(d: ImageDraw.ImageDraw, box, number: int, text: str, size, slot: int) -> None:
    W, H = size
    k = W / 600
    ax, ay = (box[0] + box[2]) / 2, box[1] + (box[3] - box[1]) * 0.45
    if W < 420:  # too small for words: a numbered pin; the record has the text
        r = 5.5 * k * 1.4
        px = min(max(ax + (slot - 0.5) * 2.2 * r, r), W - r)
        py = max(r, box[1] - r)
        d.line([(ax, ay), (px, py)], fill=CALLOUT + (220,), width=1)
        d.ellipse((px - r, py - r, px + r, py + r), fill=CALLOUT + (255,), outline=(255, 255, 255, 255))
        d.text((px, py + 0.5), str(number), fill=(255, 255, 255, 255), font=_font(round(1.5 * r)), anchor="mm")
        return
    font = _font(round(10 * k))
    label = f"{number}. {text}"
    tw = d.textlength(label, font=font)
    lx = min(max(ax - tw / 2, 2 * k), W - tw - 6 * k)
    ly = max(2 * k, box[1] - (16 + 15 * slot) * k)
    d.line([(ax, ay), (lx + tw / 2, ly + 12 * k)], fill=CALLOUT + (220,), width=max(1, round(k)))
    d.ellipse((ax - 2.5 * k, ay - 2.5 * k, ax + 2.5 * k, ay + 2.5 * k), fill=CALLOUT + (255,))
    d.rounded_rectangle((lx - 3 * k, ly, lx + tw + 3 * k, ly + 13 * k), radius=3 * k, fill=(255, 255, 255, 235),
                        outline=CALLOUT + (255,), width=max(1, round(k)))
    d.text((lx, ly + 6.5 * k), label, fill=CALLOUT + (255,), font=font, anchor="lm")


def callouts(scene) -> list[tuple[object, str]]:
    """The numbered callouts of a picture, in order: (object, mark as said). A shop's sign is on the shop."""
    out = []
    for obj in sorted(scene.objects, key=lambda o: o.number):
        marks = [str(m) for m in (obj.attrs.get("marks") or ())]
        if obj.category == "shop" and _sign_text(obj):
            marks = [m for m in marks if not m.lower().startswith(("sign", "a sign", "the sign"))]
        out.extend((obj, m) for m in marks)
    return out


def overlay(canvas: Image.Image, scene, world, renderer) -> None:
    time, weather = _time_weather(scene.background)
    if weather:
        _weather(canvas, time, weather)
    _glow(canvas, scene, world, renderer, time)
    layer = Image.new("RGBA", canvas.size, (0, 0, 0, 0))
    d = ImageDraw.Draw(layer)
    for obj in sorted(scene.objects, key=lambda o: o.number):
        if obj.uncertain:
            uncertain_marker(d, _box(world, renderer, obj, canvas.size), world, obj.unsure, canvas.size)
    slots: dict[str, int] = {}
    for number, (obj, m) in enumerate(callouts(scene), 1):
        slot = slots[obj.id] = slots.get(obj.id, -1) + 1
        callout(d, _box(world, renderer, obj, canvas.size), number, m, canvas.size, slot)
    canvas.alpha_composite(layer)
