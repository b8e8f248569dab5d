"""Tiny untrained DAMSM encoders for the model family's tests (shape and one-step tests, never quality)."""

import json
from pathlib import Path


def text_encoder(captions):
    import torch

    from scenewright.models.encoders.damsm import DAMSMConfig, TextEncoder
    from scenewright.models.encoders.vocab import Vocab

    torch.manual_seed(0)
    return TextEncoder(Vocab.build(captions), DAMSMConfig(dim=16, embedding=16, image_encoder="scratch",
                                                          size=32, width=4)).eval()


def image_encoder(text):
    import torch

    from scenewright.models.encoders.damsm import ImageEncoder

    torch.manual_seed(1)
    return ImageEncoder(text.config).eval()


def damsm_dir(out: Path, text, image) -> Path:
    """A DAMSM folder as `train damsm` writes it, with the given (untrained) encoders."""
    from scenewright.models.encoders.damsm import save_damsm

    save_damsm(out, text, image)
    (out / "card.json").write_text(json.dumps({"note": "untrained, for tests"}))
    return out
