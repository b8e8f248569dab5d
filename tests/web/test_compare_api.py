"""GET /api/compare: two witnesses' sessions on the server compared (the JSON of `scenewright compare --json`)."""

from __future__ import annotations


def street(client, *texts: str) -> str:
    sid = client.post("/api/sessions", json={"world": "street"}).json()["id"]
    for text in texts:
        assert client.post(f"/api/sessions/{sid}/tell", json={"text": text}).json()["turn"]["ok"], text
    return sid


def test_compare_two_sessions(client):
    a = street(client, "A white van was parked across the street.", "A man on this side of the street, on the left.")
    b = street(client, "A man on this side of the street, on the right.", "A gray van was parked across the street.")
    r = client.get("/api/compare", params={"a": a, "b": b})
    assert r.status_code == 200, r.text
    data = r.json()
    assert [p["category"] for p in data["pairs"]] == ["van", "man"]
    conflicts = [f["text"] for f in data["findings"] if f["kind"] == "conflict"]
    assert "the van is white in A, gray in B" in conflicts
    assert any(t.startswith("A puts the man on the near sidewalk, left") for t in conflicts)
    assert data["a"]["verified"] is True and len(data["b"]["sha256"]) == 64


def test_compare_errors(client, session):
    a = street(client, "a red car")
    assert client.get("/api/compare", params={"a": a, "b": session["id"]}).status_code == 400  # shapes vs street
    assert client.get("/api/compare", params={"a": a, "b": "x" * 20}).status_code == 404
    assert client.get("/api/compare", params={"a": a}).status_code == 422


def test_compare_page(client):
    a = street(client, "A white van was parked across the street.")
    b = street(client, "A gray van was parked across the street.")
    r = client.get("/api/compare", params={"a": a, "b": b, "format": "html"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    page = r.text
    assert "<h2>Who is who</h2>" in page and page.count('src="data:image/png') == 2
    assert "the van is white in A, gray in B" in page and "verifies" in page
