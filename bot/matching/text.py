"""Turning text into search terms, the same way for the pack and for questions.

Both sides go through one pipeline (normalise, split, fold synonyms, drop fillers, stem) so that
"rivers", "River" and a pack's synonym for it meet on one term. Numbers are kept whole ("1.6",
"2023") because a question about 2022 must not be answered with a snippet about 2023.

The pipeline is a ``Vocabulary``: general English (``bot.matching.lexicon``) joined with one
pack's own lexicon, so two packs never share each other's synonyms.
"""

from __future__ import annotations

import functools
import re
import unicodedata

import snowballstemmer

from bot.matching import lexicon as general
from bot.pack.model import Lexicon

#: A word is letters and digits of any script ("josé", "что"); a number may carry its decimals,
#: and a version its letters and digits after them ("6.7p1", "2.0rc2").
#: A one-letter option ("-q", "-P") is a word of its own.
_WORD = re.compile(r"(?<![\w-])-[^\W\d_](?![\w-])|\d+(?:[.,]\d+)+[^\W_]*|[^\W_]+(?:['’][^\W_]+)*")
#: "v2.39" is release 2.39: the number, not a "v2" and a "39".
_VERSION_V = re.compile(r"(?<![\w.-])v(\d+(?:\.\d+)+)\b")
#: A figure with its unit run together, as chat writes it ("72h", "30mins"): the two words.
_RUN_UNIT = re.compile(r"^(\d+(?:[.,]\d+)?)(h|hrs?|hours?|mins?|minutes?|secs?|seconds?|days?|"
                       r"wks?|weeks?|months?|yrs?|years?)$")
_UNITS = {"h": "hours", "hr": "hours", "hrs": "hours", "min": "minutes", "mins": "minutes",
          "sec": "seconds", "secs": "seconds", "wk": "weeks", "wks": "weeks", "yr": "years",
          "yrs": "years"}
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_NUMBER = re.compile(r"^\d")
#: Chat mention markup (<!channel>, <@U123>, <#C1|x>, @everyone) says nothing about the topic.
_MARKUP = re.compile(r"<[!@#][^>]*>|@(?:everyone|here|channel)\b")
#: A web address: its scheme, "www" and top-level domain are no words of the text (the "org"
#: of "example.org" is not "organization"); the names in it are.
_DOMAIN_END = r"\.(?:org|com|net|gov|edu|io|int|info|co|uk|eu|us|de|fr)\b"
_URL = re.compile(r"\b(?:https?://|www\.)[^\s<>\"')]+|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*"
                  + _DOMAIN_END + r"(?:/[^\s<>\"')]*)?")
_URL_NOISE = re.compile(r"https?://|\bwww\.|" + _DOMAIN_END +
                        r"|[/:?=&#]+|(?<![0-9])\.|\.(?![0-9])")
_stemmer = snowballstemmer.stemmer("english")
#: A command's long option of several words ("--no-name", "--dry-run") is a name of its own,
#: and its parts are words too: "--no-name" is not just "name", and "dry" still finds
#: "--dry-run".
_LONG_OPTION = re.compile(r"(?<![\w-])--([a-z0-9]+(?:-[a-z0-9]+)+)")
#: "Does a patch *count as* a contribution" asks whether it *is* one: no counting is asked.
_COUNTS_AS = re.compile(r"\bcount(?:s|ed|ing)? as\b")
#: "e.g." and "i.e." introduce an example or a gloss; their letters are no words of it.
_EXAMPLE_MARK = re.compile(r"\b(?:e\.\s?g|i\.\s?e)\b\.?")
_SLASHED = re.compile("|".join(map(re.escape, general.SLASHED)))


def _long_option(match: re.Match[str]) -> str:
    parts = match.group(1).split("-")
    return f" {''.join(parts)} {' '.join(parts)} "


def normalise(text: str) -> str:
    """Fold width, case, accents, invisible characters and curly apostrophes so look-alikes
    compare equal: "Núñez" typed as "nunez" is the same name, and so is "José" as "jose"."""
    text = unicodedata.normalize("NFKC", text).translate(_INVISIBLE)
    if not text.isascii():
        text = "".join(c for c in unicodedata.normalize("NFKD", text)
                       if not unicodedata.combining(c))
    return text.lower().replace("’", "'").replace("‘", "'")


#: A word written in capitals, or the capitals before a plural's "s" ("the *ID* of "IDs"").
_CAPITALS = re.compile(r"\b[A-Z]{2,}[0-9]*(?=s?\b)")


def capitals(text: str) -> set[str]:
    """The words ``text`` writes in capitals (normalised): a pack that only ever writes "nice"
    does not know the "NICE" a question names."""
    return {normalise(m) for m in _CAPITALS.findall(text)}


def without_mentions(text: str) -> str:
    """The text without chat mention markup, which no reading of a message should see."""
    return " ".join(_MARKUP.sub(" ", text).split())


def is_number(term: str) -> bool:
    return bool(_NUMBER.match(term))


@functools.lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    if is_number(word):
        return word.replace(",", "")
    for start, kept in general.OVERSTEMMED.items():
        if word.startswith(start):
            return kept
    if word.endswith(("ification", "ifications")):   # "modification" is "modify" done
        return _stemmer.stemWord(word[:word.rindex("ication")] + "y")
    return _stemmer.stemWord(word)


def phrase_token(phrase: str) -> str:
    """The one word a multi-word name is read as: "bus pass" -> "buspass"."""
    return re.sub(r"[^a-z0-9]", "", phrase.lower())


def inflected(phrase: str) -> str:
    """A pattern for ``phrase`` with each word in any of its regular forms, spaced, hyphenated
    or dotted: a curator lists "hand out", and "hands out", "handing out" and "price-tag" (for
    "price tag") read the same, as "Node.js" does for "node js" (and "node js" for "node.js")."""
    return r"(?:\s+|\s*[-./_]\s*)".join(
        _inflected_word(w) for w in re.split(r"[\s\-./_]+", phrase.strip()) if w)


def _inflected_word(word: str) -> str:
    if len(word) < 3 or not word.isalpha():
        return re.escape(word)
    if word.endswith("e"):
        return word[:-1] + "(?:e|es|ed|ing)"
    if word.endswith("y") and word[-2] not in "aeiou":
        return word[:-1] + "(?:y|ies|ied|ying)"
    return word + "(?:s|es|ed|ing)?"


#: Words that soften or stress a question without changing what it asks.
_HEDGES = frozenset("actually really just basically even exactly literally please pls plz "
                    "honestly seriously".split())


class Vocabulary:
    """General English plus one pack's lexicon: how that pack's texts and questions become terms."""

    def __init__(self, lexicon: Lexicon | None = None):
        lexicon = lexicon or Lexicon()
        # typed as a question is read: "naïve" is "naive" by then ("ß" stays "ß")
        words = {normalise(k): normalise(v) for k, v in lexicon.synonyms.items() if " " not in k}
        #: Several typed words read as the pack's words ("the mets" -> "new york mets").
        spans = {k: normalise(v) for k, v in lexicon.synonyms.items() if " " in k}
        self.synonyms = {**general.SYNONYMS, **words}
        #: The lexicon's own words: a typo may mean one as well as a word the snippets use.
        self.lexicon_words = frozenset(words)
        # a pack's filler typed as chat writes its possessive ("nodes threat model") too
        fillers = {normalise(f) for f in lexicon.fillers}
        plurals = {f + "s" for f in fillers if f.isalpha()}
        not_fillers = {normalise(f) for f in lexicon.not_fillers}
        self.fillers = (general.STOPWORDS | fillers | plurals) - not_fillers
        #: Words the curator listed, as typed: what they mean is settled, so none is a typo.
        self.listed = self.lexicon_words | not_fillers
        # a pack's synonym reaches every form of its word; general English's only the forms it
        # lists ("permission" is "permit", but "permissive", the same stem, is another word)
        self._stem_synonyms = {stem(k): v for k, v in words.items()}
        #: Chat shorthand, unless this pack gives the word a meaning of its own (or none).
        self._shorthand = {k: v for k, v in general.SHORTHAND.items()
                           if k not in lexicon.synonyms and k not in lexicon.not_fillers
                           and k not in lexicon.fillers}
        self._phrases = {normalise(p): phrase_token(p) for p in lexicon.phrases}
        #: For messages: the phrase a token stands for ("buspass" -> "bus pass"), first listed.
        self.phrase_names: dict[str, str] = {}
        for phrase, token in self._phrases.items():
            self.phrase_names.setdefault(token, phrase)
        self._phrases.update({normalise(k): v for k, v in spans.items()})
        #: Longest first, so "secure docket card" is read before "docket card"; each
        #: alternative is a group, so a match finds its phrase whatever inflection was typed.
        self._phrase_order = sorted(self._phrases, key=len, reverse=True)
        self._phrase = re.compile(r"\b(?:" + "|".join(
            f"({inflected(p)})" for p in self._phrase_order) + r")\b") \
            if self._phrase_order else None
        self._folded: dict[str, tuple[str, ...]] = {}

    def words(self, text: str) -> list[str]:
        """Split into words, dropping a possessive 's and apostrophes within words ("NASA's" ->
        "nasa"); a phrase of the lexicon becomes its one token, and chat shorthand is spelt out
        ("rn" -> "now", "w/" -> "with")."""
        result = []
        folded = _MARKUP.sub(" ", normalise(text))
        folded = _URL.sub(lambda m: " " + _URL_NOISE.sub(" ", m.group(0)) + " ", folded)
        folded = _SLASHED.sub(lambda m: " " + general.SLASHED[m.group(0)] + " ", folded)
        folded = folded.replace("%", " percent ")
        folded = _VERSION_V.sub(r"\1", folded)
        folded = _LONG_OPTION.sub(_long_option, folded)
        folded = _COUNTS_AS.sub(" as ", folded)
        folded = _EXAMPLE_MARK.sub(" ", folded)
        if self._phrase is not None and self._phrase.search(folded):
            folded = self._phrase.sub(
                lambda m: self._phrases[self._phrase_order[m.lastindex - 1]], folded)
        for word in _WORD.findall(folded):
            if word[0] == "-":      # "-q": the option, not chat's "q" for question
                result.append(word)
                continue
            contracted = general.CONTRACTIONS.get(word)
            if contracted is not None:
                result += contracted.split()
                continue
            if word.endswith("'s"):
                word = word[:-2]
            word = word.replace("'", "")
            spelt = self._shorthand.get(word)
            # ("0day" is a term of its own, a zero-day, not "0 day")
            unit = _RUN_UNIT.match(word) if spelt is None and word[:1].isdigit() and \
                not word.startswith("0") else None
            if unit is not None:
                spelt = f"{unit.group(1)} {_UNITS.get(unit.group(2), unit.group(2))}"
            result += spelt.split() if spelt is not None else [word]
        return result

    def fold(self, word: str) -> tuple[str, ...]:
        """The terms one typed word stands for: synonyms folded, fillers dropped, stems taken."""
        found = self._folded.get(word)
        if found is None:
            replacement = self.synonyms.get(word) or self._stem_synonyms.get(stem(word)) or (
                self.synonyms.get(word[1:]) if word[:1] == "-" else None) or (
                # "rsvps" for a pack's "rsvp": a plural its stem does not reach
                self.synonyms.get(word[:-1]) if len(word) > 2 and word.endswith("s") else None
            ) or word
            # read as texts are ("read-only" is "read", "only"; "v2.39" is "2.39"), so a
            # synonym's target is found in the snippets that write it
            parts = [word] if replacement == word else self.words(replacement)
            found = tuple(stem(w) for w in parts if w not in self.fillers)
            if len(self._folded) < 200_000:
                self._folded[word] = found
        return found

    def terms(self, text: str) -> list[str]:
        """Search terms for a text, in order, repeats kept (term frequency matters for ranking)."""
        return [term for word in self.words(text) for term in self.fold(word)]

    def key(self, words: list[str] | tuple[str, ...]) -> str:
        """The exact-match key of a question: its words as typed, synonyms folded ("info" finds
        "information") and hedges left out ("what does it *actually* do"), so a curated
        paraphrase typed a little differently still matches whole."""
        return " ".join(self.synonyms.get(w, w) for w in words if w not in _HEDGES)
