"""Do the generated captions say what the picture shows? Parse each one with the spine and compare.

    .venv/bin/python bench/caption_roundtrip.py [--n 300] [--worlds shapes,park,street] [--seed 0]

For each world, n random scenes are made exactly as `scenewright data captions` makes them
(data/captions.py) with 5 captions each. Every caption is told to a fresh `Session(world=...)` as one turn
(the spine's own grammar, no semantic fallback) and the scene it draws is compared with the true scene:

- objects: the same multiset of (category, colour) — every object named, nothing extra, colours right;
- left/right: of the left/right facts the caption states (describe.Caption.facts: "a to the left of b",
  the order of "from left to right", sides that differ), the share the parsed scene keeps, for objects
  whose (category, colour) is unique in both scenes (so it is clear which is which); "behind" and
  "between" facts likewise, in their own columns.

Scenes with index % 5 == 0 are held out: the phrasing of describe.py was looked at on the other four fifths
only, and both figures are printed. Per caption style the figures show which phrasings the grammar reads.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from collections import Counter, defaultdict

os.environ.setdefault("SCENEWRIGHT_SEMANTIC", "0")
os.environ.setdefault("OMP_NUM_THREADS", "1")

from scenewright.data.captions import _scene_rng, random_scene  # noqa: E402
from scenewright.language.describe import Describer, holds  # noqa: E402
from scenewright.session import Session  # noqa: E402


def key(o) -> tuple[str, str | None]:
    return o.category, o.color


def unique(scene) -> dict[tuple, str]:
    keys = Counter(map(key, scene.objects))
    return {key(o): o.id for o in scene.objects if keys[key(o)] == 1}


def run(world: str, n: int, seed: int) -> dict:
    describer = Describer(world)
    stats: dict[str, dict[str, Counter]] = {"tune": defaultdict(Counter), "held-out": defaultdict(Counter)}
    times = []
    for i in range(n):
        part = "held-out" if i % 5 == 0 else "tune"
        scene = random_scene(world, _scene_rng(seed, i))
        for cap in describer.annotated(scene, 5, seed=seed * 1_000_003 + i):
            t0 = time.perf_counter()
            parsed = Session(world=world).tell(cap.text).scene
            times.append(time.perf_counter() - t0)
            same = Counter(map(key, parsed.objects)) == Counter(map(key, scene.objects))
            mine, theirs = unique(scene), unique(parsed)
            ids = {mine[k]: theirs[k] for k in mine if k in theirs}
            for s in (cap.style, "all"):
                c = stats[part][s]
                c["captions"] += 1
                c["objects"] += same
                for fact in cap.facts:
                    if all(i in ids for i in fact[1:]):
                        c[f"{fact[0]} n"] += 1
                        c[fact[0]] += holds(describer, parsed, fact, ids)
    return {"stats": stats, "median_ms": 1000 * statistics.median(times)}


def pct(a: int, b: int) -> str:
    return f"{100 * a / b:5.1f} %" if b else "    -  "


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=300, help="scenes per world (5 captions each)")
    ap.add_argument("--worlds", default="shapes,park,street")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    for world in args.worlds.split(","):
        out = run(world, args.n, args.seed)
        print(f"\n{world}: {args.n} scenes, {5 * args.n} captions, median parse {out['median_ms']:.1f} ms/caption")
        print(f"  {'part':9} {'style':14} {'captions':>8} {'objects':>8} {'left/right':>16} {'behind':>16} "
              f"{'between':>16}")
        for part in ("tune", "held-out"):
            st = out["stats"][part]
            for style in ["all"] + sorted(s for s in st if s != "all"):
                c = st[style]
                facts = " ".join(f"{pct(c[f], c[f + ' n']):>8} ({c[f + ' n']:5d})" for f in ("left", "behind",
                                                                                           "between"))
                print(f"  {part:9} {style:14} {c['captions']:8d} {pct(c['objects'], c['captions']):>8} {facts}")


if __name__ == "__main__":
    main()
