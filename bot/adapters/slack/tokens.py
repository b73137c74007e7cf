"""Which bot token to use in a workspace: the one token, or the workspace's stored installation.

One function for everything that posts as the bot (answers, digests, ``docket digest send``).
Installations are stored by Enterprise Grid organisation and workspace together, so a lookup
that passes no organisation never finds a Grid workspace's row; this tries what is known, then
what an org-wide install or a workspace named alone needs.
"""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import SecretStr

from bot.adapters.slack.oauth import ThreadedInstallationStore, open_stores
from bot.adapters.slack.settings import SlackSecrets, SlackSettings


@dataclass(frozen=True)
class BotTokens:
    """``await tokens(team, enterprise)``: the bot token there, or None if not installed."""

    token: SecretStr | None = None
    installations: ThreadedInstallationStore | None = None

    async def __call__(self, team: str | None, enterprise: str | None = None) -> str | None:
        if self.installations is None:
            return self.token.get_secret_value() if self.token is not None else None
        store = self.installations
        bot = await store.async_find_bot(enterprise_id=enterprise, team_id=team)
        if bot is None and enterprise is not None:       # installed for the whole organisation
            bot = await store.async_find_bot(enterprise_id=enterprise, team_id=None,
                                             is_enterprise_install=True)
        if bot is None and enterprise is None and team:  # a Grid workspace named by team alone
            bot = await store.async_find_bot_for_team(team)
        return bot.bot_token if bot is not None else None


def bot_tokens(settings: SlackSettings | None, secrets: SlackSecrets) -> BotTokens:
    """The token source where no Slack app runs (``docket digest send``, a digests-only
    ``docket run``): the installations of an OAuth app, else ``SLACK_BOT_TOKEN``."""
    if settings is not None and settings.oauth:
        return BotTokens(installations=open_stores(settings, secrets).installations)
    return BotTokens(token=secrets.bot_token)
