"""`Session`: the one Python API. The CLI and the web app are thin over it.

    s = Session(world="park")
    turn = s.tell("a girl is standing on the right")
    turn.ok, turn.reply, turn.edits, turn.scene, turn.image
    s.undo(); s.redo(); s.goto(0)
"""

from __future__ import annotations

import json
import os
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Sequence

from PIL import Image

from .errors import ScenewrightError, SessionFileError
from .language import get_parser
from .language.base import Context, Parse
from .render import get_renderer
from .scene import Edit, History, Scene
from .scene.seal import seal_of
from .scene.history import REFIX, UNFIX
from .worlds import World, get_world

MAX_TURN_CHARS = 2000


@dataclass
class Turn:
    """The outcome of one thing the user said. `image` is drawn on first use."""

    text: str
    ok: bool
    reply: str
    edits: tuple[Edit, ...]
    scene: Scene
    index: int  # how many turns are in effect after it
    command: str | None = None
    notes: tuple[str, ...] = ()  # said and kept on an object without being drawn
    skipped: tuple[str, ...] = ()  # not understood, so not done; `ok` is false when there are any
    _session: "Session | None" = field(default=None, repr=False, compare=False)
    _image: Image.Image | None = field(default=None, repr=False, compare=False)

    @property
    def image(self) -> Image.Image:
        if self._image is None:
            assert self._session is not None
            self._image = self._session.render(self.scene)
        return self._image

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "ok": self.ok, "reply": self.reply, "notes": list(self.notes),
                "skipped": list(self.skipped), "scene": self.scene.to_dict()}


def clean_text(text: str) -> str:
    """Drop control characters and emoji-like symbols, fold whitespace. Letters of any script stay."""
    out = []
    for ch in unicodedata.normalize("NFKC", text):
        cat = unicodedata.category(ch)
        if cat.startswith("C") or cat == "So" or cat == "Sk":
            out.append(" ")
        else:
            out.append(ch)
    return " ".join("".join(out).split())


class Session:
    """A dialog with one scene: tell it things, undo, redo, go back; every turn is kept."""

    def __init__(self, world: str | World = "shapes", parser: str = "grammar", renderer: str = "procedural",
                 size: tuple[int, int] | None = None, clipart: str | os.PathLike | None = None,
                 background: str | None = None, semantic: bool | None = None):
        self.world = get_world(world)
        self.parser_name = parser
        self.parser = get_parser(parser, self.world, semantic=semantic)
        options: dict[str, Any] = {}
        if clipart is not None or renderer == "clipart":
            renderer = "clipart"
            options["clipart"] = clipart
        self.renderer = get_renderer(self.world.name, renderer, **options)
        self.renderer_name = renderer  # as asked for ("layered", "geneva:RUN"); kept in the session file
        self.size = tuple(size) if size else tuple(self.world.canvas)
        start = Scene(self.world.name, background or self.world.default_background)
        self.history = History(start)
        self.dialog: list[str] = []

    # -- state --------------------------------------------------------------------------------------------
    @property
    def scene(self) -> Scene:
        return self.history.scene

    @property
    def image(self) -> Image.Image:
        return self.render(self.scene)

    def render(self, scene: Scene | None = None, size: tuple[int, int] | None = None) -> Image.Image:
        return self.renderer.render(scene if scene is not None else self.scene, size or self.size)

    def svg(self, scene: Scene | None = None, size: tuple[int, int] | None = None) -> str:
        svg = getattr(self.renderer, "svg", None)
        if svg is None:
            raise ScenewrightError(f"the {self.renderer.name} renderer has no SVG output")
        return svg(scene if scene is not None else self.scene, size or self.size)

    def _turn(self, text: str, ok: bool, reply: str, edits=(), command=None, parse: Parse | None = None) -> Turn:
        notes, skipped = (parse.notes, parse.skipped) if parse is not None else ((), ())
        return Turn(text, ok and not skipped, reply, tuple(edits), self.scene, self.history.cursor, command,
                    tuple(notes), tuple(skipped), self)

    # -- talking ------------------------------------------------------------------------------------------
    def tell(self, text: str) -> Turn:
        """Do what `text` says. A turn that cannot be done changes nothing and says why in `reply`."""
        if not isinstance(text, str):
            return self._turn(str(text), False, "Say something in words, e.g. 'add a red cube'.")
        raw = text
        if len(text) > MAX_TURN_CHARS:
            self.history.record("refused", raw[:MAX_TURN_CHARS], "too long")
            return self._turn(raw, False, f"That is {len(text):,} characters; say one thing at a time "
                                          f"(at most {MAX_TURN_CHARS:,} characters a turn).")
        text = clean_text(text)
        if not text:
            return self._turn(raw, False, "I didn't catch anything — tell me what to draw, e.g. "
                                          + self.example())
        context = Context(self.world, self.scene, tuple(self.history.entries[:self.history.cursor]),
                          tuple(self.dialog), self.history.start)
        try:
            parse = self.parser.parse(text, context)
        except ScenewrightError as e:
            parse = Parse.refuse(str(e))
        self.dialog.append(text)
        return self._execute(raw, parse)

    def _execute(self, text: str, parse: Parse) -> Turn:
        h = self.history
        if not parse.ok:
            h.record("refused", text, parse.reply)
            return self._turn(text, False, parse.reply, parse=parse)
        try:
            if parse.command == "undo" and parse.steps == 1 and (was := h.before_fix()) is not None:
                h.revise(text, was, UNFIX)  # "no, a helicopter" — "undo": the airplane again
                return self._turn(text, True, UNFIX, was, command="undo")
            if parse.command == "undo":
                done = sum(h.undo(text) for _ in range(parse.steps))
                if not done:
                    return self._turn(text, False, "There is nothing to undo.", command="undo")
                return self._turn(text, True, parse.reply or "Undone.", command="undo")
            if parse.command == "redo" and parse.steps == 1 and (fix := h.fix_taken_back()) is not None:
                h.revise(text, fix, REFIX)
                return self._turn(text, True, REFIX, fix, command="redo")
            if parse.command == "redo":
                done = sum(h.redo(text) for _ in range(parse.steps))
                if not done:
                    return self._turn(text, False, "There is nothing to redo.", command="redo")
                return self._turn(text, True, parse.reply or "Redone.", command="redo")
            if parse.command == "goto":
                k, reply = int(parse.target or 0), parse.reply
                if parse.numbered and k and h.log:
                    k, reply = self._after_statement(k)
                    if k is None:
                        return self._turn(text, False, reply, command="goto")
                h.goto(k, text)
                return self._turn(text, True, reply or f"Back to turn {h.cursor}.", command="goto")
            if parse.command == "noop":
                h.record("refused", text, parse.reply)
                return self._turn(text, True, parse.reply, command="noop", parse=parse)
            if parse.command == "revise":
                h.revise(text, parse.edits, parse.reply, parse.skipped)
                return self._turn(text, True, parse.reply, parse.edits, command="revise", parse=parse)
            h.push(text, parse.edits, parse.reply, parse.skipped)
            return self._turn(text, True, parse.reply, parse.edits, parse=parse)
        except ScenewrightError as e:  # an edit that does not fit: nothing changed
            h.record("refused", text, str(e))
            return self._turn(text, False, f"I couldn't do that: {e}")

    def apply(self, text: str, edits: Sequence[Edit], reply: str = "") -> Turn:
        """Do explicit edits as a turn of their own (a delete button, a drag in a UI): recorded with `text`,
        undoable like any turn; edits that do not fit change nothing and say why."""
        return self._execute(text, Parse(edits=tuple(edits), reply=reply))

    def undo(self) -> Turn:
        return self._execute("undo", Parse(command="undo"))

    def redo(self) -> Turn:
        return self._execute("redo", Parse(command="redo"))

    def _after_statement(self, n: int) -> tuple[int | None, str]:
        """Where "go back to turn n" goes: the picture as it stood after statement #n of the record (refused
        statements are numbered too; one that was not done leaves the picture of the one before it)."""
        h = self.history
        said = len(h.log)
        if n > said:
            return None, f"There have only been {said} statements so far."
        numbers = h.statement_numbers()
        if not numbers:  # a line the log does not tell (a file saved without it): turns as they stand
            return min(n, len(h.entries)), f"Back to how it was after turn {n}."
        k = sum(1 for x in numbers if x <= n)
        ev = h.log[n - 1]
        why = " (it was not done, so the picture is the one before it)" if ev.kind == "refused" else ""
        return k, f"Back to how it was after #{n}{why}."

    def goto(self, k: int) -> Turn:
        if not 0 <= k <= len(self.history.entries):
            return self._turn(f"goto {k}", False,
                              f"There is no turn {k}; turns go from 0 to {len(self.history.entries)}.")
        return self._execute(f"goto {k}", Parse(command="goto", target=k))

    def example(self) -> str:
        return {"shapes": "'add a red cube on the left'", "park": "'a boy is standing on the left'"}.get(
            self.world.name, f"'add a {self.world.categories[0].name}'")

    # -- files --------------------------------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        """The session file: world, parser, dialog, history and the `seal` — a SHA-256 over the start scene
        and the ordered event log (see `scene.seal`; `scenewright verify` checks it)."""
        history = self.history.to_dict()
        return {"scenewright": 1, "world": self.world.name, "parser": self.parser_name,
                **({"renderer": self.renderer_name} if self.renderer_name not in ("procedural", "clipart") else {}),
                "dialog": list(self.dialog), "history": history, "seal": seal_of(self.world.name, history)}

    def save(self, path: str | os.PathLike) -> Path:
        """Write the session file; written to a temporary file first and renamed, so a crash mid-write leaves
        the previous file whole."""
        path = Path(path)
        tmp = path.with_name(f".{path.name}.tmp")
        tmp.write_text(json.dumps(self.to_dict(), indent=1))
        os.replace(tmp, path)
        return path

    @classmethod
    def from_dict(cls, data: Any, **options: Any) -> "Session":
        """A session from its file. The seal is not checked here (`scene.seal.check`, `scenewright verify`);
        files without one (older ones) load the same."""
        if not isinstance(data, dict) or data.get("scenewright") != 1 or "history" not in data:
            raise SessionFileError("not a scenewright session file (expected {\"scenewright\": 1, …})")
        history = History.from_dict(data["history"])
        world = data.get("world", history.start.world)
        saved = data.get("renderer")
        session = None
        if isinstance(saved, str) and "renderer" not in options and "clipart" not in options:
            try:  # drawn again by the renderer it was told with; by our sprites when that one is not here
                session = cls(world=world, renderer=saved, **options)
            except ScenewrightError:
                session = None
        try:
            session = session or cls(world=world, **options)
        except ScenewrightError as e:
            raise SessionFileError(f"the session file names {e}") from None
        if history.start.world != session.world.name:
            raise SessionFileError("the session file's scenes are not of its world")
        session.history = history
        session.dialog = [str(t) for t in data.get("dialog", [])]
        return session

    @classmethod
    def load(cls, path: str | os.PathLike, **options: Any) -> "Session":
        try:
            text = Path(path).read_text()
        except OSError as e:
            raise SessionFileError(f"cannot read {path}: {e.strerror}") from None
        try:
            data = json.loads(text)
        except json.JSONDecodeError as e:
            raise SessionFileError(f"{path} is not valid JSON: {e.msg} (line {e.lineno})") from None
        return cls.from_dict(data, **options)
