"""``docket slack`` as a test runs it: the real services on the fake platforms' loop, a copy of
the shipped pack a test may edit, and a sender of signed slash commands."""

from __future__ import annotations

import asyncio
import contextlib
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from bot.app import reloading
from bot.app.config import load_config
from bot.app.runner import Endpoints, run_services
from bot.pack.loader import DEFAULT_PACK
from fakes.slack_requests import SlackSender
from postgres import free_port

from .harness import Platforms
from .workers import wait_until


@dataclass
class RunningSlack:
    sender: SlackSender
    pack: Path
    config: Path


@contextlib.contextmanager
def running_slack(platforms: Platforms, tmp_path: Path,
                  monkeypatch: pytest.MonkeyPatch) -> Iterator[RunningSlack]:
    """Until the block ends; the pack is looked at for edits every 0.2 s."""
    monkeypatch.setattr(reloading, "RELOAD_EVERY", 0.2)
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-run-token")
    monkeypatch.setenv("SLACK_SIGNING_SECRET", "run-secret")
    monkeypatch.delenv("DATABASE_URL", raising=False)
    pack = Path(shutil.copytree(DEFAULT_PACK, tmp_path / "pack"))
    port = free_port()
    config = tmp_path / "config.yaml"
    config.write_text(f"pack: {pack}\ndatabase_url: {platforms.database_url}\n"
                      f"slack:\n  mode: http\n  host: 127.0.0.1\n  port: {port}\n"
                      f"  api_url: {platforms.slack.base_url}\n")
    stop = asyncio.Event()
    running = asyncio.run_coroutine_threadsafe(
        run_services(load_config(config), chat=("slack",), scheduler=False,
                     endpoints=Endpoints(discord=platforms.discord.api_url), stop=stop),
        platforms.loop.loop)
    sender = SlackSender(f"http://127.0.0.1:{port}", platforms.slack, secret="run-secret")
    try:
        wait_until(lambda: _up(sender), what="the Slack endpoint")
        yield RunningSlack(sender, pack, config)
    finally:
        platforms.loop.loop.call_soon_threadsafe(stop.set)
        assert running.result(timeout=20) == 0


def _up(sender: SlackSender) -> bool:
    try:
        return sender.get("/healthz").status == 200
    except OSError:
        return False
