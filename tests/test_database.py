"""The shared database helpers: which URL wins, psycopg 3, one-line errors, no passwords shown."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
import sqlalchemy

from bot.app.config import load_config
from bot.database import normalise_url, open_engine, redact, resolve_url
from bot.errors import ConfigError
from postgres import free_port


@pytest.fixture(autouse=True)
def no_database_url(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DATABASE_URL", raising=False)


def config_file(tmp_path: Path, text: str = "") -> Path:
    file = tmp_path / "config.yaml"
    file.write_text(text)
    return file


def test_without_a_url_the_sqlite_file_sits_beside_the_config(tmp_path: Path) -> None:
    config = load_config(config_file(tmp_path))
    assert config.database() == f"sqlite:///{tmp_path.resolve() / 'docket.sqlite3'}"


def test_without_a_config_file_the_sqlite_file_is_in_the_working_directory(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert resolve_url(None, None, "database_url") == \
        f"sqlite:///{tmp_path.resolve() / 'docket.sqlite3'}"


def test_the_configured_url_beats_the_default(tmp_path: Path) -> None:
    config = load_config(config_file(tmp_path, "database_url: postgresql://db.internal/docket\n"))
    assert config.database() == "postgresql+psycopg://db.internal/docket"


def test_database_url_from_the_environment_beats_the_configured_one(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = load_config(config_file(tmp_path, "database_url: sqlite:///configured.sqlite3\n"))
    monkeypatch.setenv("DATABASE_URL", "postgres://from-env/docket")
    assert config.database() == "postgresql+psycopg://from-env/docket"
    assert resolve_url(None, tmp_path, "database_url") == "postgresql+psycopg://from-env/docket"


def test_a_blank_database_url_in_the_environment_is_ignored(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", "  ")
    assert resolve_url("sqlite:///configured.sqlite3", tmp_path, "database_url") == \
        "sqlite:///configured.sqlite3"


@pytest.mark.parametrize("url,expected", [
    ("postgres://u:p@db:5432/docket", "postgresql+psycopg://u:p@db:5432/docket"),
    ("postgresql://db/docket", "postgresql+psycopg://db/docket"),
    ("postgresql+psycopg://db/docket", "postgresql+psycopg://db/docket"),
    ("sqlite:///docket.sqlite3", "sqlite:///docket.sqlite3"),
])
def test_postgres_urls_are_read_as_psycopg_3(url: str, expected: str) -> None:
    assert normalise_url(url) == expected


def test_a_normalised_postgres_url_gets_the_psycopg_3_driver() -> None:
    engine = open_engine(normalise_url("postgres://db.internal/docket"))
    assert (engine.dialect.name, engine.dialect.driver) == ("postgresql", "psycopg")


@pytest.mark.parametrize("configured,env", [("installs.db", None), (None, "db.internal/docket"),
                                            (42, None)])
def test_a_bad_url_is_one_line_naming_the_setting(configured: object, env: str | None,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    if env is not None:
        monkeypatch.setenv("DATABASE_URL", env)
    with pytest.raises(ConfigError) as caught:
        resolve_url(configured, None, "slack.database_url")
    message = str(caught.value)
    assert message.startswith("slack.database_url: must be a URL") and "\n" not in message


def test_a_bad_url_in_the_config_file_is_one_line(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"config.yaml:1: database_url: must be a URL") as caught:
        load_config(config_file(tmp_path, "database_url: docket.sqlite3\n"))
    assert "\n" not in str(caught.value)


def test_an_unknown_scheme_is_one_line() -> None:
    with pytest.raises(ConfigError) as caught:
        open_engine("nosuchdb://host/db", "database_url")
    assert str(caught.value) == "database_url: not a database URL SQLAlchemy understands"


def test_a_missing_driver_is_named() -> None:
    if importlib.util.find_spec("MySQLdb") is not None:
        pytest.skip("mysqlclient is installed here, so its driver is not missing")
    with pytest.raises(ConfigError) as caught:
        open_engine("mysql://db/docket", "database_url")
    assert str(caught.value) == "database_url: the database driver 'MySQLdb' is not installed"


def test_redact_hides_the_password_and_keeps_the_rest() -> None:
    shown = redact("postgresql+psycopg://docket:s3cret-pw@db.internal:5432/docket")
    assert "s3cret-pw" not in shown
    assert shown == "postgresql+psycopg://docket:***@db.internal:5432/docket"
    assert redact("sqlite:////srv/docket.sqlite3") == "sqlite:////srv/docket.sqlite3"
    assert redact("not a url at all") == "<unparseable database URL>"


def test_open_engine_connects_to_a_real_postgresql_database(postgres_url: str) -> None:
    engine = open_engine(postgres_url)
    try:
        with engine.connect() as conn:
            assert conn.execute(sqlalchemy.text("select 1")).scalar() == 1
            name = conn.execute(sqlalchemy.text("select current_database()")).scalar()
        assert engine.dialect.driver == "psycopg"
        assert name.startswith("docket_test_")
        assert sqlalchemy.inspect(engine).get_table_names() == []     # fresh and empty
    finally:
        engine.dispose()


def test_two_engines_on_one_postgresql_database_see_each_others_writes(postgres_url: str) -> None:
    first, second = open_engine(postgres_url), open_engine(postgres_url)
    try:
        with first.begin() as conn:
            conn.execute(sqlalchemy.text("create table seen (id int primary key)"))
            conn.execute(sqlalchemy.text("insert into seen values (1)"))
        with second.connect() as conn:
            assert conn.execute(sqlalchemy.text("select id from seen")).all() == [(1,)]
    finally:
        first.dispose()
        second.dispose()


def test_a_closed_port_fails_when_the_engine_is_used_and_says_where() -> None:
    port = free_port()
    url = normalise_url(f"postgresql://docket:s3cret-pw@127.0.0.1:{port}/docket")
    engine = open_engine(url)                # engines connect lazily: no error yet
    try:
        with pytest.raises(sqlalchemy.exc.OperationalError) as caught:
            with engine.connect():
                pass
    finally:
        engine.dispose()
    reason = str(caught.value.orig)
    assert f'"127.0.0.1", port {port}' in reason and "Connection refused" in reason
    assert "s3cret-pw" not in reason
