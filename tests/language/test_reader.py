"""The shared reader: what the grammar and the learned drawer both read from a turn."""

import pytest

from scenewright.language.reader import agrees, read, world_lexicon
from scenewright.worlds import get_world


def refs(text, world="park"):
    doc = read(text, world_lexicon(world))
    return [(r.surface, r.category, r.pronoun, r.negated) for r in doc.refs], doc


def test_pronouns_agree_in_gender_and_animacy():
    found, _ = refs("A girl and a dog. The boy is behind her. He is holding a kite, it is next to him.")
    pron = [(s, c) for s, c, p, _ in found if p is not None]
    assert pron == [("her", "girl"), ("he", "boy"), ("it", "kite"), ("him", "boy")]


def test_it_is_never_a_person_and_a_pronoun_after_a_relation_is_not_its_own_subject():
    found, _ = refs("a tree on the left, an owl in it")
    assert [c for s, c, p, _ in found if s == "it"] == ["tree"]
    found, _ = refs("a boy. it is sunny")
    assert [c for s, c, p, _ in found if s == "it"] == [None]


def test_they_wants_a_plural():
    found, _ = refs("two dogs and a cat. they are happy")
    assert [c for s, c, p, _ in found if s == "they"] == ["dog"]


@pytest.mark.parametrize("text, negated", [
    ("no clouds in the sky", {"cloud"}),
    ("it is a swing, not a slide", {"slide"}),
    ("a tree without any apples", set()),  # "apples": not a park thing
    ("no, the dog is on the left", set()),  # a comma breaks it
    ("there are no big dogs but there is a dog", set()),  # named plainly as well
])
def test_negation(text, negated):
    assert read(text, world_lexicon("park")).only_negated() == negated


def test_function_nouns_and_spelling_come_from_the_lexicon():
    found, _ = refs("can you make the cube bigger", "shapes")
    assert [c for _, c, _, _ in found] == ["cube"]
    found, _ = refs("a dgo next to the tree")
    assert [c for _, c, _, _ in found] == ["dog", "tree"]


def test_a_taught_name_wins_and_the_plain_lexicon_is_untouched():
    taught = read("a hole in the trunk", world_lexicon("park", (("hole", "tree"),)))
    assert [r.category for r in taught.refs] == ["tree"]
    assert read("a hole in the trunk", world_lexicon("park")).refs == []


def test_agreement_table():
    park = get_world("park")
    assert agrees("male", park, "boy") and not agrees("female", park, "boy")
    assert agrees("male", park, "bear")  # "the bear … he"
    assert not agrees("it", park, "girl") and agrees("it", park, "kite")


def test_the_drawer_reads_what_the_grammar_reads():
    from scenewright.models.drawer.text import _sentences, negated
    from scenewright.data.codraw import CLASSES

    said = [(ws[a:b], CLASSES[c]) for ws, f in _sentences("hes next to a dog. she's sad") for a, b, c in f]
    assert said == [(["he"], "boy"), (["dog"], "dog"), (["she"], "girl")]  # alone: CoDraw's boy and girl
    assert [CLASSES[c] for c in negated("no clouds, a sun")] == ["cloud"]
