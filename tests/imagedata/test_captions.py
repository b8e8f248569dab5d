"""`scenewright data captions`: the generated sets, their bytes and their format."""

import hashlib
import json
import shutil

import pytest
from PIL import Image
from typer.testing import CliRunner

from scenewright.cli import app
from scenewright.data.captions import make_captions
from scenewright.data.imageset import ImageSet
from scenewright.errors import ScenewrightError


def digests(root):
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def test_same_command_same_bytes_any_workers(tmp_path):
    out = tmp_path / "set"
    make_captions("shapes", 30, out, seed=4, sizes=(32, 16), k=3, progress=False, command="x")
    first = digests(out)
    shutil.rmtree(out)
    make_captions("shapes", 30, out, seed=4, sizes=(32, 16), k=3, workers=2, progress=False, command="x")
    assert digests(out) == first
    assert len([k for k in first if k.endswith(".png")]) == 60
    shutil.rmtree(out)
    make_captions("shapes", 30, out, seed=5, sizes=(32, 16), k=3, progress=False, command="x")
    assert digests(out)["train.jsonl"] != first["train.jsonl"]


@pytest.mark.parametrize("world", ["shapes", "park", "street"])
def test_set_opens_with_the_loader(tmp_path, world):
    card = make_captions(world, 20, tmp_path, seed=0, sizes=(16, 24), k=4, progress=False)
    ds = ImageSet.open(tmp_path)
    assert ds.splits == {"train": 16, "val": 2, "test": 2} == card["splits"]
    assert ds.verify() == []
    ids = [r["id"] for s in ("train", "val", "test") for r in ds.records(s)]
    assert sorted(ids) == [f"{i:06d}" for i in range(20)]
    rec = ds.records("val")[0]
    assert len(rec["captions"]) == 4 and rec["scene"]["world"] == world
    assert json.loads((tmp_path / rec["scene_file"]).read_text()) == rec["scene"]
    for s in (16, 24):
        img = ds.image(rec, s)
        assert img.size == (s, s) and img.mode == "RGB"
    assert 1 <= len(rec["scene"]["objects"]) <= 5
    batch = next(ds.caption_batches("train", size=16, batch_size=8))
    assert batch["image"].shape == (8, 3, 16, 16)


def test_image_shows_the_scene(tmp_path):
    """An object said to be on the left puts its colour on the left half of the picture."""
    make_captions("shapes", 40, tmp_path, seed=1, sizes=(64,), k=2, progress=False)
    ds = ImageSet.open(tmp_path)
    checked = 0
    for rec in ds.records("train"):
        objs = rec["scene"]["objects"]
        if len(objs) != 1 or objs[0]["color"] in ("gray",):
            continue
        img = ds.image(rec, 64)
        x = objs[0]["x"]
        from scenewright.worlds import get_world
        target = get_world("shapes").colors[objs[0]["color"]]
        near = [(i, j) for i in range(64) for j in range(64)
                if sum(abs(a - b) for a, b in zip(img.getpixel((i, j)), target)) < 60]
        assert near, rec["id"]
        mean_x = sum(i for i, _ in near) / len(near) / 64
        assert abs(mean_x - x) < 0.12
        checked += 1
    assert checked >= 3


def test_cli_and_errors(tmp_path):
    res = CliRunner().invoke(app, ["data", "captions", "--world", "park", "--n", "10", "--size", "16",
                                   "--out", str(tmp_path / "p"), "--captions", "2"])
    assert res.exit_code == 0, res.output
    summary = json.loads(res.stdout.strip().splitlines()[-1])
    assert summary["n"] == 10 and summary["images_per_second"] > 0
    card = json.loads((tmp_path / "p" / "card.json").read_text())
    assert card["command"].startswith("scenewright data captions --world park")
    with pytest.raises(ScenewrightError, match="unknown world"):
        make_captions("moon", 3, tmp_path / "m", progress=False)
    (tmp_path / "busy").mkdir()
    (tmp_path / "busy" / "notes.txt").write_text("mine")
    with pytest.raises(ScenewrightError, match="not an image set"):
        make_captions("shapes", 3, tmp_path / "busy", progress=False)
