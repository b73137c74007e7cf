"""Payloads shaped as Slack documents them (tests/fakes/payloads), sent to the running app.

Each test is a defect our own hand-made payloads never showed: events without ``event.team``,
Enterprise Grid ids and ``W…`` users, Slack Connect senders, DMs between people, files in a DM,
uninstall events in single-workspace mode, ``ssl_check``.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from typing import Any
from urllib.parse import urlencode

import pytest

from bot.answering import messages as msg
from bot.digests.chat import ChatDigests
from bot.digests.ledger import Ledger
from bot.digests.settings import DigestSettings
from bot.digests.subscriptions import SubscriptionStore
from fakes.recorded import recorded
from fakes.slack_api import FakeSlackApi

from .wire import SlackSender, block_texts

NOW = dt.datetime(2026, 11, 23, 15, 0, tzinfo=dt.timezone.utc)
FORM = "application/x-www-form-urlencoded"


@pytest.fixture
def digests(chat_state: tuple[SubscriptionStore, Ledger]) -> ChatDigests:
    return ChatDigests(*chat_state, DigestSettings(), clock=lambda: NOW)



def event(slack: SlackSender, body: dict[str, Any], text: str | None = None) -> int:
    if text is not None:
        body["event"]["text"] = text
    return slack.post(json.dumps(body), "application/json").status


def command(slack: SlackSender, fake: FakeSlackApi, fields: dict[str, str], text: str) -> dict:
    before = len(fake.calls_to("response_url"))
    fields.update(text=text, response_url=fake.response_url("documented"))
    assert slack.post(urlencode(fields), FORM).status == 200
    return fake.wait_for("response_url", before + 1)[-1].args


def shown(payload: dict[str, Any]) -> str:
    return "\n".join(block_texts(payload))


def grid_admin() -> dict[str, Any]:
    return recorded("slack_users_info_grid_admin")["user"]


def test_a_grid_admin_subscribes_by_mention_though_the_event_names_no_team(
        app: SlackSender, fake: FakeSlackApi, digests: ChatDigests) -> None:
    """app_mention carries no ``event.team``: the workspace is the envelope's authorization."""
    fake.user_fields["W0001"] = grid_admin()
    body = recorded("slack_app_mention_grid")
    assert "team" not in body["event"]
    assert event(app, body, "<@W0002> subscribe daily 09:00 UTC") == 200
    [reply] = fake.wait_for("chat.postEphemeral")
    assert msg.SUBSCRIBED_HEADLINE in shown(reply.args) and reply.args["user"] == "W0001"
    [stored] = digests.store.all()
    assert (stored.team, stored.enterprise, stored.channel, stored.created_by) == \
        ("T0001", "E0001", "C0001", "W0001")


def test_a_workspace_admin_subscribes_their_dm_with_the_bot(
        app: SlackSender, fake: FakeSlackApi, digests: ChatDigests) -> None:
    fake.user_fields["U0001"] = {"team_id": "T0001", "is_admin": True}
    assert event(app, recorded("slack_message_im"), "subscribe weekly mon 08:00 UTC") == 200
    [reply] = fake.wait_for("chat.postEphemeral")
    assert msg.SUBSCRIBED_HEADLINE in shown(reply.args)
    [stored] = digests.store.all()
    assert (stored.team, stored.channel) == ("T0001", "D0001")


@pytest.mark.parametrize("sender_team_in_event", [False, True])
def test_another_organisations_admin_in_a_shared_channel_is_not_our_admin(
        app: SlackSender, fake: FakeSlackApi, digests: ChatDigests,
        sender_team_in_event: bool) -> None:
    """The sender is an admin of their own organisation (users.info says so, without
    ``is_stranger``, which Slack does not always send); in our workspace they are a guest."""
    body = recorded("slack_app_mention_connect")
    outsider = recorded("slack_users_info_stranger")["user"]
    outsider.pop("is_stranger")
    outsider["is_admin"] = True
    if sender_team_in_event:          # as message events in shared channels carry it
        body["event"].update(team=outsider["team_id"], user_team=outsider["team_id"],
                             source_team=outsider["team_id"])
    fake.user_fields["W0003"] = outsider
    assert event(app, body, "<@U0002> subscribe daily 09:00") == 200
    [reply] = fake.wait_for("chat.postEphemeral")
    assert msg.ADMIN_ONLY_HEADLINE in shown(reply.args)
    assert digests.store.all() == []


@pytest.mark.parametrize("name", ["slack_slash_command_dm", "slack_slash_command_mpdm"])
def test_subscribe_is_refused_where_the_bot_can_never_post(
        app: SlackSender, fake: FakeSlackApi, digests: ChatDigests, name: str) -> None:
    fake.admins.add("U0001")
    fake.user_fields["U0001"] = {"team_id": "T0001"}
    answer = command(app, fake, recorded(name), "subscribe daily 09:00")
    assert msg.SUBSCRIBE_PRIVATE in shown(answer) and answer["response_type"] == "ephemeral"
    assert digests.store.all() == []


def test_a_grid_slash_command_from_a_w_user_is_answered_and_subscribes(
        app: SlackSender, fake: FakeSlackApi, digests: ChatDigests) -> None:
    fake.user_fields["W0001"] = grid_admin()
    fields = recorded("slack_slash_command_grid")
    assert "Who gets it" in shown(command(app, fake, dict(fields), "who gets the card"))
    answer = command(app, fake, fields, "subscribe daily 09:00")
    assert msg.SUBSCRIBED_HEADLINE in shown(answer)
    [stored] = digests.store.all()
    assert (stored.team, stored.enterprise, stored.schedule.timezone) == \
        ("T0001", "E0001", "Europe/London")


def test_a_dm_with_a_file_attached_is_answered(app: SlackSender, fake: FakeSlackApi) -> None:
    assert event(app, recorded("slack_message_im_file_share"), "who gets the card?") == 200
    [reply] = fake.wait_for("chat.postMessage")
    assert reply.args["channel"] == "D0001" and "Who gets it" in shown(reply.args)


@pytest.mark.parametrize("name", ["slack_app_uninstalled", "slack_tokens_revoked"])
def test_uninstall_events_are_acknowledged_in_single_workspace_mode(
        app: SlackSender, fake: FakeSlackApi, name: str, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="bot.adapters.slack.handlers"):
        assert event(app, recorded(name)) == 200
        deadline = dt.datetime.now() + dt.timedelta(seconds=5)
        while not caplog.records and dt.datetime.now() < deadline:
            pass
    assert any("SLACK_BOT_TOKEN no longer works" in r.getMessage() for r in caplog.records)


def test_ssl_check_is_answered(app: SlackSender) -> None:
    assert app.post(urlencode(recorded("slack_ssl_check")), FORM).status == 200
