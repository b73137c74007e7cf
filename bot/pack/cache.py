"""The compiled pack cache: a loaded, validated pack and what is built from it (its search
index), stored on disk and read back instead of loading the pack again.

Loading a pack parses every YAML file and checks every quote against its source: about 30 s
for 100,000 snippets, most of it building Python objects from YAML. Reading back the objects
already built takes under a second. The cache is keyed by a hash of the *content* of every
file under the pack's directory, of Docket's own source code, and of the Python and numpy
versions, so an edited pack, a new Docket or a different interpreter always means a full load,
never an answer from stale data. A cache file that cannot be read back whole (truncated,
corrupt, written by something else) is discarded and rebuilt. ``docket validate`` never reads
it: a curator's check is always the full check.

Where: ``$DOCKET_CACHE_DIR``, else ``$XDG_CACHE_HOME/docket``, else ``~/.cache/docket``;
``DOCKET_CACHE_DIR=off`` turns the cache off. The cache is a pickle, and reading a pickle can
run code, so it is only read from a directory the current user owns and nobody else can write
to (Docket creates it with mode 0700), and only from files the user owns.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import logging
import os
import pickle
import stat
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

from bot.pack.loader import DEFAULT_PACK, load_pack
from bot.pack.model import Pack

logger = logging.getLogger(__name__)

CACHE_ENV = "DOCKET_CACHE_DIR"
#: Bumped when the file layout below changes.
FORMAT = b"docket-compiled-pack 1\n"
_BOT = Path(__file__).resolve().parents[1]

T = TypeVar("T")


def load_compiled(path: Path | str | None, build: Callable[[Pack], T] | None = None,
                  ) -> tuple[Pack, T | None]:
    """The pack at ``path`` and ``build(pack)``, from the cache when it holds exactly these
    files; otherwise loaded in full (raising ``PackError`` as ``load_pack`` does) and stored."""
    root = Path(path if path is not None else DEFAULT_PACK).resolve()
    directory = cache_dir()
    if directory is None or not root.is_dir():
        return _build(root, build)
    started = time.perf_counter()
    file = directory / f"{_digest(str(root).encode())[:24]}-{_builder_name(build)}.pickle"
    key = cache_key(root, build)
    found = _read(file, key)
    if found is not None:
        logger.info("pack %s from the compiled cache in %.0f ms", found[0].id,
                    (time.perf_counter() - started) * 1000)
        return found
    pack, built = _build(root, build)
    if key == cache_key(root, build):  # not edited while it loaded
        _write(file, key, (pack, built))
    return pack, built


def cache_dir() -> Path | None:
    """The cache directory, created if missing; ``None`` when it is turned off or unsafe."""
    configured = os.environ.get(CACHE_ENV, "").strip()
    if configured.lower() == "off":
        return None
    if configured:
        directory = Path(configured).expanduser()
    else:
        base = os.environ.get("XDG_CACHE_HOME", "").strip()
        directory = (Path(base) if base else Path.home() / ".cache") / "docket"
    try:
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = directory.stat()
    except OSError as exc:
        logger.warning("compiled pack cache off: cannot use %s (%s)", directory, exc.strerror)
        return None
    if not _private(info):
        logger.warning("compiled pack cache off: %s must be owned by this user and writable by "
                       "nobody else (chmod 700)", directory)
        return None
    return directory


def cache_key(root: Path, build: Callable[[Pack], Any] | None) -> str:
    """What a cached pack must have been built from: every file's path and content, Docket's
    code, what was built, and the versions that decide how it reads back."""
    import numpy

    digest = hashlib.sha256(FORMAT)
    for part in (str(root), _builder_name(build), sys.version, numpy.__version__, _code()):
        digest.update(part.encode() + b"\0")
    for name, file in _files(root):
        digest.update(name.encode("utf-8", "surrogateescape") + b"\0")
        with open(file, "rb") as fh:
            digest.update(hashlib.file_digest(fh, "sha256").digest())
    return digest.hexdigest()


def _files(root: Path) -> Iterator[tuple[str, Path]]:
    """Every regular file under ``root``, in a fixed order, without following directory links."""
    for top, dirs, names in os.walk(root):
        dirs.sort()
        for name in sorted(names):
            file = Path(top) / name
            with contextlib.suppress(OSError):
                if stat.S_ISREG(file.stat().st_mode):
                    yield str(file.relative_to(root)), file


@lru_cache(maxsize=1)
def _code() -> str:
    """A hash of Docket's source: a cache built by other code is not this code's cache."""
    digest = hashlib.sha256()
    for file in sorted(_BOT.rglob("*.py")):
        digest.update(str(file.relative_to(_BOT)).encode() + b"\0" + file.read_bytes())
    return digest.hexdigest()


def _builder_name(build: Callable[[Pack], Any] | None) -> str:
    if build is None:
        return "pack"
    return f"{build.__module__}.{build.__qualname__}".replace("<", "").replace(">", "")


def _build(root: Path, build: Callable[[Pack], T] | None) -> tuple[Pack, T | None]:
    pack = load_pack(root)
    return pack, (build(pack) if build is not None else None)


def _read(file: Path, key: str) -> tuple[Pack, Any] | None:
    try:
        with open(file, "rb") as fh:
            if not _private(os.fstat(fh.fileno())):
                logger.warning("compiled pack cache %s ignored: not owned by this user", file)
                return None
            header = fh.readline()
            stored_key = fh.readline().strip().decode("ascii", "replace")
            checksum = fh.readline().strip().decode("ascii", "replace")
            if header != FORMAT or stored_key != key:
                return None
            payload = fh.read()
    except FileNotFoundError:
        return None
    except OSError as exc:
        logger.warning("compiled pack cache %s unreadable (%s); loading the pack", file,
                       exc.strerror)
        return None
    if _digest(payload) != checksum:
        logger.warning("compiled pack cache %s is corrupt; loading the pack", file)
        return None
    try:
        with _no_gc():
            found = pickle.loads(payload)
    except Exception as exc:  # a cache is never worth a crash: any failure means a full load
        logger.warning("compiled pack cache %s does not read back (%s); loading the pack",
                       file, type(exc).__name__)
        return None
    if not (isinstance(found, tuple) and len(found) == 2 and isinstance(found[0], Pack)):
        return None
    return found


def _write(file: Path, key: str, value: tuple[Pack, Any]) -> None:
    """Written to a temporary file and renamed into place, so a reader never sees half a cache."""
    try:
        payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    except (pickle.PicklingError, TypeError, AttributeError) as exc:
        logger.warning("compiled pack cache not written: %s", exc)
        return
    try:
        fd, temporary = tempfile.mkstemp(dir=file.parent, prefix=".", suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            fh.write(FORMAT + key.encode() + b"\n" + _digest(payload).encode() + b"\n")
            fh.write(payload)
        os.replace(temporary, file)
    except OSError as exc:
        logger.warning("compiled pack cache not written to %s (%s)", file.parent, exc.strerror)
        with contextlib.suppress(OSError, UnboundLocalError):
            os.unlink(temporary)


def _private(info: os.stat_result) -> bool:
    return info.st_uid == os.getuid() and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@contextlib.contextmanager
def _no_gc() -> Iterator[None]:
    """Reading back 100,000 snippets allocates a million objects; with the cyclic collector
    running through them as they appear, that takes five times as long."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
