"""Street sprites, group `people`: one schematic figure for a man, a woman, a child or a person, with
the height, build, clothing, carried things and posture the witness gave, and no face."""

from __future__ import annotations

from ....worlds import street as geo
from ...pen import Pen, shade
from ._common import INK, UNKNOWN, UNKNOWN_DARK, UNKNOWN_SKIN, said


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
