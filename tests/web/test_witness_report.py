"""The web app's printable report and PDF of a street session are the witness interview record — the sections
`scenewright report` writes (statements numbered as said, corrections, what was unsure, what was not stated,
each object's history), not a generic scene record — and the PDF carries that record as real text."""

from __future__ import annotations

import re
from io import BytesIO

import pytest

from scenewright.session import Session
from scenewright.witness import render_report
from scenewright.witness.pdf import pdf_available

# the worked interview of docs/witness.md: 11 statements, a correction (#6 of #2), hedges (#3 the plate, #4 the
# height, #11 the beard) and one that cannot be done (#7)
INTERVIEW = [
    "It was late at night and raining, outside the bank.",
    "A black car was parked in front of the bank.",
    "I think the number plate ended in 4.",
    "A man in a black hoodie, maybe six foot, came out of the bank.",
    "He had jeans on and white trainers.",
    "No wait, the car was silver.",
    "A dog was barking somewhere.",
    "He ran towards the corner.",
    "There was a woman at the bus stop on this side of the street.",
    "She had a red umbrella.",
    "I think he had a beard.",
]
SECTIONS = ["The scene as described", "What the witness was unsure of", "Not stated (drawn neutral)",
            "Corrections", "Objects: what was said, what was inferred, and their history", "Statements, verbatim",
            "The picture after each statement"]


def street_interview(client) -> str:
    sid = client.post("/api/sessions", json={"world": "street"}).json()["id"]
    for text in INTERVIEW:
        r = client.post(f"/api/sessions/{sid}/tell", json={"text": text})
        assert r.status_code == 200, r.text
    return sid


def headings(page: str) -> list[str]:
    return [re.sub(r"<[^>]+>", "", h) for h in re.findall(r"<h2[^>]*>(.*?)</h2>", page)]


def words(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture
def interview(client):
    sid = street_interview(client)
    exported = Session.from_dict(client.get(f"/api/sessions/{sid}/export/session").json())
    return sid, exported


def test_the_printable_report_is_the_witness_record(client, interview):
    sid, session = interview
    r = client.get(f"/api/sessions/{sid}/export/report")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    page = r.text
    assert headings(page) == SECTIONS == headings(render_report(session))  # what `scenewright report` writes
    assert "Scene record" not in page and "<h1>Witness interview record</h1>" in page

    rows = re.findall(r'<tr><td>(\d+)</td><td class="t">[^<]*</td><td class="said">([^<]*)', page)
    assert [int(n) for n, _ in rows] == list(range(1, 12))  # numbered as said, the refused one counted
    assert [text for _, text in rows] == [t.replace("'", "&#x27;") for t in INTERVIEW]
    (dog,) = re.findall(r'<tr><td>7</td>.*?</tr>', page)
    assert "reply: I don&#x27;t know" in dog and '<td class="status refused">not done</td>' in dog

    corrections = page.split("<h2>Corrections</h2>")[1].split("<h2>")[0]
    assert corrections.count("<tr><td>") == 1 and "<tr><td>6</td>" in corrections and "#2 " in corrections
    assert "colour black → silver" in corrections
    unsure = page.split("<h2>What the witness was unsure of</h2>")[1].split("<h2>")[0]
    assert "number plate ended in 4" in unsure and "hedged: I think" in unsure
    what = re.findall(r"<tr><td>([^<]*)</td><td>([^<]*)</td><td class=\"unsure\">([^<]*)</td>", unsure)
    assert what == [("the car (o2)", "marks", "number plate ended in 4"), ("the man (o3)", "height", "tall"),
                    ("the man (o3)", "also said (not drawn)", "beard")]  # "maybe six foot": not the hoodie
    assert "hedged: maybe" in unsure
    objects = page.split("<h2>Objects")[1].split("<h2>")[0]
    for label in ("the bank (o1)", "the car (o2)", "the man (o3)", "the bus stop (o4)", "the woman (o5)"):
        assert f"<b>{label}</b>" in objects
    assert "colour: said black at" in objects and "corrected to silver" in objects  # each object's history
    assert "_kind" not in page and "_hedge" not in page  # in English, not field names
    assert session.to_dict()["seal"]["sha256"] in page


def test_other_worlds_keep_the_scene_record(client, session):
    client.post(f"/api/sessions/{session['id']}/tell", json={"text": "add a red cube"})
    page = client.get(f"/api/sessions/{session['id']}/export/report").text
    assert "Scene record" in page and "Witness interview record" not in page


def test_the_pdf_is_the_record_in_real_text(client, interview):
    if not pdf_available():
        pytest.skip("no chromium to print the PDF with: apt-get install chromium (scripts/setup_browser.sh)")
    pypdf = pytest.importorskip("pypdf", reason="pip install pypdf (the 'test' extra) to read the PDF's text")
    sid, session = interview
    r = client.get(f"/api/sessions/{sid}/export/pdf")
    assert r.status_code == 200, r.text
    assert r.headers["content-type"] == "application/pdf" and r.content.startswith(b"%PDF-")
    assert f'filename="scenewright-{sid[:8]}.report.pdf"' in r.headers["content-disposition"]
    pdf = pypdf.PdfReader(BytesIO(r.content))
    assert len(pdf.pages) >= 2
    for p in pdf.pages:  # A4
        assert abs(float(p.mediabox.width) - 595.3) < 2 and abs(float(p.mediabox.height) - 841.9) < 2
    text = words(" ".join(p.extract_text() for p in pdf.pages))
    for heading in SECTIONS:
        assert heading in text, heading
    for said in INTERVIEW:  # every statement as selectable text, not a picture of it
        assert said in text, said
    assert "(28 things in all)" in text  # the end of the longest reply: not cut off at the margin
    assert session.to_dict()["seal"]["sha256"] in text.replace(" ", "")

    starts = []  # where each run of text starts: inside the page, clear of the edges

    def visit(run, cm, tm, font, size):
        if run.strip():
            starts.append((cm[0] * tm[4] + cm[2] * tm[5] + cm[4], cm[1] * tm[4] + cm[3] * tm[5] + cm[5]))

    for p in pdf.pages[:2]:
        p.extract_text(visitor_text=visit)
    width = float(pdf.pages[0].mediabox.width)
    assert starts and all(20 < x < width - 40 for x, _ in starts), min(starts)


def test_no_pdf_without_a_browser_says_what_to_do(client, session, monkeypatch):
    monkeypatch.setenv("SCENEWRIGHT_CHROMIUM", "/nonexistent/chromium")
    assert client.get("/api/worlds").json()["pdf"] is False  # the page hides its PDF item
    r = client.get(f"/api/sessions/{session['id']}/export/pdf")
    assert r.status_code == 503
    message = r.json()["error"]["message"]
    assert "print it to PDF from your browser" in message and "apt-get" not in message and "scenewright" not in message
