"""What kind of answer a question asks for, and whether a snippet can give it.

"When will the program end?" shares every topical word with a snippet about the program, but a
snippet with no date in it cannot answer it: a time, a date, a figure, an age, a name or a time
to come is read from how the question starts, and looked for in the snippet's own words. A count
must count the thing asked about: "how many migrants" is not answered by "two forms", so a
figure must stand next to the word counted.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from enum import Enum

from bot.matching import addresses, dates
from bot.matching import text as tx
from bot.matching.abbreviations import spells_out
from bot.pack.model import LABEL_NUMBERS, Snippet


class Expect(str, Enum):
    ANYTHING = "anything"
    TIME = "time"
    DATE = "date"
    QUANTITY = "quantity"
    AGE = "age"
    LENGTH = "length"
    YEAR = "year"
    #: "What month", "in which month": a month named (a year alone will not do).
    MONTH = "month"
    #: "What does NASA stand for": the words an abbreviation is short for.
    EXPANSION = "expansion"
    #: "How often": a figure, or how regularly ("each year", "weekly").
    FREQUENCY = "frequency"
    #: "When is the file parsed", "when does T stop waiting": what always happens, answered by
    #: the occasion ("when the package is unpacked") as well as by a date.
    OCCASION = "occasion"
    #: "How long has it been around": a length ("for two years"), or when it began ("announced
    #: in 2022") as people answer it.
    SINCE = "length or start"
    #: "Who designed it", "who wrote it": someone named (a capitalised name the question does
    #: not hold, or the snippet's speaker); "its designers" names no one.
    NAME = "name"
    #: "When will it roll out": a time still to come ("will ship in 2025", "in a future
    #: release"); the dates of what already happened do not say.
    FUTURE = "time to come"
    #: "Since what version", "which release added it": a version or release number.
    VERSION = "version"
    #: "What's the email address of the security team": an address written out (the text's
    #: "email them" gives none).
    EMAIL = "email address"
    #: "What's the url for X", "the project's website": a web address written out.
    WEB = "web address"


#: ("what year", "what date" and "what day" are read first, as a year or a date.)
#: "When is the draft used *instead of the final*": a participle may end the question or open
#: its tail. "When is a file *guaranteed to* be read", "when can (should, may) a tool skip
#: it" ask in what case, as "when does" does.
_OCCASION_QUESTION = re.compile(r"^when (?:is|are) (?:a|an|the|its|their)?\s*[\w' -]+?(?:ed|en)"
                                r"(?:$| (?:instead of|rather than|over|by|for|with|in|on)\b)|"
                                r"^when (?:is|are) [\w' -]{1,40}? (?:guaranteed|required|obliged|"
                                r"allowed|permitted|forced|able) to\b|"
                                r"^when (?:does|do) (?!(?:i|we|you|they|he|she|it|people|"
                                r"users|one)\b)(?:a|an|the)?\s*\w+|"
                                r"^when (?:can|could|should|may|might) \w+")
#: ... and answered by a time or by a condition: "once it lands", "if it is exploitable".
_OCCASION_WORDS = re.compile(r"\b(?:when|whenever|if|unless|once|after|before|during|until|"
                             r"as soon as|upon|every time|at the (?:start|end|time))\b")
_NAME_QUESTION = re.compile(r"^who(?:m)? (?:(?:originally|first|actually|personally|really) )?"
                            r"(?:designed|invented|created|founded|wrote|authored|drafted|"
                            r"discovered|coined|developed|filed|came up with|added|fixed|"
                            r"implemented|contributed|introduced|reported|proposed|"
                            r"complained|objected|requested|suggested|sent|signed|emailed)\b")
#: Two capitalised words or more, an initial allowed between them: a name ("Ada Lovelace",
#: "Mary W. Shelley", "Free Software Foundation"); one alone is as often the subject's own
#: name ("Git v2.39") as anyone's.
_NAME_WORD = re.compile(r"\b[A-Z][a-z]+(?:\s+[A-Z]\.)?(?:\s+(?:of |for |the )?[A-Z][a-z]+)+\b")
#: Words a name may hold uncapitalised ("Lawmakers on the House Oversight Committee").
_NAME_LINKS = {"of", "on", "for", "the", "and", "at", "de", "van", "der", "von", "la", "le"}


def _names_someone(speaker: str) -> bool:
    """Whether a speaker's name names someone ("Dana Reyes", "NASA"), not a description ("the
    file's author", "the Leaked Images article")."""
    words = speaker.replace("(", " ").replace(")", " ").split()
    return bool(words) and all(w[0].isupper() or w in _NAME_LINKS for w in words)


_FUTURE_QUESTION = re.compile(r"^when (?:will|shall)\b|^when (?:is|are) [\w' -]{1,40}? (?:going|"
                              r"supposed|expected|set|scheduled|due|planned) to\b")
_FUTURE_WORDS = re.compile(r"\b(?:will|shall|future|upcoming|next|planned|plans?|scheduled|"
                           r"expected|going to|soon|later|eventually|due|intends?)\b")
_TIME_QUESTION = re.compile(r"^(?:when\b|what month\b|since when\b|how long ago\b)")
#: A time asked for precisely: "in recent days" does not answer "when exactly".
_DATE_QUESTION = re.compile(r"^(?:when exactly\b|(?:on )?what (?:exact )?(?:date|day)\b|"
                            r"which (?:date|day)\b|exactly when\b|"
                            r"what (?:is|was) the (?:exact )?date\b)")
#: "Since what year", "in which year": a month or a weekday will not do.
_YEAR_QUESTION = re.compile(r"^(?:(?:since|in|from|by|until|till|as of) )?(?:what|which) year\b")
_MONTH_QUESTION = re.compile(r"^(?:(?:since|in|from|by|until|till|as of|during) )?(?:what|which) "
                             r"month\b")
_FREQUENCY_QUESTION = re.compile(r"^how often\b")
_QUANTITY_QUESTION = re.compile(r"^(?:how (?:many|much|big|large|tall|often)\b|"
                                r"what (?:number|percentage|percent|share|proportion|fraction)\b|"
                                r"what (?:does|do|did|would|will) [\w' -]{1,60}? cost\b|"
                                r"what (?:is|was) the (?:cost|price) of\b)")
_VERSION_QUESTION = re.compile(r"^(?:(?:since|in|from|by|until|as of) )?(?:what|which) (?:(?!(?:is|"
                               r"are|was|were|s|does|do|did|has)\b)[\w-]+ )?(?:version|release)\b"
                               # "which version info goes in the report": what to give, not which
                               r"(?! (?:info|information|string|output|line|details)\b)")
#: A version or release written as one: "7.2", "version 3", "release 2", "v2", "1:9.0p1-1".
_NUMBERED_RELEASE = re.compile(r"\b\d+(?:\.\d+)+|\b(?:versions?|releases?|v) ?\d+\b")
_AGE_QUESTION = re.compile(r"^(?:how old\b|what age\b)")
#: "(what does) NASA stand for", "what is RSVP short for": the abbreviation, and the word that
#: frames it ("stand", "short"), which is no topic.
_EXPANSION_QUESTION = re.compile(r"^(?:(?:what|whats)(?: (?:does|do|is|s))? )?(?:the )?(\w{2,8}) "
                                 r"(?:(stand|stands|stood) for|(short) for)$")
#: "How long" asks for a length or a duration: a figure with its unit ("ten lines", "two years");
#: "how far", a distance ("40 km"), which a post-office box number is not.
#: "How many years": a length of time, with its unit ("two years"), not any figure nearby.
_LENGTH_QUESTION = re.compile(r"^(?:how (?:long\b(?! ago)|far\b(?! along))|"
                              r"(?:what|which) (?:size|length)\b|how many "
                              r"(?:seconds|minutes|hours|days|weeks|months|years|decades)\b"
                              r"(?! ago| old))")
#: "How long has the plan been around", "how long had it been broken": how long a thing has
#: existed or held (not what someone has done, "how long has she worked there"), which its
#: start answers.
_SINCE_QUESTION = re.compile(r"^how long (?:has|have|had) [\w' -]+? (?:been (?:around|in place|"
                             r"in the works|in development|under way|underway|going on|planned|"
                             r"a thing|on the table|broken|buggy|there|present|missing|"
                             r"available|supported)|existed)\b")
#: A start that is no date: "present since the beginning", "supported since version 2".
_START_WORDS = re.compile(r"\b(?:ever since|since (?:the (?:beginning|start|first)|"
                          r"(?:version|release|v)? ?\d))")
#: "how many X", "the number of X": X is what a figure must count.
_COUNTED = re.compile(r"\b(?:how many|how much|number of|percentage of|percent of|share of|"
                      r"proportion of|fraction of) ([a-z0-9']+)")
_AGE_WORDS = re.compile(r"\b\d{1,3}[- ]years?[- ]old\b|\baged? \d{1,3}\b|\b\d{1,3}-year-old\b|"
                        r"\bin (?:his|her|their) (?:\d0s|twenties|thirties|forties|fifties|"
                        r"sixties|seventies|eighties|nineties)\b")
#: One word that is, or starts, a figure ("3,000", "thousands", "two", "a few").
_FIGURE_WORD = re.compile(r"^(?:(?!(?:19|20)\d\d$)\d[\d.,]*[a-z]*|hundreds?|thousands?|millions?|"
                          r"billions?|dozens?|few|several|two|three|four|five|six|seven|eight|nine|"
                          r"ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|both|half)$")
#: How near a figure must stand to the word it counts: "3,000 illegal border migrants".
_COUNT_AFTER, _COUNT_BEFORE = 4, 2

#: A release named by its number ("release 1.12", "version 2.0", "tool-1.3.10", "from 1.0.7
#: to 1.1", "1.2.4", a series "4.0.x"): in a text listing each release's changes, what "when
#: did X change" is answered with.
_VERSION_WORDS = re.compile(r"\b(?:versions?|releases?|v)\s*\d+(?:\.\d+)+\b|"
                            r"\bfrom \d+(?:\.\d+)+ to \d+(?:\.\d+)+\b|"
                            r"\b[a-z]+-\d+(?:\.\d+)+\b|\b\d+\.\d+\.(?:\d+|x)\b")
_LENGTH_WORDS = re.compile(r"\b(?:\d[\d.,]*|a few|several|one|two|three|four|five|six|seven|"
                           r"eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|a)"
                           # "a whole year", "two full days"
                           r"(?: or (?:fewer|less|more))?[- ](?:(?:whole|full|entire) )?"
                           r"(?:seconds?|minutes?|hours?|days?|"
                           r"weeks?|months?|years?|decades?|lines?|words?|pages?|characters?|"
                           r"miles?|kilometres?|kilometers?|km|metres?|meters?|feet|inches|"
                           r"ounces?|oz|pounds?|lbs?|grams?|kg|kilos?|litres?|liters?|gallons?|"
                           r"megabytes?|gigabytes?|mb|gb)\b")
#: A time counted from now: "within 10 days", "in under a week".
_WITHIN = re.compile(r"\b(?:within|in under|in less than|no later than) "
                     r"(?:about |roughly |the next |the first )?"
                     + _LENGTH_WORDS.pattern.removeprefix(r"\b"))
_RELEASE_WORDS = frozenset({"version", "versions", "release", "releases", "v"})
_QUANTITY_WORDS = re.compile(r"(?<![\d.,])(?!(?:19|20)\d\d\b)\d|\b(?:hundreds?|thousands?|millions?|billions?|dozens?|"
                             r"a few|several|two|three|four|five|six|seven|eight|nine|ten|eleven|"
                             r"twelve|twenty|both)\b")


#: A sum of money, and the words a count of it is asked with ("how much does it *cost*").
_CURRENCY = re.compile(r"[$€£¥]\s?\d|\b\d[\d.,]*\s*(?:million |billion |thousand )?(?:dollars|"
                       r"euros|pounds)\b")
_MONEY = frozenset(tx.stem(w) for w in "money cost costs price fee fees spend spent pay paid "
                   "budget fund funding funds worth dollars euros pounds grant grants".split())
_FREQUENCY_WORDS = re.compile(r"\b(?:(?:each|every|per|a|once a|twice a) (?:other )?(?:day|week|"
                              r"fortnight|month|quarter|year|decade|hour|minute|release|meeting)|"
                              r"hourly|daily|nightly|weekly|fortnightly|monthly|quarterly|yearly|"
                              r"annually|biannually|once|twice|regularly|periodically|always|"
                              r"never|rarely|seldom|often|frequently|usually)\b")


_QUESTION_WORDS = ("who", "whom", "whose", "what", "which", "when", "where", "why", "how")
#: "What's", "who's" typed without the apostrophe (or with it, folded away) ask the same.
_CONTRACTED = {"whats": "what", "whos": "who", "wheres": "where", "whens": "when",
               "hows": "how", "whys": "why"}
#: Question words that, after a leading "when ...", start the question itself.
_CLAUSE_ENDS = ("who", "whom", "whose", "what", "which", "where", "why", "how")
#: ... and, after "when configuring it", the verb that opens a yes/no question ("*does* it").
_ASKING_VERBS = ("does", "do", "did", "is", "are", "can", "should", "will", "would", "must")
#: "When must I...", "when do we have to...": an obligation's conditions, not a time.
_OBLIGATION = re.compile(r"^when (?:must\b|(?:do|does|would|will|did) (?:i|we|you|they|one|he|she|"
                         r"it|people|users?|companies|developers) (?:have|has|need|needs|got) to\b|"
                         r"(?:is|are|am) (?:i|we|you|they|one|he|she|it) (?:required|obliged) to\b|"
                         # "when is it appropriate to...": the circumstances, not a date
                         r"(?:(?:is|was) (?:it|this|that)|would it be) (?:appropriate|ok|okay|fine|"
                         r"right|acceptable|allowed|permitted|necessary|wise|safe) to\b|"
                         # "when is an encryption bug *a* vulnerability": what makes it one
                         r"(?:is|are|would|does|do) (?:a |an |the |it |this |that )?[\w'-]+"
                         r"(?: [\w'-]+){0,5}? (?:(?:still |really )?(?:a|an) |considered\b|"
                         r"counted\b|treated as\b|classed as\b|classified as\b|deemed\b|"
                         r"regarded as\b|counts? as\b))")


#: Words that rank: "what is the *most* voted feature" asks for one of many, which a question
#: about the feature alone does not.
_SUPERLATIVES = frozenset("most least top best worst highest lowest biggest largest smallest "
                          "fewest cheapest".split())


def ranks(words: Sequence[str]) -> bool:
    """Whether the question asks for the first (or last) of a ranking."""
    return any(word in _SUPERLATIVES for word in words)


#: "What *year*", "which *day*": a time asked for, as "when" asks it.
_WHEN_ASKED = frozenset({"date", "year", "day", "month", "time"})


def question_word(words: Sequence[str]) -> str | None:
    """The first question word ("who", "when", ...), or ``None`` for a bare topic ("flood
    damage"). "Which version" asks what "what version" asks."""
    for at, word in enumerate(words):
        word = _CONTRACTED.get(word, word)
        if word in _QUESTION_WORDS:
            if word in ("what", "which") and at + 1 < len(words) and words[at + 1] in _WHEN_ASKED:
                return "when"       # "what date was it published" asks when it was
            return {"whom": "who", "whose": "who", "which": "what"}.get(word, word)
    return None


def expected(words: Sequence[str]) -> Expect:
    """The answer type a question asks for, judged from how its words start. A leading "when"
    clause followed by another question word is a condition, not a time question: "when the
    report says the council, *which* council does it mean"."""
    later = [i for i, w in enumerate(words) if i > 1 and (w in _CLAUSE_ENDS or (
        len(words) > 1 and words[1].endswith("ing") and w in _ASKING_VERBS))]
    if words and words[0] == "when" and later:
        return expected(words[later[0]:])
    if len(words) > 1 and words[-1] == "when" and question_word(words) == "when":
        return Expect.TIME          # "patent grant revoked when?": asked last, asked all the same
    start = " ".join(words)
    if _OBLIGATION.match(start):
        return Expect.ANYTHING
    if _YEAR_QUESTION.match(start):
        return Expect.YEAR
    if _MONTH_QUESTION.match(start):
        return Expect.MONTH
    if _DATE_QUESTION.match(start):
        return Expect.DATE
    if _NAME_QUESTION.match(start):
        return Expect.NAME
    if _VERSION_QUESTION.match(start):
        return Expect.VERSION
    if _FUTURE_QUESTION.match(start):
        return Expect.FUTURE
    if _OCCASION_QUESTION.match(start):
        return Expect.OCCASION
    if _TIME_QUESTION.match(start):
        return Expect.TIME
    if _AGE_QUESTION.match(start):
        return Expect.AGE
    if _EXPANSION_QUESTION.match(start):
        return Expect.EXPANSION
    if _SINCE_QUESTION.match(start):
        return Expect.SINCE
    if _LENGTH_QUESTION.match(start):
        return Expect.LENGTH
    if _FREQUENCY_QUESTION.match(start):
        return Expect.FREQUENCY
    if _QUANTITY_QUESTION.match(start):
        return Expect.QUANTITY
    address = addresses.asked(start)
    if address is not None:
        return Expect.EMAIL if address == "email" else Expect.WEB
    return Expect.ANYTHING


def expanded(words: Sequence[str]) -> tuple[str, str] | None:
    """For "what does NASA stand for": the abbreviation ("nasa") and the framing word
    ("stand")."""
    found = _EXPANSION_QUESTION.match(" ".join(words))
    return (found.group(1), found.group(2) or found.group(3)) if found else None


def counted(words: Sequence[str]) -> str | None:
    """The word a count question counts ("how many *migrants*"), if it names one."""
    found = _COUNTED.search(" ".join(words))
    return found.group(1) if found else None


@functools.lru_cache(maxsize=65_536)
def folded_words(snippet: Snippet, vocabulary: tx.Vocabulary
                 ) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The snippet's words, each with its terms, in order: its summary and quotes. Cached: a
    pack does not change while loaded, and the gate reads the same snippets for every
    question."""
    parts = [snippet.summary, *(e.quote for e in snippet.evidence)]
    return tuple((w, vocabulary.fold(w)) for w in vocabulary.words("\n".join(parts)))


@functools.lru_cache(maxsize=4096)
def provides(snippet: Snippet, expect: Expect, counts: frozenset[str] = frozenset(),
             vocabulary: tx.Vocabulary | None = None) -> bool:
    """Whether the snippet's own text (summary and quotes) contains that type of answer; for
    a count of ``counts`` (the counted word's terms), a figure next to one of them."""
    if expect is Expect.ANYTHING:
        return True
    if expect is Expect.EXPANSION:
        return any(spells_out(part, abbreviation) for abbreviation in counts
                   for part in (snippet.summary, *(e.quote for e in snippet.evidence)))
    if expect in (Expect.EMAIL, Expect.WEB):
        kind = "email" if expect is Expect.EMAIL else "web"
        return any(addresses.written(part, kind)
                   for part in (snippet.summary, *(e.quote for e in snippet.evidence)))
    content = tx.normalise(" ".join([snippet.summary, *(e.quote for e in snippet.evidence)]))
    if expect is Expect.NAME:     # ``counts``: the question's own words, which name no one new
        return _names_someone(snippet.speaker.name if snippet.speaker else "") or any(
            any(w.lower() not in counts for w in found.group(0).split() if len(w) > 3)
            for part in (snippet.summary, *(e.quote for e in snippet.evidence))
            for found in _NAME_WORD.finditer(part))
    if expect is Expect.FUTURE:
        return bool(_FUTURE_WORDS.search(content)) and provides(snippet, Expect.TIME)
    if expect in (Expect.TIME, Expect.OCCASION):
        return bool(dates.TIME_WORDS.search(content) or _another_release(content, counts) or
                    (expect is Expect.OCCASION and _OCCASION_WORDS.search(content)) or
                    _WITHIN.search(content))
    if expect is Expect.DATE:
        return bool(dates.DATE_WORDS.search(content))
    if expect is Expect.VERSION:    # ``counts``: the question's words; its own "1.3" says nothing
        return _another_release(content, counts, _NUMBERED_RELEASE)
    if expect is Expect.AGE:
        return bool(_AGE_WORDS.search(content))
    if expect is Expect.YEAR:
        return bool(dates.YEAR_WORDS.search(content))
    if expect is Expect.MONTH:
        return bool(dates.MONTH_WORDS.search(content))
    if expect in (Expect.LENGTH, Expect.SINCE):
        return bool(_LENGTH_WORDS.search(content) or
                    (expect is Expect.SINCE and (dates.DATE_WORDS.search(content) or
                                                 dates.YEAR_WORDS.search(content) or
                                                 _START_WORDS.search(content))))
    if expect is Expect.FREQUENCY and _FREQUENCY_WORDS.search(content):
        return True                 # else a figure, as for "how many"
    if counts & _MONEY and _CURRENCY.search(content):
        return True                 # "how much does it cost": "$14.2 million" anywhere
    if not counts or vocabulary is None:     # a figure, not a clause's "2." or "section 4"
        return any(_QUANTITY_WORDS.search(dates.DAY_OF_MONTH.sub(" ", LABEL_NUMBERS.sub(
            " ", tx.normalise(part)))) for part in (snippet.summary, *(e.quote for e in
                                                                     snippet.evidence)))
    words = folded_words(snippet, vocabulary)
    return any((_FIGURE_WORD.match(word) or _the_only(words, i))
               and not _counts_nothing(words, i)
               and any(counts.intersection(words[j][1])
                       for j in range(max(0, i - _COUNT_BEFORE),
                                      min(len(words), i + 1 + _COUNT_AFTER)) if j != i)
               for i, (word, _) in enumerate(words))


def _another_release(content: str, asked: frozenset[str],
                     written: re.Pattern[str] = _VERSION_WORDS) -> bool:
    """A release the text names other than one the question names: "when did the tool's 1.42
    come out" is not answered by "version 1.42 is needed", whose only release it names."""
    return any(not asked.intersection(re.findall(r"\d[\w.]*\d|\d", found.group(0)))
               for found in written.finditer(content))


def _the_only(words: Sequence[tuple[str, tuple[str, ...]]], at: int) -> bool:
    """"*The only* threading method": a count of one."""
    return words[at][0] == "only" and at > 0 and words[at - 1][0] == "the"


def _counts_nothing(words: Sequence[tuple[str, tuple[str, ...]]], at: int) -> bool:
    """Whether the figure at ``at`` is the day of a month written beside it, or a release's
    number ("the 2.39 release"): neither counts anything."""
    beside = [words[j][0] for j in (at - 1, at + 1) if 0 <= j < len(words)]
    return bool(dates.DAY.match(words[at][0])) and any(w in dates.MONTH_SET for w in beside) or \
        "." in words[at][0] and any(w in _RELEASE_WORDS for w in beside)
