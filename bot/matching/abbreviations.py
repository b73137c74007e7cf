"""Whether a text spells out an abbreviation: the evidence a "what does NASA stand for"
answer needs, which a snippet merely using the letters does not give."""

from __future__ import annotations

import re

#: Small words an expansion may hold that its abbreviation skips ("Immigration *and* Customs
#: Enforcement", "National Immigration Center *for* Enforcement").
_SKIPPED = {"and", "of", "for", "the", "on", "in", "to", "&"}
_BRACKETED = re.compile(r"\(\s*[\"“'‘]?([A-Za-z]{2,8})[\"”'’]?\s*\)")


#: A run of capitalised words, with the small words a name may hold between them.
_CAPITALISED_RUN = re.compile(r"\b[A-Z][\w'’-]*(?:\s+(?:(?:and|of|for|the|on|in|to|&)\s+)*"
                              r"[A-Z][\w'’-]*)+")


def spells_out(text: str, abbreviation: str) -> bool:
    """Whether ``text`` gives the words ``abbreviation`` is short for, as writers do: the words
    then the letters in brackets, "National Aeronautics and Space Administration (NASA)", or
    the name alone, capitalised, when the letters are used elsewhere ("the National Weather
    Service" for "the NWS")."""
    for found in _CAPITALISED_RUN.finditer(text):
        words = [w for w in found.group(0).split() if w.lower() not in _SKIPPED]
        if len(words) == len(abbreviation) > 1 and \
                "".join(w[0].lower() for w in words) == abbreviation:
            return True
    for found in _BRACKETED.finditer(text):
        if found.group(1).lower() != abbreviation:
            continue
        words = re.findall(r"[\w'’-]+", text[max(0, found.start() - 120):found.start()])
        initials = [w[0].lower() for w in words if w.lower() not in _SKIPPED]
        if "".join(initials[-len(abbreviation):]) == abbreviation:
            return True
    return False
