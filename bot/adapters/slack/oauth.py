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
from typing import Any

import sqlalchemy
from slack_bolt.authorization.async_authorize import AsyncInstallationStoreAuthorize
from slack_bolt.oauth.async_oauth_settings import AsyncOAuthSettings
from slack_sdk.oauth.installation_store import Bot, Installation
from slack_sdk.oauth.installation_store.async_installation_store import AsyncInstallationStore
from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
from slack_sdk.oauth.state_store.async_state_store import AsyncOAuthStateStore
from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore

from bot.adapters.slack.settings import INSTALL_PATH, REDIRECT_PATH, SlackSecrets, SlackSettings
from bot.database import open_engine, redact
from bot.errors import ConfigError

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


def oauth_parts(settings: SlackSettings, secrets: SlackSecrets
                ) -> tuple[AsyncOAuthSettings, AsyncInstallationStoreAuthorize]:
    """OAuth settings with the stores (tables created), and an authorize with its cache on.

    The cache matters: without it bolt calls ``auth.test`` on every request.
    """
    engine = open_engine(settings.database_url, "slack.database_url")
    installations = SQLAlchemyInstallationStore(client_id=secrets.client_id, engine=engine,
                                                logger=logger)
    states = SQLAlchemyOAuthStateStore(expiration_seconds=STATE_EXPIRATION_SECONDS,
                                       engine=engine, logger=logger)
    try:
        installations.create_tables()
        states.create_tables()
    except sqlalchemy.exc.OperationalError as exc:
        raise ConfigError(f"slack.database_url: cannot open the database "
                          f"{redact(settings.database_url)} ({exc.orig.__class__.__name__})"
                          ) from exc
    store = ThreadedInstallationStore(installations)
    oauth = AsyncOAuthSettings(
        client_id=secrets.client_id, client_secret=secrets.client_secret,
        scopes=list(settings.scopes), user_scopes=[], redirect_uri=settings.redirect_uri,
        install_path=INSTALL_PATH, redirect_uri_path=REDIRECT_PATH,
        installation_store=store, state_store=ThreadedStateStore(states),
        state_expiration_seconds=STATE_EXPIRATION_SECONDS, logger=logger)
    authorize = AsyncInstallationStoreAuthorize(
        client_id=secrets.client_id, client_secret=secrets.client_secret,
        installation_store=store, cache_enabled=True, logger=logger)
    return oauth, authorize
