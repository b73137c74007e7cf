"""``/docket subscribe``, ``unsubscribe`` and ``digests``: a channel's digests, managed from chat.

The app adds these to the command table it hands the router. Each is bound to a
``ChatDigests`` (or to none, where digests are not running, and then says so). Only admins get
past the first check, and every reply is private: a channel's settings are not news for it.
This module stays light (no database, no scheduler) so the console can list the commands.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING

from bot.answering import messages as msg
from bot.answering.answer import Answer, Outcome, Point
from bot.answering.asker import Place
from bot.answering.commands import Command, Context
from bot.errors import DocketError

if TYPE_CHECKING:
    from bot.digests.chat import ChatDigests, Listed

DigestHandler = Callable[["ChatDigests", Context], Answer]

EXAMPLES = ("subscribe daily 09:00", "subscribe weekly mon 09:00 Europe/London",
            "subscribe 0 9 * * 1-5 America/New_York")


def digest_commands(chat: ChatDigests | None) -> tuple[Command, ...]:
    """The three commands bound to ``chat``; with ``None`` they explain how digests are run."""
    return tuple(Command(name, usage, summary, functools.partial(_guarded, handler, chat),
                         admin=True)
                 for name, usage, summary, handler in (
                     ("subscribe", "subscribe daily 09:00 [timezone]",
                      "post a digest to this channel: daily HH:MM, weekdays HH:MM, weekly mon "
                      "HH:MM or cron (admins)", subscribe),
                     ("unsubscribe", "unsubscribe", "stop this channel's digest (admins)",
                      unsubscribe),
                     ("digests", "digests",
                      "the digests set up in this workspace, with the last delivery (admins)",
                      digests)))


def _guarded(handler: DigestHandler, chat: ChatDigests | None, ctx: Context) -> Answer:
    """Digests must be running, and the asker must be an admin, before any handler runs."""
    typed = f"{ctx.command} {ctx.args}".strip()     # echoed as asked, arguments and all
    if chat is None:
        # No subscribe examples: where digests are off, trying one only refuses again.
        return _refusal(typed, msg.DIGESTS_OFF_HEADLINE, msg.DIGESTS_OFF, examples=())
    if not chat.may_manage(ctx.asker):
        return Answer(Outcome.REJECTED, typed, msg.ADMIN_ONLY_HEADLINE,
                      (Point(msg.ADMIN_ONLY),), private=True)
    return handler(chat, ctx)


def subscribe(chat: ChatDigests, ctx: Context) -> Answer:
    args, asker = ctx.args, ctx.asker
    question = f"subscribe {args}".strip()
    if not args.split():
        return _refusal("subscribe", msg.SUBSCRIBE_BAD_HEADLINE, _usage())
    if not asker.channel:
        return _refusal(question, msg.SUBSCRIBE_NO_CHANNEL_HEADLINE, msg.SUBSCRIBE_NO_CHANNEL)
    if asker.place in _CANNOT_POST:
        return _refusal(question, msg.SUBSCRIBE_NO_CHANNEL_HEADLINE, _CANNOT_POST[asker.place])
    try:
        done = chat.subscribe(asker, args)
    except DocketError as exc:
        return _refusal(question, msg.SUBSCRIBE_BAD_HEADLINE, str(exc))
    schedule = done.schedule
    points = [Point(msg.SUBSCRIBED_WHEN.format(when=schedule.describe())),
              Point(msg.SUBSCRIBED_NEXT.format(next=schedule.show(done.next_slot))),
              Point(msg.SUBSCRIBED_WHAT.format(title=ctx.pack.title)),
              Point.line(msg.SUBSCRIBED_STOP, {"unsubscribe": "unsubscribe",
                                               "digests": "digests"})]
    if done.replaced:
        points.insert(0, Point(msg.SUBSCRIBED_REPLACED))
    return Answer(Outcome.LISTING, question, msg.SUBSCRIBED_HEADLINE, tuple(points),
                  private=True)


def unsubscribe(chat: ChatDigests, ctx: Context) -> Answer:
    if chat.unsubscribe(ctx.asker):
        return Answer(Outcome.LISTING, "unsubscribe", msg.UNSUBSCRIBED_HEADLINE,
                      (Point(msg.UNSUBSCRIBED),), private=True)
    return Answer(Outcome.LISTING, "unsubscribe", msg.UNSUBSCRIBE_NONE_HEADLINE,
                  (Point.line(msg.UNSUBSCRIBE_NONE, {"digests": "digests"}),), private=True)


def digests(chat: ChatDigests, ctx: Context) -> Answer:
    found = chat.listing(ctx.asker)
    if not found:
        return Answer(Outcome.LISTING, "digests", msg.DIGESTS_NONE_HEADLINE,
                      (Point.line(msg.DIGESTS_NONE, {"subscribe": EXAMPLES[0]}),),
                      suggestions=EXAMPLES[:2], private=True)
    points = [Point(_line(item)) for item in found]
    return Answer(Outcome.LISTING, "digests", msg.DIGESTS_HEADLINE.format(count=len(points)),
                  tuple(points), private=True)


#: Places a subscription could never be posted to, and why.
_CANNOT_POST = {Place.PRIVATE: msg.SUBSCRIBE_PRIVATE,
                Place.NOT_INSTALLED: msg.SUBSCRIBE_NOT_INSTALLED}


def _usage() -> Point:
    return Point.line(msg.SUBSCRIBE_USAGE, {"daily": EXAMPLES[0],
                                            "weekly": "subscribe weekly mon 09:00"})


def _refusal(question: str, headline: str, reason: str | Point, *,
             examples: tuple[str, ...] = EXAMPLES) -> Answer:
    point = reason if isinstance(reason, Point) else Point(reason)
    return Answer(Outcome.REJECTED, question, headline, (point,), suggestions=examples,
                  private=True)


def _line(item: Listed) -> str:
    """"Channel C1: At 09:00 every day (Europe/London). Next … Last …" for one subscription."""
    schedule = item.subscription.schedule
    line = msg.DIGESTS_LINE.format(channel=item.subscription.channel, when=schedule.describe(),
                                   next=schedule.show(item.next_slot))
    if item.last_status is None:
        return line + " " + msg.DIGESTS_NEVER
    when = schedule.show(item.last_when)
    if item.posted:
        return line + " " + msg.DIGESTS_LAST_POSTED.format(when=when)
    return line + " " + msg.DIGESTS_LAST_PROBLEM.format(status=item.last_status, when=when,
                                                        reason=item.last_error or "")
