"""The ``slack:`` section and the environment: every bad or missing value is one clear line."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.adapters.slack.settings import DEFAULT_SCOPES, needed_env, secrets_from
from bot.app.cli import main as cli_main
from bot.app.config import load_config, parse_config
from bot.environment import read_env
from bot.errors import ConfigError

ENV = ("SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_CLIENT_ID",
       "SLACK_CLIENT_SECRET", "DATABASE_URL")


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ENV:
        monkeypatch.delenv(name, raising=False)


def settings(**section: object):
    return parse_config({"slack": section}).slack


def read_secrets(parsed):
    return secrets_from(read_env(needed_env(parsed)))


def test_defaults_are_socket_mode_for_one_workspace() -> None:
    parsed = settings()
    assert (parsed.mode, parsed.port, parsed.command, parsed.ephemeral, parsed.oauth) == \
        ("socket", 3000, "/docket", True, False)
    assert parsed.scopes == DEFAULT_SCOPES
    assert parsed.database_url.startswith("sqlite:///") and parsed.database_url.endswith(
        "docket.sqlite3")


def test_a_full_section_is_read() -> None:
    parsed = settings(mode="http", host="127.0.0.1", port=8080, command="/brief",
                      ephemeral=False, oauth=True, scopes=["commands", "chat:write"],
                      database_url="postgres://db.internal/docket",
                      redirect_uri="https://docket.example.org/slack/oauth_redirect")
    assert parsed.command == "/brief" and parsed.scopes == ("commands", "chat:write")
    assert parsed.database_url == "postgresql+psycopg://db.internal/docket"


def test_database_url_from_the_environment_wins(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", "postgresql://from-env/docket")
    assert settings(database_url="sqlite:///file.db").database_url == \
        "postgresql+psycopg://from-env/docket"


@pytest.mark.parametrize("section, named", [
    ({"mode": "websocket"}, "slack.mode"),
    ({"port": "3000"}, "slack.port"),
    ({"port": 70000}, "slack.port"),
    ({"command": "docket"}, "slack.command"),
    ({"ephemeral": "yes"}, "slack.ephemeral"),
    ({"oauth": True}, "slack: oauth: multi-workspace install needs mode: http"),
    ({"scopes": "chat:write"}, "slack.scopes"),
    ({"database_url": "installs.db"}, "slack.database_url"),
    ({"redirect_uri": "http://insecure/"}, "slack.redirect_uri"),
    ({"prot": 3000}, "slack.prot"),
])
def test_bad_setting_is_named_in_one_line(section: dict, named: str) -> None:
    with pytest.raises(ConfigError) as caught:
        settings(**section)
    assert named in str(caught.value) and "\n" not in str(caught.value)


@pytest.mark.parametrize("section, env, missing", [
    ({}, {}, "SLACK_BOT_TOKEN"),
    ({}, {"SLACK_BOT_TOKEN": "xoxb-1"}, "SLACK_APP_TOKEN"),
    ({"mode": "http"}, {"SLACK_BOT_TOKEN": "xoxb-1"}, "SLACK_SIGNING_SECRET"),
    ({"mode": "http", "oauth": True}, {"SLACK_SIGNING_SECRET": "s"}, "SLACK_CLIENT_ID"),
    ({"mode": "http", "oauth": True}, {"SLACK_SIGNING_SECRET": "s", "SLACK_CLIENT_ID": "1"},
     "SLACK_CLIENT_SECRET"),
])
def test_missing_secret_is_named(monkeypatch: pytest.MonkeyPatch, section: dict,
                                 env: dict, missing: str) -> None:
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    with pytest.raises(ConfigError, match=f"environment variable {missing} is not set"):
        read_secrets(settings(**section))


def test_every_missing_secret_is_named_at_once() -> None:
    with pytest.raises(ConfigError) as caught:
        read_secrets(settings(mode="http", oauth=True))
    assert [line.split()[2] for line in caught.value.problems] == [
        "SLACK_SIGNING_SECRET", "SLACK_CLIENT_ID", "SLACK_CLIENT_SECRET"]


def test_app_token_must_be_an_app_level_token(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-1")
    monkeypatch.setenv("SLACK_APP_TOKEN", "xoxb-wrong-kind")
    with pytest.raises(ConfigError, match="SLACK_APP_TOKEN must start with xapp-"):
        read_secrets(settings())


def test_bot_token_must_be_a_bot_token(monkeypatch: pytest.MonkeyPatch) -> None:
    """A user token or a pasted app token fails here, before any connection is tried."""
    monkeypatch.setenv("SLACK_BOT_TOKEN", "notatoken")
    monkeypatch.setenv("SLACK_APP_TOKEN", "xapp-1")
    with pytest.raises(ConfigError, match="SLACK_BOT_TOKEN must start with xoxb-"):
        read_secrets(settings())


def test_secrets_never_show_in_repr(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-very-secret")
    monkeypatch.setenv("SLACK_SIGNING_SECRET", "signing-very-secret")
    shown = repr(read_secrets(settings(mode="http")))
    assert "very-secret" not in shown


def test_docket_slack_with_a_missing_token_stops_with_one_line(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "config.yaml"
    config.write_text("slack:\n  mode: http\n  port: 3999\n")
    assert cli_main(["slack", "--config", str(config)]) == 1
    lines = capsys.readouterr().err.strip().splitlines()
    assert lines == ["error: environment variable SLACK_BOT_TOKEN is not set (the xoxb- bot "
                     "token from OAuth & Permissions)",
                     "error: environment variable SLACK_SIGNING_SECRET is not set (verifies "
                     "requests from Slack)"]


def test_sqlite_file_sits_next_to_the_config(tmp_path: Path) -> None:
    config = tmp_path / "config.yaml"
    config.write_text("slack:\n  mode: http\n")
    parsed = load_config(config).slack
    assert parsed.database_url == f"sqlite:///{tmp_path.resolve() / 'docket.sqlite3'}"
