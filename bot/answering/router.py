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

from bot.answering import messages as msg
from bot.answering.answer import Answer, Outcome, Point, sourced_points
from bot.answering.asker import Asker
from bot.answering.commands import Command, CommandTable, Context, builtin_table
from bot.matching.answer_type import Expect, provides, question_word
from bot.matching.query import Query
from bot.matching.search import Hit, Index, build_index
from bot.pack.model import Gap, Pack, Snippet

logger = logging.getLogger(__name__)

#: Longer input is refused; chat questions are a sentence or two.
MAX_QUESTION_CHARS = 500
#: The share of a question's weight the best snippet must cover to be used as an answer.
MIN_COVERAGE = 0.55
#: Further snippets join the answer when they score this close to the best one.
RELATED_SCORE_RATIO = 0.7
MAX_POINTS = 3

_PREFIX = re.compile(r"^\s*/?docket\b\s*", re.IGNORECASE)


@dataclass(frozen=True)
class Request:
    """The input, parsed once: the text after the slash command, and the command it runs (if
    any) with its arguments. Adapters read ``needs_admin`` before routing it."""

    text: str
    command: Command | None = None
    args: str = ""

    @property
    def needs_admin(self) -> bool:
        return self.command is not None and self.command.admin


@dataclass(frozen=True)
class Settings:
    max_chars: int = MAX_QUESTION_CHARS
    min_coverage: float = MIN_COVERAGE
    related_ratio: float = RELATED_SCORE_RATIO
    max_points: int = MAX_POINTS


class Router:
    """Answers ``/docket`` text from one pack. Build once; ``route`` is safe to call concurrently."""

    def __init__(self, pack: Pack, commands: CommandTable | None = None, *,
                 index: Index | None = None, settings: Settings | None = None):
        """``commands``: the table assembled by the app; the built-in commands alone by default."""
        self.pack = pack
        self.commands = commands if commands is not None else builtin_table()
        self.index = index or build_index(pack)
        self.settings = settings or Settings()
        vocabulary = self.index.vocabulary
        self._gap_terms = {gap.id: [(frozenset(vocabulary.terms(q)),
                                     question_word(vocabulary.words(q))) for q in gap.questions]
                           for gap in pack.gaps}
        self._examples = pack.example_questions()
        self._exact: dict[str, Snippet | Gap] = {}
        for document in pack.snippets + pack.gaps:
            for question in document.questions:
                self._exact.setdefault(vocabulary.key(vocabulary.words(question)), document)

    def parse(self, text: str) -> Request:
        """Strip the slash command's name if typed, tidy the spaces, find the command."""
        cleaned = " ".join(_PREFIX.sub("", text or "").split())
        name, _, rest = cleaned.partition(" ")
        found = self.commands.get(name.lower())
        return Request(cleaned, found, rest if found else "")

    def route(self, text: str, asker: Asker | None = None) -> Answer:
        """Parse and answer in one step, for callers that need no admin lookup in between."""
        return self.answer(self.parse(text), asker)

    def answer(self, request: Request, asker: Asker | None = None) -> Answer:
        """``asker`` says who asks where; without it (the console) nobody is an admin."""
        asker = asker or Asker()
        cleaned = request.text
        if not cleaned:
            return self._help(asker)
        if len(cleaned) > self.settings.max_chars:
            return Answer(Outcome.REJECTED, cleaned[:80] + "…", msg.TOO_LONG_HEADLINE,
                          (Point(msg.TOO_LONG_POINT.format(limit=self.settings.max_chars,
                                                           length=len(cleaned))),))
        if request.command is not None:
            return request.command.handler(Context(request.command.name, request.args, self.pack,
                                                   asker, self.commands))
        name, _, rest = cleaned.partition(" ")
        if self._looks_like_command(name, rest):
            return self._unknown_command(name)
        return self.ask(cleaned)

    def ask(self, question: str) -> Answer:
        query = self.index.analyse(question)
        exact = self._exact.get(query.key)
        if isinstance(exact, Gap):
            return self.no_answer(question, [], gap=exact)
        if not query.terms and exact is None:
            overview = self.pack.by_id.get(self.pack.overview or "")
            if overview is not None:
                return self._answer(question, [overview], 0.7)
            return self._help(Asker())
        hits = self.index.search(query) if query.terms else []
        expect = query.expect
        usable = [h for h in hits if self._usable(query, h, expect)]
        if exact is not None:
            usable = [h for h in usable if h.snippet.id != exact.id]
        gap = next((h.snippet for h in usable if isinstance(h.snippet, Gap)), None)
        if gap is not None and exact is None:
            return self.no_answer(question, hits, query, gap=gap)
        usable = [h for h in usable if not isinstance(h.snippet, Gap)]
        if exact is not None:
            lead, confidence, others = exact, 1.0, usable
        elif usable:
            lead, confidence, others = usable[0].snippet, usable[0].coverage, usable[1:]
        else:
            return self.no_answer(question, hits, query, expect=expect)
        reference = usable[0].score if usable else 0.0
        chosen = [lead] + [h.snippet for h in others
                           if h.score >= self.settings.related_ratio * reference]
        chosen = chosen[: self.settings.max_points]
        logger.debug("question %r -> %s", question, [s.id for s in chosen])
        return self._answer(question, chosen, confidence)

    def _asks_gap(self, query: Query, gap: Gap) -> bool:
        """A gap wins only when the question asks all of one of its questions.

        "Eagle Pass" alone must reach the Eagle Pass snippet, not the gap "who is
        the mayor of Eagle Pass"; "who is the Eagle Pass mayor" must reach the gap.
        """
        asked = set(query.terms)
        wh = query.question_word
        return any(terms and terms <= asked and (gap_wh is None or gap_wh == wh)
                   for terms, gap_wh in self._gap_terms[gap.id])

    def _usable(self, query: Query, hit: Hit, expect: Expect) -> bool:
        if isinstance(hit.snippet, Gap):
            return self._asks_gap(query, hit.snippet)
        if hit.coverage < self.settings.min_coverage or not hit.has_all(query.numbers):
            return False
        return provides(hit.snippet, expect)

    def _answer(self, question: str, snippets: list[Snippet], confidence: float) -> Answer:
        points, citations = sourced_points(self.pack, snippets)
        headline = snippets[0].topic[:1].upper() + snippets[0].topic[1:]
        related = [s.questions[0] for s in self._neighbours(snippets)]
        return Answer(Outcome.ANSWER, question, headline, points, citations,
                      confidence=confidence, suggestions=tuple(related), note=self.pack.disclaimer)

    def _neighbours(self, snippets: list[Snippet]) -> list[Snippet]:
        """Other snippets on the same topics, for "you could also ask" suggestions."""
        shown = {s.id for s in snippets}
        found: list[Snippet] = []
        for topic in dict.fromkeys(s.topic for s in snippets):
            found += [s for s in self.pack.by_topic[topic][: len(shown) + 3] if s.id not in shown]
        return found[:3]

    def no_answer(self, question: str, hits: list[Hit], query: Query | None = None, *,
                  gap: Gap | None = None, expect: Expect = Expect.ANYTHING) -> Answer:
        """An honest refusal: why, and the nearest topics to try instead."""
        hits = [h for h in hits if not isinstance(h.snippet, Gap)]
        points = []
        if gap is not None:
            points.append(Point(gap.reason))
        elif query is not None and query.unknown:
            names = self.index.vocabulary.phrase_names
            shown = (names.get(w, w) for w in query.unknown)
            words = ", ".join(f'"{w}"' for w in dict.fromkeys(shown))
            points.append(Point(msg.NO_ANSWER_UNKNOWN.format(words=words)))
        elif query is not None and hits and not hits[0].has_all(query.numbers):
            missing = [n for n in query.numbers if n not in hits[0].matched]
            points.append(Point(msg.NO_ANSWER_NUMBER.format(numbers=", ".join(missing))))
        elif expect is not Expect.ANYTHING and hits:
            points.append(Point(msg.NO_ANSWER_TYPE[expect.value]))
        else:
            points.append(Point(msg.NO_ANSWER_WEAK))
        points.append(Point.line(msg.NO_ANSWER_TRY, {"topics": "topics"}))
        suggestions = list(dict.fromkeys(h.snippet.questions[0] for h in hits[:3]))
        for example in self._examples:
            if len(suggestions) >= 4:
                break
            if example not in suggestions:
                suggestions.append(example)
        return Answer(Outcome.NO_ANSWER, question, msg.NO_ANSWER_HEADLINE, tuple(points),
                      suggestions=tuple(suggestions[:4]))

    def example_questions(self) -> tuple[str, ...]:
        """One question per topic, in pack order: what to suggest when nothing else fits."""
        return self._examples

    def _help(self, asker: Asker) -> Answer:
        found = self.commands.get("help")
        assert found is not None, "every command table has help"
        return found.handler(Context("help", "", self.pack, asker, self.commands))

    def _unknown_command(self, name: str) -> Answer:
        commands = self.commands.names()
        close = [c for c in commands if OSA.distance(name.lower().lstrip("-!"), c) <= 2]
        return Answer(Outcome.REJECTED, name, msg.UNKNOWN_COMMAND_HEADLINE.format(name=name),
                      (Point(msg.UNKNOWN_COMMAND_POINT.format(commands=", ".join(commands))),),
                      suggestions=tuple(close or commands))

    def _looks_like_command(self, name: str, rest: str) -> bool:
        """A lone word that is a near miss of a command ("hlep"), or a flag ("--help"), is a
        mistyped command."""
        if name.startswith(("-", "!")):
            return True
        if rest:
            return False
        word = name.lower()
        return any(0 < OSA.distance(word, c) <= (1 if len(c) <= 5 else 2)
                   for c in self.commands.names())
