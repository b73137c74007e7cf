"""Digests against the fake platforms: schedulers on a real database, posting at the wire.

The fake Slack and Discord servers run in a background event loop on 127.0.0.1; schedulers
run in the same loop and post to them over HTTP, so tests assert on what the platforms
received. Time is a ``Clock`` the test moves; retry back-off waits are recorded, not slept.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp

from bot.adapters.posting import DiscordPoster, Posters, SlackPoster
from bot.database import open_engine
from bot.digests.delivery import Destination
from bot.digests.settings import DigestSettings, DigestSpec
from bot.digests.ledger import Ledger
from bot.pack.loader import DEFAULT_PACK
from bot.digests.schedule import parse_schedule
from bot.digests.scheduler import Scheduler
from bot.digests.subscriptions import SubscriptionStore
from fakes.discord_api import GOOD_TOKEN, FakeDiscord
from fakes.loop import LoopThread
from fakes.slack_api import FakeSlackApi

SLACK_TOKEN = "xoxb-digest-token"
SLACK_CHANNEL = "C0DIGEST1"
DISCORD_CHANNEL = "123456789012345678"
UTC = dt.timezone.utc


def at(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=UTC)


@dataclass
class Clock:
    """The time every scheduler in a test sees; tests move it."""

    now: dt.datetime

    def __call__(self) -> dt.datetime:
        return self.now

    def set(self, moment: dt.datetime) -> dt.datetime:
        self.now = moment
        return moment


def digest(name: str = "morning", when: str = "daily 09:00", zone: str = "UTC",
           destinations: tuple[Destination, ...] | None = None, pack: Path = DEFAULT_PACK,
           **options: Any) -> DigestSpec:
    from bot.digests.content import DigestOptions

    return DigestSpec(name, parse_schedule(when, zone),
                      destinations or (Destination("slack", SLACK_CHANNEL),
                                       Destination("discord", DISCORD_CHANNEL)),
                      pack, DigestOptions(**options))


@dataclass
class Platforms:
    """Both fakes, one loop, one database; builds schedulers wired to them."""

    loop: LoopThread
    slack: FakeSlackApi
    discord: FakeDiscord
    database_url: str
    clock: Clock = field(default_factory=lambda: Clock(at(2026, 11, 23, 9, 0)))
    waits: list[float] = field(default_factory=list)
    _session: aiohttp.ClientSession | None = None

    def __post_init__(self) -> None:
        engine = open_engine(self.database_url)
        self.ledger, self.store = Ledger(engine), SubscriptionStore(engine)
        self.ledger.create_tables()
        self.store.create_tables()

    def scheduler(self, *specs: DigestSpec, owner: str = "instance-a",
                  ledger: Ledger | None = None, **timing: Any) -> Scheduler:
        """A scheduler posting to the fakes, with ``specs`` as its configured digests."""
        return Scheduler(ledger=ledger or self.ledger, poster=self.posters(),
                         settings=DigestSettings(digests=specs, **timing),
                         subscriptions=self.store, default_pack=DEFAULT_PACK, owner=owner,
                         clock=self.clock, sleep=self._wait)

    def posters(self) -> Posters:
        if self._session is None:
            async def open_session() -> aiohttp.ClientSession:
                return aiohttp.ClientSession()
            self._session = self.loop.run(open_session())

        async def token_for(team: str | None, enterprise: str | None = None) -> str:
            return SLACK_TOKEN

        return Posters(SlackPoster(self._session, token_for, api_url=self.slack.base_url,
                                   allow_private_webhooks=True),
                       DiscordPoster(self._session, GOOD_TOKEN, api_url=self.discord.api_url,
                                     allow_private_webhooks=True))

    def tick(self, scheduler: Scheduler, moment: dt.datetime | None = None) -> None:
        """Move the clock (if given) and run one tick to completion."""
        if moment is not None:
            self.clock.set(moment)
        self.loop.run(scheduler.tick(), timeout=30)

    def close(self) -> None:
        if self._session is not None:
            self.loop.run(self._session.close())

    async def _wait(self, seconds: float) -> None:
        self.waits.append(seconds)


def slack_posts(platforms: Platforms, channel: str = SLACK_CHANNEL) -> list[dict[str, Any]]:
    return platforms.slack.posted(channel)


def discord_posts(platforms: Platforms, channel: str = DISCORD_CHANNEL) -> list[dict[str, Any]]:
    return platforms.discord.posted(channel)
