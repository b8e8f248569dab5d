"""Shared fixtures: a tiny shapes dataset (seconds to make)."""

import pytest


@pytest.fixture(scope="session")
def tiny_data(tmp_path_factory):
    from scenewright.data.shapes_dialogs import make_dataset

    root = tmp_path_factory.mktemp("shapes")
    make_dataset(root, n=20, seed=3, sizes=(64,), progress=False)
    return root


@pytest.fixture(autouse=True, scope="session")
def one_thread():
    """Tests share the machine: one torch thread keeps them fast and steady."""
    import torch

    torch.set_num_threads(1)
