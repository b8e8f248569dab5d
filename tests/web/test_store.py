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


def test_fast_encoder_matches_session_to_dict():
    import json

    from scenewright.web.persist import Encoder, verified

    assert verified()
    s, enc = Session(world="shapes"), Encoder()
    for text in ("add a red cube on the left", "add a blue sphere", "undo", "add a green cylinder",
                 "zorble", "make it bigger", "go back to turn 1", "add a yellow cube"):
        s.tell(text)
        assert json.loads(enc.encode(s)) == json.loads(json.dumps(s.to_dict()))
    assert Session.from_dict(json.loads(enc.encode(s))).history.to_dict() == s.history.to_dict()


def test_fast_png_is_lossless_and_readable():
    from io import BytesIO

    import numpy as np
    from PIL import Image

    from scenewright.web.pictures import fast_png

    s = Session(world="shapes")
    s.tell("add a red cube on the left")
    img = s.render()
    back = Image.open(BytesIO(fast_png(img)))
    back.load()
    assert back.mode == "RGB" and back.size == img.size
    assert np.array_equal(np.asarray(back), np.asarray(img))
    rgba = Image.new("RGBA", (7, 3), (10, 20, 30, 255))
    assert np.array_equal(np.asarray(Image.open(BytesIO(fast_png(rgba)))), np.asarray(rgba.convert("RGB")))
