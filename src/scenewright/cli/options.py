"""Options the training and evaluation commands of the model family share, declared once."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

Minutes = Annotated[Optional[float], typer.Option("--minutes", help="Time budget (counted over resumes).")]
Steps = Annotated[Optional[int], typer.Option("--steps", help="Step budget (total).")]
Seed = Annotated[int, typer.Option("--seed", help="Seed: the same command gives the same result.")]
Threads = Annotated[int, typer.Option("--threads", help="torch threads per process.")]
