"""Shared fixtures: the shipped pack, a router over it, the fixture packs under tests/packs, a
real PostgreSQL database per test (see tests/postgres.py), and a router whose answers reach a
curators' log."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.database import open_engine
from bot.digests.ledger import Ledger
from bot.pack.loader import DEFAULT_PACK, load_pack
from bot.pack.model import Pack
from bot.answering.limits import LimitSettings
from bot.answering.router import Router, Settings
from bot.app.commands import build_router, command_table
from bot.curation.identity import Hasher
from bot.curation.recorder import Curation
from bot.curation.settings import CurationSettings
from bot.curation.store import CurationStore
from bot.digests.subscriptions import SubscriptionStore
import postgres

PACKS = Path(__file__).parent / "packs"
#: Routers shared by many tests must not carry one test's question count into the next.
UNLIMITED = Settings(limits=LimitSettings(10**9, 10**9))


@pytest.fixture(scope="session", autouse=True)
def private_pack_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Compiled packs go to a directory of the test run's, never the user's cache."""
    saved = os.environ.get("DOCKET_CACHE_DIR")
    os.environ["DOCKET_CACHE_DIR"] = str(tmp_path_factory.mktemp("pack-cache"))
    yield
    if saved is None:
        del os.environ["DOCKET_CACHE_DIR"]
    else:
        os.environ["DOCKET_CACHE_DIR"] = saved


@pytest.fixture(scope="session")
def shipped_pack() -> Pack:
    return load_pack(DEFAULT_PACK)


@pytest.fixture(scope="session")
def router(shipped_pack: Pack) -> Router:
    return build_router(shipped_pack, settings=UNLIMITED)


@pytest.fixture(scope="session")
def minimal_router() -> Router:
    return build_router(load_pack(PACKS / "minimal"), settings=UNLIMITED)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """A PostgreSQL server URL (``postgresql+psycopg://``, on a maintenance database).

    ``DOCKET_TEST_POSTGRES_URL`` if set (a server that does not answer fails the tests), else a
    throwaway server started once for the session from the binaries on this machine. With
    neither, tests that need PostgreSQL are skipped, except under ``CI=true``, where they fail.
    """
    try:
        url, throwaway = postgres.server_url()
    except postgres.Unavailable as exc:    # failing outside the handler keeps the report short
        url, throwaway, missing = "", None, str(exc)
    else:
        missing = ""
    if missing and os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"CI=true needs PostgreSQL: {missing}", pytrace=False)
    if missing:
        pytest.skip(f"no PostgreSQL: {missing}")
    try:
        problem = postgres.check(url)
        if problem:
            pytest.fail(problem, pytrace=False)
        yield url
    finally:
        if throwaway is not None:
            throwaway.stop()


@pytest.fixture
def postgres_url(postgres_server: str) -> Iterator[str]:
    """A fresh, empty PostgreSQL database for this test, as a URL for ``bot.database.open_engine``.

    Open as many engines on it as the test needs (two schedulers racing, say); whatever they
    leave connected is ended when the database is dropped after the test.
    """
    url = postgres.fresh_database(postgres_server)
    try:
        yield url
    finally:
        postgres.drop_database(postgres_server, url)


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The test runs twice: on a SQLite file, and on a real PostgreSQL server."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'docket.sqlite3'}"
    return request.getfixturevalue("postgres_url")


@pytest.fixture
def chat_state(tmp_path: Path) -> tuple[SubscriptionStore, Ledger]:
    """Subscriptions and a delivery ledger in a fresh SQLite file, tables created."""
    engine = open_engine(f"sqlite:///{tmp_path / 'docket.sqlite3'}")
    store, ledger = SubscriptionStore(engine), Ledger(engine)
    store.create_tables()
    ledger.create_tables()
    return store, ledger


@pytest.fixture
def logged_router(router: Router) -> Router:
    """A router of the test's own (an observer added stays with it) over the nearest
    ``router`` fixture's pack."""
    return build_router(router.pack, settings=UNLIMITED)


@pytest.fixture
def curation_log(tmp_path: Path, logged_router: Router) -> Curation:
    """The curators' log on a fresh SQLite file, told of every answer ``logged_router``
    gives, and behind its ``curate`` command."""
    store = CurationStore(open_engine(f"sqlite:///{tmp_path / 'curation.sqlite3'}"))
    store.create_tables()
    found = Curation(store, CurationSettings(), Hasher("wire-key"), lambda: logged_router.pack)
    logged_router.observers.append(found.observe)
    logged_router.commands = command_table(None, found)
    return found
