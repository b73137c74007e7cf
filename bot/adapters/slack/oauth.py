"""Multi-workspace install: OAuth settings over SQLAlchemy installation and state stores.

slack_sdk's ``AsyncSQLAlchemy*`` stores need an async database driver
(aiosqlite, asyncpg) that Docket does not otherwise depend on. The synchronous
stores work with the standard library's sqlite3 and any ordinary SQLAlchemy
driver, so they are wrapped here to run in a worker thread: each call is a
single short query, and the event loop never blocks on the database.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from typing import Any

from slack_bolt.authorization.async_authorize import AsyncInstallationStoreAuthorize
from slack_bolt.oauth.async_oauth_settings import AsyncOAuthSettings
from slack_sdk.oauth.installation_store import Bot, Installation
from slack_sdk.oauth.installation_store.async_installation_store import AsyncInstallationStore
from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
from slack_sdk.oauth.state_store.async_state_store import AsyncOAuthStateStore
from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore

from bot.adapters.slack.settings import (INSTALL_PATH, REDIRECT_PATH, SlackSecrets, SlackSettings,
                                         reveal)
from bot.database import open_engine, reachable

logger = logging.getLogger(__name__)

#: How long an install link stays valid.
STATE_EXPIRATION_SECONDS = 600


class ThreadedInstallationStore(AsyncInstallationStore):
    """The async interface bolt's ``AsyncApp`` wants, over the synchronous SQLAlchemy store."""

    def __init__(self, store: SQLAlchemyInstallationStore):
        self.store = store

    @property
    def logger(self) -> logging.Logger:
        return logger

    async def async_save(self, installation: Installation) -> None:
        await asyncio.to_thread(self.store.save, installation)

    async def async_save_bot(self, bot: Bot) -> None:
        await asyncio.to_thread(self.store.save_bot, bot)

    async def async_find_bot(self, **kwargs: Any) -> Bot | None:
        return await asyncio.to_thread(lambda: self.store.find_bot(**kwargs))

    async def async_find_installation(self, **kwargs: Any) -> Installation | None:
        return await asyncio.to_thread(lambda: self.store.find_installation(**kwargs))

    async def async_delete_bot(self, **kwargs: Any) -> None:
        await asyncio.to_thread(lambda: self.store.delete_bot(**kwargs))

    async def async_delete_installation(self, **kwargs: Any) -> None:
        await asyncio.to_thread(lambda: self.store.delete_installation(**kwargs))

    async def async_delete_all(self, **kwargs: Any) -> None:
        await asyncio.to_thread(lambda: self.store.delete_all(**kwargs))

    async def async_find_bot_for_team(self, team_id: str) -> Bot | None:
        """The latest bot installed in workspace ``team_id`` under any organisation: for a
        destination that names its workspace but not its Enterprise Grid organisation."""
        return await asyncio.to_thread(self._find_bot_for_team, team_id)

    def _find_bot_for_team(self, team_id: str) -> Bot | None:
        c = self.store.bots.c
        query = (self.store.bots.select()
                 .where(c.client_id == self.store.client_id, c.team_id == team_id,
                        c.bot_token.is_not(None))
                 .order_by(c.installed_at.desc()).limit(1))
        with self.store.engine.connect() as conn:
            row = conn.execute(query).mappings().first()
        return self.store.build_bot_entity(row) if row is not None else None


class ThreadedStateStore(AsyncOAuthStateStore):
    """The async state store interface over the synchronous SQLAlchemy one."""

    def __init__(self, store: SQLAlchemyOAuthStateStore):
        self.store = store

    @property
    def logger(self) -> logging.Logger:
        return logger

    async def async_issue(self, *args: Any, **kwargs: Any) -> str:
        return await asyncio.to_thread(self.store.issue)

    async def async_consume(self, state: str) -> bool:
        return await asyncio.to_thread(self.store.consume, state)


@dataclass(frozen=True)
class SlackStores:
    """Installations (every workspace's bot token) and OAuth states, in Docket's database."""

    installations: ThreadedInstallationStore
    states: ThreadedStateStore


def open_stores(settings: SlackSettings, secrets: SlackSecrets) -> SlackStores:
    """slack_sdk's two SQLAlchemy stores on one engine, their tables created; a database that
    refuses the connection is one line naming it."""
    url = settings.database_url or ""
    engine = open_engine(url, "slack.database_url")
    installations = SQLAlchemyInstallationStore(client_id=secrets.client_id, engine=engine,
                                                logger=logger)
    states = SQLAlchemyOAuthStateStore(expiration_seconds=STATE_EXPIRATION_SECONDS,
                                       engine=engine, logger=logger)
    with reachable(url, "slack.database_url"):
        installations.create_tables()
        states.create_tables()
    return SlackStores(ThreadedInstallationStore(installations), ThreadedStateStore(states))


def oauth_parts(settings: SlackSettings, secrets: SlackSecrets, stores: SlackStores
                ) -> tuple[AsyncOAuthSettings, AsyncInstallationStoreAuthorize]:
    """OAuth settings over the stores, and an authorize with its cache on.

    The cache matters: without it bolt calls ``auth.test`` on every request.
    """
    oauth = AsyncOAuthSettings(
        client_id=secrets.client_id, client_secret=reveal(secrets.client_secret),
        scopes=list(settings.scopes), user_scopes=[], redirect_uri=settings.redirect_uri,
        install_path=INSTALL_PATH, redirect_uri_path=REDIRECT_PATH,
        installation_store=stores.installations, state_store=stores.states,
        state_expiration_seconds=STATE_EXPIRATION_SECONDS, logger=logger)
    authorize = AsyncInstallationStoreAuthorize(
        client_id=secrets.client_id, client_secret=reveal(secrets.client_secret),
        installation_store=stores.installations, cache_enabled=True, logger=logger)
    return oauth, authorize
