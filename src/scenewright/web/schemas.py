"""Request and response bodies of the web API (they are also its OpenAPI schema)."""

from __future__ import annotations

from typing import Any, Optional

from pydantic import BaseModel, Field

from ..session import MAX_TURN_CHARS


class NewSession(BaseModel):
    world: str = Field("shapes", pattern=r"^[a-z]{1,20}$", description="shapes, park, street, or codraw")
    renderer: Optional[str] = Field(None, pattern=r"^[a-z0-9_]{1,20}$",
                                    description="one of the world's renderers in /api/worlds (default: the "
                                                "world's own), e.g. layered, sg2im, geneva")


class Tell(BaseModel):
    text: str = Field(..., max_length=MAX_TURN_CHARS, description="One instruction, e.g. 'add a red cube'.")


class Goto(BaseModel):
    turn: int = Field(..., ge=0, le=100_000, description="0 = the empty start, k = after turn k")


class TurnOut(BaseModel):
    text: str
    ok: bool
    reply: str
    command: Optional[str] = None


class StateOut(BaseModel):
    id: str
    world: str
    mode: str
    renderer: str = "procedural"
    svg: bool = True  # the renderer can draw SVG (the neural ones cannot)
    title: str
    version: int
    cursor: int
    can_undo: bool
    can_redo: bool
    start_key: str
    turns: list[dict[str, Any]]
    branches: list[dict[str, Any]]
    scene: dict[str, Any]
    objects: list[dict[str, Any]]
    chat: list[dict[str, Any]]
    example: str
    examples: list[str] = []  # things to say in this world (the help shows them)
    canvas: list[int]


class TurnReply(BaseModel):
    turn: TurnOut
    state: StateOut
