"""The page in a real browser: Playwright driving Debian's headless chromium against `scenewright serve`.

Set up with `scripts/setup_browser.sh` (apt chromium + the playwright package; never `playwright install`).
Skips, with the reason, when either is missing. Screenshots go to the test's tmp folder, or to
$SCENEWRIGHT_ARTIFACTS when that is set.
"""

from __future__ import annotations

import os
from io import BytesIO
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

CHROMIUM = os.environ.get("SCENEWRIGHT_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
TURNS = ["add a red cube on the left", "add a blue sphere on the right", "add a green cylinder in the middle"]


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api", reason="pip install playwright (scripts/setup_browser.sh)")
    if not (os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK)):
        pytest.skip(f"no chromium at {CHROMIUM}: run scripts/setup_browser.sh (apt-get install chromium)")
    with sync_api.sync_playwright() as p:
        try:
            b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True, timeout=60_000)
        except Exception as e:  # a broken browser install must not hang the suite
            pytest.skip(f"chromium at {CHROMIUM} did not start: {e}")
        yield b
        b.close()


@pytest.fixture
def out(tmp_path) -> Path:
    return Path(os.environ.get("SCENEWRIGHT_ARTIFACTS") or tmp_path)


def picture_key(page) -> str:
    return page.eval_on_selector("#picture", "img => new URL(img.src).searchParams.get('v')")


def wait_drawn(page, turns: int, cursor: int) -> None:
    page.wait_for_function(
        """([n, k]) => {
             const items = document.querySelectorAll('#turns li');
             const cur = document.querySelector('#turns .turn.current');
             const img = document.getElementById('picture');
             return items.length === n + 1 && cur && cur.parentElement.dataset.k === String(k)
                    && img.complete && img.naturalWidth > 0 && !document.querySelector('.canvas.busy');
           }""", arg=[turns, cursor])


def test_tell_three_turns_undo_and_export(browser, server, out):
    context = browser.new_context(viewport={"width": 1366, "height": 900}, accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(20_000)
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(server.url + "/")
    wait_drawn(page, 0, 0)
    assert "#s=" in page.url  # the link holds the scene

    keys = [picture_key(page)]
    for i, text in enumerate(TURNS, 1):
        page.fill("#text", text)
        page.press("#text", "Enter")
        wait_drawn(page, i, i)
        keys.append(picture_key(page))
        assert page.input_value("#text") == ""
        assert page.locator("#turns li").nth(i).inner_text().strip().endswith(text)
    assert len(set(keys)) == 4  # the picture changed after every turn
    assert page.locator("#objects li").count() == 3
    assert page.inner_text("#reply")

    page.click("#undo")
    wait_drawn(page, 3, 2)  # the undone turn stays on the timeline, greyed
    assert picture_key(page) == keys[2]
    assert page.locator("#objects li").count() == 2
    assert "future" in page.get_attribute("#turns li:nth-child(4) .turn", "class")

    page.click("body", position={"x": 5, "y": 5})
    page.keyboard.press("Control+Shift+Z")  # redo
    wait_drawn(page, 3, 3)
    page.keyboard.press("Control+z")  # undo
    wait_drawn(page, 3, 2)

    page.click("#turns li:nth-child(2) .turn")  # look at turn 1, then go back there
    page.wait_for_selector("#banner:not([hidden])")
    page.click("#go-here")
    wait_drawn(page, 3, 1)
    assert page.locator("#objects li").count() == 1

    page.click("#export summary")
    with page.expect_download() as dl:
        page.click("#export a[data-kind=png]")
    png = out / "exported.png"
    dl.value.save_as(png)
    from PIL import Image

    assert Image.open(BytesIO(png.read_bytes())).size == (512, 512)

    page.screenshot(path=str(out / "web_e2e.png"), full_page=True)
    page.reload()  # the scene is still there after a reload
    wait_drawn(page, 3, 1)
    assert not errors, errors
    context.close()


def test_tablet_width_has_no_sideways_scroll(browser, server, out):
    context = browser.new_context(viewport={"width": 820, "height": 1180}, has_touch=True)
    page = context.new_page()
    page.set_default_timeout(20_000)
    page.goto(server.url + "/")
    wait_drawn(page, 0, 0)
    page.fill("#text", TURNS[0])
    page.click("#send")
    wait_drawn(page, 1, 1)
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
    box = page.locator("#picture").bounding_box()
    assert box["width"] >= 500  # the picture stays large
    page.screenshot(path=str(out / "web_e2e_tablet.png"), full_page=True)
    context.close()


def test_refusal_is_shown_under_the_picture(browser, server):
    page = browser.new_page()
    page.set_default_timeout(20_000)
    page.goto(server.url + "/")
    wait_drawn(page, 0, 0)
    page.fill("#text", "zorble the flim")
    page.press("#text", "Enter")
    page.wait_for_selector("#reply.no")
    assert page.inner_text("#reply")
    assert page.locator("#turns li").count() == 1  # nothing changed
    page.close()


