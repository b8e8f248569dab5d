"""Scene → captions: K true sentences about a scene in varied, natural phrasing (CUB has 10 per image, COCO 5).

Every caption names every object. Positions come from the scene's coordinates with the spine's conventions
(language/placement.py, ../shared/ARCHITECTURE.md): x left → right; smaller y is farther back; in the park a
smaller scale is farther away; in the street the ground line says the region (street.region). Relations are
said only when the boxes make them plainly true: "to the left of" needs the centres apart by more than
`MARGIN`, "behind" a foot line clearly higher with the boxes overlapping in x, "between" both neighbours on
either side. What varies: the order of mention, absolute vs relative places, "there is …" vs bare phrases,
counts ("two red cubes"), the world's synonyms, and the background words (a dark floor; at sunset; at night
in the rain). `describe(scene, k, seed)` is deterministic.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass

from ..scene import Scene, SceneObject
from ..worlds import World, get_world
from .placement import box
from .replies import a_or_an

MARGIN = 0.04  # centres closer than this in x are neither left nor right of each other
NUMBERS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
NOUN_WORDS = {"cube": ("cube", "cube", "block"), "sphere": ("sphere", "sphere", "ball"),
              "cylinder": ("cylinder",)}  # shapes: the world's own synonyms, the canonical name most often
COLOR_WORDS = {"gray": ("gray", "grey")}
POSE_WORDS = {"standing": "standing", "arms up": "with both arms up", "kicking": "kicking",
              "running": "running", "sitting cross-legged": "sitting cross-legged", "sitting": "sitting",
              "waving": "waving", "walking": "walking", "lying": "lying on the ground"}
BACKGROUND_WORDS = {
    "shapes": {"light": ("", "", "on a light floor", "on a bright floor"),
               "dark": ("on a dark floor", "in a dark room", "on a dark background")},
    "park": {"day": ("", "on a sunny day", "in the park during the day", "in the daytime"),
             "dusk": ("at sunset", "in the evening", "at dusk"),
             "night": ("at night", "in the park at night", "at nighttime")},
    "street": {"day": ("", "during the day", "in daylight"), "dusk": ("at dusk", "in the evening"),
               "night": ("at night", "at nighttime"), "rain": ("in the rain", "while it rains"),
               "snow": ("in the snow", "while it snows"), "fog": ("in the fog", "on a foggy street")},
}
REGION_WORDS = {"behind the far sidewalk": "across the street", "on the far sidewalk": "on the far sidewalk",
                "in the road, far lane": "in the far lane", "in the road, near lane": "in the near lane",
                "on the near sidewalk": "on the near sidewalk"}
LR = {"to the left of": True, "to the right of": False}  # relation -> the thing is the left one
THERE = ("there is {}", "there is {}", "{}", "a picture of {}", "an image of {}", "we see {}", "you can see {}")


@dataclass(frozen=True)
class Thing:
    """One object as a caption names it: `head` is the countable part ("red cube"), `tail` what follows
    ("wearing a crown"); objects with the same head and no tail are counted together."""

    obj: SceneObject
    head: str
    tail: str = ""

    @property
    def countable(self) -> bool:
        return not self.tail


def _plural(world: World, head: str, category: str) -> str:
    cat = world.category(category)
    return head[: len(head) - len(category)] + cat.plural_name if head.endswith(category) else head + "s"


@dataclass(frozen=True)
class Caption:
    """A caption, the style that made it, and the spatial facts it states as (relation, object ids):
    ("left", a, b) a is left of b; ("behind", a, b) a is farther back than b; ("between", m, a, b)."""

    style: str
    text: str
    facts: tuple[tuple[str, ...], ...] = ()


class Describer:
    """Captions of scenes in one world (deterministic given the seed passed to `captions`)."""

    def __init__(self, world: str | World):
        self.world = get_world(world)
        self.facts: list[tuple[str, ...]] = []  # what the style being written states (see Caption)

    # -- facts ----------------------------------------------------------------------------------------------
    def bottom(self, obj: SceneObject) -> float:
        return box(self.world, obj).bottom

    def left_of(self, a: SceneObject, b: SceneObject) -> bool:
        return a.x < b.x - MARGIN

    def behind(self, a: SceneObject, b: SceneObject) -> bool:
        """`a` is farther back than `b` and in the same part of the picture left to right."""
        if self.world.category(a.category).sky or self.world.category(b.category).sky:
            return False  # the sun is not behind the swing
        A, B = box(self.world, a), box(self.world, b)
        if min(A.right, B.right) - max(A.left, B.left) < 0.3 * min(A.w, B.w):
            return False
        if self.world.scales and a.scale < b.scale - 0.05:
            return True
        return A.bottom < B.bottom - 0.08 and not (self.world.scales and a.scale > b.scale + 0.05)

    def side(self, obj: SceneObject) -> str | None:
        if obj.x < 0.14:
            return "on the far left"
        if obj.x < 0.38:
            return "on the left"
        if obj.x > 0.86:
            return "on the far right"
        if obj.x > 0.62:
            return "on the right"
        if 0.44 <= obj.x <= 0.56:
            return "in the middle"
        return None  # between a side and the middle: not said

    def depth(self, obj: SceneObject) -> str | None:
        w = self.world
        if w.name == "street":
            from ..worlds import street

            return REGION_WORDS.get(street.region(self.bottom(obj)))
        if w.category(obj.category).sky:
            return "in the sky"
        if w.scales:
            return "far away" if obj.scale <= 0.5 else None
        y0, y1 = w.ground
        b = self.bottom(obj) if not w.perspective else obj.y
        if b < y0 + 0.3 * (y1 - y0):
            return "in the back"
        if b > y0 + 0.75 * (y1 - y0):
            return "in the front"
        return None

    # -- words ----------------------------------------------------------------------------------------------
    def thing(self, obj: SceneObject, rng: random.Random, worn: list[SceneObject] = ()) -> Thing:
        w = self.world
        cat = w.category(obj.category)
        color = rng.choice(COLOR_WORDS.get(obj.color, (obj.color,))) if obj.color else None
        if w.name == "shapes":
            return Thing(obj, f"{color or w.default_color} {rng.choice(NOUN_WORDS.get(obj.category, (obj.category,)))}")
        a = obj.attrs
        if cat.people:
            adj = [v for v in (a.get("height") if a.get("height") != "average" else None,
                               a.get("build") if a.get("build") != "average" else None, obj.expression) if v]
            head = " ".join(adj + [cat.name])
            tails = []
            if obj.pose and obj.pose != "standing" or obj.pose and rng.random() < 0.3:
                tails.append(POSE_WORDS.get(obj.pose, obj.pose))
            worn_words = [f"{a[s]} {a[s + '_kind']}" if a.get(s) else a[s + "_kind"]
                          for s in ("top", "bottom", "headwear", "eyewear") if a.get(s + "_kind")]
            worn_words += [f"{o.color} {o.category}" if o.color else o.category for o in worn]
            if worn_words:
                verb = rng.choice(("in ", "wearing ", "with ") if cat.name in ("man", "woman", "child", "person")
                                  else ("wearing ", "with "))
                tails.append(verb + join([a_or_an(c) for c in worn_words]))
            if a.get("carry_kind"):
                carried = f"{a['carry']} {a['carry_kind']}" if a.get("carry") else a["carry_kind"]
                tails.append(("and " if tails else "") + rng.choice(("carrying ", "holding ")) + a_or_an(carried))
            return Thing(obj, head, " ".join(tails))
        head = f"{color} {cat.name}" if color else cat.name
        if a.get("motion") and rng.random() < 0.5:
            head = f"{a['motion']} {head}"
        return Thing(obj, head)

    def things(self, scene: Scene, rng: random.Random) -> list[Thing]:
        """Each object but the worn ones (said with their wearer), in insertion order."""
        worn: dict[str, list[SceneObject]] = {}
        for o in scene.objects:
            if self.world.category(o.category).worn and o.attrs.get("with"):
                worn.setdefault(o.attrs["with"], []).append(o)
        return [self.thing(o, rng, worn.get(o.id, [])) for o in scene.objects
                if not (self.world.category(o.category).worn and o.attrs.get("with"))]

    def np(self, t: Thing) -> str:
        return a_or_an(t.head) + (f" {t.tail}" if t.tail else "")

    def counted(self, things: list[Thing]) -> list[str]:
        """Noun phrases with equal countable heads merged: "two red cubes", first mention order kept."""
        counts = Counter(t.head for t in things if t.countable)
        out, done = [], set()
        for t in things:
            if t.countable and counts[t.head] > 1:
                if t.head not in done:
                    done.add(t.head)
                    out.append(f"{NUMBERS[counts[t.head]]} {_plural(self.world, t.head, t.obj.category)}")
            else:
                out.append(self.np(t))
        return out

    def background(self, scene: Scene, rng: random.Random) -> str:
        table = BACKGROUND_WORDS.get(self.world.name, {})
        words = [rng.choice(table[p]) for p in scene.background.split() if p in table]
        return " ".join(w for w in words if w)

    def place(self, obj: SceneObject, rng: random.Random) -> str:
        """The absolute place of `obj` ("on the left", "in the back on the right", "in the near lane")."""
        side, depth = self.side(obj), self.depth(obj)
        if side and depth:
            return f"{depth} {side}" if rng.random() < 0.5 else f"{side} {depth}"
        return side or depth or ""

    # -- caption styles -------------------------------------------------------------------------------------
    def listing(self, things: list[Thing], rng: random.Random) -> str:
        order = things[:]
        rng.shuffle(order)
        return rng.choice(THERE).format(join(self.counted(order)))

    def left_to_right(self, things: list[Thing], rng: random.Random) -> str | None:
        order = sorted(things, key=lambda t: t.obj.x)
        if len(order) < 2 or any(not self.left_of(a.obj, b.obj) for a, b in zip(order, order[1:])):
            return None
        self.facts += [("left", a.obj.id, b.obj.id) for a, b in zip(order, order[1:])]
        names = [self.np(t) for t in order]
        if rng.random() < 0.3:
            names, first = names[::-1], "from right to left"
        else:
            first = "from left to right"
        return f"{first}: {join(names)}" if rng.random() < 0.5 else f"{join(names)}, {first}"

    def absolute(self, things: list[Thing], rng: random.Random) -> str | None:
        placed = [(t, self.place(t.obj, rng)) for t in things]
        if any(not p for _, p in placed):
            return None
        rank = {"on the far left": 0, "on the left": 1, "in the middle": 2, "on the right": 3, "on the far right": 4}
        sides = [(t.obj, rank[self.side(t.obj)]) for t, _ in placed if self.side(t.obj)]
        self.facts += [("left", a.id, b.id) for a, ra in sides for b, rb in sides if ra < rb and self.left_of(a, b)]
        rng.shuffle(placed)
        if rng.random() < 0.4:
            return ". ".join(f"{self.np(t)} is {p}" for t, p in placed)
        return join([f"{self.np(t)} {p}" for t, p in placed])

    def relative(self, things: list[Thing], rng: random.Random) -> str | None:
        """One landmark, the rest placed to its left / right / behind / in front of it."""
        if len(things) < 2:
            return None
        land = rng.choice(things)
        if any(t.head == land.head for t in things if t is not land):
            return None  # "the police car" would not say which
        parts = []
        for t in things:
            if t is land:
                continue
            rel = self.relation(t.obj, land.obj)
            if rel is None:
                return None
            parts.append((t, rel))
            if rel in LR:
                self.facts.append(("left", *((t.obj.id, land.obj.id) if LR[rel] else (land.obj.id, t.obj.id))))
            else:
                self.facts.append(("behind", *((t.obj.id, land.obj.id) if rel == "behind" else
                                               (land.obj.id, t.obj.id))))
        rng.shuffle(parts)
        ref = "the " + land.head
        if rng.random() < 0.5 and all(t.countable for t, _ in parts):
            lead = f"{self.np(land)} {self.place(land.obj, rng)}".strip()
            return f"{lead} with " + join([f"{self.np(t)} {rel} it" for t, rel in parts])
        groups: dict[str, list[Thing]] = {}
        for t, rel in parts:
            groups.setdefault(rel, []).append(t)
        out = []
        for i, (rel, ts) in enumerate(groups.items()):
            names = join(self.counted(ts))
            many = len(ts) > 1 or names.split()[0] in NUMBERS[2:]
            verb = ("are " if many else "is ") if rng.random() < 0.5 or i > 0 else ""
            out.append(f"{names} {verb}{rel} {self.np(land) if i == 0 else ref}")
        return join(out) if len(out) < 3 else "; ".join(out)

    def relation(self, a: SceneObject, b: SceneObject) -> str | None:
        if self.behind(a, b):
            return "behind"
        if self.behind(b, a):
            return "in front of"
        if self.left_of(a, b):
            return "to the left of"
        if self.left_of(b, a):
            return "to the right of"
        return None

    def between(self, things: list[Thing], rng: random.Random) -> str | None:
        order = sorted(things, key=lambda t: t.obj.x)
        if len(order) < 3:
            return None
        i = rng.randrange(1, len(order) - 1)
        a, mid, b = order[i - 1], order[i], order[i + 1]
        if not (self.left_of(a.obj, mid.obj) and self.left_of(mid.obj, b.obj)):
            return None
        if mid.head in (a.head, b.head):
            return None
        if self.behind(mid.obj, a.obj) or self.behind(a.obj, mid.obj) or self.behind(mid.obj, b.obj) \
                or self.behind(b.obj, mid.obj):
            return None
        self.facts.append(("between", mid.obj.id, a.obj.id, b.obj.id))
        ends = [a, b] if rng.random() < 0.5 else [b, a]
        out = f"{self.np(mid)} between {self.np(ends[0])} and {self.np(ends[1])}"
        rest = [t for t in things if t not in (a, mid, b)]
        return out + (f", and {join(self.counted(rest))}" if rest else "")

    def count(self, things: list[Thing], rng: random.Random) -> str:
        n = len(things)
        noun = {"shapes": ("objects", "shapes", "things"), "park": ("things", "objects"),
                "street": ("things",)}.get(self.world.name, ("things",))
        if n == 1:
            return f"just one {rng.choice(noun)[:-1]}: {self.np(things[0])}"
        return f"{NUMBERS[n] if n < len(NUMBERS) else n} {rng.choice(noun)}: {join(self.counted(things))}"

    STYLES = ("listing", "left_to_right", "absolute", "relative", "between", "count")

    # -- the call -------------------------------------------------------------------------------------------
    def captions(self, scene: Scene, k: int = 5, seed: int = 0) -> list[str]:
        """`k` captions of `scene`, as distinct as the scene allows, each naming every object."""
        return [text for _, text in self.styled(scene, k, seed)]

    def styled(self, scene: Scene, k: int = 5, seed: int = 0) -> list[tuple[str, str]]:
        """(style, caption) pairs: the captions of `captions` with the name of the style that made each."""
        return [(c.style, c.text) for c in self.annotated(scene, k, seed)]

    def annotated(self, scene: Scene, k: int = 5, seed: int = 0) -> list[Caption]:
        """The captions of `captions` with their styles and the spatial facts they state."""
        rng = random.Random(seed)
        if not scene.objects:
            bg = self.background(scene, rng)
            return [Caption("empty", f"an empty {self.world.name} scene {bg}".strip())] * k
        out: list[Caption] = []
        seen: set[str] = set()
        for _ in range(12 * k):
            styles = list(self.STYLES)
            rng.shuffle(styles)
            for style in styles:
                things = self.things(scene, rng)
                self.facts = []
                text = getattr(self, style)(things, rng)
                if text is None:
                    continue
                bg = self.background(scene, rng)
                if bg:
                    text = f"{bg}, {text}" if rng.random() < 0.25 else f"{text} {bg}"
                if text not in seen:
                    seen.add(text)
                    out.append(Caption(style, text, tuple(self.facts)))
                if len(out) == k:
                    return out
        while len(out) < k:  # a scene with few ways to say it: repeat (still true)
            out.append(out[len(out) % max(1, len(out))])
        return out


def join(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def holds(describer: Describer, scene: Scene, fact: tuple[str, ...], ids: dict[str, str] | None = None) -> bool:
    """Whether `fact` (a Caption fact) is true of `scene`; `ids` maps the fact's ids to the scene's."""
    ids = ids or {}
    objs = [scene.get(ids.get(i, i)) for i in fact[1:]]
    if fact[0] == "left":
        return describer.left_of(objs[0], objs[1])
    if fact[0] == "behind":
        return describer.behind(objs[0], objs[1])
    if fact[0] == "between":
        m, a, b = objs
        return min(a.x, b.x) + MARGIN <= m.x + 1e-9 <= max(a.x, b.x) - MARGIN + 2e-9
    raise ValueError(f"unknown fact {fact[0]!r}")


def describe(scene: Scene, k: int = 5, seed: int = 0) -> list[str]:
    """`k` true captions of `scene` (see the module docstring)."""
    return Describer(scene.world).captions(scene, k, seed)


__all__ = ["Caption", "Describer", "Thing", "describe", "holds", "join"]
