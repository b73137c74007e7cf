"""The digest commands in the router, without a platform: who may run them, and how the text
after ``subscribe`` is read."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.answering import messages as msg
from bot.answering.answer import Outcome
from bot.answering.asker import Asker
from bot.digests.chat import ChatDigests
from bot.digests.settings import DigestSettings
from bot.digests.ledger import Ledger
from bot.pack.model import Pack
from bot.answering.router import Router
from bot.app.commands import build_router
from bot.digests.subscriptions import SubscriptionStore

NOW = dt.datetime(2026, 11, 23, 15, 0, tzinfo=dt.timezone.utc)
ADMIN = Asker("slack", "C1", "U1", "T1", platform_admin=True, timezone="Europe/London")


@pytest.fixture
def chat(shipped_pack: Pack, chat_state: tuple[SubscriptionStore, Ledger]) -> Router:
    return build_router(shipped_pack, ChatDigests(
        *chat_state, DigestSettings(admins=frozenset({"U9"})), clock=lambda: NOW))


@pytest.fixture
def store(chat_state: tuple[SubscriptionStore, Ledger]) -> SubscriptionStore:
    return chat_state[0]


@pytest.mark.parametrize("text, cron, zone", [
    ("subscribe daily 09:00", "0 9 * * *", "Europe/London"),       # the asker's own zone
    ("subscribe daily 09:00 utc", "0 9 * * *", "UTC"),
    ("subscribe weekly fri 16:00 Europe/Berlin", "0 16 * * fri", "Europe/Berlin"),
    ("subscribe 0 9 * * */2", "0 9 * * */2", "Europe/London"),      # a cron field, not a zone
    ("subscribe 30 8 * * 1-5 America/New_York", "30 8 * * 1-5", "America/New_York"),
])
def test_subscribe_reads_the_schedule_and_an_optional_timezone(chat: Router, store, text: str,
                                                               cron: str, zone: str) -> None:
    answer = chat.route(text, ADMIN)
    assert answer.headline == msg.SUBSCRIBED_HEADLINE and answer.private
    [stored] = store.all()
    assert (stored.schedule.cron, stored.schedule.timezone) == (cron, zone)


@pytest.mark.parametrize("text, needle", [
    ("subscribe", "Say when"),
    ("subscribe daily 09:00 America/Indiana", "is not an IANA timezone"),
    ("subscribe sometimes", "is not a schedule"),
    ("subscribe daily 09:00 " + "x" * 400, "at most 100 characters"),
    ("subscribe " + ",".join(map(str, range(60))) + " * * * *", "at most 100 characters"),
    ("subscribe * * * * *", "as often as every 1 minute"),
    ("subscribe 0,30 9 * * *", "as often as every 30 minutes"),
    ("subscribe */20 * * * *", "at most once every 1 hour"),
])
def test_a_bad_subscribe_is_refused_with_the_reason(chat: Router, store, text: str,
                                                   needle: str) -> None:
    answer = chat.route(text, ADMIN)
    assert answer.outcome is Outcome.REJECTED and answer.private
    assert needle in answer.plain_text() and store.all() == []


def test_the_shortest_interval_for_chat_digests_is_configurable(
        shipped_pack: Pack, chat_state: tuple[SubscriptionStore, Ledger], store) -> None:
    every_five = build_router(shipped_pack, ChatDigests(
        *chat_state, DigestSettings(min_interval=dt.timedelta(minutes=5)), clock=lambda: NOW))
    assert every_five.route("subscribe */5 * * * *", ADMIN).headline == msg.SUBSCRIBED_HEADLINE
    assert "every 1 minute" in every_five.route("subscribe * * * * *", ADMIN).plain_text()
    assert [s.schedule.cron for s in store.all()] == ["*/5 * * * *"]


@pytest.mark.parametrize("database", ["sqlite", "postgresql"])
def test_the_longest_schedule_is_stored_whole(database: str, tmp_path, request) -> None:
    """100 characters, the most a schedule may have, round-trip on both databases."""
    from bot.database import open_engine
    from bot.digests.schedule import MAX_SCHEDULE_CHARS, parse_schedule
    from bot.digests.subscriptions import Subscription

    url = (f"sqlite:///{tmp_path / 'd.sqlite3'}" if database == "sqlite"
           else request.getfixturevalue("postgres_url"))
    minutes = [str(m) for m in range(60)]
    while len(cron := ",".join(minutes) + " 9 * * *") > MAX_SCHEDULE_CHARS:
        minutes.pop()
    store = SubscriptionStore(open_engine(url))
    store.create_tables()
    store.subscribe(Subscription("slack", "T1", "C1", parse_schedule(cron), "U1",
                                 NOW.replace(tzinfo=None)))
    [stored] = store.all()
    assert stored.schedule.cron == cron and len(cron) > MAX_SCHEDULE_CHARS - 3


def test_only_admins_and_configured_ids_may_manage(chat: Router) -> None:
    member = Asker("slack", "C1", "U2", "T1")
    configured = Asker("slack", "C1", "U9", "T1")
    for text in ("subscribe daily 09:00", "unsubscribe", "digests"):
        refusal = chat.route(text, member)
        assert refusal.headline == msg.ADMIN_ONLY_HEADLINE and refusal.suggestions == ()
    assert chat.route("subscribe daily 09:00", configured).headline == msg.SUBSCRIBED_HEADLINE
    assert chat.parse("/docket Subscribe daily 09:00").needs_admin
    assert not chat.parse("who gets it").needs_admin
