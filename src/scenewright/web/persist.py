"""`Session.to_dict()` as JSON text, fast: entries and log events are immutable, so each one is encoded once
and the document is joined from the cached pieces. A turn then costs O(new pieces), not O(whole dialog)
(the seal hashes the cached canonical bytes of every event again: a few ms for thousands of events).

The result must equal `json.dumps(session.to_dict())` once parsed; `verified()` checks that on a sample
session when the app starts and the app falls back to the plain path if the format ever drifts.
"""

from __future__ import annotations

import json
from typing import Any

from ..scene.seal import VERSION, canonical, digest_of_pieces, sha256
from ..session import Session

_dumps = json.JSONEncoder(separators=(",", ":")).encode


class Encoder:
    """One per live session: remembers the JSON of every entry and event it has seen."""

    def __init__(self, limit: int = 20_000):
        self._pieces: dict[int, tuple[Any, str]] = {}
        self._seals: dict[int, tuple[Any, tuple[bytes, str]]] = {}
        self.limit = limit

    def _piece(self, item: Any) -> str:
        hit = self._pieces.get(id(item))
        if hit is not None and hit[0] is item:
            return hit[1]
        if len(self._pieces) > self.limit:
            self._pieces.clear()
        text = _dumps(item.to_dict())
        self._pieces[id(item)] = (item, text)
        return text

    def encode(self, session: Session) -> str:
        h = session.history
        entries = ",".join(self._piece(e) for e in h.entries)
        branches = ",".join("[" + ",".join(self._piece(e) for e in b) + "]" for b in h.branches)
        log = ",".join(self._piece(ev) for ev in h.log)
        start = h.start.to_dict()
        sealed = [self._sealed(ev) for ev in h.log]
        seal = {"seal": VERSION, "sha256": digest_of_pieces(session.world.name, canonical(start),
                                                            [c for c, _ in sealed]),
                "events": [d for _, d in sealed]}
        return (f'{{"scenewright":1,"world":{_dumps(session.world.name)},"parser":{_dumps(session.parser_name)},'
                f'"dialog":{_dumps(list(session.dialog))},"history":{{"start":{_dumps(start)},'
                f'"entries":[{entries}],"cursor":{h.cursor},"branches":[{branches}],"log":[{log}]}},'
                f'"seal":{_dumps(seal)}}}')

    def _sealed(self, event: Any) -> tuple[bytes, str]:
        """An event's canonical bytes and their SHA-256 (the seal's pieces), computed once per event."""
        hit = self._seals.get(id(event))
        if hit is not None and hit[0] is event:
            return hit[1]
        if len(self._seals) > self.limit:
            self._seals.clear()
        piece = canonical(event.to_dict())
        pair = (piece, sha256(piece))
        self._seals[id(event)] = (event, pair)
        return pair


def plain(session: Session) -> str:
    return _dumps(session.to_dict())


def verified() -> bool:
    """Does the fast encoder agree with `Session.to_dict()` on a session with turns, undo and a branch?"""
    from ..scene import Add, Remove
    from ..scene.model import SceneObject

    try:
        s = Session(world="shapes")
        s.apply("add", (Add(SceneObject(id="o1", category="cube", x=0.3, y=0.6, color="red")),))
        s.apply("add", (Add(SceneObject(id="o2", category="sphere", x=0.7, y=0.6)),))
        s.undo()
        s.apply("remove", (Remove("o1"),))
        s.tell("")
        enc = Encoder()
        first = enc.encode(s)
        s.undo()
        return (json.loads(first) != json.loads(enc.encode(s))
                and json.loads(enc.encode(s)) == json.loads(plain(s)))
    except Exception:
        return False
