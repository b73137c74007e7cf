"""The real HTTP-mode app on 127.0.0.1, talking to the fake Slack Web API, driven by signed requests.

An event loop runs in a background thread and hosts both servers; tests send
ordinary HTTP requests from the test thread, signed exactly as Slack signs
them, and wait for the app's follow-up calls by polling what the fake received.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

# The shared fakes live in tests/fakes; make them importable however pytest was started.
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from bot.adapters.slack.settings import SlackSecrets  # noqa: E402
from bot.digests.chat import ChatDigests  # noqa: E402
from bot.pack.loader import DEFAULT_PACK, load_pack  # noqa: E402
from bot.answering.router import Router  # noqa: E402
from bot.answering.limits import LimitSettings  # noqa: E402
from bot.answering.router import Settings  # noqa: E402
from bot.app.commands import build_router  # noqa: E402

#: Shared routers must not carry one test's question count into the next.
UNLIMITED = Settings(limits=LimitSettings(10**9, 10**9))
from fakes.slack_api import FakeSlackApi  # noqa: E402

from .wire import BOT_TOKEN, SIGNING_SECRET, LoopThread, SlackSender, start_app  # noqa: E402


@pytest.fixture(scope="session")
def loop_thread() -> Iterator[LoopThread]:
    thread = LoopThread()
    yield thread
    thread.close()


@pytest.fixture(scope="session")
def router() -> Router:
    return build_router(load_pack(DEFAULT_PACK), settings=UNLIMITED)


@pytest.fixture(scope="session")
def fake_server(loop_thread: LoopThread) -> Iterator[FakeSlackApi]:
    fake = FakeSlackApi()
    loop_thread.run(fake.start())
    yield fake
    loop_thread.run(fake.stop())


@pytest.fixture
def fake(fake_server: FakeSlackApi) -> FakeSlackApi:
    fake_server.reset()
    return fake_server


@pytest.fixture
def slack(loop_thread: LoopThread, fake: FakeSlackApi, router: Router) -> Iterator[SlackSender]:
    """A single-workspace app in HTTP mode, fresh for each test."""
    base, runner = start_app(loop_thread, fake, router, {},
                             SlackSecrets.of(signing_secret=SIGNING_SECRET, bot_token=BOT_TOKEN))
    yield SlackSender(base, fake)
    loop_thread.run(runner.cleanup())


@pytest.fixture
def app(loop_thread: LoopThread, fake: FakeSlackApi, digests: ChatDigests) -> Iterator[SlackSender]:
    """One workspace, HTTP mode, with digests managed from chat (each test module says how,
    with its own ``digests`` fixture)."""
    router = build_router(load_pack(DEFAULT_PACK), digests, UNLIMITED)
    base, runner = start_app(loop_thread, fake, router, {},
                             SlackSecrets.of(signing_secret=SIGNING_SECRET, bot_token=BOT_TOKEN))
    yield SlackSender(base, fake)
    loop_thread.run(runner.cleanup())
