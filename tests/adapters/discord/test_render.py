"""The embed renderer as a pure function: structure, labels, escaping and every Discord limit."""

from __future__ import annotations

from bot.answering import messages as msg
from bot.answering.answer import Answer, Citation, Outcome, Point
from bot.pack.model import Kind
from bot.render.discord import (DESCRIPTION_MAX, FIELD_NAME_MAX, FIELD_VALUE_MAX, FIELDS_MAX,
                                FOOTER_MAX, TITLE_MAX, TOTAL_MAX, echo_question, embed_size,
                                render_embed)
from fakes.discord_api import embed_problems

ZERO_WIDTH = "\u200b\u200c\u200e\u2060\ufeff"


def cited(n: int, quote: str = "The quote, word for word.", **kw: object) -> Citation:
    values = {"source_id": f"s{n}", "title": f"Title {n}", "outlet": "The Outlet",
              "author": "A. Writer", "date": "2024-05-01", **kw}
    return Citation(number=n, quote=quote, **values)  # type: ignore[arg-type]


def answer(**kw: object) -> Answer:
    values: dict = {"outcome": Outcome.ANSWER, "question": "who gets the card",
                    "headline": "Who gets it", "confidence": 0.9,
                    "note": "Not legal advice."}
    values.update(kw)
    return Answer(**values)


def test_answer_embed_has_title_labelled_points_numbered_citations_and_footer():
    embed = render_embed(answer(
        points=(Point("Migrants with pending cases.", Kind.FACT, citations=(1,)),
                Point("It is a bad idea.", Kind.OPINION, "RJ Hauman", citations=(2,)),
                Point("It will save money.", Kind.CLAIM, "ICE", citations=(1, 2))),
        citations=(cited(1), cited(2, outlet=None, author=None, date=None)),
        suggestions=("why is ICE doing this",)))
    assert embed["title"] == "Who gets it"
    lines = embed["description"].split("\n")
    assert lines[0] == "> /docket who gets the card"
    assert "• Migrants with pending cases. [1]" in lines
    assert "• Opinion — RJ Hauman: It is a bad idea. [2]" in lines
    assert "• Claim — ICE: It will save money. [1][2]" in lines
    assert lines[-1] == "**Related:** `/docket why is ICE doing this`"
    first, second = embed["fields"]
    assert first["name"] == "Title 1"
    assert first["value"] == "The Outlet · A. Writer · 2024-05-01\n> [1] “The quote, word for word.”"
    assert second["value"].startswith(
        "outlet not stated · author not stated · date not stated\n")
    assert embed["footer"]["text"] == "Confidence: high (0.90) · Not legal advice."
    assert embed_problems(embed) == []


def test_refusals_have_no_confidence_and_say_try():
    embed = render_embed(answer(outcome=Outcome.NO_ANSWER, headline=msg.NO_ANSWER_HEADLINE,
                                note=None, suggestions=("what is it",)))
    assert "footer" not in embed and "fields" not in embed
    assert embed["description"].endswith("**Try:** `/docket what is it`")


def test_every_limit_is_enforced_by_trimming_with_a_more_hint():
    huge = answer(
        headline="H" * 1000, question="q" * 2000, note="N" * 3000,
        points=tuple(Point("p" * 900, Kind.OPINION, "S" * 200) for _ in range(30)),
        citations=tuple(cited(n, quote="w " * 1500, title="T" * 400, outlet="O" * 300)
                        for n in range(1, 41)),
        suggestions=tuple("s" * 90 for _ in range(20)))
    embed = render_embed(huge)
    assert embed_problems(embed) == []
    assert len(embed["title"]) == TITLE_MAX and embed["title"].endswith("…")
    assert len(embed["description"]) <= DESCRIPTION_MAX
    assert msg.MORE_HINT.format(count=1).split("1")[0] in embed["description"]
    assert len(embed["footer"]["text"]) <= FOOTER_MAX
    assert 1 <= len(embed["fields"]) <= FIELDS_MAX
    assert all(len(f["name"]) <= FIELD_NAME_MAX and len(f["value"]) <= FIELD_VALUE_MAX
               for f in embed["fields"])
    more = embed["fields"][-1]
    assert more["name"] == "More sources"
    shown = len(embed["fields"]) - 1
    assert more["value"] == msg.MORE_HINT.format(count=40 - shown)
    assert embed_size(embed) <= TOTAL_MAX


def test_more_than_25_short_citations_keep_24_and_count_the_rest():
    embed = render_embed(answer(citations=tuple(cited(n) for n in range(1, 31))))
    assert len(embed["fields"]) == FIELDS_MAX
    assert embed["fields"][23]["name"] == "Title 24"
    assert embed["fields"][23]["value"].endswith("> [24] “The quote, word for word.”")
    assert embed["fields"][24]["value"] == msg.MORE_HINT.format(count=6)


def test_points_that_do_not_fit_are_counted_not_cut_mid_sentence():
    points = tuple(Point(f"Point {n} " + "x" * 480) for n in range(12))
    description = render_embed(answer(points=points))["description"]
    kept = [line for line in description.split("\n") if line.startswith("• Point")]
    assert 0 < len(kept) < 12
    assert all(line.endswith("x") for line in kept)
    assert msg.MORE_HINT.format(count=12 - len(kept)) in description


def test_echoed_question_cannot_ping_or_format():
    hostile = "@everyone @here <@123> <@!7> <@&456> <#789> ```py\nboom()``` **b** __u__ [x](http://e.vil)"
    echo = echo_question(hostile)
    assert "@everyone" not in echo and "@here" not in echo
    assert "@\u200deveryone" in echo and "@\u200dhere" in echo
    for raw in ("<@123>", "<@!7>", "<@&456>", "<#789>"):
        assert raw not in echo
    assert "```" not in echo and "**" not in echo and "__" not in echo and "](" not in echo
    assert "\n" not in echo
    assert echo.startswith("/docket ")


def test_zero_width_characters_are_removed_from_the_echo():
    echo = echo_question(f"@{ZERO_WIDTH}everyone who{ZERO_WIDTH} gets it")
    assert not any(ch in echo for ch in ZERO_WIDTH)
    assert "@\u200deveryone" in echo  # the hidden ping is rebuilt, then neutralised


def test_mentions_in_any_text_are_neutralised_not_only_the_question():
    embed = render_embed(answer(outcome=Outcome.REJECTED, headline="Unknown command '-@here'",
                                points=(Point("<@&1> says hi"),), note=None))
    assert "@here" not in embed["title"] and "<@&1>" not in embed["description"]


def test_the_renderer_imports_no_platform_library():
    import ast
    import bot.render.discord as module

    tree = ast.parse(open(module.__file__, encoding="utf-8").read())
    imported = {alias.name.split(".")[0] for node in ast.walk(tree)
                if isinstance(node, ast.Import) for alias in node.names}
    imported |= {(node.module or "").split(".")[0] for node in ast.walk(tree)
                 if isinstance(node, ast.ImportFrom)}
    assert not imported & {"discord", "slack_sdk", "slack_bolt", "aiohttp"}
