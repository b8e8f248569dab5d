"""Training the CoDraw drawer (`scenewright train drawer`): teacher-forced on the human drawer's canvases.

Each training example is one round: the teller's message (and the one before it), the human drawer's canvas
before the round → what the drawer did in the round (pieces added, removed, changed, and how). Runs alone or
under `torchrun --nproc_per_node N` (scenewright.train.distributed); shows a progress bar; resumes from
`<out>/last.pt`; seeded. The model with the best closed-loop CoDraw score on val dialogs is kept as
`<out>/drawer.safetensors` + `<out>/drawer.json` (the card). Weights trained on CoDraw are CC BY-NC
derivatives: keep them under runs/ or a user folder, never in the repository.

What is trained depends on the data, the options and the seeds only: every member trains every epoch, on
any machine. The optional wall-clock guard (`time_budget`, `--budget`) never trains less to fit; past it, the
run stops with an error and the same command run again goes on from where it stopped (`last.pt` keeps the
random state too, so a resumed run gives the weights an uninterrupted one would).
"""

from __future__ import annotations

import inspect
import json
import math
import os
import random
import time
from dataclasses import asdict
from pathlib import Path
from typing import Any, Sequence

import numpy as np

from ..data.codraw import CLASSES, HUMAN_IDXS, Dialog, depth_of, load_codraw
from ..errors import ScenewrightError
from ..models.drawer import (N, DrawerConfig, MiniLM, _same, build_net, build_vocab, families, family_matrix,
                             features, learn_names, mentions, slots, turn_actions, wear_offsets)
from ..scene import Scene, SceneObject
from ..worlds.park import EXPRESSIONS, POSES

EMPTY = Scene("park", "day")


def examples(dialogs: Sequence[Dialog]) -> dict[str, list]:
    """Every round of every dialog as (text, previous text, canvas before, turn number, canvas after)."""
    ex: dict[str, list] = {"text": [], "prev": [], "before": [], "turn": [], "after": [], "history": [], "goal": []}
    for d in dialogs:
        before, prev = EMPTY, ""
        for k, t in enumerate(d.turns):
            ex["history"].append([u.teller for u in d.turns[:k]])
            ex["goal"].append(d.target)
            ex["text"].append(t.teller)
            ex["prev"].append(prev)
            ex["before"].append(before)
            ex["turn"].append(k)
            ex["after"].append(t.scene)
            before, prev = t.scene, t.teller
    return ex


def targets(before: Scene, after: Scene, cfg: DrawerConfig, goal: Scene | None = None,
            text: str = "") -> dict[str, np.ndarray]:
    """Per class: add / remove / change labels with their masks, and the attribute labels (-1 = no loss).

    Without `goal` the labels are what the human drawer did in the round. With `goal` (the Teller's scene) the
    labels aim at the scene being described: add a piece when the human drawer added it *and* it is in the
    goal, or when this message names it, it is in the goal and not yet on the canvas (a piece the human
    drawer missed); and where / how a piece goes is read from the goal (the human drawer's guesses at flip,
    depth and place are noise the score punishes)."""
    _, ob = slots(before)
    _, oa = slots(after)
    og: dict[int, SceneObject] = {}
    named = np.zeros(N, np.float32)
    if goal is not None:
        _, og = slots(goal)
        named = mentions(text, cfg.names)
        named[list(_meant_members(ob, oa, og, named))] = 1
    t = {k: np.zeros(N, np.float32) for k in ("add", "add_m", "remove", "remove_m", "change", "change_m")}
    for k in ("x", "y", "depth", "flip", "pose", "expression"):
        t[k] = np.full(N, -1, np.int64)
    for c in range(N):
        if c not in ob:
            t["add_m"][c] = 1
            t["add"][c] = float(c in oa) if goal is None else float(c in og and (c in oa or named[c] > 0))
        else:
            t["remove_m"][c] = 1
            t["remove"][c] = float(c not in oa)
            if c in oa:
                t["change_m"][c] = 1
                t["change"][c] = float(not _same(ob[c], oa[c]))
        if (t["add"][c] and c not in ob) or t["change"][c]:
            o = og.get(c, oa.get(c))
            t["x"][c] = min(int(min(max(o.x, 0.0), 1.0) * cfg.bins_x), cfg.bins_x - 1)
            t["y"][c] = min(int(min(max(o.y, 0.0), 1.0) * cfg.bins_y), cfg.bins_y - 1)
            t["depth"][c] = depth_of(o.scale)
            t["flip"][c] = int(o.flip)
            if c in HUMAN_IDXS:
                t["pose"][c] = POSES.index(o.pose) if o.pose in POSES else -1
                t["expression"][c] = EXPRESSIONS.index(o.expression) if o.expression in EXPRESSIONS else -1
    return t


def _placed(t: dict[str, np.ndarray], after: Scene, goal: Scene | None) -> dict[int, tuple[float, float]]:
    """Where the pieces a round adds go (from the goal when there is one): anchors for the others it adds."""
    _, oa = slots(after)
    og = slots(goal)[1] if goal is not None else {}
    return {int(c): (o.x, o.y) for c in np.flatnonzero(t["add"]) for o in [og.get(c, oa.get(c))] if o is not None}


def _meant_members(ob: dict, oa: dict, og: dict, named: np.ndarray) -> set[int]:
    """Look-alikes the round was about: when the human drawer added one member of a family (a baseball cap)
    or the message names a family absent from the canvas ("a hat"), and the Teller's scene holds exactly one
    member of that family not drawn yet (a crown), that member is meant."""
    fam = families()
    said = {fam[c] for c in oa.keys() - ob.keys() if c in fam}
    on_canvas = {fam[c] for c in ob if c in fam}
    said |= {fam[c] for c in np.flatnonzero(named) if c in fam and fam[c] not in on_canvas}
    out = set()
    for f in said:
        left = [g for g in og if fam.get(g) == f and g not in ob]
        if len(left) == 1:
            out.add(left[0])
    return out


def tensors(ex: dict[str, list], cfg: DrawerConfig, vocab: dict[str, int], minilm: MiniLM | None,
            goal: str = "human") -> dict:
    goals = ex["goal"] if goal == "target" else [None] * len(ex["text"])
    tg = [targets(b, a, cfg, g, text) for b, a, g, text in zip(ex["before"], ex["after"], goals, ex["text"])]
    placed = [_placed(t, a, g) for t, a, g in zip(tg, ex["after"], goals)] if cfg.local else None
    feats = features(cfg, vocab, minilm, ex["text"], ex["prev"], ex["before"], ex["turn"], ex["history"], placed)
    if "vec" in feats:
        feats["vec"], feats["prev_vec"] = feats["vec"].astype(np.float16), feats["prev_vec"].astype(np.float16)
    for k in ("loc_cls", "loc_before", "loc_after", "loc_anchor", "loc_rel"):
        if k in feats:  # token ids: int32 keeps the train set's contexts at a quarter of a GB
            feats[k] = feats[k].astype(np.int32)
    for k in tg[0]:
        feats["t_" + k] = np.stack([t[k] for t in tg])
    return feats


def loss_fn(out: dict, batch: dict, place_sigma: float = 0.0):
    """Masked BCE for add / remove / change; cross-entropy for where and how (ignore -1). With `place_sigma`,
    x and y are scored against a Gaussian of that width (in bins) around the true bin instead of the bin
    alone: a piece one bin off is nearly right, as CoDraw's distance term has it."""
    import torch.nn.functional as F

    total, parts = 0.0, {}
    for k, w in (("add", 1.0), ("remove", 0.5), ("change", 1.0)):
        m = batch[f"t_{k}_m"]
        l = F.binary_cross_entropy_with_logits(out[k][..., 0], batch[f"t_{k}"], reduction="none")
        parts[k] = (l * m).sum() / m.sum().clamp(min=1)
        total = total + w * parts[k]
    for k, w in (("x", 0.5), ("y", 0.5), ("depth", 0.5), ("flip", 0.5), ("pose", 0.3), ("expression", 0.3)):
        logits = out[k].reshape(-1, out[k].shape[-1])
        tgt = batch["t_" + k].reshape(-1)
        if (tgt >= 0).any():
            if place_sigma > 0 and k in ("x", "y"):
                parts[k] = _soft_cross_entropy(logits[tgt >= 0], tgt[tgt >= 0], place_sigma)
            else:
                parts[k] = F.cross_entropy(logits, tgt, ignore_index=-1)
            total = total + w * parts[k]
    if "member" in out:  # which member of a family: softmax over the members not on the canvas
        parts["member"] = _member_loss(out["member"][..., 0], batch["t_add"], batch["t_add_m"])
        total = total + 0.5 * parts["member"]
    return total, {k: float(v.detach()) for k, v in parts.items()}


def _soft_cross_entropy(logits, target, sigma: float):
    """Cross-entropy of `logits` (R, bins) against a Gaussian of width `sigma` bins around each `target` bin."""
    import torch

    d = torch.arange(logits.shape[-1], device=logits.device).unsqueeze(0) - target.unsqueeze(1)
    want = torch.softmax(-0.5 * (d / sigma) ** 2, -1)
    return -(want * torch.log_softmax(logits, -1)).sum(-1).mean()


def _member_loss(logits, add, absent):
    """Cross-entropy of the member logits within each family, on rounds that add a member of it (the target
    spread evenly over the members added) and leave a choice (two or more members absent)."""
    import torch
    import torch.nn.functional as F

    total, count = logits.new_zeros(()), 0
    for row in torch.from_numpy(family_matrix()):
        free = absent * row
        want = add * free
        ok = (want.sum(1) > 0) & (free.sum(1) > 1)
        if ok.any():
            logp = F.log_softmax(logits[ok].masked_fill(free[ok] == 0, -1e4), -1)
            total = total - ((want[ok] / want[ok].sum(1, keepdim=True)) * logp).sum(1).sum()
            count += int(ok.sum())
    return total / max(count, 1)


def prepare(data: str | os.PathLike, text: str = "both", hidden: int = 512,
            minilm_cache: str | os.PathLike | None = None, limit: int | None = None, val_dialogs: int = 300,
            history: bool = True, goal: str = "target", spotter: bool = True, members: bool = True,
            local: bool = True, names: bool = True, main: bool = True) -> dict[str, Any]:
    """What training reads, once: the dialogs, the vocabulary, the network's config and the train rounds as
    tensors. The main process (`main`) says what it read and caches the MiniLM vectors of the messages at
    `minilm_cache` (.npz) when they are not there yet."""
    import torch

    if goal not in ("target", "human"):
        raise ScenewrightError(f"--goal must be 'target' or 'human', not {goal!r}")
    train = load_codraw(data, "train", limit=limit)
    val = load_codraw(data, "val", limit=val_dialogs)
    if not train:
        raise ScenewrightError(f"no train_* dialogs in {data}")
    vocab_list = build_vocab([t.teller for d in train for t in d.turns])
    vocab = {w: i for i, w in enumerate(vocab_list)}
    cfg = DrawerConfig(text=text, hidden=hidden, vocab_size=len(vocab_list), history=history and text != "minilm",
                       spotter=spotter and text != "minilm", members=members, local=local and text != "minilm",
                       names=learn_names(train) if names else None)
    minilm = None
    cache = Path(minilm_cache) if minilm_cache else None
    if text != "own":
        minilm = MiniLM(cache if cache and cache.exists() else None)
    ex = examples(train)
    if main:
        print(f"{len(train)} train dialogs, {len(ex['text'])} rounds; {len(val)} val dialogs; text encoder {text}",
              flush=True)
    data_t = {k: torch.from_numpy(v) for k, v in tensors(ex, cfg, vocab, minilm, goal).items()}
    if minilm is not None and cache and not cache.exists() and main:  # keep the vectors for next time
        cache.parent.mkdir(parents=True, exist_ok=True)
        np.savez(cache, texts=np.array(list(minilm.table)), emb=np.stack(list(minilm.table.values())).astype(np.float16))
    return {"train": train, "val": val, "vocab": vocab_list, "cfg": cfg, "minilm": minilm, "cache": cache,
            "examples": ex, "tensors": data_t, "goal": goal,
            "wear": wear_offsets([d.target for d in train])}  # where hats and glasses sit on people


def train_drawer(data: str | os.PathLike, out: str | os.PathLike, text: str = "both", epochs: int = 8,
                 batch_size: int = 256, lr: float = 1e-3, seed: int = 0, hidden: int = 512,
                 minilm_cache: str | os.PathLike | None = None, limit: int | None = None,
                 val_dialogs: int = 300, threads: int = 1, time_budget: float | None = None,
                 progress: bool = True, tune: bool = True, history: bool = True, goal: str = "target",
                 spotter: bool = True, members: bool = True, local: bool = True, names: bool = True,
                 place_sigma: float = 3.0, prepared: dict | None = None) -> dict[str, Any]:
    """`goal`: "target" learns what to draw from the Teller's scene (see `targets`), "human" imitates the
    human drawer's edits. `place_sigma`: see `loss_fn`. `prepared`: the data from `prepare` (an ensemble's
    members share it). `time_budget`: seconds after which the run stops with an error at the end of an epoch
    (`_budget_left`); it never shortens the training."""
    import torch

    from safetensors.torch import save_file
    from tqdm import tqdm

    from ..eval.codraw import run_drawer, score_runs
    from .distributed import Dist, unwrap

    _check_budget_option(time_budget)
    torch.set_num_threads(threads)
    dist = Dist.from_env(device="cpu")
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    t0 = time.time()
    prep = prepared or prepare(data, text=text, hidden=hidden, minilm_cache=minilm_cache or out / "minilm_teller.npz",
                               limit=limit, val_dialogs=val_dialogs, history=history, goal=goal, spotter=spotter,
                               members=members, local=local, names=names, main=dist.main)
    train, val, vocab_list, cfg, minilm, cache, ex, wear, data_t = (
        prep[k] for k in ("train", "val", "vocab", "cfg", "minilm", "cache", "examples", "wear", "tensors"))
    goal = prep["goal"]
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)

    net = build_net(cfg)
    model = dist.wrap(net)
    opt = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=0.01)
    n = len(ex["text"])
    steps_per_epoch = max(1, n // dist.world_size // batch_size)
    total_steps = epochs * steps_per_epoch
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min(1.0, (s + 1) / 200) * 0.5 * (1 + math.cos(math.pi * min(s, total_steps) / total_steps)))
    state = {"epoch": 0, "best": -1e9, "history": []}
    last = out / "last.pt"
    if last.exists():
        ck = torch.load(last, weights_only=False)
        unwrap(model).load_state_dict(ck["model"])
        opt.load_state_dict(ck["opt"])
        sched.load_state_dict(ck["sched"])
        state = ck["state"]
        if "rng" in ck:  # dropout goes on as if the run had not stopped
            torch.set_rng_state(ck["rng"]["torch"])
            np.random.set_state(ck["rng"]["numpy"])
            random.setstate(ck["rng"]["python"])
        if dist.main:
            print(f"resuming from {last} after epoch {state['epoch']}", flush=True)
    sampler = dist.sampler(n, seed)
    card: dict[str, Any] = {}
    for epoch in range(state["epoch"], epochs):
        model.train()
        order = sampler.epoch(epoch)
        bar = tqdm(range(steps_per_epoch), desc=f"epoch {epoch + 1}/{epochs}", disable=not (progress and dist.main),
                   mininterval=5)
        running = 0.0
        for s in bar:
            idx = torch.tensor(order[s * batch_size:(s + 1) * batch_size])
            batch = {k: v[idx] for k, v in data_t.items()}
            for k in ("vec", "prev_vec"):
                if k in batch:
                    batch[k] = batch[k].float()
            loss, parts = loss_fn(model(batch), batch, place_sigma)
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
            running = 0.98 * running + 0.02 * float(loss.detach()) if s else float(loss.detach())
            bar.set_postfix(loss=f"{running:.3f}", add=f"{parts['add']:.3f}", refresh=False)
        model.eval()
        state["epoch"] = epoch + 1
        if dist.main:
            from ..models.drawer import LearnedDrawer

            drawer = LearnedDrawer.from_net(unwrap(model), cfg, vocab_list, minilm, {"wear_offsets": wear})
            tv = time.time()
            runs = run_drawer(drawer, val)
            scores = score_runs(val, runs, with_detector=False)
            val_seconds = round(time.time() - tv, 1)
            sel = scores["final"]["scene_similarity"] + scores["final"]["f1_scenes"] / 100
            state["history"].append({"epoch": epoch + 1, "loss": running, **scores["final"],
                                     "elapsed_s": round(time.time() - t0, 1)})
            print(f"epoch {epoch + 1}: loss {running:.3f}  val sim {scores['final']['scene_similarity']:.3f}  "
                  f"F1(scenes) {scores['final']['f1_scenes']:.1f}", flush=True)
            card = {"model": "scenewright CoDraw drawer (DrawerNet)", "config": asdict(cfg), "vocab": vocab_list,
                    "minilm_cache": str(cache.resolve()) if minilm is not None and cache else None,
                    "thresholds": {"add": 0.5, "change": 0.5, "remove": 0.7}, "classes": list(CLASSES),
                    "data": str(data), "train_dialogs": len(train), "seed": seed, "epochs": epochs, "goal": goal,
                    "place_sigma": place_sigma,
                    "history": state["history"], "val_seconds": val_seconds, "wear_offsets": wear,
                    "families": {CLASSES[c]: f for c, f in sorted(families().items())},
                    "license": "trained on CoDraw (CC BY-NC 4.0): non-commercial use only; do not commit"}
            if sel > state["best"]:
                state["best"] = sel
                save_file({k: v.contiguous() for k, v in unwrap(model).state_dict().items()},
                          str(out / "drawer.safetensors"))
                card["selected_epoch"] = epoch + 1
                (out / "drawer.json").write_text(json.dumps(card, indent=1))
            torch.save({"model": unwrap(model).state_dict(), "opt": opt.state_dict(), "sched": sched.state_dict(),
                        "state": state, "rng": {"torch": torch.get_rng_state(), "numpy": np.random.get_state(),
                                                "python": random.getstate()}}, last)
        dist.barrier()
        if time_budget is not None and dist.mean(float(time.time() - t0 > time_budget)) > 0:  # every rank stops
            dist.close()
            raise _over_budget(time_budget, time.time() - t0, f"epoch {epoch + 1}/{epochs} of {out}")
    if dist.main and tune and (out / "drawer.json").exists() and not json.loads((out / "drawer.json").read_text()).get("tuned"):
        tune_thresholds(out, val, progress=progress)
    dist.close()
    return {"out": str(out), "history": state["history"], "seconds": round(time.time() - t0, 1)}


def train_drawer_ensemble(data: str | os.PathLike, out: str | os.PathLike, seeds: int, seed: int = 0,
                          time_budget: float | None = None, val_dialogs: int = 200, progress: bool = True,
                          **options) -> dict[str, Any]:
    """Train `seeds` drawers seeds apart (`<out>/seed<S>`, each selected on val) on data read once, then
    make them an ensemble in `out` (`make_ensemble`, thresholds tuned once for it). Always all `seeds`
    members, each for every epoch: `time_budget` (seconds for the whole command) only stops the run with an
    error once passed (`_budget_left`, at the end of an epoch and before the tuning), leaving no ensemble.
    Resumable: each member goes on from its last epoch (`<out>/seed<S>/last.pt`); a finished one is kept."""
    _check_budget_option(time_budget)
    if seeds < 2:
        raise ScenewrightError("an ensemble needs at least two seeds (--seeds 2 or more)")
    if int(os.environ.get("WORLD_SIZE", "1")) > 1:
        raise ScenewrightError("--seeds trains in one process; under torchrun train each member with --seed and "
                               "join them with `scenewright train drawer-ensemble`")
    t0 = time.time()
    out = Path(out)
    cache = options.pop("minilm_cache", None) or out / "minilm_teller.npz"
    keys = set(inspect.signature(prepare).parameters)  # what the members share; the rest is each member's
    prep = prepare(data, minilm_cache=cache, val_dialogs=val_dialogs,
                   **{k: options[k] for k in keys if k in options})
    done: list[Path] = []
    for s in range(seed, seed + seeds):
        folder = out / f"seed{s}"
        left = _budget_left(t0, time_budget, f"{len(done)} of {seeds} members")
        if progress:
            print(f"member {len(done) + 1}/{seeds}: seed {s} → {folder}", flush=True)
        train_drawer(data, folder, seed=s, tune=False, prepared=prep, progress=progress, time_budget=left,
                     **{k: v for k, v in options.items() if k not in keys})  # resumes when cut short
        done.append(folder)
    _budget_left(t0, time_budget, f"all {seeds} members, before the ensemble's tuning")
    thresholds = make_ensemble(done, out, data, val_dialogs, progress=progress)
    return {"out": str(out), "members": [str(m) for m in done], "thresholds": thresholds,
            "seconds": round(time.time() - t0, 1)}


def _check_budget_option(budget: float | None) -> None:
    if budget is not None and not budget > 0:
        raise ScenewrightError(f"--budget must be a positive number of seconds (or left out), not {budget}")


def _budget_left(t0: float, budget: float | None, done: str) -> float | None:
    """The optional wall-clock guard: the seconds of `budget` left since `t0` (None: no budget), or an error
    once there are none."""
    if budget is None:
        return None
    elapsed = time.time() - t0
    if elapsed >= budget:
        raise _over_budget(budget, elapsed, done)
    return budget - elapsed


def _over_budget(budget: float, elapsed: float, done: str) -> ScenewrightError:
    return ScenewrightError(f"time budget of {budget:g}s exceeded ({elapsed:.0f}s, after {done}); nothing was "
                            "trained less to fit it. Run the same command again to go on from where it stopped, "
                            "with a larger --budget or none")


# the thresholds tried, one after the other (12 closed-loop passes); the wider grid before this one (18 passes)
# picked add 0.15–0.3, change 0.65–0.97, remove 0.7 and (where tuned) family 0.5–0.7 for all 24 drawers
# trained here
TUNING_GRID = {"add": (0.15, 0.2, 0.3, 0.4), "change": (0.65, 0.9, 0.97), "remove": (0.7, 0.9),
               "family": (None, 0.5, 0.7)}


def tune_thresholds(checkpoint: str | os.PathLike, val: Sequence[Dialog], progress: bool = True) -> dict[str, float]:
    """Pick the add / change / remove / family thresholds with the best closed-loop score on val dialogs (one
    after the other; family None = look-alikes not treated apart); written into the card."""
    from ..eval.codraw import run_drawer, score_runs
    from ..models.drawer import LearnedDrawer

    drawer = LearnedDrawer("park", checkpoint=checkpoint)
    best: dict[str, float | None] = {"add": drawer.add_threshold, "change": drawer.change_threshold,
                                     "remove": drawer.remove_threshold, "family": drawer.family_threshold}

    def score() -> float:
        f = score_runs(val, run_drawer(drawer, val), with_detector=False)["final"]
        return f["scene_similarity"] + f["f1_scenes"] / 100

    top = -1e9
    for key, grid in TUNING_GRID.items():
        for v in grid:
            setattr(drawer, f"{key}_threshold", v)
            s = score()
            if progress:
                print(f"threshold {key}={v}: {s:.3f}", flush=True)
            if s > top:
                top, best[key] = s, v
        setattr(drawer, f"{key}_threshold", best[key])
    path = Path(checkpoint) / "drawer.json"
    card = json.loads(path.read_text())
    card.update(thresholds=best, tuned=True)
    path.write_text(json.dumps(card, indent=1))
    return best


def make_ensemble(members: Sequence[str | os.PathLike], out: str | os.PathLike, data: str | os.PathLike,
                  val_dialogs: int = 200, progress: bool = True) -> dict[str, Any]:
    """A drawer that averages the logits of trained drawers (same options and data, other seeds): a folder
    whose card lists them, with thresholds tuned for the ensemble on the first `val_dialogs` val dialogs."""
    from ..models.drawer import _load_nets

    out = Path(out)
    if len(members) < 2:
        raise ScenewrightError("an ensemble needs at least two trained drawers")
    first = Path(members[0]) / "drawer.json"
    if not first.is_file():
        raise ScenewrightError(f"no drawer checkpoint at {members[0]} (no drawer.json)")
    out.mkdir(parents=True, exist_ok=True)
    thresholds = dict(json.loads(first.read_text()).get("thresholds", {}))
    card = {"model": "scenewright CoDraw drawer ensemble (mean of the members' logits)",
            "ensemble": [os.path.relpath(Path(m).resolve(), out.resolve()) for m in members],
            "thresholds": thresholds, "data": str(data),
            "license": "trained on CoDraw (CC BY-NC 4.0): non-commercial use only; do not commit"}
    (out / "drawer.json").write_text(json.dumps(card, indent=1))
    try:
        _load_nets(out)  # every member loads and they match
    except ScenewrightError:
        (out / "drawer.json").unlink()
        raise
    return tune_thresholds(out, load_codraw(data, "val", limit=val_dialogs), progress=progress)


def build_nn_index(data: str | os.PathLike, out: str | os.PathLike, minilm_cache: str | os.PathLike | None = None,
                   limit: int | None = None) -> Path:
    """The nearest-neighbour baseline's index: MiniLM vector of every train round with a change + its actions."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    cache = Path(minilm_cache) if minilm_cache else out / "minilm_teller.npz"
    minilm = MiniLM(cache if cache.exists() else None)
    ex = examples(load_codraw(data, "train", limit=limit))
    keep = [i for i in range(len(ex["text"])) if ex["text"][i].strip()]
    actions = [turn_actions(ex["before"][i], ex["after"][i]) for i in keep]
    emb = minilm([ex["text"][i] for i in keep])
    path = out / "nn_index.npz"
    np.savez(path, emb=emb.astype(np.float16), actions=np.array(json.dumps(list(actions))),
             minilm_cache=np.array(str(cache.resolve())))
    return path
