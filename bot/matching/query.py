"""A question as every later step sees it: analysed once, read many times.

The router, the search, the answer-type check and the exact-match table all used to split the
question on their own, each a little differently. Here the words are found once; the search
terms, their weights, the words the pack does not know, the typo fixes, the question word and
the kind of answer expected are all derived from that one list.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.matching import text as tx
from bot.matching.answer_type import Expect, expected, question_word
from bot.matching.lexicon import SYNONYMS


@dataclass(frozen=True)
class Query:
    """``words`` as typed (normalised); ``terms`` with their ``weights``, in question order;
    ``unknown``: typed words no snippet contains; ``corrections``: (typed, meant) typo fixes."""

    text: str
    words: tuple[str, ...]
    terms: tuple[str, ...]
    weights: tuple[float, ...]
    unknown: tuple[str, ...]
    corrections: tuple[tuple[str, str], ...]

    @property
    def total_weight(self) -> float:
        return sum(self.weights)

    @property
    def numbers(self) -> tuple[str, ...]:
        return tuple(t for t in self.terms if tx.is_number(t))

    @property
    def key(self) -> str:
        return exact_key(self.words)

    @property
    def question_word(self) -> str | None:
        return question_word(self.words)

    @property
    def expect(self) -> Expect:
        return expected(self.words)


def exact_key(words: tuple[str, ...] | list[str]) -> str:
    """The exact-match key of a question: its words as typed, synonyms folded ("info" finds
    "information"), so a curated paraphrase typed a little differently still matches whole."""
    return " ".join(SYNONYMS.get(w, w) for w in words)
