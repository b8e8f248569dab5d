"""How long `scenewright.t2i.imagine` takes for one 64² image (the issue's target: ≤ 30 ms on this CPU).

    .venv/bin/python bench/imagine_latency.py [--world shapes] [--method M] [--checkpoint RUN] [--runs 50]

Without --checkpoint it times the shipped weights of --world (and its default method without --method).

Loads the model once (not timed), warms up 5 calls, then times `runs` calls of imagine(text, n=1, seed=i)
— text encoding, the generator and the conversion to a PIL image — single-threaded, and prints the median,
the 10th/90th percentiles and the number of runs as JSON.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time

import torch

CAPTIONS = ["a red cube on the left of a blue sphere", "a green cylinder", "a yellow sphere behind a gray cube",
            "two purple cubes and a cyan cylinder on a light floor"]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--checkpoint", default=None, help="a `train t2i` folder (default: the shipped weights)")
    ap.add_argument("--method", default=None, help="default: the world's default (models.t2i.default_method)")
    ap.add_argument("--world", default="shapes")
    ap.add_argument("--runs", type=int, default=50)
    ap.add_argument("--threads", type=int, default=1)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)

    from scenewright.models.t2i import default_method
    from scenewright.t2i import imagine, load_method

    args.method = args.method or default_method(args.world)
    load_method(args.method, args.checkpoint, args.world)
    for i in range(5):
        imagine(CAPTIONS[i % len(CAPTIONS)], method=args.method, checkpoint=args.checkpoint, seed=i, world=args.world)
    times = []
    for i in range(args.runs):
        t = time.perf_counter()
        img = imagine(CAPTIONS[i % len(CAPTIONS)], method=args.method, checkpoint=args.checkpoint, seed=i,
                      world=args.world)[0]
        times.append((time.perf_counter() - t) * 1000)
    q = statistics.quantiles(times, n=10)
    print(json.dumps({"method": args.method, "world": args.world, "checkpoint": args.checkpoint or "shipped",
                      "size": img.size[0], "runs": args.runs, "threads": args.threads,
                      "median_ms": round(statistics.median(times), 2), "p10_ms": round(q[0], 2),
                      "p90_ms": round(q[-1], 2)}))


if __name__ == "__main__":
    main()
