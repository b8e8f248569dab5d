"""Text-guided image manipulation: one file per paper, one registry line each (image + words → image).

    METHODS["manigan"]          -> (ManiGAN, ManiGANConfig)
    build("manigan", text_encoder, image_encoder=...)   a fresh model (config overrides as keywords)
    load(DIR)                   a trained one from a checkpoint folder (eval mode)

A checkpoint folder (what `scenewright train manipulate` writes) holds `<method>.safetensors` (generator
weights, JSON config in the metadata), `card.json` and `damsm/` — the DAMSM the method was trained with.
Every method has `edit(images [B, 3, 64, 64] in [-1, 1], texts) -> images` (see base.py).
"""

from __future__ import annotations

import json
from dataclasses import fields
from pathlib import Path

import torch.nn as nn

from ...errors import CheckpointError, MissingFile, ScenewrightError
from .base import ManipulationMethod
from .manigan import ManiGAN, ManiGANConfig
from .sisgan import SISGAN, SISGANConfig
from .tagan import TAGAN, TAGANConfig

METHODS: dict[str, tuple[type[ManipulationMethod], type]] = {
    "sisgan": (SISGAN, SISGANConfig),
    "tagan": (TAGAN, TAGANConfig),
    "manigan": (ManiGAN, ManiGANConfig),
}
DEFAULT = "manigan"


def _entry(method: str) -> tuple[type[ManipulationMethod], type]:
    if method not in METHODS:
        raise ScenewrightError(f"unknown manipulation method {method!r}; methods: {', '.join(METHODS)}")
    return METHODS[method]


def make_config(method: str, **overrides):
    _, config_cls = _entry(method)
    names = {f.name for f in fields(config_cls)}
    unknown = sorted(set(overrides) - names)
    if unknown:
        raise ScenewrightError(f"{method} has no setting {', '.join(unknown)}; settings: {', '.join(sorted(names))}")
    overrides = {k: tuple(v) if isinstance(v, list) else v for k, v in overrides.items()}
    return config_cls(**overrides)


def build(method: str, text_encoder: nn.Module, image_encoder: nn.Module | None = None,
          **overrides) -> ManipulationMethod:
    """A fresh `method` on the DAMSM `text_encoder` (ManiGAN also takes the DAMSM `image_encoder`)."""
    cls, _ = _entry(method)
    overrides.setdefault("text_dim", text_encoder.dim)
    cfg = make_config(method, **overrides)
    if cls is ManiGAN:
        if image_encoder is None:
            raise ScenewrightError("ManiGAN needs the DAMSM image encoder (its image features and L_DAMSM)")
        model = ManiGAN(cfg, text_encoder, region_channels=image_encoder.dim)
        model.attach_image_encoder(image_encoder)
        return model
    return cls(cfg, text_encoder)


def weights_file(checkpoint: str | Path) -> Path:
    path = Path(checkpoint)
    if path.is_file():
        return path
    found = sorted(p for p in path.glob("*.safetensors") if p.stem in METHODS) if path.is_dir() else []
    if not found:
        raise MissingFile(f"no manipulation checkpoint in {path}; train one with `scenewright train manipulate "
                          f"--method manigan --data DIR --damsm DIR --out {path}`")
    return found[0]


def load(checkpoint: str | Path, device: str = "cpu") -> ManipulationMethod:
    """A trained method from its checkpoint folder (weights + the DAMSM beside them), eval mode."""
    from safetensors import SafetensorError, safe_open
    from safetensors.torch import load_file

    from ..encoders.damsm import load_damsm

    file = weights_file(checkpoint)
    try:
        with safe_open(str(file), "pt") as f:
            meta = f.metadata() or {}
        method, config = meta["method"], json.loads(meta["config"])
        state = load_file(str(file))
    except (SafetensorError, OSError, KeyError, ValueError) as e:
        raise CheckpointError(f"{file} is not a manipulation checkpoint ({type(e).__name__}: {e})") from None
    if method not in METHODS:
        raise CheckpointError(f"{file} holds a {method!r} model, not a manipulation method ({', '.join(METHODS)})")
    damsm = file.parent / "damsm"
    if not damsm.is_dir():
        raise MissingFile(f"{file.parent} has no damsm/ folder (the DAMSM the method was trained with); retrain "
                          f"with `scenewright train manipulate --method {method} --data DIR --damsm DIR "
                          f"--out {file.parent}`")
    text, image = load_damsm(damsm, device)
    model = build(method, text, image, **config)
    missing, unexpected = model.load_state_dict(state, strict=False)
    kept = model.inference_keys(dict.fromkeys(missing))
    if unexpected or kept:
        raise CheckpointError(f"{file} does not fit {method}: missing {list(kept)[:5]}, unexpected {unexpected[:5]}")
    return model.to(device).eval()


__all__ = ["DEFAULT", "METHODS", "ManipulationMethod", "build", "load", "make_config", "weights_file"]
