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


def __getattr__(name):  # Session pulls in the parser and renderer; load it on first use
    if name in ("Session", "Turn"):
        from . import session
        return getattr(session, name)
    raise AttributeError(name)


__all__ = ["Scene", "SceneObject", "ScenewrightError", "Session", "Turn"]
