"""The grammar parser: deterministic, explainable, fast.

text ─► commands (undo, redo, go back) ─► corrections ("no, a hamburger") ─► clauses ─► edits

Commands in words live in `commands.py`, corrections in `corrections.py`. A turn is split into clauses ("add a
tree and put an owl in it"); each clause is read into a `Clause` by `clauses.ClauseReader` (what is talked
about, the verb, where, and what it should look like) and `interpret.Interpreter` turns it
into edits on a working copy of the scene, so later clauses see what earlier ones did. If any clause cannot
be done, the whole turn is refused with a reply that says why, and nothing changes.
"""

from __future__ import annotations

import copy
import re
from dataclasses import replace

from ..errors import ScenewrightError
from ..scene import Remove, SceneObject, Update
from ..scene.history import Entry
from ..worlds import World
from . import audit, members, speaker
from .base import Context, Parse
from .clauses import Clause, ClauseReader, said_by_the_witness
from .commands import command
from .corrections import correction
from .lexicon import FILLER, Lexicon, Token, normalise
from .reader import gender_of
from .references import LOOKS, Ambiguous, Missing, salience, touched


class GrammarParser:
    """`parse(text, context) -> Parse` for any world. `semantic`: use MiniLM for unknown words (None = if
    installed). `strict`: let internal errors raise (tests) instead of becoming a polite refusal."""

    name = "grammar"

    def __init__(self, world: World, semantic: bool | None = None, strict: bool = False, **_: object):
        from .interpret import Interpreter

        self.world = world
        self.lexicon = _lexicon(world)
        self.reader = ClauseReader(world, self.lexicon)
        self.interpreter = Interpreter(world, self.lexicon, semantic)
        self.strict = strict

    def parse(self, text: str, context: Context) -> Parse:
        try:
            return self._parse(text, context)
        except ScenewrightError:
            raise
        except Exception as e:  # never a traceback for the user; the fuzz tests run with strict=True
            if self.strict:
                raise
            return Parse.refuse(f"Sorry, I got confused by that ({type(e).__name__}). Could you say it "
                                f"another way?")

    def _reread(self, was: Clause, toks: list[Token]) -> Clause:
        """A clause read again with more words joined to it; a member of a group stays that member ("the other
        one was short, kind of stocky")."""
        c = self.reader.read(toks)
        if was.targets and all(m.head == "MEMBER" for m in was.targets):
            c.targets = was.targets
        return c

    def read_clauses(self, text: str, group: int = 0) -> list[Clause]:
        """Clauses of `text`; a fragment naming no thing ("behind the boy, …") joins the clause after it. `group`:
        the size of a group the turn before named, whose members this one may start on ("One was tall, …")."""
        self.reader.source = self.interpreter.source = text
        segments = members.split_members(self.reader.split(text))
        out: list[Clause] = []
        carry: list[Token] = []
        kept: list[list[Token]] = []
        dealt = 0  # the size of the group just named (`group`), and how many of its members were described
        from_before = bool(group)
        for k, toks in enumerate(segments):
            toks = carry + toks
            words = " ".join(t.text for t in toks)
            if group == 2 and out and not carry and _EACH_SIDE.search(words):
                out[-1].text += f" , {words}"  # "a couple of clouds, one on each side": placed apart
                continue
            if group and not carry and members.starts_members(toks) and not (
                    from_before and (members.leader(toks, 0) is None or members.leader(toks, 0).how == "all")):
                # (a group from the turn before is taken up by "one …", "the other …", not by "all three of them")
                parts, dealt = members.cut(toks, group, dealt)
                for lead, said, words in parts:  # "…, one on the far left and one on the far right"
                    c = self.reader.read(words) if words else Clause("")
                    c.text = " ".join(t.text for t in said + words)
                    c.targets = [members.member_mention(lead, " ".join(t.text for t in said) or c.text)]
                    out.append(c)
                    kept.append(said + words)
                if parts:
                    continue
            group, dealt, from_before = 0, 0, False
            c = self.reader.read(toks)
            if out and _more_of_the_same(out[-1], c) and toks and kept[-1] and toks[0].start > kept[-1][-1].start:
                if out[-1].targets[-1].excluded:  # "remove everything except the boy and the kite": kept too
                    out[-1].targets[-1].excluded.extend(c.targets)
                else:
                    out[-1].targets = out[-1].targets + c.targets  # "remove the car and the man": both go
                kept[-1] = kept[-1] + toks
                continue
            headless = not c.targets and c.holder is None and c.verb in (None, "exist") and not c.backgrounds
            nxt_new = k + 1 < len(segments) and bool(segments[k + 1]) and segments[k + 1][0].kind == "DET" and \
                segments[k + 1][0].value == "a"
            faces_next = k + 1 < len(segments) and bool(segments[k + 1]) and segments[k + 1][0].kind == "VERB" and \
                segments[k + 1][0].value == "face"
            if headless and out and kept[-1] and toks and toks[0].start > kept[-1][-1].start and \
                    not c.has_location and (c.face_to is not None or c.has_predicate and faces_next) and \
                    out[-1].targets and all(m.head == "CAT" and m.det in ("a", "an", None) for m in out[-1].targets):
                # "a cat on the far right, small, facing the girl": the cat's size and the way it faces, not the
                # girl's size
                kept[-1] = kept[-1] + [Token("COMMA", ",", ",", toks[0].start - 0.5)] + toks
                out[-1] = self._reread(out[-1], kept[-1])
                continue
            if headless and (c.has_location or c.has_predicate or c.verb == "exist") and k + 1 < len(segments) \
                    and (not c.hedge or c.has_location and nxt_new) \
                    and not _takes_back(c, self.reader.read(segments[k + 1]), segments[k + 1]) \
                    and not (out and segments[k + 1] and toks and segments[k + 1][0].start < toks[-1].start) \
                    and not _said_of_the_speaker(toks):
                # (not across a sentence: "Male one, six foot, heavy build. Male two, …" — the first one's)
                # "behind the boy, …", "there is a, um, a shop": joins what follows
                carry = [t for t in toks if t.kind != "HEDGE"] if c.hedge else toks  # "in the far lane I
                # suppose, a silver hatchback": where it was is hedged, not the car or its colour
                continue
            carry = []
            if headless and c.hedge and not kept and not c.has_predicate and k + 1 < len(segments):
                carry = toks  # "I think, he had a red cap": the hedge covers what follows
                continue
            repaired = _colour_repair(kept[-1], toks) if kept and headless else None
            if repaired is not None:  # "in a pink coat. No, purple.": purple, said instead of pink
                kept[-1] = repaired
                out[-1] = self._reread(out[-1], kept[-1])
                continue
            if headless and (c.hedge or c.alternatives) and kept:  # "red, maybe orange"
                kept[-1] = kept[-1] + [Token("COMMA", ",", ",", toks[0].start - 0.5)] + toks
                out[-1] = self._reread(out[-1], kept[-1])
                continue
            hedge_ends = bool(kept) and out[-1].hedge and not c.hedge and not c.targets and toks and kept[-1] and \
                toks[0].start <= kept[-1][-1].start  # "I think it had a dent. Um, and one headlight was out."
            if out and (_names_it_again(out[-1], c) or _only_details(c)) and not _you_know(toks) and not hedge_ends:
                # "a sphere? a cyan one, near the front", "a man in a hoodie, maybe six foot, with a beard"
                kept[-1] = kept[-1] + [Token("COMMA", ",", ",", toks[0].start - 0.5)] + toks
                out[-1] = self._reread(out[-1], kept[-1])
                continue
            if out and _conjoined(self.world, out[-1], c, kept[-1], toks):
                # "A man and a woman were standing by the van": both stand there
                prev = out[-1]
                prev.poses, prev.expressions = list(c.poses), list(c.expressions)
                prev.relation, prev.landmarks = c.relation, copy.deepcopy(c.landmarks)
                prev.abs_x, prev.abs_y, prev.abs_words, prev.place = c.abs_x, c.abs_y, list(c.abs_words), c.place
                for m in prev.targets:
                    m.relation, m.landmarks = prev.relation, copy.deepcopy(prev.landmarks)
            if out and _same_place(self.world, out[-1], c, kept[-1], toks):
                # "ketchup and mustard on the table", "on the table put pizza and one soda": both go there
                src, dst = (c, out[-1]) if _new_things(out[-1]) and not out[-1].has_location else (out[-1], c)
                dst.relation, dst.landmarks = src.relation, copy.deepcopy(src.landmarks)
                if src is c and not c.relation:
                    dst.abs_x, dst.abs_y, dst.abs_words, dst.place = c.abs_x, c.abs_y, list(c.abs_words), c.place
                for m in dst.targets:
                    m.relation, m.landmarks = src.relation, copy.deepcopy(src.landmarks)
            if out and kept[-1] and toks and toks[0].start > kept[-1][-1].start and \
                    _specified(self.world, self.interpreter.lex, out[-1], c):
                # "another vehicle stopped to help, a white van", "a second individual, male, enters": the
                # word for many kinds was this kind — one van, one man, not a car and a van
                _one_thing(out[-1], out[-1].targets[-1], c.targets[0])
                c.targets[0].det = "the"
                if len(c.targets) == 1 and not (c.verb or c.holder or c.has_location or c.has_predicate):
                    continue  # (nothing more is said of it there: "…, a white van, the driver's a woman")
            elif out and kept[-1] and toks and toks[0].start > kept[-1][-1].start and _apposed(out[-1], c):
                # "a white van, one of those Transits, pulled out …": the van again, said another way
                c.targets[0].det = "the"
                if out[-1].targets[-1].surface == out[-1].targets[-1].value:
                    out[-1].targets[-1].surface = c.targets[0].surface
            if out and out[-1].sizes and c.sizes and re.search(r"\bno\b\W+not\b", out[-1].text):
                out[-1].sizes = []  # "a little bigger - no, not a little, make them twice as big": twice
                if all(m.head == "PRON" for m in c.targets) and not (c.colors or c.has_location):
                    out[-1].sizes = list(c.sizes)  # ("them" are the ones just named: one change of theirs)
                    continue
            if out and out[-1].verb == "move" and len(out[-1].targets) == 1 and c.verb is None and \
                    [m.head for m in c.targets] == ["CAT", "PRON"] and _WITH_IT.search(c.text):
                c.verb, c.landmarks, c.targets = "along", [copy.deepcopy(out[-1].targets[0])], c.targets[:1]
            if out and _restated(out[-1], c):  # "some ducks, three ducks", "the owl. there was an owl on it"
                out.pop()
                kept.pop()
            if out and _takes_back(out[-1], c, toks):  # "or green. no, purple": purple instead
                out.pop()
                kept.pop()
            if not c.empty:
                out.append(c)
                kept.append(toks)
                group = members.group_size(c)
        return [_appositive_tail(_own_ride(_specified_within(self.world, self.interpreter.lex, _predicated(c))))
                for c in _without_counted(out, self.interpreter.lex)]

    def _parse(self, text: str, context: Context) -> Parse:
        cmd = command(text, context)
        if cmd is not None:
            return cmd
        me = speaker.speaker_of(context.scene)
        intro = speaker.introduced(text, self.world, self.lexicon) if me is None else None
        if me is not None or intro is not None:  # "this is me, I'm the boy", then "my sister is next to me"
            text = speaker.in_third_person(text, me.category if me is not None else intro, intro is not None)
        parse = self._read(text, context)
        return speaker_tagged(parse, intro, context) if intro is not None else parse

    def _after_fix(self, fixed: Parse, rest: list[Clause], context: Context) -> Parse:
        """"no, a baseball bat! and a baseball": the fix, then what is said after it of things it names, in
        the same corrected turn. A part that names nothing ("and make it bigger": which it?) is said skipped."""
        now = members.replay(context.scene_before_last(), fixed.edits).objects
        fixed_cats = {o.category for o in now if o.id in touched(fixed.edits)}
        counts = {cat: sum(o.category == cat for o in now) for cat in fixed_cats}
        rest = [c for c in rest if not _the_fix_again(c, fixed_cats, counts)]
        new = [c for c in rest if c.targets and not c.neg and all(m.head == "CAT" for m in c.targets)]
        # (things named: "and a baseball", "the girl waves"; an "it" would be read against the turn before)
        left = tuple(c.text for c in rest if c not in new)
        edits, notes, skipped, reply = fixed.edits, fixed.notes, fixed.skipped + left, fixed.reply
        if new:
            scene = members.replay(context.scene_before_last(), fixed.edits)
            more = self.interpreter.run(new, replace(context, scene=scene, entries=tuple(context.entries[:-1])))
            if more.ok and more.command in (None, "noop"):
                edits, notes, skipped = edits + more.edits, notes + more.notes, skipped + more.skipped
                reply = f"{reply} {more.reply}".strip() if more.edits else reply
            else:
                skipped += tuple(c.text for c in new)
                left += tuple(c.text for c in new)
        if left:
            reply += " (I skipped " + " and ".join(repr(t) for t in left) + ": say it again now that it's fixed.)"
        return replace(fixed, edits=edits, notes=notes, skipped=skipped, reply=reply)

    def _same_again(self, text: str, context: Context) -> Parse | None:
        """"Make the red one big." then "now the other one too", "the sphere as well", "same for the sphere",
        "and the big one" (after "remove the small one"): the last turn's change, done to that one. A move is the
        same step, a resize the same factor. None when the turn is not such an ellipsis."""
        t = normalise(text).strip(" .!")
        said = _AGAIN.match(t)
        if said is None or not context.entries or len(said.group("who").split()) > 5 or \
                not (re.search(r"\b(?:and|same)\b", said.group("lead")) or said.group("tail")):
            return None
        clauses = self.read_clauses(said.group("who"))
        if len(clauses) != 1:
            return None
        c = clauses[0]
        if not c.targets or c.verb or c.neg or c.has_predicate or c.has_location or c.copula or c.backgrounds or \
                any(m.indefinite or m.head not in ("CAT", "ONE", "PRON", "ID") for m in c.targets):
            return None  # (not "oh and it was like 11 at night": a time, not the last change again)
        last, before = context.entries[-1], context.scene_before_last()
        if not last.edits or not all(isinstance(e, (Update, Remove)) for e in last.edits):
            return None
        order = salience(context.scene, context.entries, ())
        try:
            found = [o for m in c.targets for o in self.interpreter.resolver.resolve(m, context.scene, order)]
        except (Missing, Ambiguous) as e:
            return Parse.refuse(e.message)
        done = {e.id for e in last.edits}
        found = [o for o in dict.fromkeys(found) if o.id not in done]
        if not found:
            return None
        if all(isinstance(e, Remove) for e in last.edits):
            edits: tuple = tuple(Remove(o.id) for o in found)
        else:
            u = next(e for e in last.edits if isinstance(e, Update))
            was, now = before.get(u.id), last.scene.get(u.id)
            if was is None or now is None:
                return None
            edits = tuple(Update.of(o.id, **_same_change(was, now, o, u.fields)) for o in found)
        after = members.replay(context.scene, edits)
        return Parse(edits=edits, reply=self.interpreter.summary(edits, context.scene, [], after))

    def _fixed_within(self, text: str, context: Context) -> Parse | None:
        """"Let's put a dog in the middle. Actually a cat.": a speaker correcting themselves within a turn. The
        sentences before the correction are read as a turn, the correction revises that turn as it would the
        turn before, and what stands is one turn from the scene as it was. None when no sentence after the first
        corrects, or when a part is not a plain turn or a fix of one (the whole is then read as usual)."""
        sentences = [s for s in re.split(r"(?<=[.!?])\s+", text.strip()) if s]
        cuts = [k for k in range(1, len(sentences)) if _names_a_thing(self, correction(sentences[k]))]
        if not cuts:
            return None
        parts = [" ".join(sentences[a:b]) for a, b in zip([0] + cuts, cuts + [len(sentences)])]
        done = self._read(parts[0], context)
        if not (done.ok and done.command is None and done.edits):
            return None
        edits, notes, skipped, said = done.edits, done.notes, done.skipped, parts[0]
        for part in parts[1:]:
            after = members.replay(context.scene, edits)
            ctx = replace(context, scene=after, entries=(*context.entries, Entry(said, edits, after)),
                          start=context.start if context.entries else context.scene)
            fix = self._read(part, ctx)
            if not fix.ok or fix.command != "revise":
                return None
            edits, notes, skipped, said = fix.edits, fix.notes, fix.skipped, f"{said} {part}"
        after = members.replay(context.scene, edits)
        reply = self.interpreter.summary(edits, context.scene, notes, after)
        if skipped:
            reply += " (I didn't understand: " + ", ".join(repr(w) for w in skipped) + ".)"
        return Parse(ok=not skipped, edits=edits, reply=reply, notes=notes, skipped=skipped)

    def _read(self, text: str, context: Context) -> Parse:
        text = _passive_holding(_numbered_objects(_without_taken_back(text)))
        if not text:  # "Make it smaller. Actually no, keep it as it is."
            return Parse(command="noop", reply="Okay — I left it as it was.")
        again = self._same_again(text, context)
        if again is not None:
            return again
        within = self._fixed_within(text, context)
        if within is not None:
            return within
        fixed = correction(text)
        if fixed is not None and context.entries:
            clauses = self.read_clauses(fixed)
            if clauses:
                revised = self.interpreter.revise(clauses, context)
                if revised is not None:
                    if revised.ok and revised.command == "revise" and len(clauses) > 1:
                        revised = self._after_fix(revised, clauses[1:], context)
                    return revised
                text = fixed
        clauses = self.read_clauses(text, len(members.carried(context.scene, context.entries)))
        if not clauses:
            return Parse.refuse(f"I didn't understand {text.strip()!r}. Try e.g. "
                                f"{self.interpreter.example()}.")
        parse = self.interpreter.run(clauses, context)
        if parse.ok and parse.command in (None, "noop"):  # what the outcome does not show was not done
            parse = audit.audited(text, self.lexicon, context.scene, members.replay(context.scene, parse.edits),
                                  parse)
        return parse


_AGAIN = re.compile(r"^(?P<lead>(?:(?:and|now|ok|okay|then|also|oh)\s+)*(?:(?:do |the )?same (?:for|with|to)\s+|"
                    r"(?=and\s)and\s+)|)(?P<who>.+?)(?P<tail>\s+(?:too|as well|also|again))?$")


def _same_change(was: SceneObject, now: SceneObject, other: SceneObject, fields: dict) -> dict:
    """What the last turn did to `was` (now `now`), as a change to `other`: the same step and factor, the same
    colour, pose, face and attributes."""
    out: dict = {}
    for key, value in fields.items():
        if key in ("x", "y"):
            out[key] = round(min(max(getattr(other, key) + getattr(now, key) - getattr(was, key), 0.02), 0.98), 4)
        elif key == "scale":
            out[key] = round(other.scale * now.scale / was.scale, 4) if was.scale else value
        elif key == "attributes":
            changed = {k: v for k, v in now.attrs.items() if was.attrs.get(k) != v and k not in ("with", "of")}
            out[key] = {**other.attrs, **changed}
        elif key == "flip":
            out[key] = not other.flip if now.flip != was.flip else other.flip
        else:
            out[key] = value
    return out


def _names_a_thing(parser: "GrammarParser", fixed: str | None) -> bool:
    """A correction that names what was meant ("actually a cat", "no, it was a woman"), not only how it looks
    ("no, purple": the clauses already take that back where it was said)."""
    return fixed is not None and re.match(r"(?:a|an)\b", fixed) is not None and any(m.head == "CAT" for c in parser.read_clauses(fixed) for m in c.targets)


def _the_fix_again(c: Clause, cats: set[str], counts: dict[str, int] | None = None) -> bool:
    """"No, a dog. Definitely a dog.", "it was a woman, I'm pretty sure it was a woman": the thing the fix made,
    named again with nothing more said of it ("two women and one man": as many as the fix left)."""
    looks = lambda m: any(getattr(m, k) for k in LOOKS)  # noqa: E731
    return bool(c.targets) and not (c.neg or c.verb or c.has_location or looks(c)) and \
        any(m.head == "CAT" for m in c.targets) and all(
            (m.head == "CAT" and m.value in cats or m.head == "PRON" and m.surface in ("it", "that")) and
            m.det in ("a", "an", None) and not (m.relation or looks(m)) and
            (not m.count or (counts or {}).get(str(m.value)) == m.count) for m in c.targets)


_KEEP_IT = re.compile(r"^(?:(?:actually|no|nope|wait|hmm+|sorry|oh|ok|okay|um|er)\W+)*(?:keep it|leave it|"
                      r"never ?mind|forget (?:it|that)|scratch that|don'?t|do not)(?: as it (?:is|was)| like "
                      r"(?:it was|that)| alone| then)?\W*$", re.IGNORECASE)


_WITH_IT = re.compile(r"\bwith (?:it|him|her|them)$")
_EACH_SIDE = re.compile(r"^one (?:on|at) (?:each|either) (?:side|end)\b")
_OBJECT_LABEL = re.compile(r"^\s*(?:object|item|thing)\s*(?:#|no\.?|number)?\s*\d+\s*[:.)\-]\s*", re.IGNORECASE)
_OBJECT_N = re.compile(r"\b(?:the\s+)?(?:object|item|thing)\s*(?:#|no\.?|number)?\s*(\d+)\b", re.IGNORECASE)
_NTH = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth")


_HELD_BY = re.compile(r"^(?P<thing>[\w ]+?),?\s+(?:is |was )?(?P<how>held|carried|worn) by (?P<who>(?:the|a|an) "
                      r"[\w ]+?)(?=[,.;!?]|$)", re.IGNORECASE)


def _passive_holding(text: str) -> str:
    """"shovel, held by the girl", "a crown worn by the bear": the girl holding it, the bear wearing it."""
    def active(m: re.Match) -> str:
        verb = "wearing" if m.group("how").lower() == "worn" else "holding"
        return f"{m.group('who')} {verb} {m.group('thing')}"
    return _HELD_BY.sub(active, text.strip(), count=1)


def _numbered_objects(text: str) -> str:
    """A list told item by item: "Object 4: bucket, blue, …" names a new thing (the label is not a thing);
    later "object 4" is the fourth thing drawn."""
    text = _OBJECT_LABEL.sub("", text)
    return _OBJECT_N.sub(lambda m: f"the {_NTH[int(m.group(1)) - 1]} object" if 1 <= int(m.group(1)) <= 10
                         else m.group(0), text)


def _without_taken_back(text: str) -> str:
    """"Make the cylinder smaller. Actually no, keep it as it is.": a sentence taken back by the next one."""
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", text.strip()) if s]
    out: list[str] = []
    for s in sentences:
        if _KEEP_IT.match(s.strip()) and out:
            out.pop()
            continue
        out.append(s)
    return " ".join(out) if len(out) != len(sentences) or out else text


def _takes_back(prev: Clause, c: Clause, toks: list[Token]) -> bool:
    """`c` ("no, purple") replaces `prev` ("or green"): both only describe, with nothing named."""
    said = [t for t in toks if t.kind not in ("COMMA",) and not (t.kind == "WORD" and t.value in FILLER)]
    starts_no = bool(said) and said[0].kind == "NEG" and said[0].text in ("no", "not")
    only_looks = lambda x: not x.targets and not x.verb and not x.holder and x.has_predicate  # noqa: E731
    return starts_no and only_looks(c) and only_looks(prev) and bool(prev.colors) == bool(c.colors)


_SHARED_VERBS = {"remove", "flip", "resize"}
_TOO = re.compile(r"\b(?:too|as well|also)\s*$")


def _more_of_the_same(prev: Clause, c: Clause) -> bool:
    """`c` only names things we know ("… and the man"), right after a clause whose verb it shares."""
    shared = prev.verb in _SHARED_VERBS or _TOO.search(c.text) is not None and (prev.has_predicate or
                                                                                prev.has_location)
    # ("make the swing a bit smaller, and the girl too": the girl as well)
    return shared and bool(prev.targets) and not prev.neg and bool(c.targets) and \
        c.verb is None and not c.copula and c.holder is None and not c.has_location and not c.has_predicate \
        and not c.backgrounds and not c.neg and not c.hedge and \
        all(m.head in ("CAT", "ID", "ONE") and not m.indefinite and not m.relation for m in c.targets)


def _new_things(c: Clause) -> bool:
    """Only names new things ("a pizza", "ketchup", "one soda"), or names them and says where."""
    return bool(c.targets) and c.verb in (None, "add", "put", "exist") and c.holder is None and not c.neg \
        and not c.has_predicate and not c.backgrounds and c.abs_x is None and c.abs_y is None and not c.dirs \
        and c.place is None and all(m.head == "CAT" and (m.indefinite or m.det is None) and not m.sizes
                                    for m in c.targets)


def _same_place(world: World, prev: Clause, c: Clause, prev_toks: list[Token], toks: list[Token]) -> bool:
    """Two lists of new things joined by "and" in one sentence, one of them with a place next to a named
    thing and the other with none: the place is for both."""
    if not prev_toks or not toks or toks[0].start - prev_toks[-1].start != 2:
        return False  # one "and" (or comma) between them, in the same sentence
    named = lambda x: bool(x.targets) and x.verb in (None, "add", "put", "exist") and x.holder is None and \
        not (x.neg or x.backgrounds) and all(m.head == "CAT" and m.indefinite for m in x.targets)  # noqa: E731
    if named(prev) and named(c) and not prev.has_location and not (c.relation or c.dirs) and \
            (c.abs_x is not None or c.abs_y is not None or c.place is not None) and \
            len({world.category(str(m.value)).group for m in prev.targets + c.targets}) == 1:
        return True  # "a man and a woman on the left", "a boy and a girl on the corner": both there (not "a
        # tree and a dog in the top left": a tree does not stand in the sky)
    if not (_new_things(prev) and _new_things(c)):
        return False
    placed = [x for x in (prev, c) if x.relation and x.landmarks]
    if len(placed) != 1 or placed[0].relation not in ("on", "in", "under", "next", "near", "behind", "front"):
        return False
    return all(lm.head == "CAT" for lm in placed[0].landmarks)


def _conjoined(world: World, prev: Clause, c: Clause, prev_toks: list[Token], toks: list[Token]) -> bool:
    """"a man and a woman were standing by the van": two new people joined by "and", and what the second part
    says of them (a plural "were", or a pose with no verb) — how and where they both are."""
    if not prev_toks or not toks or toks[0].start - prev_toks[-1].start != 2 or not _new_things(prev) or \
            prev.has_location or prev.has_predicate or len(c.targets) != 1 or c.neg or c.holder is not None:
        return False
    m = c.targets[0]
    if m.head != "CAT" or not m.indefinite or m.count or c.verb not in (None, "exist") or \
            not (c.poses or c.expressions) or any(lm.head == "PRON" for lm in c.landmarks):
        return False  # (not "a tree and a boy sitting under it")
    plural = re.search(r"\b(?:were|are)\b", c.text) is not None or not c.copula
    kinds = {world.category(str(x.value)).group for x in prev.targets + c.targets}
    return plural and len(kinds) == 1 and all(world.category(str(x.value)).alive for x in prev.targets + c.targets)


def _restated(prev: Clause, c: Clause) -> bool:
    """`prev` only named a kind of thing ("lightning,", "the owl.", "some ducks,") and `c` introduces one of
    that kind with more said about it: one thing, said twice (not "a tree, and another tree")."""
    if len(prev.targets) != 1 or prev.verb not in (None, "exist", "add") or prev.holder or prev.has_location \
            or prev.has_predicate or prev.neg or not c.targets or c.neg:
        return False
    m, new = prev.targets[0], c.targets[0]
    return m.head == "CAT" and new.head == "CAT" and m.value == new.value and new.indefinite and \
        new.det != "another" and (m.det in (None, "the") or m.plural and m.count is None or
                                  m.det == "a" and new.count is None and _described(new)) and not (m.colors or m.sizes or m.poses or
                                                                         m.expressions or m.attrs or m.relation) \
        and (m.count is None or new.count is not None) and \
        (bool(c.has_location or c.has_predicate or c.holder or new.relation) or _described(new) or
         new.count is not None)


def _predicated(c: Clause) -> Clause:
    """"the van was quite a big one, a big van", "the dog is a small one": after a copula, an indefinite "one" or
    a thing of the subject's own kind says what the subject is like — its looks, not a second thing."""
    if not c.copula or c.verb is not None or len(c.targets) < 2 or c.neg:
        return c
    subject, rest = c.targets[0], c.targets[1:]
    if subject.head not in ("CAT", "PRON", "ID") or subject.indefinite or subject.plural:
        return c
    if not all(m.det == "a" and m.count is None and not m.relation and not m.negated and (
            m.head == "ONE" or m.head == "CAT" and subject.head == "CAT" and m.value == subject.value and
            m.surface == subject.surface) for m in rest):  # (not "the cloud is a rain cloud", "a double decker")
        return c
    for m in rest:
        for name in LOOKS:
            mine, theirs = getattr(c, name), getattr(m, name)
            mine.extend(v for v in theirs if v not in mine)
    c.targets = [subject]
    return c


def _appositive_tail(c: Clause) -> Clause:
    """"this SUV comes down the hill swerving all over the place, a black Range Rover": a thing of the same kind
    said again at the end of the clause, after a comma, is the same thing described — not a second one."""
    if len(c.targets) < 2 or c.neg:
        return c
    last = c.targets[-1]
    if last.head != "CAT" or last.det != "a" or last.count is not None or last.relation or last.negated or \
            not re.search(rf", (?:a|an) (?:[\w-]+ ){{0,3}}{re.escape(last.surface)}$", c.text.strip(" .!")):
        return c
    first = next((m for m in c.targets[:-1] if m.head == "CAT" and m.value == last.value), None)
    if first is None or (first.count or 1) > 1 or first.plural or first.det == "another" or \
            first.colors and last.colors and set(first.colors) != set(last.colors) or \
            re.search(r"\b(?:and|another|other|second)\b", c.text.split(",")[-1]):
        return c  # (not "a red car …, a blue car", "… and a car")
    first.take_looks(last)
    if first.surface == first.value:
        first.surface = last.surface
    c.targets = c.targets[:-1]
    return c


def _without_counted(clauses: list[Clause], lex: Lexicon) -> list[Clause]:
    """A clause that only counted new things ("Two kids:", "Three people were at the bus stop,") and is followed
    by that many, named by kind ("a boy on the left and a girl on the right", "two men and a woman"): the same
    things, listed — the count is dropped."""
    out = list(clauses)
    for k in range(len(out) - 1, -1, -1):
        prev = out[k]
        if len(prev.targets) != 1 or prev.verb not in (None, "exist", "add") or prev.holder or \
                prev.has_predicate or prev.neg or prev.backgrounds:
            continue  # (a place it has may be one the reader shared out from a member: "a woman by the car")
        m = prev.targets[0]
        if m.head != "CAT" or m.det is not None or (m.count or 0) < 2 or m.pick is not None:
            continue
        kinds, n, j = lex.refers_to(str(m.value), m.surface), 0, k + 1
        while n < m.count and j < len(out) and len(out[j].targets) == 1 and out[j].targets[0].head == "CAT" and \
                out[j].targets[0].value in kinds and out[j].verb in (None, "exist", "add") and not out[j].neg and \
                (out[j].targets[0].det == "a" and out[j].targets[0].count is None or
                 out[j].targets[0].det is None and (out[j].targets[0].count or 0) > 1):
            n, j = n + (out[j].targets[0].count or 1), j + 1  # "a boy", "two men": as many as were counted
        if n == m.count and j > k + 2:
            for c in out[k + 1:j]:  # where they were counted is where each of them is ("at the bus stop")
                if prev.has_location and not c.has_location:
                    c.relation, c.landmarks = prev.relation, copy.deepcopy(prev.landmarks)
                    c.abs_x, c.abs_y, c.abs_words, c.place = prev.abs_x, prev.abs_y, list(prev.abs_words), prev.place
                    for t in c.targets:
                        t.relation, t.landmarks = c.relation, copy.deepcopy(c.landmarks)
            del out[k]
    return out


def _apposed(prev: Clause, c: Clause) -> bool:
    """`c` starts with "a <kind>" of the kind `prev` just introduced, saying nothing of its looks: the same
    thing named again, in the same sentence."""
    if not prev.targets or not c.targets or c.neg:
        return False
    m, new = prev.targets[-1], c.targets[0]
    genders = {gender_of("", m.surface), gender_of("", new.surface)} - {None}  # "a boy and a girl": two children
    return m.head == new.head == "CAT" and m.value == new.value and m.det == "a" and m.count is None and \
        new.det == "a" and new.count is None and not _described(new) and new.surface != m.surface and \
        prev.verb in (None, "exist", "add") and len(genders) < 2


def _specified(world: World, lex: Lexicon, prev: Clause, c: Clause) -> bool:
    """`c` starts with the kind of the new thing `prev` just named by a word for many kinds ("a vehicle",
    "someone", "an individual"), right after it: "…, a white van", "…, male"."""
    if not prev.targets or not c.targets or c.neg or prev.neg:
        return False
    m, new = prev.targets[-1], c.targets[0]
    someone = m.det is None and m.count is None and normalise(m.surface) in ("someone", "somebody")
    if m.head not in ("CAT", "UNKNOWN") or new.head != "CAT" or m.value == new.value or \
            not (m.indefinite or someone) or \
            (m.count or 1) > 1 or m.plural or new.plural or (new.count or 1) > 1 or new.det not in ("a", "an", None):
        return False
    if new.value in lex.refers_to(str(m.value), m.surface):
        return True
    # "someone", "an individual", "a person": a person of no gender yet, said to be a man, a woman, a child
    return str(m.value) in world.category_names and world.category(str(m.value)).people and \
        gender_of(str(m.value), m.surface) is None and str(new.value) in world.category_names and \
        world.category(str(new.value)).people and gender_of(str(new.value), new.surface) is not None


def _one_thing(c: Clause, m, new) -> None:
    """`m`, said by a word for many kinds, is the `new` of the aside after it: of its kind, with its looks. The
    word said first stays its name ("called": vehicle), and is read."""
    if m.head == "UNKNOWN":
        c.handled.add(str(m.value))
    m.head, m.value = "CAT", new.value
    m.det = m.det or "a"  # ("someone": a new one)
    m.take_looks(new)
    for name in LOOKS:
        setattr(new, name, [])


def _specified_within(world: World, lex: Lexicon, c: Clause) -> Clause:
    """"a vehicle, a car I think, parked on the left": the same, inside one clause — one car."""
    for k in range(len(c.targets) - 1):
        m, new = c.targets[k], c.targets[k + 1]
        one = Clause(text=c.text, targets=[m])
        if new.relation or m.relation or not _specified(world, lex, one, Clause(text=c.text, targets=[new])) or \
                not re.search(rf"\b{re.escape(m.surface)} ?, (?:a |an )?(?:[\w-]+ ){{0,3}}{re.escape(new.surface)}\b",
                              c.text):
            continue
        _one_thing(c, m, new)
        del c.targets[k + 1]
        return c
    return c


def _own_ride(c: Clause) -> Clause:
    """"A cyclist, a woman, was knocked off her bike": the bike is the cyclist's own, drawn with her — not a
    second bicycle."""
    rides = {m.value[1] for m in c.targets if m.head == "ROLE" and isinstance(m.value, tuple) and
             m.value[0] == "rider" and m.det in ("a", "an")}
    if not rides:
        return c
    for m in list(c.targets):
        if m.head == "CAT" and m.value in rides and m.det == "the" and not m.plural and not _described(m) and \
                re.search(rf"\b(?:her|his|their) {re.escape(m.surface)}\b", c.text):
            c.targets.remove(m)
            if c.relation and any(lm is m for lm in c.landmarks):
                c.relation, c.landmarks = None, []
    return c


def _described(m) -> bool:
    return bool(m.colors or m.sizes or m.poses or m.expressions or m.attrs or m.kinds)


def _only_details(c: Clause) -> bool:
    """A part that names nothing we know and does nothing: details of what came before ("…, with a beard")."""
    return bool(c.targets) and all(m.head == "UNKNOWN" for m in c.targets) and c.verb is None and c.holder is None \
        and not c.copula


def _names_it_again(prev: Clause, c: Clause) -> bool:
    """`c` only says more about the new thing `prev` just introduced: "a sphere? a cyan one"."""
    if c.verb or c.holder or len(c.targets) != 1 or not prev.targets:
        return False
    m, last = c.targets[0], prev.targets[-1]
    return m.head == "ONE" and (m.det == "a" or m.det is None and bool(m.colors or m.sizes)) and \
        last.head == "CAT" and (last.indefinite or m.surface == "thing") and not m.relation
    # "a delivery van pulls up, yellow one", "this lorry, massive thing, …"


_LEXICONS: dict[str, Lexicon] = {}


def _lexicon(world: World) -> Lexicon:
    if world.name not in _LEXICONS or _LEXICONS[world.name].world is not world:
        _LEXICONS[world.name] = Lexicon(world)
    return _LEXICONS[world.name]


def speaker_tagged(parse: Parse, category: str, context: Context) -> Parse:
    """The person a turn said "I" am, kept as the speaker: the one it added of that kind, else the only one."""
    from dataclasses import replace

    from ..scene import Add, Update

    if not parse.ok or parse.command is not None:
        return parse
    added = [e.obj for e in parse.edits if isinstance(e, Add) and e.obj.category == category]
    there = [o for o in context.scene.objects if o.category == category]
    who = added[0] if added else there[0] if len(there) == 1 else None
    if who is None:
        return parse
    attrs = {**(added[0].attrs if added else who.attrs), "role": "speaker"}
    for e in parse.edits:  # the latest attributes this turn gave them
        if isinstance(e, Update) and e.id == who.id and "attributes" in dict(e.changes):
            attrs = {**dict(e.changes)["attributes"], "role": "speaker"}
    return replace(parse, edits=tuple(parse.edits) + (Update.of(who.id, attributes=attrs),))


def _said_of_the_speaker(toks: list[Token]) -> bool:
    """"I'd just come out of the cafe on the corner, and …": a whole part, about the witness — the cafe is
    where they were, not where what follows is."""
    said = said_by_the_witness(toks)
    return said is not None and any(t.kind == "CAT" for t in said)


def _you_know(toks: list[Token]) -> bool:
    """"…, you know the Shell one by the roundabout": an aside to the listener, read on its own, so that a
    word in it we cannot draw does not take the part before it down too."""
    said = [t for t in toks if t.kind not in ("AND", "COMMA")]
    return len(said) > 2 and [t.text for t in said[:2]] == ["you", "know"]


def _colour_repair(before: list[Token], toks: list[Token]) -> list[Token] | None:
    """"… in a pink coat. No, purple. Pinkish purple.": a "no" and a colour, right after a part that said a
    colour, put the new colour in place of the last one said (the rest of the part stays as it was)."""
    said = [t for t in toks if t.kind not in ("COMMA", "AND")]
    if len(said) < 2 or said[0].kind != "NEG" or said[0].text != "no" or said[1].kind != "COLOR" or \
            any(t.kind not in ("COLOR", "WORD", "NEG") for t in said[1:]):
        return None
    last = next((k for k in range(len(before) - 1, -1, -1) if before[k].kind == "COLOR"), None)
    if last is None:
        return None
    new = [t for t in said[1:] if t.kind == "COLOR"][-1]
    return before[:last] + [Token("COLOR", new.value, new.text, before[last].start)] + before[last + 1:]
