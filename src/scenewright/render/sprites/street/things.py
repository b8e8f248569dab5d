"""Street sprites, group `things`: streetlight, traffic light, stop sign, bench, bus stop, trash can, fire
hydrant, mailbox, tree, bush."""

from __future__ import annotations

import math

from ...pen import Pen, alpha, shade
from ._common import INK, UNKNOWN_DARK, said


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
