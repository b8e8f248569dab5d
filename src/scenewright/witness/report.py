"""A printable, self-contained HTML report of a witness interview (inline CSS, pictures as data: URIs).

It holds: the final picture with its legend; what the witness was unsure of and what they did not say; each
object's history; every statement verbatim with its time, what it changed and whether it is still in effect;
and the picture after every turn. Print it from a browser for a PDF.
"""

from __future__ import annotations

import base64
import importlib
import io
import time as _time
from datetime import datetime, timezone, tzinfo
from html import escape
from pathlib import Path
from typing import Any

from PIL import Image

from ..scene.seal import seal_of
from .describe import LISTED, clock, hedged, nice, said_word
from .provenance import Change, rows_text
from .record import Record, Statement, build_record

CSS = """
:root { --ink: #23262b; --muted: #6b6f76; --line: #d5d7db; --unsure: #e27814; --mark: #284690; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink);
       margin: 0 auto; max-width: 980px; padding: 24px; background: #fff; }
h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 17px; margin: 28px 0 8px; border-bottom: 2px solid var(--ink);
padding-bottom: 3px; } h3 { font-size: 14px; margin: 14px 0 4px; }
.meta { color: var(--muted); margin: 0 0 14px; }
.final { display: flex; gap: 20px; align-items: flex-start; flex-wrap: wrap; }
.final img { width: 600px; max-width: 100%; border: 1px solid var(--line); }
.legend { flex: 1; min-width: 220px; font-size: 13px; }
.legend div { margin: 6px 0; }
.sw { display: inline-block; width: 22px; height: 14px; vertical-align: middle; margin-right: 6px;
      border: 1px solid #777; }
.sw.unknown { background: #d0d0d0; } .sw.unsure { border: 2px dashed var(--unsure); background: #fff; }
.sw.mark { border-radius: 50%; width: 14px; background: var(--mark); border-color: var(--mark); }
table { border-collapse: collapse; width: 100%; font-size: 13px; table-layout: fixed; }
th, td { border-bottom: 1px solid var(--line); padding: 5px 6px; text-align: left; vertical-align: top;
         overflow-wrap: anywhere; }
col.n { width: 3.2em; } col.t { width: 5.6em; } col.status { width: 9.5em; } col.obj { width: 8.5em; }
th { background: #f3f4f6; font-weight: 600; }
td.t { white-space: nowrap; font-variant-numeric: tabular-nums; color: var(--muted); }
td.said { font-style: italic; }
.status { font-size: 12px; overflow-wrap: normal; } .status.undone, .status.corrected { color: #9a3b12; }
.status.refused { color: var(--muted); }
ul.changes { margin: 0; padding-left: 16px; } ul.changes li { margin: 0; }
.unsure { color: var(--unsure); font-weight: 600; }
.inferred { color: var(--muted); font-style: italic; }
.said-as { margin: 2px 0; }
.objects li { margin: 2px 0; }
.grid { display: grid; grid-template-columns: repeat(3, 1fr); gap: 10px; }
.grid figure { margin: 0; border: 1px solid var(--line); padding: 4px; break-inside: avoid; }
.grid img { width: 100%; display: block; }
.grid figcaption { font-size: 12px; margin-top: 3px; }
.note { color: var(--muted); font-size: 12px; }
code.hash, .seal code { font-size: 12px; overflow-wrap: anywhere; }
@page { size: A4; margin: 14mm 12mm 14mm 12mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 11px; }
  table { font-size: 10.5px; } .final img { width: 110mm; }
  h2 { break-after: avoid; } tr, figure, .final { break-inside: avoid; }
  .pictures { break-before: page; }
  a { color: inherit; text-decoration: none; }
}
"""


def data_uri(image: Image.Image, colors: int | None = None) -> str:
    img = image.convert("RGB")
    if colors:
        img = img.quantize(colors=colors, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    buf = io.BytesIO()
    img.save(buf, "PNG", optimize=True)
    return "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode("ascii")


def _n(k: int, word: str) -> str:
    return f"{k} {word}" + ("" if k == 1 else "s")


def _status_class(status: str) -> str:
    if status.startswith("undone"):
        return "undone"
    if status.startswith("corrected"):
        return "corrected"
    if status.startswith("not done"):
        return "refused"
    return ""


def _short_status(s: Statement) -> str:
    """The status column: a refused statement's reply is printed under its words, not again here."""
    return "not done" if s.kind == "refused" and s.status.startswith("not done") else s.status


def _said_words(c: Change, st: Statement) -> str:
    """A change's new value in words, with the witness's hedge when the scene keeps one for it."""
    obj = next((o for o in (st.scene.objects if st.scene else ()) if o.id == c.object_id), None)
    words = c.words or c.new
    if obj is not None and c.field in LISTED and obj.unsure.get(c.field):  # each hedged item with its hedge
        unsure = set(map(str, obj.unsure[c.field]))
        items = [i.strip() for i in c.new.split("; ")]
        head = words.split(":", 1)[0]
        mark = hedged(obj, c.field) or " (unsure)"
        return f"{head}: " + ", ".join(f"“{i}”{mark if i in unsure else ''}" if c.field == "marks"
                                       else f"{i}{mark if i in unsure else ''}" for i in items)
    if obj is not None and c.field in obj.unsure and c.field not in LISTED:
        words += hedged(obj, c.field) or " (unsure)"
    elif obj is not None and f"{c.field}_kind" in obj.unsure:
        words += hedged(obj, f"{c.field}_kind") or " (unsure)"
    return words


def _changes_html(st: Statement, tz: tzinfo | None) -> str:
    items = []
    added = {c.object_id for c in st.changes if c.field == "object" and c.how == "added"}
    for c in st.changes:
        if c.field == "object":
            if c.how == "added":
                subs = [x for x in st.changes if x.object_id == c.object_id and x.field != "object"
                        and not x.field.startswith("unsure:")
                        and not (x.field.endswith("_kind") and any(y.object_id == c.object_id
                                                                  and y.field == x.field[:-5] for y in st.changes))]
                subs.sort(key=lambda x: x.field in ("position", "flip"))  # where and which way: last
                said = [escape(_said_words(x, st)) for x in subs if not x.inferred]
                guessed = [f"{escape(x.words or x.new)} ({escape(x.basis)})" for x in subs if x.inferred]
                text = f"added {escape(c.label)}" + (": " + "; ".join(said) if said else "")
                obj = next((o for o in (st.scene.objects if st.scene else ()) if o.id == c.object_id), None)
                if obj is not None and "there" in obj.unsure:  # "I think there was a man"
                    text += f' <span class="unsure">(unsure whether it was there{escape(hedged(obj, "there"))})</span>'
                if guessed:
                    text += f' <span class="inferred">— inferred, not said: {"; ".join(guessed)}</span>'
                items.append(text)
            elif c.how == "removed":
                fixes = f" (corrects {rows_text(c.corrects)})" if c.corrects else ""
                items.append(f"removed {escape(c.label)}{fixes}")
            else:
                items.append(f"{escape(c.label)}: {escape(c.sentence(tz).rsplit(' at ', 1)[0])}")
        elif c.object_id in added and st.kind in ("turn", "revise"):
            continue  # said with the thing it was added with
        elif c.field.startswith("unsure:") and any(x.object_id == c.object_id and x.field == c.field[7:]
                                                   and not x.inferred for x in st.changes):
            continue  # the detail said in this statement is listed with its hedge: "tall (said: 'maybe')"
        else:
            cls = ' class="unsure"' if c.field.startswith("unsure:") else ""
            what = f"{escape(c.label)}: <span{cls}>{escape(nice(c.field))}</span>"
            if c.extends or c.old == c.new or (c.old == "not stated" and c.how == "said"
                                                and not c.field.startswith("unsure:")):
                text = f"{escape(c.label)}: {escape(_said_words(c, st))}"  # a new detail: "carries a bag"
            elif c.old == "not stated" and c.field.startswith("unsure:"):
                text = (f'{escape(c.label)}: <span class="unsure">unsure of the {escape(nice(c.field[7:]))}: '
                        f"{escape(c.new)}</span>")
            else:
                text = f"{what}: {escape(c.old)} → {escape(c.new)}"
            if c.how == "corrected":
                text += f" <b>(corrects {rows_text(c.corrects)})</b>"
            elif c.inferred:
                text += f' <span class="inferred">(inferred, not said: {escape(c.basis)})</span>'
            items.append(text)
    if not items:
        return '<span class="note">no change to the picture</span>' if st.kind not in ("refused",) else ""
    return '<ul class="changes">' + "".join(f"<li>{i}</li>" for i in items) + "</ul>"


def render_report(session: Any, title: str = "Witness interview record", tz: tzinfo | None = None,
                  generated: float | None = None, thumb: tuple[int, int] = (300, 200),
                  record: Record | None = None) -> str:
    """The report as one HTML string. `session` is a `Session` (anything with .history, .world, .render)."""
    rec = record or build_record(session.history, session.world)
    world = rec.world
    size = tuple(world.canvas)
    stmts = rec.statements
    said = [s for s in stmts if s.said]
    refused = sum(1 for s in said if s.kind == "refused")
    times = [s.time for s in stmts]
    when = generated if generated is not None else _time.time()
    day = datetime.fromtimestamp(times[0] if times else when, timezone.utc).astimezone(tz).strftime("%Y-%m-%d")
    span = f"{clock(times[0], tz)}–{clock(times[-1], tz)}" if times else "no statements"
    seal = escape(seal_of(world.name, session.history.to_dict())["sha256"])
    out = ["<!doctype html>", '<html lang="en"><head><meta charset="utf-8">',
           f"<title>{escape(title)}</title>", f"<style>{CSS}</style></head><body>",
           f"<h1>{escape(title)}</h1>",
           f'<p class="meta">{escape(world.title)} · {day}, {span} · {_n(len(said), "statement")}'
           + (f" ({refused} not done)" if refused else "") + ", "
           f"{_n(len(rec.corrections), 'correction')}, {_n(sum(1 for s in stmts if s.kind == 'undo'), 'undo')} · "
           f"report made {escape(clock(when, tz))}<br>SHA-256 of the event log: <code class=\"hash\">{seal}</code></p>"]

    # the final picture and its legend
    final = session.render(rec.final, size)
    out.append("<h2>The scene as described</h2><div class=\"final\">"
               f'<img alt="final picture" src="{data_uri(final)}">'
               '<div class="legend"><div><span class="sw unknown"></span>grey: not stated by the witness '
               '(never filled in)</div><div><span class="sw unsure"></span>dashed outline and '
               '<b class="unsure">?</b>: the witness was unsure; small squares are the colours they named</div>'
               '<div><span class="sw mark"></span>numbered callouts: marks as the witness said them</div>'
               '<div class="note">Positions and sizes are approximate: they follow the words, not a '
               "measurement. Everything drawn in colour was said; see the statements below.</div></div></div>")
    numbered = getattr(importlib.import_module(world.sprites), "callouts", None)
    marks = numbered(rec.final) if numbered else [
        (o, m) for o in sorted(rec.final.objects, key=lambda o: o.number) for m in o.attrs.get("marks") or ()]
    if marks:
        out.append("<h3>Marks (callouts)</h3><ol>" + "".join(
            f"<li>{escape(f'the {o.category} ({o.id})')}: “{escape(str(m))}”</li>" for o, m in marks) + "</ol>")

    # uncertain and unknown
    out.append("<h2>What the witness was unsure of</h2>")
    if rec.uncertain:
        out.append("<table><colgroup><col class=\"obj\"><col style=\"width:15%\"><col style=\"width:17%\">"
                   "<col style=\"width:15%\"><col></colgroup><tr><th>object</th><th>what</th><th>alternatives</th><th>drawn as</th>"
                   "<th>in the witness's words</th></tr>")
        for u in rec.uncertain:
            words = (f"“{escape(u['statement'])}” ({clock(u['time'], tz)})" if u["statement"] else "")
            if u["hedges"]:
                words += f' <span class="note">hedged: {escape(", ".join(said_word(h) for h in u["hedges"]))}</span>'
            out.append(f"<tr><td>{escape(u['object'])}</td><td>{escape(u['field'])}</td>"
                       f"<td class=\"unsure\">{escape(('; ' if u.get('listed') else ' or ').join(map(str, u['alternatives'])))}</td>"
                       f"<td>{escape(str(u['drawn'] or 'not stated'))}</td><td>{words}</td></tr>")
        out.append("</table>")
    else:
        out.append('<p class="note">Nothing marked as uncertain.</p>')
    out.append("<h2>Not stated (drawn neutral)</h2>")
    if rec.unknown:
        out.append("<table><colgroup><col class=\"obj\"><col></colgroup><tr><th>object</th><th>not stated</th></tr>" + "".join(
            f"<tr><td>{escape(u['object'])}</td><td>{escape(', '.join(u['missing']))}</td></tr>"
            for u in rec.unknown) + "</table>")
    else:
        out.append('<p class="note">Everything the world can record was stated.</p>')

    # corrections
    out.append("<h2>Corrections</h2>")
    if rec.corrections:
        out.append("<table><colgroup><col class=\"n\"><col><col><col></colgroup>"
                   "<tr><th>#</th><th>the witness said</th><th>corrects</th><th>what changed</th></tr>")
        for c in rec.corrections:
            by, of = stmts[c.row - 1], stmts[c.corrects - 1]
            what = "; ".join(f"{ch.label}: {nice(ch.field)} {ch.old} → {ch.new}" if ch.field != "object"
                             else f"{ch.label} {ch.how}" for ch in c.changes)
            out.append(f"<tr><td>{c.row}</td><td class=\"said\">{escape(by.text)}</td><td>#{c.corrects} "
                       f"<span class=\"said\">{escape(of.text)}</span></td><td>{escape(what)}</td></tr>")
        out.append("</table>")
    else:
        out.append('<p class="note">No statement corrects an earlier one.</p>')

    # objects
    out.append("<h2>Objects: what was said, what was inferred, and their history</h2><ul class=\"objects\">")
    for h in rec.objects.values():
        lines = h.lines(tz)
        life = lines[0][len(h.label) + 2:] if lines and lines[0].startswith(h.label + ": ") else ""
        fields = lines[1:] if life else lines
        gone = "" if h.present else ' <span class="note">(not in the final picture)</span>'
        account = "".join(f'<li class="said-as{" inferred" if line.startswith("inferred") else ""}">'
                          f"{escape(line)}</li>" for line in (rec.account_of(h.id, tz) if h.present else ()))
        out.append(f"<li><b>{escape(h.label)}</b> {escape(life)}{gone}<ul>{account}"
                   + ('<li class="note">history<ul>' + "".join(f"<li>{escape(line)}</li>" for line in fields)
                      + "</ul></li>" if fields else "") + "</ul></li>")
    out.append("</ul>")

    # statements
    out.append("<h2>Statements, verbatim</h2><table><colgroup><col class=\"n\"><col class=\"t\"><col style=\"width:34%\">"
               "<col><col class=\"status\"></colgroup><tr><th>#</th><th>time</th><th>said / done</th>"
               "<th>what it changed</th><th>status</th></tr>")
    for s in stmts:
        text = escape(s.text) if s.said else f"<span class=\"note\">[{escape(s.kind)}]</span> {escape(s.text)}"
        reply = f'<div class="note">reply: {escape(s.reply)}</div>' if s.reply and s.kind == "refused" else ""
        if s.skipped:  # done in part: what was not understood is part of what was said
            reply += ('<div class="note">not understood, so not done: '
                      f"{escape(', '.join(f'‘{w}’' for w in s.skipped))}</div>")
        kind = " (correction)" if s.kind == "revise" else ""
        out.append(f"<tr><td>{s.index}</td><td class=\"t\">{clock(s.time, tz)}</td>"
                   f"<td class=\"{'said' if s.said else ''}\">{text}{escape(kind)}{reply}</td>"
                   f"<td>{_changes_html(s, tz)}</td>"
                   f"<td class=\"status {_status_class(s.status)}\">{escape(_short_status(s))}</td></tr>")
    out.append("</table>")
    out.append('<p class="note">Nothing is removed from this record: an undo moves the picture back, and the '
               "undone statement stays listed. A correction keeps the statement it corrects.</p>")

    # pictures
    pics = rec.pictures
    out.append('<h2 class="pictures">The picture after each statement</h2><div class="grid">')
    for s in pics:
        img = session.render(s.scene, thumb)
        cap = escape(s.text if s.said else f"[{s.kind}] {s.text}")
        out.append(f'<figure><img alt="picture after statement {s.index}" src="{data_uri(img, 128)}">'
                   f"<figcaption><b>#{s.index}</b> {clock(s.time, tz)} — {cap}</figcaption></figure>")
    out.append("</div>")
    out.append(f'<p class="note">Made by scenewright from the session log ({len(stmts)} events). Times are '
               f"{'UTC' if tz == timezone.utc else 'local time'}.</p>")
    out.append(f'<p class="seal">SHA-256 of the event log: <code>{seal}</code><br><span class="note">The session '
               "file carries the same hash over every statement, reply, time and change in order; "
               "<code>scenewright verify SESSION.json --expect HASH</code> says whether a file is this "
               "record, and which statement changed if not.</span></p></body></html>")
    return "\n".join(out)


def write_report(session: Any, path: str | Path, **options: Any) -> Path:
    path = Path(path)
    path.write_text(render_report(session, **options), encoding="utf-8")
    return path
