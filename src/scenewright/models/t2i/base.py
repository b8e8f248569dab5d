"""What every text-to-image method shares: the frozen text encoder, the face the training loop uses, noise.

A method subclasses `T2IMethod`, sets `name`, `ema_modules`, `inference_prefixes`, and writes `param_groups`,
`losses` and `generate` (see train/loop.py for the contract). The text encoder (DAMSM's, see
models/encoders/damsm.py) is frozen and kept outside the module's parameters: it is not trained, not averaged
and not saved in the method's file — a checkpoint folder keeps the DAMSM it was trained with beside it.
"""

from __future__ import annotations

from typing import Any, ClassVar

import torch
import torch.nn as nn


class _Frozen:
    """Holds the text encoder so that nn.Module neither registers nor deep-copies it (EMA copies share it)."""

    def __init__(self, encoder: nn.Module):
        self.encoder = encoder

    def __deepcopy__(self, memo) -> "_Frozen":
        return self


class T2IMethod(nn.Module):
    name: ClassVar[str] = ""
    ema_modules: ClassVar[tuple[str, ...]] = ("G",)  # what the EMA averages when cfg.ema is set
    inference_prefixes: ClassVar[tuple[str, ...]] = ("G.",)

    def __init__(self, cfg: Any, text_encoder: nn.Module):
        super().__init__()
        if getattr(text_encoder, "dim", None) != cfg.text_dim:
            raise ValueError(f"{self.name}: the text encoder gives {getattr(text_encoder, 'dim', None)}-d "
                             f"vectors, the config expects text_dim={cfg.text_dim}")
        self.cfg = cfg
        text_encoder.eval()
        for p in text_encoder.parameters():
            p.requires_grad_(False)
        self._text = _Frozen(text_encoder)
        self._cache: tuple[int, dict] = (-1, {})

    @property
    def text_encoder(self) -> nn.Module:
        return self._text.encoder

    def _apply(self, fn, *args, **kwargs):  # .to(device) / .cuda() move the frozen encoder too
        self._text.encoder._apply(fn, *args, **kwargs)
        return super()._apply(fn, *args, **kwargs)

    @torch.no_grad()
    def encode(self, captions: list[str]):
        """DAMSM features of the captions (words [B, D, T], sentence [B, D], mask [B, T]) on our device."""
        self.text_encoder.eval()
        return self.text_encoder.encode(list(captions))

    def step_cache(self, step: int) -> dict:
        """A dict that lives for one training step: what the D update made (text features, fakes) and the
        G update reuses, as the official trainers do."""
        if self._cache[0] != step:
            self._cache = (step, {})
        return self._cache[1]

    def noise(self, n: int, generator: torch.Generator | None = None) -> torch.Tensor:
        device = next(self.parameters()).device
        return torch.randn(n, self.cfg.z_dim, generator=generator, device="cpu").to(device) \
            if generator is not None else torch.randn(n, self.cfg.z_dim, device=device)

    def inference_keys(self, state: dict) -> dict:
        return {k: v for k, v in state.items() if k.startswith(self.inference_prefixes)}

    def generate(self, captions: list[str], seed: int = 0) -> torch.Tensor:  # pragma: no cover - abstract
        raise NotImplementedError
