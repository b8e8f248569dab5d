"""The text-to-image family: one file per paper, one registry line each.

    METHODS["dfgan"]            -> (DFGAN, DFGANConfig)
    build("dfgan", text_encoder, image_size=64)      a fresh model (config overrides as keywords)
    load(DIR)                   a trained one from a checkpoint folder (eval mode)

A checkpoint folder (what `scenewright train t2i` writes) holds `<method>.safetensors` (generator weights; the
JSON config in the metadata), `card.json`, and `damsm/` — the DAMSM text encoder the method was trained with
(copied there, so the folder is self-contained).

A new method: a file `models/t2i/<paper>.py` with a frozen config dataclass and a `T2IMethod` subclass
(`param_groups`, `losses`, `generate`; see train/loop.py), and a line below.
"""

from __future__ import annotations

import json
from dataclasses import fields
from pathlib import Path

import torch.nn as nn

from ...errors import CheckpointError, MissingFile, ScenewrightError
from .base import T2IMethod
from .attngan import AttnGAN, AttnGANConfig
from .dfgan import DFGAN, DFGANConfig
from .gan_int_cls import GANINTCLS, GANINTCLSConfig
from .stackgan import StackGAN, StackGANConfig
from .stackgan_pp import StackGANPP, StackGANPPConfig

METHODS: dict[str, tuple[type[T2IMethod], type]] = {
    "dfgan": (DFGAN, DFGANConfig),
    "gan_int_cls": (GANINTCLS, GANINTCLSConfig),
    "stackgan": (StackGAN, StackGANConfig),
    "stackgan_pp": (StackGANPP, StackGANPPConfig),
    "attngan": (AttnGAN, AttnGANConfig),
}
DEFAULT = "dfgan"


def method_names() -> list[str]:
    return list(METHODS)


def _entry(method: str) -> tuple[type[T2IMethod], type]:
    if method not in METHODS:
        raise ScenewrightError(f"unknown text-to-image method {method!r}; methods: {', '.join(METHODS)}")
    return METHODS[method]


def make_config(method: str, **overrides):
    cls, config_cls = _entry(method)
    names = {f.name for f in fields(config_cls)}
    unknown = sorted(set(overrides) - names)
    if unknown:
        raise ScenewrightError(f"{method} has no setting {', '.join(unknown)}; settings: {', '.join(sorted(names))}")
    for f in fields(config_cls):  # JSON gives lists where the config has tuples
        if isinstance(overrides.get(f.name), list):
            overrides[f.name] = tuple(overrides[f.name])
    return config_cls(**overrides)


def build(method: str, text_encoder: nn.Module, **overrides) -> T2IMethod:
    """A fresh `method` on `text_encoder` (text_dim is taken from the encoder)."""
    cls, _ = _entry(method)
    overrides.setdefault("text_dim", text_encoder.dim)
    return cls(make_config(method, **overrides), text_encoder)


def weights_file(checkpoint: str | Path) -> Path:
    """The method's .safetensors in a checkpoint folder (or the file itself)."""
    path = Path(checkpoint)
    if path.is_file():
        return path
    found = sorted(p for p in path.glob("*.safetensors") if p.stem in METHODS) if path.is_dir() else []
    if not found:
        raise MissingFile(f"no text-to-image checkpoint in {path}; train one with `scenewright train t2i "
                          f"--method dfgan --data DIR --damsm DIR --out {path}`")
    return found[0]


def load(checkpoint: str | Path, device: str = "cpu") -> T2IMethod:
    """A trained method from its checkpoint folder (weights + the DAMSM text encoder beside them)."""
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
        raise CheckpointError(f"{file} is not a text-to-image checkpoint ({type(e).__name__}: {e})") from None
    damsm = file.parent / "damsm"
    if not damsm.is_dir():
        raise MissingFile(f"{file.parent} has no damsm/ folder (the text encoder the method was trained with); "
                          f"retrain with `scenewright train t2i --method {method} --data DIR --damsm DIR "
                          f"--out {file.parent}`")
    text, _ = load_damsm(damsm, device)
    model = build(method, text, **config)
    missing, unexpected = model.load_state_dict(state, strict=False)
    kept = model.inference_keys(dict.fromkeys(missing))
    if unexpected or kept:
        raise CheckpointError(f"{file} does not fit {method}: missing {list(kept)[:5]}, unexpected {unexpected[:5]}")
    return model.to(device).eval()


__all__ = ["DEFAULT", "METHODS", "T2IMethod", "build", "load", "make_config", "method_names", "weights_file"]
