"""The street world's overlay, drawn over the whole picture: weather, streetlight glow at dusk and night,
a dashed outline and "?" badge on what the witness was unsure of, and numbered callouts for marks."""

from __future__ import annotations

import math
import random

from PIL import Image, ImageDraw

from ._common import INK, _time_weather, said
from .buildings import _sign_text


# -- overlay: weather, light, and the record's marks --------------------------------------------------------------
BADGE = (226, 120, 20)
CALLOUT = (40, 70, 140)


def _box(world, renderer, obj, size) -> tuple[float, float, float, float]:
    from ...procedural import box_pixels

    w, h = box_pixels(world, obj, size)
    x, y = obj.x * size[0], obj.y * size[1]
    return x - w / 2, y - h / 2, x + w / 2, y + h / 2


def _font(px: int):
    from ...pen import _font as pen_font

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
