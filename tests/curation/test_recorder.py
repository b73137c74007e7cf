"""The curators' log as answers reach it: what is kept of answers and refusals, votes counted
once per person per answer and only where the answer was given, people stored only as a keyed
hash, opting out, and retention."""

from __future__ import annotations

import sqlalchemy as sa

from bot.answering import messages as msg
from bot.answering.asker import Asker
from bot.answering.router import Router
from bot.curation.identity import Hasher, pack_version
from bot.curation.recorder import Curation
from bot.curation.settings import CurationSettings
from bot.curation.store import ANSWERED, REFUSED, CurationStore, Voted

from .conftest import Clock

ALICE = Asker("slack", "C1", "U0ALICE", "T1", conversation="slack:T1:C1:U0ALICE")
BOB = Asker("slack", "C1", "U0BOB", "T1")
ELSEWHERE = Asker("slack", "C2", "U0CAROL", "T1")
OTHER_TEAM = Asker("slack", "C1", "U0DAN", "T2")


def curation(store: CurationStore, router: Router, clock: Clock, **settings: object) -> Curation:
    return Curation(store, CurationSettings(**settings), Hasher("test-key"), lambda: router.pack,
                    clock)


def asked(router: Router, keeper: Curation, text: str, asker: Asker = ALICE):
    answer = router.route(text, asker)
    keeper.observe(answer, asker)
    keeper.flush()
    return answer


def every_value(store: CurationStore) -> str:
    """Everything stored, as one string, to look for what must not be there."""
    from bot.curation.store import asked as asked_table, votes

    with store.engine.connect() as conn:
        rows = [tuple(r) for t in (asked_table, votes) for r in conn.execute(sa.select(t))]
    return repr(rows)


def test_an_answer_and_a_refusal_are_kept_with_what_curators_need(store, router, clock):
    keeper = curation(store, router, clock)
    answer = asked(router, keeper, "who gets the card")
    refusal = asked(router, keeper, "what colour is the card")
    rows = {r.ref: r for r in store.asked_since(clock.now.replace(year=2000))}
    kept = rows[answer.ref]
    assert (kept.outcome, kept.question, kept.snippets) == (ANSWERED, "who gets the card",
                                                            answer.snippet_ids)
    assert (kept.platform, kept.team, kept.channel) == ("slack", "T1", "C1")
    assert kept.pack_version == pack_version(router.pack) and kept.asked_at == clock.now
    refused = rows[refusal.ref]
    assert refused.outcome == REFUSED and refused.question == "what colour is the card"
    assert refused.snippets == tuple(c.snippet_id for c in refusal.choices) and refused.snippets
    assert refused.reason and refused.asker and len(refused.asker) == 32


def test_commands_help_and_rejected_input_are_not_kept(store, router, clock):
    keeper = curation(store, router, clock)
    for text in ("help", "topics", "", "x" * 600, "hlep"):
        asked(router, keeper, text)
    assert store.counts()["docket_curation_asked"] == 0


def test_one_person_counts_once_per_answer_and_may_change_their_mind(store, router, clock):
    keeper = curation(store, router, clock)
    ref = asked(router, keeper, "who gets the card").ref
    assert keeper.vote(ref, True, ALICE) is Voted.RECORDED
    assert keeper.vote(ref, True, ALICE) is Voted.SAME
    clock.advance(minutes=5)
    assert keeper.vote(ref, False, ALICE) is Voted.CHANGED
    assert keeper.vote(ref, True, BOB) is Voted.RECORDED
    votes = store.votes_since(clock.now.replace(year=2000))
    assert sorted((v.helpful, v.changed_at == clock.now) for v in votes) == [(False, True),
                                                                             (True, True)]
    assert store.counts()["docket_curation_votes"] == 2


def test_a_click_from_another_channel_or_workspace_changes_nothing(store, router, clock):
    keeper = curation(store, router, clock)
    ref = asked(router, keeper, "who gets the card").ref
    assert keeper.vote(ref, True, ALICE) is Voted.RECORDED
    assert keeper.vote(ref, False, ELSEWHERE) is Voted.ELSEWHERE
    assert keeper.vote(ref, False, OTHER_TEAM) is Voted.ELSEWHERE
    assert keeper.vote("0123456789abcdef", False, ALICE) is Voted.UNKNOWN
    [vote] = store.votes_since(clock.now.replace(year=2000))
    assert vote.helpful is True


def test_a_refusal_cannot_be_voted_on(store, router, clock):
    keeper = curation(store, router, clock)
    ref = asked(router, keeper, "what colour is the card").ref
    assert keeper.vote(ref, True, ALICE) is Voted.UNKNOWN


def test_no_user_id_is_stored_in_clear_and_the_hash_depends_on_the_key(store, router, clock):
    keeper = curation(store, router, clock)
    ref = asked(router, keeper, "who gets the card").ref
    asked(router, keeper, "what colour is the card")
    keeper.vote(ref, False, ALICE)
    stored = every_value(store)
    assert "ALICE" not in stored.upper()
    assert Hasher("test-key").person(ALICE) in stored
    assert Hasher("another-key").person(ALICE) not in stored
    assert Hasher("test-key").person(ALICE) != Hasher("test-key").person(OTHER_TEAM)


def test_with_log_questions_off_no_question_text_is_kept(store, router, clock):
    keeper = curation(store, router, clock, log_questions=False)
    ref = asked(router, keeper, "who gets the card").ref
    asked(router, keeper, "what colour is the card")
    answer, refusal = store.asked_since(clock.now.replace(year=2000))
    assert (answer.outcome, answer.question) == (ANSWERED, None)
    assert (refusal.outcome, refusal.question, refusal.reason) == (REFUSED, None, None)
    assert refusal.asker                        # counted, by person, without its words
    assert keeper.vote(ref, False, ALICE) is Voted.RECORDED     # feedback still works
    assert keeper.feedback(ref, False, BOB) == msg.VOTED_UNLOGGED["recorded"]
    assert "who gets the card" not in every_value(store)
    assert "colour" not in every_value(store)


def test_with_feedback_off_only_refusals_are_kept(store, router, clock):
    keeper = curation(store, router, clock, feedback=False)
    ref = asked(router, keeper, "who gets the card").ref
    asked(router, keeper, "what colour is the card")
    assert [r.outcome for r in store.asked_since(clock.now.replace(year=2000))] == [REFUSED]
    assert keeper.vote(ref, True, ALICE) is Voted.UNKNOWN


def test_rows_past_the_retention_are_deleted_and_newer_ones_kept(store, router, clock):
    keeper = curation(store, router, clock, retention_days=90)
    old = asked(router, keeper, "who gets the card").ref
    keeper.vote(old, True, ALICE)
    asked(router, keeper, "what colour is the card")
    clock.advance(days=60)
    recent = asked(router, keeper, "when was the program announced").ref
    keeper.vote(recent, False, BOB)
    clock.advance(days=30, seconds=1)           # the first two are now 90 days and a second old
    assert keeper.prune() == 3
    assert [r.ref for r in store.asked_since(clock.now.replace(year=2000))] == [recent]
    assert [v.answer.ref for v in store.votes_since(clock.now.replace(year=2000))] == [recent]
    clock.advance(days=59)
    assert keeper.prune() == 0
    clock.advance(days=2)
    assert keeper.prune() == 2 and store.counts() == {"docket_curation_asked": 0,
                                                      "docket_curation_votes": 0}


def test_rows_queued_while_the_database_is_down_are_written_when_it_is_back(
        router, clock, tmp_path):
    """The first write fails (no tables yet, as when the database refuses); nothing is lost."""
    from bot.database import open_engine

    store = CurationStore(open_engine(f"sqlite:///{tmp_path / 'late.sqlite3'}"))
    keeper = curation(store, router, clock)
    answer = router.route("who gets the card", ALICE)
    keeper.observe(answer, ALICE)
    try:
        keeper.flush()
    except sa.exc.SQLAlchemyError:
        pass
    else:
        raise AssertionError("the write should have failed")
    assert keeper.pending == 1
    store.create_tables()
    assert keeper.flush() == 1 and keeper.pending == 0
    assert keeper.vote(answer.ref, True, ALICE) is Voted.RECORDED


def test_the_running_service_writes_the_queue_and_deletes_expired_rows(store, router, clock,
                                                                      monkeypatch):
    """``serve`` (a service of docket run): rows past the retention go at start, a queued
    answer is written without anyone flushing, and what is queued at shutdown is written."""
    import asyncio

    from bot.curation import recorder

    monkeypatch.setattr(recorder, "WRITE_EVERY", 0.05)
    keeper = curation(store, router, clock)
    asked(router, keeper, "who gets the card")
    clock.advance(days=91)

    async def scenario() -> None:
        task = asyncio.create_task(keeper.serve())
        for _ in range(200):
            if store.counts()["docket_curation_asked"] == 0:
                break
            await asyncio.sleep(0.02)
        assert store.counts()["docket_curation_asked"] == 0     # expired, deleted at start
        fresh = router.route("what colour is the card", ALICE)
        keeper.observe(fresh, ALICE)
        for _ in range(200):
            if store.counts()["docket_curation_asked"] == 1:
                break
            await asyncio.sleep(0.02)
        assert store.counts()["docket_curation_asked"] == 1     # written by the service
        keeper.observe(router.route("who is the mayor of eagle pass", BOB), BOB)
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)

    asyncio.run(scenario())
    assert store.counts()["docket_curation_asked"] == 2 and keeper.pending == 0


def test_each_click_is_counted_in_the_metrics(store, router, clock):
    from bot.app.monitoring import Metrics

    metrics = Metrics()
    keeper = curation(store, router, clock)
    keeper.on_vote = metrics.voted
    ref = asked(router, keeper, "who gets the card").ref
    keeper.feedback(ref, True, ALICE)
    keeper.feedback(ref, False, ALICE)
    keeper.feedback(ref, False, ELSEWHERE)
    text = metrics.text().decode()
    for vote, result in (("helpful", "recorded"), ("not_helpful", "changed"),
                         ("not_helpful", "elsewhere")):
        assert f'docket_feedback_total{{result="{result}",vote="{vote}"}} 1.0' in text


def test_the_pack_version_is_worked_out_by_the_writer_not_the_answering_thread(
        store, router, clock, monkeypatch):
    """Hashing every snippet takes a second at 100,000 of them: never on the event loop."""
    from bot.curation import recorder

    hashed = []
    monkeypatch.setattr(recorder, "pack_version",
                        lambda pack: hashed.append(pack.id) or "v1")
    keeper = curation(store, router, clock)
    for question in ("who gets the card", "what colour is the card", "what is it"):
        keeper.observe(router.route(question, ALICE), ALICE)
    assert hashed == []
    keeper.flush()
    assert hashed == [router.pack.id]            # once, for the three rows
    assert {r.pack_version for r in store.asked_since(clock.now.replace(year=2000))} == {"v1"}
