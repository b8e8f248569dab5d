"""Renderers: scene → image. Every renderer has `render(scene, size) -> PIL.Image`.

- "procedural" (default): our own vector sprites, any world.
- "clipart": CoDraw's clip-art PNGs (park world) from a folder the user gives (`--clipart DIR` or
  $SCENEWRIGHT_CLIPART); never shipped with scenewright.
- "geneva": the GeNeVA-GAN generator (shapes world), from a checkpoint.
"""

from __future__ import annotations

import importlib
from functools import lru_cache
from typing import Any, Protocol

from PIL import Image

from ..errors import ScenewrightError
from ..scene import Scene


class Renderer(Protocol):
    name: str

    def render(self, scene: Scene, size: tuple[int, int] = (512, 400)) -> Image.Image: ...


# renderer name -> "module:factory"; the factory takes (world, **options)
RENDERERS = {
    "procedural": "scenewright.render.procedural:ProceduralRenderer",
    "clipart": "scenewright.render.clipart:ClipartRenderer",
    "geneva": "scenewright.models.geneva_gan:GenevaRenderer",
    "layered": "scenewright.models.layered_gan:LayeredRenderer",  # "layered:RUN_FOLDER" or shipped weights
    "t2i": "scenewright.render.t2i:T2IRenderer",  # "t2i:dfgan" (shipped weights) or "t2i:RUN_FOLDER"
    "sg2im": "scenewright.models.sg2im:Sg2ImRenderer",  # predicts its own layout; "sg2im:RUN_FOLDER"
}


def get_renderer(world: str, name: str = "procedural", **options: Any) -> Renderer:
    if ":" in name and name.split(":", 1)[0] in RENDERERS:  # "geneva:path/to/checkpoint"
        name, options["checkpoint"] = name.split(":", 1)
    if name not in RENDERERS:
        raise ScenewrightError(f"unknown renderer {name!r}; renderers: {', '.join(RENDERERS)}")
    module, factory = RENDERERS[name].split(":")
    try:
        cls = getattr(importlib.import_module(module), factory)
    except (ImportError, AttributeError) as e:
        raise ScenewrightError(f"renderer {name!r} is not available here: {e}") from None
    return cls(world, **options)


@lru_cache(maxsize=8)
def _default(world: str) -> Renderer:
    return get_renderer(world)


def render(scene: Scene, size: tuple[int, int] = (512, 400)) -> Image.Image:
    """Draw `scene` with its world's procedural renderer."""
    return _default(scene.world).render(scene, size)


def render_svg(scene: Scene, size: tuple[int, int] = (512, 400)) -> str:
    return _default(scene.world).svg(scene, size)


__all__ = ["RENDERERS", "Renderer", "get_renderer", "render", "render_svg"]
