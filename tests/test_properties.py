"""Invariants over random edit sequences (hypothesis)."""

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scenewright.render.procedural import ProceduralRenderer, box_pixels
from scenewright.scene import Add, History, Remove, Scene, SceneObject, SetBackground, Update, apply
from scenewright.worlds import get_world

WORLD = get_world("shapes")
coords = st.floats(0.1, 0.9, allow_nan=False)


@st.composite
def edit_sequences(draw, max_len=8):
    scene = Scene("shapes", "light")
    edits = []
    for _ in range(draw(st.integers(1, max_len))):
        ids = [o.id for o in scene.objects]
        kind = draw(st.sampled_from(["add", "add", "update", "remove", "bg"] if ids else ["add", "bg"]))
        if kind == "add":
            e = Add(SceneObject(scene.new_id(), draw(st.sampled_from(WORLD.category_names)), draw(coords),
                                draw(st.floats(0.4, 0.86)), draw(st.sampled_from([0.5, 1.0, 1.5])),
                                draw(st.sampled_from(list(WORLD.colors) + [None])), draw(st.booleans())))
        elif kind == "update":
            e = Update.of(draw(st.sampled_from(ids)), x=draw(coords),
                          color=draw(st.sampled_from(list(WORLD.colors))))
        elif kind == "remove":
            e = Remove(draw(st.sampled_from(ids)))
        else:
            e = SetBackground(draw(st.sampled_from(WORLD.backgrounds)))
        scene = apply(scene, e)
        edits.append(e)
    return edits


@given(edit_sequences())
def test_undo_after_every_edit_is_the_identity(edits):
    h = History(Scene("shapes", "light"))
    for e in edits:
        before = h.scene
        h.push("edit", [e])
        h.undo()
        assert h.scene == before
        h.redo()


@given(edit_sequences())
def test_json_round_trip(edits):
    h = History(Scene("shapes", "light"))
    for e in edits:
        h.push("edit", [e])
    assert Scene.from_json(json.dumps(h.scene.to_dict())) == h.scene
    assert History.from_dict(json.loads(json.dumps(h.to_dict()))).scene == h.scene


RENDERER = ProceduralRenderer("shapes")
SIZE = (160, 128)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edit_sequences(max_len=5))
def test_render_is_deterministic(edits):
    scene = Scene("shapes", "light")
    for e in edits:
        scene = apply(scene, e)
    a = RENDERER.render(scene, SIZE).tobytes()
    b = ProceduralRenderer("shapes").render(scene, SIZE).tobytes()
    assert a == b


def _footprint(obj, size):
    w, h = box_pixels(WORLD, obj, size)
    W, H = size
    pad = 0.2
    return (obj.x * W - w * (0.5 + pad), obj.y * H - h * (0.5 + pad), obj.x * W + w * (0.5 + pad),
            obj.y * H + h * (0.5 + pad))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edit_sequences(max_len=5), coords, coords)
def test_an_object_the_turn_did_not_touch_keeps_its_pixels(edits, x, y2):
    scene = Scene("shapes", "light")
    for e in edits:
        scene = apply(scene, e)
    if not scene.objects:
        return
    moved = scene.objects[-1]
    after = apply(scene, Update.of(moved.id, x=x))
    a, b = RENDERER.render(scene, SIZE), RENDERER.render(after, SIZE)
    changed = [_footprint(moved, SIZE), _footprint(after.get(moved.id), SIZE)]
    for other in scene.objects[:-1]:
        l, t, r, btm = _footprint(other, SIZE)
        if any(not (r < c[0] or c[2] < l or btm < c[1] or c[3] < t) for c in changed):
            continue  # occlusion aside
        box = tuple(int(v) for v in (max(l, 0), max(t, 0), min(r, SIZE[0]), min(btm, SIZE[1])))
        if box[2] > box[0] and box[3] > box[1]:
            assert a.crop(box).tobytes() == b.crop(box).tobytes()
