"""TIRG (Vo et al., CVPR 2019, "Composing Text and Image for Image Retrieval — An Empirical Odyssey"), with the
paper's baselines (Table 2): image only, text only, concatenation.

- Image encoder φx (Sec. 3.1): either "efficientnet" — the ImageNet EfficientNet-Lite0 of
  models/encoders/efficientnet.py, **frozen**, its pooled 1280-d head features joined with its 14×14 stage map
  average-pooled to 4×4 (1792-d, so where things are survives), then one trained linear layer to D (the frozen
  part is computed once per image and cached by train/retrieve.py) — or "scratch", DAMSM's small CNN
  (models/encoders/damsm.ScratchCNN) trained from nothing, standing in for the paper's ResNet-17 on CSS.
- Text encoder φt (Sec. 3.1): an LSTM over the word vocabulary of the training texts (models/encoders/vocab.py),
  its hidden state at the last word → dropout 0.1 → linear (the official TextLSTMModel).
- Composition (Sec. 3.2, Eq. 1–3):   φ_xt = w_g · f_gate(φx, φt) + w_r · f_res(φx, φt)
      f_gate = σ(W_g2 ∗ ReLU(W_g1 ∗ [φx, φt])) ⊙ φx        f_res = W_r2 ∗ ReLU(W_r1 ∗ [φx, φt])
  with BatchNorm before the first ReLU and the learnable weights starting at w_g = 1, w_r = 10, as the
  official code (`self.a = [1.0, 10.0, ...]`). Baselines: "image" φ_xt = φx, "text" φ_xt = φt,
  "concat" φ_xt = MLP([φx, φt]) (2 layers, dropout 0.1).
- Loss (Sec. 3.3): "batch_ce", the batch-based classification loss — both sides L2-normalised and multiplied by
  a learnable scale s (init 4, the official NormalizationLayer), softmax cross-entropy of query i against all B
  targets of the batch (Eq. 5 with the whole batch as the negatives); or "soft_triplet" (Eq. 4:
  log(1 + exp(‖q̂ᵢ − t̂ᵢ‖² − ‖q̂ᵢ − t̂ⱼ‖²)) over j ≠ i), the paper's choice for CSS.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

import torch
import torch.nn as nn
import torch.nn.functional as F

from ..encoders.vocab import Vocab
from ..t2i.base import _Frozen

COMPOSITIONS = ("tirg", "image", "text", "concat")
LOSSES = ("batch_ce", "soft_triplet")
LITE0_GRID = 4
LITE0_DIM = 1280 + 112 * LITE0_GRID * LITE0_GRID  # pooled head features + the 4×4-pooled 14×14 map


@dataclass(frozen=True)
class TIRGConfig:
    composition: str = "tirg"        # tirg | image | text | concat
    image_encoder: str = "efficientnet"  # efficientnet (frozen, cached) | scratch
    query: str = "3d"                # 3d (CSS 3D→3D) or 2d (the top view → 3D)
    size: int = 64                   # image size the model reads
    width: int = 32                  # scratch CNN base channels
    dim: int = 512                   # the common feature size (the paper's 512)
    embedding: int = 512             # word embedding size
    dropout: float = 0.1
    loss: str = "batch_ce"           # batch_ce | soft_triplet
    scale_init: float = 4.0          # the NormalizationLayer's learnable s
    lr_model: float = 1e-3
    betas: tuple[float, float] = (0.9, 0.999)
    ema: float | None = None
    vocab: tuple[str, ...] = ()      # the words (models/encoders/vocab.py), kept with the weights


@torch.no_grad()
def lite0_vectors(net, images: torch.Tensor) -> torch.Tensor:
    """The frozen EfficientNet-Lite0 part of φx: [pooled 1280 | 14×14 map pooled to 4×4] → [B, 3072]."""
    out = net(images)
    grid = F.adaptive_avg_pool2d(out.regions, LITE0_GRID).flatten(1)
    return torch.cat([out.features, grid], 1)


class TextLSTM(nn.Module):
    """φt: embedding → LSTM → the hidden state at each text's last word → dropout → linear."""

    def __init__(self, vocab: Vocab, embedding: int, dim: int, dropout: float):
        super().__init__()
        self.vocab = vocab
        self.embed = nn.Embedding(len(vocab), embedding, padding_idx=0)
        self.rnn = nn.LSTM(embedding, dim, batch_first=True)
        self.out = nn.Sequential(nn.Dropout(dropout), nn.Linear(dim, dim))

    def forward(self, texts: list[str]) -> torch.Tensor:
        tokens, lengths = self.vocab.encode(texts)
        tokens = tokens.to(self.embed.weight.device)
        h, _ = self.rnn(self.embed(tokens))
        last = h[torch.arange(len(texts)), lengths.to(h.device) - 1]
        return self.out(last)


class GatedResidual(nn.Module):
    """TIRG's composition (Eq. 1–3): w_g · σ(gate([φx, φt])) ⊙ φx + w_r · res([φx, φt])."""

    def __init__(self, dim: int):
        super().__init__()
        self.gate = nn.Sequential(nn.BatchNorm1d(2 * dim), nn.ReLU(), nn.Linear(2 * dim, dim))
        self.res = nn.Sequential(nn.BatchNorm1d(2 * dim), nn.ReLU(), nn.Linear(2 * dim, 2 * dim), nn.ReLU(),
                                 nn.Linear(2 * dim, dim))
        self.w = nn.Parameter(torch.tensor([1.0, 10.0]))  # (w_g, w_r), the official initialisation

    def f_gate(self, x: torch.Tensor, t: torch.Tensor) -> torch.Tensor:
        return torch.sigmoid(self.gate(torch.cat([x, t], 1))) * x

    def f_res(self, x: torch.Tensor, t: torch.Tensor) -> torch.Tensor:
        return self.res(torch.cat([x, t], 1))

    def forward(self, x: torch.Tensor, t: torch.Tensor) -> torch.Tensor:
        return self.w[0] * self.f_gate(x, t) + self.w[1] * self.f_res(x, t)


class Concat(nn.Module):
    """The concatenation baseline: MLP([φx, φt])."""

    def __init__(self, dim: int, dropout: float):
        super().__init__()
        self.mlp = nn.Sequential(nn.BatchNorm1d(2 * dim), nn.ReLU(), nn.Linear(2 * dim, 2 * dim), nn.ReLU(),
                                 nn.Dropout(dropout), nn.Linear(2 * dim, dim))

    def forward(self, x: torch.Tensor, t: torch.Tensor) -> torch.Tensor:
        return self.mlp(torch.cat([x, t], 1))


def batch_ce_loss(q: torch.Tensor, t: torch.Tensor, scale: torch.Tensor) -> torch.Tensor:
    """Batch-based classification: CE over s·q̂ · (s·t̂)ᵀ, the matching target on the diagonal."""
    logits = (scale * F.normalize(q, dim=1)) @ (scale * F.normalize(t, dim=1)).t()
    return F.cross_entropy(logits, torch.arange(len(q), device=q.device))


def soft_triplet_loss(q: torch.Tensor, t: torch.Tensor, scale: torch.Tensor) -> torch.Tensor:
    """Soft triplet (Eq. 4): mean over i, j ≠ i of log(1 + exp(d(q̂ᵢ, t̂ᵢ) − d(q̂ᵢ, t̂ⱼ))), d = squared L2."""
    qn, tn = scale * F.normalize(q, dim=1), scale * F.normalize(t, dim=1)
    d = torch.cdist(qn, tn).pow(2)
    off = ~torch.eye(len(q), dtype=torch.bool, device=q.device)
    return F.softplus(d.diagonal()[:, None] - d)[off].mean()


class TIRG(nn.Module):
    """Image + modification text → a query vector in the space of target images (and the baselines)."""

    ema_modules: ClassVar[tuple[str, ...]] = ()

    def __init__(self, cfg: TIRGConfig, backbone: nn.Module | None = None):
        super().__init__()
        if cfg.composition not in COMPOSITIONS:
            raise ValueError(f"unknown composition {cfg.composition!r}; use {', '.join(COMPOSITIONS)}")
        if cfg.loss not in LOSSES:
            raise ValueError(f"unknown loss {cfg.loss!r}; use {', '.join(LOSSES)}")
        if not cfg.vocab:
            raise ValueError("TIRGConfig.vocab is empty: build it from the training texts (Vocab.build)")
        self.cfg, self.name = cfg, cfg.composition
        if cfg.image_encoder == "efficientnet":
            if backbone is None:
                from ..encoders.efficientnet import shared_lite0

                backbone = shared_lite0("cpu")
            self._backbone = _Frozen(backbone)
            self.image_head = nn.Linear(LITE0_DIM, cfg.dim)
        elif cfg.image_encoder == "scratch":
            from ..encoders.damsm import ScratchCNN

            self._backbone = None
            self.cnn = ScratchCNN(cfg.size, cfg.width)
            self.image_head = nn.Linear(self.cnn.feature_dim, cfg.dim)
        else:
            raise ValueError(f"unknown image encoder {cfg.image_encoder!r}; use efficientnet or scratch")
        self.text = TextLSTM(Vocab(tuple(cfg.vocab)), cfg.embedding, cfg.dim, cfg.dropout)
        self.compose_net = {"tirg": lambda: GatedResidual(cfg.dim), "concat": lambda: Concat(cfg.dim, cfg.dropout)
                            }.get(cfg.composition, lambda: nn.Identity())()
        self.scale = nn.Parameter(torch.tensor(float(cfg.scale_init)))

    # -- the encoders -------------------------------------------------------------------------------------
    @property
    def cached_backbone(self) -> bool:
        """True when the image backbone is frozen and its outputs may be computed once (`backbone_vectors`)."""
        return self._backbone is not None

    def backbone_vectors(self, images: torch.Tensor) -> torch.Tensor:
        """The frozen part of φx for images [B, 3, H, W] in [-1, 1] (efficientnet only)."""
        if self._backbone is None:
            raise ValueError("the scratch image encoder has no frozen part to cache")
        return lite0_vectors(self._backbone.encoder, self._resize(images))

    def _resize(self, images: torch.Tensor) -> torch.Tensor:
        s = self.cfg.size
        if images.shape[-2:] != (s, s):
            images = F.interpolate(images, size=(s, s), mode="bilinear", align_corners=False, antialias=True)
        return images

    def image_vector(self, images: torch.Tensor) -> torch.Tensor:
        """φx [B, D] from images [B, 3, H, W] or, for the frozen backbone, its cached vectors [B, 3072]."""
        if images.dim() == 2:
            if self._backbone is None:
                raise ValueError("cached vectors were given to the scratch image encoder")
            return self.image_head(images.float())
        if self._backbone is not None:
            return self.image_head(self.backbone_vectors(images))
        return self.image_head(self.cnn(self._resize(images))[1])

    def _apply(self, fn, *args, **kwargs):  # .to(device) moves the frozen backbone too
        if self._backbone is not None:
            self._backbone.encoder._apply(fn, *args, **kwargs)
        return super()._apply(fn, *args, **kwargs)

    # -- composition (Sec. 3.2) ---------------------------------------------------------------------------
    def compose(self, images: torch.Tensor, texts: list[str]) -> torch.Tensor:
        """φ_xt [B, D]: the query (image + modification text) in the target space."""
        c = self.cfg.composition
        if c == "text":
            return self.text(list(texts))
        x = self.image_vector(images)
        if c == "image":
            return x
        return self.compose_net(x, self.text(list(texts)))

    # -- the training loop's face (train/loop.py) ---------------------------------------------------------
    def param_groups(self) -> dict[str, list[nn.Parameter]]:
        return {"model": [p for p in self.parameters() if p.requires_grad]}

    def losses(self, batch: dict, group: str, step: int) -> dict[str, torch.Tensor]:
        q = self.compose(batch["query"], batch["text"])
        t = self.image_vector(batch["target"])
        fn = batch_ce_loss if self.cfg.loss == "batch_ce" else soft_triplet_loss
        return {"retrieval": fn(q, t, self.scale), "_scale": self.scale.detach()}

    def inference_keys(self, state: dict) -> dict:
        return dict(state)  # the frozen backbone is not a registered module, so it is never in the state

    def generate(self, captions, seed: int = 0):  # pragma: no cover - no sample grid for retrieval
        raise NotImplementedError("a retrieval model draws nothing")
