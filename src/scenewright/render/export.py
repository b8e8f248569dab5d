"""Pictures of a whole dialog: the animated GIF and the contact sheet (every turn with its text)."""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Sequence

from PIL import Image, ImageDraw, ImageFont


def save_gif(images: Sequence[Image.Image], path: str | Path, ms_per_frame: int = 900) -> Path:
    path = Path(path)
    if not images:
        raise ValueError("no images to animate")
    frames = [im.convert("RGB").quantize(colors=255, method=Image.Quantize.MEDIANCUT, dither=0)
              for im in images]
    durations = [ms_per_frame] * (len(frames) - 1) + [ms_per_frame * 3]
    frames[0].save(path, save_all=True, append_images=frames[1:], duration=durations, loop=0, optimize=False)
    return path


def contact_sheet(images: Sequence[Image.Image], captions: Sequence[str], columns: int = 4,
                  thumb_width: int = 240, oks: Sequence[bool] | None = None) -> Image.Image:
    """A grid of turn pictures with a numbered caption under each."""
    if not images:
        raise ValueError("no images for a contact sheet")
    columns = max(1, min(columns, len(images)))
    w = thumb_width
    h = round(images[0].height * w / images[0].width)
    label_font = font(13)
    lines_per = 4
    cap_h = 8 + lines_per * 16
    rows = (len(images) + columns - 1) // columns
    pad = 10
    sheet = Image.new("RGB", (columns * (w + pad) + pad, rows * (h + cap_h + pad) + pad), (250, 250, 247))
    draw = ImageDraw.Draw(sheet)
    for i, (img, caption) in enumerate(zip(images, captions)):
        x = pad + (i % columns) * (w + pad)
        y = pad + (i // columns) * (h + cap_h + pad)
        sheet.paste(img.convert("RGB").resize((w, h), Image.Resampling.LANCZOS), (x, y))
        draw.rectangle((x - 1, y - 1, x + w, y + h), outline=(200, 200, 195))
        ok = oks[i] if oks is not None else True
        text = f"{i + 1}. {caption}" + ("" if ok else "  (not done)")
        wrapped = textwrap.wrap(text, width=max(10, w // 7))[:lines_per]
        for j, line in enumerate(wrapped):
            draw.text((x, y + h + 6 + 16 * j), line, fill=(40, 40, 40) if ok else (150, 60, 60), font=label_font)
    return sheet


def font(size: int):
    """Pillow's default font at `size` px (a fixed bitmap font on Pillow < 10.1)."""
    try:
        return ImageFont.load_default(size=size)
    except TypeError:
        return ImageFont.load_default()
