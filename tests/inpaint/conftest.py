"""Tiny fixtures for inpainting: an untrained small DAMSM (ENC's module) and a tiny edits set (DATA's maker)."""

from __future__ import annotations

import json

import pytest

torch = pytest.importorskip("torch")
torch.set_num_threads(1)

TINY = {"ngf": 4, "ndf": 4}


@pytest.fixture(scope="session")
def edits_dir(tmp_path_factory):
    from scenewright.data.edits import make_edits

    out = tmp_path_factory.mktemp("edits")
    make_edits("shapes", 30, out, seed=0, sizes=(64,), k=2, progress=False)
    return out


@pytest.fixture(scope="session")
def damsm_dir(tmp_path_factory, edits_dir):
    from scenewright.data.imageset import ImageSet
    from scenewright.models.encoders.damsm import DAMSMConfig, ImageEncoder, TextEncoder, save_damsm
    from scenewright.models.encoders.vocab import Vocab

    torch.manual_seed(0)
    cfg = DAMSMConfig(dim=16, embedding=16, image_encoder="scratch", size=32, width=4)
    text = TextEncoder(Vocab.build(ImageSet.open(edits_dir).all_captions("train")), cfg)
    out = tmp_path_factory.mktemp("damsm")
    save_damsm(out, text, ImageEncoder(cfg))
    (out / "card.json").write_text(json.dumps({"note": "untrained, for tests"}))
    return out
