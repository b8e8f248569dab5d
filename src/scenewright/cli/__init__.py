"""The `scenewright` command. Sub-commands live one module per area; each registers itself here.

- dialog.py: draw, render, worlds (the spine)   - chat.py: chat (interactive, saved after every turn)
- witness.py: report, verify, compare
- serve.py: the web app            - geneva.py: data shapes / train geneva / eval geneva
- codraw.py: data codraw / train drawer / eval codraw
- imagedata.py: data captions / edits / css / import (image sets for the model family)
- encoders.py: train damsm / eval features (the shared encoders and metrics)
- t2i.py: train t2i / eval t2i / imagine (the text-to-image family)
- manipulate.py: train manipulate / eval manipulate / edit (text-guided manipulation)
"""

from __future__ import annotations

import importlib
import sys

import typer

app = typer.Typer(name="scenewright", no_args_is_help=True, add_completion=False,
                  help="Tell a scene turn by turn; scenewright draws it after every turn.",
                  pretty_exceptions_enable=False)
data_app = typer.Typer(no_args_is_help=True, help="Make or import datasets.")
train_app = typer.Typer(no_args_is_help=True, help="Train models (progress bar, resumable, seeded).")
eval_app = typer.Typer(no_args_is_help=True, help="Evaluate drawers and generators; print the tables.")
app.add_typer(data_app, name="data")
app.add_typer(train_app, name="train")
app.add_typer(eval_app, name="eval")

for _name in ("dialog", "chat", "serve", "geneva", "codraw", "witness", "imagedata", "encoders", "t2i",
              "retrieve", "inpaint", "manipulate", "telephone", "renderers",
              "layered"):
    try:
        importlib.import_module(f"{__name__}.{_name}")
    except ModuleNotFoundError as _e:  # an area not built (yet) in this checkout
        if _e.name != f"{__name__}.{_name}":
            raise


def main() -> None:
    from ..errors import ScenewrightError

    try:
        app()
    except ScenewrightError as e:
        print(f"error: {e}", file=sys.stderr)
        sys.exit(2)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        sys.exit(130)
