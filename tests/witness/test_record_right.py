"""The record must be right (issue 15): a correction is counted once, on the statement it corrects; what was
inferred is never presented as said; a hedge covers only the words it modifies; the record speaks English.

Each interview is told as explicit edits — what the parser gives for those words — on a fixed clock, so these
tests check the record, not the parser; `test_report_cli_*` run the same through `scenewright report`."""

from __future__ import annotations

import re
from datetime import timezone

from typer.testing import CliRunner

from scenewright.cli import app
from scenewright.scene import Add, SetBackground, Update
from scenewright.session import Session
from scenewright.witness import build_record, render_report
from scenewright.witness.describe import summary

from .conftest import fixed_clock, obj

UTC = timezone.utc
FIELD_NAMES = re.compile(r"\w+_(?:kind|hedge)\b|\bcarry kind\b|\btop kind\b|\bunsure:|\bof o\d|\bwith o\d|\brole\b")

CAR = {"motion": "parked"}
PLATE = {"motion": "parked", "marks": ["number plate ended in 4"]}


def car_and_plate(s: Session) -> None:
    """#1 a black car (and the bank it is in front of, drawn because it was named), #2 its plate."""
    s.history.push("a black car was parked in front of the bank",
                   [Add(obj(1, "bank", 0.5)), Add(obj(2, "car", 0.5, 0.44, color="black", attributes=CAR))],
                   "Added a bank; added a black car. (There was no bank yet, so I drew one.)")
    s.history.push("the number plate ended in 4", [Update.of("o2", attributes=PLATE)],
                   "Noted for the car: marks: number plate ended in 4.")


def interview() -> Session:
    """Night and rain outside the bank (a landmark named as a place), a black car and its plate, a man in a black
    hoodie and jeans 'maybe six foot' walking towards the bank, 'no wait, the car was silver' as a turn of its
    own, a bag he carries 'I think, maybe', a refusal, and a woman placed by default."""
    s = Session(world="street")
    fixed_clock(s, [0, 20, 40, 60, 80, 100, 120, 140, 160])
    h = s.history
    h.push("it was late at night, raining, outside the bank",
           [SetBackground("night"), Add(obj(1, "bank", 0.5)), SetBackground("night rain")])
    h.push("a black car was parked in front of the bank",
           [Add(obj(2, "car", 0.5, 0.44, color="black", attributes=CAR))])
    h.push("the number plate ended in 4, I think",
           [Update.of("o2", attributes={**CAR, "marks": ["number plate ended in 4"], "marks_hedge": "i think"},
                      uncertain={"marks": ["number plate ended in 4"]})])
    h.push("a man in a black hoodie and jeans, maybe six foot, was walking towards the bank",
           [Add(obj(3, "man", 0.3, pose="walking",
                    attributes={"top": "black", "top_kind": "hoodie", "bottom_kind": "jeans", "height": "tall",
                                "height_hedge": "maybe"},
                    uncertain={"height": ["tall"]}))])
    h.push("no wait, the car was silver", [Update.of("o2", color="silver")])
    man = {"top": "black", "top_kind": "hoodie", "bottom_kind": "jeans", "height": "tall", "height_hedge": "maybe"}
    h.push("he was carrying a bag, I think, maybe",
           [Update.of("o3", x=0.32, attributes={**man, "carry_kind": "bag", "carry_kind_hedge": "i think, maybe"},
                      uncertain={"height": ["tall"], "carry_kind": ["bag"]})])
    h.record("refused", "a unicorn ran past", "I don't know 'unicorn'.")
    h.push("there was a woman", [Add(obj(4, "woman", 0.7))])
    return s


def status(rec) -> dict[int, str]:
    return {s.index: s.status for s in rec.statements}


# -- 1. a correction is counted once, on the statement it corrects --------------------------------------------
def test_a_correction_is_counted_once_on_the_statement_it_corrects():
    rec = build_record(interview().history, Session(world="street").world)
    (fix,) = rec.corrections
    assert (fix.row, fix.corrects) == (5, 2)
    assert [(c.object_id, c.field, c.old, c.new) for c in fix.changes] == [("o2", "color", "black", "silver")]
    st = status(rec)
    assert st[2] == "corrected by #5 (colour)"
    assert st[3] == "in effect"  # the plate is not what 'the car was silver' corrects
    assert all(v in ("in effect", "command") or v.startswith("not done") for k, v in st.items() if k != 2)


def test_a_revision_corrects_what_it_changes_not_the_turn_it_replaces():
    """'no wait, the car was silver' right after the plate revises the plate's turn (kind "revise") and keeps
    the plate: it corrects the colour, said in #1, and the plate's statement stays in effect."""
    s = Session(world="street")
    fixed_clock(s, [0, 30, 60])
    car_and_plate(s)
    s.history.revise("no wait, the car was silver", [Update.of("o2", color="silver", attributes=PLATE)],
                     "Fixed: Painted the car silver.")
    rec = build_record(s.history, s.world)
    assert [(c.row, c.corrects) for c in rec.corrections] == [(3, 1)]
    assert status(rec) == {1: "corrected by #3 (colour)", 2: "in effect", 3: "in effect"}
    car = rec.objects["o2"]
    assert "marks: said number plate ended in 4 at 10:02:30 (#2)" in car.lines(UTC)
    assert not any(c.how == "corrected" for c in rec.statements[2].changes if c.field == "marks")


def test_a_revision_that_drops_what_the_turn_said_corrects_that_turn():
    s = Session(world="street")
    fixed_clock(s, [0, 30])
    s.history.push("a woman was at the bus stop", [Add(obj(1, "woman", 0.3))])
    s.history.revise("no, a man", [Add(obj(1, "man", 0.3))])
    rec = build_record(s.history, s.world)
    (fix,) = rec.corrections
    assert (fix.row, fix.corrects) == (2, 1)
    assert [(c.field, c.old, c.new) for c in fix.changes] == [("category", "woman", "man")]
    assert status(rec)[1] == "corrected by #2 (kind of thing)"


def test_moving_a_thing_for_a_new_detail_is_not_a_correction():
    rec = build_record(interview().history, Session(world="street").world)
    moved = [c for c in rec.statements[5].changes if c.field == "position"]
    assert [(c.how, c.basis) for c in moved] == [("placed", "moved to fit what was said")]
    assert [c.row for c in rec.corrections] == [5]
    assert status(rec)[4] == "in effect"


def test_an_undone_correction_corrects_nothing_and_a_second_correction_corrects_the_first():
    s = Session(world="street")
    fixed_clock(s, [0, 30, 60, 90, 120, 150])
    car_and_plate(s)
    s.history.push("no wait, the car was silver", [Update.of("o2", color="silver")])
    s.history.undo()
    rec = build_record(s.history, s.world)
    assert rec.corrections == [] and status(rec)[1] == "in effect" and status(rec)[3] == "undone"
    s.history.redo()
    s.history.push("sorry, it was grey", [Update.of("o2", color="gray")])
    rec = build_record(s.history, s.world)
    assert [(c.row, c.corrects) for c in rec.corrections] == [(3, 1), (6, 3)]
    assert "colour: said black at 10:02:00 (#1), corrected to silver at 10:03:00 (#3, correcting #1), " \
           "undone at 10:03:30 (#4) (picture shows black), redone at 10:04:00 (#5) (picture shows silver), " \
           "corrected to gray at 10:04:30 (#6, correcting #3)" in rec.history_of("o2", UTC)


def test_more_weather_and_more_notes_add_to_what_was_said():
    s = Session(world="street")
    fixed_clock(s, [0, 30, 60, 90, 120])
    s.history.push("I think it was around dusk", [SetBackground("dusk")])
    s.history.push("and it was raining", [SetBackground("dusk rain")])
    s.history.push("a man with a beard", [Add(obj(1, "man", 0.3, attributes={"notes": ["beard"]}))])
    s.history.push("he had a tattoo", [Update.of("o1", attributes={"notes": ["beard", "tattoo"]})])
    assert build_record(s.history, s.world).corrections == []
    s.history.push("actually it was night", [SetBackground("night rain")])
    (fix,) = build_record(s.history, s.world).corrections  # the time, said in #1; the rain of #2 stands
    assert (fix.row, fix.corrects) == (5, 1)
    assert (fix.changes[0].old, fix.changes[0].new) == ("dusk rain", "night rain")


# -- 2. what was inferred is labelled inferred, never said -----------------------------------------------------
def details(rec, oid):
    return {d.field: d for d in rec.objects[oid].details}


def test_inferred_details_are_labelled_inferred_with_why():
    rec = build_record(interview().history, Session(world="street").world)
    bank, man, woman = details(rec, "o1"), details(rec, "o3"), details(rec, "o4")
    assert (bank["position"].how, bank["position"].basis) == ("inferred", "drawn because it was named as a place")
    assert (man["flip"].how, man["flip"].basis) == ("inferred", "from 'walking towards the bank'")
    assert man["flip"].words == "facing right"
    assert (woman["position"].how, woman["position"].basis) == ("inferred", "placed by default")
    assert (man["pose"].how, man["pose"].rows) == ("said", (4,))
    unknown = {u["id"]: u["missing"] for u in rec.unknown}
    assert "where exactly (placed by default)" in unknown["o1"] and "where exactly (placed by default)" in unknown["o4"]


def test_a_side_said_in_words_is_said():
    s = Session(world="street")
    fixed_clock(s, [0])
    s.history.push("a white car drove past in the near lane, going left",
                   [Add(obj(1, "car", 0.5, 0.6, color="white", flip=True, attributes={"motion": "moving"}))])
    car = details(build_record(s.history, s.world), "o1")
    assert (car["flip"].how, car["flip"].words, car["position"].how) == ("said", "facing left", "said")


def test_nothing_inferred_is_presented_as_said():
    s = interview()
    rec = build_record(s.history, s.world)
    said_rows = {st.index for st in rec.statements if st.kind in ("turn", "revise")}
    for h in rec.objects.values():
        for d in h.details:
            if d.how == "said":
                assert d.rows and set(d.rows) <= said_rows, (h.id, d)
    account = rec.account_of("o1", UTC) + rec.account_of("o3", UTC)
    said_lines = [line for line in account if line.startswith("said in")]
    assert not any("across the street" in line or "facing" in line or "near sidewalk" in line
                   for line in said_lines), said_lines
    assert "inferred, not said: across the street, centre (drawn because it was named as a place)" in account
    assert "said in #4 at 10:03:00, “a man in a black hoodie and jeans, maybe six foot, was walking towards the " \
           "bank”: walking; tall (said: 'maybe'); black hoodie; jeans" in account
    html = render_report(s, tz=UTC, generated=0)
    assert "added the bank (o1) <span class=\"inferred\">— inferred, not said: across the street, centre " \
           "(drawn because it was named as a place)</span>" in html


# -- 3. a hedge covers the words it modifies -------------------------------------------------------------------
def test_a_hedge_covers_only_the_detail_it_modifies():
    s = interview()
    rec = build_record(s.history, s.world)
    man = details(rec, "o3")
    assert man["height"].words == "tall (said: 'maybe')" and man["height"].unsure
    assert man["top"].words == "black hoodie" and not man["top"].unsure
    assert man["bottom_kind"].words == "jeans" and not man["bottom_kind"].unsure
    assert man["carry_kind"].words == "carries a bag (said: 'I think, maybe')" and man["carry_kind"].unsure
    unsure = {(u["id"], u["field"]) for u in rec.uncertain}
    assert unsure == {("o2", "marks"), ("o3", "height"), ("o3", "carrying")}  # not the night, not the hoodie
    html = render_report(s, tz=UTC, generated=0)
    table = html.split("What the witness was unsure of")[1].split("Not stated")[0]
    rows = re.findall(r"<tr><td>([^<]*)</td><td>([^<]*)</td><td class=\"unsure\">([^<]*)</td>", table)
    assert sorted(rows) == [("the car (o2)", "marks", "number plate ended in 4"), ("the man (o3)", "carrying", "bag"),
                            ("the man (o3)", "height", "tall")]


def test_a_hedged_mark_is_unsure_and_a_plain_one_is_not():
    s = interview()
    s.history.push("it had a dent on the door", [Update.of("o2", color="silver", attributes={
        **CAR, "marks": ["number plate ended in 4", "dent on the door"], "marks_hedge": "i think"},
        uncertain={"marks": ["number plate ended in 4"]})])
    rec = build_record(s.history, s.world)
    marks = [d for d in rec.objects["o2"].details if d.field == "marks"]
    assert [(d.words, d.unsure, d.rows) for d in marks] == [
        ("marks: “number plate ended in 4” (said: 'I think')", True, (3,)),
        ("marks: “dent on the door”", False, (9,))]
    (mark,) = [u for u in rec.uncertain if u["field"] == "marks"]
    assert mark["alternatives"] == ["number plate ended in 4"] and mark["hedges"] == ["i think"]
    assert mark["statement"] == "the number plate ended in 4, I think"


def test_a_hedge_on_a_detail_does_not_make_the_time_unsure():
    s = Session(world="street")
    fixed_clock(s, [0, 30])
    s.history.push("it was night and a man, maybe six foot, came out",
                   [SetBackground("night"), Add(obj(1, "man", 0.3, attributes={"height": "tall",
                                                                               "height_hedge": "maybe"},
                                                   uncertain={"height": ["tall"]}))])
    assert [u["field"] for u in build_record(s.history, s.world).uncertain] == ["height"]
    s.history.push("I think it was around dusk", [SetBackground("dusk")])
    assert [u["field"] for u in build_record(s.history, s.world).uncertain] == ["time and weather", "height"]


# -- 4. English, never field names -----------------------------------------------------------------------------
def test_the_record_speaks_english():
    s = interview()
    s.history.push("the van driver got out, an older lady",
                   [Add(obj(5, "van", 0.7, 0.44)), Add(obj(6, "woman", 0.75, attributes={
                       "age": "elderly", "called": "lady", "of": "o5", "role": "driver"}))])
    rec = build_record(s.history, s.world)
    man = s.scene.get("o3")
    assert "carries a bag (said: 'I think, maybe')" in summary(s.world, man)
    lady = summary(s.world, s.scene.get("o6"), s.scene)
    assert "the driver of the van (o5)" in lady and "called 'lady'" in lady
    text = "\n".join(rec.text_lines(UTC))
    assert "carries a bag (said: 'I think, maybe')" in text and "the driver of the van (o5)" in text
    body = render_report(s, tz=UTC, generated=0).split("<body>")[1]
    for words in (text, body, summary(s.world, man), lady):
        assert not FIELD_NAMES.search(words), FIELD_NAMES.search(words)


# -- through the CLI ----------------------------------------------------------------------------------------------
def test_report_cli_counts_corrections_once_and_labels_what_was_inferred(tmp_path):
    path = interview().save(tmp_path / "session.json")
    out = tmp_path / "report.html"
    result = CliRunner().invoke(app, ["report", str(path), "-o", str(out), "--utc", "--text"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert "8 statements (1 not done), 1 correction, 3 uncertain" in result.output
    assert "  #5 corrects #2: the car (o2) colour black → silver" in lines
    assert next(x for x in lines if x.startswith("#2 ")).endswith("[corrected by #5 (colour)]")
    assert next(x for x in lines if x.startswith("#3 ")).endswith("[in effect]")
    assert "    inferred, not said: across the street, centre (drawn because it was named as a place)" in lines
    assert ("    said in #4 at 10:03:00, “a man in a black hoodie and jeans, maybe six foot, was walking towards the "
            "bank”: walking; tall (said: 'maybe'); black hoodie; jeans") in lines
    assert "    said in #6 at 10:03:40, “he was carrying a bag, I think, maybe”: carries a bag (said: 'I think, " \
           "maybe')" in lines
    assert not FIELD_NAMES.search(result.output)
    html = out.read_text()
    assert "1 correction," in html and "corrected by #5 (colour)" in html
    assert html.count("(corrects #2)") == 1


def test_report_cli_on_a_told_interview_links_the_correction_to_the_colour(tmp_path):
    """The same through the parser: whatever it makes of the words, 'no wait, the car was silver' corrects the
    statement that said the car was black, once, and never the plate."""
    said = ["a black car was parked across the street", "the number plate ended in 4",
            "no wait, the car was silver"]
    runner = CliRunner()
    result = runner.invoke(app, ["draw", "--world", "street", "--out", str(tmp_path / "iv"), *said])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["report", str(tmp_path / "iv" / "session.json"), "-o", str(tmp_path / "r.html"),
                                 "--text"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert "  #3 corrects #1: the car (o1) colour black → silver" in lines
    assert next(x for x in lines if x.startswith("#1 ")).endswith("[corrected by #3 (colour)]")
    assert next(x for x in lines if x.startswith("#2 ")).endswith("[in effect]")
    assert "3 statements, 1 correction," in result.output


def test_a_place_moved_away_from_what_was_said_is_inferred_and_a_new_place_corrects_the_words():
    s = Session(world="street")
    fixed_clock(s, [0, 30, 60])
    s.history.push("a man on the left, on this side of the street", [Add(obj(1, "man", 0.15))])
    s.history.push("he had a bag", [Update.of("o1", x=0.5, attributes={"carry_kind": "bag"})])
    rec = build_record(s.history, s.world)
    (where,) = [d for d in rec.objects["o1"].details if d.field == "position"]
    assert (where.how, where.words) == ("inferred", "on the near sidewalk, centre")
    assert where.basis == "moved to fit what was said; the witness said on the near sidewalk, left in #1"
    assert not any("centre" in line for line in rec.account_of("o1", UTC) if line.startswith("said in"))
    assert rec.corrections == [] and "position" in rec.objects["o1"].stated
    s.history.push("sorry, he was on the right", [Update.of("o1", x=0.85)])
    rec = build_record(s.history, s.world)
    assert [(c.row, c.corrects, c.changes[0].field) for c in rec.corrections] == [(3, 1, "position")]


def test_a_direction_said_of_a_thing_already_facing_that_way_is_still_given():
    s = Session(world="street")
    fixed_clock(s, [0, 30])
    s.history.push("a man in a black hoodie came out of the bank", [Add(obj(1, "man", 0.4))])
    s.history.push("he ran towards the corner", [Update.of("o1", pose="running")])
    rec = build_record(s.history, s.world)
    man = details(rec, "o1")
    assert (man["flip"].how, man["flip"].words, man["flip"].basis) == ("inferred", "facing right",
                                                                      "from 'ran towards the corner'")
    assert "facing / direction" not in next(u["missing"] for u in rec.unknown if u["id"] == "o1")
    assert "the man (o1): facing right" in render_report(s, tz=UTC, generated=0)


def test_a_revision_that_redraws_the_turn_a_little_elsewhere_is_one_correction():
    """The issue's '3 corrections': 'no wait, the car was silver' revising a turn that placed a car and a man,
    where the redrawn turn puts both a little elsewhere — one correction (the colour), not three."""
    s = Session(world="street")
    fixed_clock(s, [0, 30])
    s.history.push("a black car was parked in front of the bank and a man stood next to it",
                   [Add(obj(1, "car", 0.5, 0.44, color="black", attributes=CAR)), Add(obj(2, "man", 0.62, 0.43))])
    s.history.revise("no wait, the car was silver",
                     [Add(obj(1, "car", 0.52, 0.44, color="silver", attributes=CAR)), Add(obj(2, "man", 0.66, 0.43))])
    rec = build_record(s.history, s.world)
    (fix,) = rec.corrections
    assert (fix.row, fix.corrects, fix.fields) == (2, 1, ["colour"])
    moved = sorted((c.object_id, c.how) for c in rec.statements[1].changes if c.field == "position")
    assert moved == [("o1", "placed"), ("o2", "placed")]
    assert "1 correction," in rec.counts()


def test_what_happened_next_is_not_a_correction_but_no_wait_is():
    """Where a thing is, which way it faces, a posture, moving or parked change as the story goes on: "the car
    drove off towards the corner" after "a car was parked outside the cafe" is the next moment; the same change
    said as a correction ("no wait, …") corrects."""
    def told(last: str) -> list[tuple[int, int, str]]:
        s = Session(world="street")
        fixed_clock(s, [0, 30, 60])
        s.history.push("a silver car was parked outside the cafe",
                       [Add(obj(1, "cafe", 0.5)), Add(obj(2, "car", 0.5, 0.44, color="silver", attributes=CAR))])
        s.history.push("a man was standing on this side of the street", [Add(obj(3, "man", 0.3, pose="standing"))])
        s.history.push(last, [Update.of("o2", x=0.8, y=0.6, attributes={"motion": "moving"}),
                              Update.of("o3", pose="running")])
        rec = build_record(s.history, s.world)
        return sorted((c.row, c.corrects, ch.field) for c in rec.corrections for ch in c.changes)

    assert told("then the car drove off towards the corner and he ran") == []
    assert told("no wait, the car was moving and he was running") == [(3, 1, "motion"), (3, 2, "pose")]
    assert told("the car wasn't parked, it was moving, and he was running") == [(3, 1, "motion"), (3, 2, "pose")]


def test_unsure_whether_a_thing_was_there_reads_as_english():
    s = Session(world="street")
    fixed_clock(s, [0])
    s.history.push("I think there was a man at the bus stop",
                   [Add(obj(1, "man", 0.3, attributes={"there_hedge": "i think"}, uncertain={"there": ["i think"]}))])
    rec = build_record(s.history, s.world)
    (u,) = rec.uncertain
    assert (u["field"], u["alternatives"], u["drawn"], u["hedges"]) == ("whether it was there", ["there", "not there"],
                                                                        "drawn", ["i think"])
    lines = rec.text_lines(UTC)
    assert any(line.endswith("unsure whether it was there (said: 'I think')") for line in lines), lines
    assert "whether it was there (unsure): said maybe (i think) at 10:02:00 (#1)" in " ".join(lines)
    assert not any(FIELD_NAMES.search(line) for line in lines)
