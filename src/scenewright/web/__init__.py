"""The web app (`scenewright serve`): chat, canvas and timeline in a browser, sessions kept in SQLite.

Needs the 'web' extra (fastapi, uvicorn). `create_app(WebConfig(db=...))` builds the ASGI app.
"""

from __future__ import annotations

from typing import Any


def create_app(config: Any = None):
    from .app import create_app as _create

    return _create(config)


def __getattr__(name: str):
    if name == "WebConfig":
        from .app import WebConfig

        return WebConfig
    raise AttributeError(name)


__all__ = ["create_app", "WebConfig"]
