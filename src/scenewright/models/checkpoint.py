"""Reading our safetensors checkpoints: the tensors plus the JSON config kept in the file's metadata."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from ..errors import CheckpointError, MissingFile


def read_checkpoint(path: str | Path, what: str, how_to_make: str) -> tuple[dict, dict]:
    """(config from the metadata, state dict) of `path` (.safetensors added), or a clear error:
    `MissingFile` (with `how_to_make`) when it is not there, `CheckpointError` when it is not one of ours."""
    from safetensors import SafetensorError, safe_open
    from safetensors.torch import load_file

    path = Path(path).with_suffix(".safetensors")
    if not path.is_file():
        raise MissingFile(f"no {what} checkpoint at {path}; {how_to_make}")
    try:
        with safe_open(str(path), "pt") as f:
            config = json.loads((f.metadata() or {})["config"])
        return config, load_file(str(path))
    except (SafetensorError, OSError, KeyError, ValueError) as e:
        raise CheckpointError(f"{path} is not a {what} checkpoint ({type(e).__name__}: {e})") from None


# -- the method registries' shared steps (t2i, manipulate, inpaint, retrieve) ---------------------------------
def make_config(config_cls: type, method: str, overrides: dict):
    """`config_cls(**overrides)`, or a clear error naming the settings `method` has. JSON lists become the
    tuples the frozen configs hold."""
    from dataclasses import fields

    from ..errors import ScenewrightError

    names = {f.name for f in fields(config_cls)}
    unknown = sorted(set(overrides) - names)
    if unknown:
        raise ScenewrightError(f"{method} has no setting {', '.join(unknown)}; settings: {', '.join(sorted(names))}")
    return config_cls(**{k: tuple(v) if isinstance(v, list) else v for k, v in overrides.items()})


def weights_file(checkpoint: str | Path, methods, what: str, how_to_make: str) -> Path:
    """The method's .safetensors in a checkpoint folder (or the file itself), else `MissingFile`."""
    path = Path(checkpoint)
    if path.is_file():
        return path
    found = sorted(p for p in path.glob("*.safetensors") if p.stem in methods) if path.is_dir() else []
    if not found:
        raise MissingFile(f"no {what} checkpoint in {path}; {how_to_make}")
    return found[0]


def read_method(file: Path, methods, what: str) -> tuple[str, dict, dict]:
    """(method name, config, state dict) of a checkpoint the shared loop wrote, or `CheckpointError`."""
    from safetensors import SafetensorError, safe_open
    from safetensors.torch import load_file

    try:
        with safe_open(str(file), "pt") as f:
            meta = f.metadata() or {}
        method, config = meta["method"], json.loads(meta["config"])
        state = load_file(str(file))
    except (SafetensorError, OSError, KeyError, ValueError) as e:
        raise CheckpointError(f"{file} is not a {what} checkpoint ({type(e).__name__}: {e})") from None
    if method not in methods:
        raise CheckpointError(f"{file} holds a {method!r} model, not a {what} one ({', '.join(methods)})")
    return method, config, state


def load_trained(registry: str, task: str, method: str, checkpoint: str | Path | None, default: Path,
                 train_verb: str, device: str = "cpu"):
    """A trained `method` of the family registry `registry` ("t2i", "manipulate", "inpaint") from `checkpoint`
    (else `default`, the shipped weights), kept loaded per folder and reloaded when its weights change; a
    `MissingFile` naming the training command when there is none."""
    import importlib

    from ..errors import ScenewrightError

    reg = importlib.import_module(f"{__package__}.{registry}")
    if method not in reg.METHODS:
        raise ScenewrightError(f"unknown {task} method {method!r}; methods: {', '.join(reg.METHODS)}")
    path = Path(checkpoint) if checkpoint is not None else default
    if not path.exists():
        out = path if checkpoint is not None else Path("runs") / registry / default.name
        shipped = "" if checkpoint is not None else f" (no {method} weights are shipped yet)"
        raise MissingFile(f"no {method} checkpoint at {path}{shipped}; train one with `scenewright train "
                          f"{train_verb} --method {method} --data DIR --damsm DIR --out {out}` and pass "
                          f"--checkpoint {out}")
    model = _cached(registry, str(path.resolve()), device, reg.weights_file(path).stat().st_mtime)
    if model.name != method:
        raise ScenewrightError(f"{path} holds a {model.name} model, not {method}")
    return model


@lru_cache(maxsize=8)
def _cached(registry: str, path: str, device: str, stamp: float):  # stamp: the weights' mtime
    import importlib

    return importlib.import_module(f"{__package__}.{registry}").load(path, device)
