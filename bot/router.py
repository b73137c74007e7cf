"""From the text after ``/docket`` to an ``Answer``: the one place routing happens.

Order: clean the input, refuse what is too long, run a command from the table,
otherwise answer the question from the best-covering snippets, or refuse
honestly. A refusal is an answer too: it says why and suggests what to ask.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from rapidfuzz.distance import OSA

from bot import messages as msg
from bot import text as tx
from bot.answer import Answer, Outcome, Point, sourced_points
from bot.commands import COMMANDS
from bot.pack import Pack, Snippet
from bot.search import Hit, Index, Query

logger = logging.getLogger(__name__)

#: Longer input is refused; chat questions are a sentence or two.
MAX_QUESTION_CHARS = 500
#: The share of a question's weight the best snippet must cover to be used as an answer.
MIN_COVERAGE = 0.6
#: Further snippets join the answer when they score this close to the best one.
RELATED_SCORE_RATIO = 0.75
MAX_POINTS = 3

_PREFIX = re.compile(r"^\s*/?docket\b\s*", re.IGNORECASE)


@dataclass(frozen=True)
class Settings:
    max_chars: int = MAX_QUESTION_CHARS
    min_coverage: float = MIN_COVERAGE
    related_ratio: float = RELATED_SCORE_RATIO
    max_points: int = MAX_POINTS


class Router:
    """Answers ``/docket`` text from one pack. Build once; ``route`` is safe to call concurrently."""

    def __init__(self, pack: Pack, index: Index | None = None, settings: Settings | None = None):
        self.pack = pack
        self.index = index or Index(pack.snippets)
        self.settings = settings or Settings()
        self._exact = {}
        for snippet in pack.snippets:
            for question in snippet.questions:
                self._exact.setdefault(_key(question), snippet)

    def route(self, text: str) -> Answer:
        cleaned = " ".join(_PREFIX.sub("", text or "").split())
        if not cleaned:
            return COMMANDS["help"].handler(self, "")
        if len(cleaned) > self.settings.max_chars:
            return Answer(Outcome.REJECTED, cleaned[:80] + "…", msg.TOO_LONG_HEADLINE,
                          (Point(msg.TOO_LONG_POINT.format(limit=self.settings.max_chars,
                                                           length=len(cleaned))),))
        name, _, rest = cleaned.partition(" ")
        found = COMMANDS.get(name.lower())
        if found is not None:
            return found.handler(self, rest)
        if _looks_like_command(name, rest):
            return self._unknown_command(name)
        return self.ask(cleaned)

    def ask(self, question: str) -> Answer:
        query = self.index.analyse(question)
        exact = self._exact.get(_key(question))
        if not query.terms and exact is None:
            overview = self.pack.by_id.get(self.pack.overview or "")
            if overview is not None:
                return self._answer(question, [overview], 0.7)
            return COMMANDS["help"].handler(self, "")
        hits = self.index.search(query) if query.terms else []
        usable = [h for h in hits if self._usable(query, h)]
        if exact is not None:
            usable = [h for h in usable if h.snippet.id != exact.id]
            best_score = usable[0].score if usable else 0.0
            chosen = [exact] + [h.snippet for h in usable
                                if h.score >= self.settings.related_ratio * best_score]
            return self._answer(question, chosen[: self.settings.max_points], 1.0)
        if not usable:
            return self.no_answer(question, hits, query)
        best = usable[0]
        chosen = [best] + [h for h in usable[1:]
                           if h.score >= self.settings.related_ratio * best.score]
        chosen = chosen[: self.settings.max_points]
        logger.debug("question %r -> %s", question, [h.snippet.id for h in chosen])
        return self._answer(question, [h.snippet for h in chosen], best.coverage)

    def _usable(self, query: Query, hit: Hit) -> bool:
        return hit.coverage >= self.settings.min_coverage and hit.has_all(query.numbers)

    def _answer(self, question: str, snippets: list[Snippet], confidence: float) -> Answer:
        points, citations = sourced_points(self.pack, snippets)
        headline = snippets[0].topic[:1].upper() + snippets[0].topic[1:]
        related = [s.questions[0] for s in self._neighbours(snippets)]
        return Answer(Outcome.ANSWER, question, headline, points, citations,
                      confidence=confidence, suggestions=tuple(related), note=self.pack.disclaimer)

    def _neighbours(self, snippets: list[Snippet]) -> list[Snippet]:
        """Other snippets on the same topics, for "you could also ask" suggestions."""
        shown = {s.id for s in snippets}
        topics = {s.topic for s in snippets}
        return [s for s in self.pack.snippets if s.topic in topics and s.id not in shown][:3]

    def no_answer(self, question: str, hits: list[Hit], query: Query | None = None) -> Answer:
        """An honest refusal: why, and the nearest topics to try instead."""
        points = []
        if query is not None and query.unknown:
            words = ", ".join(f'"{w}"' for w in dict.fromkeys(query.unknown))
            points.append(Point(msg.NO_ANSWER_UNKNOWN.format(words=words)))
        elif query is not None and hits and not hits[0].has_all(query.numbers):
            missing = [n for n in query.numbers if n not in hits[0].matched]
            points.append(Point(msg.NO_ANSWER_NUMBER.format(numbers=", ".join(missing))))
        else:
            points.append(Point(msg.NO_ANSWER_WEAK))
        points.append(Point(msg.NO_ANSWER_TRY.format(command=msg.COMMAND)))
        suggestions = list(dict.fromkeys(h.snippet.questions[0] for h in hits[:3]))
        suggestions += [q for q in self.example_questions() if q not in suggestions]
        return Answer(Outcome.NO_ANSWER, question, msg.NO_ANSWER_HEADLINE, tuple(points),
                      suggestions=tuple(suggestions[:4]))

    def example_questions(self) -> tuple[str, ...]:
        """One question per topic, in pack order: what to suggest when nothing else fits."""
        firsts = {}
        for snippet in self.pack.snippets:
            firsts.setdefault(snippet.topic, snippet.questions[0])
        return tuple(firsts.values())

    def _unknown_command(self, name: str) -> Answer:
        names = ", ".join(COMMANDS)
        close = [c for c in COMMANDS if OSA.distance(name.lower().lstrip("-!"), c) <= 2]
        return Answer(Outcome.REJECTED, name, msg.UNKNOWN_COMMAND_HEADLINE.format(name=name),
                      (Point(msg.UNKNOWN_COMMAND_POINT.format(commands=names)),),
                      suggestions=tuple(close or COMMANDS))


def _key(question: str) -> str:
    return " ".join(tx.words(question))


def _looks_like_command(name: str, rest: str) -> bool:
    """A lone word that is a near miss of a command ("hlep"), or a flag ("--help"), is a mistyped command."""
    if name.startswith(("-", "!")):
        return True
    if rest:
        return False
    word = name.lower()
    return any(0 < OSA.distance(word, c) <= (1 if len(c) <= 5 else 2) for c in COMMANDS)
