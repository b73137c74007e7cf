"""Ranked search over a pack's snippets, and how much of a question a snippet covers.

Ranking is BM25 with per-field weights (a match in a curated paraphrase counts
more than one in a long quote). Ranking alone cannot tell "no answer" from "weak
answer", so each hit also carries its *coverage*: the share of the question's
weight that the snippet matches, where a word the pack has never seen weighs
more than any word it has. "Is the permit a passport?" matches "permit" strongly but
covers little of the question, and the router refuses it.

Postings are numpy arrays with each term's BM25 contribution precomputed, so a
question costs one vector add per term, whatever the pack size (``Index._build_postings``
says how they are laid out).
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from itertools import compress
from typing import NamedTuple

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import OSA

from bot.matching import english
from bot.matching import text as tx
from bot.matching.answer_type import Expect, expected, question_word
from bot.matching.asked import what_is_asked
from bot.matching.lexicon import KINDRED, PARTICLES
from bot.matching.query import Query, analyse
from bot.matching.text import Vocabulary
from bot.pack.model import Gap, Pack, Snippet

#: How much a match in each field counts; paraphrases are written to be matched.
FIELD_WEIGHTS = {"questions": 3.0, "topic": 2.0, "speaker": 2.0, "summary": 1.0, "quotes": 0.5}
K1 = 1.2
B = 0.5
#: A term in at least one snippet in this many is stored densely (see ``Index._build_postings``).
DENSE_SHARE = 8


#: The figures in a word ("fy2024": "2024"), which a typo fix must keep.
_DIGITS = re.compile(r"\d+")
#: "unsubscribe" is no typo of "subscribe": a prefix that negates what is asked about.
_NEGATING = re.compile(r"^(?:un|dis|non|de|anti|in|im|ir|il|mis)-?(?P<rest>\w{4,})$")


class Hit(NamedTuple):
    """One snippet that matched, with how well: ``coverage`` is the share of the question's
    weight it matches, ``matched`` the question's terms it contains. (A named tuple: a search
    builds up to eight of them, and a frozen dataclass costs a microsecond more each.)"""

    snippet: Document
    score: float
    coverage: float
    matched: frozenset[str]

    def has_all(self, terms: Iterable[str]) -> bool:
        return all(t in self.matched for t in terms)


Document = Snippet | Gap


def snippet_fields(snippet: Document) -> dict[str, str]:
    """The text of each searchable field of a snippet; a gap is matched on its questions alone."""
    if isinstance(snippet, Gap):
        return {"questions": "\n".join(snippet.questions)}
    return {
        "questions": "\n".join(snippet.questions),
        "topic": snippet.topic,
        "speaker": snippet.speaker.label() if snippet.speaker else "",
        "summary": snippet.summary,
        "quotes": "\n".join(e.quote for e in snippet.evidence),
    }


class Index:
    """An immutable search index over one pack's snippets, in that pack's vocabulary."""

    def __init__(self, snippets: Iterable[Document], vocabulary: Vocabulary | None = None):
        self.vocabulary = vocabulary or Vocabulary()
        self.snippets: tuple[Document, ...] = tuple(snippets)
        self._position = {snippet.id: at for at, snippet in enumerate(self.snippets)}
        #: Each curated question's exact-match key (``Vocabulary.key``) -> the first document
        #: that lists it: a question asked as written is answered by the snippet written for it.
        self.exact: dict[str, Document] = {}
        #: Each curated question's terms and question word -> the first document that lists it:
        #: "why vote for features?" asks "why should I vote for features" with other fillers.
        self.asked: dict[tuple[frozenset[str], str | None, Expect], Document] = {}
        weighted: list[dict[str, float]] = []
        lengths: list[float] = []
        raw_words: Counter[str] = Counter()
        phrasal: set[str] = set()
        capitals: set[str] = set()
        phrase_names = self.vocabulary.phrase_names
        for snippet in self.snippets:
            # a phrase naming another thing is never a snippet's word (a gap may ask it)
            others = () if isinstance(snippet, Gap) else phrase_names
            bag: dict[str, float] = defaultdict(float)
            length = 0.0
            for field, words in self._field_words(snippet, capitals):
                weight = FIELD_WEIGHTS[field]
                phrasal.update(_phrasal_keys(words))
                for word in words:
                    if word in others:
                        continue
                    raw_words[word] += 1
                    for term in self.vocabulary.fold(word):
                        bag[term] += weight
                        length += weight
            weighted.append(bag)
            lengths.append(length)
        #: Every word some snippet writes in capitals, or a curated question uses (curators
        #: type "api" for "API"): the acronyms the pack knows as acronyms.
        self.capitals = frozenset(capitals)
        self._build_postings(weighted, lengths)
        self._build_vocabulary(raw_words)
        self._build_kindred(phrasal)

    def _field_words(self, snippet: Document, capitals: set[str]
                     ) -> Iterator[tuple[str, list[str]]]:
        """Each field's words; a curated question's exact key and terms are taken as a question
        typed is read ("what is the point of X" as "why X"), so typing it finds it. Adds to
        ``capitals`` the words the snippet writes in capitals, and every word of its curated
        questions (curators type "api" for "API")."""
        for field, content in snippet_fields(snippet).items():
            if field != "questions":
                capitals |= tx.capitals(content)
                yield field, self.vocabulary.words(content)
                continue
            for question in snippet.questions:
                words = self.vocabulary.words(question)
                capitals.update(words)
                yield field, words
                asked = what_is_asked(question)                         # as a question is read
                if asked != question:
                    words = self.vocabulary.words(asked)
                self.exact.setdefault(self.vocabulary.key(words), snippet)
                terms = frozenset(t for w in words for t in self.vocabulary.fold(w))
                if terms:
                    self.asked.setdefault((terms, question_word(words), expected(words)),
                                          snippet)

    def _build_postings(self, bags: list[dict[str, float]], lengths: list[float]) -> None:
        """Each term's BM25 contribution per snippet, laid out for one add per question term.

        A term in at least one snippet in ``DENSE_SHARE`` is stored as a dense row (a
        vectorised add over every snippet is cheaper than scattering that many postings); the
        rest share three flat arrays (compressed sparse rows), which also pickle as three
        objects rather than two per term.
        """
        count = len(bags)
        average = (sum(lengths) / count) if count else 1.0
        ids: dict[str, list[int]] = defaultdict(list)
        tfs: dict[str, list[float]] = defaultdict(list)
        for doc, bag in enumerate(bags):
            for term, tf in bag.items():
                ids[term].append(doc)
                tfs[term].append(tf)
        norms = K1 * (1 - B + B * np.asarray(lengths, dtype=np.float64) / (average or 1.0))
        self.idf: dict[str, float] = {}
        #: term -> its sparse slot (>= 0) or its dense row (-1 - row).
        self._slot: dict[str, int] = {}
        dense_rows: list[np.ndarray] = []
        starts, all_ids, all_contrib = [0], [], []
        for term, docs in ids.items():
            idf = _idf(count, len(docs))
            doc_ids = np.asarray(docs, dtype=np.int32)
            tf = np.asarray(tfs[term], dtype=np.float64)
            contrib = (idf * tf * (K1 + 1) / (tf + norms[doc_ids])).astype(np.float32)
            self.idf[term] = idf
            if len(docs) * DENSE_SHARE >= count:
                row = np.zeros(count, dtype=np.float32)
                row[doc_ids] = contrib
                self._slot[term] = -1 - len(dense_rows)
                dense_rows.append(row)
            else:
                self._slot[term] = len(starts) - 1
                all_ids.append(doc_ids)
                all_contrib.append(contrib)
                starts.append(starts[-1] + len(docs))
        self._dense = (np.vstack(dense_rows) if dense_rows
                       else np.zeros((0, count), dtype=np.float32))
        self._starts = np.asarray(starts, dtype=np.int64)
        self._ids = np.concatenate(all_ids) if all_ids else np.zeros(0, dtype=np.int32)
        self._contrib = (np.concatenate(all_contrib) if all_contrib
                         else np.zeros(0, dtype=np.float32))
        self.unknown_weight = _idf(count, 0)

    def _postings(self, slot: int) -> tuple[np.ndarray, np.ndarray]:
        start, end = self._starts[slot], self._starts[slot + 1]
        return self._ids[start:end], self._contrib[start:end]

    def _build_vocabulary(self, raw_words: Counter[str]) -> None:
        by_length: dict[int, list[str]] = defaultdict(list)
        vocabulary = ([w for w, _ in raw_words.most_common()]
                      + sorted(self.vocabulary.fillers - raw_words.keys())
                      + sorted(self.vocabulary.lexicon_words - raw_words.keys()
                               - self.vocabulary.fillers))
        for word in vocabulary:
            if not tx.is_number(word) and len(word) >= 2:
                by_length[len(word)].append(word)
        self._by_length = dict(by_length)
        self._by_letters = {"".join(sorted(w)): w for w in reversed(vocabulary) if len(w) <= 4}
        self._short = frozenset(w for w in vocabulary if 4 <= len(w) <= 5)

    def _build_kindred(self, phrasal: set[str]) -> None:
        """For each group of kindred words (``lexicon.KINDRED``) the pack uses at least one of,
        the key of each one it does not use -> the one of the group most snippets use. A
        two-word verb ("turn off") is keyed by its verb's term and its particle, and stands in
        the pack as its verb ("turn"), for a question that says "disable"."""
        fold = self.vocabulary.fold
        self._kindred: dict[str, str] = {}
        for group in KINDRED:
            keys = {word: _kindred_key(word, fold) for word in group}
            present = {}
            for word, key in keys.items():
                verb, two_words, _ = word.partition("_")
                if two_words and key in phrasal:
                    present[word] = verb
                elif not two_words and key and all(t in self.idf for t in fold(word)):
                    present[word] = word
            if not present:
                continue
            chosen = min(present.values(), key=lambda w: sum(self.idf[t] for t in fold(w)))
            for word, key in keys.items():
                if word not in present and key:
                    self._kindred.setdefault(key, chosen)

    def kindred(self, word: str) -> str | None:
        """The pack's own word for what ``word`` says, when the pack never uses ``word``
        ("tweak" in a text that says "modify"), or ``None``."""
        key = _kindred_key(word, self.vocabulary.fold)
        return self._kindred.get(key) if key else None

    def kindred_verb(self, verb: str, particle: str) -> str | None:
        """The pack's own word for a two-word verb ("turn" "off" in a text that says
        "disable"), or ``None``."""
        return self._kindred.get(_kindred_key(f"{verb}_{particle}", self.vocabulary.fold))

    def _transposed(self, word: str) -> str | None:
        """Short words are only fixed for swapped letters ("teh", "waht") or a doubled letter
        typed once ("stil", "isue"): an acronym one letter from a pack word ("nasa", "data") is
        not that word."""
        candidate = self._by_letters.get("".join(sorted(word)))
        if candidate and candidate != word and OSA.distance(word, candidate) == 1:
            return candidate
        return next((doubled for at in range(1, len(word) + 1)
                     if (doubled := word[:at] + word[at - 1:]) in self._short), None)

    def correct(self, word: str) -> str | None:
        """The pack word a typo most likely meant, or ``None``.

        Conservative on purpose, since a wrong fix invents a match: a real
        English word ("real", "weather") is never "corrected" into a pack
        word; it stays unknown and counts against the match. Nor is a word
        the lexicon lists ("lto" is not "lot"): its curator said what it is.
        """
        if tx.is_number(word) or len(word) < 3 or english.is_common_word(word) or \
                word in self.vocabulary.listed:
            return None
        if len(word) <= 4:
            fixed = self._transposed(word)
        else:
            limit = 1 if len(word) < 8 else 2
            best: tuple[float, str] | None = None
            for length in range(len(word) - limit, len(word) + limit + 1):
                found = process.extractOne(word, self._by_length.get(length, ()),
                                           scorer=OSA.distance, score_cutoff=limit)
                if found is not None and (best is None or found[1] < best[0]):
                    best = (found[1], found[0])
            fixed = best[1] if best else None
        # "fy2024" is no typo of "fy2022": a number typed is what was meant ("html5" may
        # still be "html")
        if fixed is not None and _DIGITS.search(fixed) and \
                _DIGITS.findall(fixed) != _DIGITS.findall(word):
            return None
        negated = _NEGATING.match(word)   # (the pack's "irrevocable" still answers "revocable?")
        if fixed is not None and negated is not None and negated.group("rest") == fixed:
            return None
        return fixed

    def analyse(self, question: str, **weighing: float) -> Query:
        """The question split once into words and weighed against this pack
        (``bot.matching.query.analyse``)."""
        return analyse(question, self, **weighing)

    def curated(self, query: Query) -> Document | None:
        """The document whose curated question this is, word for word or in the same terms
        asked the same way (the same question word, the same kind of answer wanted)."""
        found = self.exact.get(query.key)
        if found is not None or len(set(query.terms)) < 2:   # one word asks too little to tell
            return found
        return self.asked.get((frozenset(query.terms), query.question_word, query.expect))

    def search(self, query: Query, limit: int = 8, also: Iterable[str] = ()) -> list[Hit]:
        """The best ``limit`` snippets for ``query``, best first (ties to the earlier snippet),
        then those of ``also`` (ids) ranked below them that match at all; empty when nothing
        matches."""
        known = [(t, w, self._slot[t]) for t, w in zip(query.terms, query.weights)
                 if t in self._slot]
        if not known or not self.snippets:
            return []
        scores = np.zeros(len(self.snippets), dtype=np.float32)
        for _, _, slot in known:  # in question order, so the float sums never depend on layout
            if slot < 0:
                scores += self._dense[-1 - slot]
            else:
                doc_ids, contrib = self._postings(slot)
                scores[doc_ids] += contrib
        top = _top(scores, limit)
        kept = set(top.tolist())
        extra = [at for at in (self._position[i] for i in also if i in self._position)
                 if at not in kept and scores[at] > 0]
        if extra:
            top = np.concatenate((top, np.asarray(extra, dtype=np.intp)))
        if not len(top):
            return []
        terms = [t for t, _, _ in known]
        weights = [w for _, w, _ in known]
        found = zip(*[self._present(slot, top) for _, _, slot in known])
        total = query.total_weight or 1.0
        return [Hit(self.snippets[doc], score, sum(compress(weights, flags)) / total,
                    frozenset(compress(terms, flags)))
                for doc, score, flags in zip(top.tolist(), scores[top].tolist(), found)]

    def _present(self, slot: int, docs: np.ndarray) -> list[bool]:
        """For each of ``docs``, whether the term in ``slot`` occurs in it."""
        if slot < 0:
            return (self._dense[-1 - slot][docs] > 0).tolist()
        doc_ids, _ = self._postings(slot)
        at = np.minimum(np.searchsorted(doc_ids, docs), len(doc_ids) - 1)
        return (doc_ids[at] == docs).tolist()


def _kindred_key(word: str, fold: Callable[[str], tuple[str, ...]]) -> str | None:
    """How a word of ``KINDRED`` is looked up: its one term, or a two-word verb's verb term
    and particle ("turn_off" -> "turn off")."""
    verb, _, particle = word.partition("_")
    if particle:
        return f"{tx.stem(verb)} {particle}"
    terms = fold(verb)
    return terms[0] if len(terms) == 1 else None


def _phrasal_keys(words: list[str]) -> Iterator[str]:
    """The two-word verbs of ``KINDRED`` a text uses, as keys ("turning off" -> "turn off")."""
    for verb, particle in zip(words, words[1:]):
        if particle in PARTICLES:
            yield f"{tx.stem(verb)} {particle}"


def _top(scores: np.ndarray, limit: int) -> np.ndarray:
    """Indices of the ``limit`` highest positive scores, best first, ties to the lower index.

    A partition finds the cut-off score in one pass; of the snippets tied at it, the earliest
    are kept, so which of several equal scores wins never depends on the partition.
    """
    if len(scores) > limit:
        cut = max(np.partition(scores, len(scores) - limit)[len(scores) - limit], _TINY)
        candidates = (scores >= cut).nonzero()[0]
        if len(candidates) > limit:
            above = (scores > cut).nonzero()[0]
            tied = (scores == cut).nonzero()[0][:limit - len(above)]
            candidates = np.concatenate((above, tied))
    else:
        candidates = (scores > 0).nonzero()[0]
    ranked = sorted(zip((-scores[candidates]).tolist(), candidates.tolist()))[:limit]
    return np.asarray([doc for _, doc in ranked], dtype=np.intp)


_TINY = np.float32(1e-30)


def _idf(count: int, df: int) -> float:
    return math.log(1 + (count - df + 0.5) / (df + 0.5))


def build_index(pack: Pack) -> Index:
    """Snippets and known gaps compete in one ranking, so a gap can win a near miss."""
    return Index(pack.snippets + pack.gaps, Vocabulary(pack.lexicon))
