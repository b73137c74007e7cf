"""End to end over HTTP: signed requests in, the app's calls to the fake Slack Web API out."""

from __future__ import annotations

import json
import logging
import time
from typing import Any

import pytest

from bot.adapters.slack.settings import SlackSecrets
from bot.answering.router import Router
from fakes.slack_api import FakeSlackApi

from .wire import BOT_TOKEN, SIGNING_SECRET, LoopThread, SlackSender, block_texts, start_app


def texts(payload: dict[str, Any]) -> str:
    """Every piece of text in a message payload's blocks, joined."""
    return "\n".join(block_texts(payload))


def buttons(payload: dict[str, Any]) -> list[dict[str, Any]]:
    return [e for b in payload.get("blocks", []) if b["type"] == "actions"
            for e in b["elements"] if e["type"] == "button"]


def test_slash_command_acks_then_answers_privately_with_sources_and_share_button(
        slack: SlackSender, fake: FakeSlackApi) -> None:
    started = time.monotonic()
    reply = slack.command("who gets the card")
    assert reply.status == 200 and reply.body == ""
    assert time.monotonic() - started < 3, "Slack needs the ack within 3 seconds"
    [call] = fake.wait_for("response_url")
    answer = call.args
    assert answer["response_type"] == "ephemeral"
    shown = texts(answer)
    assert "/docket who gets the card" in shown                    # the question is repeated
    assert "*Sources*" in shown and "[1]" in shown
    assert "Daily Caller News Foundation" in shown and "not stated" in shown
    assert "“The program is intended to allow migrants" in shown   # the verbatim quote
    assert "Confidence" in shown
    [share] = buttons(answer)
    assert share["action_id"] == "docket_share" and share["value"] == "who gets the card"
    assert answer["text"].startswith("Who gets it")               # notification fallback
    assert not fake.calls_to("chat.postMessage")


def test_help_explains_the_commands(slack: SlackSender, fake: FakeSlackApi) -> None:
    slack.command("help")
    [call] = fake.wait_for("response_url")
    shown = texts(call.args)
    for name in ("help", "topics", "sources", "quote", "balance"):
        assert f"/docket {name}" in shown


def test_unanswerable_question_is_an_honest_no_answer(slack: SlackSender,
                                                      fake: FakeSlackApi) -> None:
    slack.command("what is the price of bitcoin")
    [call] = fake.wait_for("response_url")
    shown = texts(call.args)
    assert "No sourced answer to that" in shown and "will not guess" in shown
    assert "*Sources*" not in shown and "Confidence" not in shown
    assert not buttons(call.args), "nothing to share when there is no answer"


def test_ten_kilobyte_question_is_refused_politely(slack: SlackSender, fake: FakeSlackApi) -> None:
    reply = slack.command("why " * 2500)
    assert reply.status == 200
    [call] = fake.wait_for("response_url")
    shown = texts(call.args)
    assert "too long" in shown and "up to 500 characters" in shown
    assert len(json.dumps(call.args)) < 5000


def test_hostile_text_is_escaped_in_what_slack_receives(slack: SlackSender,
                                                       fake: FakeSlackApi) -> None:
    # As Slack sends it: real control sequences, and what the user typed literally as entities.
    slack.command("<!channel> <!here> <@U1> &amp; &lt;!everyone&gt; <https://evil.example|click> why")
    [call] = fake.wait_for("response_url")
    raw = json.dumps(call.args)
    for sequence in ("<!channel>", "<!here>", "<@U1>", "<!everyone>", "<https://evil"):
        assert sequence not in raw
    shown = texts(call.args)
    assert ("&lt;!channel&gt; &lt;!here&gt; &lt;@U1&gt; &amp; &lt;!everyone&gt; "
            "&lt;https://evil.example|click&gt;") in shown
    assert "&amp;amp;" not in shown and "&amp;lt;" not in shown, "escaped exactly once"
    assert "<!channel>" not in call.args["text"]
    assert "link_names" not in call.args and "parse" not in call.args


def test_entities_from_slack_are_decoded_before_routing(slack: SlackSender,
                                                       fake: FakeSlackApi) -> None:
    slack.event({"type": "message", "channel_type": "im", "user": "U1", "channel": "D5",
                 "text": "who gets the card &amp; &lt;why&gt;", "ts": "1.0"})
    [post] = fake.wait_for("chat.postMessage")
    assert "Who gets it" in texts(post.args)            # "amp", "lt" never reach the router


def test_share_button_posts_publicly_attributed_to_the_asker(slack: SlackSender,
                                                            fake: FakeSlackApi) -> None:
    reply = slack.share("who gets the card", user="U777", channel="C42")
    assert reply.status == 200
    [post] = fake.wait_for("chat.postMessage")
    assert post.args["channel"] == "C42" and post.token == BOT_TOKEN
    shown = texts(post.args)
    assert "*<@U777> asked:* /docket who gets the card" in shown
    assert "*Sources*" in shown and not buttons(post.args)
    assert post.args["text"].startswith("<@U777> asked:")
    [cleanup] = fake.wait_for("response_url")
    assert cleanup.args["delete_original"] is True


def test_share_falls_back_to_the_response_url_where_the_bot_is_not_a_member(
        slack: SlackSender, fake: FakeSlackApi) -> None:
    fake.fail("chat.postMessage", "not_in_channel")
    slack.share("who gets the card", user="U777")
    public, cleanup = fake.wait_for("response_url", 2)
    assert public.args["response_type"] == "in_channel"
    assert "*<@U777> asked:*" in texts(public.args)
    assert cleanup.args["delete_original"] is True


def test_share_cannot_attribute_to_user_supplied_text(slack: SlackSender,
                                                     fake: FakeSlackApi) -> None:
    slack.share("<!channel> who gets the card", user="U777")
    [post] = fake.wait_for("chat.postMessage")
    raw = json.dumps(post.args)
    assert "<!channel>" not in raw and "<@U777>" in raw


@pytest.mark.parametrize("value", ["help", "who won the world cup", "subscribe daily 09:00",
                                   "digests", "x" * 600, ""])
def test_share_posts_only_answers(slack: SlackSender, fake: FakeSlackApi, value: str) -> None:
    """The button's value comes back from the click as the client sends it: a help text, a
    refusal or an admin-only message is never posted to the channel."""
    assert slack.share(value, user="U777").status == 200
    [told] = fake.wait_for("response_url")
    assert told.args["response_type"] == "ephemeral"
    assert "Only a sourced answer can be shared" in told.args["text"]
    assert not fake.calls_to("chat.postMessage")


def test_mention_is_answered_in_a_thread(slack: SlackSender, fake: FakeSlackApi) -> None:
    reply = slack.event({"type": "app_mention", "user": "U1", "channel": "C9",
                         "text": "<@UBOT> who gets the card?", "ts": "1700000000.000100",
                         "event_ts": "1700000000.000100"})
    assert reply.status == 200
    [post] = fake.wait_for("chat.postMessage")
    assert post.args["channel"] == "C9"
    assert post.args["thread_ts"] == "1700000000.000100"
    assert "Who gets it" in texts(post.args) and "*Sources*" in texts(post.args)


def test_mention_inside_a_thread_stays_in_that_thread(slack: SlackSender,
                                                      fake: FakeSlackApi) -> None:
    slack.event({"type": "app_mention", "user": "U1", "channel": "C9", "text": "<@UBOT> help",
                 "ts": "1700000000.000200", "thread_ts": "1700000000.000001"})
    [post] = fake.wait_for("chat.postMessage")
    assert post.args["thread_ts"] == "1700000000.000001"


def test_direct_message_is_answered_in_the_dm(slack: SlackSender, fake: FakeSlackApi) -> None:
    slack.event({"type": "message", "channel_type": "im", "user": "U1", "channel": "D1",
                 "text": "who gets the card", "ts": "1700000000.000300"})
    [post] = fake.wait_for("chat.postMessage")
    assert post.args["channel"] == "D1" and post.args.get("thread_ts") is None
    assert "Who gets it" in texts(post.args)


def test_bot_messages_and_subtypes_are_ignored(slack: SlackSender, fake: FakeSlackApi) -> None:
    ignored = [
        {"type": "message", "channel_type": "im", "bot_id": "B2", "user": "U2", "channel": "D1",
         "text": "who gets the card", "ts": "1.1"},
        {"type": "message", "channel_type": "im", "subtype": "message_changed", "channel": "D1",
         "ts": "1.2", "message": {"text": "who gets the card"}},
        {"type": "message", "channel_type": "channel", "user": "U1", "channel": "C1",
         "text": "who gets the card", "ts": "1.3"},
    ]
    for event in ignored:
        assert slack.event(event).status == 200
    # A message that is answered, sent last: once its reply is in, the others had their chance.
    slack.event({"type": "message", "channel_type": "im", "user": "U1", "channel": "D2",
                 "text": "help", "ts": "1.4"})
    posts = fake.wait_for("chat.postMessage")
    assert [p.args["channel"] for p in posts] == ["D2"]


def test_url_verification_challenge(slack: SlackSender, fake: FakeSlackApi) -> None:
    reply = slack.post(json.dumps({"token": "legacy", "challenge": "abc123",
                                   "type": "url_verification"}), "application/json")
    assert reply.status == 200 and reply.json() == {"challenge": "abc123"}


def test_bad_signature_is_rejected_and_nothing_is_posted(slack: SlackSender,
                                                        fake: FakeSlackApi) -> None:
    assert slack.command("who gets the card", secret="not-the-secret").status == 401
    stale = int(time.time()) - 5 * 60 - 30
    assert slack.command("who gets the card", timestamp=stale).status == 401
    event = {"type": "app_mention", "user": "U1", "channel": "C1", "text": "<@UBOT> help",
             "ts": "1.5"}
    assert slack.event(event, secret="not-the-secret").status == 401
    # A valid request afterwards is answered, so the silence above was the rejection.
    slack.command("help")
    fake.wait_for("response_url")
    assert not fake.calls_to("chat.postMessage")
    assert len(fake.calls_to("response_url")) == 1


def test_slack_retry_does_not_post_twice(slack: SlackSender, fake: FakeSlackApi) -> None:
    event = {"type": "app_mention", "user": "U1", "channel": "C1", "text": "<@UBOT> help",
             "ts": "1.6"}
    assert slack.event(event, event_id="EvRETRY1").status == 200
    fake.wait_for("chat.postMessage")
    for attempt in ("1", "2"):
        reply = slack.event(event, event_id="EvRETRY1",
                            headers={"X-Slack-Retry-Num": attempt,
                                     "X-Slack-Retry-Reason": "http_timeout"})
        assert reply.status == 200
    # A later, different event is answered; by then any duplicate would have arrived too.
    slack.event({**event, "ts": "1.7", "channel": "C2"}, event_id="EvOTHER1")
    posts = fake.wait_for("chat.postMessage", 2)
    assert [p.args["channel"] for p in posts] == ["C1", "C2"]


def test_retry_of_an_event_never_received_is_answered(slack: SlackSender,
                                                      fake: FakeSlackApi) -> None:
    event = {"type": "app_mention", "user": "U1", "channel": "C3", "text": "<@UBOT> help",
             "ts": "1.8"}
    slack.event(event, event_id="EvLOST1", headers={"X-Slack-Retry-Num": "1"})
    [post] = fake.wait_for("chat.postMessage")
    assert post.args["channel"] == "C3"


def test_failed_post_tells_the_user_privately(slack: SlackSender, fake: FakeSlackApi) -> None:
    fake.fail("chat.postMessage", "ratelimited_forever")
    slack.event({"type": "app_mention", "user": "U1", "channel": "C1",
                 "text": "<@UBOT> who gets the card", "ts": "1.9"})
    [notice] = fake.wait_for("chat.postEphemeral")
    assert notice.args["user"] == "U1" and notice.args["channel"] == "C1"
    assert notice.args["text"].startswith("Sorry, something went wrong")
    assert "ratelimited_forever" not in notice.args["text"]


def test_health_endpoint(slack: SlackSender, fake: FakeSlackApi) -> None:
    reply = slack.get("/healthz")
    assert reply.status == 200 and reply.json() == {"ok": True}
    assert slack.get("/slack/install").status == 404          # single-workspace: no install page


def test_failed_share_tells_the_user_privately_and_logs_no_secrets(
        slack: SlackSender, fake: FakeSlackApi, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger="bot")
    fake.fail("chat.postMessage", "fatal_error")
    slack.share("who gets the card", user="U777")
    [notice] = fake.wait_for("response_url")
    assert notice.args["response_type"] == "ephemeral"
    assert notice.args["text"].startswith("Sorry, something went wrong")
    assert not buttons(notice.args) and "blocks" not in notice.args
    logged = "\n".join(r.getMessage() + (r.exc_text or "") for r in caplog.records)
    assert "share failed" in logged
    assert BOT_TOKEN not in logged and SIGNING_SECRET not in logged
    assert "response_url" not in logged and "trigger_id" not in logged   # no whole payloads


def test_public_replies_when_configured(loop_thread: LoopThread, fake: FakeSlackApi,
                                        router: Router) -> None:
    base, runner = start_app(loop_thread, fake, router, {"ephemeral": False},
                             SlackSecrets.of(signing_secret=SIGNING_SECRET, bot_token=BOT_TOKEN))
    try:
        SlackSender(base, fake).command("who gets the card", user="U55")
        [call] = fake.wait_for("response_url")
        assert call.args["response_type"] == "in_channel"
        assert "*<@U55> asked:* /docket who gets the card" in texts(call.args)
        assert not buttons(call.args)
    finally:
        loop_thread.run(runner.cleanup())


def test_the_configured_command_is_the_one_answers_name(loop_thread: LoopThread,
                                                        fake: FakeSlackApi, router: Router) -> None:
    """With ``command: /brief``, help, suggestions and refusals all say /brief."""
    base, runner = start_app(loop_thread, fake, router, {"command": "/brief"},
                             SlackSecrets.of(signing_secret=SIGNING_SECRET, bot_token=BOT_TOKEN))
    try:
        sender = SlackSender(base, fake)
        for text in ("help", "banana bread recipe"):
            sender.command(text, name="/brief")
        help_, refusal = fake.wait_for("response_url", 2)
        shown = texts(help_.args) + texts(refusal.args)
        assert "`/brief topics`" in shown and "*You asked:* /brief help" in shown
        assert "/docket" not in shown
    finally:
        loop_thread.run(runner.cleanup())


def test_a_refusal_offers_did_you_mean_buttons_that_ask_their_question(
        slack: SlackSender, fake: FakeSlackApi) -> None:
    slack.command("what is the population of eagle pass")
    [refusal] = fake.wait_for("response_url")
    choices = [b for b in buttons(refusal.args) if b["action_id"].startswith("docket_ask_")]
    assert choices and len({b["action_id"] for b in choices}) == len(choices)
    assert "Did you mean:" in texts(refusal.args)
    first = choices[0]
    assert slack.click(first["action_id"], first["value"]).status == 200
    _, answer = fake.wait_for("response_url", 2)
    assert answer.args["replace_original"] is True               # the answer takes its place
    assert answer.args["response_type"] == "ephemeral"
    assert f"*You asked:* /docket {first['value']}" in texts(answer.args)
    assert "No sourced answer" not in texts(answer.args)
    assert not fake.calls_to("chat.postMessage")                 # nothing posted publicly


def test_a_follow_up_in_a_thread_is_read_against_that_threads_answer(
        slack: SlackSender, fake: FakeSlackApi) -> None:
    slack.event({"type": "app_mention", "user": "U1", "channel": "C1", "ts": "10.1",
                 "text": "<@UBOT> who gets the card"})
    fake.wait_for("chat.postMessage")
    # a broadcast mention typed before it is no part of the follow-up (and pings nobody)
    slack.event({"type": "app_mention", "user": "U1", "channel": "C1", "ts": "10.2",
                 "thread_ts": "10.1", "text": "<@UBOT> <!here> who said that?"})
    fake.wait_for("chat.postMessage", 2)
    slack.event({"type": "app_mention", "user": "U2", "channel": "C1", "ts": "10.3",
                 "thread_ts": "10.1", "text": "<@UBOT> who said that?"})
    first, mine, theirs = fake.wait_for("chat.postMessage", 3)
    assert all(call.args["thread_ts"] == "10.1" for call in (first, mine, theirs))
    assert "Who says so, and where it comes from" in texts(mine.args)
    assert "Nothing to follow up here yet" in texts(theirs.args)    # another person's thread


def test_a_person_over_the_rate_limit_is_told_privately_and_nothing_is_posted(
        loop_thread: LoopThread, fake: FakeSlackApi, router: Router) -> None:
    from bot.answering.limits import LimitSettings
    from bot.answering.router import Settings

    limited = Router(router.pack, router.commands, index=router.index,
                     settings=Settings(limits=LimitSettings(questions_per_user=2)))
    base, runner = start_app(loop_thread, fake, limited, {"ephemeral": False},
                             SlackSecrets.of(signing_secret=SIGNING_SECRET, bot_token=BOT_TOKEN))
    try:
        slack = SlackSender(base, fake)
        for _ in range(2):
            slack.command("who gets the card", user="U5")
        fake.wait_for("response_url", 2)
        assert slack.command("who gets the card", user="U5").status == 200
        slow = fake.wait_for("response_url", 3)[2].args
        assert slow["response_type"] == "ephemeral"
        assert "One moment" in slow["text"] and "try again in" in texts(slow)
        slack.event({"type": "app_mention", "user": "U5", "channel": "C1", "ts": "1.000200",
                     "text": "<@UBOT> who gets the card?", "event_ts": "1.000200"})
        [told] = fake.wait_for("chat.postEphemeral")
        assert told.args["user"] == "U5" and not fake.calls_to("chat.postMessage")
        slack.command("who gets the card", user="U6")
        assert fake.wait_for("response_url", 4)[3].args["response_type"] == "in_channel"
    finally:
        loop_thread.run(runner.cleanup())
