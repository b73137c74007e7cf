"""docket digest preview | send | status, and docket run's start-up checks, as an operator runs them."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.answering import messages as msg
from bot.app.cli import main
from bot.digests.ledger import MANUAL, POSTED

from .harness import Platforms

CONFIG = """database_url: {url}
digests:
  allow_private_webhooks: true     # the fake platforms listen on 127.0.0.1
  schedule:
    - name: newsroom
      cron: weekdays 09:00
      timezone: Europe/London
      points: 3
      destinations:
        - slack_webhook: CLI_SLACK_HOOK
        - discord_webhook: CLI_DISCORD_HOOK
"""


@pytest.fixture
def config(tmp_path: Path, platforms: Platforms, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CLI_SLACK_HOOK", platforms.slack.webhook_url("T1/B1/cli"))
    monkeypatch.setenv("CLI_DISCORD_HOOK", platforms.discord.webhook_url("cli"))
    file = tmp_path / "config.yaml"
    file.write_text(CONFIG.format(url=platforms.database_url))
    return file


def test_preview_prints_the_digest_and_posts_nothing(config: Path, platforms: Platforms,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["digest", "preview", "newsroom", "--config", str(config)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("ICE Secure Docket Card: briefing digest for ")
    assert out.count("\n• ") == 3 and "Sources\nLeaked Images" in out and "\n  [1] “" in out
    assert "Ask more: /docket what is it" in out
    assert "Schedule: At 09:00 on Monday through Friday (Europe/London)" in out
    assert "Posts to: Slack webhook ($CLI_SLACK_HOOK); Discord webhook ($CLI_DISCORD_HOOK)" in out
    assert platforms.slack.calls == [] and platforms.discord.requests == []


def test_preview_and_status_read_a_database_that_does_not_exist_without_creating_it(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Checking a new config before its first run must leave no empty database behind: one
    would look like a Docket that never posted, and the first run would start from it."""
    database = tmp_path / "not-yet.sqlite3"
    file = tmp_path / "config.yaml"
    file.write_text(CONFIG.format(url=f"sqlite:///{database}"))
    assert main(["digest", "preview", "newsroom", "--config", str(file)]) == 0
    assert main(["digest", "status", "--config", str(file)]) == 0
    assert "nothing posted yet" in capsys.readouterr().out
    assert not database.exists()
    # a send that cannot post (its webhook's variable is unset) stops before making one
    assert main(["digest", "send", "newsroom", "--config", str(file)]) == 1
    assert "CLI_SLACK_HOOK is not set" in capsys.readouterr().err
    assert not database.exists()


def test_send_posts_now_records_a_manual_send_and_status_shows_it(
        config: Path, platforms: Platforms, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["digest", "send", "newsroom", "--config", str(config)]) == 0
    out = capsys.readouterr().out
    assert "posted to Slack webhook ($CLI_SLACK_HOOK)" in out
    assert "posted to Discord webhook ($CLI_DISCORD_HOOK) (message 1" in out
    assert len(platforms.slack.posted("/services/T1/B1/cli")) == 1
    assert len(platforms.discord.posted("webhook")) == 1
    [row] = platforms.ledger.recent("newsroom", "discord_webhook:CLI_DISCORD_HOOK")
    assert (row.kind, row.status) == (MANUAL, POSTED)
    assert main(["digest", "status", "--config", str(config)]) == 0
    status = capsys.readouterr().out
    assert status.startswith("newsroom (from the config): At 09:00 on Monday through Friday")
    assert "  next: " in status and status.count("last posted") == 2 and "(manual, message" in status


def test_send_reports_a_failed_destination_and_exits_1(
        config: Path, platforms: Platforms, capsys: pytest.CaptureFixture[str]) -> None:
    from fakes.discord_api import HttpFailure

    platforms.discord.fail_http("/webhooks/", HttpFailure(404, code=10015, message="Unknown Webhook"))
    assert main(["digest", "send", "newsroom", "--config", str(config)]) == 1
    captured = capsys.readouterr()
    assert "posted to Slack webhook" in captured.out
    assert "NOT posted to Discord webhook ($CLI_DISCORD_HOOK): Discord webhook: HTTP 404 " \
           "Unknown Webhook (code 10015)" in captured.err
    assert main(["digest", "status", "--config", str(config)]) == 0
    assert "FAILED the manual send of" in capsys.readouterr().out


def test_an_unknown_digest_name_lists_the_real_ones(config: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["digest", "preview", "nope", "--config", str(config)]) == 1
    assert capsys.readouterr().err.strip() == \
        "error: no digest named 'nope' (digests: newsroom)"


def test_send_without_the_webhook_variable_names_it(config: Path, monkeypatch: pytest.MonkeyPatch,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.delenv("CLI_DISCORD_HOOK")
    assert main(["digest", "send", "newsroom", "--config", str(config)]) == 1
    err = capsys.readouterr().err.strip()
    assert err == ("error: environment variable CLI_DISCORD_HOOK is not set (the incoming "
                   "webhook URL for digest 'newsroom')")


def test_run_with_nothing_configured_says_so(tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    file = tmp_path / "config.yaml"
    file.write_text("pack: " + str(Path(__file__).resolve().parents[2] / "briefings/docket") + "\n")
    assert main(["run", "--config", str(file)]) == 1
    assert "nothing to run: the config has no slack:" in capsys.readouterr().err
    assert main(["run"]) == 1                      # no file at all: say that, not "the config"
    assert "nothing to run: no config file given; pass --config FILE" in capsys.readouterr().err


def test_the_console_refuses_digest_commands_and_points_to_docket_run(
        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ask", "subscribe daily 09:00"]) == 0
    out = capsys.readouterr().out
    assert msg.DIGESTS_OFF_HEADLINE in out and "docket digest" in out
    assert "Try:" not in out            # no subscribe example that would only refuse again


def test_a_database_that_refuses_the_connection_is_one_line_without_the_password(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    from postgres import free_port

    monkeypatch.delenv("DATABASE_URL", raising=False)
    url = f"postgresql://docket:s3cret-pw@127.0.0.1:{free_port()}/docket"
    file = tmp_path / "config.yaml"
    file.write_text(f"database_url: {url}\n")
    assert main(["digest", "status", "--config", str(file)]) == 1
    [line] = capsys.readouterr().err.splitlines()
    assert line.startswith("error: database_url: cannot open the database "
                           "postgresql+psycopg://docket:***@127.0.0.1:")
    assert "s3cret-pw" not in line


@pytest.mark.parametrize("url", ["file:///etc/passwd", "http://hooks.slack.com/services/x",
                                 "https://127.0.0.1/hook", "https://169.254.169.254/latest",
                                 "https://[::1]/hook", "https://localhost/hook", "not a url"])
def test_a_webhook_url_that_is_not_https_to_a_public_address_stops_the_send(
        config: Path, platforms: Platforms, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str], url: str) -> None:
    config.write_text(config.read_text().replace("  allow_private_webhooks: true", ""))
    monkeypatch.setenv("CLI_SLACK_HOOK", url)
    assert main(["digest", "send", "newsroom", "--config", str(config)]) != 0
    err = capsys.readouterr().err
    assert "CLI_SLACK_HOOK" in err and len(err.strip().splitlines()) == 1
    assert url not in err or url == "not a url"
    assert platforms.slack.calls == [] and platforms.discord.requests == []


def test_status_without_a_config_or_a_database_here_says_so_and_makes_none(
        tmp_path, monkeypatch, capsys):
    from bot.app.cli import main

    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("DATABASE_URL", raising=False)
    assert main(["digest", "status"]) == 1
    assert "no database here" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []
