"""Pen: sprites draw with vector primitives recorded here, then rasterised (antialiased) or written as SVG.

A pen has a design space of `w` × `h` units, origin top-left; sprites draw in those units (a circle is a
circle). Colours are (r, g, b) or (r, g, b, a) tuples; alpha blends over what is already drawn.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Sequence

import numpy as np
from PIL import Image, ImageDraw, ImageFont

Color = tuple[int, ...]
Point = tuple[float, float]


def shade(color: Sequence[int], amount: float) -> Color:
    """Lighter (amount > 0, towards white) or darker (amount < 0, towards black); keeps alpha."""
    rgb = [int(round(c + (255 - c) * amount)) if amount > 0 else int(round(c * (1 + amount)))
           for c in color[:3]]
    return tuple(max(0, min(255, c)) for c in rgb) + tuple(color[3:])


def alpha(color: Sequence[int], a: float) -> Color:
    return tuple(color[:3]) + (int(round(255 * a)),)


def arc_points(cx: float, cy: float, rx: float, ry: float, a0: float, a1: float, n: int = 24,
               rot: float = 0.0) -> list[Point]:
    """Points along an ellipse from angle a0 to a1 (degrees, 0 = right, 90 = down), rotated by `rot`."""
    pts = []
    cr, sr = math.cos(math.radians(rot)), math.sin(math.radians(rot))
    for i in range(n + 1):
        t = math.radians(a0 + (a1 - a0) * i / n)
        dx, dy = rx * math.cos(t), ry * math.sin(t)
        pts.append((cx + dx * cr - dy * sr, cy + dx * sr + dy * cr))
    return pts


def rotate(points: Sequence[Point], angle: float, about: Point) -> list[Point]:
    c, s = math.cos(math.radians(angle)), math.sin(math.radians(angle))
    ax, ay = about
    return [(ax + (x - ax) * c - (y - ay) * s, ay + (x - ax) * s + (y - ay) * c) for x, y in points]


@dataclass
class Pen:
    w: float
    h: float
    ops: list[tuple] = field(default_factory=list)

    # -- primitives ---------------------------------------------------------------------------------------
    def ellipse(self, cx, cy, rx, ry, fill=None, outline=None, width=0.0, rot: float = 0.0) -> None:
        if rot:
            self.polygon(arc_points(cx, cy, rx, ry, 0, 360, 48, rot)[:-1], fill, outline, width)
        else:
            self.ops.append(("ellipse", cx, cy, rx, ry, fill, outline, width))

    def circle(self, cx, cy, r, fill=None, outline=None, width=0.0) -> None:
        self.ellipse(cx, cy, r, r, fill, outline, width)

    def rect(self, x0, y0, x1, y1, fill=None, outline=None, width=0.0, radius: float = 0.0) -> None:
        self.ops.append(("rect", min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1), fill, outline, width,
                         radius))

    def polygon(self, points: Sequence[Point], fill=None, outline=None, width=0.0) -> None:
        self.ops.append(("polygon", tuple(points), fill, outline, width))

    def line(self, points: Sequence[Point], color, width: float = 1.0) -> None:
        self.ops.append(("line", tuple(points), color, width))

    def gradient(self, x0, y0, x1, y1, top, bottom) -> None:
        """A vertical gradient filling a rectangle (sky, shading bands)."""
        self.ops.append(("gradient", x0, y0, x1, y1, top, bottom))

    def text(self, x, y, string: str, size: float, color) -> None:
        """Text centred on (x, y), `size` units tall."""
        self.ops.append(("text", x, y, string, size, color))

    # -- output -------------------------------------------------------------------------------------------
    def raster(self, px_w: int, px_h: int, supersample: int = 3, margin: tuple[float, float] = (0.0, 0.0),
               background: Image.Image | None = None) -> Image.Image:
        """RGBA image of the drawing: design space (-mx..w+mx, -my..h+my) mapped onto px_w × px_h."""
        mx, my = margin
        ss = supersample
        big_w, big_h = max(1, px_w * ss), max(1, px_h * ss)
        sx, sy = big_w / (self.w + 2 * mx), big_h / (self.h + 2 * my)
        if background is not None:
            img = background.convert("RGBA").resize((big_w, big_h))
        else:
            img = Image.new("RGBA", (big_w, big_h), (0, 0, 0, 0))
        draw = ImageDraw.Draw(img, "RGBA")
        unit = (sx + sy) / 2

        def P(x, y):
            return ((x + mx) * sx, (y + my) * sy)

        def lw(width):
            return max(1, int(round(width * unit))) if width else 0

        for op in self.ops:
            if op[0] != "gradient" and _translucent(op):
                # PIL replaces pixels when drawing on RGBA; blend through a layer of its own instead
                layer = Image.new("RGBA", img.size, (0, 0, 0, 0))
                self._draw(ImageDraw.Draw(layer, "RGBA"), layer, op, P, lw, unit)
                img.alpha_composite(layer)
            else:
                self._draw(draw, img, op, P, lw, unit)
        if ss > 1:
            img = img.resize((px_w, px_h), Image.Resampling.LANCZOS)
        return img

    @staticmethod
    def _draw(draw: ImageDraw.ImageDraw, img: Image.Image, op: tuple, P, lw, unit: float) -> None:
        """One primitive onto `img` (through `draw`), in pixel coordinates given by P."""
        kind = op[0]
        if kind == "ellipse":
            _, cx, cy, rx, ry, fill, outline, width = op
            x0, y0 = P(cx - rx, cy - ry)
            x1, y1 = P(cx + rx, cy + ry)
            if x1 - x0 >= 1 and y1 - y0 >= 1:
                draw.ellipse((x0, y0, x1, y1), fill=fill, outline=outline, width=lw(width))
        elif kind == "rect":
            _, x0, y0, x1, y1, fill, outline, width, radius = op
            a, b = P(x0, y0)
            c, d = P(x1, y1)
            if c - a >= 1 and d - b >= 1:
                if radius:
                    draw.rounded_rectangle((a, b, c, d), radius=radius * unit, fill=fill, outline=outline,
                                           width=lw(width))
                else:
                    draw.rectangle((a, b, c, d), fill=fill, outline=outline, width=lw(width))
        elif kind == "polygon":
            _, pts, fill, outline, width = op
            if len(pts) >= 3:
                draw.polygon([P(*p) for p in pts], fill=fill, outline=outline, width=lw(width))
        elif kind == "line":
            _, pts, color, width = op
            if len(pts) >= 2:
                draw.line([P(*p) for p in pts], fill=color, width=lw(width), joint="curve")
                r = lw(width) / 2
                if r >= 1.5:
                    for p in (pts[0], pts[-1]):
                        x, y = P(*p)
                        draw.ellipse((x - r, y - r, x + r, y + r), fill=color)
        elif kind == "gradient":
            _, x0, y0, x1, y1, top, bottom = op
            a, b = P(x0, y0)
            c, d = P(x1, y1)
            a, b, c, d = int(a), int(b), int(math.ceil(c)), int(math.ceil(d))
            if c > a and d > b:
                t = np.linspace(0.0, 1.0, d - b)[:, None]
                top4 = np.array(tuple(top) + (255,) * (4 - len(top)), float)
                bot4 = np.array(tuple(bottom) + (255,) * (4 - len(bottom)), float)
                rows = (top4 * (1 - t) + bot4 * t).round().astype(np.uint8)
                band = np.repeat(rows[:, None, :], c - a, axis=1)
                img.alpha_composite(Image.fromarray(band, "RGBA"), (max(a, 0), max(b, 0)),
                                    (max(-a, 0), max(-b, 0)))
        elif kind == "text":
            _, x, y, string, size, color = op
            font = _font(max(6, int(size * unit)))
            draw.text(P(x, y), string, fill=color, font=font, anchor="mm")

    def svg(self, transform: str = "") -> str:
        """The drawing as SVG elements in design units, wrapped in a <g transform=…>."""
        parts = []
        for op in self.ops:
            kind = op[0]
            if kind == "ellipse":
                _, cx, cy, rx, ry, fill, outline, width = op
                parts.append(f'<ellipse cx="{cx:.2f}" cy="{cy:.2f}" rx="{rx:.2f}" ry="{ry:.2f}"'
                             f'{_paint(fill, outline, width)}/>')
            elif kind == "rect":
                _, x0, y0, x1, y1, fill, outline, width, radius = op
                parts.append(f'<rect x="{x0:.2f}" y="{y0:.2f}" width="{x1 - x0:.2f}" height="{y1 - y0:.2f}"'
                             f' rx="{radius:.2f}"{_paint(fill, outline, width)}/>')
            elif kind == "polygon":
                _, pts, fill, outline, width = op
                parts.append(f'<polygon points="{_pts(pts)}"{_paint(fill, outline, width)}/>')
            elif kind == "line":
                _, pts, color, width = op
                parts.append(f'<polyline points="{_pts(pts)}" fill="none" stroke="{_rgb(color)}"'
                             f'{_opacity("stroke", color)} stroke-width="{width:.2f}" stroke-linecap="round"'
                             f' stroke-linejoin="round"/>')
            elif kind == "gradient":
                _, x0, y0, x1, y1, top, bottom = op
                gid = f"g{abs(hash((x0, y0, x1, y1, tuple(top), tuple(bottom)))) % 10**8}"
                parts.append(f'<defs><linearGradient id="{gid}" x1="0" y1="0" x2="0" y2="1">'
                             f'<stop offset="0" stop-color="{_rgb(top)}"/>'
                             f'<stop offset="1" stop-color="{_rgb(bottom)}"/></linearGradient></defs>'
                             f'<rect x="{x0:.2f}" y="{y0:.2f}" width="{x1 - x0:.2f}" height="{y1 - y0:.2f}"'
                             f' fill="url(#{gid})"/>')
            elif kind == "text":
                _, x, y, string, size, color = op
                safe = string.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                parts.append(f'<text x="{x:.2f}" y="{y:.2f}" font-size="{size:.2f}" text-anchor="middle"'
                             f' dominant-baseline="middle" font-family="sans-serif" fill="{_rgb(color)}">'
                             f'{safe}</text>')
        return f'<g transform="{transform}">' + "".join(parts) + "</g>"


def _translucent(op: tuple) -> bool:
    return any(isinstance(v, tuple) and len(v) == 4 and all(isinstance(c, int) for c in v) and v[3] < 255
               for v in op[1:])


def _rgb(color) -> str:
    return "#%02x%02x%02x" % tuple(color[:3])


def _opacity(attr: str, color) -> str:
    return f' {attr}-opacity="{color[3] / 255:.3f}"' if len(color) > 3 and color[3] < 255 else ""


def _paint(fill, outline, width) -> str:
    out = f' fill="{_rgb(fill)}"{_opacity("fill", fill)}' if fill else ' fill="none"'
    if outline and width:
        out += f' stroke="{_rgb(outline)}"{_opacity("stroke", outline)} stroke-width="{width:.2f}"'
    return out


def _pts(pts) -> str:
    return " ".join(f"{x:.2f},{y:.2f}" for x, y in pts)


_FONTS: dict[int, ImageFont.ImageFont] = {}


def _font(size: int):
    if size not in _FONTS:
        try:
            _FONTS[size] = ImageFont.load_default(size=size)
        except TypeError:  # Pillow < 10.1 has no sized default font
            _FONTS[size] = ImageFont.load_default()
    return _FONTS[size]
