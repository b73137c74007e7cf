"""The shipped manifest asks Slack for exactly what the app handles."""

from __future__ import annotations

from pathlib import Path

import yaml

from bot.adapters.slack.settings import DEFAULT_SCOPES, SlackSettings
from bot.render.slack import SHARE_ACTION_ID

MANIFEST = Path(__file__).resolve().parents[3] / "slack" / "manifest.yaml"


def test_manifest_matches_the_app() -> None:
    manifest = yaml.safe_load(MANIFEST.read_text())
    [command] = manifest["features"]["slash_commands"]
    assert command["command"] == SlackSettings().slash_command
    assert tuple(manifest["oauth_config"]["scopes"]["bot"]) == DEFAULT_SCOPES
    assert set(manifest["settings"]["event_subscriptions"]["bot_events"]) == {
        "app_mention", "message.im", "app_uninstalled", "tokens_revoked"}
    assert manifest["settings"]["interactivity"]["is_enabled"] is True, SHARE_ACTION_ID
    assert manifest["settings"]["socket_mode_enabled"] is True
    assert manifest["features"]["app_home"]["messages_tab_enabled"] is True
