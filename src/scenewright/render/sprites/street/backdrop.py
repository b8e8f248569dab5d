"""The street world's backgrounds: the street seen from the near sidewalk at a time of day, with weather
(`"dusk rain"`): sky, far ground, the side street with its crosswalk, the road and both sidewalks."""

from __future__ import annotations

import random

from ....worlds import street as geo
from ...pen import Pen, alpha, shade
from ._common import _time_weather


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
