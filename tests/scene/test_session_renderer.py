"""A session file keeps the renderer it was told with; loading it draws with that one again, or with our
sprites when that renderer cannot be built here (the story is never lost for want of weights)."""

from scenewright import Session


def test_the_session_file_keeps_its_renderer():
    s = Session(world="shapes", renderer="layered")
    s.tell("a red cube on the left")
    data = s.to_dict()
    assert data["renderer"] == "layered"
    again = Session.from_dict(data)
    assert again.renderer.name == s.renderer.name and again.scene == s.scene
    assert "renderer" not in Session(world="shapes").to_dict()  # the default is not written


def test_a_renderer_that_is_not_here_falls_back_to_the_sprites():
    s = Session(world="shapes")
    s.tell("a red cube on the left")
    data = {**s.to_dict(), "renderer": "layered:/nowhere/at/all"}
    loaded = Session.from_dict(data)
    assert loaded.renderer_name == "procedural" and loaded.scene == s.scene
