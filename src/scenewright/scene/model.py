"""The scene: an immutable picture description, the single source of truth.

`Scene.to_dict()` is the JSON contract of ../shared/ARCHITECTURE.md: keys never disappear, unused ones are
null, world-specific attributes live under "attributes" and what the speaker was unsure of under "uncertain".
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field, fields, replace
from typing import Any, Iterable, Mapping

from ..errors import SceneError

OBJECT_KEYS = ("id", "category", "x", "y", "scale", "color", "flip", "pose", "expression")
_ID = re.compile(r"^o(\d+)$")


def _freeze(mapping: Mapping[str, Any] | None) -> tuple[tuple[str, Any], ...]:
    """A mapping as sorted (key, value) pairs; list values become tuples so the whole thing is hashable."""
    if not mapping:
        return ()
    out = []
    for key, value in sorted(mapping.items()):
        if isinstance(value, list):
            value = tuple(value)
        out.append((str(key), value))
    return tuple(out)


def _thaw(pairs: tuple[tuple[str, Any], ...]) -> dict[str, Any]:
    return {k: list(v) if isinstance(v, tuple) else v for k, v in pairs}


@dataclass(frozen=True)
class SceneObject:
    """One thing in the picture. `x`, `y` are the centre of its box in [0, 1], origin top-left."""

    id: str
    category: str
    x: float
    y: float
    scale: float = 1.0
    color: str | None = None
    flip: bool = False
    pose: str | None = None
    expression: str | None = None
    attributes: tuple[tuple[str, Any], ...] = ()
    uncertain: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def __post_init__(self) -> None:
        for name in ("attributes", "uncertain"):  # accept plain dicts; store hashable pairs
            value = getattr(self, name)
            if isinstance(value, Mapping):
                object.__setattr__(self, name, _freeze(value))
            elif not isinstance(value, tuple):
                raise SceneError(f"object {self.id}: {name} must be a mapping")
        if not isinstance(self.id, str) or not _ID.match(self.id):
            raise SceneError(f"object id must look like 'o7', got {self.id!r}")
        if not isinstance(self.category, str) or not self.category:
            raise SceneError("object category must be a non-empty string")
        for name in ("x", "y", "scale"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
                raise SceneError(f"object {self.id}: {name} must be a finite number, got {value!r}")
        if not (-0.5 <= self.x <= 1.5 and -0.5 <= self.y <= 1.5):
            raise SceneError(f"object {self.id}: position ({self.x}, {self.y}) is far outside the picture")
        if not (0.05 <= self.scale <= 8.0):
            raise SceneError(f"object {self.id}: scale {self.scale} is outside [0.05, 8]")
        if not isinstance(self.flip, bool):
            raise SceneError(f"object {self.id}: flip must be true or false")
        for name in ("color", "pose", "expression"):
            value = getattr(self, name)
            if value is not None and not isinstance(value, str):
                raise SceneError(f"object {self.id}: {name} must be a string or null")

    @property
    def number(self) -> int:
        return int(self.id[1:])

    @property
    def attrs(self) -> dict[str, Any]:
        return _thaw(self.attributes)

    @property
    def unsure(self) -> dict[str, list[str]]:
        return _thaw(self.uncertain)

    def with_(self, **changes: Any) -> "SceneObject":
        """A copy with `changes`; `attributes` / `uncertain` may be given as plain dicts."""
        for key in ("attributes", "uncertain"):
            if key in changes and isinstance(changes[key], Mapping):
                changes[key] = _freeze(changes[key])
        return replace(self, **changes)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {k: getattr(self, k) for k in OBJECT_KEYS}
        out["x"], out["y"], out["scale"] = float(self.x), float(self.y), float(self.scale)
        out["attributes"] = self.attrs
        out["uncertain"] = self.unsure
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "SceneObject":
        if not isinstance(data, Mapping):
            raise SceneError(f"an object must be a JSON object, got {type(data).__name__}")
        missing = [k for k in ("id", "category", "x", "y") if k not in data]
        if missing:
            raise SceneError(f"object is missing {', '.join(missing)}")
        unknown = set(data) - set(OBJECT_KEYS) - {"attributes", "uncertain"}
        if unknown:
            raise SceneError(f"object {data.get('id')!r} has unknown keys: {', '.join(sorted(unknown))}")
        attributes = data.get("attributes") or {}
        uncertain = data.get("uncertain") or {}
        if not isinstance(attributes, Mapping) or not isinstance(uncertain, Mapping):
            raise SceneError(f"object {data.get('id')!r}: attributes and uncertain must be JSON objects")
        return cls(
            id=data["id"],
            category=data["category"],
            x=data["x"],
            y=data["y"],
            scale=data.get("scale", 1.0) if data.get("scale") is not None else 1.0,
            color=data.get("color"),
            flip=bool(data.get("flip") or False) if data.get("flip") in (None, True, False) else data["flip"],
            pose=data.get("pose"),
            expression=data.get("expression"),
            attributes=_freeze(attributes),
            uncertain=_freeze({k: list(v) for k, v in uncertain.items()}),
        )


@dataclass(frozen=True)
class Scene:
    """World name, background and objects (in insertion order). Immutable: every edit makes a new Scene."""

    world: str
    background: str
    objects: tuple[SceneObject, ...] = ()
    next_number: int = field(default=0, compare=False)

    def __post_init__(self) -> None:
        ids = [o.id for o in self.objects]
        if len(set(ids)) != len(ids):
            raise SceneError("object ids must be unique")
        top = max((o.number for o in self.objects), default=0)
        if self.next_number <= top:
            object.__setattr__(self, "next_number", top + 1)

    # -- queries ------------------------------------------------------------------------------------------
    def get(self, object_id: str) -> SceneObject:
        for obj in self.objects:
            if obj.id == object_id:
                return obj
        raise KeyError(object_id)

    def find(self, category: str | None = None, color: str | None = None) -> list[SceneObject]:
        return [
            o for o in self.objects
            if (category is None or o.category == category) and (color is None or o.color == color)
        ]

    def __len__(self) -> int:
        return len(self.objects)

    def new_id(self, offset: int = 0) -> str:
        """The id the next added object gets (ids are never reused within a scene's lineage)."""
        return f"o{self.next_number + offset}"

    # -- JSON ---------------------------------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        return {
            "world": self.world,
            "background": self.background,
            "objects": [o.to_dict() for o in self.objects],
        }

    def to_json(self, indent: int | None = None) -> str:
        return json.dumps(self.to_dict(), indent=indent)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Scene":
        if not isinstance(data, Mapping):
            raise SceneError(f"a scene must be a JSON object, got {type(data).__name__}")
        for key in ("world", "background", "objects"):
            if key not in data:
                raise SceneError(f"scene is missing '{key}'")
        if not isinstance(data["world"], str) or not isinstance(data["background"], str):
            raise SceneError("scene 'world' and 'background' must be strings")
        if not isinstance(data["objects"], list):
            raise SceneError("scene 'objects' must be a list")
        return cls(world=data["world"], background=data["background"],
                   objects=tuple(SceneObject.from_dict(o) for o in data["objects"]))

    @classmethod
    def from_json(cls, text: str) -> "Scene":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as e:
            raise SceneError(f"not valid JSON: {e.msg} at line {e.lineno} column {e.colno}") from None
        return cls.from_dict(data)

    def replace_objects(self, objects: Iterable[SceneObject], next_number: int | None = None) -> "Scene":
        return Scene(self.world, self.background, tuple(objects),
                     self.next_number if next_number is None else next_number)


def object_field_names() -> tuple[str, ...]:
    return tuple(f.name for f in fields(SceneObject))
