"""The word vocabulary of a caption set (AttnGAN's `build_dictionary`: lower-cased `\\w+` tokens).

    vocab = Vocab.build(ds.all_captions("train"), min_count=1)
    tokens, lengths = vocab.encode(["a red cube", "two blue spheres on the left"])   # [B, T], [B]

Index 0 is padding, 1 an unknown word; the rest are the words in order of first count then spelling, so the
same captions always give the same indices. Captions longer than `max_words` are cut (AttnGAN keeps 18
words; it samples which ones at random, we keep the first ones so encoding stays deterministic).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import torch

PAD, UNK = "<pad>", "<unk>"
_WORD = re.compile(r"\w+")


def tokenize(caption: str) -> list[str]:
    return _WORD.findall(caption.lower())


@dataclass(frozen=True)
class Vocab:
    words: tuple[str, ...]
    max_words: int = 18
    index: dict[str, int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.words[:2] != (PAD, UNK):
            raise ValueError(f"a vocabulary starts with {PAD!r}, {UNK!r}; got {self.words[:2]}")
        object.__setattr__(self, "index", {w: i for i, w in enumerate(self.words)})

    @classmethod
    def build(cls, captions: Iterable[str], min_count: int = 1, max_words: int = 18) -> "Vocab":
        counts = Counter(w for c in captions for w in tokenize(c))
        kept = sorted((w for w, n in counts.items() if n >= min_count), key=lambda w: (-counts[w], w))
        if not kept:
            raise ValueError("no words to build a vocabulary from (empty caption set?)")
        return cls((PAD, UNK, *kept), max_words)

    def __len__(self) -> int:
        return len(self.words)

    def ids(self, caption: str) -> list[int]:
        """Word indices of one caption, cut to `max_words`; at least one (an empty caption is `<unk>`)."""
        ids = [self.index.get(w, 1) for w in tokenize(caption)][: self.max_words]
        return ids or [1]

    def encode(self, captions: Sequence[str]) -> tuple[torch.Tensor, torch.Tensor]:
        """(tokens LongTensor [B, T] padded with 0, lengths LongTensor [B]); T is the longest caption."""
        rows = [self.ids(c) for c in captions]
        if not rows:
            raise ValueError("no captions to encode")
        lengths = torch.tensor([len(r) for r in rows], dtype=torch.long)
        tokens = torch.zeros(len(rows), int(lengths.max()), dtype=torch.long)
        for i, r in enumerate(rows):
            tokens[i, : len(r)] = torch.tensor(r)
        return tokens, lengths

    def decode(self, ids: Iterable[int]) -> str:
        return " ".join(self.words[i] for i in ids if i != 0)

    def to_config(self) -> dict:
        return {"words": list(self.words), "max_words": self.max_words}

    @classmethod
    def from_config(cls, config: dict) -> "Vocab":
        return cls(tuple(config["words"]), int(config.get("max_words", 18)))
