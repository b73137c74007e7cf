"""A running bot against the fake Discord: the real client, gateway and command tree, offline.

pytest-asyncio is not used: each test is a plain function that runs its scenario with
``asyncio.run``, and waits for results by polling what the fake received.
"""

from __future__ import annotations

import asyncio
import contextlib
import sys
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

# The shared fakes live in tests/fakes; make them importable however pytest was started.
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from bot.adapters.discord.client import build_client  # noqa: E402
from bot.adapters.discord.settings import DiscordSettings  # noqa: E402
from bot.pack.loader import DEFAULT_PACK, load_pack  # noqa: E402
from bot.answering.router import Router  # noqa: E402
from bot.answering.limits import LimitSettings  # noqa: E402
from bot.answering.router import Settings  # noqa: E402
from bot.app.commands import build_router  # noqa: E402
from fakes.discord_api import GOOD_TOKEN, FakeDiscord  # noqa: E402

#: Shared routers must not carry one test's question count into the next.
UNLIMITED = Settings(limits=LimitSettings(10**9, 10**9))


@pytest.fixture(scope="session")
def router() -> Router:
    return build_router(load_pack(DEFAULT_PACK), settings=UNLIMITED)


@contextlib.asynccontextmanager
async def running_bot(router: Router, settings: DiscordSettings | None = None, *,
                      token: str = GOOD_TOKEN, **options: Any) -> AsyncIterator[tuple[FakeDiscord, Any]]:
    """Start the fake, log the real client in and wait until every shard has identified."""
    settings = settings or DiscordSettings()
    fake = FakeDiscord(shards=settings.shard_count or 1)
    await fake.start()
    client = build_client(settings, router, **options)
    # discord.py waits 5 s between shard IDENTIFYs (Discord's rate limit); the fake has none.
    client.before_identify_hook = _no_wait  # type: ignore[method-assign]
    task = asyncio.create_task(client.start(token))
    try:
        expected = len(settings.shard_ids or range(settings.shard_count or 1))
        waiting = asyncio.create_task(fake.gateway.wait_identified(expected))
        done, _ = await asyncio.wait({task, waiting}, return_when=asyncio.FIRST_COMPLETED)
        if task in done:
            waiting.cancel()
            task.result()  # raises the client's error
            raise AssertionError("client stopped before identifying")
        waiting.result()
        yield fake, client
    finally:
        await client.close()
        with contextlib.suppress(Exception):
            await asyncio.wait_for(task, 5)
        await fake.stop()


async def _no_wait(shard_id: int | None, *, initial: bool = False) -> None:
    return None


def run(coro: Any) -> Any:
    """Run one async scenario to completion in a fresh event loop."""
    return asyncio.run(coro)
