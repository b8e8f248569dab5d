"""scenewright — tell a scene turn by turn; it draws it and redraws it after every turn.

    >>> from scenewright import Session
    >>> s = Session(world="shapes")
    >>> turn = s.tell("add a yellow sphere on the right")
    >>> turn.ok, turn.scene.objects[0].category
    (True, 'sphere')
"""

from .errors import ScenewrightError
from .scene import Scene, SceneObject

__version__ = "0.1.0"


# name -> the module that defines it (never a module of the same name: importing it would shadow the call)
_LAZY = {"Session": "session", "Turn": "session", "imagine": "t2i", "search": "retrieve", "inpaint": "inpainting",
         "edit": "editing", "telephone": "broken_telephone"}


def __getattr__(name):  # these pull in the parser, the renderer or torch: load them on first use
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(name)


__all__ = ["Scene", "SceneObject", "ScenewrightError", "Session", "Turn", "edit", "imagine", "inpaint", "search",
           "telephone"]
