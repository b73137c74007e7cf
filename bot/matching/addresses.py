"""Email and web addresses: when a question asks for one, and whether a text writes one out
(a snippet that says "email the list" gives no address)."""

from __future__ import annotations

import re

#: "(What is) the email address of X", "X's website", "the url for X", "which email address does
#: X use": an address is what is
#: asked ("email" alone is also a message: "what did the email say"; "once on the website"
#: is where, not which).
_ADDRESS_ASKED = (r"^(?:(?:what|whats|which|where|wheres)(?: is| s| are)? )?(?:the |a |an |its |"
                  r"their )?(?:[\w-]+ ){0,3}?(?:%s)(?: (?:of|for|to|does|do|did|should|can)\b|$)")
_EMAIL_ASKED = re.compile(_ADDRESS_ASKED % r"e ?mail (?:address|addr)(?:es)?")
_WEB_ASKED = re.compile(_ADDRESS_ASKED % r"url|urls|web ?sites?|homepage|home page|web address")
_EMAIL_WRITTEN = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\b\w+ ?[\[(]?at[\])]? ?[\w-]+ ?[\[(]?dot"
                            r"[\])]? ?\w+")
_WEB_WRITTEN = re.compile(r"https?://|\bwww\.|\b[\w-]+\.(?:org|com|net|io|dev|edu|gov|info)\b",
                          re.IGNORECASE)

#: The words that name the kind of address asked: no text writes "email address" beside one.
NAMING = frozenset("email e mail address addr addresses url urls website websites web site "
                   "sites homepage home page".split())


def asked(question: str) -> str | None:
    """"email" or "web" when the (normalised) question asks for that kind of address."""
    if _EMAIL_ASKED.match(question):
        return "email"
    return "web" if _WEB_ASKED.match(question) else None


def written(text: str, kind: str) -> bool:
    """Whether ``text`` writes out an address of that kind ("email" or "web")."""
    return bool((_EMAIL_WRITTEN if kind == "email" else _WEB_WRITTEN).search(text))
