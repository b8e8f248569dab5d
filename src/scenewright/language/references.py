"""Which objects a noun phrase means: "it", "him", "the other one", "the leftmost tree", "the red one".

Salience comes from the dialog itself: objects mentioned earlier in this turn, then the objects each earlier
turn touched (most recent first), then the newest objects. Undo moves the history, so salience follows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Sequence

from ..scene import Add, Entry, Remove, Scene, SceneObject, Update
from ..worlds import World
from .lexicon import Lexicon
from .reader import animacy, gender_of


LOOKS = ("colors", "sizes", "expressions", "poses", "attrs", "kinds")  # what a mention says a thing looks like


def wears(o: SceneObject, slot: str, colour: str | None, kind: str) -> bool:
    """Does `o` wear `kind` (in `colour`)? "the red shirt lad" is the one in the red football shirt."""
    worn = str(o.attrs.get(f"{slot}_kind", ""))
    if not worn or not (worn == kind or worn.split()[-1] == kind.split()[-1]):
        return False
    has = str(o.attrs.get(slot, ""))
    return colour is None or has == colour or has.split()[-1:] == colour.split()[-1:]  # "green" for dark green


@dataclass
class Mention:
    """A noun phrase: determiner, count, modifiers before the head, and the head itself."""

    head: str  # "CAT" | "PRON" | "ONE" | "ALL" | "REST" | "ROLE" | "ID" (one object, found already) | "UNKNOWN"
    value: object = None  # category name / pronoun kind / unknown word
    surface: str = ""
    det: str | None = None  # "a" | "the" | "all" | "another" | "other" | None
    count: int | None = None
    plural: bool = False
    pick: int | None = None  # "one of the spheres" -> 1
    ordinal: int | None = None
    ordinal_from: str | None = None  # "the second one from the left": counted along x, not by age
    superlative: tuple | None = None
    colors: list[str] = field(default_factory=list)
    sizes: list[tuple] = field(default_factory=list)
    expressions: list[str] = field(default_factory=list)
    poses: list[str] = field(default_factory=list)
    attrs: list[tuple] = field(default_factory=list)
    kinds: list[tuple] = field(default_factory=list)
    owner: "Mention | None" = None  # "the boy's hat": the one who has it on or holds it
    depth_hint: str | None = None  # "the one in the back": "top" (furthest back) or "bottom" (nearest)
    side: float | None = None  # "the left one": x the referent should be near
    side_hint: float | None = None  # "the cube on the left": which cube, when there are several
    negated: bool = False
    excluded: list["Mention"] = field(default_factory=list)  # "everything except the cylinder"
    relation: str | None = None  # where this thing is: "front" of `landmarks`
    landmarks: list["Mention"] = field(default_factory=list)
    start: int = 0
    end: int = 0

    def take_looks(self, other: "Mention") -> None:
        """What `other` says about the same thing, added to what this mention says ("a car, a dark car")."""
        for name in LOOKS:
            mine = getattr(self, name)
            mine.extend(v for v in getattr(other, name) if v not in mine)

    @property
    def indefinite(self) -> bool:
        if self.head in ("PRON", "ALL", "REST", "ID", "ROLE"):
            return False
        if self.det in ("a", "another") or (self.count is not None and self.pick is None and self.det != "the"):
            return True
        return self.head == "UNKNOWN" and self.det is None  # a bare noun ("tree on the left") is decided
        # by the interpreter: it means the tree there is, or a new one when there is none

    @property
    def gender(self) -> str | None:
        if self.head == "CAT":
            return gender_of(str(self.value), self.surface)
        return None


class Ambiguous(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class Missing(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def touched(edits) -> list[str]:
    ids = []
    for e in edits:
        if isinstance(e, Add):
            ids.append(e.obj.id)
        elif isinstance(e, (Update, Remove)):
            ids.append(e.id)
    return ids


def salience(scene: Scene, entries: Sequence[Entry], this_turn: Sequence[str]) -> list[str]:
    """Ids of objects in `scene`, most salient first."""
    present = {o.id for o in scene.objects}
    order: list[str] = []
    for i in reversed(this_turn):
        if i in present and i not in order:
            order.append(i)
    for entry in reversed(entries):
        for i in reversed(touched(entry.edits)):
            if i in present and i not in order:
                order.append(i)
    for o in sorted(scene.objects, key=lambda o: -o.number):
        if o.id not in order:
            order.append(o.id)
    return order


class Resolver:
    def __init__(self, world: World, lexicon: Lexicon):
        self.world = world
        self.lex = lexicon

    @staticmethod
    def gender(o: SceneObject) -> str | None:
        """A person's gender from their category, or from the word they were called ("a little boy")."""
        return gender_of(o.category, str(o.attrs.get("called", "")))

    def name_example(self, one: bool = False) -> str:
        """How to name a thing of this world: "'the man' or 'the car on the left'" (street)."""
        person = next((c.name for c in self.world.categories if c.people), None)
        thing = next((c.name for c in self.world.categories if not c.people), self.world.categories[0].name)
        if self.world.name == "shapes":
            return "'the red cube'" if one else "'the red cube' or 'the sphere on the left'"
        return f"'the {person or thing}'" if one else f"'the {person or thing}' or 'the {thing} on the left'"

    def describe(self, m: Mention) -> str:
        words = m.colors[:1] + m.expressions[:1]
        if m.head == "CAT":
            name = m.surface if m.surface else str(m.value)
            return " ".join(words + [name])
        if m.head == "KIND":
            return f"one with a {m.value[1]}"
        return " ".join(words + ["one"]) if words else "thing"

    def by_a_place(self, m: Mention) -> bool:
        """"the shop guy", "the cafe lady", "the van man": a person named by a place or vehicle of theirs."""
        words = (m.surface or "").split()
        return len(words) == 2 and self.world.category(str(m.value)).people and \
            any(words[0] in (k.name, *k.synonyms) for k in self.world.categories if not k.people)

    def candidates(self, m: Mention, scene: Scene, order: list[str]) -> list[SceneObject]:
        objs = list(scene.objects)
        if m.head == "ID":
            return [o for o in objs if o.id == m.value]
        if m.head == "CAT":
            cats = self.lex.refers_to(str(m.value), m.surface)
            named = m.surface in (m.value, self.world.category(str(m.value)).plural_name) if m.surface else True
            exact = [o for o in objs if o.category == m.value] if named else []
            alike = exact or [o for o in objs if o.category in cats]  # "the cars" are cars, not police cars;
            # "the ball" is any ball
            if alike and m.det in ("the", None) and self.by_a_place(m):  # "the shop guy", "the cafe lady": the
                # one called so; "motorcycle guy": the one who rides it (or holds it); else someone new
                word = m.surface.split()[0]
                kin = {k.name for k in self.world.categories if word in (k.name, *k.synonyms)}
                ours = lambda o: any(x.category in kin and (x.id == o.attrs.get("of") or  # noqa: E731
                                                            x.attrs.get("with") == o.id) for x in scene.objects)
                by = lambda o: any(x.category in kin and abs(x.x - o.x) < 0.2 for x in scene.objects)  # noqa: E731
                alike = [o for o in alike if o.attrs.get("called") == m.surface] or \
                    [o for o in alike if ours(o)] or [o for o in alike if by(o)]  # "the shop guy": the one by it
            words = (m.surface or "").split()
            if len(alike) > 1 and len(words) > 1 and m.det in ("the", None):  # "beard guy", "the scary man": the
                noted = [o for o in alike if o.attrs.get("called") == m.surface or any(  # one noted so, if any
                    w in " ".join(o.attrs.get("notes", ())).split() for w in words[:-1])]
                alike = noted or alike
            head = m.surface.split()[-1] if m.surface else ""
            if not alike and m.det == "the" and head:  # "the balloon" when only a hot air balloon is there
                alike = [o for o in objs if o.category.split()[-1] in (head, head.rstrip("s"))]  # its head noun:
                # not "the bus" for a bus stop
            objs = alike
        elif m.head == "KIND":  # "the hoodie": whoever wears one
            slot, kind = m.value
            objs = [o for o in objs if o.attrs.get(f"{slot}_kind") == kind]
        elif m.head == "PRON":
            kind = m.value
            if kind in ("male", "female"):  # he/she: a person of that gender, or one whose gender is not said
                people = [o for o in objs if animacy(self.world, o.category) == "person"]
                gendered = [o for o in people if self.gender(o) == kind]
                animals = [o for o in objs if animacy(self.world, o.category) == "animal"]
                top = next((o for o in objs if order and o.id == order[0]), None)
                if top is not None and top in people and self.gender(top) is None:
                    gendered = [top] + gendered  # "kid got up, he was alright": the kid just talked about
                objs = gendered or [o for o in people if self.gender(o) is None] or animals  # "the bear … he"
            elif kind == "it":  # a thing, never a person
                objs = [o for o in objs if animacy(self.world, o.category) != "person"]
        for color in m.colors:
            objs = [o for o in objs if o.color == color]
        for e in m.expressions:
            objs = [o for o in objs if o.expression == e]
        for p in m.poses:
            objs = [o for o in objs if o.pose == p]
        for slot, colour, kind in m.kinds:  # "the one in the hoodie": who wears one, when anyone does
            objs = [o for o in objs if wears(o, slot, colour, kind)] or \
                [o for o in objs if not o.attrs.get(f"{slot}_kind")]  # not one who is said to wear another
        if m.owner is not None:  # "the boy's hat": what he wears or holds
            owners = {o.id for o in self.candidates(m.owner, scene, order)}
            objs = [o for o in objs if o.attrs.get("with") in owners]
        for attr, value in m.attrs:  # "the old lady": picks among several; with none described so, it describes
            if attr == "facial_hair":  # "the bearded one": the one a beard was noted on (with none, it describes)
                objs = [o for o in objs if str(value).split()[-1] in " ".join(o.attrs.get("notes", ())).split()] \
                    or objs
                continue
            objs = [o for o in objs if attr in self.world.category(o.category).attributes] or objs  # "the tall
            objs = [o for o in objs if o.attrs.get(attr) == value] or \
                [o for o in objs if attr not in o.attrs] or objs  # one" is a person, not the bus stop; "the
            # taller man" when neither was called tall: not the one said to be short
        rank = {i: k for k, i in enumerate(order)}
        return sorted(objs, key=lambda o: rank.get(o.id, 10**6))

    def resolve(self, m: Mention, scene: Scene, order: list[str], plural_ok: bool = True,
                last_group: Sequence[str] = (), recency: dict[str, int] | None = None,
                group: Sequence[str] | None = None) -> list[SceneObject]:
        """The objects `m` refers to, most salient first. Raises Missing or Ambiguous. With `recency` (turns
        since each object was last touched), "the man" among two men is the one talked about more recently;
        it asks only when they are equally recent. `group` is what "they" means (else `last_group`)."""
        found = self._resolve(m, scene, order, plural_ok, last_group, recency or {},
                              last_group if group is None else group)
        if not m.excluded:
            return found
        spared = {x.id for e in m.excluded
                  for x in self.resolve(e, scene, order, True, last_group)[:e.pick or None]}  # ("except one")
        out = [o for o in found if o.id not in spared]
        if not out:
            raise Missing("That leaves nothing to change.")
        return out

    def _resolve(self, m: Mention, scene: Scene, order: list[str], plural_ok: bool,
                 last_group: Sequence[str], recency: dict[str, int], group: Sequence[str]) -> list[SceneObject]:
        if m.head == "REST":  # "the rest", "the others": all but the ones just talked about
            named = set(last_group)
            pool = [o for o in scene.objects if o.id not in named]
            if m.value and m.value in self.world.category_names:
                pool = [o for o in pool if o.category in self.lex.refers_to(str(m.value), str(m.value))]
            if not pool:
                raise Missing("There are no others.")
            return pool
        if m.head == "ALL":
            if not scene.objects:
                raise Missing("The picture is empty.")
            if str(m.surface).startswith(("everyone", "everybody")):  # the people, not the cars they were in
                people = [o for o in scene.objects if self.world.category(o.category).people]
                if not people:
                    raise Missing("There is no one in the picture.")
                return people
            objs = list(scene.objects)
            for color in m.colors:  # "remove the green objects", "everything red": only those
                objs = [o for o in objs if o.color == color]
            for kind, value in m.sizes:
                if kind == "abs" and value != 1.0:
                    objs = [o for o in objs if (o.scale > 1.0) == (value > 1.0) and o.scale != 1.0]
            if not objs:
                raise Missing(f"There is nothing {' '.join(m.colors + ['that size'] * bool(m.sizes))} in the picture.")
            return objs
        cands = self.candidates(m, scene, order)
        if m.head == "ONE" and m.kinds and 1 <= len(cands) < len(scene.objects) and \
                all(any(wears(o, s, colour, k) for s, colour, k in m.kinds) for o in cands):
            pass  # "the one in the hoodie": whoever has it, whatever was talked about last
        elif m.head == "ONE" and order and m.surface.rstrip("s") not in ("object", "thing", "shape"):
            # "the red one", "the other one": among things like the one we talked about last (an "object" is any)
            last = scene.get(order[0])
            same = [o for o in cands if o.category == last.category]
            if m.det == "other" or "other" in m.surface:
                others = [o for o in same if o.id != last.id] or [o for o in cands if o.id != last.id]
                cands = others
            elif same and not (m.colors or m.expressions or m.poses or m.side is not None or m.plural and m.sizes or
                               m.sizes and m.det == "the" and len({o.scale for o in same}) == 1 <
                               len({o.scale for o in cands})) or \
                    len(same) >= 2 and m.side is not None and not (m.colors or m.expressions or m.poses):
                cands = same  # "left one blue" after "two red cylinders": the left cylinder
        elif m.det == "other" and cands:
            cands = cands[1:]  # "the other man" with one man there: not him (someone new, or there is none)
        if not cands:
            if m.head == "PRON":
                raise Missing(f"I'm not sure who or what {m.surface or 'it'!r} is — say it with a name, e.g. "
                              f"{self.name_example(one=True)}.")
            if not scene.objects:
                raise Missing("The picture is empty — there is nothing to change yet.")
            raise Missing(f"There is no {'other ' if m.det == 'other' else ''}{self.describe(m)} in the picture.")
        if m.head == "PRON":
            if m.value == "plural":
                rank = {i: k for k, i in enumerate(order)}  # the group's topic first: a landmark drawn along is last
                they = sorted((scene.get(i) for i in group if any(o.id == i for o in scene.objects)),
                              key=lambda o: rank.get(o.id, 10**6))
                every = str(m.surface).startswith(("all", "every", "each"))  # "all of them": every one, not two
                if every and (len(they) <= 1 or order and order[0] not in {o.id for o in they}):
                    found = cands  # "… make the sphere smaller. and move all of them": all, the sphere too
                else:
                    found = they if len(they) > 1 else cands[:2] if len(cands) >= 2 else cands
                return found[:m.pick] if m.pick else found  # "one of them": one of that group
            return self._singly(m, cands, recency)[:1]
        if m.ordinal is not None:
            by_age = sorted(cands, key=lambda o: o.number) if m.ordinal_from is None else \
                sorted(cands, key=lambda o: o.x if m.ordinal_from == "left" else -o.x)
            k = m.ordinal
            if abs(k) > len(by_age) or k == 0:
                raise Missing(f"There are only {len(by_age)} of those.")
            return [by_age[k - 1] if k > 0 else by_age[k]]
        if m.plural and m.sizes and m.sizes[-1][0] == "abs" and m.sizes[-1][1] != 1.0 and m.superlative is None:
            big = m.sizes[-1][1] > 1.0  # "all the big ones", "the small cubes": those of that size, not the biggest
            sized = [o for o in cands if o.scale != 1.0 and (o.scale > 1.0) == big]
            if not sized:
                raise Missing(f"There is nothing {'big' if big else 'small'} like that in the picture.")
            return sized
        if m.superlative is None and m.det == "the" and m.sizes and len(cands) > 1 and \
                m.sizes[-1][0] in ("abs", "rel") and m.sizes[-1][1] != 1.0 and \
                all("height" in self.world.category(o.category).attributes for o in cands):
            want, other = ("short", "tall") if m.sizes[-1][1] < 1 else ("tall", "short")  # "the small one had a
            heights = [o.attrs.get("height") for o in cands]  # moustache": of a tall man and a shorter one
            picked = [o for o, h in zip(cands, heights) if h == want] or \
                ([o for o, h in zip(cands, heights) if h != other] if other in heights else [])
            if len(picked) == 1:
                return picked
        if m.superlative is None and m.det == "the" and m.sizes and len(cands) > 1 and \
                m.sizes[-1][0] in ("abs", "rel") and m.sizes[-1][1] != 1.0:  # "the tiny one", "the big cube",
            m.superlative = ("scale", min if m.sizes[-1][1] < 1 else max)  # "the bigger one": the smallest / biggest
        if m.superlative is not None and m.superlative[0] == "ends" and len(cands) >= 2:
            by_x = sorted(cands, key=lambda o: o.x)  # "the cubes on the ends"
            return [by_x[0], by_x[-1]]
        if m.superlative is not None and m.superlative[0] == "scale" and len(cands) > 1 and len(
                {(self.world.category(o.category).height * o.scale, self.world.size_factor(o.y)) for o in cands}) == 1:
            raise Ambiguous(f"They are all the same size. {self.which(m, cands)}")  # "the bigger one" of three
            # alike: a guess would be a wrong picture
        if m.superlative is not None and m.superlative[0] != "ends":
            key, fn = m.superlative
            if key == "scale" and self.world.perspective:  # CLEVR's sizes: "the biggest object" is the large
                return [fn(cands, key=lambda o: (self.world.category(o.category).height * o.scale,  # one, far
                                                 self.world.size_factor(o.y)))]                 # or near
            if key == "scale":  # "the biggest ball": how big it looks, not its scale number
                return [fn(cands, key=lambda o: self.world.category(o.category).height * o.scale
                           * self.world.size_factor(o.y))]
            return [fn(cands, key=lambda o: getattr(o, key))]
        if m.side == 0.5 and len(cands) >= 3 and len(cands) % 2:  # "the middle one" of a row: the one between
            return [sorted(cands, key=lambda o: o.x)[len(cands) // 2]]
        if m.side is not None:
            return [min(cands, key=lambda o: abs(o.x - m.side))]
        if m.pick is not None:
            return cands[:m.pick]
        if m.det == "all" or (m.plural and plural_ok):
            return cands
        if len(cands) == 1:
            return cands
        if m.det == "another":
            return cands[:1]
        guessed = any(all(o.attrs.get(attr) != value for o in cands) for attr, value in m.attrs)
        if guessed and m.det == "the" and self.world.category(cands[0].category).people:
            said = " ".join(str(v) for _, v in m.attrs)  # "the tall one" of two lads, neither said to be tall:
            raise Ambiguous(f"Which one is the {said} one? None of them was said to be {said} yet — say e.g. "
                            f"'the one on the left is {said}'.")  # a guess would be a wrong picture
        ages = sorted((recency.get(o.id, 10**6), k) for k, o in enumerate(cands))
        if len(ages) > 1 and ages[0][0] < ages[1][0]:
            return [cands[ages[0][1]]]  # the one talked about last
        raise Ambiguous(self.which(m, cands))

    def _singly(self, m: Mention, cands: list[SceneObject], recency: dict[str, int]) -> list[SceneObject]:
        """"it" is one thing: when the most salient ones were changed together in an earlier turn ("make them
        blue" of two cylinders), the thing of their group talked about on its own just before ("a sphere") comes
        first."""
        if not cands or cands[0].id not in recency or recency[cands[0].id] == 0:
            return cands
        turn = recency[cands[0].id]
        together = [o for o in cands if recency.get(o.id) == turn and o.category == cands[0].category]
        if len(together) < 2:
            return cands
        kind = self.world.category(cands[0].category).group
        alone = next((o for o in cands if recency.get(o.id) == turn + 1 and
                      self.world.category(o.category).group == kind and
                      sum(r == turn + 1 for r in recency.values()) == 1), None)  # (in the turn just before)
        if alone is None and m.surface == "it" and len(together) == len(cands) and \
                len({(o.color, o.scale) for o in together}) == 1 and not any(o.attrs.get("with") for o in together):
            # "Add two red spheres." — "Make it blue.": which of the two alike? asked, not guessed, when nothing
            # else could be "it" (a "he" among two men a witness named together is the one they go on to describe)
            what = self.world.category(together[0].category).plural_name
            raise Ambiguous(f"'{m.surface or 'it'}' could be either of the {len(together)} {what} — which one? "
                            f"Say e.g. 'the left one' or 'the right one'." if len(together) == 2 else
                            f"'{m.surface or 'it'}' could be any of the {len(together)} {what} — which one? "
                            f"Say e.g. 'the leftmost' or 'the rightmost'.")
        return [alone] + [o for o in cands if o is not alone] if alone is not None else cands

    def which(self, m: Mention, cands: list[SceneObject]) -> str:
        """The question to ask when a phrase fits several things."""
        colors = sorted({o.color for o in cands if o.color})
        if len(colors) == len(cands):
            hints = [f"the {c} one" for c in colors]
        elif len(cands) == 2:
            hints = ["the left one", "the right one"]
        else:
            hints = ["the leftmost", "the rightmost", "the first", "the last"]
        what = self.world.category(cands[0].category).plural_name if m.head == "CAT" else "of those"
        return f"There are {len(cands)} {what} — which one? Say e.g. {' or '.join(repr(h) for h in hints[:3])}."
