"""A running process picks up an edited pack without a restart: a question refused before the
edit is answered after it; an edit that does not validate is logged, and the last good pack
keeps answering."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from .harness import Platforms
from .running import running_slack
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


def test_an_edited_pack_is_answered_from_without_a_restart(
        platforms: Platforms, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture) -> None:
    with running_slack(platforms, tmp_path, monkeypatch) as app:
        def answer(question: str, count: int) -> str:
            assert app.sender.command(question).status == 200
            return platforms.slack.wait_for("response_url", count)[-1].args["text"]

        assert answer("what colour is the card", 1).startswith("No sourced answer")
        file = app.pack / "snippets" / "20-card.yaml"
        file.write_text(file.read_text().rstrip() + "\n" + SNIPPET)
        asked = [1]

        def answered() -> bool:
            asked[0] += 1
            return not answer("what colour is the card", asked[0]).startswith("No sourced")
        wait_until(answered, what="the edited pack answering")
        with caplog.at_level(logging.ERROR, logger="bot.app.reloading"):
            (app.pack / "pack.yaml").write_text("id: [broken\n")
            wait_until(lambda: "does not load" in caplog.text, what="the refused edit logged")
        asked[0] += 1
        assert not answer("what colour is the card", asked[0]).startswith("No sourced")
