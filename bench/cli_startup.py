"""How long the `scenewright` command takes to start and to run a one-turn dialog (no torch, no MiniLM).

    .venv/bin/python bench/cli_startup.py [--runs 10]

Prints the median and the fastest wall time of each command over --runs runs.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

EXE = str(Path(sys.executable).with_name("scenewright"))


def timed(cmd: list[str], runs: int) -> list[float]:
    env = {**os.environ, "SCENEWRIGHT_SEMANTIC": "0"}
    out = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True, env=env)
        out.append(time.perf_counter() - t0)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--runs", type=int, default=10)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for name, cmd in (("scenewright --help", [EXE, "--help"]),
                          ("scenewright worlds", [EXE, "worlds"]),
                          ("draw, 1 turn, park", [EXE, "draw", "--world", "park", "--json", "--out", tmp,
                                                  "a girl is standing on the right"])):
            ts = timed(cmd, args.runs)
            print(f"{name:22s} median {statistics.median(ts) * 1000:7.1f} ms   fastest {min(ts) * 1000:7.1f} ms")


if __name__ == "__main__":
    main()
