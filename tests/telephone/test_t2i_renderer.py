"""Session(renderer="t2i:…"): the scene retold as a caption and drawn by a text-to-image method."""

import pytest

torch = pytest.importorskip("torch")

from scenewright.errors import MissingFile, ScenewrightError  # noqa: E402


def test_without_weights_the_error_names_the_train_command():
    from scenewright import Session

    with pytest.raises(MissingFile, match="scenewright train t2i --method stackgan"):
        Session(world="street", renderer="t2i:stackgan")
    with pytest.raises(ScenewrightError, match="neither a text-to-image method"):
        Session(world="shapes", renderer="t2i:nosuchthing")


def test_renders_a_session_with_a_tiny_trained_run(dfgan_run):
    from scenewright import Session

    s = Session(world="shapes", renderer=f"t2i:{dfgan_run}", size=(128, 128))
    t = s.tell("add a red cube on the left")
    assert t.ok and s.renderer.caption(t.scene).startswith("a red")
    a = t.image
    assert a.size == (128, 128) and a.mode == "RGB"
    assert s.render().tobytes() == a.tobytes()  # same scene, same pixels
    first = s.renderer.caption(t.scene)
    t2 = s.tell("add a blue sphere on the right")
    second = s.renderer.caption(t2.scene)
    assert "blue" in second and "red" in second
    b = s.image
    assert list(s.renderer.cache) == [first, second]  # each caption drawn once, kept

    from scenewright.t2i import imagine

    assert b.tobytes() == imagine(second, "dfgan", dfgan_run, seed=0)[0].resize((128, 128), 3).tobytes()
    s.undo()
    assert s.image.tobytes() == a.tobytes()


def test_draw_cli_with_the_t2i_renderer(tmp_path, dfgan_run):
    from typer.testing import CliRunner

    from scenewright.cli import app

    r = CliRunner().invoke(app, ["draw", "--world", "shapes", "--renderer", f"t2i:{dfgan_run}", "--out",
                                 str(tmp_path), "add a red cube"])
    assert r.exit_code == 0, r.output
    assert (tmp_path / "turn_01.png").is_file()


def test_a_web_turn_is_drawn_by_the_t2i_renderer(monkeypatch, tmp_path, dfgan_run):
    pytest.importorskip("fastapi")
    from io import BytesIO

    from fastapi.testclient import TestClient
    from PIL import Image

    import scenewright.web.app as web
    from scenewright import Session

    class T2ISession(Session):
        def __init__(self, *a, **kw):
            kw["renderer"] = f"t2i:{dfgan_run}"
            super().__init__(*a, **kw)

    monkeypatch.setattr(web, "Session", T2ISession)
    with TestClient(web.create_app(web.WebConfig(db=tmp_path / "w.sqlite3", worlds=("shapes",)))) as client:
        sid = client.post("/api/sessions", json={"world": "shapes"}).json()["id"]
        r = client.post(f"/api/sessions/{sid}/tell", json={"text": "add a red cube on the left"})
        assert r.status_code == 200 and r.json()["turn"]["ok"]
        png = client.get(f"/api/sessions/{sid}/image.png")
        assert png.status_code == 200
    got = Image.open(BytesIO(png.content)).convert("RGB")
    s = Session(world="shapes", renderer=f"t2i:{dfgan_run}")
    s.tell("add a red cube on the left")
    assert got.tobytes() == s.render(size=got.size).tobytes()
