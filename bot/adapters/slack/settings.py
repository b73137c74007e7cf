"""The ``slack:`` config section and the Slack secrets, checked before anything starts.

Settings come from the YAML file, secrets only from the environment. Every
missing or malformed value stops start-up with one ``ConfigError`` line that
names it, so an operator never has to read a traceback to fix a typo.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from bot.app.config import Config, optional_env, reject_unknown_keys, require_env
from bot.database import DEFAULT_FILE, resolve_url
from bot.errors import ConfigError

logger = logging.getLogger(__name__)

MODES = ("socket", "http")
#: Bot scopes the app needs, no more: the slash command, replies, mentions, direct messages;
#: users:read to tell workspace admins (who may set up digests); and the channel history scopes,
#: so an instance that takes over a digest slot can see whether it was already posted.
DEFAULT_SCOPES = ("commands", "chat:write", "app_mentions:read", "im:history", "users:read",
                  "channels:history", "groups:history")
EVENTS_PATH = "/slack/events"
HEALTH_PATH = "/healthz"
INSTALL_PATH = "/slack/install"
REDIRECT_PATH = "/slack/oauth_redirect"

KNOWN_KEYS = ("mode", "host", "port", "command", "ephemeral", "oauth", "scopes",
              "database_url", "redirect_uri")


@dataclass(frozen=True)
class SlackSettings:
    """The parsed ``slack:`` section; defaults give a Socket Mode app for one workspace."""

    mode: str = "socket"
    host: str = "0.0.0.0"
    port: int = 3000
    command: str = "/docket"
    ephemeral: bool = True
    oauth: bool = False
    scopes: tuple[str, ...] = DEFAULT_SCOPES
    database_url: str = f"sqlite:///{DEFAULT_FILE}"
    redirect_uri: str | None = None


@dataclass(frozen=True)
class SlackSecrets:
    """Tokens from the environment; ``repr`` hides them so they never reach a log line."""

    signing_secret: str | None = field(default=None, repr=False)
    bot_token: str | None = field(default=None, repr=False)
    app_token: str | None = field(default=None, repr=False)
    client_id: str | None = None
    client_secret: str | None = field(default=None, repr=False)


def parse_settings(config: Config) -> SlackSettings:
    """Check the ``slack:`` section key by key; unknown keys are errors, since typos are silent otherwise."""
    raw: dict[str, Any] = config.section("slack")
    where = f"config {config.path}: slack" if config.path else "slack"
    reject_unknown_keys(raw, KNOWN_KEYS, where)
    mode = raw.get("mode", "socket")
    if mode not in MODES:
        raise ConfigError(f"{where}.mode: must be 'socket' or 'http', got {mode!r}")
    host = raw.get("host", "0.0.0.0")
    if not isinstance(host, str) or not host:
        raise ConfigError(f"{where}.host: must be a host name or address, got {host!r}")
    port = raw.get("port", 3000)
    if not isinstance(port, int) or isinstance(port, bool) or not 0 <= port <= 65535:
        raise ConfigError(f"{where}.port: must be a number from 0 to 65535, got {port!r}")
    command = raw.get("command", config.command)
    if not isinstance(command, str) or not command.startswith("/") or " " in command:
        raise ConfigError(f"{where}.command: must look like /docket, got {command!r}")
    ephemeral = _flag(raw, "ephemeral", True, where)
    oauth = _flag(raw, "oauth", False, where)
    if oauth and mode != "http":
        raise ConfigError(f"{where}.oauth: multi-workspace install needs mode: http "
                          "(Slack must reach the install and redirect pages)")
    scopes = raw.get("scopes", list(DEFAULT_SCOPES))
    if (not isinstance(scopes, list) or not scopes
            or not all(isinstance(s, str) and s and " " not in s for s in scopes)):
        raise ConfigError(f"{where}.scopes: must be a list of scope names like chat:write")
    redirect_uri = raw.get("redirect_uri")
    if redirect_uri is not None and (not isinstance(redirect_uri, str)
                                     or not redirect_uri.startswith("https://")):
        raise ConfigError(f"{where}.redirect_uri: must be an https:// URL, got {redirect_uri!r}")
    database_url = _database_url(raw, config, where)
    return SlackSettings(mode=mode, host=host, port=port, command=command, ephemeral=ephemeral,
                         oauth=oauth, scopes=tuple(scopes), database_url=database_url,
                         redirect_uri=redirect_uri)


def read_secrets(settings: SlackSettings) -> SlackSecrets:
    """The environment variables this mode needs; the first missing one is named in the error."""
    if settings.oauth:
        return SlackSecrets(
            signing_secret=require_env("SLACK_SIGNING_SECRET", "verifies requests from Slack"),
            client_id=require_env("SLACK_CLIENT_ID", "OAuth install for many workspaces"),
            client_secret=require_env("SLACK_CLIENT_SECRET", "OAuth install for many workspaces"))
    bot_token = require_env("SLACK_BOT_TOKEN", "the xoxb- bot token from OAuth & Permissions")
    if settings.mode == "socket":
        app_token = require_env("SLACK_APP_TOKEN", "the xapp- app-level token for Socket Mode")
        if not app_token.startswith("xapp-"):
            raise ConfigError("environment variable SLACK_APP_TOKEN must start with xapp- "
                              "(an app-level token with connections:write)")
        return SlackSecrets(bot_token=bot_token, app_token=app_token,
                            signing_secret=optional_env("SLACK_SIGNING_SECRET"))
    return SlackSecrets(
        bot_token=bot_token,
        signing_secret=require_env("SLACK_SIGNING_SECRET", "verifies requests from Slack"))


def _flag(raw: dict[str, Any], key: str, default: bool, where: str) -> bool:
    value = raw.get(key, default)
    if not isinstance(value, bool):
        raise ConfigError(f"{where}.{key}: must be true or false, got {value!r}")
    return value


def _database_url(raw: dict[str, Any], config: Config, where: str) -> str:
    """The installation store shares Docket's database unless ``slack.database_url`` says otherwise."""
    return resolve_url(raw.get("database_url", config.database_url), config.base(),
                       f"{where}.database_url")
