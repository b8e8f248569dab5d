"""The seal of a session file: a SHA-256 over its ordered event log, so that a changed byte is noticed.

What is hashed (version 1), with canonical JSON = `json.dumps(x, sort_keys=True, separators=(",", ":"),
ensure_ascii=False)` encoded as UTF-8:

    sha256 = SHA-256(canonical({"seal": 1, "world": WORLD, "start": START, "log": [EVENT, …]}))
    events[i] = SHA-256(canonical(EVENT_i))          one per event, to say which event changed

`START` is `history.start` as scene JSON; each `EVENT` is a log entry as the file stores it (`kind`, `text`,
`reply`, `turn`, `edits`, `time`), in order. The record (`build_record`) is rebuilt from exactly these, so the
seal covers every statement, reply, time and edit the report shows. The entries, branches and cursor stored
beside the log are derived from it: `check` replays the log and compares them.

    seal = seal_of(world, history_dict)     # {"seal": 1, "sha256": …, "events": […]}
    problems = check(session_dict)          # [] when the file is what was sealed; None when it has no seal
"""

from __future__ import annotations

import hashlib
import json
from typing import Any, Iterable

VERSION = 1


def canonical(value: Any) -> bytes:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def digest_of(world: str, start: Any, log: Iterable[Any]) -> str:
    """The seal's SHA-256, from the parts as plain JSON values."""
    return digest_of_pieces(world, canonical(start), [canonical(e) for e in log])


def digest_of_pieces(world: str, start: bytes, events: Iterable[bytes]) -> str:
    """The same SHA-256 from canonical pieces (a caller may keep each event's bytes): the bytes hashed are
    exactly `canonical({"seal": 1, "world": world, "start": …, "log": […]})`, its keys in sorted order."""
    h = hashlib.sha256(b'{"log":[')
    for i, piece in enumerate(events):
        if i:
            h.update(b",")
        h.update(piece)
    h.update(b'],"seal":%d,"start":' % VERSION)
    h.update(start)
    h.update(b',"world":' + canonical(world) + b"}")
    return h.hexdigest()


def seal_of(world: str, history: dict[str, Any]) -> dict[str, Any]:
    """The seal of a history as `History.to_dict()` gives it."""
    log = history.get("log", [])
    return {"seal": VERSION, "sha256": digest_of(world, history["start"], log),
            "events": [sha256(canonical(e)) for e in log]}


def seal_of_session(session: Any) -> str:
    """The SHA-256 a saved file of `session` carries (what the reports print)."""
    return seal_of(session.world.name, session.history.to_dict())["sha256"]


def _describe(event: Any) -> str:
    if isinstance(event, dict):
        return f"{event.get('kind', '?')} {str(event.get('text', ''))[:60]!r}"
    return "an event that is not an object"


def check(data: Any) -> list[str] | None:
    """What is wrong with a session file's seal: [] if it verifies, None if the file carries no seal.
    Assumes `data` is a session file (a dict with "history"); says which events changed when it can."""
    seal = data.get("seal")
    if seal is None:
        return None
    if not isinstance(seal, dict) or not isinstance(seal.get("sha256"), str):
        return ["the seal is damaged (no sha256 in it)"]
    if seal.get("seal") != VERSION:
        return [f"the seal is of version {seal.get('seal')!r}; this scenewright checks version {VERSION}"]
    history = data.get("history")
    if not isinstance(history, dict) or "start" not in history:
        return ["the file has no history to check"]
    log = history.get("log", [])
    if not isinstance(log, list):
        return ["the event log is not a list"]
    problems: list[str] = []
    stored = seal.get("events")
    if isinstance(stored, list):
        now = [sha256(canonical(e)) for e in log]
        for i, (a, b) in enumerate(zip(stored, now), 1):
            if a != b:
                problems.append(f"event #{i} changed: {_describe(log[i - 1])}")
        if len(now) > len(stored):
            problems.append(f"{len(now) - len(stored)} event(s) added after #{len(stored)}")
        elif len(now) < len(stored):
            problems.append(f"{len(stored) - len(now)} event(s) removed: the log ends at #{len(now)}, "
                            f"it was sealed with {len(stored)}")
    if digest_of(data.get("world"), history["start"], log) != seal["sha256"]:
        if not problems:
            problems.append("the log, start scene or world differ from what was sealed"
                            + ("" if isinstance(stored, list) else " (the seal keeps no per-event hashes)"))
    elif problems:
        problems = ["the per-event hashes were changed: " + "; ".join(problems)]
    return problems


def replay_problems(history: Any) -> list[str]:
    """Do the entries, branches and cursor stored in a history follow from its log? (A `History`.)"""
    from ..errors import ScenewrightError
    from .history import History

    again = History(history.start)
    try:
        for ev in history.log:
            if ev.kind == "turn":
                again.push(ev.text, ev.edits)
            elif ev.kind == "revise":
                again.revise(ev.text, ev.edits)
            elif ev.kind == "undo":
                again.undo()
            elif ev.kind == "redo":
                again.redo()
            elif ev.kind == "goto":
                again.goto(ev.turn)
    except ScenewrightError as e:
        return [f"the log does not replay: {e}"]
    out = []
    if [e.to_dict() for e in again.entries] != [e.to_dict() for e in history.entries]:
        k = next((i for i, (a, b) in enumerate(zip(again.entries, history.entries), 1)
                  if a.to_dict() != b.to_dict()), min(len(again.entries), len(history.entries)) + 1)
        out.append(f"the stored turns do not follow from the log (turn {k} differs)")
    if again.cursor != history.cursor:
        out.append(f"the stored cursor is {history.cursor}, the log gives {again.cursor}")
    if [[e.to_dict() for e in b] for b in again.branches] != [[e.to_dict() for e in b] for b in history.branches]:
        out.append("the stored branches do not follow from the log")
    return out
