"""Where CoDraw's human drawers put a piece the teller placed by a relation ("a dog next to the tree"), against
where `language/placement.relate` puts it — the data behind `placement.beside` and a check of the other
relations.

For every teller message of CoDraw train that names a piece, a relation and then a second piece (each of them
exactly once in the Teller's scene), it takes the two pieces' places in the Teller's scene and asks `relate`
where the first would go beside the second (at the first's own depth and, for side-by-side relations, on the
side it really is). It prints, per relation, the median |dx| / |dy| error and the human and our median offsets;
and for side-by-side relations the human centre distance by the sum of the two half widths (the fit).

    .venv/bin/python bench/codraw_relations.py [--data ../shared/data/codraw] [--limit 6000]

Needs the CoDraw data (CC BY-NC, read in place; nothing is written).
"""

from __future__ import annotations

import argparse
import statistics as st
import sys

PHRASES = {"next to": "next", "beside": "next", "near": "near", "left of": "left", "right of": "right",
           "in front of": "front", "behind": "behind", "on top of": "on", "under": "under", "below": "below",
           "above": "above"}


def pairs(dialogs, lex):
    from scenewright.language.reader import read

    def cats(text: str) -> list[str]:
        return [r.category for r in read(text, lex).refs if r.category and r.pronoun is None]

    for d in dialogs:
        objs = d.target.objects
        for t in d.turns:
            text = f" {t.teller.lower()} "
            for phrase, rel in PHRASES.items():
                if f" {phrase} " not in text:
                    continue
                i = text.index(f" {phrase} ")
                a = cats(" ".join(text[:i].split()[-4:]))
                b = cats(" ".join(text[i + len(phrase) + 2:].split()[:3]))
                if not a or not b or a[-1] == b[0]:
                    continue
                A = [o for o in objs if o.category == a[-1]]
                B = [o for o in objs if o.category == b[0]]
                if len(A) == 1 and len(B) == 1:
                    yield rel, A[0], B[0]
                break


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=None, help="the CoDraw folder (default ../shared/data/codraw)")
    ap.add_argument("--limit", type=int, default=6000, help="train dialogs to read")
    args = ap.parse_args(argv)

    from scenewright.data.codraw import default_codraw_dir, load_codraw
    from scenewright.language import placement as P
    from scenewright.language.reader import world_lexicon
    from scenewright.worlds import get_world

    src = args.data or default_codraw_dir()
    try:
        dialogs = load_codraw(src, "train", limit=args.limit)
    except Exception as e:  # the data is not here: say so
        print(f"error: cannot read CoDraw from {src}: {e}", file=sys.stderr)
        return 2
    world = get_world("park")
    rows: dict[str, list[tuple[float, ...]]] = {}
    beside: list[tuple[float, float]] = []
    for rel, a, b in pairs(dialogs, world_lexicon("park")):
        side = 1 if a.x >= b.x else -1
        x, y = P.relate(world, rel, world.category(a.category), a.scale, b, None, side)
        rows.setdefault(rel, []).append((abs(x - a.x), abs(y - a.y), a.y - b.y, y - b.y))
        if rel in ("next", "left", "right"):
            wa = P.size_of(world, a.category, a.scale, a.y)[0]
            wb = P.size_of(world, b.category, b.scale, b.y)[0]
            beside.append(((wa + wb) / 2, abs(a.x - b.x)))
    print(f"{len(dialogs)} CoDraw train dialogs; pairs placed by a relation: {sum(map(len, rows.values()))}")
    print(f"{'relation':9s} {'n':>5s}  {'err |dx|':>8s} {'err |dy|':>8s}  {'human dy':>8s} {'ours dy':>8s}")
    for rel, v in sorted(rows.items()):
        print(f"{rel:9s} {len(v):5d}  {st.median(r[0] for r in v):8.3f} {st.median(r[1] for r in v):8.3f}  "
              f"{st.median(r[2] for r in v):+8.3f} {st.median(r[3] for r in v):+8.3f}")
    print("\nside by side (next to / beside / left of / right of): human centre distance by half-width sum")
    for lo, hi in ((0, 0.2), (0.2, 0.3), (0.3, 0.4), (0.4, 0.6), (0.6, 2.0)):
        sel = [d for h, d in beside if lo <= h < hi]
        if sel:
            mid = st.median(h for h, d in beside if lo <= h < hi)
            print(f"  half widths {lo:.1f}-{hi:.1f}: n={len(sel):4d}  human {st.median(sel):.3f}  "
                  f"placement.beside {P.beside(mid, mid, 'next'):.3f} (next) {P.beside(mid, mid, 'left'):.3f} (left)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
