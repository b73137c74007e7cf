"""Where Docket keeps state: one SQL database for Slack installations, digest subscriptions and
the digest delivery ledger.

SQLite (a file beside the config) needs nothing installed; PostgreSQL is used when a URL says
so, through psycopg 3. Several Docket processes may share one PostgreSQL database: the digest
ledger's unique key is what keeps them from posting twice.
"""

from __future__ import annotations

import contextlib
import datetime
import os
from collections.abc import Iterator
from pathlib import Path

import sqlalchemy

from bot.errors import ConfigError, StartupError, first_line

#: The SQLite file used when no URL is configured, next to the config file (or the working directory).
DEFAULT_FILE = "docket.sqlite3"
#: What a database URL looks like, for settings schemas.
DATABASE_URL = r"^[a-z0-9+]+://"
#: SQLAlchemy's plain ``postgresql://`` means psycopg2; Docket ships psycopg 3.
_POSTGRES_PREFIXES = ("postgres://", "postgresql://")
_PSYCOPG = "postgresql+psycopg://"


def default_url(base: Path | None) -> str:
    """``sqlite:///…/docket.sqlite3`` beside the config file, or in the working directory."""
    return f"sqlite:///{((base or Path.cwd()) / DEFAULT_FILE).resolve()}"


def resolve_url(configured: object, base: Path | None, where: str) -> str:
    """``DATABASE_URL`` wins (hosting platforms set it), then the configured URL, then SQLite.

    ``where`` names the setting in the one-line error a malformed value gets.
    """
    url = os.environ.get("DATABASE_URL", "").strip() or configured
    if url is None:
        return default_url(base)
    if not isinstance(url, str) or "://" not in url:
        raise ConfigError(f"{where}: must be a URL like sqlite:///docket.sqlite3 or "
                          "postgresql://host/db")
    return normalise_url(url)


def normalise_url(url: str) -> str:
    """Heroku's ``postgres://`` and the plain ``postgresql://`` both become psycopg 3 URLs."""
    for prefix in _POSTGRES_PREFIXES:
        if url.startswith(prefix):
            return _PSYCOPG + url[len(prefix):]
    return url


def open_engine(url: str, where: str = "database_url") -> sqlalchemy.Engine:
    """An engine for ``url``; a missing driver or a bad URL becomes a one-line ``ConfigError``.

    SQLite gets a busy timeout, so two processes sharing the file wait for each other's
    short write transactions instead of failing with "database is locked".
    """
    options: dict[str, object] = {"pool_pre_ping": True}
    if url.startswith("sqlite"):
        options["connect_args"] = {"timeout": 30}
    try:
        return sqlalchemy.create_engine(url, **options)
    except ModuleNotFoundError as exc:
        raise ConfigError(f"{where}: the database driver {exc.name!r} is not installed") from exc
    except sqlalchemy.exc.ArgumentError as exc:
        raise ConfigError(f"{where}: not a database URL SQLAlchemy understands") from exc


def missing_file(url: str) -> bool:
    """Whether ``url`` names a SQLite file that does not exist yet: a command that only reads
    must not create it (an empty file would look like a database that was never written)."""
    try:
        parsed = sqlalchemy.engine.make_url(url)
    except sqlalchemy.exc.ArgumentError:
        return False
    name = parsed.database or ""
    return parsed.get_backend_name() == "sqlite" and name not in ("", ":memory:") \
        and not name.startswith("file:") and not Path(name).exists()


def redact(url: str) -> str:
    """The URL without its password, fit for a log line or an error message."""
    try:
        return sqlalchemy.engine.make_url(url).render_as_string(hide_password=True)
    except sqlalchemy.exc.ArgumentError:
        return "<unparseable database URL>"


def create_tables(metadata: sqlalchemy.MetaData, engine: sqlalchemy.Engine) -> None:
    """Create missing tables, and add nullable columns a newer Docket defines, so a database
    made by an earlier version keeps working. Safe when several instances start at once."""
    try:
        metadata.create_all(engine)
    except sqlalchemy.exc.DatabaseError:        # another instance created them meanwhile
        metadata.create_all(engine)
    inspector = sqlalchemy.inspect(engine)
    for table in metadata.sorted_tables:
        present = {c["name"] for c in inspector.get_columns(table.name)}
        for column in table.columns:
            if column.name in present or not column.nullable:
                continue
            kind = column.type.compile(dialect=engine.dialect)
            try:
                with engine.begin() as conn:
                    conn.execute(sqlalchemy.text(
                        f'ALTER TABLE {table.name} ADD COLUMN "{column.name}" {kind}'))
            except sqlalchemy.exc.DatabaseError:   # another instance added it meanwhile
                columns = sqlalchemy.inspect(engine).get_columns(table.name)
                if column.name not in {c["name"] for c in columns}:
                    raise


def ping(engine: sqlalchemy.Engine) -> bool:
    """Whether the database answers a query now (``/readyz``): a new connection each time,
    since the pool may hold ones the server has long dropped."""
    with engine.connect() as connection:
        connection.execute(sqlalchemy.text("SELECT 1"))
    return True


@contextlib.contextmanager
def reachable(url: str, where: str) -> Iterator[None]:
    """Turn a database that refuses the connection into one line naming it, password hidden."""
    try:
        yield
    except sqlalchemy.exc.OperationalError as exc:
        raise StartupError(f"{where}: cannot open the database {redact(url)} "
                           f"({type(exc.orig).__name__}: {first_line(exc.orig)})") from None


def naive_utc(moment: datetime.datetime) -> datetime.datetime:
    """UTC without tzinfo: one representation that SQLite and PostgreSQL compare the same way."""
    if moment.tzinfo is None:
        return moment
    return moment.astimezone(datetime.timezone.utc).replace(tzinfo=None)


def aware_utc(moment: datetime.datetime | None) -> datetime.datetime | None:
    """A stored naive UTC time back as an aware one."""
    return moment.replace(tzinfo=datetime.timezone.utc) if moment is not None else None
