"""The CLI as users' scripts run it: `scenewright draw --json`, render, worlds, and bad calls."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).parent
GOLDEN = HERE / "golden"
DIALOGS = {
    "shapes": ["add a yellow sphere on the right", "add a big gray cube to the left of the sphere",
               "make the cube small", "add a unicorn", "move the sphere to the middle", "add two red cylinders",
               "move the cylinder up", "remove the cube", "undo", "no, I meant green"],
    "park": ["it was a sunny day in the park", "a girl is standing on the right", "she is happy",
             "a bear is on the left", "put a hot dog next to the girl", "no, a hamburger",
             "make the bear face the other way", "add a tree and put an owl in it", "move the dragon",
             "a boy holding a kite in the middle", "he looks angry", "make it night"],
}


def run(*args: str, check: bool = True) -> subprocess.CompletedProcess:
    env = {**os.environ, "SCENEWRIGHT_SEMANTIC": "0"}
    p = subprocess.run([sys.executable, "-m", "scenewright.cli", *args], capture_output=True, text=True,
                       env=env, timeout=300)
    if check:
        assert p.returncode == 0, p.stderr
    return p


@pytest.mark.parametrize("world", sorted(DIALOGS))
def test_draw_json_matches_the_golden_dialog(world, tmp_path):
    p = run("draw", "--world", world, "--json", "--out", str(tmp_path), *DIALOGS[world])
    result = json.loads(p.stdout)  # exactly one JSON object on stdout
    assert set(result) == {"turns", "scene"} and len(result["turns"]) == len(DIALOGS[world])
    for turn in result["turns"]:
        assert set(turn) == {"text", "ok", "reply", "notes", "skipped", "scene"}
    golden = GOLDEN / f"{world}.json"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(json.dumps(result, indent=1) + "\n")
    assert result == json.loads(golden.read_text())
    n = len(DIALOGS[world])
    for k in range(1, n + 1):
        assert (tmp_path / f"turn_{k:02d}.png").exists() and (tmp_path / f"turn_{k:02d}.json").exists()
    assert (tmp_path / "dialog.gif").exists() and (tmp_path / "contact_sheet.png").exists()


def test_refused_turns_say_why_and_the_run_goes_on(tmp_path):
    p = run("draw", "--world", "shapes", "--json", "--out", str(tmp_path), "add a red cube", "add a dragon",
            "", "move the sphere", "add a blue sphere")
    turns = json.loads(p.stdout)["turns"]
    assert [t["ok"] for t in turns] == [True, False, False, False, True]
    assert "dragon" in turns[1]["reply"] and "no sphere" in turns[3]["reply"]
    assert turns[1]["scene"] == turns[0]["scene"]


def test_render_a_scene_file_to_png_and_svg(tmp_path):
    run("draw", "--world", "shapes", "--out", str(tmp_path), "add a red cube", "add a blue sphere on the left")
    run("render", str(tmp_path / "turn_02.json"), "-o", str(tmp_path / "again.png"))
    run("render", str(tmp_path / "turn_02.json"), "-o", str(tmp_path / "again.svg"))
    from PIL import Image

    assert Image.open(tmp_path / "again.png").tobytes() == Image.open(tmp_path / "turn_02.png").tobytes()
    assert (tmp_path / "again.svg").read_text().startswith("<svg")


@pytest.mark.parametrize("content, message", [
    ("{not json", "not valid JSON"),
    ('{"world": "shapes", "background": "light", "objects": [{"id": "o1", "category": "dragon", "x": 0.5, '
     '"y": 0.5}]}', "no dragon"),
    ('{"world": "mars", "background": "day", "objects": []}', "unknown world"),
])
def test_render_refuses_bad_files_with_the_reason(tmp_path, content, message):
    f = tmp_path / "bad.json"
    f.write_text(content)
    p = run("render", str(f), "-o", str(tmp_path / "x.png"), check=False)
    assert p.returncode != 0 and message in p.stderr and "Traceback" not in p.stderr
    assert not (tmp_path / "x.png").exists()


@pytest.mark.parametrize("args", [["draw"], ["draw", "--world", "mars", "add a cube"], ["nonsense"],
                                  ["draw", "--size", "huge", "add a cube"]])
def test_malformed_calls_exit_non_zero_with_a_message(args, tmp_path):
    p = run(*args, "--out", str(tmp_path), check=False) if args[0] == "draw" else run(*args, check=False)
    assert p.returncode != 0 and (p.stderr.strip() or p.stdout.strip()) and "Traceback" not in p.stderr


def test_worlds_lists_the_vocabularies():
    worlds = {w["name"]: w for w in json.loads(run("worlds", "--json").stdout)}
    assert {"shapes", "park"} <= set(worlds)
    assert sum(len(v) for v in worlds["park"]["categories"].values()) == 58
    assert worlds["shapes"]["colors"] == ["gray", "red", "blue", "green", "brown", "purple", "cyan", "yellow"]


def test_the_cli_does_not_load_torch_or_minilm():
    code = ("import sys, scenewright.cli, scenewright.session; "
            "print(any(m.split('.')[0] in ('torch', 'sentence_transformers') for m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_chat_takes_turns_and_commands_from_stdin(tmp_path):
    env = {**os.environ, "SCENEWRIGHT_SEMANTIC": "0", "XDG_DATA_HOME": str(tmp_path / "data")}
    script = "add a red cube\nadd a dragon\n:undo\n:redo\n:save {s}\n:svg {v}\n:nonsense\n:quit\n".format(
        s=tmp_path / "s.json", v=tmp_path / "s.svg")
    p = subprocess.run([sys.executable, "-m", "scenewright.cli", "chat", "--world", "shapes", "--out",
                        str(tmp_path / "now.png")], input=script, capture_output=True, text=True, env=env,
                       timeout=120)
    assert p.returncode == 0, p.stderr
    assert "Added a red cube" in p.stdout and "dragon" in p.stdout and "unknown command" in p.stdout
    from scenewright import Session

    saved = Session.load(tmp_path / "s.json")
    assert [o.category for o in saved.scene.objects] == ["cube"]
    assert [e.kind for e in saved.history.log] == ["turn", "refused", "undo", "redo"]
    assert (tmp_path / "now.png").exists() and (tmp_path / "s.svg").read_text().startswith("<svg")


def test_draw_writes_the_interview_record_on_request(tmp_path):
    run("draw", "--world", "street", "--report", "--out", str(tmp_path), "a red van was parked across the street",
        "no, it was silver")
    html = (tmp_path / "report.html").read_text()
    assert "a red van was parked across the street" in html and "silver" in html
