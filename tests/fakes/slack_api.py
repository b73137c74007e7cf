"""A fake Slack Web API: a real aiohttp server on 127.0.0.1 that answers like Slack and records calls.

Point an ``AsyncWebClient`` at ``base_url`` and put ``response_url(...)`` into
payloads; every request then lands here, where tests read what the app
actually sent. Modelled on bolt-python's ``tests/mock_web_api_server``: the
network is faked at the HTTP edge, nothing of ours is patched.
"""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl

from aiohttp import WSMsgType, web

BOT_USER_ID = "UBOT"
BOT_ID = "BBOT"
TEAM_ID = "T1"


@dataclass(frozen=True)
class Call:
    """One request the fake received: the API method (or ``response_url``), its arguments and token."""

    method: str
    args: dict[str, Any]
    token: str | None = None
    path: str = ""


@dataclass
class FakeSlackApi:
    """Start with ``await fake.start()`` in any event loop; read ``calls`` from any thread."""

    calls: list[Call] = field(default_factory=list)
    failures: dict[str, str] = field(default_factory=dict)
    #: Socket Mode envelopes sent to each client that connects to the websocket.
    envelopes: list[dict[str, Any]] = field(default_factory=list)
    port: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _runner: web.AppRunner | None = None
    _ts: int = 0

    async def start(self) -> None:
        app = web.Application()
        app.router.add_post("/api/{method}", self._api)
        app.router.add_post("/response/{name}", self._response_url)
        app.router.add_get("/socket", self._socket)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = self._runner.addresses[0][1]

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/"

    def response_url(self, name: str = "hook") -> str:
        return f"http://127.0.0.1:{self.port}/response/{name}"

    # -- what tests use -------------------------------------------------------------------

    def reset(self) -> None:
        with self._lock:
            self.calls.clear()
            self.failures.clear()
            self.envelopes.clear()

    def fail(self, method: str, error: str) -> None:
        """Answer every later call to ``method`` with ``{"ok": false, "error": error}``, as Slack does."""
        with self._lock:
            self.failures[method] = error

    def calls_to(self, method: str) -> list[Call]:
        with self._lock:
            return [c for c in self.calls if c.method == method]

    def wait_for(self, method: str, count: int = 1, timeout: float = 5.0) -> list[Call]:
        """Poll until ``count`` calls to ``method`` arrived; the app answers after its ack."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = self.calls_to(method)
            if len(found) >= count:
                return found
            time.sleep(0.01)
        raise AssertionError(f"expected {count} call(s) to {method} within {timeout}s, got "
                             f"{len(self.calls_to(method))}; all calls: "
                             f"{[c.method for c in self.calls]}")

    # -- what the app sees -----------------------------------------------------------------

    async def _api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        args = await _arguments(request)
        auth = request.headers.get("Authorization", "")
        token = auth[len("Bearer "):] if auth.startswith("Bearer ") else args.get("token")
        with self._lock:
            self.calls.append(Call(method, args, token, request.path))
            error = self.failures.get(method)
            self._ts += 1
            ts = f"1700000000.{self._ts:06d}"
        if error:
            return web.json_response({"ok": False, "error": error})
        if not token and method not in ("oauth.v2.access",):
            return web.json_response({"ok": False, "error": "not_authed"})
        if method == "apps.connections.open":
            return web.json_response({"ok": True, "url": f"ws://127.0.0.1:{self.port}/socket"})
        return web.json_response(_answer(method, args, token, ts))

    async def _response_url(self, request: web.Request) -> web.Response:
        args = await _arguments(request)
        with self._lock:
            self.calls.append(Call("response_url", args, None, request.path))
        return web.Response(text="ok")


    async def _socket(self, request: web.Request) -> web.WebSocketResponse:
        """Socket Mode as Slack runs it: ``hello``, then envelopes; each ack is recorded."""
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        await ws.send_json({"type": "hello", "num_connections": 1,
                            "connection_info": {"app_id": "A1"}})
        for envelope in list(self.envelopes):
            await ws.send_json(envelope)
        async for message in ws:
            if message.type == WSMsgType.TEXT:
                with self._lock:
                    self.calls.append(Call("socket_ack", json.loads(message.data)))
        return ws


async def _arguments(request: web.Request) -> dict[str, Any]:
    body = await request.text()
    if request.content_type == "application/json":
        return json.loads(body or "{}")
    args: dict[str, Any] = dict(parse_qsl(body))
    for key in ("blocks", "attachments", "metadata"):     # form posts carry these as JSON strings
        if isinstance(args.get(key), str):
            args[key] = json.loads(args[key])
    return args


def _answer(method: str, args: dict[str, Any], token: str | None, ts: str) -> dict[str, Any]:
    """The shape of Slack's successful answer for each method the app uses."""
    if method == "auth.test":
        installed = token == "xoxb-installed"
        return {"ok": True, "url": "https://fake.slack.com/", "team": "Fake",
                "user": "docket", "team_id": "T9" if installed else TEAM_ID,
                "user_id": "UBOT2" if installed else BOT_USER_ID, "bot_id": BOT_ID,
                "is_enterprise_install": False}
    if method == "chat.postMessage":
        return {"ok": True, "channel": args.get("channel"), "ts": ts,
                "message": {"type": "message", "bot_id": BOT_ID, "text": args.get("text"),
                            "ts": ts}}
    if method == "chat.postEphemeral":
        return {"ok": True, "message_ts": ts}
    if method == "oauth.v2.access":
        return {"ok": True, "access_token": "xoxb-installed", "token_type": "bot",
                "scope": "commands,chat:write,app_mentions:read", "bot_user_id": "UBOT2",
                "app_id": "A1", "team": {"id": "T9", "name": "Nine"}, "enterprise": None,
                "is_enterprise_install": False,
                "authed_user": {"id": "U5", "scope": "", "access_token": None,
                                "token_type": None}}
    return {"ok": False, "error": "unknown_method"}
