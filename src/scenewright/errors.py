"""Errors a user can act on. Each carries a message meant to be shown as it is."""


class ScenewrightError(Exception):
    """Base class: anything scenewright raises on purpose."""


class SceneError(ScenewrightError, ValueError):
    """A scene or object that breaks the contract (bad JSON, missing keys, values out of range)."""


class WorldError(ScenewrightError, ValueError):
    """An unknown world, or a scene that uses words its world does not have."""


class SessionFileError(ScenewrightError, ValueError):
    """A saved session file that cannot be read back."""


class MissingExtra(ScenewrightError, ImportError):
    """An optional dependency (torch, MiniLM, FastAPI) is needed for this feature but not installed."""

    def __init__(self, feature: str, extra: str):
        super().__init__(
            f"{feature} needs the '{extra}' extra: pip install torch==2.13.0 && pip install -e '.[{extra}]'"
        )


class MissingFile(ScenewrightError, FileNotFoundError):
    """A dataset, checkpoint or other input file that is not there; the message says how to make it."""


class CheckpointError(ScenewrightError, ValueError):
    """A checkpoint that exists but does not fit the model or world it is loaded for."""
