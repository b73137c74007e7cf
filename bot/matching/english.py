"""Whether a word is ordinary English, so typo correction leaves real words alone.

Backed by pyspellchecker's English frequency list. Loading it costs 120-200 ms and 37 MB, so
a one-shot command (``docket ask``) loads it on first use, the first question with a word the
pack does not know; a long-running process loads it at start-up (``load``), so no request
waits for it.
"""

from __future__ import annotations

import functools
import math

from bot.matching.text import is_number

#: Words seen less often than this in the frequency list are treated as possible typos.
COMMON_FREQUENCY = 100


@functools.lru_cache(maxsize=1)
def _frequencies() -> dict[str, int]:
    from spellchecker import SpellChecker

    return SpellChecker(language="en", distance=1).word_frequency.dictionary


def load() -> None:
    """Load the frequency list now rather than on first use."""
    _top_frequency()


@functools.lru_cache(maxsize=50_000)
def is_common_word(word: str) -> bool:
    """Whether the word, or its plain form, is everyday English: the list has "gotcha" but
    hardly ever "gotchas", and the plural of an everyday word names nothing. (How rare a word
    is stays its own count: "crossings" is rarer than "crossing".)"""
    counts = _frequencies()
    return max(counts.get(form, 0) for form in _plain_forms(word)) >= COMMON_FREQUENCY


def _plain_forms(word: str) -> list[str]:
    forms = [word]
    if len(word) > 4:
        if word.endswith("ies"):
            forms.append(word[:-3] + "y")
        elif word.endswith("es"):
            forms += [word[:-2], word[:-1]]
        elif word.endswith("s") and not word.endswith("ss"):
            forms.append(word[:-1])
        elif word.endswith("ed"):
            forms += [word[:-2], word[:-1]]
        elif word.endswith("ing"):
            forms += [word[:-3], word[:-3] + "e"]
    return forms


#: A misspelling is only taken for an everyday word this common ("cachng" for "caching").
TYPO_FREQUENCY = 1000
_LETTERS = "abcdefghijklmnopqrstuvwxyz"


@functools.lru_cache(maxsize=50_000)
def is_common_typo(word: str) -> bool:
    """Whether the word is an everyday word with one letter left out, two swapped or one
    doubled, the slips fast typing makes: a slip names nothing, so it vetoes no answer. Only
    those three slips and only well-used words: a surname one changed letter away from a word
    is not a slip of it."""
    if len(word) < 5 or not word.isalpha():
        return False
    counts = _frequencies()
    near = [word[:i] + c + word[i:] for i in range(len(word) + 1) for c in _LETTERS]
    near += [word[:i] + word[i + 1] + word[i] + word[i + 2:] for i in range(len(word) - 1)]
    near += [word[:i] + word[i + 1:] for i in range(len(word) - 1) if word[i] == word[i + 1]]
    return any(counts.get(plain, 0) >= TYPO_FREQUENCY for form in near
               for plain in _plain_forms(form))


@functools.lru_cache(maxsize=1)
def _top_frequency() -> int:
    return max(_frequencies().values())


@functools.lru_cache(maxsize=50_000)
def rarity(word: str) -> float:
    """How rare a word is in everyday English: log10 of (most common word's count / this word's).

    About 1.3 for "need", 3 for "river", 5 for "tributaries", 7.9 for a word never
    seen (an acronym, a surname). A rare word in a question is what the question is about.
    """
    return math.log10(_top_frequency() / (_frequencies().get(word, 0) + 1))


def specificity(word: str) -> float:
    """Everyday words ("need", "come", "first") count for less of a question than topical ones."""
    if is_number(word):
        return 1.0
    return min(1.0, max(0.3, (rarity(word) - 1.5) / 2))


def novelty(word: str) -> float:
    """A rare word the pack has never seen (a surname, an acronym) is likely what the question
    is about."""
    if is_number(word):
        return 2.0
    return 1.0 + min(1.5, max(0.0, rarity(word) - 4.0))
