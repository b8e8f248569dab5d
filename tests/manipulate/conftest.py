"""Tiny fixtures for the manipulation family: an untrained small DAMSM (ENC's module) and a tiny edits set in the
shared on-disk format (a coloured square that changes colour)."""

from __future__ import annotations

import numpy as np
import pytest

from tests import tiny_models

torch = pytest.importorskip("torch")
torch.set_num_threads(1)

COLOURS = {"red": (200, 30, 30), "blue": (30, 30, 200), "green": (30, 170, 40), "yellow": (220, 200, 30)}
CAPTIONS = [f"a {c} cube" for c in COLOURS] + [f"make the {a} cube {b}" for a in COLOURS for b in COLOURS]

# The smallest settings that build each method (kept in one place for every test).
TINY = {"sisgan": {"ch": 2, "df": 2, "c_dim": 4, "res_blocks": 1},
        "tagan": {"ch": 2, "df": 2, "c_dim": 4, "res_blocks": 1},
        "manigan": {"gf": 2, "df": 2, "c_dim": 4, "z_dim": 4, "acm_hidden": 4, "res_blocks": 1}}


@pytest.fixture(scope="session")
def text_encoder():
    return tiny_models.text_encoder(CAPTIONS)


@pytest.fixture(scope="session")
def image_encoder(text_encoder):
    return tiny_models.image_encoder(text_encoder)


@pytest.fixture(scope="session")
def damsm_dir(tmp_path_factory, text_encoder, image_encoder):
    return tiny_models.damsm_dir(tmp_path_factory.mktemp("damsm"), text_encoder, image_encoder)


def _square(colour: str) -> np.ndarray:
    img = np.full((64, 64, 3), 235, np.uint8)
    img[24:40, 20:36] = COLOURS[colour]
    return img


@pytest.fixture(scope="session")
def edits_dir(tmp_path_factory):
    """20 recolour pairs, 80/10/10."""
    from PIL import Image

    from scenewright.data.imageset import split_counts, write_card, write_jsonl

    root = tmp_path_factory.mktemp("edits_tiny")
    for sub in ("source", "target", "masks"):
        (root / sub / "64").mkdir(parents=True)
    names = list(COLOURS)
    recs = []
    for i in range(20):
        a, b = names[i % 4], names[(i + 1 + i // 4) % 4]
        b = b if b != a else names[(i + 2) % 4]
        rid = f"{i:06d}"
        Image.fromarray(_square(a)).save(root / "source" / "64" / f"{rid}.png")
        Image.fromarray(_square(b)).save(root / "target" / "64" / f"{rid}.png")
        Image.fromarray(np.where((_square(a) != _square(b)).any(2), 255, 0).astype(np.uint8)).save(
            root / "masks" / "64" / f"{rid}.png")
        recs.append({"id": rid, "edit": "recolour", "instruction": f"make the {a} cube {b}", "edits": [],
                     "source": {"images": {"64": f"source/64/{rid}.png"}, "captions": [f"a {a} cube"],
                                "scene": None},
                     "target": {"images": {"64": f"target/64/{rid}.png"}, "captions": [f"a {b} cube"],
                                "scene": None},
                     "mask": {"64": f"masks/64/{rid}.png"}})
    counts = split_counts(len(recs))
    pos = 0
    for split, k in counts.items():
        write_jsonl(root / f"{split}.jsonl", recs[pos:pos + k])
        pos += k
    write_card(root, {"kind": "edits", "world": "shapes", "n": len(recs), "seed": 0, "sizes": [64],
                      "splits": counts, "command": "tests/manipulate/conftest.py", "captions_per_image": 1,
                      "source": "test", "license": "CC0"})
    return root
