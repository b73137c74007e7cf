"""The curators' loop with no restart: questions refused in Slack appear in ``docket curate
report``, a curator adds a snippet, the running process reloads the pack, the same question is
answered, and a Not helpful click on that answer is in the next report."""

from __future__ import annotations

import asyncio
import json
import shutil
from pathlib import Path

import pytest

from bot.app import reloading
from bot.app.cli import main
from bot.app.config import load_config
from bot.app.runner import Endpoints, run_services
from bot.pack.loader import DEFAULT_PACK
from fakes.slack_requests import SlackSender

from .harness import Platforms
from .test_pack_reload import SNIPPET, _up, free_port
from .workers import wait_until

QUESTION = "what colour is the card"


def test_a_refused_question_is_reported_curated_and_then_answered(
        platforms: Platforms, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(reloading, "RELOAD_EVERY", 0.2)
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-run-token")
    monkeypatch.setenv("SLACK_SIGNING_SECRET", "run-secret")
    monkeypatch.setenv("DOCKET_HASH_KEY", "loop-test-key")
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
    replies = [0]

    def answer(question: str, user: str = "U1") -> dict:
        assert sender.command(question, user=user).status == 200
        replies[0] += 1
        return platforms.slack.wait_for("response_url", replies[0])[-1].args

    def report() -> dict:
        capsys.readouterr()
        assert main(["curate", "report", "--config", str(config), "--json"]) == 0
        return json.loads(capsys.readouterr().out)

    try:
        wait_until(lambda: _up(sender), what="the Slack endpoint")
        for user, text in (("U1", QUESTION), ("U2", "What colour is the card?"),
                           ("U1", "which colour are the cards")):
            assert answer(text, user)["text"].startswith("No sourced answer")
        wait_until(lambda: report()["refused"] == 3, what="the refusals in the report")
        [group] = report()["refused_questions"]
        assert (group["asked"], group["people"]) == (3, 2)
        assert group["question"].lower().rstrip("?") == QUESTION

        file = pack / "snippets" / "20-card.yaml"
        file.write_text(file.read_text().rstrip() + "\n" + SNIPPET)
        wait_until(lambda: not answer(QUESTION)["text"].startswith("No sourced"),
                   what="the curated question answered")
        given = answer(QUESTION, "U2")
        [ref] = {e["value"] for b in given["blocks"] if b["type"] == "actions"
                 for e in b["elements"] if e["action_id"] == "docket_not_helpful"}
        assert sender.click("docket_not_helpful", ref, user="U2", ephemeral=False).status == 200
        replies[0] += 1
        platforms.slack.wait_for("response_url", replies[0])
        worst = report()["least_helpful"]
        assert [(w["snippet"], w["not_helpful"], w["questions"]) for w in worst] == \
            [("bus-colour", 1, [QUESTION])]
    finally:
        platforms.loop.loop.call_soon_threadsafe(stop.set)
        assert running.result(timeout=20) == 0
