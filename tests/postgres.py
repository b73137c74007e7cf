"""A real PostgreSQL server for tests: the one CI started, or a throwaway one started here.

``server_url()`` gives a server URL: ``DOCKET_TEST_POSTGRES_URL`` when it is set (``.ci/run``
exports it), otherwise a server started in a temporary directory from the PostgreSQL binaries
on this machine (``Throwaway.stop`` shuts it down). ``fresh_database`` creates an empty
database with a unique name on that server; ``drop_database`` removes it.

Nothing here imports pytest; ``tests/conftest.py`` turns it into the ``postgres_url`` fixture.
"""

from __future__ import annotations

import os
import pwd
import re
import secrets
import shutil
import socket
import subprocess
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy

from bot.database import normalise_url, redact

#: Set to a server URL (any database on it; a superuser or a role with CREATEDB) to use that server.
ENV = "DOCKET_TEST_POSTGRES_URL"
#: Where Debian and Ubuntu put each installed major version's binaries.
DEBIAN_BINARIES = "/usr/lib/postgresql/*/bin"
#: The system user that runs the server when the tests run as root (initdb refuses root).
SERVER_USER = "postgres"


class Unavailable(Exception):
    """No server URL was given and none can be started here; the message says why."""


def find_binaries() -> Path | None:
    """The directory holding ``initdb`` and ``pg_ctl``: the newest Debian one, else the PATH's."""
    def version(path: Path) -> tuple[int, ...]:
        return tuple(int(part) for part in re.findall(r"\d+", path.parent.name))

    debian = [p for p in Path("/").glob(DEBIAN_BINARIES.lstrip("/")) if (p / "initdb").is_file()]
    if debian:
        return max(debian, key=version)
    initdb = shutil.which("initdb")
    if initdb and (Path(initdb).parent / "pg_ctl").is_file():
        return Path(initdb).parent
    return None


@dataclass
class Throwaway:
    """A server started by ``start_throwaway``; ``stop`` shuts it down and deletes its files."""

    url: str
    directory: Path
    binaries: Path
    run_as: list[str]

    def restart(self) -> None:
        """Stop the server (fast: connections are cut) and start it again."""
        # The new server inherits pg_ctl's output: never a pipe someone waits to close.
        subprocess.run([*self.run_as, str(self.binaries / "pg_ctl"), "restart", "-D",
                        str(self.directory / "data"), "-l", str(self.directory / "server.log"),
                        "-m", "fast", "-w", "-t", "30"], cwd=self.directory,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)

    def stop(self) -> None:
        subprocess.run([*self.run_as, str(self.binaries / "pg_ctl"), "stop", "-D",
                        str(self.directory / "data"), "-m", "immediate", "-w"],
                       cwd=self.directory, capture_output=True, check=False)
        shutil.rmtree(self.directory, ignore_errors=True)


def start_throwaway(binaries: Path) -> Throwaway:
    """initdb and start a server on 127.0.0.1 on a free port, password auth, no fsync.

    As root, initdb and pg_ctl run as the ``postgres`` system user, which owns the directory.
    """
    run_as: list[str] = []
    owner: pwd.struct_passwd | None = None
    if os.geteuid() == 0:
        try:
            owner = pwd.getpwnam(SERVER_USER)
        except KeyError:
            raise Unavailable(f"running as root, and there is no {SERVER_USER!r} system user "
                              "to run initdb as") from None
        run_as = ["runuser", "-u", SERVER_USER, "--"]
    directory = Path(tempfile.mkdtemp(prefix="docket-postgres-"))
    password = secrets.token_hex(16)
    (directory / "password").write_text(password + "\n")
    if owner is not None:
        for path in (directory, directory / "password"):
            os.chown(path, owner.pw_uid, owner.pw_gid)
    data, log = directory / "data", directory / "server.log"

    def run(*args: str) -> str | None:
        """None when the command worked, else the end of what it (or the server log) said."""
        done = subprocess.run([*run_as, *args], cwd=directory, capture_output=True, text=True)
        if done.returncode == 0:
            return None
        said = done.stderr + done.stdout + (log.read_text(errors="replace") if log.exists() else "")
        return " ".join(said.split())[-800:]

    failure = run(str(binaries / "initdb"), "-D", str(data), "-U", "postgres", "--no-sync",
                  "--auth=scram-sha-256", f"--pwfile={directory / 'password'}",
                  "--encoding=UTF8", "--no-locale")
    for _attempt in range(3 if failure is None else 0):    # the free port may be taken meanwhile
        port = free_port()
        with open(data / "postgresql.conf", "a") as conf:   # root may append; owner unchanged
            conf.write(f"\nlisten_addresses = '127.0.0.1'\nport = {port}\n"
                       f"unix_socket_directories = '{directory}'\n"
                       "fsync = off\nfull_page_writes = off\n")
        failure = run(str(binaries / "pg_ctl"), "start", "-D", str(data), "-l", str(log),
                      "-w", "-t", "30")
        if failure is None:
            break
    if failure is not None:
        shutil.rmtree(directory, ignore_errors=True)
        raise Unavailable(f"could not start a server from {binaries}: {failure}")
    url = f"postgresql+psycopg://postgres:{password}@127.0.0.1:{port}/postgres"
    return Throwaway(url=url, directory=directory, binaries=binaries, run_as=run_as)


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_url() -> tuple[str, Throwaway | None]:
    """The server to use, and the throwaway to stop afterwards when one was started here.

    Raises ``Unavailable`` when ``DOCKET_TEST_POSTGRES_URL`` is unset and no server can be
    started here (no binaries, no ``postgres`` user to run them as root, or they fail).
    """
    given = os.environ.get(ENV, "").strip()
    if given:
        return normalise_url(given), None
    binaries = find_binaries()
    if binaries is None:
        raise Unavailable(f"{ENV} is not set and no PostgreSQL binaries (initdb, pg_ctl) were "
                          f"found in {DEBIAN_BINARIES} or on the PATH; install PostgreSQL "
                          "(Debian: apt-get install postgresql) or point "
                          f"{ENV} at a server")
    server = start_throwaway(binaries)
    return server.url, server


def _admin(server: str) -> sqlalchemy.Engine:
    """CREATE and DROP DATABASE cannot run in a transaction; no pool, so nothing stays connected."""
    return sqlalchemy.create_engine(server, isolation_level="AUTOCOMMIT",
                                    poolclass=sqlalchemy.NullPool)


def check(server: str) -> str:
    """Connect once; "" when that works, else one line saying why (password hidden)."""
    try:
        with _admin(server).connect() as conn:
            conn.execute(sqlalchemy.text("select 1"))
    except sqlalchemy.exc.OperationalError as exc:
        return f"cannot connect to {redact(server)}: {' '.join(str(exc.orig).split())}"
    return ""


def fresh_database(server: str) -> str:
    """Create an empty database with a unique name; its URL (password kept) for ``open_engine``."""
    name = f"docket_test_{uuid.uuid4().hex[:12]}"
    with _admin(server).connect() as conn:
        conn.execute(sqlalchemy.text(f'create database "{name}"'))
    url = sqlalchemy.engine.make_url(server).set(database=name)
    return url.render_as_string(hide_password=False)


def drop_database(server: str, url: str) -> None:
    """Drop the database ``url`` names, ending any connection a test left open to it first."""
    name = sqlalchemy.engine.make_url(url).database
    with _admin(server).connect() as conn:
        conn.execute(sqlalchemy.text("select pg_terminate_backend(pid) from pg_stat_activity "
                                     "where datname = :name and pid <> pg_backend_pid()"),
                     {"name": name})
        conn.execute(sqlalchemy.text(f'drop database if exists "{name}"'))


def allow_connections(server: str, url: str, allowed: bool) -> None:
    """Let the database ``url`` names take connections, or refuse new ones and end those it
    has: to the app, the database server went away (and, allowed again, came back)."""
    name = sqlalchemy.engine.make_url(url).database
    with _admin(server).connect() as conn:
        conn.execute(sqlalchemy.text(f'alter database "{name}" allow_connections '
                                     f'{"true" if allowed else "false"}'))
        if not allowed:
            conn.execute(sqlalchemy.text("select pg_terminate_backend(pid) from pg_stat_activity"
                                         " where datname = :name and pid <> pg_backend_pid()"),
                         {"name": name})
