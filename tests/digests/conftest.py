"""Fixtures for digest scenarios: the fake platforms in a loop thread, a database of each kind."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from fakes.discord_api import FakeDiscord  # noqa: E402
from fakes.loop import LoopThread  # noqa: E402
from fakes.slack_api import FakeSlackApi  # noqa: E402

from .harness import Platforms  # noqa: E402


@pytest.fixture(scope="session")
def fake_platforms() -> Iterator[tuple[LoopThread, FakeSlackApi, FakeDiscord]]:
    loop = LoopThread()
    slack, discord = FakeSlackApi(), FakeDiscord(patch_library=False)
    loop.run(slack.start())
    loop.run(discord.start())
    yield loop, slack, discord
    loop.run(slack.stop())
    loop.run(discord.stop())
    loop.close()


@pytest.fixture
def platforms(fake_platforms: tuple[LoopThread, FakeSlackApi, FakeDiscord],
              database_url: str) -> Iterator[Platforms]:
    loop, slack, discord = fake_platforms
    slack.reset()
    discord.reset()
    harness = Platforms(loop, slack, discord, database_url)
    yield harness
    slack.unstall()
    discord.unstall()
    harness.close()
