"""The speaker in the picture: "this is me, I'm the boy in the middle" — a child (or anyone) who draws themself.

Once a turn says who "I" am ("I'm the boy", "this is me, I'm the girl"), that person is drawn (or, when there is
exactly one, found) and kept with `attributes["role"] = "speaker"`; from then on "I", "me", "my" in a turn mean
them: "my sister is next to me" is a girl next to the boy, "I'm wearing my viking helmet" goes on his head, "I'm
happy" makes him happy. A turn is rewritten in the third person before it is read, so every other rule applies
unchanged. Without a speaker in the picture nothing is rewritten: a witness's "I was standing at the bus stop"
is about the witness, who is not drawn.
"""

from __future__ import annotations

import re

from ..scene import Scene, SceneObject
from ..worlds import World
from .lexicon import Lexicon, normalise
from .reader import gender_of

_INTRO = re.compile(r"\b(?:this is me\s*,?\s*)?(?:and )?i am (?:the|a|an) ((?:little |big |small )?[a-z]+)\b")
_ME_FIRST = re.compile(r"^\s*this is me\b\s*,?\s*")
# "put a girl in the middle, that's me": the person named just before "that is me"
_ME_AFTER = re.compile(r"\b(?:a|an|the) ((?:little |big |small )?[a-z]+)\b[^.!?]*?\s*,?\s*(that is|this is|it is) me\b")


def speaker_of(scene: Scene) -> SceneObject | None:
    return next((o for o in scene.objects if o.attrs.get("role") == "speaker"), None)


def introduced(text: str, world: World, lex: Lexicon) -> str | None:
    """The people category a turn says "I" am ("I'm the boy"), else None."""
    t = normalise(text).lower()
    for hit in (_INTRO.search(t), *_ME_AFTER.finditer(t)):
        if hit is None:
            continue
        word = hit.group(1).split()[-1]
        for kind, value in lex.table.get((word,), ()):
            if kind == "CAT":
                name = str(value[0] if isinstance(value, tuple) else value)
                if name in world.category_names and world.category(name).people:
                    return name
    return None


def in_third_person(text: str, category: str, intro: bool) -> str:
    """`text` with "I" / "me" / "my" said of the person of `category` ("I'm happy" -> "the boy is happy")."""
    t = normalise(text).lower()
    own = {"male": "his", "female": "her"}.get(gender_of(category) or "", "its")
    if intro:  # "this is me, I'm the boy and I'm in the middle": there is a boy, and he is in the middle
        t = _ME_FIRST.sub("", t)
        t = re.sub(r"\s*,?\s*\b(?:that is|this is|it is) me\b", "", t)
        t = _INTRO.sub(lambda m: f"there is a {m.group(1)}", t, count=1)
    t = re.sub(r"\bi am\b", f"the {category} is", t)
    t = re.sub(r"\bi was\b", f"the {category} was", t)
    t = re.sub(r"\b(?:me|myself)\b", f"the {category}", t)
    t = re.sub(r"\bmy\b", own, t)
    t = re.sub(r"\bi\b", f"the {category}", t)
    return t
