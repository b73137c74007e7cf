"""Socket Mode, the quick start: the app opens the websocket the fake hands out and answers over it."""

from __future__ import annotations

import asyncio
import contextlib
from typing import Any

from bot.adapters.slack.service import slack_service
from bot.adapters.slack.settings import SlackSecrets, SlackSettings
from bot.answering.router import Router
from bot.render.slack import SHARE_ACTION_ID
from fakes.recorded import recorded
from fakes.slack_api import TEAM_ID, FakeSlackApi

from .wire import BOT_TOKEN, LoopThread


async def start(fake: FakeSlackApi, router: Router) -> asyncio.Task[Any]:
    """The app in Socket Mode, serving in the background over the fake's websocket."""
    secrets = SlackSecrets.of(bot_token=BOT_TOKEN, app_token="xapp-test")
    service = slack_service(SlackSettings(mode="socket", api_url=fake.base_url), secrets, router)
    return asyncio.ensure_future(service.serve())


async def stop(task: asyncio.Task[Any]) -> None:
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task


def test_slash_command_over_socket_mode(loop_thread: LoopThread, fake: FakeSlackApi,
                                        router: Router) -> None:
    fake.envelopes.append({
        "envelope_id": "env-1", "type": "slash_commands", "accepts_response_payload": True,
        "payload": {"team_id": TEAM_ID, "channel_id": "C1", "user_id": "U1",
                    "command": "/docket", "text": "who gets the card", "api_app_id": "A1",
                    "response_url": fake.response_url("socket"), "trigger_id": "1.2.3"}})
    task = loop_thread.run(start(fake, router))
    try:
        [opened] = fake.wait_for("apps.connections.open")
        assert opened.token == "xapp-test"
        [ack] = fake.wait_for("socket_ack")
        assert ack.args["envelope_id"] == "env-1"
        [answer] = fake.wait_for("response_url")
        assert answer.args["response_type"] == "ephemeral"
        assert "Who gets it" in answer.args["text"]
    finally:
        loop_thread.run(stop(task))


def test_documented_envelopes_a_retried_event_is_answered_once_and_a_button_works(
        loop_thread: LoopThread, fake: FakeSlackApi, router: Router) -> None:
    """Socket Mode as Slack documents it: an ``events_api`` envelope, its retry (same event,
    ``retry_attempt`` 1), and an ``interactive`` envelope carrying a share button press."""
    first = recorded("slack_socket_events_api")
    first.update(retry_attempt=0, retry_reason="")
    first["payload"]["event"]["text"] = "<@U0002> who gets the card"
    retry = recorded("slack_socket_events_api")
    retry["payload"]["event"]["text"] = first["payload"]["event"]["text"]
    retry["envelope_id"] = "retried-envelope"
    button = recorded("slack_socket_interactive")
    button["payload"]["actions"][0].update(action_id=SHARE_ACTION_ID, value="balance")
    button["payload"]["response_url"] = fake.response_url("socket-button")
    fake.envelopes.extend([first, retry, button])
    task = loop_thread.run(start(fake, router))
    try:
        acks = fake.wait_for("socket_ack", 3)
        assert {a.args["envelope_id"] for a in acks} == {first["envelope_id"], "retried-envelope",
                                                        button["envelope_id"]}
        posts = fake.wait_for("chat.postMessage", 2)
        answers = [p for p in posts if p.args.get("thread_ts")]
        shared = [p for p in posts if not p.args.get("thread_ts")]
        assert len(answers) == 1 and "Who gets it" in answers[0].args["text"]
        assert len(shared) == 1 and shared[0].args["channel"] == "C0001"
        assert len(fake.calls_to("chat.postMessage")) == 2
    finally:
        loop_thread.run(stop(task))
