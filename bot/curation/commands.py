"""``/docket curate [7d]``: the curators' report in brief, privately, for admins only.

The app adds it to the command table. It stays light (the database and the report are
imported when it runs), so ``docket ask`` lists it without loading them.
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import TYPE_CHECKING

from bot.answering import messages as msg
from bot.answering.answer import Answer, Outcome, Point
from bot.answering.commands import Command, Context

if TYPE_CHECKING:
    from bot.curation.recorder import Curation

#: Lines of each list the chat summary shows; the command line shows all.
SHOWN = 5
DEFAULT_DAYS = 7


def curate_command(curation: Curation | None) -> Command:
    return Command("curate", "curate [7d]",
                   "what people asked that the pack could not answer, and what they found "
                   "unhelpful (admins)", functools.partial(curate, curation), admin=True)


def curate(curation: Curation | None, ctx: Context) -> Answer:
    typed = f"curate {ctx.args}".strip()
    if curation is None:
        return Answer(Outcome.REJECTED, typed, msg.CURATE_OFF_HEADLINE, (Point(msg.CURATE_OFF),),
                      private=True)
    asker = ctx.asker
    if not (asker.platform_admin or (asker.user and asker.user in curation.settings.admins)):
        return Answer(Outcome.REJECTED, typed, msg.CURATE_ADMIN_ONLY_HEADLINE,
                      (Point(msg.CURATE_ADMIN_ONLY),), private=True)
    from bot.curation.report import build_report, parse_period

    days = curation.settings.retention_days
    period = parse_period(ctx.args, days) if ctx.args.strip() else dt.timedelta(
        days=min(DEFAULT_DAYS, days))
    if period is None:
        return Answer(Outcome.REJECTED, typed, msg.CURATE_BAD_SINCE_HEADLINE,
                      (Point(msg.CURATE_BAD_SINCE.format(days=days)),), private=True)
    curation.flush()
    report = build_report(curation.store, ctx.pack, curation.version(),
                          since=curation.now() - period,
                          answers_recorded=curation.settings.feedback)
    points = [Point(msg.CURATE_COUNTS.format(
        answered=report.answered, refused=report.refused,
        people=msg.plural(report.people, "person", "people"),
        helpful=report.helpful, not_helpful=report.not_helpful))]
    points += [Point(msg.CURATE_REFUSED.format(count=g.asked, question=g.question,
                                               people=msg.plural(g.people, "person", "people")))
               for g in report.refused_groups[:SHOWN]]
    points += [Point(msg.CURATE_UNHELPFUL.format(bad=s.not_helpful, good=s.helpful,
                                                 snippet=s.snippet,
                                                 question=s.questions[0] if s.questions else ""))
               for s in report.least_helpful[:SHOWN]]
    if report.never_used:     # None (not recorded) or empty: nothing to say
        points.append(Point(msg.CURATE_UNUSED.format(
            count=len(report.never_used), total=report.total_snippets,
            examples=", ".join(report.never_used[:SHOWN]))))
    if report.stale:
        owners = report.stale_by_owner()
        points.append(Point(msg.CURATE_STALE.format(count=len(report.stale), owners="; ".join(
            f"{owner} {len(items)}" for owner, items in owners.items()))))
    points.append(Point(msg.CURATE_MORE.format(days=period.days)))
    return Answer(Outcome.LISTING, typed, msg.CURATE_HEADLINE.format(days=period.days),
                  tuple(points), private=True)
