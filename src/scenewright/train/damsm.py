"""Training DAMSM (AttnGAN's text and image encoders) on a captions image set.

    scenewright train damsm --data DIR --out RUN --image-encoder efficientnet --size 64 --epochs 600 --seed 0

AttnGAN's recipe (pretrain_DAMSM.py, cfg/DAMSM/bird.yml): batch 48, Adam(lr 0.002, β = (0.5, 0.999)), the
lr ×0.98 after each epoch down to lr/10, the text encoder's gradient norm clipped at 0.25, loss = the four
matching losses. Differences: one Adam for the whole run (AttnGAN rebuilds it every epoch); no random
crop/flip (our captions say "left of": a flip would make them false); with the frozen EfficientNet the
backbone's outputs are computed once per image and cached in RUN (only the two projections and the text
encoder train), which is what freezing allows.

Every `ckpt_every` steps and at the end RUN/last.pt holds everything to resume; `--minutes` stops (with a
checkpoint) after that much wall time. The result is RUN/damsm.safetensors + RUN/card.json (data sha256,
command, seed, metrics on the test split). Under `torchrun` each rank takes its shard of every epoch.
"""

from __future__ import annotations

import json
import shlex
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import torch

from ..models.encoders.damsm import (DAMSMConfig, ImageEncoder, TextEncoder, matching_losses, same_caption,
                                     save_damsm)
from ..models.encoders.vocab import Vocab
from ..errors import CheckpointError, ScenewrightError
from .distributed import Dist


@dataclass(frozen=True)
class TrainConfig:
    data: str
    out: str
    image_encoder: str = "efficientnet"
    size: int = 64
    epochs: int = 600
    minutes: float | None = None
    seed: int = 0
    batch_size: int = 48
    lr: float = 0.002
    lr_decay: float = 0.98
    grad_clip: float = 0.25
    max_words: int = 18
    min_count: int = 1
    ckpt_every: int = 200
    threads: int = 1


def command_of(tc: TrainConfig) -> str:
    """The `scenewright train damsm` command that makes this run (written into the card)."""
    args = ["scenewright", "train", "damsm", "--data", tc.data, "--out", tc.out, "--image-encoder",
            tc.image_encoder, "--size", str(tc.size), "--epochs", str(tc.epochs), "--seed", str(tc.seed),
            "--batch-size", str(tc.batch_size), "--max-words", str(tc.max_words)]
    if tc.minutes is not None:
        args += ["--minutes", f"{tc.minutes:g}"]
    return " ".join(shlex.quote(a) for a in args)


def damsm_step(text: TextEncoder, image: ImageEncoder, batch: dict, config: DAMSMConfig,
               cached: tuple[torch.Tensor, torch.Tensor] | None = None) -> dict:
    """The per-step losses of one batch {"image", "caption"} (the function a generic loop would call).
    `cached`: the frozen backbone's (regions, pooled) for these images, instead of running it."""
    regions, code = image.head(*cached) if cached is not None else image(batch["image"])
    feats = text.encode(batch["caption"])
    return matching_losses(regions, code, feats, same_caption(batch["caption"]).to(code.device), config)


def backbone_cache(image: ImageEncoder, ds, split: str, size: int, path: Path, progress: bool):
    """The frozen backbone's (regions fp16 [N, C, h, w], pooled [N, F]) for every image of a split, computed
    once and kept at `path` (keyed by the data card's sha256)."""
    from ..eval.features import card_sha256

    key = card_sha256(ds.root)
    if path.is_file():
        saved = torch.load(path, map_location="cpu", weights_only=True)
        if saved.get("card_sha256") == key and saved.get("size") == size:
            return saved["regions"], saved["pooled"]
    from tqdm import tqdm

    arr = ds.array(split, size)
    regions, pooled = [], []
    with torch.no_grad():
        for i in tqdm(range(0, len(arr), 32), desc=f"backbone {split}", disable=not progress, leave=False):
            x = torch.from_numpy(arr[i:i + 32]).permute(0, 3, 1, 2).float().div(127.5).sub(1)
            r, p = image.backbone_features(x)
            regions.append(r.half())
            pooled.append(p)
    regions, pooled = torch.cat(regions), torch.cat(pooled)
    torch.save({"card_sha256": key, "size": size, "regions": regions, "pooled": pooled}, path)
    return regions, pooled


def train_damsm(tc: TrainConfig, progress: bool = True, command: str | None = None) -> dict:
    """Train (or resume) a DAMSM; returns the card written to OUT/card.json."""
    from tqdm import tqdm

    from ..data.imageset import ImageSet

    torch.set_num_threads(tc.threads)
    ds = ImageSet.open(tc.data)
    out = Path(tc.out)
    out.mkdir(parents=True, exist_ok=True)
    dist = Dist.from_env()
    torch.manual_seed(tc.seed)
    config = DAMSMConfig(image_encoder=tc.image_encoder, size=tc.size)
    vocab = Vocab.build(ds.all_captions("train"), tc.min_count, tc.max_words)
    text, image = TextEncoder(vocab, config), ImageEncoder(config)
    params = [p for m in (text, image) for p in m.parameters() if p.requires_grad]
    opt = torch.optim.Adam(params, lr=tc.lr, betas=(0.5, 0.999))
    step, epoch, lr, elapsed, log = 0, 0, tc.lr, 0.0, []
    ckpt = out / "last.pt"
    if ckpt.is_file():
        state = torch.load(ckpt, map_location="cpu", weights_only=True)
        if state["vocab"] != list(vocab.words):
            raise CheckpointError(f"{ckpt} was trained on other captions; use another --out")
        text.load_state_dict(state["text"])
        image.load_state_dict(state["image"], strict=False)
        opt.load_state_dict(state["opt"])
        step, epoch, lr, elapsed, log = state["step"], state["epoch"], state["lr"], state["elapsed"], state["log"]
        torch.set_rng_state(state["rng"])
    text, image = text.to(dist.device), image.to(dist.device)
    n = len(ds.records("train"))
    per_step = tc.batch_size * dist.world_size  # one global batch; each rank takes every world_size-th image
    steps_per_epoch = n // per_step
    if steps_per_epoch == 0:
        raise ScenewrightError(f"{n} train images are fewer than one batch of {per_step}; lower --batch-size")
    bar = tqdm(total=tc.epochs * steps_per_epoch, initial=step, desc=f"damsm {tc.image_encoder}",
               disable=not (progress and dist.main))
    t0 = time.time()
    cached = backbone_cache(image, ds, "train", tc.size, out / "backbone_train.pt", progress and dist.main) \
        if image.frozen_backbone else None
    cache_minutes = round((time.time() - t0) / 60, 2)  # once per run folder; not part of --minutes
    started = time.time() - elapsed
    out_of_time = False

    def save() -> None:
        if dist.main:
            torch.save({"text": text.state_dict(), "image": image.trained_state(), "opt": opt.state_dict(),
                        "step": step, "epoch": epoch, "lr": lr, "elapsed": time.time() - started, "log": log,
                        "rng": torch.get_rng_state(), "vocab": list(vocab.words)}, ckpt)

    while epoch < tc.epochs and not out_of_time:
        for g in opt.param_groups:
            g["lr"] = lr
        text.train(), image.train()
        skip = step - epoch * steps_per_epoch  # batches of this epoch already done before a resume
        sums: dict[str, float] = {}
        batches = ds.caption_batches("train", tc.size, per_step, seed=tc.seed, epoch=epoch, drop_last=True)
        for b, batch in enumerate(batches):
            if b < skip:
                continue
            mine = slice(dist.rank, None, dist.world_size)
            idx = batch["index"][mine]
            batch = {"image": batch["image"][mine].to(dist.device), "caption": batch["caption"][mine]}
            cache = None if cached is None else (cached[0][idx].float().to(dist.device),
                                                 cached[1][idx].to(dist.device))
            losses = damsm_step(text, image, batch, config, cache)
            opt.zero_grad(set_to_none=True)
            losses["loss"].backward()
            average_gradients(params, dist)
            torch.nn.utils.clip_grad_norm_(text.parameters(), tc.grad_clip)
            opt.step()
            step += 1
            for k, v in losses.items():
                sums[k] = sums.get(k, 0.0) + float(v.detach())
            bar.update(1)
            bar.set_postfix(loss=f"{losses['loss'].item():.2f}", epoch=epoch)
            if step % tc.ckpt_every == 0:
                save()
            if tc.minutes is not None and (time.time() - started) / 60 > tc.minutes:
                out_of_time = True
                break
        if not out_of_time:
            done = max(1, steps_per_epoch - skip)
            log.append({"epoch": epoch, **{k: round(v / done, 4) for k, v in sums.items()}})
            epoch += 1
            lr = lr * tc.lr_decay if lr > tc.lr / 10 else lr
    bar.close()
    save()
    card = {}
    in_sync = dist.in_sync(text) and dist.in_sync(image)  # every rank takes part (a collective under torchrun)
    if dist.main:
        card = finish(tc, ds, text, image, step, epoch, time.time() - started, log, command)
        card |= {"backbone_cache_minutes": cache_minutes, "ranks": dist.world_size, "replicas_in_sync": in_sync}
        (out / "card.json").write_text(json.dumps(card, indent=1))
    dist.close()
    return card


def finish(tc: TrainConfig, ds, text: TextEncoder, image: ImageEncoder, step: int, epoch: int, seconds: float,
           log: list, command: str | None) -> dict:
    """Write OUT/damsm.safetensors and OUT/card.json with the test split's real-image metrics."""
    from ..eval.features import card_sha256

    metrics = evaluate_damsm(text, image, ds, "test", tc.size, seed=tc.seed)
    card = {"method": "damsm", "paper": "Xu et al. 2018, AttnGAN, Sec. 3.3", "data": str(tc.data),
            "data_card_sha256": card_sha256(ds.root), "data_sha256": ds.card.get("sha256", {}),
            "command": command or command_of(tc), "seed": tc.seed,
            "train": asdict(tc), "steps": step, "epochs_done": epoch, "minutes": round(seconds / 60, 2),
            "metrics": {"test": metrics}, "log_last": log[-3:]}
    path = save_damsm(tc.out, text.cpu(), image.cpu(), {"card": {k: card[k] for k in ("data_card_sha256", "seed")}})
    card["weights"] = {"file": path.name, "bytes": path.stat().st_size}
    (Path(tc.out) / "card.json").write_text(json.dumps(card, indent=1))
    return card


def evaluate_damsm(text: TextEncoder, image: ImageEncoder, ds, split: str = "test", size: int = 64,
                   seed: int = 0) -> dict:
    """Real images of a split: R-precision (the ceiling a generator can reach with this DAMSM) and
    text→image Recall@1/5, each image with one of its captions (fixed by the seed)."""
    from ..eval.t2i_metrics import MISMATCHED, image_vectors, r_precision, recall_at_k, sentence_vectors

    text.eval(), image.eval()
    batch = next(ds.caption_batches(split, size, batch_size=len(ds.records(split)), seed=seed, shuffle=False))
    codes = image_vectors(image, batch["image"])
    captions = batch["caption"]
    pool = ds.all_captions(split)
    mismatched = min(MISMATCHED, len(set(pool)) - 1)  # 99 unless the split is tiny (then said in the card)
    r, r_std = r_precision(codes, captions, text, pool=pool, seed=seed, mismatched=mismatched)
    rec = recall_at_k(codes, sentence_vectors(text, captions))
    return {"r_precision": round(r, 2), "r_std": round(r_std, 2), **{k: round(v, 2) for k, v in rec.items()},
            "n": len(captions), "candidates": mismatched + 1}


def average_gradients(params: list[torch.nn.Parameter], dist: Dist) -> None:
    """Under torchrun: every rank steps with the mean gradient (what DDP does), so replicas stay equal."""
    if not dist.enabled:
        return
    import torch.distributed as td

    for p in params:
        if p.grad is not None:
            td.all_reduce(p.grad)
            p.grad /= dist.world_size
