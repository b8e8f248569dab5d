"""Live sessions: a small LRU of `Session` objects over the SQLite store, one lock per session.

`Sessions.read(id)` and `Sessions.change(id, fn)` are the only ways the web app touches a session. A change
runs `fn(session)` under the session's lock, commits `session.to_dict()` and only then returns — a turn the
user sees is a turn on disk. If the commit fails the in-memory copy is dropped (the next request reloads the
committed state), and if another process committed first the change is re-run on a fresh copy.
"""

from __future__ import annotations

import hashlib
import secrets
import threading
from collections import OrderedDict
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Callable, Iterator, TypeVar

from ..errors import ScenewrightError
from ..session import Session
from .persist import Encoder, plain, verified
from .store import Conflict, Store

T = TypeVar("T")


class NotFound(ScenewrightError):
    pass


class TooMany(ScenewrightError):
    pass


@dataclass
class Live:
    id: str
    session: Session
    mode: str
    version: int
    lock: threading.RLock = field(default_factory=threading.RLock)
    keys: dict[int, tuple[Any, str]] = field(default_factory=dict)  # id(scene) -> (scene, picture key)
    encoder: Encoder = field(default_factory=Encoder)


def new_id() -> str:
    """128 bits from the OS's CSPRNG, URL-safe: unguessable and never a path."""
    return secrets.token_urlsafe(16)


def client_key(address: str | None) -> str:
    return hashlib.sha256(f"scenewright-client:{address or '?'}".encode()).hexdigest()[:24]


class Sessions:
    """`factory(world, mode)` makes a new Session; `revive(state, mode)` rebuilds one from its dict."""

    def __init__(self, store: Store, factory: Callable[[str, str], Session],
                 revive: Callable[[dict[str, Any], str], Session], capacity: int = 256,
                 shared: bool = True):
        self.store = store
        self.factory = factory
        self.revive = revive
        self.capacity = capacity
        self.shared = shared  # another process may write the same database: check versions on every use
        self._live: OrderedDict[str, Live] = OrderedDict()
        self._guard = threading.Lock()
        self._loading: dict[str, threading.Lock] = {}
        self.fast = verified()  # encode sessions from cached pieces (checked against Session.to_dict once)

    def encode(self, live: Live) -> str:
        return live.encoder.encode(live.session) if self.fast else plain(live.session)

    # -- the cache ------------------------------------------------------------------------------------------
    def _cached(self, sid: str) -> Live | None:
        with self._guard:
            live = self._live.get(sid)
            if live is not None:
                self._live.move_to_end(sid)
            return live

    def _put(self, live: Live) -> Live:
        with self._guard:
            self._live[live.id] = live
            self._live.move_to_end(live.id)
            while len(self._live) > self.capacity:
                self._live.popitem(last=False)
            return live

    def _drop(self, sid: str) -> None:
        with self._guard:
            self._live.pop(sid, None)

    def _load(self, sid: str) -> Live:
        with self._guard:
            gate = self._loading.setdefault(sid, threading.Lock())
        with gate:  # two requests for a cold session load it once
            live = self._cached(sid)
            if live is not None:
                return live
            row = self.store.load(sid)
            if row is None:
                raise NotFound("There is no such scene (it may have been deleted, or the link is wrong).")
            session = self.revive(row.state, row.mode)
            live = self._put(Live(sid, session, row.mode, row.version))
        with self._guard:
            self._loading.pop(sid, None)
        return live

    @contextmanager
    def _use(self, sid: str) -> Iterator[Live]:
        live = self._cached(sid) or self._load(sid)
        with live.lock:
            if self.shared:
                v = self.store.version(sid)
                if v is None:
                    self._drop(sid)
                    raise NotFound("There is no such scene (it may have been deleted).")
                if v != live.version:
                    self._drop(sid)
                    fresh = self._load(sid)
                    with fresh.lock:
                        yield fresh
                    return
            yield live

    # -- the API --------------------------------------------------------------------------------------------
    def create(self, world: str, mode: str, client: str, limit: int | None) -> Live:
        session = self.factory(world, mode)
        sid = new_id()
        if not self.store.create(sid, session.world.name, mode, client, session.to_dict(), limit):
            raise TooMany(f"This computer already has {limit} scenes on this server; delete some or ask "
                          f"the operator to raise --max-sessions.")
        return self._put(Live(sid, session, mode, 1))

    def read(self, sid: str, fn: Callable[[Live], T]) -> T:
        with self._use(sid) as live:
            return fn(live)

    def change(self, sid: str, fn: Callable[[Live], T], present: Callable[[Live, T], Any] | None = None) -> Any:
        """Run `fn`, commit, then (still under the lock) `present(live, result)` — what the user sees."""
        for _ in range(5):
            with self._use(sid) as live:
                result = fn(live)
                state = self.encode(live)
                try:
                    live.version = self.store.save(sid, live.version, state, live.session.history.cursor)
                except Conflict:
                    self._drop(sid)  # someone else committed first: redo on their state
                    continue
                except BaseException:
                    self._drop(sid)  # not committed: forget the in-memory change
                    raise
                return present(live, result) if present is not None else result
        raise ScenewrightError("This scene is being changed by another window; try again.")

    def delete(self, sid: str) -> bool:
        self._drop(sid)
        return self.store.delete(sid)

    def __len__(self) -> int:
        return len(self._live)
