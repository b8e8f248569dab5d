"""Text-guided image inpainting: TDANet and the same network without text.

    METHODS["tdanet"]         -> (TDANet, TDANetConfig) reading text (DAMSM words)
    METHODS["tdanet_notext"]  -> the baseline
    build("tdanet", text_encoder, image_encoder)   a fresh model (config overrides as keywords)
    load(DIR)                                       a trained one (eval mode)

A checkpoint folder (what `scenewright train inpaint` writes) holds `<method>.safetensors` (generator weights;
the JSON config in the metadata), `card.json` and, for tdanet, `damsm/` — the DAMSM it read the text with.
"""

from __future__ import annotations

from pathlib import Path

from .. import checkpoint
from ...errors import CheckpointError, ScenewrightError
from .tdanet import TDANet, TDANetConfig

METHODS: dict[str, tuple[type[TDANet], dict]] = {"tdanet": (TDANet, {"text": True}),
                                                 "tdanet_notext": (TDANet, {"text": False})}
DEFAULT = "tdanet"


def make_config(method: str, **overrides) -> TDANetConfig:
    if method not in METHODS:
        raise ScenewrightError(f"unknown inpainting method {method!r}; methods: {', '.join(METHODS)}")
    return checkpoint.make_config(TDANetConfig, method, overrides | METHODS[method][1])


def build(method: str, text_encoder=None, image_encoder=None, **overrides) -> TDANet:
    cfg = make_config(method, **overrides)
    if cfg.text and text_encoder is not None:
        cfg = make_config(method, **(overrides | {"text_dim": text_encoder.dim}))
    return TDANet(cfg, text_encoder if cfg.text else None, image_encoder if cfg.text else None)


def weights_file(path: str | Path) -> Path:
    return checkpoint.weights_file(path, METHODS, "inpainting", "train one with `scenewright train inpaint "
                                   f"--method tdanet --data DIR --damsm DIR --out {path}`")


def load(path: str | Path, device: str = "cpu") -> TDANet:
    """A trained inpainting model from its checkpoint folder (+ the DAMSM text encoder beside it), eval mode."""
    file = weights_file(path)
    method, config, state = checkpoint.read_method(file, METHODS, "inpainting")
    config.pop("text", None)
    text = None
    if METHODS[method][1]["text"]:
        from ..encoders.damsm import load_damsm
        from ..manipulate import damsm_of

        text, _ = load_damsm(damsm_of(file.parent, method, "inpaint"), device)
    model = build(method, text, None, **config)
    missing, unexpected = model.load_state_dict(state, strict=False)
    kept = [k for k in missing if k.startswith("G.")]
    if unexpected or kept:
        raise CheckpointError(f"{file} does not fit {method}: missing {kept[:5]}, unexpected {unexpected[:5]}")
    return model.to(device).eval()


__all__ = ["DEFAULT", "METHODS", "TDANet", "TDANetConfig", "build", "load", "make_config", "weights_file"]
