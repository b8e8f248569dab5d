"""The report as a PDF: the HTML report printed by a headless Chromium (`--print-to-pdf`).

A browser's print to PDF keeps the text as text (selectable, searchable, copyable), lays tables out over as
many pages as they need and follows the report's own `@page` and `@media print` rules — what an officer gets
from Ctrl+P, without the dialog. No PDF is written by hand here.

    from scenewright.witness.pdf import html_to_pdf, pdf_available
    pdf = html_to_pdf(render_report(session))     # bytes, starting b"%PDF-"

Chromium is found at $SCENEWRIGHT_CHROMIUM, else as `chromium`, `chromium-browser` or `google-chrome` on
PATH (Debian: `apt-get install chromium`). Without one, `html_to_pdf` raises `PdfUnavailable`, whose message
says what to do.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import threading
from pathlib import Path

from ..errors import ScenewrightError

NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
# what the headless browser needs on a machine without a network or a desktop session
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-extensions", "--no-pdf-header-footer", "--allow-file-access-from-files")


BROWSERS = threading.BoundedSemaphore(2)  # at most two browsers printing at once (a web server's requests)


class PdfUnavailable(ScenewrightError):
    """No browser to print with, or it failed: the HTML report still prints from any browser."""


def chromium() -> str | None:
    """The Chromium to print with, or None."""
    wanted = os.environ.get("SCENEWRIGHT_CHROMIUM")
    if wanted:
        return wanted if os.path.isfile(wanted) and os.access(wanted, os.X_OK) else None
    return next((p for p in map(shutil.which, NAMES) if p), None)


def pdf_available() -> bool:
    return chromium() is not None


def html_to_pdf(html: str, timeout: float = 120.0) -> bytes:
    """Print a self-contained HTML page (pictures as data: URIs) to PDF bytes."""
    browser = chromium()
    if browser is None:
        raise PdfUnavailable("making a PDF needs Chromium (apt-get install chromium, or set "
                             "SCENEWRIGHT_CHROMIUM); the HTML report prints to PDF from any browser")
    with tempfile.TemporaryDirectory(prefix="scenewright-pdf-") as tmp:
        page, out = Path(tmp) / "report.html", Path(tmp) / "report.pdf"
        page.write_text(html, encoding="utf-8")
        cmd = [browser, *FLAGS, f"--user-data-dir={Path(tmp) / 'profile'}", f"--print-to-pdf={out}",
               page.as_uri()]
        try:
            with BROWSERS:
                done = subprocess.run(cmd, capture_output=True, timeout=timeout, stdin=subprocess.DEVNULL)
        except subprocess.TimeoutExpired:
            raise PdfUnavailable(f"Chromium did not finish the PDF within {timeout:.0f} s") from None
        except OSError as e:
            raise PdfUnavailable(f"cannot start Chromium at {browser}: {e.strerror}") from None
        if not out.is_file() or out.stat().st_size == 0:
            tail = done.stderr.decode("utf-8", "replace").strip().splitlines()[-3:]
            raise PdfUnavailable(f"Chromium did not write the PDF (exit code {done.returncode}"
                                 + (f": {' / '.join(tail)}" if tail else "") + ")")
        return out.read_bytes()


def write_pdf(html: str, path: str | os.PathLike) -> Path:
    path = Path(path)
    data = html_to_pdf(html)
    try:
        path.write_bytes(data)
    except OSError as e:
        raise ScenewrightError(f"cannot write {path}: {e.strerror}") from None
    return path
