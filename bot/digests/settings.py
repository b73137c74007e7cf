"""The ``digests:`` config section: scheduled digests, their destinations, and the timing rules.

``DigestsSection`` is the schema the config file is checked against (unknown keys and wrong
types are errors naming the key); ``DigestSettings`` and ``DigestSpec`` are what the scheduler
runs on, with schedules parsed and pack paths resolved. Webhook URLs are secrets (anyone
holding one can post), so the file names the environment variable that holds each.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any

from pydantic import (AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, StrictBool,
                      StrictInt, StrictStr, field_validator, model_validator)

from bot.digests.content import MAX_POINTS, MIN_POINTS, DigestOptions
from bot.digests.delivery import KINDS, Destination
from bot.digests.schedule import Schedule, check_timezone, parse_schedule
from bot.environment import EnvVar
from bot.errors import DocketError

#: Names of digests made in chat start with this, so config names never collide with them.
CHAT_PREFIX = "chat-"
_DURATION = re.compile(r"^(\d+)\s*([smhd])$")
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
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
    """What the scheduler runs on. ``grace``: how late a missed slot may still be posted.
    ``lease``: how long a claim on a slot holds before another instance may take it over."""

    digests: tuple[DigestSpec, ...] = ()
    grace: dt.timedelta = dt.timedelta(hours=2)
    timezone: str = "UTC"
    admins: frozenset[str] = field(default_factory=frozenset)
    lease: dt.timedelta = dt.timedelta(minutes=5)
    check_every: dt.timedelta = dt.timedelta(seconds=30)
    #: On SIGTERM, how long a post in flight may take before its claim is released instead.
    shutdown_grace: dt.timedelta = dt.timedelta(seconds=10)
    #: The most often a digest set up from chat may post (the config's own are not limited).
    min_interval: dt.timedelta = dt.timedelta(hours=1)
    #: Webhook URLs may be http or name a private address (a relay inside the network).
    allow_private_webhooks: bool = False


def webhook_env(specs: tuple[DigestSpec, ...]) -> list[EnvVar]:
    """Every webhook's variable: checked with the other secrets before anything starts."""
    return [EnvVar(d.target, f"the incoming webhook URL for digest {spec.name!r}")
            for spec in specs for d in spec.destinations if d.webhook]


# The schema of the section, as written in the file.

def _duration(value: Any) -> dt.timedelta:
    """``90s``, ``30m``, ``2h``, ``1d`` or a number of seconds."""
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return dt.timedelta(seconds=value)
    match = _DURATION.match(value.strip().lower()) if isinstance(value, str) else None
    if not match:
        raise ValueError(f"must be a duration like 90s, 30m, 2h or 1d, got {value!r}")
    return dt.timedelta(seconds=int(match.group(1)) * _UNITS[match.group(2)])


def _timezone(value: str) -> str:
    try:
        return check_timezone(value)
    except DocketError as exc:
        raise ValueError(str(exc)) from None


def _user_ids(value: Any) -> frozenset[str]:
    if not isinstance(value, list) or not all(isinstance(a, (str, int)) and not isinstance(a, bool)
                                              for a in value):
        raise ValueError("must be a list of user ids (Slack U…, Discord numbers)")
    return frozenset(str(a) for a in value)


def _channel_text(value: Any) -> Any:
    """Discord channel ids are often written unquoted; they are ids, not numbers."""
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


_ENV_NAME = ("the name of the environment variable holding the URL, like "
             "DOCKET_SLACK_WEBHOOK_URL")
Duration = Annotated[dt.timedelta, BeforeValidator(_duration)]
Timezone = Annotated[StrictStr, AfterValidator(_timezone)]
EnvName = Annotated[StrictStr, Field(pattern=r"^[A-Z][A-Z0-9_]*$")]
SlackChannel = Annotated[StrictStr, Field(pattern=r"^[A-Z0-9]{6,}$")]
DiscordChannel = Annotated[StrictStr, BeforeValidator(_channel_text),
                           Field(pattern=r"^\d{15,25}$")]


class DestinationEntry(BaseModel):
    """Exactly one of a Slack or Discord channel (through the bot) or a webhook variable."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    slack: SlackChannel | None = Field(None, description="a Slack channel id like C0123456789")
    discord: DiscordChannel | None = Field(
        None, description="a Discord channel id like 123456789012345678")
    slack_webhook: EnvName | None = Field(None, description=_ENV_NAME)
    discord_webhook: EnvName | None = Field(None, description=_ENV_NAME)
    team: Annotated[StrictStr, Field(pattern=r"^T[A-Z0-9]+$")] | None = Field(
        None, description="a Slack workspace id like T0123456")

    @field_validator("slack_webhook", "discord_webhook", mode="before")
    @classmethod
    def _not_a_url(cls, value: Any) -> Any:
        if isinstance(value, str) and "://" in value:
            raise ValueError("name the environment variable holding the URL (like "
                             "DOCKET_SLACK_WEBHOOK_URL), not the URL itself")
        return value

    @model_validator(mode="after")
    def _exactly_one(self) -> DestinationEntry:
        given = [k for k in KINDS if getattr(self, k) is not None]
        if len(given) != 1:
            raise ValueError(f"give exactly one of {', '.join(KINDS)}")
        if self.team is not None and given[0] != "slack":
            raise ValueError("team: only a Slack channel takes a workspace id (T…)")
        return self

    def destination(self) -> Destination:
        kind = next(k for k in KINDS if getattr(self, k) is not None)
        return Destination(kind, getattr(self, kind), self.team)


class DigestEntry(BaseModel):
    """One digest as written: ``cron`` is read in ``timezone`` (default: the section's)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: Annotated[StrictStr, Field(pattern=r"^[a-z0-9][a-z0-9-]{0,60}$")] = Field(
        description="lowercase letters, digits and hyphens, like morning-briefing")
    cron: StrictStr
    timezone: Timezone | None = None
    pack: StrictStr | None = None
    points: StrictInt = MAX_POINTS
    changes: StrictBool = True
    destinations: Annotated[list[DestinationEntry], Field(min_length=1)]

    @field_validator("name")
    @classmethod
    def _not_a_chat_name(cls, value: str) -> str:
        if value.startswith(CHAT_PREFIX):
            raise ValueError(f"must not start with {CHAT_PREFIX!r}: those names are for digests "
                             "set up in chat")
        return value

    @field_validator("cron")
    @classmethod
    def _a_schedule(cls, value: str) -> str:
        try:
            parse_schedule(value)
        except DocketError as exc:
            raise ValueError(str(exc)) from None
        return value

    @field_validator("points")
    @classmethod
    def _points(cls, value: int) -> int:
        if not MIN_POINTS <= value <= MAX_POINTS:
            raise ValueError(f"must be from {MIN_POINTS} to {MAX_POINTS}, got {value}")
        return value


class DigestsSection(BaseModel):
    """The ``digests:`` section. ``resolve`` gives the ``DigestSettings`` the scheduler runs on."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    grace: Duration = dt.timedelta(hours=2)
    timezone: Timezone = "UTC"
    admins: Annotated[frozenset[str], BeforeValidator(_user_ids)] = frozenset()
    schedule: list[DigestEntry] = []
    lease: Duration = dt.timedelta(minutes=5)
    check_every: Duration = dt.timedelta(seconds=30)
    shutdown_grace: Duration = dt.timedelta(seconds=10)
    min_interval: Duration = dt.timedelta(hours=1)
    allow_private_webhooks: StrictBool = False

    @field_validator("lease")
    @classmethod
    def _lease(cls, value: dt.timedelta) -> dt.timedelta:
        if value < MIN_LEASE:
            raise ValueError("must be at least 1m: a post and its retries must finish well "
                             "inside it, or another instance could take the slot over")
        return value

    @field_validator("schedule")
    @classmethod
    def _names_once(cls, value: list[DigestEntry]) -> list[DigestEntry]:
        seen: set[str] = set()
        for entry in value:
            if entry.name in seen:
                raise ValueError(f"{entry.name!r} is used twice")
            seen.add(entry.name)
        return value

    def resolve(self, default_pack: Path, base: Path | None) -> DigestSettings:
        """Schedules parsed in their timezones, pack paths read relative to the config file."""
        specs = []
        for entry in self.schedule:
            pack = ((base or Path.cwd()) / entry.pack).resolve() if entry.pack else default_pack
            destinations = tuple(dict.fromkeys(d.destination() for d in entry.destinations))
            specs.append(DigestSpec(entry.name,
                                    parse_schedule(entry.cron, entry.timezone or self.timezone),
                                    destinations, pack,
                                    DigestOptions(points=entry.points, changes=entry.changes)))
        return DigestSettings(tuple(specs), self.grace, self.timezone, self.admins, self.lease,
                              self.check_every, self.shutdown_grace, self.min_interval,
                              self.allow_private_webhooks)
