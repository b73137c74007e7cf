"""A fake Discord gateway: a websocket on loopback that speaks just enough of the protocol.

It says HELLO, acks heartbeats, answers IDENTIFY with READY (echoing the shard the client asked
for), then lets a test dispatch raw ``INTERACTION_CREATE`` payloads, so the real discord.py
client receives them exactly as from Discord: its own gateway parsing, ``CommandTree``
dispatch and option transformers all run. Frames are plain JSON text, which the client accepts
alongside zlib-compressed binary.
"""

from __future__ import annotations

import asyncio
import itertools
from typing import Any

from aiohttp import WSMsgType, web

HELLO, HEARTBEAT, IDENTIFY, DISPATCH, HEARTBEAT_ACK = 10, 1, 2, 0, 11
GUILD_ID = 1200000000000000001
CHANNEL_ID = 1200000000000000002
USER = {"id": "1200000000000000003", "username": "asker", "discriminator": "0",
        "global_name": "Asker", "avatar": None}
_ids = itertools.count(1400000000000000000)


class FakeGateway:
    """Accepts any number of connections (one per shard); records every IDENTIFY."""

    def __init__(self, user: dict[str, Any], app_id: int) -> None:
        self.user = user
        self.app_id = app_id
        self.identified: list[dict[str, Any]] = []
        self._sockets: dict[int, web.WebSocketResponse] = {}
        self._seq = itertools.count(1)

    async def handle(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        await ws.send_json({"op": HELLO, "d": {"heartbeat_interval": 45000}})
        async for message in ws:
            if message.type is not WSMsgType.TEXT:
                continue
            frame = message.json()
            if frame["op"] == HEARTBEAT:
                await ws.send_json({"op": HEARTBEAT_ACK})
            elif frame["op"] == IDENTIFY:
                await self._ready(ws, frame["d"], str(request.url))
        self._sockets = {k: v for k, v in self._sockets.items() if v is not ws}
        return ws

    async def _ready(self, ws: web.WebSocketResponse, identify: dict[str, Any], url: str) -> None:
        shard = identify.get("shard", [0, 1])
        self.identified.append(identify)
        self._sockets[shard[0]] = ws
        await ws.send_json({"op": DISPATCH, "t": "READY", "s": next(self._seq), "d": {
            "v": 10, "user": self.user, "guilds": [], "session_id": f"session-{shard[0]}",
            "resume_gateway_url": url, "shard": shard,
            "application": {"id": str(self.app_id), "flags": 0}}})

    async def wait_identified(self, count: int = 1, timeout: float = 10.0) -> None:
        deadline = asyncio.get_running_loop().time() + timeout
        while len(self._sockets) < count:
            if asyncio.get_running_loop().time() > deadline:
                raise AssertionError(f"{len(self._sockets)} of {count} shard(s) identified")
            await asyncio.sleep(0.01)

    @property
    def shards(self) -> list[int]:
        return sorted(self._sockets)

    async def dispatch(self, event: str, data: dict[str, Any], shard: int | None = None) -> None:
        """Send one event on a shard's connection (the first one by default)."""
        ws = self._sockets[self.shards[0] if shard is None else shard]
        await ws.send_json({"op": DISPATCH, "t": event, "s": next(self._seq), "d": data})

    async def close(self) -> None:
        for ws in list(self._sockets.values()):
            await ws.close()
        self._sockets.clear()


def interaction(options: list[dict[str, Any]], *, kind: int = 2, guild: bool = True,
                command_guild_id: int | None = None, app_id: int) -> dict[str, Any]:
    """A raw ``INTERACTION_CREATE`` for ``/docket``: type 2 is the command, 4 autocomplete."""
    iid = str(next(_ids))
    data: dict[str, Any] = {"id": "1300000000000000099", "name": "docket", "type": 1,
                            "options": options}
    if command_guild_id:
        data["guild_id"] = str(command_guild_id)
    payload: dict[str, Any] = {
        "id": iid, "application_id": str(app_id), "type": kind, "token": f"itoken-{iid}",
        "version": 1, "channel_id": str(CHANNEL_ID), "locale": "en-US", "app_permissions": "0",
        "entitlements": [], "data": data, "attachment_size_limit": 8388608}
    if guild:
        payload.update({
            "guild_id": str(GUILD_ID), "guild_locale": "en-US", "context": 0,
            "authorizing_integration_owners": {"0": str(GUILD_ID)},
            "channel": {"id": str(CHANNEL_ID), "type": 0, "guild_id": str(GUILD_ID),
                        "name": "general", "position": 0, "permission_overwrites": [],
                        "nsfw": False, "parent_id": None, "rate_limit_per_user": 0},
            "member": {"user": USER, "roles": [], "joined_at": "2025-01-01T00:00:00+00:00",
                       "deaf": False, "mute": False, "permissions": "0", "flags": 0}})
    else:
        payload.update({"user": USER, "context": 1,
                        "authorizing_integration_owners": {"1": USER["id"]},
                        "channel": {"id": str(CHANNEL_ID), "type": 1, "recipients": [USER]}})
    return payload


def ask(question: str, *, private: bool | None = None, **kw: Any) -> dict[str, Any]:
    """``/docket question:<question> [private:<bool>]`` as Discord would send it."""
    options: list[dict[str, Any]] = [{"name": "question", "type": 3, "value": question}]
    if private is not None:
        options.append({"name": "private", "type": 5, "value": private})
    return interaction(options, **kw)


def typing(partial: str, **kw: Any) -> dict[str, Any]:
    """The autocomplete request Discord sends while the user types ``partial``."""
    return interaction([{"name": "question", "type": 3, "value": partial, "focused": True}],
                       kind=4, **kw)


def click(custom_id: str, components: list[dict[str, Any]], **kw: Any) -> dict[str, Any]:
    """A button press (a ``MESSAGE_COMPONENT`` interaction, type 3) on the bot's message, as
    Discord documents it: the button's ``custom_id``, and the message it sits on with that
    message's ``components``."""
    payload = interaction([], kind=3, **kw)
    payload["data"] = {"custom_id": custom_id, "component_type": 2}
    payload["message"] = {"id": "1500000000000000001", "channel_id": str(CHANNEL_ID),
                          "type": 20, "content": "", "embeds": [], "attachments": [],
                          "components": components, "mentions": [], "mention_roles": [],
                          "pinned": False, "mention_everyone": False, "tts": False,
                          "timestamp": "2026-11-25T09:00:00+00:00", "edited_timestamp": None,
                          "flags": 64, "author": {"id": str(kw["app_id"]), "username": "Docket",
                                                 "discriminator": "0", "avatar": None,
                                                 "bot": True}}
    return payload
