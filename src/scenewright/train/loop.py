"""One training loop for every GAN (and for contrastive / reconstruction methods with one parameter group).

A method plugs in by being an `nn.Module` with

- `cfg` — a frozen @dataclass; per group `lr_<group>` and `betas_<group>` (or one shared `betas`), and `ema`
  (a decay such as 0.999, or None where the paper keeps no moving average);
- `name` — its registry name (the final file is OUT/<name>.safetensors);
- `param_groups() -> {"d": params, "g": params}` — the order is the update order within a step;
- `losses(batch, group, step) -> {term: Tensor}` — the sum of the terms is that group's loss; terms whose name
  starts with "_" are only logged;
- `generate(captions, seed) -> [B, 3, H, W]` in [-1, 1] (sample grids), `ema_modules` (the sub-modules the
  EMA averages, e.g. ("G",)) and `inference_keys(state) -> state` (what the final file keeps).

The loop gives Adam per group, a tqdm bar with the latest losses, a `steps` and/or `minutes` budget (minutes
count over resumes), OUT/last.pt every `ckpt_every` steps and at the end (model, optimisers, EMA, step, data
position, every RNG), so that stopping and resuming gives the same weights as not stopping; a sample grid
OUT/samples/step_NNNNNN.png per checkpoint (fixed captions, fixed seed); OUT/log.jsonl; and at the end
OUT/<name>.safetensors (EMA weights where there is an EMA; JSON config in the metadata) + OUT/card.json.

Under `torchrun` every rank takes every world_size-th batch and gradients are averaged over the ranks before
each optimiser step (what DDP does, without needing the method's forward); rank 0 writes. Device: cuda when
available (see train/distributed.py).
"""

from __future__ import annotations

import copy
import json
import random
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

import numpy as np
import torch
import torch.distributed as td
import torch.nn as nn

from ..errors import CheckpointError, ScenewrightError
from .distributed import Dist

Batches = Callable[[int], Iterable[dict]]  # epoch -> that epoch's batches (the same on every rank)


@dataclass(frozen=True)
class LoopConfig:
    out: str
    steps: int | None = None
    minutes: float | None = None
    seed: int = 0
    ckpt_every: int = 500
    log_every: int = 10
    sample_captions: tuple[str, ...] = ()
    samples_per_caption: int = 4
    progress: bool = True
    card: dict = field(default_factory=dict)  # data sha256, command, … — copied into card.json


def train(method: nn.Module, batches: Batches, lc: LoopConfig, dist: Dist | None = None) -> Path:
    """Train (or resume from OUT/last.pt) until the step or time budget; returns OUT/<name>.safetensors."""
    from tqdm import tqdm

    if lc.steps is None and lc.minutes is None:
        raise ScenewrightError("give a budget: --steps N and/or --minutes M")
    dist = dist or Dist.from_env()
    out = Path(lc.out)
    (out / "samples").mkdir(parents=True, exist_ok=True)
    method = method.to(dist.device)
    groups = method.param_groups()
    cfg = method.cfg
    opts = {g: torch.optim.Adam(ps, lr=getattr(cfg, f"lr_{g}"), betas=_betas(cfg, g)) for g, ps in groups.items()}
    ema = _make_ema(method) if getattr(cfg, "ema", None) else None

    _seed_all(lc.seed)
    state = {"step": 0, "epoch": 0, "index": 0, "minutes": 0.0}
    ckpt = out / "last.pt"
    if ckpt.exists():
        state = _load(ckpt, method, ema, opts)
    if dist.enabled:
        _broadcast(method)
        if not dist.main:
            _seed_all(lc.seed * 7919 + dist.rank + state["step"])

    log = (out / "log.jsonl").open("a") if dist.main else None
    bar = tqdm(total=lc.steps, initial=state["step"], desc=getattr(method, "name", "train"), dynamic_ncols=True,
               disable=not (lc.progress and dist.main))
    data = _positions(batches, state["epoch"], state["index"], dist)
    started, before = time.time(), state["minutes"]
    step, last = state["step"], {}

    def minutes() -> float:
        return before + (time.time() - started) / 60

    while (lc.steps is None or step < lc.steps) and (lc.minutes is None or minutes() < lc.minutes):
        epoch, index, batch = next(data)
        batch = {k: v.to(dist.device) if torch.is_tensor(v) else v for k, v in batch.items()}
        last = {}
        for g in groups:
            for o in opts.values():
                o.zero_grad(set_to_none=True)
            terms = method.losses(batch, g, step)
            loss = sum(v for k, v in terms.items() if not k.startswith("_"))
            if not torch.isfinite(loss):
                raise ScenewrightError(f"the {g} loss is {loss.item()} at step {step}: training diverged "
                                       f"({ {k: float(v) for k, v in terms.items()} })")
            loss.backward()
            if dist.enabled:
                _average_grads(groups[g], dist.world_size)
            opts[g].step()
            last |= {f"{g}/{k}": float(v.detach()) for k, v in terms.items()}
        if ema is not None:
            _ema_update(ema, method, cfg.ema)
        step += 1
        state = {"step": step, "epoch": epoch, "index": index + 1, "minutes": minutes()}
        bar.update(1)
        if step % lc.log_every == 0 and dist.main:
            bar.set_postfix({k.split("/")[0][0] + ":" + k.split("/")[1]: f"{v:.3f}" for k, v in last.items()},
                            refresh=False)
            log.write(json.dumps({"step": step, "minutes": round(state["minutes"], 3)} | last) + "\n")
            log.flush()
        if step % lc.ckpt_every == 0:
            _checkpoint(out, method, ema, opts, state, lc, dist)
    bar.close()
    if state["step"] % lc.ckpt_every or not (out / "last.pt").exists():
        _checkpoint(out, method, ema, opts, state, lc, dist)
    if not dist.in_sync(method):  # averaged gradients keep the replicas equal; anything else is a bug
        raise ScenewrightError("the replicas' parameters differ after training")
    path = out / f"{method.name}.safetensors"
    if dist.main:
        final = ema if ema is not None else method
        _save_final(path, final, lc, state, last)
        if log:
            log.close()
    dist.barrier()
    return path


# -- data position ------------------------------------------------------------------------------------------
def _positions(batches: Batches, epoch: int, index: int, dist: Dist) -> Iterator[tuple[int, int, dict]]:
    """(epoch, index within the epoch, batch) forever, starting at `index` of `epoch`; rank r takes the
    batches i with i % world_size == r (index counts this rank's batches)."""
    while True:
        mine = (b for i, b in enumerate(batches(epoch)) if i % dist.world_size == dist.rank)
        got = False
        for i, b in enumerate(mine):
            got = True
            if i >= index:
                yield epoch, i, b
        if not got:
            raise ScenewrightError("the data gave no batch (fewer records than one batch per rank?)")
        epoch, index = epoch + 1, 0


# -- optimisers, EMA, RNG -----------------------------------------------------------------------------------
def _betas(cfg, group: str) -> tuple[float, float]:
    return tuple(getattr(cfg, f"betas_{group}", None) or getattr(cfg, "betas"))


def _make_ema(method: nn.Module) -> nn.Module:
    ema = copy.deepcopy(method).eval()
    for p in ema.parameters():
        p.requires_grad_(False)
    return ema


@torch.no_grad()
def _ema_update(ema: nn.Module, model: nn.Module, decay: float) -> None:
    """θ_ema ← decay·θ_ema + (1 − decay)·θ for the sub-modules the method names; buffers copied."""
    for name in model.ema_modules:
        src, dst = getattr(model, name), getattr(ema, name)
        for pe, p in zip(dst.parameters(), src.parameters()):
            pe.lerp_(p, 1 - decay)
        for be, b in zip(dst.buffers(), src.buffers()):
            be.copy_(b)


def _seed_all(seed: int) -> None:
    random.seed(seed)
    np.random.seed(seed % 2**32)
    torch.manual_seed(seed)


def _rng_state() -> dict:
    s = {"torch": torch.get_rng_state(), "numpy": np.random.get_state(), "python": random.getstate()}
    if torch.cuda.is_available():
        s["cuda"] = torch.cuda.get_rng_state_all()
    return s


def _set_rng_state(s: dict) -> None:
    torch.set_rng_state(s["torch"])
    np.random.set_state(s["numpy"])
    random.setstate(s["python"])
    if "cuda" in s and torch.cuda.is_available():
        torch.cuda.set_rng_state_all(s["cuda"])


def _average_grads(params, world: int) -> None:
    for p in params:
        if p.grad is not None:
            td.all_reduce(p.grad)
            p.grad /= world


def _broadcast(module: nn.Module) -> None:
    with torch.no_grad():
        for t in list(module.parameters()) + list(module.buffers()):
            td.broadcast(t, src=0)


# -- checkpoints --------------------------------------------------------------------------------------------
def _checkpoint(out: Path, method, ema, opts, state: dict, lc: LoopConfig, dist: Dist) -> None:
    if not dist.main:
        return
    tmp = out / "last.tmp"
    torch.save({"model": method.state_dict(), "ema": ema.state_dict() if ema is not None else None,
                "opts": {g: o.state_dict() for g, o in opts.items()}, "state": state, "rng": _rng_state(),
                "method": method.name, "config": asdict(method.cfg)}, tmp)
    tmp.replace(out / "last.pt")
    if lc.sample_captions:
        save_grid(ema if ema is not None else method, list(lc.sample_captions), lc.samples_per_caption,
                  out / "samples" / f"step_{state['step']:06d}.png", seed=lc.seed)


def _load(path: Path, method, ema, opts) -> dict:
    try:
        ck = torch.load(path, map_location="cpu", weights_only=False)
        if ck["method"] != method.name or ck["config"] != asdict(method.cfg):
            raise CheckpointError(f"{path} was written by {ck['method']} with another config; use a new --out "
                                  f"or delete {path} to start over")
        method.load_state_dict(ck["model"])
        if ema is not None and ck["ema"] is not None:
            ema.load_state_dict(ck["ema"])
        for g, o in opts.items():
            o.load_state_dict(ck["opts"][g])
        _set_rng_state(ck["rng"])
        return ck["state"]
    except (KeyError, RuntimeError, EOFError) as e:
        raise CheckpointError(f"{path} cannot be resumed from ({type(e).__name__}: {e})") from None


@torch.no_grad()
def save_grid(method, captions: list[str], per_caption: int, path: Path, seed: int = 0) -> None:
    """One row per caption, `per_caption` samples each (seed fixed), as a PNG."""
    from PIL import Image

    was = method.training
    method.eval()
    x = method.generate([c for c in captions for _ in range(per_caption)], seed=seed)
    method.train(was)
    img = to_uint8(x)  # [N, H, W, 3]
    n, h, w, _ = img.shape
    grid = img.reshape(len(captions), per_caption, h, w, 3).transpose(0, 2, 1, 3, 4).reshape(-1, per_caption * w, 3)
    Image.fromarray(grid).save(path)


def to_uint8(x: torch.Tensor) -> np.ndarray:
    """[N, 3, H, W] in [-1, 1] → uint8 [N, H, W, 3]."""
    return x.detach().clamp(-1, 1).add(1).mul(127.5).round().byte().permute(0, 2, 3, 1).cpu().numpy()


def _save_final(path: Path, model, lc: LoopConfig, state: dict, last: dict) -> None:
    from safetensors.torch import save_file

    config = asdict(model.cfg)
    tensors = {k: v.detach().cpu().contiguous() for k, v in model.inference_keys(model.state_dict()).items()}
    save_file(tensors, str(path), metadata={"config": json.dumps(config), "method": model.name,
                                            "format": "scenewright-t2i"})
    minutes = state["minutes"]
    card = {"method": model.name, "config": config, "seed": lc.seed, "steps": state["step"],
            "minutes": round(minutes, 2), "steps_per_second": round(state["step"] / max(minutes * 60, 1e-9), 3),
            "final_losses": last, "metrics": {}} | lc.card
    (path.parent / "card.json").write_text(json.dumps(card, indent=1))
