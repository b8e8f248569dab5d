"""The broken telephone: the spine's loop stays put, the method chains run, the JSON keeps its keys."""

import json

import pytest

torch = pytest.importorskip("torch")

from scenewright.errors import MissingFile, ScenewrightError  # noqa: E402

SIMPLE = "a red cube on the left and a blue sphere on the right"
ROUND_KEYS = {"round", "caption", "objects", "object_f1", "rsim", "bleu4"}
CHAIN_KEYS = {"drawer", "reader", "rounds", "object_f1", "rsim", "bleu4"}


def test_the_spines_loop_stays_put_on_a_simple_scene():
    from scenewright import telephone

    t = telephone(text=SIMPLE, rounds=4)
    spine = t.chains["spine"]
    assert spine.curve("object_f1") == [100.0] * 5
    assert all(sorted(r.objects) == ["blue sphere", "red cube"] for r in spine.rounds)
    assert spine.rounds[0].caption == SIMPLE and spine.rounds[0].bleu4 == pytest.approx(100)
    assert spine.rounds[-1].caption == spine.rounds[-2].caption  # a fixed point: nothing left to drift
    assert t.reference["objects"] == ["blue sphere", "red cube"]


def test_from_an_image_every_round_after_0_draws_then_reads(imageset):
    from PIL import Image

    from scenewright import telephone

    path = next((imageset / "images" / "64").iterdir())
    t = telephone(path, rounds=2)
    rounds = t.chains["spine"].rounds
    assert rounds[0].image.tobytes() == Image.open(path).convert("RGB").tobytes()
    assert t.reference["from"] == "the detector on the image" and t.start == {"image": str(path)}
    assert [r.round for r in rounds] == [0, 1, 2]
    scene_file = imageset / "scenes" / (path.stem + ".json")
    scored = telephone(path, rounds=1, scene=scene_file)
    held = json.loads(scene_file.read_text())["objects"]
    assert scored.reference == {"from": "the image's scene",
                                "objects": sorted({f"{o['color'] or 'gray'} {o['category']}" for o in held})}
    with pytest.raises(ScenewrightError, match="goes with a start image"):
        telephone(text=SIMPLE, scene=scene_file)


def test_method_chains_run_beside_the_spine_with_the_documented_json(dfgan_run, captioner_run):
    from scenewright.broken_telephone import drift, telephone

    t = telephone(text=SIMPLE, rounds=2, methods=[f"dfgan={dfgan_run}"], captioner=captioner_run)
    d = json.loads(json.dumps(t.to_dict()))
    assert set(d) == {"world", "start", "rounds", "reference", "chains"} and d["rounds"] == 2
    assert set(d["chains"]) == {"spine", "dfgan"}
    for chain in d["chains"].values():
        assert set(chain) == CHAIN_KEYS and len(chain["object_f1"]) == 3
        assert all(set(r) == ROUND_KEYS for r in chain["rounds"])
        assert all(0 <= v <= 100 for k in ("object_f1", "rsim", "bleu4") for v in chain[k])
    assert d["chains"]["dfgan"]["rounds"][0]["caption"] == SIMPLE
    assert d["chains"]["dfgan"]["reader"] == "show_tell captioner"
    strip = t.strip(cell=64)
    assert strip.width > 3 * 64 and strip.height > 2 * 64
    curves = drift([t, t])
    assert curves["dfgan"]["n"] == 2 and curves["dfgan"]["object_f1"] == d["chains"]["dfgan"]["object_f1"]


def test_cli_json_and_strip(tmp_path, dfgan_run, captioner_run):
    from typer.testing import CliRunner

    from scenewright.cli import app

    out = tmp_path / "strip.png"
    r = CliRunner().invoke(app, ["telephone", "--text", SIMPLE, "--rounds", "2", "--method", f"dfgan={dfgan_run}",
                                 "--captioner", str(captioner_run), "-o", str(out), "--json"])
    assert r.exit_code == 0, r.output
    d = json.loads(r.stdout)
    assert set(d) == {"world", "rounds", "strip", "runs", "drift"} and len(d["runs"]) == 1
    assert set(d["drift"]) == {"spine", "dfgan"} and d["drift"]["spine"]["object_f1"] == [100.0] * 3
    assert out.is_file()
    r = CliRunner().invoke(app, ["telephone", "--text", SIMPLE, "--text", "add a green cylinder", "--rounds", "1",
                                 "-o", str(out), "--json"])
    assert r.exit_code == 0, r.output
    assert [run["start"] for run in json.loads(r.stdout)["runs"]] == [{"text": SIMPLE},
                                                                       {"text": "add a green cylinder"}]


def test_clear_errors(tmp_path):
    from scenewright import telephone

    with pytest.raises(ScenewrightError, match="one of the two"):
        telephone()
    with pytest.raises(ScenewrightError, match="one of the two"):
        telephone("x.png", text="a cube")
    with pytest.raises(MissingFile, match="no image"):
        telephone(tmp_path / "nothing.png")
    (tmp_path / "bad.png").write_text("not a picture")
    with pytest.raises(ScenewrightError, match="not an image"):
        telephone(tmp_path / "bad.png")
    with pytest.raises(MissingFile, match="train captioner"):
        telephone(text=SIMPLE, methods=["dfgan"], captioner=tmp_path / "none")
    with pytest.raises(MissingFile, match="no object detector is shipped for the park"):
        telephone(text="a dog", world="park")
    with pytest.raises(ScenewrightError, match="rounds"):
        telephone(text=SIMPLE, rounds=-1)


def test_a_method_without_weights_says_how_to_give_a_run(captioner_run):
    from scenewright import telephone
    from scenewright.broken_telephone import default_detector

    with pytest.raises(MissingFile, match=r"train t2i --method stackgan .* --method stackgan=RUN"):
        telephone(text=SIMPLE, methods=["stackgan"], captioner=captioner_run, world="street", spine=False,
                  detector=default_detector("shapes"))  # street has no shipped weights (shapes and park have)
