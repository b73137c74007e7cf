"""The curators' tables: what Docket was asked and did, and the votes on its answers.

``docket_curation_asked`` holds one row per answer given in chat (so a later click can be tied
to it: where it was given, with which snippets, from which version of the pack) and one per
refused question; ``docket_curation_votes`` one row per person per answer, changed in place
when they change their mind. People appear only as a keyed hash (``bot.curation.identity``).
Rows older than the retention are deleted by ``prune``. Calls are synchronous and short;
async callers run them in a worker thread.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum

import sqlalchemy as sa

from bot.database import aware_utc, create_tables, naive_utc

ANSWERED, REFUSED = "answer", "refused"
#: Rows looked up and inserted at a time.
CHUNK = 500

metadata = sa.MetaData()
asked = sa.Table(
    "docket_curation_asked", metadata,
    sa.Column("ref", sa.String(32), primary_key=True),
    sa.Column("outcome", sa.String(16), nullable=False),
    sa.Column("question", sa.Text),                      # None when log_questions is off
    sa.Column("snippets", sa.Text, nullable=False),      # JSON: answered with, or closest
    sa.Column("reason", sa.Text),                        # a refusal's "why"
    sa.Column("asker", sa.String(64)),                   # keyed hash of platform, team, user
    sa.Column("platform", sa.String(16), nullable=False),
    sa.Column("team", sa.String(64)),
    sa.Column("channel", sa.String(64)),
    sa.Column("pack_version", sa.String(16), nullable=False),
    sa.Column("pack", sa.String(100)),                   # the pack's id: packs may share a database
    sa.Column("asked_at", sa.DateTime, nullable=False),  # UTC, naive
    sa.Index("ix_docket_curation_asked_at", "asked_at"),
)
votes = sa.Table(
    "docket_curation_votes", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("ref", sa.String(32), nullable=False),
    sa.Column("voter", sa.String(64), nullable=False),
    sa.Column("helpful", sa.Boolean, nullable=False),
    sa.Column("voted_at", sa.DateTime, nullable=False),
    sa.Column("changed_at", sa.DateTime, nullable=False),
    sa.UniqueConstraint("ref", "voter", name="uq_docket_curation_vote"),
)


@dataclass(frozen=True)
class Asked:
    """One row of ``docket_curation_asked``."""

    ref: str
    outcome: str
    question: str | None
    snippets: tuple[str, ...]
    platform: str
    team: str | None
    channel: str | None
    pack_version: str
    asked_at: dt.datetime
    reason: str | None = None
    asker: str | None = None
    pack: str | None = None

    def row(self) -> dict[str, object]:
        return {"ref": self.ref, "outcome": self.outcome, "question": self.question,
                "snippets": json.dumps(list(self.snippets)), "reason": self.reason,
                "asker": self.asker, "platform": self.platform, "team": self.team,
                "channel": self.channel, "pack_version": self.pack_version,
                "pack": self.pack, "asked_at": naive_utc(self.asked_at)}


@dataclass(frozen=True)
class Vote:
    """One person's current vote on one answer, with the answer it is on."""

    answer: Asked
    voter: str
    helpful: bool
    changed_at: dt.datetime


class Voted(str, Enum):
    """What a click did."""

    RECORDED = "recorded"    # the first vote of this person on this answer
    CHANGED = "changed"      # they had voted the other way
    SAME = "same"            # they had voted so already: nothing changes
    UNKNOWN = "unknown"      # no such answer (pruned, or never recorded)
    ELSEWHERE = "elsewhere"  # the answer was given in another channel or workspace


class CurationStore:
    """The two tables on any SQLAlchemy engine."""

    def __init__(self, engine: sa.Engine):
        self.engine = engine

    def create_tables(self) -> None:
        create_tables(metadata, self.engine)

    def record(self, entries: Iterable[Asked]) -> int:
        """Insert ``entries`` in one transaction; a ref already stored is left as it is."""
        rows = [e.row() for e in entries]
        written = 0
        with self.engine.begin() as conn:
            for start in range(0, len(rows), CHUNK):    # SQLite allows so many parameters
                chunk = rows[start:start + CHUNK]
                present = set(conn.scalars(sa.select(asked.c.ref).where(
                    asked.c.ref.in_([r["ref"] for r in chunk]))))
                fresh = [r for r in chunk if r["ref"] not in present]
                if fresh:
                    conn.execute(asked.insert(), fresh)
                written += len(fresh)
        return written

    def vote(self, ref: str, voter: str, helpful: bool, *, platform: str, team: str | None,
             channel: str | None, now: dt.datetime) -> Voted:
        """Record ``voter``'s vote on answer ``ref``, given where the click came from: only a
        click in the channel the answer was given in counts, and a person counts once."""
        moment = naive_utc(now)
        for _ in range(2):          # a concurrent first click of the same person: retry once
            try:
                with self.engine.begin() as conn:
                    row = conn.execute(sa.select(asked.c.platform, asked.c.team, asked.c.channel)
                                       .where(asked.c.ref == ref,
                                              asked.c.outcome == ANSWERED)).first()
                    if row is None:
                        return Voted.UNKNOWN
                    if tuple(row) != (platform, team, channel):
                        return Voted.ELSEWHERE
                    mine = votes.c.ref == ref, votes.c.voter == voter
                    before = conn.scalar(sa.select(votes.c.helpful).where(*mine))
                    if before is None:
                        conn.execute(votes.insert().values(ref=ref, voter=voter, helpful=helpful,
                                                           voted_at=moment, changed_at=moment))
                        return Voted.RECORDED
                    if bool(before) == helpful:
                        return Voted.SAME
                    conn.execute(votes.update().where(*mine).values(helpful=helpful,
                                                                    changed_at=moment))
                    return Voted.CHANGED
            except sa.exc.IntegrityError:
                continue
        return Voted.SAME

    def prune(self, before: dt.datetime) -> int:
        """Delete what was asked before ``before``, and every vote on it or older; returns the
        number of rows deleted."""
        cutoff = naive_utc(before)
        old = sa.select(asked.c.ref).where(asked.c.asked_at < cutoff)
        with self.engine.begin() as conn:
            gone = conn.execute(votes.delete().where(
                sa.or_(votes.c.ref.in_(old), votes.c.changed_at < cutoff))).rowcount
            gone += conn.execute(asked.delete().where(asked.c.asked_at < cutoff)).rowcount
        return gone

    def asked_since(self, since: dt.datetime, pack: str | None = None) -> list[Asked]:
        """What was asked since ``since`` (of the pack with id ``pack``, if given)."""
        query = sa.select(asked).where(asked.c.asked_at >= naive_utc(since))
        if pack is not None:
            query = query.where(asked.c.pack == pack)
        with self.engine.connect() as conn:
            rows = conn.execute(query.order_by(asked.c.asked_at)).mappings().all()
        return [_asked(r) for r in rows]

    def votes_since(self, since: dt.datetime, pack: str | None = None) -> list[Vote]:
        """Current votes on answers given since ``since`` (from the pack ``pack``, if given)."""
        query = (sa.select(asked, votes.c.voter, votes.c.helpful, votes.c.changed_at)
                 .join(votes, votes.c.ref == asked.c.ref)
                 .where(asked.c.asked_at >= naive_utc(since)).order_by(votes.c.changed_at))
        if pack is not None:
            query = query.where(asked.c.pack == pack)
        with self.engine.connect() as conn:
            rows = conn.execute(query).mappings().all()
        return [Vote(_asked(r), r["voter"], bool(r["helpful"]), aware_utc(r["changed_at"]))
                for r in rows]

    def counts(self) -> dict[str, int]:
        """Rows in each table (what retention leaves, for tests and the operator)."""
        with self.engine.connect() as conn:
            return {t.name: conn.scalar(sa.select(sa.func.count()).select_from(t)) or 0
                    for t in (asked, votes)}


def _asked(row: sa.RowMapping) -> Asked:
    return Asked(row["ref"], row["outcome"], row["question"], tuple(json.loads(row["snippets"])),
                 row["platform"], row["team"], row["channel"], row["pack_version"],
                 aware_utc(row["asked_at"]), row["reason"], row["asker"], row["pack"])
