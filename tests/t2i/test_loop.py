import json

import pytest

torch = pytest.importorskip("torch")

from scenewright.errors import CheckpointError, ScenewrightError  # noqa: E402
from scenewright.models.t2i import build  # noqa: E402
from scenewright.train.loop import LoopConfig, train  # noqa: E402

from .conftest import CAPTIONS, TINY  # noqa: E402


def _batches(epoch):
    """Two batches per epoch, fixed by the epoch (as ImageSet.caption_batches is)."""
    g = torch.Generator().manual_seed(100 + epoch)
    for k in range(2):
        caps = [CAPTIONS[(epoch + k + i) % len(CAPTIONS)] for i in range(4)]
        yield {"image": torch.rand(4, 3, 64, 64, generator=g) * 2 - 1, "caption": caps,
               "wrong_caption": caps[1:] + caps[:1], "index": torch.arange(4)}


def _model(text_encoder, name="dfgan", **extra):
    torch.manual_seed(0)
    return build(name, text_encoder, **(TINY[name] | extra))


def _weights(path):
    from safetensors.torch import load_file
    return load_file(str(path))


@pytest.mark.slow
@pytest.mark.parametrize("name,extra", [("dfgan", {}), ("gan_int_cls", {"ema": 0.9})])
def test_resume_gives_the_same_weights_as_not_stopping(tmp_path, text_encoder, name, extra):
    straight = train(_model(text_encoder, name, **extra), _batches,
                     LoopConfig(out=str(tmp_path / "a"), steps=5, ckpt_every=2, seed=3, progress=False))
    LoopConfig_b = dict(out=str(tmp_path / "b"), ckpt_every=2, seed=3, progress=False)
    train(_model(text_encoder, name, **extra), _batches, LoopConfig(steps=3, **LoopConfig_b))  # stops mid-epoch
    resumed = train(_model(text_encoder, name, **extra), _batches, LoopConfig(steps=5, **LoopConfig_b))
    a, b = _weights(straight), _weights(resumed)
    assert a.keys() == b.keys() and all(torch.equal(a[k], b[k]) for k in a)
    full_a = torch.load(tmp_path / "a" / "last.pt", weights_only=False)["model"]
    full_b = torch.load(tmp_path / "b" / "last.pt", weights_only=False)["model"]
    assert all(torch.equal(full_a[k], full_b[k]) for k in full_a)  # D and BN statistics too


def test_loop_writes_weights_card_samples_and_log(tmp_path, text_encoder):
    from safetensors import safe_open

    out = tmp_path / "run"
    path = train(_model(text_encoder), _batches,
                 LoopConfig(out=str(out), steps=3, ckpt_every=2, log_every=1, seed=0, progress=False,
                            sample_captions=tuple(CAPTIONS[:2]), samples_per_caption=3, card={"data": "x"}))
    assert path == out / "dfgan.safetensors"
    with safe_open(str(path), "pt") as f:
        meta = f.metadata()
        assert all(k.startswith("G.") for k in f.keys())
    assert json.loads(meta["config"])["ngf"] == TINY["dfgan"]["ngf"] and meta["method"] == "dfgan"
    card = json.loads((out / "card.json").read_text())
    assert card["steps"] == 3 and card["seed"] == 0 and card["data"] == "x" and card["minutes"] >= 0
    assert sorted(p.name for p in (out / "samples").iterdir()) == ["step_000002.png", "step_000003.png"]
    from PIL import Image
    assert Image.open(out / "samples" / "step_000003.png").size == (3 * 64, 2 * 64)
    rows = [json.loads(line) for line in (out / "log.jsonl").read_text().splitlines()]
    assert [r["step"] for r in rows] == [1, 2, 3] and "d/ma_gp" in rows[0] and "g/adv" in rows[0]


def test_the_ema_moves_toward_the_model(tmp_path, text_encoder):
    out = tmp_path / "ema"
    m = _model(text_encoder, ema=0.5)
    start = {k: v.clone() for k, v in m.G.state_dict().items()}
    path = train(m, _batches, LoopConfig(out=str(out), steps=2, ckpt_every=2, seed=0, progress=False))
    ema, now = _weights(path), m.G.state_dict()
    k = "fc.weight"
    assert not torch.equal(ema[f"G.{k}"], now[k]) and not torch.equal(ema[f"G.{k}"], start[k])


def test_budget_and_config_mismatch_are_clear_errors(tmp_path, text_encoder):
    with pytest.raises(ScenewrightError, match="budget"):
        train(_model(text_encoder), _batches, LoopConfig(out=str(tmp_path / "c"), progress=False))
    train(_model(text_encoder), _batches, LoopConfig(out=str(tmp_path / "d"), steps=1, progress=False))
    with pytest.raises(CheckpointError, match="another config"):
        train(_model(text_encoder, z_dim=9), _batches, LoopConfig(out=str(tmp_path / "d"), steps=2, progress=False))


def test_minutes_budget_stops(tmp_path, text_encoder):
    path = train(_model(text_encoder), _batches, LoopConfig(out=str(tmp_path / "m"), minutes=0.0, progress=False))
    assert json.loads((path.parent / "card.json").read_text())["steps"] == 0
