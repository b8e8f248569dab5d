"""Shared by the street world's sprite modules: the neutral greys for what the witness did not say, the
outline and glass colours, `said` (a colour the witness gave, as RGB) and `_time_weather`."""

from __future__ import annotations

from ....worlds import street as geo

UNKNOWN = (208, 208, 208)  # a part whose colour was not said
UNKNOWN_DARK = (176, 176, 176)  # the same, for a second part next to the first (legs under a torso)
UNKNOWN_SKIN = (194, 194, 194)
INK = (62, 64, 70)  # outlines
GLASS = (196, 208, 214)
TYRE = (54, 56, 60)


def said(world, name: str | None):
    """The RGB of a colour the witness said, or None."""
    if isinstance(name, (list, tuple)):  # alternatives: the first is the one said first
        name = name[0] if name else None
    if not name or not isinstance(name, str):
        return None
    name = world.color_synonyms.get(name, name)
    return world.colors.get(name) or geo.HAIR_COLORS.get(name)


def _time_weather(name: str) -> tuple[str, str | None]:
    words = (name or "day").split()
    time = next((w for w in words if w in geo.TIMES), "day")
    weather = next((w for w in words if w in geo.WEATHERS), None)
    return time, weather
