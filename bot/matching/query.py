"""A question as every later step sees it: analysed once, read many times.

The words are found once; the search terms, their weights, the words the pack does not know,
the typo fixes, the question word and the kind of answer expected all come from that one list.

How much a word weighs is what decides answers on questions nobody wrote down:

* a word the pack knows weighs its BM25 IDF, scaled down for everyday words ("need", "come");
* a word the pack does not know, but that is everyday English ("editor", "reason", "light"),
  weighs little: people wrap questions in words no source uses;
* unless the pack uses a word of the same meaning (``lexicon.KINDRED``: "tweak" for "modify",
  "turned it off" for "disable"): it is read as that word, and may match, weighing no more;
* a word the pack does not know that *names* something (a number, a word outside everyday
  English such as a surname or an acronym, a capitalised name, a phrase the pack's lexicon marks as
  another thing) vetoes an answer: it is what the question is about, and the pack lacks it;
* so does an unknown word in the question's focus, the thing asked for ("the *population* of
  the town", "who *chairs* the committee", "the foundation's *budget*").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple, Protocol

from bot.matching import addresses, english
from bot.matching import text as tx
from bot.matching.answer_type import Expect, counted, expanded, expected, question_word, ranks
from bot.matching.asked import what_is_asked
from bot.matching.focus import (AUXILIARY, NO_EVENT, WHEN_WHERE, ends_on_a_place, focus_words,
                                owners)

#: How much an unknown everyday word weighs, against the weight of a word no snippet has.
COMMON_UNKNOWN = 0.5
_CAPITALISED = re.compile(r"(?<=[a-z,;:] )([A-Z][a-zA-Z]+)")
#: A word typed in capitals in a question that is not ("an *ARM* filter", "the *CAT* scan"):
#: an acronym, a name, even when the same letters spell an everyday word.
_ACRONYM = re.compile(r"\b[A-Z]{2,}[0-9]*\b")


@dataclass(frozen=True)
class Query:
    """``words`` as typed (normalised); ``terms`` with their ``weights``, in question order;
    ``unknown``: typed words no snippet contains; ``named``: those of them that veto an
    answer; ``corrections``: (typed, meant) typo fixes."""

    text: str
    words: tuple[str, ...]
    terms: tuple[str, ...]
    weights: tuple[float, ...]
    unknown: tuple[str, ...]
    corrections: tuple[tuple[str, str], ...]
    #: The exact-match key: the words with synonyms folded (``Vocabulary.key``).
    key: str = ""
    named: tuple[str, ...] = ()
    #: For a count ("how many migrants"): the terms of the word counted; for "what does NASA
    #: stand for", the abbreviation, which the snippet must spell out.
    counts: frozenset[str] = frozenset()
    #: A number with the word it belongs to ("version 2", "fiscal year 2023"), as terms.
    number_pairs: tuple[tuple[str, str], ...] = ()
    #: The event a "when will X *start*" question asks about, as terms the pack knows.
    event: tuple[str, ...] = ()
    #: Whose thing is asked ("*Marlow's* phone number"), as terms: a name the pack knows, which
    #: a snippet that answers must match.
    owner: tuple[str, ...] = ()
    #: The terms read from a kindred word ("tweak" read as "modify"): a match on them alone
    #: is too loose to offer as "Did you mean".
    kin: frozenset[str] = frozenset()
    #: For "who is the *president of* the foundation": the role's terms and the body's first
    #: term; the snippet that answers names the role beside the body.
    role: tuple[tuple[str, ...], str] | None = None
    #: A word read as the two the pack writes ("bookshelf" as "book shelf"): their terms.
    joined: tuple[tuple[str, ...], ...] = ()
    #: The kind of answer asked for (``answer_type.expected``), read once: the gate asks it of
    #: every close snippet.
    expect: Expect = Expect.ANYTHING

    @property
    def total_weight(self) -> float:
        return sum(self.weights)

    @property
    def numbers(self) -> tuple[str, ...]:
        return tuple(t for t in self.terms if tx.is_number(t))

    @property
    def question_word(self) -> str | None:
        return question_word(self.words)

    @property
    def ranks(self) -> bool:
        return ranks(self.words)


class Lookup(Protocol):
    """What the analysis needs of an index: its vocabulary, which terms it holds and their
    IDF, the weight of a term no snippet has, and its typo fixer."""

    vocabulary: tx.Vocabulary
    idf: dict[str, float]
    unknown_weight: float
    capitals: frozenset[str]

    def correct(self, word: str) -> str | None: ...

    def kindred(self, word: str) -> str | None: ...

    def kindred_verb(self, verb: str, particle: str) -> str | None: ...


#: Kinds of answer a snippet gives only with something the question does not already hold
#: (a name, a release): for them ``Query.counts`` is the question's own words.
_ASKS_BESIDE_ITS_WORDS = (Expect.NAME, Expect.VERSION, Expect.TIME)


def analyse(question: str, index: Lookup, *, common_unknown: float = COMMON_UNKNOWN) -> Query:
    """Split ``question`` once into words and weigh them against the pack behind ``index``."""
    vocabulary = index.vocabulary
    typed = tuple(vocabulary.words(what_is_asked(question)))
    weights: dict[str, float] = {}
    unknown: list[str] = []
    named: list[str] = []
    corrections: list[tuple[str, str]] = []
    focus = focus_words(question, typed, vocabulary.fillers)
    capitalised = {tx.normalise(m) for m in _CAPITALISED.findall(question)}
    acronyms = ({tx.normalise(m) for m in _ACRONYM.findall(question)}
                if any(c.islower() for c in question) else set())
    # "who leads NICE" in a pack that writes only "nice": the acronym is not the word
    strangers = {a for a in acronyms - index.capitals if a not in vocabulary.synonyms}
    asked_type = answer_type_word(typed)
    # "what does NASA *stand* for": the framing word stays a term (a gap may ask it), but
    # weighs nothing.
    framing = expanded(typed)
    kin_terms: set[str] = set()
    joined: list[tuple[str, ...]] = []
    expect = expected(typed)
    # "the *email address* of the tool's author": the kind of answer, which no text writes
    naming = addresses.NAMING if expect in (Expect.EMAIL, Expect.WEB) else frozenset()
    for at, word in enumerate(typed):
        if word in naming:
            continue
        if at == asked_type and (word not in _PLACE_TYPES or not all(
                t in index.idf for t in vocabulary.fold(word))):
            continue               # "what *year*", "what *size*": the kind of answer, no topic
        reading = _read(word, particle(typed, at), index, common_unknown)
        if reading.meant != word:
            corrections.append((word, reading.meant))
        word, folded, ceiling = reading.meant, reading.terms, reading.ceiling
        if reading.kindred:
            kin_terms.update(folded)
        if reading.joined:
            joined.append(folded)
        for term in folded:
            if term in weights:
                continue
            if framing is not None and word == framing[1]:
                weights[term] = 0.0
                continue
            if term in index.idf and word not in strangers:
                weight = index.idf[term] * english.specificity(word)
                weights[term] = weight if ceiling is None else min(weight, ceiling)
                continue
            unknown.append(word)
            if names_something(word, capitalised, vocabulary) or word in focus \
                    or word in acronyms:
                named.append(word)
                weights[term] = (index.unknown_weight * english.specificity(word)
                                 * english.novelty(word))
            else:
                weights[term] = index.unknown_weight * english.specificity(word) * common_unknown
    return Query(question, typed, tuple(weights), tuple(weights.values()), tuple(unknown),
                 tuple(corrections), vocabulary.key(typed), tuple(dict.fromkeys(named)),
                 frozenset({framing[0]}) if framing else frozenset(typed)
                 if expect in _ASKS_BESIDE_ITS_WORDS else counting(typed, vocabulary),
                 number_pairs(typed, vocabulary, index.idf),
                 event(question, typed, index), owned(question, index), frozenset(kin_terms),
                 role_of(typed, index), tuple(joined), expect)


class _Reading(NamedTuple):
    """How one typed word is read: the word ``meant`` (itself, a typo's fix, or the pack's
    kindred word), its ``terms``, and for a kindred word the most it may weigh. (A named
    tuple: one is made per word of every question.)"""

    meant: str
    terms: tuple[str, ...]
    kindred: bool = False
    ceiling: float | None = None
    joined: bool = False


def _read(word: str, after: str | None, index: Lookup, common_unknown: float) -> _Reading:
    """A two-word verb the pack says otherwise ("turned it off" for its "disable"), else a
    word the pack does not know read as its two words, its kin or its typo's fix."""
    vocabulary = index.vocabulary
    phrasal = index.kindred_verb(word, after) if after else None
    if phrasal is not None:
        return _Reading(phrasal, vocabulary.fold(phrasal), kindred=True)
    folded = vocabulary.fold(word)
    if not folded or all(t in index.idf for t in folded):
        return _Reading(word, folded)
    if word.endswith("es") and 4 <= len(word) <= 6:     # an acronym's plural with "es"
        base = vocabulary.fold(word[:-2])
        if base and all(t in index.idf for t in base):
            return _Reading(word[:-2], base)
    parts = compound(word, index)
    if parts:
        return _Reading(word, parts, joined=True)
    kin = index.kindred(word)
    if kin is not None:     # it may match now, but weighs no more than it did unknown
        return _Reading(kin, vocabulary.fold(kin), kindred=True,
                        ceiling=index.unknown_weight * english.specificity(word) * common_unknown)
    fixed = index.correct(word)
    return _Reading(fixed, vocabulary.fold(fixed)) if fixed is not None else _Reading(word, folded)


#: Words that may stand between a verb and its particle: "turn *it* off".
_BETWEEN = {"it", "them", "this", "that", "these", "those", "him", "her", "things"}


def particle(typed: tuple[str, ...], at: int) -> str | None:
    """The word that may finish a two-word verb at ``at`` ("turn *off*", "turn it *off*")."""
    if at + 1 >= len(typed):
        return None
    if typed[at + 1] in _BETWEEN and at + 2 < len(typed):
        return typed[at + 2]
    return typed[at + 1]


#: A word at least three in four of a pack's documents carry (its IDF below this) is the
#: pack's subject ("bylaws" in a pack on a town's bylaws), not a thing a number labels.
SUBJECT_IDF = 0.29


#: Nouns that, right after a leading "what" or "which", name the kind of answer wanted.
#: "Which *city*" asks for a place, and weighs nothing unless the pack speaks of cities.
_PLACE_TYPES = {"city", "town", "country"}
_ANSWER_TYPES = {"year", "date", "day", "month", "size", "age", "percentage", "percent",
                 "proportion", "fraction", "length", *_PLACE_TYPES}
_LEADING_PREPOSITIONS = {"in", "since", "from", "by", "until", "till", "on"}


def answer_type_word(typed: tuple[str, ...]) -> int | None:
    """Where "what year", "since what date", "what size" names the kind of answer asked for:
    that word says what the answer is (a year, a size), not what it is about."""
    start = 1 if typed and typed[0] in _LEADING_PREPOSITIONS else 0
    if len(typed) > start + 2 and typed[start] in ("what", "which") and \
            typed[start + 1] in _ANSWER_TYPES:
        return start + 1
    return None


#: A figure ("2023", "4e", "6.7p1", "2nd"), not a name that starts with one ("7z2lzma").
_FIGURE = re.compile(r"^\d[\d.,]*(?:[a-z]{1,3}\d*)?$")


def number_pairs(typed: tuple[str, ...], vocabulary: tx.Vocabulary,
                 idf: dict[str, float] | None = None) -> tuple[tuple[str, str], ...]:
    """Each number with the content word just before it: "version 2" asks about version 2,
    and a snippet that has a "section 2" and a "version 3" does not answer it. The pack's
    subject owns no number: "bylaws 4e" asks about section 4e of them. A name that starts
    with a digit belongs to no word before it ("after running 7z2lzma")."""
    pairs = []
    for before, word in zip(typed, typed[1:]):
        owner = vocabulary.fold(before)
        if _FIGURE.match(word) and owner and not tx.is_number(owner[-1]) and \
                (idf or {}).get(owner[-1], SUBJECT_IDF) >= SUBJECT_IDF:
            pairs += [(owner[-1], number) for number in vocabulary.fold(word)]
    return tuple(pairs)


_ROLE = re.compile(r"^whos? (?:is|was|are|were) (?:the|a|an) (\w+) (?:of|at|for) (.+)$")


def role_of(typed: tuple[str, ...], index: Lookup) -> tuple[tuple[str, ...], str] | None:
    """"Who is the mayor of Eagle Pass": the role asked and the body it belongs to, when the
    pack knows both. A snippet naming a president of something else does not answer it."""
    found = _ROLE.match(" ".join(typed))
    if found is None:
        return None
    role = index.vocabulary.fold(found.group(1))
    body = next((terms[0] for w in found.group(2).split()
                 if (terms := index.vocabulary.fold(w))), None)
    if role and body and all(t in index.idf for t in (*role, body)):
        return role, body
    return None


def counting(typed: tuple[str, ...], vocabulary: tx.Vocabulary) -> frozenset[str]:
    """What a count question counts, as terms: the word counted and the next content word,
    which says what was done ("how many *migrants crossed*" is answered by "1.6 million
    crossings")."""
    count = counted(typed)
    if count is None:
        return frozenset()
    terms = set(vocabulary.fold(count))
    after = typed[typed.index(count) + 1:]
    if terms:
        terms |= next((set(vocabulary.fold(w)) for w in after if vocabulary.fold(w)), set())
    elif len(after) > 1:     # "how much will closing it *save*": the figure goes with the verb
        terms = next((set(vocabulary.fold(w)) for w in reversed(after) if vocabulary.fold(w)),
                     set())
    return frozenset(terms)


def compound(word: str, index: Lookup) -> tuple[str, ...]:
    """A word written as one that the pack writes as two ("bookshelves" -> "book shelves"):
    their terms, when both halves are the pack's words. Only for words outside everyday
    English, so "passport" never becomes "pass" and "port"."""
    if len(word) < 7 or english.is_common_word(word):
        return ()
    fold = index.vocabulary.fold
    for cut in range(len(word) - 3, 2, -1):
        left, right = fold(word[:cut]), fold(word[cut:])
        if left and right and all(t in index.idf for t in left + right):
            return left + right
    return ()


def names_something(word: str, capitalised: set[str], vocabulary: tx.Vocabulary) -> bool:
    """A number, a phrase the lexicon names as another thing, a word outside everyday English,
    or a capitalised word mid-sentence that is not an everyday one."""
    if tx.is_number(word) or word in vocabulary.phrase_names:
        return True
    if not english.is_common_word(word):
        return word in capitalised or not english.is_common_typo(word)
    return word in capitalised and english.rarity(word) >= 4.0


def owned(question: str, index: Lookup) -> tuple[str, ...]:
    """The names a question makes possessive that the pack knows; an everyday word ("the
    library's notice", "which version's rules") is too loose an owner to insist on."""
    vocabulary = index.vocabulary
    found: list[str] = []
    for word in owners(question):
        if word in vocabulary.fillers or english.is_common_word(word):
            continue
        terms = vocabulary.fold(word)
        if terms and all(t in index.idf for t in terms):
            found.extend(terms)
    return tuple(dict.fromkeys(found))


def event(question: str, typed: tuple[str, ...], index: Lookup) -> tuple[str, ...]:
    """The verb a "when will construction *start*" or "where did she *study*" question ends
    on (its first clause: "..., like what's the source" is an afterthought), when the pack
    knows it: a snippet that answers must speak of that event."""
    if not typed or typed[0] not in WHEN_WHERE:    # most questions: no clause to read again
        return ()
    clause = index.vocabulary.words(re.split(r"[,;:(]| - ", question)[0])
    if len(clause) > 3 and clause[0] in WHEN_WHERE and clause[1] in AUXILIARY and \
            not ends_on_a_place(clause):
        verb = clause[-1]           # or its kin: "launch" in a pack that says "start"
        if verb in NO_EVENT:
            return ()
        terms = index.vocabulary.fold(verb)
        if terms and not all(t in index.idf for t in terms):
            terms = index.vocabulary.fold(index.kindred(verb) or verb)
        if terms and all(t in index.idf for t in terms):
            return terms
    return ()
