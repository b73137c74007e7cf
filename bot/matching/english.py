"""Whether a word is ordinary English, so typo correction leaves real words alone.

Backed by pyspellchecker's English frequency list. Loading it costs about
200 ms, so it is loaded on first use (the first question with a word the pack
does not know), never at start-up.
"""

from __future__ import annotations

import functools
import math

#: Words seen less often than this in the frequency list are treated as possible typos.
COMMON_FREQUENCY = 100


@functools.lru_cache(maxsize=1)
def _frequencies() -> dict[str, int]:
    from spellchecker import SpellChecker

    return SpellChecker(language="en", distance=1).word_frequency.dictionary


@functools.lru_cache(maxsize=50_000)
def is_common_word(word: str) -> bool:
    return _frequencies().get(word, 0) >= COMMON_FREQUENCY


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
