"""Two witnesses: the matcher recovers known pairs and known differences; the page and the command."""

from __future__ import annotations

import itertools
import json
import random
import re
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from scenewright.cli import app
from scenewright.scene import Add, SetBackground
from scenewright.session import Session
from scenewright.witness.compare import (LONE, X_TOL, compare, load_witness, match, render_compare,
                                         witness_from_data)
from scenewright.witness.describe import summary

TOLD = ["There's a bank across the street.", "A white van was parked in front of the bank.",
        "A tall man in a black hoodie was standing on this side of the street, on the left.",
        "A red car in the near lane, in the middle.", "There was a bus stop on this side of the street, "
        "on the right.", "It was night."]


@pytest.fixture(scope="module")
def told() -> Session:
    s = Session(world="street")
    for text in TOLD:
        assert s.tell(text).ok, text
    return s


def witness(session: Session, name: str):
    return witness_from_data(session.to_dict(), name, f"{name}.session.json")


def retold(session: Session, seed: int = 0, change=None, drop=(), extra=(), jitter: float = 0.0):
    """Witness B: the things of `session`'s final scene told again in a shuffled order under new ids, each as
    one statement in words (`summary`), with `change(category, obj) -> obj`, `drop` (A's ids left out), `extra`
    objects added and every x moved by up to ±`jitter`. Returns (B's session, {A's id: B's id})."""
    rng = random.Random(seed)
    objs = [o for o in session.scene.objects if o.id not in drop]
    rng.shuffle(objs)
    b, truth = Session(world="street"), {}
    b.apply(f"it was {session.scene.background}", [SetBackground(session.scene.background)])
    for k, o in enumerate(list(objs) + list(extra)):
        new = o.with_(id=f"o{k + 3}", x=min(0.97, max(0.03, o.x + rng.uniform(-jitter, jitter))))
        if change and o in objs:
            new = change(new)
        b.apply(summary(b.world, new), [Add(new)])
        if o in objs:
            truth[o.id] = new.id
    return b, truth


def paired(c) -> dict[str, str]:
    return {p.a.id: p.b.id for p in c.pairs}


def ids_of(told, category):
    return next(o.id for o in told.scene.objects if o.category == category)


# -- the assignment ------------------------------------------------------------------------------------------------
def brute_force(cost, n, m, lone):
    """The least total cost over every partial matching (each row: a free column of its own, or nobody)."""
    best = float("inf")
    for cols in itertools.product(*[[None] + [j for j in range(m) if cost[i][j] is not None] for i in range(n)]):
        used = [c for c in cols if c is not None]
        if len(used) == len(set(used)):
            total = sum(cost[i][c] for i, c in enumerate(cols) if c is not None)
            best = min(best, total + lone * (n + m - 2 * len(used)))
    return best


@pytest.mark.parametrize("seed", range(40))
def test_match_is_optimal_like_exhaustive_search(seed):
    rng = random.Random(seed)
    n, m = rng.randint(0, 5), rng.randint(0, 5)
    lone = rng.choice([0.3, 1.0, LONE])
    cost = [[None if rng.random() < 0.3 else round(rng.uniform(0, 3), 2) for _ in range(m)] for _ in range(n)]
    pairs = match(cost, lone)
    assert len({i for i, _ in pairs}) == len({j for _, j in pairs}) == len(pairs)
    assert all(cost[i][j] is not None for i, j in pairs)
    total = sum(cost[i][j] for i, j in pairs) + lone * (n + m - 2 * len(pairs))
    assert total == pytest.approx(brute_force(cost, n, m, lone))


# -- known differences ------------------------------------------------------------------------------------------
def test_the_same_scene_told_again_agrees_on_everything(told):
    b, truth = retold(told, seed=1)
    c = compare(witness(told, "A"), witness(b, "B"))
    assert paired(c) == truth and not c.only_a and not c.only_b
    assert c.conflicts == [] and c.only == []
    texts = [f.text for f in c.agree]
    assert "the van is white in both" in texts and "it was night in both" in texts
    assert "the man is left of the car in both" in texts


def test_a_colour_changed_is_the_one_conflict(told):
    van = ids_of(told, "van")
    b, truth = retold(told, seed=2, change=lambda o: o.with_(color="gray") if o.category == "van" else o)
    c = compare(witness(told, "A"), witness(b, "B"))
    assert paired(c) == truth
    assert [(f.ids[0], f.field) for f in c.conflicts] == [(van, "color")]
    assert c.conflicts[0].text == "the van is white in A, gray in B"


def test_an_unsure_colour_that_allows_the_other_is_not_a_conflict(told):
    b, _ = retold(told, seed=3, change=lambda o: o.with_(color="gray", uncertain={"color": ["gray", "white"]})
                  if o.category == "van" else o)
    c = compare(witness(told, "A"), witness(b, "B"))
    assert c.conflicts == []
    van = next(f for f in c.agree if f.field == "color" and f.about == "the van")
    assert "both allow white" in van.text and "unsure" in van.b


def test_a_man_moved_across_conflicts_in_place_and_in_order(told):
    man = ids_of(told, "man")
    b, truth = retold(told, seed=4, change=lambda o: o.with_(x=1 - o.x) if o.category == "man" else o)
    c = compare(witness(told, "A"), witness(b, "B"))
    assert paired(c) == truth
    fields = {(f.field, f.ids[0]) for f in c.conflicts}
    assert ("position", man) in fields
    assert all(man in (f.ids[0] or "") for f in c.conflicts), "only relations of the man may change"
    texts = [f.text for f in c.conflicts]
    assert "the man is left of the car in A, right of it in B" in texts
    assert any(t.startswith("A puts the man on the near sidewalk, left; B on the near sidewalk, right")
               for t in texts)


def test_a_thing_only_one_mentions_and_an_extra_one(told):
    stop = ids_of(told, "bus stop")
    woman = told.scene.objects[0].with_(category="woman", x=0.15, y=0.79, color=None, pose="walking")
    b, truth = retold(told, seed=5, drop=(stop,), extra=(woman,))
    c = compare(witness(told, "A"), witness(b, "B"))
    assert paired(c) == truth
    assert [o.id for o in c.only_a] == [stop] and [o.category for o in c.only_b] == ["woman"]
    only = [f.text for f in c.only if f.field == "object"]
    assert only == ["only A mentions a bus stop: on the near sidewalk, right",
                    "only B mentions a woman: walking, on the near sidewalk, left"]


def test_things_of_different_kinds_are_never_paired(told):
    b, _ = retold(told, seed=6, change=lambda o: o.with_(category="truck") if o.category == "van" else o)
    c = compare(witness(told, "A"), witness(b, "B"))
    assert ["van"] == [o.category for o in c.only_a] and ["truck"] == [o.category for o in c.only_b]


def test_a_person_and_a_man_are_one_thing(told):
    b, truth = retold(told, seed=7, change=lambda o: o.with_(category="person") if o.category == "man" else o)
    c = compare(witness(told, "A"), witness(b, "B"))
    assert paired(c) == truth
    kind = next(f for f in c.agree if f.field == "category")
    assert kind.text == "the man: A says a man, B a person"


@pytest.mark.parametrize("seed", range(8))
def test_jittered_places_keep_the_pairs_and_make_no_conflicts(seed):
    """Two men, two cars, two trees: which is which is only told by where they are (and the men's clothes)."""
    a = Session(world="street")
    for text in ("A tall man in a black hoodie on this side of the street, on the left.",
                 "A short man in a white shirt on this side of the street, on the right.",
                 "A red car in the near lane, on the left.", "A red car in the far lane, on the right.",
                 "A tree across the street, on the left.", "A tree across the street, on the right."):
        assert a.tell(text).ok, text
    b, truth = retold(a, seed=seed, jitter=X_TOL / 3)
    c = compare(witness(a, "A"), witness(b, "B"))
    assert paired(c) == truth
    assert not [f for f in c.conflicts if f.field in ("position", "color", "top", "top_kind", "height")]


def test_a_different_background_and_detail_said_by_one(told):
    b, _ = retold(told, seed=8, change=lambda o: o.with_(attributes={}) if o.category == "van" else o)
    b.apply("it was dusk", [SetBackground("dusk")])
    c = compare(witness(told, "A"), witness(b, "B"))
    assert "it was night in A, dusk in B" in [f.text for f in c.conflicts]
    assert "only A says the van is parked" in [f.text for f in c.only]


def test_the_page_holds_both_pictures_seals_and_tables(told):
    b, _ = retold(told, seed=9, change=lambda o: o.with_(color="gray") if o.category == "van" else o)
    wa, wb = witness(told, "A"), witness(b, "B")
    html = render_compare(compare(wa, wb))
    assert html.startswith("<!doctype html>")
    assert not re.search(r"""(src|href)=["'](https?:|//|file:)""", html)
    assert len(re.findall(r'<img [^>]*src="data:image/png;base64,', html)) == 2
    for text in ("Who is who", "They conflict on (1)", "Only one of them mentions (0)", "They agree on",
                 "the van is white in A, gray in B", wa.seal, wb.seal):
        assert text in html
    assert html.count("verifies") == 2


def test_a_changed_file_is_compared_but_said_not_to_verify(told, tmp_path):
    data = told.to_dict()
    data["history"]["log"][1]["text"] = "A white van was parked far away."
    (tmp_path / "a.json").write_text(json.dumps(data))
    del data["seal"]
    (tmp_path / "old.json").write_text(json.dumps(data))
    changed, old = load_witness(tmp_path / "a.json", "A"), load_witness(tmp_path / "old.json", "B")
    assert changed.verified is False and "event #2 changed" in changed.seal_words()
    assert old.verified is None and "no seal" in old.seal_words()
    assert "does NOT verify" in render_compare(compare(changed, old))


# -- the command -------------------------------------------------------------------------------------------------
@pytest.fixture
def files(told, tmp_path):
    b, _ = retold(told, seed=10, change=lambda o: o.with_(color="gray") if o.category == "van" else o)
    told.save(tmp_path / "A.session.json")
    b.save(tmp_path / "B.session.json")
    return tmp_path / "A.session.json", tmp_path / "B.session.json"


def test_cli_compare_writes_the_page_and_prints_a_summary(files, tmp_path):
    out = tmp_path / "compare.html"
    result = CliRunner().invoke(app, ["compare", str(files[0]), str(files[1]), "-o", str(out)])
    assert result.exit_code == 0, result.output
    html = out.read_text()
    assert len(re.findall(r'<img [^>]*src="data:image/png;base64,', html)) == 2 and "Who is who" in html
    assert "conflicts (1):\n  - the van is white in A, gray in B" in result.output
    assert f"wrote {out}" in result.output and result.output.count("verifies") == 2


def test_cli_compare_json(files, tmp_path):
    result = CliRunner().invoke(app, ["compare", *map(str, files), "-o", str(tmp_path / "c.html"), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["counts"]["conflict"] == 1 and len(data["pairs"]) == 5
    assert [f["field"] for f in data["findings"] if f["kind"] == "conflict"] == ["color"]
    assert data["a"]["verified"] is True and len(data["a"]["sha256"]) == 64


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "scenewright.cli", "compare", *args], capture_output=True,
                          text=True, timeout=120)


def test_cli_compare_bad_input_exits_2_with_one_line(files, tmp_path):
    park = Session(world="park")
    park.tell("a girl on the right")
    park.save(tmp_path / "park.json")
    (tmp_path / "list.json").write_text("[1, 2]")
    (tmp_path / "bytes.json").write_bytes(b"\x89PNG\r\n\x1a\n\x00")
    cases = {"missing.json": "cannot read", "list.json": "not a scenewright session file",
             "bytes.json": "not valid JSON", "park.json": "same world"}
    for name, words in cases.items():
        p = run(str(files[0]), str(tmp_path / name), "-o", str(tmp_path / "x.html"))
        assert p.returncode == 2, (name, p.stdout, p.stderr)
        assert p.stderr.count("\n") == 1 and p.stderr.startswith("error: ") and words in p.stderr, p.stderr
        assert "Traceback" not in p.stderr
