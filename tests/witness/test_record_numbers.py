"""Statements as the witness sees them: numbered as said (a refused one counted) in the record, the report and a
"go back to turn N" — and a statement done in part keeps, in the record, the words that were not done."""

from __future__ import annotations

from datetime import timezone

import pytest

from scenewright.scene import Add
from scenewright.session import Session
from scenewright.witness import build_record, render_report

from .conftest import fixed_clock, obj


def test_a_statement_done_in_part_keeps_what_was_not_understood():
    s = Session(world="street")
    fixed_clock(s, [0, 20])
    s.history.push("the van had writing on the side, something like FAST PIZZA",
                   [Add(obj(1, "van", 0.5, 0.44, attributes={"marks": ["writing on the side"]}))],
                   "Added a van; marks: writing on the side. (I didn't understand: 'pizza'.)", skipped=("pizza",))
    rec = build_record(s.history, s.world)
    (st,) = rec.statements
    assert st.skipped == ("pizza",) and st.status == "in effect"
    assert "(not understood, so not done: 'pizza')" in rec.text_lines(timezone.utc)[0]
    assert "not understood, so not done: ‘pizza’" in render_report(s, tz=timezone.utc)


def told(*texts: str) -> Session:
    s = Session(world="street")
    for t in texts:
        s.tell(t)
    return s


def test_the_record_numbers_refused_statements():
    s = told("It was dusk.", "There was a bank across the street.", "zorble the flim",
             "A white van was parked in front of the bank.")
    rec = build_record(s.history, s.world)
    assert [(x.index, x.kind) for x in rec.statements] == [(1, "turn"), (2, "turn"), (3, "refused"), (4, "turn")]
    assert s.history.statement_numbers() == [1, 2, 4]  # the picture after #4 is the third picture


def test_typed_go_back_to_turn_n_counts_statements_as_numbered():
    s = told("It was dusk.", "There was a bank across the street.", "zorble the flim",
             "A white van was parked in front of the bank.", "I think the plate started with K7.")
    turn = s.tell("go back to turn 3")
    assert turn.ok
    # #3 was not done, so the picture after #3 is the one after #2: the bank, and no van yet
    assert [o.category for o in turn.scene.objects] == ["bank"]


def test_the_chat_names_the_picture_a_typed_go_back_shows_by_its_statement_number():
    from scenewright.cli.chat import goto, picture_now

    s = told("It was dusk.", "There was a bank across the street.", "zorble the flim",
             "A white van was parked in front of the bank.")
    assert picture_now(s) == "the picture after #4"
    s.tell("undo")
    assert picture_now(s) == "the picture after #2"  # #3 was not done: it drew no picture
    assert goto(s, "3") == ("There is no picture after #3: it was not done.", False)
    assert goto(s, "0") == ("Back to the start.", True) and picture_now(s) == "the start"


def test_the_chat_writes_the_report_of_the_interview(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from scenewright.cli import app

    monkeypatch.setenv("SCENEWRIGHT_SEMANTIC", "0")
    monkeypatch.chdir(tmp_path)
    said = "A white van was parked in front of the bank.\nzorble\n:report interview.html\n:quit\n"
    result = CliRunner().invoke(app, ["chat", "--world", "street", "--save-to", "interview.session.json"],
                                input=said)
    assert result.exit_code == 0, result.output
    assert "wrote interview.html (2 statements (1 not done)" in result.output
    page = (tmp_path / "interview.html").read_text()
    assert "<h1>Witness interview record</h1>" in page and "zorble" in page
