"""The street world as data and as pictures: every category drawable, nothing invented, uncertainty marked."""

from __future__ import annotations

import numpy as np
import pytest

from scenewright.render.procedural import ProceduralRenderer
from scenewright.render.sprites.street import buildings, overlays
from scenewright.scene import Scene
from scenewright.worlds import street as geo

from .conftest import WORLD, obj

R = ProceduralRenderer("street")
SIZE = (300, 200)


def tile_pixels(o) -> np.ndarray:
    """The opaque pixels of an object's own tile (no background), as an (n, 3) array."""
    img, _, _ = R.tile(o, (600, 400))
    a = np.asarray(img.convert("RGBA")).reshape(-1, 4)
    return a[a[:, 3] > 200][:, :3].astype(int)


def coloured_fraction(px: np.ndarray, threshold: int = 45) -> float:
    return float(((px.max(1) - px.min(1)) > threshold).mean()) if len(px) else 0.0


def test_vocabulary_of_the_issue_is_there():
    names = set(WORLD.category_names)
    for n in ("car", "van", "truck", "bus", "motorcycle", "bicycle", "police car", "man", "woman", "child",
              "house", "shop", "bank", "cafe", "gas station", "apartment block", "streetlight", "traffic light",
              "stop sign", "bench", "bus stop", "trash can", "fire hydrant", "mailbox", "tree", "bush"):
        assert n in names
    for pose in ("standing", "walking", "running", "lying"):
        assert pose in WORLD.poses
    for b in ("day", "dusk", "night", "day rain", "night fog", "dusk snow"):
        assert b in WORLD.backgrounds
    assert WORLD.default_color is None
    assert {"dark", "light"} <= set(WORLD.colors)
    syn = {s: c.name for c in WORLD.categories for s in c.synonyms}
    assert syn["guy"] == "man" and syn["lady"] == "woman" and syn["kid"] == "child" and syn["pickup"] == "truck"
    assert WORLD.attribute_synonyms["six feet"] == ("height", "tall")
    assert "hoodie" in WORLD.attribute_kinds["top"] and "backpack" in WORLD.attribute_kinds["carry"]
    assert "plate" in WORLD.mark_words


def test_attribute_values_never_shadow_colour_words():
    words = {v for values in WORLD.attribute_values.values() for v in values}
    assert not words & set(WORLD.colors)
    assert not words & set(WORLD.color_synonyms)


@pytest.mark.parametrize("place,region", [("across the street", "far sidewalk"), ("on the sidewalk", "near sidewalk"),
                                          ("in the road", "road"), ("at the corner", "far sidewalk")])
def test_places_put_a_person_in_the_right_region(place, region):
    x, y = WORLD.places[place]
    feet = y + WORLD.category("man").height * WORLD.size_factor(y) / 2
    lo, hi = {"far sidewalk": (geo.FAR_WALL, geo.FAR_CURB), "near sidewalk": (geo.NEAR_CURB, 1.0),
              "road": (geo.FAR_CURB, geo.NEAR_CURB)}[region]
    assert lo <= feet <= hi
    if place == "at the corner":
        assert abs(x - geo.CORNER_X) < 0.06


def test_farther_is_higher_and_smaller():
    far, near = WORLD.places["across the street"][1], WORLD.places["on the sidewalk"][1]
    assert far < near and WORLD.size_factor(far) < 0.7 * WORLD.size_factor(near)


@pytest.mark.parametrize("current,said,expected", [("night", "rain", "night rain"), ("day rain", "night", "night rain"),
                                                   ("dusk fog", "raining", "dusk rain"), ("day", "evening", "dusk")])
def test_combine_background(current, said, expected):
    assert geo.combine_background(current, said) == expected


@pytest.mark.parametrize("name", WORLD.category_names)
def test_every_category_draws(name):
    o = obj(1, name, 0.5)
    px = tile_pixels(o)
    assert len(px) > 50, f"{name} draws (almost) nothing"
    img = R.render(Scene("street", "day", (o,)), SIZE)
    assert np.abs(np.asarray(img, int) - np.asarray(R.render(Scene("street", "day"), SIZE), int)).sum() > 0


@pytest.mark.parametrize("name", [c.name for c in WORLD.categories if c.colorable])
def test_unspecified_colour_draws_grey_and_said_colour_shows(name):
    plain = coloured_fraction(tile_pixels(obj(1, name, 0.5)))
    assert plain < 0.06, f"{name} with no colour said has {plain:.0%} coloured pixels"
    red = obj(1, name, 0.5, color="red", attributes={"top": "red"} if WORLD.category(name).people else {})
    assert coloured_fraction(tile_pixels(red)) > plain + 0.02


def test_people_have_no_invented_skin_hair_or_clothes():
    for name in ("man", "woman", "child", "person"):
        for pose in (None, "walking", "running", "lying", "sitting"):
            assert coloured_fraction(tile_pixels(obj(1, name, 0.5, pose=pose))) < 0.02


def test_said_clothing_and_skin_are_drawn():
    o = obj(1, "man", 0.5, attributes={"top": "red", "top_kind": "hoodie", "bottom": "blue", "bottom_kind": "jeans",
                                       "skin": "dark"})
    px = tile_pixels(o)
    red = ((px[:, 0] > 150) & (px[:, 1] < 80)).mean()
    blue = ((px[:, 2] > 150) & (px[:, 0] < 80)).mean()
    assert red > 0.05 and blue > 0.03


def test_backgrounds_all_differ():
    imgs = {b: np.asarray(R.render(Scene("street", b), SIZE), int) for b in WORLD.backgrounds}
    names = list(imgs)
    for i, a in enumerate(names):
        for b in names[i + 1:]:
            assert np.abs(imgs[a] - imgs[b]).mean() > 1.0, f"{a} and {b} look the same"


def test_streetlights_glow_at_night_only():
    lamp = obj(1, "streetlight", 0.5)

    def lit(bg):
        on = np.asarray(R.render(Scene("street", bg, (lamp,)), SIZE), int)
        off = np.asarray(R.render(Scene("street", bg), SIZE), int)
        return (on - off).sum(2).clip(0).sum()

    assert lit("night") > 3 * lit("day")


def orange_badge(img) -> int:
    a = np.asarray(img, int)
    r, g, b = a[..., 0], a[..., 1], a[..., 2]
    return int(((abs(r - overlays.BADGE[0]) < 25) & (abs(g - overlays.BADGE[1]) < 25) & (abs(b - overlays.BADGE[2]) < 25)).sum())


def test_uncertain_objects_get_a_marker():
    sure = obj(1, "van", 0.5, color="red")
    unsure = obj(1, "van", 0.5, color="red", uncertain={"color": ["red", "orange"]})
    assert orange_badge(R.render(Scene("street", "day", (sure,)), SIZE)) == 0
    assert orange_badge(R.render(Scene("street", "day", (unsure,)), SIZE)) > 20
    for name in WORLD.category_names:
        o = obj(1, name, 0.5, uncertain={"pose" if WORLD.category(name).people else "color": ["a", "b"]})
        assert orange_badge(R.render(Scene("street", "night fog", (o,)), SIZE)) > 10, name


def test_marks_become_callouts_and_shop_signs_show_their_text():
    van = obj(1, "van", 0.5, attributes={"marks": ["plate starts with K7"]})
    plain = np.asarray(R.render(Scene("street", "day", (obj(1, "van", 0.5),)), (600, 400)), int)
    marked = np.asarray(R.render(Scene("street", "day", (van,)), (600, 400)), int)
    assert np.abs(plain - marked).sum() > 0
    shop = lambda **a: tile_pixels(obj(1, "shop", 0.5, attributes=a))  # noqa: E731
    assert len(shop(sign="Joe's Pizza")) == len(shop()) and not np.array_equal(shop(sign="Joe's Pizza"), shop())
    assert buildings._sign_text(obj(1, "shop", 0.5, attributes={"marks": ["sign saying Joe's Pizza"]})) == "Joe's Pizza"


def test_moving_vehicles_get_speed_lines():
    still = tile_pixels(obj(1, "car", 0.5, attributes={"motion": "parked"}))
    moving = tile_pixels(obj(1, "car", 0.5, attributes={"motion": "moving"}))
    assert len(moving) > len(still)


def test_rendering_is_deterministic():
    s = Scene("street", "night rain", (obj(1, "bank", 0.3), obj(2, "van", 0.4, 0.6, color="red",
                                                                 uncertain={"color": ["red", "orange"]}),
                                       obj(3, "streetlight", 0.7), obj(4, "woman", 0.5, pose="walking")))
    a = ProceduralRenderer("street").render(s, SIZE).tobytes()
    assert a == R.render(s, SIZE).tobytes()


def test_every_attribute_word_maps_to_a_value_the_sprites_draw():
    for phrase, (attr, value) in geo.ATTRIBUTE_SYNONYMS.items():
        assert value in geo.ATTRIBUTE_DOMAINS[attr], phrase
    for attr, values in geo.ATTRIBUTE_VALUES.items():
        assert set(values) <= set(geo.ATTRIBUTE_DOMAINS[attr])
    assert set(geo.ATTRIBUTE_DOMAINS["skin"]) <= set(geo.SKIN_TONES)
    assert set(geo.ATTRIBUTE_DOMAINS["hair"]) - {"bald"} <= set(geo.HAIR_COLORS)
    for phrase, value in geo.BACKGROUND_SYNONYMS.items():
        assert value in geo.TIMES + geo.WEATHERS, phrase


def test_place_for_keeps_each_kind_of_thing_on_its_line():
    def bottom(name, y):
        return y + WORLD.category(name).height * WORLD.size_factor(y) / 2

    _, bank = geo.place_for("across the street", WORLD.category("bank"))
    _, van = geo.place_for("across the street", WORLD.category("van"))
    _, man = geo.place_for("across the street", WORLD.category("man"))
    assert abs(bottom("bank", bank) - geo.FAR_WALL) < 0.005
    assert geo.FAR_CURB < bottom("van", van) < geo.CENTRE_LINE
    assert geo.FAR_WALL < bottom("man", man) < geo.FAR_CURB
    assert geo.place_for("at the corner", WORLD.category("man"))[0] == WORLD.places["at the corner"][0]
    assert set(geo.PLACE_REGIONS) == set(WORLD.places)


def test_odd_attribute_values_still_draw():
    odd = obj(1, "man", 0.5, attributes={"top": ["red", "orange"], "height": ["tall"], "build": 3, "marks": []})
    assert len(tile_pixels(odd)) > 50
    assert len(tile_pixels(obj(1, "van", 0.5, color="no such colour", attributes={"motion": ["moving"]}))) > 50
