"""The parser never raises on any text: every turn is done or refused with a reply, and a refusal changes
nothing."""

from hypothesis import given, settings
from hypothesis import strategies as st

from scenewright import Session

WORDS = ("add put make move remove the a red blue big small cube sphere it him her left right of behind "
         "next to and no undo two all one other on in between where was is tree boy girl dog happy sitting "
         "facing , . not maybe or very kite holding wears crown").split()

garbled = st.lists(st.sampled_from(WORDS), min_size=1, max_size=12).map(" ".join)
anything = st.text(min_size=0, max_size=200)


def _session(world):
    s = Session(world=world, semantic=False)
    s.parser.strict = True  # an internal error fails the test instead of becoming a polite refusal
    return s


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(garbled, anything), min_size=1, max_size=6), st.sampled_from(["shapes", "park"]))
def test_random_and_garbled_text_never_raises(turns, world):
    s = _session(world)
    for text in turns:
        before = s.scene
        turn = s.tell(text)
        assert isinstance(turn.reply, str)
        if not turn.ok and not turn.edits:  # refused: nothing changed
            assert s.scene == before
        elif not turn.ok:  # partly done: it says what it skipped
            assert turn.skipped and "skipped" in turn.reply or "didn't understand" in turn.reply


def test_pathological_inputs():
    s = _session("shapes")
    s.tell("add a red cube")
    before = s.scene
    for text in ["", "   ", "\x00\x01\x02", "🦄🦄🦄", "a" * 10_000, "add " * 3000, "\u202e\u200b", "?!.,;:",
                 "add a red red blue cube", "remove the the the", "undo undo undo"]:
        turn = s.tell(text)
        assert not turn.ok or text.startswith(("undo",)), (text[:30], turn.reply)
        assert turn.reply
        if not turn.ok and not turn.edits:  # refused: nothing changed
            assert s.scene == before
        elif not turn.ok:  # partly done: it says what it skipped
            assert turn.skipped and "skipped" in turn.reply or "didn't understand" in turn.reply
    assert "10,000 characters" in s.tell("b" * 10_000).reply
