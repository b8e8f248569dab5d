"""The renderer picker in a real browser (Playwright + Debian's chromium, as tests/web/test_browser.py)."""

from __future__ import annotations

from io import BytesIO

import numpy as np
import pytest
from PIL import Image

from scenewright import Session

from .test_browser import header_rows, wait_drawn

pytestmark = pytest.mark.slow


def test_pick_the_layered_gan_then_a_world_without_a_choice(browser, server, out):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(30_000)
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(server.url + "/")
    wait_drawn(page, 0, 0)
    assert page.is_visible("#renderer")
    labels = page.eval_on_selector_all("#renderer option", "os => os.map((o) => o.value)")
    assert labels[0] == "procedural" and {"layered", "sg2im", "geneva"} <= set(labels)

    first = page.evaluate("app.state.id")
    page.select_option("#renderer", "layered")
    page.wait_for_function("id => app.state.id !== id && app.state.renderer === 'layered'", arg=first)
    wait_drawn(page, 0, 0)
    page.fill("#text", "add a red cube in the middle")
    page.press("#text", "Enter")
    wait_drawn(page, 1, 1)
    assert page.input_value("#renderer") == "layered"
    src = page.eval_on_selector("#picture", "img => img.src")
    shown = np.asarray(Image.open(BytesIO(page.request.get(src).body())).convert("RGB"))
    local = Session(world="shapes", renderer="layered")
    local.tell("add a red cube in the middle")
    # the layered GAN's picture (to float rounding: the server and this process may use other thread counts)
    diff = np.abs(shown.astype(int) - np.asarray(local.image.convert("RGB")).astype(int))
    assert diff.mean() < 0.5 and (diff > 8).mean() < 0.001
    page.click("#export summary")
    assert page.locator("#export a[data-kind=svg]").is_hidden()  # it paints pixels, no SVG
    assert page.locator("#export a[data-kind=png]").is_visible()
    page.screenshot(path=str(out / "web_renderer_layered.png"))

    page.once("dialog", lambda d: d.accept())  # "start a new scene in this world?"
    page.select_option("#world", "street")
    page.wait_for_function("() => app.state.world === 'street'")
    wait_drawn(page, 0, 0)
    assert page.evaluate("app.state.renderer") == "procedural"
    assert page.is_hidden("#renderer")  # only the sprites can draw the street here: no choice to show
    assert header_rows(page) == 1
    assert not errors, errors
    context.close()


def test_the_picker_fits_a_phone_header(browser, server):
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True)
    page = context.new_page()
    page.set_default_timeout(30_000)
    page.goto(server.url + "/")
    wait_drawn(page, 0, 0)
    assert page.is_visible("#renderer")
    assert header_rows(page) == 1
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    context.close()
