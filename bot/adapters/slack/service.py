"""The Slack app as a service ``docket run`` and ``docket slack`` start: checked, then served.

Before serving, Slack must be reachable and accept the tokens; otherwise start-up stops with
one line (``StartupError``) instead of a traceback, or a Socket Mode client retrying a rejected
token for ever.
"""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

import aiohttp
from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.adapters.slack.app import DocketApp, build_app
from bot.adapters.slack.oauth import open_stores
from bot.adapters.slack.server import serve_http
from bot.adapters.slack.settings import SlackSecrets, SlackSettings, reveal
from bot.adapters.slack.tokens import BotTokens
from bot.answering.router import Router
from bot.errors import StartupError, first_line

if TYPE_CHECKING:
    from bot.curation.recorder import Curation

logger = logging.getLogger(__name__)


@dataclass
class SlackService:
    """The configured app, ready to serve; ``tokens`` gives the bot token for each workspace."""

    settings: SlackSettings
    secrets: SlackSecrets
    app: DocketApp
    tokens: BotTokens

    #: How ``connected`` finds out, once serving has begun.
    _probe: Callable[[], Awaitable[bool]] | None = field(default=None, init=False, repr=False)

    async def serve(self) -> None:
        """Check the tokens, then serve until cancelled: Socket Mode, or the HTTP endpoint."""
        if not self.settings.oauth:
            await _check(self.settings.api_url, "SLACK_BOT_TOKEN", "auth.test",
                         reveal(self.secrets.bot_token))
        if self.settings.mode == "socket":
            url = await _check(self.settings.api_url, "SLACK_APP_TOKEN", "apps.connections.open",
                               reveal(self.secrets.app_token))
            await serve_socket(self.app, reveal(self.secrets.app_token) or "", url,
                               watch=self._watch_socket)
        else:
            await serve_http(self.app, self.settings.host, self.settings.port,
                             watch=self._watch_http)

    async def connected(self) -> bool:
        """Whether Slack can reach the app now: the HTTP endpoint listening, or the Socket
        Mode connection open (``/readyz``)."""
        return self._probe is not None and await self._probe()

    def _watch_socket(self, handler: AsyncSocketModeHandler) -> None:
        self._probe = handler.client.is_connected

    def _watch_http(self, _: object) -> None:
        async def listening() -> bool:
            return True
        self._probe = listening


def slack_service(settings: SlackSettings, secrets: SlackSecrets, router: Router, *,
                  curation: Curation | None = None) -> SlackService:
    """The app and its token source; with OAuth, both read the one installation store."""
    stores = open_stores(settings, secrets) if settings.oauth else None
    app = build_app(settings, secrets, router, stores=stores, curation=curation)
    tokens = BotTokens(secrets.bot_token, stores.installations if stores else None)
    return SlackService(settings, secrets, app, tokens)


async def serve_socket(app: DocketApp, app_token: str, wss_url: str | None = None, *,
                       watch: Callable[[AsyncSocketModeHandler], None] | None = None) -> None:
    """Connect over Socket Mode (no public URL needed) and serve until cancelled. ``wss_url``:
    a connection URL already issued by the start-up check, so it is not asked for twice."""
    handler = AsyncSocketModeHandler(app, app_token)
    if wss_url:
        handler.client.wss_uri = wss_url
    if watch is not None:
        watch(handler)
    try:
        await handler.start_async()
    finally:
        await handler.close_async()
        await app.close()


async def _check(api_url: str, variable: str, method: str, token: str | None) -> str | None:
    """Call ``method`` with ``token``: one line if Slack cannot be reached or refuses it.
    Returns the Socket Mode URL when the method issues one."""
    client = AsyncWebClient(token=token, base_url=api_url, retry_handlers=[])
    try:
        reply = await client.api_call(method)
    except SlackApiError as exc:
        raise StartupError(f"Slack rejected {variable} ({exc.response.get('error')}); copy it "
                           "again from the app's settings page") from None
    except (aiohttp.ClientError, OSError, asyncio.TimeoutError) as exc:
        raise StartupError(f"cannot reach Slack at {api_url} ({type(exc).__name__}: "
                           f"{first_line(exc)})") from None
    return reply.get("url")
