"""A scene as a scene graph: objects and (subject, relation, object) triples, as sg2im reads it.

    scene_graph(scene)          -> SceneGraph (object labels, triples over object indices, the spine's boxes)
    triples(scene)              -> [("o2", "left of", "o1"), ...]      (by object id)
    read_graph_json(text, world) -> [SceneGraph]   sg2im's own JSON: {"objects": [...], "relationships": [...]}

Relations come from what the scene records first — an object held or worn by a person (`attributes["with"]`)
gives "held by" / "worn by" — and are otherwise derived from the spine's boxes the way sg2im derives COCO's
(Johnson et al. 2018, Sec. 4.1): one box strictly inside the other is "inside" / "surrounding", else the
angle between the centres gives "left of" / "right of" / "above" / "below". Two boxes that overlap much are
"in front of" / "behind" by the world's drawing order instead (the only relation a flat box cannot show).
One triple per pair of objects, the earlier object (scene order) as subject.

A box is (x0, y0, x1, y1) in [0, 1], origin top-left: the drawn extent of the object's sprite (the procedural
renderer's tile, transparent margin cut), so that a box holds every pixel the object paints.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from typing import Any

from ..errors import ScenewrightError
from .model import Scene, SceneObject

Box = tuple[float, float, float, float]

IN_IMAGE = "__in_image__"  # sg2im's special relation of every object to the whole-image node
PREDICATES = (IN_IMAGE, "left of", "right of", "above", "below", "inside", "surrounding", "in front of", "behind",
              "held by", "worn by")
BOX_SIZE = (128, 128)  # the canvas the spine's boxes are measured on (then normalised)
OVERLAP = 0.3  # intersection over the smaller box above which a pair is front/back, not beside


class GraphError(ScenewrightError, ValueError):
    """A scene-graph file that cannot be read; the message says where and why."""


@dataclass(frozen=True)
class SceneGraph:
    """Object labels ("red cube", "dog"), triples (subject index, predicate, object index), and where the
    graph came from a scene, its object ids and the spine's boxes."""

    world: str
    background: str
    objects: tuple[str, ...]
    triples: tuple[tuple[int, str, int], ...]
    ids: tuple[str, ...] = ()
    boxes: tuple[Box, ...] = ()


# -- labels -------------------------------------------------------------------------------------------------
def object_label(world, obj: SceneObject) -> str:
    """The class name the graph uses: "red cube" where the world colours the category, else the category."""
    color = obj.color or world.default_color
    return f"{color} {obj.category}" if color and world.category(obj.category).colorable else obj.category


def world_labels(world) -> list[str]:
    """Every label a world can give (the object vocabulary of a graph model of that world)."""
    out = []
    for cat in world.categories:
        if cat.colorable:
            out += [f"{c} {cat.name}" for c in world.colors]
        if not cat.colorable or not world.default_color:
            out.append(cat.name)
    return out


# -- boxes --------------------------------------------------------------------------------------------------
def object_boxes(scene: Scene, size: tuple[int, int] = BOX_SIZE) -> list[Box]:
    """The spine's box of every object (scene order): its sprite's drawn extent, normalised to [0, 1]."""
    renderer = _procedural(scene.world)
    W, H = size
    out = []
    for obj in scene.objects:
        tile, x, y = renderer.tile(obj, size)
        drawn = tile.getchannel("A").getbbox() or (0, 0, tile.width, tile.height)
        x0, y0, x1, y1 = x + drawn[0], y + drawn[1], x + drawn[2], y + drawn[3]
        out.append((max(0.0, x0 / W), max(0.0, y0 / H), min(1.0, x1 / W), min(1.0, y1 / H)))
    return out


_RENDERERS: dict[str, Any] = {}


def _procedural(world: str):
    if world not in _RENDERERS:
        from ..render.procedural import ProceduralRenderer
        _RENDERERS[world] = ProceduralRenderer(world)
    return _RENDERERS[world]


def box_iou(a: Box, b: Box) -> float:
    inter = _intersection(a, b)
    union = _area(a) + _area(b) - inter
    return inter / union if union > 0 else 0.0


def _area(b: Box) -> float:
    return max(0.0, b[2] - b[0]) * max(0.0, b[3] - b[1])


def _intersection(a: Box, b: Box) -> float:
    return max(0.0, min(a[2], b[2]) - max(a[0], b[0])) * max(0.0, min(a[3], b[3]) - max(a[1], b[1]))


# -- relations ----------------------------------------------------------------------------------------------
def spatial_relation(s: Box, o: Box, s_in_front: bool | None = None) -> str:
    """The relation of box `s` to box `o`: containment, then (boxes that overlap by more than OVERLAP of the
    smaller one, when the drawing order is known) front/back, else sg2im's angle rule on the centres."""
    if s[0] > o[0] and s[1] > o[1] and s[2] < o[2] and s[3] < o[3]:
        return "inside"
    if s[0] < o[0] and s[1] < o[1] and s[2] > o[2] and s[3] > o[3]:
        return "surrounding"
    smaller = min(_area(s), _area(o))
    if s_in_front is not None and smaller > 0 and _intersection(s, o) / smaller > OVERLAP:
        return "in front of" if s_in_front else "behind"
    dx = (s[0] + s[2]) / 2 - (o[0] + o[2]) / 2
    dy = (s[1] + s[3]) / 2 - (o[1] + o[3]) / 2
    theta = math.atan2(dy, dx)  # y grows downwards
    if theta >= 3 * math.pi / 4 or theta <= -3 * math.pi / 4:
        return "left of"
    if -3 * math.pi / 4 < theta < -math.pi / 4:
        return "above"
    if -math.pi / 4 <= theta < math.pi / 4:
        return "right of"
    return "below"


def _recorded(world, a: SceneObject, b: SceneObject) -> str | None:
    """A relation the language layer wrote on the scene: `a` held or worn by `b`."""
    if a.attrs.get("with") == b.id:
        return "worn by" if world.category(a.category).worn else "held by"
    return None


def scene_graph(scene: Scene) -> SceneGraph:
    """The scene's graph: one triple per pair of objects (recorded relation, else derived from the boxes)."""
    from ..worlds import get_world

    world = get_world(scene.world)
    objs = scene.objects
    boxes = object_boxes(scene) if objs else []
    order = {o.id: k for k, o in enumerate(sorted(objs, key=world.depth_sort_key))}  # drawing order
    out: list[tuple[int, str, int]] = []
    for i in range(len(objs)):
        for j in range(i + 1, len(objs)):
            a, b = objs[i], objs[j]
            rec = _recorded(world, a, b)
            if rec:
                out.append((i, rec, j))
                continue
            rec = _recorded(world, b, a)
            if rec:
                out.append((j, rec, i))
                continue
            out.append((i, spatial_relation(boxes[i], boxes[j], order[a.id] > order[b.id]), j))
    return SceneGraph(scene.world, scene.background, tuple(object_label(world, o) for o in objs), tuple(out),
                      tuple(o.id for o in objs), tuple(boxes))


def triples(scene: Scene) -> list[tuple[str, str, str]]:
    """(subject id, relation, object id) for every pair of objects in `scene`."""
    g = scene_graph(scene)
    return [(g.ids[s], p, g.ids[o]) for s, p, o in g.triples]


# -- sg2im's JSON ---------------------------------------------------------------------------------------------
def read_graph_json(text: str, world: str = "shapes", source: str = "graph") -> list[SceneGraph]:
    """sg2im's scene-graph JSON — one graph `{"objects": [...], "relationships": [[s, "left of", o], ...]}` or a
    list of them — as SceneGraphs of `world`. An object is a label ("red cube", "cube": the world's default
    colour; "dog") or `{"category": ..., "color": ...}`; a graph may name its "world" and "background".
    Anything else is refused with the place and the reason (`GraphError`)."""
    from ..worlds import get_world

    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        raise GraphError(f"{source}: not valid JSON: {e.msg} at line {e.lineno} column {e.colno}") from None
    graphs = data if isinstance(data, list) else [data]
    if not graphs:
        raise GraphError(f"{source}: an empty list, no graph to draw")
    out = []
    for k, g in enumerate(graphs):
        where = source if len(graphs) == 1 else f"{source} graph {k}"
        if not isinstance(g, dict):
            raise GraphError(f"{where}: a graph is a JSON object with \"objects\" and \"relationships\", got "
                             f"{type(g).__name__}")
        unknown = sorted(set(g) - {"objects", "relationships", "world", "background"})
        if unknown:
            raise GraphError(f"{where}: unknown keys {', '.join(unknown)} (a graph has objects, relationships "
                             "and optionally world, background)")
        w = get_world(g.get("world", world)) if isinstance(g.get("world", world), str) else None
        if w is None:
            raise GraphError(f"{where}: \"world\" must be a world name")
        objects = g.get("objects")
        if not isinstance(objects, list) or not objects:
            raise GraphError(f"{where}: \"objects\" must be a non-empty list of object names")
        labels = tuple(_label(w, o, f"{where} object {i}") for i, o in enumerate(objects))
        rels = g.get("relationships", [])
        if not isinstance(rels, list):
            raise GraphError(f"{where}: \"relationships\" must be a list of [subject, predicate, object]")
        trip = []
        for r_i, r in enumerate(rels):
            at = f"{where} relationship {r_i}"
            if not (isinstance(r, list) and len(r) == 3):
                raise GraphError(f"{at}: must be [subject index, predicate, object index], got {json.dumps(r)}")
            s, p, o = r
            for idx in (s, o):
                if isinstance(idx, bool) or not isinstance(idx, int) or not 0 <= idx < len(labels):
                    raise GraphError(f"{at}: {json.dumps(idx)} is not an object index (0..{len(labels) - 1})")
            if s == o:
                raise GraphError(f"{at}: an object cannot be related to itself")
            if p not in PREDICATES or p == IN_IMAGE:
                raise GraphError(f"{at}: unknown predicate {json.dumps(p)}; predicates: "
                                 f"{', '.join(PREDICATES[1:])}")
            trip.append((s, p, o))
        bg = g.get("background", w.default_background)
        if bg not in w.backgrounds:
            raise GraphError(f"{where}: unknown background {json.dumps(bg)}; {w.name} has "
                             f"{', '.join(w.backgrounds)}")
        out.append(SceneGraph(w.name, bg, labels, tuple(trip)))
    return out


def _label(world, obj: Any, where: str) -> str:
    if isinstance(obj, dict):
        category, color = obj.get("category"), obj.get("color")
    elif isinstance(obj, str):
        words = obj.strip().lower().split()
        color = words[0] if len(words) > 1 and (words[0] in world.colors or words[0] in world.color_synonyms) \
            else None
        category = " ".join(words[1:] if color else words)
    else:
        raise GraphError(f"{where}: an object is a name or {{\"category\", \"color\"}}, got {json.dumps(obj)}")
    if not isinstance(category, str) or category not in world.category_names:
        raise GraphError(f"{where}: {json.dumps(category)} is not a {world.name} category; categories: "
                         f"{', '.join(world.category_names)}")
    if color is not None:
        color = world.color_synonyms.get(color, color)
        if color not in world.colors:
            raise GraphError(f"{where}: unknown colour {json.dumps(color)}; colours: {', '.join(world.colors)}")
    cat = world.category(category)
    if color is not None and not cat.colorable:
        raise GraphError(f"{where}: a {category} has no colour in the {world.name} world")
    color = color or world.default_color
    return f"{color} {category}" if color and cat.colorable else category
