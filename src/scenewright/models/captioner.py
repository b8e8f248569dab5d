"""Show and Tell — Vinyals, Toshev, Bengio & Erhan, "Show and Tell: A Neural Image Caption Generator", CVPR 2015.
Our own code after the paper (Sec. 3); the captioner of the broken telephone (`scenewright telephone`).

A CNN reads the image once and its embedding is the LSTM's first input; then the words follow (Eq. 10–12):

    x_{-1} = W_I · CNN(I),   x_t = W_e · S_t  (t = 0 … N−1),   p_{t+1} = LSTM(x_t)

with S_0 the start word and S_N the stop word, trained by the summed negative log-likelihood of the correct
words (Eq. 13; we average it over the words of the batch). The image is shown once, at t = −1, as in the paper
("feeding the image at each time step yields inferior results"); the output at t = −1 is not scored.

- **CNN.** The paper takes GoogLeNet pretrained on ImageNet and keeps it frozen at first; ours is the frozen
  ImageNet EfficientNet-Lite0 of `models/encoders/efficientnet.py`. Deviation: the image vector is the pooled
  head feature (1280) *and* the 14×14 region map average-pooled to `grid`×`grid` (112·grid²), because our
  captions say where things are ("on the left", "behind") and a pooled vector forgets where; and a LayerNorm
  on that vector before W_I (without it, 400 steps learnt a language model that ignored the image: the test
  NLL with the images shuffled was the same, 1.02 vs 1.02; with it 0.98 vs 1.09). The training
  entry (train/captioner.py) computes these features once per image; nothing of the CNN is saved with the
  captioner.
- **Sizes** scaled for a CPU: embedding and LSTM 256 (paper 512); dropout 0.3 on the LSTM's input and output
  (the paper uses dropout, rate not given).
- **Decoding.** Beam search (the paper: beam 20; the journal version, TPAMI 2017, found 3 best) keeping the
  summed log-probability, no length normalisation; `beam=1` is greedy.

    model = ShowTell(ShowTellConfig(vocab=build_vocab(captions)))
    model.caption(images)              # -> ["a red cube on the left of a blue sphere", ...]
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

import torch
import torch.nn as nn
import torch.nn.functional as F

from ..errors import CheckpointError, MissingFile, ScenewrightError

PAD, BOS, EOS, UNK = "<pad>", "<s>", "</s>", "<unk>"
SPECIALS = (PAD, BOS, EOS, UNK)
REGION_CHANNELS, HEAD_CHANNELS = 112, 1280
_TOKEN = re.compile(r"[a-z0-9]+|,")


def tokenize(text: str) -> list[str]:
    """Lower-cased words and commas (the commas keep long captions readable when decoded)."""
    return _TOKEN.findall(text.lower())


def detokenize(words: Iterable[str]) -> str:
    return " ".join(words).replace(" ,", ",")


def build_vocab(captions: Iterable[str], min_count: int = 1) -> tuple[str, ...]:
    """The specials, then the words by count (then spelling): the same captions give the same indices."""
    counts = Counter(w for c in captions for w in tokenize(c))
    words = sorted((w for w, n in counts.items() if n >= min_count), key=lambda w: (-counts[w], w))
    if not words:
        raise ScenewrightError("no words to build the captioner's vocabulary from (an empty caption set?)")
    return SPECIALS + tuple(words)


@dataclass(frozen=True)
class ShowTellConfig:
    vocab: tuple[str, ...] = SPECIALS
    image_size: int = 64  # the images it was trained on (the CNN itself reads 224²)
    grid: int = 4  # region map pooled to grid × grid (0: the pooled head feature only, as the paper)
    embed_dim: int = 256
    hidden_dim: int = 256
    dropout: float = 0.3
    max_len: int = 40  # words decoded at most (our longest captions have ~35)
    beam: int = 3
    lr_decoder: float = 1e-3
    betas: tuple[float, float] = (0.9, 0.999)
    ema: float | None = None

    @property
    def feature_dim(self) -> int:
        return HEAD_CHANNELS + REGION_CHANNELS * self.grid ** 2


def image_features(images, grid: int, batch_size: int = 64) -> torch.Tensor:
    """CNN(I) [N, 1280 + 112·grid²] of PIL images or float [N, 3, H, W] in [-1, 1], by the frozen Lite0."""
    import numpy as np

    from .encoders.efficientnet import encode_images

    if not torch.is_tensor(images):
        arr = np.stack([np.asarray(im.convert("RGB"), dtype=np.float32) for im in images])
        images = torch.from_numpy(arr / 127.5 - 1).permute(0, 3, 1, 2)
    out = encode_images(images, batch_size=batch_size)
    parts = [out.features]
    if grid:
        parts.append(F.adaptive_avg_pool2d(out.regions, grid).flatten(1))
    return torch.cat(parts, 1)


class ShowTell(nn.Module):
    """The CNN-LSTM captioner; `losses` for train/loop.py, `caption` / `decode` to read images."""

    name = "show_tell"
    ema_modules: tuple[str, ...] = ()

    def __init__(self, cfg: ShowTellConfig):
        super().__init__()
        if tuple(cfg.vocab[:len(SPECIALS)]) != SPECIALS:
            raise ScenewrightError(f"a captioner vocabulary starts with {SPECIALS}; got {tuple(cfg.vocab[:4])}")
        self.cfg = cfg
        self.index = {w: i for i, w in enumerate(cfg.vocab)}
        V = len(cfg.vocab)
        self.norm = nn.LayerNorm(cfg.feature_dim)
        self.W_I = nn.Linear(cfg.feature_dim, cfg.embed_dim)
        self.W_e = nn.Embedding(V, cfg.embed_dim, padding_idx=0)
        self.lstm = nn.LSTM(cfg.embed_dim, cfg.hidden_dim, batch_first=True)
        self.drop = nn.Dropout(cfg.dropout)
        self.W_o = nn.Linear(cfg.hidden_dim, V)

    # -- the loop's face ------------------------------------------------------------------------------------
    def param_groups(self) -> dict[str, list]:
        return {"decoder": list(self.parameters())}

    def inference_keys(self, state: dict) -> dict:
        return state

    def encode(self, captions: Sequence[str]) -> torch.Tensor:
        """[B, L] word ids: S_0 = <s>, the words (cut to max_len), S_N = </s>, then 0-padding."""
        unk = self.index[UNK]
        rows = [[self.index[BOS]] + [self.index.get(w, unk) for w in tokenize(c)][:self.cfg.max_len]
                + [self.index[EOS]] for c in captions]
        out = torch.zeros(len(rows), max(len(r) for r in rows), dtype=torch.long)
        for i, r in enumerate(rows):
            out[i, :len(r)] = torch.tensor(r)
        return out

    def scores(self, features: torch.Tensor, tokens: torch.Tensor) -> torch.Tensor:
        """log p_{t+1} [B, L−1, V] after x_{−1} = W_I·LN(CNN(I)) and x_0 … x_{L−2} = W_e·S_t (Eq. 10–12)."""
        x = torch.cat([self.W_I(self.norm(features))[:, None], self.W_e(tokens[:, :-1])], 1)
        h, _ = self.lstm(self.drop(x))
        return self.W_o(self.drop(h[:, 1:])).log_softmax(-1)

    def losses(self, batch: dict, group: str = "decoder", step: int = 0) -> dict[str, torch.Tensor]:
        """Eq. 13: −log p_t(S_t) over the words and the stop word (padding ignored), mean per word."""
        features = batch["features"] if "features" in batch else image_features(batch["image"], self.cfg.grid)
        tokens = batch["tokens"] if "tokens" in batch else self.encode(batch["caption"])
        logp = self.scores(features, tokens)
        nll = F.nll_loss(logp.flatten(0, 1), tokens[:, 1:].flatten(), ignore_index=0)
        return {"nll": nll}

    # -- reading images -------------------------------------------------------------------------------------
    def caption(self, images, beam: int | None = None) -> list[str]:
        """One caption per image (PIL images or [N, 3, H, W] in [-1, 1])."""
        return self.decode(image_features(images, self.cfg.grid), beam)

    @torch.no_grad()
    def decode(self, features: torch.Tensor, beam: int | None = None) -> list[str]:
        """Captions of precomputed CNN features [N, feature_dim]: greedy for beam 1, else beam search."""
        was = self.training
        self.eval()
        k = beam or self.cfg.beam
        out = self._greedy(features) if k == 1 else [self._beam(f, k) for f in features]
        self.train(was)
        return [detokenize(self.cfg.vocab[i] for i in ids) for ids in out]

    def _start(self, features: torch.Tensor):
        _, state = self.lstm(self.W_I(self.norm(features))[:, None])
        return state

    def _step(self, words: torch.Tensor, state):
        h, state = self.lstm(self.W_e(words)[:, None], state)
        return self.W_o(h[:, 0]).log_softmax(-1), state

    def _greedy(self, features: torch.Tensor) -> list[list[int]]:
        state = self._start(features)
        words = torch.full((len(features),), self.index[BOS], dtype=torch.long)
        out: list[list[int]] = [[] for _ in features]
        done = torch.zeros(len(features), dtype=torch.bool)
        for _ in range(self.cfg.max_len):
            logp, state = self._step(words, state)
            words = logp.argmax(-1)
            done_now = words == self.index[EOS]
            for i in torch.nonzero(~done & ~done_now).flatten().tolist():
                out[i].append(int(words[i]))
            done |= done_now
            if done.all():
                break
        return out

    def _beam(self, feature: torch.Tensor, k: int) -> list[int]:
        """Beam search for one image: keep the k best partial captions by summed log p; a caption is done at
        the stop word; stop when no partial caption can beat the best finished one (log p only falls)."""
        eos = self.index[EOS]
        h, c = self._start(feature[None])
        seqs, logps = [[]], torch.zeros(1)
        words = torch.tensor([self.index[BOS]])
        finished: list[tuple[float, list[int]]] = []
        for t in range(self.cfg.max_len + 1):
            logp, (h, c) = self._step(words, (h, c))
            total = (logps[:, None] + logp).flatten()
            top = total.topk(min(k, len(total)))
            V = logp.shape[1]
            new_seqs, keep, new_logps = [], [], []
            for score, flat in zip(top.values.tolist(), top.indices.tolist()):
                b, w = divmod(flat, V)
                if w == eos or t == self.cfg.max_len:
                    finished.append((score, seqs[b]))
                else:
                    new_seqs.append(seqs[b] + [w])
                    keep.append(b)
                    new_logps.append(score)
            best = max((s for s, _ in finished), default=float("-inf"))
            if not new_seqs or max(new_logps) <= best:
                break
            seqs, logps = new_seqs, torch.tensor(new_logps)
            h, c = h[:, keep], c[:, keep]
            words = torch.tensor([s[-1] for s in seqs])
        return max(finished, key=lambda f: f[0])[1]


# -- checkpoints --------------------------------------------------------------------------------------------
WEIGHTS = Path(__file__).resolve().parents[1] / "weights" / "caption"
HOW = "train one with `scenewright train captioner --data DIR --out RUN --minutes 10` and pass --captioner RUN"


def default_checkpoint(world: str = "shapes") -> Path:
    """Where shipped captioner weights for `world` live (weights/caption/show_tell_<world>/)."""
    return WEIGHTS / f"show_tell_{world}"


def load(path: str | Path, device: str = "cpu") -> ShowTell:
    """A trained captioner from its run folder (OUT/show_tell.safetensors, as train/loop.py writes it)."""
    from .checkpoint import make_config, read_method, weights_file

    file = weights_file(path, {ShowTell.name}, "captioner", HOW)
    _, config, state = read_method(file, {ShowTell.name}, "captioner")
    model = ShowTell(make_config(ShowTellConfig, ShowTell.name, config))
    try:
        model.load_state_dict(state)
    except RuntimeError as e:
        raise CheckpointError(f"{file} does not fit the Show and Tell captioner ({e})") from None
    return model.to(device).eval()


def load_captioner(checkpoint: str | Path | None = None, world: str = "shapes") -> ShowTell:
    """The captioner at `checkpoint` (else the shipped one for `world`), kept loaded while its file is unchanged."""
    path = Path(checkpoint) if checkpoint is not None else default_checkpoint(world)
    if not path.exists():
        shipped = "" if checkpoint is not None else f" (no captioner is shipped for the {world} world)"
        raise MissingFile(f"no captioner at {path}{shipped}; {HOW}")
    from .checkpoint import weights_file

    file = weights_file(path, {ShowTell.name}, "captioner", HOW)
    return _cached(str(file.resolve()), file.stat().st_mtime)


_CACHE: dict[tuple[str, float], ShowTell] = {}


def _cached(file: str, stamp: float) -> ShowTell:
    if (file, stamp) not in _CACHE:
        if len(_CACHE) >= 4:
            _CACHE.pop(next(iter(_CACHE)))
        _CACHE[file, stamp] = load(file)
    return _CACHE[file, stamp]


__all__ = ["ShowTell", "ShowTellConfig", "build_vocab", "default_checkpoint", "detokenize", "image_features",
           "load", "load_captioner", "tokenize"]
