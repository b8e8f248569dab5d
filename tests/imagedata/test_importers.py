"""`scenewright data import-captions` on a tiny fake CUB layout, and CoDraw as a captions set."""

import hashlib
import json
import pickle

import pytest
from PIL import Image
from typer.testing import CliRunner

from scenewright.cli import app
from scenewright.data.imageset import ImageSet
from scenewright.data.importers import import_captions, square
from scenewright.errors import MissingFile, ScenewrightError

CLASSES = ("001.Black_footed_Albatross", "002.Laysan_Albatross")


def fake_cub(root, per_class=5):
    """CUB as AttnGAN has it: images/<class>/<name>.jpg, text/<class>/<name>.txt (10 captions a bird)."""
    for c, cls in enumerate(CLASSES):
        (root / "images" / cls).mkdir(parents=True)
        (root / "text" / cls).mkdir(parents=True)
        for j in range(per_class):
            name = f"{cls.split('.')[1]}_{j:04d}_{c}"
            img = Image.new("RGB", (60, 40), (200, 30 * j, 100 * c))
            img.paste((0, 255, 0), (0, 0, 10, 40))  # a green strip on the left edge: cropped away
            img.save(root / "images" / cls / f"{name}.jpg", quality=95)
            caps = [f"this bird {c} {j} has caption {k}" for k in range(10)]
            (root / "text" / cls / f"{name}.txt").write_text("\n".join(caps) + "\n\n")
    (root / "images" / CLASSES[0] / "no_caption.jpg").write_bytes(
        (root / "images" / CLASSES[0] / "Black_footed_Albatross_0000_0.jpg").read_bytes())
    return root


def test_import_cub_with_seeded_split(tmp_path):
    src = fake_cub(tmp_path / "cub")
    card = import_captions(src / "images", src / "text", tmp_path / "set", sizes=(16, 32), seed=0)
    assert card["without_captions"] == 1 and card["n"] == 10
    ds = ImageSet.open(tmp_path / "set")
    assert sum(ds.splits.values()) == 10 and ds.splits["train"] == 8
    rec = ds.records("train")[0]
    assert rec["scene"] is None and len(rec["captions"]) == 10 and rec["name"].startswith("00")
    img = ds.image(rec, 32)
    assert img.size == (32, 32)
    assert img.getpixel((0, 16))[1] < 150  # the green strip (outside the centre square) is gone
    assert "bird" in ds.all_captions("train")[0]
    first = hashlib.sha256((tmp_path / "set" / "train.jsonl").read_bytes()).hexdigest()
    import_captions(src / "images", src / "text", tmp_path / "again", sizes=(16, 32), seed=0)
    assert hashlib.sha256((tmp_path / "again" / "train.jsonl").read_bytes()).hexdigest() == first


def test_import_with_split_files_and_cli(tmp_path):
    src = fake_cub(tmp_path / "cub")
    names = sorted(p.relative_to(src / "images").with_suffix("").as_posix()
                   for p in (src / "images").rglob("*_?.jpg"))
    (tmp_path / "train.txt").write_text("\n".join(names[:7]) + "\n")
    (tmp_path / "test.txt").write_text("\n".join(n.split("/")[1] + ".jpg" for n in names[7:]) + "\n")
    res = CliRunner().invoke(app, ["data", "import-captions", "--images", str(src / "images"), "--text",
                                   str(src / "text"), "--out", str(tmp_path / "set"), "--size", "16",
                                   "--split-file", str(tmp_path / "train.txt"),
                                   "--split-file", str(tmp_path / "test.txt")])
    assert res.exit_code == 0, res.output
    ds = ImageSet.open(tmp_path / "set")
    assert ds.splits == {"train": 7, "val": 0, "test": 3}
    assert {r["name"] for r in ds.records("test")} == set(names[7:])
    assert "--split-file" in ds.card["command"]


def test_refuses_pickles_and_says_what_is_missing(tmp_path):
    src = fake_cub(tmp_path / "cub")
    (tmp_path / "filenames.pickle").write_bytes(pickle.dumps(["x"]))
    with pytest.raises(ScenewrightError, match="does not unpickle"):
        import_captions(src / "images", src / "text", tmp_path / "o", split_files=[tmp_path / "filenames.pickle"])
    with pytest.raises(MissingFile, match="no text folder"):
        import_captions(src / "images", tmp_path / "nothing", tmp_path / "o2")
    (tmp_path / "train.txt").write_text("not_a_bird\n")
    with pytest.raises(ScenewrightError, match="matches 0 images"):
        import_captions(src / "images", src / "text", tmp_path / "o3", split_files=[tmp_path / "train.txt"])


def test_square_crops_the_centre():
    img = Image.new("RGB", (30, 10), (0, 0, 0))
    img.paste((255, 255, 255), (10, 0, 20, 10))
    assert square(img, 10).getpixel((5, 5)) == (255, 255, 255)
    assert square(img, 10).getpixel((0, 5))[0] > 200  # the left black third is cropped away


@pytest.mark.codraw
def test_codraw_captions_set(tmp_path, codraw_dir):
    from scenewright.data.importers import make_codraw_captions

    card = make_codraw_captions(tmp_path, codraw_dir=codraw_dir, sizes=(32,), n=4)
    ds = ImageSet.open(tmp_path)
    assert ds.splits == {"train": 4, "val": 4} and "no test split" in card["source"]
    with pytest.raises(ScenewrightError, match="unknown split 'test'"):
        ds.records("test")
    rec = ds.records("val")[0]
    raw = json.loads((codraw_dir / "dialogs" / f"{rec['id']}.json").read_text())
    tellers = [" ".join(t["msg_t"].split()) for t in raw["dialog"] if t.get("msg_t", "").strip()]
    assert rec["captions"][0] == " ".join(tellers)
    assert rec["captions"][1:] == [t for t in tellers if t.strip(" .!").lower() not in ("hi", "done", "ok", "hello")]
    assert ds.image(rec, 32).size == (32, 32) and rec["scene"]["world"] == "park"
    assert "BY-NC" in ds.card["license"]
