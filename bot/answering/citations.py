"""The sources under an answer: numbered quotes, grouped by the document they come from.

Each source's title and byline are shown once, with its quotes numbered under it, and the
numbers run source by source, so "[1] [2]" are one article's quotes and "[3]" another's. A quote
that starts or ends mid-sentence is shown with an ellipsis there, so a reader knows the
sentence goes on; the quote itself, verbatim, is what ``docket ask --json`` and the checks use.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass
from typing import Any

from bot.answering import messages as msg
from bot.pack.model import Pack, Snippet, Source, normalise_for_quote

ELLIPSIS = "…"
#: How a sentence (or a quoted one) ends: its stop, then perhaps a closing quote mark.
_SENTENCE_END = re.compile(r'[.!?:;]["\')\]]*$')


@dataclass(frozen=True)
class Citation:
    """One numbered source quote under an answer."""

    number: int
    source_id: str
    title: str
    outlet: str | None
    author: str | None
    date: str | None
    quote: str
    #: The quote begins or ends inside a sentence of its source.
    starts_mid: bool = False
    ends_mid: bool = False

    def byline_parts(self) -> tuple[str, str, str]:
        return byline_parts(self.outlet, self.author, self.date)

    def excerpt(self) -> str:
        """The quote as shown: an ellipsis where it cuts into a sentence."""
        text = " ".join(self.quote.split())
        return f"{ELLIPSIS if self.starts_mid else ''}{text}{ELLIPSIS if self.ends_mid else ''}"

    def to_json(self) -> dict[str, Any]:
        return {"number": self.number, "source": self.source_id, "title": self.title,
                "outlet": self.outlet, "author": self.author, "date": self.date,
                "quote": self.quote}


@dataclass(frozen=True)
class SourceGroup:
    """One source under an answer, and the quotes cited from it, in number order."""

    title: str
    byline_parts: tuple[str, str, str]
    citations: tuple[Citation, ...]


def group_by_source(citations: tuple[Citation, ...]) -> list[SourceGroup]:
    """Citations by source, sources in the order first cited."""
    groups: dict[str, list[Citation]] = {}
    for citation in citations:
        groups.setdefault(citation.source_id, []).append(citation)
    return [SourceGroup(found[0].title, found[0].byline_parts(), tuple(found))
            for found in groups.values()]


def byline_parts(outlet: str | None, author: str | None, date: str | None) -> tuple[str, str, str]:
    """Outlet, author and date, saying "not stated" rather than guessing any of them."""
    return (outlet or msg.NOT_STATED.format(what="outlet"),
            author or msg.NOT_STATED.format(what="author"),
            date or msg.NOT_STATED.format(what="date"))


def byline(source: Source) -> str:
    """"The Gazette, A. Writer, date not stated"."""
    return ", ".join(byline_parts(source.outlet, source.author, source.date))


def cite(pack: Pack, snippets: list[Snippet]) -> tuple[list[list[int]], tuple[Citation, ...]]:
    """Each snippet's citation numbers, and the citations: every quote once, numbered source
    by source in the order the sources are first cited."""
    order: dict[tuple[str, str], int] = {}
    sources: dict[str, int] = {}
    for snippet in snippets:
        for evidence in snippet.evidence:
            order.setdefault((evidence.source_id, evidence.quote), len(order))
            sources.setdefault(evidence.source_id, len(sources))
    within = _within(list(order))
    ranked = sorted((k for k in order if k not in within),
                    key=lambda key: (sources[key[0]], order[key]))
    numbers = {key: n for n, key in enumerate(ranked, 1)}
    numbers.update({key: numbers[whole] for key, whole in within.items()})
    citations = tuple(_citation(pack.sources[sid], quote, numbers[(sid, quote)])
                      for sid, quote in ranked)
    cited = [list(dict.fromkeys(numbers[(e.source_id, e.quote)] for e in snippet.evidence))
             for snippet in snippets]
    return cited, citations


def _within(keys: list[tuple[str, str]]) -> dict[tuple[str, str], tuple[str, str]]:
    """Each quote that is part of a longer quote of the same source, with that longer one:
    shown once, under the longer one's number, not as a second citation repeating it."""
    plain = {key: " ".join(key[1].split()).strip(" .,;:\"“”'").lower() for key in keys}
    found = {}
    for key in keys:
        wholes = [other for other in keys if other != key and other[0] == key[0]
                  and plain[key] in plain[other] and len(plain[other]) > len(plain[key])]
        if wholes:
            found[key] = max(wholes, key=lambda other: len(plain[other]))
    return found


def _citation(source: Source, quote: str, number: int) -> Citation:
    starts_mid, ends_mid = _cuts(source.text, quote)
    return Citation(number=number, source_id=source.id, title=source.title,
                    outlet=source.outlet, author=source.author,
                    date=source.date, quote=quote,
                    starts_mid=starts_mid, ends_mid=ends_mid)


@functools.lru_cache(maxsize=65_536)
def _cuts(text: str, quote: str) -> tuple[bool, bool]:
    """Whether ``quote`` begins and ends inside sentences of ``text``: found with whitespace
    and quote marks folded, as quotes are checked, but with the source's line breaks kept,
    since a title or a paragraph ends where its line does. Cached: a pack's quotes and sources
    do not change while it is loaded, and folding a whole source per answer is the slow part."""
    wanted = normalise_for_quote(quote)
    source = _folded(text)
    at = source.flat.find(wanted) if wanted else -1
    if at < 0:
        return False, False
    folded = source.folded
    start, end = source.position(at), source.position(at + len(wanted) - 1) + 1
    before, after = folded[:start].rstrip(" "), folded[end:].lstrip(" ")
    # A line break ends a sentence where a title or paragraph ends, but not in hard-wrapped
    # text (a licence, an email), where the sentence goes on in lower case on the next line.
    # A wrapped line is a full one: a short line (a title, a date) ends where it ends.
    wrapped_before = before.endswith("\n") and not before.endswith("\n\n") and \
        wanted[:1].islower() and _full(before[:-1].rsplit("\n", 1)[-1])
    wrapped_after = _WRAPPED.match(after) is not None and \
        _full(folded[:end].rsplit("\n", 1)[-1])
    starts_mid = bool(before) and (wrapped_before or not before.endswith(
        ("\n", '"', "(", "[", "'"))) and not _SENTENCE_END.search(before) and \
        not _LIST_MARKER.search(before)
    ends_mid = not _SENTENCE_END.search(quote.rstrip()) and bool(after) and \
        (wrapped_after or not after.startswith(("\n", ".", "!", "?")) or
         quote.rstrip().endswith((",", ";")))     # a sentence a stray line break cuts goes on
    return starts_mid, ends_mid


@dataclass(frozen=True)
class _Folded:
    """A source folded as quotes are (``folded``: whitespace and quote marks, line breaks
    kept), and the same with line breaks as spaces (``flat``), where a quote is found with one
    ``str.find``: no pattern compiled per quote, which cost more than the rest of an answer."""

    folded: str
    flat: str
    #: Where in ``flat`` each run of whitespace with a line break became one space, and how
    #: many characters ``flat`` has lost up to and including that run.
    runs: tuple[int, ...]
    lost: tuple[int, ...]

    def position(self, flat_index: int) -> int:
        """The index in ``folded`` of the (non-space) character at ``flat_index`` in ``flat``."""
        run = bisect.bisect_left(self.runs, flat_index)
        return flat_index + (self.lost[run - 1] if run else 0)


@functools.lru_cache(maxsize=64)
def _folded(text: str) -> _Folded:
    folded = normalise_for_quote(text.replace("\n", " \x00 ")).replace(" \x00", "\n")
    folded = folded.replace("\x00", "\n")         # a line break the folding left at the start
    pieces, runs, lost, removed, last = [], [], [], 0, 0
    for run in _LINE_BREAKS.finditer(folded):
        pieces.append(folded[last:run.start()])
        runs.append(run.start() - removed)
        removed += len(run.group()) - 1
        lost.append(removed)
        last = run.end()
    pieces.append(folded[last:])
    return _Folded(folded, " ".join(pieces), tuple(runs), tuple(lost))


_LINE_BREAKS = re.compile(r"[ \n]*\n[ \n]*")
#: A list item's marker, a heading's hashes or a quoted line's ">" at the start of a line: what
#: follows starts a sentence.
_LIST_MARKER = re.compile(r"(?:^|\n)[ \t]*(?:[-*+•>]|\d{1,3}[.)]|#{1,6})$")
#: After a quote: one line break, then the sentence going on in lower case.
_WRAPPED = re.compile(r"\n *[a-z(]")
#: A line at least this long is one a hard-wrapped text filled before breaking it.
_FULL_LINE = 45


def _full(line: str) -> bool:
    return len(line.strip()) >= _FULL_LINE
