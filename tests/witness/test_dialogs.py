"""Dialog checks for the street world (dialogs.json, in the format of ../shared/checks/public_dialogs.json).

They run through `Session(world="street")` with the same helpers as ../shared/checks/dialog_check.py: n(), count,
has, o, objs, S, ok. Objects are the scene JSON's, so `o('van').attributes` and `o('van').uncertain` are dicts.
"""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace as NS

from scenewright.session import Session

DIALOGS = json.loads((Path(__file__).parent / "dialogs.json").read_text())
BAR = 0.9


def run(dialog: dict) -> dict:
    s = Session(world=dialog["world"])
    return {"turns": [s.tell(t).to_dict() for t in dialog["turns"]], "scene": s.scene.to_dict()}


def env_for(res: dict, t: int) -> dict:
    turns = res["turns"]

    def objs_at(k, cat=None, color=None):
        out = []
        for ob in turns[k - 1]["scene"]["objects"]:
            if (cat is None or ob.get("category") == cat) and (color is None or ob.get("color") == color):
                out.append(NS(**{**{"pose": None, "expression": None, "color": None, "flip": False, "scale": 1.0},
                                 **ob}))
        return out

    def one(k, cat, color=None):
        xs = objs_at(k, cat, color)
        if not xs:
            raise LookupError(f"no {color or ''} {cat} after turn {k}")
        return xs[0]

    return {"n": lambda: len(turns[t - 1]["scene"]["objects"]), "count": lambda cat: len(objs_at(t, cat)),
            "has": lambda cat, color=None: bool(objs_at(t, cat, color)), "o": lambda cat, color=None: one(t, cat, color),
            "objs": lambda cat: objs_at(t, cat), "S": lambda k, cat, color=None: one(k, cat, color),
            "ok": lambda k: bool(turns[k - 1].get("ok")), "abs": abs, "all": all, "any": any, "min": min, "max": max,
            "len": len, "str": str}


def check(dialog: dict) -> list[tuple[str, bool]]:
    try:
        res = run(dialog)
    except Exception as e:  # noqa: BLE001 - like a non-zero exit of `scenewright draw`: every check fails
        return [(f"{dialog['name']}#{t}: the dialog crashed ({type(e).__name__}: {e})", False)
                for t, _ in dialog["checks"]]
    out = []
    for t, expr in dialog["checks"]:
        try:
            # the helpers as globals, so that generator expressions in a check see them too
            good = bool(eval(expr, {"__builtins__": {}, **env_for(res, t)}))
        except Exception as e:  # noqa: BLE001 - a failing check is a result, not an error
            good, expr = False, f"{expr} ({type(e).__name__}: {e})"
        out.append((f"{dialog['name']}#{t} {dialog['turns'][t - 1]!r}: {expr}", good))
    return out


def test_dialogs_are_well_formed():
    assert 6 <= len(DIALOGS) <= 10
    for d in DIALOGS:
        assert d["world"] == "street" and d["turns"] and d["checks"]
        for t, expr in d["checks"]:
            assert 1 <= t <= len(d["turns"])
            compile(expr, d["name"], "eval")


def test_street_dialogs_pass_rate():
    results = [r for d in DIALOGS for r in check(d)]
    failed = [name for name, good in results if not good]
    rate = 1 - len(failed) / len(results)
    assert rate >= BAR, f"{rate:.0%} of street checks hold (bar {BAR:.0%}); failing:\n" + "\n".join(failed)


NEXT = json.loads((Path(__file__).parent / "dialogs_next.json").read_text())


def test_worked_interview_dialog():
    failed = [name for d in NEXT for name, good in check(d) if not good]
    assert not failed, "failing:\n" + "\n".join(failed)
