"""Text-guided image inpainting: TDANet and the same network without text.

    METHODS["tdanet"]         -> (TDANet, TDANetConfig) reading text (DAMSM words)
    METHODS["tdanet_notext"]  -> the baseline
    build("tdanet", text_encoder, image_encoder)   a fresh model (config overrides as keywords)
    load(DIR)                                       a trained one (eval mode)

A checkpoint folder (what `scenewright train inpaint` writes) holds `<method>.safetensors` (generator weights;
the JSON config in the metadata), `card.json` and, for tdanet, `damsm/` — the DAMSM it read the text with.
"""

from __future__ import annotations

import json
from dataclasses import fields
from pathlib import Path

from ...errors import CheckpointError, MissingFile, ScenewrightError
from .tdanet import TDANet, TDANetConfig

METHODS: dict[str, tuple[type[TDANet], dict]] = {"tdanet": (TDANet, {"text": True}),
                                                 "tdanet_notext": (TDANet, {"text": False})}
DEFAULT = "tdanet"


def make_config(method: str, **overrides) -> TDANetConfig:
    if method not in METHODS:
        raise ScenewrightError(f"unknown inpainting method {method!r}; methods: {', '.join(METHODS)}")
    names = {f.name for f in fields(TDANetConfig)}
    unknown = sorted(set(overrides) - names)
    if unknown:
        raise ScenewrightError(f"{method} has no setting {', '.join(unknown)}; settings: {', '.join(sorted(names))}")
    if isinstance(overrides.get("betas"), list):
        overrides["betas"] = tuple(overrides["betas"])
    return TDANetConfig(**(overrides | METHODS[method][1]))


def build(method: str, text_encoder=None, image_encoder=None, **overrides) -> TDANet:
    cfg = make_config(method, **overrides)
    if cfg.text and text_encoder is not None:
        cfg = make_config(method, **(overrides | {"text_dim": text_encoder.dim}))
    return TDANet(cfg, text_encoder if cfg.text else None, image_encoder if cfg.text else None)


def weights_file(checkpoint: str | Path) -> Path:
    path = Path(checkpoint)
    if path.is_file():
        return path
    found = sorted(p for p in path.glob("*.safetensors") if p.stem in METHODS) if path.is_dir() else []
    if not found:
        raise MissingFile(f"no inpainting checkpoint in {path}; train one with `scenewright train inpaint "
                          f"--method tdanet --data DIR --damsm DIR --out {path}`")
    return found[0]


def load(checkpoint: str | Path, device: str = "cpu") -> TDANet:
    """A trained inpainting model from its checkpoint folder (+ the DAMSM text encoder beside it), eval mode."""
    from safetensors import SafetensorError, safe_open
    from safetensors.torch import load_file

    file = weights_file(checkpoint)
    try:
        with safe_open(str(file), "pt") as f:
            meta = f.metadata() or {}
        method, config = meta["method"], json.loads(meta["config"])
        state = load_file(str(file))
    except (SafetensorError, OSError, KeyError, ValueError) as e:
        raise CheckpointError(f"{file} is not an inpainting checkpoint ({type(e).__name__}: {e})") from None
    if method not in METHODS:
        raise CheckpointError(f"{file} holds a {method!r} model, not an inpainting one")
    config.pop("text", None)
    text = None
    if METHODS[method][1]["text"]:
        from ..encoders.damsm import load_damsm

        damsm = file.parent / "damsm"
        if not damsm.is_dir():
            raise MissingFile(f"{file.parent} has no damsm/ folder (the text encoder tdanet was trained with); "
                              f"retrain with `scenewright train inpaint --method tdanet --data DIR --damsm DIR "
                              f"--out {file.parent}`")
        text, _ = load_damsm(damsm, device)
    model = build(method, text, None, **config)
    missing, unexpected = model.load_state_dict(state, strict=False)
    kept = [k for k in missing if k.startswith("G.")]
    if unexpected or kept:
        raise CheckpointError(f"{file} does not fit {method}: missing {kept[:5]}, unexpected {unexpected[:5]}")
    return model.to(device).eval()


__all__ = ["DEFAULT", "METHODS", "TDANet", "TDANetConfig", "build", "load", "make_config", "weights_file"]
