"""`edit`: a picture and words in, the edited picture out, by a trained text-guided manipulation method.

    >>> from scenewright.editing import edit
    >>> out = edit("photo.png", "a blue cube and a red sphere on a light floor")             # doctest: +SKIP
    >>> out = edit("street.png", "a red car in the near lane", method="sisgan", world="street")  # doctest: +SKIP

Without `checkpoint` the weights shipped for `world` are used (weights/manipulate/<method>_<world>/: sisgan,
tagan, manigan for shapes and street; docs/manipulate.md has what they measure — they do not yet edit
recognisably).

The image is any PNG/JPEG (or a PIL image), converted to RGB and resized to the model's 64×64 (LANCZOS); the
result is the model's size. The text is what the methods were trained on: a description of the wanted image
(the CUB setting; the default) or an instruction for a model trained with `--set text=instruction`.
Same (image, text, method, checkpoint, seed) → the same pixels.
"""

from __future__ import annotations

from pathlib import Path

from .errors import MissingFile, ScenewrightError

WEIGHTS = Path(__file__).resolve().parent / "weights" / "manipulate"


def default_checkpoint(method: str, world: str = "shapes") -> Path:
    """Where shipped weights for `method` on `world` would live (weights/manipulate/<method>_<world>/)."""
    return WEIGHTS / f"{method}_{world}"


def load_method(method: str = "manigan", checkpoint: str | Path | None = None, world: str = "shapes",
                device: str = "cpu"):
    """The trained `method` from `checkpoint` (default: the shipped weights for `world`)."""
    from .models.checkpoint import load_trained

    return load_trained("manipulate", "manipulation", method, checkpoint, default_checkpoint(method, world), "manipulate", device)


def read_image(image, size: int | None = None):
    """An RGB PIL image (at size×size when a size is given) from a path or a PIL image; refuses what it cannot
    read, saying why."""
    from PIL import Image, UnidentifiedImageError

    if isinstance(image, (str, Path)):
        path = Path(image)
        if not path.is_file():
            raise MissingFile(f"no image at {path}")
        try:
            with Image.open(path) as im:
                if im.format not in ("PNG", "JPEG"):
                    raise ScenewrightError(f"{path} is a {im.format} file; edit reads PNG or JPEG")
                im.load()
                image = im.convert("RGB")
        except (UnidentifiedImageError, OSError, SyntaxError) as e:
            raise ScenewrightError(f"cannot read {path} as an image ({type(e).__name__}: {e}); give a PNG or "
                                   "JPEG") from None
    elif not isinstance(image, Image.Image):
        raise ScenewrightError(f"edit takes a path or a PIL image, not {type(image).__name__}")
    image = image.convert("RGB")
    if size is None or image.size == (size, size):
        return image
    return image.resize((size, size), Image.LANCZOS)


def edit(image, text: str, method: str = "manigan", checkpoint: str | Path | None = None, seed: int = 0,
         world: str = "shapes", device: str = "cpu"):
    """`image` (path or PIL) edited by `text` with `method` → an RGB PIL image at the model's size."""
    import numpy as np
    import torch
    from PIL import Image

    from .train.loop import to_uint8

    if not isinstance(text, str) or not text.strip():
        raise ScenewrightError("edit needs words saying what to change (non-empty text)")
    img = read_image(image)  # refuse an unreadable file before loading any model
    model = load_method(method, checkpoint, world, device)
    size = model.cfg.image_size
    img = read_image(img, size)
    x = torch.from_numpy(np.asarray(img, dtype=np.float32) / 127.5 - 1.0).permute(2, 0, 1)[None].to(device)
    with torch.inference_mode():
        y = model.edit(x, [text], seed=seed)
    return Image.fromarray(to_uint8(y)[0])
