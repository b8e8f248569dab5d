"""Real captioned images into the shared image-set format (data/imageset.py).

- `make_codraw_captions`: CoDraw's scenes (Kim et al., ACL 2019) drawn with its own clip-art
  (render/clipart.py), captioned by the Teller's real messages. CoDraw's split is kept: train and val;
  there is no test split on disk. CC BY-NC 4.0: read from where the user keeps it, never copied here.
- `import_captions`: the folder layout AttnGAN (Xu et al., CVPR 2018) and DF-GAN (Tao et al., CVPR 2022)
  read: CUB `images/<class>/<name>.jpg` + `text/<class>/<name>.txt`, COCO `images/<name>.jpg` +
  `text/<name>.txt`, one caption per line. AttnGAN's split lists are pickles (filenames.pickle); pickles are
  never opened here — plain-text lists of names (`--split-file train.txt`, one name per line, with or
  without the class folder and extension) are accepted, else a seeded 80/10/10 split is made. Images are
  centre-cropped to a square and resized with PIL's LANCZOS filter.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path
from typing import Sequence

from PIL import Image, UnidentifiedImageError

from ..errors import MissingFile, ScenewrightError
from .imageset import SPLITS, assign_splits, write_card, write_jsonl

IMAGE_EXTS = (".jpg", ".jpeg", ".png", ".bmp", ".webp")
CODRAW_LICENSE = ("CC BY-NC 4.0 (CoDraw, Kim et al. 2019; see LICENSE in the CoDraw folder): non-commercial "
                  "use only; do not redistribute this set or copy it into a repository")


def _check_out(out: Path) -> None:
    if out.exists() and any(out.iterdir()) and not (out / "card.json").is_file():
        raise ScenewrightError(f"{out} exists and is not an image set: give an empty or new folder")


def _sizes(sizes: Sequence[int]) -> list[int]:
    sizes = sorted({int(s) for s in sizes})
    if not sizes or min(sizes) < 8:
        raise ScenewrightError(f"sizes must be at least 8 px, got {sizes}")
    return sizes


def _png(img: Image.Image) -> bytes:
    buf = io.BytesIO()
    img.save(buf, format="PNG", compress_level=6)
    return buf.getvalue()


def _bar(total: int, desc: str):
    from tqdm import tqdm

    return tqdm(total=total, desc=desc, unit="img", file=sys.stderr)


def _caption_counts(counts: list[int]) -> dict:
    """captions_per_image: the number when every image has the same, else null with the range and mean."""
    if counts and min(counts) == max(counts):
        return {"captions_per_image": counts[0]}
    return {"captions_per_image": None, "captions_per_image_range": [min(counts, default=0), max(counts, default=0)],
            "captions_per_image_mean": round(sum(counts) / max(1, len(counts)), 2)}


# -- CoDraw ---------------------------------------------------------------------------------------------------
def codraw_captions(dialog) -> list[str]:
    """Caption 0: the whole dialog's Teller text, message after message; then each Teller message alone,
    except those that are only chit-chat ("hi", "done", "ok": codraw.CHITCHAT, as GeNeVA drops them)."""
    from .codraw import CHITCHAT

    messages = [" ".join(t.teller.split()) for t in dialog.turns if t.teller and t.teller.strip()]
    said = [m for m in messages if any(w not in CHITCHAT for w in m.lower().replace(".", " ").replace(",", " ")
                                       .replace("!", " ").split())]
    return [" ".join(messages)] + said if messages else []


def _codraw_dialogs(root: Path, split: str, n: int | None) -> list:
    """The first n dialogs of `split` by id (only those files are read)."""
    import json

    from .codraw import dialog_from_codraw

    files = sorted((root / "dialogs").glob(f"{split}_*.json"))[:n]
    return [dialog_from_codraw(f.stem, json.loads(f.read_text())) for f in files]


def make_codraw_captions(out: str | Path, codraw_dir: str | Path | None = None, sizes: Sequence[int] = (64,),
                         n: int | None = None, command: str | None = None) -> dict:
    """CoDraw's Teller scenes as a captions set (train and val, as CoDraw splits them). `n` keeps the first
    n dialogs of each split (by id)."""
    from ..render.clipart import ClipartRenderer
    from .captions import command_for
    from .codraw import default_codraw_dir

    root = Path(codraw_dir) if codraw_dir is not None else default_codraw_dir()
    if not (root / "dialogs").is_dir():
        raise MissingFile(f"no CoDraw dialogs at {root / 'dialogs'}: pass --codraw DIR (the folder holding "
                          "dialogs/ and clipart/) or set $SCENEWRIGHT_CODRAW; CoDraw is CC BY-NC and not shipped")
    renderer = ClipartRenderer("park", clipart=root / "clipart")
    sizes = _sizes(sizes)
    out = Path(out)
    _check_out(out)
    for s in sizes:
        (out / "images" / str(s)).mkdir(parents=True, exist_ok=True)
    splits = ("train", "val")
    dialogs = {s: _codraw_dialogs(root, s, n) for s in splits}
    bar = _bar(sum(map(len, dialogs.values())), "codraw scenes")
    counts, skipped, k_counts = {}, 0, []
    for split in splits:
        recs = []
        for d in dialogs[split]:
            bar.update()
            captions = codraw_captions(d)
            if not captions or not d.target.objects:
                skipped += 1
                continue
            big = renderer.render(d.target)  # CoDraw's own 500x400 canvas, then squashed to squares (GeNeVA)
            images = {}
            for s in sizes:
                rel = f"images/{s}/{d.id}.png"
                (out / rel).write_bytes(_png(big.resize((s, s), Image.LANCZOS)))
                images[str(s)] = rel
            recs.append({"id": d.id, "images": images, "captions": captions, "scene": d.target.to_dict(),
                         "image_id": d.image_id})
            k_counts.append(len(captions))
        write_jsonl(out / f"{split}.jsonl", recs)
        counts[split] = len(recs)
    bar.close()
    card = {"kind": "captions", "world": "codraw", "n": sum(counts.values()), "seed": None, "sizes": sizes,
            "splits": counts,
            "command": command or command_for("captions", world="codraw", codraw=root, out=out, size=tuple(sizes), n=n),
            **_caption_counts(k_counts),
            "captions_layout": "captions[0] is the whole dialog's Teller text (messages joined in order); "
                               "captions[1:] are the Teller messages one by one, without those that are only "
                               "chit-chat (hi, done, ok, thanks, ...)",
            "source": "CoDraw (Kim et al., ACL 2019): the Teller's target scene (abs_t) drawn with CoDraw's "
                      "clip-art on its 500x400 canvas, resized to squares with LANCZOS (aspect not kept, as "
                      "GeNeVA); CoDraw's own train/val split; there is no test split on disk, so this set has "
                      "none", "license": CODRAW_LICENSE, "skipped_empty": skipped}
    write_card(out, card)
    return card


# -- AttnGAN / DF-GAN folders -------------------------------------------------------------------------------
def square(img: Image.Image, size: int) -> Image.Image:
    """Centre crop to the shorter side, then LANCZOS to size × size."""
    w, h = img.size
    m = min(w, h)
    left, top = (w - m) // 2, (h - m) // 2
    return img.crop((left, top, left + m, top + m)).resize((size, size), Image.LANCZOS)


def find_pairs(images: Path, text: Path) -> tuple[list[tuple[str, Path, Path]], list[str]]:
    """(name, image, caption file) for every image with a caption file; names are paths under `images`
    without the extension ("001.Black_footed_Albatross/Black_Footed_Albatross_0046_18"). Also the names of
    images without captions."""
    if not images.is_dir():
        raise MissingFile(f"no image folder at {images}")
    if not text.is_dir():
        raise MissingFile(f"no text folder at {text}")
    pairs, lonely = [], []
    for path in sorted(p for p in images.rglob("*") if p.suffix.lower() in IMAGE_EXTS and p.is_file()):
        name = path.relative_to(images).with_suffix("").as_posix()
        txt = text / f"{name}.txt"
        (pairs.append((name, path, txt)) if txt.is_file() else lonely.append(name))
    if not pairs:
        raise ScenewrightError(f"no image in {images} has a caption file under {text} (expected "
                               f"{text}/<name>.txt beside {images}/<name>.jpg)")
    return pairs, lonely


def read_split_file(path: Path) -> list[str]:
    if not path.is_file():
        raise MissingFile(f"split file {path} is not there")
    if path.suffix in (".pickle", ".pkl"):
        raise ScenewrightError(f"{path} is a pickle: scenewright does not unpickle foreign files; give a plain-text "
                               "list of names, one per line")
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except UnicodeDecodeError:
        raise ScenewrightError(f"{path} is not a text file of names") from None
    return [ln.strip() for ln in lines if ln.strip() and not ln.startswith("#")]


def _split_name(path: Path) -> str:
    for s in SPLITS:
        if path.stem.startswith(s):
            return s
    if path.stem.startswith(("dev", "valid")):
        return "val"
    raise ScenewrightError(f"cannot tell the split of {path.name}: name split files train*.txt, val*.txt, "
                           "test*.txt")


def _strip(name: str) -> str:
    name = name.replace("\\", "/")
    return name.rsplit(".", 1)[0] if name.lower().endswith(IMAGE_EXTS + (".txt",)) else name


def import_captions(images: str | Path, text: str | Path, out: str | Path, sizes: Sequence[int] = (64,),
                    split_files: Sequence[str | Path] = (), seed: int = 0, command: str | None = None) -> dict:
    """An AttnGAN/DF-GAN folder pair as a captions set (records have "scene": null)."""
    from .captions import command_for

    images, text, out = Path(images), Path(text), Path(out)
    sizes = _sizes(sizes)
    pairs, lonely = find_pairs(images, text)
    _check_out(out)
    by_name = {name: i for i, (name, _, _) in enumerate(pairs)}
    by_stem = {}
    for i, (name, _, _) in enumerate(pairs):
        by_stem.setdefault(name.rsplit("/", 1)[-1], []).append(i)
    split_of: list[str | None]
    if split_files:
        split_of = [None] * len(pairs)
        for f in map(Path, split_files):
            names = read_split_file(f)
            split = _split_name(f)
            for raw in names:
                name = _strip(raw)
                idx = [by_name[name]] if name in by_name else by_stem.get(name.rsplit("/", 1)[-1], [])
                if len(idx) != 1:
                    raise ScenewrightError(f"{f.name}: {raw!r} matches {len(idx)} images under {images}")
                split_of[idx[0]] = split
        how = "split files " + ", ".join(Path(f).name for f in split_files)
    else:
        split_of = assign_splits(len(pairs), seed)
        how = f"seeded 80/10/10 split (seed {seed})"
    for s in sizes:
        (out / "images" / str(s)).mkdir(parents=True, exist_ok=True)
    records: dict[str, list[dict]] = {s: [] for s in SPLITS}
    bar = _bar(len(pairs), "images")
    bad: list[str] = []
    for i, (name, img_path, txt_path) in enumerate(pairs):
        bar.update()
        if split_of[i] is None:
            continue
        captions = [" ".join(ln.split()) for ln in txt_path.read_text(encoding="utf-8", errors="replace")
                    .splitlines() if ln.strip()]
        try:
            with Image.open(img_path) as im:
                img = im.convert("RGB")
        except (OSError, UnidentifiedImageError):
            bad.append(name)
            continue
        if not captions:
            bad.append(name)
            continue
        rid = f"{i:06d}"
        rel = {str(s): f"images/{s}/{rid}.png" for s in sizes}
        for s in sizes:
            (out / rel[str(s)]).write_bytes(_png(square(img, s)))
        records[split_of[i]].append({"id": rid, "name": name, "images": rel, "captions": captions, "scene": None})
    bar.close()
    for s in SPLITS:
        write_jsonl(out / f"{s}.jsonl", records[s])
    card = {"kind": "captions", "world": "imported", "n": sum(map(len, records.values())),
            "seed": seed if not split_files else None, "sizes": sizes,
            "splits": {s: len(records[s]) for s in SPLITS},
            "command": command or command_for("import-captions", images=images, text=text, out=out, size=tuple(sizes),
                                              split_file=[str(f) for f in split_files] or None),
            **_caption_counts([len(r["captions"]) for rs in records.values() for r in rs]),
            "source": f"imported from {images} and {text} (AttnGAN/DF-GAN layout); {how}; centre-cropped to "
                      "square, LANCZOS",
            "license": "that of the source images and captions (not checked by scenewright)",
            "without_captions": len(lonely), "unreadable_or_empty": bad[:20],
            "not_in_any_split": sum(1 for s in split_of if s is None)}
    write_card(out, card)
    return card


__all__ = ["codraw_captions", "find_pairs", "import_captions", "make_codraw_captions", "square"]
