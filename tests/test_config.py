"""Config: settings from a file checked against a schema, secrets only from the environment,
one clear line per mistake, every mistake at once."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.app.config import load_config, parse_config
from bot.app.runner import needed_env
from bot.environment import EnvVar, read_env
from bot.errors import ConfigError

ROOT = Path(__file__).parent.parent


def write(tmp_path: Path, text: str) -> Path:
    file = tmp_path / "config.yaml"
    file.write_text(text)
    return file


def problems(tmp_path: Path, text: str) -> list[str]:
    with pytest.raises(ConfigError) as caught:
        load_config(write(tmp_path, text))
    assert all("\n" not in line for line in caught.value.problems)
    return caught.value.problems


def test_example_config_loads() -> None:
    config = load_config(ROOT / "config.example.yaml")
    assert config.pack.is_dir()
    assert config.command == "/docket"
    assert config.slack is not None and config.slack.mode == "socket" and config.slack.port == 3000
    assert config.discord is not None and config.discord.sync == "global"
    assert config.digests is not None and config.digests.digests


def test_defaults_without_a_file() -> None:
    config = load_config(None)
    assert config.pack.name == "docket"
    assert (config.slack, config.discord, config.digests) == (None, None, None)


def test_an_empty_section_means_its_defaults(tmp_path: Path) -> None:
    config = load_config(write(tmp_path, "slack:\ndiscord:\n"))
    assert config.slack is not None and config.slack.mode == "socket"
    assert config.discord is not None and config.digests is None


@pytest.mark.parametrize("text, says", [
    ("digest:\n  schedule: []\n", "config.yaml:1: digest: unknown key; did you mean 'digests'?"),
    ("slak:\n  mode: http\n", "config.yaml:1: slak: unknown key; did you mean 'slack'?"),
    ("slack:\n  mode: http\n  prot: 3000\n",
     "config.yaml:3: slack.prot: unknown key; did you mean 'port'?"),
    ("slack:\n  mode: http\n  port: '3000'\n", "config.yaml:3: slack.port: must be a whole number, got '3000'"),
    ("slack:\n  port: 70000\n", "slack.port: must be less than or equal to 65535, got 70000"),
    ("slack:\n  mode: websocket\n", "slack.mode: must be 'socket' or 'http', got 'websocket'"),
    ("slack:\n  ephemeral: 'yes'\n", "slack.ephemeral: must be true or false, got 'yes'"),
    ("discord:\n  sync: everywhere\n", "discord.sync: must be 'guild' or 'global'"),
    ("command: docket\n", "config.yaml:1: command: must be a slash command like /docket"),
    ("slack: [1, 2]\n", "slack: must be a mapping of settings"),
    ("digests:\n  schedule:\n    - name: a\n      cron: daily 09:00\n      destinations:\n"
     "        - slack: C0123456789\n          chanel: x\n",
     "config.yaml:7: digests.schedule[0].destinations[0].chanel: unknown key (allowed: "),
])
def test_each_mistake_is_one_line_with_file_line_and_key(tmp_path: Path, text: str,
                                                         says: str) -> None:
    assert any(says in line for line in problems(tmp_path, text)), problems(tmp_path, text)


def test_every_mistake_is_reported_at_once(tmp_path: Path) -> None:
    found = problems(tmp_path, "slak: {}\nslack:\n  port: x\ndiscord:\n  sync: nowhere\n")
    assert sorted(line.split(": ")[1] for line in found) == ["discord.sync", "slack.port", "slak"]
    assert sorted(line.split(": ")[0].rsplit(":", 1)[1] for line in found) == ["1", "3", "5"]


def test_a_secret_in_the_file_is_reported_beside_the_other_mistakes(tmp_path: Path) -> None:
    """A token pasted into the file is refused, and the rest of the file is still checked:
    fixing it must not reveal a second round of mistakes."""
    found = problems(tmp_path, "slack:\n  port: x\n  bot_token: xoxb-123\nbogus: 1\n")
    assert [line.split(": ")[0].rsplit(":", 1)[1] for line in found] == ["2", "3", "4"]
    assert "'slack.bot_token' looks like a secret" in found[1]
    assert sum("bot_token" in line for line in found) == 1


@pytest.mark.parametrize("text, says", [
    ("slack:\n  bot_token: xoxb-123\n", "'slack.bot_token' looks like a secret"),
    ("slack:\n  mode: [\n", "malformed YAML"),
    ("- a list\n", "expected a mapping"),
])
def test_file_level_problems_are_one_line(tmp_path: Path, text: str, says: str) -> None:
    [line] = problems(tmp_path, text)
    assert says in line


def test_missing_file() -> None:
    with pytest.raises(ConfigError, match="config file not found"):
        load_config("/nonexistent/config.yaml")


def test_every_missing_environment_variable_is_named_at_once(monkeypatch) -> None:
    for name in ("SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "DISCORD_TOKEN", "TEAM_HOOK"):
        monkeypatch.delenv(name, raising=False)
    config = parse_config({"slack": {}, "discord": {}, "digests": {"schedule": [
        {"name": "a", "cron": "daily 09:00", "destinations": [{"slack_webhook": "TEAM_HOOK"}]}]}})
    with pytest.raises(ConfigError) as caught:
        read_env(needed_env(config, {"slack": config.slack, "discord": config.discord},
                            scheduler=True))
    named = [line.split()[2] for line in caught.value.problems]
    assert named == ["SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "DISCORD_TOKEN", "TEAM_HOOK"]


def test_secrets_are_masked_and_checked_for_their_prefix(monkeypatch) -> None:
    monkeypatch.setenv("DOCKET_TEST_SECRET", "s3cret-value")
    values = read_env([EnvVar("DOCKET_TEST_SECRET", "for the test")])
    assert "s3cret" not in repr(values) and "s3cret" not in str(values)
    assert values["DOCKET_TEST_SECRET"].get_secret_value() == "s3cret-value"
    with pytest.raises(ConfigError, match="DOCKET_TEST_SECRET must start with xapp-"):
        read_env([EnvVar("DOCKET_TEST_SECRET", "for the test", prefix="xapp-")])


def test_problems_are_listed_in_line_order(tmp_path: Path) -> None:
    file = tmp_path / "config.yaml"
    file.write_text("digest:\n  x: 1\nslack:\n  port: '3000'\n")
    with pytest.raises(ConfigError) as error:
        load_config(file)
    lines = [int(p.split(":")[1]) for p in error.value.problems]
    assert lines == sorted(lines) and len(lines) == 2
