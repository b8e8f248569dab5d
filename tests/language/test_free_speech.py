"""Ordinary speech: the behaviours issue 19 asks for, each as a user would notice it in the scene JSON."""

import pytest

from scenewright import Session


def tell(world, *turns):
    s = Session(world=world, semantic=False)
    s.parser.strict = True
    return s, [s.tell(t) for t in turns]


def objs(scene, cat):
    return [o for o in scene.objects if o.category == cat]


def one(scene, cat):
    found = objs(scene, cat)
    assert len(found) == 1, (cat, scene.objects)
    return found[0]


# -- the honest reply contract --------------------------------------------------------------------------------

def test_what_cannot_be_drawn_is_kept_on_the_right_object_in_the_speakers_words():
    _, t = tell("street", "a man with a beard", "a woman on the left", "he had a limp")
    man, woman = one(t[2].scene, "man"), one(t[2].scene, "woman")
    assert man.attrs["notes"] == ["beard", "limp"] and "notes" not in woman.attrs
    assert t[2].ok and t[2].notes == ("the man: limp",) and "not drawn" in t[2].reply


def test_a_turn_says_which_words_it_did_not_understand_and_is_not_ok():
    _, t = tell("shapes", "add a red cube and wibble the frobnicator")
    assert not t[0].ok and t[0].skipped and one(t[0].scene, "cube").color == "red"
    assert all(w in t[0].reply for w in t[0].skipped)


def test_draw_json_and_to_dict_carry_notes_and_skipped():
    _, t = tell("street", "a man with a moustache")
    d = t[0].to_dict()
    assert d["notes"] == ["the man: moustache"] and d["skipped"] == [] and d["ok"] is True


def test_an_unknown_thing_on_its_own_is_still_refused_and_changes_nothing():
    _, t = tell("shapes", "add a red cube", "add a pyramid")
    assert not t[1].ok and not t[1].edits and t[1].scene == t[0].scene and "pyramid" in t[1].reply


# -- hedges cover the words they modify ---------------------------------------------------------------------------

def test_a_hedge_covers_only_its_own_part_of_the_sentence():
    _, t = tell("street", "a man in a black hoodie, maybe six foot")
    man = one(t[0].scene, "man")
    assert "height" in man.unsure and "top_kind" not in man.unsure and "top" not in man.unsure


def test_a_hedge_at_the_end_covers_the_last_detail():
    _, t = tell("street", "a man", "He was, um, tall, bald, in a white apron I think.")
    man = one(t[1].scene, "man")
    assert man.attrs["height"] == "tall" and man.attrs["hair"] == "bald" and man.attrs["top_kind"] == "apron"
    assert set(man.unsure) == {"top_kind"}
    _, t = tell("street", "a man", "He was tall, bald, with a limp I think.")
    man = one(t[1].scene, "man")
    assert set(man.unsure) == {"notes"} and man.unsure["notes"] == ["limp"]


# -- references agree -----------------------------------------------------------------------------------------------

def test_he_is_never_the_woman_and_it_is_never_a_person():
    s, t = tell("street", "a woman on the left", "he was tall")
    assert "height" not in one(s.scene, "woman").attrs
    _, t = tell("street", "a man on the left", "it is red")
    assert one(t[1].scene, "man").color is None


def test_he_can_be_an_animal_when_no_person_fits():
    _, t = tell("park", "a girl on the left", "a dog on the right", "move him to the middle")
    assert 0.4 < one(t[2].scene, "dog").x < 0.6 and one(t[2].scene, "girl").x == one(t[1].scene, "girl").x


def test_can_you_is_not_a_can():
    _, t = tell("shapes", "hey can you put a cube in the middle", "can you make the cube bigger?")
    assert [o.category for o in t[0].scene.objects] == ["cube"]
    assert one(t[1].scene, "cube").scale > 1.0 and len(t[1].scene.objects) == 1


# -- sets -------------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["make everything except the cube cyan", "all but the cube are cyan",
                                  "all except the cube, make them cyan"])
def test_everything_except(text):
    _, t = tell("shapes", "add a red cube", "add two blue spheres", text)
    assert one(t[2].scene, "cube").color == "red"
    assert [o.color for o in objs(t[2].scene, "sphere")] == ["cyan", "cyan"]


def test_the_rest():
    _, t = tell("shapes", "add three spheres", "make the leftmost ball red and the rest of the balls purple")
    spheres = sorted(objs(t[1].scene, "sphere"), key=lambda o: o.x)
    assert [o.color for o in spheres] == ["red", "purple", "purple"]


def test_swap_colours_sizes_and_same_as():
    _, t = tell("shapes", "add a red cube and a big blue sphere", "swap their colors", "swap their sizes",
                "make the sphere the same color as the cube")
    assert one(t[1].scene, "cube").color == "blue" and one(t[1].scene, "sphere").color == "red"
    assert one(t[2].scene, "cube").scale > one(t[2].scene, "sphere").scale
    assert one(t[3].scene, "sphere").color == "blue"


# -- things that belong to someone ---------------------------------------------------------------------------------

def test_what_a_person_holds_or_wears_goes_where_they_go():
    _, t = tell("park", "a boy holding a kite in the middle", "a girl on the right wearing a crown",
                "actually she was on the left", "move the boy to the right", "flip him")
    girl, crown = one(t[2].scene, "girl"), one(t[2].scene, "crown")
    assert girl.x < 0.5 and abs(crown.x - girl.x) < 0.05
    boy0, kite0 = one(t[1].scene, "boy"), one(t[1].scene, "kite")
    boy, kite = one(t[3].scene, "boy"), one(t[3].scene, "kite")
    assert abs((kite.x - boy.x) - (kite0.x - boy0.x)) < 1e-6
    boy5, kite5 = one(t[4].scene, "boy"), one(t[4].scene, "kite")
    assert (kite5.x - boy5.x) * (kite.x - boy.x) < 0 and kite5.flip != kite.flip


def test_give_him_a_hat_puts_it_on_that_boy():
    _, t = tell("park", "a boy on the left", "give him a winter hat")
    boy, hat = one(t[1].scene, "boy"), one(t[1].scene, "winter hat")
    assert len(objs(t[1].scene, "boy")) == 1 and abs(hat.x - boy.x) < 0.1 and hat.y < boy.y


def test_the_driver_and_the_cyclist():
    _, t = tell("street", "a silver car on the left", "The driver of the car got out, an older lady, grey hair.",
                "a cyclist on the right", "the cyclist rode off to the left")
    car, lady = one(t[1].scene, "car"), one(t[1].scene, "woman")
    assert lady.attrs["role"] == "driver" and lady.attrs["of"] == car.id and abs(lady.x - car.x) < 0.3
    bike, rider = one(t[2].scene, "bicycle"), one(t[2].scene, "person")
    assert bike.x > 0.5 and abs(rider.x - bike.x) < 0.05
    bike3, rider3 = one(t[3].scene, "bicycle"), one(t[3].scene, "person")
    assert abs((rider3.x - bike3.x) - (rider.x - bike.x)) < 1e-6


# -- narrative framings and sizes ----------------------------------------------------------------------------------

def test_narrative_framings_set_the_scene():
    _, t = tell("street", "Um, okay, so... it was, er, in the evening, like dusk I think? It wasn't raining though.",
                "It was at the bus stop.")
    assert t[0].scene.background == "dusk" and not t[0].scene.objects
    assert [o.category for o in t[1].scene.objects] == ["bus stop"]


def test_one_thing_named_twice_is_one_thing():
    _, t = tell("street", "A bus was coming, a red bus, from the left.",
                "There was a little boy, no, a girl, a little girl, near the road.")
    assert len(t[0].scene.objects) == 1 and one(t[0].scene, "bus").color == "red"
    assert len(objs(t[1].scene, "child")) == 1


def test_park_pieces_can_grow_past_codraws_largest_depth():
    _, t = tell("park", "a dog", "make the dog twice as big")
    assert one(t[1].scene, "dog").scale == 2 * one(t[0].scene, "dog").scale


# -- references in one turn, history words ------------------------------------------------------------------------

def test_one_of_them_and_the_other_one_are_two_people():
    _, t = tell("street", "two men outside the pub",
                "One of them had a white shirt on, and the other one, the shorter one, was in a dark green jacket")
    tops = sorted(o.attrs.get("top") for o in objs(t[1].scene, "man"))
    assert tops == ["dark green", "white"] and "top" not in one(t[1].scene, "shop").attrs


def test_put_it_back_where_it_was():
    _, t = tell("shapes", "add a cube on the left", "add a sphere", "move the cube to the right",
                "hmm put it back where it was")
    assert one(t[3].scene, "cube").x == one(t[1].scene, "cube").x


def test_forget_the_bench_removes_it_but_forget_it_is_never_mind():
    _, t = tell("street", "a woman on a bench", "Forget the bench. She was standing.")
    assert not objs(t[1].scene, "bench") and one(t[1].scene, "woman").pose == "standing"
    _, t = tell("shapes", "add a cube", "move the cube to the left", "forget it, put it back in the middle")
    assert objs(t[2].scene, "cube") and 0.4 < one(t[2].scene, "cube").x < 0.6


def test_undo_with_an_afterthought_is_an_undo():
    s, t = tell("street", "a man", "he had white trainers", "Undo that, sorry, I'm not sure about the trainers.")
    assert t[2].command == "undo" and "shoes" not in one(s.scene, "man").attrs


def test_a_place_that_sets_the_scene_is_drawn_and_nothing_else_moves():
    _, t = tell("street", "a man on the left", "At the junction outside the bank. About two in the afternoon.")
    assert one(t[1].scene, "man").x == one(t[0].scene, "man").x and objs(t[1].scene, "bank")
    assert t[1].scene.background == "day"


# -- places said are places kept (language/verify.py) ----------------------------------------------------------

def test_a_place_lost_by_placement_is_repaired_in_the_same_edit():
    _, t = tell("street", "Woman on the bench. Left side.")
    woman, bench = one(t[0].scene, "woman"), one(t[0].scene, "bench")
    assert t[0].ok and woman.x < 0.5 and abs(woman.x - bench.x) <= 0.2
    assert "moved" not in t[0].reply  # placed there when added: one Add, nothing to undo twice


def test_a_place_that_cannot_be_kept_is_named_and_the_turn_is_not_ok():
    _, t = tell("park", "a sun on the right", "a big apple tree below the sun on the left side")
    tree, sun = one(t[1].scene, "apple tree"), one(t[1].scene, "sun")
    assert not t[1].ok and tree.x > 0.5 and abs(tree.x - sun.x) < 0.25  # below the sun, said first; not left too
    assert set(t[1].skipped) == {"on the left"} and "skipped" in t[1].reply


def test_things_on_a_table_said_together_are_all_on_it():
    _, t = tell("park", "a table on the left with a pie and a drink on it")
    table = one(t[0].scene, "table")
    assert all(abs(one(t[0].scene, c).x - table.x) < 0.15 for c in ("pie", "drink"))


def test_what_a_turn_talked_about_is_what_it_means_next():
    _, t = tell("park", "a small pine tree in the middle", "a boy on the left wearing a winter hat",
                "the pine tree is too small, make it bigger")
    assert one(t[2].scene, "pine tree").scale > one(t[1].scene, "pine tree").scale
    assert one(t[2].scene, "winter hat") == one(t[1].scene, "winter hat")


def test_a_pronoun_after_a_relation_is_not_the_thing_placed():
    _, t = tell("park", "a big tree on the right", "a boy on the left", "an owl", "the owl is sitting up in it")
    tree, owl = one(t[3].scene, "tree"), one(t[3].scene, "owl")
    assert abs(owl.x - tree.x) < 0.2 and owl.y < tree.y


def test_clothes_said_with_no_one_named_go_to_the_person_talked_about_not_the_last_thing():
    _, t = tell("street", "a man on the left", "a bicycle on the right", "grey hoodie, hood up, white trainers")
    man, bike = one(t[2].scene, "man"), one(t[2].scene, "bicycle")
    assert man.attrs["top_kind"] == "hoodie" and bike == one(t[1].scene, "bicycle")
    assert (man.x, man.y) == (one(t[1].scene, "man").x, one(t[1].scene, "man").y)  # "hood up" is not a move
    s, t = tell("street", "a bus stop on the left", "white trainers")
    assert not t[1].ok and t[1].scene == t[0].scene and "Who" in t[1].reply


def test_what_drove_off_is_something_that_can_drive():
    _, t = tell("street", "a car on the right", "a shop on the left", "it drove off to the left")
    assert one(t[2].scene, "shop") == one(t[1].scene, "shop")
    assert one(t[2].scene, "car") != one(t[1].scene, "car")


def test_they_who_ran_off_are_the_people_not_the_bus_stop():
    _, t = tell("street", "three men on the left", "a bus stop on the right", "and they all ran off to the left")
    assert all(m.pose == "running" for m in objs(t[2].scene, "man"))
    assert one(t[2].scene, "bus stop") == one(t[1].scene, "bus stop")
    assert t[2].reply.startswith("The 3 men are running now")


def test_the_tall_one_is_a_person():
    _, t = tell("street", "a tall man on the left", "a bus stop on the right", "the tall one had a white hoodie")
    assert one(t[2].scene, "man").attrs["top_kind"] == "hoodie"
    assert one(t[2].scene, "bus stop") == one(t[1].scene, "bus stop")


def test_a_plate_said_with_no_one_named_is_the_cars_and_a_hedge_makes_it_unsure():
    _, t = tell("street", "a red car on the left", "a man on the right", "Plate ended 4KX. I think.")
    car = one(t[2].scene, "car")
    assert car.attrs["marks"] == ["Plate ended 4KX"] and "marks" in car.unsure
    assert "marks" not in one(t[2].scene, "man").attrs


def test_terse_kind_was_colour_paints_the_kind_not_the_person():
    _, t = tell("street", "a man on a motorbike", "he had a black helmet", "Helmet was white. Not black.")
    man = one(t[2].scene, "man")
    assert man.attrs["headwear"] == "white" and man.color is None and "white helmet" in t[2].reply


def test_a_move_that_cannot_happen_says_so_and_is_not_ok():
    _, t = tell("park", "a big rain cloud on the far left", "make it bigger", "make it bigger",
                "move the rain cloud to the left a bit")
    if t[3].scene == t[2].scene:  # at the edge: nothing moved
        assert not t[3].ok and "can't go further left" in t[3].reply and "didn't understand" not in t[3].reply
    else:
        assert one(t[3].scene, "rain cloud").x < one(t[2].scene, "rain cloud").x


@pytest.mark.parametrize("said", ["change the boy into a girl", "make the boy a girl", "turn the boy into a girl",
                                  "make it a girl instead of a boy"])
def test_making_a_thing_into_another_recategorises_it_in_place(said):
    _, t = tell("park", "a boy on the left", "a table on the right", said)
    girl, was = one(t[2].scene, "girl"), one(t[1].scene, "boy")
    assert not objs(t[2].scene, "boy") and (girl.id, girl.x, girl.y) == (was.id, was.x, was.y)
    assert one(t[2].scene, "table") == one(t[1].scene, "table")


def test_a_side_said_without_the_is_still_a_side_of_the_landmark():
    _, t = tell("park", "a table in the middle", "Girl is sit at left of table, she look sad.")
    assert one(t[1].scene, "girl").x < one(t[1].scene, "table").x


def test_behind_each_puts_one_behind_every_one():
    _, t = tell("shapes", "add four cubes in a row", "now put a sphere behind each cube")
    cubes, spheres = objs(t[1].scene, "cube"), objs(t[1].scene, "sphere")
    assert len(spheres) == 4 and sorted(round(s.x, 2) for s in spheres) == sorted(round(c.x, 2) for c in cubes)
    assert all(s.y < cubes[0].y for s in spheres)


def test_in_front_of_everything_moves_the_thing_in_front_of_the_rest():
    _, t = tell("shapes", "add a cyan cube on the left", "add a purple cube in the back", "add a sphere in front",
                "now the purple cube should be in front of everything")
    purple = [c for c in objs(t[3].scene, "cube") if c.color == "purple"][0]
    assert purple.y > [c for c in objs(t[2].scene, "cube") if c.color == "purple"][0].y  # it came forward
    if purple.y <= max(o.y for o in t[3].scene.objects if o is not purple):  # the sphere is at the front edge
        assert not t[3].ok and "in front of" in t[3].skipped[0] and "no room" in t[3].reply


def test_a_look_said_in_a_part_about_a_thing_is_the_persons():
    _, t = tell("park", "a table in the middle", "To the left of the table, a girl sitting, sad, with a bucket next to her.")
    girl = one(t[1].scene, "girl")
    assert girl.expression == "sad" and girl.pose == "sitting" and "no expression" not in t[1].reply


def test_on_the_other_side_of_it_is_across_it_from_who_is_there():
    _, t = tell("park", "a grill in the middle", "a dog to the left of the grill", "kitty on the other side of the grill")
    grill, dog, cat = (one(t[2].scene, k) for k in ("grill", "dog", "cat"))
    assert (cat.x - grill.x) * (dog.x - grill.x) < 0


def test_a_look_instead_of_another_is_the_new_one():
    _, t = tell("park", "a sad girl sitting on the left", "Change the girl to be angry instead of sad, and standing.")
    girl = one(t[1].scene, "girl")
    assert girl.expression == "angry" and girl.pose == "standing"


def test_what_the_witness_did_not_see_is_a_note_not_a_refusal():
    _, t = tell("street", "a man on the left", "I didn't see his face.")
    assert t[1].ok and "not seen: his face" in one(t[1].scene, "man").attrs["notes"]


def test_refusals_name_things_of_the_world_in_use():
    _, t = tell("street", "it was tall")
    assert not t[0].ok and "'the man'" in t[0].reply and "boy" not in t[0].reply


@pytest.mark.parametrize("said, unsure, sure", [
    ("He was carrying a bag, I think", "carry_kind", None),
    ("a woman in a red coat, I think, with a black bag", "top_kind", "carry_kind"),
])
def test_a_hedge_on_its_own_covers_the_part_before_it(said, unsure, sure):
    _, t = tell("street", "a man on the left", said)
    person = t[1].scene.objects[-1]
    assert unsure in person.unsure and (sure is None or sure not in person.unsure)


def test_a_mark_stops_before_the_hedge_and_is_unsure():
    _, t = tell("street", "a car on the right", "the plate ended in 4, I think")
    car = one(t[1].scene, "car")
    assert car.attrs["marks"] == ["plate ended in 4"] and "marks" in car.unsure


def test_clothes_said_with_in_are_worn_and_the_place_after_them_is_kept():
    _, t = tell("street", "a man in a hoodie standing next to a black car")
    man, car = one(t[0].scene, "man"), one(t[0].scene, "car")
    assert man.attrs["top_kind"] == "hoodie" and car.color == "black" and abs(man.x - car.x) < 0.35


def test_how_it_happened_is_not_a_detail_of_a_thing():
    _, t = tell("street", "a man on the left", "a car on the right", "It all happened so fast.")
    assert t[2].ok and t[2].scene == t[1].scene and "nothing to draw" in t[2].reply


def test_an_unknown_thing_that_ran_is_refused_not_given_to_the_man():
    _, t = tell("street", "a man on the left", "a unicorn ran past")
    assert not t[1].ok and t[1].scene == t[0].scene and "unicorn" in t[1].reply


def test_a_police_cars_lights_are_on_the_car_not_a_traffic_light():
    _, t = tell("street", "a man on the left", "and then a police car came with the blue lights on")
    assert not objs(t[1].scene, "traffic light") and one(t[1].scene, "police car").attrs["marks"] == ["blue lights on"]
    assert "blue lights on" in t[1].reply


def test_a_kind_said_with_not_is_not_kept():
    _, t = tell("street", "a man in a grey tracksuit", "Correction, it was a grey hoodie, not a tracksuit.")
    assert one(t[1].scene, "man").attrs["top_kind"] == "hoodie"


@pytest.mark.parametrize("said", ["maybe a bicycle on the right", "I think there's a bicycle on the right",
                                  "I think, there was a bicycle on the right"])
def test_a_hedge_before_the_thing_is_named_makes_it_unsure_it_was_there(said):
    _, t = tell("street", said)
    assert "there" in one(t[0].scene, "bicycle").unsure


def test_a_hedge_about_a_detail_does_not_doubt_the_thing():
    _, t = tell("street", "a man in a black hoodie, maybe six foot")
    assert "there" not in one(t[0].scene, "man").unsure


def test_a_bag_next_to_her_is_hers_and_on_her_own_is_not_a_place():
    _, t = tell("street", "Woman on the bench. Left side.", "Brown handbag next to her.")
    woman = one(t[1].scene, "woman")
    assert t[1].ok and woman.attrs.get("carry_kind") == "handbag" and woman.attrs.get("carry") == "brown"
    _, t = tell("street", "A woman was standing there, she was on her own. Older lady, maybe seventy.")
    woman = one(t[0].scene, "woman")
    assert t[0].ok and woman.attrs["age"] == "elderly" and woman.attrs["age_hedge"] == "maybe"


def test_an_age_goes_to_a_person_never_to_a_car():
    _, t = tell("street", "a man, fifty-ish, stocky", "a car doing about forty")
    assert one(t[1].scene, "man").attrs["age"] == "middle aged"
    assert "age" not in one(t[1].scene, "car").attrs and "has no age" in t[1].reply


def test_and_under_it_a_boy_places_the_boy_under_the_tree_named_just_before():
    _, t = tell("park", "On the left there's a medium apple tree, and under it, a bit to the right, a boy sitting")
    tree, boy = one(t[0].scene, "apple tree"), one(t[0].scene, "boy")
    assert t[0].ok and tree.x < 0.5 and tree.x < boy.x < tree.x + 0.4 and boy.pose == "sitting"


def test_the_kind_of_shop_is_kept_with_its_name_and_everyday_words_for_men_and_shops():
    _, t = tell("street", "Late Friday night, outside the kebab shop across the road from me.", "a chemist",
                "Two lads came out arguing, both shouting.")
    assert t[0].ok and t[0].scene.background == "night"
    assert one(t[0].scene, "shop").attrs["called"] == "kebab shop"
    assert len(objs(t[1].scene, "shop")) == 2 and len(objs(t[2].scene, "man")) == 2


def test_what_people_were_doing_is_kept_on_them_not_refused():
    _, t = tell("street", "a man on the left", "he was limping")
    assert t[1].ok and one(t[1].scene, "man").attrs["notes"] == ["limping"] and "not drawn" in t[1].reply


def test_in_the_middle_of_the_table_is_on_that_table_not_a_new_one():
    _, t = tell("park", "a picnic table on the right", "ketchup in the middle of the table")
    table, ketchup = one(t[1].scene, "table"), one(t[1].scene, "ketchup")
    assert t[1].ok and abs(ketchup.x - table.x) < 0.05 and ketchup.y < table.y


def test_a_part_of_a_thing_is_not_taken_for_the_last_thing_said():
    _, t = tell("park", "a sun on the top left", "a big apple tree below the sun, the trunk goes to the bottom")
    assert t[1].scene.objects[0] == t[0].scene.objects[0]  # the sun did not move
    assert not t[1].ok and "trunk" in t[1].reply and one(t[1].scene, "apple tree")


def test_a_little_boy_maybe_eight_is_one_boy_of_about_eight():
    _, t = tell("street", "A little boy on a blue bike, maybe eight, came out from behind a bus.")
    kid = one(t[0].scene, "child")
    assert kid.attrs["age"] == "young" and one(t[0].scene, "bicycle").color == "blue"


def test_he_is_the_kid_just_talked_about_and_getting_up_is_standing():
    _, t = tell("street", "a man on the right", "a kid lying on the road on the left",
                "kid got up, he was alright, just crying his eyes out")
    kid, man = one(t[2].scene, "child"), one(t[2].scene, "man")
    assert t[2].ok and kid.pose == "standing" and "crying" in kid.attrs["notes"] and "notes" not in man.attrs


def test_a_witness_big_man_is_heavy_built_not_drawn_bigger():
    _, t = tell("street", "a big man on the left", "make him bigger")
    man = one(t[0].scene, "man")
    assert man.attrs["build"] == "heavy" and man.scale == 1.0
    assert one(t[1].scene, "man").scale > 1.0  # a size change asked for is a size change


def test_below_it_and_to_the_left_is_beside_the_landmark_and_in_front_of_stays_over_it():
    _, t = tell("park", "Top right corner: small cloud. Just below it and to the left, a large rain cloud.",
                "Under the rain cloud there's a medium tree.",
                "The girl is standing in front of the tree, a little to the left")
    cloud, rain = one(t[0].scene, "cloud"), one(t[0].scene, "rain cloud")
    assert cloud.x > 0.6 and cloud.x - 0.3 < rain.x < cloud.x and rain.y > cloud.y and rain.y < 0.5
    tree, girl = one(t[2].scene, "tree"), one(t[2].scene, "girl")
    assert t[2].ok and tree.x - 0.25 < girl.x < tree.x and girl.y > tree.y and girl.y < 0.95


def test_two_new_things_joined_by_and_share_the_place_and_spread_on_the_table():
    _, t = tell("park", "a table in the middle", "ketchup and mustard in the middle of the table",
                "a pie on the table")
    table = one(t[1].scene, "table")
    ketchup, mustard = one(t[1].scene, "ketchup"), one(t[1].scene, "mustard")
    assert t[1].ok and abs(ketchup.x - table.x) < 0.15 and abs(mustard.x - table.x) < 0.15
    assert abs(ketchup.x - mustard.x) > 0.05  # side by side on it, not one inside the other
    pie = one(t[2].scene, "pie")
    assert abs(pie.x - table.x) < 0.15 and min(abs(pie.x - ketchup.x), abs(pie.x - mustard.x)) > 0.05
    _, t = tell("park", "a table on the left", "On table put pizza and one soda.")
    table, drink = one(t[1].scene, "table"), one(t[1].scene, "drink")
    assert abs(drink.x - table.x) < 0.15
    _, t = tell("park", "a tree on the left", "a tree and a boy next to it")  # "it" is not shared: no tree by itself
    assert t[1].ok and len(objs(t[1].scene, "tree")) == 2


def test_animals_wear_hats_and_a_crown_said_alone_is_worn_by_the_one_just_drawn():
    s, t = tell("park", "a duck wearing a viking helmet", "move the duck to the right")
    duck, helmet = one(t[1].scene, "duck"), one(t[1].scene, "viking helmet")
    assert helmet.attrs.get("with") == duck.id and abs(helmet.x - duck.x) < 0.05 and helmet.y < duck.y
    _, t = tell("park", "a boy on the left", "Girl next to him. Crown.")
    girl, crown = one(t[1].scene, "girl"), one(t[1].scene, "crown")
    assert t[1].ok and crown.attrs.get("with") == girl.id
    _, t = tell("park", "a girl on the left", "a crown on the grass on the right")  # a place said: not worn
    assert "with" not in one(t[1].scene, "crown").attrs


def test_a_cat_wearing_sunglasses_put_in_the_park_and_a_dog_in_a_crown():
    _, t = tell("park", "can you put a cat wearing sunglasses in the park", "a tree on the left",
                "a dog in a crown next to the tree")
    cat, shades = one(t[0].scene, "cat"), one(t[0].scene, "sunglasses")
    assert t[0].ok and shades.attrs.get("with") == cat.id
    dog, crown, tree = one(t[2].scene, "dog"), one(t[2].scene, "crown"), one(t[2].scene, "tree")
    assert t[2].ok and crown.attrs.get("with") == dog.id and abs(dog.x - tree.x) < 0.35


def test_a_fix_then_a_new_thing_does_both_and_a_thing_that_was_not_drawn_is_never_shown_by_a_field_name():
    _, t = tell("park", "a girl on the left", "give her a slide", "no a baseball bat! and a baseball")
    assert t[2].ok and [o.category for o in t[2].scene.objects] == ["girl", "baseball bat", "baseball"]
    from scenewright.language import audit
    from scenewright.language.base import Parse
    from scenewright.language.grammar import _lexicon
    from scenewright.scene import Add, Scene, SceneObject
    from scenewright.worlds import get_world

    w = get_world("park")
    empty = Scene(w.name, "day")
    shades = SceneObject("o1", "sunglasses", 0.5, 0.5, 1.0)
    after = Scene(w.name, "day", (shades,), 2)
    parse = Parse(edits=(Add(shades),), reply="Added sunglasses.")
    assert "cat" in audit.unshown("a cat wearing sunglasses", _lexicon(w), empty, after, parse)


def test_a_thing_named_then_restated_is_one_thing_and_except_lists_keep_every_name():
    _, t = tell("park", "a rocket in the middle", "and then lightning, there was a lightning cloud right above the rocket",
                "I'd like some ducks, three ducks, in a row near the bottom.", "And make the whole thing dusk.")
    assert len(objs(t[1].scene, "lightning cloud")) == 1 and len(objs(t[2].scene, "duck")) == 3
    assert t[3].ok and t[3].scene.background == "dusk"
    _, t = tell("park", "a sun, a cloud, a boy with a kite and a dog", "Remove everything except the boy and the kite.")
    assert sorted(o.category for o in t[1].scene.objects) == ["boy", "kite"]
    _, t = tell("park", "a sun, a cloud, a girl and a dog", "make everything except the sun and the cloud smaller")
    before, after = t[0].scene, t[1].scene
    assert [o.scale for o in after.objects if o.category in ("sun", "cloud")] == \
        [o.scale for o in before.objects if o.category in ("sun", "cloud")]
    assert all(o.scale < 1 for o in after.objects if o.category in ("girl", "dog"))
    _, t = tell("park", "a tree, and another tree on the left")  # a second one said so: two
    assert len(objs(t[0].scene, "tree")) == 2


def test_a_numbered_list_of_objects_and_things_held_by_someone():
    _, t = tell("park", "Object 1: sandbox, lower left quadrant.", "Object 2: girl, seated inside the sandbox, expression happy.",
                "Object 3: shovel, held by the girl.", "Object 4: bucket, blue, placed to the right of the girl.",
                "Correction to object 4: colour yellow.", "Delete object 2.")
    assert [o.category for o in t[3].scene.objects] == ["sandbox", "girl", "shovel", "bucket"]
    girl, shovel = one(t[2].scene, "girl"), one(t[2].scene, "shovel")
    assert shovel.attrs.get("with") == girl.id and girl.pose == "sitting" and girl.expression == "happy"
    assert one(t[4].scene, "bucket").color == "yellow"
    assert "girl" not in [o.category for o in t[5].scene.objects]


def test_learners_and_teenagers_words_and_no_one_holds_himself():
    _, t = tell("park", "drop a lil dude in the middle doing a kick or whatever")
    boy = one(t[0].scene, "boy")
    assert boy.pose == "kicking" and 0.25 < boy.x < 0.75
    _, t = tell("park", "a tree in the middle", "a dog under the tree", "Sorry, not dog, is cat.")
    assert [o.category for o in t[2].scene.objects] == ["tree", "cat"]
    _, t = tell("park", "A table, then, on the right.", "My grandson, a boy, sitting at the table, with a nice hamburger.")
    boy = one(t[1].scene, "boy")
    assert boy.attrs.get("with") != boy.id and one(t[1].scene, "hamburger").attrs.get("with") == boy.id


def test_one_on_each_side_and_a_fix_of_where_moves_the_person_with_what_he_kicks():
    _, t = tell("park", "and lastly a couple of clouds up in the sky, one on each side")
    xs = sorted(o.x for o in t[0].scene.objects)
    assert len(xs) == 2 and xs[0] < 0.5 < xs[1]
    _, t = tell("park", "a boy kicking a ball", "Put the boy on the right.", "Hmm no, left. Left is better.")
    boy, ball = one(t[2].scene, "boy"), one(t[2].scene, "soccer ball")
    assert boy.x < 0.5 and abs(ball.x - boy.x) < 0.25
    _, t = tell("park", "a tent", "put it on the right", "actually put two tents, one on each side")
    assert not t[2].ok and len(objs(t[2].scene, "tent")) == 1  # not "changed the tent into a tent"


def test_the_ball_with_it_moves_along_and_near_the_edge_is_the_far_side():
    _, t = tell("park", "a sandbox on the left", "a soccer ball on the right",
                "move the sandbox to the center, and the ball with it")
    box0, ball0 = one(t[1].scene, "sandbox"), one(t[1].scene, "soccer ball")
    box1, ball1 = one(t[2].scene, "sandbox"), one(t[2].scene, "soccer ball")
    assert t[2].ok and box1.x > box0.x and ball1.x > ball0.x  # the same way, as far as the picture allows
    _, t = tell("park", "a duck in the middle", "move the duck further right, near the edge")
    assert one(t[1].scene, "duck").x > 0.75


def test_a_thing_said_again_in_its_turn_is_one_thing_and_a_list_goes_on():
    _, t = tell("street", "two people stood on the corner", "Then a car, I think a car, stopped near them.")
    assert len(objs(t[1].scene, "car")) == 1 and one(t[1].scene, "car").attrs.get("motion") == "stopped"
    _, t = tell("street", "a house on the left", "A man was in front of the house, a scary man. Sorry. A man.")
    assert len(objs(t[1].scene, "man")) == 1 and "noted that" not in t[1].reply
    _, t = tell("street", "There was an older couple at the next table, and a woman with a pushchair.")
    assert len(objs(t[0].scene, "woman")) == 2  # the couple's woman and the one with the pushchair
    _, t = tell("shapes", "a red cube. a blue cube.", "add a sphere. add a sphere.")
    assert len(objs(t[0].scene, "cube")) == 2 and len(objs(t[1].scene, "sphere")) == 2


def test_a_speaker_correcting_themselves_within_the_turn():
    _, t = tell("park", "Let's put a dog in the middle. Actually a cat.")
    assert t[0].ok and [o.category for o in t[0].scene.objects] == ["cat"]
    _, t = tell("park", "Let's put a dog in the middle. Actually a cat. No, a dog. Definitely a dog.")
    assert t[0].ok and [o.category for o in t[0].scene.objects] == ["dog"]
    _, t = tell("street", "A man got out of the truck. Actually, no, it was a woman, I'm pretty sure it was a woman.")
    assert t[0].ok and sorted(o.category for o in t[0].scene.objects) == ["truck", "woman"]
    _, t = tell("street", "A man got out of the truck.", "Actually, no, it was a woman.")  # two markers, one fix
    assert t[1].ok and sorted(o.category for o in t[1].scene.objects) == ["truck", "woman"]
    _, t = tell("street", "a man by the car", "He wore a green jacket. Or was that the other guy... no, there was "
                "only one guy. Green jacket.")
    assert "into a man" not in t[1].reply and len(objs(t[1].scene, "man")) == 1  # an answer, not a fix


def test_a_boy_and_a_girl_are_two_and_a_place_said_after_both_is_for_both():
    _, t = tell("street", "a boy and a girl on the corner")
    kids = objs(t[0].scene, "child")
    assert sorted(k.attrs.get("called") for k in kids) == ["boy", "girl"] and all(k.x > 0.6 for k in kids)
    _, t = tell("street", "a man and a woman on the left")
    assert one(t[0].scene, "man").x < 0.35 and one(t[0].scene, "woman").x < 0.35
    _, t = tell("shapes", "a cube on the left and a sphere")
    assert one(t[0].scene, "cube").x < 0.35 and one(t[0].scene, "sphere").x > 0.35  # said of the cube only


def test_counts_said_after_the_noun_each_side_both_and_one_of_them():
    _, t = tell("street", "a house in the middle", "a tree on each side of the house")
    house, trees = one(t[1].scene, "house"), objs(t[1].scene, "tree")
    assert len(trees) == 2 and min(x.x for x in trees) < house.x < max(x.x for x in trees)
    _, t = tell("street", "There's a row of houses on the left, three of them.")
    assert len(objs(t[0].scene, "house")) == 3
    _, t = tell("park", "two girls. one of them is happy")
    assert sorted(str(g.expression) for g in objs(t[0].scene, "girl")) == ["None", "happy"]
    _, t = tell("park", "a boy on the left", "a girl on the right", "make both kids sad")
    assert one(t[2].scene, "boy").expression == one(t[2].scene, "girl").expression == "sad"
    _, t = tell("shapes", "a red sphere and a blue sphere on the right", "both balls go left")
    assert len(objs(t[1].scene, "sphere")) == 2 and all(s.x < 0.5 for s in objs(t[1].scene, "sphere"))
    _, t = tell("park", "a soccer ball", "a basketball", "remove all the balls")
    assert t[2].scene.objects == ()
    _, t = tell("park", "a hot dog on the grill", "a dog on the left")
    assert len(objs(t[1].scene, "dog")) == 1 and len(objs(t[1].scene, "hot dog")) == 1
    _, t = tell("park", "a bear on the left", "and a snake! a snake next to the bear")
    snake = one(t[1].scene, "snake")
    assert abs(snake.x - one(t[1].scene, "bear").x) < 0.3


def test_a_list_is_a_list_the_small_one_among_all_and_a_learners_missing_article():
    _, t = tell("shapes", "a cube, a sphere and a cube")
    assert len(objs(t[0].scene, "cube")) == 2
    _, t = tell("shapes", "a big red cube", "a small green sphere", "a cylinder", "remove the small one")
    assert [o.category for o in t[3].scene.objects] == ["cube", "cylinder"]
    _, t = tell("shapes", "two red cubes", "add a brown cube, so there are three cubes")
    assert len(objs(t[1].scene, "cube")) == 3
    _, t = tell("street", "There is petrol station, on right side of picture.", "a man on left")
    assert one(t[1].scene, "gas station").x > 0.6 and one(t[1].scene, "man").x < 0.4
    _, t = tell("park", "a tree", "add an owl on top of teh tree")
    assert abs(one(t[1].scene, "owl").x - one(t[1].scene, "tree").x) < 0.1  # "on top of" is still one phrase


def test_a_bare_noun_made_on_an_empty_picture_is_drawn(dialog):
    s, t = dialog("shapes", "Make big yellow cube on the middle.")
    assert t[0].ok and [(o.category, o.color) for o in s.scene.objects] == [("cube", "yellow")]
    assert s.scene.objects[0].scale > 1.0
    s, t = dialog("shapes", "a yellow cube", "make red cube")
    assert not t[1].ok and s.scene.objects == t[0].scene.objects  # one is there: paint it or add one? asked


def test_a_count_then_its_members_one_by_one(dialog):
    s, t = dialog("park", "Two kids: a boy on the left and a girl on the right, both medium size.")
    assert sorted(o.category for o in s.scene.objects) == ["boy", "girl"]
    boy, girl = s.scene.find("boy")[0], s.scene.find("girl")[0]
    assert boy.x < 0.5 < girl.x
    s, t = dialog("park", "two boys. a girl and a dog")
    assert sorted(o.category for o in s.scene.objects) == ["boy", "boy", "dog", "girl"]  # not the boys listed


def test_higher_than_the_tree_is_a_landmark_not_a_second_thing(dialog):
    s, t = dialog("park", "a tree in the middle", "a kite on the left", "the kite is higher than the tree")
    tree0 = t[1].scene.find("tree")[0]
    tree, kite = s.scene.find("tree")[0], s.scene.find("kite")[0]
    assert (tree.x, tree.y) == (tree0.x, tree0.y) and kite.y < tree.y
    s, t = dialog("park", "a boy in the middle", "a dog on the right", "the dog is more to the left than the boy")
    assert s.scene.find("dog")[0].x < s.scene.find("boy")[0].x and s.scene.find("boy")[0].x == t[1].scene.find("boy")[0].x


def test_on_the_ground_between_them_is_at_their_feet(dialog):
    s, t = dialog("park", "a boy on the left", "a girl on the right", "between them on the ground there's a baseball")
    ball, boy, girl = s.scene.find("baseball")[0], s.scene.find("boy")[0], s.scene.find("girl")[0]
    assert boy.x < ball.x < girl.x and ball.y > max(boy.y, girl.y)


def test_next_to_her_then_on_her_left_is_one_place(dialog):
    s, t = dialog("park", "a girl in the middle", "pizza next to the girl on the left side of her")
    assert t[1].ok and s.scene.find("pizza")[0].x < s.scene.find("girl")[0].x
    s, t = dialog("park", "a boy on the left", "a cat next to the boy, to the right of him")
    assert s.scene.find("cat")[0].x > s.scene.find("boy")[0].x


def test_both_is_two_people_not_a_girl_and_her_crown(dialog):
    s, t = dialog("park", "Boy left. Waving.", "Girl next to him. Crown.", "Both bigger.")
    boy, girl = s.scene.find("boy")[0], s.scene.find("girl")[0]
    assert t[2].ok and boy.scale > 1.0 and girl.scale > 1.0


def test_no_full_stop_then_the_correction(dialog):
    s, t = dialog("park", "a boy on the left", "Sad.", "No. Surprised.")
    assert t[2].ok and s.scene.find("boy")[0].expression == "surprised"


def test_no_just_the_white_one_keeps_the_change_on_that_one_only(dialog):
    s, t = dialog("street", "Three cars in the near lane. Red, white, black.", "All of them silver.",
                  "No. Just the white one.")
    assert t[2].ok and sorted(o.color for o in s.scene.find("car")) == ["black", "red", "silver"]


def test_it_after_them_is_the_one_thing_named_alone_just_before(dialog):
    s, t = dialog("shapes", "put 2 cylinders on the left, both red", "and a sphere on the right", "make them blue",
                  "and make it big")
    assert t[3].ok and s.scene.find("sphere")[0].scale > 1.0
    assert all(o.scale == 1.0 for o in s.scene.find("cylinder"))
    s, t = dialog("shapes", "a cube on the left", "two spheres on the right", "make it red")
    assert [o.category for o in s.scene.objects if o.color == "red"] == ["cube"]  # one of two spheres is not "it"
    s, t = dialog("shapes", "a cube on the left", "a cylinder in the middle", "two spheres on the right",
                  "make it red")
    assert not any(o.color == "red" for o in s.scene.find("cube"))  # only the thing named alone just before


def test_a_terse_list_of_the_same_thing_in_another_size_is_a_second_one(dialog):
    s, t = dialog("shapes", "big green cube", "small green cube")
    assert t[1].ok and sorted(o.scale > 1.0 for o in s.scene.find("cube")) == [False, True]
    s, t = dialog("shapes", "big green cube", "cube small")
    assert [o.scale < 1.0 for o in s.scene.find("cube")] == [True]  # the size after the noun: that cube


def test_all_of_them_except_one_keeps_one(dialog):
    s, t = dialog("shapes", "Add three red spheres", "Remove all the spheres except one.")
    assert t[1].ok and len(s.scene.find("sphere")) == 1
    s, t = dialog("shapes", "Add three red spheres", "add a cube", "remove everything except one")
    assert len(s.scene.objects) == 1
    s, t = dialog("shapes", "Add three red spheres", "paint all the spheres blue except one")
    assert sorted(o.color for o in s.scene.objects) == ["blue", "blue", "red"]


def test_one_of_several_said_with_a_number(dialog):
    s, t = dialog("shapes", "Add three red spheres", "Make one sphere yellow.")
    assert t[1].ok and sorted(o.color for o in s.scene.objects) == ["red", "red", "yellow"]
    s, t = dialog("shapes", "Add three red spheres", "remove one sphere")
    assert len(s.scene.objects) == 2
    s, t = dialog("shapes", "make one sphere yellow")
    assert [o.color for o in s.scene.objects] == ["yellow"]  # none there: one is drawn


def test_a_word_taken_back_at_once_for_another(dialog):
    s, t = dialog("shapes", "Put three cubes, I mean spheres, in the middle.")
    assert t[0].ok and [o.category for o in s.scene.objects] == ["sphere"] * 3
    s, t = dialog("shapes", "a green, no, a blue cube")
    assert t[0].ok and [(o.category, o.color) for o in s.scene.objects] == [("cube", "blue")]
    s, t = dialog("shapes", "add two red cubes, sorry, cylinders")
    assert [(o.category, o.color) for o in s.scene.objects] == [("cylinder", "red")] * 2
    s, t = dialog("park", "an airplane on the right", "Remove the airplane, I meant a helicopter")
    assert [o.category for o in s.scene.objects] == ["helicopter"]  # a fix of the last turn, as before
    s, t = dialog("shapes", "a red cube", "Sorry, not red, I mean green.")
    assert [o.color for o in s.scene.objects] == ["green"]


def test_short_misspellings_of_commands_sizes_and_the(dialog):
    s, t = dialog("shapes", "a cylinder", "mak the cilinder bigg")
    assert t[1].ok and s.scene.objects[0].scale > 1.0
    s, t = dialog("shapes", "a cylinder", "a cube", "udno")
    assert t[2].ok and [o.category for o in s.scene.objects] == ["cylinder"]
    s, t = dialog("park", "a grl standing on teh right")
    assert t[0].ok and s.scene.objects[0].category == "girl" and s.scene.objects[0].x > 0.5
    s, t = dialog("park", "a boy", "giv him a hamburgr")
    assert t[1].ok and [o.category for o in s.scene.objects] == ["boy", "hamburger"]
    s, t = dialog("shapes", "a cylinder", "a cube", "clear")
    assert t[2].ok and s.scene.objects == ()


def test_it_between_two_alike_things_named_together_is_asked(dialog):
    s, t = dialog("shapes", "Add two red spheres.", "Make it blue.")
    assert not t[1].ok and "which one" in t[1].reply and s.scene == t[0].scene
    s, t = dialog("shapes", "Add two red spheres.", "make the left one blue", "make it bigger")
    assert t[2].ok  # the one just talked about
    s, t = dialog("street", "There were two houses, a white one on the left and a blue one on the right.",
                  "There was a van parked right outside it.")
    assert t[1].ok  # two houses told apart: "it" is the one named last, as before


def test_a_thing_instead_replaces_the_one_just_added(dialog):
    s, t = dialog("park", "a girl on the left", "give her a kite", "Hmm, a frisbee instead.")
    assert t[2].ok and sorted(o.category for o in s.scene.objects) == ["frisbee", "girl"]
    s, t = dialog("shapes", "a cube", "add a unicorn", "a small gray sphere next to the cube instead")
    assert sorted(o.category for o in s.scene.objects) == ["cube", "sphere"]  # in place of the refused turn


def test_a_correction_of_how_many(dialog):
    s, t = dialog("park", "a cloud in the sky", "Sorry, I mean two clouds.")
    assert t[1].ok and len(s.scene.find("cloud")) == 2
    s, t = dialog("park", "three dogs", "no, two dogs")
    assert t[1].ok and len(s.scene.find("dog")) == 2
    s, t = dialog("street", "Three people were at the bus stop, two men and a woman.",
                  "No wait, sorry, it was two women and one man.")
    assert sorted(o.category for o in t[0].scene.objects) == ["bus stop", "man", "man", "woman"]
    assert t[1].ok and sorted(o.category for o in s.scene.objects) == ["bus stop", "man", "woman", "woman"]
    s, t = dialog("street", "Two cars were parked on the left, both black.", "Actually there were three cars")
    assert [o.color for o in s.scene.find("car")] == ["black"] * 3


def test_walked_off_to_the_right_goes_there(dialog):
    s, t = dialog("street", "a man at the bus stop", "The man walked off towards the right.")
    man0, man = t[0].scene.find("man")[0], s.scene.find("man")[0]
    assert t[1].ok and man.x > man0.x and man.pose == "walking" and "moved" in t[1].reply.lower()
    s, t = dialog("street", "a man at the bus stop", "he ran away to the left")
    assert s.scene.find("man")[0].x < t[0].scene.find("man")[0].x and s.scene.find("man")[0].flip
    s, t = dialog("park", "a boy in the middle", "he is running to the left")
    assert s.scene.objects[0].x == t[0].scene.objects[0].x  # how he runs, not where he is


def test_the_van_was_a_big_one_is_the_van_made_big(dialog):
    s, t = dialog("street", "a white van on the right", "and the van was, um, quite a big one, a big van")
    assert t[1].ok and len(s.scene.find("van")) == 1 and s.scene.find("van")[0].scale > 1.0
    s, t = dialog("park", "a cloud", "the cloud is a rain cloud actually")
    assert [o.category for o in s.scene.objects] == ["rain cloud"]  # another kind: still a change of kind


def test_members_of_the_group_the_turn_before_named(dialog):
    s, t = dialog("street", "two men came out of the bank",
                  "One was really tall and the other one was short, kind of stocky.", "The tall one had a gun.")
    tall, short = s.scene.find("man")
    assert t[1].ok and tall.attrs.get("height") == "tall" and short.attrs.get("height") == "short"
    assert t[2].ok and "gun" in str(tall.attrs) and "gun" not in str(short.attrs)


def test_a_man_and_a_woman_were_standing_by_the_van_is_both(dialog):
    s, t = dialog("street", "a white van on the left", "A man and a woman were standing by the van.")
    van = s.scene.find("van")[0]
    people = s.scene.find("man") + s.scene.find("woman")
    assert t[1].ok and all(p.pose == "standing" and abs(p.x - van.x) < 0.3 for p in people)
    s, t = dialog("park", "a tree on the left", "a dog and a boy sitting under it")
    assert s.scene.find("dog")[0].pose is None  # "under it" is the tree: said of the boy


def test_all_three_of_them_after_a_group_is_all_three(dialog):
    s, t = dialog("street", "a bus stop", "two men and a woman at the bus stop",
                  "All three of them were just standing there.")
    assert all(o.pose == "standing" for o in s.scene.objects if o.category in ("man", "woman"))


def test_narrative_turns_are_not_commands(dialog):
    s, t = dialog("street", "a man on the left", "then a cop car turns up from the right",
                  "and the guys just legged it", "oh and it was like 11 at night")
    assert s.scene.find("police car")[0].pose is None and "night" in s.scene.background
    s, t = dialog("street", "2 guys by the van", "lol one of them dropped a tv")
    assert len(s.scene.find("man")) == 2 and not t[1].ok  # "dropped" is not "drop the man"
    s, t = dialog("street", "a van", "drop the van")
    assert s.scene.objects == ()


def test_there_was_no_man_after_all(dialog):
    s, t = dialog("street", "a bench", "a man sitting on the bench", "Scratch that, there was no man.")
    assert t[2].ok and [o.category for o in s.scene.objects] == ["bench"]
    s, t = dialog("street", "a bench", "a man sitting on the bench", "Yeah, there was a man after all. He had a red cap on.")
    assert t[2].ok and len(s.scene.find("man")) == 1 and "cap" in str(s.scene.find("man")[0].attrs)
    s, t = dialog("park", "a girl on the left", "there's no dog")
    assert [o.category for o in s.scene.objects] == ["girl"]
    s, t = dialog("street", "two men by the bank", "there was no man")  # which of the two? asked, not both gone
    assert not t[1].ok and "which one" in t[1].reply and t[1].scene.to_dict() == t[0].scene.to_dict()
    s, t = dialog("street", "two men by the bank", "there were no men")
    assert t[1].ok and not s.scene.find("man")


def test_one_for_each(dialog):
    s, t = dialog("park", "two girls", "A pie for each girl.")
    assert t[1].ok and len(s.scene.find("pie")) == 2 and len(s.scene.find("girl")) == 2
    girls, pies = s.scene.find("girl"), s.scene.find("pie")
    assert all(min(abs(p.x - g.x) for p in pies) < 0.25 for g in girls)
    s, t = dialog("shapes", "three cubes", "Add a cylinder for every cube.")
    assert len(s.scene.find("cylinder")) == 3
    s, t = dialog("shapes", "two red cubes", "put a blue sphere in front of each cube")
    assert [o.color for o in s.scene.find("sphere")] == ["blue", "blue"]
    assert all(any(sp.y > c.y and abs(sp.x - c.x) < 0.1 for sp in s.scene.find("sphere")) for c in s.scene.find("cube"))


def test_all_of_a_group_to_one_side_ends_on_that_side(dialog):
    s, t = dialog("shapes", "a blue sphere on the far left", "a blue sphere on the right",
                  "Move all the spheres to the right.")
    xs = sorted(o.x for o in s.scene.find("sphere"))
    assert t[2].ok and all(x > 0.5 for x in xs) and xs[0] < xs[1]  # in their order, not piled up


def test_turn_it_back_the_way_it_was_turns_it_round_again(dialog):
    s, t = dialog("park", "A dog on the left.", "A cat on the right.", "Turn the dog around.",
                  "Now turn it back the way it was.")
    dog0, dog = t[1].scene.find("dog")[0], s.scene.find("dog")[0]
    assert t[3].ok and dog.flip == dog0.flip and (dog.x, dog.y) == (dog0.x, dog0.y)
    s, t = dialog("shapes", "a red cube", "make it blue", "turn it back to red")
    assert s.scene.objects[0].color == "red"


def test_a_number_that_counts_something_else_is_not_a_count_of_the_thing(dialog):
    s, t = dialog("street", "I'd walked back to my van, parked a few doors down to the left")
    assert len(s.scene.find("van")) == 1
    s, t = dialog("street", "Two individuals exited the vehicle. The first, a male, approximately 1.8 metres, "
                            "heavy build, wearing a black balaclava.")
    assert any("balaclava" in str(o.attrs) for o in s.scene.objects)  # a height is still read as one


def test_the_far_back_right_corner_is_at_the_back(dialog):
    s, t = dialog("shapes", "In the far back right corner there's a yellow cylinder, normal size.")
    c = s.scene.objects[0]
    assert t[0].ok and c.x > 0.6 and c.y < 0.5
    s, t = dialog("shapes", "a blue sphere in the front right corner")
    assert s.scene.objects[0].y > 0.6


def test_a_count_said_after_the_things(dialog):
    s, t = dialog("park", "put some clouds up in the sky, like two")
    assert t[0].ok and len(s.scene.find("cloud")) == 2 and all(c.y < 0.4 for c in s.scene.objects)
    s, t = dialog("park", "there were some ducks, maybe three")
    assert len(s.scene.find("duck")) == 3


def test_the_same_kind_said_again_at_the_end_is_the_same_thing(dialog):
    s, t = dialog("street", "and this SUV comes down the hill swerving all over the place, a black Range Rover")
    assert [(o.category, o.color) for o in s.scene.objects] == [("car", "black")]
    s, t = dialog("street", "a red car parked on the left, a blue car")
    assert sorted(o.color for o in s.scene.objects) == ["blue", "red"]  # two colours: two cars


@pytest.mark.parametrize("text, kinds", [
    ("Another vehicle stopped to help, a white van.", [("van", "white")]),
    ("I saw a vehicle, a van I think, on the right.", [("van", None)]),
    ("A vehicle, a car I think, parked on the left.", [("car", None)]),
    ("Then a second individual, male, enters from the right, walking.", [("man", None)]),
    ("Someone, a man, ran off to the left.", [("man", None)]),
    ("A person, a woman, was at the bus stop.", [("bus stop", None), ("woman", None)]),
    ("A car and a vehicle, a van, were parked.", [("car", None), ("van", None)]),  # two said: two
    ("A man and a woman, a tall lady, were by the bank.", [("bank", None), ("man", None), ("woman", None)]),
])
def test_a_word_for_many_kinds_then_the_kind_is_one_thing(dialog, text, kinds):
    s, t = dialog("street", text)
    assert sorted((o.category, o.color) for o in s.scene.objects) == kinds, t[0].reply
    assert "vehicle" not in t[0].skipped and "individual" not in t[0].skipped and "person" not in t[0].skipped


def test_the_driver_of_a_vehicle_said_to_be_a_van(dialog):
    s, t = dialog("street", "Another vehicle stopped to help, a white van, the driver's a woman.")
    van, woman = s.scene.find("van")[0], s.scene.find("woman")[0]
    assert len(s.scene.objects) == 2 and van.color == "white" and woman.attrs.get("of") == van.id


def test_numbered_vehicles_in_an_officers_notes(dialog):
    s, t = dialog("street", "Veh 1: blue hatchback, parked.", "Vehicle 2: white van on the right.",
                  "Vehicle 1 was red, not blue.")
    assert [(o.category, o.color) for o in t[1].scene.objects] == [("car", "blue"), ("van", "white")]
    assert [o.attrs.get("label") for o in t[1].scene.objects] == ["vehicle one", "vehicle two"]
    assert [(o.category, o.color) for o in t[2].scene.objects] == [("car", "red"), ("van", "white")]


def test_a_part_not_understood_makes_the_turn_not_ok(dialog):
    s, t = dialog("street", "Vehicle 1: red car on the left.", "Veh 2: black motorbike, stationary, behind veh 1.")
    assert "didn't understand" in t[1].reply
    assert not t[1].ok and t[1].skipped  # a reply that says so is never `ok`


@pytest.mark.parametrize("world, text, kinds", [
    ("street", "A woman was walking along the pavement on my side.", ["woman"]),
    ("street", "There were three cars parked along the street.", ["car"] * 3),
    ("park", "Now draw three pine trees along the back.", ["pine tree"] * 3),
    ("street", "And a woman walked past, going left.", ["woman"]),
    ("street", "a bike came past quite fast, from the right", ["bicycle"]),
    ("street", "It was getting dark, about half past five, the streetlights had just come on.", ["streetlight"]),
])
def test_along_and_past_say_how_a_thing_went_not_a_word_not_understood(dialog, world, text, kinds):
    s, t = dialog(world, text)
    assert t[0].ok, t[0].reply
    assert sorted(o.category for o in s.scene.objects) == sorted(kinds)


def test_trees_along_the_back_are_at_the_back(dialog):
    s, t = dialog("park", "three pine trees along the back")
    assert all(o.y < 0.5 for o in s.scene.objects)


def test_how_the_witness_went_is_not_given_to_someone_in_the_picture(dialog):
    s, t = dialog("street", "a van on the left", "I ran past and didn't stop.")
    assert t[1].scene.to_dict() == t[0].scene.to_dict() and "about you" in t[1].reply
    s, t = dialog("street", "a car on the left", "I got part of the plate, it started with LR.")
    assert "lr" in str(s.scene.objects[0].attrs).lower()  # what the witness saw of the car is still the car's


def test_a_cyclist_knocked_off_her_bike_has_one_bike_that_stays_where_it_fell(dialog):
    s, t = dialog("street", "A cyclist, a woman, was knocked off her bike at the traffic lights.",
                  "She was lying in the road.", "The bike was a bit further, to the right of her.")
    assert len(t[0].scene.find("bicycle")) == 1
    woman, bike = t[2].scene.find("woman")[0], t[2].scene.find("bicycle")[0]
    assert woman.pose == "lying" and bike.x > woman.x
    assert woman.x == t[1].scene.find("woman")[0].x  # moving the bike she came off does not move her


@pytest.mark.parametrize("said", ["hmm bring it back", "no i want it back", "actually I do want it, bring it back",
                                  "bring the cylinder back"])
def test_something_removed_a_turn_or_two_ago_can_be_brought_back(dialog, said):
    s, t = dialog("shapes", "a red cube", "a green cylinder on the left", "remove the cylinder",
                  "make the cube bigger", said)
    assert t[4].ok and t[4].scene.find("cylinder")[0].to_dict() == t[1].scene.find("cylinder")[0].to_dict()
    assert t[4].scene.find("cube")[0].scale == t[3].scene.find("cube")[0].scale  # the turn between stays
    s.tell("undo")
    assert s.scene.to_dict() == t[3].scene.to_dict()


def test_bringing_back_a_person_brings_what_they_wore(dialog):
    s, t = dialog("park", "a boy with a crown on the left", "a dog on the right", "remove the boy",
                  "make the dog bigger", "bring the boy back")
    assert sorted(o.category for o in s.scene.objects) == ["boy", "crown", "dog"]


@pytest.mark.parametrize("said, kept", [
    ("Keep the sphere and remove the rest.", ["sphere"]),
    ("leave the sphere, get rid of the others", ["sphere"]),
    ("keep only the sphere", ["sphere"]),
    ("get rid of the rest, keep the blue cube", ["cube"]),
    ("keep the red cube and the sphere and remove the rest", ["cube", "sphere"]),
])
def test_keep_one_and_remove_the_rest_keeps_it(dialog, said, kept):
    s, t = dialog("shapes", "a red cube", "a blue cube", "a green sphere", said)
    assert t[3].ok and sorted(o.category for o in s.scene.objects) == kept, t[3].reply
    if kept == ["cube"]:
        assert s.scene.objects[0].color == "blue"


@pytest.mark.parametrize("said", ["The cars, take one away.", "take one of the cars away", "the cars: remove one"])
def test_one_of_a_group_named_first(dialog, said):
    s, t = dialog("street", "three cars on the left", said)
    assert t[1].ok and len(s.scene.find("car")) == 2, t[1].reply
    s, t = dialog("shapes", "three red cubes", "the cubes, make one blue")
    assert sorted(o.color for o in s.scene.objects) == ["blue", "red", "red"]
