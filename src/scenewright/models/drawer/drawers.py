"""The drawers as parsers (`parse(text, context) -> Parse`), both for the park world:

- `LearnedDrawer` (`parser="codraw:<checkpoint>"`): a trained `DrawerNet` (or an ensemble of them);
- `NearestNeighbourDrawer` (`parser="nn:<index>"`): the baseline, which copies what the human drawer did on the
  most similar training turn.

Both hand "undo", "redo", "go back" and corrections ("no, …") to the grammar parser.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Sequence

import numpy as np

from ...data.codraw import CLASS_INDEX, HUMAN_IDXS
from ...errors import ScenewrightError
from ...language.base import Context, Parse
from ...scene import Add, Remove, Scene, SceneObject, Update
from ...worlds import World, get_world
from .canvas import N, _object, slots
from .checkpoint import _load_nets
from .net import DrawerConfig, _torch, families, features
from .placement import PLACES, _worn_classes, put_on, spread
from .text import MiniLM, local_context, negated

COMMAND = re.compile(r"^\s*(undo|redo|go back|back to turn|start over|no\b|nope\b|not\s|actually\b|instead\b|"
                     r"remove\b|delete\b|erase\b|get rid\b)", re.I)


class _Base:
    name = "codraw"

    def __init__(self, world: str | World = "park"):
        self.world = get_world(world)
        if self.world.name != "park":
            raise ScenewrightError(f"the CoDraw drawer draws the park world, not {self.world.name!r}")
        self._grammar = None

    @property
    def grammar(self):
        if self._grammar is None:
            from ...language.grammar import GrammarParser

            self._grammar = GrammarParser(self.world)
        return self._grammar

    def parse(self, text: str, context: Context) -> Parse:
        if COMMAND.match(text):
            parse = self.grammar.parse(text, context)
            if parse.ok or parse.command:
                return parse
        edits = self.edits(text, context.scene, list(context.dialog))
        if edits:
            return Parse(edits=tuple(edits), reply=f"Done: {'; '.join(e.describe() for e in edits)}.")
        return Parse(command="noop", reply="I didn't change anything; tell me what to draw or move.")

    def edits(self, text: str, scene: Scene, dialog: list[str]) -> list:
        raise NotImplementedError

    def prepare(self, texts: Sequence[str]) -> None:
        """Encode messages about to be heard in one batch (MiniLM is much faster on batches than one by one)."""
        minilm = getattr(self, "minilm", None)
        if minilm is not None and texts:
            minilm(list(texts))


class LearnedDrawer(_Base):
    """`Session(world="park", parser="codraw:<checkpoint>")`: the trained `DrawerNet` as a parser."""

    def __init__(self, world: str | World = "park", checkpoint: str | os.PathLike | None = None,
                 add_threshold: float = 0.5, change_threshold: float = 0.5, remove_threshold: float = 0.7, **_):
        super().__init__(world)
        if checkpoint is None:
            raise ScenewrightError("the learned drawer needs a checkpoint: parser='codraw:PATH' "
                                   "(train one with `scenewright train drawer`)")
        nets, cfg, card, first = _load_nets(Path(checkpoint))
        cache = first.get("minilm_cache")
        minilm = MiniLM(cache if cache and Path(cache).exists() else None) if cfg.text != "own" else None
        self._setup(nets, cfg, first.get("vocab", ["<pad>", "<unk>"]), minilm,
                    {**card, **{k: first[k] for k in ("wear_offsets", "families") if k in first}},
                    (add_threshold, change_threshold, remove_threshold))

    def _setup(self, nets: list, cfg: DrawerConfig, vocab: Sequence[str], minilm: MiniLM | None, card: dict,
               defaults: tuple[float, float, float] = (0.5, 0.5, 0.7)) -> None:
        self.nets, self.cfg, self.card, self.minilm = [n.eval() for n in nets], cfg, card, minilm
        self.vocab = {w: i for i, w in enumerate(vocab)}
        t = card.get("thresholds", {})
        self.add_threshold = t.get("add", defaults[0])
        self.change_threshold = t.get("change", defaults[1])
        self.remove_threshold = t.get("remove", defaults[2])
        self.family_threshold = t.get("family")  # None: look-alikes are not treated apart
        self.place = card.get("place", "likeliest")  # where a piece goes: its likeliest bin, or "mean"
        if self.place not in PLACES:
            raise ScenewrightError(f"the drawer's card says place {self.place!r}; it must be one of "
                                   f"{', '.join(map(repr, PLACES))}")
        self.wear = card.get("wear_offsets", {})
        named = card.get("families")  # the families the member head was trained on, kept in the card
        self.families = {CLASS_INDEX[n]: f for n, f in named.items()} if named is not None else families()
        self.worn = _worn_classes() if self.wear else set()

    @classmethod
    def from_net(cls, net, cfg: DrawerConfig, vocab: Sequence[str], minilm: MiniLM | None,
                 card: dict | None = None, world: str | World = "park") -> "LearnedDrawer":
        """A drawer around a network in memory (the trainer's validation)."""
        self = cls.__new__(cls)
        _Base.__init__(self, world)
        self._setup([net], cfg, vocab, minilm, card or {})
        return self

    def predict(self, texts: Sequence[str], prevs: Sequence[str], scenes: Sequence[Scene],
                turn_numbers: Sequence[int], histories: Sequence[Sequence[str]] | None = None,
                placed: Sequence[dict[int, tuple[float, float]]] | None = None) -> list[dict[str, np.ndarray]]:
        torch, _ = _torch()
        feats = features(self.cfg, self.vocab, self.minilm, texts, prevs, scenes, turn_numbers, histories, placed)
        with torch.no_grad():
            batch = {k: torch.from_numpy(v) for k, v in feats.items()}
            outs = [net(batch) for net in self.nets]  # an ensemble averages its members' logits
        out = {k: (sum(o[k] for o in outs) / len(outs)).numpy() for k in outs[0]}
        return [{k: v[i] for k, v in out.items()} for i in range(len(scenes))]

    def edits_from(self, out: dict[str, np.ndarray], scene: Scene, skip: set[int] = frozenset()) -> list:
        """The edits the network's outputs `out` say, on `scene`; classes in `skip` are not added."""
        sl, owner = slots(scene)
        p = {k: 1 / (1 + np.exp(-out[k][:, 0])) for k in ("add", "remove", "change")}
        place = PLACES[self.place]
        xs, ys = place(out["x"]), place(out["y"])
        attrs = {k: out[k].argmax(-1) for k in ("depth", "flip", "pose", "expression")}
        adds = self._adds(p["add"], owner, out.get("member")) - skip
        edits, k = [], 0
        for c in range(N):
            if c not in owner:
                if c in adds:
                    edits.append(Add(_object(scene.new_id(k), c, xs[c], ys[c], attrs["depth"][c], attrs["flip"][c],
                                             attrs["pose"][c], attrs["expression"][c])))
                    k += 1
            elif p["remove"][c] > self.remove_threshold:
                edits.append(Remove(owner[c].id))
            elif p["change"][c] > self.change_threshold:
                new = _object(owner[c].id, c, xs[c], ys[c], attrs["depth"][c], attrs["flip"][c],
                              attrs["pose"][c], attrs["expression"][c])
                changes = {f: getattr(new, f) for f in ("x", "y", "scale", "flip", "pose", "expression")
                           if getattr(new, f) != getattr(owner[c], f)}
                if changes:
                    edits.append(Update.of(owner[c].id, **changes))
        if self.worn:  # a hat or glasses it adds goes on the nearest head (people added now included)
            people = [o for c, o in owner.items() if c in HUMAN_IDXS]
            people += [e.obj for e in edits if isinstance(e, Add) and CLASS_INDEX[e.obj.category] in HUMAN_IDXS]
            edits = [Add(put_on(e.obj, people, self.wear)) if isinstance(e, Add) and e.obj.category in self.worn
                     else e for e in edits]
        moved = iter(spread([e.obj for e in edits if isinstance(e, Add)], scene.objects))
        return [Add(next(moved)) if isinstance(e, Add) else e for e in edits]

    def _adds(self, p_add: np.ndarray, owner: dict[int, SceneObject], member: np.ndarray | None = None) -> set[int]:
        """The classes to add. With a family threshold, a look-alike (another tree, hat, cloud …) is added
        only if its family is not on the canvas yet and it is the family's most likely member this round, or
        when its own probability reaches the family threshold (two trees said, two trees drawn). With a member
        head, the family's most likely member is swapped for the one the words point to (a wizard hat, not the
        commoner baseball cap)."""
        adds = {c for c in range(N) if c not in owner and p_add[c] > self.add_threshold}
        if self.family_threshold is None:
            return adds
        fam = self.families
        on_canvas = {fam[c] for c in owner if c in fam}
        best: dict[str, int] = {}
        for c in sorted((c for c in adds if c in fam), key=lambda c: -p_add[c]):
            if p_add[c] < self.family_threshold and (fam[c] in on_canvas or fam[c] in best):
                adds.discard(c)
            else:
                best.setdefault(fam[c], c)
        if member is not None:
            for f, c in best.items():
                pick = max((m for m, g in fam.items() if g == f and m not in owner), key=lambda m: member[m, 0])
                if pick != c and p_add[c] < self.family_threshold:
                    adds.discard(c)
                adds.add(pick)
        return adds

    def edits(self, text: str, scene: Scene, dialog: list[str]) -> list:
        prev = dialog[-1] if dialog else ""
        out = self.predict([text], [prev], [scene], [len(dialog)], [dialog])[0]
        skip = negated(text, self.cfg.names)  # "no clouds": not drawn, whatever the network thinks
        edits = self.edits_from(out, scene, skip)
        if self.cfg.local:  # pieces added now may anchor each other ("a boy holding a pizza"): place them again
            placed = {CLASS_INDEX[e.obj.category]: (e.obj.x, e.obj.y) for e in edits if isinstance(e, Add)}
            known = {c: (o.x, o.y) for c, o in slots(scene)[1].items()}
            if set(local_context(text, self.vocab, {**known, **placed}, self.cfg.names)["anchor"]) != \
                    set(local_context(text, self.vocab, known, self.cfg.names)["anchor"]):
                out = self.predict([text], [prev], [scene], [len(dialog)], [dialog], [placed])[0]
                edits = self.edits_from(out, scene, skip)
        return edits


class NearestNeighbourDrawer(_Base):
    """`parser="nn:<index>"`: do what the human drawer did on the most similar training turn (MiniLM cosine)."""

    name = "nn"

    def __init__(self, world: str | World = "park", checkpoint: str | os.PathLike | None = None, **_):
        super().__init__(world)
        if checkpoint is None:
            raise ScenewrightError("the nearest-neighbour drawer needs an index: parser='nn:PATH' "
                                   "(build one with `scenewright train drawer --method nn`)")
        path = Path(checkpoint)
        if path.is_dir():
            path = path / "nn_index.npz"
        if not path.is_file():
            raise ScenewrightError(f"no nearest-neighbour index at {path}")
        data = np.load(path, allow_pickle=False)
        self.emb = data["emb"].astype(np.float32)
        self.actions = json.loads(str(data["actions"]))
        cache = str(data["minilm_cache"]) if "minilm_cache" in data else None
        self.minilm = MiniLM(cache if cache and Path(cache).exists() else None)

    def neighbour(self, text: str) -> int:
        v = self.minilm([text])[0]
        return int(np.argmax(self.emb @ v))

    def edits(self, text: str, scene: Scene, dialog: list[str]) -> list:
        _, owner = slots(scene)
        edits, k = [], 0
        for c, x, y, d, f, pose, expr in self.actions[self.neighbour(text)]:
            if c not in owner:
                edits.append(Add(_object(scene.new_id(k), c, x, y, d, f, pose, expr)))
                k += 1
            else:
                o = owner[c]
                new = _object(o.id, c, x, y, d, f, pose, expr)
                changes = {a: getattr(new, a) for a in ("x", "y", "scale", "flip", "pose", "expression")
                           if getattr(new, a) != getattr(o, a)}
                if changes:
                    edits.append(Update.of(o.id, **changes))
        return edits
