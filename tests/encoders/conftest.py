"""Shared fixtures: one thread, the EfficientNet-Lite0 loaded once, images drawn by our renderer."""

import numpy as np
import pytest
import torch


@pytest.fixture(autouse=True, scope="session")
def one_thread():
    """Tests share the machine: one torch thread keeps them fast and steady."""
    torch.set_num_threads(1)


@pytest.fixture(scope="session")
def lite0():
    from scenewright.models.encoders.efficientnet import EfficientNetLite0

    return EfficientNetLite0.pretrained()


def to_tensor(image) -> torch.Tensor:
    """PIL RGB → [3, H, W] in [-1, 1] (our image convention)."""
    return torch.tensor(np.array(image.convert("RGB")), dtype=torch.float32).permute(2, 0, 1) / 127.5 - 1


def scene(world: str, objects: list[dict], background: str = "default"):
    from scenewright.scene import Scene

    objs = [{"id": f"o{i + 1}", "x": 0.5, "y": 0.5, "scale": 1.0, **o} for i, o in enumerate(objects)]
    return Scene.from_dict({"world": world, "background": background, "objects": objs})


SHAPES = ("cube", "sphere", "cylinder")
COLOURS = ("red", "blue", "green", "yellow")


def make_tiny_set(root, n: int = 60, size: int = 64, seed: int = 0):
    """A captions image set in the shared format, drawn by our renderer (independent of data/captions.py)."""
    import hashlib
    import json
    import random

    from scenewright.render import render

    rng = random.Random(seed)
    (root / "images" / str(size)).mkdir(parents=True)
    recs = []
    for i in range(n):
        objs = [{"category": rng.choice(SHAPES), "color": rng.choice(COLOURS), "x": rng.uniform(0.15, 0.4),
                 "y": rng.uniform(0.3, 0.7)}]
        caps = [f"a {objs[0]['color']} {objs[0]['category']}"]
        if rng.random() < 0.7:
            objs.append({"category": rng.choice(SHAPES), "color": rng.choice(COLOURS),
                         "x": rng.uniform(0.6, 0.85), "y": rng.uniform(0.3, 0.7)})
            a, b = (f"{o['color']} {o['category']}" for o in objs)
            caps = [f"a {a} left of a {b}", f"a {b} on the right of a {a}"]
        sc = scene("shapes", objs)
        rid = f"{i:06d}"
        rel = f"images/{size}/{rid}.png"
        render(sc, (size, size)).convert("RGB").save(root / rel)
        recs.append({"id": rid, "images": {str(size): rel}, "captions": caps, "scene": sc.to_dict()})
    cut = {"train": recs[: int(n * 0.8)], "val": recs[int(n * 0.8): int(n * 0.9)], "test": recs[int(n * 0.9):]}
    sha = {}
    for split, rows in cut.items():
        text = "".join(json.dumps(r) + "\n" for r in rows)
        (root / f"{split}.jsonl").write_text(text)
        sha[f"{split}.jsonl"] = hashlib.sha256(text.encode()).hexdigest()
    card = {"format": "scenewright-imageset", "version": 1, "kind": "captions", "world": "shapes", "n": n,
            "seed": seed, "sizes": [size], "splits": {k: len(v) for k, v in cut.items()},
            "command": "tests/encoders/conftest.py make_tiny_set", "captions_per_image": 2, "source": "test",
            "license": "test", "sha256": sha}
    (root / "card.json").write_text(json.dumps(card))
    return root


@pytest.fixture(scope="session")
def tiny_set(tmp_path_factory):
    return make_tiny_set(tmp_path_factory.mktemp("tinyset"))
