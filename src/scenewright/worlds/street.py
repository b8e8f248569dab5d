"""`street` — the witness world: a street seen from the near sidewalk, looking across the road.

The picture, top to bottom: sky; the far side, where buildings stand on the line `FAR_WALL`; the far
sidewalk; the road (two lanes, the far lane to the left, the near lane to the right — right-hand traffic
seen from the near curb); the near sidewalk, where the viewer stands. On the right a side street goes away
between the buildings: "the corner" is where the far sidewalk meets it, and a crosswalk crosses the road
there. The background holds only this geometry — nothing a witness did not say (no buildings, no cars, no
people) is ever drawn.

Heights are on-screen fractions at size factor 1; the perspective makes the far sidewalk about half the
size of the near one. `default_y` and `places` are box *centres* (the scene's convention), computed so that
a thing of that category (places: a person) has its feet or wheels on the line where it belongs.
"""

from __future__ import annotations

import re

from .base import Category, World

W, H = 600, 400

# -- geometry (normalised y, origin top-left), shared with the sprites and the witness record ---------------
HORIZON = 0.40  # vanishing line of the side street
FAR_WALL = 0.45  # building fronts stand here
FAR_CURB = 0.53  # far sidewalk: FAR_WALL .. FAR_CURB
CENTRE_LINE = 0.665  # dashed line between the two lanes
NEAR_CURB = 0.80  # near sidewalk: NEAR_CURB .. 1
CORNER_X = 0.80  # the far sidewalk ends here; the side street runs from CORNER_X to SIDE_X1
SIDE_X1 = 0.95
VANISH_X = 0.885  # where the side street's edges meet on the horizon
CROSSWALK = (0.80, 0.95)  # x range of the crosswalk at the mouth of the side street

GROUND = (0.22, 0.96)
PERSPECTIVE = (0.26, 1.10)


def size_factor(y: float) -> float:
    (y0, y1), (f0, f1) = GROUND, PERSPECTIVE
    t = min(max((y - y0) / (y1 - y0), 0.0), 1.0)
    return f0 + (f1 - f0) * t


def centre_for_base(base: float, height: float) -> float:
    """The box centre y that puts the bottom of a `height`-tall (at factor 1) box on the line `base`."""
    y = base - height / 2
    for _ in range(40):
        y = base - height * size_factor(y) / 2
    return round(y, 4)


# Where things stand (their feet / wheels), by region.
BASES = {
    "far sidewalk": (FAR_WALL + FAR_CURB) / 2 + 0.012,
    "far lane": (FAR_CURB + CENTRE_LINE) / 2 + 0.03,
    "road": CENTRE_LINE + 0.02,
    "near lane": (CENTRE_LINE + NEAR_CURB) / 2 + 0.03,
    "near sidewalk": 0.92,
    "building": FAR_WALL,
    "side street": 0.47,
}

# Regions of the ground, for describing where something is ("on the far sidewalk, right").
REGIONS = (
    (FAR_WALL, "behind the far sidewalk"),
    (FAR_CURB, "on the far sidewalk"),
    (CENTRE_LINE, "in the road, far lane"),
    (NEAR_CURB, "in the road, near lane"),
    (2.0, "on the near sidewalk"),
)

COLORS = {
    "white": (240, 240, 236), "black": (38, 38, 42), "gray": (128, 130, 134), "silver": (186, 190, 196),
    "dark gray": (80, 82, 86), "light gray": (200, 202, 204), "red": (196, 44, 44),
    "dark red": (122, 28, 34), "orange": (236, 128, 36), "yellow": (240, 204, 46), "gold": (200, 160, 60),
    "green": (54, 142, 72), "dark green": (30, 84, 50), "blue": (48, 96, 196), "dark blue": (30, 48, 110),
    "light blue": (136, 180, 228), "navy": (28, 38, 84), "brown": (120, 78, 44), "beige": (214, 196, 160),
    "tan": (196, 160, 112), "purple": (118, 62, 160), "pink": (232, 128, 168), "maroon": (110, 30, 44),
    # "a dark hoodie", "light jeans": said colours, drawn as neutral darks and lights
    "dark": (58, 60, 66), "light": (228, 226, 218),
}
COLOR_SYNONYMS = {"grey": "gray", "dark grey": "dark gray", "light grey": "light gray", "charcoal": "dark gray",
                  "crimson": "red", "scarlet": "red", "burgundy": "maroon", "navy blue": "navy",
                  "sky blue": "light blue", "pale blue": "light blue", "golden": "gold", "khaki": "beige",
                  "cream": "beige", "violet": "purple", "lilac": "purple", "olive": "dark green",
                  "metallic": "silver"}
# colours that are not in COLORS but are fine for hair: kept verbatim
HAIR_COLORS = {"black": (36, 32, 30), "brown": (98, 66, 40), "blond": (222, 190, 120), "red": (170, 74, 40),
               "gray": (160, 160, 160), "white": (236, 236, 232), "dark": (50, 42, 38),
               "light": (200, 176, 130), "pink": (236, 120, 170), "blue": (60, 110, 210), "purple": (130, 70, 170),
               "green": (60, 160, 90), "orange": (230, 130, 40)}  # the last five: dyed
SKIN_TONES = {"light": (238, 208, 184), "medium": (196, 150, 110), "dark": (120, 82, 56)}

# -- categories -------------------------------------------------------------------------------------------------
PERSON_ATTRS = ("height", "build", "age", "skin", "hair", "top", "bottom", "headwear", "eyewear", "face",
                "shoes", "carry", "marks")
VEHICLE_ATTRS = ("motion", "marks")


def _c(name, group, height, aspect, base, **extra) -> Category:
    fields = dict(group=group, height=height, aspect=aspect, default_y=centre_for_base(BASES[base], height))
    fields.update(extra)
    return Category(name, **fields)


_vehicle = dict(colorable=True, layer=2, attributes=VEHICLE_ATTRS)
_person = dict(colorable=True, people=True, layer=3, attributes=PERSON_ATTRS)
_building = dict(colorable=True, facing=None, layer=0, attributes=("marks",))
_thing = dict(facing=None, layer=1)

# what witnesses call a car by: its make or model ("a blue Ford Focus", "a grey Mercedes"); the word is kept
CAR_MAKES = ("ford", "vauxhall", "toyota", "bmw", "mercedes", "audi", "volkswagen", "vw", "honda",
             "nissan", "peugeot", "renault", "citroen", "kia", "hyundai", "volvo", "fiat", "skoda", "tesla",
             "jaguar", "land rover", "range rover", "lexus", "mazda", "subaru", "suzuki", "porsche",
             "chevy", "chevrolet", "dodge", "jeep", "prius", "fiesta", "corsa", "astra", "ford focus", "vw golf", "vw polo", "volkswagen golf", "volkswagen polo", "honda civic", "mini cooper",
             "corolla", "qashqai", "clio", "micra", "yaris", "octavia", "passat", "mondeo", "punto")

CATEGORIES = (
    # vehicles: unflipped = facing / travelling right (the near lane's direction)
    _c("car", "vehicles", 0.22, 2.55, "road", synonyms=("sedan", "hatchback", "coupe", "suv", "automobile",
                                                        "station wagon", "estate car", "taxi", "cab",
                                                        "black cab", "minicab") + CAR_MAKES,
       **_vehicle),
    _c("van", "vehicles", 0.29, 2.25, "road", synonyms=("minivan", "delivery van", "panel van", "minibus",
                                                        "camper van", "transit van", "transit", "sprinter",
                                                        "ambulance", "police van", "ice cream van",
                                                        "ford transit", "mercedes sprinter", "transporter"), **_vehicle),
    _c("truck", "vehicles", 0.31, 2.45, "road", synonyms=("pickup", "pickup truck", "pick up", "lorry",
                                                          "box truck", "lorry truck", "semi", "tow truck",
                                                          "fire engine", "fire truck", "bin lorry", "dustcart"),
       **_vehicle),
    _c("bus", "vehicles", 0.34, 3.2, "road", synonyms=("coach", "city bus", "school bus", "double decker",
                                                      "double decker bus", "double-decker", "minicab bus"),
       plural="buses",
       **_vehicle),
    _c("motorcycle", "vehicles", 0.2, 1.6, "road", synonyms=("motorbike", "motor bike", "scooter", "moped",
                                                             "dirt bike"), **_vehicle),
    _c("bicycle", "vehicles", 0.17, 1.65, "road", synonyms=("bike", "push bike", "cycle", "pushbike"),
       **_vehicle),
    _c("police car", "vehicles", 0.24, 2.55, "road", synonyms=("cop car", "squad car", "patrol car",
                                                               "police cruiser", "cruiser", "police vehicle"),
       **_vehicle),
    # people: neutral schematic figures, no facial features; "person" when the witness gave no gender
    _c("man", "people", 0.30, 0.42, "near sidewalk", synonyms=("guy", "male", "gentleman", "dude", "fellow",
                                                               "bloke", "young man", "old man", "adult male", "lad", "chap",
                                                               "fella", "geezer", "policeman", "postman", "dad",
                                                               "father", "daddy", "grandad", "grandfather", "grandpa",
                                                               "husband"),
       plural="men", **_person),
    _c("woman", "people", 0.285, 0.42, "near sidewalk", synonyms=("lady", "female", "young woman",
                                                                  "old woman", "adult female", "girlfriend",
                                                                  "policewoman",
                                                                  "mum", "mom", "mother", "mummy", "grandmother",
                                                                  "grandma", "granny", "gran", "nan", "wife"),
       plural="women", **_person),
    _c("child", "people", 0.19, 0.45, "near sidewalk", synonyms=("kid", "boy", "girl", "toddler",
                                                                 "little boy", "little girl", "youngster"),
       plural="children", **_person),
    _c("person", "people", 0.295, 0.42, "near sidewalk", synonyms=("someone", "somebody", "pedestrian",
                                                                   "figure", "individual", "passer by",
                                                                   "teenager", "teen", "nurse", "paramedic", "police officer",
                                                                   "security guard", "student", "subject"),
       plural="people", **_person),
    # buildings: stand on the far side
    _c("house", "buildings", 0.62, 1.25, "building", synonyms=("home", "cottage", "townhouse"), **_building),
    _c("shop", "buildings", 0.6, 1.45, "building", synonyms=("store", "corner shop", "convenience store",
                                                             "grocery", "supermarket", "bakery",
                                                             "pharmacy", "liquor store", "shopfront",
                                                             "storefront", "kiosk", "restaurant", "bar",
                                                             "pub", "chemist", "newsagent", "takeaway",
                                                             "chippy", "chip shop", "barber", "hairdresser",
                                                             "butcher", "bookies", "launderette", "florist",
                                                             "off licence", "post office"),
       **{**_building, "attributes": ("sign", "marks")}),
    _c("bank", "buildings", 0.7, 1.55, "building", synonyms=("bank branch", "atm"), **_building),
    _c("cafe", "buildings", 0.58, 1.45, "building", synonyms=("café", "coffee shop", "coffeeshop",
                                                              "coffee house", "diner"), **_building),
    _c("gas station", "buildings", 0.55, 2.3, "building", synonyms=("petrol station", "filling station",
                                                                    "service station", "gas pump", "pumps", "petrol pumps", "the pumps"),
       **_building),
    _c("apartment block", "buildings", 0.95, 0.95, "building",
       synonyms=("apartment building", "apartments", "block of flats", "flats", "apartment", "tower block"),
       **_building),
    _c("building", "buildings", 0.66, 1.2, "building", synonyms=("office building", "office", "block",
                                                                 "warehouse", "premises"), **_building),
    # street furniture and plants: on the far sidewalk unless said otherwise
    _c("streetlight", "things", 0.62, 0.24, "far sidewalk", synonyms=("street light", "streetlamp",
                                                                     "street lamp", "lamp post",
                                                                     "lamppost", "light pole", "lamp"),
       **_thing),
    _c("traffic light", "things", 0.5, 0.22, "far sidewalk", synonyms=("traffic lights", "traffic signal", "lights", "light", "red light", "green light",
                                                                        "amber light", "red lights",
                                                                        "stop light", "stoplight",
                                                                        "signal"),
       **{**_thing, "colorable": True}),
    _c("stop sign", "things", 0.34, 0.34, "far sidewalk", synonyms=("stopsign",), **_thing),
    _c("bench", "things", 0.14, 2.2, "far sidewalk", synonyms=("park bench", "seat"),
       **{**_thing, "colorable": True, "surface": True}),
    _c("bus stop", "things", 0.4, 1.3, "far sidewalk", synonyms=("bus shelter", "busstop", "shelter", "stop"),
       **_thing),
    _c("trash can", "things", 0.15, 0.72, "far sidewalk", synonyms=("bin", "garbage can", "trash bin",
                                                                    "litter bin", "rubbish bin",
                                                                    "dumpster", "wastebasket"),
       **{**_thing, "colorable": True}),
    _c("fire hydrant", "things", 0.13, 0.72, "far sidewalk", synonyms=("hydrant", "fireplug"),
       **{**_thing, "colorable": True}),
    _c("mailbox", "things", 0.19, 0.62, "far sidewalk", synonyms=("postbox", "post box", "mail box",
                                                                  "letterbox", "letter box"),
       **{**_thing, "colorable": True}),
    _c("tree", "things", 0.68, 0.78, "far sidewalk", synonyms=("oak", "maple", "street tree"),
       **{**_thing, "holds_in": True}),
    _c("bush", "things", 0.15, 1.6, "far sidewalk", synonyms=("shrub", "hedge", "bushes", "shrubs"),
       plural="bushes", **_thing),
)

# -- attributes (read by the parser as data) ---------------------------------------------------------------------
# Values that are single words the parser may see on their own. Colour words are never attribute values here
# (the lexicon would read "red" as hair); "red hair", "dark skin" come in through ATTRIBUTE_SYNONYMS.
ATTRIBUTE_VALUES = {
    "height": ("short", "average", "tall"),
    "build": ("slim", "average", "athletic", "heavy"),
    "age": ("young", "middle aged", "elderly"),
    "motion": ("parked", "moving", "stopped"),
    "hair": ("blond", "bald"),
    "facial_hair": ("beard", "moustache", "stubble", "goatee"),  # read, kept as a note: "Big guy. Beard."
}
# every value an attribute can hold, including those said through synonyms ("red hair", "dark skin");
# World.describe() lists only ATTRIBUTE_VALUES, so `scenewright worlds` shows skin only through these
ATTRIBUTE_DOMAINS = {
    "height": ("short", "average", "tall"),
    "build": ("slim", "average", "athletic", "heavy"),
    "age": ("young", "middle aged", "elderly"),
    "motion": ("parked", "moving", "stopped"),
    "hair": ("black", "brown", "blond", "red", "gray", "white", "dark", "light", "bald", "pink", "blue", "purple",
             "green", "orange"),
    "skin": ("light", "medium", "dark"),
}
_DYED = ("pink", "blue", "purple", "green", "orange")
ATTRIBUTE_SYNONYMS: dict[str, tuple[str, str]] = {
    # height
    "six feet": ("height", "tall"), "six foot": ("height", "tall"), "6 feet": ("height", "tall"),
    "6 foot": ("height", "tall"), "over six feet": ("height", "tall"), "very tall": ("height", "tall"),
    "five foot": ("height", "short"), "5 foot": ("height", "short"), "quite short": ("height", "short"),
    "average height": ("height", "average"), "medium height": ("height", "average"),
    "normal height": ("height", "average"), "taller": ("height", "tall"), "shorter": ("height", "short"),
    "a bit taller": ("height", "tall"), "a bit shorter": ("height", "short"),
    # build
    "skinny": ("build", "slim"), "thin": ("build", "slim"), "slender": ("build", "slim"),
    "lanky": ("build", "slim"), "stocky": ("build", "heavy"), "heavyset": ("build", "heavy"),
    "heavy set": ("build", "heavy"), "big built": ("build", "heavy"), "chubby": ("build", "heavy"),
    "overweight": ("build", "heavy"), "muscular": ("build", "athletic"), "well built": ("build", "athletic"),
    "broad": ("build", "athletic"), "average build": ("build", "average"), "medium build": ("build", "average"),
    "normal build": ("build", "average"), "heavy build": ("build", "heavy"), "large build": ("build", "heavy"),
    "stocky build": ("build", "heavy"), "big build": ("build", "heavy"), "slim build": ("build", "slim"),
    "thin build": ("build", "slim"), "slight build": ("build", "slim"), "small build": ("build", "slim"),
    "athletic build": ("build", "athletic"), "muscular build": ("build", "athletic"),
    **{w: ("build", "heavy") for w in ("burly", "beefy", "hefty", "chunky", "fat", "fatter", "plump", "portly",
                                        "tubby", "pot bellied", "big bellied", "bit of a belly", "a belly",
                                        "big belly", "beer belly", "pot belly", "thickset", "thick set")},
    **{w: ("build", "slim") for w in ("scrawny", "wiry", "skinnier", "thinner", "slimmer", "bony", "slight")},
    **{w: ("build", "athletic") for w in ("stronger", "more strong", "strong looking", "strongly built",
                                           "sporty", "buff")},  # (not "strong": "raining, not strong")
    # age
    "in his twenties": ("age", "young"), "in her twenties": ("age", "young"), "teenage": ("age", "young"),
    "in his forties": ("age", "middle aged"), "in her forties": ("age", "middle aged"),
    "middle age": ("age", "middle aged"), "old": ("age", "elderly"), "older": ("age", "elderly"),
    **{f"{pre}{decade}": ("age", band) for decade, band in (
        ("teens", "young"), ("twenties", "young"), ("thirties", "young"), ("forties", "middle aged"),
        ("fifties", "middle aged"), ("sixties", "elderly"), ("seventies", "elderly"), ("eighties", "elderly"))
       for pre in ("in his ", "in her ", "in their ", "early ", "mid ", "late ", "")},
    **{f"{n}{ish}": ("age", band) for n, band in (
        ("twenty", "young"), ("thirty", "young"), ("forty", "middle aged"), ("fifty", "middle aged"),
        ("sixty", "elderly"), ("seventy", "elderly"), ("eighty", "elderly"))
       for ish in (" ish", " odd", " something", " plus") + (("",) if band != "young" else ())},
    # a bare "forty", "seventy" in a person's description is an age; "doing thirty" is a car's speed, so the
    # younger bare numbers are not taken
    # hair (colour words only as "<colour> hair" / "<colour> haired")
    "black hair": ("hair", "black"), "black haired": ("hair", "black"), "brown hair": ("hair", "brown"),
    "brown haired": ("hair", "brown"), "blond hair": ("hair", "blond"), "blonde hair": ("hair", "blond"),
    "blonde": ("hair", "blond"), "red hair": ("hair", "red"), "red haired": ("hair", "red"),
    "redhead": ("hair", "red"), "grey hair": ("hair", "gray"), "gray hair": ("hair", "gray"),
    "grey haired": ("hair", "gray"), "gray haired": ("hair", "gray"), "white hair": ("hair", "white"),
    "white haired": ("hair", "white"), "dark hair": ("hair", "dark"), "dark haired": ("hair", "dark"),
    "light hair": ("hair", "light"), "light haired": ("hair", "light"), "shaved head": ("hair", "bald"),
    "brunette": ("hair", "brown"), "ginger": ("hair", "red"), "ginger hair": ("hair", "red"),
    # facial hair
    "beards": ("facial_hair", "beard"), "bearded": ("facial_hair", "beard"), "mustache": ("facial_hair", "moustache"),
    "moustaches": ("facial_hair", "moustache"), "tash": ("facial_hair", "moustache"),
    "stubbly": ("facial_hair", "stubble"),
    "goatee beard": ("facial_hair", "goatee"),
    **{f"{how} beard": ("facial_hair", f"{how} beard") for how in (
        "full", "short", "long", "big", "bushy", "thick", "trimmed", "scruffy", "little", "small", "grey", "gray",
        "ginger", "dark", "black", "white", "brown", "red")},  # (how it looked, kept: not his height)
    **{f"{size} {how} beard": ("facial_hair", f"{size} {how} beard")
       for size in ("big", "long", "short", "thick", "full", "little")
       for how in ("bushy", "grey", "gray", "ginger", "dark", "black", "white", "brown", "red", "scruffy", "thick")},
    # skin
    "pale": ("skin", "light"), "pale skinned": ("skin", "light"), "light skin": ("skin", "light"), "light skinned": ("skin", "light"), "fair skinned": ("skin", "light"),
    "fair skin": ("skin", "light"), "white skin": ("skin", "light"), "medium skin": ("skin", "medium"),
    "olive skin": ("skin", "medium"), "tanned": ("skin", "medium"), "brown skin": ("skin", "medium"),
    "dark skin": ("skin", "dark"), "dark skinned": ("skin", "dark"), "black skin": ("skin", "dark"),
    # motion
    "driving": ("motion", "moving"), "drove": ("motion", "moving"), "driving off": ("motion", "moving"),
    "drove off": ("motion", "moving"), "speeding": ("motion", "moving"), "sped": ("motion", "moving"),
    "sped off": ("motion", "moving"), "going fast": ("motion", "moving"), "in motion": ("motion", "moving"),
    "pulling away": ("motion", "moving"), "pulled away": ("motion", "moving"), "riding": ("motion", "moving"),
    **{f"{go} {way}": ("motion", "moving") for go in ("drove", "drive", "drives", "driving", "sped", "speeds",
                                                      "speeding", "raced", "races", "racing", "zoomed", "zooms",
                                                      "rode", "rides", "riding", "pulled", "pulls", "pulling")
       for way in ("off", "away")},  # "the car drove away", "drive away very fast", "it pulled off"
    "pulled up": ("motion", "stopped"), "pulls up": ("motion", "stopped"), "pulling up": ("motion", "stopped"),
    "pulled in": ("motion", "stopped"), "pulls in": ("motion", "stopped"), "came to a stop": ("motion", "stopped"),
    "kept going": ("motion", "moving"), "kept driving": ("motion", "moving"), "carried on": ("motion", "moving"),
    "did not stop": ("motion", "moving"), "did not even stop": ("motion", "moving"),
    "never stopped": ("motion", "moving"), "took off": ("motion", "moving"), "departed": ("motion", "moving"), "departing": ("motion", "moving"),
    "stationary": ("motion", "stopped"), "idling": ("motion", "stopped"),
    "stopped at the light": ("motion", "stopped"), "pulled over": ("motion", "parked"),
    "parked up": ("motion", "parked"),
}
# facial hair is read like an attribute and kept as a note in the witness's words (no sprite draws it)
ATTRIBUTE_DOMAINS["facial_hair"] = tuple(dict.fromkeys(
    list(ATTRIBUTE_VALUES["facial_hair"]) + [v for a, v in ATTRIBUTE_SYNONYMS.values() if a == "facial_hair"]))
# dyed hair: "pink hair", "blue haired" — the hair's colour, not the person's
ATTRIBUTE_SYNONYMS.update({f"{colour} {word}": ("hair", colour) for colour in _DYED
                           for word in ("hair", "haired")})
# "short grey hair", "long blonde hair": the length is the hair's, never the person's height
ATTRIBUTE_SYNONYMS.update({f"{length} {phrase}": value for phrase, value in list(ATTRIBUTE_SYNONYMS.items())
                           if value[0] == "hair" and phrase.endswith("hair")
                           for length in ("short", "long", "shoulder length", "cropped", "curly", "straight")})
ATTRIBUTE_KINDS = {
    "top": ("hoodie", "hooded sweatshirt", "jacket", "shirt", "t shirt", "tee", "coat", "sweater",
            "jumper", "dress", "vest", "blouse", "uniform", "raincoat", "puffer jacket",
            "leather jacket", "tracksuit top", "suit", "tracksuit", "fleece", "gilet", "hi vis", "hi vis jacket", "hi vis vest",
            "high vis vest", "high vis jacket",
            "high vis", "overalls", "cardigan", "parka", "anorak", "apron", "hooded top", "football shirt",
            "polo shirt", "top", "body warmer", "bomber jacket", "trench coat", "mac", "scrubs", "overcoat",
            "long coat", "winter coat", "duffel coat", "blazer", "waistcoat", "poncho", "cagoule", "kagoul",
            "windbreaker", "puffer", "shell suit", "lycra", "denim jacket", "rain jacket", "sweatshirt",
            "clothes", "clothing", "outfit", "camel coat", "fur coat", "work shirt"),
    "bottom": ("jeans", "pants", "trousers", "shorts", "skirt", "tracksuit bottoms", "sweatpants",
               "leggings", "trackies", "joggers", "skinny jeans", "cargo pants", "combat trousers", "bottoms",
               "track bottoms", "tracksuit trousers", "chinos", "dungarees", "cargo shorts", "trackie bottoms",
               "tracky bottoms", "trackie", "tracky"),
    "headwear": ("cap", "baseball cap", "hat", "beanie", "hood", "helmet", "bandana", "beanie hat", "bobble hat",
                 "flat cap", "woolly hat", "balaclava hat", "headscarf", "turban", "cowboy hat"),
    "eyewear": ("glasses", "sunglasses"),
    "face": ("mask", "face mask", "balaclava", "scarf"),
    "shoes": ("shoes", "sneakers", "trainers", "boots"),
    "carry": ("backpack", "rucksack", "bag", "briefcase", "handbag", "umbrella", "holdall", "duffel bag",
              "phone", "mobile", "wallet", "purse", "bottle", "can of beer", "walking stick", "stick", "cane",
              "shopping bag", "shopping bags", "trolley", "shopping trolley", "pushchair", "pram", "buggy",
              "knife", "gun", "bat", "baseball bat", "crowbar", "screwdriver", "hammer", "parcel", "package",
              "box", "laptop", "camera", "dog lead", "lead", "skateboard", "scooter board"),
}
MARK_WORDS = ("plate", "license plate", "licence plate", "number plate", "registration", "dent", "scratch",
              "sticker", "logo", "sign", "writing", "lettering", "decal", "tattoo", "scar", "stripe",
              "damage", "crack", "roof rack", "advert", "advertisement", "poster", "graffiti", "name",
              # parts of a vehicle or a building: what the witness says about them is kept verbatim
              "headlight", "headlights", "tail light", "tail lights", "bonnet", "windscreen", "windshield",
              "bumper", "wheel", "wheels", "tyre", "tyres", "tire", "tires", "door", "doors", "window",
              "windows", "roof", "wing mirror", "mirror", "exhaust", "boot", "trunk", "aerial", "spoiler",
              # a police car's lights and siren: on the car, not a traffic light
              "blue lights", "flashing lights", "lights on", "lights going", "lights flashing", "siren",
              "sirens", "siren going", "sirens going")


_REGIONS: dict[tuple[float | None, float], str] = {}


def _place(base: str, x: float | None = None, height: float = 0.295) -> tuple[float | None, float]:
    """A place as the box centre of a `height`-tall thing (a person by default) standing on `base`'s line."""
    centre = centre_for_base(BASES[base], height)
    _REGIONS[(x, centre)] = base
    return x, centre


PLACES = {
    **{p: _place("far sidewalk") for p in (
        "across the street", "across the road", "on the other side of the street",
        "on the other side of the road", "on the far side of the street", "on the far side of the road",
        "on the far sidewalk", "on the opposite sidewalk", "on the other sidewalk", "opposite side",
        "on the opposite side of the street", "on the opposite side of the road", "across from me",
        "across from us", "over the road", "on the far pavement", "on the other pavement", "on the far side",
        "on the other side", "on the opposite side", "the far side", "the other side", "across the way",
        "over the street", "across")},
    **{p: _place("near sidewalk") for p in (
        "on the sidewalk", "on the pavement", "on this side of the street", "on this side of the road",
        "on our side of the street", "on my side of the street", "on the near sidewalk", "on this sidewalk",
        "on my side", "on our side", "near me", "next to me", "on the near side", "the near side",
        "on this side", "our side", "my side", "this side", "on my side of the road", "on our side of the road",
        "on the near pavement", "on this pavement")},
    **{p: _place("road") for p in (
        "in the road", "in the street", "on the road", "on the street", "in the middle of the road",
        "in the middle of the street", "in traffic", "crossing the street", "crossing the road")},
    **{p: _place("near lane", height=0.22) for p in (
        "in the near lane", "in the closer lane", "in this lane", "at the curb", "by the curb",
        "on the curb", "at the kerb", "by the kerb", "parked at the curb", "parked by the curb",
        "on our side of the road", "near lane", "the near lane", "this lane", "the closer lane")},
    **{p: _place("far lane", height=0.22) for p in (
        "in the far lane", "in the other lane", "in the opposite lane", "in the oncoming lane",
        "at the far curb", "in the lane across", "far lane", "the far lane", "the other lane",
        "the opposite lane")},
    **{p: _place("far sidewalk", CORNER_X - 0.03) for p in (
        "at the corner", "on the corner", "by the corner", "near the corner", "at the intersection",
        "at the junction", "on the street corner", "at the street corner",
        # bare, so that "ran toward the corner" reads as a relation to a place (facing it)
        "the corner", "the street corner", "the intersection", "the junction")},
    **{p: _place("side street", (CORNER_X + SIDE_X1) / 2, height=0.2) for p in (
        "around the corner", "round the corner", "in the side street", "down the side street",
        "up the side street")},
    **{p: _place("road", sum(CROSSWALK) / 2) for p in (
        "on the crosswalk", "at the crosswalk", "in the crosswalk", "on the zebra crossing",
        "at the zebra crossing", "at the crossing", "on the crossing", "at the pedestrian crossing",
        "the crosswalk", "the zebra crossing", "the pedestrian crossing")},
    "on the left side of the road": _place("road", 0.2), "on the left side of the street": _place("road", 0.2),
    "on the right side of the road": _place("road", 0.8),
    "on the right side of the street": _place("road", 0.8),
    "down the street": (0.12, None), "up the street": (0.12, None), "further down the street": (0.1, None),
}

# `places` are box centres for a person (what a centre-only parser reads). A parser that keeps every kind of
# thing on its own line can ask `place_for`: "across the street" puts a bank on the building line, a van in
# the far lane at the curb and a man on the far sidewalk.
PLACE_REGIONS = {p: (x, None if y is None else _REGIONS[(x, y)]) for p, (x, y) in PLACES.items()}
_LINE_BY_GROUP = {  # region -> {category group: ground line}; "*" for every other group
    "far sidewalk": {"buildings": FAR_WALL, "vehicles": BASES["far lane"], "*": BASES["far sidewalk"]},
    "near sidewalk": {"vehicles": BASES["near lane"], "*": BASES["near sidewalk"]},
}


def place_for(phrase: str, category: Category, scale: float = 1.0) -> tuple[float | None, float | None]:
    """(x, box centre y) for `category` at `scale` put at the place `phrase` (a key of PLACES)."""
    x, region = PLACE_REGIONS[phrase]
    if region is None:
        return x, None
    lines = _LINE_BY_GROUP.get(region, {})
    line = lines.get(category.group, lines.get("*", BASES[region]))
    return x, centre_for_base(line, category.height * scale)


TIMES = ("day", "dusk", "night")
WEATHERS = ("rain", "snow", "fog")
BACKGROUNDS = TIMES + tuple(f"{t} {w}" for t in TIMES for w in WEATHERS)
# Synonyms name one part (a time or a weather); see `combine_background` for how the parser merges them.
BACKGROUND_SYNONYMS = {
    "daytime": "day", "daylight": "day", "morning": "day", "afternoon": "day", "noon": "day",
    "midday": "day", "sunny": "day", "broad daylight": "day", "light outside": "day", "light out": "day",
    "still light": "day",
    "evening": "dusk", "sunset": "dusk", "sundown": "dusk", "twilight": "dusk", "getting dark": "dusk",
    "starting to get dark": "dusk", "beginning to get dark": "dusk", "going dark": "dusk",
    "chucking it down": "rain", "spitting": "rain", "bucketing down": "rain", "tipping down": "rain",
    "nightfall": "dusk", "early evening": "dusk",
    "nighttime": "night", "night time": "night", "midnight": "night", "dark outside": "night",
    "after dark": "night", "late at night": "night", "pitch dark": "night",
    "rain": "rain", "raining": "rain", "rainy": "rain", "drizzle": "rain", "drizzling": "rain",
    "pouring": "rain", "storm": "rain", "stormy": "rain",
    "snow": "snow", "snowing": "snow", "snowy": "snow", "sleet": "snow",
    "fog": "fog", "foggy": "fog", "mist": "fog", "misty": "fog", "hazy": "fog", "haze": "fog",
}


def combine_background(current: str, said: str) -> str:
    """The background after the witness names one part of it: "raining" at night gives "night rain".

    A background is a time and optionally a weather; a said time keeps the weather and vice versa.
    """
    said = BACKGROUND_SYNONYMS.get(said, said)
    words = current.split()
    time = next((w for w in words if w in TIMES), "day")
    weather = next((w for w in words if w in WEATHERS), None)
    for w in said.split():
        if w in TIMES:
            time = w
        elif w in WEATHERS:
            weather = w
    return f"{time} {weather}" if weather else time


POSES = ("standing", "walking", "running", "lying", "sitting")
POSE_SYNONYMS = {
    "stood": "standing", "stands": "standing", "standing still": "standing", "stand": "standing", "waiting around": "standing",
    "loitering": "standing", "hanging around": "standing",
    "walked": "walking", "walks": "walking", "walk": "walking", "strolling": "walking", "strolled": "walking",
    "pacing": "walking", "crossing": "walking",
    "ran": "running", "runs": "running", "run": "running", "jogging": "running", "jogged": "running",
    "sprinting": "running", "sprinted": "running", "fleeing": "running", "fled": "running",
    "running away": "running", "ran off": "running", "ran away": "running",
    "lying down": "lying", "laying": "lying", "laying down": "lying", "lay": "lying",
    "on the ground": "lying", "fell": "lying", "fallen": "lying", "collapsed": "lying",
    "flat out": "lying", "went flying": "lying", "knocked down": "lying", "knocked out": "lying", "knocked over": "lying",
    "fell over": "lying", "fell down": "lying", "on the floor": "lying",
    "sat": "sitting", "sitting down": "sitting", "seated": "sitting", "sits": "sitting",
    "got up": "standing", "gets up": "standing", "stood up": "standing", "standing up": "standing",
    "get up": "standing", "sat down": "sitting", "kneeling": "sitting", "knelt": "sitting",
    "crouching": "sitting", "crouched": "sitting",
    "waiting": "standing",
}

WORLD = World(
    kind_names=CAR_MAKES,
    name="street",
    title="A street seen from the sidewalk: the witness world",
    categories=CATEGORIES,
    colors=COLORS,
    color_synonyms=COLOR_SYNONYMS,
    backgrounds=BACKGROUNDS,
    default_background="day",
    background_synonyms=BACKGROUND_SYNONYMS,
    sprites="scenewright.render.sprites.street",
    canvas=(W, H),
    ground=GROUND,
    sky_band=(0.05, 0.3),
    horizon=HORIZON,
    perspective=PERSPECTIVE,
    poses=POSES,
    pose_synonyms=POSE_SYNONYMS,
    approximate_poses=frozenset({"kneeling", "knelt", "crouching", "crouched"}),
    default_color=None,  # never fill in a colour the witness did not say
    attribute_values=ATTRIBUTE_VALUES,
    attribute_synonyms=ATTRIBUTE_SYNONYMS,
    attribute_kinds=ATTRIBUTE_KINDS,
    mark_words=MARK_WORDS,
    places=PLACES,
    place_at=place_for,
    words_for_all=("object", "objects", "thing", "things", "everything", "everyone", "everybody"),
    roles={**{w: ("driver", None) for w in ("driver", "drivers")},
           **{w: ("passenger", None) for w in ("passenger", "passengers")},
           **{w: ("rider", None) for w in ("rider", "riders")},
           **{w: ("rider", "bicycle") for w in ("cyclist", "cyclists", "bike rider", "bicycle rider")},
           **{w: ("rider", "motorcycle") for w in ("biker", "bikers", "motorcyclist", "motorcyclists",
                                                   "motorbike rider", "motorcycle rider", "moped rider",
                                                   "scooter rider")}},
)


def sign_text(attributes: dict) -> str | None:
    """A shop's sign as the witness gave it: attributes["sign"], or a mark like "sign saying Joe's Pizza"."""
    if attributes.get("sign"):
        return str(attributes["sign"])
    for m in attributes.get("marks") or ():
        hit = re.match(r"^(?:a |the )?sign\b(?:\s+(?:that\s+)?(?:saying|says|said|reading|reads|with|:))?\s*(.*)$",
                       str(m), re.I)
        if hit and hit.group(1):
            return hit.group(1).strip(" '\"")
    return None


def region(y_bottom: float) -> str:
    """Where on the ground a thing whose feet / wheels are at `y_bottom` is."""
    for limit, name in REGIONS:
        if y_bottom <= limit + 0.005:
            return name
    return REGIONS[-1][1]
