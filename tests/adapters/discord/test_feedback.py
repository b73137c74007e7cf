"""Helpful / Not helpful on Discord, end to end: raw INTERACTION_CREATE payloads over the fake
gateway (a ``/docket`` command, then MESSAGE_COMPONENT clicks on the answer's buttons), the
database read back, and every reply read from what the fake REST API received."""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

from bot.answering import messages as msg
from bot.answering.router import Router
from bot.curation.recorder import Curation
from bot.curation.store import Vote
from fakes.discord_api import APP_ID, FakeDiscord
from fakes.discord_gateway import ask, click

from .conftest import run, running_bot
from .test_interactions import EPHEMERAL, exchange, reply_of


def votes(curation_log: Curation) -> list[Vote]:
    return curation_log.store.votes_since(dt.datetime(2000, 1, 1, tzinfo=dt.timezone.utc))


def elsewhere(payload: dict[str, Any], channel: str, user: str) -> dict[str, Any]:
    """The same click, made by ``user`` in ``channel`` (a crafted or forwarded button)."""
    moved = copy.deepcopy(payload)
    moved["channel_id"] = moved["channel"]["id"] = moved["message"]["channel_id"] = channel
    moved["member"]["user"] = {**moved["member"]["user"], "id": user}
    return moved


async def vote(fake: FakeDiscord, payload: dict[str, Any]) -> dict[str, Any]:
    [reply] = await exchange(fake, payload)
    return reply_of(reply)


def test_clicks_count_once_change_on_a_second_click_and_are_answered_privately(
        logged_router: Router, curation_log: Curation) -> None:
    async def scenario() -> None:
        async with running_bot(logged_router, curation=curation_log) as (fake, _):
            [answer] = await exchange(fake, ask("who gets the card", app_id=APP_ID))
            data = reply_of(answer)
            assert not data.get("flags", 0) & EPHEMERAL          # the answer itself is public
            [row] = data["components"]
            helpful, unhelpful = row["components"]
            assert (helpful["label"], unhelpful["label"]) == (msg.HELPFUL_LABEL,
                                                              msg.NOT_HELPFUL_LABEL)
            assert helpful["custom_id"].startswith("docket:vote:+:")
            ref = helpful["custom_id"].rsplit(":", 1)[1]
            first = await vote(fake, click(helpful["custom_id"], [row], app_id=APP_ID))
            assert first["flags"] & EPHEMERAL and first["content"] == msg.VOTED[("recorded",
                                                                                True)]
            [stored] = votes(curation_log)
            assert stored.helpful and stored.answer.ref == ref
            assert stored.answer.question == "who gets the card" and stored.answer.snippets
            same = await vote(fake, click(helpful["custom_id"], [row], app_id=APP_ID))
            assert same["content"] == msg.VOTED[("same", True)]
            changed = await vote(fake, click(unhelpful["custom_id"], [row], app_id=APP_ID))
            assert changed["flags"] & EPHEMERAL
            assert changed["content"] == msg.VOTED[("changed", False)]
            [stored] = votes(curation_log)
            assert not stored.helpful
            posts = [r for r in fake.requests if r.method == "POST" and "/channels/" in r.path]
            assert posts == []                                    # nothing in the channel

    run(scenario())


def test_a_user_of_another_channel_cannot_alter_the_vote(logged_router: Router,
                                                        curation_log: Curation) -> None:
    async def scenario() -> None:
        async with running_bot(logged_router, curation=curation_log) as (fake, _):
            [answer] = await exchange(fake, ask("who gets the card", app_id=APP_ID))
            [row] = reply_of(answer)["components"]
            helpful, unhelpful = row["components"]
            await vote(fake, click(helpful["custom_id"], [row], app_id=APP_ID))
            moved = elsewhere(click(unhelpful["custom_id"], [row], app_id=APP_ID),
                              "1200000000000000077", "1200000000000000088")
            reply = await vote(fake, moved)
            assert reply["flags"] & EPHEMERAL and reply["content"] == msg.VOTE_ELSEWHERE
            [stored] = votes(curation_log)
            assert stored.helpful

    run(scenario())


def test_a_refusal_has_did_you_mean_buttons_and_no_feedback(logged_router: Router,
                                                            curation_log: Curation) -> None:
    async def scenario() -> None:
        async with running_bot(logged_router, curation=curation_log) as (fake, _):
            [refusal] = await exchange(fake, ask("what colour is the card", app_id=APP_ID))
            ids = [b["custom_id"] for row in reply_of(refusal)["components"]
                   for b in row["components"]]
            assert ids and all(i.startswith("docket:ask:") for i in ids)

    run(scenario())
