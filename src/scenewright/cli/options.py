"""Options the training and evaluation commands of the model family share, declared once."""

from __future__ import annotations

import json
from typing import Annotated, Optional

import typer

Minutes = Annotated[Optional[float], typer.Option("--minutes", help="Time budget (counted over resumes).")]
Steps = Annotated[Optional[int], typer.Option("--steps", help="Step budget (total).")]
Seed = Annotated[int, typer.Option("--seed", help="Seed: the same command gives the same result.")]
Threads = Annotated[int, typer.Option("--threads", help="torch threads per process.")]


def config_overrides(pairs: list[str]) -> dict:
    """The `--set key=value` overrides of a model's config (values read as JSON when they are, else strings)."""
    out = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep:
            raise typer.BadParameter(f"settings look like ngf=32, got {pair!r}")
        try:
            out[key] = json.loads(value)
        except json.JSONDecodeError:
            out[key] = value
    return out
