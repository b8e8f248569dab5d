"""sg2im's scene-graph JSON: good files read, bad files refused with the reason (also through the CLI)."""

import json
import sys

import pytest

from scenewright.scene.graph import GraphError, read_graph_json


def test_reads_sg2im_format_and_lists_of_graphs():
    g, = read_graph_json(json.dumps({"objects": ["red cube", "sphere", {"category": "cylinder", "color": "teal"}],
                                     "relationships": [[0, "left of", 1], [2, "behind", 0]]}))
    assert g.objects == ("red cube", "gray sphere", "cyan cylinder") and g.background == "light"
    assert g.triples == ((0, "left of", 1), (2, "behind", 0))
    two = read_graph_json(json.dumps([{"objects": ["dog"], "world": "park", "background": "night"},
                                      {"objects": ["cube"]}]))
    assert [x.world for x in two] == ["park", "shapes"] and two[0].background == "night"


@pytest.mark.parametrize("text, reason", [
    ("{not json", "not valid JSON"),
    ('{"objects": []}', "non-empty list"),
    ('{"objects": ["red pyramid"]}', "not a shapes category"),
    ('{"objects": ["pink-ish cube"]}', "not a shapes category"),
    ('{"objects": ["cube", "sphere"], "relationships": [[0, "left of", 2]]}', "not an object index"),
    ('{"objects": ["cube", "sphere"], "relationships": [[0, "eats", 1]]}', "unknown predicate"),
    ('{"objects": ["cube"], "relationships": [[0, "above", 0]]}', "itself"),
    ('{"objects": ["cube"], "relationships": [[0, "above"]]}', "must be [subject index"),
    ('{"objects": ["cube"], "colour": "red"}', "unknown keys colour"),
    ('{"objects": ["cube"], "background": "sunset"}', "unknown background"),
    ('[3]', "a graph is a JSON object"),
])
def test_bad_files_are_refused_with_the_reason(text, reason):
    with pytest.raises(GraphError, match="g.json") as e:
        read_graph_json(text, source="g.json")
    assert reason in str(e.value)


def _cli(monkeypatch, capsys, *args) -> tuple[int, str, str]:
    from scenewright.cli import main

    monkeypatch.setattr(sys, "argv", ["scenewright", *map(str, args)])
    with pytest.raises(SystemExit) as e:
        main()
    out = capsys.readouterr()
    return e.value.code or 0, out.out, out.err


def test_cli_draws_a_good_file_and_refuses_a_bad_one(tmp_path, tiny_sg2im, monkeypatch, capsys):
    good, bad = tmp_path / "good.json", tmp_path / "bad.json"
    good.write_text(json.dumps({"objects": ["red cube", "blue sphere"], "relationships": [[0, "left of", 1]]}))
    bad.write_text(json.dumps({"objects": ["red cube"], "relationships": [[0, "left of", 3]]}))
    code, out, err = _cli(monkeypatch, capsys, "sg2im", good, "-o", tmp_path / "g.png", "--checkpoint", tiny_sg2im,
                          "--size", 96, "--layout")
    assert code == 0, err
    assert json.loads(out)["objects"] == ["red cube", "blue sphere"]
    from PIL import Image
    assert Image.open(tmp_path / "g.png").size == (96, 96)
    code, out, err = _cli(monkeypatch, capsys, "sg2im", bad, "-o", tmp_path / "b.png", "--checkpoint", tiny_sg2im)
    assert code == 2 and err.startswith("error:") and "not an object index" in err
    assert "Traceback" not in err and not (tmp_path / "b.png").exists()
