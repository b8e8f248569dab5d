"""Time the turns that ask MiniLM about a word the grammar does not know ("a canine on the left").

    .venv/bin/python bench/semantic_latency.py

The model is loaded once, on the first unknown word (timed apart); then every turn below needs a MiniLM
lookup. Prints the load time and the median / max of those turns (parse + edit; no picture is drawn).
"""

from __future__ import annotations

import argparse
import statistics
import time

WORDS = ["canine", "feline", "pooch", "doggo", "mutt", "moggy", "tabby", "labrador", "poodle", "terrier",
         "spaniel", "bulldog", "lion", "tiger", "wolf", "fox", "rabbit", "parrot", "sparrow", "eagle"]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args = ap.parse_args()
    from scenewright import Session

    s = Session(world="park", semantic=True)
    t0 = time.perf_counter()
    s.tell("a canine on the left")
    load = time.perf_counter() - t0
    times, asked = [], 0
    for word in WORDS:  # each word once: a lookup MiniLM has not cached
        s.goto(0)
        t0 = time.perf_counter()
        turn = s.tell(f"a {word} on the left")
        times.append((time.perf_counter() - t0) * 1000)
        asked += "I took" in turn.reply or "I don't know" in turn.reply
    print(f"MiniLM fallback (park): first unknown word {load:.1f} s (loads the model); then {len(times)} turns with "
          f"a word the grammar does not know ({asked} answered from MiniLM's lookup): median "
          f"{statistics.median(times):.1f} ms, max {max(times):.1f} ms (target ≤ 150 ms a turn)")


if __name__ == "__main__":
    main()
