"""The image-set loader: what a trainer sees, and the errors a user gets for a broken folder."""

import json

import numpy as np
import pytest
import torch
from PIL import Image

from scenewright.data.imageset import ImageSet, write_card, write_jsonl
from scenewright.errors import MissingFile, ScenewrightError

torch.set_num_threads(1)


def make_set(root, n_train=5, n_val=2, sizes=(8, 16)):
    """A hand-made captions set: image i is filled with grey level 10*i; its captions name i."""
    splits = {"train": n_train, "val": n_val, "test": 0}
    k = 0
    for split, n in splits.items():
        recs = []
        for _ in range(n):
            rid = f"{k:06d}"
            images = {}
            for s in sizes:
                (root / "images" / str(s)).mkdir(parents=True, exist_ok=True)
                Image.new("RGB", (s, s), (10 * k, 10 * k, 10 * k)).save(root / "images" / str(s) / f"{rid}.png")
                images[str(s)] = f"images/{s}/{rid}.png"
            recs.append({"id": rid, "images": images, "captions": [f"image {k} a", f"image {k} b", f"image {k} c"],
                         "scene": None})
            k += 1
        write_jsonl(root / f"{split}.jsonl", recs)
    write_card(root, {"kind": "captions", "world": "imported", "n": k, "seed": 0, "sizes": list(sizes),
                      "splits": splits, "command": "test", "captions_per_image": 3, "source": "test",
                      "license": "test"})
    return root


def test_open_records_image_tensor(tmp_path):
    ds = ImageSet.open(make_set(tmp_path))
    recs = ds.records("train")
    assert [r["id"] for r in recs] == ["000000", "000001", "000002", "000003", "000004"]
    img = ds.image(recs[3], 16)
    assert img.mode == "RGB" and img.size == (16, 16) and img.getpixel((0, 0)) == (30, 30, 30)
    x = ds.tensor(recs[3], 8)
    assert x.shape == (3, 8, 8) and x.dtype == torch.float32
    assert torch.allclose(x, torch.full_like(x, 30 / 127.5 - 1))
    assert ds.all_captions("val") == ["image 5 a", "image 5 b", "image 5 c", "image 6 a", "image 6 b", "image 6 c"]
    assert ds.verify() == []


def test_caption_batches_match_images_and_are_seeded(tmp_path):
    ds = ImageSet.open(make_set(tmp_path, n_train=7))
    batches = list(ds.caption_batches("train", size=8, batch_size=3, seed=1, epoch=0))
    assert [len(b["caption"]) for b in batches] == [3, 3, 1]
    seen = torch.cat([b["index"] for b in batches])
    assert sorted(seen.tolist()) == list(range(7))
    for b in batches:
        for img, cap, wrong, i in zip(b["image"], b["caption"], b["wrong_caption"], b["index"].tolist()):
            k = int(cap.split()[1])
            assert k == i  # the caption is one of this image's captions
            assert torch.allclose(img, torch.full_like(img, 10 * k / 127.5 - 1), atol=1e-6)
            assert int(wrong.split()[1]) != k  # the wrong caption is another image's
    again = list(ds.caption_batches("train", size=8, batch_size=3, seed=1, epoch=0, cache=False))
    assert [b["caption"] for b in again] == [b["caption"] for b in batches]
    assert all(torch.equal(a["image"], b["image"]) for a, b in zip(again, batches))
    other = list(ds.caption_batches("train", size=8, batch_size=3, seed=1, epoch=1))
    assert [b["index"].tolist() for b in other] != [b["index"].tolist() for b in batches]
    dropped = list(ds.caption_batches("train", size=8, batch_size=3, seed=1, drop_last=True))
    assert [len(b["caption"]) for b in dropped] == [3, 3]
    plain = list(ds.caption_batches("train", size=8, batch_size=7, shuffle=False))
    assert plain[0]["index"].tolist() == list(range(7))


def test_captions_vary_over_epochs(tmp_path):
    ds = ImageSet.open(make_set(tmp_path, n_train=7))
    chosen = set()
    for epoch in range(12):
        for b in ds.caption_batches("train", size=8, batch_size=7, seed=0, epoch=epoch):
            chosen.update(b["caption"])
    assert len(chosen) > 14  # of 21: more than two captions per image get drawn


def test_errors_say_what_is_wrong(tmp_path):
    with pytest.raises(MissingFile, match="no image set"):
        ImageSet.open(tmp_path / "nope")
    (tmp_path / "empty").mkdir()
    with pytest.raises(MissingFile, match="no card.json"):
        ImageSet.open(tmp_path / "empty")
    root = make_set(tmp_path / "set")
    card = json.loads((root / "card.json").read_text())
    (root / "card.json").write_text(json.dumps({**card, "format": "something-else"}))
    with pytest.raises(ScenewrightError, match="not a scenewright image set"):
        ImageSet.open(root)
    (root / "card.json").write_text(json.dumps({**card, "version": 99}))
    with pytest.raises(ScenewrightError, match="version 99"):
        ImageSet.open(root)
    (root / "card.json").write_text(json.dumps(card))
    ds = ImageSet.open(root)
    with pytest.raises(ScenewrightError, match="unknown split 'dev'"):
        ds.records("dev")
    rec = ds.records("train")[0]
    with pytest.raises(ScenewrightError, match="no 32 px"):
        ds.image(rec, 32)
    (root / rec["images"]["8"]).unlink()
    with pytest.raises(MissingFile, match="missing"):
        ds.image(rec, 8)
    (root / "train.jsonl").write_text("garbage\n")
    assert ds.verify() == ["train.jsonl"]
