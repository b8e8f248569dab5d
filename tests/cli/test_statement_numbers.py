"""Turn numbers the user sees match what they said: the chat, the report and the web page number every
statement as the record does — refused ones counted and marked, inputs that were never recorded unnumbered —
and `:goto N` goes back to the picture after #N."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from scenewright.session import Session
from scenewright.witness import build_record

SAID = ["There's a bank across the street.", "zorble", "\U0001F600", "A red van was parked in front of the bank.",
        ":undo", ":redo", ":goto 1", ":goto 2", "A tall man ran toward the corner."]


def chat(tmp_path: Path, lines: list[str]) -> subprocess.CompletedProcess:
    env = {**os.environ, "SCENEWRIGHT_SEMANTIC": "0", "XDG_DATA_HOME": str(tmp_path / "data")}
    return subprocess.run([sys.executable, "-m", "scenewright.cli", "chat", "--world", "street", "-o",
                           str(tmp_path / "now.png"), "--save-to", str(tmp_path / "iv.session.json")],
                          capture_output=True, text=True, env=env, timeout=300, input="\n".join(lines) + "\n")


def test_chat_numbers_statements_as_the_report_does(tmp_path):
    p = chat(tmp_path, SAID)
    assert p.returncode == 0, p.stderr
    numbers = re.findall(r"\((#\d+ in the record(?:, not done)?|not in the record),", p.stdout)
    assert numbers == ["#1 in the record", "#2 in the record, not done", "not in the record", "#3 in the record",
                       "#4 in the record", "#5 in the record", "#6 in the record", "not in the record",
                       "#7 in the record"], p.stdout
    assert "Back to the picture after #1." in p.stdout
    assert "There is no picture after #2: it was not done." in p.stdout
    rec = build_record(Session.load(tmp_path / "iv.session.json").history, Session(world="street").world)
    assert [(s.index, s.kind) for s in rec.statements] == [
        (1, "turn"), (2, "refused"), (3, "turn"), (4, "undo"), (5, "redo"), (6, "goto"), (7, "turn")]
    assert rec.statements[1].status.startswith("not done")
    assert [s.text for s in rec.statements][:3] == ["There's a bank across the street.", "zorble",
                                                    "A red van was parked in front of the bank."]
    assert rec.statements[2].status == "undone"  # #6 went back to the picture after #1, and #7 was said there


def test_statement_numbers_name_the_statement_behind_each_picture():
    s = Session(world="shapes")
    for text in ("add a red cube", "zorble", "add a blue sphere", "no, green", "undo", "redo", "add a cylinder"):
        s.tell(text)
    # "undo" after "no, green" took back the correction (#5, the blue sphere again), "redo" put it back (#6)
    assert s.history.statement_numbers() == [1, 6, 7]
    assert [o.color for o in s.scene.objects] == ["red", "green", None]
    s.goto(1)
    s.tell("add a yellow cube")
    assert s.history.statement_numbers() == [1, 9]
    assert s.history.statement_numbers(7) == [1, 6, 7] and s.history.statement_numbers(8) == [1]
    assert s.history.statement_numbers(5) == [1, 5]  # after the undo: the picture #5 drew (blue again)
