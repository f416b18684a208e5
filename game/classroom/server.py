"""The web server of ``budapest56 serve``: textual-serve's protocol, hardened for a classroom.

Built on textual-serve's ``Server`` (its download handling and message protocol are reused),
with what a lesson on a school network needs:

- one warm game process per tab from the fork server (``warm.py``), not a new Python per tab;
- a cap on games running at once, told to the student who is turned away and to the teacher;
- terminal sizes clamped to sane bounds (a forged ``width=100000`` cannot eat the machine);
- our own page: every asset from this machine, addresses relative to what the student typed,
  keys working without a first click;
- no directory listing under ``/static/``; one log line, never a traceback, for a bad request.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
from aiohttp import WSMsgType, web
from textual_serve.server import Server

from game.classroom.warm import ForkServer, ForkServerError, WarmAppService
from game.l10n import _, current_language

log = logging.getLogger("budapest56.serve")
PAGE = Path(__file__).resolve().parent / "page"
MIN_WIDTH, MAX_WIDTH = 20, 250
MIN_HEIGHT, MAX_HEIGHT = 8, 100
MIN_FONT, MAX_FONT = 8, 48
DEFAULT_MAX_SESSIONS = 40


def clamp(value: object, low: int, high: int, default: int) -> int:
    """A whole number within [low, high]; anything that is not a number gives ``default``."""
    try:
        number = int(str(value).strip())
    except ValueError:
        return default
    return max(low, min(high, number))


def clamp_size(width: object, height: object) -> tuple[int, int]:
    return clamp(width, MIN_WIDTH, MAX_WIDTH, 80), clamp(height, MIN_HEIGHT, MAX_HEIGHT, 24)


@dataclass
class Tab:
    """One connected browser tab and its game."""

    remote: str
    started: float = field(default_factory=time.monotonic)


class ClassServer(Server):
    """textual-serve's server with warm processes, a session cap and a page of our own."""

    def __init__(
        self, forks: ForkServer, title: str, max_sessions: int = DEFAULT_MAX_SESSIONS, font_size: int = 16
    ) -> None:
        super().__init__("budapest56 play", title=title)
        self.font_size = font_size  # 16, or larger for group mode on a projector (?fontsize= overrides)
        self.forks = forks
        self.max_sessions = max_sessions
        self.tabs: dict[str, Tab] = {}
        self.turned_away = 0
        self._sockets: set[web.WebSocketResponse] = set()
        self._page = jinja2.Environment(
            loader=jinja2.FileSystemLoader(PAGE), autoescape=True, undefined=jinja2.StrictUndefined
        ).get_template("index.html")

    # -- the web application ---------------------------------------------------------------------
    def routes(self) -> list[web.AbstractRouteDef]:
        """Every route of the site; add one here (or to the app ``make_app`` returns)."""
        return [
            web.get("/", self.handle_index, name="index"),
            web.get("/ws", self.handle_websocket, name="websocket"),
            web.get("/download/{key}", self.handle_download, name="download"),
            web.static("/static", self.statics_path, show_index=False, name="static"),
        ]

    def make_app(self) -> web.Application:
        app = web.Application()
        app.add_routes(self.routes())
        app.on_shutdown.append(self.close_tabs)
        return app

    async def _make_app(self) -> web.Application:  # textual-serve's name, for its own serve()
        return self.make_app()

    async def close_tabs(self, _app: web.Application) -> None:
        """On shutdown: close every tab, which asks its game to quit (it has autosaved)."""
        for ws in list(self._sockets):
            with contextlib.suppress(Exception):
                await ws.close(code=1001, message=b"The lesson's server has stopped.")

    # -- the page ------------------------------------------------------------------------------------
    async def handle_index(self, request: web.Request) -> web.Response:
        font_size = clamp(request.query.get("fontsize", str(self.font_size)), MIN_FONT, MAX_FONT, self.font_size)
        page = self._page.render(
            title=self.title,
            font_size=font_size,
            lang=current_language(),
            starting=_("{title} — starting your game…").format(title=self.title),
            start=_("Start"),
            ended=_("This game has ended."),
            again=_("Start again"),
        )
        return web.Response(text=page, content_type="text/html", headers={"Cache-Control": "no-store"})

    # -- one tab ---------------------------------------------------------------------------------------
    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        websocket = web.WebSocketResponse(heartbeat=15)
        try:
            await websocket.prepare(request)
        except web.HTTPException as exc:
            log.warning("Refused a bad websocket request from %s: %s", request.remote, exc.text or exc.reason)
            raise
        if len(self.tabs) >= self.max_sessions:
            self.turned_away += 1
            log.warning(
                "Session cap reached (%d games running): a new tab was turned away. Raise it with --max-sessions.",
                len(self.tabs),
            )
            full = _("The class is full: {n} games are running on this computer.").format(n=len(self.tabs))
            message = f"\r\n  {full}\r\n  " + _("Ask your teacher, then press 'Start again'.") + "\r\n"
            with contextlib.suppress(Exception):
                await websocket.send_bytes(message.encode())
                await websocket.close()
            return websocket
        width, height = clamp_size(request.query.get("width"), request.query.get("height"))
        key = uuid.uuid4().hex
        self.tabs[key] = Tab(str(request.remote))
        self._sockets.add(websocket)
        service: WarmAppService | None = None
        try:
            service = WarmAppService(
                self.forks,
                write_bytes=websocket.send_bytes,
                write_str=websocket.send_str,
                close=websocket.close,
                download_manager=self.download_manager,
            )
            await service.start(width, height)
            log.info("A game started for %s (%d running).", request.remote, len(self.tabs))
            await self._process_messages(websocket, service)
        except ForkServerError as exc:
            log.error("A game could not start: %s", exc)
        except (asyncio.CancelledError, ConnectionError):
            pass
        except Exception as exc:  # noqa: BLE001 — one line for the teacher, never a traceback
            log.error("A tab's connection failed: %s: %s", type(exc).__name__, exc)
        finally:
            self._sockets.discard(websocket)
            self.tabs.pop(key, None)
            if service is not None:
                with contextlib.suppress(Exception):
                    await service.stop()
            with contextlib.suppress(Exception):
                await websocket.close()
            log.info("A game ended (%d running).", len(self.tabs))
        return websocket

    async def _process_messages(self, websocket: web.WebSocketResponse, app_service: WarmAppService) -> None:
        """What the browser sends: keys, sizes (clamped), focus and pings; anything else is ignored."""
        async for message in websocket:
            if message.type != WSMsgType.TEXT:
                continue
            try:
                envelope = json.loads(message.data)
            except ValueError:
                continue
            if not isinstance(envelope, list) or not envelope or not isinstance(envelope[0], str):
                continue
            kind, data = envelope[0], envelope[1] if len(envelope) > 1 else None
            if kind == "stdin" and isinstance(data, str):
                await app_service.send_bytes(data.encode("utf-8", "replace"))
            elif kind == "resize" and isinstance(data, dict):
                await app_service.set_terminal_size(*clamp_size(data.get("width"), data.get("height")))
            elif kind == "ping" and isinstance(data, str):
                await websocket.send_json(["pong", data[:64]])
            elif kind == "blur":
                await app_service.blur()
            elif kind == "focus":
                await app_service.focus()
