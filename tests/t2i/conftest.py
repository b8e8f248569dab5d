"""Tiny fixtures for the text-to-image family: an untrained small DAMSM text encoder (ENC's module) and a tiny
captions image set written in the shared on-disk format."""

from __future__ import annotations

import numpy as np
import pytest

from tests import tiny_models

torch = pytest.importorskip("torch")
torch.set_num_threads(1)

COLOURS = {"red": (200, 30, 30), "blue": (30, 30, 200), "green": (30, 170, 40), "yellow": (220, 200, 30)}
SIDES = {"left": 12, "right": 40}
CAPTIONS = [f"a {c} cube on the {s}" for c in COLOURS for s in SIDES]

# The smallest settings that still build each method at 64 px (kept in one place for every test).
TINY = {"dfgan": {"ngf": 2, "ndf": 2, "z_dim": 8},
        "gan_int_cls": {"ngf": 4, "ndf": 4, "z_dim": 8, "t_dim": 8},
        "stackgan": {"gf": 2, "df": 2, "z_dim": 8, "c_dim": 8, "res_blocks": 1, "stage2_from": 1},
        "stackgan_pp": {"gf": 1, "df": 2, "z_dim": 8, "c_dim": 8, "res_blocks": 1},
        "attngan": {"gf": 1, "df": 2, "z_dim": 8, "c_dim": 8, "res_blocks": 1}}


@pytest.fixture(scope="session")
def text_encoder():
    return tiny_models.text_encoder(CAPTIONS)


@pytest.fixture(scope="session")
def image_encoder(text_encoder):
    return tiny_models.image_encoder(text_encoder)


@pytest.fixture(scope="session")
def damsm_dir(tmp_path_factory, text_encoder, image_encoder):
    return tiny_models.damsm_dir(tmp_path_factory.mktemp("damsm"), text_encoder, image_encoder)


@pytest.fixture(scope="session")
def imageset_dir(tmp_path_factory):
    """24 images (a coloured square left or right), two captions each, 80/10/10."""
    from PIL import Image

    from scenewright.data.imageset import split_counts, write_card, write_jsonl

    root = tmp_path_factory.mktemp("shapes_tiny")
    (root / "images" / "64").mkdir(parents=True)
    n = 24
    recs = []
    for i in range(n):
        colour, side = list(COLOURS)[i % 4], list(SIDES)[(i // 4) % 2]
        img = np.full((64, 64, 3), 235, np.uint8)
        x = SIDES[side]
        img[24:40, x:x + 12] = COLOURS[colour]
        rid = f"{i:06d}"
        Image.fromarray(img).save(root / "images" / "64" / f"{rid}.png")
        recs.append({"id": rid, "images": {"64": f"images/64/{rid}.png"},
                     "captions": [f"a {colour} cube on the {side}", f"on the {side} a {colour} cube"],
                     "scene": {"world": "shapes", "background": "light", "objects": []}})
    counts = split_counts(n)
    pos = 0
    for split, k in counts.items():
        write_jsonl(root / f"{split}.jsonl", recs[pos:pos + k])
        pos += k
    write_card(root, {"kind": "captions", "world": "shapes", "n": n, "seed": 0, "sizes": [64], "splits": counts,
                      "command": "tests/t2i/conftest.py", "captions_per_image": 2, "source": "test",
                      "license": "CC0"})
    return root
