"""Whether to answer, and from what: the decision between a sourced answer and an honest refusal.

Ranking orders the snippets; it cannot say whether the best one answers. The gate does, from
evidence that carries to wording nobody wrote down and to any pack:

1. A curated paraphrase typed exactly is answered (or, for a curated gap, refused with its
   reason).
2. A word that names something the pack lacks vetoes an answer (``Query.named``).
3. A snippet is usable when it covers enough of the question's weight, contains every number
   the question names (beside the word the question puts it with: "version 2") and the name
   whose thing it asks ("Marlow's phone number"), and holds a date, a figure or an age when
   the question asks "when", "how many" or "how old" (a figure next to the word counted,
   when the question names it), for "who is the president of X" names the role beside X,
   and for a word read as two the pack writes apart ("bookshelf") holds its last part only
   beside its first.
4. A curated gap wins when the question asks all of one of its questions, the same way
   ("who is the agency's director"), unless the question is a curated paraphrase, or a
   snippet covers the question fully while the gap covers little of it. Reached by
   paraphrase instead, it wins when it covers the question better than any usable snippet
   and no snippet covers the question fully, unless the gap covers all of it ("what's the
   name of the Eagle Pass mayor": the snippet about Eagle Pass lacks the name asked for).
5. The lead is the best-scoring usable snippet, unless the best-scoring snippet of all covers
   too little or lacks the kind of answer asked for, and the lead scores well below it: a
   stand-in matching weaker words was more often wrong than right on packs nobody had
   curated yet, so the question is refused and both are offered.
6. Related points join the lead only when they answer the same question: usable themselves,
   scoring close to the lead, and matching the lead's most specific word.

Every threshold is a ``GateSettings`` field; ``bench/sweep.py`` shows how each was chosen.
"""

from __future__ import annotations

import functools
from collections.abc import Collection
from dataclasses import dataclass
from enum import Enum

from bot.matching.answer_type import Expect, provides
from bot.matching.periods import part_of_a_whole
from bot.matching.query import COMMON_UNKNOWN, Query
from bot.matching.search import Hit
from bot.matching.text import Vocabulary
from bot.pack.model import Gap, Snippet


@dataclass(frozen=True)
class GateSettings:
    #: How much an unknown everyday word weighs (``bot.matching.query``).
    common_unknown: float = COMMON_UNKNOWN
    #: The share of a question's weight a snippet must cover to answer it.
    min_coverage: float = 0.65
    #: A snippet covering this much answers everything asked: no gap beats it.
    full_coverage: float = 0.9
    #: A gap reached by paraphrase (not by all of one of its questions) must cover this much.
    gap_coverage: float = 0.6
    #: A gap asked in full still yields to a snippet covering the question fully when the
    #: gap's question is less than this share of what was asked.
    gap_share: float = 0.5
    #: Related points score at least this share of the lead's score...
    related_ratio: float = 0.7
    #: ...and cover at least this share of what the lead covers: they answer the same question.
    related_coverage: float = 0.9
    #: When the best-scoring snippet covers too little (or lacks the kind of answer asked
    #: for), one scoring below this share of it does not answer in its place (0 lets any
    #: usable snippet answer; see rule 5).
    runner_up_ratio: float = 0.9
    #: "Did you mean" offers the best-ranked snippets scoring at least this share of the best.
    choice_ratio: float = 0.5
    max_points: int = 3
    max_choices: int = 3


#: A coverage this close to 1 is all of the question (the share is a sum of float weights).
_ALL = 1 - 1e-9
#: How many terms apart a number and the word it belongs to may stand.
_BESIDE = 3
#: ... and a role and its body: "president of the National Immigration Center for Enforcement
#: (NICE)" names the role with NICE.
_ROLE_BESIDE = 6


class Verdict(str, Enum):
    ANSWER = "answer"
    GAP = "gap"             # a curated known gap
    NAMED = "named"         # the question names something the pack lacks
    NUMBER = "number"       # a number the sources do not mention in that connection
    TYPE = "type"           # a date or figure the sources do not give
    WEAK = "weak"           # nothing covers enough of the question


@dataclass(frozen=True)
class Decision:
    verdict: Verdict
    lead: Snippet | None = None
    related: tuple[Snippet, ...] = ()
    confidence: float = 0.0
    gap: Gap | None = None
    #: For a gap: whether the question asked all of one of its questions (else a paraphrase
    #: reached it, and its reason may be about a neighbouring thing).
    gap_asked: bool = True
    #: The words a refusal names: what the pack lacks, or the numbers it does not mention.
    words: tuple[str, ...] = ()
    #: For a refusal: the snippets that came closest, best first ("Did you mean").
    closest: tuple[Snippet, ...] = ()
    expect: Expect = Expect.ANYTHING


class Gate:
    """Decides for one pack; ``gap_questions`` are each gap's questions as term sets, with the
    question word they ask ("who", "when") and whether they rank ("the *most* voted"), for the
    all-of-one-question rule."""

    def __init__(self, gap_questions: dict[str, list[tuple[frozenset[str], str | None, bool]]],
                 settings: GateSettings | None = None, vocabulary: Vocabulary | None = None):
        self.gap_questions = gap_questions
        self.settings = settings or GateSettings()
        #: How the pack's texts become terms: to find a figure next to the word counted.
        self.vocabulary = vocabulary

    def decide(self, query: Query, hits: list[Hit], exact: Snippet | Gap | None = None
               ) -> Decision:
        settings = self.settings
        snippets = [h for h in hits if not isinstance(h.snippet, Gap)]
        top = snippets[0].score if snippets else 0.0
        closest = tuple(h.snippet for h in snippets[: settings.max_choices]
                        if h.score >= settings.choice_ratio * top and h.matched - query.kin)
        if isinstance(exact, Gap):
            return Decision(Verdict.GAP, gap=exact, closest=closest)
        usable = [h for h in snippets if self._usable(query, h)]
        if exact is not None:
            return self._answer(exact, 1.0, [h for h in usable if h.snippet.id != exact.id],
                                query)
        if query.named:
            return Decision(Verdict.NAMED, words=query.named, closest=closest)
        best = usable[0].coverage if usable else 0.0
        gap, asked = self._gap(query, [h for h in hits if isinstance(h.snippet, Gap)], best,
                               snippets[0].coverage if snippets else 0.0)
        if gap is not None:
            return Decision(Verdict.GAP, gap=gap, gap_asked=asked, closest=closest)
        if usable:
            lead = max(usable, key=lambda h: h.score)
            if lead is not snippets[0] and self._falls_short(query, snippets[0]) and \
                    lead.score < settings.runner_up_ratio * snippets[0].score:
                return self._refusal(query, snippets, closest)
            return self._answer(lead.snippet, lead.coverage,
                                [h for h in usable if h is not lead], query, lead)
        return self._refusal(query, snippets, closest)

    def _usable(self, query: Query, hit: Hit) -> bool:
        return self.shortfall(query, hit) is None

    def _falls_short(self, query: Query, hit: Hit) -> bool:
        """Whether the hit covers too little of the question or lacks the kind of answer it
        asks for (a date, a name): then a stand-in matching weaker words is no better."""
        return hit.coverage < self.settings.min_coverage or not provides(
            hit.snippet, query.expect, query.counts, self.vocabulary)

    def shortfall(self, query: Query, hit: Hit) -> str | None:
        """Why the hit cannot answer the question, or ``None`` when it can (``docket ask
        --why`` shows it for each candidate)."""
        if hit.coverage < self.settings.min_coverage:
            return f"covers too little of the question (needs {self.settings.min_coverage:.0%})"
        missing = [t for t in (*query.numbers, *query.event, *query.owner) if t not in hit.matched]
        if missing:
            return f"lacks {', '.join(missing)}"
        if not self._numbers_beside(hit.snippet, query.number_pairs):
            return "does not write the number with the word the question puts it with"
        if query.role and not any(self._beside(hit.snippet, term, query.role[1], _ROLE_BESIDE)
                                  for term in query.role[0]):
            return "does not name that role with the body the question puts it with"
        for parts in query.joined:
            if len(parts) == 2 and parts[1] in hit.matched and not self._beside(
                    hit.snippet, parts[0], parts[1], 1):
                return f"does not write {' '.join(parts)} together"
        if not provides(hit.snippet, query.expect, query.counts, self.vocabulary):
            return f"gives no {query.expect.value}"
        if part_of_a_whole(query.text, hit.snippet):
            return "gives part of the period the question asks about"
        return None

    def _numbers_beside(self, snippet: Snippet, pairs: tuple[tuple[str, str], ...]) -> bool:
        """Every number stands with a word the question puts it with; a number the question
        names twice needs only one of them ("with -n 5 it thinks 5 is a file": the -n)."""
        owners: dict[str, list[str]] = {}
        for term, number in pairs:
            owners.setdefault(number, []).append(term)
        return all(any(self._beside(snippet, term, number) for term in terms)
                   for number, terms in owners.items())

    def _beside(self, snippet: Snippet, term: str, number: str, within: int = _BESIDE) -> bool:
        """Whether the snippet writes ``number`` with ``term`` (within a few words, either
        order): its "fiscal year 2023", not a "year" here and a "2023" there."""
        if self.vocabulary is None:
            return True
        return any(term in terms[max(0, i - within): i + within + 1]
                   for terms in _terms_by_part(snippet, self.vocabulary)
                   for i, found in enumerate(terms) if found == number)

    def _gap(self, query: Query, gaps: list[Hit], best: float, top: float
             ) -> tuple[Gap | None, bool]:
        """The gap the question asks, if any, and whether it asked all of one of its questions:
        asked in full (unless a snippet covers the question fully and the gap's question is
        only a small part of it: "what did the retired field office director say" is not "what
        did the director say"), or by a paraphrase that covers more of it than every usable
        snippet, none covering fully, and as much as any snippet at all, none of which covers
        fully (a snippet that matches all of "on what date was it announced" but gives no
        date is the better refusal than a gap on something near)."""
        full = best >= self.settings.full_coverage
        for hit in gaps:
            if self._asks_all_of_one(query, hit.snippet) and (
                    not full or hit.coverage >= self.settings.gap_share):
                return hit.snippet, True
        for hit in gaps:    # a snippet covering fully yields only to a gap covering all of it
            if hit.coverage >= self.settings.gap_coverage and hit.coverage > best and (
                    not full or hit.coverage >= _ALL) and hit.coverage >= top and top < _ALL:
                return hit.snippet, False
        return None, False

    def gaps_asked(self, query: Query) -> list[str]:
        """The gaps the question asks all of one question of, that question making up at least
        ``gap_share`` of its weight: decided on whatever they score, so the search returns them
        even when many snippets share the words ("who maintains the tool" asks the gap "who
        maintains it" though every snippet names the tool). A gap question of words that weigh
        little in the question is left to the ranking."""
        weight = dict(zip(query.terms, query.weights))
        enough = self.settings.gap_share * (query.total_weight or 1.0)
        return [gap for gap, asked in self.gap_questions.items()
                if any(self._asks(query, weight, *one) and sum(weight[t] for t in one[0]) >= enough
                       for one in asked)]

    def _asks_all_of_one(self, query: Query, gap: Gap) -> bool:
        """The question contains every word of one of the gap's questions, asked the same way
        ("who is the town's mayor" asks the gap "who is the mayor of the town"; "the town"
        alone does not; "the most voted feature" is not asked by "why vote for features")."""
        terms = set(query.terms)
        return any(self._asks(query, terms, *one) for one in self.gap_questions.get(gap.id, []))

    @staticmethod
    def _asks(query: Query, asked: Collection[str], terms: frozenset[str], gap_wh: str | None,
              gap_ranks: bool) -> bool:
        """Whether the question (its terms ``asked``) asks this one gap question: all its words,
        its question word and, if it ranks ("the most voted"), ranking too."""
        return bool(terms) and all(t in asked for t in terms) and \
            (gap_wh is None or gap_wh == query.question_word) and (query.ranks or not gap_ranks)

    def _answer(self, lead: Snippet, confidence: float, others: list[Hit], query: Query,
                lead_hit: Hit | None = None) -> Decision:
        """The lead, and the usable hits that answer the same question alongside it."""
        related: list[Snippet] = []
        reference = lead_hit or max(others, key=lambda h: h.score, default=None)
        if reference is not None:
            weight = dict(zip(query.terms, query.weights))
            # Words weighing the same are equally specific: any of them will do, and which one
            # a set happened to yield first must not change the answer from run to run.
            top = max((weight.get(t, 0.0) for t in reference.matched), default=0.0)
            focus = {t for t in reference.matched if weight.get(t, 0.0) == top}
            floor = self.settings.related_ratio * reference.score
            covers = self.settings.related_coverage * (lead_hit.coverage if lead_hit else 1.0)
            related = [h.snippet for h in sorted(others, key=lambda h: -h.score)
                       if h.score >= floor and h.coverage >= covers and focus & h.matched]
        chosen = tuple(related[: self.settings.max_points - 1])
        return Decision(Verdict.ANSWER, lead=lead, related=chosen, confidence=confidence)

    def _refusal(self, query: Query, snippets: list[Hit], closest: tuple[Snippet, ...]
                 ) -> Decision:
        """Why nothing answers: a number the sources do not mention with these words, a date or
        figure they do not give, or simply not enough of the question covered."""
        if snippets and not snippets[0].has_all(query.numbers):
            missing = tuple(n for n in query.numbers if n not in snippets[0].matched)
            return Decision(Verdict.NUMBER, words=missing, closest=closest)
        if query.expect is not Expect.ANYTHING and snippets and \
                snippets[0].coverage >= self.settings.min_coverage:
            return Decision(Verdict.TYPE, closest=closest, expect=query.expect)
        return Decision(Verdict.WEAK, words=query.unknown, closest=closest)


@functools.lru_cache(maxsize=65_536)
def _terms_by_part(snippet: Snippet, vocabulary: Vocabulary) -> tuple[tuple[str, ...], ...]:
    """The terms of each curated question, the summary and each quote, apart: a question that
    ends "...to the office" and a summary that opens "Room 2 is shut" do not put a "2" with
    "office"."""
    return tuple(tuple(t for word in vocabulary.words(part) for t in vocabulary.fold(word))
                 for part in (*snippet.questions, snippet.summary,
                              *(e.quote for e in snippet.evidence)))
