"""The command table, and the built-in commands every pack answers: help, topics, sources,
quote and balance.

Handlers are module-level functions registered by the ``command`` decorator, which does nothing
else; ``Router`` is the only place that decides which one runs. The table the router uses is
assembled where the app is assembled (``bot.app.commands``), which adds the digest commands;
nothing here imports the router back.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from rapidfuzz.distance import OSA

from bot.answering import messages as msg
from bot.answering.answer import Answer, Outcome, Point, sourced_points
from bot.answering.choices import examples, offered
from bot.answering.citations import byline
from bot.answering.asker import Asker
from bot.answering.intents import speaker_matches, spoken_name
from bot.matching.answer_type import question_word
from bot.pack.model import ATTRIBUTED_KINDS, Pack


@dataclass(frozen=True)
class Context:
    """What a handler gets: the command's name, the words after it, the pack, who asks where,
    and the table itself (so ``help`` can list it)."""

    command: str
    args: str
    pack: Pack
    asker: Asker
    commands: CommandTable


Handler = Callable[[Context], Answer]


def near_miss(word: str, command: str) -> bool:
    """Whether ``word`` is one slip from a short command's name, two from a longer one's: a
    mistyped command ("hlep", "subscibe")."""
    return OSA.distance(word, command) <= (1 if len(command) <= 5 else 2)


@dataclass(frozen=True)
class Command:
    """``admin``: the command manages the channel, so adapters find out first whether the asker
    may (a platform lookup); the handler itself decides what to do with that."""

    name: str
    usage: str
    summary: str
    handler: Handler
    admin: bool = False


class CommandTable:
    """Commands by name, in the order ``help`` lists them."""

    def __init__(self, commands: Iterable[Command]):
        self._by_name = {c.name: c for c in commands}

    def get(self, name: str) -> Command | None:
        return self._by_name.get(name)

    def names(self) -> tuple[str, ...]:
        return tuple(self._by_name)

    def __iter__(self) -> Iterator[Command]:
        return iter(self._by_name.values())

    def __len__(self) -> int:
        return len(self._by_name)

    def mistyped(self, name: str, rest: str, known: Callable[[str], bool]) -> bool:
        """A lone word that is a near miss of a command ("hlep"), or a flag alone or naming a
        command ("--verbose", "!help me"), is a mistyped command; so is a near miss of a command
        that takes arguments ("subscibe daily 09:00") in a word that is not ``known`` (English
        or the pack's). A flag that opens a question ("--no-name what does it do", "-l shows
        the wrong size") is the option asked about."""
        flag = name.startswith(("-", "!"))
        word = name.lower().lstrip("-!")
        if not word.strip("?.!,;:-"):       # "!", "!!!", "-": no word, so help, as "?" gets
            return False
        if rest and not flag:
            return any(" " in c.usage and word != c.name and near_miss(word, c.name)
                       for c in self) and not known(word)   # the cheap test first
        if flag and not rest:
            return True
        # a flag may name a command exactly ("!help me"); a bare word that does is the command
        return any((flag or word != c) and near_miss(word, c) for c in self.names())

    def unknown(self, name: str, rest: str = "") -> Answer:
        """The reply to a mistyped command: what it could have been, with what followed it
        ("subscrib daily 09:00" -> "subscribe daily 09:00"), or every command."""
        close = [c for c in self.names() if OSA.distance(name.lower().lstrip("-!"), c) <= 2]
        return Answer(Outcome.REJECTED, " ".join([name, rest]).strip(),
                      msg.UNKNOWN_COMMAND_HEADLINE.format(name=name),
                      (Point(msg.UNKNOWN_COMMAND_POINT.format(commands=", ".join(self.names()))),),
                      suggestions=tuple(f"{c} {rest if len(rest) <= 60 else ''}".strip()
                                        for c in close) or self.names())


#: The built-in commands, in registration order.
BUILTIN: list[Command] = []


def command(name: str, usage: str, summary: str, *, admin: bool = False,
            into: list[Command] = BUILTIN) -> Callable[[Handler], Handler]:
    """Register a handler (in ``into``, the built-ins by default); routing happens in the router."""

    def register(handler: Handler) -> Handler:
        into.append(Command(name, usage, summary, handler, admin))
        return handler

    return register


def builtin_table() -> CommandTable:
    """The built-in commands alone: what ``docket ask`` needs, and what tests build routers with."""
    return CommandTable(BUILTIN)


#: Besides question words, how a yes-or-no question starts.
_ASKING = {"is", "are", "does", "do", "can"}


@command("help", "help", "what Docket can do")
def help_(ctx: Context) -> Answer:
    pack = ctx.pack
    shown = examples(pack)
    topics = pack.topics()      # a topic named like a question reads as a second question
    topic = next((t for t in topics if question_word(t.lower().split()[:1]) is None
                  and t.split()[0].lower() not in _ASKING), topics[0])
    points = [Point.line(msg.HELP_USAGE, {"question": shown[0], "topic": topic})]
    points += [Point.line(msg.HELP_COMMAND, {"usage": c.usage}, summary=c.summary)
               for c in ctx.commands]
    points.append(Point(msg.HELP_FOOTER))
    return Answer(Outcome.LISTING, f"help {ctx.args}".strip(),
                  msg.HELP_HEADLINE.format(title=pack.title), tuple(points),
                  suggestions=shown, note=pack.disclaimer)


@command("topics", "topics", "the topics this briefing covers")
def topics(ctx: Context) -> Answer:
    pack = ctx.pack
    points = []
    for topic, members in pack.by_topic.items():
        points.append(Point.line(msg.TOPIC_LINE, {"example": offered(members[0])},
                                 topic=topic, count=len(members),
                                 plural="" if len(members) == 1 else "s"))
    return Answer(Outcome.LISTING, "topics", msg.TOPICS_HEADLINE.format(count=len(points)),
                  tuple(points), suggestions=tuple(pack.topics()[:5]), note=pack.disclaimer)


@command("sources", "sources", "the documents behind every answer, with what they leave out")
def sources(ctx: Context) -> Answer:
    points = []
    for source in ctx.pack.sources.values():
        line = msg.SOURCE_LINE.format(title=source.title, byline=byline(source))
        if source.unknown:
            line += msg.SOURCE_UNKNOWN.format(unknown=source.unknown)
        points.append(Point(line))
    return Answer(Outcome.LISTING, "sources",
                  msg.SOURCES_HEADLINE.format(count=len(points)), tuple(points),
                  note=ctx.pack.disclaimer)


@command("quote", "quote [speaker]", "what the people quoted in the sources say")
def quote(ctx: Context) -> Answer:
    pack = ctx.pack
    attributed = [s for s in pack.snippets if s.kind in ATTRIBUTED_KINDS and s.speaker]
    wanted = ctx.args.strip()
    question = f"quote {wanted}".strip()
    if not attributed:      # a licence, a statute: nobody's words to show
        return Answer(Outcome.LISTING, question, msg.QUOTES_HEADLINE,
                      (Point(msg.BALANCE_NO_VOICES),), suggestions=examples(pack)[:4],
                      note=pack.disclaimer)
    if wanted:
        # A speaker named so comes first: "quote ice" is ICE, not a retired ICE official.
        spoken = spoken_name(wanted, pack.lexicon.synonyms)
        chosen = ([s for s in attributed if speaker_matches(spoken, s.speaker.name)]
                  or [s for s in attributed if speaker_matches(spoken, s.speaker.label())])
        if not chosen:
            names = list(dict.fromkeys(s.speaker.name for s in attributed))
            # a name with "and" or a comma in it ("the article and the foundation") is kept
            # whole by semicolons between names
            speakers = ("; " if any(" and " in n or "," in n for n in names) else ", ").join(
                names)
            return Answer(Outcome.NO_ANSWER, question,
                          msg.QUOTES_NONE_HEADLINE.format(speaker=wanted),
                          (Point(msg.QUOTES_NONE_POINT.format(speakers=speakers)),),
                          suggestions=tuple(f"quote {n}" for n in
                                            dict.fromkeys(s.speaker.name for s in attributed)))
        names = list(dict.fromkeys(s.speaker.name for s in chosen))
        headline = (msg.QUOTES_FOR_HEADLINE.format(speaker=names[0]) if len(names) == 1 else
                    msg.QUOTES_FOR_MANY_HEADLINE.format(speakers=", ".join(names[:-1]),
                                                        last=names[-1]))
    else:
        chosen, headline = attributed, msg.QUOTES_HEADLINE
    points, citations = sourced_points(pack, chosen)
    return Answer(Outcome.ANSWER, question, headline, points, citations,
                  note=pack.disclaimer, matched=False)


@command("balance", "balance", "whose voices the sources include, and whose they lack")
def balance(ctx: Context) -> Answer:
    pack = ctx.pack
    chosen = [pack.by_id[i] for i in pack.balance if i in pack.by_id]
    if not chosen:
        return _voices(pack)
    points, citations = sourced_points(pack, chosen)
    return Answer(Outcome.ANSWER, "balance", msg.BALANCE_HEADLINE, points, citations,
                  note=pack.disclaimer, matched=False)


def _voices(pack: Pack) -> Answer:
    """A pack whose curators listed no ``balance:`` snippets still knows whom its sources
    quote, and how (opinion, claim): that much is said, and no side is invented."""
    kinds: dict[str, list[str]] = {}
    roles: dict[str, list[str]] = {}        # one person, one line, whatever their roles
    for snippet in pack.snippets:
        if snippet.speaker is not None:
            name, role = snippet.speaker.name, snippet.speaker.role
            found, held = kinds.setdefault(name, []), roles.setdefault(name, [])
            if snippet.kind.value not in found:
                found.append(snippet.kind.value)
            if role and role not in held:
                held.append(role)
    if not kinds:
        points = (Point(msg.BALANCE_NO_VOICES),)
    else:
        points = (Point(msg.BALANCE_UNCURATED), *(
            Point.line(msg.BALANCE_VOICE, kinds=", ".join(found), speaker=name + (
                f" ({'; '.join(roles[name])})" if roles[name] else ""))
            for name, found in kinds.items()))
    return Answer(Outcome.LISTING, "balance", msg.BALANCE_HEADLINE, points,
                  suggestions=examples(pack)[:4], note=pack.disclaimer)

