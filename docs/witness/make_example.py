"""Rebuild the worked interview of docs/witness.md through the real CLI, and write what it printed into the page.

    .venv/bin/python docs/witness/make_example.py

It runs `scenewright draw --world street` on the statements below (the grammar parses them, as for any user),
then `scenewright report … --text --utc` and `scenewright verify` on the session it saved, and a `verify` of a
copy with one statement changed. The session (docs/witness/session.json), the report
(docs/witness/report.html, and report.pdf: the same page printed by headless Chromium), the screenshots of both
(report_html.png, report_pdf_1.png) and the final picture are the run's own files, turn_NN.png the picture after each
statement drawn small from that session; the blocks of docs/witness.md between `<!-- make_example: NAME -->`
and `<!-- /make_example -->` are replaced by what the commands printed. Times and the hash are the run's: they
change on every run, and always agree with the files.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from datetime import datetime, timezone
from pathlib import Path

from PIL import Image

from scenewright.session import Session
from scenewright.witness import build_record

HERE = Path(__file__).parent
DOCS = HERE.parent
PAGE = DOCS / "witness.md"

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
TAMPER = ("I think the number plate ended in 4.", "I think the number plate ended in 7.")


def run(*args: str, ok: tuple[int, ...] = (0,)) -> str:
    """One `scenewright` command, run from docs/ (so paths print as witness/…); what it printed."""
    env = {**os.environ, "SCENEWRIGHT_SEMANTIC": "0", "COLUMNS": "110", "NO_COLOR": "1"}
    p = subprocess.run([sys.executable, "-m", "scenewright.cli", *args], cwd=DOCS, env=env, capture_output=True,
                       text=True, timeout=600)
    if p.returncode not in ok:
        raise SystemExit(f"scenewright {' '.join(args)} exited {p.returncode}:\n{p.stdout}\n{p.stderr}")
    return p.stdout.rstrip("\n")


def shell(*args: str) -> str:
    """The command as a reader would type it."""
    return "scenewright " + " ".join(a if re.fullmatch(r"[\w./=-]+", a) else json.dumps(a) for a in args)


def screenshots() -> None:
    """What a person sees: the HTML report in a 1,200 px wide browser window (its top), and the PDF's first
    page — headless Chromium through Playwright, and poppler's pdftoppm (apt-get install chromium
    poppler-utils)."""
    from playwright.sync_api import sync_playwright

    args = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync"]
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=os.environ.get("SCENEWRIGHT_CHROMIUM", "/usr/bin/chromium"),
                                    args=args)
        page = browser.new_page(viewport={"width": 1200, "height": 1500})
        page.goto((HERE / "report.html").resolve().as_uri())
        shot = HERE / "report_html.png"
        page.screenshot(path=str(shot))
        browser.close()
    Image.open(shot).convert("RGB").quantize(128).save(shot, optimize=True)
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["pdftoppm", "-r", "90", "-png", "-f", "1", "-l", "1", "-singlefile", str(HERE / "report.pdf"),
                        str(Path(tmp) / "page")], check=True)
        Image.open(Path(tmp) / "page.png").convert("RGB").quantize(128).save(HERE / "report_pdf_1.png", optimize=True)


def replace_block(page: str, name: str, body: str) -> str:
    start, end = f"<!-- make_example: {name} -->", "<!-- /make_example -->"
    head, found, rest = page.partition(start)
    if not found:
        raise SystemExit(f"{PAGE} has no {start}")
    return head + start + "\n" + body.strip("\n") + "\n" + end + rest.partition(end)[2]


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "interview"
        draw_args = ("draw", "--world", "street", "-o", str(out), *INTERVIEW)
        run(*draw_args)
        shutil.copy(out / "session.json", HERE / "session.json")
        for old in HERE.glob("turn_*.png"):
            old.unlink()
        session = Session.load(HERE / "session.json")
        scene = session.history.start
        for st in build_record(session.history, session.world).statements:  # the picture after each, small
            scene = st.scene or scene
            session.render(scene, (300, 200)).convert("RGB").quantize(96).save(HERE / f"turn_{st.index:02d}.png",
                                                                                optimize=True)
        Image.open(out / f"turn_{len(INTERVIEW):02d}.png").convert("RGB").quantize(160).save(HERE / "final.png",
                                                                                             optimize=True)
        report_args = ("report", "witness/session.json", "-o", "witness/report.html", "--pdf", "witness/report.pdf",
                       "--utc", "--text")
        report = run(*report_args)
        screenshots()
        verify = run("verify", "witness/session.json")
        digest = json.loads((HERE / "session.json").read_text())["seal"]["sha256"]
        expect = run("verify", "witness/session.json", "--expect", digest[:16])
        edited = Path(tmp) / "edited.json"
        text = (HERE / "session.json").read_text()
        edited.write_text(text.replace(json.dumps(TAMPER[0]), json.dumps(TAMPER[1])))
        tampered = run("verify", str(edited), ok=(1,)).replace(str(edited), "edited.json")

    log = json.loads((HERE / "session.json").read_text())["history"]["log"]
    rows = ["| # | time (UTC) | the witness said | scenewright's reply | picture |", "|---|---|---|---|---|"]
    for i, ev in enumerate(log, 1):
        at = datetime.fromtimestamp(ev["time"], timezone.utc).strftime("%H:%M:%S")
        reply = ev["reply"].replace("|", "\\|") or "—"
        mark = " *(not done)*" if ev["kind"] == "refused" else " *(kind: revise)*" if ev["kind"] == "revise" else ""
        rows.append(f"| {i} | {at} | {ev['text']} | {reply}{mark} | ![](witness/turn_{i:02d}.png) |")
    day = datetime.fromtimestamp(log[0]["time"], timezone.utc).strftime("%Y-%m-%d")
    shown_draw = shell("draw", "--world", "street", "-o", "interview", *INTERVIEW).replace(" \"", " \\\n    \"")
    page = PAGE.read_text(encoding="utf-8")
    page = replace_block(page, "commands", f"```\n{shown_draw}\n{shell(*report_args)}\n"
                                           f"{shell('verify', 'witness/session.json')}\n```")
    page = replace_block(page, "table", f"Run on {day} (times in UTC, as the run gave them):\n\n" + "\n".join(rows))
    page = replace_block(page, "record", f"```\n$ {shell(*report_args)}\n{report}\n```")
    page = replace_block(page, "verify", f"```\n$ {shell('verify', 'witness/session.json')}\n{verify}\n"
                                         f"$ {shell('verify', 'witness/session.json', '--expect', digest[:16])}\n"
                                         f"{expect}\n$ scenewright verify edited.json    # #3 now says 7, not 4\n"
                                         f"{tampered}\n```")
    PAGE.write_text(page, encoding="utf-8")
    print(f"wrote {PAGE} and {HERE}/ ({len(log)} events, SHA-256 {digest})", file=sys.stderr)


if __name__ == "__main__":
    main()
