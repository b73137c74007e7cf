"""What a briefing pack holds: sources, and curated snippets that quote them.

These are plain frozen data classes. ``bot.pack.loader`` builds them from YAML and
guarantees the invariants the rest of the bot relies on: every snippet cites at
least one known source, and every quote appears verbatim in that source.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path


#: Numbers that label rather than count: a list's "1." or "(b)", "Section 4(b)", "version 2.0",
#: "Tier 1", "release 1.12", "1.2.4", "tool-1.3.10", "6.7p1", a date ("2022-04-07") or a year, a
#: manual page's section ("man(1)") and a named thing's version ("Widget 3.11"). A sentence with no
#: other number states no figure (``docket draft``), and a snippet with no other number answers
#: no "how many" (the gate).
LABEL_NUMBERS = re.compile(r"^\s*(?:\d+(?:\.\d+)*\.|\(?[a-z0-9]{1,3}\))\s|\b(?:sections?|"
                           r"clauses?|articles?|paragraphs?|subsections?|versions?|chapters?|"
                           r"parts?|rules?|releases?|tiers?|levels?|phases?|stages?|steps?)"
                           r"\s+\d+[\w.()]*|\b\d{4}-\d\d-\d\d\b|"
                           r"\b(?:1[89]|20)\d\d\b|\b[a-z]+-\d+(?:\.\d+)+\b|\b\d+\.\d+\.\d+\b|"
                           r"\b\d+\.\d+[a-z]+\d*\b|(?<=[\w.+-])\(\d[a-z]?\)|"
                           r"(?-i:\b[A-Z][\w+-]*\s+\d+\.\d+\b)",
                           re.IGNORECASE | re.MULTILINE)


class Kind(str, Enum):
    """How a snippet's content should be presented: opinion and claims are never stated as fact."""

    FACT = "fact"
    CLAIM = "claim"
    OPINION = "opinion"
    STATISTIC = "statistic"


#: Kinds whose summary is someone's position, so a speaker must be named.
ATTRIBUTED_KINDS = frozenset({Kind.CLAIM, Kind.OPINION})


#: A publication date to the day, the month or the year: a licence says "January 2004", a
#: report often just "2019", and a citation must not claim more than the document does.
PUBLISHED = re.compile(r"^\d{4}(?:-(?:0[1-9]|1[0-2])(?:-\d{2})?)?$")


def published(value: str) -> str | None:
    """``value`` as a publication date (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``), or None."""
    value = value.strip()
    if not PUBLISHED.match(value):
        return None
    if len(value) == 10:
        try:
            dt.date.fromisoformat(value)
        except ValueError:
            return None
    return value


@dataclass(frozen=True)
class Source:
    """One source document, with the metadata a citation needs and what the document leaves out."""

    id: str
    title: str
    outlet: str | None
    author: str | None
    #: As precise as the document is: "2023-09-21", "2004-01" or "2004".
    date: str | None
    unknown: str | None
    text: str
    file: str


@dataclass(frozen=True)
class Speaker:
    """Who holds an opinion or makes a claim, as the source names them."""

    name: str
    role: str | None = None

    def label(self) -> str:
        return f"{self.name} ({self.role})" if self.role else self.name


@dataclass(frozen=True)
class Evidence:
    """A verbatim quote from one source that a snippet rests on."""

    source_id: str
    quote: str


@dataclass(frozen=True)
class Snippet:
    """One curated, sourced statement: the unit the bot answers with."""

    id: str
    topic: str
    questions: tuple[str, ...]
    summary: str
    kind: Kind
    evidence: tuple[Evidence, ...]
    speaker: Speaker | None = None
    file: str = ""
    line: int = 0
    #: Written by ``docket draft`` and not yet finished by a curator: never answered.
    draft: bool = False
    #: Who keeps it, and when they last checked it (``bot.pack.review``).
    owner: str | None = None
    reviewed: dt.date | None = None


@dataclass(frozen=True)
class Gap:
    """A question curators know the sources leave unanswered, and why.

    Matching one turns a plausible-looking near miss ("what is the town mayor's
    name?") into an honest refusal that says what the sources lack.
    """

    id: str
    questions: tuple[str, ...]
    reason: str
    file: str = ""
    line: int = 0


@dataclass(frozen=True)
class Lexicon:
    """A pack's own vocabulary (``lexicon.yaml``): what its subject's words are to the matcher.

    ``synonyms``: as typed -> as the pack says it ("ship" -> "convey"). ``phrases``: names of
    other things that share the pack's words ("bus pass"), each read as one word the pack
    never uses, so a question about them counts as about something else. ``fillers``: words
    that carry no topic in this pack; ``not_fillers``: general fillers that are topic words here
    ("board" in a pack about a library's board).
    """

    synonyms: dict[str, str] = field(default_factory=dict)
    phrases: tuple[str, ...] = ()
    fillers: frozenset[str] = frozenset()
    not_fillers: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Pack:
    """A loaded, validated briefing pack."""

    id: str
    title: str
    description: str
    sources: dict[str, Source]
    snippets: tuple[Snippet, ...]
    gaps: tuple[Gap, ...] = ()
    disclaimer: str | None = None
    overview: str | None = None
    #: Snippet ids ``balance`` shows: whose voices the sources carry, then each side's case.
    balance: tuple[str, ...] = ()
    #: Snippet ids a digest leads with; empty means one snippet per topic, in pack order.
    highlights: tuple[str, ...] = ()
    lexicon: Lexicon = field(default_factory=Lexicon)
    path: Path | None = None
    #: Snippets still marked ``draft: true``: validated, never answered.
    drafts: tuple[Snippet, ...] = ()
    #: How long a snippet's review holds (``review_every: 90d``); None: no reviews asked for.
    review_every: dt.timedelta | None = None
    by_id: dict[str, Snippet] = field(init=False, repr=False, compare=False)
    by_topic: dict[str, tuple[Snippet, ...]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_id", {s.id: s for s in self.snippets})
        groups: dict[str, list[Snippet]] = {}
        for snippet in self.snippets:
            groups.setdefault(snippet.topic, []).append(snippet)
        object.__setattr__(self, "by_topic", {t: tuple(g) for t, g in groups.items()})

    def topics(self) -> list[str]:
        """Topics in the order curators first used them, which is the order they read best in."""
        return list(self.by_topic)


_QUOTE_MARKS = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'",
                              "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"'})
_SPACE = re.compile(r"\s+")


def normalise_for_quote(text: str) -> str:
    """The only liberties a quote may take with its source: whitespace and straight/curly quote marks."""
    return _SPACE.sub(" ", text.translate(_QUOTE_MARKS)).strip()
