"""The dataset's phrasing must be understood by the spine's grammar: "spine" is scored on it."""

from scenewright.data.shapes_dialogs import make_dialog
from scenewright.session import Session


def test_the_grammar_places_the_right_objects_near_the_right_spots():
    right, near, total = 0, 0, 0
    for i in range(40):
        s = Session(world="shapes")
        for text, scene in make_dialog(seed=11, index=i):
            turn = s.tell(text)
            total += 1
            if not turn.ok:
                continue
            want, got = scene.objects[-1], s.scene.objects[-1]
            if (want.category, want.color) == (got.category, got.color):
                right += 1
                near += abs(want.x - got.x) < 0.06 and abs(want.y - got.y) < 0.04
    share = right / total
    print(f"objects with the right category and colour: {share:.3f}; also within the jitter: {near / total:.3f}")
    assert share >= 0.95
    assert near / total >= 0.9
