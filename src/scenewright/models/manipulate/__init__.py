"""Text-guided image manipulation: one file per paper, one registry line each (image + words → image).

    METHODS["manigan"]          -> (ManiGAN, ManiGANConfig)
    build("manigan", text_encoder, image_encoder=...)   a fresh model (config overrides as keywords)
    load(DIR)                   a trained one from a checkpoint folder (eval mode)

A checkpoint folder (what `scenewright train manipulate` writes) holds `<method>.safetensors` (generator
weights, JSON config in the metadata), `card.json` and `damsm/` — the DAMSM the method was trained with.
Every method has `edit(images [B, 3, 64, 64] in [-1, 1], texts) -> images` (see base.py).
"""

from __future__ import annotations

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
    from ..checkpoint import make_config as _make

    return _make(_entry(method)[1], method, overrides)


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
    from ..checkpoint import weights_file as _find

    return _find(checkpoint, METHODS, "manipulation", "train one with `scenewright train manipulate --method "
                 f"manigan --data DIR --damsm DIR --out {checkpoint}`")


def damsm_of(folder: Path, method: str, verb: str) -> Path:
    """The DAMSM a checkpoint folder was trained with: its copy `damsm/` (a run) or the shipped one its card names
    (`"damsm_shipped"`, models/t2i.damsm_of: the shipped folders of a world share one DAMSM)."""
    from ..t2i import damsm_of as shared

    try:
        return shared(folder, method)
    except MissingFile as e:
        if "names the shipped DAMSM" in str(e):
            raise
        raise MissingFile(f"{folder} has no damsm/ folder (the DAMSM {method} was trained with); retrain with "
                          f"`scenewright train {verb} --method {method} --data DIR --damsm DIR --out {folder}`") \
            from None


def load(checkpoint: str | Path, device: str = "cpu") -> ManipulationMethod:
    """A trained method from its checkpoint folder (weights + the DAMSM beside them), eval mode."""
    from ..checkpoint import read_method
    from ..encoders.damsm import load_damsm

    file = weights_file(checkpoint)
    method, config, state = read_method(file, METHODS, "manipulation")
    text, image = load_damsm(damsm_of(file.parent, method, "manipulate"), device)
    model = build(method, text, image, **config)
    missing, unexpected = model.load_state_dict(state, strict=False)
    kept = model.inference_keys(dict.fromkeys(missing))
    if unexpected or kept:
        raise CheckpointError(f"{file} does not fit {method}: missing {list(kept)[:5]}, unexpected {unexpected[:5]}")
    return model.to(device).eval()


__all__ = ["DEFAULT", "METHODS", "ManipulationMethod", "build", "damsm_of", "load", "make_config", "weights_file"]
