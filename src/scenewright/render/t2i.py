"""The `t2i` renderer: the spine retells its scene as a caption and a text-to-image method draws the caption.

    Session(world="shapes", renderer="t2i")                       # the world's best measured method (shipped)
    Session(world="park", renderer="t2i:dfgan")                   # the shipped dfgan weights for the world
    Session(world="shapes", renderer="t2i:runs/t2i/dfgan_shapes64")   # a `train t2i` run folder
    scenewright draw --renderer t2i:stackgan "add a red cube" …

A scene has no caption, so the renderer says one: the first of `language.describe`'s captions of the scene
(every object named, places as the scene has them, deterministic) — as the GeNeVA renderer retells a scene one
object per turn. The method draws it at its own size (64² for the shapes runs) with a fixed seed, and the
picture is resized to the size asked for. The same scene gives the same pixels; a caption drawn once is kept.
What the method draws is only as good as its training: the runs of docs/t2i.md are far from drawing objects.
"""

from __future__ import annotations

from collections import OrderedDict
from pathlib import Path

from PIL import Image

from ..errors import MissingFile, ScenewrightError, WorldError
from ..scene import Scene


class T2IRenderer:
    """`render(scene, size)` by a text-to-image method. `checkpoint`: a method name (its shipped weights for
    the world) or a run folder of `scenewright train t2i` (the method is read from the folder)."""

    def __init__(self, world: str = "shapes", checkpoint: str | Path | None = None, seed: int = 0,
                 cache_size: int = 256):
        from ..models.t2i import METHODS, default_method, weights_file
        from ..t2i import load_method
        from ..worlds import get_world

        self.world = get_world(world)
        option = str(checkpoint) if checkpoint is not None else default_method(self.world.name)
        if option in METHODS:
            method, folder = option, None
        elif Path(option).exists():
            method, folder = weights_file(option).stem, Path(option)
        else:
            raise ScenewrightError(f"t2i:{option} is neither a text-to-image method ({', '.join(METHODS)}) nor a "
                                   "run folder; e.g. --renderer t2i:dfgan or --renderer t2i:runs/t2i/dfgan_shapes64")
        try:
            self.model = load_method(method, folder, self.world.name)
        except MissingFile as e:
            run = f"runs/t2i/{method}_{self.world.name}64"
            raise MissingFile(f"the t2i:{option} renderer has no weights ({str(e).split(';')[0]}); train them "
                              f"with `scenewright train "
                              f"t2i --method {method} --data DIR --damsm DIR --out {run}`, then use --renderer "
                              f"t2i:{run}") from None
        trained_on = _card_world(folder) if folder is not None else self.world.name
        if trained_on not in (None, self.world.name):
            raise WorldError(f"{folder} was trained on the {trained_on} world, not {self.world.name}")
        self.method = method
        self.name = f"t2i:{option}"
        self.seed = seed
        self.cache: OrderedDict[str, Image.Image] = OrderedDict()
        self.cache_size = cache_size

    def caption(self, scene: Scene) -> str:
        """What the renderer tells the method about `scene`."""
        from ..language.describe import describe

        return describe(scene, k=1, seed=0)[0]

    def render(self, scene: Scene, size: tuple[int, int] = (512, 512)) -> Image.Image:
        text = self.caption(scene)
        image = self.cache.get(text)
        if image is None:
            import torch

            from ..train.loop import to_uint8

            with torch.inference_mode():
                image = Image.fromarray(to_uint8(self.model.generate([text], seed=self.seed))[0])
            if len(self.cache) >= self.cache_size:
                self.cache.popitem(last=False)
            self.cache[text] = image
        else:
            self.cache.move_to_end(text)
        size = tuple(int(v) for v in size)
        return image if image.size == size else image.resize(size, Image.BICUBIC)


def _card_world(folder: Path) -> str | None:
    import json

    card = folder / "card.json" if folder.is_dir() else folder.parent / "card.json"
    try:
        return json.loads(card.read_text()).get("world")
    except (OSError, ValueError, AttributeError):
        return None


__all__ = ["T2IRenderer"]
