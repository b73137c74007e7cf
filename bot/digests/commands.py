"""``/docket subscribe``, ``unsubscribe`` and ``digests``: a channel's digests, managed from chat.

Registered in the one command table like every other command; the router lets only admins
reach them. Each reply is private to the admin: a channel's settings are not news for it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from bot.answering import messages as msg
from bot.answering.answer import Answer, Outcome, Point
from bot.answering.asker import Asker
from bot.answering.commands import command
from bot.digests.settings import DigestSettings
from bot.errors import DocketError
from bot.digests.ledger import FAILED, POSTED, SKIPPED, Ledger
from bot.digests.schedule import Schedule, check_timezone, parse_schedule, utcnow
from bot.digests.subscriptions import Subscription, SubscriptionStore

if TYPE_CHECKING:
    from bot.answering.router import Router

EXAMPLES = ("subscribe daily 09:00", "subscribe weekly mon 09:00 Europe/London",
            "subscribe 0 9 * * 1-5 America/New_York")


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


@command("subscribe", "subscribe daily 09:00 [timezone]",
         "post a digest to this channel: daily HH:MM, weekly mon HH:MM or cron (admins)",
         admin=True)
def subscribe(router: Router, args: str, asker: Asker) -> Answer:
    digests = _digests(router)
    if not args.split():
        return _refusal("subscribe", msg.SUBSCRIBE_BAD_HEADLINE, msg.SUBSCRIBE_USAGE)
    try:
        schedule = _schedule(args, asker.timezone or digests.settings.timezone)
    except DocketError as exc:
        return _refusal(f"subscribe {args}", msg.SUBSCRIBE_BAD_HEADLINE, str(exc))
    if not asker.channel:
        return _refusal(f"subscribe {args}", msg.SUBSCRIBE_NO_CHANNEL_HEADLINE,
                        msg.SUBSCRIBE_NO_CHANNEL)
    now = digests.clock()
    replaced = digests.store.subscribe(Subscription(
        asker.platform, asker.team, asker.channel, schedule, asker.user, now))
    points = [Point(msg.SUBSCRIBED_WHEN.format(when=schedule.describe())),
              Point(msg.SUBSCRIBED_NEXT.format(next=schedule.show(schedule.next(now)))),
              Point(msg.SUBSCRIBED_WHAT.format(title=router.pack.title)),
              Point(msg.SUBSCRIBED_STOP.format(command=msg.COMMAND))]
    if replaced:
        points.insert(0, Point(msg.SUBSCRIBED_REPLACED))
    return Answer(Outcome.LISTING, f"subscribe {args}", msg.SUBSCRIBED_HEADLINE, tuple(points),
                  private=True)


@command("unsubscribe", "unsubscribe", "stop this channel's digest (admins)", admin=True)
def unsubscribe(router: Router, args: str, asker: Asker) -> Answer:
    digests = _digests(router)
    stopped = bool(asker.channel) and digests.store.unsubscribe(asker.platform, asker.channel)
    headline = msg.UNSUBSCRIBED_HEADLINE if stopped else msg.UNSUBSCRIBE_NONE_HEADLINE
    point = msg.UNSUBSCRIBED if stopped else msg.UNSUBSCRIBE_NONE.format(command=msg.COMMAND)
    return Answer(Outcome.LISTING, "unsubscribe", headline, (Point(point),), private=True)


@command("digests", "digests", "the digests set up in this workspace, with the last delivery (admins)",
         admin=True)
def digests_(router: Router, args: str, asker: Asker) -> Answer:
    digests = _digests(router)
    found = digests.store.all(platform=asker.platform, team=asker.team)
    if not found:
        return Answer(Outcome.LISTING, "digests", msg.DIGESTS_NONE_HEADLINE,
                      (Point(msg.DIGESTS_NONE.format(command=msg.COMMAND)),),
                      suggestions=EXAMPLES[:2], private=True)
    now = digests.clock()
    points = [Point(_line(digests.ledger, s, now)) for s in found]
    return Answer(Outcome.LISTING, "digests", msg.DIGESTS_HEADLINE.format(count=len(points)),
                  tuple(points), private=True)


def _schedule(text: str, default_zone: str) -> Schedule:
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


def refuse_admin_command(router: Router, name: str, asker: Asker | None) -> Answer | None:
    """None if ``asker`` may run the admin command ``name`` here; otherwise the polite refusal."""
    digests: ChatDigests | None = router.digests
    if digests is None:
        return _refusal(name, msg.DIGESTS_OFF_HEADLINE, msg.DIGESTS_OFF)
    if not digests.may_manage(asker):
        return Answer(Outcome.REJECTED, name, msg.ADMIN_ONLY_HEADLINE, (Point(msg.ADMIN_ONLY),),
                      private=True)
    return None


def _digests(router: Router) -> ChatDigests:
    assert router.digests is not None, "the router checks this before any admin command"
    return router.digests


def _refusal(question: str, headline: str, reason: str) -> Answer:
    return Answer(Outcome.REJECTED, question, headline, (Point(reason),), suggestions=EXAMPLES,
                  private=True)


def _line(ledger: Ledger, subscription: Subscription, now: dt.datetime) -> str:
    """"Channel C1: At 09:00 every day (Europe/London). Next … Last …" for one subscription."""
    schedule = subscription.schedule
    line = msg.DIGESTS_LINE.format(channel=subscription.channel, when=schedule.describe(),
                                   next=schedule.show(schedule.next(now)))
    last = next((d for d in ledger.recent(subscription.name, subscription.destination.key)
                 if d.status in (POSTED, FAILED, SKIPPED)), None)
    if last is None:
        return line + " " + msg.DIGESTS_NEVER
    when = schedule.show(last.finished_at or last.slot)
    if last.status == POSTED:
        return line + " " + msg.DIGESTS_LAST_POSTED.format(when=when)
    return line + " " + msg.DIGESTS_LAST_PROBLEM.format(status=last.status, when=when,
                                                        reason=last.error or "")

