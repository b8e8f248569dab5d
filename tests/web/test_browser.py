"""The page in a real browser: Playwright driving Debian's headless chromium against `scenewright serve`.

Set up with `scripts/setup_browser.sh` (apt chromium + the playwright package; never `playwright install`).
Skips, with the reason, when either is missing. Screenshots go to the test's tmp folder, or to
$SCENEWRIGHT_ARTIFACTS when that is set.
"""

from __future__ import annotations

from io import BytesIO

import pytest

pytestmark = pytest.mark.slow

TURNS = ["add a red cube on the left", "add a blue sphere on the right", "add a green cylinder in the middle"]


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




STREET = ["There's a bank across the street.", "A white van was parked in front of the bank.",
          "A man in a black hoodie, maybe six foot, came out of the bank.", "No wait, the van was grey."]


def header_rows(page) -> int:
    """How many rows the top bar's visible items take."""
    boxes = page.evaluate("""() => [...document.querySelectorAll('.bar > *')]
        .filter((e) => e.getClientRects().length && getComputedStyle(e).display !== 'none')
        .map((e) => { const r = e.getBoundingClientRect(); return [r.top, r.bottom]; })""")
    rows: list[list[float]] = []
    for top, bottom in sorted(boxes):
        if rows and top < rows[-1][1] - 4:  # overlaps the row before: the same row
            rows[-1][1] = max(rows[-1][1], bottom)
        else:
            rows.append([top, bottom])
    return len(rows)


def picture_in_view(page) -> bool:
    return page.evaluate("""() => { const r = document.getElementById('picture').getBoundingClientRect();
        return r.height > 100 && r.top >= 0 && r.bottom <= window.innerHeight; }""")


@pytest.mark.parametrize("width, height", [(390, 844), (1280, 900)])
def test_street_at_phone_and_desktop_width(browser, server, out, width, height):
    """The header is one row, and after every statement the new picture is in view, at a phone's 390×844 and
    a laptop's 1280×900."""
    context = browser.new_context(viewport={"width": width, "height": height}, has_touch=width < 500)
    page = context.new_page()
    page.set_default_timeout(20_000)
    page.goto(server.url + "/")
    wait_drawn(page, 0, 0)
    page.select_option("#world", "street")
    page.wait_for_function("() => document.getElementById('text').placeholder.includes('bank')")
    wait_drawn(page, 0, 0)
    assert header_rows(page) == 1
    help_text = page.eval_on_selector("#help-examples", "e => e.textContent")
    assert "van" in help_text and "cube" not in help_text  # the examples are the street's
    for i, text in enumerate(STREET, 1):
        page.fill("#text", text)
        page.click("#send")
        wait_drawn(page, i, i)
        assert picture_in_view(page), f"after #{i} the picture is not in view"
    assert page.evaluate("document.documentElement.scrollWidth") <= width  # no sideways scroll
    assert header_rows(page) == 1
    assert page.locator("#objects li").count() == 3
    page.screenshot(path=str(out / f"web_street_{width}x{height}.png"))
    context.close()


def test_street_report_fits_the_screen_and_the_page(browser, server, out):
    """The printable report of a street session: no sideways scroll at 1,200 px, and laid out for print on A4
    (186 mm between the margins) nothing runs past the right margin — the longest reply wraps."""
    httpx = pytest.importorskip("httpx")
    sid = httpx.post(server.url + "/api/sessions", json={"world": "street"}).json()["id"]
    for text in STREET[:2] + ["A dog was barking somewhere.", "I think the plate started with K7."] + STREET[2:]:
        httpx.post(f"{server.url}/api/sessions/{sid}/tell", json={"text": text}, timeout=30).raise_for_status()
    url = f"{server.url}/api/sessions/{sid}/export/report"
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    page.goto(url)
    assert page.inner_text("h1") == "Witness interview record"
    assert page.evaluate("document.documentElement.scrollWidth") <= 1200
    page.screenshot(path=str(out / "web_street_report_1200.png"), full_page=True)
    content = round(186 / 25.4 * 96)  # A4 less 12 mm each side, in CSS pixels
    page.set_viewport_size({"width": content, "height": 1100})
    page.emulate_media(media="print")
    widest = page.evaluate("""() => Math.max(...[...document.body.querySelectorAll('*')]
        .map((e) => e.getBoundingClientRect().right))""")
    assert widest <= content + 1, f"something ends {widest - content:.0f} px past the right margin"
    assert page.evaluate("document.documentElement.scrollWidth") <= content
    page.close()


def test_compare_with_another_scene_from_the_menu(browser, server):
    httpx = pytest.importorskip("httpx")
    other = httpx.post(server.url + "/api/sessions", json={"world": "street"}).json()["id"]
    httpx.post(f"{server.url}/api/sessions/{other}/tell", json={"text": "A gray van was parked across the street."},
               timeout=30).raise_for_status()
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(20_000)
    page.goto(server.url + "/")
    wait_drawn(page, 0, 0)
    page.select_option("#world", "street")
    page.wait_for_function("() => document.getElementById('text').placeholder.includes('bank')")
    page.fill("#text", "A white van was parked across the street.")
    page.press("#text", "Enter")
    wait_drawn(page, 1, 1)
    page.once("dialog", lambda d: d.accept(f"{server.url}/#s={other}"))  # the other scene's link, pasted
    page.click("#export summary")
    with context.expect_page() as opened:
        page.click("#compare")
    compared = opened.value
    compared.wait_for_load_state()
    assert compared.inner_text("h1") == "Two witnesses"
    assert "the van is white in A, gray in B" in compared.inner_text("body")
    context.close()
