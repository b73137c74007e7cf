"""Autocomplete for the ``question`` option: commands, topics and common questions that match.

Pure apart from reading the router's pack, so it is tested through the real autocomplete
interaction and needs no Discord types of its own.
"""

from __future__ import annotations

import logging

from bot.answering.router import Router

logger = logging.getLogger(__name__)

#: Discord shows at most 25 choices, each name and value at most 100 characters.
MAX_CHOICES = 25
CHOICE_MAX = 100


def candidates(router: Router) -> list[str]:
    """What can be offered, most useful first: commands, example questions, topics, then every question."""
    pack = router.pack
    found = list(router.commands.names())
    found += router.example_questions()
    found += pack.topics()
    found += [q for s in pack.snippets for q in s.questions]
    return [c for c in dict.fromkeys(found) if 0 < len(c) <= CHOICE_MAX]


def suggest(router: Router, current: str) -> list[str]:
    """Up to 25 candidates matching what the user has typed so far.

    A candidate that starts with the text ranks first, then one with a word starting with it,
    then one containing it anywhere. Nothing typed yet: the first 25, commands and one
    question per topic.
    """
    typed = " ".join((current or "").lower().split())
    pool = candidates(router)
    if not typed:
        return pool[:MAX_CHOICES]
    ranked = []
    for order, text in enumerate(pool):
        lowered = text.lower()
        if lowered.startswith(typed):
            rank = 0
        elif any(word.startswith(typed) for word in lowered.split()):
            rank = 1
        elif typed in lowered:
            rank = 2
        else:
            continue
        ranked.append((rank, order, text))
    return [text for _, _, text in sorted(ranked)[:MAX_CHOICES]]
