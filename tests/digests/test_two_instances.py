"""Several scheduler processes on one database race for the same slots: every slot is posted
exactly once to every destination, none is lost. Counted on what the fake platforms received."""

from __future__ import annotations

import datetime as dt

from bot.adapters.posting.discord import nonce
from bot.digests.delivery import Destination
from bot.digests.ledger import POSTED
from bot.digests.scheduler import slot_key

from .harness import DISCORD_CHANNEL, SLACK_CHANNEL, Platforms, at, discord_posts, slack_posts
from .workers import finish, release, start_worker

SLOTS = [at(2026, 11, 23, 9, 0) + dt.timedelta(minutes=m) for m in range(20)]


def test_three_instances_post_each_slot_exactly_once(platforms: Platforms) -> None:
    # Each instance ticks twice a minute for twenty minutes of a digest due every minute.
    ticks = [s + dt.timedelta(seconds=sec) for s in SLOTS for sec in (1, 31)]
    workers = [start_worker(platforms, f"worker-{n}", ticks, when="* * * * *") for n in range(3)]
    release(*workers)
    for worker in workers:
        finish(worker)

    slack_keys = [m["metadata"]["event_payload"]["key"] for m in slack_posts(platforms)]
    expected = [slot_key("morning", Destination("slack", SLACK_CHANNEL), s) for s in SLOTS]
    assert sorted(slack_keys) == sorted(expected)                        # each once, none lost
    nonces = [m["nonce"] for m in discord_posts(platforms)]
    destination = Destination("discord", DISCORD_CHANNEL)
    assert sorted(nonces) == sorted(nonce(slot_key("morning", destination, s)) for s in SLOTS)
    channel_posts = [r for r in platforms.discord.requests
                     if r.method == "POST" and r.path.endswith("/messages")]
    assert len(channel_posts) == len(SLOTS)           # one request per slot: no nonce dedupe needed
    assert len(platforms.slack.calls_to("chat.postMessage")) == len(SLOTS)
    for slot in SLOTS:
        for key in (f"slack:{SLACK_CHANNEL}", f"discord:{DISCORD_CHANNEL}"):
            row = platforms.ledger.find("morning", key, slot)
            assert row.status == POSTED and row.attempts == 1 and row.message_id
            assert row.owner in {"worker-0", "worker-1", "worker-2"}
