"""Whether a word is ordinary English, so typo correction leaves real words alone.

Backed by pyspellchecker's English frequency list. Loading it costs about
200 ms, so it is loaded on first use (the first question with a word the pack
does not know), never at start-up.
"""

from __future__ import annotations

import functools

#: Words seen less often than this in the frequency list are treated as possible typos.
COMMON_FREQUENCY = 100


@functools.lru_cache(maxsize=1)
def _frequencies() -> dict[str, int]:
    from spellchecker import SpellChecker

    return SpellChecker(language="en", distance=1).word_frequency.dictionary


@functools.lru_cache(maxsize=50_000)
def is_common_word(word: str) -> bool:
    return _frequencies().get(word, 0) >= COMMON_FREQUENCY
