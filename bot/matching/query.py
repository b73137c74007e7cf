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
    #: The exact-match key: the words with synonyms folded (``Vocabulary.key``).
    key: str = ""

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
    def expect(self) -> Expect:
        return expected(self.words)

