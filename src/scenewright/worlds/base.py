"""What a world is: a vocabulary, placement defaults and the name of the module that draws it.

The parser reads only this data, so a new world (a `street` for a witness) is added without touching it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Mapping


@dataclass(frozen=True)
class Category:
    name: str
    group: str
    height: float  # box height as a fraction of the canvas height at scale 1.0
    aspect: float  # box width / height, in pixels of the world's native canvas
    synonyms: tuple[str, ...] = ()
    plural: str | None = None  # irregular plural, else name + "s"
    default_y: float | None = None  # where its centre usually is when nothing says where
    layer: int = 0  # draw order among objects at the same depth (higher = in front)
    colorable: bool = False
    people: bool = False  # takes pose and expression
    facing: str | None = "right"  # the way it faces unflipped; None = looks the same both ways
    worn: str | None = None  # "head" / "face": drawn on a person, not beside one
    held: bool = False  # a person can hold it ("he is holding a kite")
    surface: bool = False  # things can be "on" it (a table)
    holds_in: bool = False  # things can be "in" it (a tree holds an owl)
    sky: bool = False  # lives in the sky (no ground contact)
    attributes: tuple[str, ...] = ()  # world attributes this category takes (street: "top", "height"…)

    @property
    def animal(self) -> bool:
        return self.group == "animals"

    @property
    def alive(self) -> bool:
        """A person or an animal: what can wear a hat, sit, be "they" in "they both sat down"."""
        return self.people or self.animal

    @property
    def plural_name(self) -> str:
        if self.plural:
            return self.plural
        if self.name.endswith(("s", "sh", "ch", "x")):
            return self.name + "es"
        return self.name + "s"


@dataclass(frozen=True)
class World:
    name: str
    title: str
    categories: tuple[Category, ...]
    colors: Mapping[str, tuple[int, int, int]]
    backgrounds: tuple[str, ...]
    default_background: str
    sprites: str  # module that draws it: scenewright.render.sprites.<world> by default
    canvas: tuple[int, int] = (512, 512)  # native aspect of the canvas (w, h)
    ground: tuple[float, float] = (0.5, 0.95)  # y range where standing things' centres go
    sky_band: tuple[float, float] = (0.05, 0.3)
    horizon: float = 0.45
    perspective: tuple[float, float] | None = None  # on-screen size factor at ground[0] and ground[1]
    scales: tuple[float, ...] | None = None  # the only scales allowed (park: CoDraw's 3 depths)
    # size words this world reads its own way, word -> scale (the park's tellers mean CoDraw's depths)
    size_words: Mapping[str, float] = field(default_factory=dict)
    poses: tuple[str, ...] = ()
    expressions: tuple[str, ...] = ()
    color_synonyms: Mapping[str, str] = field(default_factory=dict)
    pose_synonyms: Mapping[str, str] = field(default_factory=dict)
    approximate_poses: frozenset[str] = frozenset()  # pose words drawn as the nearest pose, kept as a note
    expression_synonyms: Mapping[str, str] = field(default_factory=dict)
    background_synonyms: Mapping[str, str] = field(default_factory=dict)
    default_color: str | None = None
    # World-specific attributes (stored under SceneObject.attributes), all read by the parser as data:
    # attribute_values: attr -> words that set it ("height": ("short", "average", "tall"));
    # attribute_synonyms: word/phrase -> (attr, value) ("six feet" -> ("height", "tall"));
    # attribute_kinds: slot -> kind words; "a dark hoodie" sets top="dark" (a colour) and top_kind="hoodie";
    # mark_words: words that start a free-text mark kept verbatim under attributes["marks"] ("plate", "dent");
    # places: phrase -> (x, y) target, either may be None ("across the street" -> (None, 0.55)).
    attribute_values: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    attribute_synonyms: Mapping[str, tuple[str, str]] = field(default_factory=dict)
    attribute_kinds: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    mark_words: tuple[str, ...] = ()
    places: Mapping[str, tuple[float | None, float | None]] = field(default_factory=dict)
    words_for_all: tuple[str, ...] = ("object", "objects", "thing", "things", "shape", "shapes")
    # names of a kind of thing (a car's make, "Mercedes") that, said with "a" right after such a thing was talked
    # about, describe it ("a car going slowly. A grey Mercedes.") rather than add another
    kind_names: tuple[str, ...] = ()
    # roles: a word for a person by what they do with a vehicle -> (role, the vehicle's category or None):
    # "the driver" is the person driving the car talked about; "a cyclist" a person riding a bicycle.
    roles: Mapping[str, tuple[str, str | None]] = field(default_factory=dict)
    # (x, box-centre y) for a thing of `category` at `scale` put at the place `phrase` (a key of `places`):
    # a bank "across the street" stands on the building line, a man on the far sidewalk. None: places as is.
    place_at: Callable[[str, Category, float], tuple[float | None, float | None]] | None = None

    def place(self, phrase: str, category: Category, scale: float) -> tuple[float | None, float | None]:
        if self.place_at is not None:
            return self.place_at(phrase, category, scale)
        x, y = self.places[phrase]
        return x, y

    def category(self, name: str) -> Category:
        for c in self.categories:
            if c.name == name:
                return c
        raise KeyError(name)

    @property
    def category_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.categories)

    def depth_sort_key(self, obj) -> tuple:
        """Back-to-front draw order. Depth (scale) first where scales are discrete, then y of the box bottom."""
        cat = self.category(obj.category)
        bottom = obj.y + cat.height * obj.scale * self.size_factor(obj.y) / 2
        if self.scales:
            return (obj.scale, cat.layer, bottom, obj.number)
        return (bottom, cat.layer, obj.number)

    def size_factor(self, y: float) -> float:
        """Perspective: how much smaller things look at height y (1.0 where the world has none)."""
        if not self.perspective:
            return 1.0
        (y0, y1), (f0, f1) = self.ground, self.perspective
        t = min(max((y - y0) / (y1 - y0), 0.0), 1.0)
        return f0 + (f1 - f0) * t

    def quantize_scale(self, scale: float) -> float:
        """Scale is continuous in every world ("twice as big" grows even a park piece at CoDraw's largest
        depth); a renderer with discrete sizes (the clip-art's three depths) maps it to the nearest one."""
        return round(min(max(scale, 0.2), 4.0), 4)

    def describe(self) -> dict:
        groups: dict[str, list[str]] = {}
        for c in self.categories:
            groups.setdefault(c.group, []).append(c.name)
        return {"name": self.name, "title": self.title, "categories": groups, "colors": list(self.colors),
                "poses": list(self.poses), "expressions": list(self.expressions),
                "backgrounds": list(self.backgrounds), "attributes": {k: list(v) for k, v in
                                                                     self.attribute_values.items()}}
