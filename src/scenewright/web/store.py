"""SQLite persistence for web sessions: one row per session holding `Session.to_dict()`.

Every change is committed (WAL, synchronous=FULL by default) before the web app answers, so a crash
(`kill -9`, power loss with FULL) loses no turn the user saw. Each row carries a `version`; a write names
the version it read (`save(id, expected, …)`) and fails with `Conflict` if another process wrote in
between — so several server processes can share one database file safely.

Commits are grouped: concurrent `save` calls wait on one writer thread that puts everything pending into one
transaction — one fsync for many turns — and each caller returns only after that transaction is durable.

The schema is deliberately small and readable with the `sqlite3` shell:

    sessions(id, world, mode, client, created, updated, version, turns, state)
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SCHEMA_VERSION = 1

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sessions (
    id       TEXT PRIMARY KEY,
    world    TEXT NOT NULL,
    mode     TEXT NOT NULL,     -- "grammar" or "codraw" (the learned drawer); never a file path
    client   TEXT NOT NULL,     -- a hash of the creating client's address, for the per-client limit
    created  REAL NOT NULL,
    updated  REAL NOT NULL,
    version  INTEGER NOT NULL,  -- +1 on every committed change
    turns    INTEGER NOT NULL,  -- entries on the current line (for listings)
    state    TEXT NOT NULL      -- Session.to_dict() as JSON
);
CREATE INDEX IF NOT EXISTS sessions_client ON sessions(client);
"""


class Conflict(Exception):
    """Another writer changed the session since it was read."""


@dataclass
class _Pending:
    session_id: str
    expected: int
    payload: str
    turns: int
    done: threading.Event = field(default_factory=threading.Event)
    error: BaseException | None = None


@dataclass(frozen=True)
class Row:
    id: str
    world: str
    mode: str
    created: float
    updated: float
    version: int
    state: dict[str, Any]


class Store:
    """A thread-safe handle on the database. One connection, serialised by a lock (SQLite writes are
    serialised anyway); WAL lets other processes read while we write."""

    def __init__(self, path: str | Path, synchronous: str = "FULL"):
        if synchronous.upper() not in ("FULL", "NORMAL", "EXTRA"):
            raise ValueError("synchronous must be FULL, NORMAL or EXTRA")
        self.path = Path(path)
        if str(path) != ":memory:":
            self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._db = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None, timeout=30.0)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute(f"PRAGMA synchronous={synchronous.upper()}")
        self._db.execute("PRAGMA busy_timeout=30000")
        with self._lock:
            self._db.executescript(_SCHEMA)
            self._db.execute("INSERT OR IGNORE INTO meta(key, value) VALUES ('schema', ?)", (str(SCHEMA_VERSION),))
            found = self._db.execute("SELECT value FROM meta WHERE key='schema'").fetchone()[0]
        if int(found) > SCHEMA_VERSION:
            raise RuntimeError(f"{path} was written by a newer scenewright (schema {found}); upgrade to use it")
        self._queue: list[_Pending] = []
        self._wake = threading.Condition()
        self._closed = False
        self._writer = threading.Thread(target=self._write_loop, name="scenewright-store-writer", daemon=True)
        self._writer.start()

    def close(self) -> None:
        with self._wake:
            self._closed = True
            self._wake.notify()
        self._writer.join(timeout=10)
        with self._lock:
            self._db.close()

    # -- reads ----------------------------------------------------------------------------------------------
    def load(self, session_id: str) -> Row | None:
        with self._lock:
            r = self._db.execute("SELECT id, world, mode, created, updated, version, state FROM sessions "
                                 "WHERE id = ?", (session_id,)).fetchone()
        if r is None:
            return None
        return Row(r[0], r[1], r[2], r[3], r[4], r[5], json.loads(r[6]))

    def version(self, session_id: str) -> int | None:
        with self._lock:
            r = self._db.execute("SELECT version FROM sessions WHERE id = ?", (session_id,)).fetchone()
        return None if r is None else int(r[0])

    def count(self, client: str | None = None) -> int:
        with self._lock:
            if client is None:
                return self._db.execute("SELECT COUNT(*) FROM sessions").fetchone()[0]
            return self._db.execute("SELECT COUNT(*) FROM sessions WHERE client = ?", (client,)).fetchone()[0]

    # -- writes ---------------------------------------------------------------------------------------------
    def create(self, session_id: str, world: str, mode: str, client: str, state: dict[str, Any],
               limit: int | None = None) -> bool:
        """Insert a new session (version 1). With `limit`, refuse (return False) when `client` already has
        that many — checked and inserted in one transaction."""
        now = time.time()
        payload = json.dumps(state, separators=(",", ":"))
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                if limit is not None:
                    n = self._db.execute("SELECT COUNT(*) FROM sessions WHERE client = ?", (client,)).fetchone()[0]
                    if n >= limit:
                        self._db.execute("ROLLBACK")
                        return False
                self._db.execute("INSERT INTO sessions(id, world, mode, client, created, updated, version, turns, "
                                 "state) VALUES (?, ?, ?, ?, ?, ?, 1, 0, ?)",
                                 (session_id, world, mode, client, now, now, payload))
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
        return True

    def save(self, session_id: str, expected_version: int, state: dict[str, Any] | str, turns: int) -> int:
        """Commit `state` (a dict, or its JSON text) if the row is still at `expected_version`; return the new
        version once it is on disk. Raises `Conflict` if another writer got there first."""
        payload = state if isinstance(state, str) else json.dumps(state, separators=(",", ":"))
        item = _Pending(session_id, expected_version, payload, turns)
        with self._wake:
            if self._closed:
                raise RuntimeError("the store is closed")
            self._queue.append(item)
            self._wake.notify()
        item.done.wait()
        if item.error is not None:
            raise item.error
        return expected_version + 1

    def _write_loop(self) -> None:
        while True:
            with self._wake:
                while not self._queue and not self._closed:
                    self._wake.wait()
                if not self._queue and self._closed:
                    return
                batch, self._queue = self._queue, []
            self._commit(batch)

    def _commit(self, batch: list[_Pending]) -> None:
        now = time.time()
        try:
            with self._lock:
                self._db.execute("BEGIN IMMEDIATE")
                try:
                    for item in batch:
                        cur = self._db.execute(
                            "UPDATE sessions SET state = ?, turns = ?, updated = ?, version = version + 1 "
                            "WHERE id = ? AND version = ?",
                            (item.payload, item.turns, now, item.session_id, item.expected))
                        if cur.rowcount != 1:
                            item.error = Conflict(item.session_id)
                    self._db.execute("COMMIT")
                except BaseException:
                    self._db.execute("ROLLBACK")
                    raise
        except BaseException as e:  # nothing in the batch was committed
            for item in batch:
                item.error = e
        for item in batch:
            item.done.set()

    def delete(self, session_id: str) -> bool:
        with self._lock:
            cur = self._db.execute("DELETE FROM sessions WHERE id = ?", (session_id,))
        return cur.rowcount == 1
