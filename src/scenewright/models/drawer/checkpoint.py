"""A trained drawer on disk: `drawer.safetensors` + `drawer.json` (its card), or an ensemble's card listing
its members."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ...errors import ScenewrightError
from .net import DrawerConfig, _torch, build_net


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


def save_card(path: Path, card: dict[str, Any]) -> None:
    path.write_text(json.dumps(card, indent=1))
