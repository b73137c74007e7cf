"""The curators' loop with no restart: questions refused in Slack appear in ``docket curate
report``, a curator adds a snippet, the running process reloads the pack, the same question is
answered, and a Not helpful click on that answer is in the next report."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.app.cli import main

from .harness import Platforms
from .running import running_slack
from .test_pack_reload import SNIPPET
from .workers import wait_until

QUESTION = "what colour is the card"


def test_a_refused_question_is_reported_curated_and_then_answered(
        platforms: Platforms, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("DOCKET_HASH_KEY", "loop-test-key")
    replies = [0]
    with running_slack(platforms, tmp_path, monkeypatch) as app:
        def answer(question: str, user: str = "U1") -> dict:
            assert app.sender.command(question, user=user).status == 200
            replies[0] += 1
            return platforms.slack.wait_for("response_url", replies[0])[-1].args

        def report() -> dict:
            capsys.readouterr()
            assert main(["curate", "report", "--config", str(app.config), "--json"]) == 0
            return json.loads(capsys.readouterr().out)

        for user, text in (("U1", QUESTION), ("U2", "What colour is the card?"),
                           ("U1", "which colour are the cards")):
            assert answer(text, user)["text"].startswith("No sourced answer")
        wait_until(lambda: report()["refused"] == 3, what="the refusals in the report")
        [group] = report()["refused_questions"]
        assert (group["asked"], group["people"]) == (3, 2)
        assert group["question"].lower().rstrip("?") == QUESTION

        file = app.pack / "snippets" / "20-card.yaml"
        file.write_text(file.read_text().rstrip() + "\n" + SNIPPET)
        wait_until(lambda: not answer(QUESTION)["text"].startswith("No sourced"),
                   what="the curated question answered")
        given = answer(QUESTION, "U2")
        [ref] = {e["value"] for b in given["blocks"] if b["type"] == "actions"
                 for e in b["elements"] if e["action_id"] == "docket_not_helpful"}
        assert app.sender.click("docket_not_helpful", ref, user="U2",
                                ephemeral=False).status == 200
        replies[0] += 1
        platforms.slack.wait_for("response_url", replies[0])
        worst = report()["least_helpful"]
        assert [(w["snippet"], w["not_helpful"], w["questions"]) for w in worst] == \
            [("bus-colour", 1, [QUESTION])]
