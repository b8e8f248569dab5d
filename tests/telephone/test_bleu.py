"""BLEU against values worked out by hand from Papineni et al.'s definitions (the fractions are in the comments)."""

import math

import pytest

from scenewright.eval.bleu import brevity_penalty, clipped_counts, closest_length, corpus_bleu, sentence_bleu


def test_clipping_is_papinenis_example():
    # "the the the the the the the" vs "the cat is on the mat": 'the' clipped to 2 -> modified precision 2/7
    hyp = "the the the the the the the".split()
    assert clipped_counts(hyp, ["the cat is on the mat".split()], 1) == (2, 7)
    # the most of any ONE reference counts: 'the' twice in ref 1, once in ref 2
    assert clipped_counts(hyp, ["the cat is on the mat".split(), "there is a cat on the mat".split()], 1) == (2, 7)


def test_brevity_penalty_and_closest_reference_length():
    assert closest_length(6, [[0] * 4, [0] * 7, [0] * 9]) == 7
    assert closest_length(6, [[0] * 5, [0] * 7]) == 5  # a tie goes to the shorter reference
    assert brevity_penalty(12, 13) == pytest.approx(math.exp(1 - 13 / 12))
    assert brevity_penalty(14, 13) == 1.0 and brevity_penalty(0, 3) == 0.0


def test_corpus_bleu4_by_hand():
    hyps = ["the cat sat on the mat", "the dog is on the mat"]
    refs = [["the cat is on the mat"], ["the dog is on the red mat"]]
    # matches / totals over both: 1-grams (5+6)/(6+6), 2-grams (3+4)/(5+5), 3-grams (1+3)/(4+4), 4-grams (0+2)/(3+3)
    # c = 12 words, r = 6 + 7 = 13 -> BP = exp(1 - 13/12)
    want = math.exp(1 - 13 / 12) * (11 / 12 * 7 / 10 * 4 / 8 * 2 / 6) ** 0.25
    assert corpus_bleu(hyps, refs) == pytest.approx(want)
    assert round(100 * want, 2) == 52.61
    assert corpus_bleu(hyps[:1], refs[:1]) == 0.0  # no 4-gram in common: unsmoothed corpus BLEU is 0
    assert corpus_bleu(hyps, refs, order=1) == pytest.approx(math.exp(1 - 13 / 12) * 11 / 12)


def test_sentence_bleu_smooths_like_sacrebleu_exp():
    # 1-4 grams 5/6, 3/5, 1/4, 0/3 -> the missing 4-gram order gets 1 / (2 * 3); equal lengths, BP = 1
    want = (5 / 6 * 3 / 5 * 1 / 4 * 1 / 6) ** 0.25
    assert sentence_bleu("the cat sat on the mat", ["the cat is on the mat"]) == pytest.approx(want)
    assert round(100 * want, 2) == 37.99
    assert sentence_bleu("a red cube", ["a red cube"]) == pytest.approx(1.0)  # 3 words: orders 1-3 only
    assert sentence_bleu("", ["a red cube"]) == 0.0


def test_identical_captions_score_one_and_tokens_ignore_case_and_commas_spacing():
    assert corpus_bleu(["A red cube, and a blue sphere on the left"],
                       [["a red cube , and a blue sphere on the left"]]) == pytest.approx(1.0)
