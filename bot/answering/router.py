"""From the text after ``/docket`` to an ``Answer``: the one place routing happens.

Order: clean the input, refuse what is too long, run a command from the table,
otherwise answer the question from the best-covering snippets, or refuse
honestly. A refusal is an answer too: it says why and suggests what to ask.
"""

from __future__ import annotations

import logging
import re
import secrets
import time
from collections.abc import Callable
from itertools import islice
from dataclasses import dataclass, field, replace
from typing import NamedTuple

from bot.answering import framing
from bot.answering import messages as msg
from bot.answering.answer import Answer, Choice, Outcome, Point, holders, sourced_points
from bot.answering.asker import Asker
from bot.answering.choices import examples, offered
from bot.answering.commands import Command, CommandTable, Context, builtin_table
from bot.answering.followups import Conversations, Follow, Turn, follow_up
from bot.answering.intents import Intents, small_talk
from bot.answering.limits import LimitSettings, RateLimits
from bot.matching import english
from bot.matching import text as tx
from bot.matching.answer_type import question_word, ranks
from bot.matching.gate import Decision, Gate, GateSettings, Verdict
from bot.matching.query import Query
from bot.matching.search import Hit, Index, build_index
from bot.pack.model import Gap, Pack, Snippet

logger = logging.getLogger(__name__)

#: Longer input is refused; chat questions are a sentence or two.
MAX_QUESTION_CHARS = 500
#: Up to this long, a question is answered in well under 2 ms even when every word is unknown
#: to the pack (about 1.7 ms per 100 characters of such words: stemming, typo look-ups), so an
#: event loop may answer it inline; a longer one goes to a worker thread.
INLINE_CHARS = 100

_PREFIX = re.compile(r"^\s*/?docket\b\s*", re.IGNORECASE)
#: How far down the whole message's search an answer to its last question, pointing back
#: at the rest ("...out of memory - is that a bug?"), must be found.
_POINTED_BACK_TOP = 5


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


class Reading(NamedTuple):
    """One question as the matcher read and decided it: what ``ask`` answers from, and what
    ``docket ask --why`` shows."""

    query: Query
    exact: Snippet | Gap | None
    hits: list[Hit]
    decision: Decision


@dataclass(frozen=True)
class Settings:
    """``gate``: how the answer-or-refuse decision is made (``bot.matching.gate``);
    ``limits``: how many questions a person or a channel may ask a minute."""

    max_chars: int = MAX_QUESTION_CHARS
    gate: GateSettings = field(default_factory=GateSettings)
    limits: LimitSettings = field(default_factory=LimitSettings)


class Router:
    """Answers ``/docket`` text from one pack. Build once; ``route`` is safe to call concurrently."""

    def __init__(self, pack: Pack, commands: CommandTable | None = None, *,
                 index: Index | None = None, settings: Settings | None = None):
        """``commands``: the table assembled by the app; the built-in commands alone by default."""
        self.commands = commands if commands is not None else builtin_table()
        self.settings = settings or Settings()
        self.replace_pack(pack, index)
        self.conversations = Conversations()
        self.limits = RateLimits(self.settings.limits)
        self.observers: list[Callable[[Answer, Asker, float], None]] = []

    def replace_pack(self, pack: Pack, index: Index | None = None) -> None:
        """Answer from ``pack`` from now on (a running process picks up a curator's edit).
        Everything derived from it is built first and swapped in at the end, so a question
        asked meanwhile is answered from the old pack; conversations carry over, and a
        follow-up on a snippet the new pack dropped just finds nothing to follow."""
        index = index or build_index(pack)
        vocabulary = index.vocabulary
        gate = Gate({gap.id: [(frozenset(vocabulary.terms(q)), question_word(words), ranks(words))
                              for q in gap.questions for words in [vocabulary.words(q)]]
                     for gap in pack.gaps}, self.settings.gate, vocabulary)
        intents = Intents((s.speaker.label() for s in pack.snippets if s.speaker),
                          vocabulary.fillers, pack.lexicon.synonyms)
        self.pack, self.index, self.gate, self.intents, self._examples = (
            pack, index, gate, intents, examples(pack))

    def prepare(self) -> None:
        """Load now what answering otherwise loads on first use (the English word list), so in
        a long-running process no request waits on it."""
        english.load()

    def parse(self, text: str) -> Request:
        """Strip the slash command's name if typed, tidy the spaces, find the command. Lone
        surrogates (bytes that were not text, as a shell or a JSON escape passes them on)
        become U+FFFD, so nothing downstream meets a string it cannot encode."""
        text = (text or "").encode("utf-16", "surrogatepass").decode("utf-16", "replace")
        text = framing.clean(text)          # never echo an escape, a bell or a reversal
        cleaned = " ".join(_PREFIX.sub("", text).split())
        name, _, rest = cleaned.partition(" ")
        found = self.commands.get(name.lower())
        return Request(cleaned, found, rest if found else "")

    def route(self, text: str, asker: Asker | None = None) -> Answer:
        """Parse and answer in one step, for callers that need no admin lookup in between."""
        return self.answer(self.parse(text), asker)

    def answer(self, request: Request, asker: Asker | None = None) -> Answer:
        """``asker`` says who asks where; without it (the console) nobody is an admin. Each
        of ``observers`` is told of every answer, with who asked and how long it took (the
        app's metrics and the curators' log listen here). An answer to a question, or a
        refusal of one, gets a ``ref`` that feedback on it names."""
        asker = asker or Asker()
        started = time.perf_counter()
        answer = self._answer_request(request, asker)
        if answer.outcome in (Outcome.ANSWER, Outcome.NO_ANSWER):
            answer = replace(answer, ref=secrets.token_hex(8))
        for observe in self.observers:
            observe(answer, asker, time.perf_counter() - started)
        return answer

    def _answer_request(self, request: Request, asker: Asker) -> Answer:
        cleaned = request.text
        if not cleaned:
            return self._help(asker)
        over = self.limits.check(asker)
        if over is not None:
            return Answer(Outcome.REJECTED, cleaned[:80], msg.SLOW_DOWN_HEADLINE,
                          (Point(msg.SLOW_DOWN[over.scope].format(
                              count=over.count, seconds=max(1, round(over.retry_after)))),),
                          private=True)
        if len(cleaned) > self.settings.max_chars:
            return Answer(Outcome.REJECTED, cleaned[:80] + "…", msg.TOO_LONG_HEADLINE,
                          (Point(msg.TOO_LONG_POINT.format(limit=self.settings.max_chars,
                                                           length=len(cleaned))),))
        if request.command is not None:
            return request.command.handler(Context(request.command.name, request.args, self.pack,
                                                   asker, self.commands))
        followed = self._follow_up(cleaned, asker)
        continued: Turn | None = None
        if followed is not None:
            answer, continued = followed
        else:
            name, _, rest = cleaned.partition(" ")
            if self.looks_like_command(name, rest):
                return self.commands.unknown(name, rest)
            answer = self._question(cleaned, asker)
        if asker.conversation and answer.outcome is Outcome.ANSWER and answer.snippet_ids:
            # A follow-up's answer is still about the question asked before, and adds to
            # what that conversation has shown.
            question, seen = ((continued.question, continued.seen) if continued is not None
                              else (answer.question, frozenset()))
            self.conversations.remember(asker.conversation, question, answer.snippet_ids, seen)
        return answer

    def _question(self, text: str, asker: Asker) -> Answer:
        """A question, or what a command does asked in everyday words ("both sides")."""
        reading = self.reading(text)        # read once: the command, the answer, the gap
        named = self.named_command(text, reading)
        if named is not None:
            command, args = named
            return command.handler(Context(command.name, args, self.pack, asker, self.commands))
        answer = self.ask(text, reading)
        if answer.outcome is Outcome.NO_ANSWER and self.about_the_sources(text) and \
                not self.asks_a_gap(reading):   # "who wrote the memo": not a source's byline
            return self._run("sources", asker) or answer
        return answer

    def asks_a_gap(self, reading: Reading) -> bool:
        """Whether the question is one of a curated gap's, all of it ("who wrote the memo"),
        not a longer one that holds it ("who wrote the *leaked images* article")."""
        decision = reading.decision
        return decision.verdict is Verdict.GAP and decision.gap_asked and any(
            hit.snippet is decision.gap and hit.coverage >= self.settings.gate.full_coverage
            for hit in reading.hits)

    def stays_with(self, asked: str, whole: list[Hit], answer_id: str) -> bool:
        """Whether the answer to a message's last question may stand for it all: one pointing
        back ("...out of memory - is *that* a bug?") must be among what the whole reached."""
        return not framing.points_back(asked) or \
            answer_id in {hit.snippet.id for hit in whole[:_POINTED_BACK_TOP]}

    def named_command(self, text: str, reading: Reading | None = None
                      ) -> tuple[Command, str] | None:
        """The command a question names in everyday words ("both sides" is ``balance``), with
        its arguments; ``None`` for a curated question, which is always answered as written."""
        vocabulary = self.index.vocabulary
        if vocabulary.key(vocabulary.words(text)) in self.index.exact:
            return None
        intent = self.intents.match(text)
        command = self.commands.get(intent.command) if intent else None
        if intent is None or command is None:
            return None
        # "what is the Heritage Foundation's position": a gap that asks it, word for word, says
        # the sources give none, where ``quote`` would give someone's words who works there
        return None if self.asks_a_gap(reading or self.reading(text)) else (command, intent.args)

    def about_the_sources(self, text: str) -> bool:
        """Whether a question no snippet answers asks who wrote the sources, when or where they
        appeared, or names one of their authors or outlets ("who is Sam Ortiz"): the sources'
        own details answer it, whether or not a curator wrote a snippet about them."""
        if framing.asks_for_byline(text):
            return True
        named = self.index.analyse(text).named
        credits = {w for source in self.pack.sources.values()
                   for w in tx.normalise(f"{source.author or ''} {source.outlet or ''}").split()}
        return bool(named) and all(w in credits for w in named)

    def _follow_up(self, text: str, asker: Asker) -> tuple[Answer, Turn | None] | None:
        """``text`` read against the conversation's last answer, if it is a follow-up of one
        given in the last ten minutes (``bot.answering.followups``); with the turn it continues
        (None when it asks something afresh, as "and the budget?" does)."""
        found = follow_up(text)
        if found is None:
            return None
        previous = self.conversations.last(asker.conversation) if asker.conversation else None
        shown = [self.pack.by_id[i] for i in previous.snippet_ids
                 if i in self.pack.by_id] if previous is not None else []
        if previous is None or not shown:
            if found.kind is Follow.ABOUT:          # "and X" alone is a question about X
                return None
            if found.kind is Follow.SOURCES:        # "what are the sources", asked afresh
                answer = self._question(text, asker)
                if answer.outcome is Outcome.ANSWER:
                    return answer, None
                return self._run("sources", asker) or answer, None
            if self.index.analyse(text).terms:      # "who wrote it" asks about the pack too
                answer = self._question(text, asker)     # (an answer, or the sources' list)
                if answer.outcome is not Outcome.NO_ANSWER:
                    return answer, None
            return Answer(Outcome.NO_ANSWER, text, msg.FOLLOW_NOTHING_HEADLINE,
                          (Point(msg.FOLLOW_NOTHING),), suggestions=self._examples[:3]), None
        if found.kind in (Follow.WHO, Follow.SOURCES):
            answer = self._answer(text, shown, 1.0)
            if found.kind is Follow.SOURCES:
                return replace(answer, headline=msg.FOLLOW_SOURCES), previous
            said = tuple(replace(point, section=msg.FOLLOW_WHO_SAID) for point in answer.points)
            return replace(answer, headline=msg.FOLLOW_WHO,
                           points=holders(self.pack, shown) + said), previous
        if found.kind is Follow.ABOUT:
            about = self.ask(found.subject)
            return replace(about, question=text), None
        if found.kind is Follow.WHY:
            why = self.ask(f"why {previous.question}")
            if why.outcome is Outcome.ANSWER and set(why.snippet_ids) - previous.seen:
                return replace(why, question=text), previous
        more = [s for s in self._neighbours(shown) if s.id not in previous.seen]
        if not more:
            ending = msg.FOLLOW_NO_REASONS if found.kind is Follow.WHY else msg.FOLLOW_NO_MORE
            return Answer(Outcome.LISTING, text, ending.format(topic=shown[0].topic),
                          suggestions=self._examples[:3], note=self.pack.disclaimer), previous
        heading = msg.FOLLOW_MORE
        if found.kind is Follow.WHY:    # a neighbour its curator asked "why" of gives reasons
            reasons = [s for s in more if any(q.lower().startswith("why") for q in s.questions)]
            more = reasons + [s for s in more if s not in reasons]
            heading = msg.FOLLOW_WHY_REASONS if reasons else msg.FOLLOW_WHY_MORE
        return replace(self._answer(text, more, 1.0), headline=heading.format(
            topic=more[0].topic)), previous

    def reading(self, question: str) -> Reading:
        """``question`` analysed, searched and decided against the pack."""
        query = self.index.analyse(question, common_unknown=self.settings.gate.common_unknown)
        exact = self.index.curated(query)
        hits = self.index.search(query, also=self.gate.gaps_asked(query)) if query.terms else []
        return Reading(query, exact, hits, self.gate.decide(query, hits, exact))

    def ask(self, question: str, reading: Reading | None = None) -> Answer:
        query, exact, hits, decision = reading or self.reading(question)
        # "hey how are you today": small talk, whatever the pack makes of "today"
        if exact is None and (not query.terms or small_talk(query.words) is not None):
            reply = self.topicless_reply(query)
            if reply in ("thanks", "acknowledgement"):
                return Answer(Outcome.LISTING, question, msg.THANKS_HEADLINE if reply == "thanks"
                              else msg.ACKNOWLEDGED_HEADLINE,
                              (Point.line(msg.THANKS_NOTE, {"help": "help"}),),
                              suggestions=self._examples[:3])
            if reply == "overview":
                return self._answer(question, [self.pack.by_id[self.pack.overview or ""]], 0.7)
            return self._help(Asker())
        if decision.verdict is Verdict.WEAK or (
                decision.verdict is Verdict.NAMED and framing.stands_alone(question, query.named)):
            asked = framing.last_question(question)
            if asked is not None:
                answer = self.ask(asked)
                if answer.outcome is Outcome.ANSWER and \
                        self.stays_with(asked, hits, answer.snippet_ids[0]):
                    return replace(answer, question=question)
        if decision.verdict is not Verdict.ANSWER or decision.lead is None:
            return self.refuse(question, decision)
        chosen = [decision.lead, *decision.related]
        logger.debug("question %r -> %s", question, [s.id for s in chosen])
        return self._answer(question, chosen, decision.confidence)

    def topicless_reply(self, query: Query) -> str:
        """How a message without a topic word is answered ("thanks", "acknowledgement",
        "overview" or "help"): "thanks" and "ok" get a short reply, "hi" help; "tell me about
        it" asks for the overview; "?" or a bare "@everyone" asks nothing, so help."""
        talk = small_talk(query.words)
        if talk in ("thanks", "acknowledgement"):
            return talk
        if talk is None and query.words and (self.pack.overview or "") in self.pack.by_id:
            return "overview"
        return "help"

    def _answer(self, question: str, snippets: list[Snippet], confidence: float) -> Answer:
        points, citations = sourced_points(self.pack, snippets)
        headline = snippets[0].topic[:1].upper() + snippets[0].topic[1:]
        related = [offered(s) for s in self._neighbours(snippets)]
        return Answer(Outcome.ANSWER, question, headline, points, citations,
                      confidence=confidence, suggestions=tuple(related), note=self.pack.disclaimer)

    def _neighbours(self, snippets: list[Snippet]) -> list[Snippet]:
        """Other snippets on the same topics, for "you could also ask" suggestions."""
        shown = {s.id for s in snippets}
        found: list[Snippet] = []
        for topic in dict.fromkeys(s.topic for s in snippets):
            found += [s for s in self.pack.by_topic[topic][: len(shown) + 3] if s.id not in shown]
        return found[:3]

    def refuse(self, question: str, decision: Decision) -> Answer:
        """An honest refusal: why, the closest questions the pack can answer ("Did you mean"),
        and where else to look."""
        points = [Point(self._why(decision))]
        points.append(Point.line(msg.NO_ANSWER_TRY, {"topics": "topics"}))
        choices = tuple(Choice(offered(s), s.id) for s in decision.closest)
        asked = {c.question for c in choices}
        suggestions = islice((e for e in self._examples if e not in asked),
                             max(0, 4 - len(choices)))
        return Answer(Outcome.NO_ANSWER, question, msg.NO_ANSWER_HEADLINE, tuple(points),
                      suggestions=tuple(suggestions), choices=choices,
                      gap=decision.gap.id if decision.gap is not None else None)

    def _why(self, decision: Decision) -> str:
        names = self.index.vocabulary.phrase_names
        words = ", ".join(f'"{names.get(w, w)}"' for w in dict.fromkeys(decision.words))
        if decision.verdict is Verdict.GAP and decision.gap is not None:
            if not decision.gap_asked:     # reached by paraphrase: its reason is a neighbour's
                return msg.NO_ANSWER_NEAR_GAP.format(reason=decision.gap.reason)
            return decision.gap.reason
        if decision.verdict is Verdict.NUMBER:
            return msg.NO_ANSWER_NUMBER.format(numbers=", ".join(decision.words))
        if decision.verdict is Verdict.TYPE:
            return msg.NO_ANSWER_TYPE[decision.expect.value]
        if words:
            return msg.NO_ANSWER_UNKNOWN.format(words=words)
        return msg.NO_ANSWER_WEAK

    def example_questions(self) -> tuple[str, ...]:
        """One question per topic, in pack order: what to suggest when nothing else fits."""
        return self._examples

    def _run(self, name: str, asker: Asker) -> Answer | None:
        """The table's command ``name`` run with no arguments, or None if the table lacks it."""
        found = self.commands.get(name)
        return found.handler(Context(name, "", self.pack, asker, self.commands)) \
            if found is not None else None

    def _help(self, asker: Asker) -> Answer:
        answer = self._run("help", asker)
        assert answer is not None, "every command table has help"
        return answer

    def looks_like_command(self, name: str, rest: str) -> bool:
        """Whether a message opening with ``name`` is a mistyped command (``CommandTable.
        mistyped``): a word the pack or English knows is a question's word instead, and so is
        an option the pack documents, alone ("--ignore-joins?")."""
        if not rest and name.startswith("-") and name.strip("-?!. ").lower() not in \
                self.commands.names():
            vocabulary = self.index.vocabulary
            terms = [t for w in vocabulary.words(name) for t in vocabulary.fold(w)]
            if terms and all(t in self.index.idf for t in terms):
                return False
        return self.commands.mistyped(name, rest, lambda word: english.is_common_word(word) or
                                      bool(set(self.index.vocabulary.fold(word))
                                           & self.index.idf.keys()))
