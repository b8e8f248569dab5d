"""Street sprites, group `buildings`: house, shop, cafe, bank, gas station, apartment block and an
unspecified building; a shop's sign stays blank until its text is said."""

from __future__ import annotations

from ....worlds import street as geo
from ...pen import Pen, shade
from ._common import GLASS, INK, UNKNOWN, said


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
