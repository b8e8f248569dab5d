"""The parser interface: text + context → `Parse` (edits, a command, or a reply that says why not).

Every parser — the grammar, the learned CoDraw drawer — implements `parse(text, context) -> Parse`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol, Sequence

from ..scene import Edit, Entry, Scene
from ..worlds import World


@dataclass(frozen=True)
class Context:
    world: World
    scene: Scene
    entries: Sequence[Entry] = ()  # the turns in effect, oldest first (for "it", "no, …", "two turns ago")
    dialog: Sequence[str] = ()  # everything said so far, oldest first (learned drawers read it)
    start: Scene | None = None  # the scene before the first turn

    def scene_before_last(self) -> Scene:
        if len(self.entries) > 1:
            return self.entries[-2].scene
        return self.start if self.start is not None else Scene(self.scene.world, self.scene.background)


@dataclass(frozen=True)
class Parse:
    """What a turn means. `ok` false: nothing changes and `reply` says why (or asks which one)."""

    ok: bool = True
    edits: tuple[Edit, ...] = ()
    reply: str = ""
    command: str | None = None  # None (edits) | "undo" | "redo" | "goto" | "revise" | "noop"
    target: int | None = None  # for "goto": the turn to go back to
    numbered: bool = False  # for "goto": `target` is a statement as the record numbers them ("back to turn 3")
    steps: int = 1  # for "undo" / "redo": how many
    notes: tuple[str, ...] = ()  # what was said and kept on an object without being drawn ("the man: beard")
    skipped: tuple[str, ...] = ()  # the words of the turn that were not understood, and so not done

    @classmethod
    def refuse(cls, reply: str) -> "Parse":
        return cls(ok=False, reply=reply)


class Parser(Protocol):
    name: str

    def parse(self, text: str, context: Context) -> Parse: ...
