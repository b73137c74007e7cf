"""Start-up against the fake Discord: login, command sync (guild or global), intents, shards."""

from __future__ import annotations

from bot.adapters.discord.settings import DiscordSettings
from fakes.discord_api import APP_ID
from fakes.discord_gateway import ask

from .conftest import run, running_bot

GUILDS_INTENT = 1


def test_global_sync_registers_docket_with_question_autocomplete_and_private(router):
    async def scenario() -> None:
        async with running_bot(router, DiscordSettings(sync="global")) as (fake, _):
            assert fake.matching("GET", "/users/@me")[0].authorized
            [sync] = fake.matching("PUT", "/applications/")
            assert sync.path == f"/applications/{APP_ID}/commands"
            [command] = sync.body
            assert command["name"] == "docket" and command["type"] == 1
            options = {o["name"]: o for o in command["options"]}
            assert options["question"]["type"] == 3
            assert options["question"]["required"] is True
            assert options["question"]["autocomplete"] is True
            assert options["private"]["type"] == 5
            assert options["private"].get("required", False) is False
            assert all(len(o["description"]) <= 100 for o in command["options"])
            assert len(command["description"]) <= 100
            [identify] = fake.gateway.identified
            assert identify["intents"] == GUILDS_INTENT  # nothing privileged
            assert identify["token"]  # sent to the fake gateway, never logged

    run(scenario())


def test_guild_sync_registers_in_each_configured_server_only(router):
    settings = DiscordSettings(sync="guild", guild_ids=(111, 222))

    async def scenario() -> None:
        async with running_bot(router, settings) as (fake, _):
            paths = [r.path for r in fake.matching("PUT", "/applications/")]
            assert paths == [f"/applications/{APP_ID}/guilds/111/commands",
                             f"/applications/{APP_ID}/guilds/222/commands"]
            assert all(r.body[0]["name"] == "docket"
                       for r in fake.matching("PUT", "/applications/"))
            payload = ask("topics", command_guild_id=111, app_id=APP_ID)
            await fake.gateway.dispatch("INTERACTION_CREATE", payload)
            [callback] = await fake.replies_to(payload)
            assert callback.body["data"]["embeds"][0]["title"].startswith("Topics")

    run(scenario())


def test_shard_count_runs_every_shard_and_each_answers(router):
    settings = DiscordSettings(shard_count=2)

    async def scenario() -> None:
        async with running_bot(router, settings) as (fake, client):
            assert type(client).__name__ == "ShardedDocketClient"
            shards = sorted(tuple(i["shard"]) for i in fake.gateway.identified)
            assert shards == [(0, 2), (1, 2)]
            for shard in (0, 1):
                payload = ask("help", app_id=APP_ID)
                await fake.gateway.dispatch("INTERACTION_CREATE", payload, shard=shard)
                [callback] = await fake.replies_to(payload)
                assert callback.body["type"] == 4

    run(scenario())


def test_shard_ids_run_only_this_process_share(router):
    settings = DiscordSettings(shard_count=3, shard_ids=(1,))

    async def scenario() -> None:
        async with running_bot(router, settings) as (fake, _):
            assert [i["shard"] for i in fake.gateway.identified] == [[1, 3]]
            assert fake.gateway.shards == [1]

    run(scenario())


def test_the_configured_command_name_is_registered_and_used_in_answers(router):
    async def scenario() -> None:
        async with running_bot(router, DiscordSettings(sync="global"), command="/brief") as (
                fake, _):
            [sync] = fake.matching("PUT", "/applications/")
            [command] = sync.body
            assert command["name"] == "brief"
            payload = ask("help", app_id=APP_ID)
            payload["data"]["name"] = "brief"
            await fake.gateway.dispatch("INTERACTION_CREATE", payload)
            [callback] = await fake.replies_to(payload)
            description = callback.body["data"]["embeds"][0]["description"]
            assert "`/brief topics`" in description and "/docket" not in description

    run(scenario())
