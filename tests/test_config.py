"""Config: settings from a file, secrets only from the environment, one clear line per mistake."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.app.config import load_config, require_env
from bot.errors import ConfigError

ROOT = Path(__file__).parent.parent


def test_example_config_loads() -> None:
    config = load_config(ROOT / "config.example.yaml")
    assert config.pack.is_dir()
    assert config.command == "/docket"


def test_defaults_without_a_file() -> None:
    config = load_config(None)
    assert config.pack.name == "docket" and not config.sections


@pytest.mark.parametrize("text,needle", [
    ("slack:\n  bot_token: xoxb-123\n", "'slack.bot_token' looks like a secret"),
    ("command: docket\n", "'command' must look like /docket"),
    ("slack: [1, 2]\n", "section 'slack' must be a mapping"),
    ("slack:\n  mode: [\n", "malformed YAML"),
    ("- a list\n", "expected a mapping"),
])
def test_bad_config_gives_one_clear_line(tmp_path: Path, text: str, needle: str) -> None:
    file = tmp_path / "config.yaml"
    file.write_text(text)
    with pytest.raises(ConfigError) as caught:
        load_config(file)
    assert needle in str(caught.value) and "\n" not in str(caught.value)


def test_missing_file_and_missing_env(monkeypatch) -> None:
    with pytest.raises(ConfigError, match="config file not found"):
        load_config("/nonexistent/config.yaml")
    monkeypatch.delenv("DOCKET_TEST_SECRET", raising=False)
    with pytest.raises(ConfigError, match="DOCKET_TEST_SECRET is not set"):
        require_env("DOCKET_TEST_SECRET", "for the test")
    monkeypatch.setenv("DOCKET_TEST_SECRET", "s3cret")
    assert require_env("DOCKET_TEST_SECRET", "for the test") == "s3cret"


def test_example_adapter_sections_parse() -> None:
    from bot.adapters.discord.settings import DiscordSettings
    from bot.adapters.slack.settings import parse_settings

    config = load_config(ROOT / "config.example.yaml")
    slack = parse_settings(config)
    assert slack.mode == "socket" and slack.port == 3000
    assert DiscordSettings.from_config(config).sync == "global"


def test_unknown_keys_are_named_with_the_allowed_ones() -> None:
    from bot.app.config import reject_unknown_keys

    reject_unknown_keys({"mode": 1}, ("mode", "port"), "slack")
    with pytest.raises(ConfigError) as caught:
        reject_unknown_keys({"mode": 1, "prot": 2}, ("mode", "port"), "slack")
    assert str(caught.value) == "slack.prot: unknown key 'prot' (allowed: mode, port)"
