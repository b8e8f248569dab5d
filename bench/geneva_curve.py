"""The GeNeVA-GAN training curve: P / R / F1 / rsim of every EMA snapshot of a run, on validation dialogs.

    python bench/geneva_curve.py --run runs/geneva64 --data data/shapes10k --detector DET [--n 100]

Prints one row per snapshot, writes RUN/curve.json and RUN/curve.png (losses from RUN/log.jsonl on top,
F1 and rsim below; drawn with PIL, no plotting library).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import torch
from PIL import Image, ImageDraw


def score_snapshots(run: Path, data_dir: str, detector: str, n: int, seed: int = 0) -> list[dict]:
    from scenewright.data.shapes_dialogs import ShapesDialogs
    from scenewright.eval.detector import Detector
    from scenewright.eval.geneva import score_generator
    from scenewright.models.geneva_gan import GenevaGAN

    val = ShapesDialogs.load(data_dir, "val", 64)
    det = Detector.load(detector)
    done = {}
    out_path = run / "curve.json"
    if out_path.exists():
        done = {r["step"]: r for r in json.loads(out_path.read_text())}
    minutes = {}  # wall minutes since the training process started, per logged step (a resume restarts it)
    if (run / "log.jsonl").exists():
        for line in (run / "log.jsonl").read_text().splitlines():
            r = json.loads(line)
            if "minutes" in r:
                minutes[r["step"]] = r["minutes"]
    rows = []
    for snap in sorted((run / "snapshots").glob("ema_*.safetensors")):
        step = int(snap.stem.split("_")[1])
        if step not in done:
            done[step] = {"step": step, **score_generator(GenevaGAN.load(snap), val, det, n=n, seed=seed)}
            out_path.write_text(json.dumps([done[k] for k in sorted(done)], indent=1))
        r = done[step] | ({"minutes": minutes[step]} if step in minutes else {})
        rows.append(r)
        print(f"step {step:6d}  min {r.get('minutes', float('nan')):6.1f}  P {r['precision']:5.1f}  "
              f"R {r['recall']:5.1f}  F1 {r['f1']:5.1f}  rsim {r['rsim']:5.1f}", flush=True)
    return rows


def plot(run: Path, rows: list[dict], out: Path) -> None:
    log = [json.loads(line) for line in (run / "log.jsonl").read_text().splitlines()]
    log = [r for r in log if "loss_d" in r]
    W, H, pad = 720, 520, 50
    img = Image.new("RGB", (W, H), "white")
    d = ImageDraw.Draw(img)
    max_step = max([r["step"] for r in log] + [r["step"] for r in rows] + [1])

    def panel(top: int, bottom: int, series: list[tuple[str, list[tuple[float, float]], str]], lo: float,
              hi: float, title: str) -> None:
        d.rectangle([pad, top, W - 10, bottom], outline="black")
        d.text((pad + 4, top + 2), title, fill="black")
        for k, (name, pts, color) in enumerate(series):
            d.text((W - 150, top + 4 + 12 * k), name, fill=color)
            xy = [(pad + (W - 10 - pad) * s / max_step, bottom - (bottom - top) * (v - lo) / (hi - lo or 1))
                  for s, v in pts]
            if len(xy) > 1:
                d.line(xy, fill=color, width=2)
        d.text((4, top), f"{hi:.2g}", fill="black")
        d.text((4, bottom - 10), f"{lo:.2g}", fill="black")

    smooth = lambda key: [(r["step"], sum(x[key] for x in log[max(0, i - 9):i + 1]) / len(log[max(0, i - 9):i + 1]))
                          for i, r in enumerate(log)]  # noqa: E731
    ld, lg = smooth("loss_d"), smooth("loss_g")
    vals = [v for _, v in ld + lg] or [0, 1]
    panel(10, 240, [("loss D", ld, "red"), ("loss G", lg, "blue")], min(vals), max(vals),
          "losses (moving average of 10 log rows)")
    panel(270, 490, [("F1", [(r["step"], r["f1"]) for r in rows], "green"),
                     ("rsim", [(r["step"], r["rsim"]) for r in rows], "purple")], 0, 100,
          "validation F1 / rsim (%) of the EMA generator")
    d.text((pad, H - 22), f"step 0 … {max_step}", fill="black")
    img.save(out)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--run", type=Path, required=True)
    ap.add_argument("--data", required=True)
    ap.add_argument("--detector", required=True)
    ap.add_argument("--n", type=int, default=100)
    ap.add_argument("--threads", type=int, default=1)
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    rows = score_snapshots(a.run, a.data, a.detector, a.n)
    plot(a.run, rows, a.run / "curve.png")


if __name__ == "__main__":
    main()
