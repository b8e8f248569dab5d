"""The SQLite store: versions, conflicts, the per-client limit, and WAL mode."""

from __future__ import annotations

import sqlite3

import pytest

from scenewright.session import Session
from scenewright.web.store import Conflict, Store


def test_create_save_load_and_conflict(tmp_path):
    store = Store(tmp_path / "s.db")
    s = Session(world="shapes")
    assert store.create("abc", "shapes", "grammar", "client", s.to_dict())
    s.tell("add a red cube")
    assert store.save("abc", 1, s.to_dict(), 1) == 2
    with pytest.raises(Conflict):
        store.save("abc", 1, s.to_dict(), 1)  # someone read version 1 and wrote after us
    row = Store(tmp_path / "s.db").load("abc")  # a second handle (another process) sees the commit
    assert row.version == 2 and Session.from_dict(row.state).scene == s.scene
    assert store.load("nope") is None and store.version("nope") is None
    assert store.delete("abc") and not store.delete("abc")


def test_per_client_limit_is_atomic(tmp_path):
    store = Store(tmp_path / "s.db")
    state = Session(world="shapes").to_dict()
    assert store.create("a", "shapes", "grammar", "me", state, limit=2)
    assert store.create("b", "shapes", "grammar", "me", state, limit=2)
    assert not store.create("c", "shapes", "grammar", "me", state, limit=2)
    assert store.create("d", "shapes", "grammar", "you", state, limit=2)
    assert store.count("me") == 2 and store.count() == 3


def test_database_is_in_wal_mode(tmp_path):
    Store(tmp_path / "s.db")
    assert sqlite3.connect(tmp_path / "s.db").execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_a_newer_schema_is_refused(tmp_path):
    Store(tmp_path / "s.db")
    con = sqlite3.connect(tmp_path / "s.db")
    con.execute("UPDATE meta SET value='99' WHERE key='schema'")
    con.commit()
    with pytest.raises(RuntimeError, match="newer scenewright"):
        Store(tmp_path / "s.db")
