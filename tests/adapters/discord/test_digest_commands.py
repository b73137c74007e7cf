"""/docket subscribe in Discord: Manage Server (or a configured id) may set a channel's digest;
everyone else gets a private refusal. Driven by raw interactions over the fake gateway."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from bot.answering import messages as msg
from bot.digests.chat import ChatDigests
from bot.digests.settings import DigestSettings
from bot.digests.ledger import Ledger
from bot.answering.router import Router
from bot.app.commands import build_router, command_table
from bot.digests.subscriptions import SubscriptionStore
from fakes.discord_api import APP_ID, FakeDiscord
from fakes.discord_gateway import CHANNEL_ID, GUILD_ID, USER, ask

from .conftest import run, running_bot

EPHEMERAL = 64
MANAGE_GUILD = 1 << 5
NOW = dt.datetime(2026, 11, 23, 15, 0, tzinfo=dt.timezone.utc)


@pytest.fixture
def digests(chat_state: tuple[SubscriptionStore, Ledger]) -> ChatDigests:
    return ChatDigests(*chat_state, DigestSettings(timezone="Europe/Berlin"), clock=lambda: NOW)


def as_member(payload: dict[str, Any], permissions: int) -> dict[str, Any]:
    payload["member"]["permissions"] = str(permissions)
    return payload


async def exchange(fake: FakeDiscord, payload: dict[str, Any]) -> dict[str, Any]:
    await fake.gateway.dispatch("INTERACTION_CREATE", payload)
    [callback] = await fake.replies_to(payload)
    return callback.body["data"]


def test_manage_server_subscribes_the_channel_privately(router: Router,
                                                        digests: ChatDigests) -> None:
    chat = build_router(router.pack, digests)

    async def scenario() -> None:
        async with running_bot(chat) as (fake, _):
            data = await exchange(fake, as_member(ask("subscribe weekdays 08:00", app_id=APP_ID),
                                                  MANAGE_GUILD))
            assert data["flags"] & EPHEMERAL and data["allowed_mentions"] == {"parse": []}
            [embed] = data["embeds"]
            assert embed["title"] == msg.SUBSCRIBED_HEADLINE
            assert "At 08:00 on Monday through Friday (Europe/Berlin)" in embed["description"]
            listing = await exchange(fake, as_member(ask("digests", app_id=APP_ID), MANAGE_GUILD))
            assert f"Channel {CHANNEL_ID}:" in listing["embeds"][0]["description"]

    run(scenario())
    [stored] = digests.store.all()
    assert (stored.platform, stored.team, stored.channel, stored.created_by) == \
        ("discord", str(GUILD_ID), str(CHANNEL_ID), USER["id"])
    assert stored.destination.key == f"discord:{CHANNEL_ID}"


def test_members_without_manage_server_are_refused(router: Router, digests: ChatDigests) -> None:
    chat = build_router(router.pack, digests)

    async def scenario() -> None:
        async with running_bot(chat) as (fake, _):
            for text in ("subscribe daily 09:00", "unsubscribe", "digests"):
                data = await exchange(fake, as_member(ask(text, app_id=APP_ID), 0))
                assert data["flags"] & EPHEMERAL
                assert data["embeds"][0]["title"] == msg.ADMIN_ONLY_HEADLINE
            dm = await exchange(fake, ask("subscribe daily 09:00", guild=False, app_id=APP_ID))
            assert dm["embeds"][0]["title"] == msg.ADMIN_ONLY_HEADLINE

    run(scenario())
    assert digests.store.all() == []


def test_a_configured_admin_id_may_manage_without_the_permission(router: Router,
                                                                 digests: ChatDigests) -> None:
    digests.settings = DigestSettings(admins=frozenset({USER["id"]}))
    chat = build_router(router.pack, digests)

    async def scenario() -> None:
        async with running_bot(chat) as (fake, _):
            data = await exchange(fake, as_member(ask("subscribe daily 09:00 UTC", app_id=APP_ID), 0))
            assert data["embeds"][0]["title"] == msg.SUBSCRIBED_HEADLINE
            data = await exchange(fake, as_member(ask("unsubscribe", app_id=APP_ID), 0))
            assert data["embeds"][0]["title"] == msg.UNSUBSCRIBED_HEADLINE

    run(scenario())
    assert digests.store.all() == []


def test_without_the_scheduler_digest_commands_say_how_to_turn_it_on(router: Router) -> None:
    async def scenario() -> None:
        async with running_bot(router) as (fake, _):
            data = await exchange(fake, as_member(ask("subscribe daily 09:00", app_id=APP_ID),
                                                  MANAGE_GUILD))
            assert data["flags"] & EPHEMERAL
            assert data["embeds"][0]["title"] == msg.DIGESTS_OFF_HEADLINE

    run(scenario())


class SlowRouter(Router):
    """A router on a slow database: admin commands take longer than the defer threshold."""

    def answer(self, request: Any, asker: Any = None) -> Any:
        import time

        time.sleep(0.3)
        return super().answer(request, asker)


def test_a_slow_admin_reply_is_deferred_privately(router: Router, digests: ChatDigests) -> None:
    slow = SlowRouter(router.pack, command_table(digests))

    async def scenario() -> None:
        async with running_bot(slow, defer_after=0.05) as (fake, _):
            payload = as_member(ask("digests", app_id=APP_ID), MANAGE_GUILD)
            await fake.gateway.dispatch("INTERACTION_CREATE", payload)
            defer, edit = await fake.replies_to(payload, 2)
            assert defer.body["type"] == 5 and defer.body["data"]["flags"] & EPHEMERAL
            assert edit.body["embeds"][0]["title"] == msg.DIGESTS_NONE_HEADLINE

    run(scenario())
