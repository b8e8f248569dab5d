"""`shapes` — i-CLEVR-like: three shapes in CLEVR's eight colours on a floor seen in perspective."""

from .base import Category, World

COLORS = {
    "gray": (110, 110, 110),
    "red": (173, 35, 35),
    "blue": (42, 75, 215),
    "green": (29, 125, 20),
    "brown": (129, 74, 25),
    "purple": (129, 38, 192),
    "cyan": (41, 208, 208),
    "yellow": (255, 225, 51),
}

_shape = dict(group="shapes", colorable=True, facing=None, default_y=0.62, attributes=("material",))
# CLEVR's two materials: kept on the object (the sprites draw one finish), so "a small red rubber sphere" loses
# nothing it said
MATERIALS = {"metal": ("material", "metal"), "metallic": ("material", "metal"), "shiny": ("material", "metal"),
             "rubber": ("material", "rubber"), "rubbery": ("material", "rubber"), "matte": ("material", "rubber"),
             "matt": ("material", "rubber")}

WORLD = World(
    name="shapes",
    title="i-CLEVR-like shapes on a floor",
    categories=(
        Category("cube", height=0.17, aspect=1.0, synonyms=("box", "block", "cuboid", "square"), **_shape),
        Category("sphere", height=0.17, aspect=1.0, synonyms=("ball", "orb", "circle", "globe"), **_shape),
        Category("cylinder", height=0.19, aspect=0.85,
                 synonyms=("can", "tube", "pillar", "column", "barrel", "cylindar"), **_shape),
    ),
    colors=COLORS,
    color_synonyms={"grey": "gray", "silver": "gray", "crimson": "red", "scarlet": "red", "navy": "blue",
                    "lime": "green", "olive": "green", "violet": "purple", "magenta": "purple",
                    "lilac": "purple", "turquoise": "cyan", "teal": "cyan", "aqua": "cyan", "gold": "yellow",
                    "golden": "yellow", "tan": "brown", "chocolate": "brown", "maroon": "red",
                    "light blue": "cyan", "dark blue": "blue", "pink": "purple"},
    backgrounds=("light", "dark"),
    default_background="light",
    background_synonyms={"day": "light", "bright": "light", "white": "light", "night": "dark",
                         "black": "dark", "dim": "dark"},
    sprites="scenewright.render.sprites.shapes",
    canvas=(512, 512),
    ground=(0.38, 0.86),
    sky_band=(0.38, 0.45),
    horizon=0.3,
    perspective=(0.62, 1.12),
    default_color="gray",
    attribute_values={"material": ("metal", "rubber")},
    attribute_synonyms=MATERIALS,
)
