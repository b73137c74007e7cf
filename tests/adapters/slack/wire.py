"""Talking to the app as Slack does: a loop thread for the servers, the app on a free port, signed requests."""

from __future__ import annotations

from typing import Any

from bot.adapters.slack.server import start_http
from bot.adapters.slack.service import slack_service
from bot.adapters.slack.settings import SlackSecrets, SlackSettings
from bot.answering.router import Router
from fakes.loop import LoopThread  # noqa: F401 - tests import it from here
from fakes.slack_api import FakeSlackApi
from fakes.slack_requests import SIGNING_SECRET, Reply, SlackSender  # noqa: F401 - likewise

BOT_TOKEN = "xoxb-test-token"


def start_app(loop_thread: LoopThread, fake: FakeSlackApi, router: Router,
              section: dict[str, Any], secrets: SlackSecrets, *,
              curation: Any = None) -> tuple[str, Any]:
    """Build the app from a ``slack:`` section and serve it on a free port; returns (base URL,
    runner). ``curation``: where feedback clicks go (answers then carry the buttons)."""
    settings = SlackSettings(**{"mode": "http", "api_url": fake.base_url, **section})

    async def start() -> Any:
        service = slack_service(settings, secrets, router, curation=curation)
        return await start_http(service.app, "127.0.0.1", 0)

    runner = loop_thread.run(start())
    return f"http://127.0.0.1:{runner.addresses[0][1]}", runner


def block_texts(payload: dict[str, Any]) -> list[str]:
    """Every piece of text in a message payload's blocks: what a reader of the message sees."""
    found: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if isinstance(node.get("text"), str):
                found.append(node["text"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(payload.get("blocks", []))
    return found
