"""The ``slack:`` config section as a schema, and the Slack secrets it needs from the environment.

The schema refuses unknown keys and wrong types; ``bot.app.config`` turns its errors into one
line each, naming the key, the file and the line. Secrets are never in the file: they come from
the environment, all checked at once, and are held as ``SecretStr``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, SecretStr, StrictBool, StrictInt, StrictStr, \
    model_validator

from bot.answering.messages import DEFAULT_COMMAND
from bot.database import DATABASE_URL
from bot.environment import EnvVar, secret

#: Bot scopes the app needs, no more: the slash command, replies, mentions, direct messages;
#: users:read to tell workspace admins (who may set up digests); and the channel history scopes,
#: so an instance that takes over a digest slot can see whether it was already posted.
DEFAULT_SCOPES = ("commands", "chat:write", "app_mentions:read", "im:history", "users:read",
                  "channels:history", "groups:history")
SLACK_API_URL = "https://slack.com/api/"
EVENTS_PATH = "/slack/events"
HEALTH_PATH = "/healthz"
INSTALL_PATH = "/slack/install"
REDIRECT_PATH = "/slack/oauth_redirect"

Scope = Annotated[StrictStr, Field(pattern=r"^[a-z][a-z.:_-]*$")]


class SlackSettings(BaseModel):
    """The parsed ``slack:`` section; defaults give a Socket Mode app for one workspace.

    ``command`` and ``database_url`` default to the top-level settings; the app fills them in.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    mode: Literal["socket", "http"] = "socket"
    host: Annotated[StrictStr, Field(min_length=1)] = "0.0.0.0"
    port: Annotated[StrictInt, Field(ge=0, le=65535)] = 3000
    command: Annotated[StrictStr, Field(pattern=r"^/[a-z0-9_-]{1,31}$")] | None = Field(
        None, description="a slash command like /docket (lowercase, no spaces)")
    ephemeral: StrictBool = True
    oauth: StrictBool = False
    scopes: Annotated[tuple[Scope, ...], Field(min_length=1)] = Field(
        DEFAULT_SCOPES, description="a list of scope names like chat:write")
    database_url: Annotated[StrictStr, Field(pattern=DATABASE_URL)] | None = Field(
        None, description="a URL like sqlite:///installs.sqlite3 or postgresql://host/db")
    redirect_uri: Annotated[StrictStr, Field(pattern=r"^https://")] | None = Field(
        None, description="an https:// URL")
    #: Slack's Web API; GovSlack workspaces use https://slack-gov.com/api/.
    api_url: Annotated[StrictStr, Field(pattern=r"^https?://")] = Field(
        SLACK_API_URL, description="a URL like https://slack.com/api/")

    @property
    def slash_command(self) -> str:
        return self.command or DEFAULT_COMMAND

    @model_validator(mode="after")
    def _oauth_needs_http(self) -> SlackSettings:
        if self.oauth and self.mode != "http":
            raise ValueError("oauth: multi-workspace install needs mode: http (Slack must reach "
                             "the install and redirect pages)")
        return self


@dataclass(frozen=True)
class SlackSecrets:
    """Tokens from the environment, as ``SecretStr``: masked in any ``repr`` or log line, and
    read with ``reveal`` only where a client is built."""

    signing_secret: SecretStr | None = None
    bot_token: SecretStr | None = None
    app_token: SecretStr | None = None
    client_id: str | None = None
    client_secret: SecretStr | None = None

    @classmethod
    def of(cls, **plain: str | None) -> SlackSecrets:
        """From plain strings (tests, tools): each secret wrapped, ``client_id`` kept as is."""
        return cls(**{k: (v if k == "client_id" or v is None else SecretStr(v))
                      for k, v in plain.items()})


def reveal(value: SecretStr | None) -> str | None:
    return value.get_secret_value() if value is not None else None


SIGNING = EnvVar("SLACK_SIGNING_SECRET", "verifies requests from Slack")
BOT_TOKEN = EnvVar("SLACK_BOT_TOKEN", "the xoxb- bot token from OAuth & Permissions",
                   prefix="xoxb-")
APP_TOKEN = EnvVar("SLACK_APP_TOKEN", "the xapp- app-level token for Socket Mode, with "
                   "connections:write", prefix="xapp-")
CLIENT_ID = EnvVar("SLACK_CLIENT_ID", "OAuth install for many workspaces")
CLIENT_SECRET = EnvVar("SLACK_CLIENT_SECRET", "OAuth install for many workspaces")


def needed_env(settings: SlackSettings) -> list[EnvVar]:
    """The variables this mode needs: OAuth, Socket Mode, or HTTP for one workspace."""
    if settings.oauth:
        return [SIGNING, CLIENT_ID, CLIENT_SECRET]
    if settings.mode == "socket":
        return [BOT_TOKEN, APP_TOKEN, EnvVar(SIGNING.name, SIGNING.purpose, required=False)]
    return [BOT_TOKEN, SIGNING]


def secrets_from(values: dict[str, SecretStr]) -> SlackSecrets:
    """The secrets ``bot.environment.read_env`` read for ``needed_env``."""
    return SlackSecrets(signing_secret=values.get(SIGNING.name),
                        bot_token=values.get(BOT_TOKEN.name),
                        app_token=values.get(APP_TOKEN.name),
                        client_id=secret(values, CLIENT_ID.name),
                        client_secret=values.get(CLIENT_SECRET.name))
