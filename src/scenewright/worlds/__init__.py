"""World registry. A world is data (see base.World); `get_world(name)` loads it by name."""

from __future__ import annotations

import importlib
import importlib.util

from ..errors import WorldError
from .base import Category, World

# name -> module defining WORLD. New worlds are added here (or with `register`) — the parser is not touched.
_MODULES = {"shapes": "scenewright.worlds.shapes", "park": "scenewright.worlds.park",
            "street": "scenewright.worlds.street"}
_LOADED: dict[str, World] = {}


def register(world: World) -> None:
    _LOADED[world.name] = world


def available() -> list[str]:
    names = []
    for name, module in _MODULES.items():
        if importlib.util.find_spec(module) is not None:
            names.append(name)
    return names + [n for n in _LOADED if n not in _MODULES]


def get_world(name: str | World) -> World:
    if isinstance(name, World):
        return name
    if name in _LOADED:
        return _LOADED[name]
    module = _MODULES.get(name)
    if module is None or importlib.util.find_spec(module) is None:
        raise WorldError(f"unknown world {name!r}; worlds: {', '.join(available())}")
    world = importlib.import_module(module).WORLD
    _LOADED[name] = world
    return world


__all__ = ["Category", "World", "available", "get_world", "register"]
