"""A group, then its members one by one: "two apple trees, one on the far left and one on the far right, both
large"; "two cars, one on the left, the other on the right"; "three cars in the near lane. Red, white, black.";
"two men, one tall and one short".

The reader cuts such a stretch into one part per member. Each part is read as a clause of its own whose target
is `Mention("MEMBER", (how, k))` — the k-th thing of the group (`at`), the ones from k on ("the rest", `from`)
or all of them ("both large", `all`). The interpreter knows the group only once the clause that names it has
run (the things may be added by it), so it swaps each MEMBER for the thing itself just before the part runs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Sequence

from ..scene import Add, Edit, Scene, apply

from .lexicon import FILLER, Token
from .references import Mention

_SEP = ("AND", "COMMA")


@dataclass
class Leader:
    length: int  # tokens that say which member it is ("the other", "the third one")
    how: str  # "next" (one / another / the other), "at" (an ordinal), "rest", "all"
    k: int = 0


def group_size(c) -> int:
    """How many things the clause `c` names as one group ("two apple trees": 2), else 0."""
    for m in c.targets:
        if m.head == "CAT" and m.plural and (m.count or 0) >= 2 and not m.negated:
            return int(m.count)
    return 0


def carried(scene: Scene, entries: Sequence) -> list[str]:
    """The group the last turn named, for a turn that starts on its members ("two men came out." — "One was
    really tall and the other one was short."): the things it added, when they are two or more of one kind."""
    if not entries:
        return []
    present = {o.id: o for o in scene.objects}
    added = [e.obj.id for e in entries[-1].edits if isinstance(e, Add) and e.obj.id in present]
    by_kind: dict[str, list[str]] = {}
    for i in added:
        by_kind.setdefault(present[i].category, []).append(i)
    groups = [ids for ids in by_kind.values() if len(ids) >= 2]  # (the bank they came out of is not one)
    return groups[0] if len(groups) == 1 else []


def leader(toks: Sequence[Token], i: int) -> Leader | None:
    """The words at `toks[i]` that pick a member of the group, if they do."""
    def kind(j: int, *kinds: str) -> bool:
        return j < len(toks) and toks[j].kind in kinds

    def one(j: int) -> int:  # an optional "one" after the leader: "the third one", "another one"
        return 1 if j < len(toks) and toks[j].kind in ("NUM", "ONE") and toks[j].text == "one" else 0

    t = toks[i]
    if t.kind in ("NUM", "ONE") and t.text == "one":
        if kind(i + 1, "CAT", "OF") or i + 1 < len(toks) and toks[i + 1].text in ("more", "another"):
            return None  # "one car" is a new thing; "one of them" a pick; "one more" another one
        return Leader(1, "next")
    if t.kind == "DET" and t.value == "another":
        return None if kind(i + 1, "CAT") else Leader(1 + one(i + 1), "next")
    if t.kind == "DET" and t.value == "the" and i + 1 < len(toks):
        nxt = toks[i + 1]
        if nxt.kind == "DET" and nxt.value == "other":
            if kind(i + 2, "CAT"):
                return None
            return Leader(2 + one(i + 2), "next")
        if nxt.kind == "ORD" and isinstance(nxt.value, int) and not kind(i + 2 + one(i + 2), "CAT"):
            return Leader(2 + one(i + 2), "at", nxt.value - 1 if nxt.value > 0 else nxt.value)
        if nxt.kind == "REST":
            return Leader(2, "rest")
    if t.kind == "REST":
        return Leader(1, "rest")
    if t.kind == "PRON" and t.value == "plural" or t.kind == "NUM" and t.text == "both":
        return Leader(1, "all")  # "both large", "all of them silver", "they were all facing left"
    if t.kind == "DET" and t.value == "all" and not kind(i + 1, "CAT"):
        return Leader(1 + one(i + 1), "all")  # "each one red"
    return None


def _colour_list(toks: Sequence[Token]) -> bool:
    """"Red, white, black." — "like red, green, blue from left to right" too."""
    said = [t for t in _without_order(toks) if t.kind not in _SEP and not (t.kind == "WORD" and t.value in FILLER)]
    return len(said) >= 2 and all(t.kind == "COLOR" for t in said)


def _without_order(toks: Sequence[Token]) -> list[Token]:
    """`toks` less a "from left to right" (which `in_order` reads from the text)."""
    out = list(toks)
    for k in range(len(out) - 2):
        if out[k].kind == "ABS" and out[k + 1].text == "to" and out[k + 2].kind == "ABS":
            start = k - 1 if k and out[k - 1].text == "from" else k
            return out[:start] + out[k + 3:]
    return out


def starts_members(toks: Sequence[Token]) -> bool:
    """Does this stretch describe members of a group just named?"""
    return bool(toks) and (leader(toks, 0) is not None or _colour_list(toks))


def cut(toks: Sequence[Token], size: int, dealt: int = 0) -> tuple[list[tuple[Leader, list[Token], list[Token]]], int]:
    """The stretch as (which member, the words that said which, the words about it), in order, and how many
    members are dealt out after it ("one red and one white and the third one black" comes in three stretches;
    `dealt` carries the count from one to the next). No parts when the stretch is not about members."""
    if _colour_list(toks):
        colours = [t for t in toks if t.kind == "COLOR"]
        if dealt + len(colours) > size:
            return [], dealt
        return [(Leader(0, "at", dealt + k), [], [t]) for k, t in enumerate(colours)], dealt + len(colours)
    parts: list[tuple[Leader, list[Token], list[Token]]] = []
    i = 0
    while i < len(toks):
        lead = leader(toks, i) if i == 0 or toks[i - 1].kind in _SEP else None
        if lead is None:
            if not parts:
                return [], dealt
            parts[-1][2].append(toks[i])
            i += 1
            continue
        if lead.how == "next":
            lead.how, lead.k = "at", dealt
        if lead.how == "at" and lead.k >= 0:
            dealt = max(dealt, lead.k + 1)
        elif lead.how == "rest":
            lead.k = dealt
        if parts and parts[-1][2] and parts[-1][2][-1].kind in _SEP:
            parts[-1][2].pop()
        parts.append((lead, list(toks[i:i + lead.length]), []))
        i += lead.length
    if any(lead.how == "at" and lead.k >= size for lead, _, _ in parts):
        return [], dealt  # "one … and one … and one …" of two things: not this group's members
    return parts, dealt


def split_members(segments: list[list[Token]]) -> list[list[Token]]:
    """Segments with a group's members cut apart: "two cars , one on the left , the other on the right" is
    one segment to the splitter; here it becomes the group and one segment per member."""
    out: list[list[Token]] = []
    for toks in segments:
        group = next((k for k, t in enumerate(toks) if t.kind == "NUM" and isinstance(t.value, int)
                      and t.value >= 2 and t.text != "both"), None)
        at = next((k for k in range(1, len(toks)) if toks[k].start < toks[k - 1].start
                   and group is not None and k > group and starts_members(toks[k:])), None)  # a new sentence
        if group is not None and at is None:
            at = next((k for k in range(group + 2, len(toks)) if toks[k - 1].kind in _SEP
                       and leader(toks, k) is not None and leader(toks, k).how != "all"), None)
        if at is None:
            out.append(list(toks))
            continue
        head = list(toks[:at])
        while head and head[-1].kind in _SEP:
            head.pop()
        out += [head, list(toks[at:])]
    return out


def member_mention(lead: Leader, surface: str) -> Mention:
    return Mention("MEMBER", (lead.how, lead.k), surface, det="the", plural=lead.how in ("rest", "all"))


def pick(m: Mention, members: Sequence[str]) -> list[str]:
    """The ids a MEMBER mention stands for, from the group's ids in the order they were named."""
    how, k = m.value
    if how == "all":
        return list(members)
    if how == "rest":
        return list(members[k:])
    if -len(members) <= k < len(members):
        return [members[k]]
    return []


_ORDER = re.compile(r"\b(?:from )?(left|right) to (?:the )?(right|left)\b")


def in_order(text: str, edits: Sequence[Edit]) -> list[Edit] | None:
    """"from left to right: a red cube, a blue sphere and a green cylinder": the things added, in the order
    they were said, along x (their spots kept, handed out in that order). None when the turn says no order."""
    hit = _ORDER.search(text)
    adds = [k for k, e in enumerate(edits) if isinstance(e, Add)]
    if hit is None or hit.group(1) == hit.group(2) or len(adds) < 2:
        return None
    xs = sorted((edits[k].obj.x for k in adds), reverse=hit.group(1) == "right")
    out = list(edits)
    for k, x in zip(adds, xs):
        out[k] = Add(replace(edits[k].obj, x=x))
    return out


def replay(scene: Scene, edits: Sequence[Edit]) -> Scene:
    for e in edits:
        scene = apply(scene, e)
    return scene
