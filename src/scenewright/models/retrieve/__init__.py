"""Composed image retrieval (image + modification text → the wanted image): TIRG and the paper's baselines.

    METHODS["tirg"]          -> (TIRG, TIRGConfig) with composition "tirg" (also "image", "text", "concat")
    build("tirg", vocab=..., image_encoder="efficientnet")     a fresh model (config overrides as keywords)
    load(DIR)                                                  a trained one (eval mode)

A checkpoint folder (what `scenewright train retrieve` writes) holds `<method>.safetensors` (weights; the
JSON config — vocabulary included — in the metadata) and `card.json`.
"""

from __future__ import annotations

import json
from dataclasses import fields
from pathlib import Path

from ...errors import CheckpointError, MissingFile, ScenewrightError
from .tirg import COMPOSITIONS, TIRG, TIRGConfig

METHODS: dict[str, tuple[type[TIRG], type[TIRGConfig]]] = {name: (TIRG, TIRGConfig) for name in COMPOSITIONS}
DEFAULT = "tirg"


def make_config(method: str, **overrides) -> TIRGConfig:
    if method not in METHODS:
        raise ScenewrightError(f"unknown retrieval method {method!r}; methods: {', '.join(METHODS)}")
    _, config_cls = METHODS[method]
    names = {f.name for f in fields(config_cls)}
    unknown = sorted(set(overrides) - names)
    if unknown:
        raise ScenewrightError(f"{method} has no setting {', '.join(unknown)}; settings: {', '.join(sorted(names))}")
    for key in ("vocab", "betas"):  # JSON gives lists where the config has tuples
        if isinstance(overrides.get(key), list):
            overrides[key] = tuple(overrides[key])
    overrides["composition"] = method
    return config_cls(**overrides)


def build(method: str, backbone=None, **overrides) -> TIRG:
    cls, _ = METHODS.get(method, (None, None))
    return (cls or TIRG)(make_config(method, **overrides), backbone=backbone)


def weights_file(checkpoint: str | Path) -> Path:
    path = Path(checkpoint)
    if path.is_file():
        return path
    found = sorted(p for p in path.glob("*.safetensors") if p.stem in METHODS) if path.is_dir() else []
    if not found:
        raise MissingFile(f"no retrieval checkpoint in {path}; train one with `scenewright train retrieve "
                          f"--method tirg --data DIR --out {path}`")
    return found[0]


def load(checkpoint: str | Path, device: str = "cpu") -> TIRG:
    """A trained retrieval model from its checkpoint folder (or .safetensors file), in eval mode."""
    from safetensors import SafetensorError, safe_open
    from safetensors.torch import load_file

    file = weights_file(checkpoint)
    try:
        with safe_open(str(file), "pt") as f:
            meta = f.metadata() or {}
        method, config = meta["method"], json.loads(meta["config"])
        state = load_file(str(file))
    except (SafetensorError, OSError, KeyError, ValueError) as e:
        raise CheckpointError(f"{file} is not a retrieval checkpoint ({type(e).__name__}: {e})") from None
    if method not in METHODS:
        raise CheckpointError(f"{file} holds a {method!r} model, not a retrieval one ({', '.join(METHODS)})")
    config.pop("composition", None)
    model = build(method, **config)
    try:
        model.load_state_dict(state)
    except RuntimeError as e:
        raise CheckpointError(f"{file} does not fit {method}: {e}") from None
    return model.to(device).eval()


__all__ = ["DEFAULT", "METHODS", "TIRG", "TIRGConfig", "build", "load", "make_config", "weights_file"]
