"""The shared on-disk image set every method of the model family trains and is measured on.

One folder, one card, one JSON line per record (../shared/ARCHITECTURE.md, "The model family"):

    DIR/card.json                    {"format": "scenewright-imageset", "version": 1, "kind", "world", "n",
                                      "seed", "sizes", "splits", "command", "captions_per_image", "source",
                                      "license", "sha256": {"train.jsonl": ..., ...}}
    DIR/{train,val,test}.jsonl       one record per line
    DIR/images/<size>/<id>.png       RGB, square

A "captions" record is `{"id", "images": {"64": "images/64/<id>.png", ...}, "captions": [...], "scene"}`;
"edits" and "css" records nest the same `{"images", "scene", "captions"}` parts under "source"/"target" and
"query"/"target". `ImageSet.image(part, size)` takes a record or any such part.

    ds = ImageSet.open(DIR)
    for batch in ds.caption_batches("train", size=64, batch_size=32, seed=0, epoch=e): ...

`caption_batches` is deterministic: the order and the caption drawn for each image depend only on
(seed, epoch), as AttnGAN's loader draws one of an image's captions at random each epoch (Xu et al. 2018,
datasets.py) and GAN-INT-CLS's matching-aware discriminator needs a caption of another image (Reed et al.
2016, Alg. 1: the "wrong text" ĥ).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any, Iterator, Mapping

import numpy as np
from PIL import Image

from ..errors import MissingExtra, MissingFile, ScenewrightError

FORMAT = "scenewright-imageset"
VERSION = 1
KINDS = ("captions", "edits", "css")
SPLITS = ("train", "val", "test")
CARD_KEYS = ("format", "version", "kind", "world", "n", "seed", "sizes", "splits", "command",
             "captions_per_image", "source", "license", "sha256")


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _torch():
    try:
        import torch
    except ImportError:
        raise MissingExtra("image-set tensors", "ml") from None
    return torch


class ImageSet:
    """A read-only view of one image-set folder. Open it with `ImageSet.open(DIR)`."""

    def __init__(self, root: Path, card: dict[str, Any]):
        self.root = root
        self.card = card
        self._records: dict[str, list[dict]] = {}
        self._arrays: dict[tuple[str, int], np.ndarray] = {}

    # -- opening ------------------------------------------------------------------------------------------
    @classmethod
    def open(cls, root: str | Path) -> "ImageSet":
        root = Path(root)
        if not root.is_dir():
            raise MissingFile(f"no image set at {root}: make one with `scenewright data captions --world shapes "
                              f"--n 2000 --size 64 --out {root}` (or `scenewright data import-captions`)")
        card_path = root / "card.json"
        if not card_path.is_file():
            raise MissingFile(f"{root} has no card.json, so it is not a scenewright image set "
                              "(make it with `scenewright data captions` or `data import-captions`)")
        try:
            card = json.loads(card_path.read_text())
        except (json.JSONDecodeError, UnicodeDecodeError) as e:
            raise ScenewrightError(f"{card_path} is not valid JSON: {e}") from None
        if not isinstance(card, dict) or card.get("format") != FORMAT:
            got = card.get("format") if isinstance(card, dict) else type(card).__name__
            raise ScenewrightError(f"{card_path} is not a scenewright image set card "
                                   f"(format {got!r}, expected {FORMAT!r})")
        if card.get("version") != VERSION:
            raise ScenewrightError(f"{card_path} is image-set version {card.get('version')!r}; this scenewright "
                                   f"reads version {VERSION}: remake the set with this version")
        missing = [k for k in ("kind", "sizes", "splits") if k not in card]
        if missing:
            raise ScenewrightError(f"{card_path} lacks {', '.join(missing)}")
        if card["kind"] not in KINDS:
            raise ScenewrightError(f"{card_path}: unknown kind {card['kind']!r}; kinds: {', '.join(KINDS)}")
        return cls(root, card)

    # -- card facts ---------------------------------------------------------------------------------------
    @property
    def kind(self) -> str:
        return self.card["kind"]

    @property
    def world(self) -> str | None:
        return self.card.get("world")

    @property
    def sizes(self) -> list[int]:
        return [int(s) for s in self.card["sizes"]]

    @property
    def splits(self) -> dict[str, int]:
        return {k: int(v) for k, v in self.card["splits"].items()}

    def __repr__(self) -> str:
        return f"ImageSet({str(self.root)!r}, kind={self.kind!r}, world={self.world!r}, splits={self.splits})"

    # -- records ------------------------------------------------------------------------------------------
    def records(self, split: str) -> list[dict]:
        """All records of `split` in file order (the list is shared: copy before changing it)."""
        if split not in self._records:
            if split not in self.card["splits"]:
                raise ScenewrightError(f"unknown split {split!r} in {self.root}; splits: "
                                       f"{', '.join(self.card['splits'])}")
            path = self.root / f"{split}.jsonl"
            if not path.is_file():
                raise MissingFile(f"{path} is missing (the card lists {self.card['splits'][split]} {split} "
                                  "records): remake the set")
            recs = []
            with open(path, encoding="utf-8") as f:
                for line_no, line in enumerate(f, 1):
                    if not line.strip():
                        continue
                    try:
                        recs.append(json.loads(line))
                    except json.JSONDecodeError as e:
                        raise ScenewrightError(f"{path} line {line_no} is not valid JSON: {e.msg}") from None
            self._records[split] = recs
        return self._records[split]

    def all_captions(self, split: str) -> list[str]:
        """Every caption of `split` (record order, then caption order), e.g. to build a vocabulary."""
        out: list[str] = []
        for rec in self.records(split):
            for part in _caption_parts(rec):
                out.extend(part.get("captions") or [])
        return out

    # -- images -------------------------------------------------------------------------------------------
    def image_path(self, part: Mapping[str, Any], size: int, key: str = "images") -> Path:
        table = part.get(key)
        if not isinstance(table, Mapping):
            raise ScenewrightError(f"this record part has no {key!r} (keys: {', '.join(part)}); for an "
                                   f"{self.kind} record pass a part such as rec['target']")
        rel = table.get(str(size))
        if rel is None:
            raise ScenewrightError(f"no {size} px {key} in {self.root}; sizes: {', '.join(map(str, table))}")
        path = self.root / rel
        if not path.is_file():
            raise MissingFile(f"image {path} is missing (record {part.get('id', '?')}): remake the set")
        return path

    def image(self, part: Mapping[str, Any], size: int) -> Image.Image:
        """The RGB image of a record (or a nested part of one) at `size`."""
        with Image.open(self.image_path(part, size)) as im:
            return im.convert("RGB")

    def mask(self, rec: Mapping[str, Any], size: int) -> Image.Image:
        """An edits record's mask (L mode, 255 where the target differs from the source)."""
        with Image.open(self.image_path(rec, size, key="mask")) as im:
            return im.convert("L")

    def tensor(self, part: Mapping[str, Any], size: int):
        """float32 torch tensor [3, H, W] in [-1, 1]."""
        torch = _torch()
        arr = np.asarray(self.image(part, size), dtype=np.float32)
        return torch.from_numpy(arr / 127.5 - 1.0).permute(2, 0, 1).contiguous()

    def array(self, split: str, size: int) -> np.ndarray:
        """All images of a captions split as uint8 [N, H, W, 3], decoded once and kept in memory."""
        key = (split, int(size))
        if key not in self._arrays:
            recs = self.records(split)
            out = np.empty((len(recs), size, size, 3), dtype=np.uint8)
            for i, rec in enumerate(recs):
                img = self.image(rec, size)
                if img.size != (size, size):
                    raise ScenewrightError(f"{self.image_path(rec, size)} is {img.size}, not {size}x{size}")
                out[i] = np.asarray(img)
            self._arrays[key] = out
        return self._arrays[key]

    # -- batches ------------------------------------------------------------------------------------------
    def caption_batches(self, split: str, size: int, batch_size: int, seed: int = 0, epoch: int = 0,
                        shuffle: bool = True, drop_last: bool = False,
                        cache: bool = True) -> Iterator[dict[str, Any]]:
        """Batches of (image, one of its captions, a caption of another image), fixed by seed and epoch.

        Yields {"image": float32 [B,3,H,W] in [-1,1], "caption": list[str], "index": LongTensor [B] of record
        positions in the split, "wrong_caption": list[str]}. `cache` keeps decoded images in memory
        (`array`), so epochs after the first do not touch the disk.
        """
        torch = _torch()
        if batch_size < 1:
            raise ScenewrightError(f"batch_size must be at least 1, got {batch_size}")
        if self.kind != "captions":
            raise ScenewrightError(f"caption_batches reads a 'captions' set; {self.root} is {self.kind!r}")
        recs = self.records(split)
        n = len(recs)
        if n == 0:
            raise ScenewrightError(f"split {split!r} of {self.root} has no records")
        for rec in recs:
            if not rec.get("captions"):
                raise ScenewrightError(f"record {rec.get('id')} in {split} has no captions")
        rng = np.random.default_rng([int(seed), int(epoch), _split_salt(split)])
        order = rng.permutation(n) if shuffle else np.arange(n)
        pick = [int(rng.integers(len(r["captions"]))) for r in recs]
        # another image for each: a uniform draw among the other n-1 records (itself only when n == 1)
        other = (np.arange(n) + rng.integers(1, n, size=n)) % n if n > 1 else np.zeros(1, dtype=np.int64)
        other_pick = [int(rng.integers(len(recs[j]["captions"]))) for j in other]
        images = self.array(split, size) if cache else None
        stop = n - n % batch_size if drop_last else n
        for start in range(0, stop, batch_size):
            idx = order[start:start + batch_size]
            if cache:
                x = torch.from_numpy(images[idx]).permute(0, 3, 1, 2).float().div_(127.5).sub_(1.0)
            else:
                x = torch.stack([self.tensor(recs[i], size) for i in idx])
            yield {"image": x.contiguous(),
                   "caption": [recs[i]["captions"][pick[i]] for i in idx],
                   "index": torch.as_tensor(idx, dtype=torch.long),
                   "wrong_caption": [recs[other[i]]["captions"][other_pick[i]] for i in idx]}

    # -- checks -------------------------------------------------------------------------------------------
    def verify(self) -> list[str]:
        """Files whose sha256 differs from the card's (empty when everything matches)."""
        bad = []
        for name, digest in (self.card.get("sha256") or {}).items():
            path = self.root / name
            if not path.is_file() or sha256_file(path) != digest:
                bad.append(name)
        return bad


def _split_salt(split: str) -> int:
    return int(hashlib.sha256(split.encode()).hexdigest()[:8], 16)


def _caption_parts(rec: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    if "captions" in rec:
        return [rec]
    return [rec[k] for k in ("source", "target", "query") if isinstance(rec.get(k), Mapping)]


def write_card(root: Path, card: Mapping[str, Any]) -> None:
    """Write card.json with the sha256 of every split file (sorted keys, so the bytes are reproducible)."""
    card = dict(card)
    card.setdefault("format", FORMAT)
    card.setdefault("version", VERSION)
    card["sha256"] = {f"{s}.jsonl": sha256_file(root / f"{s}.jsonl")
                      for s in card["splits"] if (root / f"{s}.jsonl").is_file()}
    card["sha256"].update(card.pop("extra_sha256", {}) or {})
    (root / "card.json").write_text(json.dumps(card, indent=2, sort_keys=True) + "\n")


def write_jsonl(path: Path, records: list[Mapping[str, Any]]) -> None:
    with open(path, "w", encoding="utf-8") as f:
        for rec in records:
            f.write(json.dumps(rec, sort_keys=True, separators=(",", ":")) + "\n")


def split_counts(n: int) -> dict[str, int]:
    """80/10/10 of n: val and test get round(n/10) each (at least 1 when n >= 3), train the rest."""
    tenth = max(1, round(n / 10)) if n >= 3 else 0
    return {"train": n - 2 * tenth, "val": tenth, "test": tenth}


def assign_splits(n: int, seed: int) -> list[str]:
    """Which split each of n items goes to: a seeded shuffle cut 80/10/10."""
    counts = split_counts(n)
    order = np.random.default_rng([int(seed), 8010]).permutation(n)
    out = [""] * n
    pos = 0
    for split in SPLITS:
        for i in order[pos:pos + counts[split]]:
            out[int(i)] = split
        pos += counts[split]
    return out


__all__ = ["FORMAT", "ImageSet", "KINDS", "SPLITS", "VERSION", "assign_splits", "sha256_file", "split_counts",
           "write_card", "write_jsonl"]
