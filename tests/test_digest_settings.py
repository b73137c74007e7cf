"""The digests: section: a full example is read, and every mistake is one line naming its key."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from bot.app.config import load_config, parse_config
from bot.digests.delivery import Destination
from bot.digests.settings import webhook_env
from bot.environment import read_env
from bot.errors import ConfigError
from bot.pack.loader import DEFAULT_PACK

ROOT = Path(__file__).parent.parent


def parse(section: dict) -> object:
    return parse_config({"digests": section}).digests


def check_webhooks(settings) -> None:
    read_env(webhook_env(settings.digests))


def one(**entry: object) -> dict:
    base = {"name": "morning", "cron": "daily 09:00",
            "destinations": [{"slack": "C0123456789"}]}
    return {"schedule": [{**base, **entry}]}


def test_the_example_config_has_a_working_digests_section(monkeypatch: pytest.MonkeyPatch) -> None:
    settings = load_config(ROOT / "config.example.yaml").digests
    assert settings.digests, "config.example.yaml shows at least one digest"
    for spec in settings.digests:
        assert spec.pack.is_dir() and spec.destinations
        for destination in spec.destinations:
            if destination.webhook:
                monkeypatch.setenv(destination.target, "https://example.invalid/hook")
    check_webhooks(settings)


def test_a_full_entry_is_read() -> None:
    settings = parse({
        "grace": "90m", "timezone": "Europe/Berlin", "admins": ["U1", 1234567890123456789],
        "lease": "2m", "check_every": 15,
        "schedule": [{
            "name": "weekly-policy", "cron": "weekly mon 08:30", "timezone": "America/Chicago",
            "pack": "briefings/docket", "points": 3, "changes": False,
            "destinations": [{"slack": "C0123456789", "team": "T0001"},
                             {"discord": "123456789012345678"},
                             {"slack_webhook": "POLICY_SLACK_HOOK"},
                             {"discord_webhook": "POLICY_DISCORD_HOOK"}]}]})
    [spec] = settings.digests
    assert settings.grace == dt.timedelta(minutes=90) and settings.lease == dt.timedelta(minutes=2)
    assert settings.check_every == dt.timedelta(seconds=15)
    assert settings.admins == {"U1", "1234567890123456789"}
    assert (spec.schedule.cron, spec.schedule.timezone) == ("30 8 * * mon", "America/Chicago")
    assert (spec.options.points, spec.options.changes) == (3, False)
    assert spec.destinations == (Destination("slack", "C0123456789", "T0001"),
                                 Destination("discord", "123456789012345678"),
                                 Destination("slack_webhook", "POLICY_SLACK_HOOK"),
                                 Destination("discord_webhook", "POLICY_DISCORD_HOOK"))


def test_defaults_use_the_section_timezone_and_the_main_pack() -> None:
    settings = parse({"timezone": "Asia/Tokyo", **one()})
    [spec] = settings.digests
    assert spec.schedule.timezone == "Asia/Tokyo" and spec.pack == DEFAULT_PACK
    assert settings.grace == dt.timedelta(hours=2) and spec.options.points == 5


@pytest.mark.parametrize("section, named", [
    ({"grace": "soon"}, "digests.grace"),
    ({"timezone": "Moon/Base"}, "digests.timezone"),
    ({"admins": "U1"}, "digests.admins"),
    ({"schedule": {"name": "x"}}, "digests.schedule"),
    ({"schedulee": []}, "digests.schedulee"),
    (one(name="Morning Brief"), "digests.schedule[0].name"),
    (one(name="chat-slack-C1"), "digests.schedule[0].name"),
    (one(cron="every day"), "digests.schedule[0].cron: 'every day' is not a schedule"),
    (one(cron=None), "digests.schedule[0].cron"),
    (one(timezone="CET+1"), "digests.schedule[0].timezone"),
    (one(points=9), "digests.schedule[0].points: must be from 3 to 5"),
    (one(changes="yes"), "digests.schedule[0].changes: must be true or false"),
    (one(points="5"), "digests.schedule[0].points: must be a whole number"),
    (one(points=4.5), "digests.schedule[0].points: must be a whole number"),
    (one(points=None), "digests.schedule[0].points: must be a whole number"),
    (one(timezone="Europe"), "digests.schedule[0].timezone"),
    (one(timezone="America/Indiana"), "digests.schedule[0].timezone"),
    ({"lease": "10s"}, "digests.lease: must be at least 1m"),
    (one(destinations=[]), "digests.schedule[0].destinations"),
    (one(destinations=[{"slack": "#general"}]), "destinations[0].slack"),
    (one(destinations=[{"discord": "general"}]), "destinations[0].discord"),
    (one(destinations=[{"slack_webhook": "https://hooks.slack.com/services/T/B/X"}]),
     "name the environment variable"),
    (one(destinations=[{"slack": "C0123456789", "discord": "123456789012345678"}]),
     "give exactly one of"),
    (one(destinations=[{"email": "a@b.c"}]), "destinations[0].email"),
    (one(destinations=[{"discord": "123456789012345678", "team": "T1"}]), "destinations[0]: team"),
])
def test_each_mistake_is_one_line_naming_the_key(section: dict, named: str) -> None:
    with pytest.raises(ConfigError) as caught:
        parse(section)
    assert any(named in line for line in caught.value.problems), caught.value.problems
    assert all("\n" not in line for line in caught.value.problems)
    # the value is quoted once ("must be from 3 to 5, got 9", never "got 9, got 9")
    assert all(line.count(", got ") <= 1 for line in caught.value.problems)
    assert not any(", got 'Moon/Base'" in line or ", got 'Europe'" in line
                   for line in caught.value.problems)


def test_a_name_used_twice_is_refused() -> None:
    entry = one()["schedule"][0]
    with pytest.raises(ConfigError, match="digests.schedule: 'morning' is used twice"):
        parse({"schedule": [entry, entry]})


def test_a_webhook_url_is_a_secret_and_must_be_in_the_environment(
        monkeypatch: pytest.MonkeyPatch) -> None:
    settings = parse(one(destinations=[{"discord_webhook": "TEAM_DISCORD_HOOK"}]))
    monkeypatch.delenv("TEAM_DISCORD_HOOK", raising=False)
    with pytest.raises(ConfigError, match="TEAM_DISCORD_HOOK is not set .*'morning'"):
        check_webhooks(settings)
    monkeypatch.setenv("TEAM_DISCORD_HOOK", "https://discord.com/api/webhooks/1/x")
    check_webhooks(settings)


def test_a_webhook_url_written_into_the_file_is_refused(tmp_path: Path) -> None:
    file = tmp_path / "config.yaml"
    file.write_text("digests:\n  schedule:\n    - name: a\n      cron: daily 09:00\n"
                    "      destinations:\n        - slack_webhook: https://hooks.slack.com/x\n")
    with pytest.raises(ConfigError, match="environment variable"):
        load_config(file)
