"""The renderer picker's API: /api/worlds lists each world's renderers with their availability, a session
is created with one of them, keeps it across a restart, and its pictures are that renderer's."""

from __future__ import annotations

from io import BytesIO

import numpy as np
from PIL import Image

from scenewright import Session
from scenewright.render import RENDERERS


def pixels(data: bytes) -> np.ndarray:
    return np.asarray(Image.open(BytesIO(data)).convert("RGB"))


def offers(client) -> dict[str, dict[str, dict]]:
    return {w["id"]: {r["id"]: r for r in w["renderers"]} for w in client.get("/api/worlds").json()["worlds"]}


def test_worlds_list_their_renderers_with_the_reason_when_not_available(client):
    worlds = offers(client)
    shapes = worlds["shapes"]
    assert list(shapes)[0] == "procedural" and shapes["procedural"]["default"] is True
    assert {"geneva", "layered", "sg2im"} <= set(shapes)
    assert all(r["available"] and r["reason"] is None for r in shapes.values())
    assert set(shapes) <= set(RENDERERS) and "t2i" not in shapes and "clipart" not in shapes
    park = worlds["park"]  # the shipped park weights (src/scenewright/weights/render/*_park)
    assert park["layered"]["available"] and park["sg2im"]["available"]
    assert not park["geneva"]["available"] and "shapes" in park["geneva"]["reason"]
    street = worlds["street"]
    assert street["procedural"]["available"] is True
    for name in ("geneva", "layered", "sg2im"):  # no street weights: each says why, not a traceback
        assert street[name]["available"] is False
        assert "street" in street[name]["reason"] and "Traceback" not in street[name]["reason"]
        assert "/work" not in street[name]["reason"] and "site-packages" not in street[name]["reason"]


def test_a_layered_session_draws_with_the_layered_gan_and_keeps_it_after_a_restart(make_client, db):
    client = make_client()
    r = client.post("/api/sessions", json={"world": "shapes", "renderer": "layered"})
    assert r.status_code == 201, r.text
    st = r.json()
    assert st["renderer"] == "layered" and st["mode"] == "grammar" and st["svg"] is False
    sid = st["id"]
    turn = client.post(f"/api/sessions/{sid}/tell", json={"text": "add a red cube in the middle"}).json()
    assert turn["turn"]["ok"] and turn["state"]["renderer"] == "layered"
    png = client.get(f"/api/sessions/{sid}/image.png")
    assert png.status_code == 200 and png.headers["content-type"] == "image/png"

    plain = client.post("/api/sessions", json={"world": "shapes"}).json()
    assert plain["renderer"] == "procedural" and plain["svg"] is True
    client.post(f"/api/sessions/{plain['id']}/tell", json={"text": "add a red cube in the middle"})
    png_plain = client.get(f"/api/sessions/{plain['id']}/image.png").content
    # the same scene, so the same picture key: the picture cache must tell the renderers apart
    assert client.get(f"/api/sessions/{sid}/scene").json()["key"] == \
        client.get(f"/api/sessions/{plain['id']}/scene").json()["key"]
    assert not np.array_equal(pixels(png.content), pixels(png_plain))

    local = Session(world="shapes", renderer="layered")
    local.tell("add a red cube in the middle")
    expected = np.asarray(local.image.convert("RGB"))
    assert np.array_equal(pixels(png.content), expected)

    svg = client.get(f"/api/sessions/{sid}/image.svg")
    assert svg.status_code == 400 and "layered" in svg.json()["error"]["message"]

    again = make_client()  # a restarted server reads the renderer back from the database
    st = again.get(f"/api/sessions/{sid}").json()
    assert st["renderer"] == "layered" and st["mode"] == "grammar"
    assert np.array_equal(pixels(again.get(f"/api/sessions/{sid}/image.png").content), expected)


def test_an_unknown_or_unavailable_renderer_is_refused_with_the_reason(client):
    r = client.post("/api/sessions", json={"world": "shapes", "renderer": "nope"})
    assert r.status_code == 400
    message = r.json()["error"]["message"]
    assert "'nope'" in message and "layered" in message and "sg2im" in message

    r = client.post("/api/sessions", json={"world": "street", "renderer": "geneva"})
    assert r.status_code == 400
    message = r.json()["error"]["message"]
    assert "street" in message and "shapes" in message  # GeNeVA is trained on the shapes world only

    for bad in ("layered:/etc", "t2i:dfgan", "../x"):  # never a path or a run folder
        r = client.post("/api/sessions", json={"world": "shapes", "renderer": bad})
        assert r.status_code == 422 and "renderer" in r.json()["error"]["message"]

    assert client.post("/api/sessions", json={"world": "shapes", "renderer": "procedural"}).status_code == 201
    assert client.app.state.store.count() == 1  # the refused ones made no session
