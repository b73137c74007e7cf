"""Who keeps each snippet, and when it was last checked against the news.

A briefing goes stale quietly: the program starts, a court rules, and a snippet that was true
in March misleads in June. Snippets may carry ``owner:`` and ``reviewed: YYYY-MM-DD``; a pack
may set ``review_every: 90d``. ``docket validate`` then warns (it does not fail) about each
snippet past its review, by owner, so the right person rereads it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from bot.pack.checks import Checker
from bot.pack.files import shown
from bot.pack.model import Pack, Snippet
from bot.pack.yaml_lines import LineDict

_EVERY = re.compile(r"^\s*(\d{1,4})\s*([dw])\s*$")


@dataclass(frozen=True)
class Stale:
    """A snippet due for review: ``due`` is when it fell due (None: never reviewed)."""

    snippet: Snippet
    due: dt.date | None


def days_or_weeks(text: object) -> dt.timedelta | None:
    """``90d`` (days) or ``12w`` (weeks), more than none; None for anything else. How packs
    set ``review_every`` and how curators say how far back a report looks."""
    found = _EVERY.match(text) if isinstance(text, str) else None
    if found is None:
        return None
    days = int(found.group(1)) * (7 if found.group(2) == "w" else 1)
    return dt.timedelta(days=days) if days else None


def review_every(node: LineDict, check: Checker) -> dt.timedelta | None:
    """``review_every: 90d`` (days) or ``12w`` (weeks) in ``pack.yaml``."""
    if "review_every" not in node:
        return None
    value = node.get("review_every")
    every = days_or_weeks(value)
    if every is None:
        check.add(node.line_of("review_every"), "pack: 'review_every' must be a number of days "
                                                f"or weeks like 90d or 12w, got {shown(value)}")
    return every


def stale(pack: Pack, today: dt.date | None = None) -> list[Stale]:
    """Snippets past their review, by owner then due date; none when the pack sets no
    ``review_every``."""
    if pack.review_every is None:
        return []
    today = today or dt.date.today()
    found = [Stale(s, s.reviewed + pack.review_every if s.reviewed else None)
             for s in pack.snippets
             if s.reviewed is None or s.reviewed + pack.review_every < today]
    return sorted(found, key=lambda item: (item.snippet.owner or "~", item.due or dt.date.min))
