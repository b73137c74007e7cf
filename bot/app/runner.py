"""``docket run``, ``docket slack`` and ``docket discord``: the configured services in one process
and one event loop.

``run`` starts the Slack app (if ``slack:`` is configured), the Discord bot (if ``discord:`` is)
and the digest scheduler (always: it posts the ``digests:`` schedule and the subscriptions made
in chat). ``slack`` and ``discord`` start one chat app alone, answering questions only. Every
secret any of them needs is checked before anything starts, and all missing ones are named at
once. SIGTERM or Ctrl-C stops everything together: a digest post in flight is given a few
seconds to finish, otherwise its claim is released so another instance can take the slot.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from functools import partial

import aiohttp
from pydantic import SecretStr

from bot.adapters.discord.settings import TOKEN as DISCORD_TOKEN
from bot.adapters.discord.settings import DiscordSettings
from bot.adapters.posting import DiscordPoster, Posters, SlackPoster
from bot.adapters.posting.discord import DISCORD_API_URL
from bot.adapters.posting.http import unsafe_webhook
from bot.adapters.posting.slack import TokenFor
from bot.adapters.slack import settings as slack_env
from bot.adapters.slack.settings import SLACK_API_URL, SlackSettings
from bot.answering.router import Settings
from bot.app.commands import load_router
from bot.app.config import Config
from bot.app.curating import open_curation
from bot.app.logs import use_json_logs
from bot.app.monitoring import Check, Metrics, Monitoring
from bot.app.reloading import watch_pack
from bot.app.state import open_state
from bot.database import ping
from bot.digests.chat import ChatDigests
from bot.digests.scheduler import Scheduler
from bot.digests.settings import DigestSpec, webhook_env
from bot.environment import EnvVar, read_env
from bot.errors import ConfigError
from bot.pack.loader import PACK_FILE

logger = logging.getLogger(__name__)

CHAT = ("slack", "discord")


@dataclass
class Endpoints:
    """Where Discord's API is for digest posts; tests point it at a local fake. (Slack's is a
    setting, ``slack.api_url``, since GovSlack has its own.)"""

    discord: str = DISCORD_API_URL


def chat_settings(config: Config, name: str, *,
                  default: bool) -> SlackSettings | DiscordSettings | None:
    """A chat app's section; ``default``: its defaults when the file has none (``docket slack``
    names the app it wants, so an empty config still means Socket Mode for one workspace)."""
    found = getattr(config, name)
    if found is not None or not default:
        return found
    if name == "slack":
        return SlackSettings(command=config.command, database_url=config.database())
    return DiscordSettings()


def needed_env(config: Config, chat: dict[str, object], scheduler: bool,
               specs: tuple[DigestSpec, ...] | None = None) -> list[EnvVar]:
    """Every variable the chosen services need; the digest posters need a platform's token only
    where no chat app of that platform runs to lend its own. ``specs``: the digests that will
    be posted (default: every configured one)."""
    needed: list[EnvVar] = []
    slack = chat.get("slack")
    specs = config.digest_settings.digests if specs is None else specs
    if isinstance(slack, SlackSettings):
        needed += slack_env.needed_env(slack)
    if "discord" in chat:
        needed.append(DISCORD_TOKEN)
    if scheduler:
        needed += webhook_env(specs)
        kinds = {d.kind for spec in specs for d in spec.destinations}
        if slack is None:
            oauth = config.slack is not None and config.slack.oauth
            variable = slack_env.CLIENT_ID if oauth else slack_env.BOT_TOKEN
            needed.append(EnvVar(variable.name, "digests post to Slack channels through the bot",
                                 required="slack" in kinds))
        if "discord" not in chat:
            needed.append(EnvVar(DISCORD_TOKEN.name, "digests post to Discord channels through "
                                 "the bot", required="discord" in kinds))
    return needed


def check_webhooks(config: Config, secrets: dict[str, SecretStr],
                   specs: tuple[DigestSpec, ...] | None = None) -> None:
    """A webhook URL that will never be posted to (``file://``, http, a private address)
    stops start-up with one line naming its variable, not a failure at the first slot."""
    settings = config.digest_settings
    for variable in webhook_env(settings.digests if specs is None else specs):
        value = secrets.get(variable.name)
        problem = unsafe_webhook(value.get_secret_value(), settings.allow_private_webhooks) \
            if value is not None else None
        if problem is not None:
            raise ConfigError(f"{variable.name}: {problem}")


@contextlib.asynccontextmanager
async def posters(config: Config, secrets: dict[str, SecretStr], slack_tokens: TokenFor | None,
                  endpoints: Endpoints) -> AsyncIterator[Posters]:
    """Posters for both platforms over one HTTP session. Without a running Slack app, tokens
    come from ``SLACK_BOT_TOKEN`` (or the OAuth installations); Discord's from ``DISCORD_TOKEN``."""
    if slack_tokens is None:
        from bot.adapters.slack.tokens import bot_tokens

        slack_tokens = bot_tokens(config.slack, slack_env.secrets_from(secrets))
    discord_token = secrets.get(DISCORD_TOKEN.name)
    async with aiohttp.ClientSession() as session:
        api_url = config.slack.api_url if config.slack is not None else SLACK_API_URL
        private = config.digest_settings.allow_private_webhooks
        yield Posters(SlackPoster(session, slack_tokens, api_url=api_url, command=config.command,
                                  allow_private_webhooks=private),
                      DiscordPoster(session, discord_token.get_secret_value() if discord_token
                                    else None, api_url=endpoints.discord,
                                    allow_private_webhooks=private))


async def run_services(config: Config, *, chat: tuple[str, ...] = CHAT, scheduler: bool = True,
                       endpoints: Endpoints | None = None, stop: asyncio.Event | None = None) -> int:
    """Start the chosen services and run until ``stop`` is set; without a ``stop`` of the
    caller's, until SIGTERM or SIGINT. ``chat`` names the chat apps to start if configured
    (with ``scheduler=False``, the one app named starts with defaults if not configured)."""
    if config.log_format == "json":
        use_json_logs()
    endpoints = endpoints or Endpoints()
    apps = {name: settings for name in chat
            if (settings := chat_settings(config, name, default=not scheduler)) is not None}
    if not apps and not scheduler:
        raise ConfigError(f"nothing to run: no {', '.join(chat)} settings")
    if not apps and config.digests is None:
        if config.path is None:
            raise ConfigError("nothing to run: no config file given; pass --config FILE "
                              "(start from config.example.yaml)")
        raise ConfigError("nothing to run: the config has no slack:, discord: or digests: "
                          "section (see config.example.yaml)")
    # A pack that is not there is named with the missing variables, so one run lists both.
    no_pack = [] if (config.pack / PACK_FILE).is_file() else [
        f"pack: {config.pack} is not a briefing pack (no pack.yaml there; the path is read "
        "relative to the config file)"]
    try:
        secrets = read_env(needed_env(config, apps, scheduler))
    except ConfigError as exc:
        raise ConfigError(str(exc), problems=no_pack + exc.problems) from None
    if no_pack:
        raise ConfigError(no_pack[0])
    if scheduler:
        check_webhooks(config, secrets)
    state = open_state(config) if scheduler else None
    chat_digests = (ChatDigests(state.subscriptions, state.ledger, state.settings)
                    if state is not None else None)
    # Opened even with no chat app, so that rows past the retention are still deleted.
    curation = open_curation(config, lambda: router.pack,
                             engine=state.ledger.engine if state is not None else None)
    router = load_router(config.pack, chat_digests, Settings(limits=config.limits), curation)
    router.prepare()
    metrics = Metrics()
    router.observers.append(metrics.answered)
    services: dict[str, Callable[[], Awaitable[None]]] = {}
    checks: dict[str, Check] = {"pack": _always}
    if state is not None:
        checks["database"] = partial(asyncio.to_thread, ping, state.ledger.engine)
    slack_tokens = None
    if "slack" in apps:
        from bot.adapters.slack.service import slack_service

        slack = slack_service(apps["slack"], slack_env.secrets_from(secrets), router,
                              curation=curation)
        services["Slack"] = slack.serve
        checks["slack"] = slack.connected
        slack_tokens = slack.tokens
    if "discord" in apps:
        from bot.adapters.discord.service import discord_service

        discord = discord_service(apps["discord"], secrets[DISCORD_TOKEN.name], router,
                                  command=config.command, curation=curation)
        services["Discord"] = discord.serve
        checks["discord"] = discord.connected
    services["Pack watcher"] = partial(watch_pack, router, config.pack, metrics.digest_event)
    if curation is not None:
        curation.on_vote = metrics.voted
        services["Curators' log"] = curation.serve
    if config.monitoring is not None:
        monitoring = Monitoring(metrics, checks)
        services["Monitoring"] = partial(monitoring.serve, config.monitoring.host,
                                         config.monitoring.port)
    async with _stopping(stop) as stopped:
        if state is None:
            await _serve(services, stopped)
            return 0
        async with posters(config, secrets, slack_tokens, endpoints) as poster:
            ticking = Scheduler(ledger=state.ledger, poster=poster, settings=state.settings,
                                subscriptions=state.subscriptions, default_pack=config.pack,
                                events=metrics.digest_event)
            logger.info("running: %s and the digest scheduler (%d configured digest(s))",
                        ", ".join(n for n in services if n in ("Slack", "Discord")) or "no chat app",
                        len(state.settings.digests))
            grace = state.settings.shutdown_grace.total_seconds()
            await _serve(services, stopped, ticking.run(stopped, shutdown_grace=grace))
    return 0


async def _always() -> bool:
    return True


async def _serve(services: dict[str, Callable[[], Awaitable[None]]], stop: asyncio.Event,
                 scheduler: Awaitable[None] | None = None) -> None:
    """Run until ``stop`` or until a service fails on its own (its error is raised)."""
    tasks = [asyncio.create_task(serve()) for serve in services.values()]
    waiting = asyncio.create_task(scheduler if scheduler is not None else stop.wait())
    try:
        done, _ = await asyncio.wait([waiting, *tasks], return_when=asyncio.FIRST_COMPLETED)
        stop.set()
        await waiting
        for task in done:
            task.result()
    finally:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)


@contextlib.asynccontextmanager
async def _stopping(stop: asyncio.Event | None) -> AsyncIterator[asyncio.Event]:
    """The caller's ``stop``, or one that SIGTERM and Ctrl-C set (the command line)."""
    if stop is not None:
        yield stop
        return
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    try:
        yield stop
    finally:
        for signum in (signal.SIGTERM, signal.SIGINT):
            loop.remove_signal_handler(signum)
