"""Everyday idioms: the phrasings that say one thing in the shape of another, rewritten before a clause is
interpreted — "give him a hat" (he holds it), "she has a crown", "the cyclist was a woman", "the bear is
bigger than the cat", "the same colour as the cube", "the driver", "it was late at night" — and the handlers
they need. Each is a function of the interpreter (`it`), the clause and the turn's state."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING, Sequence

from ..scene import Remove, SceneObject, SetBackground, Update
from ..worlds import World
from . import placement as P
from .clauses import Clause
from .looks import background
from .references import LOOKS, Ambiguous, Mention, Missing
from .state import Refusal, State
from .subjects import ACTION

if TYPE_CHECKING:
    from .interpret import Interpreter

_GIVE = re.compile(r"\bg(?:ive|ives|ave|iving)\b")
_SAME_AS = re.compile(r"\b(?:the )?same (colou?r|size|shade|height)(?: as)?\b|\bas (big|large|small|tall|tiny|high) as\b")
_MOST = re.compile(r"\bthe (biggest|largest|smallest|tiniest)(?: one| thing| object| shape)?(?: there| here| in the "
                   r"picture)?(?: (?:instead|now|of (?:all|them)))?$")  # "make the cylinder the biggest thing there"
_LIKE_IT = re.compile(r"\b(?:just |exactly )?like (?:it|that one|that|this one)\b|\bthe same one\b")
_DIFFERENT = re.compile(r"\b(?:all )?(?:different|differing) colou?rs\b")
_SWAP_WHAT = re.compile(r"\b(colou?rs?|sizes?|positions?|places|spots)\b")
_SWAP_FOR = re.compile(r"\b(?:for|with)\b")
_TURN_ROUND = re.compile(r"\bturn(?:s|ed|ing)?\b.*\b(?:a)?round\b")
_LOOKS_ONLY = re.compile(r"\b(?:looks?|seems?|appears?|looked|seemed)\b")
_BECOMES = re.compile(r"\b(?:into|instead of|to be|should be|a|an)\b")
# words that say a thing is to become another (else "X was … a Y" recategorises only within a kind of thing)
_SAID_TO_CHANGE = re.compile(r"\b(?:into|instead|to be|should be|change|changed|turn|turned|make|made|meant|"
                             r"actually|not|no)\b")
_THAN = re.compile(r"\bthan\b")
_HAVE = re.compile(r"\b(?:has|have|had|has got|have got)\b")
_IN_A_ROW = re.compile(r"\b(?:line (?:them|those|these|all|it|the \w+)(?: \w+)? up|in a (?:row|line)|spread (?:them |"
                       r"those |these )?out|lined up)\b")  # (not "side by side": close)
_AS_LISTED = re.compile(r"\b(?:in (?:that|the same|that same) order|in order|as i said|respectively)\b")
_SWAPPED = re.compile(r"\b(?:reversed|the wrong way round|the other way round|mixed up|swapped)\b")


_EACH = re.compile(r"\b(?:for|next to|beside|by|near|with|in front of|behind|on|under) (?:each|every)(?: one)?\b")


def each(it: "Interpreter", c: Clause, state: State) -> bool:
    """"A pie for each girl.", "add a cylinder for every cube", "put a cylinder next to each of the cubes": one
    new thing per thing of the group, each placed by its own one (next to it, or as the words say)."""
    if not _EACH.search(c.text) or c.neg or c.verb not in (None, "add", "put", "exist"):
        return False
    new = [m for m in c.targets if m.head == "CAT" and m.det == "a" and m.count is None]
    group = [m for m in c.targets + c.landmarks if m.head == "CAT" and m.plural and m.det in ("all", "the")]
    if len(new) != 1 or len(group) != 1 or len(c.targets) > 2:
        return False
    try:
        owners = it._resolve(replace(group[0], det="the", plural=True), state, talked=False)
    except (Missing, Ambiguous):
        return False
    if len(owners) < 2:
        return False
    rel = c.relation if c.relation and c.landmarks else "next"
    for o in owners:
        one = Clause(c.text, verb="add", targets=[replace(new[0], relation=rel, landmarks=[Mention("ID", o.id,
                                                                                             o.category)])],
                     relation=rel, landmarks=[Mention("ID", o.id, o.category)],
                     colors=list(c.colors), sizes=list(c.sizes))
        it._add_all(one, state)
    return True


def rewrite(it: "Interpreter", c: Clause, state: State) -> bool:
    """Rewrite `c` in place where an idiom says what it means; True when that already did the whole clause."""
    if c.verb == "make" and becomes(it, c, state):
        return True
    roles(it, c, state)
    for m in c.targets:  # terse "smaller dog", "bigger tree": the size is what to do, not which one
        if m.head == "CAT" and m.det is None and m.count is None and m.sizes and it._exists(m, state):
            c.sizes, m.sizes = c.sizes + m.sizes, []
    if (c.expressions or c.poses) and [m.head for m in c.targets] == ["PRON"] and \
            c.targets[0].value == "plural":  # "both of them should be laughing": the people among them
        try:
            they = [o for o in it._resolve(c.targets[0], state, talked=False) if it.world.category(o.category).people]
        except (Missing, Ambiguous):
            they = []
        people = they if len(they) >= 2 else \
            [o for o in (state.scene.get(i) for i in state.order()) if it.world.category(o.category).people][:2]
        if len(people) >= 2:
            c.targets = [Mention("ID", o.id, o.category) for o in people]
    for m in list(c.targets) + [lm for t in c.targets for lm in t.landmarks] + list(c.landmarks):
        # "remove the cube on the left", "a cylinder behind the cube on the left" with two cubes: which one
        if m.side_hint is not None and m.side is None and \
                len(it.resolver.candidates(m, state.scene, state.order())) > 1:
            m.side = m.side_hint
            if c.abs_x == m.side_hint:
                c.abs_x = None
        if m.depth_hint is not None and m.superlative is None and \
                len(it.resolver.candidates(m, state.scene, state.order())) > 1:
            m.superlative = ("y", min if m.depth_hint == "top" else max)  # "the one in the back": furthest back
            if c.abs_y == m.depth_hint and c.place is None and not c.dirs and not c.relation:
                c.abs_y = None
    if each(it, c, state):
        return True
    if c.verb in ("move", "put", None) and _IN_A_ROW.search(c.text) and c.targets and \
            (not c.relation or _AS_LISTED.search(c.text)) and \
            all(m.head in ("PRON", "ALL", "CAT", "REST") and (m.plural or m.head == "ALL" or m.value == "plural")
                for m in c.targets) and all(it._exists(m, state) for m in c.targets):
        return in_a_row(it, c, state)  # "line them up left to right in that same order"
    if c.verb == "add" and _GIVE.search(c.text) and len(c.targets) >= 1 and c.holder is None \
            and is_person(it, c.targets[0], state) and (len(c.targets) > 1 or c.kinds):
        c.holder, c.targets, c.verb = c.targets[0], c.targets[1:], "hold"  # "give him a winter hat"
    if _SAME_AS.search(c.text) and len(c.targets) >= 2:
        same_as(it, c, state)
        return True
    if _LIKE_IT.search(c.text) and len(c.targets) == 2 and c.targets[1].head == "PRON" and not c.colors and \
            c.targets[0].head in ("ONE", "CAT"):  # "another one just like it": it is the model, not a thing added
        model = it._resolve(c.targets.pop(), state, talked=False)[0]
        c.colors += [model.color] if model.color else []
    elif (_SAME_AS.search(c.text) or _LIKE_IT.search(c.text)) and len(c.targets) == 1 and not c.colors:
        same_colour_as_the_others(it, c, state)  # "add one more cube, same color, to the right of the others"
    if _DIFFERENT.search(c.text) and c.targets:
        return different_colours(it, c, state)
    if (c.copula or c.verb == "make") and _MOST.search(c.text) and c.targets and not c.relation:
        return most(it, c, state)
    if c.copula and _HAVE.search(c.text) and c.holder is None and len(c.targets) >= 2 and \
            (is_person(it, c.targets[0], state) or _an_animal_there(it, c.targets[0], state)) and all(
                m.head == "CAT" and (m.indefinite or m.det is None or m.negated) for m in c.targets[1:]) and \
            any(not m.negated for m in c.targets[1:]):
        c.holder, c.targets, c.verb = c.targets[0], c.targets[1:], "hold"  # "she has a viking helmet"
        for m in [m for m in c.targets if m.negated]:  # "she has a crown, not the winter hat": it goes
            c.targets.remove(m)
            who = it._resolve(c.holder, state, talked=False)
            for o in it.resolver.candidates(replace(m, negated=False), state.scene, state.order()):
                if who and o.attrs.get("with") == who[0].id:
                    state.do(Remove(o.id))
    elif c.copula and len(c.targets) == 2 and not c.relation and c.targets[1].head == "CAT" and \
            c.targets[0].head == "CAT" and c.targets[0].value == c.targets[1].value and c.targets[1].indefinite:
        c.targets[0].take_looks(c.targets[1])  # "the bus was a double decker one": one bus
        name = "" if c.targets[1].plural else c.targets[1].surface  # (not "one of those black cabs")
        if name not in ("", str(c.targets[1].value), c.targets[0].surface) and it._exists(c.targets[0], state):
            was = it._resolve(c.targets[0], state, talked=False)  # ... and "double decker" is kept on it
            if len(was) == 1 and was[0].attrs.get("called") != name:
                state.do(Update.of(was[0].id, attributes={**was[0].attrs, "called": name}))
        elif name not in ("", str(c.targets[1].value)):
            c.targets[0].surface = name  # none there yet: the double decker is drawn, called so
        c.targets = c.targets[:1]
    elif c.copula and len(c.targets) == 2 and not c.relation and c.targets[1].head == "CAT" and \
            c.targets[0].head in ("CAT", "ONE", "ID", "KIND") and \
            c.targets[1].indefinite and not c.targets[0].indefinite and it._exists(c.targets[0], state) \
            and not _HAVE.search(c.text):  # "the cyclist was a woman", "the cloud is a rain cloud"
        was = it._resolve(c.targets[0], state)[0]
        if not _may_become(it.world, was.category, str(c.targets[1].value), c.text):
            return False
        if was.category != c.targets[1].value:
            state.do(Update.of(was.id, **recategorised(it.world, was, str(c.targets[1].value))))
        c.targets = c.targets[:1]
        if not (c.has_predicate or c.has_location):
            return True
    elif c.copula and len(c.targets) == 2 and not c.relation and c.targets[0].head == "PRON" and \
            c.targets[0].value == "it" and c.targets[1].head == "CAT" and c.targets[1].indefinite and \
            not c.targets[1].count and not _HAVE.search(c.text):  # "It's a white Ford Transit, quite dirty"
        try:
            was = it._resolve(c.targets[0], state, talked=False)[0]
        except (Missing, Ambiguous):
            was = None
        m = c.targets[1]
        if was is not None and was.category == m.value:
            for k in LOOKS:
                getattr(c, k).extend(x for x in getattr(m, k) if x not in getattr(c, k))
            if m.surface not in (m.value, "") and was.attrs.get("called") != m.surface:
                state.do(Update.of(was.id, attributes={**was.attrs, "called": m.surface}))
            c.targets = [Mention("ID", was.id, m.surface)]
    if c.verb == "flip" and len(c.targets) == 2 and _SWAPPED.search(c.text):
        c.verb = "swap"  # "oops the pie and the drink are reversed"
    if c.verb in ("hold", "wear", "kick") and c.holder is None and c.targets:
        who = next((i for i in state.order() if it.world.category(state.scene.get(i).category).people), None)
        if who is not None and (state.this_turn or state.recency().get(who) == 1):
            c.holder = Mention("ID", who, "")  # "a boy on the right, he is sad, wearing a pirate hat"
    if c.verb in ("hold", "wear", "with", "kick", "put", "add", "exist") and c.holder is not None:  # "can you put a
        # cat wearing sunglasses in the park": the cat, wearing them
        it._attach(c, state)
        return True
    if c.verb == "make" and _TURN_ROUND.search(c.text):
        c.verb = "flip"  # "turn the bear around"
    if c.copula and _LOOKS_ONLY.search(c.text) and all(m.head == "ALL" for m in c.targets) and c.targets:
        return True  # "everything looks a bit small": how it looks to them, not what to do
    if _THAN.search(c.text) and len(c.targets) == 2 and c.sizes and c.sizes[-1][0] == "rel":
        compared(it, c, state)
        return True  # "the bear is bigger than the cat"
    return False


def roles(it: "Interpreter", c: Clause, state: State) -> None:
    """"The driver", "the van driver", "a cyclist": a person by what they do with a vehicle. The person is
    found if drawn already; drawn beside (or on) the vehicle when the clause says something about them
    ("the driver, an older lady, got out"); else the words mean the vehicle ("the driver didn't stop")."""
    for m in [m for m in c.targets if m.head == "ROLE"]:
        role, kind = m.value
        vehicles = [o for o in (state.scene.get(i) for i in state.order())
                    if it.world.category(o.category).group == "vehicles" and (kind is None or o.category == kind)]
        vehicle = vehicles[0] if vehicles else None
        person = next((o for o in state.scene.objects if vehicle is not None and o.attrs.get("of") == vehicle.id
                       and o.attrs.get("role") == role), None)
        if person is not None:
            m.head, m.value = "ID", person.id
            continue
        said = [t for t in c.targets if t is not m and t.head == "CAT" and
                it.world.category(str(t.value)).people and not it._exists(t, state)]
        about = said or m.attrs or m.kinds or c.attrs or c.kinds or c.poses or c.notes or c.verb in ("add", "exist")
        if vehicle is not None and not about:
            m.head, m.value = "ID", vehicle.id
            continue
        if vehicle is None:
            if kind is None:
                raise Missing(f"Whose {m.surface}? There is no vehicle in the picture.")
            said_bike = next((lm for t in said for lm in t.landmarks if lm.head == "CAT" and lm.value == kind
                              and lm.indefinite), None)  # "a cyclist, a lad on a racing bike": that bike
            if said_bike is not None:
                for t in said:
                    if said_bike in t.landmarks:
                        t.relation, t.landmarks = None, []
                if said_bike in c.landmarks:
                    c.relation, c.landmarks = None, []
            where = Clause(c.text, relation=c.relation, landmarks=c.landmarks, abs_x=c.abs_x, abs_y=c.abs_y,
                           place=c.place)  # "a cyclist on the right": the bicycle is on the right
            it._add(said_bike or Mention("CAT", kind, kind, det="a"), where, state)
            vehicle = state.scene.get(state.this_turn[-1])
        who = said[0] if said else None
        if who is not None:  # "the driver of the car got out, an older lady": she is the driver
            c.targets.remove(who)
            m.take_looks(who)
        m.head, m.value, m.det = "CAT", str(who.value) if who is not None else "person", "a"
        m.surface = who.surface if who is not None else m.surface
        m.attrs += [("role", role), ("of", vehicle.id)]
        m.relation, m.landmarks = ("on" if role == "rider" else "next"), [Mention("ID", vehicle.id, "")]


def in_a_row(it: "Interpreter", c: Clause, state: State) -> bool:
    """"line them up left to right in that same order", "put all the balls in a line at the front": the things,
    spread evenly across the picture on one line — in the order they were said (or drawn), else as they stand."""
    objs = it._resolve_all([replace(m, relation=None, landmarks=[]) for m in c.targets], state)
    if len(objs) < 2:
        return False
    c.handled.update({"line", "order", "row", "spread", "same"})
    order = sorted(objs, key=lambda o: o.number) if _AS_LISTED.search(c.text) else sorted(objs, key=lambda o: o.x)
    w = it.world
    lo, hi = (0.2, 0.8) if len(order) <= 3 else (0.12, 0.88)
    ys = sorted(o.y for o in order)
    for k, o in enumerate(order):
        cat = w.category(o.category)
        y = P.vertical(w, cat, c.abs_y, o.scale) if c.abs_y is not None else ys[len(ys) // 2]
        x = P.clamp_x(w, o.category, o.scale, lo + (hi - lo) * k / (len(order) - 1), y)
        if (round(x, 4), round(y, 4)) != (o.x, o.y):
            state.do(Update.of(o.id, x=round(x, 4), y=round(y, 4)))
    return True


def framing(it: "Interpreter", c: Clause, state: State) -> bool:
    """"It was late at night", "it wasn't raining", "it was at the bus stop", "this was awful": the speaker
    sets the scene, "it" is no thing. Backgrounds are set, a named place is drawn; True when handled."""
    if c.backgrounds:
        state.do(SetBackground(background(it.world, state.scene.background, c.backgrounds)))
        if c.relation and c.landmarks and not c.has_predicate:  # "it happened by the bank, in the evening": the
            it._draw_missing_landmarks(c.landmarks, state, quiet=True)  # time, and the place is in the scene
        return True
    if c.not_backgrounds:
        words = set(c.not_backgrounds)
        kept = [w for w in state.scene.background.split() if w not in words]
        bg = " ".join(kept) if " ".join(kept) in it.world.backgrounds else state.scene.background
        if bg != state.scene.background:
            state.do(SetBackground(bg))
        return True
    if c.has_predicate or c.verb not in (None, "exist") or it._exists(c.targets[0], state):
        return False
    if c.relation and c.landmarks:  # "it was at the bus stop": the place is in the scene
        it._draw_missing_landmarks(c.landmarks, state, quiet=True)
    return True


def swap(it: "Interpreter", c: Clause, state: State) -> None:
    """"swap the cat and the dog" (places), "swap their colours" / "sizes", "swap the cap for a crown"."""
    if len(c.targets) == 2 and _SWAP_FOR.search(c.text) and c.targets[1].head == "CAT" and \
            (c.targets[1].indefinite or not it._exists(c.targets[1], state)):
        old = it._resolve(c.targets[0], state)[0]
        new = it.world.category(str(c.targets[1].value))
        state.do(Update.of(old.id, category=new.name))
        return None
    objs = it._resolve_all(c.targets, state)
    if len(objs) != 2:
        raise Refusal("Swap which two? e.g. 'swap the cat and the dog'.")
    a, b = objs
    what = _SWAP_WHAT.search(c.text)
    if what and what.group(1).startswith("col"):
        state.do(Update.of(a.id, color=b.color))
        state.do(Update.of(b.id, color=a.color))
    elif what and what.group(1).startswith("size"):
        state.do(Update.of(a.id, scale=b.scale, y=round(P.keep_bottom(it.world, a, b.scale), 4)))
        state.do(Update.of(b.id, scale=a.scale, y=round(P.keep_bottom(it.world, b, a.scale), 4)))
    elif a.attrs.get("with") and b.attrs.get("with") and a.attrs["with"] != b.attrs["with"]:
        # "swap the hats between the kids": each goes to the other's owner, and belongs to them now
        state.do(Update.of(a.id, x=b.x, y=b.y, attributes={**a.attrs, "with": b.attrs["with"]}), frozenset({a.id}))
        state.do(Update.of(b.id, x=a.x, y=a.y, attributes={**b.attrs, "with": a.attrs["with"]}), frozenset({b.id}))
    else:
        state.do(Update.of(a.id, x=b.x, y=b.y))
        state.do(Update.of(b.id, x=a.x, y=a.y))

def same_as(it: "Interpreter", c: Clause, state: State) -> None:
    """"make the cylinder the same colour as the cube", "as big as the sphere": copy from the last one."""
    *targets, model = c.targets
    src = it._resolve(model, state, talked=False)[0]
    hit = _SAME_AS.search(c.text)
    what = hit.group(1) or hit.group(2)
    for obj in it._resolve_all(targets, state):
        if what.startswith("col"):
            if obj.color != src.color:
                state.do(Update.of(obj.id, color=src.color))
        elif obj.scale != src.scale:
            state.do(Update.of(obj.id, scale=src.scale, y=round(P.keep_bottom(it.world, obj, src.scale), 4)))

def same_colour_as_the_others(it: "Interpreter", c: Clause, state: State) -> None:
    """"one more cube, same colour", "another one just like it": the colour of the things like it talked about
    last."""
    hit = _SAME_AS.search(c.text)
    if hit is not None and not (hit.group(1) or "").startswith("col"):
        return
    m = c.targets[0]
    order = [state.scene.get(i) for i in state.order()]
    like = [o for o in order if m.head == "CAT" and o.category == m.value and o.color] or \
        [o for o in order if o.color]
    if like:
        c.colors.append(like[0].color)


def different_colours(it: "Interpreter", c: Clause, state: State) -> bool:
    """"make the cubes all different colours": the first keeps its colour, each other one gets a colour none
    of them has, in the world's order of colours."""
    objs = sorted(it._resolve_all(c.targets, state), key=lambda o: o.x)
    if len(objs) < 2:
        raise Refusal("Different from what? That is only one thing.")
    used = {objs[0].color}
    free = [k for k in it.world.colors if k not in {o.color for o in objs}]
    for o in objs[1:]:
        if o.color in used or o.color is None:
            if not free:
                raise Refusal(f"There are not enough colours for {len(objs)} different ones.")
            state.do(Update.of(o.id, color=free.pop(0)))
        used.add(state.scene.get(o.id).color)
    return True


def most(it: "Interpreter", c: Clause, state: State) -> bool:
    """"make the yellow ball the biggest one", "it's the biggest": bigger (smaller) than every other thing."""
    big = _MOST.search(c.text).group(1) in ("biggest", "largest")
    obj = it._resolve(c.targets[0], state)[0]
    others = [o.scale for o in state.scene.objects if o.id != obj.id]
    if not others:
        return True
    scale = it.world.quantize_scale(max(others) * 1.3 if big else min(others) * 0.75)
    if (scale > obj.scale) == big and scale != obj.scale:
        state.do(Update.of(obj.id, scale=scale, y=round(P.keep_bottom(it.world, obj, scale), 4)))
    return True


def compared(it: "Interpreter", c: Clause, state: State) -> None:
    """"the bear is bigger than the cat": the bear's size from the cat's, the cat left as it is."""
    obj, other = it._resolve(c.targets[0], state)[0], it._resolve(c.targets[1], state)[0]
    factor = c.sizes[-1][1]
    bigger = factor > 1
    if (obj.scale > other.scale) == bigger and obj.scale != other.scale:
        return None  # already so
    scale = it.world.quantize_scale(other.scale * factor)
    state.do(Update.of(obj.id, scale=scale, y=round(P.keep_bottom(it.world, obj, scale), 4)))

def becomes(it: "Interpreter", c: Clause, state: State) -> bool:
    """"Change the boy into a girl", "make the boy a girl", "make it a girl instead of a boy": the thing there
    is recategorised (same place, size and look), not a second thing added beside it."""
    t = c.targets[0] if c.targets else None
    if t is None or t.indefinite or t.head not in ("CAT", "PRON", "ID", "ONE"):
        return False
    new = next((m for m in c.targets[1:] if m.head == "CAT" and m.indefinite), None)
    if new is None and t.relation in ("in", "where") and t.landmarks and t.landmarks[0].head == "CAT" and \
            t.landmarks[0].indefinite:
        new = t.landmarks[0]  # "into a girl"
    if new is None or not _BECOMES.search(c.text):
        return False
    was = next((m for m in c.targets[1:] + t.landmarks + new.landmarks + c.landmarks
                if m is not new and m.head == "CAT"), None)
    target = was if t.head == "PRON" and was is not None and was.det in ("a", "the") and \
        it._exists(replace(was, det="the"), state) else t  # "make it a girl instead of a boy": the boy
    obj = it._resolve(replace(target, det="the") if target is was else target, state)[0]
    if not _may_become(it.world, obj.category, str(new.value), c.text):
        return False
    if obj.category == new.value:
        raise Refusal(f"It is a {new.value} already.")
    state.do(Update.of(obj.id, **recategorised(it.world, obj, str(new.value))))
    return True


def _may_become(world, old: str, new: str, text: str) -> bool:
    """"The car was a van", "the cloud is a rain cloud": one kind of thing said to be another of its kind; across
    kinds only when the words say so ("turn the boy into a bear"), else "the man was pushing a bicycle", "next
    the house is one bus stop" would make the man a bicycle."""
    return bool(_SAID_TO_CHANGE.search(text)) or world.category(old).group == world.category(new).group


def _an_animal_there(it: "Interpreter", m: Mention, state: State) -> bool:
    """"the bear has a crown": an animal in the picture has things as a person does."""
    return m.head == "CAT" and it.world.category(str(m.value)).animal and not m.indefinite and it._exists(m, state)


def is_person(it: "Interpreter", m: Mention, state: State) -> bool:
    if m.head == "ID":
        return any(o.id == m.value and it.world.category(o.category).people for o in state.scene.objects)
    if m.head == "PRON":
        return m.value in ("male", "female", "plural")
    if m.head != "CAT" or not it.world.category(str(m.value)).people:
        return False
    return not m.indefinite and it._exists(m, state)


def subjects_first(clauses: Sequence[Clause]) -> list[Clause]:
    """"The boy and the girl, they are happy", "the van - I think it was red": a clause that only names things
    gives its things to the next clause about them ("they", "it", "the …"); one that nothing follows about
    ("Petrol station. Afternoon.") stays a clause of its own."""
    out: list[Clause] = []
    pending: Clause | None = None
    for c in clauses:
        if pending is not None:
            if c.targets and c.targets[0].head == "PRON":
                c.targets = pending.targets + c.targets[1:]
            elif c.targets and not c.targets[0].indefinite:
                c.targets = pending.targets + c.targets
            else:
                out.append(pending)
            pending = None
        if c.targets and not c.verb and not c.copula and not c.has_predicate and not c.has_location \
                and all(not m.indefinite for m in c.targets) and c is not clauses[-1] and \
                not ACTION.search(c.text):  # "the one in the hoodie shoved him, and he fell": said, and done
            pending = c
            continue
        out.append(c)
    return out


def recategorised(world: World, obj: SceneObject, category: str) -> dict:
    """The changes that make `obj` a `category`: the same place and size; a person's pose and look stay."""
    from .corrections import recategorise

    new = recategorise(world, obj, category)
    return {k: getattr(new, k) for k in ("category", "pose", "expression", "color") if getattr(new, k) != getattr(obj, k)}
