"""The Slack front end: ``docket slack --config FILE`` runs ``main``; ``docket run`` uses
``SlackService`` next to the other services.

Translates Slack requests into router calls and router answers into Block Kit;
see the Slack section of README.md for set-up.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass

from slack_bolt.async_app import AsyncApp

from bot.adapters.slack.app import SLACK_API_URL, build_app
from bot.adapters.slack.server import serve_http, serve_socket
from bot.adapters.slack.settings import SlackSecrets, SlackSettings, parse_settings, read_secrets
from bot.app.config import Config
from bot.pack.loader import load_pack
from bot.answering.router import Router
from bot.app.commands import build_router

logger = logging.getLogger(__name__)

__all__ = ["SlackService", "SlackSettings", "main", "slack_service"]


@dataclass
class SlackService:
    """The configured app, ready to serve; also the source of bot tokens for digest posts."""

    settings: SlackSettings
    secrets: SlackSecrets
    app: AsyncApp

    async def serve(self) -> None:
        """Serve until cancelled: Socket Mode, or the HTTP endpoint."""
        if self.settings.mode == "socket":
            await serve_socket(self.app, self.secrets.app_token or "")
        else:
            await serve_http(self.app, self.settings.host, self.settings.port)

    async def token_for(self, team: str | None) -> str | None:
        """The bot token for ``team``: the one token, or the workspace's stored installation."""
        if not self.settings.oauth:
            return self.secrets.bot_token
        store = self.app.installation_store
        bot = await store.async_find_bot(enterprise_id=None, team_id=team) if store else None
        return bot.bot_token if bot else None


def slack_service(config: Config, router: Router, *, api_url: str = SLACK_API_URL) -> SlackService:
    """Check settings and secrets (one clear line for the first problem), then build the app."""
    settings = parse_settings(config)
    secrets = read_secrets(settings)
    return SlackService(settings, secrets, build_app(settings, secrets, router, api_url=api_url))


def main(config: Config) -> int:
    """Answer questions in Slack until interrupted (digests run with ``docket run``)."""
    parse_settings(config)      # settings errors first, before the pack loads
    service = slack_service(config, build_router(load_pack(config.pack)))
    try:
        asyncio.run(service.serve())
    except KeyboardInterrupt:
        logger.info("Slack app stopped")
    return 0
