"""The two-witness comparison as one self-contained HTML page: both final pictures with their seals, who is who,
and the tables of conflicts, of what only one of them mentions, and of agreements.

    from scenewright.witness.compare import compare, write_compare
    write_compare(compare(a, b), "compare.html")          # render_compare(result) -> the HTML string
"""

from __future__ import annotations

from html import escape

from .compare import X_TOL, Comparison, Finding, Witness
from .describe import summary
from .matching import LONE
from .report import CSS, data_uri

PAGE_CSS = """
.two { display: grid; grid-template-columns: 1fr 1fr; gap: 16px; }
.two figure { margin: 0; } .two img { width: 100%; border: 1px solid var(--line); display: block; }
.two figcaption { font-size: 12px; margin-top: 4px; }
.ok { color: #1d6b34; font-weight: 600; } .bad { color: #9a3b12; font-weight: 600; }
tr.conflict td:first-child { border-left: 4px solid #c2410c; }
details summary { cursor: pointer; color: var(--muted); }
"""


def _seal_html(w: Witness) -> str:
    cls = "ok" if w.verified else "bad"
    digest = f"<code>{escape(w.seal)}</code>" if w.seal else "none"
    return f'SHA-256 of the event log: {digest} — <span class="{cls}">{escape(w.seal_words())}</span>'


def _table(rows: list[Finding], kind: str) -> str:
    if not rows:
        return '<p class="note">Nothing.</p>'
    head = "<tr><th>about</th><th>what</th><th>A said</th><th>B said</th><th>in words</th></tr>"
    body = "".join(f'<tr class="{kind}"><td>{escape(f.about)}</td><td>{escape(f.what)}</td>'
                   f"<td>{escape(f.a or '—')}</td><td>{escape(f.b or '—')}</td><td>{escape(f.text)}</td></tr>"
                   for f in rows)
    return f"<table>{head}{body}</table>"


def render_compare(c: Comparison, title: str = "Two witnesses") -> str:
    """The comparison as one self-contained HTML page (pictures as data: URIs)."""
    size = tuple(c.world.canvas)
    out = ["<!doctype html>", '<html lang="en"><head><meta charset="utf-8">', f"<title>{escape(title)}</title>",
           f"<style>{CSS}{PAGE_CSS}</style></head><body>", f"<h1>{escape(title)}</h1>",
           f'<p class="meta">{escape(c.world.title)} · {len(c.pairs)} things both mention · '
           f"{len(c.conflicts)} conflicts · {len(c.agree)} points of agreement · {len(c.only)} said by one only</p>",
           '<div class="two">']
    for w in (c.a, c.b):
        n = sum(1 for s in w.record.statements if s.said)
        out.append(f'<figure><img alt="witness {w.name}: the final picture" '
                   f'src="{data_uri(w.session.render(w.scene, size))}"><figcaption><b>{w.name}</b>: '
                   f"{escape(w.file)} — {n} statements, {len(w.scene.objects)} things<br>{_seal_html(w)}"
                   "</figcaption></figure>")
    out.append("</div><h2>Who is who</h2>")
    if c.pairs:
        out.append("<table><tr><th>thing</th><th>A said</th><th>B said</th><th>cost</th></tr>" + "".join(
            f"<tr><td>{escape(p.name)}</td><td>{escape(summary(c.world, p.a))} ({p.a.id})</td>"
            f"<td>{escape(summary(c.world, p.b))} ({p.b.id})</td><td>{p.cost:.2f}</td></tr>" for p in c.pairs)
            + "</table>")
    else:
        out.append('<p class="note">The two witnesses mention nothing of the same kind.</p>')
    relations = [f for f in c.agree if f.field in ("x-order", "depth-order")]
    out += [f"<h2>They conflict on ({len(c.conflicts)})</h2>", _table(c.conflicts, "conflict"),
            f"<h2>Only one of them mentions ({len(c.only)})</h2>", _table(c.only, "only"),
            f"<h2>They agree on ({len(c.agree)})</h2>",
            _table([f for f in c.agree if f not in relations], "agree")]
    if relations:
        out.append(f"<details><summary>and on {len(relations)} left–right and front–back orders of two "
                   "things</summary><ul>" + "".join(f"<li>{escape(f.text)}</li>" for f in relations)
                   + "</ul></details>")
    out.append('<p class="note">Who is who is the pairing of least total cost: things of one kind only; a pair '
               "costs how far apart the two witnesses put it and the share of the details both gave that "
               f"disagree; a thing left unpaired costs {LONE}. A place counts as said differently when the two "
               f"are more than {X_TOL:.0%} of the picture apart across, or on different ground (lane, sidewalk)."
               " Nothing here says which witness is right.</p></body></html>")
    return "\n".join(out)
