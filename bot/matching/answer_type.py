"""What kind of answer a question asks for, and whether a snippet can give it.

"When will the program end?" shares every topical word with a snippet about
the program, but a snippet with no date in it cannot answer it. Two types are
checked because they are cheap to recognise and common in near misses: times
("when", "what year") and quantities ("how many", "how much").
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from enum import Enum

from bot.matching import text as tx
from bot.pack.model import Snippet


class Expect(str, Enum):
    ANYTHING = "anything"
    TIME = "time"
    QUANTITY = "quantity"


_TIME_QUESTION = re.compile(r"^(?:when\b|what (?:year|date|month|day)\b|since when\b|how long ago\b)")
_QUANTITY_QUESTION = re.compile(r"^(?:how (?:many|much)\b|what (?:number|percentage|share)\b)")
_MONTHS = ("january february march april may june july august september october november "
           "december").split()
_TIME_WORDS = re.compile(r"\b(?:1[89]\d\d|20\d\d|" + "|".join(_MONTHS) +
                         r"|recent (?:days|weeks|months)|at the time|yesterday|today)\b")
_QUANTITY_WORDS = re.compile(r"(?<![\d.,])(?!(?:19|20)\d\d\b)\d|\b(?:hundreds?|thousands?|millions?|billions?|dozens?|"
                             r"a few|several|two|three|four|five|six|seven|eight|nine|ten|eleven|"
                             r"twelve|twenty|both)\b")


_QUESTION_WORDS = ("who", "whom", "whose", "what", "which", "when", "where", "why", "how")


def question_word(words: Sequence[str]) -> str | None:
    """The first question word ("who", "when", ...), or ``None`` for a bare topic ("flood
    damage")."""
    for word in words:
        if word in _QUESTION_WORDS:
            return "who" if word in ("whom", "whose") else word
    return None


def expected(words: Sequence[str]) -> Expect:
    """The answer type a question asks for, judged from how its words start."""
    start = " ".join(words)
    if _TIME_QUESTION.match(start):
        return Expect.TIME
    if _QUANTITY_QUESTION.match(start):
        return Expect.QUANTITY
    return Expect.ANYTHING


@functools.lru_cache(maxsize=4096)
def provides(snippet: Snippet, expect: Expect) -> bool:
    """Whether the snippet's own text (summary and quotes) contains that type of answer."""
    if expect is Expect.ANYTHING:
        return True
    content = tx.normalise(" ".join([snippet.summary, *(e.quote for e in snippet.evidence)]))
    pattern = _TIME_WORDS if expect is Expect.TIME else _QUANTITY_WORDS
    return bool(pattern.search(content))
