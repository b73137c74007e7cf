"""Known gaps worded so broadly that they would refuse what the snippets answer.

A gap wins when a question contains every word of one of its questions, asked the same way. A
gap question that comes down to one word the snippets use widely ("how many *runs* should I
do", in a pack where most snippets say "run") then refuses every question with that word, and
answers nobody. ``docket validate`` warns about each, so the curator words it more fully.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from bot.matching.search import snippet_fields
from bot.matching.text import Vocabulary
from bot.pack.model import Pack

#: A gap question's one word is "widely used" when at least this many snippets use it, or, in
#: a pack with fewer than twice as many, at least half of them (and two).
WIDELY_USED = 5


@dataclass(frozen=True)
class BroadGapQuestion:
    gap_id: str
    file: str
    line: int
    question: str
    word: str
    snippets: int


def broad_gap_questions(pack: Pack, widely_used: int = WIDELY_USED) -> list[BroadGapQuestion]:
    vocabulary = Vocabulary(pack.lexicon)
    uses: Counter[str] = Counter()
    for snippet in pack.snippets:
        uses.update(set(vocabulary.terms(" ".join(snippet_fields(snippet).values()))))
    widely_used = min(widely_used, max(2, -(-len(pack.snippets) // 2)))
    found = []
    for gap in pack.gaps:
        for question in gap.questions:
            terms = set(vocabulary.terms(question))
            if len(terms) == 1 and uses[term := next(iter(terms))] >= widely_used:
                word = next(w for w in vocabulary.words(question) if term in vocabulary.fold(w))
                found.append(BroadGapQuestion(gap.id, gap.file, gap.line, question, word,
                                              uses[term]))
    return found
