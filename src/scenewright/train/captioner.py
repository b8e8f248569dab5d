"""`scenewright train captioner`: Show and Tell on a captions image set, by the shared loop (train/loop.py).

    train_captioner(data="/tmp/imagesets/shapes64", out="runs/caption/show_tell_shapes64", minutes=10)

The CNN is frozen (models/captioner.py), so its features are computed once per image and kept in
OUT/features_<split>_<size>.pt (keyed by the data's sha256; recomputed when the set changes). An epoch is every
(image, caption) pair of the train split once, in an order fixed by (seed, epoch). At the end the test split is
read with beam search and corpus BLEU-1…4 (every caption of an image a reference, as COCO scores) go into
OUT/card.json under "metrics".
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
import torch

from ..errors import ScenewrightError
from .loop import LoopConfig, train


def cached_features(ds, split: str, size: int, out: Path, progress: bool = True) -> torch.Tensor:
    """CNN(I) of every image of `split` [N, feature_dim], from OUT/features_<split>_<size>.pt when current."""
    from ..models.captioner import ShowTellConfig, image_features

    grid = ShowTellConfig().grid
    key = {"sha256": ds.card.get("sha256", {}).get(f"{split}.jsonl"), "size": size, "grid": grid}
    path = out / f"features_{split}_{size}.pt"
    if path.is_file():
        saved = torch.load(path, map_location="cpu", weights_only=True)
        if saved.get("key") == json.dumps(key, sort_keys=True):
            return saved["features"]
    images = torch.from_numpy(ds.array(split, size)).float().div(127.5).sub(1).permute(0, 3, 1, 2)
    feats = []
    from tqdm import tqdm
    for i in tqdm(range(0, len(images), 64), desc=f"CNN features ({split})", disable=not progress, leave=False):
        feats.append(image_features(images[i:i + 64], grid))
    feats = torch.cat(feats)
    out.mkdir(parents=True, exist_ok=True)
    torch.save({"key": json.dumps(key, sort_keys=True), "features": feats}, path)
    return feats


def train_captioner(data: str | Path, out: str | Path, *, steps: int | None = None, minutes: float | None = None,
                    seed: int = 0, size: int = 64, batch: int = 64, ckpt_every: int = 250,
                    settings: dict | None = None, progress: bool = True, command: str | None = None,
                    evaluate_split: str | None = "test") -> Path:
    """Train Show and Tell on `data` and return OUT/show_tell.safetensors (BLEU on `evaluate_split` in the card)."""
    from ..data.imageset import ImageSet
    from ..models.captioner import ShowTell, ShowTellConfig, build_vocab
    from ..models.checkpoint import make_config
    from .distributed import Dist

    if steps is None and minutes is None:
        raise ScenewrightError("give a budget: --steps N and/or --minutes M")
    ds = ImageSet.open(data)
    if ds.kind != "captions":
        raise ScenewrightError(f"{data} is a {ds.kind!r} set; the captioner reads a 'captions' set "
                               "(`scenewright data captions ...`)")
    if size not in ds.sizes:
        raise ScenewrightError(f"{data} has no {size} px images (sizes: {ds.sizes}); remake it with --size {size}")
    out = Path(out)
    settings = dict(settings or {})
    if "grid" in settings:
        raise ScenewrightError("the captioner's feature grid is fixed at the cached features' (4)")
    config = make_config(ShowTellConfig, ShowTell.name,
                         {"vocab": build_vocab(ds.all_captions("train")), "image_size": size} | settings)
    torch.manual_seed(seed)
    model = ShowTell(config)

    records = ds.records("train")
    feats = cached_features(ds, "train", size, out, progress)
    image_of = np.array([i for i, r in enumerate(records) for _ in r["captions"]])
    tokens = model.encode([c for r in records for c in r["captions"]])
    lengths = (tokens != 0).sum(1)
    if len(image_of) < batch:
        raise ScenewrightError(f"{data} has {len(image_of)} training captions, fewer than one batch of {batch}")

    def batches(epoch: int):
        order = np.random.default_rng([seed, epoch]).permutation(len(image_of))
        for k in range(0, len(order) - batch + 1, batch):
            idx = torch.from_numpy(order[k:k + batch])
            yield {"features": feats[image_of[idx.numpy()]], "tokens": tokens[idx, :int(lengths[idx].max())]}

    dist = Dist.from_env()
    card = {"data": str(Path(data).resolve()), "data_sha256": ds.card.get("sha256", {}),
            "data_command": ds.card.get("command"), "world": ds.world, "image_size": size, "batch": batch,
            "cnn": "EfficientNet-Lite0 (ImageNet, frozen): pooled head + 4x4 pooled 14x14 regions",
            "command": command or " ".join(["scenewright"] + sys.argv[1:]),
            "threads": torch.get_num_threads(), "device": str(dist.device)}
    lc = LoopConfig(out=str(out), steps=steps, minutes=minutes, seed=seed, ckpt_every=ckpt_every, progress=progress,
                    card=card)
    path = train(model, batches, lc, dist)
    if evaluate_split and dist.main and ds.records(evaluate_split):
        report = evaluate_captioner(out, data, evaluate_split, size=size, progress=progress)
        card_path = out / "card.json"
        saved = json.loads(card_path.read_text())
        saved["metrics"] = {f"{evaluate_split}_{k}": v for k, v in report.items()}
        card_path.write_text(json.dumps(saved, indent=1))
    return path


def evaluate_captioner(checkpoint: str | Path, data: str | Path, split: str = "test", size: int | None = None,
                       beam: int | None = None, n: int | None = None, progress: bool = True) -> dict:
    """Corpus BLEU-1…4 (× 100) of the captioner's beam-search captions of `split` against every caption of each
    image; object F1 of what the captions say (`caption_object_f1`), beside that of each image's first true
    caption; the count, the beam and a few examples."""
    from ..data.imageset import ImageSet
    from ..eval.bleu import corpus_bleu
    from ..models.captioner import load

    model = load(checkpoint)
    ds = ImageSet.open(data)
    size = size or model.cfg.image_size
    records = ds.records(split)[:n] if n else ds.records(split)
    feats = cached_features(ds, split, size, Path(checkpoint) if Path(checkpoint).is_dir() else
                            Path(checkpoint).parent, progress)[:len(records)]
    beam = beam or model.cfg.beam
    hyps = model.decode(feats, beam)
    refs = [r["captions"] for r in records]
    report = {f"bleu{k}": round(100 * corpus_bleu(hyps, refs, order=k), 2) for k in (1, 2, 3, 4)}
    if ds.world and all("scene" in r for r in records):
        report |= {"object_f1": round(caption_object_f1(hyps, records, ds.world), 2),
                   "object_f1_reference": round(caption_object_f1([r[0] for r in refs], records, ds.world), 2)}
    return report | {"n": len(records), "beam": beam,
                     "examples": [{"caption": h, "reference": r[0]} for h, r in zip(hyps[:3], refs[:3])]}


def caption_object_f1(captions: list[str], records: list[dict], world: str) -> float:
    """What the captions say against what the images hold: each caption parsed by the grammar into a scene,
    whose objects are scored against the record's scene (object F1 in %, `eval/metrics.py`)."""
    from ..broken_telephone import parse, scene_detections
    from ..eval.metrics import geneva_scores
    from ..scene import Scene

    said = [scene_detections(parse(c, world)) for c in captions]
    held = [scene_detections(Scene.from_dict(r["scene"])) for r in records]
    return geneva_scores(said, held)["f1"]


__all__ = ["caption_object_f1", "cached_features", "evaluate_captioner", "train_captioner"]
