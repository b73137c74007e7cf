"""The ``digests:`` config section: scheduled digests, their destinations, and the timing rules.

Every problem stops start-up with one line naming the key, like the other sections. Webhook
URLs are secrets (anyone holding one can post), so the file names the environment variable
that holds each, and start-up checks that the variable is set.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.app.config import Config, reject_unknown_keys, require_env
from bot.digests.delivery import KINDS, Destination
from bot.digests.content import MAX_POINTS, DigestOptions
from bot.errors import ConfigError, DocketError
from bot.digests.schedule import Schedule, check_timezone, parse_schedule

SECTION_KEYS = ("grace", "timezone", "admins", "schedule", "lease", "check_every",
                "shutdown_grace")
DIGEST_KEYS = ("name", "cron", "timezone", "pack", "points", "changes", "destinations")
#: Names of digests made in chat start with this, so config names never collide with them.
CHAT_PREFIX = "chat-"
_NAME = re.compile(r"^[a-z0-9][a-z0-9-]{0,60}$")
_DURATION = re.compile(r"^(\d+)\s*([smhd])$")
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_ENV_NAME = re.compile(r"^[A-Z][A-Z0-9_]*$")
MIN_LEASE = dt.timedelta(minutes=1)


@dataclass(frozen=True)
class DigestSpec:
    """One digest: what to post, when, and where. ``since`` (chat subscriptions) is when it was
    made: slots before it were never owed, so they are not reported as missed."""

    name: str
    schedule: Schedule
    destinations: tuple[Destination, ...]
    pack: Path
    options: DigestOptions = DigestOptions()
    since: dt.datetime | None = None


@dataclass(frozen=True)
class DigestSettings:
    """The section as a whole. ``grace``: how late a missed slot may still be posted.
    ``lease``: how long a claim on a slot holds before another instance may take it over."""

    digests: tuple[DigestSpec, ...] = ()
    grace: dt.timedelta = dt.timedelta(hours=2)
    timezone: str = "UTC"
    admins: frozenset[str] = field(default_factory=frozenset)
    lease: dt.timedelta = dt.timedelta(minutes=5)
    check_every: dt.timedelta = dt.timedelta(seconds=30)
    #: On SIGTERM, how long a post in flight may take before its claim is released instead.
    shutdown_grace: dt.timedelta = dt.timedelta(seconds=10)


def parse_digest_settings(config: Config) -> DigestSettings:
    """Check the ``digests:`` section key by key (absent: no scheduled digests, defaults)."""
    raw: dict[str, Any] = config.section("digests")
    where = f"config {config.path}: digests" if config.path else "digests"
    reject_unknown_keys(raw, SECTION_KEYS, where)
    timezone = _timezone(raw.get("timezone", "UTC"), f"{where}.timezone")
    admins = raw.get("admins", [])
    if not isinstance(admins, list) or not all(isinstance(a, (str, int)) for a in admins):
        raise ConfigError(f"{where}.admins: must be a list of user ids (Slack U…, Discord numbers)")
    entries = raw.get("schedule", [])
    if not isinstance(entries, list):
        raise ConfigError(f"{where}.schedule: must be a list of digests")
    digests: list[DigestSpec] = []
    for index, entry in enumerate(entries):
        spec = _digest(entry, config, timezone, f"{where}.schedule[{index}]")
        if any(d.name == spec.name for d in digests):
            raise ConfigError(f"{where}.schedule[{index}].name: {spec.name!r} is used twice")
        digests.append(spec)
    lease = _duration(raw.get("lease", "5m"), f"{where}.lease")
    if lease < MIN_LEASE:
        raise ConfigError(f"{where}.lease: must be at least 1m: a post and its retries must "
                          "finish well inside it, or another instance could take the slot over")
    return DigestSettings(
        digests=tuple(digests), grace=_duration(raw.get("grace", "2h"), f"{where}.grace"),
        timezone=timezone, admins=frozenset(str(a) for a in admins), lease=lease,
        check_every=_duration(raw.get("check_every", "30s"), f"{where}.check_every"),
        shutdown_grace=_duration(raw.get("shutdown_grace", "10s"), f"{where}.shutdown_grace"))


def check_webhooks(settings: DigestSettings) -> None:
    """Every webhook's variable must be set before anything starts: one line names a missing one."""
    for spec in settings.digests:
        for destination in spec.destinations:
            if destination.webhook:
                require_env(destination.target, f"the incoming webhook URL for digest {spec.name!r}")


def _digest(entry: Any, config: Config, timezone: str, where: str) -> DigestSpec:
    if not isinstance(entry, dict):
        raise ConfigError(f"{where}: must be a mapping with name, cron and destinations")
    reject_unknown_keys(entry, DIGEST_KEYS, where)
    name = entry.get("name")
    if not isinstance(name, str) or not _NAME.match(name) or name.startswith(CHAT_PREFIX):
        raise ConfigError(f"{where}.name: must be lowercase letters, digits and hyphens "
                          f"(not starting with {CHAT_PREFIX!r}), got {name!r}")
    zone = _timezone(entry.get("timezone", timezone), f"{where}.timezone")
    cron = entry.get("cron")
    if not isinstance(cron, str):
        raise ConfigError(f"{where}.cron: must be 'daily 09:00', 'weekly mon 09:00' or a cron "
                          "expression like '0 9 * * 1-5'")
    points, changes = entry.get("points", MAX_POINTS), entry.get("changes", True)
    if type(points) is not int or not isinstance(changes, bool):
        raise ConfigError(f"{where}: 'points' must be a whole number and 'changes' true or false")
    try:
        schedule = parse_schedule(cron, zone)
        options = DigestOptions(points=points, changes=changes)
    except DocketError as exc:
        raise ConfigError(f"{where}: {exc}") from exc
    pack = entry.get("pack")
    if pack is not None and not isinstance(pack, str):
        raise ConfigError(f"{where}.pack: must be a directory path")
    pack_path = ((config.base() or Path.cwd()) / pack).resolve() if pack else config.pack
    destinations = entry.get("destinations")
    if not isinstance(destinations, list) or not destinations:
        raise ConfigError(f"{where}.destinations: must list at least one destination")
    parsed = tuple(_destination(d, f"{where}.destinations[{i}]") for i, d in enumerate(destinations))
    return DigestSpec(name, schedule, tuple(dict.fromkeys(parsed)), pack_path, options)


def _destination(entry: Any, where: str) -> Destination:
    if not isinstance(entry, dict) or not entry:
        raise ConfigError(f"{where}: must be one of {', '.join(f'{k}: …' for k in KINDS)}")
    kinds = [k for k in entry if k in KINDS]
    reject_unknown_keys(entry, KINDS + ("team",), where)
    if len(kinds) != 1:
        raise ConfigError(f"{where}: give exactly one of {', '.join(KINDS)}")
    kind = kinds[0]
    target = str(entry[kind]).strip()
    team = entry.get("team")
    if kind.endswith("_webhook"):
        if not _ENV_NAME.match(target):
            raise ConfigError(f"{where}.{kind}: name the environment variable holding the URL "
                              f"(like DOCKET_SLACK_WEBHOOK_URL), not the URL itself")
    elif not re.match(r"^[A-Z0-9]{6,}$" if kind == "slack" else r"^\d{15,25}$", target):
        raise ConfigError(f"{where}.{kind}: {target!r} is not a {kind.capitalize()} channel id")
    if team is not None and (kind != "slack" or not isinstance(team, str)):
        raise ConfigError(f"{where}.team: only a Slack channel takes a workspace id (T…)")
    return Destination(kind, target, team)


def _timezone(value: Any, where: str) -> str:
    try:
        return check_timezone(value)
    except DocketError as exc:
        raise ConfigError(f"{where}: {exc}") from exc


def _duration(value: Any, where: str) -> dt.timedelta:
    """``90s``, ``30m``, ``2h``, ``1d`` or a number of seconds."""
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return dt.timedelta(seconds=value)
    match = _DURATION.match(str(value).strip().lower()) if isinstance(value, str) else None
    if not match:
        raise ConfigError(f"{where}: must be a duration like 90s, 30m, 2h or 1d, got {value!r}")
    return dt.timedelta(seconds=int(match.group(1)) * _UNITS[match.group(2)])
