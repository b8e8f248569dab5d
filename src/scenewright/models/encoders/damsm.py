"""DAMSM, the Deep Attentional Multimodal Similarity Model (Xu et al., CVPR 2018, "AttnGAN: Fine-Grained
Text to Image Generation with Attentional Generative Adversarial Networks", Sec. 3.3), with the settings of
the official code (taoxugit/AttnGAN, cfg/DAMSM/bird.yml): γ1 = 4, γ2 = 5, γ3 = 10.

- `TextEncoder`: word embeddings (300-d, dropout 0.5) → bi-LSTM, 128 hidden per direction → word vectors
  e [B, D=256, T] (AttnGAN's layout) and the sentence vector ē [B, D] (the last hidden states of both
  directions). This is the text encoder the GAN family consumes (frozen, as AttnGAN and DF-GAN do).
- `ImageEncoder`: local region features v [B, D, h, w] and a global vector v̄ [B, D], over one of two
  backbones: "efficientnet" — the frozen ImageNet EfficientNet-Lite0 (its 14×14×112 map → 1×1 conv to D, its
  pooled 1280-d features → linear to D; AttnGAN freezes Inception-v3 the same way and trains only these two
  layers) — or "scratch", a small CNN trained from nothing at the data's own size.
- `attention` is Eq. 7–9, `word_scores` Eq. 10, `matching_losses` Eq. 11–13 (the word loss L^w_1, L^w_2 and
  the sentence loss L^s_1, L^s_2). `load_damsm(dir)` reads a trained pair.

Eq. 10 follows the official code: R(Q, D) = log Σ_i exp(γ2 R(c_i, e_i)), without the paper's 1/γ2 power
(the published models were trained that way). Pairs whose captions are the same text are left out of each
other's softmax, as AttnGAN leaves out images of the same class.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

import torch
import torch.nn as nn
import torch.nn.functional as F

from ...errors import CheckpointError
from ..checkpoint import read_checkpoint
from .vocab import Vocab

GAMMA1, GAMMA2, GAMMA3 = 4.0, 5.0, 10.0


@dataclass
class TextFeatures:
    words: torch.Tensor     # [B, D, T] word vectors (AttnGAN's layout)
    sentence: torch.Tensor  # [B, D]
    mask: torch.Tensor      # [B, T] bool, True at padding


@dataclass(frozen=True)
class DAMSMConfig:
    dim: int = 256                 # D, the common space (AttnGAN: TEXT.EMBEDDING_DIM = 256)
    embedding: int = 300           # word embedding size
    dropout: float = 0.5           # on the word embeddings (RNN_ENCODER drop_prob)
    image_encoder: str = "efficientnet"  # or "scratch"
    size: int = 64                 # image size the scratch CNN works at (inputs are resized to it)
    width: int = 64                # scratch CNN base channels
    gamma1: float = GAMMA1
    gamma2: float = GAMMA2
    gamma3: float = GAMMA3


# --- text -------------------------------------------------------------------------------------------------

class TextEncoder(nn.Module):
    """AttnGAN's RNN_ENCODER: embedding → dropout → bi-LSTM (D/2 per direction)."""

    def __init__(self, vocab: Vocab, config: DAMSMConfig = DAMSMConfig()):
        super().__init__()
        if config.dim % 2:
            raise ValueError(f"the bi-LSTM needs an even dim, got {config.dim}")
        self.vocab, self.config, self.dim = vocab, config, config.dim
        self.embed = nn.Embedding(len(vocab), config.embedding, padding_idx=0)
        self.drop = nn.Dropout(config.dropout)
        self.rnn = nn.LSTM(config.embedding, config.dim // 2, batch_first=True, bidirectional=True)
        nn.init.uniform_(self.embed.weight, -0.1, 0.1)

    def forward(self, tokens: torch.Tensor, lengths: torch.Tensor) -> TextFeatures:
        emb = self.drop(self.embed(tokens))
        packed = nn.utils.rnn.pack_padded_sequence(emb, lengths.cpu(), batch_first=True, enforce_sorted=False)
        out, (h, _) = self.rnn(packed)
        out, _ = nn.utils.rnn.pad_packed_sequence(out, batch_first=True, total_length=tokens.shape[1])
        mask = torch.arange(tokens.shape[1], device=tokens.device)[None] >= lengths.to(tokens.device)[:, None]
        return TextFeatures(out.transpose(1, 2), h.transpose(0, 1).reshape(len(tokens), -1), mask)

    def encode(self, captions: list[str]) -> TextFeatures:
        tokens, lengths = self.vocab.encode(captions)
        return self(tokens.to(self.embed.weight.device), lengths)


# --- images -----------------------------------------------------------------------------------------------

def _conv(cin: int, cout: int, stride: int) -> nn.Sequential:
    return nn.Sequential(nn.Conv2d(cin, cout, 3, stride, 1, bias=False), nn.BatchNorm2d(cout),
                         nn.LeakyReLU(0.2, inplace=True))


class ScratchCNN(nn.Module):
    """A small CNN trained from nothing: regions at size/4 (16×16 for 64²), a pooled vector at size/16."""

    def __init__(self, size: int, width: int):
        super().__init__()
        if size % 16:
            raise ValueError(f"the scratch image encoder needs a size divisible by 16, got {size}")
        self.size, w = size, width
        self.local = nn.Sequential(_conv(3, w, 2), _conv(w, 2 * w, 2), _conv(2 * w, 2 * w, 1))
        self.glob = nn.Sequential(_conv(2 * w, 4 * w, 2), _conv(4 * w, 4 * w, 2))
        self.region_channels, self.feature_dim = 2 * w, 4 * w

    def forward(self, x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        if x.shape[-2:] != (self.size, self.size):
            x = F.interpolate(x, size=(self.size, self.size), mode="bilinear", align_corners=False,
                              antialias=True)
        local = self.local(x)
        return local, self.glob(local).mean((2, 3))


class ImageEncoder(nn.Module):
    """AttnGAN's CNN_ENCODER over a backbone: (regions v [B, D, h, w], global v̄ [B, D])."""

    def __init__(self, config: DAMSMConfig = DAMSMConfig(), backbone: nn.Module | None = None):
        super().__init__()
        self.config, self.dim = config, config.dim
        if config.image_encoder == "efficientnet":
            from .efficientnet import EfficientNetLite0

            self.backbone = backbone or EfficientNetLite0.pretrained()
        elif config.image_encoder == "scratch":
            self.backbone = ScratchCNN(config.size, config.width)
        else:
            raise ValueError(f"unknown image encoder {config.image_encoder!r}; use efficientnet or scratch")
        self.emb_features = nn.Conv2d(self.backbone.region_channels, config.dim, 1, bias=False)
        self.emb_code = nn.Linear(self.backbone.feature_dim, config.dim)
        nn.init.uniform_(self.emb_features.weight, -0.1, 0.1)
        nn.init.uniform_(self.emb_code.weight, -0.1, 0.1)

    @property
    def frozen_backbone(self) -> bool:
        return self.config.image_encoder == "efficientnet"

    def backbone_features(self, images: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        """The backbone's (region map, pooled features) before the two trained layers."""
        if self.frozen_backbone:
            out = self.backbone(images)
            return out.regions, out.features
        return self.backbone(images)

    def head(self, regions: torch.Tensor, pooled: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        """The trained projections to D (split out so a frozen backbone's outputs can be cached)."""
        return self.emb_features(regions), self.emb_code(pooled)

    def forward(self, images: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        return self.head(*self.backbone_features(images))

    def trained_state(self) -> dict[str, torch.Tensor]:
        """The parameters and buffers a checkpoint keeps (not the frozen ImageNet backbone)."""
        return {k: v for k, v in self.state_dict().items()
                if not (self.frozen_backbone and k.startswith("backbone."))}


# --- Eq. 7–13 ---------------------------------------------------------------------------------------------

def _attend(words: torch.Tensor, mask: torch.Tensor, regions: torch.Tensor, gamma1: float):
    v = regions.flatten(2)                                        # [Bi, D, N]
    s = torch.einsum("adt,bdn->abtn", words, v)                   # Eq. 7: s = eᵀv, [Bt, Bi, T, N]
    pad = mask[:, None, :, None]
    alpha = s.masked_fill(pad, float("-inf")).softmax(2)          # Eq. 8 (over the words)
    alpha = (gamma1 * alpha).softmax(3).masked_fill(pad, 0.0)     # Eq. 9 (over the regions); padding: nothing
    return torch.einsum("abtn,bdn->abtd", alpha, v), alpha, s


def attention(words: torch.Tensor, mask: torch.Tensor, regions: torch.Tensor,
              gamma1: float = GAMMA1) -> tuple[torch.Tensor, torch.Tensor]:
    """Word–region attention for every (caption i, image j) pair.

    words [Bt, D, T], mask [Bt, T] (True at padding), regions [Bi, D, h, w] →
    (region-context c [Bt, Bi, T, D], attention α [Bt, Bi, T, h·w]).
    Eq. 7: s = eᵀv; Eq. 8: s̄ normalised over the words (padding words excluded); Eq. 9: α = softmax over the
    regions of γ1 s̄; c_i = Σ_j α_ij v_j.
    """
    c, alpha, _ = _attend(words, mask, regions, gamma1)
    return c, alpha


def word_scores(text: TextFeatures, regions: torch.Tensor, gamma1: float = GAMMA1,
                gamma2: float = GAMMA2) -> torch.Tensor:
    """R(Q_j, D_i) for every image i and caption j: [Bi, Bt] (Eq. 10, official form: log Σ_i exp(γ2 R)).

    R(c_i, e_i) = cᵢ·eᵢ / (‖cᵢ‖‖eᵢ‖) with cᵢ·eᵢ = Σ_j α_ij s_ij (the Eq. 7 scores again), which spares a
    product over the D axis of every (caption, image, word)."""
    c, alpha, s = _attend(text.words, text.mask, regions, gamma1)
    dot = (alpha * s).sum(3)                                      # [Bt, Bi, T]
    norms = torch.linalg.vector_norm(c, dim=3) * torch.linalg.vector_norm(text.words, dim=1)[:, None]
    r = dot / norms.clamp_min(1e-8)                               # R(c_i, e_i)
    r = (gamma2 * r).masked_fill(text.mask[:, None], float("-inf"))
    return torch.logsumexp(r, dim=2).t()


def sentence_scores(image_code: torch.Tensor, sentence: torch.Tensor) -> torch.Tensor:
    """cos(v̄_i, ē_j) for every image i and caption j: [Bi, Bt]."""
    return F.normalize(image_code, dim=1, eps=1e-8) @ F.normalize(sentence, dim=1, eps=1e-8).t()


def _two_way_ce(scores: torch.Tensor, same: torch.Tensor | None) -> tuple[torch.Tensor, torch.Tensor]:
    if same is not None:  # other pairs with the same caption are not negatives (AttnGAN: same class)
        off = same & ~torch.eye(len(scores), dtype=torch.bool, device=scores.device)
        scores = scores.masked_fill(off, float("-inf"))
    labels = torch.arange(len(scores), device=scores.device)
    return F.cross_entropy(scores, labels), F.cross_entropy(scores.t(), labels)


def matching_losses(regions: torch.Tensor, image_code: torch.Tensor, text: TextFeatures,
                    same: torch.Tensor | None = None, config: DAMSMConfig = DAMSMConfig()) -> dict:
    """The four DAMSM losses (Eq. 11–13) for a batch of matching (image i, caption i) pairs:
    w0/w1 (word loss, both directions) and s0/s1 (sentence loss, both directions), plus their sum `loss`.
    `same` [B, B] bool marks pairs with identical captions (excluded as negatives)."""
    w0, w1 = _two_way_ce(config.gamma3 * word_scores(text, regions, config.gamma1, config.gamma2), same)
    s0, s1 = _two_way_ce(config.gamma3 * sentence_scores(image_code, text.sentence), same)
    return {"loss": w0 + w1 + s0 + s1, "w0": w0, "w1": w1, "s0": s0, "s1": s1}


def same_caption(captions: list[str]) -> torch.Tensor:
    """[B, B] bool: caption i and caption j are the same text (after tokenising)."""
    from .vocab import tokenize

    keys = [" ".join(tokenize(c)) for c in captions]
    return torch.tensor([[a == b for b in keys] for a in keys], dtype=torch.bool)


# --- checkpoints ------------------------------------------------------------------------------------------

WEIGHTS = "damsm.safetensors"


def save_damsm(out: str | Path, text: TextEncoder, image: ImageEncoder, extra: dict | None = None) -> Path:
    """DIR/damsm.safetensors: the text encoder and the trained part of the image encoder, with the config
    and the vocabulary in the metadata."""
    from safetensors.torch import save_file

    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    tensors = {f"text.{k}": v for k, v in text.state_dict().items()}
    tensors |= {f"image.{k}": v for k, v in image.trained_state().items()}
    tensors = {k: v.detach().cpu().contiguous() for k, v in tensors.items()}
    meta = {"method": "damsm", "config": asdict(text.config), "vocab": text.vocab.to_config(), **(extra or {})}
    save_file(tensors, str(out / WEIGHTS), metadata={"config": json.dumps(meta)})
    return out / WEIGHTS


def load_damsm(path: str | Path, device: str | torch.device = "cpu") -> tuple[TextEncoder, ImageEncoder]:
    """(TextEncoder, ImageEncoder) from DIR (or DIR/damsm.safetensors), in eval mode, weights frozen."""
    path = Path(path)
    file = path / WEIGHTS if path.is_dir() else path
    meta, state = read_checkpoint(file, "DAMSM", "train one with `scenewright train damsm --data DIR --out DIR`")
    if meta.get("method") != "damsm":
        raise CheckpointError(f"{file} is a {meta.get('method')!r} checkpoint, not a DAMSM one")
    config = DAMSMConfig(**meta["config"])
    text, image = TextEncoder(Vocab.from_config(meta["vocab"]), config), ImageEncoder(config)
    try:
        text.load_state_dict({k[5:]: v for k, v in state.items() if k.startswith("text.")})
        missing = image.load_state_dict({k[6:]: v for k, v in state.items() if k.startswith("image.")},
                                        strict=False)
    except RuntimeError as e:
        raise CheckpointError(f"{file} does not fit the DAMSM it describes: {e}") from None
    if [k for k in missing.missing_keys if not k.startswith("backbone.") or not image.frozen_backbone]:
        raise CheckpointError(f"{file} lacks image-encoder weights: {missing.missing_keys[:5]}")
    for m in (text, image):
        m.to(device).eval().requires_grad_(False)
    return text, image
