"""`scenewright data edits` and `data css`: pairs made by the spine's edits, masks, top views, same bytes."""

import hashlib
import json
import random
import shutil

import numpy as np
import pytest
from typer.testing import CliRunner

from scenewright.cli import app
from scenewright.data.css import make_css, top_view
from scenewright.data.edits import EditMaker, make_edits
from scenewright.data.imageset import ImageSet
from scenewright.scene import Scene, SceneObject


def digests(root):
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("world", ["shapes", "park", "street"])
def test_edits_change_only_what_they_say(world):
    m = EditMaker(world)
    seen = set()
    for i in range(40):
        src, tgt, kind, text, edits = m.make(random.Random(i))
        seen.add(kind)
        before = {o.id: o for o in src.objects}
        after = {o.id: o for o in tgt.objects}
        if kind == "add":
            assert len(after) == len(before) + 1 and text.split()[0] in ("add", "put", "place", "there", "draw")
        elif kind == "remove":
            assert set(after) < set(before)
        else:
            changed = [k for k in before if before[k] != after[k]]
            assert len(changed) == 1 and set(after) == set(before)
            new = after[changed[0]]
            if kind == "recolour":
                assert new.color in text
            elif world == "street":
                assert f"{new.attrs['top']} {new.attrs['top_kind']}" in text
    assert {"add", "remove", "recolour"} <= seen


def test_edit_set_masks_and_bytes(tmp_path):
    out = tmp_path / "e"
    card = make_edits("shapes", 12, out, seed=2, sizes=(32,), k=2, progress=False)
    assert sum(card["edits"].values()) == 12
    ds = ImageSet.open(out)
    assert ds.kind == "edits" and ds.verify() == []
    for rec in ds.records("train"):
        a = np.asarray(ds.image(rec["source"], 32), dtype=int)
        b = np.asarray(ds.image(rec["target"], 32), dtype=int)
        mask = np.asarray(ds.mask(rec, 32)) == 255
        assert (np.any(a != b, axis=2) == mask).all()
        assert mask.any()  # every edit shows
        assert len(rec["source"]["captions"]) == 2 and rec["instruction"]
    first = digests(out)
    shutil.rmtree(out)
    make_edits("shapes", 12, out, seed=2, sizes=(32,), k=2, workers=2, progress=False)
    assert digests(out) == first
    assert len(ds.all_captions("train")) == 2 * 2 * ds.splits["train"]


def test_css_sets_and_top_view(tmp_path):
    res = CliRunner().invoke(app, ["data", "css", "--world", "shapes", "--n", "10", "--size", "16",
                                   "--out", str(tmp_path / "c")])
    assert res.exit_code == 0, res.output
    ds = ImageSet.open(tmp_path / "c")
    rec = ds.records("train")[0]
    assert ds.image(rec["query_2d"], 16).size == (16, 16) and rec["text"]
    assert rec["modification"] in ("add", "remove", "change attribute")
    street = make_css("street", 5, tmp_path / "s", sizes=(16,), progress=False)
    assert sum(street["modifications"].values()) == 5
    assert "query_2d" not in ImageSet.open(tmp_path / "s").records("train")[0]
    scene = Scene("shapes", "light", (SceneObject("o1", "cube", 0.1, 0.86, color="red"),))
    img = np.asarray(top_view(scene, 64))
    red = (img[..., 0] > 140) & (img[..., 1] < 80)
    ys, xs = np.nonzero(red)
    assert xs.mean() < 20 and ys.mean() > 44  # left, and near (low in the plan)


def test_street_css_changes_only_the_named_thing():
    import random as _random

    from scenewright.data.css import street_triple, subject_pictures

    seen = set()
    for i in range(60):
        q, t, kind, text = street_triple(_random.Random(i))
        seen.add(kind)
        a, b = q.objects[0], t.objects[0]
        assert len(q.objects) == len(t.objects) == 1 and q.background == t.background
        assert (a.x, a.flip, a.pose) == (b.x, b.flip, b.pose)
        if kind == "remove":  # "the man without the bag": the thing named is gone, nothing else changed
            gone = [k for k in ("carry_kind", "headwear_kind") if a.attrs.get(k) and not b.attrs.get(k)]
            assert len(gone) == 1 and a.attrs[gone[0]] in text
            assert {k: v for k, v in b.attrs.items()} == {k: v for k, v in a.attrs.items()
                                                          if k not in (gone[0], gone[0][:-5])}
        elif kind == "add":
            new = [k for k in ("carry_kind", "headwear_kind") if b.attrs.get(k) and not a.attrs.get(k)]
            assert len(new) == 1 and b.attrs[new[0]] in text
        elif a.category != b.category:  # "a van instead of the car"
            assert b.category in text and a.color in (None, b.color)
        elif a.color != b.color:  # "the same car but red"
            assert b.color in text and a.attrs == b.attrs
        else:  # "the man in a green jacket"
            assert b.attrs["top"] in text and a.attrs["top"] != b.attrs["top"]
    assert seen == {"add", "remove", "change attribute"}
    q, t, _, _ = street_triple(_random.Random(6))
    qa, ta = (np.asarray(im, dtype=int) for im in subject_pictures((q, t), 64))
    assert qa.shape == (64, 64, 3) and 0 < np.any(qa != ta, axis=2).mean() < 0.5  # the same window, one change


def test_street_css_siblings_share_their_query_and_split(tmp_path):
    make_css("street", 8, tmp_path / "s", sizes=(16,), progress=False)
    ds = ImageSet.open(tmp_path / "s")
    recs = {r["id"]: (split, r) for split in ("train", "val", "test") for r in ds.records(split)}
    for group in ((0, 1, 2, 3), (4, 5, 6, 7)):
        members = [recs[f"{i:06d}"] for i in group]
        assert len({split for split, _ in members}) == 1
        assert len({json.dumps(r["query"]["scene"], sort_keys=True) for _, r in members}) == 1
        assert len({r["text"] for _, r in members}) > 1
