"""The broken telephone (TelephoneGAN): caption → image → caption → image → …, and how far it drifts.

    from scenewright import telephone                # the module is broken_telephone.py: no shadowing
    t = telephone(text="a red cube on the left and a blue sphere on the right", rounds=10,
                  methods={"dfgan": "runs/t2i/dfgan_shapes64"}, captioner="runs/caption/show_tell_shapes64")
    t.to_dict()["chains"]["dfgan"]["object_f1"]     # the drift curve, one value per round
    t.strip().save("strip.png")                      # every round's image with its caption under it

Each chain is a drawer and a reader taking turns:

- a **method** chain: the text-to-image method draws a caption (`scenewright.t2i`, seed + round), the Show and
  Tell captioner (`models/captioner.py`) reads the picture back;
- the **spine**'s own loop: the caption is parsed into a scene (`Session`, the grammar) and drawn by the
  procedural renderer; the picture is read back by our detector (`eval/detector.py`), the detections become a
  scene and `language/describe.py` says it. It should stay put.

Round 0 is the start. From text, the text is round 0's caption and each chain draws it; the reference scene
is the spine's parse of the text (exact labels); round r > 0 reads round r − 1's image and draws what it read.
From an image, it is round 0's image for every chain and each chain reads it; the reference is the detector's
reading of it (or, given `scene`, the image's own scene); round r > 0 draws round r − 1's caption and reads
what it drew. Per round: object F1 and rsim (`eval/metrics.py`, in %) of the detector on the round's image
against the reference, and the caption's smoothed sentence BLEU-4 (`eval/bleu.py`, in %) against the chain's
round-0 caption. Published TelephoneGAN work shows the drift in pictures only; these are measured curves.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Mapping, Sequence

from PIL import Image

from .errors import MissingFile, ScenewrightError
from .scene import Scene, SceneObject

SPINE = "spine"


@dataclass(frozen=True)
class Round:
    round: int
    caption: str
    image: Image.Image = field(repr=False)
    objects: dict  # what the detector sees in the image: class -> [(x, y)]
    object_f1: float
    rsim: float
    bleu4: float

    def to_dict(self) -> dict:
        return {"round": self.round, "caption": self.caption, "objects": sorted(self.objects),
                "object_f1": round(self.object_f1, 2), "rsim": round(self.rsim, 2), "bleu4": round(self.bleu4, 2)}


@dataclass(frozen=True)
class Chain:
    name: str
    drawer: str
    reader: str
    rounds: tuple[Round, ...]

    def curve(self, key: str) -> list[float]:
        return [round(getattr(r, key), 2) for r in self.rounds]

    def to_dict(self) -> dict:
        return {"drawer": self.drawer, "reader": self.reader, "rounds": [r.to_dict() for r in self.rounds],
                "object_f1": self.curve("object_f1"), "rsim": self.curve("rsim"), "bleu4": self.curve("bleu4")}


@dataclass(frozen=True)
class Telephone:
    world: str
    start: dict  # {"text": …} or {"image": …}
    reference: dict  # the reference detections: class -> [(x, y)], and where they came from
    chains: dict[str, Chain]

    def to_dict(self) -> dict:
        return {"world": self.world, "start": self.start, "rounds": len(next(iter(self.chains.values())).rounds) - 1,
                "reference": self.reference, "chains": {k: c.to_dict() for k, c in self.chains.items()}}

    def strip(self, cell: int = 128) -> Image.Image:
        """One row per chain, one column per round: the image, its caption under it, F1 and BLEU."""
        return strip(self, cell)


# -- the players --------------------------------------------------------------------------------------------
class SpinePlayer:
    """The spine's loop: parse (grammar) → procedural render; detect → scene → describe."""

    name = SPINE
    drawer = "grammar + procedural renderer"
    reader = "detector + describe"

    def __init__(self, world: str, detector, size: int):
        from .render import get_renderer
        from .worlds import get_world

        self.world = get_world(world)
        self.detector = detector
        self.size = size
        self.renderer = get_renderer(self.world.name)

    def draw(self, caption: str, r: int) -> Image.Image:
        return self.renderer.render(parse(caption, self.world.name), (self.size, self.size))

    def read(self, image: Image.Image) -> str:
        from .language.describe import describe

        return describe(scene_from_detections(self.detector.detect([image])[0], image, self.world.name), 1, 0)[0]


class MethodPlayer:
    """A text-to-image method draws (seeded by the round); the Show and Tell captioner reads."""

    reader = "show_tell captioner"

    def __init__(self, name: str, model, captioner, seed: int):
        self.name, self.model, self.captioner, self.seed = name, model, captioner, seed
        self.drawer = f"{model.name} (text-to-image)"

    def draw(self, caption: str, r: int) -> Image.Image:
        import torch

        from .train.loop import to_uint8

        with torch.inference_mode():
            return Image.fromarray(to_uint8(self.model.generate([caption], seed=self.seed + r))[0])

    def read(self, image: Image.Image) -> str:
        return self.captioner.caption([image])[0]


# -- scenes from text and from detections -------------------------------------------------------------------
def parse(text: str, world: str) -> Scene:
    """The scene the grammar makes of `text` in a fresh session (what it could not draw is left out)."""
    from .session import Session

    session = Session(world=world)
    session.tell(text)
    return session.scene


def object_class(obj, world: str) -> str:
    """The detector's class of a scene object ("red cube" in the shapes world, the category elsewhere)."""
    from .eval.geneva import shapes_class

    return shapes_class(obj) if world == "shapes" else obj.category


def scene_detections(scene: Scene) -> dict:
    out: dict[str, list] = {}
    for o in scene.objects:
        out.setdefault(object_class(o, scene.world), []).append((round(o.x, 4), round(o.y, 4)))
    return out


def scene_from_detections(detections: Mapping[str, Sequence], image: Image.Image, world: str) -> Scene:
    """A scene with one object per detection ("red cube" → a red cube there) on the background whose empty
    render is closest in brightness to the image's floor."""
    from .worlds import get_world

    w = get_world(world)
    names = {c.name for c in w.categories}
    objects = []
    for cls in sorted(detections):
        color, _, category = cls.partition(" ") if cls not in names else (None, "", cls)
        if category not in names or (color is not None and color not in w.colors):
            raise ScenewrightError(f"the detector's class {cls!r} is not a {world} object; use a {world} detector")
        for x, y, *_ in detections[cls]:
            objects.append(SceneObject(f"o{len(objects) + 1}", category, min(max(x, 0.02), 0.98),
                                       min(max(y, 0.02), 0.98), color=color))
    return Scene(world, _background(image, world), tuple(objects))


def _floor(image: Image.Image) -> float:
    import numpy as np

    a = np.asarray(image.convert("L").resize((32, 32)), dtype=float)
    return float(a[24:].mean())  # the bottom quarter: floor / ground, rarely covered by objects


@lru_cache(maxsize=8)
def _floor_levels(world: str) -> dict[str, float]:
    from .render import render
    from .worlds import get_world

    return {b: _floor(render(Scene(world, b), (64, 64))) for b in get_world(world).backgrounds}


def _background(image: Image.Image, world: str) -> str:
    levels, level = _floor_levels(world), _floor(image)
    return min(levels, key=lambda b: abs(levels[b] - level))


# -- the chain ----------------------------------------------------------------------------------------------
def default_detector(world: str) -> Path:
    if world != "shapes":
        raise MissingFile(f"no object detector is shipped for the {world} world; pass detector=PATH "
                          "(`scenewright train codraw-detector` for the park)")
    from .eval.geneva import default_detector as shapes_detector

    return shapes_detector()


def telephone(image: str | Path | Image.Image | None = None, *, text: str | None = None, rounds: int = 10,
              methods: Mapping[str, str | Path | None] | Sequence[str] = (), spine: bool = True,
              world: str = "shapes", captioner: str | Path | None = None, detector: str | Path | None = None,
              scene: str | Path | Scene | Mapping | None = None, seed: int = 0) -> Telephone:
    """Play the telephone from an image or from `text` for `rounds` rounds after round 0, with the spine's loop
    (`spine`) and each of `methods` ({name: run folder or None for shipped weights}, or names / "name=RUN").
    `scene`: the start image's scene (a Scene, its dict or a JSON file, e.g. an image set's scenes/<id>.json),
    to score against its exact labels instead of the detector's reading of the image."""
    from .eval.bleu import sentence_bleu
    from .eval.detector import Detector
    from .eval.metrics import prf, rsim_one

    if (image is None) == (text is None):
        raise ScenewrightError("start the telephone from an image or from text (one of the two)")
    if text is not None and (not isinstance(text, str) or not text.strip()):
        raise ScenewrightError("the telephone's text is empty")
    if scene is not None and image is None:
        raise ScenewrightError("a start scene goes with a start image (from text, the parse is the scene)")
    if not 0 <= rounds <= 100:
        raise ScenewrightError(f"rounds must be between 0 and 100, got {rounds}")
    methods = _method_table(methods)
    if not spine and not methods:
        raise ScenewrightError("nothing to play: give a method or keep the spine's loop")
    det = Detector.load(detector or default_detector(world))
    size = det.image_size[0]
    players = ([SpinePlayer(world, det, size)] if spine else []) + _method_players(methods, world, captioner, seed)

    if text is not None:
        scene0 = parse(text, world)
        reference = {"from": "the grammar's parse of the text", "objects": scene_detections(scene0)}
        start = {"text": text}
    else:
        first = _open_image(image).resize((size, size), Image.BICUBIC)
        if scene is not None:
            reference = {"from": "the image's scene", "objects": scene_detections(_open_scene(scene, world))}
        else:
            reference = {"from": "the detector on the image", "objects": det.detect([first])[0]}
        start = {"image": str(image) if not isinstance(image, Image.Image) else "<PIL image>"}
    ref = reference["objects"]

    chains = {}
    for p in players:
        if text is not None:
            caption, picture = text, p.draw(text, 0)
        else:
            picture = first
            caption = p.read(picture)
        out, first_caption = [], caption
        for r in range(rounds + 1):
            if r > 0 and text is not None:  # read the last picture, draw what was read
                caption = p.read(picture)
                picture = p.draw(caption, r)
            elif r > 0:  # draw the last caption, read what was drawn
                picture = p.draw(caption, r)
                caption = p.read(picture)
            found = det.detect([picture])[0]
            out.append(Round(r, caption, picture, found, 100 * prf(found, ref)[2], 100 * rsim_one(found, ref),
                             100 * sentence_bleu(caption, [first_caption])))
        chains[p.name] = Chain(p.name, p.drawer, p.reader, tuple(out))
    return Telephone(world, start, {"from": reference["from"], "objects": sorted(ref)}, chains)


def drift(results: Sequence[Telephone]) -> dict:
    """The mean curves over several telephones: {chain: {"object_f1", "rsim", "bleu4": [per round], "n"}}."""
    out: dict = {}
    for name in results[0].chains:
        curves = {k: [c for t in results for c in [t.chains[name].curve(k)]] for k in ("object_f1", "rsim", "bleu4")}
        out[name] = {k: [round(sum(col) / len(col), 2) for col in zip(*v)] for k, v in curves.items()}
        out[name]["n"] = len(results)
    return out


def _method_table(methods) -> dict[str, str | None]:
    if isinstance(methods, Mapping):
        return {k: (str(v) if v is not None else None) for k, v in methods.items()}
    table = {}
    for m in methods:
        name, _, run = str(m).partition("=")
        table[name] = run or None
    return table


def _method_players(methods: dict, world: str, captioner, seed: int) -> list[MethodPlayer]:
    if not methods:
        return []
    from .models.captioner import load_captioner
    from .t2i import load_method

    reader = load_captioner(captioner, world)
    players = []
    for name, run in methods.items():
        try:
            players.append(MethodPlayer(name, load_method(name, run, world), reader, seed))
        except MissingFile as e:
            raise MissingFile(f"no weights for the {name} chain ({str(e).split(';')[0]}); train them with "
                              f"`scenewright train t2i --method {name} --data DIR --damsm DIR --out RUN` and give "
                              f"--method {name}=RUN") from None
    return players


def _open_scene(scene, world: str) -> Scene:
    import json

    if isinstance(scene, Scene):
        s = scene
    else:
        if not isinstance(scene, Mapping):
            path = Path(scene)
            if not path.is_file():
                raise MissingFile(f"no scene JSON at {path}")
            try:
                scene = json.loads(path.read_text())
            except (ValueError, UnicodeDecodeError) as e:
                raise ScenewrightError(f"{path} is not a scene JSON ({e})") from None
        s = Scene.from_dict(scene)
    if s.world != world:
        raise ScenewrightError(f"the start scene is a {s.world} scene, not {world}")
    return s


def _open_image(image) -> Image.Image:
    if isinstance(image, Image.Image):
        return image.convert("RGB")
    path = Path(image)
    if not path.is_file():
        raise MissingFile(f"no image at {path}")
    try:
        with Image.open(path) as im:
            return im.convert("RGB")
    except OSError as e:
        raise ScenewrightError(f"{path} is not an image PIL can read ({e})") from None


# -- the strip ----------------------------------------------------------------------------------------------
def strip(t: Telephone, cell: int = 128) -> Image.Image:
    from PIL import ImageDraw

    line = 11
    wrap = max(12, cell // 6)
    chains = list(t.chains.values())
    n = len(chains[0].rounds)
    texts = [[textwrap.wrap(r.caption, wrap) for r in c.rounds] for c in chains]
    lines = max(len(x) for row in texts for x in row) + 1
    label_w, head = 110, 16
    row_h = cell + 4 + lines * line + 8
    sheet = Image.new("RGB", (label_w + n * cell + (n - 1) * 6, head + row_h * len(chains)), "white")
    draw = ImageDraw.Draw(sheet)
    for r in range(n):
        draw.text((label_w + r * (cell + 6) + 2, 2), f"round {r}", fill="black")
    for i, c in enumerate(chains):
        y0 = head + i * row_h
        for k, part in enumerate(textwrap.wrap(c.name, 16) + textwrap.wrap(c.drawer, 17)):
            draw.text((4, y0 + 4 + k * line), part, fill="black" if k == 0 else "gray")
        for r, rd in enumerate(c.rounds):
            x0 = label_w + r * (cell + 6)
            sheet.paste(rd.image.convert("RGB").resize((cell, cell), Image.NEAREST), (x0, y0))
            for k, part in enumerate(texts[i][r]):
                draw.text((x0, y0 + cell + 4 + k * line), part, fill="black")
            draw.text((x0, y0 + cell + 4 + len(texts[i][r]) * line),
                      f"F1 {rd.object_f1:.0f}  BLEU {rd.bleu4:.0f}", fill="darkred")
    return sheet


__all__ = ["Chain", "Round", "Telephone", "drift", "parse", "scene_from_detections", "strip", "telephone"]
