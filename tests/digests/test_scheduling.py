"""Slots fire at their local time, once; missed slots are caught up within the grace period and
skipped beyond it; what changed since a destination's last digest is listed. Time is moved, not
waited for; every assertion is on what the fake Slack and Discord servers received."""

from __future__ import annotations

import datetime as dt
import logging
import shutil
from pathlib import Path

from bot.answering import messages as msg
from bot.digests.status import status_report
from bot.digests.ledger import MANUAL, POSTED, SCHEDULED, SKIPPED
from bot.pack.loader import DEFAULT_PACK
from bot.digests.scheduler import slot_key
from fakes.discord_api import GOOD_TOKEN

from .harness import (DISCORD_CHANNEL, SLACK_CHANNEL, SLACK_TOKEN, Platforms, at, digest,
                      discord_posts, slack_posts)


def test_a_slot_is_posted_once_to_every_destination_at_its_time(platforms: Platforms) -> None:
    spec = digest()
    scheduler = platforms.scheduler(spec)
    platforms.tick(scheduler, at(2026, 11, 23, 8, 59, 59))
    assert slack_posts(platforms) == [] and discord_posts(platforms) == []
    for moment in (at(2026, 11, 23, 9, 0, 5), at(2026, 11, 23, 9, 0, 35), at(2026, 11, 23, 9, 40)):
        platforms.tick(scheduler, moment)
    [slack] = slack_posts(platforms)
    [discord] = discord_posts(platforms)
    key = slot_key("morning", spec.destinations[0], at(2026, 11, 23, 9))
    assert slack["metadata"] == {"event_type": "docket_digest", "event_payload": {"key": key}}
    assert slack["blocks"][0]["text"]["text"] == \
        "*ICE Secure Docket Card: briefing digest for Monday 23 November 2026*"
    [call] = platforms.slack.calls_to("chat.postMessage")
    assert call.token == SLACK_TOKEN and call.args["channel"] == SLACK_CHANNEL
    [request] = [r for r in platforms.discord.requests if r.path.endswith("/messages")]
    assert request.authorized and request.body["allowed_mentions"] == {"parse": []}
    assert request.body["enforce_nonce"] is True and len(request.body["nonce"]) <= 25
    assert discord["embeds"][0]["title"].endswith("digest for Monday 23 November 2026")
    rows = {d.key: platforms.ledger.find("morning", d.key, at(2026, 11, 23, 9))
            for d in spec.destinations}
    assert rows[f"slack:{SLACK_CHANNEL}"].message_id == slack["ts"]
    assert rows[f"discord:{DISCORD_CHANNEL}"].message_id == discord["id"]
    assert {r.status for r in rows.values()} == {POSTED} and {r.kind for r in rows.values()} == {SCHEDULED}


def test_daylight_saving_moves_the_utc_time_not_the_local_one(platforms: Platforms) -> None:
    """09:00 in London: 09:00 UTC on Saturday 28 March 2026, 08:00 UTC on Sunday (BST)."""
    scheduler = platforms.scheduler(digest(zone="Europe/London"))
    posted_at = []
    moment = at(2026, 3, 28, 7, 0)
    while moment < at(2026, 3, 29, 12, 0):
        before = len(slack_posts(platforms))
        platforms.tick(scheduler, moment)
        if len(slack_posts(platforms)) > before:
            posted_at.append(moment)
        moment += dt.timedelta(minutes=15)
    assert posted_at == [at(2026, 3, 28, 9, 0), at(2026, 3, 29, 8, 0)]


def test_a_time_that_happens_twice_at_fall_back_posts_once(platforms: Platforms) -> None:
    scheduler = platforms.scheduler(digest(when="daily 01:30", zone="America/New_York"))
    moment = at(2026, 11, 1, 4, 0)                     # midnight EDT, the night clocks go back
    while moment < at(2026, 11, 1, 9, 0):
        platforms.tick(scheduler, moment)
        moment += dt.timedelta(minutes=10)
    assert len(slack_posts(platforms)) == 1 and len(discord_posts(platforms)) == 1


def test_a_slot_missed_within_the_grace_period_is_caught_up_once(platforms: Platforms) -> None:
    scheduler = platforms.scheduler(digest(), grace=dt.timedelta(hours=2))
    platforms.tick(scheduler, at(2026, 11, 23, 10, 45))     # down at 09:00, back at 10:45
    platforms.tick(scheduler, at(2026, 11, 23, 10, 46))
    platforms.tick(scheduler, at(2026, 11, 23, 12, 0))
    assert len(slack_posts(platforms)) == 1 and len(discord_posts(platforms)) == 1


def test_slots_missed_beyond_the_grace_period_are_skipped_and_logged_never_burst(
        platforms: Platforms, caplog) -> None:
    spec = digest()
    scheduler = platforms.scheduler(spec, grace=dt.timedelta(hours=2))
    platforms.tick(scheduler, at(2026, 11, 20, 9, 1))                   # posted on Friday
    assert len(slack_posts(platforms)) == 1
    caplog.set_level(logging.WARNING, logger="bot.digests.scheduler")
    platforms.tick(scheduler, at(2026, 11, 23, 13, 30))                 # back on Monday afternoon
    platforms.tick(scheduler, at(2026, 11, 23, 14, 0))
    assert len(slack_posts(platforms)) == 1 and len(discord_posts(platforms)) == 1
    skipped = platforms.ledger.find("morning", f"slack:{SLACK_CHANNEL}", at(2026, 11, 23, 9))
    assert skipped.status == SKIPPED and "past the grace period (2:00:00)" in skipped.error
    for day in (21, 22):                    # the weekend's slots are not even looked at
        assert platforms.ledger.find("morning", f"slack:{SLACK_CHANNEL}", at(2026, 11, day, 9)) is None
    assert sum("skipped" in r.getMessage() for r in caplog.records) == 2  # once per destination
    report = status_report([spec], platforms.ledger, at(2026, 11, 23, 14))
    assert "SKIPPED the slot Mon 23 Nov 2026, 09:00 UTC: missed" in report
    assert "last posted Fri 20 Nov 2026" in report
    platforms.tick(scheduler, at(2026, 11, 24, 9, 0))                   # and the next slot posts
    assert len(slack_posts(platforms)) == 2


def test_a_new_digest_waits_for_its_next_slot_rather_than_reporting_a_miss(
        platforms: Platforms) -> None:
    scheduler = platforms.scheduler(digest(), grace=dt.timedelta(hours=1))
    platforms.tick(scheduler, at(2026, 11, 23, 15, 0))
    assert slack_posts(platforms) == []
    assert platforms.ledger.recent("morning", f"slack:{SLACK_CHANNEL}") == []
    platforms.tick(scheduler, at(2026, 11, 24, 9, 0, 10))
    assert len(slack_posts(platforms)) == 1


def test_the_next_digest_lists_what_curators_added_and_changed(platforms: Platforms,
                                                               tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    shutil.copytree(DEFAULT_PACK, pack)
    scheduler = platforms.scheduler(digest(pack=pack))
    platforms.tick(scheduler, at(2026, 11, 23, 9, 0))
    card = pack / "snippets" / "20-card.yaml"
    card.write_text(card.read_text(encoding="utf-8").replace(
        "carries a photograph, a QR code", "shows a photograph and a QR code"), encoding="utf-8")
    platforms.tick(scheduler, at(2026, 11, 24, 9, 0))
    platforms.tick(scheduler, at(2026, 11, 25, 9, 0))
    first, second, third = (_texts(m) for m in slack_posts(platforms))
    assert msg.DIGEST_UPDATED not in first and msg.DIGEST_NEW not in first
    assert f"*{msg.DIGEST_UPDATED}*\n• According to the leaked images, the card shows a photograph" \
        in second
    assert msg.DIGEST_NO_CHANGES in third and msg.DIGEST_UPDATED not in third
    embeds = [m["embeds"][0]["description"] for m in discord_posts(platforms)]
    assert f"**{msg.DIGEST_UPDATED}**" in embeds[1] and msg.DIGEST_NO_CHANGES in embeds[2]


def test_a_manual_send_is_recorded_and_does_not_take_the_scheduled_slot(
        platforms: Platforms) -> None:
    spec = digest()
    scheduler = platforms.scheduler(spec)
    rows = platforms.loop.run(scheduler.send_now(spec, at(2026, 11, 23, 8, 30)))
    assert [(r.kind, r.status) for r in rows] == [(MANUAL, POSTED)] * 2
    platforms.tick(scheduler, at(2026, 11, 23, 9, 0))
    assert len(slack_posts(platforms)) == 2 and len(discord_posts(platforms)) == 2
    assert msg.DIGEST_NO_CHANGES in _texts(slack_posts(platforms)[1])   # counted from the manual one


def test_webhooks_post_for_teams_that_run_no_bot(platforms: Platforms, monkeypatch) -> None:
    from bot.digests.delivery import Destination

    monkeypatch.setenv("TEAM_SLACK_HOOK", platforms.slack.webhook_url("T1/B1/abc"))
    monkeypatch.setenv("TEAM_DISCORD_HOOK", platforms.discord.webhook_url("tok"))
    spec = digest(destinations=(Destination("slack_webhook", "TEAM_SLACK_HOOK"),
                                Destination("discord_webhook", "TEAM_DISCORD_HOOK")))
    scheduler = platforms.scheduler(spec)
    platforms.tick(scheduler, at(2026, 11, 23, 9, 0))
    platforms.tick(scheduler, at(2026, 11, 23, 9, 5))
    [hook] = platforms.slack.posted("/services/T1/B1/abc")
    assert hook["blocks"] and hook["text"].startswith("ICE Secure Docket Card: briefing digest")
    [posted] = platforms.discord.posted("webhook")
    [request] = [r for r in platforms.discord.requests if r.path.startswith("/webhooks/")]
    assert request.query == {"wait": "true"} and request.body["allowed_mentions"] == {"parse": []}
    row = platforms.ledger.find("morning", "discord_webhook:TEAM_DISCORD_HOOK", at(2026, 11, 23, 9))
    assert row.status == POSTED and row.message_id == posted["id"]
    assert GOOD_TOKEN not in str(request.body)


def _texts(message: dict) -> str:
    return "\n".join(b["text"]["text"] for b in message["blocks"] if b["type"] == "section")
