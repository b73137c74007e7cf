"""Who is asking, and where: the neutral request context a few commands need.

Questions are answered the same for everyone; only commands that change what a channel
receives (``subscribe``, ``unsubscribe``) or list it (``digests``) need to know the channel,
whether the bot can post there, and whether the person may manage it. Adapters fill this in
from their platform's payload.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

CONSOLE = "console"


class Place(str, Enum):
    """Where a command was typed, as far as the bot's own posting goes."""

    CHANNEL = "channel"              # a channel (or a server's channel) the bot is in
    BOT_DM = "bot_dm"                # a direct message with the bot itself
    PRIVATE = "private"              # a DM between people, or a group DM: the bot cannot post
    NOT_INSTALLED = "not_installed"  # a server where only the person installed the app


@dataclass(frozen=True)
class Asker:
    """``platform_admin``: a Slack workspace admin or owner, or a Discord member with Manage
    Server. ``team`` is the Slack workspace (or Discord server) the bot is installed in, and
    ``enterprise`` its Slack Enterprise Grid organisation, if any. ``timezone`` is the asker's
    own IANA zone when the platform says (Slack does), the default for their schedules."""

    platform: str = CONSOLE
    channel: str | None = None
    user: str | None = None
    team: str | None = None
    platform_admin: bool = False
    timezone: str | None = None
    enterprise: str | None = None
    place: Place = Place.CHANNEL
    #: One person in one place (a thread, a channel, a DM): where a follow-up such as "who
    #: said that" is read against the last answer. None: no follow-ups.
    conversation: str | None = None
