"""`park` — CoDraw / Abstract Scenes: 58 clip-art classes on a sky-and-grass background.

Geometry follows CoDraw's 500×400 canvas: each category's box is the size of its clip-art piece at depth 0
(scale 1.0); depth 1 and 2 are scale 0.7 and 0.49. `default_y` is the median centre height of that piece in
CoDraw's training scenes. `CODRAW` maps each category to its clip-art file, checked against the pictures
(toys do not follow the order the classes are usually listed in: t_1 is the bucket, t_10 the glove).
"""

from .base import Category, World

W, H = 500, 400

# (name, group, (w, h) of the clip-art at depth 0, median centre y in CoDraw, extra Category fields)
_TABLE = [
    # sky (type 0, s_*)
    ("helicopter", "sky", (196, 110), 59, dict(synonyms=("chopper",), sky=True)),
    ("hot air balloon", "sky", (136, 186), 64, dict(synonyms=("air balloon", "hot-air balloon", "blimp"),
                                                      sky=True, facing=None)),
    ("cloud", "sky", (170, 102), 49, dict(synonyms=("white cloud",), sky=True, facing=None)),
    ("sun", "sky", (148, 148), 41, dict(synonyms=("sunshine",), sky=True, facing=None)),
    ("lightning cloud", "sky", (158, 188), 77, dict(synonyms=("lightning", "thunder cloud", "storm cloud",
                                                               "lightning bolt", "thundercloud"),
                                                     sky=True, facing=None)),
    ("rain cloud", "sky", (176, 206), 78, dict(synonyms=("raincloud", "rainy cloud", "rain"), sky=True,
                                               facing=None)),
    ("rocket", "sky", (118, 108), 77, dict(synonyms=("spaceship", "rocketship", "rocket ship"), sky=True)),
    ("airplane", "sky", (230, 122), 55, dict(synonyms=("plane", "aeroplane", "jet", "aircraft"), sky=True)),
    # large (type 1, p_*)
    ("bee rider", "large", (98, 110), 260, dict(synonyms=("bee", "spring bee", "bumble bee", "bee toy",
                                                          "spring rider", "bumblebee"))),
    ("slide", "large", (248, 262), 224, dict(synonyms=("slider", "playground slide"))),
    ("sandbox", "large", (380, 118), 304, dict(synonyms=("sand box", "sandpit", "sand pit", "sand"),
                                               facing=None, surface=True, holds_in=True)),
    ("grill", "large", (72, 92), 268, dict(synonyms=("bbq", "barbecue", "barbeque", "bbq grill"), facing=None)),
    ("swing", "large", (360, 304), 227, dict(synonyms=("swings", "swing set", "swingset"), facing=None)),
    ("tent", "large", (424, 200), 228, dict(synonyms=("camping tent",), colorable=True)),
    ("table", "large", (270, 114), 275, dict(synonyms=("picnic table", "bench"), surface=True)),
    ("pine tree", "large", (368, 766), 91, dict(synonyms=("pine", "christmas tree", "evergreen", "fir tree",
                                                          "fir"), facing=None, holds_in=True)),
    ("tree", "large", (290, 508), 136, dict(synonyms=("oak tree", "oak", "bush tree", "green tree",
                                                      "regular tree", "normal tree"),
                                            facing=None, holds_in=True)),
    ("apple tree", "large", (376, 428), 146, dict(synonyms=("fruit tree", "round tree"), facing=None,
                                                  holds_in=True)),
    # people (types 2 and 3, hb0_* / hb1_*)
    ("boy", "people", (108, 202), 249, dict(synonyms=("mike", "kid", "guy", "dude", "little boy",
                                                      "son", "brother", "male", "man", "child", "boyfriend", "bf", "grandson",
                                                      "nephew", "husband", "little dude", "little guy"),
                                            people=True, plural="boys")),
    ("girl", "people", (116, 192), 253, dict(synonyms=("jenny", "little girl", "daughter", "sister", "lady",
                                                       "woman", "female", "girlfriend", "gf", "granddaughter",
                                                       "grandaughter", "niece", "wife"),
                                             people=True)),
    # animals (type 4, a_*)
    ("bear", "animals", (178, 258), 212, dict(synonyms=("grizzly", "teddy bear", "brown bear"), facing=None)),
    ("cat", "animals", (62, 82), 287, dict(synonyms=("kitty", "kitten", "kitty cat", "pussycat"))),
    ("dog", "animals", (142, 106), 301, dict(synonyms=("puppy", "doggy", "doggie", "pup", "hound"))),
    ("duck", "animals", (76, 72), 286, dict(synonyms=("duckling", "goose", "bird"))),
    ("owl", "animals", (46, 66), 156, dict(synonyms=("owlet",), facing=None)),
    ("snake", "animals", (104, 70), 291, dict(synonyms=("serpent", "worm"))),
    # clothing (type 5, c_*), worn on a person's head or face
    ("baseball cap", "clothing", (78, 46), 171, dict(synonyms=("cap", "ball cap", "baseball hat", "hat"),
                                                      worn="head", colorable=True)),
    ("crown", "clothing", (70, 54), 191, dict(synonyms=("king crown", "tiara"), worn="head", facing=None)),
    ("chef hat", "clothing", (90, 76), 136, dict(synonyms=("chef's hat", "cook hat", "chefs hat",
                                                           "white hat"), worn="head", facing=None)),
    ("pirate hat", "clothing", (90, 42), 154, dict(synonyms=("pirate", "pirates hat", "pirate's hat"),
                                                   worn="head", facing=None)),
    ("winter hat", "clothing", (70, 50), 165, dict(synonyms=("beanie", "wool hat", "knit hat", "toboggan",
                                                             "stocking cap"), worn="head", colorable=True,
                                                   facing=None)),
    ("propeller hat", "clothing", (66, 40), 173, dict(synonyms=("beanie propeller", "helicopter hat",
                                                                "propeller", "rainbow hat", "colorful hat"),
                                                      worn="head", facing=None)),
    ("wizard hat", "clothing", (90, 76), 164, dict(synonyms=("witch hat", "witch's hat", "wizard's hat",
                                                             "magic hat"), worn="head", colorable=True)),
    ("viking helmet", "clothing", (76, 52), 168, dict(synonyms=("viking hat", "helmet", "horned helmet",
                                                                "viking"), worn="head", facing=None)),
    ("glasses", "clothing", (62, 22), 195, dict(synonyms=("eyeglasses", "spectacles", "specs"), worn="face",
                                                facing=None, plural="glasses")),
    ("sunglasses", "clothing", (62, 16), 195, dict(synonyms=("shades", "sun glasses", "sunnies"),
                                                   worn="face", facing=None, plural="sunglasses")),
    # food (type 6, e_*)
    ("pie", "food", (62, 30), 252, dict(synonyms=("cake", "tart", "cherry pie", "apple pie"), facing=None)),
    ("pizza", "food", (88, 32), 250, dict(synonyms=("pizza pie",), facing=None)),
    ("hot dog", "food", (54, 30), 240, dict(synonyms=("hotdog", "sausage", "frankfurter", "wiener"),
                                            held=True)),
    ("ketchup", "food", (16, 40), 240, dict(synonyms=("ketchup bottle", "catsup", "red bottle"), held=True,
                                            facing=None, plural="ketchups")),
    ("mustard", "food", (16, 40), 240, dict(synonyms=("mustard bottle", "yellow bottle"), held=True,
                                            facing=None, plural="mustards")),
    ("hamburger", "food", (38, 28), 253, dict(synonyms=("burger", "cheeseburger", "sandwich"), held=True,
                                              facing=None)),
    ("drink", "food", (30, 34), 250, dict(synonyms=("soda", "cup", "juice", "pop", "soft drink", "glass"),
                                          held=True, facing=None, colorable=True)),
    # toys (type 7, t_*)
    ("baseball", "toys", (20, 20), 251, dict(synonyms=("base ball",), held=True, facing=None)),
    ("baseball glove", "toys", (54, 50), 238, dict(synonyms=("glove", "mitt", "catcher's mitt",
                                                             "baseball mitt"), held=True)),
    ("shovel", "toys", (34, 60), 285, dict(synonyms=("spade", "red shovel"), held=True)),
    ("tennis racket", "toys", (96, 104), 165, dict(synonyms=("racket", "racquet", "tennis racquet"),
                                                   held=True)),
    ("kite", "toys", (310, 264), 126, dict(synonyms=("diamond kite",), held=True, colorable=True)),
    ("campfire", "toys", (88, 118), 292, dict(synonyms=("fire", "bonfire", "camp fire", "fire pit",
                                                        "firepit"), facing=None)),
    ("bucket", "toys", (46, 72), 293, dict(synonyms=("pail", "sand bucket"), held=True, colorable=True,
                                           facing=None)),
    ("beach ball", "toys", (78, 78), 263, dict(synonyms=("beachball", "colorful ball", "striped ball"),
                                               held=True, facing=None)),
    ("basketball", "toys", (60, 60), 301, dict(synonyms=("basket ball", "orange ball"), held=True,
                                               facing=None)),
    ("soccer ball", "toys", (62, 60), 283, dict(synonyms=("soccerball", "soccer", "ball"),
                                                held=True, facing=None)),
    ("tennis ball", "toys", (20, 20), 277, dict(synonyms=("tennisball", "green ball"), held=True,
                                                facing=None)),
    ("football", "toys", (60, 42), 244, dict(synonyms=("american football", "rugby ball"), held=True)),
    ("frisbee", "toys", (64, 30), 242, dict(synonyms=("disc", "disk", "flying disc"), held=True,
                                            colorable=True, facing=None)),
    ("baseball bat", "toys", (50, 124), 207, dict(synonyms=("bat", "wooden bat"), held=True)),
    ("balloons", "toys", (108, 232), 133, dict(synonyms=("balloon", "bunch of balloons",
                                                         "balloon bunch"), held=True, facing=None,
                                               plural="balloons")),
]

_GROUP_LAYER = {"sky": 0, "large": 1, "people": 2, "animals": 4, "clothing": 5, "food": 6, "toys": 7}


def _category(name, group, size, y, extra) -> Category:
    w, h = size
    fields = dict(group=group, height=h / H, aspect=w / h, default_y=round(y / H, 3), layer=_GROUP_LAYER[group])
    if name == "girl":
        fields["layer"] = 3
    fields.update(extra)
    return Category(name, **fields)


CATEGORIES = tuple(_category(*row) for row in _TABLE)

# CoDraw clip-art: category -> (type index, clip-art index, file prefix). Boy/girl files are
# hb{0,1}_{pose * 5 + expression}s.png with poses and expressions in the orders of POSES and EXPRESSIONS.
_PREFIX = {0: "s", 1: "p", 2: "hb0", 3: "hb1", 4: "a", 5: "c", 6: "e", 7: "t"}
_TOY_FILES = {"baseball": 0, "bucket": 1, "beach ball": 2, "basketball": 3, "soccer ball": 4,
              "tennis ball": 5, "football": 6, "frisbee": 7, "baseball bat": 8, "balloons": 9,
              "baseball glove": 10, "shovel": 11, "tennis racket": 12, "kite": 13, "campfire": 14}


def _codraw_table() -> dict[str, tuple[int, int, str]]:
    table: dict[str, tuple[int, int, str]] = {}
    order = {"sky": 0, "large": 1, "animals": 4, "clothing": 5, "food": 6}
    counters = {g: 0 for g in order}
    for c in CATEGORIES:
        if c.group == "people":
            t = 2 if c.name == "boy" else 3
            table[c.name] = (t, 0, _PREFIX[t])
        elif c.group == "toys":
            table[c.name] = (7, _TOY_FILES[c.name], "t")
        else:
            t = order[c.group]
            table[c.name] = (t, counters[c.group], _PREFIX[t])
            counters[c.group] += 1
    return table


CODRAW = _codraw_table()
POSES = ("standing", "arms up", "kicking", "running", "sitting cross-legged", "sitting", "waving")
EXPRESSIONS = ("angry", "laughing", "happy", "sad", "surprised")
DEPTH_SCALES = (1.0, 0.7, 0.49)  # CoDraw depth 0 / 1 / 2

COLORS = {
    "red": (214, 48, 49), "orange": (240, 130, 40), "yellow": (250, 210, 50), "green": (60, 160, 70),
    "blue": (50, 110, 210), "purple": (140, 70, 180), "pink": (240, 120, 170), "brown": (140, 90, 50),
    "black": (40, 40, 40), "white": (245, 245, 245), "gray": (140, 140, 140),
}

WORLD = World(
    name="park",
    title="CoDraw's park: 58 clip-art classes",
    categories=CATEGORIES,
    colors=COLORS,
    color_synonyms={"grey": "gray", "violet": "purple", "crimson": "red", "navy": "blue", "gold": "yellow",
                    "golden": "yellow", "silver": "gray"},
    backgrounds=("day", "dusk", "night"),
    default_background="day",
    background_synonyms={"sunny": "day", "daytime": "day", "morning": "day", "afternoon": "day",
                         "noon": "day", "bright": "day", "evening": "dusk", "sunset": "dusk",
                         "sundown": "dusk", "twilight": "dusk", "dawn": "dusk", "sunrise": "dusk",
                         "nighttime": "night", "midnight": "night", "dark": "night"},
    sprites="scenewright.render.sprites.park",
    canvas=(W, H),
    ground=(0.5, 0.9),
    sky_band=(0.06, 0.3),
    horizon=190 / H,
    scales=DEPTH_SCALES,
    # what CoDraw's tellers mean (train, 3,000 dialogs: the target's depth of a piece called "small X" is the
    # smallest for 73 %, of "medium X" the middle one for 62 %; "large", "big" the largest for 95 %)
    size_words={"small": DEPTH_SCALES[2], "medium": DEPTH_SCALES[1], "medium sized": DEPTH_SCALES[1],
                "medium size": DEPTH_SCALES[1], "mid sized": DEPTH_SCALES[1], "mid size": DEPTH_SCALES[1],
                "mid": DEPTH_SCALES[1]},
    poses=POSES,
    expressions=EXPRESSIONS,
    pose_synonyms={"stand": "standing", "stands": "standing", "standing up": "standing",
                   "hands up": "arms up", "arms raised": "arms up", "hands in the air": "arms up",
                   "arms in the air": "arms up", "jumping": "arms up", "cheering": "arms up",
                   "kick": "kicking", "kicks": "kicking", "leg up": "kicking", "run": "running",
                   "runs": "running", "jogging": "running", "walking": "running",
                   "cross-legged": "sitting cross-legged", "cross legged": "sitting cross-legged",
                   "indian style": "sitting cross-legged", "criss cross": "sitting cross-legged",
                   "sit": "sitting", "sits": "sitting", "seated": "sitting", "sitting down": "sitting",
                   "wave": "waving", "waves": "waving", "hand up": "waving", "one arm up": "waving"},
    expression_synonyms={"mad": "angry", "upset": "angry", "furious": "angry", "grumpy": "angry",
                         "cross": "angry", "laugh": "laughing", "laughs": "laughing",
                         "excited": "laughing", "open mouth": "laughing", "smiling": "happy",
                         "smile": "happy", "smiles": "happy", "glad": "happy", "cheerful": "happy",
                         "content": "happy", "unhappy": "sad", "crying": "sad", "frowning": "sad",
                         "worried": "sad", "scared": "surprised", "shocked": "surprised",
                         "afraid": "surprised", "amazed": "surprised", "astonished": "surprised",
                         "startled": "surprised", "frightened": "surprised"},
)
