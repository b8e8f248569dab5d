"""Commands in words: undo, redo, go back to a turn, and small talk that changes nothing."""

from __future__ import annotations

import re
from dataclasses import replace

from .base import Context, Parse
from .lexicon import normalise

_N = r"(one|two|three|four|five|six|seven|eight|nine|ten|\d+)"
_NUM = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
        "ten": 10}
_UNDO = re.compile(r"^(undo|undo (that|it|this|again|once more|the last (step|turn|change|thing|one|edit)|last)"
                   r"|undo (the )?(last|previous) (step|turn|change|thing|edit)|undo that (last )?(one|change)"
                   r"|take (that|it) back|(no )?undo (that|it) again"
                   r"|revert( that| it)?|step back|go back one( step| turn)?|cancel( that)?|never ?mind"
                   r"|scratch that|that is wrong|that was wrong|wrong|no that is wrong|no that was wrong"
                   r"|oops|nope|no|not that|forget (that|it)|delete (that|the last (step|turn|change))"
                   r"|go back a step|one step back|back)$")
_UNDO_N = re.compile(rf"^(undo|go back|step back)( the last| the previous)? {_N}( (steps|turns|changes|times|edits"
                     rf"|things))?$")
_UNDO_TWICE = re.compile(r"^undo (twice|two times|thrice|three times)$")
_REDO = re.compile(r"^(redo|redo (that|it|again|the last (step|turn|change))|undo (the|that) undo|redo that (one|change)"
                   r"|go forward( one( step| turn)?)?|step forward|put it back like it was)$")
_BRING_BACK = re.compile(r"^(bring (it|that|them|him|her) back|put (it|that|them|him|her) back)$")
_GOTO = re.compile(rf"^(go |take me |jump |get )?(back )?to (the )?(turn|step|stage|picture|version) {_N}$")
_GOTO_ORD = re.compile(r"^(go |take me |jump )?back to (the )?(first|second|third|fourth|fifth|last) "
                       r"(step|turn|stage|picture|version|one)$")
_GOTO_START = re.compile(r"^((go |take me )?back to (the )?(start|beginning|empty (scene|picture)|blank"
                         r"( picture| scene)?)|start over|start again|start from scratch|from scratch|reset"
                         r"|new scene|new picture|begin again|clear|clear (it|all|everything|it all|the (picture|"
                         r"scene|canvas|screen))|wipe (it|everything|the (picture|scene)))$")
_AGO = re.compile(rf"^(go back to |back to |make it |show )?(how|what|the way) it (was|looked) {_N} "
                  rf"(turns|steps|changes) ago$")
_ORD = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5}


def _num(word: str) -> int:
    return int(word) if word.isdigit() else _NUM[word]


_MORE = re.compile(r"^(more|a bit more|a little more|a little bit more|bit more|further|even more|keep going|"
                   r"more more|some more|a tad more)$")


def _again(context: Context) -> tuple:
    """The last turn's moves done once more, from where things are now; () when it moved nothing."""
    from ..scene import Update

    before, last = context.scene_before_last(), context.entries[-1]
    out = []
    for e in last.edits:
        ch = dict(e.changes) if isinstance(e, Update) else {}
        old = next((o for o in before.objects if isinstance(e, Update) and o.id == e.id), None)
        now = next((o for o in context.scene.objects if isinstance(e, Update) and o.id == e.id), None)
        if old is None or now is None or not ({"x", "y"} & set(ch)):
            continue
        x = min(max(now.x + now.x - old.x, 0.02), 0.98)
        y = min(max(now.y + now.y - old.y, 0.02), 0.98)
        out.append(Update.of(e.id, x=round(x, 4), y=round(y, 4)))
    return tuple(out)


_HOW_MANY = re.compile(r"^(hmm |so |ok |um )?how many (things|objects|shapes|of them|are there)\b.*$")
_SMALL_TALK = re.compile(r"^(hi|hello|hey|hi there|hello there|good morning|good afternoon|ok|okay|ready|"
                         r"go|done|thanks|thank you|thank you very much|thanks a lot|great|good|good job|"
                         r"perfect|nice|cool|yes|yeah|yep|can i check|i check|let me check|check|i will check|"
                         r"that is it|that is all|that is everything|all done|finished|bye|goodbye)( \w+)?$")


_EDIT_WORDS = re.compile(r"\b(add|put|place|make|move|remove|delete|paint|draw|turn|flip|swap|give|there)\b")


_FILLER_PART = re.compile(r"^((hmm+|um+|uh+|er+m?|oh|ah|ok|okay|no+|nope|wait|sorry|oops|well|actually)\s*)+$")
_FILLER_TAIL = re.compile(r"(\s+(actually|sorry|then|thanks|please|again|now))+$")
_FILLER_LEAD = re.compile(r"^((hmm+|um+|uh+|er+m?|oh|ah|ok|okay|no+|nope|wait|sorry|oops|well|actually)\s+)+")


def _undo_then_talk(text: str) -> bool:
    """"Undo that, sorry, I'm not sure about the trainers", "Hmm no, undo that, the cube was fine": an undo
    (after words that only hesitate) followed by words that ask for nothing."""
    parts = [_FILLER_TAIL.sub("", _FILLER_LEAD.sub("", p.strip())) for p in re.split(r"[,.;!?]", normalise(text))]
    parts = [p for p in parts if p and not _FILLER_PART.match(p)]
    undo = [k for k, p in enumerate(parts) if re.fullmatch(r"(undo|undo (that|it|this|again|the last one)|go back)", p)]
    if not undo:
        return False
    rest = " ".join(p for k, p in enumerate(parts) if k != undo[0])
    return not _EDIT_WORDS.search(rest) and not re.search(r"\b(undo|redo|back)\b", rest)  # "No, cylinder was
    # right. Go back.": the undo, and words that ask for nothing else


def _misspelt(t: str, word: str) -> bool:
    """A one-word turn that is `word` typed wrong: "udno", "unod", "undoo" (not a word of English)."""
    from .lexicon import edit_distance, english_words

    return " " not in t and t != word and 3 <= len(t) <= len(word) + 1 and t not in english_words() and \
        (sorted(t) == sorted(word) or edit_distance(t, word, 2) == 1) and t[0] == word[0]


def command(text: str, context: Context) -> Parse | None:
    t = " ".join(w for w in re.sub(r"[^\w\s]", " ", normalise(text)).split()
                 if w not in ("please", "can", "you", "could", "just", "now", "ok", "okay", "lets", "let", "us"))
    cursor = len(context.entries)
    lead = _FILLER_LEAD.sub("", t)
    if lead != t and lead and (_UNDO_N.match(lead) or _UNDO_TWICE.match(lead) or _REDO.match(lead) or
                               _GOTO.match(lead) or _GOTO_START.match(lead)):
        t = lead  # "hmm no. undo the last two changes"
    if _UNDO.match(t) or _UNDO.match(_FILLER_TAIL.sub("", t)) or _undo_then_talk(text) or _misspelt(t, "undo"):
        return Parse(command="undo", reply="Undone.")
    if _MORE.match(t) and context.entries:  # "more", "a bit more": the last move once again
        again = _again(context)
        if again:
            return Parse(edits=again, reply="Moved it further.")
    if m := _HOW_MANY.match(t):  # "how many things are left?": an answer, nothing changes
        n = len(context.scene.objects)
        return Parse(command="noop", reply=f"There {'is' if n == 1 else 'are'} {n} "
                                           f"{'thing' if n == 1 else 'things'} in the picture.")
    if _SMALL_TALK.match(t) and not any(w in t.split() for w in ("undo", "redo")):
        return Parse(command="noop", reply="Okay — tell me what to draw or change next.")
    if m := _UNDO_N.match(t):
        n = _num(m.group(3))
        return Parse(command="undo", steps=n, reply=f"Undid {n} turns.")
    if m := _UNDO_TWICE.match(t):
        n = 2 if m.group(1) in ("twice", "two times") else 3
        return Parse(command="undo", steps=n, reply=f"Undid {n} turns.")
    if _REDO.match(t):
        return Parse(command="redo", reply="Redone.")
    back = _brought_back(t, context)
    if back is not None:
        return back
    if _BRING_BACK.match(t):  # after a removal it means undo; after an undo, redo
        from ..scene import Remove

        last = context.entries[-1] if context.entries else None
        if last is not None and last.edits and all(isinstance(e, Remove) for e in last.edits):
            return Parse(command="undo", reply="Brought back.")
        return Parse(command="redo", reply="Redone.")
    if m := _GOTO.match(t):  # "go back to turn 3": statement #3 as the chat, the page and the report number it
        return replace(_goto(_num(m.group(5)), cursor), numbered=True)
    if m := _GOTO_ORD.match(t):
        if m.group(3) == "last":
            return _goto(cursor, cursor)
        return replace(_goto(_ORD[m.group(3)], cursor), numbered=True)
    if _GOTO_START.match(t):
        return Parse(command="goto", target=0, reply="Back to the empty picture (every turn is still kept).")
    if m := _AGO.match(t):
        return _goto(cursor - _num(m.group(4)), cursor)
    return None


_WANT_BACK = re.compile(r"\b(?:(?:bring|get|have) (it|that|them|him|her|the (?:[a-z]+ ){0,2}?[a-z]+) back"
                        r"|(?:i )?(?:do |really )?want (it|that|them|him|her|the (?:[a-z]+ ){0,2}?[a-z]+) back)$")
_ONLY_TALK = {"hmm", "hm", "um", "no", "oh", "actually", "wait", "sorry", "yes", "yeah", "i", "do", "want", "it",
              "and", "so", "on", "second", "thought", "thoughts", "changed", "my", "mind", "after", "all", "please",
              "that", "again", "ah", "oops", "really", "mean", "meant"}


def _brought_back(t: str, context: Context) -> Parse | None:
    """"hmm, bring it back", "no I want it back", "bring the cylinder back": what a turn of the last few removed
    comes back as it was, with its id (the turns between stay). None when the turn says more than that, or
    nothing was removed; a turn that only removed things, just before, is undone (as "bring it back" always was)."""
    from ..scene import Add, Remove

    m = _WANT_BACK.search(t)
    if m is None or not set(t[:m.start()].split()) <= _ONLY_TALK or not context.entries:
        return None
    said = m.group(1) or m.group(2) or ""
    named = said.removeprefix("the ").split()[-1] if said.startswith("the ") else None
    entries = list(context.entries)
    for k in range(len(entries) - 1, max(-1, len(entries) - 4), -1):
        gone = [e.id for e in entries[k].edits if isinstance(e, Remove)]
        before = entries[k - 1].scene if k else context.start
        if not gone or before is None:
            continue
        objs = [o for o in before.objects if o.id in gone and not any(x.id == o.id for x in context.scene.objects)]
        if named is not None:  # "bring the cylinder back": it, and what it held or wore
            main = {o.id for o in objs if o.category.split()[-1] in (named, named.rstrip("s"))}
            objs = [o for o in objs if o.id in main or o.attrs.get("with") in main]
        if not objs:
            continue
        if k == len(entries) - 1 and all(isinstance(e, Remove) for e in entries[k].edits) and named is None:
            return Parse(command="undo", reply="Brought back.")
        names = list(dict.fromkeys(o.category for o in objs if not o.attrs.get("with")))
        return Parse(edits=tuple(Add(o) for o in objs), reply="Brought back the " + " and the ".join(names) + ".")
    return None


def _goto(k: int, cursor: int) -> Parse:
    if k < 0:
        return Parse.refuse(f"There have only been {cursor} turns so far.")
    return Parse(command="goto", target=k, reply=f"Back to how it was after turn {k}." if k else
                 "Back to the empty picture.")
