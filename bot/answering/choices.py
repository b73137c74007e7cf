"""Which of a snippet's curated questions Docket shows when it offers that snippet.

Curators often start a snippet's questions with a bare label ("San Diego", "status") that
helps matching but reads badly as a suggestion. Every place that offers a snippet as
something to ask (a "Did you mean" choice, a related question, a topic's example, the help
text, a digest's "ask more", the curators' report) takes its question from here, so they all
show the same one.
"""

from __future__ import annotations

from bot.matching.answer_type import question_word
from bot.pack.model import Pack, Snippet


def offered(snippet: Snippet) -> str:
    """The snippet's first curated question that reads as one: three words or more, a
    question mark, or a question word; its first question when none does."""
    return next((q for q in snippet.questions if len(q.split()) >= 3 or q.endswith("?")
                 or question_word(q.lower().split()) is not None), snippet.questions[0])


def examples(pack: Pack) -> tuple[str, ...]:
    """One question per topic, in pack order: what to suggest when nothing else fits."""
    return tuple(offered(group[0]) for group in pack.by_topic.values())
