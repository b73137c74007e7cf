"""``/docket`` end to end: raw INTERACTION_CREATE payloads over the fake gateway, assertions on
what the fake REST API received. Nothing here calls the bot's handlers directly."""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Any

from bot.answering import messages as msg
from bot.answering.answer import Answer, Outcome, Point, point_label
from bot.answering.citations import group_by_source
from bot.render.discord import render_embed
from bot.answering.choices import offered
from bot.answering.router import Router
from fakes.discord_api import APP_ID, GOOD_TOKEN, FakeDiscord, Request, embed_problems
from fakes.discord_gateway import ask, click, typing

from .conftest import run, running_bot

EPHEMERAL = 64
CHANNEL_MESSAGE, DEFERRED, AUTOCOMPLETE = 4, 5, 8


async def exchange(fake: FakeDiscord, payload: dict[str, Any], count: int = 1) -> list[Request]:
    await fake.gateway.dispatch("INTERACTION_CREATE", payload)
    return await fake.replies_to(payload, count)


def reply_of(request: Request) -> dict[str, Any]:
    """The message part of a callback body, or the body of a webhook call."""
    return request.body["data"] if "callback" in request.path else request.body


def on_wire(embed: dict[str, Any]) -> dict[str, Any]:
    """A rendered embed as discord.py serialises it (it adds ``flags: 0``)."""
    return {**embed, "flags": 0}


def assert_sent_safely(fake: FakeDiscord) -> None:
    """Every message the bot sent blocks all mentions, and Discord accepted every request."""
    assert [r for r in fake.requests if r.status >= 400] == []
    for request in fake.requests:
        if request.method in ("POST", "PATCH") and isinstance(request.body, dict):
            data = request.body.get("data", request.body)
            if request.body.get("type") in (CHANNEL_MESSAGE, None):
                assert data["allowed_mentions"] == {"parse": []}, request.path


def test_a_question_gets_a_public_embed_answer_with_mentions_blocked(router):
    opinion = next(s for s in router.pack.snippets if s.speaker and s.kind.value == "opinion")
    question = opinion.questions[0]  # a curated question: answered from this very snippet
    expected = router.route(question)
    assert expected.outcome is Outcome.ANSWER and any(p.attributed for p in expected.points)

    async def scenario() -> None:
        async with running_bot(router) as (fake, _):
            [callback] = await exchange(fake, ask(question, app_id=APP_ID))
            assert callback.body["type"] == CHANNEL_MESSAGE
            data = reply_of(callback)
            assert data.get("flags", 0) & EPHEMERAL == 0
            [embed] = data["embeds"]
            assert embed == on_wire(render_embed(expected))
            for point in expected.points:
                if point.attributed:
                    assert f"• {point_label(point)}" in embed["description"]
                    assert point.speaker and point.speaker in point_label(point)
            groups = group_by_source(expected.citations)
            assert [f["name"] for f in embed["fields"]] == [g.title[:256] for g in groups]
            for field, group in zip(embed["fields"], groups):     # each source once
                for citation in group.citations:   # whole, or cut short to fit the field
                    [line] = [x for x in field["value"].splitlines()
                              if x.startswith(f"> [{citation.number}] “")]
                    shown = line.removeprefix(f"> [{citation.number}] “").removesuffix("”")
                    assert shown == citation.excerpt() or (
                        shown.endswith("…") and citation.excerpt().startswith(shown[:-1]))
            assert embed["footer"]["text"].startswith("Confidence: ")
            assert_sent_safely(fake)

    run(scenario())


def test_private_answers_are_ephemeral(router):
    async def scenario() -> None:
        async with running_bot(router) as (fake, _):
            [callback] = await exchange(fake, ask("who gets the card", private=True,
                                                  app_id=APP_ID))
            assert callback.body["type"] == CHANNEL_MESSAGE
            assert reply_of(callback)["flags"] & EPHEMERAL
            [public] = await exchange(fake, ask("who gets the card", private=False,
                                                app_id=APP_ID))
            assert reply_of(public).get("flags", 0) & EPHEMERAL == 0
            assert_sent_safely(fake)

    run(scenario())


def test_help_lists_every_command(router):
    async def scenario() -> None:
        async with running_bot(router) as (fake, _):
            [callback] = await exchange(fake, ask("help", app_id=APP_ID))
            [embed] = reply_of(callback)["embeds"]
            assert embed["title"].startswith("Docket briefing: ")
            for command in router.commands:
                assert f"`/docket {command.usage}`" in embed["description"]
            assert "**Try:**" in embed["description"]

    run(scenario())


def test_autocomplete_offers_matching_topics_and_questions(router):
    async def scenario() -> None:
        async with running_bot(router) as (fake, _):
            [callback] = await exchange(fake, typing("card", app_id=APP_ID))
            assert callback.body["type"] == AUTOCOMPLETE
            choices = callback.body["data"]["choices"]
            assert 0 < len(choices) <= 25
            assert all("card" in c["name"].lower() and c["name"] == c["value"] for c in choices)
            assert all(len(c["name"]) <= 100 for c in choices)
            topics = [t for t in router.pack.topics() if t.lower().startswith("card")]
            assert [c["name"] for c in choices[: len(topics)]] == topics  # prefix matches first

            [empty] = await exchange(fake, typing("", app_id=APP_ID))
            names = [c["name"] for c in empty.body["data"]["choices"]]
            assert names[: len(router.commands)] == list(router.commands.names())
            assert set(router.example_questions()) <= set(names) or len(names) == 25

            [none] = await exchange(fake, typing("zzzqqq", app_id=APP_ID))
            assert none.body["data"]["choices"] == []
            [hostile] = await exchange(fake, typing("@everyone ```" + "x" * 6000, app_id=APP_ID))
            assert hostile.body["data"]["choices"] == []
            assert_sent_safely(fake)

    run(scenario())


def test_a_6000_character_question_gets_a_polite_private_refusal(router):
    async def scenario() -> None:
        async with running_bot(router) as (fake, _):
            [callback] = await exchange(fake, ask("why " * 1500, app_id=APP_ID))
            data = reply_of(callback)
            assert data["flags"] & EPHEMERAL
            [embed] = data["embeds"]
            assert embed["title"] == msg.TOO_LONG_HEADLINE
            assert embed_problems(embed) == []
            assert_sent_safely(fake)  # no 400 from "Discord"

    run(scenario())


def test_mentions_markdown_and_zero_width_characters_are_inert(router):
    hostile = ("@everyone @here <@123> <@&456> ```py\nimport os``` **bold** "
               "@\u200beveryone who\u200b gets the card")

    async def scenario() -> None:
        async with running_bot(router) as (fake, _):
            [callback] = await exchange(fake, ask(hostile, app_id=APP_ID))
            data = reply_of(callback)
            assert data["allowed_mentions"] == {"parse": []}
            [embed] = data["embeds"]
            echo = embed["description"].split("\n")[0]
            for raw in ("@everyone", "@here", "<@123>", "<@&456>", "```", "**", "\u200b"):
                assert raw not in echo, raw
            texts = [embed["title"], embed["description"], *(f["value"] for f in
                                                             embed.get("fields", []))]
            assert not any("@everyone" in t or "@here" in t for t in texts)
            assert_sent_safely(fake)

    run(scenario())


def test_direct_message_interactions_are_answered(router):
    async def scenario() -> None:
        async with running_bot(router) as (fake, _):
            [callback] = await exchange(fake, ask("topics", guild=False, app_id=APP_ID))
            [embed] = reply_of(callback)["embeds"]
            assert embed["title"].startswith("Topics in this briefing")

    run(scenario())


class SlowRouter(Router):
    """A router that takes longer than the bot waits before deferring (a big pack, a busy host)."""

    def answer(self, request: Any, asker: Any = None) -> Answer:
        time.sleep(0.3)
        return super().answer(request, asker)


def test_a_slow_answer_is_deferred_then_edited_in(router):
    slow = SlowRouter(router.pack, router.commands)

    async def scenario() -> None:
        async with running_bot(slow, defer_after=0.05) as (fake, _):
            payload = ask("who gets the card", private=True, app_id=APP_ID)
            defer, edit = await exchange(fake, payload, count=2)
            assert defer.body["type"] == DEFERRED
            assert defer.body["data"]["flags"] & EPHEMERAL
            assert edit.method == "PATCH"
            assert edit.path == f"/webhooks/{APP_ID}/{payload['token']}/messages/@original"
            assert edit.body["embeds"] == [on_wire(render_embed(router.route("who gets the card")))]
            assert edit.body["allowed_mentions"] == {"parse": []}
            assert_sent_safely(fake)

    run(scenario())


class BrokenRouter(Router):
    def answer(self, request: Any, asker: Any = None) -> Answer:
        raise RuntimeError("the pack index is corrupt")


def test_errors_reach_the_user_as_a_short_private_message_and_the_log_gets_details(router, caplog):
    async def scenario() -> None:
        async with running_bot(BrokenRouter(router.pack)) as (fake, _):
            [callback] = await exchange(fake, ask("who gets the card", app_id=APP_ID))
            data = reply_of(callback)
            assert data["content"] == msg.ERROR_GENERIC
            assert data["flags"] & EPHEMERAL
            assert "embeds" not in data or not data["embeds"]
            assert_sent_safely(fake)

    with caplog.at_level(logging.DEBUG):
        run(scenario())
    failures = [r for r in caplog.records if r.name == "bot.adapters.discord.tree"]
    assert failures and "RuntimeError" in failures[0].getMessage()
    assert failures[0].exc_info and "the pack index is corrupt" in str(failures[0].exc_info[1])
    assert GOOD_TOKEN not in caplog.text  # neither our log nor discord.py's


class HugeRouter(Router):
    """Answers everything with far more than one embed can hold."""

    def answer(self, request: Any, asker: Any = None) -> Answer:
        real = super().answer(self.parse("who gets the card"), asker)
        citation = real.citations[0]
        many = tuple(citation.__class__(**{**citation.__dict__, "number": n,
                                            "source_id": f"source-{n}", "title": f"Title {n}",
                                            "quote": "word " * 400}) for n in range(1, 41))
        points = tuple(Point("claim " * 150, real.points[0].kind, "Someone") for _ in range(40))
        return Answer(Outcome.ANSWER, request.text, "Headline " * 60, points, many, confidence=0.9,
                      note="Note " * 600)


def test_an_oversized_answer_is_trimmed_and_accepted_by_discord(router):
    async def scenario() -> None:
        async with running_bot(HugeRouter(router.pack)) as (fake, _):
            [callback] = await exchange(fake, ask("anything", app_id=APP_ID))
            assert callback.status == 200
            [embed] = reply_of(callback)["embeds"]
            assert embed_problems(embed) == []
            assert embed["fields"][-1]["name"] == "More sources"
            assert "more; ask a narrower question" in embed["description"]

    run(scenario())


def test_many_interactions_at_once_each_get_their_own_answer(router):
    async def scenario() -> None:
        async with running_bot(router) as (fake, _):
            payloads = [ask(q, app_id=APP_ID) for q in ("help", "topics", "sources") * 3]
            for payload in payloads:
                await fake.gateway.dispatch("INTERACTION_CREATE", payload)
            for payload in payloads:
                [callback] = await fake.replies_to(payload)
                assert callback.body["type"] == CHANNEL_MESSAGE
            await asyncio.sleep(0)
            assert len(fake.matching("POST", "/interactions/")) == len(payloads)

    run(scenario())


def test_a_refusal_offers_did_you_mean_buttons_that_ask_their_question(router):
    async def scenario() -> None:
        async with running_bot(router) as (fake, _):
            # The second asks for a snippet whose first curated question is a bare label
            # ("San Diego"): its button shows, and a click asks, the same real question.
            for asked, wanted in (("what is the population of eagle pass", None),
                                  ("best pizza in town", "context-san-diego-el-paso")):
                [refusal] = await exchange(fake, ask(asked, app_id=APP_ID))
                [row] = reply_of(refusal)["components"]
                buttons = row["components"]
                assert buttons and all(b["custom_id"].startswith("docket:ask:") for b in buttons)
                button = next(b for b in buttons if wanted is None
                              or b["custom_id"] == "docket:ask:" + wanted)
                snippet = router.pack.by_id[button["custom_id"].removeprefix("docket:ask:")]
                question = offered(snippet)
                assert button["label"] == question and question != "San Diego"
                [answer] = await exchange(fake, click(button["custom_id"], [row],
                                                      app_id=APP_ID))
                data = reply_of(answer)
                assert data["flags"] & EPHEMERAL                     # to the clicker alone
                [embed] = data["embeds"]
                assert embed["title"] != msg.NO_ANSWER_HEADLINE
                assert f"> /docket {question}" in embed["description"]
            assert_sent_safely(fake)

    run(scenario())


def test_a_follow_up_in_the_same_channel_reads_the_last_answer(router):
    async def scenario() -> None:
        async with running_bot(router) as (fake, _):
            await exchange(fake, ask("who gets the card", app_id=APP_ID))
            [callback] = await exchange(fake, ask("who said that?", app_id=APP_ID))
            [embed] = reply_of(callback)["embeds"]
            assert embed["title"] == msg.FOLLOW_WHO

    run(scenario())
