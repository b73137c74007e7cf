"""A fake Discord REST API on 127.0.0.1, recording every request the bot makes.

discord.py is pointed at it by setting ``discord.http.Route.BASE`` (pinned discord.py 2.7.1:
this touches its internals). It answers what the client needs to log in (``/users/@me`` and
``/oauth2/applications/@me``, with ``Content-Type: application/json`` exactly, as discord.py
checks), the command sync PUTs, interaction callbacks and the follow-up webhooks, and serves
the fake gateway (``tests/fakes/discord_gateway.py``) from the same port.
"""

from __future__ import annotations

import asyncio
import itertools
import time
import json
from dataclasses import dataclass, field
from typing import Any, Callable

import discord.gateway
import discord.http
import yarl
from aiohttp import web

from fakes.discord_gateway import FakeGateway

APP_ID = 1100000000000000001
BOT_USER = {"id": str(APP_ID), "username": "Docket", "discriminator": "0", "global_name": None,
            "avatar": None, "bot": True, "flags": 0}
GOOD_TOKEN = "fake-token.for-tests.only"
#: The id in incoming webhook URLs the fake hands out (interaction follow-ups use APP_ID).
WEBHOOK_ID = "1500000000000000001"


@dataclass(frozen=True)
class HttpFailure:
    """An answer to give instead of the normal one: 429 (``retry_after`` seconds), 5xx, 404…"""

    status: int
    retry_after: float | None = None
    code: int = 0
    message: str = ""


@dataclass
class Request:
    """One request as the fake received it; ``body`` is the parsed JSON, if any."""

    method: str
    path: str
    query: dict[str, str]
    body: Any
    authorized: bool = False
    status: int = 200

    @property
    def flags(self) -> int:
        data = self.body.get("data", self.body) if isinstance(self.body, dict) else {}
        return int((data or {}).get("flags") or 0)


@dataclass
class FakeDiscord:
    """REST API plus gateway; ``start()`` points discord.py at it, ``stop()`` points it back."""

    token: str = GOOD_TOKEN
    shards: int = 1
    #: Point discord.py at this fake (bot tests); digest posting takes the URL directly instead.
    patch_library: bool = True
    requests: list[Request] = field(default_factory=list)
    #: Messages that exist, as Discord stored them (channel posts and webhook posts).
    messages: list[dict[str, Any]] = field(default_factory=list)
    #: Channel ids that do not exist, or where the bot is not a member: 404 Unknown Channel.
    missing_channels: set[str] = field(default_factory=set)
    #: How long a nonce with ``enforce_nonce`` returns its first message: "the past few
    #: minutes", Discord says; a repeat later than that is a new message.
    nonce_window: float = 300.0

    def __post_init__(self) -> None:
        self._failures: list[tuple[str, HttpFailure]] = []
        self._stalls: dict[str, str] = {}
        self._unstall: asyncio.Event | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._ids = itertools.count(1300000000000000000)
        self._nonces: dict[tuple[str, str], tuple[dict[str, Any], float]] = {}
        self.gateway = FakeGateway(user=BOT_USER, app_id=APP_ID)
        self._runner: web.AppRunner | None = None
        self._saved: tuple[str, yarl.URL] | None = None
        self.port = 0

    # -- lifecycle --------------------------------------------------------------------------

    async def start(self) -> None:
        self._loop = asyncio.get_running_loop()
        app = web.Application()
        app.router.add_get("/gateway", self.gateway.handle)
        app.router.add_route("*", "/api/v10/{path:.*}", self._api)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        if not self.patch_library:
            return
        self._saved = (discord.http.Route.BASE, discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY)
        discord.http.Route.BASE = f"http://127.0.0.1:{self.port}/api/v10"
        discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(self.gateway_url)

    async def stop(self) -> None:
        self.unstall()
        await self.gateway.close()
        if self._runner is not None:
            await self._runner.cleanup()
        if self._saved is not None:
            discord.http.Route.BASE, discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = self._saved

    @property
    def gateway_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/gateway"

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/v10"

    def webhook_url(self, token: str = "webhook-token") -> str:
        """An incoming webhook URL, as Discord shows it in a channel's integrations."""
        return f"{self.api_url}/webhooks/{WEBHOOK_ID}/{token}"

    def reset(self) -> None:
        self.unstall()
        self.requests.clear()
        self.messages.clear()
        self.missing_channels.clear()
        self._failures.clear()
        self._nonces.clear()
        self.nonce_window = 300.0

    def fail_http(self, path_prefix: str, *answers: HttpFailure) -> None:
        """Answer the next requests under ``path_prefix`` (``/channels/1…``) with these, in order."""
        self._failures += [(path_prefix, a) for a in answers]

    def stall(self, path_prefix: str, when: str = "before") -> None:
        """Hold requests under ``path_prefix``: ``before`` the message exists, or ``after``."""
        self._stalls[path_prefix] = when

    def unstall(self) -> None:
        """Let held requests go (answered 503); safe from any thread."""
        self._stalls.clear()
        event, self._unstall = self._unstall, None
        if event is not None and self._loop is not None:
            self._loop.call_soon_threadsafe(event.set)

    def posted(self, channel_id: str | None = None) -> list[dict[str, Any]]:
        return [m for m in self.messages if channel_id is None or m["channel_id"] == channel_id]

    # -- what tests look at -----------------------------------------------------------------

    def matching(self, method: str, prefix: str) -> list[Request]:
        return [r for r in self.requests if r.method == method and r.path.startswith(prefix)]

    async def wait_for(self, pick: Callable[[list[Request]], list[Request]], count: int = 1,
                       timeout: float = 10.0) -> list[Request]:
        """Poll the recorded requests until ``pick`` returns ``count`` of them, or fail."""
        deadline = asyncio.get_running_loop().time() + timeout
        while True:
            found = pick(self.requests)
            if len(found) >= count:
                return found
            if asyncio.get_running_loop().time() > deadline:
                seen = [f"{r.method} {r.path}" for r in self.requests]
                raise AssertionError(f"wanted {count} request(s), have {len(found)}; saw {seen}")
            await asyncio.sleep(0.01)

    async def replies_to(self, interaction: dict[str, Any], count: int = 1) -> list[Request]:
        """Callbacks and webhook calls made for one interaction (matched by its token)."""
        token = interaction["token"]
        return await self.wait_for(
            lambda reqs: [r for r in reqs if f"/{token}" in r.path], count)

    # -- the API ----------------------------------------------------------------------------

    async def _api(self, request: web.Request) -> web.Response:
        path = "/" + request.match_info["path"]
        body = None
        if request.can_read_body:
            text = await request.text()
            body = json.loads(text) if text and request.content_type == "application/json" else text
        authorized = request.headers.get("Authorization") == f"Bot {self.token}"
        recorded = Request(request.method, path, dict(request.query), body, authorized)
        self.requests.append(recorded)
        failure = next(((p, f) for p, f in self._failures if path.startswith(p)), None)
        stall = next((w for p, w in self._stalls.items() if path.startswith(p)), None)
        problems = limit_problems(body)
        if failure is not None:
            self._failures.remove(failure)
            response = _failure(failure[1])
        elif problems:  # what Discord does with an oversized message: 400 Invalid Form Body
            response = _json({"code": 50035, "message": "Invalid Form Body",
                              "errors": problems}, status=400)
        else:
            if stall == "before":
                await self._wait()
            response = self._answer(request.method, path.split("/")[1:], body, authorized,
                                    dict(request.query))
            if stall == "after":
                await self._wait()
        recorded.status = response.status
        return response

    async def _wait(self) -> None:
        if self._unstall is None:
            self._unstall = asyncio.Event()
        await self._unstall.wait()
        raise web.HTTPServiceUnavailable()

    def _answer(self, method: str, parts: list[str], body: Any, authorized: bool,
                query: dict[str, str] | None = None) -> web.Response:
        if parts == ["users", "@me"]:
            if not authorized:
                return _json({"message": "401: Unauthorized", "code": 0}, status=401)
            return _json(BOT_USER)
        if parts == ["oauth2", "applications", "@me"]:
            return _json(_application())
        if parts == ["gateway", "bot"]:
            return _json({"url": self.gateway_url, "shards": self.shards, "session_start_limit": {
                "total": 1000, "remaining": 1000, "reset_after": 0, "max_concurrency": 1}})
        if method == "PUT" and parts[:1] == ["applications"] and parts[-1] == "commands":
            guild_id = parts[3] if len(parts) == 5 else None
            return _json([self._command(c, guild_id) for c in body])
        if method == "POST" and parts[:1] == ["interactions"] and parts[-1] == "callback":
            return self._callback(parts[1], body)
        if method == "POST" and parts[:1] == ["channels"] and parts[2:] == ["messages"]:
            return self._channel_post(parts[1], body, authorized)
        if method == "GET" and parts[:1] == ["channels"] and parts[2:] == ["messages"]:
            limit = (query or {}).get("limit", "50")
            return self._channel_history(parts[1], int(limit) if limit.isdigit() else 50,
                                         authorized)
        if parts[:1] == ["webhooks"] and method in ("POST", "PATCH"):
            message = self._message(body)
            if parts[1] == WEBHOOK_ID:
                message["channel_id"] = "webhook"
                self.messages.append(message)
            return _json(message)
        return _json({"message": "404: Not Found (not faked)", "code": 0}, status=404)

    def _callback(self, interaction_id: str, body: dict[str, Any]) -> web.Response:
        data = body.get("data") or {}
        flags = int(data.get("flags") or 0)
        payload: dict[str, Any] = {"interaction": {
            "id": interaction_id, "type": 2, "response_message_loading": body["type"] == 5,
            "response_message_ephemeral": bool(flags & 64)}}
        if body["type"] == 4:
            payload["interaction"]["response_message_id"] = str(next(self._ids))
        return _json(payload)

    def _command(self, command: dict[str, Any], guild_id: str | None) -> dict[str, Any]:
        synced = {"id": str(next(self._ids)), "application_id": str(APP_ID), "version": "1",
                  "type": 1, "default_member_permissions": None, "dm_permission": True,
                  "nsfw": False, "options": [], **command}
        if guild_id:
            synced["guild_id"] = guild_id
        return synced

    def _channel_post(self, channel_id: str, body: Any, authorized: bool) -> web.Response:
        """Create a message; with ``enforce_nonce``, a nonce seen before returns that message."""
        if not authorized:
            return _json({"message": "401: Unauthorized", "code": 0}, status=401)
        if channel_id in self.missing_channels:
            return _json({"message": "Unknown Channel", "code": 10003}, status=404)
        seen = self._nonces.get((channel_id, str(body.get("nonce"))))
        if body.get("enforce_nonce") and seen and time.monotonic() - seen[1] < self.nonce_window:
            return _json(seen[0])
        message = {**self._message(body), "channel_id": channel_id, "type": 0,
                   "nonce": body.get("nonce")}
        self.messages.append(message)
        if body.get("nonce"):
            self._nonces[(channel_id, str(body["nonce"]))] = (message, time.monotonic())
        return _json(message)

    def _channel_history(self, channel_id: str, limit: int, authorized: bool) -> web.Response:
        """GET a channel's messages, newest first, as Discord lists them (without the nonce,
        which only the reply to the post and the gateway event carry)."""
        if not authorized:
            return _json({"message": "401: Unauthorized", "code": 0}, status=401)
        if channel_id in self.missing_channels:
            return _json({"message": "Unknown Channel", "code": 10003}, status=404)
        found = [{k: v for k, v in m.items() if k != "nonce"} for m in reversed(self.messages)
                 if m["channel_id"] == channel_id]
        return _json(found[:max(1, min(limit, 100))])

    def _message(self, body: Any) -> dict[str, Any]:
        body = body if isinstance(body, dict) else {}
        return {"id": str(next(self._ids)), "channel_id": "1200000000000000002", "type": 20,
                "content": body.get("content") or "", "author": BOT_USER,
                "embeds": body.get("embeds") or [], "attachments": [], "mentions": [],
                "mention_roles": [], "mention_everyone": False, "pinned": False, "tts": False,
                "timestamp": "2026-01-01T00:00:00+00:00", "edited_timestamp": None,
                "flags": int(body.get("flags") or 0), "components": []}


#: Discord's documented message limits, checked as Discord would check them.
EMBED_LIMITS = {"title": 256, "description": 4096, "fields": 25, "field.name": 256,
                "field.value": 1024, "footer": 2048, "author": 256, "total": 6000}


def limit_problems(body: Any) -> list[str]:
    """Every limit a message or autocomplete body breaks; empty when Discord would accept it."""
    if not isinstance(body, dict):
        return []
    data = body.get("data") if isinstance(body.get("data"), dict) else body
    problems = []
    if len(data.get("content") or "") > 2000:
        problems.append("content longer than 2000")
    for choice in data.get("choices") or []:
        if len(choice["name"]) > 100 or len(str(choice["value"])) > 100:
            problems.append(f"choice longer than 100: {choice['name'][:20]!r}")
    if len(data.get("choices") or []) > 25:
        problems.append("more than 25 choices")
    for embed in data.get("embeds") or []:
        problems += [f"embed {p}" for p in embed_problems(embed)]
    return problems


def embed_problems(embed: dict[str, Any]) -> list[str]:
    sizes = {"title": len(embed.get("title") or ""),
             "description": len(embed.get("description") or ""),
             "fields": len(embed.get("fields") or []),
             "footer": len((embed.get("footer") or {}).get("text") or ""),
             "author": len((embed.get("author") or {}).get("name") or "")}
    problems = [f"{k} {v} > {EMBED_LIMITS[k]}" for k, v in sizes.items() if v > EMBED_LIMITS[k]]
    total = sizes["title"] + sizes["description"] + sizes["footer"] + sizes["author"]
    for f in embed.get("fields") or []:
        total += len(f["name"]) + len(f["value"])
        if len(f["name"]) > EMBED_LIMITS["field.name"]:
            problems.append(f"field name {len(f['name'])} > 256")
        if len(f["value"]) > EMBED_LIMITS["field.value"]:
            problems.append(f"field value {len(f['value'])} > 1024")
    if total > EMBED_LIMITS["total"]:
        problems.append(f"total {total} > 6000")
    return problems


def _failure(failure: HttpFailure) -> web.Response:
    """Discord's error shapes: 429 carries ``retry_after`` in the body and the header."""
    if failure.status == 429:
        after = failure.retry_after or 0
        response = _json({"message": "You are being rate limited.", "retry_after": after,
                          "global": False, "code": 0}, status=429)
        response.headers["Retry-After"] = str(after)
        return response
    return _json({"message": failure.message or f"{failure.status}", "code": failure.code},
                 status=failure.status)


def _application() -> dict[str, Any]:
    return {"id": str(APP_ID), "name": "Docket", "icon": None, "description": "",
            "bot_public": True, "bot_require_code_grant": False, "owner": BOT_USER,
            "verify_key": "0" * 64, "flags": 0, "interactions_endpoint_url": None,
            "team": None, "rpc_origins": []}


def _json(data: Any, status: int = 200) -> web.Response:
    # Exactly "application/json": discord.py parses JSON only for that exact header value.
    return web.Response(body=json.dumps(data).encode(), status=status,
                        headers={"Content-Type": "application/json"})
