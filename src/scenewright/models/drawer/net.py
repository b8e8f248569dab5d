"""`DrawerNet`, the network read top to bottom: its config, the tensors it reads, the look-alike families.

The turn's text (frozen MiniLM sentence vectors of this and the previous teller message, and/or our own bag
of words and bigrams), the canvas as 58 slots (present, x, y, depth, flip) → for each of CoDraw's 58 clip-art
classes: add it? (if absent), remove or change it? (if present), and where / how: x and y as bins, depth,
flip, pose, expression. With `local`, each piece the message names also gets logits of its own for where /
how, from the words around its name, and an offset from the piece it is tied to ("a dog to the right of the
tree", "a boy holding a pizza"). `features` builds its inputs (the trainer and the parser share it);
`families` are the look-alikes its member head picks among.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Sequence

import numpy as np

from ...data.codraw import CLASS_INDEX
from ...errors import MissingExtra
from ...scene import Scene
from ...worlds import get_world
from ...worlds.park import EXPRESSIONS, POSES
from .canvas import N, SLOT, slots
from .text import MiniLM, local_context, mentions, token_ids

LOOKS = ("x", "y", "depth", "flip", "pose", "expression")  # the heads that say where and how a piece goes


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


# -- look-alike families ------------------------------------------------------------------------------------
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
