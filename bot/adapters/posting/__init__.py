"""Digest posters: Slack and Discord, through the bot or an incoming webhook.

``Posters`` sends each destination to its platform's poster; the scheduler sees one
``Poster`` and platform-neutral outcomes only.
"""

from __future__ import annotations

import datetime as dt

from bot.adapters.posting.discord import DiscordPoster
from bot.adapters.posting.slack import SlackPoster
from bot.answering.answer import Answer
from bot.digests.delivery import Destination, PermanentFailure

__all__ = ["DiscordPoster", "Posters", "SlackPoster"]


class Posters:
    """One ``Poster`` over both platforms; a platform without a poster is a permanent failure."""

    def __init__(self, slack: SlackPoster | None = None, discord: DiscordPoster | None = None):
        self.by_platform = {"slack": slack, "discord": discord}

    async def post(self, destination: Destination, digest: Answer, key: str) -> str | None:
        return await self._poster(destination).post(destination, digest, key)

    async def find(self, destination: Destination, key: str, since: dt.datetime) -> str | None:
        return await self._poster(destination).find(destination, key, since)

    def _poster(self, destination: Destination) -> SlackPoster | DiscordPoster:
        poster = self.by_platform.get(destination.platform)
        if poster is None:
            raise PermanentFailure(f"{destination.platform.capitalize()} is not configured")
        return poster
