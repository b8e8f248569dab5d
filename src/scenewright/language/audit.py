"""The last check of a turn: did the outcome keep everything the words said?

The reader and the interpreter account for the words they use, but a word can still fall between two clauses
("Huge guy, ginger, beard, orange hi-vis": the beard, the hair) and a turn that dropped it would say `ok`. This
audit reads the turn's own tokens once more and looks for each look, thing, mark and noun in what the turn left
behind — the scene after it, the notes it kept and its reply. A word found nowhere was not done: it becomes a
skipped word, the reply says so and the turn is not `ok`. Nothing is changed or guessed here; the audit only
makes the reply honest.

What counts as shown, per kind of token:
- a colour, a look (expression, pose, attribute such as hair), a kind of clothing or carried thing, a mark: its
  value appears on some object after the turn, or in the reply;
- a thing of the world ("bench"): one is in the picture before or after the turn, or the reply names it;
- any other noun we know from English ("beard", "lane"): kept in a note or the reply.
Words under a negation ("not blue"), in alternatives ("red? or orange") and commands are not audited.
"""

from __future__ import annotations

import json
import re
from typing import Iterable

from ..scene import Add, Scene, SetBackground, Update
from .base import Parse
from .lexicon import (FILLER, GO_WORDS, IRREGULAR_VERBS, NEAREST_COLOURS, NON_OBJECTS, Lexicon, Token,
                      english_words, verbish)
from .clauses import PARTS_OF_PLACES, said_instead, said_by_the_witness
from .reader import read

_LOOKS = ("COLOR", "EXPR", "POSE", "ATTR", "KIND", "MARK")
# Everyday words that are neither things nor looks, which a turn may leave out without losing anything.
_PLAIN = set("""about after again against ahead along already also although always another anyone anything
    around away back because been before behind being below beneath beside besides between beyond both bottom
    came certain clear close closer coming could couple definitely each either else enough ever every everyone
    everything exactly facing fairly far farther few front from further getting give going gone guys have
    having heading into just last later least left little long looked looking looks lower made make making
    many maybe middle might mine more most much must near nearly never next nothing once only other others
    over perhaps place probably quite rather really right same seemed seems should side since someone soon
    sort still straight such sure than that their them themselves then there these they thing think this
    those though through towards toward under until upon very want was were what when where whether which
    while with within without would your yours anymore bigger smaller larger taller shorter little lot
    upper lower inside outside across onto opposite corner edge top along around upside down kind
    happening going having doing moment second person people somebody love play home ends earlier later
    different past high order row""".split())
_COMPARATIVES = {"taller", "shorter", "tallest", "shortest", "bigger", "smaller", "larger", "heavier", "thinner",
                 "slimmer", "fatter", "older", "younger"}
_LIGHT = {"dark", "light", "bright", "golden", "grey", "gray", "orange", "orangey", "pink", "red", "black"}
_WORDY = re.compile(r"^[a-z]{4,}$")


def unshown(text: str, lex: Lexicon, before: Scene, after: Scene, parse: Parse) -> list[str]:
    """The words of `text` that the outcome does not show anywhere, in the order said."""
    seen = _evidence(before, after, parse)
    there = {o.category for o in before.objects} | {o.category for o in after.objects}
    touched = {e.obj.id if isinstance(e, Add) else getattr(e, "id", None) for e in parse.edits}
    # an animal "sitting" is drawn as its sprite is: the pose had nowhere to go and was not dropped
    poseless = any(o.id in touched and lex.world.category(o.category).animal for o in after.objects)
    rescaled = any(isinstance(e, Update) and "scale" in dict(e.changes) for e in parse.edits) or \
        any(isinstance(e, Add) for e in parse.edits)
    lit = any(isinstance(e, SetBackground) for e in parse.edits)
    own_colours = "own colours" in parse.reply  # "(The owl has its own colours, so I left them.)"
    out: list[str] = []
    sentences = [said_instead(s) for s in read(text, lex).tokens]  # ("three cubes, I mean spheres": not cubes)
    for si, sentence in enumerate(sentences):
        offered = si + 1 < len(sentences) and bool(sentences[si + 1]) and sentences[si + 1][0].kind == "OR"
        taken_back = any(len(later) > 1 and later[0].kind == "NEG" and later[0].text == "no" and
                         next((t.kind for t in later[1:] if t.kind != "COMMA"), None) == "COLOR"
                         for later in sentences[si + 1:si + 2])  # "a pink coat. No, purple."
        for k, tok in enumerate(sentence):
            if (offered or taken_back) and tok.kind == "COLOR":
                continue  # "change it to green. or cyan. cyan.": green was one of the offers
            if tok.kind == "WORD" and tok.text.endswith("ish") and tok.text[:-3].rstrip("p") in (
                    *lex.world.colors, "pink", "grey", "gray", "blu", "green", "yellow", "red", "purpl"):
                continue  # "pinkish purple": a shade of the colour said with it
            if _exempt(sentence, k) or tok.kind == "POSE" and (poseless or _default_pose(tok, lex)) or \
                    tok.kind == "ATTR" and rescaled and tok.text in _COMPARATIVES or \
                    tok.kind in ("COLOR", "WORD") and (lit and tok.text.rstrip("y") in _LIGHT or own_colours):
                continue  # an animal "sitting"; "taller" as a size; "dark" / "golden" as the light of the day
            if not _shown(tok, seen, there, lex, parse.reply.lower()) and tok.text not in out:
                out.append(tok.text)
    return out


def audited(text: str, lex: Lexicon, before: Scene, after: Scene, parse: Parse) -> Parse:
    """`parse` with the words its outcome does not show added to `skipped` and named in the reply."""
    from dataclasses import replace

    if not parse.ok or parse.command not in (None, "noop"):
        return parse
    said = " ".join(parse.skipped).lower()
    missing = [w for w in unshown(text, lex, before, after, parse) if w.lower() not in said]
    if not missing:
        return parse
    colours = [w for w in missing if w.lower() in NEAREST_COLOURS]
    other = [w for w in missing if w not in colours]
    reply = parse.reply
    if colours:  # "Add an orange cube." in a world without orange: drawn without it, and said so
        words = " or ".join(repr(w) for w in colours)
        reply += f" (I skipped {words}: this world has no such colour — it has {', '.join(lex.world.colors)}.)"
    if other:
        words = ", ".join(repr(w) for w in other)
        them = "it" if len(other) == 1 else "them"
        reply += f" (I skipped {words}: I could not tell what to do with {them}.)"
    reply = reply.strip()
    return replace(parse, reply=reply, skipped=tuple(parse.skipped) + tuple(missing))


def _evidence(before: Scene, after: Scene, parse: Parse) -> str:
    """Everything the turn found and left behind, as one lower-case text to look words up in (what was there
    before counts: "remove the cyan cylinder" says cyan to pick it)."""
    parts: list[str] = [parse.reply, " ".join(parse.notes), str(after.background or "")]
    for o in list(before.objects) + list(after.objects):
        d = o.to_dict() if hasattr(o, "to_dict") else vars(o)
        parts.extend(_values_of(d))  # values only: "cat" is not shown by the key "category"
    return " ".join(parts).lower().replace("_", " ")


def _values_of(x) -> list[str]:
    if isinstance(x, dict):
        return [v for k, val in x.items() for v in ([str(k)] if k not in _KEYS else []) + _values_of(val)]
    if isinstance(x, (list, tuple)):
        return [v for val in x for v in _values_of(val)]
    return [str(x)] if x is not None else []


# the scene JSON's own field names, which are not words anyone said ("cat" in "category")
_KEYS = {"id", "category", "x", "y", "scale", "color", "flip", "pose", "expression", "attributes", "uncertain"}


def _exempt(sentence: list[Token], k: int) -> bool:
    """Negated ("not blue", "no hat"), offered as alternatives ("red? or orange") or asked about."""
    near = sentence[max(0, k - 3):k]
    after = sentence[k + 1:k + 3]
    if sentence[k].kind in ("MARK", "WORD") and sentence[k].text in PARTS_OF_PLACES and k >= 2 and \
            sentence[k - 2].kind == "REL" and \
            sentence[k - 1].kind == "DET" and [t.kind for t in sentence[k + 1:k + 4]] == ["OF", "DET", "CAT"]:
        return True  # "against the window of the cafe": where, by the cafe
    if sentence[k].kind == "POSE" and _of_the_speaker(sentence[:k]):
        return True  # "I was walking past the cafe": how the witness went, drawn on no one
    return any(t.kind in ("NEG", "OR") for t in near) or any(t.kind == "OR" for t in after)


def _of_the_speaker(before: list[Token]) -> bool:
    """The words before a pose start with "I" / "we" and name no one else ("so I was sitting on the bench")."""
    said = said_by_the_witness(before, separators=True)
    return said is not None and not any(t.kind in ("CAT", "PRON", "ONE", "ROLE", "COMMA", "AND") for t in said)


def _shown(tok: Token, seen: str, there: set[str], lex: Lexicon, reply: str = "") -> bool:
    if tok.kind in _LOOKS:
        return any(_has(seen, v) for v in _values(tok))
    if tok.kind == "CAT":
        cat = tok.value[0] if isinstance(tok.value, tuple) else tok.value
        return bool(lex.refers_to(str(cat), tok.text) & there) or _has(seen, str(cat)) or _has(seen, tok.text)
    if tok.kind == "WORD" and tok.text in NEAREST_COLOURS:  # a colour this world has no name for: shown only if
        return _has(reply, tok.text)  # the reply says what became of it (a name kept on the thing is not a colour)
    if tok.kind == "WORD":
        return not _a_noun(tok.text) or _has(seen, tok.text) or _has(seen, tok.text.rstrip("s"))
    return True


def _default_pose(tok: Token, lex: Lexicon) -> bool:
    """"standing" (or "waiting", read as standing) is how a person is drawn when no pose is set."""
    return bool(lex.world.poses) and tok.value == lex.world.poses[0]


def _values(tok: Token) -> Iterable[str]:
    """The strings a look leaves on an object: "ginger" → hair "red"; "hi vis" → "hi vis"; "grey" → "gray"."""
    v = tok.value
    if isinstance(v, tuple):
        yield str(v[-1])
    else:
        yield str(v)
    yield tok.text


def _a_noun(word: str) -> bool:
    """A word that may name a thing or a detail ("beard", "lane"), as far as a word list can tell."""
    w = word.lower()
    if not _WORDY.match(w) or w in FILLER or w in NON_OBJECTS or w in _PLAIN or w in GO_WORDS \
            or w in IRREGULAR_VERBS or verbish(w) or w.endswith(("ly", "ed", "ing", "est")):
        return False
    words = english_words()
    return not words or w in words


def _has(seen: str, value: str) -> bool:
    value = value.lower().replace("_", " ").strip()
    return bool(value) and re.search(rf"\b{re.escape(value)}", seen) is not None
