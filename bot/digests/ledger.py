"""The delivery ledger: one row per (digest, destination, slot), and the only source of truth
about whether a digest was posted.

Several Docket processes may tick at once, sharing one database. Each claims a slot by
inserting its row; the unique key lets exactly one insert succeed, and only that instance
posts. A claim carries a lease: if its instance dies, another takes the slot over once the
lease has run out, with a conditional update that again only one can win. A posted, failed or
skipped row is final, so a slot is never posted twice, by anyone, even after a restart.

Calls are synchronous and short; async callers run them in a worker thread.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from dataclasses import dataclass, replace

import sqlalchemy as sa

from bot.database import aware_utc, create_tables, naive_utc

logger = logging.getLogger(__name__)

CLAIMED, POSTED, FAILED, SKIPPED = "claimed", "posted", "failed", "skipped"
SCHEDULED, MANUAL = "scheduled", "manual"

metadata = sa.MetaData()
deliveries = sa.Table(
    "docket_digest_deliveries", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("digest", sa.String(100), nullable=False),
    sa.Column("destination", sa.String(200), nullable=False),
    sa.Column("slot", sa.DateTime, nullable=False),              # UTC, naive
    sa.Column("kind", sa.String(16), nullable=False),
    sa.Column("status", sa.String(16), nullable=False),
    sa.Column("owner", sa.String(100)),
    sa.Column("lease_until", sa.DateTime),
    sa.Column("attempts", sa.Integer, nullable=False, default=1),
    sa.Column("message_id", sa.String(100)),
    sa.Column("error", sa.Text),
    sa.Column("fingerprint", sa.Text),                           # JSON: snippet id -> hash
    sa.Column("claimed_at", sa.DateTime, nullable=False),
    sa.Column("sent_at", sa.DateTime),        # an attempt began: the platform may have the post
    sa.Column("finished_at", sa.DateTime),
    sa.UniqueConstraint("digest", "destination", "slot", name="uq_docket_digest_slot"),
)


@dataclass(frozen=True)
class Delivery:
    """One ledger row. ``taken_over`` is true when this instance took a lapsed claim from another:
    that instance may have posted before it died, so the poster looks before posting again."""

    id: int
    digest: str
    destination: str
    slot: dt.datetime
    kind: str
    status: str
    attempts: int
    message_id: str | None = None
    error: str | None = None
    owner: str | None = None
    claimed_at: dt.datetime | None = None
    finished_at: dt.datetime | None = None
    taken_over: bool = False
    #: An attempt to post began and its outcome is unknown: look before posting again.
    sent: bool = False


class Ledger:
    """Claims, outcomes and history of digest deliveries, on any SQLAlchemy engine."""

    def __init__(self, engine: sa.Engine):
        self.engine = engine

    def create_tables(self) -> None:
        create_tables(metadata, self.engine)

    def claim(self, digest: str, destination: str, slot: dt.datetime, *, kind: str, owner: str,
              now: dt.datetime, lease: dt.timedelta) -> Delivery | None:
        """This instance's claim on the slot, or None if another instance holds it or it is done."""
        row = {"digest": digest, "destination": destination, "slot": naive_utc(slot), "kind": kind,
               "status": CLAIMED, "owner": owner, "lease_until": naive_utc(now + lease),
               "attempts": 1, "claimed_at": naive_utc(now)}
        try:
            with self.engine.begin() as conn:
                new_id = conn.execute(deliveries.insert().values(**row)).inserted_primary_key[0]
            return self._get(new_id)
        except sa.exc.IntegrityError:
            pass
        key = _key(digest, destination, slot)
        with self.engine.begin() as conn:
            taken = conn.execute(
                deliveries.update()
                .where(key, deliveries.c.status == CLAIMED,
                       deliveries.c.lease_until < naive_utc(now))
                .values(owner=owner, lease_until=naive_utc(now + lease),
                        attempts=deliveries.c.attempts + 1))
        if taken.rowcount != 1:
            return None
        found = self._find(digest, destination, slot)
        logger.info("took over the claim on %s -> %s at %s", digest, destination, slot)
        return found and replace(found, taken_over=True)

    def posted(self, delivery: Delivery, owner: str, message_id: str | None,
               fingerprint: dict[str, str], now: dt.datetime) -> bool:
        """Record the post; False means the claim was lost meanwhile (the lease ran out)."""
        return self._finish(delivery, owner, now, status=POSTED, message_id=message_id,
                            fingerprint=json.dumps(fingerprint, sort_keys=True), error=None)

    def failed(self, delivery: Delivery, owner: str, error: str, now: dt.datetime) -> bool:
        """A permanent failure: final for this slot; the next slot tries again."""
        return self._finish(delivery, owner, now, status=FAILED, error=error)

    def sending(self, delivery: Delivery, owner: str, now: dt.datetime,
                lease: dt.timedelta) -> bool:
        """Mark an attempt as begun and renew the lease; False if the claim is no longer ours
        (then nothing may be posted)."""
        with self.engine.begin() as conn:
            done = conn.execute(deliveries.update()
                                .where(deliveries.c.id == delivery.id,
                                       deliveries.c.owner == owner,
                                       deliveries.c.status == CLAIMED)
                                .values(sent_at=naive_utc(now),
                                        lease_until=naive_utc(now + lease)))
        return done.rowcount == 1

    def postpone(self, delivery: Delivery, owner: str, error: str, until: dt.datetime, *,
                 unsent: bool = False) -> None:
        """Give the claim up until ``until`` (a transient failure): then any instance may retry.
        ``unsent``: the platform surely has no post, so the next attempt need not look first."""
        values: dict[str, object] = {"owner": None, "lease_until": naive_utc(until),
                                     "error": error}
        if unsent:
            values["sent_at"] = None
        with self.engine.begin() as conn:
            conn.execute(deliveries.update()
                         .where(deliveries.c.id == delivery.id, deliveries.c.owner == owner,
                                deliveries.c.status == CLAIMED)
                         .values(**values))

    def release(self, delivery: Delivery, owner: str, now: dt.datetime) -> None:
        """Give the claim up now (shutting down), so another instance can take the slot at once."""
        self.postpone(delivery, owner, "released at shutdown", now)

    def skip(self, digest: str, destination: str, slot: dt.datetime, reason: str,
             now: dt.datetime) -> bool:
        """Record a slot that will not be posted (missed by too much); False if it already has a row."""
        row = {"digest": digest, "destination": destination, "slot": naive_utc(slot),
               "kind": SCHEDULED, "status": SKIPPED, "error": reason, "attempts": 0,
               "claimed_at": naive_utc(now), "finished_at": naive_utc(now)}
        try:
            with self.engine.begin() as conn:
                conn.execute(deliveries.insert().values(**row))
            return True
        except sa.exc.IntegrityError:
            return False

    def give_up(self, digest: str, destination: str, slot: dt.datetime, reason: str,
                now: dt.datetime) -> bool:
        """Close a lapsed claim that is now too late to post, so it stops being retried."""
        with self.engine.begin() as conn:
            done = conn.execute(deliveries.update()
                                .where(_key(digest, destination, slot),
                                       deliveries.c.status == CLAIMED,
                                       deliveries.c.lease_until < naive_utc(now))
                                .values(status=FAILED, owner=None, error=reason,
                                        finished_at=naive_utc(now)))
        return done.rowcount == 1

    def find(self, digest: str, destination: str, slot: dt.datetime) -> Delivery | None:
        return self._find(digest, destination, slot)

    def last_fingerprint(self, digest: str, destination: str) -> dict[str, str] | None:
        """What the last posted digest to this destination could show: the base for "new since"."""
        with self.engine.connect() as conn:
            value = conn.execute(
                sa.select(deliveries.c.fingerprint)
                .where(deliveries.c.digest == digest, deliveries.c.destination == destination,
                       deliveries.c.status == POSTED)
                .order_by(deliveries.c.finished_at.desc(), deliveries.c.id.desc()).limit(1)
            ).scalar()
        return json.loads(value) if value else None

    def has_history(self, digest: str, destination: str) -> bool:
        with self.engine.connect() as conn:
            return conn.execute(
                sa.select(deliveries.c.id).where(deliveries.c.digest == digest,
                                                 deliveries.c.destination == destination)
                .limit(1)).first() is not None

    def recent(self, digest: str, destination: str, limit: int = 20) -> list[Delivery]:
        """Newest first: what the status view reads."""
        with self.engine.connect() as conn:
            rows = conn.execute(
                sa.select(deliveries)
                .where(deliveries.c.digest == digest, deliveries.c.destination == destination)
                .order_by(deliveries.c.slot.desc(), deliveries.c.id.desc()).limit(limit))
            return [_delivery(r) for r in rows]

    def _finish(self, delivery: Delivery, owner: str, now: dt.datetime, **values: object) -> bool:
        with self.engine.begin() as conn:
            done = conn.execute(deliveries.update()
                                .where(deliveries.c.id == delivery.id,
                                       deliveries.c.owner == owner,
                                       deliveries.c.status == CLAIMED)
                                .values(finished_at=naive_utc(now), **values))
        if done.rowcount != 1:
            logger.error("lost the claim on %s -> %s at %s before recording its outcome",
                         delivery.digest, delivery.destination, delivery.slot)
        return done.rowcount == 1

    def _get(self, row_id: int) -> Delivery:
        with self.engine.connect() as conn:
            return _delivery(conn.execute(sa.select(deliveries)
                                          .where(deliveries.c.id == row_id)).one())

    def _find(self, digest: str, destination: str, slot: dt.datetime) -> Delivery | None:
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(deliveries)
                               .where(_key(digest, destination, slot))).first()
        return _delivery(row) if row else None


def _key(digest: str, destination: str, slot: dt.datetime) -> sa.ColumnElement[bool]:
    return sa.and_(deliveries.c.digest == digest, deliveries.c.destination == destination,
                   deliveries.c.slot == naive_utc(slot))


def _delivery(row: sa.Row) -> Delivery:
    return Delivery(id=row.id, digest=row.digest, destination=row.destination,
                    slot=aware_utc(row.slot), kind=row.kind, status=row.status,
                    attempts=row.attempts, message_id=row.message_id, error=row.error,
                    owner=row.owner,
                    claimed_at=aware_utc(row.claimed_at), finished_at=aware_utc(row.finished_at),
                    sent=row.sent_at is not None)

