"""A tiny css set (TIRG triples, shapes world, 32 px) made by DATA's `make_css`, shared by the retrieval tests."""

from __future__ import annotations

import pytest

torch = pytest.importorskip("torch")
torch.set_num_threads(1)

TINY = {"image_encoder": "scratch", "size": 32, "width": 4, "dim": 16, "embedding": 16}


@pytest.fixture(scope="session")
def css_dir(tmp_path_factory):
    from scenewright.data.css import make_css

    out = tmp_path_factory.mktemp("css")
    make_css("shapes", 40, out, seed=0, sizes=(32,), progress=False)
    return out
