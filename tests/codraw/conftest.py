"""CoDraw tests: those needing the data read it from ../shared/data/codraw (or $SCENEWRIGHT_CODRAW) and skip
with a clear message when it is not there; it is CC BY-NC and never copied into the repository."""

import pytest

from scenewright.data.codraw import default_codraw_dir


@pytest.fixture(scope="session")
def codraw_dir():
    root = default_codraw_dir()
    if not (root / "dialogs").is_dir():
        pytest.skip(f"CoDraw data not found at {root} (set SCENEWRIGHT_CODRAW to the folder holding dialogs/)")
    return root


@pytest.fixture(scope="session")
def clipart_dir(codraw_dir):
    path = codraw_dir / "clipart"
    if not (path / "background.png").is_file():
        pytest.skip(f"CoDraw clip-art not found at {path}")
    return path
