"""Known gaps worded so broadly that they would refuse what the snippets answer.

A gap wins when a question contains every word of one of its questions, asked the same way. A
gap question that comes down to one word the snippets use widely ("how many *runs* should I
do", in a pack where most snippets say "run") then refuses every question with that word, and
answers nobody. ``docket validate`` warns about each, so the curator words it more fully; a
gap question asking "who", "when", "where" or "why" of a word no snippet's curated question asks
that way ("*who* leaked it", where no snippet is written for who leaked) claims nothing they
answer.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from bot.matching.answer_type import question_word
from bot.matching.search import snippet_fields
from bot.matching.text import Vocabulary
from bot.pack.model import Pack

#: A gap question's one word is "widely used" when at least this many snippets use it, or, in
#: a pack with fewer than twice as many, at least half of them (and two).
WIDELY_USED = 5
#: Question words that ask one thing of a word ("*who* leaked it"); "what" and "how" ask anything.
_SPECIFIC = frozenset({"who", "when", "where", "why"})


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
    # which question words each term is asked with in the snippets' curated questions
    asked_with: dict[str, set[str | None]] = {}
    for snippet in pack.snippets:
        for question in snippet.questions:
            words = vocabulary.words(question)
            for term in (t for w in words for t in vocabulary.fold(w)):
                asked_with.setdefault(term, set()).add(question_word(words))
    found = []
    for gap in pack.gaps:
        for question in gap.questions:
            terms = set(vocabulary.terms(question))
            if len(terms) != 1:
                continue
            term = next(iter(terms))
            # "who leaked it" claims only who-questions, which no snippet was written for
            wh = question_word(vocabulary.words(question))
            if wh in _SPECIFIC and wh not in asked_with.get(term, set()):
                continue
            if uses[term] >= widely_used:
                word = next(w for w in vocabulary.words(question) if term in vocabulary.fold(w))
                found.append(BroadGapQuestion(gap.id, gap.file, gap.line, question, word,
                                              uses[term]))
    return found
