"""GeNeVA-GAN — El-Nouby et al., "Tell, Draw, and Repeat: Generating and Modifying Images Based on Continual
Linguistic Instruction", ICCV 2019. Our own code after the paper's description (Sec. 3, Fig. 2).

At turn t the instruction q_t is read by a GRU over word embeddings (the paper: GloVe + bi-GRU), a second GRU
over turns keeps the dialog state h_t, and the generator G paints x̃_t from (z, h_t) with conditional
batch-norm on h_t, fusing the features of the previous image x_{t-1} (image encoder E_G) mid-way. The
discriminator D encodes x_t and x_{t-1} with one encoder E_D, subtracts the features (what changed), and
scores the change with a projection head on h_t (Miyato & Koyama 2018) plus an auxiliary multi-label object
classifier. Losses: hinge, R1 on real images, the auxiliary BCE; training uses teacher forcing (the real
previous image).

Scaled for a CPU (64×64 default, 128 optional; widths ~1/8 of the paper's). Two deviations, both in the
config and documented in docs/geneva.md: `mask_blend` (G paints RGB and a mask and blends onto x_{t-1}, so
copying the unchanged scene is free) and `l1_weight` / `change_weight` (a pix2pix-style L1 term that weighs
the pixels changed this turn; 0 in the paper).
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.nn.utils import spectral_norm

from ..errors import CheckpointError, WorldError
from .blocks import ConditionalBatchNorm, down_block

PAD, UNK = "<pad>", "<unk>"


@dataclass
class GenevaConfig:
    image_size: int = 64
    vocab: list[str] = field(default_factory=lambda: [PAD, UNK])
    classes: list[str] = field(default_factory=list)
    word_dim: int = 64
    text_dim: int = 128  # sentence vector (bi-GRU, 2 × 64)
    state_dim: int = 128  # h_t, the GRU over turns
    z_dim: int = 32
    ngf: int = 16  # generator width at 64×64 (doubles per resolution halving)
    ndf: int = 16
    mask_blend: bool = True
    l1_weight: float = 10.0
    change_weight: float = 30.0  # the L1 term weighs pixels that changed this turn (1 + this) times
    aux_weight: float = 5.0
    wrong_weight: float = 0.5
    r1_gamma: float = 10.0
    r1_every: int = 4
    lr_g: float = 2e-4
    lr_d: float = 4e-4
    betas: tuple[float, float] = (0.0, 0.9)

    @property
    def levels(self) -> int:  # upsampling blocks from 4×4
        return {64: 4, 128: 5}[self.image_size]


def tokenize(text: str) -> list[str]:
    return re.findall(r"[a-z]+", text.lower())


def encode_turns(cfg: GenevaConfig, dialogs: list[list[str]]) -> torch.Tensor:
    """Word ids, long [B, T, L] (0-padded)."""
    index = {w: i for i, w in enumerate(cfg.vocab)}
    toks = [[[index.get(w, 1) for w in tokenize(t)] or [1] for t in d] for d in dialogs]
    T = max(len(d) for d in toks)
    L = max(len(t) for d in toks for t in d)
    out = torch.zeros(len(toks), T, L, dtype=torch.long)
    for b, d in enumerate(toks):
        for t, ids in enumerate(d):
            out[b, t, :len(ids)] = torch.tensor(ids)
    return out


# -- condition: instruction encoder + GRU over turns --------------------------------------------------------
class InstructionEncoder(nn.Module):
    """q_t → sentence vector: bi-GRU over word embeddings, last states of both directions."""

    def __init__(self, cfg: GenevaConfig):
        super().__init__()
        self.embed = nn.Embedding(len(cfg.vocab), cfg.word_dim, padding_idx=0)
        self.gru = nn.GRU(cfg.word_dim, cfg.text_dim // 2, batch_first=True, bidirectional=True)

    def forward(self, words: torch.Tensor) -> torch.Tensor:  # [N, L] -> [N, text_dim]
        lengths = (words != 0).sum(1).clamp(min=1).cpu()
        packed = nn.utils.rnn.pack_padded_sequence(self.embed(words), lengths, batch_first=True,
                                                   enforce_sorted=False)
        _, h = self.gru(packed)
        return torch.cat([h[0], h[1]], dim=1)


class DialogState(nn.Module):
    """h_t = GRU(q_t, h_{t-1}): the context the generator is conditioned on."""

    def __init__(self, cfg: GenevaConfig):
        super().__init__()
        self.text = InstructionEncoder(cfg)
        self.cell = nn.GRUCell(cfg.text_dim, cfg.state_dim)

    def forward(self, words: torch.Tensor, h: torch.Tensor | None = None) -> torch.Tensor:
        """words [B, T, L] → states [B, T, state_dim] (optionally continuing from h)."""
        B, T, L = words.shape
        q = self.text(words.reshape(B * T, L)).reshape(B, T, -1)
        h = q.new_zeros(B, self.cell.hidden_size) if h is None else h
        states = []
        for t in range(T):
            h = self.cell(q[:, t], h)
            states.append(h)
        return torch.stack(states, 1)


# -- generator ----------------------------------------------------------------------------------------------
class ResUp(nn.Module):
    def __init__(self, cin: int, cout: int, cond_dim: int):
        super().__init__()
        self.bn1, self.bn2 = ConditionalBatchNorm(cin, cond_dim), ConditionalBatchNorm(cout, cond_dim)
        self.conv1, self.conv2 = nn.Conv2d(cin, cout, 3, padding=1), nn.Conv2d(cout, cout, 3, padding=1)
        self.skip = nn.Conv2d(cin, cout, 1)

    def forward(self, x: torch.Tensor, h: torch.Tensor) -> torch.Tensor:
        y = F.interpolate(F.relu(self.bn1(x, h)), scale_factor=2)
        y = self.conv2(F.relu(self.bn2(self.conv1(y), h)))
        return y + self.skip(F.interpolate(x, scale_factor=2))


def down(cin: int, cout: int, sn: bool = False) -> nn.Sequential:
    return down_block(cin, cout, bn=False, sn=sn)  # 4×4/2 conv → LeakyReLU, from the family's shared blocks


class ImageEncoder(nn.Module):
    """E: image → features at 1/`factor` resolution (E_G in the generator, E_D in the discriminator)."""

    def __init__(self, widths: list[int], sn: bool = False):
        super().__init__()
        self.net = nn.Sequential(*[down(a, b, sn) for a, b in zip([3] + widths[:-1], widths)])

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.net(x)


class Generator(nn.Module):
    """x̃_t = G(z, h_t, E_G(x_{t-1})): 4×4 → image, previous-image features concatenated at 16×16."""

    def __init__(self, cfg: GenevaConfig):
        super().__init__()
        self.cfg = cfg
        n, c = cfg.levels, cfg.ngf
        widths = [c * 2 ** (n - 1 - i) for i in range(n)] + [c]  # e.g. 256 128 64 32 | 32
        self.fc = nn.Linear(cfg.z_dim + cfg.state_dim, widths[0] * 16)
        self.fuse_at = n - 2  # after this many blocks the maps are image_size / 4
        enc = [c * 2 ** i for i in range(2)]  # 2 strided convs: size / 4
        self.encoder = ImageEncoder(enc)
        blocks = []
        for i in range(n):
            cin = widths[i] + (enc[-1] if i == self.fuse_at else 0)
            blocks.append(ResUp(cin, widths[i + 1], cfg.state_dim))
        self.blocks = nn.ModuleList(blocks)
        self.out_bn = nn.BatchNorm2d(c)
        self.out = nn.Conv2d(c, 4 if cfg.mask_blend else 3, 3, padding=1)

    def forward(self, z: torch.Tensor, h: torch.Tensor, prev: torch.Tensor) -> torch.Tensor:
        x = self.fc(torch.cat([z, h], 1)).reshape(z.shape[0], -1, 4, 4)
        e = self.encoder(prev)
        for i, block in enumerate(self.blocks):
            if i == self.fuse_at:
                x = torch.cat([x, e], 1)
            x = block(x, h)
        y = self.out(F.relu(self.out_bn(x)))
        if not self.cfg.mask_blend:
            return torch.tanh(y)
        mask = torch.sigmoid(y[:, 3:] - 1.0)  # starts leaning to "keep the previous image"
        return mask * torch.tanh(y[:, :3]) + (1 - mask) * prev


# -- discriminator ----------------------------------------------------------------------------------------
class Discriminator(nn.Module):
    """D(x_t, x_{t-1}, h_t): E_D on both images, features subtracted, projection head + object classifier."""

    def __init__(self, cfg: GenevaConfig):
        super().__init__()
        c, n = cfg.ndf, cfg.levels
        self.encoder = ImageEncoder([c, c * 2], sn=True)  # size / 4
        widths = [c * 2 * 2 ** i for i in range(n - 1)]  # down to 4×4 ... then pooled
        self.trunk = nn.Sequential(*[down(a, b, sn=True) for a, b in zip(widths[:-1], widths[1:])])
        dim = widths[-1]
        self.linear = spectral_norm(nn.Linear(dim, 1))
        self.project = spectral_norm(nn.Linear(cfg.state_dim, dim))
        self.aux = nn.Linear(dim, len(cfg.classes))

    def forward(self, x: torch.Tensor, prev: torch.Tensor, h: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        """(adversarial score [N], object logits [N, C])."""
        f = self.encoder(x) - self.encoder(prev)
        phi = F.leaky_relu(self.trunk(f), 0.2).sum(dim=(2, 3))
        score = self.linear(phi).squeeze(1) + (self.project(h) * phi).sum(1)
        return score, self.aux(phi)


# -- losses (Sec. 3.3) -------------------------------------------------------------------------------------
def d_hinge(real: torch.Tensor, fake: torch.Tensor, wrong: torch.Tensor | None = None,
            wrong_weight: float = 0.5) -> torch.Tensor:
    loss = F.relu(1 - real).mean() + F.relu(1 + fake).mean()
    if wrong is not None:  # real image, someone else's instruction
        loss = loss + wrong_weight * F.relu(1 + wrong).mean()
    return loss


def g_hinge(fake: torch.Tensor) -> torch.Tensor:
    return -fake.mean()


def aux_loss(logits: torch.Tensor, objects: torch.Tensor) -> torch.Tensor:
    return F.binary_cross_entropy_with_logits(logits, objects)


def change_weighted_l1(fake: torch.Tensor, real: torch.Tensor, prev: torch.Tensor, change_weight: float,
                       threshold: float = 0.1) -> torch.Tensor:
    """Ours, not the paper's: L1 to the real image, pixels that changed since x_{t-1} weighted 1 + w. A new
    object covers ~1% of a 64×64 picture; unweighted, "copy the previous image" is a near-perfect L1 fit."""
    changed = ((real - prev).abs().sum(1, keepdim=True) > threshold).float()
    return ((fake - real).abs() * (1 + change_weight * changed)).mean()


def r1_penalty(score: torch.Tensor, real: torch.Tensor) -> torch.Tensor:
    """R1 (Mescheder et al. 2018): ‖∇_x D(x)‖² on real images."""
    (grad,) = torch.autograd.grad(score.sum(), real, create_graph=True)
    return grad.pow(2).flatten(1).sum(1).mean()


# -- the whole model ---------------------------------------------------------------------------------------
class GenevaGAN(nn.Module):
    def __init__(self, cfg: GenevaConfig):
        super().__init__()
        self.cfg = cfg
        self.state = DialogState(cfg)
        self.G = Generator(cfg)
        self.D = Discriminator(cfg)

    @torch.no_grad()
    def generate(self, words: torch.Tensor, background: torch.Tensor, seed: int = 0) -> torch.Tensor:
        """Draw a dialog turn by turn on its own previous output: words [B, T, L], background [3, H, W] in
        [-1, 1] → images [B, T, 3, H, W]."""
        gen = torch.Generator().manual_seed(seed)
        B, T, _ = words.shape
        states = self.state(words)
        prev = background.expand(B, -1, -1, -1)
        out = []
        for t in range(T):
            z = torch.randn(B, self.cfg.z_dim, generator=gen)
            prev = self.G(z, states[:, t], prev)
            out.append(prev)
        return torch.stack(out, 1)

    # -- checkpoints: safetensors + a JSON card ----------------------------------------------------------
    def save(self, path: str | Path, card: dict | None = None, with_discriminator: bool = True) -> Path:
        from safetensors.torch import save_file

        path = Path(path)
        tensors = {k: v.detach().contiguous() for k, v in self.state_dict().items()
                   if with_discriminator or not k.startswith("D.")}
        config = asdict(self.cfg)
        save_file(tensors, str(path.with_suffix(".safetensors")),
                  metadata={"config": json.dumps(config), "model": "geneva_gan"})
        path.with_suffix(".json").write_text(json.dumps({"config": config, **(card or {})}, indent=1))
        return path.with_suffix(".safetensors")

    @classmethod
    def load(cls, path: str | Path) -> "GenevaGAN":
        from .checkpoint import read_checkpoint

        path = Path(path).with_suffix(".safetensors")
        config, state = read_checkpoint(path, "GeNeVA-GAN", "train one with `scenewright train geneva --data DIR`")
        try:
            config["betas"] = tuple(config["betas"])
            model = cls(GenevaConfig(**config))
        except (KeyError, TypeError) as e:
            raise CheckpointError(f"{path} does not hold a GeNeVA-GAN config ({e})") from None
        missing, unexpected = model.load_state_dict(state, strict=False)
        if unexpected or any(not k.startswith("D.") for k in missing):
            raise CheckpointError(f"{path} does not fit GenevaGAN: missing {missing[:5]}, unexpected {unexpected[:5]}")
        return model.eval()


def to_tensor(images, size: int | None = None) -> torch.Tensor:
    """uint8 [..., H, W, 3] (numpy) → float [..., 3, H, W] in [-1, 1]."""
    x = torch.from_numpy(np.array(images, dtype=np.float32)).div(127.5).sub(1)
    x = x.movedim(-1, -3)
    if size is not None and x.shape[-1] != size:
        lead = x.shape[:-3]
        x = F.interpolate(x.reshape(-1, *x.shape[-3:]), size=(size, size), mode="area").reshape(*lead, 3, size, size)
    return x


def to_uint8(x: torch.Tensor):
    return x.clamp(-1, 1).add(1).mul(127.5).round().byte().movedim(-3, -1).cpu().numpy()


# -- the renderer registry's "geneva" ----------------------------------------------------------------------
class GenevaRenderer:
    """`render(scene, size)` with the GAN. The GAN needs a dialog, a scene has none: the objects, in id
    order, are re-told one per turn in the dataset's phrasing (`describe_added`) and drawn turn by turn on
    the GAN's own previous output. Prefixes are cached, so a dialog that adds one object per turn costs one
    generator step per turn, and undo (a shorter prefix) is free. Noise is seeded by the turn index."""

    name = "geneva"

    def __init__(self, world="shapes", checkpoint: str | Path | None = None, seed: int = 0, cache_size: int = 256):
        from ..worlds import get_world

        self.world = get_world(world)
        if self.world.name != "shapes":
            raise WorldError(f"the GeNeVA renderer is trained on the shapes world, not {self.world.name}")
        path = Path(checkpoint) if checkpoint else Path(__file__).resolve().parents[1] / "weights" / "geneva_shapes"
        self.model = GenevaGAN.load(path)
        self.seed = seed
        self.cache: dict[tuple, tuple[torch.Tensor, torch.Tensor]] = {}
        self.cache_size = cache_size
        self._background = None

    def background(self) -> torch.Tensor:
        if self._background is None:
            from ..render import get_renderer
            from ..scene import Scene
            s = self.model.cfg.image_size
            img = get_renderer("shapes").render(Scene("shapes", "light"), (s, s))
            self._background = to_tensor(np.asarray(img))
        return self._background

    @torch.no_grad()
    def render(self, scene, size: tuple[int, int] = (512, 512)):
        from PIL import Image

        from ..data.shapes_dialogs import describe_added

        objects = sorted(scene.objects, key=lambda o: o.number)
        k = len(objects)
        while k > 0 and tuple(objects[:k]) not in self.cache:
            k -= 1
        if k:
            image, h = self.cache[tuple(objects[:k])]
        else:
            image, h = self.background()[None], None
        for i in range(k, len(objects)):
            words = encode_turns(self.model.cfg, [[describe_added(objects[i], objects[:i])]])
            h = self.model.state(words, h)[:, -1]
            z = torch.randn(1, self.model.cfg.z_dim, generator=torch.Generator().manual_seed(self.seed + i))
            image = self.model.G(z, h, image)
            if len(self.cache) >= self.cache_size:
                self.cache.pop(next(iter(self.cache)))
            self.cache[tuple(objects[:i + 1])] = (image, h)
        img = Image.fromarray(to_uint8(image[0]))
        return img.resize(tuple(int(v) for v in size), Image.BICUBIC)
