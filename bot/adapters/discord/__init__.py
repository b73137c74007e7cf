"""The Discord front end: ``docket discord --config FILE`` runs ``main``; ``docket run`` uses
``DiscordService`` next to the other services.

Translation only: an interaction becomes the text after ``/docket``, the router answers, and
``bot.render.discord`` turns the answer into an embed.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field

import discord

from bot.adapters.discord import strings
from bot.adapters.discord.client import build_client
from bot.adapters.discord.settings import DiscordSettings
from bot.app.config import Config, require_env
from bot.errors import ConfigError
from bot.pack.loader import load_pack
from bot.answering.router import Router
from bot.app.commands import build_router

logger = logging.getLogger(__name__)

__all__ = ["DiscordService", "DiscordSettings", "build_client", "discord_service", "main"]


@dataclass
class DiscordService:
    """A built client and its token; ``serve`` runs it until cancelled."""

    client: discord.Client
    token: str = field(repr=False)

    async def serve(self) -> None:
        try:
            async with self.client:
                await self.client.start(self.token)
        except discord.LoginFailure as exc:
            raise ConfigError(strings.TOKEN_REJECTED) from exc


def discord_service(config: Config, router: Router) -> DiscordService:
    """Check settings and token first (cheap, clear errors), then build the client."""
    settings = DiscordSettings.from_config(config)
    quiet_library_debug()
    token = require_env("DISCORD_TOKEN", strings.TOKEN_PURPOSE)
    return DiscordService(build_client(settings, router), token)


def main(config: Config) -> int:
    """Answer ``/docket`` in Discord until interrupted (digests run with ``docket run``)."""
    DiscordSettings.from_config(config)
    require_env("DISCORD_TOKEN", strings.TOKEN_PURPOSE)
    service = discord_service(config, build_router(load_pack(config.pack)))
    try:
        asyncio.run(service.serve())
    except KeyboardInterrupt:
        logger.info("Discord bot stopped")
    return 0


def quiet_library_debug() -> None:
    """Keep discord.py at INFO even under ``docket -v``.

    Its DEBUG log prints every gateway payload whole, interaction tokens and user data
    included; our own modules log what matters (interaction id, outcome, errors) at DEBUG.
    """
    library = logging.getLogger("discord")
    if library.getEffectiveLevel() < logging.INFO:
        library.setLevel(logging.INFO)
