"""A channel's digests as chat manages them: who may, subscribing, stopping, and listing.

The chat commands (``bot.digests.commands``) only turn these results into answers; this is
where the database and the schedule parser are touched, so answering a question never loads
them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from bot.answering import messages as msg
from bot.answering.asker import Asker
from bot.digests.ledger import FAILED, POSTED, SKIPPED, Ledger
from bot.digests.schedule import (Schedule, ScheduleError, check_timezone, parse_schedule,
                                  shortest_gap, utcnow)
from bot.digests.settings import DigestSettings
from bot.digests.subscriptions import Subscription, SubscriptionStore
from bot.errors import DocketError


@dataclass(frozen=True)
class Subscribed:
    """What a subscription did: its schedule, the next slot, and whether it replaced one."""

    schedule: Schedule
    next_slot: dt.datetime | None
    replaced: bool


@dataclass(frozen=True)
class Listed:
    """One subscription as ``/docket digests`` shows it, with its last delivery, if any."""

    subscription: Subscription
    next_slot: dt.datetime | None
    last_status: str | None = None
    last_when: dt.datetime | None = None
    last_error: str | None = None

    @property
    def posted(self) -> bool:
        return self.last_status == POSTED


@dataclass
class ChatDigests:
    """What the digest commands work on: the subscriptions, the ledger (for "last posted"),
    the ``digests:`` settings (admins, default timezone) and a clock."""

    store: SubscriptionStore
    ledger: Ledger
    settings: DigestSettings = field(default_factory=DigestSettings)
    clock: Callable[[], dt.datetime] = utcnow

    def may_manage(self, asker: Asker | None) -> bool:
        """A workspace admin or owner, a member with Manage Server, or a configured user id."""
        return asker is not None and (asker.platform_admin or asker.user in self.settings.admins)

    def subscribe(self, asker: Asker, text: str) -> Subscribed:
        """Store the channel's schedule from ``text``; a ``DocketError`` says what is wrong."""
        schedule = read_schedule(text, asker.timezone or self.settings.timezone)
        now = self.clock()
        gap = shortest_gap(schedule, now)
        if gap is not None and gap < self.settings.min_interval:
            raise ScheduleError(msg.SUBSCRIBE_TOO_OFTEN.format(
                every=_duration_words(gap), least=_duration_words(self.settings.min_interval)))
        replaced = self.store.subscribe(Subscription(
            asker.platform, asker.team, asker.channel or "", schedule, asker.user, now,
            enterprise=asker.enterprise))
        return Subscribed(schedule, schedule.next(now), replaced)

    def unsubscribe(self, asker: Asker) -> bool:
        return bool(asker.channel) and self.store.unsubscribe(asker.platform, asker.channel or "")

    def listing(self, asker: Asker) -> list[Listed]:
        """This workspace's (or server's) subscriptions, each with its last finished delivery."""
        now = self.clock()
        found = []
        for subscription in self.store.all(platform=asker.platform, team=asker.team):
            last = next((d for d in self.ledger.recent(subscription.name,
                                                       subscription.destination.key)
                         if d.status in (POSTED, FAILED, SKIPPED)), None)
            found.append(Listed(subscription, subscription.schedule.next(now),
                                last.status if last else None,
                                (last.finished_at or last.slot) if last else None,
                                last.error if last else None))
        return found


def read_schedule(text: str, default_zone: str) -> Schedule:
    """The whole text as a schedule in ``default_zone``; failing that, its last word as the
    timezone ("daily 09:00 Europe/Berlin", "weekly fri 16:00 utc")."""
    try:
        return parse_schedule(text, default_zone)
    except DocketError as first:
        *rest, last = text.split()
        zone = "UTC" if last.upper() in ("UTC", "GMT") else last
        if not rest:
            raise first
        try:
            zone = check_timezone(zone)
        except DocketError:
            if "/" in zone:                   # meant as a timezone: say what is wrong with it
                raise
            raise first from None
        return parse_schedule(" ".join(rest), zone)


def _duration_words(span: dt.timedelta) -> str:
    """``1 minute``, ``30 minutes``, ``1 hour``, ``2 days``: as a chat reply says it."""
    seconds = int(span.total_seconds())
    for unit, size in (("day", 86_400), ("hour", 3_600), ("minute", 60)):
        if seconds >= size and seconds % size == 0:
            count = seconds // size
            return f"{count} {unit}{'s' if count != 1 else ''}"
    return f"{seconds} seconds"
