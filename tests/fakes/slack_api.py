"""A fake Slack Web API: a real aiohttp server on 127.0.0.1 that answers like Slack and records calls.

Point an ``AsyncWebClient`` at ``base_url`` and put ``response_url(...)`` into
payloads; every request then lands here, where tests read what the app
actually sent. Modelled on bolt-python's ``tests/mock_web_api_server``: the
network is faked at the HTTP edge, nothing of ours is patched.
"""

from __future__ import annotations

import asyncio
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
    #: When it arrived (``time.perf_counter``), so a benchmark can time request to answer.
    at: float = field(default_factory=time.perf_counter, compare=False)


@dataclass(frozen=True)
class HttpFailure:
    """An HTTP-level answer to give instead of the normal one: 429 (with Retry-After) or 5xx, 404…"""

    status: int
    retry_after: str | None = None
    body: str = ""


@dataclass
class FakeSlackApi:
    """Start with ``await fake.start()`` in any event loop; read ``calls`` from any thread."""

    calls: list[Call] = field(default_factory=list)
    failures: dict[str, str] = field(default_factory=dict)
    #: Socket Mode envelopes sent to each client that connects to the websocket.
    envelopes: list[dict[str, Any]] = field(default_factory=list)
    #: Messages that exist in each channel (what ``conversations.history`` returns).
    messages: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    #: Channels that do not exist (``channel_not_found``), users who are workspace admins.
    missing_channels: set[str] = field(default_factory=set)
    admins: set[str] = field(default_factory=set)
    #: users.info fields that differ from a plain member of TEAM_ID (a guest, another org's admin).
    user_fields: dict[str, dict[str, Any]] = field(default_factory=dict)
    #: Where an OAuth install lands: ``oauth.v2.access`` answers with this workspace and
    #: Enterprise Grid organisation (None: a workspace outside any organisation).
    install_team: str = "T9"
    install_enterprise: str | None = None
    port: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _runner: web.AppRunner | None = None
    _ts: int = 0
    _http_failures: dict[str, list[HttpFailure]] = field(default_factory=dict)
    _stalls: dict[str, str | float] = field(default_factory=dict)
    _unstall: Any = None
    _loop: Any = None

    async def start(self) -> None:
        self._loop = asyncio.get_running_loop()
        app = web.Application()
        app.router.add_post("/api/{method}", self._api)
        app.router.add_get("/api/{method}", self._api)        # slack_sdk GETs a few methods
        app.router.add_post("/response/{name}", self._response_url)
        app.router.add_post("/services/{hook:.*}", self._webhook)
        app.router.add_get("/socket", self._socket)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = self._runner.addresses[0][1]

    async def stop(self) -> None:
        self.unstall()
        if self._runner is not None:
            await self._runner.cleanup()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/"

    def response_url(self, name: str = "hook") -> str:
        return f"http://127.0.0.1:{self.port}/response/{name}"

    def webhook_url(self, name: str = "T1/B1/secret") -> str:
        """An incoming webhook URL, as Slack hands them out (``/services/T…/B…/…``)."""
        return f"http://127.0.0.1:{self.port}/services/{name}"

    # -- what tests use -------------------------------------------------------------------

    def reset(self) -> None:
        with self._lock:
            self.calls.clear()
            self.failures.clear()
            self.envelopes.clear()
            self.messages.clear()
            self.missing_channels.clear()
            self.admins.clear()
            self.user_fields.clear()
            self.install_team, self.install_enterprise = "T9", None
            self._http_failures.clear()
        self.unstall()

    def fail_http(self, method: str, *answers: HttpFailure) -> None:
        """Answer the next calls to ``method`` (or ``webhook``) with these HTTP failures, in order."""
        with self._lock:
            self._http_failures.setdefault(method, []).extend(answers)

    def stall(self, method: str, when: str | float = "before") -> None:
        """Never answer ``method``: ``before`` it takes effect (nothing posted), or ``after``
        (the message exists, the answer never comes), as when a process dies mid-request;
        ``drop`` (once: the message exists, then the connection is cut). A number of seconds
        instead: answer normally, that much later."""
        with self._lock:
            self._stalls[method] = when

    def posted(self, channel: str | None = None) -> list[dict[str, Any]]:
        """Messages that really exist (in one channel, or all), oldest first."""
        with self._lock:
            chosen = [channel] if channel else list(self.messages)
            return [m for c in chosen for m in self.messages.get(c, [])]

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
            ts = f"{int(time.time())}.{self._ts:06d}"       # Slack's ts is its clock, unique
        refused = await self._interfere(method)
        if refused is not None:
            return refused
        if error:
            return web.json_response({"ok": False, "error": error})
        if not token and method not in ("oauth.v2.access",):
            return web.json_response({"ok": False, "error": "not_authed"})
        if method == "apps.connections.open":
            return web.json_response({"ok": True, "url": f"ws://127.0.0.1:{self.port}/socket"})
        if method in ("chat.postMessage", "conversations.history") and \
                args.get("channel") in self.missing_channels:
            return web.json_response({"ok": False, "error": "channel_not_found"})
        if method == "chat.postMessage":
            with self._lock:
                self.messages.setdefault(args["channel"], []).append(
                    {"type": "message", "ts": ts, "text": args.get("text"),
                     "blocks": args.get("blocks"), "metadata": args.get("metadata"),
                     "bot_id": BOT_ID})
        if self._stalls.get(method) == "after":
            await self._wait_forever()
        if self._stalls.get(method) == "drop":          # taken, then the connection is cut
            with self._lock:
                self._stalls.pop(method)
            request.transport.close()
            return web.Response(status=500)
        if method == "conversations.history":
            return web.json_response(self._history(args))
        if method == "users.info":
            return web.json_response(self._user(args.get("user", "")))
        if method in ("auth.test", "oauth.v2.access") and (token == "xoxb-installed" or
                                                          method == "oauth.v2.access"):
            return web.json_response(self._installed(method))
        return web.json_response(_answer(method, args, token, ts))

    def _installed(self, method: str) -> dict[str, Any]:
        """The OAuth exchange and the installed token's ``auth.test``, for ``install_team`` in
        ``install_enterprise``, shaped as Slack documents them."""
        enterprise = ({"id": self.install_enterprise, "name": "Org"}
                      if self.install_enterprise else None)
        if method == "auth.test":
            return {"ok": True, "url": "https://fake.slack.com/", "team": "Nine",
                    "user": "docket", "team_id": self.install_team, "user_id": "UBOT2",
                    "bot_id": BOT_ID, "enterprise_id": self.install_enterprise,
                    "is_enterprise_install": False}
        return {"ok": True, "access_token": "xoxb-installed", "token_type": "bot",
                "scope": "commands,chat:write,app_mentions:read", "bot_user_id": "UBOT2",
                "app_id": "A1", "team": {"id": self.install_team, "name": "Nine"},
                "enterprise": enterprise, "is_enterprise_install": False,
                "authed_user": {"id": "U5", "scope": "", "access_token": None,
                                "token_type": None}}

    async def _webhook(self, request: web.Request) -> web.Response:
        """An incoming webhook: Slack answers "ok" as text, and errors as text with a status."""
        body = await request.text()
        with self._lock:
            self.calls.append(Call("webhook", json.loads(body or "{}"), None, request.path))
        refused = await self._interfere("webhook")
        if refused is not None:
            return refused
        with self._lock:
            self.messages.setdefault(request.path, []).append(json.loads(body or "{}"))
            dropped = self._stalls.pop("webhook", None) == "drop"
        if dropped:
            request.transport.close()
        return web.Response(text="ok")

    async def _interfere(self, method: str) -> web.Response | None:
        """What tests asked for before ``method`` takes effect: a failure, a hold or a delay."""
        with self._lock:
            queue = self._http_failures.get(method)
            failure = queue.pop(0) if queue else None
            stall = self._stalls.get(method)
        if failure is not None:
            return _http_failure(failure)
        if stall == "before":
            await self._wait_forever()
        if isinstance(stall, float):
            await asyncio.sleep(stall)
        return None

    async def _wait_forever(self) -> None:
        """Hold the request until ``unstall`` (or shutdown), then answer 503."""
        if self._unstall is None:
            self._unstall = asyncio.Event()
        await self._unstall.wait()
        raise web.HTTPServiceUnavailable()

    def unstall(self) -> None:
        """Let held requests go (answered 503); safe from any thread."""
        with self._lock:
            self._stalls.clear()
        event, self._unstall = self._unstall, None
        if event is not None and self._loop is not None:
            self._loop.call_soon_threadsafe(event.set)

    def _history(self, args: dict[str, Any]) -> dict[str, Any]:
        """Newest first, from ``oldest`` on; metadata only when asked for, as Slack does."""
        oldest = float(args.get("oldest") or 0)
        with_meta = str(args.get("include_all_metadata")).lower() in ("true", "1")  # Slack takes both
        with self._lock:
            found = [dict(m) for m in self.messages.get(args.get("channel"), [])
                     if float(m["ts"]) >= oldest]
        for message in found:
            if not with_meta or message.get("metadata") is None:
                message.pop("metadata", None)
        return {"ok": True, "messages": found[::-1], "has_more": False}

    def _user(self, user: str) -> dict[str, Any]:
        admin = user in self.admins
        return {"ok": True, "user": {"id": user, "team_id": TEAM_ID, "name": user.lower(),
                                     "is_admin": admin, "is_owner": False,
                                     "is_primary_owner": False, "is_bot": False,
                                     "tz": "Europe/London", "tz_label": "Greenwich Mean Time",
                                     **self.user_fields.get(user, {})}}

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


def _http_failure(failure: HttpFailure) -> web.Response:
    headers = {"Retry-After": failure.retry_after} if failure.retry_after is not None else {}
    return web.Response(status=failure.status, text=failure.body, headers=headers)


async def _arguments(request: web.Request) -> dict[str, Any]:
    if request.method == "GET":
        return dict(request.query)
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
        return {"ok": True, "url": "https://fake.slack.com/", "team": "Fake",
                "user": "docket", "team_id": TEAM_ID, "user_id": BOT_USER_ID, "bot_id": BOT_ID,
                "is_enterprise_install": False}
    if method == "chat.postMessage":
        return {"ok": True, "channel": args.get("channel"), "ts": ts,
                "message": {"type": "message", "bot_id": BOT_ID, "text": args.get("text"),
                            "ts": ts}}
    if method == "chat.postEphemeral":
        return {"ok": True, "message_ts": ts}
    return {"ok": False, "error": "unknown_method"}
