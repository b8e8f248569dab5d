"""CoDraw fixtures as tests/codraw has them: skip with a clear message when ../shared/data/codraw is absent
(CoDraw is CC BY-NC and never copied into the repository)."""

import pytest

from scenewright.data.codraw import default_codraw_dir


@pytest.fixture(scope="session")
def codraw_dir():
    root = default_codraw_dir()
    if not (root / "dialogs").is_dir() or not (root / "clipart" / "background.png").is_file():
        pytest.skip(f"CoDraw data not found at {root} (set SCENEWRIGHT_CODRAW to the folder holding dialogs/ "
                    "and clipart/)")
    return root
