"""CoDraw drawers: text of the turn + the scene so far → this turn's edits in the park world.

What lives where, in reading order:

- `canvas`: the canvas as 58 class slots (`slots`, `N`) and back (`_object`); what changed in a turn
  (`turn_actions`, `_same`).
- `text`: the turn's text as features — tokens and the vocabulary, the classes a message names (`mentions`,
  `negated`, `learn_names`), the words around each named piece (`local_context`), frozen `MiniLM` vectors.
- `net`: `DrawerNet` (`build_net(DrawerConfig)`), its inputs (`features`) and the look-alike families its
  member head picks among (`families`, `family_matrix`).
- `placement`: where an added piece goes — on a head (`wear_offsets`, `put_on`), apart from the others
  (`apart`, `spread`), at a bin of its place (`PLACES`).
- `checkpoint`: a trained drawer or ensemble on disk (`_load_nets`, `save_card`).
- `drawers`: the parsers — `LearnedDrawer` (`parser="codraw:<checkpoint>"`) and the baseline
  `NearestNeighbourDrawer` (`parser="nn:<index>"`). Both hand "undo", "redo", "go back" and corrections
  ("no, …") to the grammar parser.

Everything is importable from `scenewright.models.drawer`; training is in `scenewright.train.drawer`.
"""

from .canvas import N, SLOT, _object, _same, slots, turn_actions
from .checkpoint import _load_nets, save_card
from .drawers import COMMAND, LearnedDrawer, NearestNeighbourDrawer
from .net import ALSO_ALIKE, LOOKS, DrawerConfig, build_net, families, family_matrix, features
from .placement import PLACES, _expected_place, _likeliest_place, apart, put_on, spread, wear_offsets
from .text import (LOCAL_LEN, LOCAL_PIECES, PERSONAL, REL_LEN, WINDOW, MiniLM, build_vocab, grams, learn_names,
                   local_context, mentions, negated, norm_text, read_turn, token_ids, tokens, words)

__all__ = ["DrawerConfig", "LearnedDrawer", "MiniLM", "NearestNeighbourDrawer", "build_net", "build_vocab",
           "families", "family_matrix", "features", "put_on", "slots", "turn_actions", "wear_offsets"]
