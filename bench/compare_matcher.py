"""How well `scenewright compare` tells who is who, and which differences it finds, on random street scenes.

    .venv/bin/python bench/compare_matcher.py [--pairs 200] [--seed 0]

Each pair: a random street scene for witness A (3–8 things drawn from few kinds, so that several vans or men
are common; a place, colours, clothes, postures, each said or not), and witness B telling the same things in a
shuffled order under new ids, every x moved by up to ±jitter, plus known edits, each with its own chance: a
colour changed (a conflict), a thing moved 0.3–0.5 of the picture's width (a conflict), a posture changed
(a conflict), a colour B is unsure of between A's and another (no conflict), a thing B does not mention, a thing
only B mentions. Each is a session told statement by statement (`Session.apply`, one statement per thing, in
words), read back through its session file's JSON, so the record's "stated" fields are what a witness said.

Prints, per jitter: pairing accuracy (the share of all things in A and B whose partner — or having none — is the
true one), the share of scene pairs paired entirely right, and precision / recall of the reported per-thing
conflicts (colour, place, posture, …: against the known edits), of the things said to be only in one (against
the known drops and extras), and of the left–right / front–back order conflicts (against the same rule applied
to the true pairs: what mis-pairing costs). Two baselines at ±0.06: greedy (cheapest pair first, the same cost)
and pairing things of a kind in the order they were told.
"""

from __future__ import annotations

import argparse
import os
import random
import time

os.environ.setdefault("SCENEWRIGHT_SEMANTIC", "0")

from scenewright.scene import Add, SceneObject, SetBackground  # noqa: E402
from scenewright.session import Session  # noqa: E402
from scenewright.witness.compare import diff, match_witnesses, pair_cost, witness_from_data  # noqa: E402
from scenewright.witness.describe import summary  # noqa: E402
from scenewright.worlds import get_world, street  # noqa: E402

WORLD = get_world("street")
KINDS = ("man", "woman", "car", "van", "bus stop", "tree", "shop", "bicycle")
COLOURS = ("white", "black", "gray", "silver", "red", "blue", "green", "yellow")
TOPS = ("hoodie", "jacket", "coat", "shirt")
PLACES = {"people": ("on the sidewalk", "across the street"), "vehicles": ("in the near lane", "in the far lane"),
          "buildings": ("across the street",), "things": ("across the street", "on the sidewalk")}
ORDER_FIELDS = ("x-order", "depth-order")


def random_thing(rng: random.Random, number: int) -> SceneObject:
    kind = rng.choice(KINDS)
    cat = WORLD.category(kind)
    _, y = street.place_for(rng.choice(PLACES[cat.group]), cat)
    fields, attrs = {}, {}
    if cat.people:
        fields["pose"] = rng.choice(("standing", "walking", "running"))
        if rng.random() < 0.6:
            attrs.update(top=rng.choice(COLOURS), top_kind=rng.choice(TOPS))
        if rng.random() < 0.5:
            attrs["height"] = rng.choice(("short", "average", "tall"))
    elif cat.colorable and rng.random() < 0.7:
        fields["color"] = rng.choice(COLOURS)
    if cat.group == "vehicles" and rng.random() < 0.5:
        attrs["motion"] = rng.choice(("parked", "moving"))
    return SceneObject(f"o{number}", kind, round(rng.uniform(0.05, 0.95), 3), y, **fields).with_(attributes=attrs)


def told(objects: list[SceneObject], background: str) -> Session:
    """A session in which each thing is one statement, said in words (its summary names its place)."""
    s = Session(world="street")
    s.apply(f"it was {background}", [SetBackground(background)])
    for o in objects:
        s.apply(summary(WORLD, o), [Add(o)])
    return s


def make_pair(rng: random.Random, jitter: float):
    """(A's session, B's session, truth): truth = {"pairs": {a: b}, "conflicts": {(a, field)}, "only_a",
    "only_b"}."""
    a_objs = [random_thing(rng, k + 1) for k in range(rng.randint(3, 8))]
    order = a_objs[:]
    rng.shuffle(order)
    b_objs, pairs, conflicts = [], {}, set()
    for k, o in enumerate(order):
        new = o.with_(id=f"o{k + 11}", x=round(min(0.97, max(0.03, o.x + rng.uniform(-jitter, jitter))), 3))
        b_objs.append(new)
        pairs[o.id] = new.id

    def pick(test):
        found = [i for i, o in enumerate(b_objs) if test(o)]
        return rng.choice(found) if found else None

    if rng.random() < 0.5 and (i := pick(lambda o: o.color)) is not None:
        o = b_objs[i]
        b_objs[i] = o.with_(color=rng.choice([c for c in COLOURS if c != o.color]))
        conflicts.add((_a_of(pairs, o.id), "color"))
    if rng.random() < 0.2 and (i := pick(lambda o: o.color)) is not None:
        o = b_objs[i]
        other = rng.choice([c for c in COLOURS if c != o.color])
        b_objs[i] = o.with_(color=other, uncertain={"color": [other, o.color]})  # unsure, allows A's
    if rng.random() < 0.5 and (i := pick(lambda o: True)) is not None:
        o = b_objs[i]
        b_objs[i] = o.with_(x=round(o.x + rng.uniform(0.3, 0.5) * (1 if o.x < 0.5 else -1), 3))
        conflicts.add((_a_of(pairs, o.id), "position"))
    if rng.random() < 0.3 and (i := pick(lambda o: o.pose)) is not None:
        o = b_objs[i]
        b_objs[i] = o.with_(pose=rng.choice([p for p in ("standing", "walking", "running") if p != o.pose]))
        conflicts.add((_a_of(pairs, o.id), "pose"))
    only_a, only_b = set(), set()
    if rng.random() < 0.4 and len(b_objs) > 1:
        gone = b_objs.pop(rng.randrange(len(b_objs)))
        a_id = _a_of(pairs, gone.id)
        del pairs[a_id]
        only_a.add(a_id)
        conflicts = {c for c in conflicts if c[0] != a_id}
    if rng.random() < 0.4:
        extra = random_thing(rng, 90)
        b_objs.insert(rng.randrange(len(b_objs) + 1), extra)
        only_b.add(extra.id)
    background = rng.choice(("day", "dusk", "night"))
    return told(a_objs, background), told(b_objs, background), {"pairs": pairs, "conflicts": conflicts,
                                                                "only_a": only_a, "only_b": only_b}


def _a_of(pairs: dict[str, str], b_id: str) -> str:
    return next(a for a, b in pairs.items() if b == b_id)


def greedy(a, b):
    """Baseline: take the cheapest remaining pair (the same `pair_cost`) until none is left."""
    costs = sorted((c, i, j) for i, x in enumerate(a.scene.objects) for j, y in enumerate(b.scene.objects)
                   if (c := pair_cost(WORLD, x, y, a.stated(x.id), b.stated(y.id))) is not None)
    used_a, used_b, out = set(), set(), []
    for _, i, j in costs:
        if i not in used_a and j not in used_b:
            used_a.add(i), used_b.add(j)
            out.append((a.scene.objects[i], b.scene.objects[j]))
    return out


def in_order(a, b):
    """Baseline: each of A's things, in the order told, takes B's first unpaired thing of its kind."""
    left, out = list(b.scene.objects), []
    for x in a.scene.objects:
        y = next((y for y in left if y.category == x.category), None)
        if y is not None:
            left.remove(y)
            out.append((x, y))
    return out


MATCHERS = {"optimal (compare)": match_witnesses, "greedy, same cost": greedy, "in telling order": in_order}


def scores(n_pairs: int, seed: int, jitter: float, matcher=match_witnesses) -> dict[str, float]:
    rng = random.Random(seed)
    right = total = whole = 0
    hits = {k: [0, 0, 0] for k in ("conflicts", "only", "orders")}  # true positives, reported, true

    def count(key, said, true):
        hits[key][0] += len(said & true)
        hits[key][1] += len(said)
        hits[key][2] += len(true)

    for _ in range(n_pairs):
        sa, sb, truth = make_pair(rng, jitter)
        a, b = witness_from_data(sa.to_dict(), "A", "A"), witness_from_data(sb.to_dict(), "B", "B")
        found = diff(a, b, matcher(a, b))
        by_a = {p.a.id: p.b.id for p in found.pairs}
        by_b = {v: k for k, v in by_a.items()}
        true_b = {v: k for k, v in truth["pairs"].items()}
        whole += by_a == truth["pairs"]
        right += sum(by_a.get(o.id) == truth["pairs"].get(o.id) for o in a.scene.objects)
        right += sum(by_b.get(o.id) == true_b.get(o.id) for o in b.scene.objects)
        total += len(a.scene.objects) + len(b.scene.objects)
        said = {(f.ids[0], f.field) for f in found.conflicts if f.field not in ORDER_FIELDS + ("background",)}
        count("conflicts", said, truth["conflicts"])
        count("only", {("A", o.id) for o in found.only_a} | {("B", o.id) for o in found.only_b},
              {("A", i) for i in truth["only_a"]} | {("B", i) for i in truth["only_b"]})
        ideal = diff(a, b, [(a.scene.get(x), b.scene.get(y)) for x, y in truth["pairs"].items()])
        orders = lambda c: {(f.ids, f.field) for f in c.conflicts if f.field in ORDER_FIELDS}  # noqa: E731
        count("orders", orders(found), orders(ideal))
    out = {"accuracy": right / total, "things": total, "whole": whole / n_pairs}
    for key, (tp, said, true) in hits.items():
        out[f"{key} P"] = tp / said if said else 1.0
        out[f"{key} R"] = tp / true if true else 1.0
        out[f"{key} n"] = true
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pairs", type=int, default=200)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--jitter", type=float, nargs="+", default=[0.03, 0.06, 0.12])
    args = ap.parse_args()
    print(f"{args.pairs} random street pairs per row, seed {args.seed}")
    print("| matcher | jitter | things | pairing accuracy | scenes all right | conflicts P / R (n) "
          "| only one P / R (n) | orders P / R (n) | s |")
    print("|---|---|---|---|---|---|---|---|---|")
    runs = [("optimal (compare)", j) for j in args.jitter] + [(m, 0.06) for m in MATCHERS if m != "optimal (compare)"]
    for name, jitter in runs:
        t = time.perf_counter()
        s = scores(args.pairs, args.seed, jitter, MATCHERS[name])
        cells = [f"{s[k + ' P']:.1%} / {s[k + ' R']:.1%} ({s[k + ' n']})" for k in ("conflicts", "only", "orders")]
        print(f"| {name} | ±{jitter:.2f} | {s['things']} | {s['accuracy']:.1%} | {s['whole']:.1%} | "
              + " | ".join(cells)
              + f" | {time.perf_counter() - t:.1f} |")


if __name__ == "__main__":
    main()
