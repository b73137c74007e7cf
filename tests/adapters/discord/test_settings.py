"""The ``discord:`` config section and ``main``: one clear ConfigError line per bad setting."""

from __future__ import annotations

import asyncio
import logging
import socket
import threading

import pytest

from bot.adapters.discord.settings import DiscordSettings
from bot.app.cli import main as cli_main
from bot.app.config import Config, load_config, parse_config
from bot.app.runner import run_services
from bot.errors import ConfigError, StartupError
from fakes.discord_api import FakeDiscord


def main(config: Config) -> int:
    """``docket discord`` in this process: the Discord bot alone, answering questions."""
    return asyncio.run(run_services(config, chat=("discord",), scheduler=False))


def test_defaults_sync_globally_without_shards():
    settings = DiscordSettings()
    assert (settings.sync, settings.guild_ids, settings.sharded) == ("global", (), False)


def test_full_section_from_a_config_file(tmp_path):
    file = tmp_path / "config.yaml"
    file.write_text("discord:\n  sync: guild\n  guild_ids: [111, '222', 111]\n"
                    "  shard_count: 4\n  shard_ids: [2, 3]\n")
    settings = load_config(file).discord
    assert settings == DiscordSettings(sync="guild", guild_ids=(111, 222), shard_count=4,
                                       shard_ids=(2, 3))


@pytest.mark.parametrize("section, says", [
    ({"sync": "everywhere"}, "discord.sync: must be 'guild' or 'global'"),
    ({"sync": "guild"}, "guild_ids must list at least one server id"),
    ({"guild_ids": 123}, "discord.guild_ids: must be a list"),
    ({"guild_ids": ["abc"]}, "'abc' is not a server id"),
    ({"guild_ids": [True]}, "True is not a server id"),
    ({"shard_count": 0}, "discord.shard_count: must be greater than or equal to 1"),
    ({"shard_count": "2"}, "discord.shard_count: must be a whole number"),
    ({"shard_ids": [0]}, "shard_ids needs shard_count"),
    ({"shard_count": 2, "shard_ids": [2]}, "2 is not a shard number from 0 to 1"),
    ({"shard_count": 2, "shard_ids": []}, "discord.shard_ids: must not be empty"),
    ({"guilds": [1]}, "discord.guilds: unknown key; did you mean 'guild_ids'?"),
])
def test_each_bad_setting_is_one_clear_line(section, says):
    with pytest.raises(ConfigError) as caught:
        parse_config({"discord": section})
    [line] = caught.value.problems
    assert says in line, line


def test_missing_token_is_one_clear_line(monkeypatch, tmp_path, capsys):
    monkeypatch.delenv("DISCORD_TOKEN", raising=False)
    assert cli_main(["discord"]) == 1
    [line] = capsys.readouterr().err.splitlines()
    assert line.startswith("error: environment variable DISCORD_TOKEN is not set (")


def test_a_token_of_the_wrong_shape_is_one_clear_line_before_any_connection(monkeypatch,
                                                                            capsys, tmp_path):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DISCORD_TOKEN", "not a token")
    assert cli_main(["discord"]) == 1
    [line] = capsys.readouterr().err.splitlines()
    assert line.startswith("error: environment variable DISCORD_TOKEN does not look like a bot "
                           "token"), line


def test_a_token_in_the_config_file_is_refused(tmp_path):
    file = tmp_path / "config.yaml"
    file.write_text("discord:\n  token: abc\n")
    with pytest.raises(ConfigError, match="looks like a secret"):
        load_config(file)


@pytest.fixture
def debug_logging():
    """Root at DEBUG, as under ``docket -v``; both levels restored afterwards."""
    root, library = logging.getLogger(), logging.getLogger("discord")
    saved = root.level, library.level
    root.setLevel(logging.DEBUG)
    library.setLevel(logging.NOTSET)
    yield
    root.setLevel(saved[0])
    library.setLevel(saved[1])


def test_a_rejected_token_is_a_config_error_not_a_traceback(monkeypatch, debug_logging,
                                                            tmp_path):
    """``main`` runs the real client in its own loop; the fake, in a thread, answers 401."""
    monkeypatch.chdir(tmp_path)     # without a config, the database is made here
    loop = asyncio.new_event_loop()
    fake = FakeDiscord()
    loop.run_until_complete(fake.start())
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    try:
        monkeypatch.setenv("DISCORD_TOKEN", "not.the-right.token")
        with pytest.raises(StartupError, match="Discord rejected DISCORD_TOKEN"):
            main(Config())
        assert [r.path for r in fake.requests] == ["/users/@me"]
        # discord.py's DEBUG log prints whole payloads (interaction tokens); main keeps it quiet.
        assert logging.getLogger("discord").getEffectiveLevel() >= logging.INFO
    finally:
        asyncio.run_coroutine_threadsafe(fake.stop(), loop).result(5)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(5)
        loop.close()


def test_an_unreachable_discord_is_one_line_through_the_command_line(monkeypatch, capsys,
                                                                     tmp_path):
    """Nothing listens where the API should be: ``docket discord`` says so in one line."""
    import discord

    monkeypatch.chdir(tmp_path)     # without a config, the database is made here

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed = probe.getsockname()[1]
    monkeypatch.setattr(discord.http.Route, "BASE", f"http://127.0.0.1:{closed}/api/v10")
    monkeypatch.setenv("DISCORD_TOKEN", "any.bot.token")
    assert cli_main(["discord"]) == 1
    [line] = capsys.readouterr().err.splitlines()
    assert line.startswith("error: cannot reach Discord (")
