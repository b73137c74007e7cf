"""The Discord front end: ``docket discord --config FILE`` runs ``main``.

Translation only: an interaction becomes the text after ``/docket``, the router answers, and
``bot.render.discord`` turns the answer into an embed.
"""

from __future__ import annotations

import logging

import discord

from bot.adapters.discord import strings
from bot.adapters.discord.client import build_client
from bot.adapters.discord.settings import DiscordSettings
from bot.config import Config, require_env
from bot.errors import ConfigError
from bot.loader import load_pack
from bot.router import Router

logger = logging.getLogger(__name__)

__all__ = ["DiscordSettings", "build_client", "main"]


def main(config: Config) -> int:
    """Check settings and token first (cheap, clear errors), then load the pack and run until stopped."""
    settings = DiscordSettings.from_config(config)
    quiet_library_debug()
    token = require_env("DISCORD_TOKEN", strings.TOKEN_PURPOSE)
    router = Router(load_pack(config.pack))
    client = build_client(settings, router)
    try:
        # log_handler=None keeps the CLI's logging set-up instead of discord.py's own.
        client.run(token, log_handler=None)
    except discord.LoginFailure as exc:
        raise ConfigError(strings.TOKEN_REJECTED) from exc
    return 0


def quiet_library_debug() -> None:
    """Keep discord.py at INFO even under ``docket -v``.

    Its DEBUG log prints every gateway payload whole, interaction tokens and user data
    included; our own modules log what matters (interaction id, outcome, errors) at DEBUG.
    """
    library = logging.getLogger("discord")
    if library.getEffectiveLevel() < logging.INFO:
        library.setLevel(logging.INFO)
