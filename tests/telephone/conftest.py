"""Fixtures of the telephone tests: a tiny captions set drawn by our own renderer, and tiny trained runs of the
captioner and of DF-GAN on it (a couple of steps each: for plumbing, never quality)."""

from __future__ import annotations

import pytest

from tests import tiny_models

torch = pytest.importorskip("torch")
torch.set_num_threads(1)


@pytest.fixture(scope="session")
def imageset(tmp_path_factory):
    from scenewright.data.captions import make_captions

    out = tmp_path_factory.mktemp("shapes_tiny")
    make_captions("shapes", 20, out, seed=0, sizes=(64,), k=2, progress=False, command="tests/telephone")
    return out


@pytest.fixture(scope="session")
def captioner_run(tmp_path_factory, imageset):
    from scenewright.train.captioner import train_captioner

    out = tmp_path_factory.mktemp("captioner") / "show_tell"
    train_captioner(imageset, out, steps=2, batch=8, settings={"embed_dim": 16, "hidden_dim": 16, "max_len": 12},
                    progress=False, command="test")
    return out


@pytest.fixture(scope="session")
def dfgan_run(tmp_path_factory, imageset):
    from scenewright.data.imageset import ImageSet
    from scenewright.train.t2i import train_t2i
    from tests.t2i.conftest import TINY

    text = tiny_models.text_encoder(ImageSet.open(imageset).all_captions("train"))
    damsm = tiny_models.damsm_dir(tmp_path_factory.mktemp("damsm"), text, tiny_models.image_encoder(text))
    out = tmp_path_factory.mktemp("t2i") / "dfgan"
    train_t2i("dfgan", imageset, damsm, out, steps=1, batch=8, ckpt_every=1, settings=TINY["dfgan"],
              progress=False, command="test")
    return out
