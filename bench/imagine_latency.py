"""How long `scenewright.t2i.imagine` takes for one 64² image (the issue's target: ≤ 30 ms on this CPU).

    .venv/bin/python bench/imagine_latency.py --checkpoint runs/t2i/dfgan_shapes64 [--method dfgan] [--runs 50]

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
    ap.add_argument("--checkpoint", required=True)
    ap.add_argument("--method", default="dfgan")
    ap.add_argument("--runs", type=int, default=50)
    ap.add_argument("--threads", type=int, default=1)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)

    from scenewright.t2i import imagine, load_method

    load_method(args.method, args.checkpoint)
    for i in range(5):
        imagine(CAPTIONS[i % len(CAPTIONS)], method=args.method, checkpoint=args.checkpoint, seed=i)
    times = []
    for i in range(args.runs):
        t = time.perf_counter()
        img = imagine(CAPTIONS[i % len(CAPTIONS)], method=args.method, checkpoint=args.checkpoint, seed=i)[0]
        times.append((time.perf_counter() - t) * 1000)
    q = statistics.quantiles(times, n=10)
    print(json.dumps({"method": args.method, "size": img.size[0], "runs": args.runs, "threads": args.threads,
                      "median_ms": round(statistics.median(times), 2), "p10_ms": round(q[0], 2),
                      "p90_ms": round(q[-1], 2)}))


if __name__ == "__main__":
    main()
