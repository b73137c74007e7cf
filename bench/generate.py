"""Deterministic synthetic briefing packs for the benchmark: realistic lengths, seeded vocabulary.

Snippets are built from a fixed vocabulary of news words so term statistics
look like a real pack (a few very common words, a long tail of rare ones), and
every quote is taken verbatim from a generated source, so the packs validate.
"""

from __future__ import annotations

import random
from pathlib import Path

import yaml

_BASE = ("agency program card border court case migrant officer policy report city mayor "
         "federal record document figure security release pilot review budget county state "
         "judge hearing permit office statement official plan system data month year week "
         "law rule vote council school health housing transit water energy police election "
         "tax payment contract vendor audit grant shelter clinic airport checkpoint portal").split()
_KINDS = ["fact", "fact", "claim", "opinion", "statistic"]
PER_FILE = 1000
PER_SOURCE = 50


def _vocabulary(rng: random.Random, size: int = 6000) -> list[str]:
    letters = "abcdefghijklmnoprstuvw"
    words = list(_BASE)
    while len(words) < size:
        words.append("".join(rng.choice(letters) for _ in range(rng.randint(4, 10))))
    return words


def _sentence(rng: random.Random, vocab: list[str], n: int) -> str:
    # Zipf-like: low indices (common words) are drawn far more often.
    picks = [vocab[min(int(rng.paretovariate(1.1)) - 1, len(vocab) - 1)] for _ in range(n)]
    return " ".join(picks).capitalize() + "."


def generate(root: Path, count: int, seed: int = 7) -> Path:
    """Write a pack of ``count`` snippets under ``root`` and return its directory."""
    rng = random.Random(seed)
    vocab = _vocabulary(rng)
    pack = root / f"synthetic-{count}"
    (pack / "sources").mkdir(parents=True, exist_ok=True)
    (pack / "snippets").mkdir(exist_ok=True)
    sources, snippets = [], []
    for start in range(0, count, PER_SOURCE):
        sid = f"s{start // PER_SOURCE}"
        sentences = [_sentence(rng, vocab, rng.randint(12, 30)) for _ in range(PER_SOURCE)]
        (pack / "sources" / f"{sid}.txt").write_text("\n".join(sentences) + "\n")
        sources.append({"id": sid, "file": f"sources/{sid}.txt", "title": f"Report {sid}",
                        "outlet": "Synthetic Wire", "author": "Generator", "date": "2024-01-01"})
        for offset, sentence in enumerate(sentences):
            if start + offset >= count:
                break
            kind = rng.choice(_KINDS)
            snippet = {
                "id": f"n{start + offset}", "topic": " ".join(rng.sample(vocab[:300], 2)),
                "questions": [_sentence(rng, vocab, rng.randint(3, 8)).rstrip(".") + "?"
                              for _ in range(rng.randint(2, 5))],
                "summary": _sentence(rng, vocab, rng.randint(20, 45)),
                "kind": kind, "evidence": [{"source": sid, "quote": sentence}],
            }
            if kind in ("claim", "opinion"):
                snippet["speaker"] = {"name": f"Speaker {rng.randint(1, 500)}", "role": "official"}
            snippets.append(snippet)
    with open(pack / "pack.yaml", "w") as fh:
        yaml.safe_dump({"id": f"synthetic-{count}", "title": "Synthetic", "sources": sources}, fh)
    for index in range(0, len(snippets), PER_FILE):
        with open(pack / "snippets" / f"{index // PER_FILE:05d}.yaml", "w") as fh:
            yaml.safe_dump({"snippets": snippets[index:index + PER_FILE]}, fh, width=120)
    return pack


def questions(pack_snippets, count: int = 1000, seed: int = 11) -> list[str]:
    """Mixed questions: paraphrases as written, fragments, typos, and off-topic ones."""
    rng = random.Random(seed)
    result = []
    off_topic = ["who won the world cup", "weather in london tomorrow", "banana bread recipe",
                 "tesla stock price", "how do i renew my passport"]
    for i in range(count):
        snippet = rng.choice(pack_snippets)
        question = rng.choice(snippet.questions)
        words = question.split()
        roll = i % 5
        if roll == 1:
            question = " ".join(words[: max(1, len(words) // 2)])
        elif roll == 2 and words:
            w = rng.randrange(len(words))
            word = words[w]
            if len(word) > 5:
                words[w] = word[:2] + word[3] + word[2] + word[4:]
            question = " ".join(words)
        elif roll == 3:
            question = rng.choice(off_topic)
        result.append(question)
    return result
