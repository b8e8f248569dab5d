"""Where relations put things: side by side as people draw it, on seats, beside things in the sky; moves by a
step go the way said; swapped belongings change owner."""

from scenewright.language.placement import beside


def _o(s, cat):
    return next(o for o in s.scene.objects if o.category == cat)


def test_beside_is_edge_to_edge_for_small_things_and_closer_for_big_ones():
    assert beside(0.1, 0.1, "next") == 0.1 + 0.02  # half widths + gap
    assert beside(0.85, 0.18, "next") < (0.85 + 0.18) / 2 * 0.7  # a tent and a campfire overlap, as drawn
    assert beside(0.5, 0.3, "near") > beside(0.5, 0.3, "next")


def test_next_to_a_big_piece_stays_close(dialog):
    s, (a, b) = dialog("park", "a tent on the left", "and a campfire next to it")
    assert b.ok and abs(_o(s, "campfire").x - _o(s, "tent").x) < 0.35
    s, _ = dialog("park", "a tree on the left", "a dog next to it")
    assert abs(_o(s, "dog").x - _o(s, "tree").x) < 0.32


def test_next_to_takes_the_free_side(dialog):
    s, _ = dialog("park", "a table in the middle", "To the left of the table, a girl sitting, sad, with a bucket "
                                                   "next to her.")
    girl, bucket = _o(s, "girl"), _o(s, "bucket")
    assert bucket.x < girl.x + 0.05 and abs(bucket.x - girl.x) < 0.3


def test_a_person_beside_a_thing_in_the_sky_stands_on_the_ground(dialog):
    s, _ = dialog("park", "a rocket flying up in the top middle", "a boy pointing at it on the left")
    assert _o(s, "boy").y > 0.5


def test_sitting_on_the_swing_is_on_its_seat(dialog):
    s, _ = dialog("park", "a swing on the right", "a boy sitting on it")
    swing, boy = _o(s, "swing"), _o(s, "boy")
    assert abs(boy.x - swing.x) < 0.05 and swing.y - 0.1 < boy.y < swing.y + 0.2


def test_a_step_goes_the_way_said_first(dialog):
    s, _ = dialog("park", "a girl on the right")
    x0 = _o(s, "girl").x
    s.tell("move the girl a bit more to the left, toward the middle")
    assert _o(s, "girl").x < x0
    s.tell("move the girl a bit to the right")
    r = s.history.entries[-1]
    assert len([e for e in r.edits if getattr(e, "id", None) == _o(s, "girl").id]) == 1  # one move, not two


def test_swapped_hats_change_owner_and_stay_on_the_new_head(dialog):
    s, _ = dialog("park", "a boy on the left", "he wears a propeller hat", "a girl right beside him wearing a "
                  "wizard hat", "swap the hats between the kids", "move the girl a bit to the right")
    boy, girl = _o(s, "boy"), _o(s, "girl")
    assert _o(s, "propeller hat").attrs["with"] == girl.id and _o(s, "wizard hat").attrs["with"] == boy.id
    assert abs(_o(s, "propeller hat").x - girl.x) < 0.02 and abs(_o(s, "wizard hat").x - boy.x) < 0.02


def test_a_place_on_the_own_body_is_not_a_landmark(dialog):
    s, (_, r) = dialog("street", "there is a bench on the far side",
                       "on the bench sits a woman, she's holding a red umbrella over her head")
    assert r.ok and "umbrella" in str(_o(s, "woman").attrs)
    s, (_, r) = dialog("street", "a man on the left", "he had a bottle in his hand")
    assert r.ok and "bottle" in str(_o(s, "man").attrs) and _o(s, "man").x < 0.35  # he did not move
    s, (r,) = dialog("street", "theres this old guy waiting there, just standing, minding his own")
    assert r.ok and [o.category for o in s.scene.objects] == ["man"]


def test_he_with_no_one_to_be_draws_him_and_says_so(dialog):
    s, (r,) = dialog("street", "he is wearing an orange jacket")
    assert [o.category for o in s.scene.objects] == ["man"] and "no man yet" in r.reply
    s, _ = dialog("park", "a tree on the left", "she is happy")
    assert _o(s, "girl").expression == "happy"
    s, (r,) = dialog("shapes", "he is red")  # no one a "he" could be drawn in the shapes world: asked
    assert not r.ok and not s.scene.objects
    s, (_, r) = dialog("street", "A lady was walking along the pavement, her bag on her arm.", "she stopped")
    assert [o.category for o in s.scene.objects].count("woman") == 1  # "her" is the lady of the same turn


def test_a_new_thing_takes_the_depth_of_its_landmark_not_its_size(dialog):
    s, _ = dialog("park", "a big tree in the middle", "put a grill under it")
    assert _o(s, "grill").scale <= 1.0


def test_a_noun_before_a_person_says_which_person(dialog):
    s, (r,) = dialog("street", "the shop guy came out, he was old")
    assert [o.category for o in s.scene.objects] == ["man"] and _o(s, "man").attrs["age"] == "elderly"
    s, _ = dialog("street", "a cafe on the corner", "the cafe lady came out")
    assert [o.category for o in s.scene.objects].count("cafe") == 1 and _o(s, "woman").attrs["called"] == "cafe lady"


def test_one_of_those_ones_is_what_kind_not_one_more(dialog):
    s, (_, r) = dialog("street", "a man on the left", "oh and he had a face mask on, one of those black ones")
    assert [o.category for o in s.scene.objects] == ["man"]
    assert _o(s, "man").attrs.get("face") == "black"


def test_storyteller_these_and_a_pronoun_echo(dialog):
    s, _ = dialog("street", "a cafe on the corner", "And there were these two young lads outside it")
    assert [o.category for o in s.scene.objects].count("man") == 2
    s, (r,) = dialog("street", "And there was this old fella, must have been eighty if he was a day, with a "
                               "walking stick")
    assert [o.category for o in s.scene.objects] == ["man"]


def test_a_relation_to_the_left_one(dialog):
    s, _ = dialog("park", "two apple trees, one on the far left and one on the far right",
                  "put a pie under the left tree")
    assert [o.category for o in s.scene.objects].count("apple tree") == 2 and len(s.scene.objects) == 3
    assert _o(s, "pie").x < 0.3


def test_a_new_thing_that_arrives_is_drawn_where_it_arrives(dialog):
    s, (_, r) = dialog("street", "a bank on the left", "And, er, a motorbike pulled up, right in front of the bank")
    assert r.ok and abs(_o(s, "motorcycle").x - _o(s, "bank").x) < 0.25


def test_no_i_meant_a_purple_one_fixes_the_thing_just_added(dialog):
    s, (_, r) = dialog("shapes", "add a green sphere on the right", "no, I meant a purple one")
    assert r.ok and [(o.category, o.color) for o in s.scene.objects] == [("sphere", "purple")]
    assert _o(s, "sphere").x > 0.6  # where it was said to go


def test_undo_after_hesitation_and_in_its_place(dialog):
    s, r = dialog("shapes", "a red cube", "a blue ball", "a green cylinder", "hmm no. undo the last two changes")
    assert r[-1].ok and [o.category for o in s.scene.objects] == ["cube"]
    s, r = dialog("shapes", "a red cube", "a blue ball", "Hmm no, undo that, the cube was fine.")
    assert [o.category for o in s.scene.objects] == ["cube"]
    s, r = dialog("shapes", "a red cube", "no!! blue")
    assert r[-1].ok and s.scene.objects[0].color == "blue" and len(s.scene.objects) == 1
    s, _ = dialog("shapes", "a green cube on the left", "a red ball on the right",
                  "Remove the green cube and add a green sphere in its place.")
    assert [o.color for o in s.scene.objects if o.category == "sphere" and o.x < 0.4] == ["green"]


def test_what_a_witness_calls_a_car_and_hair_length(dialog):
    s, (r,) = dialog("street", "A blue Ford Focus was parked across the street.")
    assert r.ok and [(o.category, o.color, o.attrs["called"]) for o in s.scene.objects] == [("car", "blue", "ford focus")]
    s, _ = dialog("street", "a woman on the left", "And there was a car going really slowly beside her. A grey Mercedes.")
    assert [(o.color, o.attrs.get("called")) for o in s.scene.objects if o.category == "car"] == [("gray", "mercedes")]
    s, _ = dialog("street", "a red car on the left", "A blue Ford Focus")
    assert sorted(o.color for o in s.scene.objects) == ["blue", "red"]  # another car, not the red one repainted
    s, _ = dialog("street", "a woman on the right", "She looked about forty, with short grey hair.")
    woman = _o(s, "woman")
    assert woman.attrs["hair"] == "gray" and "height" not in woman.attrs
    assert woman.attrs["notes"] == ["short hair"] and "notes" not in woman.uncertain  # kept, and only age unsure


def test_walking_towards_a_place_is_on_the_way_not_at_it(dialog):
    s, _ = dialog("street", "a bank on the left", "a man on the right", "He walked towards the bank.")
    man = _o(s, "man")
    assert 0.3 < man.x < 0.8 and man.y > 0.7  # a step that way, still on his side of the street


def test_a_refusal_quotes_the_users_words(dialog):
    s, (r,) = dialog("street", "zorble the flim")
    assert "'zorble the flim'" in r.reply


def test_the_taller_man_is_not_the_one_said_to_be_short(dialog):
    s, _ = dialog("street", "Two men got out.", "One of them had a beard and a red cap.",
                  "The other one was short and wore a tracksuit.", "The taller man was carrying a knife, I think.")
    knife = [o for o in s.scene.objects if o.attrs.get("carry_kind") == "knife"]
    assert len(knife) == 1 and knife[0].attrs.get("height") != "short"


def test_a_man_in_the_passenger_seat_rides_in_the_car(dialog):
    s, (_, r, _) = dialog("street", "a silver car parked on the left",
                          "I'm not sure but I think there was a man in the passenger seat.", "move the car to the right")
    assert sorted(o.category for o in s.scene.objects) == ["car", "man"]  # no bench for "seat"
    car, man = _o(s, "car"), _o(s, "man")
    assert man.attrs["of"] == car.id and abs(man.x - car.x) < 0.1  # he went with the car


def test_a_mark_keeps_its_alternatives_and_words(dialog):
    s, (_, r) = dialog("street", "a white van on the left", "Its registration was something like AB12, maybe AB13.")
    assert r.ok and _o(s, "van").attrs["marks"] == ["registration was something like AB12, maybe AB13"]
    s, (_, r) = dialog("street", "a white van on the left", "The van had writing on the side, something like FAST PIZZA.")
    assert r.ok and "FAST PIZZA" in _o(s, "van").attrs["marks"][0]
    s, (_, r) = dialog("street", "a white van on the left", "it had a dent, maybe a scratch, and a man was next to it")
    assert "man" in [o.category for o in s.scene.objects]  # a new thing after the mark is not part of it


def test_a_landmark_drawn_for_a_thing_stands_where_the_thing_was_said_to_be(dialog):
    s, (r,) = dialog("street", "A red car was parked on the right side of the road, in front of a cafe.")
    assert _o(s, "cafe").x > 0.6 and _o(s, "car").x > 0.6
    s, (r,) = dialog("street", "Woman on the bench. Left side.")
    bench, woman = _o(s, "bench"), _o(s, "woman")
    assert bench.x < 0.5 and abs(woman.x - bench.x) < 0.1 and woman.pose == "sitting"


def test_take_it_away_and_take_a_detail_off(dialog):
    s, r = dialog("park", "a table in the middle", "a pie on the table",
                  "Hmm, actually take the pie away and put a burger there instead, he hates pie")
    assert sorted(o.category for o in s.scene.objects) == ["hamburger", "table"]
    assert abs(_o(s, "hamburger").x - _o(s, "table").x) < 0.2  # where the pie was
    s, r = dialog("street", "a white van on the left", "The van had a ladder on the roof.",
                  "Take that ladder off, that was a different van.")
    assert [o.category for o in s.scene.objects] == ["van"] and "ladder" not in str(_o(s, "van").attrs)
    s, r = dialog("shapes", "three spheres in a row",
                  "Last thing, take the middle sphere out, the one between the other two.")
    assert len(s.scene.objects) >= 2  # one sphere at most, never two for one said again


def test_a_child_who_draws_themself_is_i_and_me(dialog):
    s, r = dialog("park", "this is me im the boy and im in the middle",
                  "my sister is next to me and shes holding a beach ball",
                  "im wearing my viking helmet cuz i love vikings", "my sister is laughing and im happy")
    boy, girl = _o(s, "boy"), _o(s, "girl")
    assert boy.attrs["role"] == "speaker" and 0.3 < boy.x < 0.7 and abs(girl.x - boy.x) < 0.3
    assert _o(s, "viking helmet").attrs["with"] == boy.id
    assert boy.expression == "happy" and girl.expression == "laughing"
    s, (r,) = dialog("street", "I was standing at the bus stop on this side of the street.")
    assert not any(o.attrs.get("role") == "speaker" for o in s.scene.objects)  # a witness is not drawn


def test_thats_me_and_a_pronoun_said_again(dialog):
    s, r = dialog("park", "put a girl in the middle thats me", "and balloons next to me", "make me laughing!!!")
    girl = _o(s, "girl")
    assert girl.attrs["role"] == "speaker" and girl.expression == "laughing"
    assert abs(_o(s, "balloons").x - girl.x) < 0.3
    s, r = dialog("park", "a girl on the left", "balloons next to her", "a dog on the right",
                  "take away the balloons they popped")
    assert sorted(o.category for o in s.scene.objects) == ["dog", "girl"]


def test_far_away_at_the_back_and_far_away_from(dialog):
    s, (_, r) = dialog("shapes", "a yellow ball", "put the yellow ball far far away at the back")
    assert r.ok and _o(s, "sphere").y < 0.45
    s, _ = dialog("park", "a tree on the left", "a dog next to the tree", "put the dog far away from the tree")
    assert _o(s, "dog").x > 0.7


def test_behind_the_cube_on_the_left_with_two_cubes(dialog):
    s, r = dialog("shapes", "a blue cube at the back on the right", "a red cube in front on the left",
                  "put a sphere in front of the cube on the right")  # the blue one, not the one said last
    sphere, blue, red = _o(s, "sphere"), s.scene.find(color="blue")[0], s.scene.find(color="red")[0]
    assert r[-1].ok and sphere.x > 0.6 and blue.y < sphere.y < red.y


def test_suspect_one_and_suspect_two_are_names(dialog):
    s, r = dialog("street", "Suspect one, male, entered the shop.", "Suspect two, female, stayed by the car.",
                  "Suspect one: six foot, grey tracksuit.", "Suspect two: blonde, slim, pink top.")
    one = next(o for o in s.scene.objects if o.attrs.get("label") == "suspect one")
    two = next(o for o in s.scene.objects if o.attrs.get("label") == "suspect two")
    assert one.category == "man" and two.category == "woman"
    assert one.attrs.get("height") == "tall" and two.attrs.get("hair") == "blond" and "hair" not in one.attrs
    assert [o.category for o in s.scene.objects].count("man") == 1


def test_two_people_next_to_one_thing_stand_side_by_side_not_on_each_other():
    from scenewright import Session
    for turns in (["a tree on the left", "a boy and a girl next to the tree"],
                  ["a tree on the left", "a boy in the middle", "a girl on the right",
                   "move the boy and the girl next to the tree"]):
        s = Session(world="park")
        for t in turns:
            s.tell(t)
        tree, boy, girl = (s.scene.find(k)[0] for k in ("tree", "boy", "girl"))
        assert abs(boy.x - girl.x) > 0.08  # not one drawn over the other
        assert abs(boy.x - tree.x) <= 0.25 and abs(girl.x - tree.x) <= 0.25  # both still next to the tree
    s = Session(world="park")
    for t in ("a boy on the left", "Near of him is one table, with a pizza on top."):
        s.tell(t)
    assert abs(s.scene.find("pizza")[0].x - s.scene.find("table")[0].x) < 0.1  # a pizza is not in a table's way
