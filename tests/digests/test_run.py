"""docket run's composition: the Slack app answering and the scheduler posting, in one loop,
stopped together. The platforms are the local fakes; the code path is run_services itself."""

from __future__ import annotations

import asyncio
import datetime as dt
import socket
from pathlib import Path

import pytest

from bot.app.config import load_config
from bot.digests.ledger import POSTED
from bot.app.runner import Endpoints, run_services
from fakes.slack_requests import SlackSender

from .harness import SLACK_CHANNEL, Platforms, slack_posts
from .workers import wait_until


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_one_process_answers_slack_and_posts_the_due_digest(
        platforms: Platforms, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-run-token")
    monkeypatch.setenv("SLACK_SIGNING_SECRET", "run-secret")
    monkeypatch.delenv("DATABASE_URL", raising=False)
    slot = (dt.datetime.now(dt.timezone.utc) - dt.timedelta(minutes=20)).replace(
        second=0, microsecond=0)
    port = free_port()
    config = tmp_path / "config.yaml"
    config.write_text(
        f"database_url: {platforms.database_url}\n"
        f"slack:\n  mode: http\n  host: 127.0.0.1\n  port: {port}\n"
        f"  api_url: {platforms.slack.base_url}\n"
        "digests:\n  schedule:\n    - name: morning\n"
        f"      cron: \"{slot.minute} {slot.hour} * * *\"\n"
        f"      destinations:\n        - slack: {SLACK_CHANNEL}\n")
    stop = asyncio.Event()
    endpoints = Endpoints(discord=platforms.discord.api_url)
    running = asyncio.run_coroutine_threadsafe(
        run_services(load_config(config), endpoints=endpoints, stop=stop), platforms.loop.loop)
    try:
        wait_until(lambda: slack_posts(platforms), what="the due digest")
        sender = SlackSender(f"http://127.0.0.1:{port}", platforms.slack, secret="run-secret")
        wait_until(lambda: _up(sender), what="the Slack endpoint")
        assert sender.command("who gets the card").status == 200
        [answer] = platforms.slack.wait_for("response_url")
        assert "Who gets it" in answer.args["text"]
    finally:
        platforms.loop.loop.call_soon_threadsafe(stop.set)
        assert running.result(timeout=20) == 0
    [post] = platforms.slack.calls_to("chat.postMessage")
    assert post.token == "xoxb-run-token" and post.args["channel"] == SLACK_CHANNEL
    assert platforms.ledger.find("morning", f"slack:{SLACK_CHANNEL}", slot).status == POSTED


def _up(sender: SlackSender) -> bool:
    try:
        return sender.get("/healthz").status == 200
    except OSError:
        return False
