"""`search`: find in a folder of pictures the one "like this one, but …" (TIRG, models/retrieve/tirg.py).

    >>> from scenewright.retrieve import search
    >>> found = search("photos/", "query.png", "but the jacket was red", k=5, world="street")  # doctest: +SKIP
    >>> [(h.name, round(h.score, 3)) for h in found.hits]                                   # doctest: +SKIP

Without `checkpoint` the TIRG shipped for `world` is used (weights/retrieve/tirg_<world>/): shapes (whole
scenes) or street (one vehicle or person per picture, as `scenewright data css --world street` makes them).

A gallery is a folder of PNG/JPEG files (not recursive, sorted by name). Files that cannot be read as images
are skipped and listed in `found.skipped` with the reason; an unreadable query image is refused.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .errors import MissingFile, ScenewrightError

WEIGHTS = Path(__file__).resolve().parent / "weights" / "retrieve"
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg")


@dataclass(frozen=True)
class Hit:
    name: str
    path: Path
    score: float  # cosine between the composed query and the image


@dataclass(frozen=True)
class SearchResult:
    hits: list[Hit]
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (file name, why it was not read)


def read_image(path: str | Path, what: str = "image"):
    """An RGB PIL image from a PNG/JPEG file, or a ScenewrightError saying why it cannot be read."""
    from PIL import Image, UnidentifiedImageError

    path = Path(path)
    if not path.is_file():
        raise MissingFile(f"no {what} at {path}")
    try:
        with Image.open(path) as im:
            im.load()
            return im.convert("RGB")
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as e:
        reason = "not an image file" if isinstance(e, UnidentifiedImageError) else f"{type(e).__name__}: {e}"
        raise ScenewrightError(f"cannot read {what} {path}: {reason}") from None


def default_checkpoint(world: str = "shapes") -> Path:
    return WEIGHTS / f"tirg_{world}"


@lru_cache(maxsize=4)
def _model(checkpoint: str, device: str, stamp: float):
    from .models.retrieve import load

    return load(checkpoint, device)


def load_model(checkpoint: str | Path | None = None, world: str = "shapes", device: str = "cpu"):
    from .models.retrieve import weights_file

    path = Path(checkpoint) if checkpoint is not None else default_checkpoint(world)
    if not path.exists():
        raise MissingFile(f"no retrieval checkpoint at {path}; train one with `scenewright train retrieve "
                          f"--method tirg --data DIR --out {path}` and pass --checkpoint {path}")
    return _model(str(path.resolve()), device, weights_file(path).stat().st_mtime)


def gallery_files(gallery: str | Path) -> list[Path]:
    root = Path(gallery)
    if not root.is_dir():
        raise MissingFile(f"no gallery folder at {root} (a gallery is a folder of PNG/JPEG pictures)")
    return sorted(p for p in root.iterdir() if p.is_file() and p.suffix.lower() in IMAGE_SUFFIXES)


def _tensor(images: list, size: int):
    import numpy as np
    import torch
    from PIL import Image

    arr = np.stack([np.asarray(im.resize((size, size), Image.Resampling.LANCZOS), dtype=np.float32)
                    for im in images])
    return torch.from_numpy(arr / 127.5 - 1.0).permute(0, 3, 1, 2).contiguous()


def search(gallery: str | Path, image, text: str, k: int = 5, checkpoint: str | Path | None = None,
           world: str = "shapes", device: str = "cpu", batch: int = 64) -> SearchResult:
    """The k gallery pictures closest to (image, text) composed by TIRG, best first."""
    import torch
    import torch.nn.functional as F

    if not isinstance(text, str) or not text.strip():
        raise ScenewrightError("say how the wanted picture differs, e.g. \"but the jacket was red\"")
    if k < 1:
        raise ScenewrightError(f"k must be at least 1, got {k}")
    query = image.convert("RGB") if hasattr(image, "convert") else read_image(image, "query image")
    files = gallery_files(gallery)
    images, names, skipped = [], [], []
    for f in files:
        try:
            images.append(read_image(f, "gallery image"))
            names.append(f)
        except ScenewrightError as e:
            skipped.append((f.name, str(e).split(": ", 1)[-1]))
    if not images:
        raise ScenewrightError(f"the gallery {gallery} has no readable PNG/JPEG pictures"
                               + (f" ({len(skipped)} skipped)" if skipped else ""))
    model = load_model(checkpoint, world, device)
    size = model.cfg.size
    with torch.inference_mode():
        q = model.compose(_tensor([query], size).to(device), [text])
        g = torch.cat([model.image_vector(_tensor(images[i:i + batch], size).to(device))
                       for i in range(0, len(images), batch)])
        scores = (F.normalize(g, dim=1) @ F.normalize(q, dim=1)[0]).cpu()
    top = torch.argsort(scores, descending=True, stable=True)[:k].tolist()
    return SearchResult([Hit(names[i].name, names[i], float(scores[i])) for i in top], skipped)


def sheet(query_image, text: str, result: SearchResult, gallery: str | Path | None = None):
    """A contact sheet: the query (with the text), then the hits with their scores (render/export.py)."""
    from .render.export import contact_sheet

    query = query_image if hasattr(query_image, "convert") else read_image(query_image, "query image")
    images = [query] + [read_image(h.path) for h in result.hits]
    captions = [f"query: {text}"] + [f"{h.name}  {h.score:.3f}" for h in result.hits]
    return contact_sheet(images, captions, columns=min(6, len(images)), thumb_width=160)


__all__ = ["Hit", "SearchResult", "default_checkpoint", "gallery_files", "load_model", "read_image", "search",
           "sheet"]
