"""Where things go: boxes, absolute places, relations to a landmark, and free spots for new objects.

All in the scene's normalised coordinates (x, y = box centre in [0, 1]); sizes come from the world data, so a
relation works the same in every world. "Behind" means higher in the picture (and, where the world has
perspective, smaller on screen); "next to" puts the new thing beside the landmark with its feet on the same
ground line.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..scene import Scene, SceneObject
from ..worlds import Category, World

GAP = 0.02


def beside(land_w: float, w: float, relation: str) -> float:
    """How far apart two box centres stand side by side ("next to", "left of"): edge to edge with a small gap
    for small things, closer than that for big ones — clip-art boxes have empty margins, and people let big
    pieces overlap. Fitted to the human drawers' final scenes in CoDraw train (teller messages naming two
    pieces with "next to" / "beside" / "left of" / "right of", ~900 pairs; `bench/codraw_relations.py`): the
    median distance is the sum of half widths up to ~0.15, then grows half as fast (0.22 at 0.25, 0.27 at 0.35,
    0.29 at 0.5)."""
    half = (land_w + w) / 2
    near = relation in ("near", "toward")
    if relation in ("left", "right"):
        return min(half + GAP, 0.1 + 0.45 * half)
    return min(half + (3 * GAP if near else GAP), (0.1 if near else 0.07) + 0.5 * half)


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    w: float
    h: float

    @property
    def left(self) -> float:
        return self.x - self.w / 2

    @property
    def right(self) -> float:
        return self.x + self.w / 2

    @property
    def top(self) -> float:
        return self.y - self.h / 2

    @property
    def bottom(self) -> float:
        return self.y + self.h / 2


def overlap_area(x: float, y: float, w: float, h: float, b: Box) -> float:
    """Area shared by the box centred at (x, y) of size w × h and `b`."""
    ox = max(0.0, min(x + w / 2, b.right) - max(x - w / 2, b.left))
    oy = max(0.0, min(y + h / 2, b.bottom) - max(y - h / 2, b.top))
    return ox * oy


def size_of(world: World, category: str, scale: float, y: float) -> tuple[float, float]:
    """Normalised width and height of a box (world canvas aspect taken into account)."""
    cat = world.category(category)
    h = cat.height * scale * world.size_factor(y)
    w = cat.aspect * h / (world.canvas[0] / world.canvas[1])
    return w, h


def box(world: World, obj: SceneObject) -> Box:
    w, h = size_of(world, obj.category, obj.scale, obj.y)
    return Box(obj.x, obj.y, w, h)


def clamp_x(world: World, category: str, scale: float, x: float, y: float) -> float:
    w, _ = size_of(world, category, scale, y)
    overhang = 0.4 * w if w > 0.3 else 0.0  # a big tree "on the far left" is cut off by the edge, as in CoDraw
    lo, hi = w / 2 - overhang, 1 - w / 2 + overhang
    if lo > hi:
        return 0.5
    return min(max(x, lo), hi)


def clamp_y(world: World, category: str, scale: float, y: float) -> float:
    _, h = size_of(world, category, scale, y)
    cat = world.category(category)
    lo, hi = h / 2, 1 - h / 2
    if world.perspective and not cat.sky:  # keep shapes on the floor
        lo = max(lo, world.ground[0])
        hi = min(hi, world.ground[1])
    if lo > hi:
        return min(max(y, 0.0), 1.0)
    return min(max(y, lo), hi)


def keep_bottom(world: World, obj: SceneObject, scale: float) -> float:
    """The y that keeps a grounded object's feet where they were when it changes size."""
    if world.category(obj.category).sky:
        return obj.y
    _, old_h = size_of(world, obj.category, obj.scale, obj.y)
    _, new_h = size_of(world, obj.category, scale, obj.y)
    return obj.y + (old_h - new_h) / 2


def default_y(world: World, cat: Category) -> float:
    if cat.default_y is not None:
        return cat.default_y
    return (world.ground[0] + world.ground[1]) / 2


def vertical(world: World, cat: Category, where: str, scale: float) -> float:
    """A y for the words top / bottom / sky / ground / horizon / corner, for this kind of thing."""
    y0 = default_y(world, cat)
    _, h = size_of(world, cat.name, scale, y0)
    top_edge, bottom_edge = 0.02 + h / 2, 0.98 - h / 2
    if where == "corner":
        where = "top" if cat.sky else "bottom"
    if world.perspective:  # a floor: top means far back, bottom means near
        return {"top": world.ground[0], "sky": world.ground[0], "bottom": world.ground[1]}.get(where, y0)
    if cat.sky:
        return {"top": top_edge, "bottom": world.horizon - h / 2, "horizon": world.horizon - h / 2}.get(where, y0)
    feet_on_horizon = world.horizon + 0.04 - h / 2
    return {"top": feet_on_horizon, "horizon": feet_on_horizon, "bottom": bottom_edge,
            "sky": world.sky_band[0] + h / 2}.get(where, y0)


def relate(world: World, relation: str, cat: Category, scale: float, land: SceneObject,
           other: SceneObject | None = None, side: int = 1) -> tuple[float, float]:
    """Centre for a new `cat` at `scale` placed `relation` the landmark (`other` for "between")."""
    L = box(world, land)
    w, h = size_of(world, cat.name, scale, land.y)
    grounded = not cat.sky and not world.category(land.category).sky

    def on_line(x: float) -> tuple[float, float]:  # same ground line as the landmark
        if grounded:
            return x, L.bottom - h / 2
        if not cat.sky:  # "a boy pointing at the rocket, on the left": on the ground, beside it
            return x, default_y(world, cat)
        return x, L.y

    if relation == "left":
        return on_line(L.x - beside(L.w, w, relation))
    if relation == "right":
        return on_line(L.x + beside(L.w, w, relation))
    if relation in ("next", "near", "toward"):
        return on_line(L.x + side * beside(L.w, w, relation))
    if relation == "away":
        return on_line(0.9 if L.x < 0.5 else 0.1)
    if relation == "behind":
        if world.perspective:
            return L.x, L.y - max(0.12, h * 0.8)
        return L.x + 0.3 * L.w * side, L.bottom - h / 2 - max(0.06, 0.25 * L.h)
    if relation == "front":
        if world.perspective:
            return L.x, L.y + max(0.12, h * 0.8)
        return L.x, min(L.bottom - h / 2 + max(0.06, 0.2 * h), 1 - 0.45 * h)  # its feet still in the picture
    lc = world.category(land.category)
    if relation == "on" and grounded and cat.alive and not lc.surface \
            and not lc.holds_in and L.h > 1.5 * h:
        # "a boy sitting on the swing", "on the slide": on its seat, inside its box, not stacked above it
        return L.x, min(L.y + 0.25 * L.h, L.bottom - h / 2) - 0.1 * h
    if relation == "on":
        top = L.top + (0.22 * L.h if world.category(land.category).surface else 0.0)
        return L.x, top - h / 2 + 0.1 * h
    if relation == "above":
        return L.x, L.top - GAP - h / 2
    if relation in ("below", "under") and world.category(land.category).sky and not cat.sky:
        return L.x, max(default_y(world, cat), L.y + 0.05)  # "a tree below the sun": on the ground under it
    if relation == "below" and cat.sky and lc.sky and not world.perspective:
        return L.x, min(L.bottom + GAP + h / 2, world.sky_band[1] + 0.1)  # a cloud below the sun: still sky
    if relation == "below":
        return L.x, L.bottom + GAP + h / 2
    if relation == "under":
        if world.category(land.category).holds_in or world.category(land.category).surface:
            return L.x + 0.15 * L.w * side, L.bottom - h / 2 + 0.02
        return L.x, L.bottom + GAP + h / 2
    if relation == "in":
        lc = world.category(land.category)
        if lc.holds_in and lc.group != "large" or lc.surface:
            return L.x, L.y
        return L.x + 0.12 * L.w * side, L.top + 0.32 * L.h  # a tree's crown
    if relation == "between" and other is not None:
        O = box(world, other)
        x = (L.x + O.x) / 2
        if grounded:
            return x, (L.bottom + O.bottom) / 2 - h / 2
        return x, (L.y + O.y) / 2
    if relation == "where":
        return L.x, L.bottom - h / 2 if grounded else L.y
    return on_line(L.right + GAP + w / 2)


# which way to step when the spot a relation gives is taken: (dx, dy) signs; None = the side given
_AWAY = {"left": (-1, 0), "right": (1, 0), "next": (None, 0), "near": (None, 0), "front": (0, 1), "behind": (0, -1)}


def make_room(world: World, scene: Scene, cat: Category, scale: float, x: float, y: float, relation: str,
              side: int, keep: tuple[str, ...] = ()) -> tuple[float, float]:
    """(x, y) moved further the way `relation` points while the spot is mostly taken by something other than
    the landmarks (`keep`): "a purple cube in front of the sphere" when the red cube already stands in front of
    it goes in front of the red cube, not inside it. Up to four steps, never out of the picture; the spot as
    given when no step frees it."""
    if relation not in _AWAY or cat.sky:
        return x, y
    others = [box(world, o) for o in scene.objects
              if o.id not in keep and not world.category(o.category).sky]

    def taken(x: float, y: float) -> bool:
        w, h = size_of(world, cat.name, scale, y)
        return any(overlap_area(x, y, w, h, b) > 0.5 * min(w * h, b.w * b.h) for b in others)

    if not taken(x, y):
        return x, y
    land = scene.get(keep[0]) if keep else None
    if relation in ("next", "near") and land is not None:  # no side said: the landmark's other side, if free
        mx = 2 * land.x - x
        w, _ = size_of(world, cat.name, scale, y)
        if w / 2 <= mx <= 1 - w / 2 and not taken(mx, y):
            return mx, y
    dx, dy = _AWAY[relation]
    dx = side if dx is None else dx
    nx, ny = x, y
    for _ in range(4):
        w, h = size_of(world, cat.name, scale, ny)
        nx += dx * (w + GAP)
        ny += dy * (max(0.12, h * 0.8) if world.perspective else max(0.06, 0.25 * h))
        w, h = size_of(world, cat.name, scale, ny)
        if nx - w / 2 < 0 or nx + w / 2 > 1 or ny - h / 2 < 0 or ny + h / 2 > 1:
            break
        if world.perspective and not world.ground[0] <= ny <= world.ground[1]:
            break
        if not taken(nx, ny):
            return nx, ny
    return x, y


def hand(world: World, person: SceneObject) -> tuple[float, float]:
    """Roughly where a person's front hand is, by pose and facing."""
    P = box(world, person)
    facing = -1 if person.flip else 1
    pose = person.pose or "standing"
    if pose == "arms up":
        return P.x + facing * 0.32 * P.w, P.top + 0.08 * P.h
    if pose in ("sitting", "sitting cross-legged"):
        return P.x + facing * 0.42 * P.w, P.y + 0.1 * P.h
    if pose == "waving":
        return P.x + facing * 0.4 * P.w, P.top + 0.22 * P.h
    return P.x + facing * 0.45 * P.w, P.y - 0.02 * P.h


def held_position(world: World, person: SceneObject, cat: Category, scale: float) -> tuple[float, float]:
    hx, hy = hand(world, person)
    w, h = size_of(world, cat.name, scale, person.y)
    facing = -1 if person.flip else 1
    if cat.default_y is not None and cat.default_y < world.horizon:  # a kite, balloons: up from the hand
        return clamp_x(world, cat.name, scale, hx + facing * w * 0.3, hy - h / 2), hy - h / 2
    return clamp_x(world, cat.name, scale, hx + facing * w * 0.3, hy), hy


def kicked_position(world: World, person: SceneObject, cat: Category, scale: float) -> tuple[float, float]:
    """Just off the kicking foot, a little above the ground."""
    P = box(world, person)
    w, h = size_of(world, cat.name, scale, person.y)
    facing = -1 if person.flip else 1
    return P.x + facing * (0.5 * P.w + 0.5 * w), P.bottom - h / 2 - 0.12 * P.h


def worn_position(world: World, person: SceneObject, cat: Category, scale: float) -> tuple[float, float]:
    P = box(world, person)
    _, h = size_of(world, cat.name, scale, person.y)
    sitting = (person.pose or "").startswith("sitting")
    head_top = P.top + (0.03 if not sitting else 0.02) * P.h
    head_h = 0.24 * P.h if not sitting else 0.3 * P.h
    if cat.worn == "face":
        return P.x + (0.04 if not person.flip else -0.04) * P.w, head_top + 0.5 * head_h
    return P.x, head_top + 0.15 * head_h - h * 0.25


def free_spot(world: World, scene: Scene, cat: Category, scale: float, y: float | None = None,
              xs: tuple[float, ...] = (0.5, 0.3, 0.7, 0.15, 0.85, 0.4, 0.6, 0.22, 0.78, 0.08, 0.92),
              avoid: list[Box] | None = None) -> tuple[float, float]:
    """The candidate spot where a new object overlaps least with what is there (first one on ties)."""
    y = default_y(world, cat) if y is None else y
    boxes = [box(world, o) for o in scene.objects] + list(avoid or [])
    w, h = size_of(world, cat.name, scale, y)
    best, best_cost = (xs[0], y), float("inf")
    for x in xs:
        x = clamp_x(world, cat.name, scale, x, y)
        cost = sum(overlap_area(x, y, w, h, b) for b in boxes)
        cost += (max(0.0, w / 2 - x) + max(0.0, x + w / 2 - 1)) * h  # cut off by the edge: as bad as covered
        if cost < best_cost - 1e-9:
            best, best_cost = (x, y), cost
    return best


def free_on_side(world: World, scene: Scene, cat: Category, scale: float, x: float, y: float,
                 avoid: list[Box] | None = None) -> float:
    """`x` for a new thing put "on the right" (0.8) — or, when that spot is mostly taken by something on the
    ground already ("a swing on the right", then "a slide on the right"), the nearest spot on the same side of
    the picture that is free; `x` as given when none is."""
    w, h = size_of(world, cat.name, scale, y)
    boxes = [b for b in [box(world, o) for o in scene.objects if not world.category(o.category).sky] +
             list(avoid or []) if abs(b.bottom - (y + h / 2)) < 0.1]  # standing on the same line: a table in
    # front of a big tree is not in its spot

    def taken(at: float) -> bool:
        return any(overlap_area(at, y, w, h, b) > 0.5 * min(w * h, b.w * b.h) for b in boxes)

    if not taken(x):
        return x
    lo, hi = (0.02, 0.48) if x < 0.35 else (0.52, 0.98) if x > 0.65 else (0.35, 0.65)
    spots = [clamp_x(world, cat.name, scale, lo + (hi - lo) * k / 12, y) for k in range(13)]
    free = [s for s in spots if lo <= s <= hi and not taken(s)]
    return min(free, key=lambda s: abs(s - x)) if free else x
