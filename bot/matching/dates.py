"""How a text says when: a year, a month, a day, a date, or an event's own date, found in a
snippet's words. A question asking when is answered only by a snippet these find something in
(``answer_type.provides``), so "may" must stand beside a day to be a month and a year alone is
no date."""

from __future__ import annotations

import re

#: (A year, not the tail of a name: "Spec 1003.1-2001", "Model T-1999".)
YEAR_WORDS = re.compile(r"(?<![.-])\b(?:1[89]\d\d|20\d\d)\b")

#: "May" only beside a day or a year: "you may convey" is no date.
_MONTHS = ["january", "february", "march", "april", r"may\s+\d", r"\d{1,2}\s+may", "june",
           "july", "august", "september", "october", "november", "december"]
_DAYS = "monday tuesday wednesday thursday friday saturday sunday".split()
#: A date given by the event it falls on: "as of the date such litigation is filed".
_EVENT_DATE = (r"|(?:as of|on|from|at) the (?:date|day|moment|time) (?:on which |when |that )?\w+"
               # "on the embargo date", "on release day": a date named by its event
               r"|(?:as of|on|from|by|until) (?:the )?\w+ (?:date|day)")
TIME_WORDS = re.compile(r"\b(?:(?<![.-])(?:1[89]\d\d|20\d\d)|" + "|".join(_MONTHS + _DAYS) +
                        r"|recent (?:days|weeks|months)|at the time|yesterday|today|tomorrow"
                        r"|(?:last|this|next) (?:year|month|week|weekend)" + _EVENT_DATE + r")\b")

#: A month names a date beside a day or a year ("January 5", "5 January", "January 2024"); "in
#: January" alone does not say when exactly.
_MONTH_NAMES = ("january february march april may june july august september october november "
                "december")
_DATED_MONTH = (r"(?:" + "|".join(_MONTH_NAMES.split()) + r")\.?\s+(?:\d{1,2}(?:st|nd|rd|th)?\b|"
                r"(?:of )?(?:1[89]|20)\d\d)|\d{1,2}(?:st|nd|rd|th)?(?: of)?\s+(?:" +
                "|".join(_MONTH_NAMES.split()) + ")")
#: "5/3" or "5/3/2024": a day and a month, in either order.
_SLASHED_DATE = r"\d{1,2}/\d{1,2}(?:/\d{2,4})?"
#: (A year alone is no date: "on what day was it announced" is not answered by "in 2022".)
DATE_WORDS = re.compile(r"\b(?:(?:1[89]|20)\d\d-[01]\d-[0-3]\d|" +
                        "|".join([_DATED_MONTH, *_DAYS]) + r"|" + _SLASHED_DATE +
                        r"|yesterday|today|tomorrow" + _EVENT_DATE + r")\b")
#: The day in a date ("September 21, 2023", "21 September"): no count of anything.
DAY_OF_MONTH = re.compile(_DATED_MONTH)
MONTH_SET = frozenset(_MONTH_NAMES.split())
DAY = re.compile(r"^\d{1,2}(?:st|nd|rd|th)?$")
MONTH_WORDS = re.compile(r"\b(?:" + "|".join([*_MONTHS, _SLASHED_DATE]) +
                         r"|(?:last|this|next) month)\b")
