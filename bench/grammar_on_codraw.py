"""The grammar over real CoDraw teller utterances: how many turns it does, how many it refuses, why, and how
fast it parses. Internal errors are counted, never hidden (strict mode).

    .venv/bin/python bench/grammar_on_codraw.py [--codraw ../shared/data/codraw] [--dialogs 400]

Reads the val split in file order; prints the totals (done whole, done in part with the skipped words said,
refused) and the most common refusal replies.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import re
import time
from pathlib import Path

os.environ.setdefault("SCENEWRIGHT_SEMANTIC", "0")

from scenewright import Session  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--codraw", default=os.environ.get("SCENEWRIGHT_CODRAW", "../shared/data/codraw"))
    ap.add_argument("--dialogs", type=int, default=400)
    args = ap.parse_args()
    files = sorted((Path(args.codraw) / "dialogs").glob("val_*.json"))[:args.dialogs]
    if not files:
        raise SystemExit(f"no CoDraw val dialogs in {args.codraw}/dialogs")
    turns = done = partly = errors = 0
    why: collections.Counter[str] = collections.Counter()
    t0 = time.perf_counter()
    for path in files:
        s = Session(world="park", semantic=False)
        s.parser.strict = True
        for turn in json.loads(path.read_text())["dialog"]:
            if not turn["msg_t"]:
                continue
            turns += 1
            try:
                t = s.tell(turn["msg_t"])
            except Exception as e:  # noqa: BLE001 — counted and shown, that is the point
                errors += 1
                why[f"internal error: {type(e).__name__}"] += 1
                continue
            done += t.ok
            partly += not t.ok and bool(t.edits)
            if not t.ok and not t.edits:
                why[re.sub(r"(?<=\s)'[^']*'", "'…'", t.reply)[:70]] += 1
    secs = time.perf_counter() - t0
    print(f"{len(files)} dialogs, {turns} teller turns: {done} done whole ({done / turns:.0%}), {partly} done in "
          f"part, saying what was skipped ({partly / turns:.0%}), {turns - done - partly - errors} refused with a "
          f"reply, {errors} internal errors; {1000 * secs / turns:.2f} ms a turn (parse + edit)")
    for reply, n in why.most_common(8):
        print(f"{n:6d}  {reply}")


if __name__ == "__main__":
    main()
