"""The Discord bot as a service ``docket run`` and ``docket discord`` start.

Start-up problems are one line (``StartupError``): Discord unreachable, or the token rejected.
Once connected, discord.py reconnects on its own; its log then says so once per attempt.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

import aiohttp
import discord
from pydantic import SecretStr

from bot.adapters.discord import strings
from bot.adapters.discord.client import build_client
from bot.adapters.discord.settings import DiscordSettings
from bot.answering.router import Router
from bot.errors import StartupError, first_line

if TYPE_CHECKING:
    from bot.curation.recorder import Curation

logger = logging.getLogger(__name__)


@dataclass
class DiscordService:
    """A built client and its token; ``serve`` runs it until cancelled."""

    client: discord.Client
    token: SecretStr

    async def connected(self) -> bool:
        """Whether the gateway session is up (``/readyz``)."""
        return self.client.is_ready() and not self.client.is_closed()

    async def serve(self) -> None:
        try:
            async with self.client:
                await self.client.start(self.token.get_secret_value())
        except discord.LoginFailure:
            raise StartupError(strings.TOKEN_REJECTED) from None
        except (aiohttp.ClientConnectionError, OSError, asyncio.TimeoutError) as exc:
            if self.client.is_ready():
                raise
            raise StartupError(f"cannot reach Discord ({type(exc).__name__}: "
                               f"{first_line(exc)})") from None


def discord_service(settings: DiscordSettings, token: SecretStr, router: Router, *,
                    command: str = "/docket", curation: Curation | None = None) -> DiscordService:
    """The client with ``/docket`` (or the configured name) bound to ``router``; answers carry
    feedback buttons when ``curation`` takes feedback."""
    quiet_library_debug()
    return DiscordService(build_client(settings, router, command=command, curation=curation),
                          token)


def quiet_library_debug() -> None:
    """Keep discord.py at INFO even under ``docket -v``.

    Its DEBUG log prints every gateway payload whole, interaction tokens and user data
    included; our own modules log what matters (interaction id, outcome, errors) at DEBUG.
    """
    library = logging.getLogger("discord")
    if library.getEffectiveLevel() < logging.INFO:
        library.setLevel(logging.INFO)
