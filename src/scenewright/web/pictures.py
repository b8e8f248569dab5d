"""Pictures for the web app: PNG bytes of a scene (cached by content), SVG, the dialog GIF and the report
(HTML, and the same page printed to PDF by a headless Chromium).

Scenes are immutable, so a picture is named by a hash of its scene JSON (`scene_key`) and cached by
(renderer, key, size). Renderers are shared between sessions of the same world (their tile caches warm up
once) and used under a lock, since their caches are not thread-safe.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import struct
import tempfile
import threading
import time
import zlib
from collections import OrderedDict
from pathlib import Path
from typing import Any, Sequence

import numpy as np
from PIL import Image

from ..render.export import save_gif
from ..scene import Scene
from ..scene.seal import seal_of_session
from ..session import Session

THUMB_WIDTH = 192


def fast_png(img: Image.Image, level: int = 1) -> bytes:
    """A plain 8-bit RGB PNG (filter None, zlib `level`): about 3× faster than PIL's encoder, which tries
    every row filter, and about as small for these flat-shaded pictures. Lossless."""
    a = np.asarray(img if img.mode == "RGB" else img.convert("RGB"))
    h, w, _ = a.shape
    raw = np.zeros((h, w * 3 + 1), np.uint8)  # first byte of every row: filter type 0
    raw[:, 1:] = a.reshape(h, w * 3)

    def chunk(tag: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF)

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(memoryview(raw), level)) + chunk(b"IEND", b""))


def scene_key(scene: Scene) -> str:
    return hashlib.sha1(json.dumps(scene.to_dict(), sort_keys=True).encode()).hexdigest()[:16]


class Pictures:
    def __init__(self, capacity_bytes: int = 64 << 20, png_level: int = 1):
        self.capacity = capacity_bytes
        self.png_level = png_level
        self._cache: OrderedDict[tuple, bytes] = OrderedDict()
        self._size = 0
        self._guard = threading.Lock()
        self._render_locks: dict[int, threading.Lock] = {}

    def _render_lock(self, session: Session) -> threading.Lock:
        with self._guard:
            return self._render_locks.setdefault(id(session.renderer), threading.Lock())

    def image(self, session: Session, scene: Scene, size: tuple[int, int] | None = None) -> Image.Image:
        with self._render_lock(session):
            return session.render(scene, size)

    def size_for(self, session: Session, which: str) -> tuple[int, int]:
        w, h = session.size
        if which == "thumb":
            return THUMB_WIDTH, max(1, round(h * THUMB_WIDTH / w))
        return int(w), int(h)

    def png(self, session: Session, scene: Scene, which: str = "full") -> tuple[bytes, str]:
        key = scene_key(scene)
        size = self.size_for(session, which)
        ck = (session.world.name, getattr(session.renderer, "name", "?"), id(session.renderer.__class__), key, size)
        with self._guard:
            data = self._cache.get(ck)
            if data is not None:
                self._cache.move_to_end(ck)
                return data, key
        data = fast_png(self.image(session, scene, size), self.png_level)
        if self.capacity <= 0:
            return data, key
        with self._guard:
            if ck not in self._cache:
                self._cache[ck] = data
                self._size += len(data)
            while self._size > self.capacity and self._cache:
                _, old = self._cache.popitem(last=False)
                self._size -= len(old)
        return data, key

    def svg(self, session: Session, scene: Scene) -> str:
        with self._render_lock(session):
            return session.svg(scene)

    # -- the whole dialog -----------------------------------------------------------------------------------
    def gif(self, session: Session, scenes: Sequence[Scene]) -> bytes:
        images = [self.image(session, s) for s in scenes]
        with tempfile.TemporaryDirectory(prefix="scenewright-gif-") as tmp:
            path = save_gif(images, Path(tmp) / "dialog.gif")
            return path.read_bytes()

    def report_html(self, session: Session, sid: str, created: float | None) -> str:
        """The printable report. A street session gets the witness interview record (the same page as
        `scenewright report`); other worlds a scene record: the pictures and everything that was said."""
        if session.world.name == "street":
            from ..witness import render_report

            with self._render_lock(session):
                return render_report(session)
        return self.scene_record_html(session, sid, created)

    def report_pdf(self, session: Session, sid: str, created: float | None) -> bytes:
        """The same report printed to PDF by a headless Chromium: real text, laid out over as many pages as
        it needs (raises `PdfUnavailable` when this machine has no Chromium)."""
        from ..witness.pdf import html_to_pdf

        return html_to_pdf(self.report_html(session, sid, created))

    def scene_record_html(self, session: Session, sid: str, created: float | None) -> str:
        """A self-contained page (pictures inline) that prints on one A4/Letter page for a few turns."""
        h = session.history
        rows = []
        frames = [("0", "(start)", h.start)] + [(str(k), e.text, e.scene) for k, e in enumerate(h.entries, 1)]
        for k, text, scene in frames[:h.cursor + 1]:
            data, _ = self.png(session, scene, "thumb")
            src = "data:image/png;base64," + base64.b64encode(data).decode()
            objs = ", ".join(_label(o) for o in scene.objects) or "empty"
            rows.append(f'<figure><img src="{src}" alt="turn {k}"><figcaption><b>{k}.</b> '
                        f'{html.escape(text)}<br><small>{html.escape(objs)}</small></figcaption></figure>')
        log = []
        for n, ev in enumerate(h.log, 1):
            when = time.strftime("%H:%M:%S", time.localtime(ev.time)) if ev.time else ""
            done = "not done" if ev.kind == "refused" else ev.kind
            log.append(f"<tr><td>{n}</td><td>{when}</td><td>{html.escape(done)}</td><td>{html.escape(ev.text)}</td>"
                       f"<td>{html.escape(ev.reply)}</td></tr>")
        started = time.strftime("%Y-%m-%d %H:%M", time.localtime(created)) if created else "?"
        printed = time.strftime("%Y-%m-%d %H:%M")
        final, _ = self.png(session, h.scene, "full")
        final_src = "data:image/png;base64," + base64.b64encode(final).decode()
        return _REPORT.format(
            title=html.escape(session.world.title), sid=html.escape(sid[:8]), started=started,
            printed=printed, turns=h.cursor, final=final_src, figures="\n".join(rows), seal=seal_of_session(session),
            log="\n".join(log) or '<tr><td colspan="5">nothing was said</td></tr>')


def _label(obj: Any) -> str:
    bits = [b for b in (getattr(obj, "color", None), getattr(obj, "expression", None)) if b]
    words = " ".join(bits + [obj.category])
    if getattr(obj, "pose", None):
        words += f" ({obj.pose})"
    return words


_REPORT = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>scenewright — scene record {sid}</title>
<style>
@page {{ size: A4; margin: 12mm; }}
body {{ font: 11pt/1.35 system-ui, sans-serif; color: #222; margin: 0 auto; max-width: 190mm; padding: 0 12px; }}
.final img, figure img {{ max-width: 100%; }}
header {{ display: flex; justify-content: space-between; align-items: baseline; border-bottom: 2px solid #333; }}
h1 {{ font-size: 16pt; margin: 4mm 0 2mm; }}
.meta {{ color: #555; font-size: 9pt; }}
.final {{ display: flex; flex-wrap: wrap; gap: 6mm; margin: 4mm 0; }}
.final img {{ width: 80mm; border: 1px solid #bbb; }}
.grid {{ display: grid; grid-template-columns: repeat(4, 1fr); gap: 3mm; }}
figure {{ margin: 0; break-inside: avoid; font-size: 8.5pt; }}
figure img {{ width: 100%; border: 1px solid #ccc; }}
table {{ width: 100%; border-collapse: collapse; font-size: 8.5pt; margin-top: 4mm; }}
td {{ border-top: 1px solid #ddd; padding: 1mm 2mm; vertical-align: top; overflow-wrap: anywhere; }}
.noprint {{ margin: 4mm 0; }}
@media print {{ .noprint {{ display: none; }} }}
</style></head><body>
<header><h1>Scene record</h1><span class="meta">{title} · scene {sid} · started {started} · printed {printed}</span></header>
<p class="noprint">Print this page (Ctrl+P / ⌘P) to attach it to a file.</p>
<section class="final"><img src="{final}" alt="the scene now"><div><b>The scene now</b> ({turns} turns in effect)</div></section>
<section class="grid">
{figures}
</section>
<h2 style="font-size:11pt">Everything that was said, in order</h2>
<table><tr><td><b>#</b></td><td><b>time</b></td><td><b>kind</b></td><td><b>said</b></td><td><b>reply</b></td></tr>
{log}
</table>
<p class="meta">SHA-256 of the event log: <code style="overflow-wrap:anywhere">{seal}</code> — the session export
carries the same hash over every statement, reply, time and change, in order.</p>
</body></html>
"""
