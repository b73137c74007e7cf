"""When a digest is due: a cron expression in an IANA timezone, and pure slot arithmetic.

Times go in and come out as aware UTC datetimes; the timezone only decides which instants
match. cronsim does the cron work, and does it the way people expect around daylight-saving
changes: a 02:30 schedule fires at 03:00 on the night 02:30 does not exist, and a 01:30
schedule fires once, not twice, on the night 01:30 happens twice. Nothing here reads the
clock: callers pass ``now``, so tests move time instead of waiting for it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cached_property
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from cronsim import CronSim, CronSimError

from bot.errors import DocketError

UTC = dt.timezone.utc
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_CLOCK = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")
_TINY = dt.timedelta(microseconds=1)


def utcnow() -> dt.datetime:
    """The wall clock, aware and in UTC: the default clock of everything that schedules."""
    return dt.datetime.now(UTC)


class ScheduleError(DocketError):
    """A schedule or timezone that cannot be used; the message says what to write instead."""


@dataclass(frozen=True)
class Schedule:
    """A cron expression (five fields) read in ``timezone``."""

    cron: str
    timezone: str = "UTC"

    @cached_property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def latest(self, now: dt.datetime) -> dt.datetime | None:
        """The most recent slot at or before ``now`` (UTC), or None if the expression never matched."""
        try:
            slot = next(CronSim(self.cron, (now + _TINY).astimezone(self.zone), reverse=True))
        except (StopIteration, CronSimError):
            return None
        return slot.astimezone(UTC)

    def next(self, now: dt.datetime) -> dt.datetime | None:
        """The first slot strictly after ``now`` (UTC), or None if there is none."""
        try:
            slot = next(CronSim(self.cron, now.astimezone(self.zone)))
        except (StopIteration, CronSimError):
            return None
        return slot.astimezone(UTC)

    def show(self, moment: dt.datetime | None) -> str:
        """``moment`` as people here read it: "Mon 23 Nov 2026, 09:00 GMT"."""
        if moment is None:
            return "never"
        local = moment.astimezone(self.zone)
        return f"{local:%a} {local.day} {local:%b %Y, %H:%M %Z}"

    def describe(self) -> str:
        """In words, for listings: "At 09:00 on Monday (Europe/London)"."""
        try:
            words = CronSim(self.cron, dt.datetime.now(self.zone)).explain()
        except Exception:  # explain() covers most but not every expression; the cron is exact
            words = f"cron {self.cron}"
        return f"{words} ({self.timezone})"


#: A schedule's text, cron included, fits the database column that stores it, on every
#: database (PostgreSQL refused a longer one with an error out of the router).
MAX_SCHEDULE_CHARS = 100


def parse_schedule(text: str, timezone: str = "UTC") -> Schedule:
    """``daily 09:00``, ``weekdays 09:00``, ``weekly mon 09:00`` or a five-field cron expression.

    Raises ``ScheduleError`` naming what was wrong, so chat and config can show it as is.
    """
    zone = check_timezone(timezone)
    if len(text or "") > MAX_SCHEDULE_CHARS:
        raise ScheduleError(f"a schedule is at most {MAX_SCHEDULE_CHARS} characters; this one "
                            f"has {len(text)}")
    words = " ".join((text or "").lower().split()).split(" ")
    if words[0] in ("daily", "weekdays") and len(words) == 2:
        hour, minute = _clock(words[1])
        days = "*" if words[0] == "daily" else "mon-fri"
        return Schedule(f"{minute} {hour} * * {days}", zone)
    if words[0] == "weekly" and len(words) == 3:
        day = words[1][:3]
        if day not in DAYS:
            raise ScheduleError(f"{words[1]!r} is not a day of the week (mon, tue, … sun)")
        hour, minute = _clock(words[2])
        return Schedule(f"{minute} {hour} * * {day}", zone)
    if len(words) == 5:
        cron = " ".join(words)
        try:
            CronSim(cron, dt.datetime(2000, 1, 1, tzinfo=UTC))
        except CronSimError as exc:
            raise ScheduleError(f"{cron!r} is not a cron expression: {exc}") from exc
        schedule = Schedule(cron, zone)
        if schedule.next(dt.datetime(2000, 1, 1, tzinfo=UTC)) is None:
            raise ScheduleError(f"{cron!r} never matches a date")
        return schedule
    raise ScheduleError(f"{text!r} is not a schedule: write 'daily 09:00', 'weekdays 09:00', "
                        "'weekly mon 09:00' or a cron expression like '0 9 * * 1-5'")


def shortest_gap(schedule: Schedule, start: dt.datetime, horizon: int = 500
                 ) -> dt.timedelta | None:
    """The shortest time between two of the next ``horizon`` slots after ``start`` (None with
    fewer than two): how often the schedule posts, whatever its cron looks like."""
    shortest = None
    try:
        slots = CronSim(schedule.cron, start.astimezone(schedule.zone))
        previous = next(slots).astimezone(UTC)
        for _, slot in zip(range(horizon), slots):
            gap = slot.astimezone(UTC) - previous
            shortest = gap if shortest is None else min(shortest, gap)
            previous = slot.astimezone(UTC)
    except (StopIteration, CronSimError):
        pass
    return shortest


def check_timezone(name: str) -> str:
    """The IANA name as given, if the timezone database knows it (``Europe/London``, ``UTC``)."""
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, TypeError, OSError) as exc:   # OSError: a folder
        raise ScheduleError(f"{name!r} is not an IANA timezone (for example Europe/London, "
                            "America/New_York or UTC)") from exc
    return name


def _clock(text: str) -> tuple[int, int]:
    match = _CLOCK.match(text)
    if not match:
        raise ScheduleError(f"{text!r} is not a time of day; write it as 24-hour HH:MM, e.g. 09:00")
    return int(match.group(1)), int(match.group(2))
