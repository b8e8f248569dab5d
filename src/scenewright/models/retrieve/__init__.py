"""Composed image retrieval (image + modification text → the wanted image): TIRG and the paper's baselines.

    METHODS["tirg"]          -> (TIRG, TIRGConfig) with composition "tirg" (also "image", "text", "concat")
    build("tirg", vocab=..., image_encoder="efficientnet")     a fresh model (config overrides as keywords)
    load(DIR)                                                  a trained one (eval mode)

A checkpoint folder (what `scenewright train retrieve` writes) holds `<method>.safetensors` (weights; the
JSON config — vocabulary included — in the metadata) and `card.json`.
"""

from __future__ import annotations

from pathlib import Path

from .. import checkpoint
from ...errors import CheckpointError, ScenewrightError
from .tirg import COMPOSITIONS, TIRG, TIRGConfig

METHODS: dict[str, tuple[type[TIRG], type[TIRGConfig]]] = {name: (TIRG, TIRGConfig) for name in COMPOSITIONS}
DEFAULT = "tirg"


def make_config(method: str, **overrides) -> TIRGConfig:
    if method not in METHODS:
        raise ScenewrightError(f"unknown retrieval method {method!r}; methods: {', '.join(METHODS)}")
    return checkpoint.make_config(METHODS[method][1], method, {**overrides, "composition": method})


def build(method: str, backbone=None, **overrides) -> TIRG:
    cls, _ = METHODS.get(method, (None, None))
    return (cls or TIRG)(make_config(method, **overrides), backbone=backbone)


def weights_file(path: str | Path) -> Path:
    return checkpoint.weights_file(path, METHODS, "retrieval", "train one with `scenewright train retrieve "
                                   f"--method tirg --data DIR --out {path}`")


def load(path: str | Path, device: str = "cpu") -> TIRG:
    """A trained retrieval model from its checkpoint folder (or .safetensors file), in eval mode."""
    file = weights_file(path)
    method, config, state = checkpoint.read_method(file, METHODS, "retrieval")
    config.pop("composition", None)
    model = build(method, **config)
    try:
        model.load_state_dict(state)
    except RuntimeError as e:
        raise CheckpointError(f"{file} does not fit {method}: {e}") from None
    return model.to(device).eval()


__all__ = ["DEFAULT", "METHODS", "TIRG", "TIRGConfig", "build", "load", "make_config", "weights_file"]
