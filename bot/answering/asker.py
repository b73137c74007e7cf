"""Who is asking, and where: the neutral request context a few commands need.

Questions are answered the same for everyone; only commands that change what a channel
receives (``subscribe``, ``unsubscribe``) or list it (``digests``) need to know the channel
and whether the person may manage it. Adapters fill this in from their platform's payload.
"""

from __future__ import annotations

from dataclasses import dataclass

CONSOLE = "console"


@dataclass(frozen=True)
class Asker:
    """``platform_admin``: a Slack workspace admin or owner, or a Discord member with Manage
    Server. ``team`` is the Slack workspace or Discord server. ``timezone`` is the asker's own
    IANA zone when the platform says (Slack does), the default for their schedules."""

    platform: str = CONSOLE
    channel: str | None = None
    user: str | None = None
    team: str | None = None
    platform_admin: bool = False
    timezone: str | None = None
