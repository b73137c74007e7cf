"""The ledger's promises on its own, on SQLite and PostgreSQL: one claim per slot, takeover only
after the lease, final rows stay final, and "new since" reads the last posted fingerprint."""

from __future__ import annotations

import datetime as dt
from concurrent.futures import ThreadPoolExecutor

from bot.database import open_engine
from bot.digests.ledger import CLAIMED, FAILED, POSTED, SCHEDULED, SKIPPED, Ledger

from .harness import at

SLOT = at(2026, 11, 23, 9, 0)
LEASE = dt.timedelta(minutes=5)


def claim(ledger: Ledger, owner: str, now: dt.datetime, slot: dt.datetime = SLOT):
    return ledger.claim("d", "slack:C1", slot, kind=SCHEDULED, owner=owner, now=now, lease=LEASE)


def test_many_concurrent_claims_on_one_slot_make_one_winner(database_url: str) -> None:
    ledgers = [Ledger(open_engine(database_url)) for _ in range(6)]
    ledgers[0].create_tables()
    with ThreadPoolExecutor(6) as pool:
        claims = list(pool.map(lambda pair: claim(pair[1], f"i{pair[0]}", SLOT),
                               enumerate(ledgers)))
    winners = [c for c in claims if c is not None]
    assert len(winners) == 1 and winners[0].status == CLAIMED and not winners[0].taken_over


def test_a_claim_is_taken_over_only_after_its_lease(database_url: str) -> None:
    ledger = Ledger(open_engine(database_url))
    ledger.create_tables()
    first = claim(ledger, "a", SLOT)
    assert claim(ledger, "b", SLOT + LEASE - dt.timedelta(seconds=1)) is None
    taken = claim(ledger, "b", SLOT + LEASE + dt.timedelta(seconds=1))
    assert taken.taken_over and taken.attempts == 2 and taken.owner == "b"
    assert not ledger.posted(first, "a", "1.1", {}, SLOT + LEASE)   # a lost it: not recorded
    assert ledger.posted(taken, "b", "1.2", {"s": "h"}, SLOT + LEASE)
    row = ledger.find("d", "slack:C1", SLOT)
    assert (row.status, row.message_id, row.owner) == (POSTED, "1.2", "b")
    assert claim(ledger, "c", SLOT + dt.timedelta(days=1), slot=SLOT) is None   # final stays final


def test_failed_and_skipped_are_final_and_fingerprint_comes_from_the_last_post(
        database_url: str) -> None:
    ledger = Ledger(open_engine(database_url))
    ledger.create_tables()
    assert ledger.last_fingerprint("d", "slack:C1") is None
    first = claim(ledger, "a", SLOT)
    ledger.posted(first, "a", "1.1", {"x": "1"}, SLOT)
    failed = claim(ledger, "a", SLOT + dt.timedelta(days=1), slot=SLOT + dt.timedelta(days=1))
    ledger.failed(failed, "a", "channel_not_found", SLOT + dt.timedelta(days=1))
    assert ledger.skip("d", "slack:C1", SLOT + dt.timedelta(days=2), "missed", SLOT)
    assert not ledger.skip("d", "slack:C1", SLOT + dt.timedelta(days=2), "again", SLOT)
    later = SLOT + dt.timedelta(days=9)
    for day in (1, 2):
        assert claim(ledger, "b", later, slot=SLOT + dt.timedelta(days=day)) is None
    assert [r.status for r in ledger.recent("d", "slack:C1")] == [SKIPPED, FAILED, POSTED]
    assert ledger.last_fingerprint("d", "slack:C1") == {"x": "1"}
    assert ledger.has_history("d", "slack:C1") and not ledger.has_history("d", "slack:C2")
