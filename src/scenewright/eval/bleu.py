"""BLEU — Papineni, Roukos, Ward & Zhu, "BLEU: a Method for Automatic Evaluation of Machine Translation", ACL 2002.

    corpus_bleu(hypotheses, references)   # references: one list of reference captions per hypothesis
    sentence_bleu(hypothesis, refs)       # one caption, smoothed (for the telephone's per-round curve)

Corpus BLEU-N (Sec. 2): the modified n-gram precision p_n sums, over the corpus, each hypothesis n-gram's count
clipped to its largest count in any one reference, divided by the hypothesis n-grams; the brevity penalty is
BP = 1 if c > r else exp(1 − r/c), c the hypothesis words and r the summed *closest* reference lengths (ties
to the shorter, as multi-bleu.perl and NLTK); BLEU = BP · exp(Σ_n w_n log p_n), w_n = 1/N. Any p_n = 0 gives 0.
Values are in [0, 1] (× 100 for the usual reading).

Sentence BLEU smooths the zero counts the way sacrebleu's `sentence_bleu` does by default ("exp", Chen &
Cherry 2014, method 3 — NIST's geometric sequence: the k-th order with no match gets 1 / (2^k · total)) and
uses only the orders the hypothesis is long enough to have ("effective order"). Tokens are our captioner's
(`models/captioner.tokenize`: lower-cased words and commas), so the digits compare with other scenewright
digits, not with tokenised-differently published ones.
"""

from __future__ import annotations

import math
from collections import Counter
from typing import Sequence


def _words(text: str | Sequence[str]) -> list[str]:
    if isinstance(text, str):
        from ..models.captioner import tokenize

        return tokenize(text)
    return list(text)


def ngrams(words: Sequence[str], n: int) -> Counter:
    return Counter(tuple(words[i:i + n]) for i in range(len(words) - n + 1))


def clipped_counts(hypothesis: Sequence[str], references: Sequence[Sequence[str]], n: int) -> tuple[int, int]:
    """(matches clipped to the most any one reference has, hypothesis n-grams) of one order."""
    hyp = ngrams(hypothesis, n)
    most: Counter = Counter()
    for ref in references:
        for g, k in ngrams(ref, n).items():
            most[g] = max(most[g], k)
    return sum(min(k, most[g]) for g, k in hyp.items()), max(len(hypothesis) - n + 1, 0)


def closest_length(hyp_len: int, references: Sequence[Sequence[str]]) -> int:
    return min((abs(len(r) - hyp_len), len(r)) for r in references)[1]


def _statistics(hypotheses, references, order: int) -> tuple[list[int], list[int], int, int]:
    if len(hypotheses) != len(references):
        raise ValueError(f"{len(hypotheses)} hypotheses but {len(references)} reference lists")
    if not hypotheses:
        raise ValueError("no hypotheses to score")
    matches, totals, c, r = [0] * order, [0] * order, 0, 0
    for hyp, refs in zip(hypotheses, references):
        hyp = _words(hyp)
        refs = [_words(x) for x in ([refs] if isinstance(refs, str) else refs)]
        if not refs:
            raise ValueError("every hypothesis needs at least one reference")
        for n in range(1, order + 1):
            m, t = clipped_counts(hyp, refs, n)
            matches[n - 1] += m
            totals[n - 1] += t
        c += len(hyp)
        r += closest_length(len(hyp), refs)
    return matches, totals, c, r


def brevity_penalty(c: int, r: int) -> float:
    if c == 0:
        return 0.0
    return 1.0 if c > r else math.exp(1 - r / c)


def corpus_bleu(hypotheses: Sequence, references: Sequence, order: int = 4) -> float:
    """Corpus BLEU-`order` in [0, 1] of hypotheses (strings or word lists) against their reference lists."""
    matches, totals, c, r = _statistics(hypotheses, references, order)
    if min(matches) == 0:
        return 0.0
    log_p = sum(math.log(m / t) for m, t in zip(matches, totals)) / order
    return brevity_penalty(c, r) * math.exp(log_p)


def sentence_bleu(hypothesis, references, order: int = 4) -> float:
    """Smoothed BLEU-`order` of one hypothesis in [0, 1] ("exp" smoothing, effective order; module doc)."""
    matches, totals, c, r = _statistics([hypothesis], [references], order)
    if c == 0:
        return 0.0
    log_p, used, halving = 0.0, 0, 1.0
    for m, t in zip(matches, totals):
        if t == 0:
            break
        used += 1
        if m == 0:
            halving *= 2
            log_p += math.log(1 / (halving * t))
        else:
            log_p += math.log(m / t)
    return brevity_penalty(c, r) * math.exp(log_p / used)


__all__ = ["brevity_penalty", "clipped_counts", "closest_length", "corpus_bleu", "ngrams", "sentence_bleu"]
