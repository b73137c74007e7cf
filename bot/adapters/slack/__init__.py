"""The Slack front end: ``docket slack --config FILE`` runs ``main``.

Translates Slack requests into router calls and router answers into Block Kit;
see the Slack section of README.md for set-up.
"""

from __future__ import annotations

import asyncio
import logging

from bot.adapters.slack.app import build_app
from bot.adapters.slack.server import serve_http, serve_socket
from bot.adapters.slack.settings import SlackSettings, parse_settings, read_secrets
from bot.config import Config
from bot.loader import load_pack
from bot.router import Router

logger = logging.getLogger(__name__)

__all__ = ["SlackSettings", "main"]


def main(config: Config) -> int:
    """Check settings and secrets, load the pack, then serve until interrupted."""
    settings = parse_settings(config)
    secrets = read_secrets(settings)
    router = Router(load_pack(config.pack))
    app = build_app(settings, secrets, router)
    if settings.mode == "socket":
        serving = serve_socket(app, secrets.app_token or "")
    else:
        serving = serve_http(app, settings.host, settings.port)
    try:
        asyncio.run(serving)
    except KeyboardInterrupt:
        logger.info("Slack app stopped")
    return 0
