"""Reading one clause: tokens from the lexicon → a `Clause` (what is talked about, the verb, where, and what it
should look like). `ClauseReader.split` cuts a turn into clauses; `ClauseReader.read` reads one."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field, replace

from ..worlds import World
from .lexicon import FILLER, GO_WORDS, NON_OBJECTS, Lexicon, Token, label_of, plural_token, verbish
from .reader import read
from .references import Mention

_MODS = {"DET", "NUM", "ORD", "SUPER", "COLOR", "SIZE", "EXPR", "POSE", "ATTR", "OF", "OWNER"}
_WHERE_A_LANDMARK_IS = {"front", "behind", "next", "near", "left", "right", "opposite"}
_STEP = 0.15  # how far "closer to the middle" goes (the interpreter's step for "move it left")
_HEADS = {"CAT", "PRON", "ONE", "ALL", "REST", "ROLE"}
_LOOKS = {"COLOR": "colors", "SIZE": "sizes", "EXPR": "expressions", "POSE": "poses", "ATTR": "attrs"}


@dataclass
class Clause:
    text: str
    verb: str | None = None
    copula: bool = False
    targets: list[Mention] = field(default_factory=list)
    holder: Mention | None = None  # "he is holding a kite": he
    relation: str | None = None
    landmarks: list[Mention] = field(default_factory=list)
    abs_x: float | None = None
    abs_y: str | None = None
    abs_words: list[str] = field(default_factory=list)
    place: tuple | None = None
    dirs: list[tuple[int, int]] = field(default_factory=list)
    amount: float | None = None
    colors: list[str] = field(default_factory=list)
    sizes: list[tuple] = field(default_factory=list)
    expressions: list[str] = field(default_factory=list)
    poses: list[str] = field(default_factory=list)
    attrs: list[tuple] = field(default_factory=list)
    kinds: list[tuple] = field(default_factory=list)  # (slot, colour or None, kind)
    facing: str | None = None
    face_to: Mention | None = None  # "facing the girl", "looking at him": turned towards that one
    face_same: bool = False  # "facing the same way as the girl": turned as that one is
    hedge: bool = False
    alternatives: bool = False
    neg: bool = False
    count: int | None = None
    backgrounds: list[str] = field(default_factory=list)
    marks: list[str] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)  # words in a noun's place that we do not know
    kind_subject: tuple | None = None  # "the hoodie was black": (slot, kind) the clause is about
    hedge_words: list[str] = field(default_factory=list)  # "i think", "maybe": the witness's own confidence
    notes: list[str] = field(default_factory=list)  # said about the clause's thing, cannot be drawn ("beard")
    not_backgrounds: list[str] = field(default_factory=list)  # "it wasn't raining"
    handled: set[str] = field(default_factory=set)  # unknown words that were mapped or kept as notes
    look_part: dict = field(default_factory=dict)  # a look said (colour, attribute, kind, word) -> its part
    hedged_parts: set[int] = field(default_factory=set)  # the comma-separated parts a hedge covers
    hedged_there: bool = False  # the hedge comes before the thing is named: unsure it was there
    size_ref: str | None = None  # "half the size of the cube": the size is the cube's times the factor
    beside_x: int = 0  # "below it and to the left": -1 / 1, a little to that side of the landmark
    goes: bool = False  # a verb of going ("drove", "came", "headed"): its subject moves by itself
    dropped_place: str | None = None  # a second place said for it, which one clause cannot keep as well

    def unsure(self, *looks: object) -> bool:
        """Was this look hedged? A hedge covers the words of its own part of the clause: in "tall, bald, in a
        white apron I think" only the apron; with no commas, or a look we can't place, the whole clause."""
        if not self.hedge:
            return False
        if not self.hedged_parts:
            return True
        parts = [self.look_part[k] for k in looks if k in self.look_part]
        return not parts or any(p in self.hedged_parts for p in parts)

    @property
    def has_location(self) -> bool:
        return bool(self.relation and self.landmarks) or self.abs_x is not None or self.abs_y is not None \
            or self.place is not None or bool(self.dirs)

    @property
    def has_predicate(self) -> bool:
        return bool(self.colors or self.sizes or self.expressions or self.poses or self.attrs or self.kinds
                    or self.facing or self.face_to or self.marks)

    @property
    def empty(self) -> bool:
        return not (self.targets or self.holder or self.verb or self.has_location or self.has_predicate
                    or self.backgrounds or self.unknown)




_HAVING = ("had", "has", "have", "with", "got")


_MEASURES = {"metres", "meters", "feet", "foot", "inches", "cms", "years", "yrs", "stones", "kilos", "pounds",
             "months", "mins", "minutes"}  # what a height, an age or a time is said in (read elsewhere)


def _departed(out: list[Token]) -> bool:
    """"walked off", "ran away to the left": a past going-away, so a way gone — not "running to the left"."""
    j = len(out) - 1
    while j >= 0 and (out[j].kind in ("DET", "COMMA") or out[j].kind == "REL" and out[j].value == "toward" or
                      out[j].kind == "WORD" and out[j].value in ("to", "towards")):
        j -= 1
    if j >= 0 and out[j].kind == "POSE" and out[j].text.split()[-1] in ("off", "away"):
        return not out[j].text.split()[0].endswith("ing")  # "ran away", one token
    return j >= 1 and out[j].text in ("off", "away") and any(
        x.kind == "POSE" and not x.text.endswith("ing") for x in out[max(0, j - 2):j])


def _than(t: Token, perspective: bool) -> str | None:
    """The relation a comparative says before "than": "higher than" above, "further left than" left of."""
    if t.kind == "DIR" and t.value in ((-1, 0), (1, 0)) or t.kind == "DIR" and not perspective and \
            t.value in ((0, -1), (0, 1)):
        return {(0, -1): "above", (0, 1): "below", (-1, 0): "left", (1, 0): "right"}[t.value]
    if t.kind == "ABS" and isinstance(t.value, tuple) and t.value[1] is None and t.value[0] in (0.2, 0.8):
        return "left" if t.value[0] < 0.5 else "right"
    if t.kind == "VERB" and t.text == "lower" and not perspective:
        return "below"
    return None


def _owns_a_thing(rest: list[Token]) -> bool:
    """A possessive before a thing's name, maybe with a few words between: "her (birthday) crown"."""
    for t in rest[:4]:
        if t.kind in ("CAT", "KIND"):
            return True
        if t.kind not in ("WORD", "COLOR", "SIZE"):
            return False
    return False


def _same_new_thing(last: Mention, m: Mention, toks: list[Token], i: int) -> bool:
    """Two indefinite mentions of one category with only a comma between them name one new thing."""
    one = (m.head == "ONE" or m.head == "ALL" and m.surface == "thing") and (
        (m.det == "a" or m.det is None and bool(m.colors or m.sizes)) and last.head == "CAT"
                               or  # "a sphere? a cyan one", "her bike, an old one", "a van pulls up, yellow one"
                               m.det == "the" and last.head in ("ONE", "CAT") and last.det in ("the", "other"))
    # "the other one, the shorter one": one thing, said twice
    if not (one or last.head == m.head == "CAT" and last.value == m.value and last.indefinite
            and (m.indefinite or m.det == "the")):  # "a bee rider, the spring bee thing"
        return False
    if not last.indefinite and not one:
        return False
    if (last.count or 1) > 1 or (m.count or 1) > 1 or m.det == "another":
        return False
    if last.colors and m.colors and set(last.colors) != set(m.colors) and not one:
        return False  # "a green cube, a blue cube and a red sphere": a list, not one cube said twice
    return any(t.kind == "COMMA" for t in toks[max(0, i - 4):i])


def _merge(into: Mention, m: Mention) -> None:
    into.take_looks(m)
    if into.head == m.head == "CAT" and into.value == m.value and into.surface == into.value and \
            m.surface not in (m.value, ""):
        into.surface = m.surface  # "a bus, a red double-decker": the word that says more is kept
    into.relation = into.relation or m.relation
    into.landmarks = into.landmarks or m.landmarks


_ENDS = re.compile(r"\b(?:on|at) (?:the|both|each) ends?\b|\bthe outer ones\b|\bat either end\b")
_HESITATIONS = {"um", "uh", "er", "erm", "uhm", "umm", "hmm", "ah", "eh"}


_GROUP_NOUNS = {"vehicle", "vehicles"}


def _group_noun_as_a_label(tokens: list[Token]) -> list[Token]:
    """"Vehicle of interest: a van", "Vehicle 1: silver hatchback", "the vehicle, a black Audi estate": the
    word names what comes next, it is not a second thing. "The vehicle" and "a dark saloon vehicle" said alone
    are a vehicle."""
    out: list[Token] = []
    for k, t in enumerate(tokens):
        if t.kind == "CAT" and t.text in _GROUP_NOUNS:
            before = tokens[k - 1] if k else None
            nxt = tokens[k + 1] if k + 1 < len(tokens) else None
            after = tokens[k + 2] if k + 2 < len(tokens) else None
            named = before is not None and before.kind in ("DET", "NUM", "COLOR", "SIZE", "WORD", "KIND")
            apposed = nxt is not None and (nxt.kind in ("OF", "NUM") or nxt.kind == "COMMA" and after is not None
                                           and after.kind in ("DET", "COLOR", "SIZE", "CAT"))
            if not named or apposed:
                t = Token("WORD", t.text, t.text, t.start)
        out.append(t)
    return out


def _bare_all(tokens: list[Token]) -> list[Token]:
    """Terse "all bigger", "all blue", "all except blue smaller": "all" is everything, "except blue" the blue
    ones; "delete all red": the red ones."""
    out: list[Token] = []
    k = 0
    while k < len(tokens):
        t = tokens[k]
        nxt = tokens[k + 1] if k + 1 < len(tokens) else None
        after = tokens[k + 2] if k + 2 < len(tokens) else None
        before = tokens[k - 1] if k else None
        if t.text == "all" and t.kind in ("ALL", "DET") and nxt is not None and nxt.kind in ("SIZE", "COLOR") and \
                next((x.kind for x in tokens[k + 1:] if x.kind not in ("SIZE", "COLOR")), None) == "ALL":
            k += 1  # "all large objects": one set, the large objects — not "all" and "large objects"
            continue
        bare_colour = nxt is not None and nxt.kind == "COLOR" and (after is None or after.kind not in
                                                                    ("CAT", "ONE", "COLOR", "SIZE"))
        if (t.kind == "DET" and t.text == "all" or t.kind == "ALL" and t.text in ("everything", "all")) and \
                bare_colour and before is not None and before.kind == "VERB" \
                and before.value in ("remove", "move", "flip", "resize"):  # "remove everything purple": those
            out += [Token("DET", "all", "all", t.start), nxt, Token("ONE", "ones", "ones", nxt.start)]
            k += 2
            continue
        if t.kind == "DET" and t.text == "all" and (before is None or before.kind == "VERB") and (
                nxt is None or nxt.kind in ("SIZE", "EXCEPT", "COMMA", "VERB", "EXPR", "POSE", "BG") or bare_colour):
            out.append(Token("ALL", "all", "all", t.start))
            k += 1
            continue
        out.append(t)
        if t.kind == "COLOR" and before is not None and before.kind == "EXCEPT" and (
                nxt is None or nxt.kind not in ("CAT", "ONE", "COLOR")):
            out.append(Token("ONE", "ones", "ones", t.start))  # "except blue": the blue ones
        k += 1
    return out


_SIZE_REF = re.compile(r"\b(?:size|big|large|tall|small|high)$")


def _size_refs(tokens: list[Token]) -> list[Token]:
    """"half the size of the cube", "as big as the tree": a size measured on a thing there, which is not a
    thing of the clause. The SIZE token keeps the thing's name in its text (`Clause.size_ref` reads it)."""
    out: list[Token] = []
    k = 0
    while k < len(tokens):
        t = tokens[k]
        j = k + 1
        if t.kind == "SIZE" and _SIZE_REF.search(t.text) and j < len(tokens) and tokens[j].text in ("of", "as"):
            j += 1
            while j < len(tokens) and tokens[j].kind == "DET" and tokens[j].value == "the":
                j += 1
            colour = tokens[j].value if j + 1 < len(tokens) and tokens[j].kind == "COLOR" and \
                tokens[j - 1].kind == "DET" else None  # "the same size as the red one"
            if colour is None and j + 1 < len(tokens) and tokens[j].kind == "SIZE" and tokens[j - 1].kind == "DET" \
                    and tokens[j].value[0] in ("abs", "rel") and tokens[j].value[1] != 1.0:
                colour = "max" if tokens[j].value[1] > 1 else "min"  # "the same size as the big cube": the biggest
            h = j + 1 if colour else j
            one = h < len(tokens) and (tokens[h].kind == "ONE" or tokens[h].kind == "NUM" and tokens[h].text == "one")
            if h < len(tokens) and (tokens[h].kind == "CAT" or one and colour) and tokens[j - 1].kind == "DET":
                value = ("abs", 1.0) if t.value[0] == "abs" else t.value  # "as big as": the same size
                if out and out[-1].text == "as" and t.value[0] == "abs":
                    out.pop()
                name = "one" if one else _cat_name(tokens[h].value)
                out.append(Token("SIZE", value, f"{t.text} of the {colour + ':' if colour else ''}{name}", t.start))
                k = h + 1
                continue
        out.append(t)
        k += 1
    return out


def _in_except_list(current: list[Token], rest: list[Token]) -> bool:
    """"everything except the sun and the cloud …": the "and" goes on the list of things left out."""
    k = max((i for i, t in enumerate(current) if t.kind == "EXCEPT"), default=None)
    if k is None or not all(t.kind in ("DET", "COLOR", "SIZE", "CAT", "ONE", "COMMA", "AND") for t in current[k + 1:]):
        return False
    j = 0
    while j < len(rest) and rest[j].kind in ("DET", "COLOR", "SIZE"):
        j += 1
    return j < len(rest) and rest[j].kind in ("CAT", "ONE")


def _cat_name(value) -> str:
    return str(value[0] if isinstance(value, tuple) else value)


def _worn(world: World, value) -> bool:
    name = _cat_name(value)
    return name in world.category_names and bool(world.category(name).worn)


def _wearer(world: World, value) -> bool:
    name = _cat_name(value)
    return name in world.category_names and world.category(name).alive


_CAUSE_WORDS = {"of", "at", "about"}  # not "with", "by": "happy with a kite", "angry by the tree"


def _without_causes(tokens: list[Token]) -> list[Token]:
    """"the boy looks scared of the bear", "angry at him": what the feeling is about is not who has it — the
    bear (already there, or drawn by its own clause) is left out of this clause."""
    out: list[Token] = []
    k = 0
    while k < len(tokens):
        t = tokens[k]
        out.append(t)
        k += 1
        with_someone = k + 2 < len(tokens) and tokens[k].text == "with" and tokens[k + 1].kind == "DET" and \
            tokens[k + 1].value == "the" and tokens[k + 2].kind == "CAT"  # "happy with the bear": it is why
        if t.kind != "EXPR" or k >= len(tokens) or tokens[k].text not in _CAUSE_WORDS and not with_someone:
            continue
        j = k + 1
        while j < len(tokens) and tokens[j].kind in ("DET", "COLOR", "SIZE"):
            j += 1
        if j < len(tokens) and (tokens[j].kind == "CAT" or tokens[j].kind == "PRON" and tokens[j].text in
                                ("him", "her", "them", "it", "me", "us")):
            k = j + 1  # skip "of the bear"
    return out


def _without_ended_up(tokens: list[Token]) -> list[Token]:
    """"the lad ended up on the ground": where or how he came to be, not a move upwards."""
    out: list[Token] = []
    for k, t in enumerate(tokens):
        if t.kind == "DIR" and t.text == "up" and out and out[-1].kind == "WORD" and \
                out[-1].value in ("ended", "wound", "finished", "end", "ends") and k + 1 < len(tokens) and \
                tokens[k + 1].kind in ("PLACE", "POSE", "REL", "ABS", "PRON", "DET", "COMMA"):
            out.pop()
            continue
        out.append(t)
    return out


def _went_down(tokens: list[Token]) -> list[Token]:
    """"the white shirt lad went down, flat out", "she's down": fell, not a move ("went down the road" moves)."""
    out = list(tokens)
    for k in range(1, len(tokens)):
        if tokens[k].kind == "DIR" and tokens[k].text == "down" and tokens[k - 1].kind in ("WORD", "VERB") and \
                (tokens[k - 1].value in ("went", "go", "goes", "going", "gone") or tokens[k - 1].kind == "VERB" and
                 tokens[k - 1].value == "copula" and k >= 2 and tokens[k - 2].kind == "PRON" and
                 tokens[k - 2].value in ("male", "female")) and \
                (k + 1 == len(tokens) or tokens[k + 1].kind in ("COMMA", "AND", "POSE")):
            out[k - 1:k + 1] = [Token("POSE", "lying", "went down", tokens[k - 1].start)]
            return _went_down(out)
    return out


def _apposed_one(tokens: list[Token]) -> list[Token]:
    """"the shop, the one on the corner": the shop on the corner, one thing said twice."""
    for k in range(1, len(tokens) - 3):
        if tokens[k].kind == "COMMA" and tokens[k - 1].kind == "CAT" and tokens[k + 1].kind == "DET" and \
                tokens[k + 1].value == "the" and tokens[k + 2].kind in ("NUM", "ONE") and tokens[k + 2].text == "one" \
                and tokens[k + 3].kind in ("PLACE", "REL", "ABS") and tokens[k + 3].text != "with":
            return _apposed_one(tokens[:k] + tokens[k + 3:])
    return tokens


_LEAD_INS = ("so", "and", "then", "well", "just", "um", "uh")


def said_by_the_witness(toks: list[Token], separators: bool = False) -> list[Token] | None:
    """The words of a part that starts with "I" / "we" ("so I was sitting on the bench"), less "so", "well" and
    the like (and commas, unless `separators`); None when the witness is not who it is about."""
    said = [t for t in toks if not (t.kind == "WORD" and t.value in _LEAD_INS or
                                    not separators and t.kind in ("COMMA", "AND"))]
    return said if said and said[0].kind == "WORD" and said[0].value in ("i", "we") else None


_TOPIC_WORDS = ("DET", "NUM", "ONE", "REL", "KIND", "COLOR", "SIZE", "ATTR", "CAT", "AND", "COMMA", "ORD")


def _topic_then_pronoun(topic: list[Token], toks: list[Token]) -> bool:
    """"The one in the hoodie, | he pushed …", "And the hoodie one, | he legged it": a person named, then
    said again as "he" / "she" / "they" to start what they did."""
    said = [t for t in topic if t.kind not in ("AND", "COMMA")]
    return len(toks) > 1 and toks[0].kind == "PRON" and toks[0].value in ("male", "female", "plural") and \
        toks[0].text in ("he", "she", "they") and bool(said) and said[0].kind == "DET" and \
        said[0].value == "the" and all(t.kind in _TOPIC_WORDS for t in said) and \
        any(t.kind in ("ONE", "CAT") or t.kind == "NUM" and t.text == "one" for t in said) and \
        toks[0].start > topic[-1].start


def _verb_waits(current: list[Token]) -> bool:
    """"make the swing and the girl a bit smaller", "move the cube and the sphere to the left": the verb has
    only its things so far — what to do with them comes after the "and", for all of them."""
    said = [t for t in current if t.kind not in ("COMMA",) and not (t.kind == "WORD" and t.value in FILLER)]
    if not said or said[0].kind != "VERB" or said[0].value not in ("make", "move", "put", "paint", "turn"):
        return False
    rest = said[1:]
    return bool(rest) and rest[-1].kind in ("CAT", "ONE") and \
        all(t.kind in ("DET", "CAT", "COLOR", "ORD", "ONE") for t in rest) and \
        all(t.value not in ("a", "an", "another") for t in rest if t.kind == "DET")  # (not "place a pie and a …")


def _a_group(toks: list[Token]) -> bool:
    """"them", "both", "the trees": more than one thing, so "in the middle of" them is between them."""
    head = next((t for t in toks if t.kind != "DET"), None)
    return head is not None and (head.kind == "PRON" and head.value == "plural" or
                                 head.kind == "CAT" and bool(head.value[1]) or head.kind == "NUM" and head.text == "both")


def _share_a_fronted_place(clauses: list[list[Token]], first: int) -> None:
    """"On the right there's a swing and a slide", "next to the tree, a dog and a cat": a place said before the
    things of a sentence is the place of each of them — the bare thing after "and" gets the place too."""
    for k in range(first, len(clauses) - 1):
        a = clauses[k]
        start = 0
        while start < len(a) and a[start].kind == "WORD" and a[start].value in FILLER | {"off"}:
            start += 1  # "off on the right there's …"
        if start >= len(a) or a[start].kind not in ("REL", "ABS"):
            continue
        end = next((j + (a[j].kind in ("ABS", "CAT", "PRON")) for j in range(start, len(a)) if
                    a[j].kind in ("COMMA", "ABS", "CAT", "PRON") or a[j].kind == "VERB" and a[j].value == "exist"),
                   len(a))
        place = [t for t in a[start:end] if t.kind != "COMMA"]
        if not any(t.kind == "ABS" for t in place) and not (place[0].kind == "REL" and place[-1].kind in ("CAT", "PRON")):
            continue
        rest, later = (a[end:], k + 1) if any(t.kind == "CAT" for t in a[end:]) else (clauses[k + 1], k + 2)
        if later >= len(clauses) or not any(t.kind in ("DET", "NUM") for t in rest) or \
                not any(t.kind == "CAT" for t in rest):
            continue
        said = [t for t in clauses[later] if t.kind not in ("AND", "COMMA")]
        if said and said[0].kind in ("DET", "NUM") and sum(t.kind == "CAT" for t in said) == 1 and not any(
                t.kind in ("ABS", "REL", "PLACE", "VERB", "PRON", "NEG", "DIR", "FACE") for t in said):
            clauses[later] = clauses[later] + place


PARTS_OF_PLACES = {"window", "windows", "wall", "door", "doorway", "entrance", "steps", "shutter", "shutters",
                   "glass", "bonnet", "hood", "boot", "trunk", "bumper", "wheel", "railings", "fence"}  # not "edge",
# "side" or "top": in a flat picture those say where on the thing, as places do


def _part_of_a_place(tokens: list[Token]) -> list[Token]:
    """"fell back against the window of the cafe", "leaning on the wall of the bank": where, by the cafe; the
    part of it is not a thing of its own. "Fell back" and "sat back" are how, not a place at the back."""
    out: list[Token] = []
    k = 0
    while k < len(tokens):
        t = tokens[k]
        if t.kind == "REL" and k + 5 <= len(tokens) and tokens[k + 1].kind == "DET" and \
                tokens[k + 2].kind in ("MARK", "WORD") and tokens[k + 2].text in PARTS_OF_PLACES and \
                tokens[k + 3].kind == "OF" and \
                tokens[k + 4].kind == "DET" and k + 5 < len(tokens) and tokens[k + 5].kind == "CAT":
            out += [t, tokens[k + 4], tokens[k + 5]]
            k += 6
            continue
        if t.kind == "ABS" and t.text == "back" and out and (out[-1].kind == "POSE" or out[-1].kind == "WORD" and
                                                             out[-1].value in ("stepped", "leaning", "leant")):
            k += 1
            continue
        out.append(t)
        k += 1
    return out


def _count_after(tokens: list[Token]) -> list[Token]:
    """"put some clouds up in the sky, like two": the number said at the end counts the plural things named
    with no number ("some clouds"), as if said before them; hedged ("like", "about") where it was said so."""
    if len(tokens) < 4 or tokens[-1].kind != "NUM" or not isinstance(tokens[-1].value, int) or \
            tokens[-1].text in ("one", "both") or tokens[-2].text not in ("like", "about", "around", "roughly",
                                                                            "maybe", "perhaps", "probably"):
        return tokens
    if tokens[-3].kind != "COMMA":
        return tokens
    plural = [k for k, t in enumerate(tokens[:-3]) if t.kind == "CAT" and plural_token(t)]
    if len(plural) != 1 or any(t.kind == "NUM" for t in tokens[:-1]):
        return tokens
    k = plural[0]
    j = k - 1 if k and tokens[k - 1].kind == "DET" and tokens[k - 1].text == "some" else k
    n, hedge = tokens[-1], [tokens[-2]] if tokens[-2].kind == "HEDGE" else []  # ("maybe three": unsure)
    return tokens[:j] + hedge + [Token("NUM", n.value, n.text, tokens[j].start - 0.5)] + tokens[k:-3]


def said_instead(tokens: list[Token]) -> list[Token]:
    """"three cubes, I mean spheres", "two red cubes, sorry, cylinders", "a green, no, a blue cube": a word taken
    back at once for another of its kind — the second is what was meant (the words around it stay)."""
    k = 0
    while k < len(tokens):
        t = tokens[k]
        before = [x for x in tokens[max(0, k - 3):k] if x.kind != "COMMA"]
        if t.kind not in ("CAT", "COLOR") or any(x.kind == "NEG" for x in before) or \
                t.kind == "CAT" and any(x.kind == "DET" and x.value == "the" for x in before):
            k += 1  # ("not red, I mean green", "remove the airplane, I meant a helicopter": a fix of the last
            continue  # turn, not a word taken back in this one)
        j, marks, bare_no = k + 1, 0, False
        while j < len(tokens):
            said = [x.text for x in tokens[j:j + 2]]
            if tokens[j].kind == "COMMA":
                j += 1
            elif said in (["i", "mean"], ["i", "meant"], ["or", "rather"]):
                j, marks = j + 2, marks + 1
            elif said[:1] in (["sorry"], ["rather"]) or said[:1] == ["no"] and tokens[j - 1].kind == "COMMA":
                j, marks = j + 1, marks + 1
                bare_no = bare_no or said[:1] == ["no"] and (j >= len(tokens) or tokens[j].kind != "COMMA")
            else:
                break
        if not marks or bare_no:  # ("cubes, no cylinders": none of those)
            k += 1
            continue
        if j < len(tokens) and tokens[j].kind == "DET" and tokens[j].value == "a" and k > 0 and \
                tokens[k - 1].kind == "DET":
            j += 1  # "a green, no, a blue cube", "a cube, sorry, I mean a sphere": one "a"
        if j < len(tokens) and tokens[j].kind == t.kind and tokens[j].value != t.value:
            tokens = tokens[:k] + tokens[j:]
        k += 1
    return tokens


def _thing_apposition(tokens: list[Token]) -> list[Token]:
    """"this lorry, massive thing, was tailgating …": how the thing just named looks, said as an aside."""
    for k in range(1, len(tokens) - 2):
        if tokens[k].kind != "COMMA" or tokens[k - 1].kind != "CAT":
            continue
        j = k + 1
        while j < len(tokens) and tokens[j].kind in ("SIZE", "COLOR"):
            j += 1
        if j > k + 1 and j < len(tokens) and tokens[j].kind == "ALL" and tokens[j].text == "thing" and \
                (j + 1 == len(tokens) or tokens[j + 1].kind == "COMMA"):
            looks = tokens[k + 1:j]
            return _thing_apposition(tokens[:k - 1] + looks + [tokens[k - 1]] + tokens[j + 2:])
    return tokens


def _named_again(tokens: list[Token]) -> list[Token]:
    """"this car came really fast from the right, a dark car, um, dark blue maybe": the thing named a second
    time, as an aside, is the same thing — how it looks goes to it, no second car is drawn."""
    for i, t in enumerate(tokens):
        if t.kind != "CAT" or plural_token(t):
            continue
        for j in range(i + 1, len(tokens)):
            if tokens[j].kind in ("AND", "CAT", "VERB", "NUM", "PRON", "ONE", "NEG", "OR"):
                break
            if tokens[j].kind != "COMMA" or j + 2 >= len(tokens) or tokens[j + 1].kind != "DET" or \
                    tokens[j + 1].text not in ("a", "an"):
                continue
            k = j + 2
            while k < len(tokens) and tokens[k].kind in ("COLOR", "SIZE", "WORD", "ATTR"):
                k += 1
            if k >= len(tokens) or tokens[k].kind != "CAT" or tokens[k].text != t.text or j == i + 1 or \
                    k + 1 < len(tokens) and tokens[k + 1].kind not in ("COMMA", "COLOR", "HEDGE", "OR"):
                break  # (another name — "a grey Tesla" — or right after it — "a car, a dark car" — is read
                # elsewhere)
            before = {x.value for x in tokens[max(0, i - 3):i] if x.kind == "COLOR"}
            after = {x.value for x in tokens[j + 2:k] if x.kind == "COLOR"}
            if before and after and before != after:
                break  # "a red car came, a blue car": two cars
            looks = tokens[j + 2:k]  # said of the thing where it was named: "this dark car came …, um, dark blue"
            return tokens[:i] + looks + tokens[i:j + 1] + tokens[k + 1:]
    return tokens


def _colours_and_ones(tokens: list[Token]) -> list[Token]:
    """"turn the red and blue ones purple": the red ones and the blue ones — two sets, each by its colour."""
    for k in range(len(tokens) - 4):
        d, a, conj, b, one = tokens[k:k + 5]
        if d.kind == "DET" and d.value == "the" and a.kind == "COLOR" and conj.kind == "AND" and \
                b.kind == "COLOR" and (one.kind == "ONE" or one.kind == "CAT"):
            return tokens[:k] + [d, a, one, conj, Token("DET", "the", "the", b.start - 0.1), b] + tokens[k + 4:]
    return tokens


def _colour_of_the_last(tokens: list[Token]) -> list[Token]:
    """"a man scratching a parked car with a key, red": a colour said at the end, after a comma, is the colour of
    the last thing named — not of the man too. Things listed with "and" ("a cube and a sphere, red") are left as
    they are: the clause split gives the colour to the part it ends."""
    end = len(tokens)
    while end and tokens[end - 1].kind in ("HEDGE", "COMMA") or end and tokens[end - 1].kind == "WORD" and \
            tokens[end - 1].value in FILLER:
        end -= 1
    k = end
    while k and tokens[k - 1].kind == "COLOR":
        k -= 1
    if k == end or not k or tokens[k - 1].kind != "COMMA":
        return tokens
    heads = [j for j in range(k) if tokens[j].kind == "CAT"]
    if len(heads) < 2 or any(t.kind in ("AND", "OR", "VERB") and not (t.kind == "VERB" and t.value == "exist")
                             for t in tokens[heads[-2]:heads[-1]]) or \
            any(t.kind == "COLOR" for t in tokens[heads[-2]:k]) or tokens[heads[-2]].value == tokens[heads[-1]].value:
        return tokens  # ("the bus was a double decker, red": one bus said twice)
    last = heads[-1]
    return tokens[:last] + tokens[k:end] + tokens[last:k - 1] + tokens[end:]


def _colour_ones(tokens: list[Token]) -> list[Token]:
    """"two cars, red on the left and blue on the right", "a white one and a grey one, white on the left": a
    bare colour with a place is the one of that colour — the one said before, else a new one of the group."""
    out: list[Token] = []
    for k, t in enumerate(tokens):
        if t.kind == "COLOR" and out and out[-1].kind in ("COMMA", "AND") and k + 1 < len(tokens) and (
                tokens[k + 1].kind in ("ABS", "PLACE") or tokens[k + 1].kind == "REL" and
                tokens[k + 1].value in ("on", "left", "right", "in", "next", "behind", "front")) and \
                any(x.kind in ("CAT", "ONE") or x.kind == "NUM" and x.text == "one" for x in out):
            said = any(x.kind == "COLOR" and x.value == t.value for x in out)
            out += [Token("DET", "the" if said else "a", "the" if said else "a", t.start - 0.2), t,
                    Token("ONE", "one", "one", t.start + 0.1)]
            continue
        out.append(t)
    return out


def _without_hesitations(tokens: list[Token]) -> list[Token]:
    """"make all the cubes, uh, the same colour": the "uh" and its commas are not a clause boundary."""
    out: list[Token] = []
    after = False  # just after a hesitation
    for t in tokens:
        if t.kind == "WORD" and t.value in _HESITATIONS:
            after = True
            continue
        if t.kind == "COMMA" and after and out and out[-1].kind == "COMMA":
            out.pop()  # ", uh," is one pause inside a clause (and what follows is still just after it)
            continue
        if after and t.kind == "CAT" and out and out[-1].kind == "CAT" and out[-1].value == t.value:
            out[-1] = Token("CAT", t.value, t.text, out[-1].start)  # "a ball, er, sphere": the word put right,
            after = False  # one thing
            continue
        after = False
        out.append(t)
    return out


def _facial_hair_looks(tokens: list[Token]) -> list[Token]:
    """"a big grey moustache", "a moustache, a big grey one": how it looked is the moustache's, kept with it —
    not the man's size or colour."""
    for j, t in enumerate(tokens):
        if t.kind != "ATTR" or t.value[0] != "facial_hair" or not j or tokens[j - 1].kind not in ("SIZE", "COLOR"):
            continue
        i = j
        while i and tokens[i - 1].kind in ("SIZE", "COLOR"):
            i -= 1
        said = " ".join(x.text for x in tokens[i:j + 1])
        return _facial_hair_looks(tokens[:i] + [Token("ATTR", ("facial_hair", said), said, tokens[i].start)] +
                                  tokens[j + 1:])
    return tokens


def _garment_colour_after(tokens: list[Token]) -> list[Token]:
    """"one of those hooded tops on, navy, and a rucksack", "a baseball cap on, a white one": the colour said
    after the garment is its colour (not a new white thing)."""
    out = list(tokens)
    for k, t in enumerate(tokens):
        if t.kind != "COMMA" or k + 1 >= len(tokens):
            continue
        looks = k + 1 if tokens[k + 1].kind != "DET" or tokens[k + 1].value != "a" else k + 2
        q = looks
        while q < len(tokens) and tokens[q].kind in ("SIZE", "COLOR"):
            q += 1
        one = looks == k + 2 and q < len(tokens) and tokens[q].text == "one"  # ", a white one"
        end = q + 1 if one else q
        colours = [x for x in tokens[looks:q] if x.kind == "COLOR"]
        if not colours or not one and (looks != k + 1 or q != k + 2) or \
                end < len(tokens) and tokens[end].kind not in ("COMMA", "AND"):
            continue
        j = k - 1
        if j >= 0 and tokens[j].kind == "REL" and tokens[j].value == "on":
            j -= 1  # "a hoodie on, grey"
        if j < 0 or tokens[j].kind != "KIND" or j > 0 and tokens[j - 1].kind == "COLOR":
            continue
        return _garment_colour_after(out[:j] + colours[:1] + out[j:k] + out[end:])
    return out


class ClauseReader:
    def __init__(self, world: World, lexicon: Lexicon):
        self.world = world
        self.lex = lexicon

    source = ""  # the turn as the user wrote it, for marks kept verbatim

    def verbatim(self, phrase: str) -> str:
        """`phrase` (normalised) as the user wrote it: "sign saying joe pizza" -> "sign saying Joe's Pizza"."""
        words = [w for w in phrase.split() if w != ","]  # a comma is a gap like any other
        pattern = r"[\W_]+".join(re.escape(w) + r"(?:['’]s)?" for w in words)
        hit = re.search(pattern, self.source, re.IGNORECASE) if words else None
        return hit.group(0) if hit else phrase

    def _in_a_hat(self, tokens: list[Token]) -> list[Token]:
        """"a dog in a crown", "the boy in the pirate hat": wearing it, not inside it."""
        w = self.lex.world
        out = list(tokens)
        for k, t in enumerate(tokens):
            if t.kind != "REL" or t.value != "in" or k == 0:
                continue
            j = k + 1
            while j < len(tokens) and tokens[j].kind in ("DET", "COLOR", "SIZE"):
                j += 1
            before = tokens[k - 1]
            if j < len(tokens) and tokens[j].kind == "CAT" and _worn(w, tokens[j].value) and \
                    (before.kind == "CAT" and _wearer(w, before.value) or before.kind == "PRON"):
                out[k] = Token("VERB", "wear", "wearing", t.start)
        return out

    def split(self, text: str) -> list[list[Token]]:
        """Sentences (the shared `reader.read`), then clauses at 'and' / ',' / 'then' where a new clause starts."""
        clauses: list[list[Token]] = []
        for tokens in read(text, self.lex).tokens:
            for step in (said_instead, _count_after, _thing_apposition, _named_again, _colours_and_ones,
                         _colour_of_the_last, _colour_ones, _part_of_a_place, _apposed_one, _without_ended_up,
                         _went_down, _facial_hair_looks, _garment_colour_after, _without_hesitations,
                         _without_causes, self._in_a_hat,
                         _size_refs, _bare_all, _group_noun_as_a_label):  # each a fix of the tokens, in order
                tokens = step(tokens)
            current: list[Token] = []
            first = len(clauses)  # this sentence's clauses start here
            between_open = False
            for k, tok in enumerate(tokens):
                if tok.kind == "REL" and tok.value == "between" or tok.kind == "VERB" and tok.value == "swap":
                    between_open = True
                if tok.kind in ("AND", "COMMA") and current and not between_open and \
                        (self._starts_clause(tokens[k + 1:]) or tok.kind == "AND" and
                         self._fronted_place(tokens[k + 1:])) and self._has_content(current) and \
                        not self._repair_or_repeat(current, tokens[k + 1:], tok.kind == "COMMA") and \
                        not (tok.kind == "AND" and self._more_held(current, tokens[k + 1:])) and \
                        not (tok.kind == "AND" and _verb_waits(current)) and \
                        not (tok.kind == "AND" and _in_except_list(current, tokens[k + 1:])):
                    clauses.append(current)
                    current = []
                    continue
                if tok.kind == "PRON" and tok.text in ("he", "she", "they") and k + 1 < len(tokens) and \
                        tokens[k + 1].kind == "VERB" and tokens[k + 1].value == "copula" and \
                        any(x.kind == "VERB" and x.value != "copula" for x in current) and \
                        any(x.kind in ("CAT", "PRON", "ONE") for x in current) and self._has_content(current) and \
                        current[-1].kind in ("SIZE", "COLOR", "EXPR", "POSE", "ATTR", "DIR", "ABS", "PLACE", "AMOUNT"):
                    # (not "move the girl [so] she's to the right of the tree": that says where to)
                    clauses.append(current)  # "make the shop guy bigger he was well big": two things said
                    current = []
                if tok.kind == "AND" and between_open:
                    between_open = False
                current.append(tok)
            if current:
                if clauses and not self._starts_clause(current) and not self._has_head(current) \
                        and not (current[0].kind == "NEG" and current[0].text == "no") \
                        and clauses[-1] and clauses[-1][0].start <= current[0].start and \
                        self._is_modifier_only(current) and not (
                            any(x.kind == "HEDGE" for x in clauses[-1]) and not any(x.kind == "HEDGE" for x in current)
                            and any(x.kind == "MARK" for x in current)):  # "I think it had a dent. And one of
                    # the headlights was out.": said for sure, its own part
                    clauses[-1] = clauses[-1] + current
                else:
                    clauses.append(current)
            _share_a_fronted_place(clauses, first)
        out: list[list[Token]] = []
        for toks in clauses:  # "the one in the hoodie, he pushed the other lad": he is the one in the hoodie
            if out and _topic_then_pronoun(out[-1], toks):
                out[-1] = out[-1] + toks[1:]
            else:
                out.append(toks)
        return out

    def _repair_or_repeat(self, current: list[Token], rest: list[Token], comma: bool) -> bool:
        """"a little boy, no, a girl" and "a car, a dark car" go on naming the same thing: one clause."""
        said = [t for t in current if t.kind not in ("COMMA", "AND")]
        if said and said[-1].kind == "NEG" and said[-1].text == "no":
            return True
        if not comma:
            return False
        role = next((t for t in reversed(said) if t.kind == "ROLE"), None)
        if role is not None and rest and rest[0].kind == "DET" and rest[0].value == "a":
            who = next((t for t in rest[1:4] if t.kind == "CAT"), None)  # "the driver, an older lady"
            return who is not None and self.world.category(who.value[0]).people
        if said and said[-1].kind == "NUM" and said[-1].text == "one" and len(said) > 1 and said[-2].kind == "DET" \
                and rest and rest[0].kind == "DET" and rest[0].value == "the" and \
                any(t.kind == "NUM" and t.text == "one" for t in rest[1:3]):
            return True  # "the other one, the shorter one"
        last = next((t for t in reversed(said) if t.kind == "CAT"), None)
        if last is None or not rest or rest[0].kind == "AND" or rest[0].kind != "DET" or \
                rest[0].value not in ("a", "the"):
            return False
        nxt = next((t for t in rest[1:4] if t.kind not in ("COLOR", "SIZE", "ATTR", "EXPR", "WORD")), None)
        if nxt is not None and nxt.kind in ("ONE", "NUM") and nxt.text == "one" and rest[0].value == "a":
            return True  # "a sphere, a cyan one"
        before = {t.value for t in said[-4:] if t.kind == "COLOR"}
        after = {t.value for t in rest[1:4] if t.kind == "COLOR"}
        if before and after and before != after:
            return False  # "a green cube, a blue cube": two cubes
        k = said.index(last)
        upto = next((j for j, t in enumerate(rest[1:], 1) if t.kind in ("COMMA", "AND")), len(rest))
        if any(t.kind in ("ABS", "PLACE") for t in said[k + 1:]) and any(t.kind in ("ABS", "PLACE")
                                                                        for t in rest[1:upto]):
            return False  # "a car on the left, a car on the right": each has its own place, so two cars
        return nxt is not None and nxt.kind == "CAT" and nxt.value == last.value

    @staticmethod
    def _more_held(current: list[Token], rest: list[Token]) -> bool:
        """"wearing a cap and sunglasses", "with a bucket and a shovel": one list of things held or worn."""
        holds = any(t.kind == "VERB" and t.value in ("hold", "wear") or t.kind == "REL" and t.text == "with"
                    for t in current)
        if not holds or not rest or rest[0].kind not in ("DET", "NUM", "CAT", "COLOR", "SIZE", "KIND"):
            return False
        for k, t in enumerate(rest):
            if t.kind in ("COMMA", "AND"):
                break
            if t.kind == "REL" and t.text != "with" and k + 1 < len(rest) and rest[k + 1].kind == "PRON" \
                    and rest[k + 1].value == "it" and (k + 2 == len(rest) or rest[k + 2].kind in ("COMMA", "AND")):
                return True  # "a table with a pie and a drink on it": both are on the table
            if t.kind in ("VERB", "PRON") or t.kind == "REL" and t.text != "with":
                return False
        return True

    @staticmethod
    def _fronted_place(rest: list[Token]) -> bool:
        """"…, and under it, a boy sitting": a place, then the new thing it is the place of."""
        while rest and rest[0].kind == "WORD" and rest[0].value in ("just", "right", "directly", "then", "also"):
            rest = rest[1:]  # "…, and just to the left of it a hot air balloon"
        if not rest or rest[0].kind != "REL" or rest[0].text == "with" or rest[0].value == "between":
            return False
        heads = [t for t in rest if t.kind in ("CAT", "PRON", "ONE")]
        return len(heads) >= 2 and any(t.kind == "COMMA" or t.kind == "VERB" and t.value == "exist"
                                       for t in rest) or len(heads) >= 2 and heads[1].kind == "CAT"

    @staticmethod
    def _has_content(tokens: list[Token]) -> bool:
        return any(t.kind not in ("COMMA", "AND", "WORD", "DET") for t in tokens)

    @staticmethod
    def _has_head(tokens: list[Token]) -> bool:
        return any(t.kind in _HEADS for t in tokens)

    @staticmethod
    def _is_modifier_only(tokens: list[Token]) -> bool:
        return not any(t.kind == "VERB" and t.value != "copula" for t in tokens)

    def _starts_clause(self, rest: list[Token]) -> bool:
        rest = [t for t in rest if t.kind not in ("COMMA", "AND") and not (t.kind == "WORD" and t.value in FILLER)]
        if not rest:
            return False
        first = rest[0]
        if first.kind == "NEG" and len(rest) > 1 and rest[1].kind == "VERB" and rest[1].value != "copula":
            return True  # "… and don't put it there"
        if first.kind == "VERB" and first.value != "copula":
            return True
        if first.kind in ("PRON", "CAT", "ALL", "REST", "ROLE") or first.kind == "HEDGE":
            return True
        if first.kind == "NUM" and first.text == "both" and len(rest) > 1 and \
                rest[1].kind in ("POSE", "EXPR", "SIZE", "ATTR", "COLOR", "VERB", "FACE"):
            return True  # "a boy on the left and a girl on the right, both standing"
        if first.kind in ("DET", "NUM") or first.kind in ("COLOR", "SIZE", "EXPR", "ATTR"):
            return any(t.kind in _HEADS or t.kind == "WORD" or t.kind == "NUM" and t.text in ("one", "ones")
                       for t in rest[1:5] if first.kind != "NUM" or t is not first) or \
                any(t.kind in _HEADS or t.kind == "WORD" for t in rest[:5])  # "…, and the other one, …"
        if first.kind in ("BG",):
            return True
        return False

    @staticmethod
    def _faced(c: Clause, toks: list[Token], face_at: tuple[int, str | None, int]) -> None:
        """"a cat facing the girl", "a duck facing towards the snake", "facing the same way as her": the one
        named after "facing" is who it turns to (or turns as), not a second thing of the clause, nor a place."""
        n_targets, relation, at = face_at
        if c.relation != relation and c.relation in ("toward", "near") and c.landmarks and \
                not c.landmarks[0].indefinite:
            c.face_to = c.landmarks[0]
            for m in c.targets:
                if m.landmarks is c.landmarks:
                    m.relation, m.landmarks = None, []
            c.relation, c.landmarks = relation, []
        elif len(c.targets) > n_targets and c.targets[n_targets].head in ("CAT", "PRON", "ONE", "ID") and \
                not c.targets[n_targets].indefinite:  # ("a boy facing a dog": the dog is drawn too)
            c.face_to = c.targets.pop(n_targets)
        c.face_same = c.face_to is not None and any(t.kind == "WORD" and t.value == "same" for t in toks[at:])

    def read(self, tokens: list[Token]) -> Clause:
        c = Clause(" ".join(t.text for t in tokens))
        toks = self._retag(tokens)
        mods: list[Token] = []
        pending_rel: str | None = None  # a relation still collecting its landmark(s)
        expect = 0
        rel_marks: list[Mention] = []
        for_next: tuple[str, list[Mention]] | None = None  # "in front of the boy is | a tree"
        for_next_word = ""
        after_hold = False
        negate_next = False
        repair = False
        excepting: Mention | None = None
        last_head, last_mention = -1, None
        face_at: tuple[int, str | None, int] | None = None
        i = 0
        while i < len(toks):
            t = toks[i]
            k = t.kind
            if k in ("DET", "NUM") and mods and any(x.kind not in ("DET", "NUM", "ORD", "OF") for x in mods) \
                    and not (k == "DET" and mods[-1].kind in ("NUM", "OF")):
                self._flush_before_new_noun(c, mods)
                mods = [t]
            elif k == "SIZE" and i > 0 and toks[i - 1].kind == "WORD" and toks[i - 1].value == "too":
                pass  # "it looks too tiny": why, not what to make it
            elif k == "POSE" and last_head == i - 1 and last_mention is not None and last_mention.head == "ONE" \
                    and rel_marks and last_mention is rel_marks[-1] and c.targets and not mods:
                last_mention.poses.append(t.value)  # "sat with the one on the ground": which one she sat by
            elif k in _MODS:
                mods.append(t)
            elif k == "KIND":
                colour = None
                if mods and mods[-1].kind == "COLOR":
                    colour = mods.pop().value
                definite = bool(mods) and mods[-1].kind == "DET" and mods[-1].value in ("the", "his", "her") or \
                    not mods and i == 0 and i + 1 < len(toks) and toks[i + 1].kind == "VERB" and \
                    toks[i + 1].value == "copula"  # terse "Helmet was white."
                nxt = toks[i + 1] if i + 1 < len(toks) else None
                bare = not mods and not c.targets and i <= (1 if colour else 0)  # "fleece guy sat down"
                if (definite and mods and mods[-1].value == "the" or bare) and nxt is not None and (
                        nxt.kind == "CAT" and _wearer(self.world, nxt.value) or
                        nxt.kind in ("NUM", "ONE") and nxt.text == "one"):
                    # "the red shirt lad", "the hoodie one": who wears it, to find him by, not a new look
                    mods.append(Token("WORN", (t.value[0], colour, t.value[1]), t.text, t.start))
                    if nxt.kind == "NUM":
                        toks[i + 1] = Token("ONE", "one", nxt.text, nxt.start)
                    i += 1
                    continue
                while mods and mods[-1].kind in ("DET", "NUM"):
                    mods.pop()
                if definite and not c.targets and colour is None and c.holder is None and \
                        c.verb not in ("hold", "wear"):  # "the hoodie was black"
                    c.targets.append(Mention("KIND", t.value, t.text, det="the"))
                    c.kind_subject = t.value
                else:
                    c.kinds.append((t.value[0], colour, t.value[1]))
                if pending_rel in ("in", "near", "on") and expect:
                    pending_rel, expect = None, 0
                    for m in c.targets:  # "a man in a hoodie": what he wears, not where he is
                        if m.relation is not None and m.landmarks is rel_marks and not rel_marks:
                            m.relation, m.landmarks = None, []
                    if c.relation is not None and c.landmarks is rel_marks and not rel_marks:
                        c.relation, c.landmarks = None, []
            elif k == "ALL" and t.text in ("thing", "object", "shape") and not (mods and mods[-1].kind == "DET"
                                                                           and mods[-1].value == "all"):
                if i > 0 and toks[i - 1].kind == "CAT":
                    pass  # "the spring bee thing": part of its name
                else:  # "the thing on the left": one thing, not all of them
                    m = self._mention(Token("ONE", "one", t.text, t.start), mods)
                    mods = []
                    c.targets.append(m)
            elif k == "WORD" and i + 1 < len(toks) and toks[i + 1].kind in ("CAT", "COLOR", "SIZE", "EXPR", "POSE",
                                                                             "KIND", "ROLE") and not (
                    toks[i + 1].kind == "POSE" and (i + 2 >= len(toks) or toks[i + 2].kind != "CAT")):
                if toks[i + 1].kind == "CAT":
                    mods.append(t)  # "a kebab shop": the kind of shop, kept in the thing's name as said
                # else an adjective we do not know, before a noun we do: "a big bushy tree" (not "a unicorn ran")
            elif k in _HEADS or k == "WORD" and label_of(t.value) or (
                    k == "WORD" and mods and (mods[-1].kind in ("DET", "NUM", "COLOR", "SIZE") or mods[-1].kind ==
                                              "ATTR" and len(mods) > 1 and mods[-2].kind == "DET" and i > 2 and
                                              toks[i - 3].text in _HAVING)  # "he had a short beard"
                                 and i > 0 and toks[i - 1] is mods[-1]  # "black, came really fast": no noun
                                 and t.value not in FILLER and t.value not in NON_OBJECTS
                                 and not verbish(t.value)):
                m = self._mention(t, mods)
                mods = []
                last_head, last_mention = i, m
                nxt = toks[i + 1] if i + 1 < len(toks) else None
                if k == "CAT" and m.det is None and m.count is None and nxt is not None and nxt.kind == "NUM" and \
                        isinstance(nxt.value, int) and nxt.text != "both" and self.world.category(m.value).people \
                        and (i + 2 >= len(toks) or toks[i + 2].kind not in ("CAT", "OF")):
                    m.ordinal, m.det = nxt.value, "the"  # a report's "Male one: six foot …", "male two"
                    i += 1
                if k == "ROLE" and m.value[1] is None:  # "the driver of the car"
                    j = i + 1
                    while j < len(toks) and toks[j].kind in ("OF", "DET"):
                        j += 1
                    if j > i + 1 and toks[i + 1].kind == "OF" and j < len(toks) and toks[j].kind == "CAT":
                        m.value, i = (m.value[0], toks[j].value[0]), j
                if k == "REST":  # "the rest of the balls": the rest among the balls
                    j = i + 1
                    while j < len(toks) and toks[j].kind in ("OF", "DET"):
                        j += 1
                    if j > i + 1 and j < len(toks) and toks[j].kind == "CAT":
                        m.value, i = toks[j].value[0], j
                if negate_next:
                    m.negated, negate_next = True, False
                if excepting is not None:
                    excepting.excluded.append(m)
                elif pending_rel and expect:
                    rel_marks.append(m)
                    expect -= 1
                    if pending_rel == "between" and (m.plural or m.head == "PRON" and m.value == "plural"):
                        expect = 0  # "between them a girl": them is both ends; the girl is the new thing
                    if not expect:
                        pending_rel = None
                else:
                    if after_hold:
                        m.det = m.det or "a"
                    if for_next is not None:
                        m.relation, m.landmarks = for_next
                        for_next = None
                    if repair and c.targets:
                        dropped = c.targets.pop()
                        m.relation, m.landmarks = m.relation or dropped.relation, m.landmarks or dropped.landmarks
                    repair = False
                    last = c.targets[-1] if c.targets else None
                    if last is not None and _same_new_thing(last, m, toks, i):
                        _merge(last, m)  # "a car, a dark car": one car, said twice
                    elif last is not None and last.head == "ONE" and last.det in ("other", "the") and \
                            m.head == "CAT" and m.det == "the" and any(x.kind == "COMMA" for x in toks[max(0, i - 4):i]):
                        c.targets[-1] = m  # "the other one, the girl": the girl
                    else:
                        c.targets.append(m)
                if k == "WORD":
                    c.unknown.append(str(m.value) if m.head == "UNKNOWN" else t.value)
            elif k == "REL" and t.text in ("instead of", "in place of") and i + 1 < len(toks) and \
                    toks[i + 1].kind in ("COLOR", "EXPR", "POSE", "SIZE", "ATTR"):
                i += 2  # "angry instead of sad": sad is what it was, not what to make it
                continue
            elif k == "REL":
                self._flush(c, mods)
                mods = []
                nxt = self._next_meaningful(toks, i + 1)
                j = next((j for j in range(i + 1, len(toks)) if toks[j].kind != "DET"), len(toks))
                sided = nxt is not None and nxt.kind == "ABS" and \
                    j + 1 < len(toks) and toks[j + 1].kind in ("CAT", "ONE")  # "under the left tree"
                if nxt is not None and nxt.kind in ("ABS", "PLACE", "DIR") and not sided:
                    pass  # "on the left", "in the middle": an absolute place
                elif t.text == "with" and c.targets and nxt is not None and (
                        nxt.kind == "ONE" or nxt.kind == "PRON" and nxt.text in ("him", "her", "them")):
                    pending_rel, expect, rel_marks = "near", 1, []  # "sat with the one on the ground": by him
                    if c.relation is None:
                        c.relation, c.landmarks = "near", rel_marks
                elif t.text == "with" and not c.targets and c.holder is None:
                    pass  # "night sky, with a rocket in the top middle": the rocket is a thing said to be there
                elif t.text == "with" and c.targets and (nxt is None or nxt.kind not in ("CAT", "NUM")):
                    pass  # "a shop with a sign saying …", "a man with a backpack": a description follows
                elif t.text == "with" and c.targets:
                    after_hold = True  # "a boy with a kite"
                    c.holder = c.targets.pop()
                    c.verb = "with"
                elif t.value in ("left", "right") and c.relation in ("next", "near") and len(c.landmarks) == 1 and \
                        nxt is not None and nxt.kind == "PRON" and nxt.text in ("her", "him", "it") and \
                        self._next_meaningful(toks, toks.index(nxt) + 1) is None:
                    # "pizza next to the girl, on the left side of her": next to her, on her left — one place
                    for m in c.targets:
                        if m.relation == c.relation and m.landmarks is c.landmarks:
                            m.relation = t.value
                    c.relation = t.value
                    i = toks.index(nxt)
                else:
                    rel_marks = []
                    pending_rel, expect = t.value, 2 if t.value == "between" else 1
                    owner = c.targets[-1] if c.targets and c.targets[-1].relation is None else None
                    landmark = last_mention if owner is None and c.relation not in (None, "between") and \
                        last_mention is not None and last_mention.relation is None and \
                        any(lm is last_mention for lm in c.landmarks) and t.value in _WHERE_A_LANDMARK_IS and \
                        nxt is not None and nxt.kind == "CAT" and i == last_head + 1 else None  # (right after it)
                    if landmark is not None:  # "waiting at the bus stop outside the cafe": where the bus stop is
                        landmark.relation, landmark.landmarks = t.value, rel_marks
                    elif owner is not None:
                        owner.relation, owner.landmarks = t.value, rel_marks
                    elif for_next is None or not for_next[1]:  # keep "under the cloud" over a later "with …"
                        for_next, for_next_word = (t.value, rel_marks), t.text
                    if c.relation is None:
                        c.relation, c.landmarks = t.value, rel_marks
            elif k == "ABS":
                nxt = toks[i + 1] if i + 1 < len(toks) else None
                if nxt is not None and nxt.kind in ("ONE", "CAT") and (
                        mods and mods[-1].kind == "DET" or not mods and not c.targets and t.value[0] is not None):
                    mods.append(t)  # "the left one", "the right tree", terse "left one blue"
                else:
                    self._flush(c, mods)
                    mods = []
                    x, y = t.value
                    between = toks[last_head + 1:i]
                    if x is not None and y is None and last_mention is not None and last_mention.det == "a" and \
                            any(lm is last_mention for lm in rel_marks) and between and between[0].kind == "REL" \
                            and between[0].text in ("on", "in", "at") and all(b.kind == "DET" for b in between[1:]):
                        last_mention.side = x  # "waving at a girl on the right": the girl is on the right
                        i += 1
                        continue
                    if x in (0.2, 0.8) and y is None and c.relation in ("below", "above", "under") and c.landmarks \
                            and i >= 3 and toks[i - 1].kind == "DET" and toks[i - 2].text == "to" and \
                            c.amount is None and toks[i - 3].kind != "AMOUNT" and \
                            (toks[i - 3].kind in ("AND", "COMMA") or any(lm is last_mention for lm in c.landmarks)):
                        c.beside_x = -1 if x < 0.5 else 1  # "just below it and to the left": left of it
                        i += 1
                        continue
                    if (c.abs_x is not None or c.abs_y is not None) and any(
                            toks[q].kind == "NEG" and toks[q].text == "not" for q in range(max(0, i - 3), i)):
                        i += 1  # "more to the left, not in the middle like that": where it is not
                        continue
                    c.abs_words.append(t.text)
                    if x == 0.5 and y is None and between and between[0].kind == "REL" and \
                            between[0].value == "toward" and c.amount is None and \
                            all(b.kind == "DET" for b in between[1:]):
                        c.amount = _STEP  # "the swing closer to the middle": a step that way, not onto it
                    if x is not None:
                        c.abs_x = x
                    if y is not None and not (y == "corner" and c.abs_y in ("top", "bottom", "sky")):
                        c.abs_y = y  # (not "the far back right corner" made a front corner)
                    if c.targets and c.targets[-1].det == "the" and x is not None and between and \
                            between[0].kind == "REL" and between[0].text in ("on", "in", "at") and \
                            all(b.kind == "DET" for b in between[1:]):
                        c.targets[-1].side_hint = x  # "the cube on the left": maybe which cube, not where to
                    elif c.targets and c.targets[-1].det == "the" and x is None and y in ("top", "bottom") and \
                            between and between[0].kind == "REL" and between[0].text in ("in", "at") and \
                            all(b.kind == "DET" for b in between[1:]) and c.verb in ("move", "put", "remove", "make"):
                        c.targets[-1].depth_hint = y  # "bring the one in the back to the front": which one
                    elif last_mention is not None and last_mention.det == "the" and x is not None and y is None and \
                            any(lm is last_mention for lm in rel_marks) and between and between[0].kind == "REL" \
                            and between[0].text in ("on", "in", "at") and all(b.kind == "DET" for b in between[1:]):
                        last_mention.side_hint = x  # "behind the cube on the left": maybe which cube it is behind
            elif k == "PLACE":
                self._flush(c, mods)
                mods = []
                c.place = t.value
            elif k == "VERB":
                self._flush(c, mods)
                mods = []
                if t.value == "copula":
                    c.copula = True
                elif t.value in ("hold", "wear", "kick"):
                    if c.targets:
                        c.holder = c.targets.pop()
                    c.verb = c.verb if c.verb in ("add", "put", "exist") else t.value
                    after_hold = True
                elif t.value == "face":
                    face_at = (len(c.targets), c.relation, i)
                elif c.verb is None or c.verb == "exist":
                    c.verb = t.value if c.verb is None else c.verb
            elif k == "DIR" and t.text in ("up", "down") and i > 0 and toks[i - 1].kind == "KIND" and c.kinds \
                    and c.kinds[-1][2] == toks[i - 1].value[1] and c.verb in (None, "wear", "hold", "exist"):
                c.notes.append(f"{toks[i - 1].text} {t.text}")  # "hood up", "visor down": how it was worn, not a move
            elif k == "DIR":
                c.dirs.append(t.value)
            elif k == "AMOUNT":
                c.amount = t.value
            elif k == "FACE":
                c.facing = t.value
            elif k == "HEDGE":
                c.hedge = True
                c.hedge_words.append(t.text)
                if not c.targets and c.holder is None:
                    c.hedged_there = True  # "I think there's a swing", "maybe a dog": was it there at all?
            elif k == "OR":
                c.alternatives = True
            elif k == "EXCEPT" and (c.targets or any(x.kind == "DET" and x.value == "all" for x in mods)):
                if not c.targets:  # "all except the cube, make them yellow"
                    c.targets.append(Mention("ALL", "all", "all", plural=True))
                self._flush(c, mods)
                mods = []
                excepting = c.targets[-1]  # "everything except the cylinder": the next things are left out
                nxt = toks[i + 1] if i + 1 < len(toks) else None
                if nxt is not None and nxt.kind == "NUM" and isinstance(nxt.value, int) and \
                        (i + 2 == len(toks) or toks[i + 2].kind in ("COMMA", "AND")):
                    # "all the spheres except one": one of them stays
                    excepting.excluded.append(replace(excepting, det="the", plural=True, pick=nxt.value,
                                                      count=None, excluded=[]))
                    i += 1
            elif k == "COMMA" and pending_rel and expect and not rel_marks:
                # "a shop on the far side, a corner shop": the relation named no thing before the pause
                if c.targets and c.targets[-1].landmarks is rel_marks:
                    c.targets[-1].relation = None
                if c.landmarks is rel_marks:
                    c.relation = None
                pending_rel, expect = None, 0
            elif k == "NEG" and t.text == "no" and c.targets and i + 1 < len(toks) and toks[i + 1].kind == "COMMA" \
                    and not pending_rel:
                repair = True  # "a little boy, no, a girl": the next thing named replaces the last one
            elif k == "NEG" and t.text == "no" and i + 1 < len(toks) and toks[i + 1].kind == "COMMA":
                pass  # "no, purple": a speaker taking back what they just said, not "not purple"
            elif k == "NEG":
                c.neg = True
                nxt = self._next_meaningful(toks, i + 1)
                if nxt is not None and nxt.kind == "WORD" and i + 2 < len(toks):  # "not full daytime"
                    nxt = self._next_meaningful(toks, toks.index(nxt, i) + 1) or nxt
                if nxt is not None and nxt.kind == "BG":
                    c.not_backgrounds.append(nxt.value)
                if nxt is not None and nxt.kind == "KIND" and (c.kinds or c.targets):
                    mods = [x for x in mods if x.kind not in ("DET", "NUM")]  # "a grey hoodie, not a tracksuit"
                    if t.text == "no" and toks.index(nxt, i) == i + 1 and c.kinds:
                        c.notes.append(f"no {nxt.text}")  # "a brown overcoat and no shoes": missing, as said
                        c.neg = False
                    i = toks.index(nxt, i) + 1
                    continue
                if nxt is not None and nxt.kind in ("COLOR", "EXPR", "POSE", "BG", "SIZE", "ATTR"):
                    # "black, not dark", "happy not surprised", "dusk, not daytime": what follows is not said
                    i = toks.index(nxt, i) + 1
                    continue
                j = toks.index(nxt, i) if nxt is not None else len(toks)
                while j < len(toks) and toks[j].kind in ("REL", "DET") and toks[j].text in ("on", "to", "at", "the"):
                    j += 1
                if j < len(toks) and toks[j].kind == "ABS" and (c.relation or c.abs_x is not None or c.place) and \
                        (j + 1 == len(toks) or toks[j + 1].kind in ("COMMA", "AND")):
                    i = j + 1  # "to the right of the cloud, not the left": the side taken back is not a place
                    continue
                negate_next = True
            elif k == "BG":
                c.backgrounds.append(t.value)
            elif k == "MARK":
                end = i + 1
                while end < len(toks) and toks[end].kind not in ("COMMA", "AND", "HEDGE") and \
                        toks[end].start > toks[end - 1].start:  # a sentence joined on ends the mark too
                    end += 1
                end = _mark_goes_on(toks, end)
                start = i
                while mods and mods[-1].kind in ("COLOR", "SIZE") and start > 0 and toks[start - 1] is mods[-1]:
                    mods.pop()  # "the house with the green door": green is the door's
                    start -= 1
                c.marks.append(self.verbatim(" ".join(x.text for x in toks[start:end])))
                i = end
                continue
            elif k == "WORD" and t.value in GO_WORDS:
                c.goes = True  # "it drove off", "then they went left": something that moves by itself
            elif k == "WORD" and t.value not in FILLER and t.value not in NON_OBJECTS and not t.value.isdigit():
                c.unknown.append(t.value)
            i += 1
        if not c.targets and not c.holder and any(t.kind == "DET" and t.value == "all" for t in mods) and \
                any(t.kind == "COLOR" for t in mods):  # "delete all red": all the red ones
            c.targets.append(self._mention(Token("ONE", "ones", "ones", mods[-1].start), mods))
            mods = []
        self._flush(c, mods)
        if not c.targets and c.holder is None and c.count and c.count > 1 and any(
                t.kind == "DET" and t.value == "other" and k + 1 < len(toks) and toks[k + 1].kind == "NUM"
                for k, t in enumerate(toks)):  # "make the other two yellow": the rest, and there are two
            c.targets.append(Mention("REST", None, "the other ones", count=c.count, plural=True))
        if for_next is not None and for_next[1] and c.relation is not None and for_next[1] is not c.landmarks and \
                for_next[0] not in ("toward", "away") and all(m.head == "CAT" for m in for_next[1]) and \
                not {m.value for m in for_next[1]} & {m.value for m in c.landmarks}:
            # "a cat in front of the tent, a bit to the left of the tree": the tree's place is not kept
            c.dropped_place = " ".join([for_next_word] + [f"{m.det} {m.surface}" if m.det and m.head == "CAT" else
                                                          m.surface for m in for_next[1]])
        if face_at is not None:
            self._faced(c, toks, face_at)
        self._parts(c, toks)
        self._counted_from(c, toks)
        c.size_ref = next((t.text.rsplit(" of the ", 1)[1] for t in toks if t.kind == "SIZE" and " of the " in t.text),
                          None)
        self._identified_by_kind(c, toks)
        if c.targets and c.targets[0].plural and _ENDS.search(c.text):
            c.targets[0].superlative = ("ends", None)  # "get rid of the cubes on the ends"
        c.goes = c.goes or any(a[0] == "motion" for a in c.attrs)  # "drove off" is the street's motion look
        said = said_by_the_witness(toks)
        if said and c.poses:
            first = next(j for j, t in enumerate(said) if t.kind == "POSE")
            if not any(t.kind in ("CAT", "PRON", "ONE", "ROLE") for t in said[:first]) or not c.targets:
                c.poses = []  # "I was walking past the cafe": how the witness went, not the cafe
                c.handled.update(t.text for t in said if t.kind == "POSE")
        for k, t in enumerate(toks):  # "a delivery van, yellow one, like DHL": what it was like, kept as said
            if t.kind == "WORD" and t.value == "like" and c.targets and k + 1 < len(toks):
                run = list(itertools.takewhile(lambda x: x.kind == "WORD" and x.value in c.unknown and
                                               not verbish(x.value) and x.value not in FILLER, toks[k + 1:]))
                if run and (k + 1 + len(run) == len(toks) or toks[k + 1 + len(run)].kind in ("COMMA", "AND")):
                    c.notes.append("like " + " ".join(x.text for x in run))
                    c.handled.update(x.value for x in run)
        for t in toks:  # "kneeling" drawn as sitting: the word as said is kept, since the picture cannot show it
            if t.kind == "POSE" and t.text in self.world.approximate_poses and t.text not in c.notes:
                c.notes.append(t.text)
        for t in toks:  # "short grey hair": the colour is the hair's look, the length kept as said
            if t.kind == "ATTR" and isinstance(t.value, tuple) and t.value[0] == "hair" and \
                    t.text.split()[0] in _HAIR_LENGTHS:
                note = " ".join(t.text.split()[:-2] + ["hair"])
                c.notes.append(note)
                if t.value in c.look_part:
                    c.look_part.setdefault("hair", c.look_part[t.value])  # a hedge elsewhere does not cover it
        return c

    @staticmethod
    def _identified_by_kind(c: Clause, toks: list[Token]) -> None:
        """"the one in the hoodie", "the man with the knife": which one — the one who has it, said with "the"
        right after the thing's name. The interpreter gives it to the one found when nobody had it yet."""
        if not c.targets or c.targets[0].det not in ("the", None) or c.targets[0].head not in ("ONE", "CAT"):
            return
        for k, t in enumerate(toks[:-2]):
            if t.kind == "REL" and t.text in ("in", "with") and toks[k + 1].kind == "DET" and \
                    toks[k + 1].value == "the":
                kind = next((x for x in toks[k + 2:k + 4] if x.kind == "KIND"), None)
                if kind is not None and k > 0 and toks[k - 1].kind in ("ONE", "CAT", "NUM"):
                    hit = next((kd for kd in c.kinds if kd[2] == kind.value[1]), None)
                    if hit is not None:  # which one it is, not something the clause gives everyone it names
                        c.targets[0].kinds.append(hit)
                        c.kinds.remove(hit)

    @staticmethod
    def _counted_from(c: Clause, toks: list[Token]) -> None:
        """"the second one from the left": which one, counted from that side — not a place to move it to."""
        for k, t in enumerate(toks):
            if t.kind != "ORD":
                continue
            for j in range(k + 1, min(k + 4, len(toks) - 2)):
                if toks[j].text == "from" and toks[j + 1].kind == "DET" and toks[j + 2].kind == "ABS" and \
                        toks[j + 2].text in ("left", "right"):
                    m = next((m for m in c.targets if m.ordinal == t.value), None)
                    if m is None:
                        break
                    m.ordinal_from = toks[j + 2].text
                    if toks[j + 2].text in c.abs_words:
                        c.abs_words.remove(toks[j + 2].text)
                        c.abs_x = None if not c.abs_words else c.abs_x
                    break

    @staticmethod
    def _parts(c: Clause, toks: list[Token]) -> None:
        """Which comma-separated part each look was said in, and which parts a hedge covers."""
        commas = [t.start for t in toks if t.kind == "COMMA"]
        if not commas or not c.hedge:
            return
        part = lambda t: sum(p < t.start for p in commas)  # noqa: E731
        for t in toks:
            if t.kind in ("COLOR", "ATTR", "KIND", "MARK", "SIZE", "EXPR", "POSE"):
                c.look_part.setdefault(t.value, part(t))
            elif t.kind == "WORD":
                c.look_part.setdefault(t.value, part(t))
        for t in toks:
            if t.kind == "HEDGE":
                k = part(t)
                if c.hedged_there:
                    c.hedged_parts.add(k)  # "I think there was a bicycle …, on its side": the bicycle's part
                said = set(c.look_part.values())
                if k not in said:  # a hedge on its own: "a bag, I think" / "a red coat, I think, with a bag": the
                    before = [p for p in said if p < k]  # part before; "I think, he was …": the part after
                    after = [p for p in said if p > k]
                    k = max(before) if before else min(after) if after else k
                    head = next((x for j, x in enumerate(toks) if x.kind == "CAT" and j and toks[j - 1].kind == "DET"
                                 and toks[j - 1].value in ("a", "an") and x.start < t.start), None)
                    looks = [x for x in toks if x.kind in ("COLOR", "ATTR", "KIND", "MARK", "SIZE", "EXPR", "POSE")
                             and part(x) == k]
                    if head is not None and part(head) == k and not looks and \
                            any(m.indefinite and m.head == "CAT" for m in c.targets):
                        c.hedged_there = True  # "there's a bench outside the bank too, I think": was it there?
                c.hedged_parts.add(k)

    def _retag(self, tokens: list[Token]) -> list[Token]:
        """Context fixes: 'that tree' is a determiner; 'the biggest ball' a superlative."""
        out = []
        skip = -1
        for k, t in enumerate(tokens):
            if k == skip:
                continue
            nxt = tokens[k + 1] if k + 1 < len(tokens) else None
            if t.kind == "PRON" and t.text in ("that", "this", "these", "those") and nxt is not None \
                    and nxt.kind in ("CAT", "ONE", "COLOR", "SIZE", "EXPR", "ATTR", "ROLE", "KIND") + (
                        ("NUM",) if t.text in ("these", "those") else ()):  # "there were these two lads"
                # "there was this old fella": a new one, as a storyteller says it; else "that tree" is the tree
                new = out and out[-1].kind == "VERB" and out[-1].value == "exist" or \
                    out and out[-1].kind == "WORD" and out[-1].value == "nowhere"
                t = Token("DET", "a" if new and t.text in ("this", "these") else "the", t.text, t.start)
            elif t.kind == "PRON" and t.text in ("his", "her", "their", "its") and _owns_a_thing(tokens[k + 1:]) \
                    and not (out and out[-1].kind == "VERB" and out[-1].text.startswith(("give", "gave"))):
                t = Token("DET", "the", t.text, t.start)  # "his kite", "her birthday crown"
            elif t.kind == "NUM" and t.text in ("one", "ones") and out and \
                    out[-1].kind in ("DET", "COLOR", "SIZE", "EXPR", "POSE", "ABS", "SUPER", "ORD", "ATTR") and \
                    (nxt is None or nxt.kind not in ("CAT", "OF", "WORD") and not (
                        k + 2 < len(tokens) and tokens[k + 2].kind == "CAT") or
                     nxt.kind == "WORD" and (nxt.value in FILLER or verbish(nxt.value))):  # "the yellow one should
                # be …", "the other one stayed on the bike", "the bald one shoved him"
                t = Token("ONE", "one", t.text, t.start)  # "the red one", "the other one"
            elif t.kind == "REL" and t.text in ("at", "in", "on") and nxt is not None and nxt.kind == "DET" and \
                    k + 2 < len(tokens) and tokens[k + 2].kind == "REL":
                skip = k + 1  # "at the top of the slide": the place is "top of", not "at"
                continue
            elif t.kind == "ABS" and t.value == (0.5, None) and nxt is not None and nxt.kind == "OF" and \
                    _a_group(tokens[k + 2:k + 4]):
                while out and (out[-1].kind == "DET" or out[-1].kind == "REL" and out[-1].text in ("in", "at")):
                    out.pop()  # "a box in the middle of them", "in the middle of the trees": between them
                out.append(Token("REL", "between", f"in the {t.text} of", t.start))
                skip = k + 1
                continue
            elif t.kind == "ABS" and t.value == (0.5, None) and nxt is not None and nxt.kind == "OF" and \
                    any(x.kind == "CAT" for x in tokens[k + 2:k + 4]):
                while out and (out[-1].kind == "DET" or out[-1].kind == "REL" and out[-1].text in ("in", "at")):
                    out.pop()  # "in the middle of the table": on it, in the middle — not a table in the middle
                land = next(x for x in tokens[k + 2:k + 4] if x.kind == "CAT")
                on = self.world.category(land.value[0]).surface
                out.append(Token("REL", "on" if on else "in", f"in the {t.text} of", t.start))
                skip = k + 1
                continue
            elif t.kind == "REL" and t.text in ("at", "in", "on", "by", "during") and nxt is not None and \
                    nxt.kind == "BG":
                continue  # "at night three lads turned up": when, not a place the lads are at
            elif t.kind == "CAT" and out and out[-1].kind == "DET" and out[-1].value == "the" and nxt is not None and \
                    nxt.kind == "CAT" and self.world.category(t.value[0]).alive and \
                    (self.world.category(nxt.value[0]).worn or self.world.category(nxt.value[0]).held):
                t = Token("OWNER", t.value[0], t.text, t.start)  # "the boy's hat": the hat he has on
            elif t.kind == "PRON" and t.text == "it" and out and out[-1].kind == "WORD" and \
                    out[-1].value.endswith("ing") and verbish(out[-1].value):
                continue  # "filming it on his phone", "watching it all": what happened, not a thing
            elif nxt is not None and nxt.kind == "WORD" and nxt.value == "than" and k + 2 < len(tokens) and \
                    tokens[k + 2].kind in ("DET", "PRON", "CAT", "ONE") and _than(t, self.world.perspective):
                while t.kind == "ABS" and out and (out[-1].kind == "DET" or out[-1].kind in ("WORD", "DIR") and
                                                   out[-1].text in ("more", "to", "further", "farther")):
                    out.pop()  # "further left than the boy", "more to the left than the boy"
                out.append(Token("REL", _than(t, self.world.perspective), f"{t.text} than", t.start))  # "higher
                skip = k + 1  # than the tree": above it, the tree a landmark (not a second thing to move up)
                continue
            elif t.kind == "NUM" and nxt is not None and (nxt.kind == "MARK" or nxt.kind == "WORD" and
                                                        nxt.text.endswith("s") and len(nxt.text) > 3 and
                                                        nxt.value not in FILLER and not verbish(nxt.value)) and \
                    t.text not in ("one", "both") and nxt.text not in _MEASURES:
                continue  # "parked a few doors down", "two minutes later": it counts those, not the van
            elif t.kind == "VERB" and t.value == "remove" and t.text.startswith("drop") and \
                    any(x.kind in ("CAT", "PRON", "ONE", "ROLE") for x in out):
                t = Token("WORD", t.text, t.text, t.start)  # "one of them dropped a tv": what he did, not "drop
                # the tree" (take it away)
            elif t.kind == "DIR" and t.text == "up" and nxt is not None and nxt.kind == "REL" and nxt.text == "in" and \
                    any(x.kind == "ABS" and x.value[1] in ("sky", "top") for x in tokens[k + 2:k + 4]):
                while out and out[-1].kind == "WORD" and out[-1].value == "high":
                    out.pop()  # "high up in the sky"
                continue  # "up in the air", "up in the sky": where it is, not a step up
            elif t.kind == "WORD" and t.value == "past" and nxt is not None and nxt.kind in ("DET", "CAT") and \
                    not (out and out[-1].kind in ("DET", "NUM")):
                t = Token("REL", "past", t.text, t.start)  # "walking past the cafe"; not "the past three days"
            elif t.kind == "ABS" and t.text in ("back", "front") and out and out[-1].kind in ("PRON", "DET") and \
                    out[-1].text in ("his", "her", "their"):
                t = Token("WORD", "back", t.text, t.start)  # "a rucksack on his back": his body, not a place
            elif t.kind == "ABS" and t.text in ("left", "right") and self._after_motion(out) and \
                    any(k.facing for k in self.world.categories):  # (shapes face no way: "go left" is a place)
                if _departed(out):  # "the man walked off towards the right": he went there, facing that way
                    out.append(t)
                    t = Token("FACE", t.text, t.text, t.start + 0.5)
                else:
                    t = Token("FACE", t.text, t.text, t.start)  # "running to the left": facing, not a place
            elif t.kind == "NUM" and t.text == "both" and (nxt is None or nxt.kind in ("POSE", "EXPR", "SIZE", "COMMA",
                                                                                "VERB", "ATTR", "FACE")):
                t = Token("PRON", "plural", "both", t.start)  # "a boy and a girl, both standing"
            elif t.kind == "CAT" and nxt is not None and nxt.kind == "ROLE" and nxt.value[1] is None:
                t = Token("ROLE", (nxt.value[0], t.value[0]), f"{t.text} {nxt.text}", t.start)  # "the van driver"
                skip = k + 1
            elif t.kind == "AMOUNT" and t.text in ("a little", "a tiny", "a bit") and nxt is not None \
                    and nxt.kind == "CAT":  # "a little boy": a small boy, not "a bit"
                out.append(Token("DET", "a", "a", t.start))
                joined = (t.text.split()[-1],) + tuple(nxt.text.split())
                kind, value = (self.lex.table.get(joined) or [("", None)])[0]
                if kind == "CAT":  # "a little girl": the world's word for a child
                    out.append(Token("CAT", value, " ".join(joined), t.start + 1))
                    skip = k + 1
                    continue
                t = Token("SIZE", self.lex.table[("little",)][0][1], "little", t.start + 1)
            elif t.kind == "SIZE" and out and out[-1].kind == "DET" and out[-1].value in ("the",):
                for kind, value in self.lex.alternatives(t):
                    if kind == "SUPER":
                        t = Token("SUPER", value, t.text, t.start)
                        break
            out.append(t)
            if t.kind == "POSE" and t.value == "kicking" and nxt is not None and nxt.kind in ("DET", "NUM", "CAT"):
                out.append(Token("VERB", "kick", "kicking", t.start))  # "kicking a ball": the ball at his foot
        return out

    @staticmethod
    def _after_motion(out: list[Token]) -> bool:
        j = len(out) - 1
        comma = False
        while j >= 0 and (out[j].kind == "DET" or out[j].kind == "WORD" and out[j].value in ("to", "towards", "off", "away", "out", "round",
                                                                              "around", "back", "on", "over")
                          or out[j].kind == "REL" and out[j].value == "toward" or out[j].kind == "COMMA"):
            comma = comma or out[j].kind == "COMMA"
            j -= 1
        if j < 0:
            return False
        prev = out[j]
        if comma:  # "the black one drove off, left, fast": the way it went; not "a car, parked, on the left"
            return prev.kind == "ATTR" and prev.value == ("motion", "moving") or \
                prev.kind == "WORD" and prev.value in GO_WORDS
        return prev.kind == "POSE" and prev.value in ("running", "walking", "kicking", "standing", "waving") \
            or prev.kind == "ATTR" and prev.value[0] == "motion" or prev.kind == "VERB" and prev.value == "move" \
            or prev.kind == "WORD" and prev.value in GO_WORDS

    @staticmethod
    def _next_meaningful(toks: list[Token], j: int) -> Token | None:
        while j < len(toks) and (toks[j].kind in ("DET",) or toks[j].kind == "WORD" and toks[j].value in FILLER):
            j += 1
        return toks[j] if j < len(toks) else None

    def _flush_before_new_noun(self, c: Clause, mods: list[Token]) -> None:
        """'a boy kicking | a ball': words after a new thing's noun describe that thing, not the clause."""
        last = c.targets[-1] if c.targets else None
        if last is not None and not c.copula and c.verb not in ("make", "move", "flip", "remove") and \
                (last.indefinite or last.head == "CAT" and last.det is None):
            self._describe(last, mods)
        else:
            self._flush(c, mods)

    @staticmethod
    def _describe(target: Mention | Clause, mods: list[Token]) -> None:
        for t in mods:
            if t.kind in _LOOKS:
                getattr(target, _LOOKS[t.kind]).append(t.value)

    def _mention(self, head: Token, mods: list[Token]) -> Mention:
        if head.kind == "CAT":
            name, plural = head.value
            words = []  # "a kebab shop", "a delivery van": the kind of thing, kept with its name
            for t in reversed(mods):
                if t.kind != "WORD" or t.value in FILLER or t.value in NON_OBJECTS or verbish(t.value) or \
                        len(words) == 2:
                    break
                words.insert(0, t.text)
            m = Mention("CAT", name, " ".join(words + [head.text]), plural=plural)
        elif head.kind == "WORD":
            said = list(itertools.takewhile(lambda t: t.kind == "ATTR", reversed(mods)))[::-1]
            if said:  # "a short beard": the beard's look, not his height
                mods = mods[:len(mods) - len(said)]
            m = Mention("UNKNOWN", " ".join([t.text for t in said] + [head.value]),
                        " ".join([t.text for t in said] + [head.text]))
        else:
            m = Mention(head.kind, None if head.kind == "REST" else head.value, head.text,
                        plural=head.kind in ("ALL", "REST") or head.text == "ones")
        for j, t in enumerate(mods):
            nxt = mods[j + 1] if j + 1 < len(mods) else None
            if t.kind == "DET":
                m.det = "other" if t.value == "other" else (m.det if m.det == "other" else t.value)
                if t.value == "all":
                    m.plural = True
            elif t.kind == "NUM":
                if nxt is not None and nxt.kind == "OF":
                    m.pick = t.value
                else:
                    m.count = t.value
                    m.plural = m.plural or t.value > 1
            elif t.kind == "ORD":
                m.ordinal = t.value
            elif t.kind == "SUPER":
                m.superlative = t.value
            elif t.kind in _LOOKS:
                getattr(m, _LOOKS[t.kind]).append(t.value)
            elif t.kind == "ABS":
                m.side = t.value[0] if t.value[0] is not None else None
            elif t.kind == "WORN":
                m.kinds.append(t.value)
            elif t.kind == "OWNER":
                m.owner = Mention("CAT", t.value, t.text, det="the")
        return m

    @staticmethod
    def _flush(c: Clause, mods: list[Token]) -> None:
        """Modifiers that belong to no noun: what the clause says about its things ("make it | small")."""
        ClauseReader._describe(c, mods)
        for t in mods:
            if t.kind == "NUM":
                c.count = t.value


_HAIR_LENGTHS = ("short", "long", "shoulder", "cropped", "curly", "straight")  # "short grey hair": kept as said
_MARK_MORE = ("something like", "like", "saying", "that said", "which said", "it said", "maybe", "or", "or maybe",
              "i think", "possibly", "perhaps")


def _mark_goes_on(toks: list[Token], end: int) -> int:
    """Where a mark ends when what follows its comma only says more of it: "something like AB12, maybe AB13",
    "writing on the side, something like FAST PIZZA" — alternatives and the words of the mark, not a new part."""
    while end < len(toks) and toks[end].kind in ("COMMA", "HEDGE", "OR") and toks[end].start > toks[end - 1].start:
        k = end + 1 if toks[end].kind == "COMMA" else end
        words = " ".join(t.text for t in toks[k:k + 3])
        lead = next((w for w in sorted(_MARK_MORE, key=len, reverse=True) if (words + " ").startswith(w + " ")),
                    None)
        if lead is None:
            break
        stop = k
        while stop < len(toks) and toks[stop].kind not in ("COMMA", "AND", "CAT", "PRON", "VERB") and \
                (stop == k or toks[stop].start > toks[stop - 1].start):
            stop += 1
        said = " ".join(t.text for t in toks[k:stop]).split()
        if len(said) <= len(lead.split()) or stop < len(toks) and toks[stop].kind in ("CAT", "PRON", "VERB"):
            break  # nothing after "maybe", or a new thing / someone doing something: a new part
        end = stop
    return end

