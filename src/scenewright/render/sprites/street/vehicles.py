"""Street sprites, group `vehicles`: car, police car, van, truck, bus, motorcycle, bicycle (`VEHICLES`),
facing right unflipped; `_speed_lines` go behind a moving one."""

from __future__ import annotations

from ...pen import Pen, alpha
from ._common import GLASS, INK, TYRE


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


VEHICLES = {"car": lambda p, b: _car(p, b), "police car": lambda p, b: _car(p, b, police=True), "van": _van,
            "truck": _truck, "bus": _bus, "motorcycle": lambda p, b: _two_wheeler(p, b, True),
            "bicycle": lambda p, b: _two_wheeler(p, b, False)}
