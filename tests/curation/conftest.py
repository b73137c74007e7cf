"""A curators' store on the database the test runs on (SQLite, then PostgreSQL), and a clock tests
move by hand."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.curation.store import CurationStore
from bot.database import open_engine

START = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.timezone.utc)


class Clock:
    """``now`` as the test says; ``advance`` moves it on."""

    def __init__(self, now: dt.datetime = START):
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += dt.timedelta(**delta)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def store(database_url: str) -> CurationStore:
    found = CurationStore(open_engine(database_url))
    found.create_tables()
    return found
