"""The one reader of a turn's text, shared by the grammar and the learned CoDraw drawer.

`read(text, lexicon)` gives a `Doc`: the turn's sentences as the world's lexicon tokenises them (its phrases,
synonyms, spelling repair and function nouns: "can you make…" is not a can), and every thing the text names
as a `Ref` with what agreement needs — gender, number, person / animal / thing — whether it is negated
("no clouds", "not a slide") or hedged ("I think"), and for a pronoun the earlier `Ref` it agrees with.

The grammar cuts the sentences into clauses (`clauses.ClauseReader.split`); the drawer reads the names, their
words around them and the negations (`models/drawer/text.py`). A word taught to the lexicon, a pronoun rule or
a negation rule fixed here is fixed for both.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Sequence

from ..worlds import World, get_world
from .lexicon import GENDER, Lexicon, Token, normalise

# sentence ends and the words that start a new sentence for reading purposes ("…, then a dog", "…, but not…")
SENTENCE = re.compile(r"[.;!?:\n]+|\bthen\b|\bbut\b(?! not)|\bso\b(?= there| it| he| she| they| i )|\b(?:because|"
                      r"cuz|coz|cause|since|until|till|although|though|whereas|whilst|while|when|whenever)\b")
NEVER_MIND = re.compile(r"\bforget (?:it|that|about it|about that|this)\b(?! was)")  # "forget it, put it back"
NEGATORS = {"no", "not", "without", "never", "nor"}  # "nothing" is a thing of its own
_WORD = re.compile(r"[^a-z0-9]")
_BETWEEN_NEG = {"DET", "NUM", "COLOR", "SIZE", "EXPR", "POSE", "ATTR"}  # "no big dogs", "not a red one"


def gender_of(category: str, surface: str = "") -> str | None:
    """'male' / 'female' for a person's category or the word they were called by ("lady", "mike"), else None."""
    last = surface.rsplit(" ", 1)[-1]  # "a little boy": boy
    for g, words in GENDER.items():
        if category in words or surface in words or last in words:
            return g
    return None


def animacy(world: World, category: str) -> str:
    """'person', 'animal' or 'thing': what "he" / "she" and "it" may stand for."""
    c = world.category(category)
    if c.people:
        return "person"
    return "animal" if c.group == "animals" else "thing"


STATIC_GROUPS = {"buildings", "things", "large"}  # what never drives, walks or flies off by itself


def moves_by_itself(world: World, category: str) -> bool:
    """Can a `category` be the subject of "drove off", "came round the corner", "went left"? Not a shop,
    a bus stop or a slide."""
    return world.category(category).group not in STATIC_GROUPS


def agrees(pronoun: str, world: World, category: str, surface: str = "") -> bool:
    """Can `pronoun` ('male' / 'female' / 'it' / 'plural') stand for a thing of `category`? "he" is a man or
    a person whose gender is not said (or an animal: "the bear … he"); "it" is never a person."""
    kind = animacy(world, category)
    if pronoun in ("male", "female"):
        g = gender_of(category, surface)
        return g == pronoun or g is None and kind in ("person", "animal")
    if pronoun == "it":
        return kind != "person"
    return True


@dataclass
class Ref:
    """A thing the text names, or a pronoun standing for one."""

    sentence: int
    start: int  # word span in `Doc.words[sentence]`
    end: int
    surface: str
    category: str | None  # the world's category; for a pronoun, its antecedent's (None when it has none here)
    pronoun: str | None = None  # 'male' | 'female' | 'it' | 'plural' for he/she/it/they
    gender: str | None = None
    plural: bool = False
    animacy: str = "thing"
    negated: bool = False  # "no clouds", "without a hat", "a swing, not a slide"
    hedged: bool = False  # said in a sentence with "I think", "maybe"
    antecedent: int | None = None  # index in `Doc.refs` of the name a pronoun agrees with


@dataclass
class Doc:
    text: str
    tokens: list[list[Token]]  # per sentence, the lexicon's tokens (commas are tokens)
    words: list[list[str]]  # per sentence, its words without commas
    refs: list[Ref] = field(default_factory=list)

    def named(self) -> list[str]:
        """The categories named or stood for, in order, once each."""
        out: list[str] = []
        for r in self.refs:
            if r.category is not None and r.category not in out:
                out.append(r.category)
        return out

    def only_negated(self) -> set[str]:
        """The categories the text names only right after a negation ("no clouds", "it is a swing, not a
        slide"); a comma between them breaks it ("no, the dog is on the left")."""
        said: dict[str, bool] = {}
        for r in self.refs:
            if r.category is not None and r.pronoun is None:
                said[r.category] = said.get(r.category, True) and r.negated
        return {c for c, neg in said.items() if neg}


_LABEL = re.compile(r"(^|[.;!?\n]\s*)((?:\S+\s+){0,2}\S+)\s*:(?!\d)")  # "Male one: six foot, …"


def sentences(text: str) -> list[str]:
    """The turn, normalised (`lexicon.normalise`), cut into the sentences both readers work on. A colon after a
    short label ("Male one: six foot, heavy build"; "Vehicle of interest: a van") joins what it labels."""
    text = _LABEL.sub(r"\1\2 ,", normalise(text))
    return [s.strip() for s in SENTENCE.split(NEVER_MIND.sub(" ", text)) if s.strip()]


def read(text: str, lexicon: Lexicon) -> Doc:
    world = lexicon.world
    doc = Doc(text, [], [])
    for s, sentence in enumerate(sentences(text)):
        toks = lexicon.tokens(sentence)
        raw = sentence.replace(",", " , ").split()
        index, kept = [], []  # raw word position -> position among the words (commas and stray marks dropped)
        for w in raw:
            index.append(len(kept))
            w = _WORD.sub("", w)
            if w:
                kept.append(w)
        index.append(len(kept))
        doc.tokens.append(toks)
        doc.words.append(kept)
        hedged = any(t.kind == "HEDGE" for t in toks)
        for k, t in enumerate(toks):
            if t.kind not in ("CAT", "PRON"):
                continue
            start, end = index[t.start], index[t.start + len(t.text.split())] if t.kind == "CAT" else index[t.start + 1]
            if t.kind == "CAT":
                cat, plural = t.value
                ref = Ref(s, start, end, t.text, cat, gender=gender_of(cat, t.text), plural=bool(plural),
                          animacy=animacy(world, cat), negated=_negated(toks, k), hedged=hedged)
            else:
                ref = Ref(s, start, end, t.text, None, pronoun=str(t.value), plural=t.value == "plural",
                          hedged=hedged)
                after_relation = k > 0 and toks[k - 1].kind == "REL"
                ref.antecedent = _antecedent(doc.refs, ref, world, index[_clause_start(toks, k)] if after_relation else None)
                if ref.antecedent is not None:
                    a = doc.refs[ref.antecedent]
                    ref.category, ref.gender, ref.animacy = a.category, a.gender, a.animacy
            doc.refs.append(ref)
    return doc


def _negated(toks: Sequence[Token], k: int) -> bool:
    j = k - 1
    while j >= 0 and toks[j].kind in _BETWEEN_NEG:
        j -= 1
    return j >= 0 and toks[j].kind in ("NEG", "WORD") and toks[j].text in NEGATORS


def _clause_start(toks: Sequence[Token], k: int) -> int:
    """The word where the clause of token `k` starts (after the last comma or "and" before it)."""
    for j in range(k - 1, -1, -1):
        if toks[j].kind in ("COMMA", "AND"):
            return toks[j].start + 1
    return 0


def _antecedent(refs: Sequence[Ref], ref: Ref, world: World, own_clause: int | None = None) -> int | None:
    """The latest name before `ref` it agrees with ("a boy and a dog. he…" is the boy; "…it" the dog).
    "he" / "she" go to a person only here (the grammar's `Resolver` may still give them an animal of the scene). A
    pronoun after a relation is not the subject of its own clause (`own_clause`: where that clause starts):
    in "a tree, an owl in it" it is the tree."""
    for i in range(len(refs) - 1, -1, -1):
        r = refs[i]
        if own_clause is not None and r.sentence == ref.sentence and r.start >= own_clause:
            continue
        if r.pronoun is None and r.category is not None and (
                ref.pronoun == "plural" and r.plural or ref.pronoun != "plural" and not r.plural
                and agrees(str(ref.pronoun), world, r.category, r.surface)):
            if ref.pronoun in ("male", "female") and r.animacy != "person":
                continue  # within a turn "he" / "she" is a person named in it; "the bear … he" is the scene's
            return i
    return None


@lru_cache(maxsize=8)
def world_lexicon(world: str = "park", names: tuple[tuple[str, str], ...] = ()) -> Lexicon:
    """The lexicon of `world`, with extra `names` (phrase → category) that win over its own."""
    lex = Lexicon(get_world(world))
    for phrase, category in names:
        lex.teach(phrase, category)
    return lex
