"""Reading our safetensors checkpoints: the tensors plus the JSON config kept in the file's metadata."""

from __future__ import annotations

import json
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
