"""``docket run``: every configured service in one process and one event loop.

The Slack app (if ``slack:`` is configured), the Discord bot (if ``discord:`` is), and the
digest scheduler (always: it posts the ``digests:`` schedule and the subscriptions made in
chat). SIGTERM or Ctrl-C stops them together: a digest post in flight is given a few seconds
to finish, otherwise its claim is released so another instance can take the slot.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field

import aiohttp

from bot.adapters.posting import DiscordPoster, Posters, SlackPoster
from bot.adapters.posting.discord import DISCORD_API_URL
from bot.adapters.posting.slack import SLACK_API_URL
from bot.app.config import Config, optional_env, require_env
from bot.database import open_engine, redact
from bot.app.commands import build_router
from bot.digests.chat import ChatDigests
from bot.digests.settings import DigestSettings, check_webhooks, parse_digest_settings
from bot.errors import ConfigError
from bot.digests.ledger import Ledger
from bot.pack.loader import load_pack
from bot.digests.scheduler import Scheduler
from bot.digests.subscriptions import SubscriptionStore

logger = logging.getLogger(__name__)


@dataclass
class Endpoints:
    """Where the platforms' APIs are; tests point these at local fakes."""

    slack: str = SLACK_API_URL
    discord: str = DISCORD_API_URL


@dataclass
class State:
    """The shared database's stores, tables created."""

    ledger: Ledger
    subscriptions: SubscriptionStore
    settings: DigestSettings = field(default_factory=DigestSettings)


def open_state(config: Config) -> State:
    """Parse ``digests:``, open the database and create its tables."""
    settings = parse_digest_settings(config)
    url = config.database()
    engine = open_engine(url)
    ledger, subscriptions = Ledger(engine), SubscriptionStore(engine)
    ledger.create_tables()
    subscriptions.create_tables()
    logger.info("digest state in %s", redact(url))
    return State(ledger, subscriptions, settings)


@contextlib.asynccontextmanager
async def posters(config: Config, settings: DigestSettings,
                  slack_tokens: Callable[[str | None], Awaitable[str | None]] | None = None,
                  endpoints: Endpoints | None = None) -> AsyncIterator[Posters]:
    """Posters for both platforms over one HTTP session. Without a running Slack app, the bot
    token comes from ``SLACK_BOT_TOKEN``; the Discord bot token from ``DISCORD_TOKEN``."""
    endpoints = endpoints or Endpoints()
    check_webhooks(settings)
    kinds = {d.kind for spec in settings.digests for d in spec.destinations}
    if slack_tokens is None:
        token = (require_env("SLACK_BOT_TOKEN", "digests post to Slack channels through the bot")
                 if "slack" in kinds else optional_env("SLACK_BOT_TOKEN"))

        async def slack_tokens(team: str | None) -> str | None:
            return token

    discord_token = (require_env("DISCORD_TOKEN", "digests post to Discord channels through the bot")
                     if "discord" in kinds else optional_env("DISCORD_TOKEN"))
    async with aiohttp.ClientSession() as session:
        yield Posters(SlackPoster(session, slack_tokens, api_url=endpoints.slack,
                                  command=config.command),
                      DiscordPoster(session, discord_token, api_url=endpoints.discord))


async def run_services(config: Config, *, endpoints: Endpoints | None = None,
                       stop: asyncio.Event | None = None) -> int:
    """Start everything configured and run until ``stop`` is set; without a ``stop`` of the
    caller's, until SIGTERM or SIGINT."""
    if not (config.has("slack") or config.has("discord") or config.has("digests")):
        raise ConfigError("nothing to run: the config has no slack:, discord: or digests: "
                          "section (see config.example.yaml)")
    state = open_state(config)
    router = build_router(load_pack(config.pack), ChatDigests(
        state.subscriptions, state.ledger, state.settings))
    endpoints = endpoints or Endpoints()
    services: dict[str, Callable[[], Awaitable[None]]] = {}
    slack_tokens = None
    if config.has("slack"):
        from bot.adapters.slack import slack_service

        slack = slack_service(config, router, api_url=endpoints.slack)
        services["Slack"] = slack.serve
        slack_tokens = slack.token_for
    if config.has("discord"):
        from bot.adapters.discord import discord_service

        services["Discord"] = discord_service(config, router).serve
    own_signals = stop is None            # the command line: SIGTERM and Ctrl-C stop us
    stop = stop or asyncio.Event()
    loop = asyncio.get_running_loop()
    if own_signals:
        for signum in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(signum, stop.set)
    async with posters(config, state.settings, slack_tokens, endpoints) as poster:
        scheduler = Scheduler(ledger=state.ledger, poster=poster, settings=state.settings,
                              subscriptions=state.subscriptions, default_pack=config.pack)
        logger.info("running: %s and the digest scheduler (%d configured digest(s))",
                    ", ".join(services) or "no chat app", len(state.settings.digests))
        tasks = [asyncio.create_task(serve()) for serve in services.values()]
        grace = state.settings.shutdown_grace.total_seconds()
        ticking = asyncio.create_task(scheduler.run(stop, shutdown_grace=grace))
        try:
            done, _ = await asyncio.wait([ticking, *tasks], return_when=asyncio.FIRST_COMPLETED)
            stop.set()
            await ticking
            for task in done:
                task.result()          # a service that failed on its own: raise its error
        finally:
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
            if own_signals:
                for signum in (signal.SIGTERM, signal.SIGINT):
                    loop.remove_signal_handler(signum)
    return 0
