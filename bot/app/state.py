"""Docket's database as the running app uses it: the digest ledger and chat subscriptions,
tables created (and upgraded) at start-up. A database that refuses the connection stops
start-up with one line naming it, password hidden."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from bot.app.config import Config
from bot.database import missing_file, open_engine, reachable, redact
from bot.digests.ledger import Ledger
from bot.digests.settings import DigestSettings
from bot.digests.subscriptions import SubscriptionStore

logger = logging.getLogger(__name__)


@dataclass
class State:
    """The shared database's stores, tables created, and the digest settings they serve."""

    ledger: Ledger
    subscriptions: SubscriptionStore
    settings: DigestSettings = field(default_factory=DigestSettings)


def open_state(config: Config, *, read_only: bool = False) -> State:
    """Open the database and create its tables. ``read_only`` (a preview, a status): a SQLite
    file that does not exist yet is read as empty and not created."""
    url = config.database()
    if read_only and missing_file(url):
        logger.info("%s does not exist yet: nothing posted, nothing subscribed", redact(url))
        url = "sqlite://"
    engine = open_engine(url)
    ledger, subscriptions = Ledger(engine), SubscriptionStore(engine)
    with reachable(url, "database_url"):
        ledger.create_tables()
        subscriptions.create_tables()
    logger.info("digest state in %s", redact(url))
    return State(ledger, subscriptions, config.digest_settings)
