"""The scene state: immutable scenes, pure edits, and the history of turns."""

from .edits import Add, Edit, Remove, SetBackground, Update, apply, apply_all
from .history import Entry, Event, History
from .model import Scene, SceneObject

__all__ = ["Add", "Edit", "Entry", "Event", "History", "Remove", "Scene", "SceneObject", "SetBackground",
           "Update", "apply", "apply_all"]
