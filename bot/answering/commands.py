"""The command table: every ``/docket <command>`` in one place.

Handlers are registered by the ``command`` decorator and do nothing else;
``Router.route`` is the only place that decides which one runs. Anything that is
not a command is a question.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rapidfuzz import fuzz

from bot.answering import messages as msg
from bot.answering.answer import Answer, Outcome, Point, sourced_points
from bot.answering.asker import Asker
from bot.pack.model import ATTRIBUTED_KINDS

if TYPE_CHECKING:
    from bot.answering.router import Router

Handler = Callable[["Router", str, Asker], Answer]


@dataclass(frozen=True)
class Command:
    """``admin``: only people who may manage the channel can run it; the router checks."""

    name: str
    usage: str
    summary: str
    handler: Handler
    admin: bool = False


COMMANDS: dict[str, Command] = {}


def command(name: str, usage: str, summary: str, *, admin: bool = False
            ) -> Callable[[Handler], Handler]:
    """Register a handler in the table; routing itself happens in ``Router.route``."""

    def register(handler: Handler) -> Handler:
        COMMANDS[name] = Command(name, usage, summary, handler, admin)
        return handler

    return register


@command("help", "help", "what Docket can do")
def help_(router: Router, args: str, asker: Asker) -> Answer:
    pack = router.pack
    points = [Point(msg.HELP_USAGE.format(command=msg.COMMAND))]
    points += [Point(f"`{msg.COMMAND} {c.usage}`: {c.summary}") for c in COMMANDS.values()]
    points.append(Point(msg.HELP_FOOTER))
    return Answer(Outcome.LISTING, args and f"help {args}" or "help",
                  msg.HELP_HEADLINE.format(title=pack.title), tuple(points),
                  suggestions=router.example_questions(), note=pack.disclaimer)


@command("topics", "topics", "the topics this briefing covers")
def topics(router: Router, args: str, asker: Asker) -> Answer:
    pack = router.pack
    points = []
    for topic, members in pack.by_topic.items():
        points.append(Point(msg.TOPIC_LINE.format(
            topic=topic, count=len(members), plural="" if len(members) == 1 else "s",
            example=f"`{msg.COMMAND} {members[0].questions[0]}`")))
    return Answer(Outcome.LISTING, "topics", msg.TOPICS_HEADLINE.format(count=len(points)),
                  tuple(points), suggestions=tuple(pack.topics()[:5]), note=pack.disclaimer)


@command("sources", "sources", "the documents behind every answer, with what they leave out")
def sources(router: Router, args: str, asker: Asker) -> Answer:
    points = []
    for source in router.pack.sources.values():
        line = msg.SOURCE_LINE.format(title=source.title, byline=source.byline())
        if source.unknown:
            line += msg.SOURCE_UNKNOWN.format(unknown=source.unknown)
        points.append(Point(line))
    return Answer(Outcome.LISTING, "sources",
                  msg.SOURCES_HEADLINE.format(count=len(points)), tuple(points),
                  note=router.pack.disclaimer)


@command("quote", "quote [speaker]", "what the people quoted in the sources say")
def quote(router: Router, args: str, asker: Asker) -> Answer:
    pack = router.pack
    attributed = [s for s in pack.snippets if s.kind in ATTRIBUTED_KINDS and s.speaker]
    wanted = args.strip()
    question = f"quote {wanted}".strip()
    if wanted:
        chosen = [s for s in attributed if _speaker_matches(wanted, s.speaker.label())]
        if not chosen:
            speakers = ", ".join(dict.fromkeys(s.speaker.name for s in attributed))
            return Answer(Outcome.NO_ANSWER, question,
                          msg.QUOTES_NONE_HEADLINE.format(speaker=wanted),
                          (Point(msg.QUOTES_NONE_POINT.format(speakers=speakers)),),
                          suggestions=tuple(f"quote {n}" for n in
                                            dict.fromkeys(s.speaker.name for s in attributed)))
        headline = msg.QUOTES_FOR_HEADLINE.format(speaker=chosen[0].speaker.name)
    else:
        chosen, headline = attributed, msg.QUOTES_HEADLINE
    points, citations = sourced_points(pack, chosen)
    return Answer(Outcome.ANSWER, question, headline, points, citations, confidence=1.0,
                  note=pack.disclaimer)


@command("balance", "balance", "whose voices the sources include, and whose they lack")
def balance(router: Router, args: str, asker: Asker) -> Answer:
    pack = router.pack
    snippet = pack.by_id.get(pack.balance or "")
    if snippet is None:
        return router.no_answer("balance", [])
    points, citations = sourced_points(pack, [snippet])
    return Answer(Outcome.ANSWER, "balance", msg.BALANCE_HEADLINE, points, citations,
                  confidence=1.0, note=pack.disclaimer)


def _speaker_matches(wanted: str, label: str) -> bool:
    """Loose on purpose: "hauman", "RJ", "oversight committee" and "Fabricatore" all find their speaker."""
    return fuzz.partial_ratio(wanted.lower(), label.lower()) >= 85
