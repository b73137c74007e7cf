"""An instance that dies or is stopped mid-post never causes a lost or a duplicated digest.

SIGKILL between claim and post: the claim lapses and another instance posts, once. SIGKILL
after the platform took the post but before the ledger heard of it: the next instance finds
the earlier post (Slack metadata, Discord nonce) instead of posting again. SIGTERM: a post in
flight is allowed to finish, or its claim is released for another instance to take at once.
"""

from __future__ import annotations

import datetime as dt
import signal
from pathlib import Path

import pytest

from bot.adapters.posting.discord import nonce
from bot.digests.delivery import Destination
from bot.digests.ledger import CLAIMED, FAILED, POSTED
from bot.digests.scheduler import slot_key
from fakes.discord_api import GOOD_TOKEN

from .harness import (DISCORD_CHANNEL, SLACK_CHANNEL, Platforms, at, digest, discord_posts,
                      slack_posts)
from .workers import docket_run, release, start_worker, wait_until

NINE = at(2026, 11, 23, 9, 0)
KEYS = (f"slack:{SLACK_CHANNEL}", f"discord:{DISCORD_CHANNEL}")


def post_requests(platforms: Platforms) -> tuple[int, int]:
    slack = len(platforms.slack.calls_to("chat.postMessage"))
    discord = len([r for r in platforms.discord.requests
                   if r.method == "POST" and r.path.endswith("/messages")])
    return slack, discord


def kill_mid_post(platforms: Platforms, when: str) -> None:
    """Worker A claims both destinations, its posts hang (``when``), and it is killed."""
    platforms.slack.stall("chat.postMessage", when)
    platforms.discord.stall(f"/channels/{DISCORD_CHANNEL}/messages", when)
    worker = start_worker(platforms, "worker-a", [NINE + dt.timedelta(seconds=5)])
    release(worker)
    wait_until(lambda: post_requests(platforms) == (1, 1), what="both posts in flight")
    worker.send_signal(signal.SIGKILL)
    worker.wait(10)
    platforms.slack.unstall()
    platforms.discord.unstall()
    for key in KEYS:
        row = platforms.ledger.find("morning", key, NINE)
        assert (row.status, row.owner) == (CLAIMED, "worker-a")


def test_killed_between_claim_and_post_the_next_instance_posts_once(platforms: Platforms) -> None:
    kill_mid_post(platforms, "before")
    assert slack_posts(platforms) == [] and discord_posts(platforms) == []
    other = platforms.scheduler(digest(), owner="instance-b", lease=dt.timedelta(minutes=2))
    platforms.tick(other, NINE + dt.timedelta(minutes=1))            # the claim still holds
    assert post_requests(platforms) == (1, 1)
    platforms.tick(other, NINE + dt.timedelta(minutes=3))            # it has lapsed: taken over
    platforms.tick(other, NINE + dt.timedelta(minutes=4))
    assert len(slack_posts(platforms)) == 1 and len(discord_posts(platforms)) == 1
    assert platforms.slack.calls_to("conversations.history"), "looked for an earlier post first"
    for key in KEYS:
        row = platforms.ledger.find("morning", key, NINE)
        assert (row.status, row.owner, row.attempts) == (POSTED, "instance-b", 2)


def test_killed_after_the_platform_took_the_post_nothing_is_posted_twice(
        platforms: Platforms) -> None:
    kill_mid_post(platforms, "after")
    [slack] = slack_posts(platforms)
    [discord] = discord_posts(platforms)
    other = platforms.scheduler(digest(), owner="instance-b")
    platforms.tick(other, NINE + dt.timedelta(minutes=6))
    assert len(platforms.slack.calls_to("chat.postMessage")) == 1    # found it in the history
    assert slack_posts(platforms) == [slack] and discord_posts(platforms) == [discord]
    slack_row = platforms.ledger.find("morning", KEYS[0], NINE)
    discord_row = platforms.ledger.find("morning", KEYS[1], NINE)
    assert (slack_row.status, slack_row.message_id) == (POSTED, slack["ts"])
    assert (discord_row.status, discord_row.message_id) == (POSTED, discord["id"])


def test_a_discord_takeover_after_the_nonce_window_finds_the_post_instead_of_repeating_it(
        platforms: Platforms) -> None:
    """Discord honours a nonce for a few minutes only. Past that, posting again with the same
    nonce makes a second message (shown first, on the fake, which keeps Discord's window), so
    a late takeover looks through the channel's latest messages for the slot's reference."""
    import time

    platforms.discord.nonce_window = 0.2
    kill_mid_post(platforms, "after")
    [discord] = discord_posts(platforms)
    time.sleep(0.3)                                                  # the window has passed
    other = platforms.scheduler(digest(), owner="instance-b")
    platforms.tick(other, NINE + dt.timedelta(minutes=6))
    assert discord_posts(platforms) == [discord]
    looked = platforms.discord.matching("GET", f"/channels/{DISCORD_CHANNEL}/messages")
    assert looked and post_requests(platforms)[1] == 1               # found, not posted again
    row = platforms.ledger.find("morning", KEYS[1], NINE)
    assert (row.status, row.message_id) == (POSTED, discord["id"])
    reference = discord["embeds"][0]["footer"]["text"]
    assert reference.endswith("ref " + nonce(slot_key("morning", Destination(
        "discord", DISCORD_CHANNEL), NINE)))


def test_past_the_nonce_window_the_same_nonce_is_a_new_message(platforms: Platforms) -> None:
    """What the look above guards against, as the fake (and Discord) behave."""
    import time

    import aiohttp

    async def post() -> str:
        async with aiohttp.ClientSession() as session:
            async with session.post(
                    f"{platforms.discord.api_url}/channels/{DISCORD_CHANNEL}/messages",
                    json={"content": "x", "nonce": "n1", "enforce_nonce": True},
                    headers={"Authorization": f"Bot {GOOD_TOKEN}"}) as reply:
                return (await reply.json())["id"]

    platforms.discord.nonce_window = 0.2
    first, again = platforms.loop.run(post()), platforms.loop.run(post())
    time.sleep(0.3)
    late = platforms.loop.run(post())
    assert first == again != late and len(discord_posts(platforms)) == 2


def run_config(tmp_path: Path, platforms: Platforms, slot: dt.datetime, grace: str) -> Path:
    config = tmp_path / "config.yaml"
    config.write_text(
        f"database_url: {platforms.database_url}\n"
        "digests:\n  grace: 2h\n  lease: 2m\n  allow_private_webhooks: true\n"
        f"  shutdown_grace: {grace}\n  schedule:\n"
        f"    - name: morning\n      cron: \"{slot.minute} {slot.hour} * * *\"\n"
        "      destinations:\n        - slack_webhook: RUN_TEST_SLACK_HOOK\n")
    return config


def recent_slot() -> dt.datetime:
    """A daily slot half an hour ago (UTC): due at once, well inside the grace period."""
    now = dt.datetime.now(dt.timezone.utc)
    return (now - dt.timedelta(minutes=30)).replace(second=0, microsecond=0)


@pytest.fixture
def hook(platforms: Platforms) -> dict[str, str]:
    return {"RUN_TEST_SLACK_HOOK": platforms.slack.webhook_url("T1/B1/run")}


def test_sigterm_lets_a_post_in_flight_finish(platforms: Platforms, tmp_path: Path,
                                              hook: dict[str, str]) -> None:
    slot = recent_slot()
    platforms.slack.stall("webhook", 1.5)                      # slow, but it will answer
    process = docket_run(run_config(tmp_path, platforms, slot, "10s"), hook)
    wait_until(lambda: platforms.slack.calls_to("webhook"), what="the digest post")
    process.send_signal(signal.SIGTERM)
    output, _ = process.communicate(timeout=15)
    assert process.returncode == 0, output
    assert len(platforms.slack.posted("/services/T1/B1/run")) == 1
    row = platforms.ledger.find("morning", "slack_webhook:RUN_TEST_SLACK_HOOK", slot)
    assert row.status == POSTED
    assert "digest scheduler" in output and "stopped" in output


def test_sigterm_releases_a_stuck_post_and_the_next_instance_posts_it_once(
        platforms: Platforms) -> None:
    """Through the bot: the next instance looks in the channel first, finds nothing, posts."""
    slot = recent_slot()
    when = f"{slot.minute} {slot.hour} * * *"
    platforms.slack.stall("chat.postMessage", "before")          # never answers
    worker = start_worker(platforms, "worker-a", [], when=when, run=0.5,
                          destinations=[["slack", SLACK_CHANNEL]])
    release(worker)
    wait_until(lambda: platforms.slack.calls_to("chat.postMessage"), what="the digest post")
    worker.send_signal(signal.SIGTERM)
    output, _ = worker.communicate(timeout=15)
    assert worker.returncode == 0, output
    released = platforms.ledger.find("morning", KEYS[0], slot)
    assert (released.status, released.owner, released.sent) == (CLAIMED, None, True)
    assert released.error == "released at shutdown"
    platforms.slack.unstall()
    other = platforms.scheduler(digest(when=when, destinations=(Destination("slack", SLACK_CHANNEL),)),
                                owner="instance-b")
    platforms.tick(other, dt.datetime.now(dt.timezone.utc) + dt.timedelta(seconds=1))
    assert platforms.slack.calls_to("conversations.history")
    assert len(slack_posts(platforms)) == 1
    assert platforms.ledger.find("morning", KEYS[0], slot).status == POSTED


def test_sigterm_on_a_stuck_webhook_post_is_not_repeated_on_a_guess(
        platforms: Platforms, tmp_path: Path, hook: dict[str, str], monkeypatch) -> None:
    """docket run itself: released at SIGTERM; a webhook cannot be searched, so the next
    instance records that the post may have gone through rather than post it twice."""
    slot = recent_slot()
    platforms.slack.stall("webhook", "before")                   # never answers
    process = docket_run(run_config(tmp_path, platforms, slot, "1s"), hook)
    wait_until(lambda: platforms.slack.calls_to("webhook"), what="the digest post")
    process.send_signal(signal.SIGTERM)
    output, _ = process.communicate(timeout=15)
    assert process.returncode == 0, output
    key = "slack_webhook:RUN_TEST_SLACK_HOOK"
    released = platforms.ledger.find("morning", key, slot)
    assert (released.status, released.owner, released.sent) == (CLAIMED, None, True)
    platforms.slack.unstall()
    for name, value in hook.items():
        monkeypatch.setenv(name, value)
    spec = digest(destinations=(Destination("slack_webhook", "RUN_TEST_SLACK_HOOK"),),
                  when=f"{slot.minute} {slot.hour} * * *")
    other = platforms.scheduler(spec, owner="instance-b")
    platforms.tick(other, dt.datetime.now(dt.timezone.utc) + dt.timedelta(seconds=1))
    assert len(platforms.slack.calls_to("webhook")) == 1
    row = platforms.ledger.find("morning", key, slot)
    assert row.status == FAILED and "may have reached the Slack webhook" in row.error


def test_the_slot_reference_keeps_a_full_digest_within_discords_limits() -> None:
    from bot.adapters.posting.discord import _with_reference
    from bot.render.discord import TOTAL_MAX, embed_size

    fields = [{"name": f"[{n}] a source", "value": "x" * 900, "inline": False} for n in range(6)]
    full = {"title": "t" * 200, "description": "d" * 400, "fields": fields,
            "footer": {"text": "Confidence high"}}
    full = {**full, "description": "d" * (TOTAL_MAX - embed_size(full) + 400)}
    assert embed_size({**full, "fields": fields}) >= TOTAL_MAX - 10
    marked = _with_reference(full, "morning|discord:1|2026-11-23T09:00")
    assert embed_size(marked) <= TOTAL_MAX
    assert marked["footer"]["text"].startswith("Confidence high · ref ")
