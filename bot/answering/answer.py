"""The platform-neutral answer every front end renders.

The router builds an ``Answer``; renderers turn it into text, Block Kit or an
embed. Nothing here knows about a platform, and everything a renderer needs
(who said what, which quote backs which point) is explicit, so no renderer has
to re-derive meaning from strings.
"""

from __future__ import annotations

import string
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import Any

from bot.answering import messages as msg
from bot.answering.citations import Citation, byline, cite
from bot.pack.model import ATTRIBUTED_KINDS, Kind, Pack, Snippet
from bot.pack.speakers import speaker as quoted_speaker


class Outcome(str, Enum):
    """What kind of reply this is; renderers style each differently."""

    ANSWER = "answer"          # a sourced answer to a question
    LISTING = "listing"        # help, topics, sources: the bot describing itself or the pack
    NO_ANSWER = "no_answer"    # the pack has no sourced answer; never a guess
    REJECTED = "rejected"      # the input itself was refused (too long, unknown command)
    DIGEST = "digest"          # a scheduled digest: key points, then what changed since the last


@dataclass(frozen=True)
class CommandRef:
    """Something the reader can type after the slash command ("topics", "who is affected").

    The answer does not know the command's name (``/docket``, ``/brief``) or the platform's
    markup, so it keeps the reference apart; each renderer shows it its own way.
    """

    text: str


@dataclass(frozen=True)
class Choice:
    """A "Did you mean": a snippet the pack can answer, offered by its own question."""

    question: str
    snippet_id: str


#: A piece of a bot-voice line: plain text, or a command reference.
Segment = str | CommandRef


@dataclass(frozen=True)
class Point:
    """One statement in an answer, with its kind and speaker so opinion is never shown as fact.

    Content from the pack is ``text``; a line in the bot's own voice that names commands is
    built with ``Point.line`` and keeps its pieces in ``parts``.
    """

    text: str = ""
    kind: Kind | None = None
    speaker: str | None = None
    citations: tuple[int, ...] = ()
    snippet_id: str | None = None
    #: A heading this point starts or continues ("New since the last digest"); None for none.
    section: str | None = None

    #: Set by ``Point.line``: the text in pieces, command references apart.
    parts: tuple[Segment, ...] = ()

    @classmethod
    def line(cls, template: str, refs: dict[str, str] | None = None, *,
             section: str | None = None, **values: object) -> Point:
        """A bot-voice line from a template in ``bot.answering.messages``: each ``{field}`` named
        in ``refs`` becomes a command reference, every other field its value as plain text.

        ``Point.line("Try {topics}.", {"topics": "topics"})``. Values are never parsed for
        braces, so pack text with ``{`` in it is safe here.
        """
        refs = refs or {}
        parts: list[Segment] = []
        for literal, field, _, _ in string.Formatter().parse(template):
            if literal:
                parts.append(literal)
            if field is not None:
                parts.append(CommandRef(refs[field]) if field in refs else str(values[field]))
        return cls(parts=tuple(parts), section=section)

    @property
    def segments(self) -> tuple[Segment, ...]:
        return self.parts or (self.text,)

    def render(self, ref: Callable[[str], str], plain: Callable[[str], str] = str) -> str:
        """The text with each command reference drawn by ``ref`` and each plain piece by ``plain``
        (an escaping function, say)."""
        return "".join(ref(s.text) if isinstance(s, CommandRef) else plain(s)
                       for s in self.segments)

    @property
    def attributed(self) -> bool:
        return self.kind in ATTRIBUTED_KINDS


@dataclass(frozen=True)
class Answer:
    """Everything a renderer needs, and the stable JSON shape of ``docket ask --json``."""

    outcome: Outcome
    question: str
    headline: str
    points: tuple[Point, ...] = ()
    citations: tuple[Citation, ...] = ()
    confidence: float = 0.0
    #: What the reader could type next, after the slash command: questions or commands.
    suggestions: tuple[str, ...] = ()
    #: A refusal's "Did you mean": the closest snippets' own questions, one click each.
    choices: tuple[Choice, ...] = ()
    note: str | None = None
    #: Meant for the asker alone (a channel's digest settings): shown privately, never shared.
    private: bool = False
    #: Names this reply to a question (an answer or a refusal) among all Docket gave: the
    #: Helpful / Not helpful buttons carry it, and the curators' log keys on it. Random, so a
    #: click cannot guess another answer's; not part of the JSON, which stays reproducible.
    ref: str | None = None
    #: A refusal with a curated known gap: the gap's id, for a curator reading ``--json``.
    gap: str | None = None
    #: False for a command's sourced selection (``quote``, ``balance``): it cites like an
    #: answer, but nothing was matched against a question, so a confidence would grade nothing.
    matched: bool = True

    @property
    def answered(self) -> bool:
        return self.outcome in (Outcome.ANSWER, Outcome.LISTING, Outcome.DIGEST)

    @property
    def shareable(self) -> bool:
        """Whether "Share in channel" may post it: a sourced answer, not help, a refusal or a
        channel's private settings."""
        return self.outcome is Outcome.ANSWER and not self.private

    @property
    def snippet_ids(self) -> tuple[str, ...]:
        return tuple(p.snippet_id for p in self.points if p.snippet_id)

    @property
    def shows_confidence(self) -> bool:
        return self.outcome is Outcome.ANSWER and self.matched

    @property
    def confidence_label(self) -> str:
        if not self.shows_confidence:
            return "none"
        return "high" if self.confidence >= 0.85 else "medium" if self.confidence >= 0.7 else "low"

    def plain_text(self, command: str = msg.DEFAULT_COMMAND) -> str:
        """Headline and points, one per line: the notification fallback and the JSON ``text``."""
        lines = [self.headline]
        for point, heading in with_headings(self.points):
            lines += [heading] if heading else []
            lines.append(f"- {point_label(point)}{point.render(lambda ref: f'{command} {ref}')}")
        return "\n".join(lines)

    def to_json(self, command: str = msg.DEFAULT_COMMAND) -> dict[str, Any]:
        return {
            "answered": self.answered,
            "outcome": self.outcome.value,
            "question": self.question,
            "text": self.plain_text(command),
            "snippets": list(self.snippet_ids),
            "citations": [c.to_json() for c in self.citations],
            "confidence": round(self.confidence, 3),
            "confidence_label": self.confidence_label,
            "gap": self.gap,
            "suggestions": list(self.suggestions),
            "choices": [{"question": c.question, "snippet": c.snippet_id} for c in self.choices],
            "points": [{"text": p.render(lambda ref: f"{command} {ref}"),
                        "kind": p.kind.value if p.kind else None, "speaker": p.speaker,
                        "snippet": p.snippet_id, "citations": list(p.citations)}
                       for p in self.points],
        }


def point_label(point: Point) -> str:
    """The prefix that marks an opinion or claim with its speaker ("Opinion — A. Critic: ")."""
    if not point.attributed:
        return ""
    kind = point.kind.value.capitalize() if point.kind else ""
    return f"{kind} — {point.speaker}: " if point.speaker else f"{kind}: "


def with_headings(points: tuple[Point, ...]) -> list[tuple[Point, str | None]]:
    """Each point with the heading to show before it: its section, where a new section starts."""
    shown, previous = [], None
    for point in points:
        shown.append((point, point.section if point.section and point.section != previous
                      else None))
        previous = point.section
    return shown


def sourced_points(pack: Pack, snippets: list[Snippet], sections: list[str | None] | None = None,
                   ) -> tuple[tuple[Point, ...], tuple[Citation, ...]]:
    """Points for the given snippets and their numbered citations, each quote cited once.

    ``sections`` gives each snippet's heading, for answers grouped under headings (digests).
    """
    numbers, citations = cite(pack, snippets)
    points = []
    for snippet, cited, section in zip(snippets, numbers, sections or [None] * len(snippets)):
        speaker = snippet.speaker.label() if snippet.speaker else None
        points.append(Point(text=snippet.summary, kind=snippet.kind, speaker=speaker,
                            citations=tuple(sorted(cited)), snippet_id=snippet.id,
                            section=section))
    return tuple(points), citations


def holders(pack: Pack, snippets: list[Snippet]) -> tuple[Point, ...]:
    """Who holds each of the snippets' points, and which sources carry it, once per speaker:
    what "who said that" asks first, before the points themselves. A point no speaker holds
    is said to be the source's own, so a reported fact is never pinned on someone."""
    carried: dict[str | None, tuple[str | None, list[str]]] = {}   # by name: label, sources
    cited: list[str] = []       # whom the source's own account cites in the quotes shown
    for snippet in snippets:
        speaker = snippet.speaker
        _, found = carried.setdefault(speaker.name if speaker else None,
                                      (speaker.label() if speaker else None, []))
        for evidence in snippet.evidence:
            if evidence.source_id not in found:
                found.append(evidence.source_id)
            named = None if speaker else quoted_speaker(evidence.quote)
            if named and named.lower() not in (c.lower() for c in cited):
                cited.append(named)
    points = []
    for label, source_ids in carried.values():
        sources = " and ".join(msg.FOLLOW_WHO_IN.format(title=pack.sources[i].title,
                                                        byline=byline(pack.sources[i]))
                               for i in source_ids)
        if label:
            points.append(Point(msg.FOLLOW_WHO_SPEAKER.format(speaker=label, sources=sources)))
        elif cited:     # "…,” a city spokesperson told the paper": the quote says whose words
            points.append(Point(msg.FOLLOW_WHO_CITING.format(cited="; ".join(cited),
                                                             sources=sources)))
        else:
            points.append(Point(msg.FOLLOW_WHO_SOURCE.format(sources=sources)))
    return tuple(points)
