"""Digests set up from chat (``/docket subscribe daily 09:00``): one per channel, kept in the
database so they survive restarts and every instance sees the same list.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa

from bot.database import aware_utc, create_tables, naive_utc
from bot.digests.delivery import Destination
from bot.digests.settings import CHAT_PREFIX, DigestSpec
from bot.digests.schedule import Schedule

metadata = sa.MetaData()
subscriptions = sa.Table(
    "docket_digest_subscriptions", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("platform", sa.String(16), nullable=False),
    sa.Column("team", sa.String(64)),
    sa.Column("enterprise", sa.String(64)),                      # Slack Enterprise Grid org
    sa.Column("channel", sa.String(64), nullable=False),
    sa.Column("cron", sa.String(100), nullable=False),
    sa.Column("timezone", sa.String(64), nullable=False),
    sa.Column("created_by", sa.String(64)),
    sa.Column("created_at", sa.DateTime, nullable=False),        # UTC, naive
    sa.UniqueConstraint("platform", "channel", name="uq_docket_subscription_channel"),
)


@dataclass(frozen=True)
class Subscription:
    """A channel's digest schedule, as an admin set it from chat."""

    platform: str
    team: str | None
    channel: str
    schedule: Schedule
    created_by: str | None
    created_at: dt.datetime
    enterprise: str | None = None

    @property
    def name(self) -> str:
        return f"{CHAT_PREFIX}{self.platform}-{self.channel}"

    @property
    def destination(self) -> Destination:
        slack = self.platform == "slack"
        return Destination(self.platform, self.channel, self.team if slack else None,
                           self.enterprise if slack else None)

    def spec(self, pack: Path) -> DigestSpec:
        """The digest this subscription asks for, from ``pack``, owed from its creation on."""
        return DigestSpec(self.name, self.schedule, (self.destination,), pack,
                          since=self.created_at)


class SubscriptionStore:
    """Subscribe, unsubscribe and list, on any SQLAlchemy engine; calls are short and synchronous."""

    def __init__(self, engine: sa.Engine):
        self.engine = engine

    def create_tables(self) -> None:
        create_tables(metadata, self.engine)

    def subscribe(self, subscription: Subscription) -> bool:
        """Store it, replacing the channel's earlier schedule; True if there was one."""
        row = {"platform": subscription.platform, "team": subscription.team,
               "enterprise": subscription.enterprise,
               "channel": subscription.channel, "cron": subscription.schedule.cron,
               "timezone": subscription.schedule.timezone, "created_by": subscription.created_by,
               "created_at": naive_utc(subscription.created_at)}
        with self.engine.begin() as conn:
            replaced = conn.execute(subscriptions.delete().where(
                subscriptions.c.platform == subscription.platform,
                subscriptions.c.channel == subscription.channel)).rowcount
            conn.execute(subscriptions.insert().values(**row))
        return bool(replaced)

    def unsubscribe(self, platform: str, channel: str) -> bool:
        with self.engine.begin() as conn:
            return bool(conn.execute(subscriptions.delete().where(
                subscriptions.c.platform == platform,
                subscriptions.c.channel == channel)).rowcount)

    def all(self, *, platform: str | None = None, team: str | None = None) -> list[Subscription]:
        query = sa.select(subscriptions).order_by(subscriptions.c.id)
        for column, value in (("platform", platform), ("team", team)):
            if value is not None:
                query = query.where(subscriptions.c[column] == value)
        with self.engine.connect() as conn:
            return [Subscription(r.platform, r.team, r.channel, Schedule(r.cron, r.timezone),
                                 r.created_by, aware_utc(r.created_at), r.enterprise)
                    for r in conn.execute(query)]


def all_specs(configured: tuple[DigestSpec, ...], store: SubscriptionStore | None,
              pack: Path | None) -> list[DigestSpec]:
    """Every digest: the config file's, then those set up in chat (which use ``pack``)."""
    found = list(configured)
    if store is not None and pack is not None:
        found += [s.spec(pack) for s in store.all()]
    return found
