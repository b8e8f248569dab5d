"""A tiny sg2im run (a few sampled scenes, two steps): the checkpoint the model, JSON and renderer tests use."""

import pytest

TINY = dict(embedding_dim=8, gconv_dim=8, gconv_hidden=16, gconv_layers=2, refinement_dims=(16, 8, 8, 8, 8),
            d_widths=(8, 8, 8), mask_width=8, layout_noise_dim=4, crop_size=16)


@pytest.fixture(scope="session")
def tiny_sg2im(tmp_path_factory):
    import torch

    from scenewright.train.sg2im import train_sg2im

    torch.set_num_threads(1)
    out = tmp_path_factory.mktemp("sg2im") / "run"
    train_sg2im("shapes", out, n=16, steps=2, batch=8, ckpt_every=2, settings=TINY, progress=False, command="t")
    return out
