"""History: every turn's text, edits and resulting scene, with undo / redo / goto / revise.

The current line is `entries[:cursor]`. Undo and goto move the cursor; redo moves it forward again. A new
turn told after going back keeps the abandoned future as a branch, so nothing the user did is lost. `log`
is an append-only record of every event (turns, refusals, undo, corrections) with wall-clock times — undo
moves the picture, never the record.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any, Sequence

from ..errors import SessionFileError, ScenewrightError
from .edits import Edit, apply_all, edit_from_dict, edit_to_dict
from .model import Scene


UNFIX = "Undone: back to how it was before the correction."  # the reply of an "undo" that takes back a fix
REFIX = "Redone: the correction is back."


@dataclass(frozen=True)
class Entry:
    text: str
    edits: tuple[Edit, ...]
    scene: Scene
    revised_from: tuple[str, ...] = ()  # texts of the turns this one replaced ("no, a hamburger")

    def to_dict(self) -> dict[str, Any]:
        # next_number is not part of the scene JSON contract, but a session file keeps it so that ids of
        # removed objects are not handed out again after a reload
        return {"text": self.text, "edits": [edit_to_dict(e) for e in self.edits],
                "scene": self.scene.to_dict(), "next_number": self.scene.next_number,
                "revised_from": list(self.revised_from)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Entry":
        scene = Scene.from_dict(data["scene"])
        scene = scene.replace_objects(scene.objects, max(scene.next_number, int(data.get("next_number", 0))))
        return cls(text=str(data["text"]), edits=tuple(edit_from_dict(e) for e in data["edits"]),
                   scene=scene, revised_from=tuple(data.get("revised_from", ())))


@dataclass(frozen=True)
class Event:
    """One line of the record: what was said or done, whether it took effect, and when."""

    kind: str  # "turn" | "refused" | "revise" | "undo" | "redo" | "goto" | "load"
    text: str
    reply: str
    edits: tuple[Edit, ...] = ()
    time: float = 0.0
    turn: int = 0  # the cursor after the event
    skipped: tuple[str, ...] = ()  # words of a turn done in part that were not understood, so not done

    def to_dict(self) -> dict[str, Any]:
        out = {"kind": self.kind, "text": self.text, "reply": self.reply, "turn": self.turn,
               "edits": [edit_to_dict(e) for e in self.edits], "time": self.time}
        if self.skipped:  # only when there are: records written before it existed keep their seal
            out["skipped"] = list(self.skipped)
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Event":
        return cls(kind=data["kind"], text=data["text"], reply=data.get("reply", ""),
                   edits=tuple(edit_from_dict(e) for e in data.get("edits", ())),
                   time=float(data.get("time", 0.0)), turn=int(data.get("turn", 0)),
                   skipped=tuple(str(w) for w in data.get("skipped", ())))


@dataclass
class History:
    start: Scene
    entries: list[Entry] = field(default_factory=list)
    cursor: int = 0
    branches: list[list[Entry]] = field(default_factory=list)
    log: list[Event] = field(default_factory=list)
    clock: Any = time.time

    # -- state --------------------------------------------------------------------------------------------
    @property
    def scene(self) -> Scene:
        return self.entries[self.cursor - 1].scene if self.cursor else self.start

    def scene_at(self, k: int) -> Scene:
        """The scene after the first k turns of the current line (0 = the empty start)."""
        if not 0 <= k <= len(self.entries):
            raise IndexError(k)
        return self.entries[k - 1].scene if k else self.start

    @property
    def last(self) -> Entry | None:
        return self.entries[self.cursor - 1] if self.cursor else None

    def statement_numbers(self, events: int | None = None) -> list[int]:
        """The record number (1-based place in `log`, as the report and the chat number statements) of the
        statement behind each entry of the current line: `entries[k - 1]` is the picture after statement
        `statement_numbers()[k - 1]`. Empty when the log does not tell (a file saved without it). With
        `events`, the line as it stood after the first `events` events of the log."""
        rows: list[int] = []
        cursor = 0
        for i, ev in enumerate(self.log[:events], 1):
            if ev.kind == "turn":
                del rows[cursor:]
                rows.append(i)
                cursor = len(rows)
            elif ev.kind == "revise" and cursor:
                del rows[cursor:]
                rows[cursor - 1] = i
            elif ev.kind in ("undo", "redo", "goto"):
                cursor = max(0, min(ev.turn, len(rows)))
        if events is not None:
            return rows[:cursor]
        return rows if len(rows) == len(self.entries) else []

    def can_undo(self) -> bool:
        return self.cursor > 0

    def can_redo(self) -> bool:
        return self.cursor < len(self.entries)

    # -- changes ------------------------------------------------------------------------------------------
    def record(self, kind: str, text: str, reply: str, edits: Sequence[Edit] = (), skipped: Sequence[str] = ()) -> None:
        self.log.append(Event(kind, text, reply, tuple(edits), float(self.clock()), self.cursor, tuple(skipped)))

    def push(self, text: str, edits: Sequence[Edit], reply: str = "", skipped: Sequence[str] = ()) -> Scene:
        """Apply a new turn on top of the current scene. Raises (and changes nothing) if an edit fails."""
        scene = apply_all(self.scene, edits)
        if self.cursor < len(self.entries):
            self.branches.append(self.entries[self.cursor:])
            del self.entries[self.cursor:]
        self.entries.append(Entry(text, tuple(edits), scene))
        self.cursor += 1
        self.record("turn", text, reply, edits, skipped)
        return scene

    def revise(self, text: str, edits: Sequence[Edit], reply: str = "", skipped: Sequence[str] = ()) -> Scene:
        """Replace what the last turn did with `edits` (applied to the scene before it)."""
        if not self.cursor:
            raise ScenewrightError("there is no earlier turn to correct")
        old = self.entries[self.cursor - 1]
        scene = apply_all(self.scene_at(self.cursor - 1), edits)
        if self.cursor < len(self.entries):
            self.branches.append(self.entries[self.cursor:])
            del self.entries[self.cursor:]
        self.entries[self.cursor - 1] = Entry(f"{old.text} / {text}", tuple(edits), scene,
                                              old.revised_from + (old.text,))
        self.record("revise", text, reply, edits, skipped)
        return scene

    def _versions(self) -> tuple[list[tuple[Edit, ...]], list[tuple[Edit, ...]]]:
        """The versions of the last turn still in effect, oldest first (as told, then each correction), and
        the corrections "undo" took back (for "redo"), read from the record."""
        k = self.cursor
        events: list[Event] = []
        for ev in reversed(self.log):
            if ev.kind == "load":
                return [], []
            if ev.kind in ("turn", "revise") and ev.turn == k:
                events.append(ev)
                if ev.kind == "turn":
                    break
        stack: list[tuple[Edit, ...]] = []
        taken: list[tuple[Edit, ...]] = []
        for ev in reversed(events):
            if ev.kind == "turn":
                stack, taken = [ev.edits], []
            elif ev.reply == UNFIX and len(stack) > 1:
                taken.append(stack.pop())
            elif ev.reply == REFIX and taken:
                stack.append(taken.pop())
            else:
                stack.append(ev.edits)
                taken = []
        if not stack or stack[-1] != self.entries[k - 1].edits:
            return [], []  # the record does not tell (a file saved without it)
        return stack, taken

    def fix_taken_back(self) -> tuple[Edit, ...] | None:
        """After "undo" took back a correction (and nothing since): the corrected edits, for "redo"."""
        if not self.cursor or self.cursor != len(self.entries):
            return None
        _, taken = self._versions()
        return taken[-1] if taken else None

    def before_fix(self) -> tuple[Edit, ...] | None:
        """The edits the last turn had before its latest correction ("a blue cylinder" — "no, a sphere":
        the cylinder's), so that "undo" takes back the correction and not the whole turn; None when the last
        turn has no correction in effect."""
        if not self.cursor or not self.entries[self.cursor - 1].revised_from:
            return None
        stack, _ = self._versions()
        return stack[-2] if len(stack) >= 2 else None

    def undo(self, text: str = "undo") -> bool:
        if not self.cursor:
            return False
        self.cursor -= 1
        self.record("undo", text, "")
        return True

    def redo(self, text: str = "redo") -> bool:
        if self.cursor >= len(self.entries):
            return False
        self.cursor += 1
        self.record("redo", text, "")
        return True

    def goto(self, k: int, text: str = "") -> None:
        if not 0 <= k <= len(self.entries):
            raise ScenewrightError(f"there is no turn {k}; turns go from 0 to {len(self.entries)}")
        self.cursor = k
        self.record("goto", text or f"goto {k}", "")

    # -- files --------------------------------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start.to_dict(),
            "entries": [e.to_dict() for e in self.entries],
            "cursor": self.cursor,
            "branches": [[e.to_dict() for e in b] for b in self.branches],
            "log": [e.to_dict() for e in self.log],
        }

    @classmethod
    def from_dict(cls, data: Any) -> "History":
        if not isinstance(data, dict):
            raise SessionFileError("a session file must hold a JSON object")
        try:
            start = Scene.from_dict(data["start"])
            entries = [Entry.from_dict(e) for e in data["entries"]]
            cursor = int(data["cursor"])
            branches = [[Entry.from_dict(e) for e in b] for b in data.get("branches", [])]
            log = [Event.from_dict(e) for e in data.get("log", [])]
        except ScenewrightError as e:
            raise SessionFileError(f"the session file has a bad scene or edit: {e}") from None
        except (KeyError, TypeError, ValueError) as e:
            raise SessionFileError(f"the session file is missing or has a bad field: {e}") from None
        if not 0 <= cursor <= len(entries):
            raise SessionFileError(f"the session file's cursor {cursor} is outside 0..{len(entries)}")
        for e in entries:
            if e.scene.world != start.world:
                raise SessionFileError("the session file mixes worlds")
        return cls(start, entries, cursor, branches, log)
