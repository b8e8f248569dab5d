"""`scenewright serve` — the web app: chat, canvas and timeline in a browser; sessions kept in SQLite."""

from __future__ import annotations

import ipaddress
import os
from pathlib import Path
from typing import Optional

import typer

from . import app

LOOPBACK_NAMES = ["127.0.0.1", "localhost", "[::1]", "::1"]


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


@app.command()
def serve(
    host: str = typer.Option("127.0.0.1", "--host", help="Address to bind. Loopback by default; anything "
                                                          "else exposes your scenes to the network."),
    port: int = typer.Option(8000, "--port", "-p", min=0, max=65535, help="TCP port (0: any free port)."),
    db: Optional[Path] = typer.Option(None, "--db", envvar="SCENEWRIGHT_DB",
                                      help="SQLite file for sessions (default: in your user data folder)."),
    codraw: Optional[str] = typer.Option(None, "--codraw", envvar="SCENEWRIGHT_CODRAW_DRAWER",
                                         help="Checkpoint of the learned CoDraw drawer: offers it as a world."),
    clipart: Optional[Path] = typer.Option(None, "--clipart", envvar="SCENEWRIGHT_CLIPART",
                                           help="CoDraw clip-art folder: draw the park world with it."),
    max_sessions: int = typer.Option(1000, "--max-sessions", min=1, help="Scenes one client address may create."),
    workers: int = typer.Option(1, "--workers", min=1, max=16,
                                help="Server processes sharing the database (each checks versions)."),
    durable: str = typer.Option("full", "--sync", help="full: every turn survives power loss; normal: "
                                                        "survives a crash of the server (faster)."),
    log_level: str = typer.Option("warning", "--log-level", help="uvicorn log level."),
) -> None:
    """Serve the web app. Open the printed address in a browser.

    Example: scenewright serve --port 8000 --db ~/scenes.sqlite3
    """
    try:
        import uvicorn  # noqa: F401

        from ..web.app import default_db
    except ImportError as e:
        from ..errors import MissingExtra

        raise MissingExtra(f"the web app ({e.name})", "web") from None
    if durable.lower() not in ("full", "normal"):
        raise typer.BadParameter("--sync must be full or normal")
    db_path = Path(db).expanduser() if db else default_db()
    loopback = _is_loopback(host)
    if not loopback:
        typer.secho(f"warning: binding {host} — anyone who can reach this address can use the app.",
                    fg="yellow", err=True)
    settings = {"SCENEWRIGHT_WEB_DB": str(db_path), "SCENEWRIGHT_WEB_CODRAW": codraw or "",
                "SCENEWRIGHT_WEB_CLIPART": str(clipart or ""), "SCENEWRIGHT_WEB_MAX_SESSIONS": str(max_sessions),
                "SCENEWRIGHT_WEB_SYNC": durable.upper(), "SCENEWRIGHT_WEB_SHARED": "1" if workers > 1 else "0",
                "SCENEWRIGHT_WEB_LOOPBACK": "1" if loopback else "0"}
    os.environ.update(settings)
    shown = f"[{host}]" if ":" in host else host
    typer.echo(f"scenewright web app: http://{shown}:{port}/   (sessions in {db_path}; Ctrl+C to stop)")
    uvicorn.run("scenewright.web.app:app_from_env", factory=True, host=host, port=port, workers=workers,
                log_level=log_level, access_log=False, proxy_headers=False, server_header=False)
