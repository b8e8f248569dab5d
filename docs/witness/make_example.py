"""Rebuild the worked interview of docs/witness.md: its pictures (docs/witness/*.png), session and report.

    .venv/bin/python docs/witness/make_example.py

Each statement is paired with the edits the grammar should make for it (in the street world's own words:
places, attributes, marks, uncertainty), so the pictures and the record do not depend on the parser; once the
grammar handles the street world, `scenewright draw --world street` on the same statements gives the session.
"""

from __future__ import annotations

import sys
from datetime import datetime, timezone
from pathlib import Path

from scenewright.scene import Add, SceneObject, SetBackground, Update
from scenewright.session import Session
from scenewright.witness import build_record, write_report
from scenewright.worlds import get_world
from scenewright.worlds import street as geo

HERE = Path(__file__).parent
W = get_world("street")
T0 = datetime(2026, 3, 14, 10, 2, 5, tzinfo=timezone.utc).timestamp()


def at(base: str, category: str) -> float:
    """The centre y that puts a `category` on the ground line of a region."""
    return geo.centre_for_base(geo.BASES[base], W.category(category).height)


def thing(i, category, x, y, **fields) -> SceneObject:
    attrs, unsure = fields.pop("attributes", {}), fields.pop("uncertain", {})
    return SceneObject(f"o{i}", category, x, y, **fields).with_(attributes=attrs, uncertain=unsure)


MAN = dict(pose="running", attributes={"height": "tall", "top": "dark", "top_kind": "hoodie"})
MAN2 = dict(pose="running", attributes={"height": "tall", "top": "dark", "top_kind": "hoodie", "bottom": "blue",
                                        "bottom_kind": "jeans", "carry_kind": "backpack"},
            uncertain={"bottom": ["blue"]})
VAN = dict(color="red", attributes={"motion": "parked"})

# (seconds after 10:02:05, kind, statement, edits)
INTERVIEW = [
    (0, "turn", "There's a bank across the street.", [Add(thing(1, "bank", 0.3, at("building", "bank")))]),
    (25, "turn", "A red van was parked in front of the bank.",
     [Add(thing(2, "van", 0.3, at("far lane", "van"), **VAN))]),
    (58, "turn", "Next to the bank there was a shop with a sign saying Joe's Pizza.",
     [Add(thing(3, "shop", 0.6, at("building", "shop"), attributes={"marks": ["sign saying Joe's Pizza"]}))]),
    (95, "turn", "I think it was around dusk.", [SetBackground("dusk")]),
    (140, "turn", "A tall man in a dark hoodie came out of the bank and ran toward the corner.",
     [Add(thing(4, "man", 0.5, at("far sidewalk", "man"), **MAN))]),
    (185, "turn", "He had blue jeans, I think, and a backpack.",
     [Update.of("o4", attributes=MAN2["attributes"], uncertain=MAN2["uncertain"])]),
    (230, "turn", "The van - I think it was red, maybe orange.",
     [Update.of("o2", uncertain={"color": ["red", "orange"]})]),
    (262, "turn", "Its plate started with K7.",
     [Update.of("o2", attributes={"motion": "parked", "marks": ["plate started with K7"]})]),
    (300, "turn", "There was a bus stop on this side of the street, on the left.",
     [Add(thing(5, "bus stop", 0.18, at("near sidewalk", "bus stop")))]),
    (331, "turn", "A woman was waiting at the bus stop.",
     [Add(thing(6, "woman", 0.34, at("near sidewalk", "woman"), pose="standing"))]),
    (352, "revise", "No wait, she was walking toward the bus stop, from the right.",
     [Add(thing(6, "woman", 0.5, at("near sidewalk", "woman"), pose="walking", flip=True))]),
    (400, "turn", "A streetlight on the corner was on.",
     [Add(thing(7, "streetlight", geo.CORNER_X - 0.03, at("far sidewalk", "streetlight")))]),
    (446, "turn", "Sorry, the hoodie was black, not just dark.",
     [Update.of("o4", attributes={**MAN2["attributes"], "top": "black"})]),
    (490, "turn", "A white car drove past in the near lane, going left.",
     [Add(thing(8, "car", 0.62, at("near lane", "car"), color="white", flip=True,
                attributes={"motion": "moving"}))]),
    (515, "undo", "undo", []),
]


def build() -> Session:
    s = Session(world="street")
    times = iter(T0 + dt for dt, *_ in INTERVIEW)
    s.history.clock = lambda: next(times)
    for _, kind, text, edits in INTERVIEW:
        if kind == "turn":
            s.history.push(text, edits)
        elif kind == "revise":
            s.history.revise(text, edits)
        else:
            s.history.undo(text)
        s.dialog.append(text)
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
