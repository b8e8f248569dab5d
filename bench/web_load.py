"""Load on the web app: N concurrent clients on loopback telling turns; prints turns/s and latency.

    .venv/bin/python bench/web_load.py --clients 50 --seconds 15            # tell only
    .venv/bin/python bench/web_load.py --clients 50 --seconds 15 --image    # tell + fetch the new picture
    .venv/bin/python bench/web_load.py --url http://127.0.0.1:8000 ...      # against a running server

Without --url it starts `scenewright serve` on a free port with a fresh database in a temp folder (so the
numbers include the SQLite commit of every turn, synchronous=FULL unless --sync normal), waits for it,
runs, and stops it. Each client creates a session and tells a fixed 12-turn shapes dialog (adds, moves,
colours, undo, redo, a refusal) over and over, starting a new session every 36 turns; "a turn" is one
POST /tell answered (with --image: plus GET of the new picture, as the page does). The clients are a
minimal keep-alive HTTP/1.1 client on asyncio so that they take as little of the machine as possible.
Not a CI test: it prints numbers.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DIALOG = ["add a red cube on the left", "add a blue sphere on the right", "add a green cylinder in the middle",
          "make the cube bigger", "move the sphere a bit up", "paint the cylinder purple", "undo", "redo",
          "zorble the flim", "remove the sphere", "add a yellow sphere behind the cube", "make it small"]


class Conn:
    """One keep-alive HTTP/1.1 connection."""

    def __init__(self, host: str, port: int):
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def open(self) -> None:
        self.reader, self.writer = await asyncio.open_connection(self.host, self.port)

    async def request(self, method: str, path: str, body: dict | None = None) -> tuple[int, bytes]:
        payload = json.dumps(body).encode() if body is not None else b""
        head = (f"{method} {path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n"
                f"Content-Length: {len(payload)}\r\n")
        if body is not None:
            head += "Content-Type: application/json\r\n"
        self.writer.write(head.encode() + b"\r\n" + payload)
        status_line = await self.reader.readline()
        status = int(status_line.split()[1])
        length = 0
        while True:
            line = await self.reader.readline()
            if line in (b"\r\n", b""):
                break
            name, _, value = line.decode("latin-1").partition(":")
            if name.lower() == "content-length":
                length = int(value)
        data = await self.reader.readexactly(length) if length else b""
        return status, data

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()


async def client(host: str, port: int, world: str, deadline: list[float], image: bool, lat: list[float],
                 errors: list[str], start_gate: asyncio.Event, interval: float = 0.0, offset: float = 0.0) -> int:
    conn = Conn(host, port)
    await conn.open()
    await start_gate.wait()
    turns, sid = 0, None
    due = time.perf_counter() + offset
    try:
        while time.perf_counter() < deadline[0]:
            if interval:  # paced: a turn every `interval` s; latency counts from when it was due
                now = time.perf_counter()
                if due > now:
                    await asyncio.sleep(due - now)
                t_due = due
                due += interval
                if t_due >= deadline[0]:
                    break
            if sid is None or turns % 36 == 0:
                status, data = await conn.request("POST", "/api/sessions", {"world": world})
                if status != 201:
                    errors.append(f"create {status}: {data[:120]!r}")
                    return turns
                sid = json.loads(data)["id"]
            text = DIALOG[turns % len(DIALOG)]
            t0 = t_due if interval else time.perf_counter()
            status, data = await conn.request("POST", f"/api/sessions/{sid}/tell", {"text": text})
            if status != 200:
                errors.append(f"tell {status}: {data[:120]!r}")
                continue
            if image:
                state = json.loads(data)["state"]
                key = state["turns"][state["cursor"] - 1]["key"] if state["cursor"] else state["start_key"]
                status, data = await conn.request("GET", f"/api/sessions/{sid}/image.png?v={key}")
                if status != 200:
                    errors.append(f"image {status}")
                    continue
            lat.append(time.perf_counter() - t0)
            turns += 1
    finally:
        conn.close()
    return turns


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(port: int, db: Path, sync: str, workers: int, picture_cache: bool) -> subprocess.Popen:
    env = {**os.environ, "SCENEWRIGHT_SEMANTIC": "0"}
    if not picture_cache:
        env["SCENEWRIGHT_WEB_PICTURE_CACHE"] = "0"
    proc = subprocess.Popen([sys.executable, "-m", "scenewright.cli", "serve", "--port", str(port), "--db", str(db),
                             "--sync", sync, "--workers", str(workers), "--max-sessions", "100000"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, start_new_session=True)
    deadline = time.time() + 60
    while time.time() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"server exited: {proc.stderr.read().decode()[-2000:]}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5) as s:
                s.sendall(b"GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                if b"200" in s.recv(100):
                    return proc
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("server did not start within 60 s")


async def run(args) -> dict:
    host, port = args.host, args.port
    lat: list[float] = []
    errors: list[str] = []
    gate = asyncio.Event()
    # warm-up: one short dialog so first-use costs (imports, tile caches) are not counted
    w = Conn(host, port)
    await w.open()
    status, data = await w.request("POST", "/api/sessions", {"world": args.world})
    if status != 201:
        raise SystemExit(f"cannot create a session: {status} {data[:300]!r}")
    sid = json.loads(data)["id"]
    for text in DIALOG:
        await w.request("POST", f"/api/sessions/{sid}/tell", {"text": text})
        await w.request("GET", f"/api/sessions/{sid}/image.png")
    w.close()
    deadline = [0.0]
    interval = args.clients / args.rate if args.rate else 0.0
    tasks = [asyncio.create_task(client(host, port, args.world, deadline, args.image, lat, errors, gate,
                                        interval, interval * i / args.clients))
             for i in range(args.clients)]
    await asyncio.sleep(0.2)  # every client connected; then all start together
    t0 = time.perf_counter()
    deadline[0] = t0 + args.seconds
    gate.set()
    counts = await asyncio.gather(*tasks)
    elapsed = max(time.perf_counter() - t0, 1e-9)
    lat.sort()
    q = (lambda p: lat[min(len(lat) - 1, int(p * len(lat)))] * 1000) if lat else (lambda p: float("nan"))
    return {"clients": args.clients, "seconds": round(elapsed, 2), "turns": sum(counts),
            "turns_per_s": round(sum(counts) / elapsed, 1), "p50_ms": round(q(0.50), 1),
            "p95_ms": round(q(0.95), 1), "p99_ms": round(q(0.99), 1),
            "mean_ms": round(statistics.fmean(lat) * 1000, 1) if lat else None,
            "errors": len(errors), "first_errors": errors[:3], "image": args.image, "world": args.world,
            "offered_per_s": args.rate}


def cpu_seconds(pid: int) -> float:
    """User + system CPU of a process and its (uvicorn worker) children, from /proc; 0 when unavailable."""
    total = 0.0
    tick = os.sysconf("SC_CLK_TCK")
    pids = [pid]
    try:
        pids += [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        pass
    for p in pids:
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / tick
        except (OSError, IndexError, ValueError):
            pass
    return total


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=15.0)
    ap.add_argument("--world", default="shapes")
    ap.add_argument("--image", action="store_true", help="also GET the new picture after every turn")
    ap.add_argument("--rate", type=float, default=0.0,
                    help="offered turns/s over all clients (paced, open loop); 0: every client as fast as it can")
    ap.add_argument("--url", help="a running server, e.g. http://127.0.0.1:8000 (default: start one)")
    ap.add_argument("--sync", default="full", choices=["full", "normal"], help="SQLite durability of the server")
    ap.add_argument("--workers", type=int, default=1, help="server processes (when starting one)")
    ap.add_argument("--no-picture-cache", action="store_true",
                    help="the server renders and encodes every picture asked for (clients here tell the same "
                         "dialog, so with the cache most pictures are shared; real users' scenes are not)")
    ap.add_argument("--json", action="store_true", help="print one JSON object")
    args = ap.parse_args()

    proc = None
    tmp = None
    if args.url:
        rest = args.url.split("://", 1)[-1].rstrip("/")
        args.host, _, p = rest.partition(":")
        args.port = int(p or 80)
    else:
        tmp = tempfile.TemporaryDirectory(prefix="scenewright-bench-")
        args.host, args.port = "127.0.0.1", free_port()
        proc = start_server(args.port, Path(tmp.name) / "bench.sqlite3", args.sync, args.workers,
                            not args.no_picture_cache)
    try:
        cpu0 = cpu_seconds(proc.pid) if proc else 0.0
        result = asyncio.run(run(args))
        if proc is not None and result["turns"]:
            result["server_cpu_ms_per_turn"] = round((cpu_seconds(proc.pid) - cpu0) * 1000 / result["turns"], 2)
    finally:
        if proc is not None:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
        if tmp is not None:
            tmp.cleanup()
    result["server"] = args.url or (f"scenewright serve (--sync {args.sync}, --workers {args.workers}"
                                    + (", no picture cache)" if args.no_picture_cache else ")"))
    if args.json:
        print(json.dumps(result))
        return
    what = "tell + picture" if args.image else "tell"
    what += f", paced at {args.rate:g} turns/s offered" if args.rate else ", closed loop (no think time)"
    print(f"{result['clients']} clients, {result['seconds']} s, {what}, world {result['world']}, {result['server']}")
    print(f"  {result['turns']} turns  {result['turns_per_s']} turns/s  p50 {result['p50_ms']} ms  "
          f"p95 {result['p95_ms']} ms  p99 {result['p99_ms']} ms  errors {result['errors']}")
    if "server_cpu_ms_per_turn" in result:
        print(f"  server CPU {result['server_cpu_ms_per_turn']} ms per turn (incl. warm-up)   "
              f"load average: {os.getloadavg()[0]:.1f}")
    if result["first_errors"]:
        print("  first errors:", *result["first_errors"], sep="\n    ")


if __name__ == "__main__":
    main()
