"""The web app: a REST API over `Session` plus a static page that uses it.

    from scenewright.web import create_app, WebConfig
    app = create_app(WebConfig(db="scenes.db"))      # served by `scenewright serve`

Every change (tell, undo, redo, goto, delete an object) is committed to SQLite before the reply is sent.
The OpenAPI schema is at /api/openapi.json. No path the client sends ever reaches the file system: static
files are read once at start-up into memory and looked up by name.
"""

from __future__ import annotations

import json
import logging
import os
import threading
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, Literal, Optional

from fastapi import FastAPI, Path as PathParam, Query, Request
from fastapi.responses import Response

from .. import __version__ as VERSION
from ..errors import ScenewrightError
from ..scene import Add, Remove, Scene, SceneObject, apply_all
from ..session import MAX_TURN_CHARS, Session
from ..worlds import World
from .guard import Guard, install_error_handlers
from .live import Live, NotFound, Sessions, client_key
from .pictures import Pictures, _label, scene_key
from .schemas import Goto, NewSession, StateOut, Tell, TurnReply
from .store import Store

log = logging.getLogger("scenewright.web")

SID = r"^[A-Za-z0-9_-]{16,64}$"
OID = r"^o[0-9]{1,7}$"
STATIC = {"index.html": "text/html; charset=utf-8", "app.js": "text/javascript; charset=utf-8",
          "style.css": "text/css; charset=utf-8", "icon.svg": "image/svg+xml"}
# Renderers the picker offers: every registered one but those that need a file the user names (clipart: the
# server's --clipart folder draws the park world; t2i:<method>: a text-to-image run).
PICKER_SKIP = ("clipart", "t2i")
RENDERER_LABELS = {"procedural": "Sprites", "clipart": "CoDraw clip-art", "geneva": "GeNeVA-GAN",
                   "layered": "Layered GAN", "sg2im": "sg2im"}
WORLD_EXAMPLES = {"shapes": "add a red cube on the left", "park": "a boy is standing on the left",
                  "street": "a red car is parked in front of the bank"}


def default_db() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("scenewright", appauthor=False)) / "web.sqlite3"


@dataclass
class WebConfig:
    db: str | Path = field(default_factory=default_db)
    max_text: int = MAX_TURN_CHARS  # characters in one instruction
    max_body: int = 16_384  # bytes in one request body
    max_sessions: int = 1000  # scenes one client address may create
    cache: int = 256  # live Session objects kept in memory
    codraw: Optional[str] = None  # checkpoint of the learned CoDraw drawer (offers the "codraw" world)
    clipart: Optional[str] = None  # CoDraw clip-art folder: draw the park world with it
    synchronous: str = "FULL"  # SQLite: FULL survives power loss, NORMAL survives a process crash
    shared: bool = False  # several server processes share the database (check versions on every use)
    allowed_hosts: Optional[list[str]] = None  # Host header names accepted (None: any)
    worlds: tuple[str, ...] = ("shapes", "park", "street")
    picture_cache: int = 64 << 20  # bytes of encoded pictures kept (0: render every request)
    warm: bool = False  # load the MiniLM fallback in the background at start, not on a user's first odd word


def _json(payload: Any, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    return Response(json.dumps(payload, separators=(",", ":")), status_code=status,
                    media_type="application/json", headers=headers)


# -- the app ------------------------------------------------------------------------------------------------
def create_app(config: WebConfig | None = None) -> FastAPI:
    config = config or WebConfig()
    if config.max_text > MAX_TURN_CHARS:
        raise ValueError(f"max_text cannot exceed the Session's limit of {MAX_TURN_CHARS}")
    store = Store(config.db, synchronous=config.synchronous)
    pictures = Pictures(capacity_bytes=config.picture_cache)
    renderers: dict[str, Any] = {}

    def default_renderer(world: str) -> str:
        return "clipart" if world == "park" and config.clipart else "procedural"

    def session_options(world: str, mode: str) -> dict[str, Any]:
        mode, renderer = split_mode(mode)
        options: dict[str, Any] = {}
        if renderer is not None and renderer != default_renderer(world):
            options["renderer"] = renderer
        if mode == "codraw":
            if not config.codraw:
                raise ScenewrightError("This server has no learned CoDraw drawer; choose another world.")
            options["parser"] = f"codraw:{config.codraw}"
        if "renderer" not in options and world == "park" and config.clipart:
            options["clipart"] = config.clipart
        return options

    def share_renderer(session: Session) -> Session:
        key = f"{session.world.name}:{session.renderer.name}"
        session.renderer = renderers.setdefault(key, session.renderer)
        return session

    def factory(world: str, mode: str) -> Session:
        return share_renderer(Session(world=world, **session_options(world, mode)))

    def revive(state: dict[str, Any], mode: str) -> Session:
        return share_renderer(Session.from_dict(state, **session_options(state.get("world", ""), mode)))

    def examples(world: World) -> tuple[str, ...]:  # the help's examples: the chat's, for the world in use
        from ..cli.chat import EXAMPLES

        return EXAMPLES.get(world.name) or (WORLD_EXAMPLES.get(world.name) or f"add a {world.categories[0].name}",)

    sessions = Sessions(store, factory, revive, capacity=config.cache, shared=config.shared)
    worlds = _probe_worlds(config, factory)
    probed: dict[str, list[dict[str, Any]]] = {}
    probe_lock = threading.Lock()

    def renderer_offers(world: str) -> list[dict[str, Any]]:
        """The renderers that can draw `world` here, the world's default first; probed on first use (a
        neural one loads its weights), then kept, and the renderer built by the probe is shared."""
        with probe_lock:
            if world not in probed:
                probed[world] = _probe_renderers(world, default_renderer(world), renderers, config.clipart)
            return probed[world]

    def worlds_out() -> list[dict[str, Any]]:
        return [{**w, "renderers": renderer_offers(w["world"]) if w["available"] else []} for w in worlds]
    static = _load_static()
    if config.warm:
        threading.Thread(target=_warm, args=([w["world"] for w in worlds if w["available"]],),
                         name="scenewright-warm", daemon=True).start()
        threading.Thread(target=worlds_out, name="scenewright-renderers", daemon=True).start()

    app = FastAPI(title="scenewright", version=VERSION, docs_url=None, redoc_url=None,
                  openapi_url="/api/openapi.json",
                  description="Tell a scene turn by turn; scenewright draws it after every turn. "
                              "Every change is committed before the reply is sent.")
    app.state.store, app.state.sessions, app.state.config = store, sessions, config
    install_error_handlers(app, config.max_text)
    app.add_middleware(Guard, max_body=config.max_body, allowed_hosts=config.allowed_hosts)

    def keyof(live: Live, scene: Scene) -> str:
        hit = live.keys.get(id(scene))
        if hit is not None and hit[0] is scene:
            return hit[1]
        if len(live.keys) > 4096:
            live.keys.clear()
        key = scene_key(scene)
        live.keys[id(scene)] = (scene, key)
        return key

    def state(live: Live) -> dict[str, Any]:
        s, h = live.session, live.session.history
        numbers = h.statement_numbers()  # each picture is "the picture after #N", N as the report numbers it
        turns = [{"k": k, "text": e.text, "key": keyof(live, e.scene), "n": len(e.scene),
                  "number": numbers[k - 1] if numbers else None}
                 for k, e in enumerate(h.entries, 1)]
        branches = [{"b": b, "turns": [{"i": i, "text": e.text, "key": keyof(live, e.scene)}
                                       for i, e in enumerate(branch)]}
                    for b, branch in enumerate(h.branches)]
        first = max(0, len(h.log) - 200)
        chat = [{"kind": ev.kind, "text": ev.text, "reply": ev.reply, "ok": ev.kind != "refused" and not ev.skipped,
                 "skipped": list(ev.skipped), "turn": ev.turn, "number": first + i + 1}
                for i, ev in enumerate(h.log[first:])]  # a turn done in part is not shown as done
        for c in chat:  # undo, redo, go back: to the picture after which statement
            if c["kind"] in ("undo", "redo", "goto"):
                line = h.statement_numbers(c["number"])
                c["to"] = line[-1] if line else 0
        return {"id": live.id, "world": s.world.name, "mode": split_mode(live.mode)[0], "title": s.world.title,
                "renderer": getattr(s.renderer, "name", "procedural"), "svg": hasattr(s.renderer, "svg"),
                "version": live.version, "cursor": h.cursor, "can_undo": h.can_undo(), "can_redo": h.can_redo(),
                "start_key": keyof(live, h.start), "turns": turns, "branches": branches,
                "scene": s.scene.to_dict(), "objects": _objects(s.scene, s.world), "chat": chat,
                "canvas": [int(s.size[0]), int(s.size[1])],
                "example": WORLD_EXAMPLES.get(s.world.name, s.example().strip("'")),
                "examples": list(examples(s.world))}

    def reply(turn, live: Live) -> Response:
        return _json({"turn": {"text": turn.text, "ok": turn.ok, "reply": turn.reply, "command": turn.command,
                                  "notes": list(turn.notes), "skipped": list(turn.skipped)},
                      "state": state(live)})

    def change(sid: str, act) -> Response:
        return sessions.change(sid, lambda live: act(live.session), lambda live, turn: reply(turn, live))

    def pick(live: Live, turn: Optional[int], branch: Optional[int]) -> Scene:
        h = live.session.history
        if branch is not None:
            if not 0 <= branch < len(h.branches):
                raise NotFound(f"There is no earlier branch {branch}.")
            entries = h.branches[branch]
            if turn is None or not 0 <= turn < len(entries):
                raise NotFound(f"Branch {branch} has turns 0 to {len(entries) - 1}.")
            return entries[turn].scene
        if turn is None:
            return h.scene
        if not 0 <= turn <= len(h.entries):
            raise NotFound(f"There is no turn {turn}; turns go from 0 to {len(h.entries)}.")
        return h.scene_at(turn)

    # -- pages --------------------------------------------------------------------------------------------
    @app.get("/", include_in_schema=False)
    def index() -> Response:
        return Response(static["index.html"], media_type=STATIC["index.html"], headers={"cache-control": "no-cache"})

    @app.get("/static/{name}", include_in_schema=False)
    def static_file(name: str) -> Response:
        if name not in static:  # a fixed set, read at start-up: nothing the client sends touches the disk
            raise NotFound(f"There is no static file {name!r}.")
        return Response(static[name], media_type=STATIC[name], headers={"cache-control": "no-cache"})

    # -- API ----------------------------------------------------------------------------------------------
    @app.get("/api/health", tags=["server"])
    def health() -> dict[str, Any]:
        return {"ok": True, "version": VERSION, "live_sessions": len(sessions)}

    @app.get("/api/worlds", tags=["server"])
    def list_worlds() -> dict[str, Any]:
        """The worlds this server offers; `available: false` ones say why in `reason`. Each lists the
        `renderers` that can draw it here (the default first), unavailable ones with their `reason`."""
        from ..witness.pdf import pdf_available

        return {"worlds": worlds_out(), "limits": {"text": config.max_text, "body": config.max_body},
                "pdf": pdf_available()}

    @app.post("/api/sessions", status_code=201, tags=["sessions"], response_model=None,
              responses={201: {"model": StateOut}})
    def create_session(body: NewSession, request: Request) -> Response:
        """Start a new scene in a world, drawn by `renderer` (one of the world's `renderers` in /api/worlds;
        default: the world's own). The id in the answer is the scene's secret handle."""
        offer = next((w for w in worlds if w["id"] == body.world), None)
        if offer is None:
            raise NotFound(f"There is no world {body.world!r}; worlds: {', '.join(w['id'] for w in worlds)}.")
        if not offer["available"]:
            raise ScenewrightError(f"The {body.world} world is not available here: {offer['reason']}")
        mode = offer["mode"]
        if body.renderer is not None and body.renderer != default_renderer(offer["world"]):
            offers = renderer_offers(offer["world"])
            chosen = next((r for r in offers if r["id"] == body.renderer), None)
            if chosen is None:
                raise ScenewrightError(f"There is no renderer {body.renderer!r} here; renderers for the "
                                       f"{body.world} world: {', '.join(r['id'] for r in offers)}.")
            if not chosen["available"]:
                raise ScenewrightError(f"The {chosen['label']} renderer cannot draw the {body.world} world "
                                       f"here: {chosen['reason']}")
            mode = f"{mode}+{body.renderer}"
        client = client_key(request.client.host if request.client else None)
        live = sessions.create(offer["world"], mode, client, config.max_sessions)
        with live.lock:
            return _json(state(live), status=201)

    @app.get("/api/sessions/{sid}", tags=["sessions"], response_model=None, responses={200: {"model": StateOut}})
    def get_session(sid: str = PathParam(..., pattern=SID)) -> Response:
        """Everything the page shows: timeline, branches, objects, chat."""
        return sessions.read(sid, lambda live: _json(state(live)))

    @app.delete("/api/sessions/{sid}", status_code=204, tags=["sessions"], response_model=None)
    def delete_session(sid: str = PathParam(..., pattern=SID)) -> Response:
        if not sessions.delete(sid):
            raise NotFound("There is no such scene.")
        return Response(status_code=204)

    @app.post("/api/sessions/{sid}/tell", tags=["turns"], response_model=None, responses={200: {"model": TurnReply}})
    def tell(body: Tell, sid: str = PathParam(..., pattern=SID)) -> Response:
        """Do what the text says. A turn that cannot be done changes nothing; `turn.reply` says why."""
        if len(body.text) > config.max_text:
            return _json({"error": {"status": 422, "message": f"An instruction can be at most "
                                    f"{config.max_text:,} characters; say one thing at a time."}}, 422)
        return change(sid, lambda s: s.tell(body.text))

    @app.post("/api/sessions/{sid}/undo", tags=["turns"], response_model=None, responses={200: {"model": TurnReply}})
    def undo(sid: str = PathParam(..., pattern=SID)) -> Response:
        return change(sid, lambda s: s.undo())

    @app.post("/api/sessions/{sid}/redo", tags=["turns"], response_model=None, responses={200: {"model": TurnReply}})
    def redo(sid: str = PathParam(..., pattern=SID)) -> Response:
        return change(sid, lambda s: s.redo())

    @app.post("/api/sessions/{sid}/goto", tags=["turns"], response_model=None, responses={200: {"model": TurnReply}})
    def goto(body: Goto, sid: str = PathParam(..., pattern=SID)) -> Response:
        """Make the scene after turn k current. Later turns stay (redo); a new turn keeps them as a branch."""
        return change(sid, lambda s: s.goto(body.turn))

    @app.delete("/api/sessions/{sid}/objects/{oid}", tags=["turns"], response_model=None,
                responses={200: {"model": TurnReply}})
    def delete_object(sid: str = PathParam(..., pattern=SID), oid: str = PathParam(..., pattern=OID)) -> Response:
        """Remove one object from the current scene, as a turn of its own (undo brings it back)."""
        def act(s: Session):
            try:
                obj = s.scene.get(oid)
            except KeyError:
                raise NotFound(f"The current scene has no object {oid}.") from None
            text = f"delete the {_label(obj)}"
            s.dialog.append(text)
            return s.apply(text, (Remove(oid),), reply=f"Deleted the {_label(obj)}.")
        return change(sid, act)

    @app.get("/api/sessions/{sid}/history", tags=["sessions"])
    def history(sid: str = PathParam(..., pattern=SID)) -> dict[str, Any]:
        """The full record: every entry with its scene, the branches, and the event log with times."""
        return sessions.read(sid, lambda live: live.session.history.to_dict())

    @app.get("/api/compare", tags=["sessions"], response_model=None)
    def compare_sessions(a: str = Query(..., pattern=SID), b: str = Query(..., pattern=SID),
                         format: Literal["json", "html"] = "json") -> Response:
        """Two witnesses of one scene (`scenewright compare --json`): who is who, what they agree on, what
        conflicts, what only one of them says, and each session's seal. `format=html`: the page
        `scenewright compare` writes (both pictures, the tables)."""
        from ..witness.compare import compare, render_compare, witness_from_data

        wa, wb = (witness_from_data(sessions.read(sid, lambda live: live.session.to_dict()), name, sid)
                  for name, sid in (("A", a), ("B", b)))
        result = compare(wa, wb)
        if format == "html":
            return Response(render_compare(result), media_type="text/html; charset=utf-8")
        return _json(result.to_dict())

    @app.get("/api/sessions/{sid}/scene", tags=["pictures"])
    def scene(sid: str = PathParam(..., pattern=SID), turn: Optional[int] = Query(None, ge=0),
              branch: Optional[int] = Query(None, ge=0)) -> dict[str, Any]:
        """The scene JSON (the contract in ARCHITECTURE.md) now, after turn k, or in an earlier branch."""
        sc, world = sessions.read(sid, lambda live: (pick(live, turn, branch), live.session.world))
        return {"scene": sc.to_dict(), "objects": _objects(sc, world), "key": scene_key(sc)}

    @app.get("/api/sessions/{sid}/image.png", tags=["pictures"], response_class=Response,
             responses={200: {"content": {"image/png": {}}}})
    def image(request: Request, sid: str = PathParam(..., pattern=SID), turn: Optional[int] = Query(None, ge=0),
              branch: Optional[int] = Query(None, ge=0), size: Literal["full", "thumb"] = "full",
              v: Optional[str] = Query(None, max_length=32)) -> Response:
        """The picture. With `v` = the scene's key (from the state) the answer may be cached forever."""
        session, sc = sessions.read(sid, lambda live: (live.session, pick(live, turn, branch)))
        data, key = pictures.png(session, sc, size)
        etag = f'"{key}-{size}"'
        cache = "private, max-age=31536000, immutable" if v == key else "private, no-cache"
        if request.headers.get("if-none-match") == etag:
            return Response(status_code=304, headers={"etag": etag, "cache-control": cache})
        return Response(data, media_type="image/png", headers={"etag": etag, "cache-control": cache})

    @app.get("/api/sessions/{sid}/image.svg", tags=["pictures"], response_class=Response,
             responses={200: {"content": {"image/svg+xml": {}}}})
    def image_svg(sid: str = PathParam(..., pattern=SID), turn: Optional[int] = Query(None, ge=0),
                  branch: Optional[int] = Query(None, ge=0)) -> Response:
        session, sc = sessions.read(sid, lambda live: (live.session, pick(live, turn, branch)))
        return Response(pictures.svg(session, sc), media_type="image/svg+xml")

    @app.get("/api/sessions/{sid}/export/{kind}", tags=["export"], response_class=Response,
             responses={200: {"content": {"image/png": {}, "image/svg+xml": {}, "application/json": {},
                                          "image/gif": {}, "text/html": {}, "application/pdf": {}}}})
    def export(sid: str = PathParam(..., pattern=SID),
               kind: Literal["png", "svg", "json", "session", "gif", "report", "pdf"] = PathParam(...),
               turn: Optional[int] = Query(None, ge=0)) -> Response:
        """Download: png / svg / json (the scene) / session (for `scenewright chat --load`) / gif (every turn)
        / report (printable HTML page: for a street session the witness interview record, as `scenewright
        report` writes it) / pdf (the same page printed to PDF, with real text; 503 when the server has no
        Chromium to print with)."""
        def snapshot(live: Live):
            row = store.load(sid)
            data = live.session.to_dict()
            return Session.from_dict(data), live.session, pick(live, turn, None), (row.created if row else None), data
        copy, session, sc, created, data = sessions.read(sid, snapshot)
        copy.renderer = session.renderer
        stem = f"scenewright-{sid[:8]}" + (f"-turn{turn}" if turn is not None else "")
        if kind == "png":
            body, media = pictures.png(session, sc, "full")[0], "image/png"
        elif kind == "svg":
            body, media = pictures.svg(session, sc).encode(), "image/svg+xml"
        elif kind == "json":
            body, media = json.dumps(sc.to_dict(), indent=1).encode(), "application/json"
        elif kind == "session":
            body, media = json.dumps(data, indent=1).encode(), "application/json"
        elif kind == "gif":
            h = copy.history
            scenes = [h.start] + [e.scene for e in h.entries[:h.cursor]]
            body, media = pictures.gif(copy, scenes), "image/gif"
        elif kind == "report":
            body, media = pictures.report_html(copy, sid, created).encode(), "text/html; charset=utf-8"
        else:
            from ..witness.pdf import PdfUnavailable

            try:
                body, media = pictures.report_pdf(copy, sid, created), "application/pdf"
            except PdfUnavailable as e:
                log.warning("no PDF for %s: %s", sid[:8], e)
                return _json({"error": {"status": 503, "message": "This server cannot make PDFs. Open the "
                                        "printable report and print it to PDF from your browser."}}, 503)
        ext = {"session": "session.json", "report": "report.html", "pdf": "report.pdf"}.get(kind, kind)
        disposition = "inline" if kind == "report" else "attachment"
        return Response(body, media_type=media,
                        headers={"content-disposition": f'{disposition}; filename="{stem}.{ext}"'})

    return app


# -- helpers ------------------------------------------------------------------------------------------------
def _objects(scene: Scene, world: World) -> list[dict[str, Any]]:
    """The object list: "words" says what was said of each thing beyond colour, posture and place, in English
    ("black hoodie", "carries a bag (said: 'I think, maybe')"); "attributes" keeps the raw scene JSON."""
    from ..witness.describe import attribute_words

    return [{"id": o.id, "label": _label(o), "category": o.category, "color": o.color, "pose": o.pose,
             "expression": o.expression, "scale": o.scale, "x": o.x, "y": o.y, "flip": o.flip,
             "attributes": dict(o.to_dict().get("attributes") or {}), "words": attribute_words(world, o, scene)}
            for o in scene.objects]


def split_mode(mode: str) -> tuple[str, str | None]:
    """A session's stored mode: the parser's ("grammar", "codraw"), then "+renderer" when it is drawn by
    another renderer than the world's default ("grammar+layered"). Never a path: renderer names come
    from the picker's fixed list."""
    parser, _, renderer = mode.partition("+")
    return parser, renderer or None


def _probe_renderers(world: str, default: str, shared: dict[str, Any], clipart: str | None) -> list[dict[str, Any]]:
    """Which renderers can draw `world` here: build each and draw one object with it. A renderer that
    cannot (no weights for the world, another world only) says why in `reason`."""
    from ..render import RENDERERS, get_renderer
    from ..worlds import get_world

    names = [default] + [n for n in RENDERERS if n not in PICKER_SKIP and n != default]
    w = get_world(world)
    probe = apply_all(Scene(world, w.default_background),
                      [Add(SceneObject(id="o1", category=w.categories[0].name, x=0.5, y=0.6))])
    offers = []
    for name in names:
        offer = {"id": name, "label": RENDERER_LABELS.get(name, name), "available": False, "reason": None,
                 "default": name == default}
        try:
            # a fresh one, drawn on before it is shared: sessions may be drawing with the shared one
            renderer = get_renderer(world, name, **({"clipart": clipart} if name == "clipart" else {}))
            renderer.render(probe, (64, 64))
            shared.setdefault(f"{world}:{renderer.name}", renderer)
            offer["available"] = True
        except ScenewrightError as e:  # the package's own folder is not the visitor's business
            offer["reason"] = str(e).replace(str(Path(__file__).resolve().parents[1]), "scenewright")[:300]
        except Exception as e:  # a renderer still being built must not take the server down
            offer["reason"] = f"it did not load ({type(e).__name__}: {e})"[:300]
            log.warning("renderer %s is not offered for %s: %s", name, world, offer["reason"])
        offers.append(offer)
    return offers


def _probe_worlds(config: WebConfig, factory) -> list[dict[str, Any]]:
    """Which worlds can really be drawn here: build a session and draw one object of each."""
    offers = []
    for name in config.worlds:
        offer = {"id": name, "world": name, "mode": "grammar", "label": name.capitalize(), "title": name,
                 "available": False, "reason": None,
                 "example": WORLD_EXAMPLES.get(name, "")}
        try:
            s = factory(name, "grammar")
            offer["title"] = s.world.title
            probe = Scene(name, s.world.default_background)
            cat = s.world.categories[0].name
            probe = apply_all(probe, [Add(SceneObject(id="o1", category=cat, x=0.5, y=0.6))])
            s.render(probe, (64, 64))
            offer["available"] = True
        except Exception as e:  # a world whose drawing is still being built
            offer["reason"] = f"it cannot be drawn yet ({type(e).__name__}: {e})"[:200]
            log.warning("world %s is not offered: %s", name, offer["reason"])
        offers.append(offer)
    if config.codraw:
        offer = {"id": "codraw", "world": "park", "mode": "codraw", "label": "Park (learned CoDraw drawer)",
                 "title": "CoDraw's park, drawn by the learned drawer",
                 "available": False, "reason": None, "example": WORLD_EXAMPLES["park"]}
        try:
            factory("park", "codraw")
            offer["available"] = True
        except Exception as e:
            offer["reason"] = f"the learned drawer did not load ({type(e).__name__}: {e})"[:200]
            log.warning("the learned CoDraw drawer is not offered: %s", offer["reason"])
        offers.append(offer)
    return offers


def _warm(world_names: list[str]) -> None:
    from ..language import semantic
    from ..worlds import get_world

    if not semantic.available():
        return
    try:
        for name in dict.fromkeys(world_names):
            semantic.nearest_category(get_world(name), "zzwarmup")
    except Exception as e:  # the fallback is optional: the first odd word will say what is wrong
        log.warning("could not load the MiniLM fallback in advance: %s", e)


def _load_static() -> dict[str, bytes]:
    root = resources.files("scenewright.web") / "static"
    return {name: (root / name).read_bytes() for name in STATIC}



def app_from_env() -> FastAPI:
    """The app as `scenewright serve` configures it (through SCENEWRIGHT_WEB_* variables, so that every
    uvicorn worker process builds the same one)."""
    env = os.environ.get
    loopback = env("SCENEWRIGHT_WEB_LOOPBACK", "1") == "1"
    return create_app(WebConfig(
        db=env("SCENEWRIGHT_WEB_DB") or default_db(),
        codraw=env("SCENEWRIGHT_WEB_CODRAW") or None,
        clipart=env("SCENEWRIGHT_WEB_CLIPART") or None,
        max_sessions=int(env("SCENEWRIGHT_WEB_MAX_SESSIONS", "1000")),
        synchronous=env("SCENEWRIGHT_WEB_SYNC", "FULL"),
        shared=env("SCENEWRIGHT_WEB_SHARED", "0") == "1",
        allowed_hosts=["127.0.0.1", "localhost", "[::1]"] if loopback else None,
        picture_cache=int(env("SCENEWRIGHT_WEB_PICTURE_CACHE", str(64 << 20))),
        warm=env("SCENEWRIGHT_WEB_WARM", "1") == "1",
    ))
