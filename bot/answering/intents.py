"""Questions that ask for what a command does, in everyday words: routed to that command.

"Give me both sides", "pros and cons", "who is for and against it" ask for ``balance``;
"what did X say about it" asks for ``quote X``. The patterns are general English, so they work
in any pack. A "what did X say" question goes to ``quote`` when X is someone the sources quote
(unless it asks what X said about one subject: a question the search may refuse), or when X
names someone (a word outside everyday English, a capitalised name): then ``quote``
says honestly that the sources quote nobody of that name, instead of the search answering
with whatever shares X's other words. Otherwise ("what did critics say") it stays a question.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from rapidfuzz import fuzz, utils

from bot.matching import english
from bot.matching import text as tx

_BALANCE = re.compile(
    r"\b(?:both sides|(?:each|either|other|two|opposing) sides?|pros? (?:and|&|n) cons?|for and "
    r"against|supporters and (?:critics|opponents)|critics and supporters|good or bad|"
    r"(?:who|whos|who's) (?:is )?(?:for|against) (?:it|this)\b.*\b(?:for|against)|"
    r"arguments? (?:for and against|on both sides)|(?:whose|which) (?:side|sides|voices?|views?|"
    r"perspectives?) (?:is|are) (?:missing|left out|absent|not (?:heard|included))|"
    # "is the coverage biased", "sources one sided?"; not "which way is the process biased"
    r"(?:^(?:is|are|was|were|isnt|isn't|arent|aren't)\b.{0,60}|^(?:[\w'-]+ ){0,3})"
    r"(?:one[ -]?sided|biased|balanced)\??$|"
    # "the conservative take vs the admin take"
    r"(?:take|view|side|position|argument)s? (?:vs\.?|versus) (?:the |their )?[\w'-]+ "
    r"(?:take|view|side|position|argument)s?)\b")
#: "Trim both sides", "what if you round either side": the two things an operation acts on, not
#: two sides of a debate.
_ACTED_ON = re.compile(r"\b(?:upper ?case|lower ?case|capitali[sz]e|case ?fold|fold|trim|pad|strip|"
                       r"swap|convert|flip|mirror|align|multiply|divide|subtract|round|sort|"
                       r"reverse|escape|encode|decode|hash|normali[sz]e|match)(?:s|d|ed|ing)? "
                       r"(?:on )?(?:both|each|either|the two|two) sides?\b|\bsides? of (?:an|the) "
                       r"(?:equation|comparison|assignment|operator)\b")
_TAKE = re.compile(
    r"^(?:so |and |ok |okay )?(?:(?:whats|what's|what is|what was|and) )?(?:the )?(?P<who>.+?)(?:'s|s'|’s)"
    r" (?:take|view|views|position|stance|opinion|response|reaction|line)(?: on .*)?$")
_SAID = re.compile(
    r"^(?:so |and |ok |okay )?(?:what|wat|wut) (?:did|does|do|has|have|had) (?P<who>.+?) "
    r"(?:say|said|says|think|thinks|claim|claims|argue|argues|tell|told|write|wrote)"
    r"(?: (?:about|on|of|regarding) (?P<about>.*))?$")
#: "Did X say anything about it": the same, asked yes or no.
_SAID_ANY = re.compile(
    r"^(?:so |and |ok |okay )?(?:did|does|do|has|have|had) (?P<who>.+?) (?:ever )?(?:say|said|"
    r"speak|spoken|talk|talked) (?:anything|something|much|a word)(?: publicly)?"
    r"(?: (?:about|on|of|regarding) (?P<about>.*))?$")
#: "Who is quoted in it", "who's the person quoted", "who do they quote": everyone the sources
#: quote.
_QUOTED = re.compile(
    r"^(?:so |and |ok |okay )?(?:who|whos|who's|whom|which people|what people|who all) (?:is |are |"
    r"gets |get |was |were |has been |have been |got )?(?:the (?:person|people|one|ones|guy|"
    r"experts?) )?(?:quoted|cited|interviewed)\b|"
    r"^(?:who|whom) (?:do|does|did) (?:[\w'’-]+ ){1,4}?(?:quote|cite|interview)\b")
#: Leading words of a speaker phrase that name no one ("the", "this", "that"), and words
#: beside a name that are not part of it ("did the mayor *personally* say").
_DETERMINERS = {"the", "a", "an", "this", "that", "these", "those",
                "personally", "really", "actually", "publicly"}


@dataclass(frozen=True)
class Intent:
    """The command a question asks for, and its arguments."""

    command: str
    args: str = ""


class Intents:
    """Matches questions against the patterns, knowing who the pack's sources quote."""

    def __init__(self, speakers: Iterable[str], fillers: frozenset[str] = frozenset(),
                 synonyms: Mapping[str, str] | None = None):
        """``fillers``: the pack's words that carry no topic ("it", "this"); ``synonyms``: its
        lexicon's, which name its speakers too ("nyt")."""
        self.speakers = tuple(dict.fromkeys(speakers))
        self.fillers = fillers
        self.synonyms = dict(synonyms or {})

    def match(self, text: str) -> Intent | None:
        plain = " ".join(tx.normalise(text).replace("?", " ").split())
        if _BALANCE.search(plain) and not _ACTED_ON.search(plain):
            return Intent("balance")
        if _QUOTED.match(plain):
            return Intent("quote")
        said = _SAID.match(plain) or _TAKE.match(plain) or _SAID_ANY.match(plain)
        if said is None:
            return None
        who = [w for w in said.group("who").split() if w not in _DETERMINERS]
        if not who:
            return None
        name = " ".join(who)
        if self.quotes(name):
            return None if self._names_a_subject(said) else Intent("quote", name)
        if self.names_someone(name, text):
            return Intent("quote", name)
        return None

    def _names_a_subject(self, said: re.Match[str]) -> bool:
        """"What did X say about *tariffs*", X quoted in the sources, asks about one subject: a
        question for the search, which can refuse it, not every quote of X. "About it" names
        none."""
        about = said.groupdict().get("about") or ""
        return any(w not in self.fillers for w in re.findall(r"[a-z0-9']+", about))

    def quotes(self, name: str) -> bool:
        spoken = spoken_name(name, self.synonyms)
        return any(speaker_matches(spoken, s) for s in self.speakers)

    @staticmethod
    def names_someone(name: str, text: str) -> bool:
        """A word of the name is outside everyday English (a surname, an acronym) or capitalised
        in what was typed: a person or body, not a kind of people ("critics", "lawmakers")."""
        words = [w for w in re.findall(r"[a-z0-9]+", name) if not w[0].isdigit()]
        typed = set(re.findall(r"\b[A-Z][A-Za-z]+", text))
        return any(not english.is_common_word(w) or w.capitalize() in typed
                   or w.upper() in typed for w in words)


#: Words for a group that name none of it: "the House Oversight *folks*", "the ICE *people*".
_GROUP_WORDS = {"folks", "guys", "people", "ppl", "crowd", "camp", "gang", "lot", "side",
                "team", "types"}


def spoken_name(wanted: str, synonyms: Mapping[str, str] | None = None) -> str:
    """The speaker a question names, as the pack writes it: words for a group dropped when
    others remain ("the city council folks"), and the pack's own synonyms read ("nyt" is
    "new york times" in a pack that says so)."""
    words = wanted.lower().split()
    named = [w for w in words if w not in _GROUP_WORDS] or words
    return " ".join((synonyms or {}).get(w, w) for w in named)


def speaker_matches(wanted: str, label: str) -> bool:
    """Loose on purpose: a surname, initials or part of a role all find their speaker, in any
    order ("councillor reyes" finds "Dana Reyes (councillor)")."""
    if len(wanted) <= 4:        # "ice", "nice", "rj": a whole word of the label, not a part of one
        return wanted.lower() in re.findall(r"[a-z0-9]+", label.lower())
    return (fuzz.partial_ratio(wanted.lower(), label.lower()) >= 85
            or fuzz.token_set_ratio(wanted, label, processor=utils.default_process) >= 95)


#: Words of thanks and of greeting, and the words that go with them ("thank you so much", "hi
#: there"): a message of nothing else asks no question.
_THANKS = frozenset("thanks thank cheers ta appreciated appreciate".split())
_GREETINGS = frozenset("hi hello hey hiya howdy yo morning evening afternoon greetings".split())
_WITH = frozenset("you u so very much a lot lots again ok okay great cool good nice there all "
                  "folks team docket bot".split())
#: "how's it going", "what's up": a pleasantry, with or without a hello, asks nothing of the pack.
_PLEASANTRIES = frozenset(tuple(p.split()) for p in (
    "how is it going", "how it going", "hows it going", "how are you", "how r you", "how are ya",
    "how are things", "hows things", "how is everyone", "how do you do", "whats up", "what is up",
    "sup", "wassup", "whatsup", "you there", "are you there", "anyone there", "you awake"))
_ASIDES = frozenset("there all folks team docket bot today doing again".split())
#: "ok", "got it", "cool": an acknowledgement, after an answer or not.
_ACKNOWLEDGING = frozenset("ok okay k kk cool great nice got it gotcha alright sure fine good "
                           "perfect noted understood".split())


def small_talk(words: tuple[str, ...] | list[str]) -> str | None:
    """"thanks", "greeting" or "acknowledgement" for a message of thanks, a hello or an "ok" and
    nothing else, else None: none asks a question, so none is answered from the pack."""
    if words and set(words) <= _ACKNOWLEDGING:
        return "acknowledgement"
    rest = tuple(w for w in words if w not in _GREETINGS)
    if rest in _PLEASANTRIES or tuple(w for w in rest if w not in _ASIDES) in _PLEASANTRIES:
        return "greeting"
    if not words or not set(words) <= _THANKS | _GREETINGS | _WITH:
        return None
    if any(w in _THANKS for w in words):
        return "thanks"
    return "greeting" if any(w in _GREETINGS for w in words) else None
