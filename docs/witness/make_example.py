"""Rebuild the worked interview of docs/witness.md: its pictures (docs/witness/*.png), session and report.

    .venv/bin/python docs/witness/make_example.py

The statements are told to `Session(world="street")` exactly as a user would (the grammar parses them); only
the clock is fixed, so the times in the record and the report are the same on every run.
"""

from __future__ import annotations

import sys
from datetime import datetime, timezone
from pathlib import Path

from scenewright.session import Session
from scenewright.witness import build_record, write_report

HERE = Path(__file__).parent
T0 = datetime(2026, 3, 14, 10, 2, 5, tzinfo=timezone.utc).timestamp()

# (seconds after 10:02:05, what the witness said)
INTERVIEW = [
    (0, "There's a bank across the street."),
    (25, "A red van was parked in front of the bank."),
    (58, "Next to the bank there was a shop with a sign saying Joe's Pizza."),
    (95, "I think it was around dusk."),
    (140, "A tall man in a dark hoodie came out of the bank and ran toward the corner."),
    (185, "He had blue jeans, I think, and a backpack."),
    (230, "The van - I think it was red, maybe orange."),
    (262, "Its plate started with K7."),
    (300, "There was a bus stop on this side of the street, on the left."),
    (331, "A woman was waiting at the bus stop."),
    (352, "No wait, she was walking toward the bus stop, from the right."),
    (400, "A streetlight on the corner was on."),
    (446, "Sorry, the hoodie was black, not just dark."),
    (490, "A white car drove past in the near lane, going left."),
    (515, "undo"),
]


def build() -> Session:
    s = Session(world="street")
    times = iter(T0 + dt for dt, _ in INTERVIEW)
    s.history.clock = lambda: next(times)
    for _, text in INTERVIEW:
        turn = s.tell(text)
        print(f"{'ok' if turn.ok else 'NO'}  {text}  ->  {turn.reply}", file=sys.stderr)
    return s


def main() -> None:
    s = build()
    rec = build_record(s.history, s.world)
    for st in rec.statements:
        if st.scene is not None:
            s.render(st.scene, (300, 200)).convert("RGB").quantize(96).save(HERE / f"turn_{st.index:02d}.png",
                                                                           optimize=True)
    s.render(rec.final).convert("RGB").quantize(160).save(HERE / "final.png", optimize=True)
    s.save(HERE / "session.json")
    write_report(s, HERE / "report.html", tz=timezone.utc, generated=T0 + 900, record=rec)
    for h in rec.objects.values():
        for line in h.lines(timezone.utc):
            print(line)
    for u in rec.unknown:
        print("not stated:", u["object"], "—", ", ".join(u["missing"]))
    for u in rec.uncertain:
        print("unsure:", u["object"], u["field"], u["alternatives"], repr(u["statement"]))
    print("wrote", HERE, file=sys.stderr)


if __name__ == "__main__":
    main()
