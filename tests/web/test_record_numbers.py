"""The web page numbers statements as the chat and the report do (refused ones counted, marked not done), names
each picture of the timeline by the statement that drew it, and lists objects in words, not field names."""

from __future__ import annotations

import re

from scenewright.session import Session
from scenewright.witness import build_record


def tell(client, sid: str, text: str) -> dict:
    r = client.post(f"/api/sessions/{sid}/tell", json={"text": text})
    assert r.status_code in (200, 201), r.text
    return r.json()


def test_chat_and_timeline_carry_the_record_numbers(client):
    sid = client.post("/api/sessions", json={"world": "street"}).json()["id"]
    for text in ("There's a bank across the street.", "zorble", "A red van was parked in front of the bank.",
                 "its plate started with K7"):
        st = tell(client, sid, text)["state"]
    st = client.post(f"/api/sessions/{sid}/goto", json={"turn": 1}).json()["state"]
    chat = [(c["number"], c["kind"], c.get("to")) for c in st["chat"]]
    assert chat == [(1, "turn", None), (2, "refused", None), (3, "turn", None), (4, "turn", None), (5, "goto", 1)]
    assert [(t["k"], t["number"]) for t in st["turns"]] == [(1, 1), (2, 3), (3, 4)]
    exported = client.get(f"/api/sessions/{sid}/export/session")
    assert exported.status_code == 200
    s = Session.from_dict(exported.json())
    rec = build_record(s.history, s.world)
    assert [(x.index, x.kind) for x in rec.statements] == [(n, k) for n, k, _ in chat]
    assert [p.index for p in rec.pictures][:3] == [t["number"] for t in st["turns"]]


def test_objects_are_listed_in_words(client):
    sid = client.post("/api/sessions", json={"world": "street"}).json()["id"]
    st = tell(client, sid, "A tall man in a black hoodie was carrying a bag.")["state"]
    (man,) = [o for o in st["objects"] if o["category"] == "man"]
    assert "tall" in man["words"] and "black hoodie" in man["words"]
    assert any(w.startswith("carries a bag") for w in man["words"]), man["words"]
    assert not any(re.search(r"_kind|_hedge|\bkind\b", w) for w in man["words"])
