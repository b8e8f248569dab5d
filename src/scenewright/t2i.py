"""`imagine`: a caption in, PIL images out, by any trained method of the text-to-image family.

    >>> from scenewright.t2i import imagine
    >>> images = imagine("a red cube on the left of a blue sphere", method="dfgan",
    ...                  checkpoint="runs/t2i/dfgan_shapes64", n=4, seed=0)   # doctest: +SKIP

Same (text, method, checkpoint, n, seed) → the same pixels. Loaded models are kept (one per folder), so a second
call costs one generator forward.
"""

from __future__ import annotations

from pathlib import Path

from .errors import ScenewrightError

WEIGHTS = Path(__file__).resolve().parent / "weights" / "t2i"


def default_checkpoint(method: str, world: str = "shapes") -> Path:
    """Where shipped weights for `method` on `world` live (weights/t2i/<method>_<world>/)."""
    return WEIGHTS / f"{method}_{world}"


def load_method(method: str | None = None, checkpoint: str | Path | None = None, world: str = "shapes",
                device: str = "cpu"):
    """The trained `method` from `checkpoint` (default: the shipped weights for `world`,
    weights/t2i/<method>_<world>/). Without `method`: the one the checkpoint holds, else the best measured for
    `world` (models.t2i.default_method)."""
    from .models.checkpoint import load_trained
    from .models.t2i import default_method

    if method is None and checkpoint is not None and Path(checkpoint).exists():
        from .models.t2i import weights_file

        method = weights_file(checkpoint).stem  # a run folder says which method it holds
    method = method or default_method(world)
    return load_trained("t2i", "text-to-image", method, checkpoint, default_checkpoint(method, world), "t2i", device)


def imagine(text: str, method: str | None = None, checkpoint: str | Path | None = None, n: int = 1, seed: int = 0,
            world: str = "shapes", device: str = "cpu") -> list:
    """Draw `text` n times with `method` (default: the best measured for `world`) from `checkpoint`
    (default: the shipped weights for `world`): a list of n RGB PIL images at the method's size."""
    import torch
    from PIL import Image

    from .train.loop import to_uint8

    if not isinstance(text, str) or not text.strip():
        raise ScenewrightError("imagine needs a caption (non-empty text)")
    if n < 1:
        raise ScenewrightError(f"n must be at least 1, got {n}")
    model = load_method(method, checkpoint, world, device)
    with torch.inference_mode():
        x = model.generate([text] * n, seed=seed)
    return [Image.fromarray(a) for a in to_uint8(x)]


def grid(images: list, columns: int | None = None):
    """Images side by side (rows of `columns`), for `imagine --n`."""
    from PIL import Image

    columns = columns or len(images)
    w, h = images[0].size
    rows = (len(images) + columns - 1) // columns
    sheet = Image.new("RGB", (w * columns, h * rows), "white")
    for i, im in enumerate(images):
        sheet.paste(im, ((i % columns) * w, (i // columns) * h))
    return sheet


__all__ = ["default_checkpoint", "grid", "imagine", "load_method"]
