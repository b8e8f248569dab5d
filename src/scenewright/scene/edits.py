"""Edits: the only way a scene changes. Each is a frozen value; `apply(scene, edit)` is a pure function."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable, Union

from ..errors import SceneError
from .model import Scene, SceneObject, _freeze

UPDATABLE = ("x", "y", "scale", "color", "flip", "pose", "expression", "category", "attributes", "uncertain")


@dataclass(frozen=True)
class SetBackground:
    background: str

    def describe(self) -> str:
        return f"background → {self.background}"


@dataclass(frozen=True)
class Add:
    obj: SceneObject

    def describe(self) -> str:
        o = self.obj
        bits = [b for b in (o.color, o.expression, o.pose) if b]
        return f"add {o.id} {' '.join(bits + [o.category])} at ({o.x:.2f}, {o.y:.2f})"


@dataclass(frozen=True)
class Remove:
    id: str

    def describe(self) -> str:
        return f"remove {self.id}"


@dataclass(frozen=True)
class Update:
    """Set some fields of one object. `changes` is a tuple of (field, value) pairs."""

    id: str
    changes: tuple[tuple[str, Any], ...]

    @classmethod
    def of(cls, object_id: str, **changes: Any) -> "Update":
        for key in changes:
            if key not in UPDATABLE:
                raise SceneError(f"cannot update '{key}'")
        for key in ("attributes", "uncertain"):
            if key in changes and isinstance(changes[key], dict):
                changes[key] = _freeze(changes[key])
        return cls(object_id, tuple(sorted(changes.items())))

    @property
    def fields(self) -> dict[str, Any]:
        return dict(self.changes)

    def describe(self) -> str:
        shown = []
        for k, v in self.changes:
            if isinstance(v, float):
                v = round(v, 2)
            shown.append(f"{k}={v}")
        return f"update {self.id}: {', '.join(shown)}"


Edit = Union[SetBackground, Add, Remove, Update]


def apply(scene: Scene, edit: Edit) -> Scene:
    """The scene after `edit`. Raises SceneError when the edit does not fit the scene."""
    if isinstance(edit, SetBackground):
        return Scene(scene.world, edit.background, scene.objects, scene.next_number)
    if isinstance(edit, Add):
        if any(o.id == edit.obj.id for o in scene.objects):
            raise SceneError(f"an object {edit.obj.id} is already in the scene")
        return scene.replace_objects(scene.objects + (edit.obj,),
                                     max(scene.next_number, edit.obj.number + 1))
    if isinstance(edit, Remove):
        kept = tuple(o for o in scene.objects if o.id != edit.id)
        if len(kept) == len(scene.objects):
            raise SceneError(f"there is no object {edit.id}")
        return scene.replace_objects(kept)
    if isinstance(edit, Update):
        found = False
        objects = []
        for o in scene.objects:
            if o.id == edit.id:
                o = o.with_(**edit.fields)
                found = True
            objects.append(o)
        if not found:
            raise SceneError(f"there is no object {edit.id}")
        return scene.replace_objects(objects)
    raise SceneError(f"not an edit: {edit!r}")


def apply_all(scene: Scene, edits: Iterable[Edit]) -> Scene:
    for edit in edits:
        scene = apply(scene, edit)
    return scene


def edit_to_dict(edit: Edit) -> dict[str, Any]:
    if isinstance(edit, SetBackground):
        return {"op": "background", "background": edit.background}
    if isinstance(edit, Add):
        return {"op": "add", "object": edit.obj.to_dict()}
    if isinstance(edit, Remove):
        return {"op": "remove", "id": edit.id}
    changes = {}
    for k, v in edit.changes:
        changes[k] = {a: list(b) if isinstance(b, tuple) else b for a, b in v} if k in ("attributes", "uncertain") else v
    return {"op": "update", "id": edit.id, "changes": changes}


def edit_from_dict(data: dict[str, Any]) -> Edit:
    if not isinstance(data, dict) or "op" not in data:
        raise SceneError("an edit must be a JSON object with an 'op'")
    op = data["op"]
    try:
        if op == "background":
            return SetBackground(str(data["background"]))
        if op == "add":
            return Add(SceneObject.from_dict(data["object"]))
        if op == "remove":
            return Remove(str(data["id"]))
        if op == "update":
            return Update.of(str(data["id"]), **data["changes"])
    except KeyError as e:
        raise SceneError(f"edit '{op}' is missing {e}") from None
    raise SceneError(f"unknown edit op {op!r}")
