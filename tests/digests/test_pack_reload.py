"""A running process picks up an edited pack without a restart: a question refused before the
edit is answered after it; an edit that does not validate is logged, and the last good pack
keeps answering."""

from __future__ import annotations

import asyncio
import logging
import shutil
import socket
from pathlib import Path

import pytest

from bot.app import reloading
from bot.app.config import load_config
from bot.app.runner import Endpoints, run_services
from bot.pack.loader import DEFAULT_PACK
from fakes.slack_requests import SlackSender

from .harness import Platforms
from .workers import wait_until

SNIPPET = """
  - id: bus-colour
    topic: the program
    questions:
      - what colour is the card
    summary: The leaked images show the card's design.
    kind: fact
    evidence:
      - source: leaked-images
        quote: New images have surfaced
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_an_edited_pack_is_answered_from_without_a_restart(
        platforms: Platforms, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture) -> None:
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

    def answer(question: str, count: int) -> str:
        assert sender.command(question).status == 200
        return platforms.slack.wait_for("response_url", count)[-1].args["text"]

    try:
        wait_until(lambda: _up(sender), what="the Slack endpoint")
        assert answer("what colour is the card", 1).startswith("No sourced answer")
        file = pack / "snippets" / "20-card.yaml"
        file.write_text(file.read_text().rstrip() + "\n" + SNIPPET)
        asked = [1]

        def answered() -> bool:
            asked[0] += 1
            return not answer("what colour is the card", asked[0]).startswith("No sourced")
        wait_until(answered, what="the edited pack answering")
        with caplog.at_level(logging.ERROR, logger="bot.app.reloading"):
            (pack / "pack.yaml").write_text("id: [broken\n")
            wait_until(lambda: "does not load" in caplog.text, what="the refused edit logged")
        asked[0] += 1
        assert not answer("what colour is the card", asked[0]).startswith("No sourced")
    finally:
        platforms.loop.loop.call_soon_threadsafe(stop.set)
        assert running.result(timeout=20) == 0


def _up(sender: SlackSender) -> bool:
    try:
        return sender.get("/healthz").status == 200
    except OSError:
        return False
