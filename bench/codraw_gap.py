"""Where a CoDraw drawer loses scene similarity: the score's terms and the pieces missed / invented.

    python bench/codraw_gap.py --drawer human --drawer codraw:runs/codraw/drawer_v8 [--limit 300] [--apart]

Each drawer hears the val teller messages through a `Session` (as `scenewright eval codraw` does; with
`--cache DIR` the canvases `eval codraw --cache DIR` kept are reused). Prints, per drawer, the mean of each
weighted term of CoDraw's scene similarity (they sum to the score), and the final canvas's pieces against
the Teller's scene: kept, missed (and how many of those a teller message named), invented; and how many pairs
of kept pieces share a pixel column / row (the score counts their relation as wrong). `--apart`: first move
every piece of the final canvases to a free column and row, as the learned drawer does with what it adds
(`models.drawer.apart`), to see what that alone is worth for a drawer that did not.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from scenewright.data.codraw import default_codraw_dir, load_codraw  # noqa: E402
from scenewright.eval.codraw import SIMILARITY_TERMS, cached_runs, similarity_terms  # noqa: E402
from scenewright.data.codraw import CANVAS_H, CANVAS_W  # noqa: E402
from scenewright.models.drawer import mentions, slots, spread  # noqa: E402
from scenewright.scene import Scene  # noqa: E402


def moved_apart(scene: Scene) -> Scene:
    return Scene(scene.world, scene.background, tuple(spread(scene.objects)))


def shared(scene: Scene, goal: dict) -> tuple[int, int]:
    """Pairs of the pieces also in the Teller's scene whose centres share a pixel column / row."""
    _, have = slots(scene)
    xy = [(round(o.x * CANVAS_W), round(o.y * CANVAS_H)) for c, o in have.items() if c in goal]
    pairs = [(a, b) for i, a in enumerate(xy) for b in xy[i + 1:]]
    return sum(a[0] == b[0] for a, b in pairs), sum(a[1] == b[1] for a, b in pairs)


def gap(dialogs, runs, move_apart: bool = False) -> dict:
    terms = np.zeros(len(SIMILARITY_TERMS))
    kept = missed = named_missed = invented = 0
    ties = np.zeros(2, int)
    for d, run in zip(dialogs, runs):
        final = run[-1] if run else Scene("park", "day")
        final = moved_apart(final) if move_apart else final
        terms += similarity_terms(final, d.target)
        _, goal = slots(d.target)
        _, have = slots(final)
        ties += shared(final, goal)
        named = np.max([mentions(t.teller) for t in d.turns], 0)
        kept += len(goal.keys() & have.keys())
        invented += len(have.keys() - goal.keys())
        for c in goal.keys() - have.keys():
            missed += 1
            named_missed += int(named[c] > 0)
    n = max(len(dialogs), 1)
    return {"terms": terms / n, "kept": kept, "missed": missed, "named_missed": named_missed, "invented": invented,
            "ties": ties}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=None)
    ap.add_argument("--split", default="val")
    ap.add_argument("--drawer", action="append", default=None)
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--cache", type=Path, default=None)
    ap.add_argument("--apart", action="store_true", help="move the final canvases' pieces apart first")
    args = ap.parse_args()
    dialogs = [d for d in load_codraw(args.data or default_codraw_dir(), args.split, limit=args.limit) if d.turns]
    head = f"{'drawer':34}{'sim':>6}" + "".join(f"{t[:10]:>11}" for t in SIMILARITY_TERMS)
    head += f"{'kept':>7}{'missed':>8}{'(named)':>8}{'invented':>9}{'same col/row':>13}"
    print(f"{args.split}: {len(dialogs)} dialogs\n{head}\n{'-' * len(head)}")
    for spec in args.drawer or ["human"]:
        g = gap(dialogs, cached_runs(spec, dialogs, args.split, args.cache, progress=True), args.apart)
        print(f"{spec[-34:]:34}{g['terms'].sum():6.3f}" + "".join(f"{v:11.3f}" for v in g["terms"])
              + f"{g['kept']:7d}{g['missed']:8d}{g['named_missed']:8d}{g['invented']:9d}"
              + f"{g['ties'][0]:>7d}/{g['ties'][1]:<5d}", flush=True)


if __name__ == "__main__":
    main()
