"""How fast learned CoDraw drawers draw: the teller messages of val dialogs, told through a `Session`.

    python bench/codraw_drawer_speed.py runs/codraw/drawer_v7 runs/codraw/drawer_v8 [--dialogs 100] [--threads 1]

Each drawer's MiniLM vectors are computed first (`prepare`, as `eval codraw` does); the timing is the median of
`--repeats` runs over the same dialogs, reported as dialogs/s and ms per message.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from scenewright.data.codraw import default_codraw_dir, load_codraw  # noqa: E402
from scenewright.eval.codraw import run_drawer  # noqa: E402
from scenewright.models.drawer import LearnedDrawer  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("checkpoints", nargs="+", type=Path)
    ap.add_argument("--data", type=Path, default=None)
    ap.add_argument("--dialogs", type=int, default=100)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--threads", type=int, default=1)
    args = ap.parse_args()
    import torch

    torch.set_num_threads(args.threads)
    dialogs = [d for d in load_codraw(args.data or default_codraw_dir(), "val", limit=args.dialogs) if d.turns]
    messages = [t.teller for d in dialogs for t in d.turns if t.teller.strip()]
    print(f"{len(dialogs)} val dialogs, {len(messages)} messages, {args.threads} torch thread(s)")
    for ck in args.checkpoints:
        drawer = LearnedDrawer("park", checkpoint=ck)
        drawer.prepare(messages)
        times = []
        for _ in range(args.repeats):
            t0 = time.perf_counter()
            run_drawer(drawer, dialogs)
            times.append(time.perf_counter() - t0)
        t = statistics.median(times)
        print(f"{str(ck):34} {len(dialogs) / t:7.1f} dialogs/s {1000 * t / len(messages):7.1f} ms/message", flush=True)


if __name__ == "__main__":
    main()
