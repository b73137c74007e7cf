"""How a message frames its question: what is no part of it (control and invisible
characters), where framing ends and the question starts, and when a message asks about the
sources' bylines. Plain text rules, read before any matching; the router applies them.
"""

from __future__ import annotations

import re

from bot.matching import text as tx

#: Control characters (a terminal escape whole, a bell, a zero byte) are no part of a question;
#: nor are invisible ones (a zero-width space splits a word, a direction override reverses).
_CONTROL = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b[@-_]|[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_INVISIBLE = re.compile("[\u00ad\u061c\u200b\u200c\u200e\u200f\u202a-\u202e\u2060-\u2064"
                        "\u2066-\u2069\ufeff]")

#: Where a message's framing ends and its question starts: a sentence end, a colon ("legal aid
#: q: will my clients..."), or a dash set off by spaces ("i run a legal clinic — will my...").
_SENTENCE = re.compile(r"(?<=[.!?:])\s+|\s+[—–-]+\s+")

#: Words by which a question points back at its framing ("when does it start *there*").
_POINTING = re.compile(r"\b(?:(?:which|that|this|the) ones?|there|then|it|its|this|that|these|"
                       r"those|they|them|their|he|she|"
                       r"him|her|his|hers|here)\b", re.IGNORECASE)

#: What a byline question names as written: a document, not a change it describes ("who wrote
#: the keep-base change" asks about the change).
_DOCUMENT = (r"(?:article|piece|story|report|reporting|post|blog|document|doc|docs|text|notes|"
             r"page|manual|guide|file|source|sources|spec|specification|readme|book|paper|"
             r"memo|letter|essay|column|coverage|news|briefing|licen[cs]e)s?")
#: "Who wrote it", "who is the author", "when was it published", "which outlet ran it".
_BYLINE = re.compile(
    r"^(?:so |and |ok )?(?:who (?:wrote|writes|authored|reported|published|ran) (?:it|this|that|"
    r"these|them|the (?:[\w'’.-]+ ){0,3}?" + _DOCUMENT + r")|"
    r"who(?:s| is| was| are) the (?:authors?|writers?|reporters?|"
    r"journalists?|publishers?)|when (?:was|were) (?:it|they|(?:the|this|that) \w+|this|that) "
    r"(?:published|written|posted|released|printed)|(?:what|which) (?:outlets?|publications?|"
    r"papers?|newspapers?|sites?|publishers?|sources?) (?:ran|published|printed|is|are|was|were)"
    r")\b")


def clean(text: str) -> str:
    """The text without what is no part of a question: control characters become spaces,
    invisible ones go."""
    return _CONTROL.sub(" ", _INVISIBLE.sub("", text))


def asks_for_byline(text: str) -> bool:
    return bool(_BYLINE.search(" ".join(tx.normalise(text).replace("?", " ").split())))


def last_question(text: str) -> str | None:
    """In a message of several sentences or dashed clauses, the last one asked ("ok so my
    editor wants to know about the card. when was it announced?", "i run a legal clinic — will
    my clients..."): people put the question after its framing. Only
    tried when the whole message is too diluted to answer, or when a name that vetoes it is
    only the framing's (``stands_alone``)."""
    sentences = [s for s in _SENTENCE.split(text.strip()) if s.strip()]
    if len(sentences) < 2:
        return None
    asked = [s for s in sentences if s.rstrip().endswith("?")]
    return (asked or sentences)[-1]


#: A question word alone ("... on 386BSD - why?", "how come"): it asks about what came before.
_BARE = re.compile(r"^\W*(?:why|how|how come|what|when|where|who|which|and|so)\W*$", re.IGNORECASE)


def points_back(asked: str) -> bool:
    """Whether a question points back at what came before it ("is *that* a bug?", "- why")."""
    return bool(_POINTING.search(asked) or _BARE.match(asked))


def stands_alone(text: str, named: tuple[str, ...]) -> bool:
    """"Laredo desk here. Who gets the card?": the name is the asker's framing, which asks
    nothing itself ("What about Laredo? Is it..." does), and the last question neither names it
    nor points back at it, so the name does not veto that question."""
    asked = last_question(text)
    return asked is not None and "?" not in text[:text.rfind(asked)] and \
        not points_back(asked) and \
        not any(word in tx.normalise(asked).split() for word in named)
