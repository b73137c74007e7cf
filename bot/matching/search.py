"""Ranked search over a pack's snippets, and how much of a question a snippet covers.

Ranking is BM25 with per-field weights (a match in a curated paraphrase counts
more than one in a long quote). Ranking alone cannot tell "no answer" from "weak
answer", so each hit also carries its *coverage*: the share of the question's
weight that the snippet matches, where a word the pack has never seen weighs
more than any word it has. "Is the permit a passport?" matches "permit" strongly but
covers little of the question, and the router refuses it.

Postings are numpy arrays with each term's BM25 contribution precomputed, so a
question costs one vector add per term, whatever the pack size.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import OSA

from bot.matching import english
from bot.matching import text as tx
from bot.matching.query import Query, analyse
from bot.matching.text import Vocabulary
from bot.pack.model import Gap, Pack, Snippet

#: How much a match in each field counts; paraphrases are written to be matched.
FIELD_WEIGHTS = {"questions": 3.0, "topic": 2.0, "speaker": 2.0, "summary": 1.0, "quotes": 0.5}
K1 = 1.2
B = 0.5


@dataclass(frozen=True)
class Hit:
    """One snippet that matched, with how well."""

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
        weighted: list[dict[str, float]] = []
        lengths: list[float] = []
        raw_words: Counter[str] = Counter()
        for snippet in self.snippets:
            bag: dict[str, float] = defaultdict(float)
            length = 0.0
            for field, content in snippet_fields(snippet).items():
                weight = FIELD_WEIGHTS[field]
                for word in self.vocabulary.words(content):
                    raw_words[word] += 1
                    for term in self.vocabulary.fold(word):
                        bag[term] += weight
                        length += weight
            weighted.append(bag)
            lengths.append(length)
        self._build_postings(weighted, lengths)
        self._build_vocabulary(raw_words)

    def _build_postings(self, bags: list[dict[str, float]], lengths: list[float]) -> None:
        count = len(bags)
        average = (sum(lengths) / count) if count else 1.0
        ids: dict[str, list[int]] = defaultdict(list)
        tfs: dict[str, list[float]] = defaultdict(list)
        for doc, bag in enumerate(bags):
            for term, tf in bag.items():
                ids[term].append(doc)
                tfs[term].append(tf)
        self.idf: dict[str, float] = {}
        self.postings: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        norms = K1 * (1 - B + B * np.asarray(lengths, dtype=np.float64) / (average or 1.0))
        for term, docs in ids.items():
            idf = _idf(count, len(docs))
            doc_ids = np.asarray(docs, dtype=np.int32)
            tf = np.asarray(tfs[term], dtype=np.float64)
            contrib = idf * tf * (K1 + 1) / (tf + norms[doc_ids])
            self.idf[term] = idf
            self.postings[term] = (doc_ids, contrib.astype(np.float32))
        self.unknown_weight = _idf(count, 0)

    def _build_vocabulary(self, raw_words: Counter[str]) -> None:
        by_length: dict[int, list[str]] = defaultdict(list)
        vocabulary = ([w for w, _ in raw_words.most_common()]
                      + sorted(self.vocabulary.fillers - raw_words.keys()))
        for word in vocabulary:
            if not tx.is_number(word) and len(word) >= 2:
                by_length[len(word)].append(word)
        self._by_length = dict(by_length)
        self._by_letters = {"".join(sorted(w)): w for w in reversed(vocabulary) if len(w) <= 4}

    def _transposed(self, word: str) -> str | None:
        """Short words are only fixed for swapped letters ("teh", "waht"): an acronym one letter
        from a pack word ("nasa", "data") is not that word."""
        candidate = self._by_letters.get("".join(sorted(word)))
        if candidate and candidate != word and OSA.distance(word, candidate) == 1:
            return candidate
        return None

    def correct(self, word: str) -> str | None:
        """The pack word a typo most likely meant, or ``None``.

        Conservative on purpose, since a wrong fix invents a match: a real
        English word ("real", "weather") is never "corrected" into a pack
        word; it stays unknown and counts against the match.
        """
        if tx.is_number(word) or len(word) < 3 or english.is_common_word(word):
            return None
        if len(word) <= 4:
            return self._transposed(word)
        limit = 1 if len(word) < 8 else 2
        best: tuple[float, str] | None = None
        for length in range(len(word) - limit, len(word) + limit + 1):
            found = process.extractOne(word, self._by_length.get(length, ()),
                                       scorer=OSA.distance, score_cutoff=limit)
            if found is not None and (best is None or found[1] < best[0]):
                best = (found[1], found[0])
        return best[1] if best else None

    def analyse(self, question: str, **weighing: float) -> Query:
        """The question split once into words and weighed against this pack
        (``bot.matching.query.analyse``)."""
        return analyse(question, self, **weighing)

    def search(self, query: Query, limit: int = 8) -> list[Hit]:
        """The best ``limit`` snippets for ``query``, best first; empty when nothing matches."""
        known = [t for t in query.terms if t in self.postings]
        if not known or not self.snippets:
            return []
        scores = np.zeros(len(self.snippets), dtype=np.float32)
        for term in known:
            doc_ids, contrib = self.postings[term]
            scores[doc_ids] += contrib
        nonzero = int(np.count_nonzero(scores))
        take = min(limit, nonzero)
        if take == 0:
            return []
        top = np.argpartition(-scores, take - 1)[:take] if take < len(scores) else np.arange(len(scores))
        top = sorted((int(d) for d in top if scores[d] > 0), key=lambda d: (-scores[d], d))
        total = query.total_weight or 1.0
        hits = []
        for doc in top:
            matched = frozenset(t for t in known if _contains(self.postings[t][0], doc))
            covered = sum(w for t, w in zip(query.terms, query.weights) if t in matched)
            hits.append(Hit(self.snippets[doc], float(scores[doc]), covered / total, matched))
        return hits


def _idf(count: int, df: int) -> float:
    return math.log(1 + (count - df + 0.5) / (df + 0.5))


def _contains(sorted_ids: np.ndarray, doc: int) -> bool:
    pos = int(np.searchsorted(sorted_ids, doc))
    return pos < len(sorted_ids) and int(sorted_ids[pos]) == doc


def build_index(pack: Pack) -> Index:
    """Snippets and known gaps compete in one ranking, so a gap can win a near miss."""
    return Index(pack.snippets + pack.gaps, Vocabulary(pack.lexicon))
