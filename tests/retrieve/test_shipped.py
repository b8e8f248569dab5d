"""The TIRG weights shipped for the shapes and street worlds: `scenewright.search` and `eval retrieve` work on a
fresh clone."""

import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from scenewright.cli import app
from scenewright.retrieve import default_checkpoint

# (world, the shipped card's test R@1 at least, R@3 hits on a fresh 12-triple set at least)
WORLDS = [("shapes", 80, 0.6), ("street", 80, 0.6)]


@pytest.mark.slow
@pytest.mark.parametrize("world,r1,hits_at_3", WORLDS)
def test_the_shipped_tirg_finds_the_changed_picture(world, r1, hits_at_3, tmp_path):
    assert (default_checkpoint(world) / "tirg.safetensors").stat().st_size < 10 * 2**20
    card = json.loads((default_checkpoint(world) / "card.json").read_text())
    assert card["metrics"]["test_3d_to_3d"]["r1"] > r1 and card["world"] == world
    out = tmp_path / "css"
    subprocess.run([sys.executable, "-m", "scenewright.cli", "data", "css", "--world", world, "--n", "12",
                    "--out", str(out), "--seed", "3"], check=True, capture_output=True)
    import scenewright
    from scenewright.data.imageset import ImageSet

    ds = ImageSet.open(out)
    recs = ds.records("train") + ds.records("val") + ds.records("test")
    gallery = out / "target" / "64"
    hits = 0
    for rec in recs:
        result = scenewright.search(gallery, ds.image(rec["query"], 64), rec["text"], k=3, world=world)
        assert len(result.hits) == 3
        hits += any(rec["target"]["images"]["64"].endswith(hit.name) for hit in result.hits)
    assert hits >= hits_at_3 * len(recs)  # random would be 3/12 = 25 %
    if world == "street":  # eval retrieve defaults to the shipped TIRG of the data's world
        r = CliRunner().invoke(app, ["eval", "retrieve", "--data", str(out), "--split", "train", "--json"])
        assert r.exit_code == 0, r.output
        assert set(json.loads(r.stdout)) == {"tirg"}
        assert not (default_checkpoint(world).parent / "_features").exists()  # no cache in the package
