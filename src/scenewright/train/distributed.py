"""Data-parallel training on an existing engine: torch.distributed + DistributedDataParallel.

The same training loop runs alone (`python -m …` / `scenewright train …`) or under
`torchrun --nproc_per_node N` — everything here is a no-op for one process. Backend: gloo on CPU, nccl
on GPU. Shared by the GeNeVA-GAN and the CoDraw drawer trainings.

    dist = Dist.from_env()                      # reads RANK / WORLD_SIZE / LOCAL_RANK from torchrun
    model = dist.wrap(model)                    # DDP when world_size > 1
    sampler = dist.sampler(n, seed)             # each rank its own shard, reshuffled per epoch
    if dist.main: save(...)                     # rank 0 logs and checkpoints
    assert dist.in_sync(model)                  # every replica holds the same parameters
"""

from __future__ import annotations

import os
from dataclasses import dataclass

import torch
import torch.distributed as td
import torch.nn as nn


@dataclass
class Dist:
    rank: int = 0
    world_size: int = 1
    local_rank: int = 0
    device: torch.device = torch.device("cpu")

    @classmethod
    def from_env(cls, device: str | None = None) -> "Dist":
        """Join the process group torchrun describes in the environment (or stay single-process)."""
        world = int(os.environ.get("WORLD_SIZE", "1"))
        rank, local = int(os.environ.get("RANK", "0")), int(os.environ.get("LOCAL_RANK", "0"))
        if device is None:
            device = f"cuda:{local}" if torch.cuda.is_available() else "cpu"
        dev = torch.device(device)
        if world > 1 and not td.is_initialized():
            backend = "nccl" if dev.type == "cuda" else "gloo"
            if dev.type == "cuda":
                torch.cuda.set_device(dev)
            td.init_process_group(backend=backend, rank=rank, world_size=world)
        return cls(rank, world, local, dev)

    @property
    def main(self) -> bool:
        return self.rank == 0

    @property
    def enabled(self) -> bool:
        return self.world_size > 1

    def wrap(self, module: nn.Module, **options) -> nn.Module:
        """DDP around `module` when distributed; buffers (BN statistics) stay per replica by default."""
        module = module.to(self.device)
        if not self.enabled:
            return module
        options.setdefault("broadcast_buffers", False)
        ids = [self.device.index] if self.device.type == "cuda" else None
        return nn.parallel.DistributedDataParallel(module, device_ids=ids, **options)

    def sampler(self, n: int, seed: int, shuffle: bool = True) -> "Shards":
        return Shards(n, self.rank, self.world_size, seed, shuffle)

    def barrier(self) -> None:
        if self.enabled:
            td.barrier()

    def mean(self, value: float) -> float:
        """The average of a number over the replicas (for logging)."""
        if not self.enabled:
            return value
        t = torch.tensor([float(value)], dtype=torch.float64)
        td.all_reduce(t)
        return t.item() / self.world_size

    def in_sync(self, module: nn.Module, atol: float = 1e-6) -> bool:
        """True when every replica's parameters equal rank 0's (the check DDP should make true)."""
        if not self.enabled:
            return True
        flat = torch.cat([p.detach().float().flatten().cpu() for p in unwrap(module).parameters()])
        ref = flat.clone()
        td.broadcast(ref, src=0)
        ok = torch.tensor([1.0 if torch.allclose(flat, ref, atol=atol) else 0.0])
        td.all_reduce(ok, op=td.ReduceOp.MIN)
        return bool(ok.item() == 1.0)

    def close(self) -> None:
        if self.enabled and td.is_initialized():
            td.destroy_process_group()


class Shards:
    """Like torch's DistributedSampler over range(n), without a Dataset: `epoch(e)` → this rank's indices."""

    def __init__(self, n: int, rank: int, world_size: int, seed: int, shuffle: bool = True):
        self.n, self.rank, self.world_size, self.seed, self.shuffle = n, rank, world_size, seed, shuffle

    def epoch(self, e: int) -> list[int]:
        if self.shuffle:
            g = torch.Generator().manual_seed(self.seed * 1_000_003 + e)
            order = torch.randperm(self.n, generator=g).tolist()
        else:
            order = list(range(self.n))
        per = self.n // self.world_size  # equal shards: every rank takes the same number of steps
        return order[self.rank * per:(self.rank + 1) * per]


def unwrap(module: nn.Module) -> nn.Module:
    return module.module if isinstance(module, nn.parallel.DistributedDataParallel) else module
