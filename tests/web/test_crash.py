"""Kill the server with SIGKILL in the middle of a session; every turn it answered is there after a restart."""

from __future__ import annotations

import httpx
import pytest

pytestmark = pytest.mark.slow

TURNS = ["add a red cube on the left", "add a blue sphere on the right", "add a green cylinder in the middle",
         "make the cube bigger", "undo", "add a yellow sphere", "zorble the flim"]


def test_kill_9_and_restart_keeps_every_committed_turn(make_server):
    server = make_server("first")
    with httpx.Client(base_url=server.url, timeout=30) as c:
        sids = [c.post("/api/sessions", json={"world": "shapes"}).json()["id"] for _ in range(2)]
        seen = {}
        for text in TURNS:
            for sid in sids:
                r = c.post(f"/api/sessions/{sid}/tell", json={"text": text})
                assert r.status_code == 200, r.text
                seen[sid] = r.json()["state"]
        seen[sids[0]] = c.post(f"/api/sessions/{sids[0]}/goto", json={"turn": 1}).json()["state"]
        image_before = c.get(f"/api/sessions/{sids[1]}/image.png").content
    server.kill9()  # no shutdown, no flush: what is on disk is what survives
    assert server.proc.returncode == -9

    again = make_server("second")  # same database file
    with httpx.Client(base_url=again.url, timeout=30) as c:
        for sid, before in seen.items():
            after = c.get(f"/api/sessions/{sid}").json()
            for key in ("cursor", "turns", "branches", "scene", "objects", "chat", "version"):
                assert after[key] == before[key], key
        assert len(seen[sids[1]]["chat"]) == len(TURNS)
        assert c.get(f"/api/sessions/{sids[1]}/image.png").content == image_before  # same pixels
        r = c.post(f"/api/sessions/{sids[0]}/redo").json()  # and the revived session goes on
        assert r["turn"]["ok"] and r["state"]["cursor"] == 2
