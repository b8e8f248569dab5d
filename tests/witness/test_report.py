"""The printable report: self-contained HTML, every statement and correction in it; golden output."""

from __future__ import annotations

import os
import re
from datetime import timezone
from pathlib import Path

from typer.testing import CliRunner

from scenewright.cli import app
from scenewright.witness import render_report

from .conftest import T0

GOLDEN = Path(__file__).parent / "golden" / "report.html"


def normalised(html: str) -> str:
    """Pictures replaced by a placeholder (their pixels are tested elsewhere); the report's own time fixed."""
    html = re.sub(r"data:image/png;base64,[A-Za-z0-9+/=]+", "data:image/png;base64,…", html)
    return re.sub(r"report made \d\d:\d\d:\d\d", "report made HH:MM:SS", html)


def test_report_is_self_contained_and_printable(session):
    html = render_report(session, tz=timezone.utc, generated=T0 + 3600)
    assert html.startswith("<!doctype html>") and "@media print" in html
    assert not re.search(r"""(src|href)=["'](https?:|//|file:)""", html)
    images = re.findall(r'<img [^>]*src="([^"]+)"', html)
    assert images and all(i.startswith("data:image/png;base64,") for i in images)
    assert len(images) == 1 + sum(1 for _ in re.finditer(r"<figure>", html))


def test_report_lists_statements_corrections_uncertain_and_unknown(session):
    html = render_report(session, tz=timezone.utc, generated=T0 + 3600)
    for said in ("a red van was parked in front of the bank", "no, sorry, it was orange", "a unicorn ran past",
                 "I&#x27;m not sure if it was orange or red"):
        assert said in html
    assert "colour: said red at 10:03:00 (#2), corrected to orange at 10:05:00 (#3, correcting #2)" in html
    assert "orange or red" in html and "not stated" in html.lower()
    assert "corrected by #3 (colour)" in html and "undone" in html
    assert "plate started with K7" in html


def test_golden_report(session):
    html = normalised(render_report(session, tz=timezone.utc, generated=T0 + 3600))
    if os.environ.get("SCENEWRIGHT_UPDATE_GOLDEN"):
        GOLDEN.parent.mkdir(exist_ok=True)
        GOLDEN.write_text(html, encoding="utf-8")
    assert html == GOLDEN.read_text(encoding="utf-8"), "report changed: SCENEWRIGHT_UPDATE_GOLDEN=1 to accept"


def test_cli_report(session, tmp_path):
    session.save(tmp_path / "session.json")
    out = tmp_path / "report.html"
    result = CliRunner().invoke(app, ["report", str(tmp_path / "session.json"), "-o", str(out), "--utc", "--text"])
    assert result.exit_code == 0, result.output
    assert out.exists() and "a red van was parked" in out.read_text()
    assert "colour: said red at 10:03:00 (#2), corrected to orange at 10:05:00 (#3, correcting #2)" in result.output
    assert "2 uncertain" in result.output
