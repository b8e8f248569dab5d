import json

import numpy as np

from scenewright.data.shapes_dialogs import (CLASSES, TURNS, ShapesDialogs, describe_added, make_dataset,
                                             make_dialog, split_counts)
from scenewright.worlds import get_world


def test_a_dialog_adds_one_distinct_object_per_turn():
    dialog = make_dialog(seed=0, index=7)
    assert len(dialog) == TURNS
    for t, (text, scene) in enumerate(dialog):
        assert len(scene.objects) == t + 1
        new = scene.objects[-1]
        assert new.color in text and new.category in text
    names = [f"{o.color} {o.category}" for o in dialog[-1][1].objects]
    assert len(set(names)) == TURNS and set(names) <= set(CLASSES)
    ground = get_world("shapes").ground
    assert all(ground[0] <= o.y <= ground[1] and 0 < o.x < 1 for o in dialog[-1][1].objects)


def test_the_same_seed_gives_the_same_dialogs_and_another_seed_others():
    a = [t for t, _ in make_dialog(1, 5)]
    assert a == [t for t, _ in make_dialog(1, 5)]
    assert a != [t for t, _ in make_dialog(2, 5)]


def test_the_dataset_maker_is_deterministic(tmp_path):
    for name in ("a", "b"):
        make_dataset(tmp_path / name, n=10, seed=4, sizes=(64,), progress=False)
    for f in ("train.json", "test.json", "train_64.npy", "val_64.npy", "background_64.npy"):
        assert (tmp_path / "a" / f).read_bytes() == (tmp_path / "b" / f).read_bytes(), f
    card = json.loads((tmp_path / "a" / "card.json").read_text())
    assert card["splits"] == split_counts(10) == {"train": 8, "val": 1, "test": 1}
    assert card["objects"] == 10 * TURNS


def test_a_split_loads_with_objects_and_coordinates(tiny_data):
    data = ShapesDialogs.load(tiny_data, "train", 64)
    assert data.images.shape == (16, TURNS, 64, 64, 3) and data.images.dtype == np.uint8
    objects, coords = data.objects(), data.coords()
    assert objects.shape == (16, TURNS, 24) and coords.shape == (16, TURNS, 24, 2)
    assert (objects.sum(-1) == np.arange(1, TURNS + 1)).all()
    # the picture changes every turn (an object was added)
    assert all(np.abs(data.images[0, t].astype(int) - data.images[0, t - 1]).sum() > 0 for t in range(1, TURNS))


def test_any_scene_can_be_retold_in_the_dataset_phrasing():
    """The words the GeNeVA renderer hears for a scene put every object back where it is (read by the grammar,
    which follows the dataset's meaning of each phrase)."""
    from scenewright import Session

    def retold(objs):
        s = Session(world="shapes", semantic=False)
        texts = [describe_added(o, objs[:i]) for i, o in enumerate(objs)]
        for text in texts:
            assert s.tell(text).ok, text
        return texts, s.scene.objects

    for k in range(5):
        objs = list(make_dialog(0, k)[-1][1].objects)
        texts, back = retold(objs)
        assert all(t.startswith("add a ") for t in texts)
        for o, b in zip(objs, back):
            assert (o.color, o.category) == (b.color, b.category)
            assert abs(o.x - b.x) < 0.05 and abs(o.y - b.y) < 0.05, (texts, o, b)
    # a scene told in other words: far from the last object, the place is absolute, not "to the right of it"
    s = Session(world="shapes")
    for text in ("add a red cube in the middle", "put a green cylinder to the left of it",
                 "there is a yellow sphere on the far right"):
        s.tell(text)
    objs = list(s.scene.objects)
    assert describe_added(objs[2], objs[:2]) == "add a yellow sphere on the far right"
    assert describe_added(objs[1], objs[:1]) == "add a green cylinder to the left of it"
