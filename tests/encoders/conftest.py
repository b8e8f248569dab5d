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
