"""The curators' log as the app opens it: the tables on the shared database, the hash key
from the environment, and the pack being answered from now."""

from __future__ import annotations

import logging
from collections.abc import Callable

import sqlalchemy

from bot.app.config import Config
from bot.curation.identity import Hasher
from bot.curation.recorder import Clock, Curation, utc_now
from bot.curation.settings import HASH_KEY
from bot.curation.store import CurationStore
from bot.database import open_engine, reachable, redact
from bot.environment import read_env, secret
from bot.pack.model import Pack

logger = logging.getLogger(__name__)


def open_curation(config: Config, pack: Callable[[], Pack], *, clock: Clock = utc_now,
                  engine: sqlalchemy.Engine | None = None) -> Curation | None:
    """None when ``curation:`` turns both feedback and the question log off. ``engine``: the
    database's engine when the app has one open already (one pool, not two)."""
    settings = config.curation
    if not settings.enabled:
        return None
    url = config.database()
    store = CurationStore(engine if engine is not None else open_engine(url))
    with reachable(url, "database_url"):
        store.create_tables()
    logger.info("curators' log in %s (feedback %s, questions %s, kept %d days)", redact(url),
                "on" if settings.feedback else "off",
                "kept" if settings.log_questions else "not kept", settings.retention_days)
    key = secret(read_env([HASH_KEY]), HASH_KEY.name)
    return Curation(store, settings, Hasher(key), pack, clock)
