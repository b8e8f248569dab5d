"""Fixtures for the web app: an in-process client on a fresh database, and a real server process."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytest.importorskip("fastapi", reason="the web tests need the 'web' extra: pip install -e '.[web]'")
httpx = pytest.importorskip("httpx", reason="the web tests need httpx (the 'test' extra)")


@pytest.fixture
def db(tmp_path) -> Path:
    return tmp_path / "web.sqlite3"


@pytest.fixture
def make_client(db):
    from fastapi.testclient import TestClient

    from scenewright.web.app import WebConfig, create_app

    clients = []

    def make(**options) -> TestClient:
        options.setdefault("db", db)
        c = TestClient(create_app(WebConfig(**options)), raise_server_exceptions=False)
        clients.append(c)
        return c

    yield make
    for c in clients:
        c.close()


@pytest.fixture
def client(make_client):
    return make_client()


@pytest.fixture
def session(client) -> dict:
    r = client.post("/api/sessions", json={"world": "shapes"})
    assert r.status_code == 201, r.text
    return r.json()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """`scenewright serve` in its own process (so that it can be killed with SIGKILL)."""

    def __init__(self, db: Path, log: Path, port: int | None = None):
        self.db, self.log = db, log
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc: subprocess.Popen | None = None

    def start(self, timeout: float = 60.0) -> "Server":
        env = {**os.environ, "SCENEWRIGHT_SEMANTIC": "0"}
        self._out = open(self.log, "ab")
        self.proc = subprocess.Popen([sys.executable, "-m", "scenewright.cli", "serve", "--port", str(self.port),
                                      "--db", str(self.db), "--log-level", "warning"],
                                     stdout=self._out, stderr=subprocess.STDOUT, env=env, start_new_session=True)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"the server exited with {self.proc.returncode}:\n{self.log.read_text()}")
            try:
                if httpx.get(self.url + "/api/health", timeout=1.0).status_code == 200:
                    return self
            except httpx.HTTPError:
                pass
            time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"the server did not answer within {timeout} s:\n{self.log.read_text()}")

    def kill9(self) -> None:
        assert self.proc is not None
        os.kill(self.proc.pid, signal.SIGKILL)
        self.proc.wait(timeout=10)

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)
        if getattr(self, "_out", None):
            self._out.close()


@pytest.fixture
def server(tmp_path):
    s = Server(tmp_path / "web.sqlite3", tmp_path / "server.log").start()
    yield s
    s.stop()


@pytest.fixture
def make_server(tmp_path):
    """`make_server(name)` -> a started Server on tmp_path/web.sqlite3 (the same file every call)."""
    started = []

    def make(name: str = "server") -> Server:
        s = Server(tmp_path / "web.sqlite3", tmp_path / f"{name}.log").start()
        started.append(s)
        return s

    yield make
    for s in started:
        s.stop()


# -- a real browser: Debian's chromium driven by Playwright (scripts/setup_browser.sh) -----------------------
CHROMIUM = os.environ.get("SCENEWRIGHT_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def browser():
    """Skips, with the reason, when chromium or the playwright package is missing."""
    sync_api = pytest.importorskip("playwright.sync_api", reason="pip install playwright (scripts/setup_browser.sh)")
    if not (os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK)):
        pytest.skip(f"no chromium at {CHROMIUM}: run scripts/setup_browser.sh (apt-get install chromium)")
    with sync_api.sync_playwright() as p:
        try:
            b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True, timeout=60_000)
        except Exception as e:  # a broken browser install must not hang the suite
            pytest.skip(f"chromium at {CHROMIUM} did not start: {e}")
        yield b
        b.close()


@pytest.fixture
def out(tmp_path) -> Path:
    """Where a browser test leaves its screenshots: $SCENEWRIGHT_ARTIFACTS, else the test's tmp folder."""
    return Path(os.environ.get("SCENEWRIGHT_ARTIFACTS") or tmp_path)
