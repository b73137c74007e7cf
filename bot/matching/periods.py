"""Whether a figure covers the period asked: a total for part of a year does not answer for
all of it, however well its words match."""

from __future__ import annotations

import re

from bot.pack.model import Snippet

#: "How many ... *in all of* fiscal year 2023", "the *full-year* total": a whole period asked.
_WHOLE_PERIOD = re.compile(r"\b(?:(?:in|for|over|during|across) (?:all|the whole|the entire|the "
                           r"full|the complete)(?: of)?(?: the)? (?:fiscal |calendar )?(?:year|"
                           r"fy|month|quarter|decade|period|season)|full[- ]year|whole[- ]year)",
                           re.IGNORECASE)
#: "In the *first ten months* of", "*so far*": a figure for part of a period only.
_PART_OF_PERIOD = re.compile(r"\b(?:(?:first|last|past|opening) (?:\w+ ){0,2}(?:months|weeks|"
                             r"days|quarters)(?: of)?|so far|to date|year to date|thus far)\b",
                             re.IGNORECASE)


def part_of_a_whole(question: str, snippet: Snippet) -> bool:
    """Whether the question asks for a whole period and the snippet's figure covers part of
    one: "1.6 million in the first ten months" is no answer to "in all of the year"."""
    return bool(_WHOLE_PERIOD.search(question)) and any(
        _PART_OF_PERIOD.search(text) for text in (snippet.summary, *(e.quote for e in
                                                                     snippet.evidence)))
