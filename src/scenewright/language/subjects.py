"""Who or what a clause means when its words alone don't say: a pronoun that drove off or ran (what can go),
a clause naming no one ("grey hoodie, hood up": the person talked about), how someone looks said in a part about
a thing ("a girl sitting, sad, with a bucket next to her"), what the witness did not see, and which side "the
other side of it" is."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING, Sequence

from ..scene import Add, SceneObject, Update
from ..worlds import World
from .clauses import Clause
from .lexicon import verbish
from .reader import agrees, animacy, moves_by_itself
from .references import LOOKS, Ambiguous, Mention, Missing
from .state import Refusal, State

if TYPE_CHECKING:
    from .interpret import Interpreter

VEHICLE_MARK = re.compile(r"\b(?:plates?|reg|registration|licen[cs]e|number ?plate|headlights?|tail ?lights?|bonnet|"
                   r"windscreen|windshield|bumper|wheels?|tyres?|tires?|wing mirror|exhaust|aerial|spoiler|"
                   r"roof rack|hubcaps?|driver'?s? side|passenger side|driver'?s? door|passenger door)\b", re.IGNORECASE)
# (a plate or a part only a vehicle has)
NOT_SEEN = re.compile(r"\b(?:i|we) (?:did not|do not|could not|can not|never|did n t|couldn t) (?:really |properly "
                       r"|clearly )?(?:see|notice|get a (?:good |proper )?look at)\b(.*)")
# What one person did to another ("he pushed the other lad", "threw a punch"): an event, kept as a note on the
# one who did it, in the witness's words; nobody moves or is drawn for it.
ACTION = re.compile(r"\b(?:pushed|shoved|punched|kicked|hit|slapped|attacked|headbutted|head butted|"
                    r"elbowed|tripped|mugged|robbed|stabbed|threatened|hugged|swung at|spat at|went for|"
                    r"smashed|broke into|stole|nicked|snatched|vandalised|vandalized|keyed|scratched|"
                    r"threw (?:a punch|punches|a kick|a bottle|something))\b.*")
_MOVE_VERBS = ("pushed", "shoved", "tripped")  # also "push the car left": a move, when it says where


def movers(it: "Interpreter", m: Mention, state: State) -> list[Mention]:
    """A pronoun that drove, came, went or ran: among what it may mean, the things that move by themselves
    ("they ran off": the men, not the bus stop they were at); the pronoun as it was when nothing fits."""
    try:
        found = it._resolve(m, state, talked=False)
    except (Missing, Ambiguous):
        found = []
    kind = str(m.value)
    moving = [o for o in found if moves_by_itself(it.world, o.category)]
    if kind == "plural" and len(moving) < 2:
        moving = []  # "they" is more than one
    elif found and len(moving) == len(found):
        return [m]
    if moving:
        return [Mention("ID", o.id, m.surface) for o in moving]
    cands = [o for o in (state.scene.get(i) for i in state.order()) if moves_by_itself(it.world, o.category)
             and (kind == "plural" or agrees(kind, it.world, o.category, str(o.attrs.get("called", ""))))]
    if kind == "plural" and cands:
        cands = [o for o in cands if o.category == cands[0].category]
        return [Mention("ID", o.id, m.surface) for o in cands] if len(cands) > 1 else [m]
    return [Mention("ID", cands[0].id, m.surface)] if cands else [m]


def not_seen(it: "Interpreter", c: Clause, state: State) -> bool:
    """"I didn't see his face", "I couldn't see the driver": what the witness did not see is a note on
    that person (or thing), not a thing to draw or a reason to refuse."""
    hit = NOT_SEEN.search(c.text)
    if hit is None:
        return False
    what = hit.group(1).strip()
    m = next((t for t in c.targets if t.head in ("PRON", "CAT", "ID", "ROLE")), None)
    try:
        obj = it._resolve(replace(m, negated=False), state)[0] if m is not None else None
    except (Missing, Ambiguous):
        obj = None
    if obj is None:
        people = [state.scene.get(i) for i in state.order() if it.world.category(
            state.scene.get(i).category).people]
        obj = people[0] if people else None
    if obj is None:
        raise Refusal("Whose? Say e.g. 'I didn't see the man's face'.")
    note = f"not seen: {what}"
    notes = list(obj.attrs.get("notes", []))
    if note not in notes:
        state.do(Update.of(obj.id, attributes={**obj.attrs, "notes": notes + [note]}))
        state.kept.append(f"the {obj.category}: {note}")
    return True


def action(it: "Interpreter", c: Clause, state: State) -> bool:
    """"The one in the hoodie pushed the other lad", "then he threw a punch": a note on the one who did it."""
    hit = ACTION.search(c.text)
    if hit is None or not c.targets or not any(k.people and k.attributes for k in it.world.categories):
        return False
    m = c.targets[0]
    if re.search(r"\b(?:was|were|got|been|be|is|are|get)\s*$", c.text[:hit.start()]):
        return False  # "a woman was hit by a cyclist": who it was done to
    if not re.search(rf"\b{re.escape(m.surface)}\b", c.text[:hit.start()]) or \
            not (m.head == "PRON" and m.value in ("male", "female", "plural") or m.head in ("ONE", "ID") or
                 m.head == "CAT" and it.world.category(str(m.value)).people):
        return False  # "push the car": no one did it, it is asked
    if hit.group(0).split()[0] in _MOVE_VERBS and (c.dirs or c.relation or c.abs_x is not None or c.place):
        return False
    if m.head == "CAT" and (m.indefinite or m.surface in ("someone", "somebody")) and not m.count:
        # "a lad punched him", "someone smashed my car": drawn, and what they did kept
        it._add(m, replace(c, targets=[m], relation=None, landmarks=[], poses=[], attrs=[], kinds=[], notes=[]),
                state)
        who = [state.scene.get(state.this_turn[-1])]
    else:
        who = it._resolve(m, state)
    if len(who) != 1 or not it.world.category(who[0].category).people:
        return False
    note = re.sub(r"(?:[\s,]+(?:and|then|so|but))+[\s,]*$|[\s,]+$", "", hit.group(0))
    notes = list(who[0].attrs.get("notes", []))
    if note not in notes:
        state.do(Update.of(who[0].id, attributes={**who[0].attrs, "notes": notes + [note]}))
    state.kept.append(f"the {who[0].category}: {note}")
    state.patient = _done_to(it, c.targets[1:], who[0], state)
    if c.dirs or c.relation or c.abs_x is not None or c.place or c.poses or c.goes or c.facing:
        # "he snatched her handbag, and off he went to the right": the rest of it is where he went
        c.targets = [Mention("ID", who[0].id, m.surface)]
        c.unknown = [w for w in c.unknown if w not in note.split()]
        c.relation, c.landmarks = (c.relation, c.landmarks) if c.relation != "near" else (None, [])
        return False
    c.unknown = []
    return True


def _done_to(it: "Interpreter", rest: Sequence[Mention], agent: SceneObject, state: State) -> str | None:
    """The one person an action was done to ("shoved him"): another person than the one who did it."""
    m = next((m for m in rest if m.head in ("PRON", "CAT", "ONE", "ID")), None)
    if m is None:
        return None
    if m.head == "PRON":
        people = [o for o in state.scene.objects if o.id != agent.id and it.world.category(o.category).people
                  and (m.value == "plural" or
                       agrees(str(m.value), it.world, o.category, str(o.attrs.get("called", ""))))]
    else:
        try:
            people = [o for o in it.resolver.resolve(m, state.scene, state.order()) if o.id != agent.id]
        except (Missing, Ambiguous):
            return None
    return people[0].id if len(people) == 1 else None


def fell(c: Clause, state: State) -> None:
    """"Baldy shoved him and he fell against the bin": the one who falls is the one it was done to."""
    if state.patient is None or not c.targets or "lying" not in c.poses or c.targets[0].head != "PRON" or \
            c.targets[0].value not in ("male", "female") or state.scene.get(state.patient) is None:
        return
    c.targets[0] = Mention("ID", state.patient, c.targets[0].surface)


def other_side(landmark: SceneObject, exclude: Sequence[str], state: State) -> int:
    """+1 (right) or -1 (left): the side of `landmark` away from the most salient thing beside it ("the
    kitty on the other side of the grill" from the dog); with nothing beside it, the side nearer the middle."""
    for i in state.order():
        o = state.scene.get(i)
        if o.id != landmark.id and o.id not in exclude and abs(o.x - landmark.x) <= 0.35:
            return -1 if o.x > landmark.x else 1
    return 1 if landmark.x < 0.5 else -1


def looks_of_the_person(it: "Interpreter", c: Clause, state: State) -> None:
    """"A girl sitting, sad, with a bucket next to her": how someone looks or stands, said in a part about a
    thing that has no face (the bucket), is the look of the person this turn is about."""
    if not (c.expressions or c.poses) or not c.targets or any(
            m.head != "CAT" or animacy(it.world, str(m.value)) != "thing" for m in c.targets):
        return
    person = next((state.scene.get(i) for i in reversed(state.this_turn) if state.scene.get(i) is not None
                   and it.world.category(state.scene.get(i).category).people), None)
    if person is None:
        return
    changes = {k: v for k, v in (("expression", (c.expressions or [None])[-1]), ("pose", (c.poses or [None])[-1]))
               if v is not None and getattr(person, k) != v}
    if changes:
        state.do(Update.of(person.id, **changes))
    c.expressions, c.poses = [], []


# How a thing looked that cannot be drawn ("a silver hatchback, a bit dusty"): kept as a note on it.
CONDITIONS = set("""dusty dirty muddy rusty rusted battered dented scratched shiny clean filthy tatty scruffy
    boarded derelict rundown rough smart posh neat tidy messy bent buckled crumpled damaged mangled wrecked""".split())


DRIVING = set("""tailgating speeding reversing overtaking swerving idling revving braking indicating honking
    beeping weaving racing skidding undertaking""".split())
FEELINGS = set("""angry upset scared frightened terrified shocked drunk aggressive nervous calm happy sad confused
    distressed agitated furious annoyed worried panicked panicky shaken dazed hurt injured bleeding""".split())


def conditions(it: "Interpreter", c: Clause) -> None:
    """"a silver hatchback, nothing fancy, a bit dusty": the dust is a note on the car, in the speaker's words,
    for a clause about a thing of a world that keeps such details."""
    if not c.targets or not any(k.attributes for k in it.world.categories):
        return
    for word in [w for w in c.unknown if w in CONDITIONS and w not in c.handled]:
        c.notes.append(word)
        c.handled.add(word)


def not_its_own_landmark(it: "Interpreter", c: Clause, state: State) -> None:
    """"Move it behind the spheres" just after the spheres were added: "it" is what is moved, so not one of
    the spheres it is moved behind — the thing talked about before them."""
    if not c.landmarks or not c.targets or c.targets[0].head != "PRON" or c.targets[0].value != "it":
        return
    marks: set[str] = set()
    for lm in c.landmarks:
        try:
            marks |= {o.id for o in it.resolver.candidates(lm, state.scene, state.order())}
        except Exception:  # a landmark still to be drawn, or not one we know: nothing to keep out
            continue
    if not marks:
        return
    try:
        first = it.resolver.resolve(c.targets[0], state.scene, state.order(), True, state.last_group(),
                                    state.recency(), state.plural_group())
    except (Missing, Ambiguous):
        return
    if first and first[0].id in marks:
        rest = [o for o in it.resolver.candidates(c.targets[0], state.scene, state.order()) if o.id not in marks]
        if rest:
            c.targets[0] = Mention("ID", rest[0].id, c.targets[0].surface)


def said_again(it: "Interpreter", c: Clause, state: State) -> None:
    """"… and stands in the doorway shouting, bald dude, kinda old": a bare "bald dude" right after a person of
    that kind was talked about in this turn is that person again, described — not someone new."""
    if len(c.targets) != 1 or c.verb is not None:
        return
    m = c.targets[0]
    if m.head != "CAT" or m.det is not None or m.count or m.plural or m.negated or m.ordinal is not None or \
            m.pick is not None:  # "First man is tall. Second man is short": another one
        return
    recent = next((state.scene.get(i) for i in reversed(state.this_turn) if state.scene.get(i) is not None and
                   state.scene.get(i).category == m.value), None)
    if recent is None or not it.world.category(recent.category).people and (
            recent.id not in {e.obj.id for e in state.edits if isinstance(e, Add)} or
            recent.color and m.colors and recent.color not in m.colors):
        return  # a thing: only one just added, of no other colour ("add the bus…, big red double decker")
    for k in LOOKS:
        getattr(c, k).extend(x for x in getattr(m, k) if x not in getattr(c, k))
    if m.surface not in (m.value, "", it.world.category(str(m.value)).plural_name) and \
            recent.attrs.get("called") != m.surface and not it.world.category(recent.category).people:
        state.do(Update.of(recent.id, attributes={**recent.attrs, "called": m.surface}))  # "…, like SUV"
    c.targets = [Mention("ID", recent.id, m.surface)]


def activities(it: "Interpreter", c: Clause) -> None:
    """What a witness says people were doing that cannot be drawn ("two lads came out arguing, both
    shouting"): kept as a note on them in their words, not reported as not understood. Only in a world that
    keeps such details (one whose people have attributes), only for a clause about people."""
    driven = any(m.head == "CAT" and moves_by_itself(it.world, str(m.value)) and
                 not it.world.category(str(m.value)).people for m in c.targets)
    for word in [w for w in c.unknown if driven and w in DRIVING and w not in c.handled]:
        c.notes.append(word)  # "this lorry was tailgating a little silver car"
        c.handled.add(word)
    people = [m for m in c.targets + ([c.holder] if c.holder else []) if
              m.head == "CAT" and it.world.category(str(m.value)).people or
              m.head == "PRON" and m.value in ("male", "female") or m.head in ("ONE", "ID")]
    if not people or not any(k.people and k.attributes for k in it.world.categories):
        return
    feelings = FEELINGS if not it.world.expressions else set()  # a world that draws no faces keeps them as said
    for word in [w for w in c.unknown if (w.endswith("ing") and verbish(w) or w in feelings) and w not in c.handled]:
        c.notes.append(word)
        c.handled.add(word)


def headless_subject(it: "Interpreter", c: Clause, state: State) -> SceneObject:
    """Who a clause naming no one is about ("grey hoodie, hood up", "looks angry"): the most salient thing
    (that can go, when it went somewhere), or, when it says what a person wears, how they look or stand,
    the most salient person."""
    order = [state.scene.get(i) for i in state.order()]
    if c.goes and not c.kinds:  # "Rode off left.": what can go, not the bus stop it was at
        order = [o for o in order if moves_by_itself(it.world, o.category)] or order
    if any(VEHICLE_MARK.search(mark) for mark in c.marks):  # "Plate ended 4KX": the car's, not the driver's
        order = [o for o in order if it.world.category(o.category).group == "vehicles"] or order
    if not (c.kinds or c.expressions or c.poses or c.attrs):
        return order[0]
    said = {a for a, _ in c.attrs}
    if said and not (c.kinds or c.expressions or c.poses):  # "… and parked behind my bus": what can be parked
        fits = [o for o in order if said <= set(it.world.category(o.category).attributes)]
        if fits:
            return fits[0]
    people = [o for o in order if it.world.category(o.category).people]
    if c.kinds and people and c.relation in ("next", "near", "on", "in", "with") and len(c.landmarks) == 1 \
            and c.landmarks[0].head == "PRON" and c.landmarks[0].value in ("male", "female"):
        who = [o for o in it._resolve(c.landmarks[0], state) if it.world.category(o.category).people]
        if who:  # "brown handbag next to her": hers, not a bag beside a person who is herself
            c.relation, c.landmarks = None, []
            return who[0]
    if not people:
        raise Refusal(f"Who is {c.text!r} about? Say e.g. 'the {a_person(it.world)} {c.text}'.")
    if c.kinds and c.verb is None:
        c.dirs = []  # "hood up": how it is worn, not a move
    return people[0]


def a_person(world: World) -> str:
    return next((k.name for k in world.categories if k.people), "man")
