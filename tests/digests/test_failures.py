"""When a platform says no: 429 and 5xx are retried with back-off (never sooner than
Retry-After); 404 and the like are recorded as permanent failures, shown in the status, and
do not hold up other destinations. Assertions are on what the fake servers received."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.digests.delivery import Destination
from bot.digests.status import status_report
from bot.digests.ledger import CLAIMED, FAILED, POSTED
from fakes.discord_api import HttpFailure as DiscordFailure
from fakes.slack_api import HttpFailure as SlackFailure

from .harness import (DISCORD_CHANNEL, SLACK_CHANNEL, Platforms, at, digest, discord_posts,
                      slack_posts)

NINE = at(2026, 11, 23, 9, 0)
SLACK_KEY, DISCORD_KEY = f"slack:{SLACK_CHANNEL}", f"discord:{DISCORD_CHANNEL}"


def test_slack_429_is_retried_no_sooner_than_retry_after(platforms: Platforms) -> None:
    platforms.slack.fail_http("chat.postMessage", SlackFailure(429, "7"), SlackFailure(429, "12"))
    platforms.tick(platforms.scheduler(digest()), NINE)
    assert len(platforms.slack.calls_to("chat.postMessage")) == 3
    assert len(slack_posts(platforms)) == 1
    slack_waits = platforms.waits[:2]
    assert slack_waits[0] >= 7 and slack_waits[1] >= 12
    assert platforms.ledger.find("morning", SLACK_KEY, NINE).status == POSTED


def test_discord_429_is_retried_after_its_retry_after(platforms: Platforms) -> None:
    channel = f"/channels/{DISCORD_CHANNEL}/messages"
    platforms.discord.fail_http(channel, DiscordFailure(429, retry_after=2.5))
    spec = digest(destinations=(Destination("discord", DISCORD_CHANNEL),))
    platforms.tick(platforms.scheduler(spec), NINE)
    assert len([r for r in platforms.discord.requests if r.path == channel]) == 2
    assert len(discord_posts(platforms)) == 1 and platforms.waits[0] >= 2.5


def test_server_errors_are_retried_with_backoff(platforms: Platforms) -> None:
    platforms.slack.fail_http("chat.postMessage", SlackFailure(500), SlackFailure(503))
    platforms.discord.fail_http(f"/channels/{DISCORD_CHANNEL}", DiscordFailure(502))
    platforms.tick(platforms.scheduler(digest()), NINE)
    assert len(slack_posts(platforms)) == 1 and len(discord_posts(platforms)) == 1
    assert len(platforms.waits) == 3 and all(w > 0 for w in platforms.waits)


def test_a_missing_channel_is_a_permanent_failure_and_the_others_still_post(
        platforms: Platforms) -> None:
    platforms.discord.missing_channels.add(DISCORD_CHANNEL)
    spec = digest()
    scheduler = platforms.scheduler(spec)
    platforms.tick(scheduler, NINE)
    platforms.tick(scheduler, NINE + dt.timedelta(minutes=5))          # not retried
    failed = platforms.ledger.find("morning", DISCORD_KEY, NINE)
    assert failed.status == FAILED and "404 Unknown Channel (code 10003)" in failed.error
    assert len([r for r in platforms.discord.requests if "/messages" in r.path]) == 1
    assert len(slack_posts(platforms)) == 1
    report = status_report([spec], platforms.ledger, NINE + dt.timedelta(minutes=5))
    assert "Discord channel 123456789012345678: FAILED the slot Mon 23 Nov 2026, 09:00 UTC: " \
           "Discord: HTTP 404 Unknown Channel (code 10003)" in report
    platforms.discord.missing_channels.clear()                         # the bot is re-added:
    platforms.tick(scheduler, at(2026, 11, 24, 9, 0))                  # the next slot posts
    assert len(discord_posts(platforms)) == 1


def test_slack_errors_that_will_not_clear_are_permanent(platforms: Platforms) -> None:
    platforms.slack.missing_channels.add(SLACK_CHANNEL)
    platforms.tick(platforms.scheduler(digest()), NINE)
    row = platforms.ledger.find("morning", SLACK_KEY, NINE)
    assert row.status == FAILED and row.error == "Slack chat.postMessage: channel_not_found"
    assert len(platforms.slack.calls_to("chat.postMessage")) == 1 and platforms.waits == []


def test_a_deleted_webhook_is_a_permanent_failure(platforms: Platforms, monkeypatch) -> None:
    monkeypatch.setenv("GONE_SLACK_HOOK", platforms.slack.webhook_url("T1/B1/gone"))
    monkeypatch.setenv("GONE_DISCORD_HOOK", platforms.discord.webhook_url("gone"))
    platforms.slack.fail_http("webhook", SlackFailure(404, body="no_service"))
    platforms.discord.fail_http("/webhooks/", DiscordFailure(404, code=10015,
                                                            message="Unknown Webhook"))
    spec = digest(destinations=(Destination("slack_webhook", "GONE_SLACK_HOOK"),
                                Destination("discord_webhook", "GONE_DISCORD_HOOK")))
    platforms.tick(platforms.scheduler(spec), NINE)
    slack = platforms.ledger.find("morning", "slack_webhook:GONE_SLACK_HOOK", NINE)
    discord = platforms.ledger.find("morning", "discord_webhook:GONE_DISCORD_HOOK", NINE)
    assert (slack.status, slack.error) == (FAILED, "Slack webhook: HTTP 404 no_service")
    assert (discord.status, discord.error) == (
        FAILED, "Discord webhook: HTTP 404 Unknown Webhook (code 10015)")


def test_when_retries_run_out_the_slot_waits_then_any_instance_retries_it(
        platforms: Platforms) -> None:
    platforms.slack.fail_http("chat.postMessage", *[SlackFailure(500)] * 5)
    spec = digest(destinations=(Destination("slack", SLACK_CHANNEL),))
    first = platforms.scheduler(spec, owner="instance-a")
    platforms.tick(first, NINE)
    waiting = platforms.ledger.find("morning", SLACK_KEY, NINE)
    assert (waiting.status, waiting.error) == (CLAIMED, "Slack chat.postMessage: HTTP 500")
    assert slack_posts(platforms) == []
    second = platforms.scheduler(spec, owner="instance-b")
    platforms.tick(second, NINE + dt.timedelta(seconds=30))           # too soon: left alone
    assert len(platforms.slack.calls_to("chat.postMessage")) == 5
    platforms.tick(second, NINE + dt.timedelta(minutes=2))
    assert len(slack_posts(platforms)) == 1
    row = platforms.ledger.find("morning", SLACK_KEY, NINE)
    assert (row.status, row.attempts) == (POSTED, 2)


def test_a_slot_still_failing_past_the_grace_period_is_given_up(platforms: Platforms) -> None:
    platforms.slack.fail_http("chat.postMessage", *[SlackFailure(503)] * 5)
    spec = digest(destinations=(Destination("slack", SLACK_CHANNEL),))
    scheduler = platforms.scheduler(spec, grace=dt.timedelta(minutes=30))
    platforms.tick(scheduler, NINE)
    platforms.tick(scheduler, NINE + dt.timedelta(minutes=45))
    row = platforms.ledger.find("morning", SLACK_KEY, NINE)
    assert row.status == FAILED and row.error.startswith("not posted within the grace period")
    assert slack_posts(platforms) == []


def test_a_tick_that_cannot_reach_the_database_is_logged_and_the_scheduler_keeps_going(
        platforms: Platforms, tmp_path, caplog) -> None:
    import asyncio

    from bot.database import open_engine
    from bot.digests.subscriptions import SubscriptionStore

    scheduler = platforms.scheduler(digest(), check_every=dt.timedelta(milliseconds=20))
    scheduler.subscriptions = SubscriptionStore(open_engine(
        f"sqlite:///{tmp_path / 'no-such-dir' / 'docket.sqlite3'}"))

    async def scenario() -> None:
        stop = asyncio.Event()
        running = asyncio.create_task(scheduler.run(stop))
        while sum("digest tick failed" in r.getMessage() for r in caplog.records) < 2:
            await asyncio.sleep(0.01)
        stop.set()
        await asyncio.wait_for(running, 5)

    platforms.loop.run(scenario(), timeout=20)
    assert slack_posts(platforms) == []


def test_a_post_whose_answer_never_came_is_looked_for_before_trying_again(
        platforms: Platforms) -> None:
    """Slack took the message, then the connection dropped: the retry finds it, posts nothing."""
    platforms.slack.stall("chat.postMessage", "drop")
    spec = digest(destinations=(Destination("slack", SLACK_CHANNEL),))
    platforms.tick(platforms.scheduler(spec), NINE)
    [message] = slack_posts(platforms)
    assert len(platforms.slack.calls_to("chat.postMessage")) == 1
    assert platforms.slack.calls_to("conversations.history")
    row = platforms.ledger.find("morning", SLACK_KEY, NINE)
    assert (row.status, row.message_id) == (POSTED, message["ts"])


def test_a_webhook_post_whose_answer_never_came_is_not_repeated_on_a_guess(
        platforms: Platforms, monkeypatch) -> None:
    monkeypatch.setenv("DROP_HOOK", platforms.slack.webhook_url("T1/B1/drop"))
    platforms.slack.stall("webhook", "drop")
    spec = digest(destinations=(Destination("slack_webhook", "DROP_HOOK"),))
    platforms.tick(platforms.scheduler(spec), NINE)
    assert len(platforms.slack.calls_to("webhook")) == 1
    row = platforms.ledger.find("morning", "slack_webhook:DROP_HOOK", NINE)
    assert row.status == FAILED and "may have reached the Slack webhook" in row.error


def test_a_webhook_that_refuses_connections_is_retried_then_waits(platforms: Platforms,
                                                                  monkeypatch) -> None:
    """Nothing was sent, so retrying a webhook is safe; the slot then waits for a later tick."""
    from postgres import free_port

    monkeypatch.setenv("CLOSED_HOOK", f"http://127.0.0.1:{free_port()}/services/T/B/x")
    spec = digest(destinations=(Destination("slack_webhook", "CLOSED_HOOK"),))
    platforms.tick(platforms.scheduler(spec), NINE)
    row = platforms.ledger.find("morning", "slack_webhook:CLOSED_HOOK", NINE)
    assert (row.status, row.sent) == (CLAIMED, False) and "could not reach" in row.error
    assert len(platforms.waits) == 4                                  # five attempts


@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)   # SQLite never goes away
def test_a_post_the_platform_confirmed_is_recorded_though_the_database_was_away(
        platforms: Platforms, monkeypatch, request) -> None:
    """The database goes away while the webhook post is in flight and comes back 3 s later:
    the post is recorded as posted, not as a failure that "may have reached the webhook"."""
    import threading

    from postgres import allow_connections

    assert platforms.database_url.startswith("postgresql")
    server = request.getfixturevalue("postgres_server")
    monkeypatch.setenv("AWAY_HOOK", platforms.slack.webhook_url("T1/B1/away"))
    platforms.slack.stall("webhook", 1.5)                   # in flight for 1.5 s
    spec = digest(destinations=(Destination("slack_webhook", "AWAY_HOOK"),))
    scheduler = platforms.scheduler(spec)
    away = threading.Timer(0.5, allow_connections, (server, platforms.database_url, False))
    back = threading.Timer(3.5, allow_connections, (server, platforms.database_url, True))
    away.start()
    back.start()
    try:
        platforms.tick(scheduler, NINE)
    finally:
        back.join()
    assert len(platforms.slack.calls_to("webhook")) == 1
    row = platforms.ledger.find("morning", "slack_webhook:AWAY_HOOK", NINE)
    assert row.status == POSTED and not row.error
