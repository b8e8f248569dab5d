"""Corrections: "no, …" replaces what the last turn did instead of stacking a new edit on top."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..scene import Add, Edit, Scene, SceneObject, Update
from ..worlds import World
from . import placement as P
from . import replies
from .base import Context, Parse
from .lexicon import CORRECTION_MARKERS, normalise
from .looks import looks, said_not_worn
from .references import Ambiguous, Missing, touched
from .state import Refusal, State

if TYPE_CHECKING:
    from .interpret import Interpreter


_LEAD = re.compile(r"^(?:(?:hmm+|um+|uh+|er+m?|oh|ah|well|ok|okay|so|wait|oops|sorry)\s*,?\s+)+(?=no\b|nope\b|"
                   r"actually\b|not\b|i meant\b|sorry\b|wait\b)")


_NOT_A_THING = {"add", "put", "make", "move", "draw", "place", "give", "next", "to", "in", "on", "at", "behind",
                "front", "left", "right", "between", "near", "by", "under", "over", "above", "of", "there", "here",
                "it", "them", "him", "her"}


def correction(text: str) -> str | None:
    """The corrected content if `text` corrects the previous turn ("no, I meant blue" -> "blue")."""
    t = _LEAD.sub("", re.sub(r"\s*[!?]+\s*", " , ", normalise(text)).replace(",", " , "))  # "hmm, no, it was a dog",
    # "no!! blue"
    t = re.sub(r"^((?:no|nope|nah|actually|sorry)\b)\.(?=\s)", r"\1 ,", t)  # "No. Surprised.": "no, surprised"
    words = t.split()
    if not words:
        return None
    said = [w for w in words[:-1] if w not in (",", "hmm", "um", "oh", "ok", "okay", "well", "maybe")]
    if len(words) > 1 and words[-1].strip(".") == "instead" and 0 < len(said) <= 4 and not set(said) & _NOT_A_THING:
        words = ["no", ","] + said  # "hmm, a frisbee instead": "no, a frisbee" (not "a sphere next to the cylinder
        # instead", said after a turn that could not be done: a new thing, in place of what was refused)
    joined = " ".join(words)
    for marker in sorted(CORRECTION_MARKERS, key=len, reverse=True):
        if joined == marker:
            return None
        if joined.startswith(marker + " "):
            rest = joined[len(marker):].strip(" ,.")
            again = correction(rest) if marker != "not" else None
            if again is not None:  # "actually, no, it was a woman": one correction, said twice over
                return again
            if marker == "not" and "," not in rest and " but " not in rest:
                return None
            rest = re.sub(r"^(i meant|i mean|it was|it is|it should be|make it|it should have been)\b", "",
                          rest).strip(" ,.")
            if marker in ("not",):
                rest = "not " + rest
            return rest or None
    return None


def revise(interp: "Interpreter", clauses, context: Context) -> Parse | None:
    """The last turn done again with the correction in place ("no, a hamburger", "no, I meant blue",
    "actually he was on the left"), or None when the correction is about something the last turn did not
    touch (then it is an ordinary new turn)."""
    world = interp.world
    last = context.entries[-1]
    before = context.scene_before_last()
    ids = list(dict.fromkeys(touched(last.edits)))
    if not ids:
        return None
    c = clauses[0]
    if said_not_worn(c):
        return None  # "actually, he wasn't wearing a cap": it comes off him, as a turn of its own does that
    moved = _to_the_other_one(world, c, last, before, ids) or _only_some(interp, c, last, before, ids)
    if moved is not None:
        return moved
    wrong = [m for m in c.targets if m.negated]
    right = [m for m in c.targets if not m.negated]
    last_scene = last.scene

    said = next((m for m in right if m.head == "CAT" and _new(interp, m, last_scene)), None)
    doing = re.search(r"\bthe (?:other )?one ([a-z]+ing)\b", c.text)

    def pick() -> list[str] | None:
        pool = [i for i in ids if any(o.id == i for o in last_scene.objects)] or ids
        if said is not None and str(said.value) in world.category_names and world.category(str(said.value)).people:
            pool = [i for i in pool if world.category(last_scene.get(i).category).people] if all(
                any(o.id == i for o in last_scene.objects) for i in pool) else pool  # "it was a girl": a person
            if not pool:
                return None
        if doing:  # "the one filming was a girl": the one noted as filming
            pool = [i for i in pool if any(o.id == i and doing.group(1) in " ".join(o.attrs.get("notes", ())).split()
                                           for o in last_scene.objects)]
            return pool[:1] or None
        for m in wrong + right:
            if m.head == "CAT" and _new(interp, m, last_scene) and not wrong:
                continue  # "no, a hamburger": the replacement, not the target
            try:
                objs = interp.resolver.resolve(m, last_scene, pool + [o.id for o in last_scene.objects],
                                             True)
            except (Missing, Ambiguous):
                if m.head in ("CAT", "KIND") and not m.indefinite:
                    return None
                continue
            hit = [o.id for o in objs if o.id in pool]
            if hit:
                return hit if m.plural else hit[:1]
            if not m.indefinite:  # it names something the last turn did not touch: a new edit, not a fix
                return None
        adds = [e.obj for e in last.edits if isinstance(e, Add)]
        if adds:  # everything the last turn added of the kind it added last ("two red cylinders")
            return [o.id for o in adds if o.category == adds[-1].category]
        objs = {o.id: o for o in last_scene.objects}
        main = [i for i in pool if i in objs and not {objs[i].attrs.get("with"), objs[i].attrs.get("of")} & set(pool)]
        return (main or pool)[-1:]  # "put the boy on the right" — "no, left": the boy (his ball goes with him)

    targets = pick()
    if not targets:
        return None
    replacement = next((m for m in right if m.head == "CAT" and _new(interp, m, last_scene)), None)
    if replacement is not None and (replacement.count or 1) > 1 and any(
            o.id in targets and o.category == replacement.value for o in last_scene.objects):
        said = [(str(m.value), m.count or 1) for cl in clauses for m in cl.targets
                if m.head == "CAT" and m.indefinite and not m.negated]
        counted = _recounted(world, last, before, context, said if len(said) == sum(len(cl.targets) for cl in clauses)
                             else [(str(replacement.value), replacement.count)])
        if counted is not None:
            return counted
        raise Refusal(f"I can't change how many {replacement.surface} there are by a correction — say e.g. "
                      f"'add another {replacement.value}' or 'remove the {replacement.value}'.")
    described = next((m for m in right if m.head == "ONE"), None)  # "no, I meant a purple one": its looks
    state = State(before, context.entries[:-1])
    new_edits: list[Edit] = []
    carried = {o.id for o in last_scene.objects if {o.attrs.get("with"), o.attrs.get("of")} & set(targets)}
    for e in last.edits:
        if isinstance(e, Add) and e.obj.id in targets:
            obj = e.obj
            if replacement is not None:
                obj = recategorise(world, obj, str(replacement.value))
                replacement_mention = replacement
            else:
                replacement_mention = described
            cat = world.category(obj.category)
            new_looks = looks(world, cat, replacement_mention, c, state, obj)
            if "scale" in new_looks and not c.has_location:
                new_looks["y"] = round(P.keep_bottom(world, obj, new_looks["scale"]), 4)
            obj = obj.with_(**new_looks)
            if c.has_location:
                x, y = interp._new_position(obj, c, State(before, state.entries))
                obj = obj.with_(x=round(x, 4), y=round(y, 4))
            new_edits.append(Add(obj))
        elif isinstance(e, Update) and e.id in targets:
            target = e.id
            old = (before.get(target) if any(o.id == target for o in before.objects) else None)
            if old is None:
                new_edits.append(e)
                continue
            changes = dict(e.changes)
            cat = world.category(old.category)
            changes.update(looks(world, cat, described, c, state, old.with_(**changes)))
            if c.has_location:  # placed at the size the last turn gave it ("bigger" … "actually on the right")
                sized = old.with_(scale=changes["scale"], y=changes.get("y", old.y)) if "scale" in changes else old
                x, y = interp._new_position(sized, c, State(before, state.entries))
                changes["x"], changes["y"] = round(x, 4), round(y, 4)
            if replacement is not None:
                changes.update(recategorise(world, old, str(replacement.value)).to_dict())
                changes = {k: v for k, v in changes.items() if k in ("category", "pose", "expression",
                                                                     "x", "y", "scale", "color", "flip")}
            new_edits.append(Update.of(target, **changes))
        elif isinstance(e, Update) and e.id in carried and c.has_location:
            continue  # moved along with its owner again, from the corrected place (State.carry)
        else:
            new_edits.append(e)
    if tuple(new_edits) == tuple(last.edits):
        return None
    try:
        new_edits = _carried(last.edits, new_edits, State(before, context.entries[:-1]))
    except Exception:
        return None
    return Parse(command="revise", edits=tuple(new_edits), reply=replies.fixed(world, last, new_edits, state.notes))


def _new(interp: "Interpreter", m, scene: Scene) -> bool:
    """"no, a hamburger", and a learner's bare "not dog, is cat": a thing of a kind not in the picture."""
    return m.indefinite or m.det is None and not m.plural and not any(
        o.category in interp.lex.refers_to(str(m.value), m.surface) for o in scene.objects)


_OTHER = re.compile(r"^(?:no |not (?:him|her|that one) )?(?:, )?(?:i meant |i mean )?the other (?:one|\w+)\b")


def _to_the_other_one(world: World, c, last, before: Scene, ids: list[str]) -> Parse | None:
    """"make him wave" — "no, the other one": the same change, on the other one of that kind, and not on
    the first (None when the last turn was not one change to one thing, or there is no single other)."""
    if not _OTHER.search(c.text) or len(ids) != 1 or not all(isinstance(e, Update) for e in last.edits):
        return None
    was = before.get(ids[0]) if any(o.id == ids[0] for o in before.objects) else None
    if was is None:
        return None
    people = world.category(was.category).people
    others = [o for o in before.objects if o.id != was.id and (o.category == was.category or people and
                                                                world.category(o.category).people)]
    named = [m for m in c.targets if m.head == "CAT"]
    if named:  # "no, the other one, the girl"
        others = [o for o in others if o.category == named[0].value] or others
    if len(others) != 1:
        return None
    other = others[0]
    changes = {k: v for e in last.edits for k, v in e.changes if k not in ("x", "y")}
    if "scale" in changes:
        changes["y"] = round(P.keep_bottom(world, other, changes["scale"]), 4)
    edits = (Update.of(other.id, **changes),) if changes else ()
    if not edits:
        return None
    return Parse(command="revise", edits=edits, reply=replies.fixed(world, last, list(edits), []))


def _recounted(world: World, last, before: Scene, context: Context, said: list[tuple[str, int]]) -> Parse | None:
    """"a cloud" — "Sorry, I mean two clouds", "two men and a woman" — "it was two women and one man": the last
    turn again with that many of each kind (more like the last one, placed where there is room; or the extra ones
    left out). None unless the last turn added things of each kind said."""
    want = dict(said)
    adds = {cat: [e.obj for e in last.edits if isinstance(e, Add) and e.obj.category == cat] for cat in want}
    if not all(adds.values()) or any(n > 12 for n in want.values()) or all(
            n == len(adds[cat]) for cat, n in want.items()):
        return None
    drop = {o.id for cat, n in want.items() for o in adds[cat][n:]}
    drop |= {e.obj.id for e in last.edits if isinstance(e, Add) and
             {e.obj.attrs.get("with"), e.obj.attrs.get("of")} & drop}
    state = State(before, context.entries[:-1])
    for e in last.edits:
        if not (isinstance(e, Add) and e.obj.id in drop or isinstance(e, Update) and e.id in drop):
            state.do(e)
    for cat, n in want.items():
        like = next((o for o in last.scene.objects if o.id == adds[cat][-1].id), adds[cat][-1])  # as it is now
        for _ in range(n - len(adds[cat])):
            x, y = P.free_spot(world, state.scene, world.category(cat), like.scale, like.y)
            own = {k: v for k, v in like.attrs.items() if k not in ("with", "of", "role")}  # (not its holder's)
            state.do(Add(like.with_(id=state.scene.new_id(), x=round(x, 4), y=round(y, 4), attributes=own)))
    said_as = " and ".join(f"{n} {world.category(cat).plural_name if n > 1 else cat}" for cat, n in want.items())
    was = " and ".join(f"{len(adds[cat])}" for cat in want)
    return Parse(command="revise", edits=tuple(state.edits), reply=f"Fixed: {said_as} now (not {was}).")


def _only_some(interp: "Interpreter", c, last, before: Scene, ids: list[str]) -> Parse | None:
    """"All of them silver." — "No. Just the white one.": the last turn's change, kept only on the ones named
    (as they were before it); the rest go back (None unless the last turn changed several things)."""
    if not re.match(r"^(?:just|only)\b", c.text) or len(ids) < 2 or len(c.targets) != 1 or \
            not all(isinstance(e, Update) for e in last.edits):
        return None
    try:
        objs = interp.resolver.resolve(c.targets[0], before, ids, True)
    except (Missing, Ambiguous):
        return None
    keep = {o.id for o in objs if o.id in ids}
    keep |= {o.id for o in before.objects if {o.attrs.get("with"), o.attrs.get("of")} & keep}
    if not keep or keep >= set(ids):
        return None
    edits = tuple(e for e in last.edits if e.id in keep)
    return Parse(command="revise", edits=edits, reply=replies.fixed(interp.world, last, list(edits), []))


def _carried(old_edits, new_edits, state: State) -> list[Edit]:
    """The corrected edits with what belongs to a moved thing moved along ("actually she was on the left":
    her crown too; "the cyclist was on the left": the bicycle too): things added in the same turn shift with
    their owner, things from earlier turns by `State.carry`."""
    was = {e.obj.id: e.obj for e in old_edits if isinstance(e, Add)}
    now = {e.obj.id: e.obj for e in new_edits if isinstance(e, Add)}
    moved = {i: (was[i], o) for i, o in now.items() if i in was and (was[i].x, was[i].y, was[i].flip) != (o.x, o.y, o.flip)}

    def owner_of(obj: SceneObject) -> tuple[SceneObject, SceneObject] | None:
        own = moved.get(str(obj.attrs.get("with") or obj.attrs.get("of") or ""))
        if own is None:  # a vehicle goes with the rider who rides it
            rider = next((m for i, m in moved.items() if m[1].attrs.get("role") == "rider"
                          and m[1].attrs.get("of") == obj.id), None)
            own = rider
        return own if obj.id not in moved else None

    for e in new_edits:
        if isinstance(e, Add) and (owner := owner_of(e.obj)) is not None:
            (o0, o1), obj = owner, e.obj
            flip = o0.flip != o1.flip
            x = o1.x - (obj.x - o0.x) if flip else obj.x + o1.x - o0.x
            e = Add(obj.with_(x=round(x, 4), y=round(obj.y + o1.y - o0.y, 4), flip=obj.flip != flip))
        state.do(e)
    return state.edits


def recategorise(world: World, obj: SceneObject, category: str) -> SceneObject:
    """`obj` as another category: the same place and size; pose and expression kept only for people."""
    cat = world.category(category)
    return obj.with_(category=category, pose=obj.pose if cat.people else None,
                     expression=obj.expression if cat.people else None,
                     color=obj.color if cat.colorable or not world.scales else None)
