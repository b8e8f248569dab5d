"""Score dialogs written in free, everyday phrasing: per world, the checks that hold and the confidently
wrong turns (a turn that said ok while one of its checks failed).

    .venv/bin/python bench/free_phrasing.py                      # our dev set and the held-out fifth
    .venv/bin/python bench/free_phrasing.py --fails              # also list the dev set's failed checks
    .venv/bin/python bench/free_phrasing.py --set ../shared/checks/dev_street.json --fails

A set is a JSON list of {"name", "world", "turns", "checks": [[turn, expression], ...]} in the format of
`../shared/checks/` (the expressions and their helpers are the same as `dialog_check.py`'s). The dialogs
run in-process through `Session` and `Turn.to_dict()`, the same turns `scenewright draw --json` prints.
Held-out sets (file names starting with "heldout") print their totals only, never which checks failed:
they are kept unread, so that a figure on them still measures text nobody tuned on.
"""

from __future__ import annotations

import argparse
import json
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from types import SimpleNamespace as NS

HERE = Path(__file__).resolve().parent
DEFAULT_SETS = sorted((HERE / "dialogs").glob("free_*.json")) + sorted((HERE / "dialogs").glob("heldout*.json"))
DEFAULTS = {"pose": None, "expression": None, "color": None, "flip": False, "scale": 1.0,
            "attributes": {}, "uncertain": {}}


def run_dialog(dialog: dict) -> list[dict]:
    from scenewright import Session

    session = Session(world=dialog["world"])
    return [session.tell(text).to_dict() for text in dialog["turns"]]


def check_env(turns: list[dict], t: int) -> dict:
    def objs_at(k, cat=None, color=None):
        return [NS(**{**DEFAULTS, **ob}) for ob in turns[k - 1]["scene"]["objects"]
                if (cat is None or ob.get("category") == cat) and (color is None or ob.get("color") == color)]

    def one(k, cat, color=None):
        xs = objs_at(k, cat, color)
        if not xs:
            raise LookupError(f"no {color or ''} {cat} after turn {k}")
        return xs[0]

    def dumps(x):
        return json.dumps(vars(x) if isinstance(x, NS) else x, default=str).lower()

    return {
        "__builtins__": {},
        "n": lambda: len(turns[t - 1]["scene"]["objects"]),
        "count": lambda cat: len(objs_at(t, cat)),
        "has": lambda cat, color=None: bool(objs_at(t, cat, color)),
        "o": lambda cat, color=None: one(t, cat, color),
        "objs": lambda cat: objs_at(t, cat),
        "S": lambda k, cat, color=None: one(k, cat, color),
        "ok": lambda k: bool(turns[k - 1].get("ok")),
        "unc": lambda cat: bool(one(t, cat).uncertain),
        "bg": lambda: str(turns[t - 1]["scene"].get("background") or ""),
        "json_dumps": dumps, "abs": abs, "all": all, "any": any, "min": min, "max": max, "len": len,
        "sorted": sorted, "sum": sum, "set": set, "map": map, "str": str,
    }


def score(dialog: dict, turns: list[dict]) -> tuple[list[tuple[int, str, bool, bool]], int]:
    """[(turn, expression, held, said_ok)] for every check, and the number of turns."""
    out = []
    for t, expr in dialog["checks"]:
        try:
            held = bool(eval(expr, check_env(turns, t)))  # noqa: S307 — the sets' own check expressions
        except Exception as e:  # noqa: BLE001 — a check that raises has failed
            held, expr = False, f"{expr} ({type(e).__name__}: {e})"
        out.append((t, expr, held, bool(turns[t - 1].get("ok"))))
    return out, len(dialog["turns"])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--set", action="append", type=Path, help="a dialog set (repeatable); default: "
                                                               "bench/dialogs/free_*.json and heldout_*.json")
    ap.add_argument("--only", default="", help="only dialogs whose name contains this")
    ap.add_argument("--fails", action="store_true", help="list failed checks (never for held-out sets)")
    ap.add_argument("--doubted", action="store_true",
                    help="list turns that were right by every check but said not ok (never for held-out sets)")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    args = ap.parse_args()
    sets = args.set or DEFAULT_SETS
    if not sets:
        print("no dialog sets found", file=sys.stderr)
        return 1
    jobs = []
    for path in sets:
        kind = "held-out" if path.name.startswith("heldout") else "dev"
        for d in json.loads(path.read_text()):
            if args.only in d["name"]:
                jobs.append((kind, path.name, d))
    with ProcessPoolExecutor(args.workers) as pool:
        results = list(pool.map(run_dialog, [d for _, _, d in jobs]))
    figures: dict[str, dict[str, dict[str, int]]] = {}
    for (kind, name, d), turns in zip(jobs, results):
        checks, n_turns = score(d, turns)
        f = figures.setdefault(kind, {}).setdefault(d["world"], dict(checks=0, held=0, wrong_ok=0, turns=0,
                                                                      wrong_ok_turns=0, refused=0,
                                                                      doubted=0))
        f["checks"] += len(checks)
        f["held"] += sum(c[2] for c in checks)
        f["wrong_ok"] += sum(not c[2] and c[3] for c in checks)
        f["turns"] += n_turns
        f["wrong_ok_turns"] += len({c[0] for c in checks if not c[2] and c[3]})
        f["refused"] += sum(not t["ok"] for t in turns)
        checked = {c[0] for c in checks}
        failed = {c[0] for c in checks if not c[2]}
        f["doubted"] += sum(not turns[t - 1]["ok"] for t in checked - failed)  # right, but said not ok
        if args.doubted and kind == "dev":
            for t in sorted(checked - failed):
                if not turns[t - 1]["ok"]:
                    print(f"DOUBTED {d['name']}#{t} {d['turns'][t - 1]!r}\n     reply: {turns[t - 1]['reply']!r}")
        if args.fails and kind == "dev":
            for t, expr, held, said_ok in checks:
                if not held:
                    print(f"FAIL {d['name']}#{t} {d['turns'][t - 1]!r}{' [said ok]' if said_ok else ''}: {expr}"
                          f"\n     reply: {turns[t - 1]['reply']!r}")
    if args.json:
        print(json.dumps(figures))
        return 0
    for kind, worlds in figures.items():
        print(f"{kind}:")
        total = {k: sum(w[k] for w in worlds.values()) for k in next(iter(worlds.values()))}
        for world, f in sorted(worlds.items()) + [("all", total)]:
            print(f"  {world:7s} {f['held']:4d}/{f['checks']:<4d} checks hold ({f['held'] / max(f['checks'], 1):6.1%}); "
                  f"{f['wrong_ok']:3d} failed on turns that said ok; confidently wrong turns "
                  f"{f['wrong_ok_turns']}/{f['turns']} ({f['wrong_ok_turns'] / max(f['turns'], 1):.1%}); "
                  f"not ok {f['refused']} (of them right by every check {f['doubted']})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
