"""An article's byline and dateline, read from its first lines for ``docket draft``.

A curator who drafts from an article should not have to retype what its top already says:
"by Dana Reyes" is its author, "March 3, 2026" on a line of its own its date. Only a
line that is nothing but a byline or a date counts, so a sentence that mentions a date is
never taken for the article's own; the curator still checks what was read.
"""

from __future__ import annotations

import datetime as dt
import re

#: How far down an article its byline and dateline may sit (lines with text).
TOP_LINES = 6

#: "by Dana Reyes", "By Dana Reyes and Sam Ortiz": capitalised names only, so "by the
#: council" on a line of its own is no byline.
_NAME = r"[A-Z][\w.'’-]*"
_BYLINE = re.compile(rf"^(?i:by)\s+({_NAME}(?:\s+(?:{_NAME}|and|&|de|van|von|der|la))*)[,.]?$")

#: The forms a dateline takes: "March 3, 2026", "Sept. 3, 2026", "3 March 2026",
#: "2026-03-03".
_FORMATS = ("%B %d, %Y", "%b %d, %Y", "%b. %d, %Y", "%d %B %Y", "%d %b %Y", "%Y-%m-%d",
            "%B %d %Y")


def _top(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()][:TOP_LINES]


def byline(text: str) -> str | None:
    """The author a byline near the top names, if any."""
    for line in _top(text):
        found = _BYLINE.match(line)
        if found:
            return found.group(1)
    return None


def dateline(text: str) -> str | None:
    """The date a line of its own near the top gives, as ``YYYY-MM-DD``, if any."""
    return next(filter(None, map(_date_of, _top(text))), None)


def framing_lines(text: str) -> list[str]:
    """The top lines that are a byline or a dateline: the source's details, no claims."""
    return [line for line in _top(text) if _BYLINE.match(line) or _date_of(line)]


def _date_of(line: str) -> str | None:
    plain = re.sub(r"^(?:published|posted)(?: on)?:?\s+", "", line,
                   flags=re.IGNORECASE).replace("Sept.", "Sep.").replace("Sept ", "Sep ")
    for form in _FORMATS:
        try:
            return dt.datetime.strptime(plain, form).date().isoformat()
        except ValueError:
            continue
    return None
