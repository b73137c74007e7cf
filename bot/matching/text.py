"""Turning text into search terms, the same way for the pack and for questions.

Both sides go through one pipeline (normalise, split, fold synonyms, drop
fillers, stem) so that "photos", "Photograph" and "picture" meet on one term.
Numbers are kept whole ("1.6", "2023") because a question about 2022 must not
be answered with a snippet about 2023.
"""

from __future__ import annotations

import functools
import re
import unicodedata

import snowballstemmer

from bot.matching.lexicon import PHRASES, STOPWORDS, SYNONYMS

_WORD = re.compile(r"\d+(?:[.,]\d+)+[a-z]*|[a-z0-9]+(?:['’][a-z]+)*")
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_NUMBER = re.compile(r"^\d")
#: Chat mention markup (<!channel>, <@U123>, <#C1|x>, @everyone) says nothing about the topic.
_MARKUP = re.compile(r"<[!@#][^>]*>|@(?:everyone|here|channel)\b")
_stemmer = snowballstemmer.stemmer("english")
_PHRASE = re.compile(r"\b(?:" + "|".join(sorted(map(re.escape, PHRASES), key=len, reverse=True)) + r")\b")


def normalise(text: str) -> str:
    """Fold width, case, invisible characters and curly apostrophes so look-alikes compare equal."""
    text = unicodedata.normalize("NFKC", text).translate(_INVISIBLE)
    return text.lower().replace("’", "'").replace("‘", "'")


def words(text: str) -> list[str]:
    """Split into words, dropping a possessive 's and apostrophes within words ("ICE's" -> "ice")."""
    result = []
    folded = _MARKUP.sub(" ", normalise(text))
    if _PHRASE.search(folded):
        folded = _PHRASE.sub(lambda m: PHRASES[m.group(0)], folded)
    for word in _WORD.findall(folded):
        if word.endswith("'s"):
            word = word[:-2]
        result.append(word.replace("'", ""))
    return result


def is_number(term: str) -> bool:
    return bool(_NUMBER.match(term))


@functools.lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    if is_number(word):
        return word.replace(",", "")
    return _stemmer.stemWord(word)


_STEM_SYNONYMS = {_stemmer.stemWord(k): v for k, v in SYNONYMS.items()}


@functools.lru_cache(maxsize=200_000)
def fold(word: str) -> tuple[str, ...]:
    """The terms one typed word stands for: synonyms folded, fillers dropped, stems taken."""
    replacement = SYNONYMS.get(word) or _STEM_SYNONYMS.get(stem(word), word)
    return tuple(stem(w) for w in replacement.split() if w not in STOPWORDS)


def terms(text: str) -> list[str]:
    """Search terms for a text, in order, repeats kept (term frequency matters for ranking)."""
    return [term for word in words(text) for term in fold(word)]
