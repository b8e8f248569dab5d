"""The text-to-image family: one file per paper, one registry line each.

    METHODS["dfgan"]            -> (DFGAN, DFGANConfig)
    build("dfgan", text_encoder, image_size=64)      a fresh model (config overrides as keywords)
    load(DIR)                   a trained one from a checkpoint folder (eval mode)

A checkpoint folder (what `scenewright train t2i` writes) holds `<method>.safetensors` (generator weights; the
JSON config in the metadata), `card.json`, and `damsm/` — the DAMSM text encoder the method was trained with
(copied there, so the folder is self-contained). A shipped folder (weights/t2i/<method>_<world>/) has no copy: its
card names the shipped DAMSM instead (`"damsm_shipped": "damsm/<world>"`, see `damsm_of`).

A new method: a file `models/t2i/<paper>.py` with a frozen config dataclass and a `T2IMethod` subclass
(`param_groups`, `losses`, `generate`; see train/loop.py), and a line below.
"""

from __future__ import annotations

from pathlib import Path

import torch.nn as nn

from .. import checkpoint
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
# The best measured on each world's shipped weights: the lowest FID on the test split (docs/t2i.md, "Shipped
# weights"); DEFAULT for a world not listed.
BEST = {"shapes": "stackgan", "park": "gan_int_cls"}
DEFAULT = "stackgan"
WEIGHTS_ROOT = Path(__file__).resolve().parents[2] / "weights"  # src/scenewright/weights


def default_method(world: str | None = None) -> str:
    """The method `imagine` and the `t2i` renderer use when none is given: the best measured for `world`."""
    return BEST.get(world, DEFAULT)


def method_names() -> list[str]:
    return list(METHODS)


def _entry(method: str) -> tuple[type[T2IMethod], type]:
    if method not in METHODS:
        raise ScenewrightError(f"unknown text-to-image method {method!r}; methods: {', '.join(METHODS)}")
    return METHODS[method]


def make_config(method: str, **overrides):
    return checkpoint.make_config(_entry(method)[1], method, overrides)


def build(method: str, text_encoder: nn.Module, **overrides) -> T2IMethod:
    """A fresh `method` on `text_encoder` (text_dim is taken from the encoder)."""
    cls, _ = _entry(method)
    overrides.setdefault("text_dim", text_encoder.dim)
    return cls(make_config(method, **overrides), text_encoder)


def weights_file(path: str | Path) -> Path:
    """The method's .safetensors in a checkpoint folder (or the file itself)."""
    return checkpoint.weights_file(path, METHODS, "text-to-image", "train one with `scenewright train t2i "
                                   f"--method dfgan --data DIR --damsm DIR --out {path}`")


def damsm_of(folder: Path, method: str = "dfgan") -> Path:
    """The DAMSM text encoder of a checkpoint folder: its own copy `damsm/` (a `train t2i` run), else the shipped
    DAMSM its card names (`"damsm_shipped": "damsm/shapes"`, relative to src/scenewright/weights/), so the shipped
    methods of a world share one encoder instead of ten copies."""
    import json

    if (folder / "damsm").is_dir():
        return folder / "damsm"
    try:
        ref = json.loads((folder / "card.json").read_text()).get("damsm_shipped")
    except (OSError, ValueError, AttributeError):
        ref = None
    if ref:
        shipped = WEIGHTS_ROOT / ref
        if shipped.is_dir():
            return shipped
        raise MissingFile(f"{folder}/card.json names the shipped DAMSM {ref!r}, which is not at {shipped}")
    raise MissingFile(f"{folder} has no damsm/ folder (the text encoder the method was trained with); "
                      f"retrain with `scenewright train t2i --method {method} --data DIR --damsm DIR "
                      f"--out {folder}`")


def load(path: str | Path, device: str = "cpu") -> T2IMethod:
    """A trained method from its checkpoint folder (weights + the DAMSM text encoder beside them)."""
    from ..encoders.damsm import load_damsm

    file = weights_file(path)
    method, config, state = checkpoint.read_method(file, METHODS, "text-to-image")
    text, _ = load_damsm(damsm_of(file.parent, method), device)
    model = build(method, text, **config)
    missing, unexpected = model.load_state_dict(state, strict=False)
    kept = model.inference_keys(dict.fromkeys(missing))
    if unexpected or kept:
        raise CheckpointError(f"{file} does not fit {method}: missing {list(kept)[:5]}, unexpected {unexpected[:5]}")
    return model.to(device).eval()


__all__ = ["DEFAULT", "METHODS", "T2IMethod", "build", "damsm_of", "default_method", "load", "make_config", "method_names", "weights_file"]
