"""Clauses → edits. Works on a copy of the scene so each clause sees what the previous ones did."""

from __future__ import annotations

import copy
import re
from dataclasses import replace
from itertools import zip_longest
from typing import Any, Sequence

from ..scene import Add, Edit, Remove, Scene, SceneObject, SetBackground, Update
from ..worlds import Category, World
from . import idioms
from . import placement as P
from . import members, replies, subjects, verify
from .base import Context, Parse
from .clauses import Clause
from .lexicon import NEAREST_COLOURS, Lexicon, label_of
from .looks import background, looks, said_not_worn
from .reader import gender_of, moves_by_itself
from .references import LOOKS, Ambiguous, Mention, Missing, Resolver, wears
from .state import Refusal, State

MOVE_STEP = 0.15
_EACH_SIDE = re.compile(r"\bone (?:on|at) (?:each|either) (?:side|end)\b|\bon (?:each|either|both) sides?\b|"
                        r"\bat (?:each|either|both) ends?\b")
_RIDDEN = {"bicycle", "motorcycle", "scooter", "horse"}  # "a man on a bike" rides it
_SEATS = ("bench", "swing", "chair", "sofa", "seat")  # a person "on" one sits
# counts said exactly ("the two spheres", "both"), not "several", "a few", "double the cubes"
_EXACT_COUNT = {n: rf"\b(?:{w}|{n})\b" for n, w in
                enumerate("two|both three four five six seven eight nine ten".split(), start=2)}
_DEPTH_RELATIONS = ("behind", "front", "above", "below")
_EXTREME = {"front": ("y", max), "behind": ("y", min), "left": ("x", min), "right": ("x", max), "above": ("y", min),
            "below": ("y", max)}  # the landmark among several: the one at that end
_ABOUT_THE_WITNESS = re.compile(r"^(?:(?:so|and|then|but|well|um|er|oh|ok|okay|like|anyway|yeah)\s+)*(?:i|we)\b")
_CUT_OFF = re.compile(r"\bcut off\b|\bcut\b.*\bedge\b|\btouching the (?:top|left|right) edge\b|\bpartially\b|"
                      r"\bhalf (?:of it )?(?:cut|off|outside|hidden)\b")
_WAYS = {(-1, 0): "left", (1, 0): "right", (0, -1): "up", (0, 1): "down"}
_ASIDE = re.compile(r"\b(?:it|everything|that|this|all) (?:all )?(?:happened|went|was over|was|were) (?:so |very |"
                    r"really |too |that )?(?:fast|quick|quickly|sudden|suddenly)\b")
# "that'd look nice with the cyan", "it looks great": the speaker's opinion of the picture, not an edit
_OPINION = re.compile(r"^(?:and |but |so |oh )?(?:that|this|it) (?:would |will |should |might |could )?(?:look|looks|be|is)"
                      r" (?:so |really |very |quite |pretty |much )?(?:nice|good|great|cool|perfect|lovely|better|"
                      r"fine|pretty|awesome|amazing|beautiful|fun|neat|sweet)\b")
_EACH = re.compile(r"\b(?:each|every)\b")
_ON = re.compile(r"\b(?:down|up|on|off|onto|riding)\b")
_PART = re.compile(r"^(?:and |but |then )?(?:the|its|his|her|their) (trunk|branch(?:es)?|leaves|leaf|roof|windows?|"
                   r"doors?|wheels?|tyres?|tires?|handles?|string|seat|engine|bonnet|boot|windscreen|headlights?|"
                   r"legs?|arms?|feet|foot|hands?|tail|ears?|wings?)\b")  # a part of a thing: not a thing to edit
_AGE_IN_A_NAME = {"young": "young", "younger": "young", "teenage": "young", "old": "elderly", "older": "elderly",
                  "elderly": "elderly", "aged": "elderly"}
_OFF = re.compile(r"\b(?:off|away|carried on|kept going|kept driving)\b")  # "it carried on to the left": it left
_EATING = re.compile(r"\b(?:eating|eats|ate|drinking|drinks|drank|licking|munching|nibbling)\b")
_GOING = {"running", "walking", "cycling", "jogging"}  # poses that say the thing went somewhere
_WHERE_A_PERSON_IS = {"between", "left", "right", "next", "near", "behind", "front"}  # not "a kite in her hand"


class Interpreter:
    source = ""  # the turn as the user wrote it ("from left to right: …" is read from it)
    _group: Sequence[str] = ()  # the things of the group this turn counted out, while its clauses run

    def __init__(self, world: World, lexicon: Lexicon, semantic: bool | None):
        self.world = world
        self.lex = lexicon
        self.resolver = Resolver(world, lexicon)
        self.semantic_enabled = semantic
        self._all_clauses: Sequence[Any] = ()

    # -- entry points ----------------------------------------------------------------------------------------
    def run(self, clauses, context: Context) -> Parse:
        """Every clause in turn. A clause of a longer turn that cannot be done is skipped and said so —
        unless it could change the meaning of the rest (a negation), or it asks which one: then the whole
        turn is refused and nothing changes."""
        state = State(context.scene, context.entries)
        self._turn_start = context.scene
        self._all_clauses = clauses
        said: set[str] = set()  # skipped clauses the reply already names
        group: Mention | None = None  # the last plural thing named this turn: what "them" / "both" mean
        named: list[str] = []  # the things of the last group counted out ("two trees"), for "one …, the other …"
        before = members.carried(context.scene, context.entries)  # or the turn before's ("two men came out.")
        for c in idioms.subjects_first(clauses):
            for k, m in enumerate(c.targets):  # "we now have two spheres. let's make both of them green"
                if m.head == "PRON" and m.value == "plural" and group is not None:
                    c.targets[k] = Mention("CAT", group.value, group.surface, det="the", plural=m.pick is None,
                                           pick=m.pick)  # ("one of them": one of that group)
            mark = state.mark()
            as_said = verify.snapshot(c)  # interpreting may rewrite the clause
            try:
                c.targets = self._members(c.targets, named or before)
                self._group = named
                self.clause(c, state)
            except (Missing, Ambiguous, Refusal) as e:
                if len(clauses) == 1 or c.neg or isinstance(e, Ambiguous):
                    return Parse.refuse(e.message)
                state.rollback(mark)
                state.skip(c.text)
                said.add(c.text)
                state.notes.append(f"(I skipped {c.text!r}: {e.message})")
                continue
            verify.check(self, as_said, state, mark)  # what it said of places holds, or the reply says not
            for word in c.unknown:
                if word not in c.handled:
                    state.skip(word)
            if c.dropped_place and c.landmarks:
                first = c.landmarks[0]
                state.skip(c.dropped_place, why=f"(I skipped {c.dropped_place!r}: I placed it by "
                                                f"{'the ' + first.surface if first.head == 'CAT' else first.surface}"
                                                f" only.)")
            group = next((m for m in c.targets + c.landmarks if m.head == "CAT" and m.plural), group)
            if members.group_size(c):
                cats = self.lex.refers_to(str(c.targets[0].value), str(c.targets[0].value))
                named = [i for i in dict.fromkeys(state.this_turn[mark[2]:])
                         if any(o.id == i and o.category in cats for o in state.scene.objects)]
        ordered = members.in_order(self.source.lower(), state.edits)
        if ordered is not None:  # "from left to right: …"
            state.edits[:] = ordered
            state.scene = members.replay(context.scene, ordered)
        notes = list(state.notes) + self._nearest_colours(clauses, state)
        loose = [w for w in state.skipped if w not in said and w not in state.explained]
        if loose:
            notes.append(f"(I didn't understand: {', '.join(repr(w) for w in loose)}.)")
        if not state.edits:
            if state.skipped and not state.kept:
                return Parse.refuse(" ".join(notes) or "I didn't understand that.")
            asked = [c for c in clauses if c.has_predicate or c.has_location or
                     any(m.head in ("CAT", "ONE", "ID", "ALL") for m in c.targets) and c.verb != "exist"]
            # ("now double the cubes", "just the new ones": things named, and nothing came of them)
            if asked and not notes and not state.kept:  # "the snake is a little bigger than that": something
                said = self.source.strip().rstrip(".!?")      # was asked, and nothing came of it
                return Parse.refuse(f"I didn't change anything: I could not tell what {said!r} asks me to "
                                    f"change. Try e.g. {self.example()}.")
            return Parse(ok=True, command="noop", reply=" ".join(notes) or "Nothing to change.",
                         notes=tuple(state.kept), skipped=tuple(state.skipped))
        return Parse(edits=tuple(state.edits), reply=self.summary(state.edits, context.scene, notes, state.scene),
                     notes=tuple(state.kept), skipped=tuple(state.skipped))

    def _nearest_colours(self, clauses, state: State) -> list[str]:
        """"a pink cube" in a world with no pink: drawn purple, and the reply says so."""
        said = " ".join(c.text for c in clauses)
        painted = {v for e in state.edits for k, v in getattr(e, "changes", ()) if k == "color"} | \
            {e.obj.color for e in state.edits if isinstance(e, Add)}
        out = [(word, f"(There is no {word} here, so I used {name}.)") for word, name in self.world.color_synonyms.items()
               if word in NEAREST_COLOURS and name in painted and re.search(rf"\b{word}\b", said)]
        for word, why in out:  # "a pink cube" drawn purple: done in part, so not ok
            state.skip(word)
            state.explained.add(word)
        return [why for _, why in out]

    @staticmethod
    def _members(targets: list[Mention], named: Sequence[str]) -> list[Mention]:
        """MEMBER mentions ("one on the left", "the other") as the things of the group they pick."""
        out: list[Mention] = []
        for m in targets:
            if m.head != "MEMBER":
                out.append(m)
                continue
            ids = members.pick(m, named)
            if not ids:
                raise Missing(f"I can't tell which one {m.surface!r} is.")
            out += [Mention("ID", i, m.surface) for i in ids]
        return out

    def example(self) -> str:
        return {"shapes": "'add a red cube on the left'", "park": "'a boy is standing on the left'"}.get(
            self.world.name, f"'add a {self.world.categories[0].name} on the left'")

    # -- one clause --------------------------------------------------------------------------------------------
    def clause(self, c, state: State) -> None:
        if c.verb == "along":  # "move the sandbox to the center, and the ball with it": the same move
            return self._along(c, state)
        if subjects.not_seen(self, c, state) or subjects.action(self, c, state):
            return None
        if _ASIDE.search(c.text) and all(m.head in ("PRON", "ALL", "UNKNOWN") for m in c.targets):
            state.notes.append("(Noted how it happened; there is nothing to draw for that.)")
            c.unknown = []
            return None  # "it all happened so fast": about the event, not a thing in the picture
        if _OPINION.search(c.text) and all(m.head in ("PRON", "ALL", "UNKNOWN") for m in c.targets) and \
                len(self._all_clauses) > 1:
            c.unknown = []
            return None  # "…, that'd look nice with the cyan": said about the picture, nothing to change
        self._unknown(c, state)
        if said_not_worn(c) and not c.has_location and all(m.head in ("PRON", "CAT", "ID", "ROLE") for m in c.targets):
            try:  # "he didn't have a beard", "she wasn't wearing a hat": not on them
                if self._take_off(c, state):
                    return None
            except Refusal:
                state.notes.append("(No one drawn has that on, so nothing changed.)")
                return None
        if self._passed(c, state) and not c.targets and not (c.has_predicate or c.has_location or c.backgrounds):
            return None  # "I was walking past the cafe": the cafe is there, and that is all
        c.targets = _without_echoes(self.world, c.targets)
        for m in c.targets:  # "both balls go left", "make both kids sad": the two there are, not two more
            if m.head == "CAT" and m.count == 2 and m.det is None and re.search(r"\bboth\b", c.text) and \
                    len(self.resolver.candidates(m, state.scene, state.order())) == 2:
                m.det, m.plural, m.count = "the", True, None
        subjects.fell(c, state)
        subjects.activities(self, c)
        subjects.conditions(self, c)
        if (c.goes or set(c.poses) & _GOING) and len(c.targets) == 1 and c.targets[0].head == "PRON":
            c.targets = subjects.movers(self, c.targets[0], state)  # "it drove off": the car, not the shop
        subjects.looks_of_the_person(self, c, state)
        subjects.said_again(self, c, state)
        subjects.not_its_own_landmark(self, c, state)
        if idioms.rewrite(self, c, state):  # the everyday phrasings: roles, "she has", "bigger than", …
            return None
        targets = c.targets
        added = [e.obj.id for e in state.edits if isinstance(e, Add)]
        if not targets and c.relation and c.landmarks and not c.has_predicate and len(added) == 1 and \
                added[0] in state.unplaced and \
                self._all_clauses and c is not self._all_clauses[0] and state.scene.get(added[0]) is not None and \
                all(self._exists(m, state) for m in c.landmarks) and \
                all(o.id != added[0] for m in c.landmarks for o in self._resolve(m, state, talked=False)):
            return self._update(c, [state.scene.get(added[0])], state)  # "Man. Next to truck.": where he is
        if not targets and c.relation and any(m.head == "CAT" for m in c.landmarks) and not c.has_predicate:
            self._draw_missing_landmarks(c.landmarks, state, quiet=True)  # "at the junction, outside the bank"
            if not c.backgrounds:
                return None
        if not targets:
            if c.backgrounds:
                return state.do(SetBackground(background(self.world, state.scene.background, c.backgrounds)))
            if c.unknown and len(self._all_clauses) > 1:  # "hip is at horizon": skip it, say so
                state.skip(c.text, why=f"(I didn't understand {c.text!r}.)")  # (so the turn is not `ok`)
                return None
            part = _PART.search(c.text)
            if part and (c.has_predicate or c.has_location or c.goes):  # "the trunk goes almost to the bottom"
                raise Refusal(f"I can't draw or change the {part.group(1)} of a thing on its own.")
            group = [state.scene.get(i) for i in self._group if any(o.id == i for o in state.scene.objects)]
            if c.has_location and not c.has_predicate and len(group) > 1:
                return self._move_together(c, group, state)  # "Two red cylinders. Behind it.": both of them
            if c.has_predicate and not c.has_location and c.count and 1 < c.count <= len(group):
                return self._update(c, group, state)  # "two little balls on the left. Both yellow."
            if self._respectively(c, state):
                return None
            if c.verb == "remove" and (c.kinds or c.attrs) and self._take_off(c, state):
                return None  # "get rid of the beard": his
            if _ABOUT_THE_WITNESS.match(c.text) and not (c.colors or c.sizes or c.kinds or c.marks or c.notes or
                                                        c.unknown) and all(a == "motion" for a, _ in c.attrs):
                # "I ran past and didn't stop": how the witness went, who is not drawn ("I got the plate, it
                # started LR" is still the car's)
                state.notes.append(f"(Not drawn: {c.text!r} is about you, and you are not in the picture.)")
                return None
            if (c.has_predicate or c.has_location) and state.order():
                return self._update(c, [subjects.headless_subject(self, c, state)], state)
            said = self.source.strip().rstrip(".!?") if len(self._all_clauses) == 1 else c.text
            raise Refusal(f"I didn't understand {said!r}. Try e.g. {self.example()}.")  # the user's own words
        if all(m.head == "PRON" and m.value == "it" for m in targets) and idioms.framing(self, c, state):
            return None
        if c.backgrounds and not (c.has_predicate or c.has_location) and all(
                m.head == "ALL" or m.head == "ONE" and m.surface in ("thing", "scene", "picture") for m in targets):
            return state.do(SetBackground(background(self.world, state.scene.background, c.backgrounds)))
            # "make the whole thing dusk", "make everything night"
        if c.backgrounds and targets[0].head == "CAT" and targets[0].indefinite:
            state.do(SetBackground(background(self.world, state.scene.background, c.backgrounds)))
            c.backgrounds = []  # "at night three lads turned up": the time, and the lads
        if c.verb in ("make", "remove", "move", "flip", "resize", "paint") and targets[0].head == "CAT" and \
                targets[0].count == 1 and targets[0].det is None and targets[0].pick is None and \
                len(self.resolver.candidates(replace(targets[0], count=None, det="the", plural=True), state.scene,
                                             state.order())) > 1:
            # "Make one sphere yellow." of three: one of them, the one talked about last
            targets[0] = replace(targets[0], count=None, det="the", plural=True, pick=1)
        first = targets[0]
        verb = c.verb
        if c.neg and verb is None and first.head == "CAT" and first.det is None and first.colors and \
                not first.count and len(targets) == 1:  # "Sorry. Red hatchback. Not blue.": that car is red
            cats = self.lex.refers_to(str(first.value), first.surface)
            same = [o for o in (state.scene.get(i) for i in state.order()) if o.category in cats and o.color
                    and o.color not in first.colors]
            if same:
                return self._update(replace(c, colors=list(first.colors), neg=False), same[:1], state)
        if verb == "exist" and len(targets) == 1 and targets[0].negated and targets[0].head == "CAT" and \
                re.search(rf"\bno {re.escape(targets[0].surface)}\b", c.text) and \
                self._exists(replace(targets[0], negated=False), state):
            # "Scratch that, there was no man.": the one drawn goes
            gone = self._resolve_all([replace(first, negated=False, det="the", plural=True)], state)
            if len(gone) > 1 and not first.plural:  # of two men, which one was not there?
                raise Refusal(f"There are {len(gone)} {self.world.category(gone[0].category).plural_name} — which "
                              f"one was not there? Say e.g. 'remove the left one', or 'there were no "
                              f"{self.world.category(gone[0].category).plural_name}'.")
            for o in gone:
                state.do(Remove(o.id))
            return None
        if verb == "exist" and len(targets) == 1 and first.head == "CAT" and first.det == "a" and \
                first.count is None and re.search(r"\bafter all\b", c.text) and \
                len(self.resolver.candidates(replace(first, det="the"), state.scene, state.order())) == 1:
            targets[0] = first = replace(first, det="the")  # "there was a man after all": the one there is
            c.handled.add("after")
            return self._update(c, self._resolve(first, state), state) if c.has_predicate else None
        if verb in ("add", "exist"):
            return self._add_all(c, state)
        if verb in ("move", "make") and first.head == "CAT" and first.indefinite and first.det != "another" \
                and not self._exists(first, state) and not c.sizes and not c.colors:
            c.dirs = []  # "a motorbike pulled up in front of the bank", "three lads turned up": they arrive
            return self._add_all(c, state)
        if verb == "put":
            if first.indefinite or first.head == "CAT" and not self._exists(first, state):
                return self._add_all(c, state)
            return self._move(c, state)
        if verb == "make":
            if first.indefinite and first.head == "CAT" and (not self._exists(first, state) or first.det == "another"):
                # "make another cube": one more
                return self._add_all(c, state)
            if first.head == "CAT" and first.det is None and not first.plural and (first.colors or first.sizes) \
                    and not any(s[0] == "rel" for s in list(first.sizes) + list(c.sizes)) \
                    and not any(o.category in self.lex.refers_to(str(first.value), first.surface)
                                for o in state.scene.objects):
                return self._add_all(c, state)  # "Make big yellow cube on the middle.": no article, none there
            if len(targets) > 1 and all(not m.indefinite and m.head in ("CAT", "ID", "ONE") for m in targets):
                return self._update(c, self._resolve_all(targets, state), state)  # "make the swing and the girl
                # a bit smaller": both
            return self._update(c, self._resolve(first, state), state)
        if verb == "move":
            return self._move(c, state)
        if verb == "remove":
            return self._remove(c, state)
        if verb == "flip":
            c.facing = c.facing or "toggle"
            return self._update(c, self._resolve_all(targets, state), state)
        if verb == "swap":
            return idioms.swap(self, c, state)
        if verb == "resize":
            if not c.sizes:
                c.sizes.append(("rel", 0.75 if any(w in c.text for w in ("shrink", "reduce", "halve")) else 1.3))
            return self._update(c, self._resolve(first, state), state)
        # no verb, or a copula: a description
        if first.indefinite and first.head in ("CAT", "UNKNOWN"):
            return self._add_all(c, state)
        if first.head == "ONE" and first.det in ("a", "another"):
            return self._add_all(c, state)
        if first.head == "CAT" and not self._exists(first, state):
            return self._add_all(c, state)  # "the sun is in the top left" in a picture with no sun yet
        if self._another_size(c, first, state):
            return self._add_all(c, state)  # "big green cube" … "small green cube": a second one, the small one
        self._known_by_place(c, state)
        objs = self._resolve_all(c.targets, state)
        return self._update(c, objs, state)

    def _another_size(self, c, m: Mention, state: State) -> bool:
        """A bare noun with a size said before it ("small green cube", no verb, no article), when every one of
        its kind there is of the other size: a list of things, not a resize of the one there."""
        sizes = list(m.sizes) + list(c.sizes)
        if c.verb is not None or c.copula or len(c.targets) != 1 or m.head != "CAT" or m.det is not None or \
                m.plural or len(sizes) != 1 or sizes[0][0] != "abs" or sizes[0][1] == 1.0 or c.has_location or \
                not c.text.strip(" .!").endswith(m.surface):  # (not "cube small": that cube, made small)
            return False
        cats = self.lex.refers_to(str(m.value), m.surface)
        there = [o for o in state.scene.objects if o.category in cats]
        big = sizes[0][1] > 1.0
        return bool(there) and all(o.scale != 1.0 and (o.scale > 1.0) != big for o in there)

    def _known_by_place(self, c, state: State) -> None:
        """"The man on the motorcycle was tall" with two men there: the one on it — which one is meant, not
        where to put him. Only when exactly one of them is already there (riding it, holding it, beside it)."""
        m = c.targets[0]
        if len(c.targets) != 1 or m.head != "CAT" or m.det != "the" or not m.relation or len(m.landmarks) != 1 \
                or m.relation not in ("on", "in", "near", "next", "at", "with") or c.dirs:
            return
        try:
            cands = self.resolver.candidates(m, state.scene, state.order())
            marks = self.resolver.resolve(m.landmarks[0], state.scene, state.order(), False, state.last_group(),
                                          state.recency(), state.plural_group())
        except (Missing, Ambiguous):
            return
        if len(cands) < 2 or len(marks) != 1:
            return
        lm = marks[0]
        there = [o for o in cands if o.id != lm.id and (
            lm.id in (o.attrs.get("of"), o.attrs.get("with")) or lm.attrs.get("with") == o.id)] or \
            [o for o in cands if o.id != lm.id and abs(o.x - lm.x) < 0.15 and abs(o.y - lm.y) < 0.25]
        if len(there) == 1:
            c.targets[0] = replace(m, head="ID", value=there[0].id, relation=None, landmarks=[])
            if c.relation == m.relation and c.landmarks is m.landmarks or c.landmarks == m.landmarks:
                c.relation, c.landmarks = None, []

    # -- adding ------------------------------------------------------------------------------------------------
    def _add_all(self, c, state: State) -> None:
        new = [m for m in c.targets if not m.negated and (m.head != "PRON" or m is c.targets[0])]
        others = [m for m in c.targets if m.head == "PRON" and m is not c.targets[0]]
        for m in list(new[1:]):
            if c.verb in (None, "exist", "add") and m.det == "the" and m.head == "CAT" and not m.relation and \
                    not m.count and self._exists(m, state):  # "a girl going down the slide": that slide
                new.remove(m)
                if new[0].relation is None and not c.relation:
                    new[0].relation, new[0].landmarks = ("on" if _ON.search(c.text) else "near"), [m]
        for m in new:
            if others and not m.relation and not c.relation:  # "a sun sticks out from it"
                m.relation, m.landmarks = "near", others[:1]
            if not m.relation and c.relation and any(o is not m and o.landmarks is c.landmarks for o in new):
                # "a red cube with a blue sphere to the left of it": the place is the sphere's, "it" the cube
                self._add(m, replace(c, relation=None, landmarks=[]), state)
                continue
            each = self._each(m, c, state)
            if each:  # "put a sphere behind each cube": one for every cube
                for lm in each:
                    one = replace(m, landmarks=[lm]) if m.relation else m
                    self._add(one, c if m.relation else replace(c, landmarks=[lm]), state)
                continue
            doer = new[0] is not m and new[0].head == "CAT" and str(new[0].value) in self.world.category_names \
                and self.world.category(str(new[0].value)).alive
            self._add(m, replace(c, notes=[]) if doer and c.notes else c, state)  # "a man scratching a car with
            # a key": what he does and holds is noted on him, not on the car too

    def _each(self, m: Mention, c, state: State) -> list[Mention]:
        """"behind each cube", "next to every tree": the landmarks one by one, when one new thing is said."""
        marks = m.landmarks if m.relation else c.landmarks
        if len(marks) != 1 or marks[0].det != "all" or not _EACH.search(c.text) or (m.count or 1) != 1 \
                or (m.relation or c.relation) == "between":
            return []
        return [Mention("ID", o.id, marks[0].surface) for o in self._resolve(marks[0], state, talked=False)]

    def _category_for(self, m: Mention, state: State) -> Category:
        if m.head == "CAT":
            return self.world.category(str(m.value))
        if m.head == "ONE":
            order = state.order()
            if not order:
                raise Refusal("Another what? Say which thing to add, e.g. " + self.example() + ".")
            return self.world.category(state.scene.get(order[0]).category)
        if m.head == "UNKNOWN":
            raise Refusal(self._dont_know(str(m.value)))
        raise Refusal(f"I can't add {m.surface!r} — say what to draw, e.g. {self.example()}.")

    def _add(self, m: Mention, c, state: State, holder: SceneObject | None = None, how: str = "") -> None:
        cat = self._category_for(m, state)
        if m.head == "ONE" and m.det == "a" and holder is None:  # "two houses. a white one on the left and …"
            fresh = [i for i in dict.fromkeys(state.this_turn) if i not in state.described and
                     any(o.id == i and o.category == cat.name for o in state.scene.objects)]
            if len(fresh) > 1 or fresh and state.described:
                state.described.add(fresh[0])
                said = replace(c, **{k: getattr(m, k) + getattr(c, k) for k in LOOKS})
                return self._update(said, [state.scene.get(fresh[0])], state)
        described = self._kind_of_the_last(m, cat, state) if holder is None and not c.has_location else None
        if described is not None and described.color and (m.colors or c.colors) and \
                described.color not in (m.colors + c.colors):
            described = None  # "a red car … A blue Ford Focus": another car
        said_count = m.count or c.count or 0
        age = _AGE_IN_A_NAME.get(m.surface.split()[0]) if " " in m.surface else None
        if age and "age" in cat.attributes and not any(a == "age" for a, _ in list(m.attrs) + list(c.attrs)):
            m.attrs = list(m.attrs) + [("age", age)]  # "a young woman", "an old lady": the name says her age
        if cat.name == "child" and 18 <= said_count <= 90 and gender_of(m.surface) in ("male", "female") and \
                "age" in cat.attributes:  # "a girl, like 20 maybe": a young woman, not a child
            grown = "woman" if gender_of(m.surface) == "female" else "man"
            if grown in self.world.category_names:
                cat = self.world.category(grown)
        if described is None and holder is None and (m.det == "a" or m.det is None and c.verb is None) and \
                (said_count <= 1 or said_count > 12) and cat.people and self._same_person_again(m, c, cat, state):
            return None
        if described is None and holder is None:
            described = self._said_again(m, c, cat, state)
        if described is not None:  # "a car going really slowly beside her. A grey Mercedes.": that car
            called = {"attributes": {**described.attrs, "called": m.surface}} if m.surface != cat.name else {}
            fields = {k: v for k, v in looks(self.world, cat, m, c, state, described).items()
                      if k not in ("x", "y")}
            if fields or called:
                state.do(Update.of(described.id, **{**fields, **called}))
            state.talked_about(described.id)
            if m.relation or m.landmarks or c.has_location:
                state.unplaced.discard(described.id)
                unlooked = {k: [] for k in LOOKS}
                self._update(replace(c, **unlooked, targets=[Mention("ID", described.id, m.surface)],
                                     relation=m.relation or c.relation, landmarks=m.landmarks or c.landmarks),
                             [state.scene.get(described.id)], state)
            return None
        if holder is None and cat.worn and not (m.relation or c.has_location) and not (m.count or c.count) and \
                state.this_turn:  # "Girl next to him. Crown.": hers, the one just drawn
            last = state.scene.get(state.this_turn[-1])
            if self.world.category(last.category).people and not any(
                    o.attrs.get("with") == last.id and self.world.category(o.category).worn == cat.worn
                    for o in state.scene.objects):
                holder, how = last, "wear"
        n = max(1, m.count or c.count or 1) if m.pick is None else 1
        if m.det == "a" and m.count is None and c.count and n > 1 or \
                n > 12 and cat.people and "age" in cat.attributes:  # "a little boy …, maybe eight": one boy;
            n = 1  # "Female, approximately thirty": her age, not thirty women
            if cat.people and "age" in cat.attributes:  # … of about eight
                said = c.count or m.count or 0
                c.attrs.append(("age", "young" if said < 40 else "middle aged" if said < 60 else "elderly"))
        if n > 12:
            raise Refusal(f"{n} is a lot — at most 12 at a time, please.")
        fields = looks(self.world, cat, m, c, state, None)
        scale = fields.pop("scale", 1.0)
        landmark = other = None
        if holder is None:  # "an old guy waiting there, minding his own": not a place beside someone else
            _own_body(self.world, cat, c)
            _own_body(self.world, cat, replace(c, relation=m.relation, landmarks=m.landmarks, targets=[m]))
        relation, marks = (m.relation, m.landmarks) if m.relation else (c.relation, c.landmarks)
        if holder is None and relation and marks:
            if relation != "where":  # "where the left cube was": it was, and is gone
                # "a red car on the right, in front of a cafe": the cafe drawn for it stands on the right too
                said_x = c.abs_x if c.abs_y is None else None
                if said_x is None and c.place is not None:  # "on the right side of the road"
                    said_x = (self.world.places.get(c.place) or (None, None))[0]
                self._draw_missing_landmarks(marks, state, x=said_x)
            landmark, other = self._landmarks(relation, marks, state)
            if relation == "on" and cat.people and landmark.category in _SEATS and "sitting" in self.world.poses \
                    and not fields.get("pose") and not (m.poses or c.poses):
                fields["pose"] = "sitting"  # "woman on the bench": sitting on it
            if self.world.scales and not (m.sizes or c.sizes):
                # same depth as what it stands beside (its depth, not its size: a big tree's grill is not big)
                scale = min(self.world.scales, key=lambda d: abs(d - landmark.scale))
        owner = holder if holder is not None else landmark if (
            landmark is not None and (cat.worn or cat.held) and self.world.category(landmark.category).people
            and relation in ("on", "near", "in", "above") and (cat.worn or "hand" in c.text)) else None
        if owner is not None and n == 1:  # held or worn: it goes where its owner goes (state.carry)
            fields["attributes"] = {**fields.get("attributes", {}), "with": owner.id}
        elif landmark is not None and relation == "in" and cat.people and \
                self.world.category(landmark.category).group == "vehicles" and "of" not in fields.get("attributes", {}):
            # "a man in the car", "in the passenger seat": its passenger, who goes where it goes
            fields["attributes"] = {"role": "passenger", **fields.get("attributes", {}), "of": landmark.id}
        elif landmark is not None and relation == "on" and cat.people and landmark.category in _RIDDEN and \
                "of" not in fields.get("attributes", {}):  # "a man on a motorbike": its rider, they go together
            fields["attributes"] = {"role": "rider", **fields.get("attributes", {}), "of": landmark.id}
        placed: list[P.Box] = []
        to = self._face_target(c, state) if c.face_to is not None else None
        for k in range(n):
            x, y = self._where(cat, scale, c, state, landmark, other, holder, how, k, n, placed, relation)
            way = self._way_to(x, to, c.face_same) if to is not None and cat.facing is not None else None
            if way is not None:  # "a cat on the far right, facing the girl": turned towards her
                fields["flip"] = (cat.facing or "right") != way
            w, h = P.size_of(self.world, cat.name, scale, y)
            if any(abs(b.x - x) < w / 2 and abs(b.y - y) < h / 2 for b in placed):  # the row hit an edge
                x, y = P.free_spot(self.world, state.scene, cat, scale, y, avoid=placed)
            x, y = min(max(x, 0.02), 0.98), min(max(y, 0.02), 0.98)  # "under the rain cloud": still in the picture
            obj = SceneObject(state.scene.new_id(), cat.name, round(x, 4), round(y, 4), scale, **fields)
            state.do(Add(obj))
            placed.append(P.box(self.world, obj))
            if holder is None and landmark is None and not c.has_location:
                state.unplaced.add(obj.id)

    def _said_again(self, m: Mention, c, cat: Category, state: State) -> SceneObject | None:
        """"Then a car, I think a car, stopped", "A man was by the house, a scary man. Sorry. A man.": a thing
        named again in the turn that drew it, with nothing that tells them apart, is that thing said again. A
        count, "another", an order, a place of its own, a look it does not share or an "add" make it a second."""
        if m.det != "a" or m.count or m.pick is not None or m.ordinal is not None or c.verb == "add" or \
                re.match(r"(?:and|also|plus)\b", c.text) or re.search(r"\b(?:too|as well|also|other|more)\b", c.text):
            return None  # "a couple, and a woman with a pushchair": the list goes on
        added = [e.obj.id for e in state.edits if isinstance(e, Add)]
        same = [o for o in state.scene.objects if o.id in added and o.category == cat.name]
        if len(same) != 1 or same[0].id in state.described:
            return None
        obj = same[0]
        if added[-1] != obj.id and not re.search(r"\bor (?:maybe |perhaps )?(?:a|an)\b", self.source.lower()):
            return None  # "a cube, a sphere and a cube": a list, with something else between them (not "a man
            # next to it. Or a woman. A man, with long hair.")
        if (m.relation or m.landmarks or c.has_location) and obj.id not in state.unplaced:
            return None  # a place of its own, when the first was placed: a second one
        # ("and a snake! a snake next to the bear": the place of the one just drawn anywhere)
        if obj.color and any(k != obj.color for k in m.colors + c.colors) or \
                any(obj.attrs.get(a) not in (None, v) for a, v in list(m.attrs) + list(c.attrs)):
            return None  # "a red car … a blue car": two
        state.described.add(obj.id)
        return obj

    def _face_target(self, c, state: State, exclude: str | None = None) -> SceneObject | None:
        """Whom "facing the girl", "looking at him" turns to; None when that cannot be told."""
        m = c.face_to
        try:
            found = self.resolve_but(m, state, exclude) if exclude is not None else \
                self._resolve(m, state, talked=False)
        except (Missing, Ambiguous):
            state.skip(f"facing {m.surface}", why=f"(I skipped 'facing {m.surface}': I could not tell who that is.)")
            return None
        return found[0] if found else None

    def _way_to(self, x: float, to: SceneObject, same: bool) -> str | None:
        """"left" or "right": the way to turn at `x` to face `to` (or, `same`, to face the way it faces)."""
        if same:
            own = self.world.category(to.category).facing
            if own is None:
                return None
            return own if not to.flip else ("left" if own == "right" else "right")
        if abs(to.x - x) < 0.01:
            return None
        return "right" if to.x > x else "left"

    def _same_person_again(self, m: Mention, c, cat: Category, state: State) -> bool:
        """A person named a second time in one turn, by another word, is the person just added ("a police
        officer … A woman officer.", "a woman …, a nurse I believe"): that one is described, and True."""
        said_count = m.count or c.count or 0
        if said_count > 12 and "age" in cat.attributes:  # "Female, approximately thirty"
            c.attrs.append(("age", "young" if said_count < 40 else "middle aged" if said_count < 60 else "elderly"))
        added = [e.obj for e in state.edits if isinstance(e, Add) and state.scene.get(e.obj.id) is not None]
        people = [o for o in added if self.world.category(o.category).people]
        unsaid = [o for o in people if o.category == "person" and o.id not in state.described]
        if unsaid and cat.name != "person" and not (m.relation or c.has_location) and \
                (len(people) == 1 and people[0].id == added[-1].id or len(people) > 1 and
                 all(o.category == "person" or o.id in state.described for o in people)):
            # "a police officer? Standing by him. A woman officer.": the officer is a woman; "two officers
            # got out, a man and a woman": the two of them
            obj = state.scene.get(unsaid[0].id)
            state.described.add(obj.id)
            fields = {k: v for k, v in looks(self.world, cat, m, c, state, obj).items() if k not in ("x", "y")}
            state.do(Update.of(obj.id, **{**fields, **idioms.recategorised(self.world, obj, cat.name)}))
            return True
        if len(people) == 1 and gender_of(people[0].category) is not None and people[0].id == added[-1].id and \
                cat.name == "person" and m.det == "a" and m.surface not in (
                    "person", "people", "someone", "somebody"):
            # "A woman waiting at the stop, a nurse I believe": the woman is the nurse
            obj = state.scene.get(people[0].id)
            called = f"{obj.attrs['called']}, {m.surface}" if obj.attrs.get("called") else m.surface
            state.do(Update.of(obj.id, attributes={**obj.attrs, "called": called}))
            said = replace(c, **{k: getattr(m, k) + getattr(c, k) for k in LOOKS},
                           relation=c.relation or m.relation, landmarks=c.landmarks or m.landmarks)
            self._update(said, [state.scene.get(obj.id)], state)
            return True
        return False

    def _where(self, cat: Category, scale: float, c, state: State, landmark, other, holder, how: str,
               k: int, n: int, placed: list, rel: str | None) -> tuple[float, float]:
        w = self.world
        if holder is not None:
            place = {"wear": P.worn_position, "kick": P.kicked_position}.get(how, P.held_position)
            return place(w, holder, cat, scale)
        y = P.default_y(w, cat)
        x = None
        if landmark is not None:
            lcat = w.category(landmark.category)
            if cat.worn and lcat.people and rel in ("on", "near", "in", "above"):
                return P.worn_position(w, landmark, cat, scale)
            if cat.held and lcat.people and rel in ("in", "near") and "hand" in c.text:
                return P.held_position(w, landmark, cat, scale)
            side = -1 if rel in ("next", "near") and landmark.x > 0.75 else 1
            if c.amount is not None and c.abs_x in (0.2, 0.8) and rel in _DEPTH_RELATIONS:
                side = 1 if c.abs_x > 0.5 else -1  # "behind the tent, a bit to the left": it peeks out on the left
            if rel == "opposite":  # "a lady on the other side of it": across it from who is there
                rel, side = "next", subjects.other_side(landmark, (), state)
            x, y = P.relate(w, rel, cat, scale, landmark, other, side)
            if rel == "on" and w.category(landmark.category).surface and n == 1:
                x = self._free_on(landmark, cat, scale, x, y, state)  # "ketchup and mustard on the table"
            if c.beside_x:  # "below it and to the left": off to that side of it, still below it
                x += c.beside_x * max(0.1, P.box(w, landmark).w / 2)
            if n > 1:  # a row: outwards for left/right/next, centred on the landmark otherwise
                bw = P.size_of(w, cat.name, scale, y)[0] * 1.1
                if rel in ("left", "right", "next", "near"):
                    x += k * bw * (-1 if rel == "left" else side)
                else:
                    x += (k - (n - 1) / 2) * bw
        if c.abs_y is not None and not (c.abs_y == "ground" and landmark is not None and not cat.sky and
                                        not w.category(landmark.category).sky):
            y = P.vertical(w, cat, c.abs_y, scale)  # (not "between them on the ground": at their feet already)
        if c.abs_x is not None and landmark is not None and rel in _DEPTH_RELATIONS and c.abs_y is None \
                and c.abs_x in (0.2, 0.8) and not c.place and c.amount is None:
            # "behind the blue sphere on the right": behind it, on the right side of the picture — and so to its
            # right; when the landmark is itself on that side, just to its right (the dataset's reading and a
            # person's agree where both can hold)
            reach = (P.box(w, landmark).w + P.size_of(w, cat.name, scale, y)[0]) / 2 * 0.9
            beyond = c.abs_x > landmark.x if c.abs_x > 0.5 else c.abs_x < landmark.x
            x = c.abs_x if beyond else landmark.x + (reach if c.abs_x > 0.5 else -reach)
        elif c.abs_x is not None and landmark is not None and c.amount is not None and c.abs_x in (0.2, 0.8):
            x += max(c.amount, 0.08) * (1 if c.abs_x > 0.5 else -1)  # "under it, a bit to the right": of it
        elif c.abs_x is not None:
            x = c.abs_x
            if n > 1:
                bw = P.size_of(w, cat.name, scale, y)[0]
                x = x + (k - (n - 1) / 2) * bw * 1.15
            elif landmark is None and c.place is None and c.amount is None and not cat.sky and w.perspective:
                # (on a floor, two things in one spot are one inside the other; the park's clip-art overlaps)
                y0 = P.vertical(w, cat, c.abs_y, scale) if c.abs_y is not None else y
                x = P.free_on_side(w, state.scene, cat, scale, x, y0, avoid=placed)
        if n == 2 and c.abs_x is None and landmark is None and _EACH_SIDE.search(c.text):
            x = 0.2 if k == 0 else 0.8  # "a couple of clouds, one on each side", "one at each end"
        if c.place is not None:
            px, py = w.place(c.place, cat, scale)
            x = px if px is not None and not (landmark is not None and rel in ("left", "right")) else x
            # ("on the corner, on the right side of the bank": right of the bank, on the corner's line)
            y = py if py is not None else y
            if landmark is None and px is not None and w.perspective:  # "a boy and a girl on the corner"
                x = P.free_on_side(w, state.scene, cat, scale, x, y, avoid=placed)
        if x is None:
            x, y = P.free_spot(w, state.scene, cat, scale, y, avoid=placed)
        elif landmark is not None and n == 1 and c.place is None and (c.abs_x is None or c.abs_y is None):
            keep = tuple(o.id for o in (landmark, other) if o is not None)
            x, y = P.make_room(w, state.scene, cat, scale, x, y, rel, side, keep)
        if _CUT_OFF.search(c.text):  # CoDraw's "cut off at the left edge", "touching the top": partly outside
            h = P.size_of(w, cat.name, scale, y)[1]
            y = max(0.02, h * 0.3) if c.abs_y == "top" else y
            return min(max(x, 0.02), 0.98), y
        return P.clamp_x(w, cat.name, scale, x, y), P.clamp_y(w, cat.name, scale, y) \
            if (w.perspective or c.abs_y is not None) else y

    # -- changing ---------------------------------------------------------------------------------------------
    def _update(self, c, objs: list[SceneObject], state: State) -> None:
        if len(objs) == 1:  # "he had a bottle in his hand": not a place to move him to
            _own_body(self.world, objs[0], c)
        if c.face_to is not None and len(objs) == 1:  # "the girl is looking at the cat"
            to = self._face_target(c, state, exclude=objs[0].id)
            if to is not None:
                c.facing = self._way_to(objs[0].x, to, c.face_same) or c.facing
        elif c.face_to is not None and objs:  # "make both girls face the ball": each turns its own way
            for o in objs:
                to = self._face_target(c, state, exclude=o.id)
                way = self._way_to(o.x, to, c.face_same) if to is not None else None
                flip = (self.world.category(o.category).facing or "right") != way
                if way is not None and self.world.category(o.category).facing is not None and flip != o.flip:
                    state.do(Update.of(o.id, flip=flip))
            objs = [state.scene.get(o.id) for o in objs]
        c.face_to = None
        if c.copula and c.count and 12 < c.count < 100 and not any(a == "age" for a, _ in c.attrs) and objs and \
                all("age" in self.world.category(o.category).attributes for o in objs):
            c.attrs.append(("age", "young" if c.count < 40 else "middle aged" if c.count < 60 else "elderly"))
            c.count = None  # "he was about 40": his age, as "a man, about 40" is
        if c.facing in ("each other", "apart") and len(objs) >= 2:
            left, right = sorted(objs[:2], key=lambda o: o.x)
            towards = c.facing == "each other"
            for o, want in ((left, "right" if towards else "left"), (right, "left" if towards else "right")):
                flip = (self.world.category(o.category).facing or "right") != want
                if flip != o.flip:
                    state.do(Update.of(o.id, flip=flip))
            return
        changed = False
        shift = self._shift(objs, c)
        spread = self._spread(objs, c, shift)
        for obj in objs:
            cat = self.world.category(obj.category)
            changes = looks(self.world, cat, None, c, state, obj)
            if spread is not None:  # "move all the spheres to the right", too far apart to shift: all there
                changes["x"] = spread[obj.id]
            elif shift is not None:  # "move everything to the left": the group moves, in its order
                changes["x"] = round(obj.x + shift, 4)
            elif self._drove_off(c, obj):  # "it zoomed off towards the left": it turned that way, and is on its
                step = MOVE_STEP * (-1 if c.facing == "left" else 1)  # way there
                x = P.clamp_x(self.world, cat.name, obj.scale, obj.x + step, obj.y)
                if (x - obj.x) * step > 0:
                    changes["x"] = round(x, 4)
            elif c.has_location and not self._is_landmark(obj, c, state):
                x, y = self._new_position(obj, c, state)
                changes["x"], changes["y"] = round(x, 4), round(y, 4)
            elif "scale" in changes:
                changes["y"] = round(P.keep_bottom(self.world, obj, changes["scale"]), 4)
            changes = {k: v for k, v in changes.items() if getattr(obj, k, None) != v}
            if changes:
                state.do(Update.of(obj.id, **changes))
                changed = True
        if not changed and not state.notes and (c.has_predicate or c.has_location):  # only a real no-op
            name = objs[0].category if objs else "it"
            way = [w for (dx, dy), w in _WAYS.items() if (dx, dy) in c.dirs] or \
                (["left"] if c.abs_x is not None and c.abs_x < 0.35 else ["right"] if c.abs_x is not None and
                 c.abs_x > 0.65 else [])
            if way and not c.has_predicate:  # "move the cloud left" at the edge: it did not move, so say so
                words = f"further {' '.join(way)}"
                state.skip(words, why=f"(I skipped {words!r}: the {name} can't go further {' or '.join(way)}.)")
            else:
                state.notes.append(f"The {name} already looks like that.")

    def _respectively(self, c, state: State) -> bool:
        """"a cube, a sphere, a cylinder and another cube. Red, blue, green, yellow.": as many colours as things
        just added, one each, in the order said. True when done."""
        if len(set(c.colors)) < 2 or c.alternatives or c.hedge or c.has_location or c.sizes or c.expressions or \
                c.poses or c.attrs:
            return False
        added = [e.obj.id for e in state.edits if isinstance(e, Add) and state.scene.get(e.obj.id) is not None and
                 not {"with", "of"} & set(e.obj.attrs)]
        if len(added) != len(c.colors):
            return False
        for oid, colour in zip(added, c.colors):
            self._update(Clause(c.text, colors=[colour]), [state.scene.get(oid)], state)
        return True

    def _drove_off(self, c, obj: SceneObject) -> bool:
        """"It drove off to the left", "they rode away right": a thing already there leaves that way."""
        return bool(c.goes) and c.facing in ("left", "right") and not c.landmarks and c.place is None and \
            not c.dirs and _OFF.search(c.text) is not None and self._turn_start.get(obj.id) is not None and \
            moves_by_itself(self.world, obj.category)

    def _move_together(self, c, group: Sequence[SceneObject], state: State) -> None:
        """A group moved as one: the first goes where the clause says, the rest keep their places beside it."""
        first = group[0]
        where = state
        if all(m.head == "PRON" for m in c.landmarks):  # "behind it" is not one of them
            rest = {o.id for o in group[1:]}
            where = replace(state, scene=replace(state.scene, objects=tuple(
                o for o in state.scene.objects if o.id not in rest)), this_turn=[i for i in state.this_turn
                                                                              if i not in rest])
        x, y = self._new_position(first, c, where)
        dx, dy = x - first.x, y - first.y
        for o in group:
            nx = P.clamp_x(self.world, o.category, o.scale, o.x + dx, o.y + dy)
            state.do(Update.of(o.id, x=round(nx, 4), y=round(min(max(o.y + dy, 0.02), 0.98), 4)))

    def _spread(self, objs: Sequence[SceneObject], c, shift: float | None) -> dict[str, float] | None:
        """When a group said to go to one side would not all be on that side after a shift (it is spread
        wider than the half), they are spread over that half instead, in their order from left to right."""
        if shift is None or c.abs_x is None or c.abs_x == 0.5:
            return None
        right = c.abs_x > 0.5
        if all((o.x + shift > 0.5) if right else (o.x + shift < 0.5) for o in objs):
            return None
        lo, hi = (0.56, 0.92) if right else (0.08, 0.44)
        order = sorted(objs, key=lambda o: o.x)
        step = (hi - lo) / max(len(order) - 1, 1)
        return {o.id: round(P.clamp_x(self.world, o.category, o.scale, lo + k * step if len(order) > 1 else
                                      (lo + hi) / 2, o.y), 4) for k, o in enumerate(order)}

    def _shift(self, objs: Sequence[SceneObject], c) -> float | None:
        """How far a group said to go to one side moves as one ("move everything to the left" is a shift,
        not a pile on one spot): its middle to that side, as far as the picture lets all of them."""
        if len(objs) < 2 or c.abs_x is None or c.abs_y is not None or c.relation or c.place or c.dirs or \
                c.amount is not None or c.abs_x == 0.5:
            return None
        want = c.abs_x - (min(o.x for o in objs) + max(o.x for o in objs)) / 2
        lo = max(P.clamp_x(self.world, o.category, o.scale, -1.0, o.y) - o.x for o in objs)
        hi = min(P.clamp_x(self.world, o.category, o.scale, 2.0, o.y) - o.x for o in objs)
        return min(max(want, lo), hi) if lo <= hi else None

    def _new_position(self, obj: SceneObject, c, state: State) -> tuple[float, float]:
        w = self.world
        cat = w.category(obj.category)
        x, y = obj.x, obj.y
        if c.relation == "where" and not any(o.id == obj.id for o in state.scene.objects):
            return x, y  # a fix of a thing the last turn added: "no, a helicopter instead of the airplane"
        if c.relation == "toward" and c.abs_x in (0.2, 0.8) and re.search(r"\bto the (?:left|right)\b", c.text) and \
                any(lm.head == "CAT" and not self._exists(lm, state) for lm in c.landmarks):
            c.relation, c.landmarks = None, []  # "off towards the lights, to the right": a way, not a place
        if c.relation and c.landmarks:
            if c.relation != "where":  # "he ran towards the bus stop": the speaker named it, so it is there
                self._draw_missing_landmarks(c.landmarks, state, x=c.abs_x if c.abs_y is None else None)
                # ("he walked into the shop, on the right": the shop he went into is on the right)
            landmark, other = self._landmarks(c.relation, c.landmarks, state, exclude=obj.id)
            if c.relation == "where":
                return landmark.x, landmark.y
            if c.relation == "toward" and c.verb not in ("put", "move") and abs(landmark.x - obj.x) > 0.05 \
                    and not c.abs_x:  # "they walked towards the bank": on their way, not at it ("move the
                # boy closer to the tree" still puts him by it)
                step = min(abs(landmark.x - obj.x) * 0.5, 0.2)
                return P.clamp_x(w, cat.name, obj.scale, obj.x + step * (1 if landmark.x > obj.x else -1), obj.y), obj.y
            side = 1 if landmark.x <= 0.75 else -1
            if c.relation in ("next", "near", "toward") and obj.x < landmark.x:
                side = -1 if landmark.x > 0.25 else 1
            rel = c.relation
            if rel == "opposite":
                rel, side = "next", subjects.other_side(landmark, (obj.id,), state)
            x, y = P.relate(w, rel, cat, obj.scale, landmark, other, side)
        relative = bool(c.dirs) or (c.amount is not None)
        if relative:
            step = c.amount if c.amount is not None else MOVE_STEP
            dirs = list(c.dirs)
            if c.abs_x is not None and not c.dirs:
                said = next((w for w in c.abs_words if w in ("left", "right")), None)
                if said is not None:  # "a bit more to the left, toward the middle": the way said first
                    dirs.append((-1 if said == "left" else 1, 0))
                elif c.abs_x != 0.5 or abs(obj.x - 0.5) > 0.02:  # "a bit toward the middle"
                    dirs.append((-1 if c.abs_x < 0.5 or c.abs_x == 0.5 and obj.x > 0.5 else 1, 0))
            if c.abs_y in ("top", "sky", "horizon", "bottom") and not c.dirs:  # "far far away at the back"
                dirs.append((0, 1 if c.abs_y == "bottom" else -1))
            for dx, dy in dirs:
                x += dx * step
                y += dy * step * (0.6 if w.perspective else 1.0)
        else:
            if c.abs_x is not None:
                x = c.abs_x
            if c.abs_y is not None:
                y = P.vertical(w, cat, c.abs_y, obj.scale)
        if c.place is not None:
            px, py = w.place(c.place, cat, obj.scale)
            x = px if px is not None else x
            y = py if py is not None else y
        elif c.relation and c.landmarks and not relative and (c.abs_x is None or c.abs_y is None):
            keep = tuple(o.id for o in (landmark, other, obj) if o is not None)
            x, y = P.make_room(w, state.scene, cat, obj.scale, x, y, c.relation, side, keep)
        y = P.clamp_y(w, cat.name, obj.scale, y) if w.perspective or relative or c.abs_y is not None else y
        if _CUT_OFF.search(c.text):  # partly outside the picture, as the speaker said
            return min(max(x, 0.02), 0.98), min(max(y, 0.02), 0.98)
        x2 = P.clamp_x(w, cat.name, obj.scale, x, y)
        if (x2 - obj.x) * (x - obj.x) < 0:  # kept inside the canvas, it would go the other way: it stays
            x2 = obj.x
        return x2, min(max(y, 0.02), 0.98)

    def _move(self, c, state: State) -> None:
        objs = self._resolve_all(c.targets, state)
        if not c.has_location:
            if c.has_predicate:
                return self._update(c, objs, state)
            raise Refusal(f"Where to? e.g. 'move the {objs[0].category} to the left' or 'a bit up'.")
        self._update(c, objs, state)

    def _remove(self, c, state: State) -> None:
        if self._remove_a_note(c, state) or self._take_off(c, state):
            return None
        targets = list(c.targets)
        said = self.source.lower()
        if re.search(r",\s*the one\b", said) and not re.search(r"\band the one\b", said) and \
                any(t.head == "CAT" and t.det == "the" and not t.plural for t in targets):
            # "take the middle sphere out, the one between the other two": the same sphere, said again
            targets = [t for t in targets if not (t.head == "ONE" and t.det in (None, "the") and
                                                  not any(getattr(t, k) for k in LOOKS))]
        objs: list[SceneObject] = []
        for m in targets:
            for o in self.resolver.resolve(m, state.scene, state.order(), True, state.last_group(),
                                           state.recency(), state.plural_group()):
                if o not in objs:
                    objs.append(o)
        for o in objs:
            state.do(Remove(o.id))

    def _take_off(self, c, state: State) -> bool:
        """"remove his cap", "take the man's cap off", "get rid of the beard": what a person wears or has, kept
        as an attribute, comes off them — the person stays. True when done (a Refusal when no one has it)."""
        worn = [m.value for m in c.targets if m.head == "KIND" and isinstance(m.value, tuple)]
        people = [m for m in c.targets if m.head in ("CAT", "PRON", "ID", "ROLE")]
        slots = [(slot, kind) for slot, _, kind in c.kinds] + [tuple(v) for v in worn]
        slots += [("notes", str(v).split()[-1]) for a, v in c.attrs if a == "facial_hair"]  # kept as a note
        if not slots or not all(m.head == "KIND" for m in c.targets) and not (people and c.kinds or c.attrs):
            return False
        pool = self._resolve_all(people, state) if people else \
            [state.scene.get(i) for i in state.order() if state.scene.get(i) is not None]
        said = re.search(r"\b(he|him|his|she|her)\b", c.text)  # "she wasn't wearing a hat": hers, not his
        if said and not people:
            gender = "male" if said.group(1) in ("he", "him", "his") else "female"
            pool = [o for o in pool if gender_of(o.category, str(o.attrs.get("called", ""))) == gender]
        persons = [o for o in pool if self.world.category(o.category).people]
        done = False
        for slot, kind in slots:
            noted = lambda o: [n for n in o.attrs.get("notes", ()) if kind in str(n).split()]  # noqa: E731
            key = f"{slot}_kind"
            who = [o for o in persons if (noted(o) if slot == "notes" else o.attrs.get(key) == kind)]
            if not who and slot != "notes":  # "take the hat off" of the one in a cap: the one wearing something
                who = [o for o in persons if key in o.attrs]  # there, if only one
                who = who if len(who) == 1 else []
                if who:
                    state.notes.append(f"(You said {kind}: the {who[0].category} had {replies.a_or_an(who[0].attrs[key])} on, so "
                                       f"I took that off.)")
            if not who:
                raise Refusal(f"No one in the picture has {replies.a_or_an(kind)} to take off.")
            o = who[0]
            if slot == "notes":  # "he didn't have a beard": the note of it goes
                left = [n for n in o.attrs.get("notes", ()) if n not in noted(o)]
                still = [n for n in o.unsure.get("notes", ()) if n in left]
                attrs = {k: v for k, v in o.attrs.items() if k != "notes"} | ({"notes": left} if left else {})
                unsure = {k: v for k, v in o.unsure.items() if k != "notes"} | ({"notes": still} if still else {})
            else:
                attrs = {k: v for k, v in o.attrs.items() if k not in (slot, key, f"{slot}_hedge")}
                unsure = {k: v for k, v in o.unsure.items() if k not in (slot, key)}
            state.do(Update.of(o.id, attributes=attrs, uncertain=unsure))
            done = True
        return done

    def _remove_a_note(self, c, state: State) -> bool:
        """"Take that ladder off, that was a different van": a detail kept on a thing (a note or a mark) is
        taken off it, and the thing stays."""
        words = set(c.unknown)
        if not words or any(m.head == "CAT" for m in c.targets):
            return False
        for i in state.order():
            o = state.scene.get(i)
            kept = {k: list(o.attrs.get(k, ())) for k in ("notes", "marks")}
            left = {k: [n for n in v if not words & set(str(n).lower().split())] for k, v in kept.items()}
            if left != kept:
                attrs = {**o.attrs, **{k: tuple(v) for k, v in left.items() if v}}
                for k, v in left.items():
                    if not v:
                        attrs.pop(k, None)
                state.do(Update.of(o.id, attributes=attrs))
                gone = [n for k, v in kept.items() for n in v if n not in left[k]]
                state.notes.append(f"(Took {', '.join(repr(str(n)) for n in gone)} off the {o.category}.)")
                c.unknown = [w for w in c.unknown if w not in words]
                return True
        return False

    def _along(self, c, state: State) -> None:
        mover = self._resolve(c.landmarks[0], state, talked=False)[0]
        was = next((o for o in self._turn_start.objects if o.id == mover.id), mover)
        dx, dy = mover.x - was.x, mover.y - was.y
        for obj in self._resolve(c.targets[0], state):
            if obj.id == mover.id or obj.attrs.get("with") == mover.id:
                continue  # (what it holds went with it already)
            x = P.clamp_x(self.world, obj.category, obj.scale, obj.x + dx, obj.y + dy)
            y = P.clamp_y(self.world, obj.category, obj.scale, obj.y + dy)
            if (round(x, 4), round(y, 4)) != (obj.x, obj.y):
                state.do(Update.of(obj.id, x=round(x, 4), y=round(y, 4)))

    def _each_their_own(self, c, state: State) -> bool:
        """"two boys wearing sunglasses", "three kids holding kites", "two girls each with a balloon": the new
        people are added, and each gets the thing — what is worn, what is said in the plural or with "each" (not
        "two boys with a ball": one ball, held by one of them). True when done."""
        h = c.holder
        each = re.search(r"\b(?:each|every one|all)\b", c.text) is not None or \
            all(m.plural or self._category_for(m, state).worn for m in c.targets)
        if not each:
            return False
        n0 = len(state.this_turn)
        self._add(h, replace(c, relation=h.relation, landmarks=h.landmarks, targets=[h]), state)
        new = [i for i in dict.fromkeys(state.this_turn[n0:]) if state.scene.get(i) is not None and
               self.world.category(state.scene.get(i).category).alive]
        for i in new:
            own = [replace(m, det="a", plural=False, count=None) for m in copy.deepcopy(c.targets)]
            self._attach(replace(c, holder=Mention("ID", i, h.surface), targets=own, relation=None, landmarks=[],
                                 abs_x=None, abs_y=None, place=None), state)
        return True

    def _attach(self, c, state: State) -> None:
        """"a boy holding a kite", "she wears a crown": the holder, then what is held or worn."""
        h = c.holder
        plural = h.plural or h.head == "PRON" and h.value == "plural" or h.head == "NUM" and h.surface == "both"
        if plural and not h.indefinite and all((m.count or 1) == 1 and m.head == "CAT" and str(m.value) in
                                               self.world.category_names and
                                               not self.world.category(str(m.value)).alive for m in c.targets):
            who = [o for o in self._resolve(h, state) if self.world.category(o.category).alive]
            if len(who) < 2 and "both" in h.surface:  # "them both": the two people (or animals) talked about last
                alive = [state.scene.get(i) for i in state.order() if any(o.id == i for o in state.scene.objects)]
                who = [o for o in alive if self.world.category(o.category).alive][:2]
            if len(who) > 1:  # "give them both sunglasses": a pair each
                for o in who:
                    own = [replace(m, det="a", plural=False) if m.head == "CAT" and m.det is None else m
                           for m in copy.deepcopy(c.targets)]  # a new one for each of them ("they both wear
                    # crowns": a crown each)
                    self._attach(replace(c, holder=Mention("ID", o.id, h.surface), targets=own), state)
                return
        for m in c.targets:
            if m.relation and not m.landmarks:  # "… wearing sunglasses in the park": no place named
                m.relation = None
        for m in c.targets:  # "a boy with a winter hat standing between the two trees": the boy is between them
            if m.relation in _WHERE_A_PERSON_IS and h.relation is None and h.head == "CAT" and \
                    str(h.value) in self.world.category_names and self.world.category(str(h.value)).alive:
                h.relation, h.landmarks, m.relation, m.landmarks = m.relation, m.landmarks, None, []
        if h.head == "CAT" and h.indefinite and (h.count or 1) > 1 and c.targets and \
                all(m.head == "CAT" and (m.count or 1) == 1 and m.det in ("a", "an", None) for m in c.targets):
            if self._each_their_own(c, state):  # "two boys wearing sunglasses": a pair each
                return
        if h.head == "CAT" and (h.indefinite or not self._exists(h, state)):
            own = replace(c, relation=h.relation, landmarks=h.landmarks, targets=[h])  # its own place only
            self._add(h, own, state)
            holder = state.scene.get(state.this_turn[-1])
        else:
            holder = self._resolve(h, state)[0]
            if c.has_predicate and not [t for t in c.targets if t.head != "PRON"]:
                c.dirs = []  # "holding her phone up": how she holds it, not where she goes
                self._update(c, [holder], state)  # "she was holding her phone": a detail of hers
            elif c.expressions or c.poses:  # "he's wearing a chef hat and is laughing": he laughs
                self._update(Clause(c.text, expressions=list(c.expressions), poses=list(c.poses)), [holder], state)
        _own_body(self.world, holder, c)
        if c.notes:  # "he was holding a clipboard": nothing to draw, kept on who has it
            self._update(Clause(c.text, notes=list(c.notes), hedge=c.hedge, hedge_words=list(c.hedge_words)),
                         [state.scene.get(holder.id)], state)
            c.notes = []
            holder = state.scene.get(holder.id)
        how = {"wear": "wear", "kick": "kick"}.get(c.verb, "hold")
        for m in c.targets:
            if m.head == "PRON":  # "holding her phone up, filming him": a person is not held
                continue
            cat = self._category_for(m, state)
            mode = "wear" if (how == "wear" or cat.worn) else how
            hcat = self.world.category(holder.category)
            eats = mode == "hold" and _EATING.search(c.text) is not None and not cat.people  # "the bear is eating a
            wearer = hcat.people or hcat.animal and (mode == "wear" and bool(cat.worn) or eats)  # pie", "a duck
            if not wearer and not m.relation:                                                    # wearing a hat"
                m.relation, m.landmarks = next(((x.relation, x.landmarks) for x in c.targets if x.relation and any(
                    lm.head == "PRON" and lm.value == "it" for lm in x.landmarks)), (None, []))  # "…and a drink on it"
            if not wearer or m.relation:
                # "a tree with an owl in it": just another thing, where it says or beside the first
                if m.indefinite or not self._exists(m, state):
                    if not m.relation:  # "a table with pizza": on it; "a sandbox with a shovel": in it; else by it
                        on = "on" if hcat.surface and not cat.surface and not cat.sky else \
                            "in" if hcat.holds_in and not cat.holds_in and not cat.sky else "near"
                        m.relation, m.landmarks = on, [Mention("PRON", "it", "it")]
                        state.this_turn.append(holder.id)
                    self._add(m, Clause(c.text), state)
                continue
            if m.indefinite or not self._exists(m, state):
                bare = Clause(c.text)
                self._add(m, bare, state, holder=holder, how=mode)
            else:
                obj = self._resolve(m, state)[0]
                if obj.id == holder.id or self.world.category(obj.category).people:
                    continue  # "my grandson, a boy, … with a hamburger": he is not held, by himself or anyone
                fn = {"wear": P.worn_position, "kick": P.kicked_position}.get(mode, P.held_position)
                x, y = fn(self.world, holder, cat, obj.scale)
                state.do(Update.of(obj.id, x=round(x, 4), y=round(y, 4),
                                   attributes={**obj.attrs, "with": holder.id}))

    def _is_landmark(self, obj: SceneObject, c, state: State) -> bool:
        """"the ball is right of the girl, hiding her eye": the girl is where the ball goes, she stays put."""
        if not (c.relation and c.landmarks) or c.relation == "where":  # "put it back where it was"
            return False
        try:
            return any(o.id == obj.id for m in c.landmarks if m.head not in ("PRON", "ALL")  # "the owl is in it",
                       # "the cube should be in front of everything": not the owl, everything else
                       for o in self._resolve(m, state, talked=False))
        except (Missing, Ambiguous, Refusal):
            return False

    def _kind_of_the_last(self, m: Mention, cat: Category, state: State) -> SceneObject | None:
        """The thing a kind name describes: one of its category talked about in this turn or the last, the only
        one of it there, not yet called by another such name."""
        if m.det != "a" or m.count or m.surface not in self.world.kind_names or m.relation or m.landmarks:
            return None
        same = [o for o in state.scene.objects if o.category == cat.name]
        recent = [state.scene.get(i) for i in state.last_group() if any(o.id == i for o in same)]
        if len(same) != 1 or not recent or same[0].attrs.get("called") in self.world.kind_names:
            return None
        return same[0]

    def _free_on(self, table: SceneObject, cat: Category, scale: float, x: float, y: float, state: State) -> float:
        """Where on a surface a new thing goes: the middle, else the first of its sides that nothing stands on."""
        L = P.box(self.world, table)
        on = [P.box(self.world, o) for o in state.scene.objects if o.id != table.id and abs(o.x - L.x) < L.w / 2
              and L.top - 0.2 < o.y < L.y and not self.world.category(o.category).people]
        w = P.size_of(self.world, cat.name, scale, y)[0]
        for dx in (0.0, -0.22, 0.22, -0.33, 0.33):
            cx = x + max(-0.12, min(0.12, dx * L.w))
            if all(abs(cx - b.x) >= (w + b.w) / 2 * 0.7 for b in on):
                return cx
        return x

    def _passed(self, c, state: State) -> bool:
        """"Ran off to the left, past the bus stop": the bus stop is there (drawn if it was not), but where the
        runner is, the rest of the clause says — passing by a thing is not standing next to it."""
        passed = False
        for m in [c] + list(c.targets):
            if m.relation == "past":
                self._draw_missing_landmarks(m.landmarks, state, quiet=True)
                m.relation, m.landmarks, passed = None, [], True
        return passed

    def _draw_missing_landmarks(self, marks: Sequence[Mention], state: State, quiet: bool = False,
                                x: float | None = None) -> None:
        """"To the right of the tree is a helicopter" with no tree drawn yet: the speaker named the tree, so
        it is drawn too (where trees usually go), and the reply says so."""
        for lm in marks:
            if lm.head == "ROLE" and lm.det == "a" and lm.value[1] is not None:
                # "hit by a cyclist", "next to a biker": the rider and the bicycle are drawn, and the landmark
                # is the rider
                said = Clause(lm.surface, verb="add", targets=[replace(lm, relation=None, landmarks=[])])
                idioms.roles(self, said, state)
                self._add(said.targets[0], said, state)
                lm.head, lm.value, lm.det = "ID", state.this_turn[-1], None
                continue
            if lm.head == "CAT" and not self._exists(lm, state) and lm.colors and self._exists(
                    replace(lm, colors=[]), state) and not self.world.scales:
                # "in front of the yellow cube" with only a red cube: not drawn — which cube was meant?
                raise Missing(f"There is no {self.resolver.describe(lm)} in the picture.")
            own = [m for m in lm.landmarks if m.head == "CAT"] if lm.relation else []
            if own:  # "at the bus stop outside the cafe": the cafe too, and the bus stop by it
                self._draw_missing_landmarks(own, state, quiet, x=x)
            if lm.head == "CAT" and not self._exists(lm, state):
                where = Clause("", relation=lm.relation, landmarks=own) if own else \
                    Clause("", abs_x=lm.side if lm.side is not None else x)  # "…at a girl on the right": where
                # she is; else where the thing placed by it was said to be
                self._add(Mention("CAT", lm.value, lm.surface, det="a", colors=list(lm.colors),
                                  sizes=list(lm.sizes), expressions=list(lm.expressions), poses=list(lm.poses)),
                          where, state)
                if not quiet:
                    state.notes.append(f"(There was no {lm.value} yet, so I drew one.)")

    def _someone_new(self, m: Mention, state: State) -> list[SceneObject] | None:
        """"He was wearing a grey hoodie" when no one he could be is in the picture: a witness telling what
        happened means someone is there — he is drawn (the world's man, or boy), and the reply says so. Only for
        he / she; "it" with nothing to mean is still asked about. "The other man" with one man there: a second
        man (a person of a witness's story), drawn and said so."""
        if m.head == "CAT" and m.det == "the" and self.resolver.by_a_place(m):  # "the shop guy came out"
            self._add(replace(m, det="a"), Clause(""), state)
            return [state.scene.get(state.this_turn[-1])]
        if m.head == "CAT" and m.det == "other" and self.world.category(str(m.value)).people and \
                len([o for o in state.scene.objects if o.category == m.value]) == 1:
            self._add(replace(m, det="a"), Clause(""), state)
            state.notes.append(f"(There was only one {m.value}, so I drew the other.)")
            return [state.scene.get(state.this_turn[-1])]
        if m.head != "PRON" or m.value not in ("male", "female") or any(
                gender_of(o.category) in (None, m.value) for o in state.scene.objects
                if self.world.category(o.category).people):
            return None
        from .reader import read, world_lexicon
        if any(r.pronoun is None and r.category and self.world.category(r.category).people
               for r in read(self.source, world_lexicon(self.world.name)).refs):
            return None  # "a lady was walking her dog": she is the lady of this turn, whatever the order of its parts
        cat = next((c.name for c in self.world.categories if c.people and gender_of(c.name) == m.value), None)
        if cat is None:
            return None
        self._add(Mention("CAT", cat, cat, det="a"), Clause(""), state)
        state.notes.append(f"(There was no {cat} yet, so I drew one.)")
        return [state.scene.get(state.this_turn[-1])]

    # -- references -------------------------------------------------------------------------------------------
    def _exists(self, m: Mention, state: State) -> bool:
        try:
            return bool(self.resolver.candidates(m, state.scene, state.order()))
        except Exception:
            return False

    def _resolve(self, m: Mention, state: State, talked: bool = True) -> list[SceneObject]:
        """The objects `m` means. With `talked` (not for landmarks), they become the most salient things of the
        turn: "the small tree is too small, make it medium"."""
        if m.head == "UNKNOWN":
            raise Refusal(self._dont_know(str(m.value)))
        try:
            found = self.resolver.resolve(m, state.scene, state.order(), True, state.last_group(),
                                          state.recency(), state.plural_group())
        except Missing:
            found = self._someone_new(m, state)
            if found is None:
                raise
        except Ambiguous:
            found = self._one_then_the_other(m, state)
            if found is None:
                raise
        if m.count and m.count > 1 and m.pick is None and not m.indefinite and len(found) != m.count and \
                _EXACT_COUNT.get(m.count) and re.search(_EXACT_COUNT[m.count], self.source.lower()):
            # "make the two spheres yellow" with one sphere there, "the other two" of four: not a guess
            n, kind = len(found), self.world.category(found[0].category)
            name = kind.name if n == 1 else kind.plural_name if len({o.category for o in found}) == 1 else "of them"
            verb = "is" if n == 1 else "are"
            raise Ambiguous(f"There {verb} {n} {name} here — which {m.count}?" if n > m.count else
                            f"There {verb} only {n} {name} here, not {m.count}.")
        for o in reversed(found if talked else ()):
            state.talked_about(o.id)
        for slot, colour, kind in m.kinds if talked and len(found) == 1 else ():
            o = state.scene.get(found[0].id)  # "the man in the hoodie" when no one had one yet: now he has
            if not wears(o, slot, colour, kind) and slot in self.world.category(o.category).attributes:
                state.do(Update.of(o.id, attributes={**o.attrs, f"{slot}_kind": kind,
                                                     **({slot: colour} if colour else {})}))
                found = [state.scene.get(o.id)]
        return found

    def _one_then_the_other(self, m: Mention, state: State) -> list[SceneObject] | None:
        """"The one man was very tall, the other was smaller": of two alike, the speaker tells one from the
        other in this very turn, so either may be the first — the first talked about, then the other."""
        if m.head not in ("CAT", "ONE") or m.plural or m.det not in ("the", None) or \
                not re.search(r"\bthe other\b", self.source.lower()):
            return None
        cands = self.resolver.candidates(m, state.scene, state.order())
        return cands[:1] if len(cands) == 2 else None

    def _resolve_all(self, ms: Sequence[Mention], state: State) -> list[SceneObject]:
        out: list[SceneObject] = []
        for m in ms:
            if m.negated:
                continue
            for o in self._resolve(m, state):
                if o not in out:
                    out.append(o)
        if not out:
            raise Refusal(f"Which one do you mean? Name it, e.g. {self.resolver.name_example()}.")
        return out

    def resolve_but(self, m: Mention, state: State, exclude: str) -> list[SceneObject]:
        """What pronoun `m` means, when it cannot mean the thing `exclude` ("a campfire next to it")."""
        scene = replace(state.scene, objects=tuple(o for o in state.scene.objects if o.id != exclude))
        if not scene.objects:
            return []
        return self.resolver.resolve(m, scene, [i for i in state.order() if i != exclude], True, state.last_group(),
                                     state.recency(), state.plural_group())

    def _landmarks(self, relation: str, landmarks: Sequence[Mention], state: State, exclude: str | None = None):
        marks = []
        for m in landmarks[:2]:
            if relation == "where":
                marks.append(self._former(m, state, exclude))
                continue
            if m.head == "PRON" and exclude is not None:  # "the owl is sitting up in it": it is not the owl
                objs = self.resolve_but(m, state, exclude)
            elif m.head == "REST" and not any(o.id not in state.last_group() for o in state.scene.objects):
                # "one more cube, to the right of the others": the others are the ones there already
                objs = [o for o in state.scene.objects if o.id != exclude and
                        (not m.value or o.category in self.lex.refers_to(str(m.value), str(m.value)))]
            else:
                objs = [o for o in self._resolve(m, state, talked=False) if o.id != exclude]
            if not objs:
                raise Refusal("It can't be placed relative to itself.")
            if len(objs) > 1 and relation in _EXTREME:  # "in front of them all", "behind everything"
                key, pick = _EXTREME[relation]
                objs = [pick(objs, key=lambda o: getattr(o, key))]
            marks.extend(objs[:2] if relation == "between" and len(landmarks) == 1 else objs[:1])
        if relation == "between" and len(marks) < 2:
            raise Refusal("Between what and what? e.g. 'between the tree and the dog'.")
        return marks[0], (marks[1] if len(marks) > 1 else None)

    def _former(self, m: Mention, state: State, moving: str | None = None) -> SceneObject:
        """'where the tree was': the object now, or as it was before it moved or went. "Put it back where it
        was": where the thing being moved stood before it last moved."""
        entries = list(state.entries)
        if moving is not None and not any(o.id == moving for o in state.scene.objects):
            raise Refusal("I can't tell where that was — say where to put it, e.g. 'on the left'.")
        if moving is not None and (m.head == "PRON" or any(o.id == moving for o in self._resolve(m, state, talked=False))):
            now = state.scene.get(moving)
            for e in reversed(entries[:-1]):
                was = next((o for o in e.scene.objects if o.id == moving), None)
                if was is not None and (was.x, was.y) != (now.x, now.y):
                    return was
            start = next((o for o in (state.entries[0].scene.objects if entries else ()) if o.id == moving), None)
            return start or now
        gone = [e.id for e in state.edits if isinstance(e, Remove)]
        if m.head == "PRON" and gone and entries:  # "remove the cube and add a sphere in its place": the cube
            was = next((o for o in entries[-1].scene.objects if o.id == gone[-1]), None)
            if was is not None:
                return was
        last_gone = [e.id for e in entries[-1].edits if isinstance(e, Remove)] if entries else []
        if m.head == "PRON" and m.value == "it" and not gone and len(last_gone) == 1 and len(entries) > 1:
            # "Remove the gray one on the right." "Put a green cube where it was.": where the removed one stood
            was = next((o for o in entries[-2].scene.objects if o.id == last_gone[0]), None)
            if was is not None:
                return was
        scenes = [e.scene for e in reversed(entries)]
        for scene in scenes[1:] + scenes[:1] if scenes else []:
            try:
                found = self.resolver.resolve(m, scene, [o.id for o in reversed(scene.objects)], False)
            except (Missing, Ambiguous):
                continue
            return found[0]
        return self._resolve(m, state, talked=False)[0]

    # -- words we do not know ---------------------------------------------------------------------------------
    def _unknown(self, c, state: State) -> None:
        """Words in a noun's place that the world does not have. The nearest drawable thing when MiniLM finds
        one; else, when the clause is about something we know ("a man with a beard", "he had a knife"), a
        note on it in the speaker's words; else the clause cannot be done."""
        for m in list(c.targets) + list(c.landmarks) + ([c.holder] if c.holder else []):
            named = [o for o in state.scene.objects if m.head == "UNKNOWN" and o.attrs.get("name") == m.value]
            if len(named) == 1:  # "Sam is sad now": the boy named Sam
                m.head, m.value = "ID", named[0].id
                c.handled.add(named[0].attrs["name"])
        for word in [w for w in c.unknown if any(o.attrs.get("name") == w for o in state.scene.objects)]:
            c.handled.add(word)  # "Sam has a kite": his name, read as him
        known = [m for m in list(c.targets) + ([c.holder] if c.holder else []) if m.head != "UNKNOWN"]
        self._known_by_a_note(c, state)
        for m in list(c.targets) + list(c.landmarks) + ([c.holder] if c.holder else []):
            if m.head != "UNKNOWN":
                continue
            word = str(m.value)
            if label_of(word) and self._labelled(m, label_of(word), c, state):
                c.handled.add(word)
                continue
            if m.negated:  # "not the pyramid": nothing to draw either way
                c.handled.add(word)
                if m in c.targets:
                    c.targets.remove(m)
                continue
            if c.verb == "make" and re.search(rf"\binto (?:a |an |the |some )?{re.escape(word)}\b", c.text):
                raise Refusal(self._dont_know(word))  # "turn the gas station into a boat": not a note on it
            main = bool(c.targets) and c.targets[0] is m  # the thing the clause is about, not a detail of it
            mapped = self._semantic(word) if main or not known else None  # "he had a screwdriver": a note
            if mapped is not None:
                state.notes.append(f"(I took {word!r} to mean {mapped}.)")
                m.head, m.value = "CAT", mapped
                c.handled.add(word)
                continue
            described = bool(c.attrs or c.kinds or c.expressions or c.poses) and not c.targets[:1] == [m] and \
                any(self.world.category(o.category).people for o in state.scene.objects)
            if (not known and not described) or c.neg:  # a negated clause with a word we can't read could mean
                raise Refusal(self._dont_know(word))  # anything; "slim, blonde hair in a ponytail": a note on her
            note = " ".join(m.colors + [word])
            c.notes.append(note)
            c.handled.add(word)
            if m in c.targets:
                c.targets.remove(m)
            if m in c.landmarks:
                c.landmarks.remove(m)
                if not c.landmarks:
                    c.relation = None
            if c.holder is m:
                c.holder = None

    def _labelled(self, m: Mention, label: str, c, state: State) -> bool:
        """"Suspect one, male, …" then "Suspect one: six foot, …": a person named by a label is the one given
        it (`attributes["label"]`); the first time, a new person, a man or a woman when the words say so."""
        named = next((o for o in state.scene.objects if o.attrs.get("label") == label), None)
        if named is not None:
            m.head, m.value = "ID", named.id
            return True
        if label.startswith("vehicle"):  # "Vehicle 2: white van": a vehicle, of the kind said next (else a car)
            kinds = sorted(self.lex.hypernyms.get("vehicle", ()), key=lambda k: k != "car")
        else:
            kinds = [k.name for k in self.world.categories if k.people]
            kinds.sort(key=lambda k: k != "person")
        if not kinds:
            return False
        said = next((t for t in c.targets if t is not m and t.head == "CAT" and t.det in (None, "a") and
                     t.count is None and str(t.value) in kinds), None)  # "suspect two, female"
        if said is not None:
            if label.startswith("vehicle"):  # "white van": its colour ("white, male" is not a colour of his)
                m.take_looks(said)
            c.targets.remove(said)
        m.head, m.value, m.det = "CAT", str(said.value) if said else kinds[0], "a"
        m.surface = said.surface if said is not None and label.startswith("vehicle") else str(m.value)  # (its make)
        m.attrs = list(m.attrs) + [("label", label)]
        return True

    def _known_by_a_note(self, c, state: State) -> None:
        """"the man with the beard is tall": the man the beard was noted on, not a beard given to another;
        "the one filming was a girl": the one noted as filming."""
        doing = re.search(r"\bthe (?:other )?one ([a-z]+ing)\b", c.text)
        if c.targets and c.targets[0].head == "ONE" and c.targets[0].det in ("the", "other") and doing and \
                doing.group(1) in c.unknown:
            word = doing.group(1)
            cands = [o for o in state.scene.objects if word in " ".join(o.attrs.get("notes", ())).split()
                     and self.world.category(o.category).people]
            if len(cands) != 1:
                raise Refusal(f"I can't tell who {doing.group(0)!r} is: nobody in the picture is noted as {word}"
                              + (" yet." if not cands else " but several are."))
            c.targets[0] = Mention("ID", cands[0].id, c.targets[0].surface)
            c.handled.add(word)
            return
        if c.targets and c.targets[0].head in ("CAT", "ONE") and c.targets[0].det == "the":
            for attr, value in list(c.attrs):  # "the man with the beard is tall": the one it was noted on
                if attr != "facial_hair" or not re.search(rf"\b(?:with|has|had) (?:the |a )?{re.escape(str(value))}\b",
                                                          c.text):
                    continue
                cands = self.resolver.candidates(c.targets[0], state.scene, state.order())
                has = [o for o in cands if any(str(value).split()[-1] in str(n).split()
                                               for n in o.attrs.get("notes", ()))]
                if len(has) == 1 and len(cands) > 1:
                    c.targets[0] = Mention("ID", has[0].id, c.targets[0].surface)
                    c.attrs.remove((attr, value))
                    return
        if len(c.targets) < 2 or c.targets[0].head not in ("CAT", "ONE") or c.targets[0].det != "the":
            return
        for m in c.targets[1:]:
            word = str(m.value)
            if m.head != "UNKNOWN" or not re.search(rf"\bwith the {re.escape(word)}\b", c.text):
                continue
            cands = [o for o in self.resolver.candidates(c.targets[0], state.scene, state.order())
                     if word in " ".join(o.attrs.get("notes", ())).split()]
            if len(cands) == 1:
                c.targets = [Mention("ID", cands[0].id, c.targets[0].surface)] + \
                    [t for t in c.targets[1:] if t is not m]
                c.handled.add(word)
                return

    def _semantic(self, word: str) -> str | None:
        if self.semantic_enabled is False:
            return None
        from .semantic import nearest_category

        return nearest_category(self.world, word, required=self.semantic_enabled is True)

    def _dont_know(self, word: str) -> str:
        """One short sentence: a few of the world's things, one of each kind in turn."""
        groups: dict[str, list[str]] = {}
        for c in self.world.categories:
            groups.setdefault(c.group, []).append(c.name)
        names = [n for row in zip_longest(*groups.values()) for n in row if n]
        shown = ", ".join(names[:12]) + (f" … ({len(names)} things in all)" if len(names) > 12 else "")
        return f"I don't know {word!r}; I can draw: {shown}."

    # -- corrections ------------------------------------------------------------------------------------------
    def revise(self, clauses, context: Context) -> Parse | None:
        """Redo the last turn with the correction in place, or None if it does not correct that turn."""
        from .corrections import revise

        try:
            return revise(self, clauses, context)
        except (Missing, Ambiguous, Refusal) as e:
            return Parse.refuse(e.message)

    def summary(self, edits: Sequence[Edit], before: Scene, notes: Sequence[str],
                after: Scene | None = None) -> str:
        return replies.summary(self.world, edits, before, notes, after)


def _own_body(world: World, holder: SceneObject | Category, c) -> None:
    """"holding a red umbrella over her head", "a bottle in his hand", "a tattoo on his neck": a place on the
    holder's own body is where it is held or worn, not a place beside someone else of that gender."""
    name = holder.name if isinstance(holder, Category) else holder.category
    if not world.category(name).people:
        return
    g = gender_of(name)

    def own(lms) -> bool:
        return bool(lms) and all(lm.head == "PRON" and lm.surface in ("his", "her", "their") and
                                 (g is None or lm.value == g) for lm in lms)
    if c.relation and own(c.landmarks):
        c.relation, c.landmarks = None, []
    for m in c.targets:
        if m.relation and own(m.landmarks):
            m.relation, m.landmarks = None, []


def _without_echoes(world: World, targets: list[Mention]) -> list[Mention]:
    """"there was this old fella, must have been eighty if he was a day": a he / she after a person named in
    the same part is that person again, not a second one to find."""
    out: list[Mention] = []
    for m in targets:
        if m.head == "PRON" and out and out[-1].head == "CAT" and (
                m.value == "plural" and (out[-1].plural or (out[-1].count or 1) > 1) or
                m.value == "it" and not out[-1].plural and str(out[-1].value) in world.category_names and
                not world.category(str(out[-1].value)).people):
            continue  # "take away the balloons they popped": the balloons, said again
        if m.head == "PRON" and m.value in ("male", "female") and any(
                p.head == "CAT" and not p.plural and str(p.value) in world.category_names and
                world.category(str(p.value)).people and gender_of(str(p.value), p.surface) in (None, m.value)
                for p in out):
            continue
        out.append(m)
    return out

