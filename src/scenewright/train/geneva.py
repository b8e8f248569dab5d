"""Training GeNeVA-GAN on shapes or CoDraw dialogs: teacher forcing, hinge + R1 + auxiliary objects, EMA generator.

`dataset="shapes"` reads a folder of `scenewright data shapes`; `dataset="codraw"` reads CoDraw itself
(`data` = the folder holding dialogs/ and clipart/), GeNeVA's kept rounds with the Teller's words, the canvases
drawn with the clip-art (cached in RUN/, never in the repository: CC BY-NC). CoDraw dialogs differ in length;
padded turns are left out of every loss.

Runs alone or under `torchrun --nproc_per_node N` unchanged (see train/distributed.py). Every
`ckpt_every` steps rank 0 writes `RUN/last.pt` (models, optimisers, EMA, step, RNG); starting again with the
same RUN resumes from it. `RUN/log.jsonl` holds the loss curve (and F1 / rsim on a validation subset when a
detector is given), `RUN/samples/step_NNNNNN.png` the sample grids (rows: generated, ground truth).
"""

from __future__ import annotations

import copy
import json
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np
import torch

from ..data.shapes_dialogs import ShapesDialogs
from ..errors import ScenewrightError
from ..models.geneva_gan import (GenevaConfig, GenevaGAN, aux_loss, change_weighted_l1, d_hinge, encode_turns,
                                 g_hinge, r1_penalty, to_tensor, to_uint8, tokenize)
from .distributed import Dist, unwrap


@dataclass
class TrainConfig:
    data: str
    run: str = "runs/geneva"
    image_size: int = 64
    batch: int = 8  # dialogs per step per process (× 5 turns = images)
    steps: int = 20000
    seed: int = 0
    threads: int = 1
    ema: float = 0.995
    log_every: int = 25
    sample_every: int = 500
    ckpt_every: int = 250
    eval_every: int = 1000
    snapshot_every: int = 500  # RUN/snapshots/ema_NNNNNN.safetensors (G only, ~2 MB) for the metric curve
    eval_dialogs: int = 200
    detector: str | None = None  # a shapes detector checkpoint: F1 / rsim on val during training
    max_minutes: float | None = None  # stop (with a checkpoint) after this much wall time
    model: dict = field(default_factory=dict)  # GenevaConfig overrides
    dataset: str = "shapes"  # shapes | codraw
    clipart: str | None = None  # codraw: the clip-art folder (default: DATA/clipart)
    limit: int | None = None  # codraw: only the first N train dialogs


DATASETS = ("shapes", "codraw")


def load_split(tc: TrainConfig, split: str, render: bool = True):
    """The `split` of the run's dataset: `ShapesDialogs` or `CodrawDialogs` (same face)."""
    size = 64 if tc.image_size == 64 else 128
    if tc.dataset == "shapes":
        return ShapesDialogs.load(tc.data, split, size)
    if tc.dataset == "codraw":
        from ..data.codraw import CodrawDialogs
        return CodrawDialogs.load(tc.data, split, size, clipart=tc.clipart, cache=Path(tc.run) / "cache",
                                  limit=tc.limit if split == "train" else None, render=render, progress=True)
    raise ScenewrightError(f"unknown dataset {tc.dataset!r}; known: {', '.join(DATASETS)}")


def valid_turns(data) -> np.ndarray:
    """bool [N, T]: the real turns (all of them in shapes dialogs)."""
    if hasattr(data, "valid"):
        return data.valid()
    return np.ones((len(data), len(data.texts[0])), bool)


class Batches:
    """Teacher-forced batches: (words, x_t, x_{t-1}, objects) for B dialogs × all their turns."""

    def __init__(self, data: ShapesDialogs, cfg: GenevaConfig):
        self.data = data
        self.words = encode_turns(cfg, data.texts)
        self.objects = torch.from_numpy(data.objects())
        self.valid = torch.from_numpy(valid_turns(data))
        self.size = cfg.image_size
        self.background = to_tensor(data.background, self.size)

    def get(self, idx: list[int]):
        idx = sorted(idx)
        x = to_tensor(np.asarray(self.data.images[idx]), self.size)  # [B, T, 3, H, W]
        B, T = x.shape[:2]
        prev = torch.cat([self.background.expand(B, 1, -1, -1, -1), x[:, :-1]], 1)
        return self.words[idx], x, prev, self.objects[idx]


def vocabulary(texts: list[list[str]]) -> list[str]:
    return ["<pad>", "<unk>"] + sorted({w for d in texts for t in d for w in tokenize(t)})


def sample_grid(model: GenevaGAN, batches: Batches, idx: list[int], seed: int) -> np.ndarray:
    words, x, _, _ = batches.get(idx)
    fake = model.generate(words, batches.background, seed=seed)
    rows = []
    for b in range(len(idx)):
        rows.append(np.concatenate(list(to_uint8(fake[b])), 1))
        rows.append(np.concatenate(list(to_uint8(x[b])), 1))
    return np.concatenate(rows, 0)


def train(tc: TrainConfig, progress: bool = True) -> Path:
    """Train (or resume) into `tc.run`; returns the path of the last checkpoint."""
    from PIL import Image
    from tqdm import tqdm

    torch.set_num_threads(tc.threads)
    dist = Dist.from_env()
    torch.manual_seed(tc.seed + dist.rank)
    run = Path(tc.run)
    (run / "samples").mkdir(parents=True, exist_ok=True)
    (run / "snapshots").mkdir(parents=True, exist_ok=True)
    train_set, val_set = load_split(tc, "train"), load_split(tc, "val")
    cfg = GenevaConfig(image_size=tc.image_size, vocab=vocabulary(train_set.texts), classes=list(train_set.classes),
                       **tc.model)
    torch.manual_seed(tc.seed)  # same initial weights on every replica
    model = GenevaGAN(cfg)
    ema = copy.deepcopy(model).eval()
    for p in ema.parameters():
        p.requires_grad_(False)
    g_params = list(model.state.parameters()) + list(model.G.parameters())
    opt_g = torch.optim.Adam(g_params, lr=cfg.lr_g, betas=cfg.betas)
    opt_d = torch.optim.Adam(model.D.parameters(), lr=cfg.lr_d, betas=cfg.betas)
    step, ckpt = 0, run / "last.pt"
    if ckpt.exists():
        state = torch.load(ckpt, map_location="cpu", weights_only=False)
        model.load_state_dict(state["model"]), ema.load_state_dict(state["ema"])
        opt_g.load_state_dict(state["opt_g"]), opt_d.load_state_dict(state["opt_d"])
        step = state["step"]
        torch.set_rng_state(state["rng"])
    torch.manual_seed(tc.seed * 7919 + dist.rank + step)  # per-rank noise, reproducible on resume
    state_net, G, D = dist.wrap(model.state), dist.wrap(model.G), dist.wrap(model.D)
    batches, val_batches = Batches(train_set, cfg), Batches(val_set, cfg)
    shards = dist.sampler(len(train_set), tc.seed)
    per_epoch = max(1, len(shards.epoch(0)) // tc.batch)
    detector = _load_detector(tc.detector) if dist.main else None
    log = (run / "log.jsonl").open("a") if dist.main else None
    bar = tqdm(total=tc.steps, initial=step, desc="geneva", disable=not (progress and dist.main),
               dynamic_ncols=True)
    started = time.time()
    while step < tc.steps:
        epoch, k = divmod(step, per_epoch)
        idx = shards.epoch(epoch)[k * tc.batch:(k + 1) * tc.batch]
        words, x, prev, objects = batches.get(idx)
        B, T = x.shape[:2]
        keep = batches.valid[sorted(idx)].flatten()  # padded turns of shorter dialogs are left out
        x, prev, objects = x.flatten(0, 1)[keep], prev.flatten(0, 1)[keep], objects.flatten(0, 1)[keep]
        z = torch.randn(B * T, cfg.z_dim)[keep]
        n = len(x)

        # -- G step: the fake made here is reused (detached) by the D step ------------------------------
        h = state_net(words).flatten(0, 1)[keep]
        fake = G(z, h, prev)
        score, logits = D(fake, prev, h)
        l1 = change_weighted_l1(fake, x, prev, cfg.change_weight)
        loss_g = g_hinge(score) + cfg.aux_weight * aux_loss(logits, objects) + cfg.l1_weight * l1
        opt_g.zero_grad(set_to_none=True)
        loss_g.backward()
        opt_g.step()

        # -- D step: real / fake / wrong instruction in one forward; lazy R1 ------------------------------
        h, fake = h.detach(), fake.detach()
        wrong_h = h.roll(T, 0)  # another dialog's turn (the same turn when no turn is padded)
        r1_now = cfg.r1_gamma > 0 and step % cfg.r1_every == 0
        real = x.detach().requires_grad_(r1_now)
        score, logits = D(torch.cat([real, fake, real]), torch.cat([prev] * 3), torch.cat([h, h, wrong_h]))
        s_real, s_fake, s_wrong = score.split(n)
        loss_d = d_hinge(s_real, s_fake, s_wrong, cfg.wrong_weight) + cfg.aux_weight * aux_loss(
            logits[:n], objects)
        r1 = r1_penalty(s_real, real) if r1_now else torch.zeros(())
        opt_d.zero_grad(set_to_none=True)  # also drops what the G step left on D
        (loss_d + cfg.r1_gamma / 2 * cfg.r1_every * r1).backward()
        opt_d.step()
        _ema_update(ema, model, tc.ema if step > 200 else 0.0)
        step += 1
        bar.update(1)

        if step % tc.log_every == 0:
            row = {"step": step, "epoch": round(step / per_epoch, 3), "loss_d": dist.mean(loss_d.item()),
                   "loss_g": dist.mean(loss_g.item()), "l1": dist.mean(l1.item()), "r1": float(r1.detach()),
                   "minutes": round((time.time() - started) / 60, 2)}
            if log:
                bar.set_postfix(d=f"{row['loss_d']:.3f}", g=f"{row['loss_g']:.3f}", l1=f"{row['l1']:.3f}")
        else:
            row = None
        if dist.main and step % tc.sample_every == 0:
            grid = sample_grid(ema, val_batches, list(range(6)), tc.seed)
            Image.fromarray(grid).save(run / "samples" / f"step_{step:06d}.png")
        if dist.main and tc.snapshot_every and step % tc.snapshot_every == 0:
            ema.save(run / "snapshots" / f"ema_{step:06d}", {"step": step}, with_discriminator=False)
        if detector is not None and step % tc.eval_every == 0:
            from ..eval.geneva import score_generator
            scores = score_generator(ema, val_set, detector, n=tc.eval_dialogs, seed=tc.seed)
            row = (row or {"step": step}) | {f"val_{k}": v for k, v in scores.items()}
        if log and row:
            log.write(json.dumps(row) + "\n")
            log.flush()
        out_of_time = tc.max_minutes is not None and (time.time() - started) / 60 > tc.max_minutes
        if step % tc.ckpt_every == 0 or step == tc.steps or out_of_time:
            if dist.main:
                _save(ckpt, model, ema, opt_g, opt_d, step, tc)
            if out_of_time:
                break
    bar.close()
    synced = dist.in_sync(model)  # DDP keeps the replicas equal; a failure here is a bug, say so loudly
    if log:
        log.write(json.dumps({"step": step, "replicas": dist.world_size, "in_sync": synced}) + "\n")
        log.close()
    if dist.main:
        card = {"data": tc.data, "dataset": tc.dataset, "steps": step, "seed": tc.seed, "train": asdict(tc)}
        ema.save(run / "geneva_ema", card, with_discriminator=False)
    dist.barrier()
    dist.close()
    if not synced:
        raise RuntimeError("the replicas' parameters differ after training")
    return ckpt


def _ema_update(ema: GenevaGAN, model: GenevaGAN, decay: float) -> None:
    with torch.no_grad():
        for name in ("state", "G"):
            src, dst = getattr(model, name), getattr(ema, name)
            for pe, p in zip(dst.parameters(), src.parameters()):
                pe.lerp_(p, 1 - decay)
            for be, b in zip(dst.buffers(), src.buffers()):
                be.copy_(b)


def _save(path: Path, model, ema, opt_g, opt_d, step: int, tc: TrainConfig) -> None:
    tmp = path.with_suffix(".tmp")
    torch.save({"model": unwrap(model).state_dict(), "ema": ema.state_dict(), "opt_g": opt_g.state_dict(),
                "opt_d": opt_d.state_dict(), "step": step, "rng": torch.get_rng_state(),
                "config": asdict(tc)}, tmp)
    tmp.replace(path)


def _load_detector(path: str | None):
    if not path:
        return None
    from ..eval.detector import Detector
    return Detector.load(path)


def export(run: str | Path, out: str | Path, card: dict | None = None) -> Path:
    """The EMA generator of `RUN/last.pt` as safetensors + JSON card (no discriminator: a few MB)."""
    state = torch.load(Path(run) / "last.pt", map_location="cpu", weights_only=False)
    cfg_dict = state["ema"]  # state dict; the config is rebuilt from the run's data
    tc = TrainConfig(**state["config"])
    train_set = load_split(tc, "train", render=False)
    cfg = GenevaConfig(image_size=tc.image_size, vocab=vocabulary(train_set.texts), classes=list(train_set.classes),
                       **tc.model)
    model = GenevaGAN(cfg)
    model.load_state_dict(cfg_dict)
    base = {"data": tc.data, "dataset": tc.dataset, "steps": state["step"], "seed": tc.seed, "train": asdict(tc)}
    return model.save(out, base | (card or {}), with_discriminator=False)
