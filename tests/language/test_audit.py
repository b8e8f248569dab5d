"""The audit: a word the outcome shows nowhere makes the turn not ok and is named, and changes nothing."""

from scenewright import Session


def _tell(world, *turns):
    s = Session(world=world)
    return s, [s.tell(t) for t in turns]


def test_a_dropped_detail_is_skipped_and_named_but_the_rest_is_done():
    s, (_, r) = _tell("street", "a silver car was parked on the left",
                      "Huge guy, ginger, beard, orange hi-vis, and he had a baseball bat.")
    man = next(o for o in s.scene.objects if o.category == "man")
    assert "baseball bat" in str(man.attrs)  # what was read is done
    missing = [w for w in ("ginger", "beard") if w not in str(man.attrs) and w not in str(man.attrs.get("notes"))]
    assert not r.ok and set(missing) <= set(r.skipped) and missing  # what fell between clauses is said
    assert all(repr(w) in r.reply for w in missing)


def test_words_that_pick_a_thing_or_are_done_are_not_flagged():
    s, turns = _tell("shapes", "add a cyan cylinder on the left and a red cube on the right",
                     "remove the cyan cylinder", "change the red cube to blue")
    assert [t.ok for t in turns] == [True, True, True], [t.reply for t in turns]
    s, turns = _tell("park", "a cat sitting next to the tree", "it was a dark night, the light all golden")
    assert all(t.ok for t in turns), [t.reply for t in turns]
    s, (r,) = _tell("street", "a man standing on the left")
    assert r.ok and r.skipped == ()


def test_negated_and_alternative_words_are_not_audited():
    s, (_, r) = _tell("street", "a car on the right", "it was red, or maybe orange, not blue")
    assert "blue" not in r.skipped and "orange" not in r.skipped


def test_yeah_thats_right_agrees_and_moves_nothing():
    s, (_, r) = _tell("street", "a tall man and a short man were by the shop",
                      "the tall one was wearing a white hoodie yeah thats right. and grey trackies")
    tall = next(o for o in s.scene.objects if o.attrs.get("height") == "tall")
    before = s.history.entries[0].scene.get(tall.id)  # after the first turn
    assert r.ok and tall.attrs.get("top_kind") == "hoodie" and tall.attrs.get("bottom_kind") == "trackies"
    assert (tall.x, tall.y) == (before.x, before.y)


def test_a_pose_given_to_a_thing_is_skipped_not_ok_but_an_animal_sitting_is_fine():
    s, (_, r) = _tell("street", "a bus on the left", "the bus was sitting")
    assert not r.ok and "'sitting'" in r.reply and "skipped" in r.reply  # nothing else said: a refusal
    assert s.scene.objects[0].pose is None
    s, (r,) = _tell("park", "a grill sitting under the tree")  # a typo for a girl, maybe: not ok
    assert not r.ok and "sitting" in r.skipped
    s, (r,) = _tell("park", "a dog sitting next to the tree")
    assert r.ok, r.reply


def test_everyone_means_the_people_not_the_cars():
    s, (_, r) = _tell("street", "a man and a woman stood next to a red car", "Everyone walking.")
    assert r.ok, r.reply
    poses = {o.category: o.pose for o in s.scene.objects}
    assert poses["man"] == poses["woman"] == "walking" and poses["car"] is None


def test_a_colour_the_world_has_no_name_for_is_said_skipped():
    s = Session(world="shapes")
    t = s.tell("Add an orange cube.")
    assert not t.ok and "orange" in t.skipped and "no such colour" in t.reply
    assert [o.category for o in s.scene.objects] == ["cube"]  # the rest of the turn is done
    t = Session(world="park").tell("an orange kite")
    assert t.ok and t.scene.objects[0].color == "orange"
