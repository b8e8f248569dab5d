"""A group, then its members one by one ("two trees, one on the far left and one on the far right"), and what
"they" / "them" mean a few turns later."""

from scenewright import Session


def tell(world, *turns):
    s = Session(world=world, semantic=False)
    s.parser.strict = True
    return [s.tell(t) for t in turns]


def objs(scene, cat):
    return sorted((o for o in scene.objects if o.category == cat), key=lambda o: o.x)


def test_one_here_and_one_there_places_each_member_and_both_covers_the_group():
    t = tell("park", "two apple trees, one on the far left and one on the far right, both large")
    left, right = objs(t[0].scene, "apple tree")
    assert t[0].ok and len(t[0].scene.objects) == 2
    assert left.x < 0.3 and right.x > 0.7 and left.scale > 1 and right.scale > 1


def test_the_other_one_is_the_member_not_yet_described():
    t = tell("street", "two cars, one on the left, the other on the right")
    left, right = objs(t[0].scene, "car")
    assert t[0].ok and left.x < 0.35 and right.x > 0.65


def test_one_colour_each_and_a_bare_list_of_colours_deal_out_over_the_group():
    t = tell("street", "two cars, one red and one white")
    assert t[0].ok and sorted(o.color for o in objs(t[0].scene, "car")) == ["red", "white"]
    t = tell("street", "Three cars in the near lane. Red, white, black.")
    assert t[0].ok and sorted(o.color for o in objs(t[0].scene, "car")) == ["black", "red", "white"]


def test_more_colours_than_things_are_not_dealt_out():
    t = tell("shapes", "two cubes. red, green, blue.")
    cubes = objs(t[-1].scene, "cube")
    assert len(cubes) == 2 and not (t[0].ok and {o.color for o in cubes} <= {"red", "green", "blue"}
                                    and len({o.color for o in cubes}) == 2)


def test_them_is_the_last_things_talked_about_together_not_the_last_two_touched():
    t = tell("shapes", "two purple cubes side by side", "now put a ball in front of them", "color it green",
             "make them red")
    assert t[3].ok and [o.color for o in objs(t[3].scene, "cube")] == ["red", "red"]
    assert objs(t[3].scene, "sphere")[0].color == "green"


def test_between_them_then_the_new_thing():
    t = tell("park", "a boy on the left and a girl on the right", "between them a dog")
    boy, girl, dog = objs(t[1].scene, "boy")[0], objs(t[1].scene, "girl")[0], objs(t[1].scene, "dog")[0]
    assert t[1].ok and boy.x < dog.x < girl.x


def test_they_with_a_pose_are_all_the_people_of_the_group():
    t = tell("street", "three men on the left", "a bus stop on the right", "and they all ran off to the left")
    assert t[2].ok and [o.pose for o in objs(t[2].scene, "man")] == ["running"] * 3


def test_from_left_to_right_hands_out_the_spots_in_the_order_said():
    t = tell("shapes", "from left to right: a red cube, a blue sphere and a green cylinder")
    order = [o.color for o in sorted(t[0].scene.objects, key=lambda o: o.x)]
    assert t[0].ok and order == ["red", "blue", "green"]
    t = tell("shapes", "can you add three cubes in a row? like red, green, blue from left to right")
    assert t[0].ok and [o.color for o in objs(t[0].scene, "cube")] == ["red", "green", "blue"]


def test_a_list_of_things_of_one_kind_in_different_colours_is_a_list_not_a_correction():
    t = tell("shapes", "a green cube, a blue cube and a red sphere")
    assert t[0].ok and sorted(o.color for o in objs(t[0].scene, "cube")) == ["blue", "green"]


def test_a_thing_with_another_to_the_left_of_it():
    t = tell("shapes", "a red cube with a blue sphere to the left of it")
    cube, sphere = objs(t[0].scene, "cube")[0], objs(t[0].scene, "sphere")[0]
    assert t[0].ok and sphere.x < cube.x


def test_a_place_said_after_a_group_moves_the_whole_group_and_left_one_is_one_of_them():
    t = tell("shapes", "Gray sphere. Center.", "Two red cylinders. Behind it.", "Left one blue.")
    sphere = objs(t[1].scene, "sphere")[0]
    cyls = objs(t[1].scene, "cylinder")
    assert t[1].ok and all(c.y < sphere.y for c in cyls) and cyls[0].x != cyls[1].x
    assert [c.color for c in objs(t[2].scene, "cylinder")] == ["blue", "red"]
    assert objs(t[2].scene, "sphere")[0].color == "gray"


def test_people_means_every_kind_of_person_in_every_world():
    from scenewright import Session

    s = Session(world="street", semantic=False)
    s.tell("a man on the left, a woman in the middle and a child on the right")
    t = s.tell("remove all the people except the man")
    assert t.ok and [o.category for o in t.scene.objects] == ["man"]
    s = Session(world="park", semantic=False)
    s.tell("a boy on the left and a girl on the right")
    t = s.tell("make the people happy")
    assert t.ok and [o.expression for o in t.scene.objects] == ["happy", "happy"]
