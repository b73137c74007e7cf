"""Helpful / Not helpful on Slack, end to end: signed slash commands and button clicks to the
running app, the database read back, and every reply looked for at the fake's response URLs.

A click counts once per person per answer, a second click changes the vote, a click from
another channel changes nothing, and every acknowledgement is private to the clicker.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlencode

import pytest

from bot.adapters.slack.settings import SlackSecrets
from bot.answering import messages as msg
from bot.answering.router import Router
from bot.curation.recorder import Curation
from bot.curation.store import Vote
from fakes.recorded import recorded
from fakes.slack_api import FakeSlackApi

from .wire import BOT_TOKEN, SIGNING_SECRET, LoopThread, SlackSender, start_app

FORM = "application/x-www-form-urlencoded"


@pytest.fixture
def rated(loop_thread: LoopThread, fake: FakeSlackApi, logged_router: Router,
          curation_log: Curation) -> Iterator[SlackSender]:
    """The app with feedback on; the router tells the curators' log of every answer."""
    router = logged_router
    base, runner = start_app(loop_thread, fake, router, {},
                             SlackSecrets.of(signing_secret=SIGNING_SECRET, bot_token=BOT_TOKEN),
                             curation=curation_log)
    yield SlackSender(base, fake)
    loop_thread.run(runner.cleanup())


def feedback_buttons(payload: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {e["action_id"]: e for b in payload.get("blocks", []) if b["type"] == "actions"
            for e in b["elements"] if e["action_id"] in ("docket_helpful", "docket_not_helpful")}


def votes(curation_log: Curation) -> list[Vote]:
    import datetime as dt
    return curation_log.store.votes_since(dt.datetime(2000, 1, 1, tzinfo=dt.timezone.utc))


def click_reply(slack: SlackSender, fake: FakeSlackApi, action: str, ref: str,
                **where: Any) -> dict[str, Any]:
    before = len(fake.calls_to("response_url"))
    assert slack.click(action, ref, ephemeral=False, **where).status == 200
    return fake.wait_for("response_url", before + 1)[-1].args


def test_an_answer_carries_the_buttons_and_a_refusal_does_not(rated: SlackSender,
                                                             fake: FakeSlackApi) -> None:
    rated.command("who gets the card")
    rated.command("what colour is the card")
    answer, refusal = fake.wait_for("response_url", 2)
    buttons = feedback_buttons(answer.args)
    assert [b["text"]["text"] for b in buttons.values()] == [msg.HELPFUL_LABEL,
                                                            msg.NOT_HELPFUL_LABEL]
    assert len({b["value"] for b in buttons.values()}) == 1
    assert feedback_buttons(refusal.args) == {}


def test_a_click_is_stored_once_changed_on_a_second_click_and_acknowledged_privately(
        rated: SlackSender, fake: FakeSlackApi, curation_log: Curation) -> None:
    rated.command("who gets the card", user="U1", channel="C1")
    [answer] = fake.wait_for("response_url")
    ref = feedback_buttons(answer.args)["docket_helpful"]["value"]
    first = click_reply(rated, fake, "docket_helpful", ref, user="U1", channel="C1")
    assert (first["response_type"], first["replace_original"]) == ("ephemeral", False)
    assert first["text"] == msg.VOTED[("recorded", True)]
    [stored] = votes(curation_log)
    assert stored.helpful and stored.answer.ref == ref
    assert stored.answer.question == "who gets the card"
    assert stored.answer.snippets and (stored.answer.team, stored.answer.channel) == ("T1", "C1")
    again = click_reply(rated, fake, "docket_helpful", ref, user="U1", channel="C1")
    assert again["text"] == msg.VOTED[("same", True)]
    changed = click_reply(rated, fake, "docket_not_helpful", ref, user="U1", channel="C1")
    assert changed["text"] == msg.VOTED[("changed", False)]
    [stored] = votes(curation_log)
    assert not stored.helpful
    other = click_reply(rated, fake, "docket_helpful", ref, user="U2", channel="C1")
    assert other["text"] == msg.VOTED[("recorded", True)] and len(votes(curation_log)) == 2
    assert not fake.calls_to("chat.postMessage") and not fake.calls_to("chat.postEphemeral")
    assert all(c.args.get("response_type") != "in_channel" for c in fake.calls_to("response_url"))


def test_a_user_of_another_channel_cannot_alter_the_vote(rated: SlackSender, fake: FakeSlackApi,
                                                        curation_log: Curation) -> None:
    rated.command("who gets the card", user="U1", channel="C1")
    [answer] = fake.wait_for("response_url")
    ref = feedback_buttons(answer.args)["docket_helpful"]["value"]
    click_reply(rated, fake, "docket_helpful", ref, user="U1", channel="C1")
    for user in ("U1", "U3"):
        reply = click_reply(rated, fake, "docket_not_helpful", ref, user=user, channel="C9")
        assert reply["text"] == msg.VOTE_ELSEWHERE and reply["response_type"] == "ephemeral"
    [stored] = votes(curation_log)
    assert stored.helpful
    unknown = click_reply(rated, fake, "docket_helpful", "0123456789abcdef", user="U1",
                          channel="C1")
    assert unknown["text"].startswith("That answer is no longer on record")


def test_the_documented_grid_click_on_a_private_answer_counts(
        rated: SlackSender, fake: FakeSlackApi, curation_log: Curation) -> None:
    """A W-user in an Enterprise Grid workspace, as bolt's tests and Slack's docs send it."""
    fields = recorded("slack_slash_command_grid")
    fields.update(text="who gets the card", response_url=fake.response_url("grid"))
    assert rated.post(urlencode(fields), FORM).status == 200
    [answer] = fake.wait_for("response_url")
    ref = feedback_buttons(answer.args)["docket_not_helpful"]["value"]
    payload = recorded("slack_block_actions")
    payload["actions"][0].update(action_id="docket_not_helpful", value=ref,
                                 text={"type": "plain_text", "text": msg.NOT_HELPFUL_LABEL})
    payload["response_url"] = fake.response_url("grid-click")
    assert rated.post(urlencode({"payload": json.dumps(payload)}), FORM).status == 200
    _, reply = fake.wait_for("response_url", 2)
    assert reply.args["text"] == msg.VOTED[("recorded", False)]
    assert reply.args["response_type"] == "ephemeral"
    [stored] = votes(curation_log)
    assert not stored.helpful and (stored.answer.team, stored.answer.channel) == ("T0001",
                                                                                 "C0001")
    assert "W0001" not in stored.voter


def test_without_curation_answers_carry_no_feedback_buttons(slack: SlackSender,
                                                           fake: FakeSlackApi) -> None:
    slack.command("who gets the card")
    [answer] = fake.wait_for("response_url")
    assert feedback_buttons(answer.args) == {}


def test_curate_shows_the_refused_questions_to_an_admin_only_and_privately(
        rated: SlackSender, fake: FakeSlackApi) -> None:
    fake.admins.add("UADMIN")
    replies = []
    for count, (text, user) in enumerate((("what colour is the card", "U1"),
                                          ("which colour are the cards", "U2"),
                                          ("curate", "U1"), ("curate", "UADMIN")), 1):
        rated.command(text, user=user)
        replies.append(fake.wait_for("response_url", count)[-1])
    *_, refused, summary = replies
    assert refused.args["response_type"] == "ephemeral"
    assert msg.CURATE_ADMIN_ONLY_HEADLINE in json.dumps(refused.args)
    assert summary.args["response_type"] == "ephemeral"
    shown = json.dumps(summary.args, ensure_ascii=False)
    assert "Refused 2× (by 2 people): “what colour is the card”" in shown
    assert not fake.calls_to("chat.postMessage")
