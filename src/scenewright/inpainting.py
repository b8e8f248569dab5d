"""`inpaint`: fill a box of a picture with what the text says (TDANet, models/inpaint/tdanet.py).

    >>> from scenewright import inpaint
    >>> out = inpaint("scene.png", (20, 30, 44, 54), "a red cube in front of a blue sphere")  # doctest: +SKIP
    >>> out.save("filled.png")                                                                # doctest: +SKIP

Without `checkpoint` the weights shipped for `world` are used (weights/inpaint/tdanet[_notext]_<world>/, shapes
and street).

The picture is read at the model's size (64 px, LANCZOS), the box — in the picture's own pixels, x1/y1
exclusive — is scaled with it, and the result is returned at the picture's own size: outside the box the
original pixels are kept exactly; inside, the model's fill (scaled back).
"""

from __future__ import annotations

from pathlib import Path

from .errors import ScenewrightError
from .retrieve import read_image

WEIGHTS = Path(__file__).resolve().parent / "weights" / "inpaint"


def default_checkpoint(method: str = "tdanet", world: str = "shapes") -> Path:
    return WEIGHTS / f"{method}_{world}"


def load_model(method: str = "tdanet", checkpoint: str | Path | None = None, world: str = "shapes",
               device: str = "cpu"):
    """The trained `method` from `checkpoint` (default: the shipped weights for `world`)."""
    from .models.checkpoint import load_trained

    return load_trained("inpaint", "inpainting", method, checkpoint, default_checkpoint(method, world), "inpaint", device)


def parse_box(text: str) -> tuple[int, int, int, int]:
    """"x0,y0,x1,y1" → ints, or a ScenewrightError saying what a box looks like."""
    try:
        box = tuple(int(round(float(v))) for v in text.split(","))
    except ValueError:
        box = ()
    if len(box) != 4:
        raise ScenewrightError(f"a box is x0,y0,x1,y1 in pixels (e.g. 20,30,44,54), got {text!r}")
    return box  # type: ignore[return-value]


def inpaint(image, box: tuple[int, int, int, int] | str, text: str = "", method: str = "tdanet",
            checkpoint: str | Path | None = None, world: str = "shapes", device: str = "cpu"):
    """The picture with `box` filled as `text` says (an RGB PIL image of the input's size)."""
    import numpy as np
    import torch
    from PIL import Image

    from .train.inpaint import box_mask
    from .train.loop import to_uint8

    src = image.convert("RGB") if hasattr(image, "convert") else read_image(image, "image")
    x0, y0, x1, y1 = parse_box(box) if isinstance(box, str) else tuple(int(v) for v in box)
    W, H = src.size
    if not (0 <= x0 < x1 <= W and 0 <= y0 < y1 <= H):
        raise ScenewrightError(f"the box {x0},{y0},{x1},{y1} is not inside the {W}×{H} picture "
                               "(x0 < x1 ≤ width, y0 < y1 ≤ height)")
    model = load_model(method, checkpoint, world, device)
    if model.cfg.text and not (isinstance(text, str) and text.strip()):
        raise ScenewrightError("say what goes in the box, e.g. \"a red cube\" (or use --method tdanet_notext)")
    S = model.cfg.image_size
    small = np.asarray(src.resize((S, S), Image.Resampling.LANCZOS), dtype=np.float32)
    sx, sy = S / W, S / H
    sbox = (int(x0 * sx), int(y0 * sy), max(int(x0 * sx) + 1, int(np.ceil(x1 * sx))),
            max(int(y0 * sy) + 1, int(np.ceil(y1 * sy))))
    x = torch.from_numpy(small / 127.5 - 1.0).permute(2, 0, 1)[None].to(device)
    m = torch.from_numpy(box_mask(sbox, S))[None, None].to(device)
    with torch.inference_mode():
        out = to_uint8(model.inpaint(x, m, [text] if model.cfg.text else None))[0]
    filled = Image.fromarray(out).resize((W, H), Image.Resampling.LANCZOS)
    result = src.copy()
    result.paste(filled.crop((x0, y0, x1, y1)), (x0, y0))
    return result


__all__ = ["default_checkpoint", "inpaint", "load_model", "parse_box"]
