"""Language: text + current scene → edits, a command, or a reply saying why not.

Parsers by name:
- "grammar" (default): the deterministic grammar (`grammar.py`), with the MiniLM lexical fallback
  (`semantic.py`) for words it does not know, when that package is installed.
- "codraw:<checkpoint>": the learned CoDraw drawer (`scenewright.models.drawer`); commands it does not
  handle (undo, corrections) go to the grammar.
- "nn:<index>": the nearest-neighbour CoDraw drawer baseline.
"""

from __future__ import annotations

import importlib
from typing import Any

from ..errors import ScenewrightError
from ..worlds import World
from .base import Context, Parse, Parser

PARSERS = {
    "grammar": "scenewright.language.grammar:GrammarParser",
    "codraw": "scenewright.models.drawer:LearnedDrawer",
    "nn": "scenewright.models.drawer:NearestNeighbourDrawer",
}


def get_parser(name: str, world: World, **options: Any) -> Parser:
    key, _, arg = name.partition(":")
    if key not in PARSERS:
        raise ScenewrightError(f"unknown parser {name!r}; parsers: {', '.join(PARSERS)}")
    module, factory = PARSERS[key].split(":")
    try:
        cls = getattr(importlib.import_module(module), factory)
    except (ImportError, AttributeError) as e:
        raise ScenewrightError(f"parser {key!r} is not available here: {e}") from None
    if arg:
        options["checkpoint"] = arg
    return cls(world, **options)


__all__ = ["Context", "PARSERS", "Parse", "Parser", "get_parser"]
