"""The web app's outer layer: a pure ASGI middleware that limits request bodies, checks the Host header
(DNS-rebinding guard when bound to loopback) and adds security headers, and the JSON error handlers."""

from __future__ import annotations

import json
import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..errors import ScenewrightError
from .live import NotFound, TooMany

log = logging.getLogger("scenewright.web")

CSP = ("default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; script-src 'self'; "
       "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")
_HEADERS = [(b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"no-referrer"),
            (b"x-frame-options", b"DENY"), (b"content-security-policy", CSP.encode())]


def error_body(status: int, message: str) -> bytes:
    return json.dumps({"error": {"status": status, "message": message}}).encode()


class Guard:
    def __init__(self, app, max_body: int, allowed_hosts: list[str] | None = None):
        self.app = app
        self.max_body = max_body
        self.allowed_hosts = {h.lower() for h in allowed_hosts} if allowed_hosts else None

    async def _reject(self, send, status: int, message: str) -> None:
        body = error_body(status, message)
        await send({"type": "http.response.start", "status": status,
                    "headers": [(b"content-type", b"application/json"),
                                (b"content-length", str(len(body)).encode())] + _HEADERS})
        await send({"type": "http.response.body", "body": body})

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = dict(scope.get("headers") or [])
        if self.allowed_hosts is not None:
            host = headers.get(b"host", b"").decode("latin-1").lower()
            name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
            if name not in self.allowed_hosts:
                return await self._reject(send, 400, f"This server only answers to {', '.join(sorted(self.allowed_hosts))}.")
        declared = headers.get(b"content-length")
        if declared is not None:
            try:
                too_big = int(declared) > self.max_body
            except ValueError:
                return await self._reject(send, 400, "Bad Content-Length header.")
            if too_big:
                return await self._reject(send, 413, f"The request is larger than {self.max_body:,} bytes.")
        if scope["method"] in ("POST", "PUT", "PATCH", "DELETE") and declared is None:
            # chunked or unknown length: read it all (it is small) and stop at the limit
            chunks, total = [], 0
            while True:
                message = await receive()
                if message["type"] == "http.disconnect":
                    return
                chunk = message.get("body", b"")
                total += len(chunk)
                if total > self.max_body:
                    return await self._reject(send, 413, f"The request is larger than {self.max_body:,} bytes.")
                chunks.append(chunk)
                if not message.get("more_body"):
                    break
            body = b"".join(chunks)
            sent = False

            async def replay():
                nonlocal sent
                if not sent:
                    sent = True
                    return {"type": "http.request", "body": body, "more_body": False}
                return await receive()

            receive = replay

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                have = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = list(message.get("headers", [])) + [h for h in _HEADERS if h[0] not in have]
            await send(message)

        return await self.app(scope, receive, send_with_headers)


def _json(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": {"status": status, "message": message}}, status_code=status)


def install_error_handlers(app: FastAPI, max_text: int) -> None:
    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        message = exc.detail if isinstance(exc.detail, str) else "Request failed."
        if exc.status_code == 404 and message == "Not Found":
            message = f"There is nothing at {request.url.path}."
        elif exc.status_code == 405:
            message = f"{request.method} is not allowed on {request.url.path}."
        return _json(exc.status_code, message)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError):
        problems = []
        for e in exc.errors():
            loc = tuple(e.get("loc", ()))
            if loc[:1] == ("path",) and loc[-1] == "sid":
                return _json(404, "There is no such scene (the link is wrong).")
            if loc[:1] == ("path",) and loc[-1] == "oid":
                return _json(404, "There is no such object in this scene.")
            where = ".".join(str(p) for p in e.get("loc", ()) if p not in ("body", "query", "path"))
            if e.get("type") == "string_too_long" and where == "text":
                problems.append(f"An instruction can be at most {max_text:,} characters; say one thing at a time.")
            elif e.get("type") == "json_invalid":
                problems.append("The request body is not valid JSON.")
            elif e.get("type") == "missing":
                problems.append(f"'{where or 'body'}' is missing.")
            else:
                problems.append(f"{where or 'request'}: {e.get('msg', 'invalid')}")
        return _json(422, " ".join(problems) or "The request is not valid.")

    @app.exception_handler(NotFound)
    async def not_found(request: Request, exc: NotFound):
        return _json(404, str(exc))

    @app.exception_handler(TooMany)
    async def too_many(request: Request, exc: TooMany):
        return _json(429, str(exc))

    @app.exception_handler(ScenewrightError)
    async def scenewright_error(request: Request, exc: ScenewrightError):
        return _json(400, str(exc))

    @app.exception_handler(Exception)
    async def crash(request: Request, exc: Exception):
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return _json(500, "Something went wrong on the server. Every turn you saw is saved; reload the page.")
