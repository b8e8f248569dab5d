def one(scene, cat, color=None):
    found = scene.find(cat, color)
    assert len(found) == 1, f"expected one {color or ''} {cat}, got {[o.to_dict() for o in scene.objects]}"
    return found[0]


def test_the_public_shapes_example(dialog):
    s, t = dialog("shapes", "add a yellow sphere on the right", "add a big gray cube to the left of the sphere",
                  "make the cube small", "move the sphere to the middle", "remove the cube", "undo")
    assert all(x.ok for x in t)
    s1, s2, s3, s4, s5, s6 = (x.scene for x in t)
    assert one(s1, "sphere", "yellow").x > 0.5
    assert one(s2, "cube", "gray").x < one(s2, "sphere").x and one(s2, "cube").scale > 1
    assert one(s3, "cube").scale < 1
    assert 0.35 < one(s4, "sphere").x < 0.65 and one(s4, "cube") == one(s3, "cube")
    assert len(s5) == 1 and s6 == s4


def test_refusals_change_nothing(dialog):
    s, (a, b, c) = dialog("shapes", "add a red cylinder", "add a unicorn", "paint the cylinder cyan")
    assert not b.ok and "unicorn" in b.reply and "cube" in b.reply and b.scene == a.scene
    assert c.ok and one(c.scene, "cylinder").color == "cyan"


def test_synonyms_and_misspellings(dialog):
    _, t = dialog("shapes", "add a blu ball", "put a grey box on the left", "add a purpel cilinder")
    assert one(t[0].scene, "sphere").color == "blue"
    assert one(t[1].scene, "cube").color == "gray"
    assert one(t[2].scene, "cylinder").color == "purple"


def test_relations(dialog):
    _, t = dialog("shapes", "add a red cube in the middle", "add a blue sphere behind it",
                  "add a green cylinder in front of the cube", "put a yellow cube to the right of the red cube",
                  "add a cyan sphere between the red cube and the yellow cube")
    s = t[-1].scene
    red, blue, green = one(s, "cube", "red"), one(s, "sphere", "blue"), one(s, "cylinder", "green")
    assert blue.y < red.y < green.y  # behind = higher, in front = lower
    assert one(s, "cube", "yellow").x > red.x
    assert red.x < one(s, "sphere", "cyan").x < one(s, "cube", "yellow").x


def test_perspective_makes_far_things_look_smaller():
    from scenewright.language.placement import size_of
    from scenewright.worlds import get_world

    w = get_world("shapes")
    assert size_of(w, "cube", 1.0, 0.4)[1] < size_of(w, "cube", 1.0, 0.8)[1]


def test_counting_plurals_and_quantifiers(dialog):
    _, t = dialog("shapes", "add three red spheres", "make all the spheres blue", "remove one of the spheres",
                  "add two cubes", "remove the cubes")
    assert len(t[0].scene.find("sphere", "red")) == 3
    assert len(t[1].scene.find("sphere", "blue")) == 3
    assert len(t[2].scene.find("sphere")) == 2
    assert len(t[3].scene.find("cube")) == 2 and len(t[4].scene.find("cube")) == 0


def test_ambiguity_asks_which_and_changes_nothing(dialog):
    _, t = dialog("shapes", "add two cubes", "move the cube to the left", "move the leftmost cube to the right")
    assert not t[1].ok and "which" in t[1].reply.lower() and t[1].scene == t[0].scene
    assert t[2].ok


def test_references(dialog):
    _, t = dialog("shapes", "add a red cube", "add a blue cube", "make it big", "make the other one small",
                  "the red one is green now", "remove the biggest cube")
    s = t[4].scene
    assert one(s, "cube", "blue").scale > 1 and one(s, "cube", "green").scale < 1
    assert [o.color for o in t[5].scene.objects] == ["green"]


def test_relative_moves_and_sizes(dialog):
    _, t = dialog("shapes", "add a cube in the middle", "move it a bit to the left", "move it up",
                  "make it twice as big", "make it a bit smaller")
    c = [one(x.scene, "cube") for x in t]
    assert c[1].x < c[0].x and c[2].y < c[1].y
    assert abs(c[3].scale - 2 * c[2].scale) < 1e-6 and c[4].scale < c[3].scale


def test_swap_and_where_it_was(dialog):
    _, t = dialog("shapes", "add a red cube on the left", "add a blue sphere on the right",
                  "swap the cube and the sphere", "remove the sphere", "put a cylinder where the sphere was")
    s = t[2].scene
    assert one(s, "cube").x > 0.5 > one(s, "sphere").x
    assert abs(one(t[4].scene, "cylinder").x - one(t[2].scene, "sphere").x) < 0.05


def test_several_clauses_in_one_turn(dialog):
    _, t = dialog("shapes", "add a red cube on the left and a blue sphere on the right, then make the cube big")
    s = t[0].scene
    assert one(s, "cube", "red").x < 0.5 < one(s, "sphere", "blue").x and one(s, "cube").scale > 1


def test_a_turn_that_fails_halfway_does_the_safe_part_and_says_what_it_skipped(dialog):
    _, t = dialog("shapes", "add a red cube", "add a blue sphere and remove the pyramid")
    assert not t[1].ok and t[1].skipped == ("remove the pyramid",)
    assert "skipped 'remove the pyramid'" in t[1].reply and "pyramid" in t[1].reply
    assert [o.category for o in t[1].scene.objects] == ["cube", "sphere"]


def test_a_turn_whose_unread_part_could_change_the_rest_is_refused_whole(dialog):
    _, t = dialog("shapes", "add a red cube", "add a blue sphere and don't put it next to the pyramid")
    assert not t[1].ok and t[1].scene == t[0].scene and not t[1].edits


def test_corrections_revise_the_last_turn(dialog):
    s, t = dialog("shapes", "add a red cube on the left", "no, I meant blue", "actually it was on the right")
    assert len(s.history.entries) == 1  # revised, not stacked
    c = one(t[2].scene, "cube")
    assert c.color == "blue" and c.x > 0.5
    s.undo()  # takes back the last correction: blue, on the left
    c = one(s.scene, "cube")
    assert c.color == "blue" and c.x < 0.5 and len(s.history.entries) == 1
    s.undo()  # and the first: the red cube as told
    assert one(s.scene, "cube").color == "red"
    s.undo()  # then the turn itself
    assert len(s.scene) == 0


def test_undo_redo_and_going_back_in_words(dialog):
    s, t = dialog("shapes", "add a cube", "add a sphere", "add a cylinder", "undo", "redo",
                  "go back to the first step", "how it was two turns ago")
    assert len(t[3].scene) == 2 and len(t[4].scene) == 3 and len(t[5].scene) == 1
    assert not t[6].ok  # only one turn is in effect after going back to the first
    s.tell("redo")
    s.tell("redo")
    assert len(s.scene) == 3
    assert s.tell("undo 2 steps").ok and len(s.scene) == 1
    assert s.tell("start over").ok and len(s.scene) == 0


def test_background(dialog):
    _, t = dialog("shapes", "make it dark")
    assert t[0].scene.background == "dark"


def test_everything(dialog):
    _, t = dialog("shapes", "add a cube and a sphere", "remove everything", "remove everything")
    assert len(t[1].scene) == 0 and not t[2].ok


def test_unknown_words_are_refused_when_the_fallback_is_off_or_absent():
    from scenewright import Session

    s = Session(world="shapes")  # semantic=None: the fallback is used only if installed and not disabled
    t = s.tell("add a dragon")
    assert not t.ok and "dragon" in t.reply


def test_a_correction_about_something_else_does_not_touch_the_last_turn(dialog):
    s, t = dialog("shapes", "add a red cube", "add a blue sphere", "no, the cube was green")
    assert [o.color for o in t[2].scene.objects] == ["green", "blue"] and len(s.history.entries) == 3


def test_back_and_front_corners(dialog):
    _, t = dialog("shapes", "a red cube in the back right corner", "a blue cube in the front left corner",
                  "a green sphere at the back left")
    s = t[-1].scene
    red, blue, green = one(s, "cube", "red"), one(s, "cube", "blue"), one(s, "sphere", "green")
    assert red.x > 0.7 and blue.x < 0.3 and green.x < 0.3
    assert red.y < blue.y and green.y < blue.y  # the back of the floor is higher in the picture


def test_a_taken_spot_is_not_drawn_over(dialog):
    """The spot a relation gives is already taken by a third object: the new one goes further that way."""
    _, t = dialog("shapes", "add a red cube in the middle", "add a blue sphere behind it",
                  "put a green cylinder to the left of the red cube", "add a purple cube in front of the blue sphere",
                  "add a gray sphere to the left of the red cube")
    s = t[-1].scene
    red, blue, green = one(s, "cube", "red"), one(s, "sphere", "blue"), one(s, "cylinder", "green")
    purple, gray = one(s, "cube", "purple"), one(s, "sphere", "gray")
    assert purple.y > red.y > blue.y and abs(purple.x - blue.x) < 0.05  # in front of the red cube, not in it
    assert gray.x < green.x < red.x and abs(gray.y - red.y) < 0.05  # left of the cylinder, on the same line
    # with the spot free, the relation is exact: in front of the sphere is where the red cube stood
    _, t = dialog("shapes", "add a blue sphere in the middle", "add a purple cube in front of it")
    assert abs(one(t[-1].scene, "cube").y - one(t[-1].scene, "sphere").y - 0.12) < 0.01


def test_same_colour_different_colours_counted_from_the_left_and_the_biggest():
    from scenewright import Session

    s = Session(world="shapes", semantic=False)
    s.parser.strict = True
    s.tell("three gray cubes in a row")
    t = s.tell("add one more cube, same color, to the right of the others")
    new = max(t.scene.objects, key=lambda o: o.number)
    assert new.color == "gray" and new.x == max(o.x for o in t.scene.objects)
    t = s.tell("color the second one from the left red")
    cubes = sorted(t.scene.objects, key=lambda o: o.x)
    assert [o.color for o in cubes] == ["gray", "red", "gray", "gray"]
    t = s.tell("make the cubes all different colors")
    assert len({o.color for o in t.scene.objects}) == 4
    t = s.tell("make the leftmost cube the biggest one")
    left = min(t.scene.objects, key=lambda o: o.x)
    assert all(left.scale > o.scale for o in t.scene.objects if o.id != left.id)


def test_a_colour_the_world_lacks_is_drawn_as_the_nearest_and_the_reply_says_so():
    from scenewright import Session

    t = Session(world="shapes", semantic=False).tell("i want a pink cube")
    assert t.scene.objects[0].color == "purple" and "no pink" in t.reply


def test_a_hesitation_between_commas_does_not_cut_the_sentence():
    from scenewright import Session

    s = Session(world="shapes", semantic=False)
    s.tell("a cyan sphere on the left")
    s.tell("three brown cubes on the right")
    t = s.tell("make all the cubes, uh, the same colour as the ball")
    assert t.ok and all(o.color == "cyan" for o in t.scene.objects)


def test_a_row_moved_to_one_side_keeps_its_order_its_middle_and_its_ends():
    from scenewright import Session

    s = Session(world="shapes", semantic=False)
    s.parser.strict = True
    s.tell("a red cube, a green cube and a blue cube, from left to right")
    t = s.tell("now move everything to the left")
    xs = {o.color: o.x for o in t.scene.objects}
    assert xs["red"] < xs["green"] < xs["blue"] and xs["blue"] < 0.8  # a shift, not a pile on one spot
    t = s.tell("make the middle one yellow")
    assert sorted(t.scene.objects, key=lambda o: o.x)[1].color == "yellow"
    t = s.tell("and another one just like it on the right")
    assert max(t.scene.objects, key=lambda o: o.number).color == "yellow"
    t = s.tell("get rid of the cubes on the ends")
    assert [o.color for o in sorted(t.scene.objects, key=lambda o: o.x)] == ["yellow", "blue"]  # the middle two


def test_an_opinion_is_not_an_edit_and_next_of_is_next_to():
    from scenewright import Session

    s = Session(world="shapes", semantic=False)
    s.parser.strict = True
    s.tell("a cyan cube on the right")
    s.tell("three spheres on the left")
    t = s.tell("let's make all three spheres purple, that'd look nice with the cyan.")
    assert t.ok and sorted(o.color for o in t.scene.objects) == ["cyan", "purple", "purple", "purple"]
    t = s.tell("put a red cube next of the cyan cube")
    red, cyan = (next(o for o in t.scene.objects if o.color == c) for c in ("red", "cyan"))
    assert t.ok and abs(red.x - cyan.x) < 0.3 and len(t.scene.objects) == 5


def test_one_verb_for_several_things_does_all_of_them():
    from scenewright import Session

    for world, setup, turn, left in (
            ("shapes", "a cube on the left, a sphere on the right and a cylinder in the middle",
             "remove the cube and the sphere", ["cylinder"]),
            ("street", "a car on the left and a man on the right", "Now remove the car and the man, both.", []),
            ("shapes", "a red cube on the left, a blue cube on the right and a sphere",
             "remove the red cube and the blue one", ["sphere"])):
        s = Session(world=world, semantic=False)
        s.parser.strict = True
        s.tell(setup)
        t = s.tell(turn)
        assert t.ok and [o.category for o in t.scene.objects] == left, (turn, t.reply)


def test_digits_count_and_terse_all(dialog):
    s, t = dialog("shapes", "put 2 cylinders on the left, both red", "add 3 cubes", "make the 2nd cube blue")
    assert [o.color for o in t[0].scene.objects] == ["red", "red"]  # "2" is two, not "the second"
    cubes = [o for o in t[2].scene.objects if o.category == "cube"]
    assert len(cubes) == 3 and [c.color for c in cubes] == [None, "blue", None]
    s, t = dialog("shapes", "a red cube, a blue cube and a green cube", "all bigger", "all except blue smaller")
    assert all(o.scale > 1 for o in t[1].scene.objects)
    blue = one(t[2].scene, "cube", "blue")
    assert blue.scale == one(t[1].scene, "cube", "blue").scale
    assert all(o.scale < 1.3 for o in t[2].scene.objects if o.color != "blue")
    s, t = dialog("shapes", "a red cube, a blue cylinder and a red cylinder", "Delete all red.")
    assert [(o.category, o.color) for o in t[1].scene.objects] == [("cylinder", "blue")]


def test_a_choice_among_offered_colours_and_a_change_taken_back_in_the_same_turn(dialog):
    s, t = dialog("shapes", "a cube", "Change the cube to green. Or cyan. Cyan.",
                  "Make the cube smaller. Actually no, keep it as it is.",
                  "two little balls on the left. Both yellow, I believe.")
    assert t[1].ok and one(t[1].scene, "cube").color == "cyan" and not one(t[1].scene, "cube").unsure
    assert t[2].ok and t[2].scene == t[1].scene  # taken back: nothing changed
    assert [o.color for o in t[3].scene.objects if o.category == "sphere"] == ["yellow", "yellow"]


def test_a_colour_we_do_not_have_and_a_landmark_of_another_colour_are_not_ok_and_a_size_taken_back(dialog):
    s, t = dialog("shapes", "a red cube", "Also ball green in the front of the yellow cube.", "i want a pink cube too")
    assert not t[1].ok and t[1].scene == t[0].scene  # no yellow cube drawn beside the red one
    assert not t[2].ok and "pink" in t[2].skipped and one(t[2].scene, "cube", "purple")  # purple, and says so
    s, t = dialog("shapes", "a red cube", "a sphere", "Everything except the cube should be a little bigger - no, "
                  "not a little, make them twice as big.")
    assert 1.6 < one(t[2].scene, "sphere").scale / one(t[1].scene, "sphere").scale < 2.4
    assert one(t[2].scene, "cube").scale == one(t[1].scene, "cube").scale


def test_the_one_in_the_back_is_the_furthest_back_and_it_is_not_its_own_landmark():
    from scenewright import Session

    s = Session(world="shapes")
    s.tell("a red sphere in the back")
    s.tell("another red sphere on the right")
    back = min(s.scene.objects, key=lambda o: o.y)
    r = s.tell("now bring the one in the back to the front")
    assert r.ok and s.scene.get(back.id).y > back.y
    s = Session(world="shapes")
    s.tell("a cube on the left")
    s.tell("two spheres on the right")
    r = s.tell("move it behind the spheres")
    cube = next(o for o in s.scene.objects if o.category == "cube")
    assert r.ok and cube.y < 0.62 and all(o.y == 0.62 for o in s.scene.objects if o.category == "sphere")


def test_make_another_the_green_objects_and_rightmost_gone():
    from scenewright import Session

    s = Session(world="shapes")
    s.tell("a cube")
    r = s.tell("make another cube")
    assert r.ok and [o.category for o in s.scene.objects] == ["cube", "cube"]
    s = Session(world="shapes")
    s.tell("a green cube")
    s.tell("a green sphere")
    s.tell("a red cube")
    r = s.tell("Remove the green objects.")
    assert r.ok and [(o.category, o.color) for o in s.scene.objects] == [("cube", "red")]
    s = Session(world="shapes")
    s.tell("a red sphere on the left")
    s.tell("a blue sphere")
    s.tell("a green sphere on the right")
    r = s.tell("Rightmost gone.")
    assert r.ok and sorted(o.color for o in s.scene.objects) == ["blue", "red"]


def test_all_of_them_after_one_was_talked_about_is_every_one():
    from scenewright import Session

    s = Session(world="shapes")
    s.tell("a blue cube on the left, and a yellow cylinder on the right")
    s.tell("add a red sphere between them")
    s.tell("make the sphere slightly smaller")
    before = {o.id: o.x for o in s.scene.objects}
    r = s.tell("and move all of them to the right a bit")
    assert r.ok and all(o.x > before[o.id] or o.x >= 0.85 for o in s.scene.objects)


def test_things_put_on_one_side_stand_side_by_side_not_in_one_spot(dialog):
    _, t = dialog("shapes", "a red cube on the left", "a blue sphere on the left", "a green cylinder on the left")
    s = t[-1].scene
    assert all(x.ok for x in t)
    xs = sorted(o.x for o in s.objects)
    assert all(x < 0.5 for x in xs)  # all on the left
    assert xs[1] - xs[0] > 0.05 and xs[2] - xs[1] > 0.05  # and not on top of each other


def test_a_place_said_first_is_the_place_of_each_thing_after_it(dialog):
    _, t = dialog("shapes", "on the left, a red cube and a blue sphere", "on the right there is a cylinder and a cube")
    s = t[-1].scene
    assert all(x.ok for x in t)
    assert one(s, "cube", "red").x < 0.5 and one(s, "sphere").x < 0.5
    plain_cube = next(o for o in s.find("cube") if o.color != "red")
    assert one(s, "cylinder").x > 0.5 and plain_cube.x > 0.5


def test_in_the_middle_of_them_is_between_them(dialog):
    _, t = dialog("shapes", "a green sphere on the left", "a yellow sphere in the middle", "put a box in the middle of them")
    s = t[-1].scene
    assert all(x.ok for x in t)
    assert one(s, "sphere", "green").x < one(s, "cube").x < one(s, "sphere", "yellow").x


def test_the_same_size_as_a_thing_and_sets_picked_by_size(dialog):
    _, t = dialog("shapes", "a large gray cube on the left", "a small red sphere in front of it",
                  "a cyan cylinder of the same size as the cube", "All large objects become green.",
                  "make the small ones yellow")
    s = t[-1].scene
    assert all(x.ok for x in t)
    assert one(s, "cylinder").scale == one(s, "cube").scale > 1  # the cube's size, not the default
    assert one(s, "cube").color == "green" and one(s, "cylinder").color == "green"
    assert one(s, "sphere").color == "yellow"  # "all large objects" left the small sphere alone
    assert t[3].scene.find("sphere")[0].color == "red"


def test_clevr_materials_are_kept_and_a_self_repair_after_er_is_one_thing(dialog):
    _, t = dialog("shapes", "There is a large gray metal cube on the left side.",
                  "A small red rubber sphere is in front of the large cube.", "And a ball, er, sphere, behind it.",
                  "In front of it is a cube of the same size, yellow and matte.")
    s = t[-1].scene
    assert t[0].ok and t[1].ok and t[3].ok
    assert one(s, "cube", "gray").attrs["material"] == "metal" and one(s, "sphere", "red").attrs["material"] == "rubber"
    assert len(t[2].scene.find("sphere")) == 2  # the red one and one more, not two more
    assert one(s, "cube", "yellow").scale == t[2].scene.find("sphere")[-1].scale


def test_the_back_of_the_floor_and_a_teachers_aside(dialog):
    _, t = dialog("shapes", "a gray cube in the middle",
                  "Far behind the cube, near the back of the floor, there's a large yellow cylinder.",
                  "In front of the cube - remember, in front means nearer to us - place a red sphere.")
    s = t[-1].scene
    assert all(x.ok for x in t)
    assert one(s, "cylinder").y < one(s, "cube").y < one(s, "sphere").y


def test_a_question_then_a_command_does_the_command_and_naming_things_alone_is_not_done(dialog):
    _, t = dialog("shapes", "put three blue spheres in a row across the back",
                  "how many things is that? three. add one more sphere so there are four", "make the new one yellow",
                  "now double the spheres")
    assert t[1].ok and len(t[1].scene.find("sphere")) == 4
    assert t[2].ok and len(t[2].scene.find("sphere", "yellow")) == 1
    assert not t[3].ok and t[3].scene == t[2].scene  # nothing came of the words: not "Nothing to change", ok


def test_to_the_cubes_right_and_the_same_size_as_the_red_one(dialog):
    _, t = dialog("shapes", "a big red sphere on the left", "a cube in the middle",
                  "And to the cube's right, a yellow sphere, the same size as the red one")
    s = t[-1].scene
    assert t[-1].ok and one(s, "cube").x == t[1].scene.find("cube")[0].x  # the cube stays
    assert one(s, "sphere", "yellow").x > one(s, "cube").x
    assert one(s, "sphere", "yellow").scale == one(s, "sphere", "red").scale > 1


def test_a_place_said_not_to_be_is_not_where_it_goes(dialog):
    _, t = dialog("shapes", "a cube in the middle", "the cube is more to the left, not in the middle like that")
    assert t[-1].ok and one(t[-1].scene, "cube").x < 0.4


def test_colours_in_that_order_and_lining_them_up(dialog):
    _, t = dialog("shapes", "four shapes please: a cube, a sphere, a cylinder, and another cube. Colours red, blue, green, "
                            "yellow, in that order", "line them up left to right in that same order",
                  "put all the spheres in a line at the front")
    assert t[0].ok and [o.color for o in t[0].scene.objects] == ["red", "blue", "green", "yellow"]
    s = t[1].scene
    assert t[1].ok and [o.color for o in sorted(s.objects, key=lambda o: o.x)] == ["red", "blue", "green", "yellow"]
    assert len({o.y for o in s.objects}) == 1


def test_the_bigger_one_and_the_same_size_as_the_big_cube(dialog):
    _, t = dialog("shapes", "two red cubes, one big one small, side by side", "the bigger one goes on the right",
                  "put a blue sphere next to the smaller one",
                  "now add a cylinder the same size as the big cube, in the back middle",
                  "actually make the cylinder the biggest thing there")
    assert all(x.ok for x in t)
    s = t[1].scene
    big, small = sorted(s.find("cube"), key=lambda o: -o.scale)
    assert big.x > small.x
    assert abs(t[2].scene.find("sphere")[0].x - small.x) < 0.25
    assert t[3].scene.find("cylinder")[0].scale == big.scale
    assert t[4].scene.find("cylinder")[0].scale > max(o.scale for o in t[4].scene.objects if o.category != "cylinder")


def test_the_red_and_blue_ones_everything_purple_and_the_background(dialog):
    _, t = dialog("shapes", "a red sphere on the left", "a blue sphere on the right", "a green cube",
                  "turn the red and blue ones purple", "remove everything purple", "make the background dark",
                  "Background: light.")
    assert all(x.ok for x in t)
    assert [o.color for o in t[3].scene.find("sphere")] == ["purple", "purple"] and one(t[3].scene, "cube").color == "green"
    assert [o.category for o in t[4].scene.objects] == ["cube"]
    assert t[5].scene.background == "dark" and t[6].scene.background == "light"


def test_a_group_then_a_colon_and_its_colours_and_where_the_removed_one_was(dialog):
    _, t = dialog("shapes", "Three cylinders: gray, brown, gray, left to right.", "Remove the gray one on the right.",
                  "Put a green cube where it was.")
    assert all(x.ok for x in t)
    assert [o.color for o in sorted(t[0].scene.objects, key=lambda o: o.x)] == ["gray", "brown", "gray"]
    gone = max(t[0].scene.objects, key=lambda o: o.x)
    assert abs(one(t[2].scene, "cube").x - gone.x) < 0.05


def test_the_readme_shapes_example():
    from scenewright import Session

    s = Session(world="shapes")
    turns = [s.tell(t) for t in ("Three cylinders: gray, brown, gray, left to right.", "Make the one on the left big.",
                                 "Put a red sphere in front of the bigger one.", "Remove the gray one on the right.",
                                 "Put a green cube where it was.", "now double the cubes")]
    assert all(t.ok for t in turns[:5]) and not turns[5].ok and "double the cubes" in turns[5].reply
    big, brown = s.scene.find("cylinder", "gray")[0], s.scene.find("cylinder", "brown")[0]
    sphere, cube = s.scene.find("sphere", "red")[0], s.scene.find("cube", "green")[0]
    assert big.scale > 1 and big.x < brown.x < cube.x and len(s.scene.objects) == 4
    assert abs(sphere.x - big.x) < 0.1 and sphere.y > big.y


def test_the_bigger_one_of_things_all_alike_is_asked_not_guessed(dialog):
    _, t = dialog("shapes", "Three cylinders: gray, brown, gray, left to right.", "The bigger one goes on the right.")
    assert not t[1].ok and "same size" in t[1].reply and t[1].scene == t[0].scene


def test_a_count_said_with_the_must_match_what_is_there(dialog):
    # "the two spheres" with one sphere, "the two cylinders" of three: asked, never a guess
    _, t = dialog("shapes", "a red cube", "a blue cube", "a green sphere", "make the two spheres yellow")
    assert not t[-1].ok and "only 1 sphere" in t[-1].reply and t[-1].scene == t[-2].scene
    _, t = dialog("shapes", "three cylinders", "make the two cylinders red")
    assert not t[-1].ok and "which 2" in t[-1].reply and t[-1].scene == t[-2].scene
    _, t = dialog("shapes", "a red cube", "a blue cube", "a sphere", "make it green", "make the other two yellow")
    s = t[-1].scene
    assert t[-1].ok and [o.color for o in s.find("cube")] == ["yellow", "yellow"]
    assert s.find("sphere")[0].color == "green"


def test_after_ten_minutes_is_when_not_how_many(dialog):
    _, t = dialog("street", "a person by the house", "After maybe ten minutes the person came back out")
    assert len(t[-1].scene.find("person")) == 1 and "10" not in t[-1].reply


def test_the_last_change_again_for_another_one(dialog):
    s, t = dialog("shapes", "a red sphere and a green sphere", "make the red one big", "now the other one too")
    assert t[2].ok and all(o.scale > 1.0 for o in s.scene.objects)
    s, t = dialog("shapes", "a small cube and a big sphere", "remove the small one", "and the big one")
    assert t[2].ok and s.scene.objects == ()
    s, t = dialog("shapes", "a cube and a sphere", "make the cube red", "same for the sphere")
    assert [o.color for o in s.scene.objects] == ["red", "red"]
    s, t = dialog("shapes", "a cube on the left and a sphere in the middle", "move the cube a bit to the right",
                  "the sphere too")
    cube0, sphere0 = t[0].scene.objects
    cube, sphere = s.scene.objects
    assert abs((sphere.x - sphere0.x) - (cube.x - cube0.x)) < 0.01 and sphere.x > sphere0.x  # the same step
    s, t = dialog("shapes", "a cube", "add a sphere", "and the cube too")
    assert len(s.scene.objects) == 2 and not any(o.color for o in s.scene.objects)  # an add is not repeated so


def test_slang_and_plain_words_for_taking_a_thing_away(dialog):
    s, t = dialog("shapes", "a cylinder and a cube", "nah yeet the cylinder")
    assert t[1].ok and [o.category for o in s.scene.objects] == ["cube"]
    s, t = dialog("park", "a snake and a bear", "make the snake go away")
    assert t[1].ok and [o.category for o in s.scene.objects] == ["bear"]
