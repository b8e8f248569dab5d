"""Sprites of the `street` world: a calm, schematic record of what a witness said — not an illustration.

Rules the drawing keeps:
- Nothing invented. A colour, a garment, a skin tone the witness did not give is drawn in the neutral
  `UNKNOWN` greys; a person has no face, only a plain head; a shop's sign is blank until its text is said.
- What was said shows: colours, clothing kinds, height and build, posture and facing (feet and lean point
  the way a person faces; vehicles face right unflipped), a moving vehicle gets speed lines behind it.
- `overlay` adds, over the whole picture: weather, streetlight glow at dusk and night, a dashed outline and
  a "?" badge (with swatches of the alternatives) on anything the witness was unsure of, and numbered
  callouts for free-text marks ("plate starts with K7").

One module per part of the picture: `backdrop` (the background), `vehicles`, `people`, `buildings`,
`things` (street furniture and plants) and `overlays` (what `overlay` draws); `_common` has the
neutral colours and `said`.
"""

from __future__ import annotations

from ...pen import Pen
from ._common import UNKNOWN, said
from .backdrop import background
from .buildings import _building
from .overlays import callouts, overlay
from .people import _person
from .things import _thing
from .vehicles import VEHICLES, _speed_lines

__all__ = ["background", "draw", "overlay", "callouts"]

# -- the module interface ---------------------------------------------------------------------------------------
def draw(pen: Pen, obj, category, world) -> None:
    if category.group == "vehicles":
        body = said(world, obj.color) or UNKNOWN
        if obj.attrs.get("motion") == "moving":
            _speed_lines(pen, 30, 80)
        VEHICLES[category.name](pen, body)
    elif category.group == "people":
        _person(pen, obj, category, world)
    elif category.group == "buildings":
        _building(pen, obj, category, world)
    else:
        _thing(pen, obj, category, world)
