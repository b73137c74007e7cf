"""Interactions shaped as Discord documents them (tests/fakes/payloads), dispatched over the
fake gateway to the real client: bot DMs, group DMs, servers where only the person installed
the app, payloads without a ``channel`` object; and the command as it is registered."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from bot.answering import messages as msg
from bot.answering.router import Router
from bot.app.commands import build_router
from bot.digests.chat import ChatDigests
from bot.digests.ledger import Ledger
from bot.digests.settings import DigestSettings
from bot.digests.subscriptions import SubscriptionStore
from bot.adapters.discord.settings import DiscordSettings
from fakes.discord_api import APP_ID, FakeDiscord
from fakes.recorded import recorded

from .conftest import run, running_bot

NOW = dt.datetime(2026, 11, 23, 15, 0, tzinfo=dt.timezone.utc)
EPHEMERAL = 64
MANAGE_GUILD = 1 << 5
#: The person in every recorded interaction, made a digest admin by configuration.
ASKER = "1100000000000000030"


@pytest.fixture
def digests(chat_state: tuple[SubscriptionStore, Ledger]) -> ChatDigests:
    return ChatDigests(*chat_state, DigestSettings(admins=frozenset({ASKER})), clock=lambda: NOW)


def interaction(name: str, question: str, *, manage_server: bool = False) -> dict[str, Any]:
    payload = recorded(name)
    payload["application_id"] = str(APP_ID)
    payload["data"]["options"] = [{"type": 3, "name": "question", "value": question}]
    if "member" in payload:
        payload["member"]["permissions"] = str(MANAGE_GUILD if manage_server else 0)
    return payload


async def reply(fake: FakeDiscord, payload: dict[str, Any]) -> dict[str, Any]:
    await fake.gateway.dispatch("INTERACTION_CREATE", payload)
    [callback] = await fake.replies_to(payload)
    return callback.body["data"]


def title(data: dict[str, Any]) -> str:
    [embed] = data["embeds"]
    return embed["title"]


def ask_all(router: Router, payloads: list[dict[str, Any]]) -> list[dict[str, Any]]:
    async def scenario() -> list[dict[str, Any]]:
        async with running_bot(router) as (fake, _):
            return [await reply(fake, p) for p in payloads]
    return run(scenario())


def test_documented_interactions_are_answered_everywhere_the_command_is_offered(
        router: Router) -> None:
    names = ["discord_interaction_guild", "discord_interaction_bot_dm",
             "discord_interaction_bot_dm_guild_install", "discord_interaction_no_channel"]
    for data in ask_all(router, [interaction(n, "who gets the card") for n in names]):
        assert title(data) == "Who gets it" and data["allowed_mentions"] == {"parse": []}


@pytest.mark.parametrize("name, says", [
    ("discord_interaction_user_install_guild", msg.SUBSCRIBE_NOT_INSTALLED),
    ("discord_interaction_group_dm", msg.SUBSCRIBE_PRIVATE),
    ("discord_interaction_no_channel", msg.SUBSCRIBE_NO_CHANNEL),
])
def test_subscribe_is_refused_where_the_bot_could_never_post(
        router: Router, digests: ChatDigests, name: str, says: str) -> None:
    [data] = ask_all(build_router(router.pack, digests),
                     [interaction(name, "subscribe daily 09:00", manage_server=True)])
    assert data["flags"] & EPHEMERAL
    assert title(data) == msg.SUBSCRIBE_NO_CHANNEL_HEADLINE
    assert says in data["embeds"][0]["description"]
    assert digests.store.all() == []


def test_a_configured_admin_subscribes_their_dm_with_the_bot(router: Router,
                                                            digests: ChatDigests) -> None:
    [data] = ask_all(build_router(router.pack, digests),
                     [interaction("discord_interaction_bot_dm", "subscribe daily 09:00")])
    assert title(data) == msg.SUBSCRIBED_HEADLINE
    [stored] = digests.store.all()
    assert (stored.team, stored.created_by) == (None, ASKER)
    assert stored.channel == recorded("discord_interaction_bot_dm")["channel"]["id"]


def test_the_command_is_registered_for_server_installs_in_servers_and_bot_dms(
        router: Router) -> None:
    documented = recorded("discord_command_registration")

    async def scenario() -> list[dict[str, Any]]:
        async with running_bot(router, DiscordSettings(sync="global")) as (fake, _):
            [sync] = fake.matching("PUT", "/applications/")
            return sync.body

    [command] = run(scenario())
    for key in ("integration_types", "contexts"):
        assert command[key] == documented[key]
