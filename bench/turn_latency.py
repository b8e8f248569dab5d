"""Median and p95 latency of one turn (parse + edit + render at 512×400) over a 50-turn dialog per world.

    .venv/bin/python bench/turn_latency.py [--repeats 3]

Each turn is timed end to end through `Session.tell(...)` and `turn.image` (the procedural renderer draws
the whole picture; tiles of unchanged objects come from its cache). Prints one line per world.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time

os.environ.setdefault("SCENEWRIGHT_SEMANTIC", "0")

from scenewright import Session  # noqa: E402

SHAPES = [
    "add a red cube on the left", "add a blue sphere on the right", "add a green cylinder in the middle",
    "make the cube big", "move the sphere a bit up", "add a yellow cube behind the cylinder",
    "paint the cylinder purple", "add two gray spheres", "remove one of the gray spheres",
    "move the yellow cube to the right of the blue sphere", "make it small", "add a cyan cylinder in front of it",
    "swap the red cube and the blue sphere", "make all the spheres brown", "undo", "redo",
    "add a brown cube between the red cube and the green cylinder", "move the brown cube to the far left",
    "make the biggest cube small", "remove the purple cylinder", "no, I meant the cyan one",
    "add a red sphere in the back", "make it twice as big", "move it down a lot", "add a blue cylinder",
    "flip it", "remove the leftmost cube",
    "add a green sphere on the far right", "make the green sphere yellow", "go back to turn 20",
    "add a purple cube in front", "make it dark", "make it light", "add a gray cylinder next to the purple cube",
    "move it a bit left", "make the cylinder bigger", "remove the blue cylinder", "add a cyan sphere on top",
    "move the cyan sphere to the middle", "add two red cubes on the right", "make them green",
    "remove the cubes", "undo", "add a yellow sphere behind it", "make it small", "move it up",
    "add a brown cylinder in the front left corner", "paint it blue", "remove everything", "undo",
]
PARK = [
    "it was a sunny day in the park", "a girl is standing on the right", "she is happy",
    "a bear is on the left", "put a hot dog next to the girl", "no, a hamburger",
    "make the bear face the other way", "add a tree and put an owl in it", "a boy in the middle",
    "he is holding a kite", "he looks angry", "he wears a crown", "a small sun in the top left corner",
    "two clouds in the sky", "remove one of the clouds", "move the bear a bit down", "make the tree smaller",
    "the girl is sitting", "she faces left", "put a dog next to him", "no, the dog was smaller",
    "add a slide on the far right", "move the girl in front of the slide", "a cat under the tree",
    "make the cat face the other way", "add a pie on the table", "undo", "add a table", "put a pie on it",
    "add a soccer ball next to the boy", "make it night", "make it day", "the boy is running",
    "move him to the left", "add a rain cloud above the bear", "remove the rain cloud",
    "add a tent in the back", "add a campfire in front of the tent", "add a duck near the campfire",
    "the duck faces right", "remove the duck", "add balloons", "move the balloons next to the girl",
    "she is laughing", "add an apple tree on the left", "remove the leftmost tree", "undo",
    "add sunglasses on the boy", "make the sun big", "go back to turn 40",
]


def bench(world: str, turns: list[str], repeats: int) -> tuple[list[float], int]:
    times = []
    ok = 0
    for _ in range(repeats):
        s = Session(world=world, size=(512, 400), semantic=False)
        for text in turns:
            t0 = time.perf_counter()
            turn = s.tell(text)
            turn.image  # noqa: B018 — draw the picture: part of a turn
            times.append(time.perf_counter() - t0)
            ok += turn.ok
    return times, ok // repeats


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--repeats", type=int, default=3)
    args = ap.parse_args()
    print(f"turn latency, 512×400, {args.repeats} runs of a 50-turn dialog per world (first run includes "
          f"drawing every tile once)")
    for world, turns in (("shapes", SHAPES), ("park", PARK)):
        assert len(turns) == 50, (world, len(turns))
        times, ok = bench(world, turns, args.repeats)
        ms = sorted(t * 1000 for t in times)
        p95 = ms[int(round(0.95 * (len(ms) - 1)))]
        print(f"{world:7s} median {statistics.median(ms):6.2f} ms   p95 {p95:6.2f} ms   max {ms[-1]:7.2f} ms   "
              f"({ok}/50 turns done, the rest refused with a reply)")


if __name__ == "__main__":
    main()
