"""Replies to a command's ``response_url``, over one kept-alive HTTP session.

bolt's ``respond()`` builds a new webhook client, and so a new connection (a new TLS
handshake against Slack), for every reply; under load that was the largest single cost of a
slash command. These replies share one aiohttp session for the life of the app.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

import aiohttp
from slack_sdk.errors import SlackApiError
from slack_sdk.webhook.async_client import AsyncWebhookClient

logger = logging.getLogger(__name__)

Respond = Callable[..., Awaitable[None]]


class Replies:
    """``to(url)`` gives a ``respond``-like function for one response URL."""

    def __init__(self) -> None:
        self._session: aiohttp.ClientSession | None = None

    def to(self, url: str) -> Respond:
        async def respond(**body: Any) -> None:
            if self._session is None or self._session.closed:
                self._session = aiohttp.ClientSession()
            reply = await AsyncWebhookClient(url=url, session=self._session).send_dict(body)
            if reply.status_code != 200:
                raise SlackApiError(f"response_url answered HTTP {reply.status_code}",
                                    {"error": reply.body, "status": reply.status_code})
        return respond

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()
