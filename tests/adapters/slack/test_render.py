"""Block Kit from an ``Answer``: labels, quotes, citations, escaping and Slack's limits."""

from __future__ import annotations

import json
from typing import Any

import pytest

from bot.answering.answer import Answer, Citation, Outcome, Point
from bot.pack.model import Kind

from .wire import block_texts
from bot.render.slack import (MAX_BLOCKS, MAX_SECTION_CHARS, MAX_TOTAL_CHARS, Options, escape,
                              render_answer)

HOSTILE = "<!channel> <!here> <@U1> & <https://evil.example|click> &amp;"




def answer(points: int = 2, text: str = "A summary.", quote: str = "A quote.",
           **kwargs: Any) -> Answer:
    citations = tuple(Citation(n, f"s{n}", f"Title {n}", "Outlet" if n % 2 else None,
                               None if n % 2 else "Author", "2023-09-21" if n == 1 else None,
                               f"{quote} {n}") for n in range(1, points + 1))
    made = tuple(Point(f"{text} {n}", Kind.OPINION if n == 1 else None,
                       "RJ Hauman" if n == 1 else None, (n,), f"p{n}")
                 for n in range(1, points + 1))
    defaults = dict(confidence=0.9, suggestions=("what is it",), note="Not legal advice.")
    return Answer(Outcome.ANSWER, "who gets the card", "Who gets it", made, citations,
                  **{**defaults, **kwargs})


def test_escape_order() -> None:
    assert escape("<&>") == "&lt;&amp;&gt;"
    assert escape("&lt;") == "&amp;lt;"


def test_answer_layout() -> None:
    payload = render_answer(answer(), Options(show_question=True, share=True))
    text = "\n".join(block_texts(payload))
    assert "*You asked:* /docket who gets the card" in text
    assert "*Who gets it*" in text
    assert "• *Opinion — RJ Hauman:* A summary. 1 [1]\n> “A quote. 1” [1]" in text
    assert "[1] *Title 1*. Outlet, author not stated, 2023-09-21." in text
    assert "[2] *Title 2*. outlet not stated, Author, date not stated." in text
    assert "Confidence: *high* (0.90)" in text
    assert "*Related:* `/docket what is it`" in text and "Not legal advice." in text
    assert payload["blocks"][-1]["type"] == "actions"
    assert payload["text"].startswith("Who gets it\n- Opinion — RJ Hauman: A summary. 1")


def test_only_the_slash_command_reply_repeats_the_question() -> None:
    assert "You asked" not in json.dumps(render_answer(answer()))


def test_hostile_text_everywhere_is_escaped() -> None:
    hostile = Answer(Outcome.ANSWER, HOSTILE, HOSTILE,
                     (Point(HOSTILE, Kind.CLAIM, HOSTILE, (1,)),),
                     (Citation(1, "s", HOSTILE, HOSTILE, HOSTILE, HOSTILE, HOSTILE),),
                     confidence=0.9, suggestions=(HOSTILE,), note=HOSTILE)
    payload = render_answer(hostile, Options(show_question=True, share=True, command="/docket"))
    for text in block_texts(payload) + [payload["text"]]:
        for bad in ("<!channel>", "<!here>", "<@U1>", "<https://"):
            assert bad not in text
    assert "&amp;amp;" in json.dumps(payload)            # a typed "&amp;" shows as typed


def test_asked_by_is_the_only_mention_and_needs_a_real_user_id() -> None:
    shared = render_answer(answer(), Options(asked_by="U777"))
    assert shared["blocks"][0]["elements"][0]["text"].startswith("*<@U777> asked:*")
    assert shared["text"].startswith("<@U777> asked:")
    forged = render_answer(answer(), Options(asked_by="<!channel>"))
    assert "<!channel>" not in json.dumps(forged)


@pytest.mark.parametrize("points, text_size, quote_size", [
    (80, 100, 100),          # too many blocks
    (30, 5000, 5000),        # every section over 3,000 characters
    (12, 2900, 10),          # many characters in total
    (1, 20000, 20000),       # one enormous point
])
def test_huge_answers_are_trimmed_with_a_hint_never_rejected(points: int, text_size: int,
                                                            quote_size: int) -> None:
    huge = answer(points, text="x" * text_size, quote="q" * quote_size,
                  suggestions=tuple("s" * 300 for _ in range(20)), note="n" * 5000)
    payload = render_answer(huge, Options(show_question=True, share=True))
    blocks = payload["blocks"]
    assert len(blocks) <= MAX_BLOCKS
    for block in blocks:
        if block["type"] == "section":
            assert len(block["text"]["text"]) <= MAX_SECTION_CHARS
        for element in block.get("elements", ()):
            if element["type"] == "mrkdwn":
                assert len(element["text"]) <= 2000
    assert sum(map(len, block_texts(payload))) <= MAX_TOTAL_CHARS
    assert len(payload["text"]) <= 3000
    assert blocks[-1]["type"] == "actions"                     # the share button survives
    shown = "\n".join(block_texts(payload))
    if points > 1:
        assert "more; ask a narrower question" in shown
    # Every citation a shown point refers to is listed.
    listed = {t.split("]")[0] + "]" for t in block_texts(payload) if t.startswith("[")}
    referenced = {f"[{n}]" for t in block_texts(payload) if t.startswith("•")
                  for n in range(1, points + 1) if f"[{n}]" in t.split("\n")[0]}
    assert referenced <= listed


def test_trimming_a_long_escape_does_not_leave_half_an_entity() -> None:
    payload = render_answer(answer(1, text="<" * 4000))
    section = payload["blocks"][1]["text"]["text"]
    assert section.endswith("…") and not section.rstrip("…").endswith(("&", "&l", "&lt"))


def test_no_answer_and_listing_shapes() -> None:
    refusal = Answer(Outcome.NO_ANSWER, "bitcoin", "No sourced answer to that",
                     (Point("Not covered."),), suggestions=("what is it",))
    payload = render_answer(refusal, Options(share=True))
    text = "\n".join(block_texts(payload))
    assert "*Try:*" in text and "Confidence" not in text and "Sources" not in text
    assert all(b["type"] != "actions" for b in payload["blocks"])


def test_the_notification_text_names_the_command_as_configured(router) -> None:
    refusal = router.route("what does the weather look like on mars")
    assert refusal.outcome is Outcome.NO_ANSWER
    payload = render_answer(refusal, Options(command="/brief"))
    assert "/brief topics" in payload["text"] and "/docket" not in payload["text"]
    assert "/brief topics" in "\n".join(block_texts(payload))
