"""Packs for long-running digests, reloaded when curators change their files.

A scheduler runs for weeks; "new since the last digest" only means something if it sees the
pack as it is today. A pack is reloaded when any of its files' modification times or sizes
change (through the compiled cache, ``bot.pack.cache``, so an unchanged pack is read back rather
than parsed again). If the edited pack no longer loads, the last good one is kept and the problem
is logged, so a typo in a snippet never stops the digests.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path

from bot.errors import PackError
from bot.pack.cache import load_compiled
from bot.pack.model import Pack

logger = logging.getLogger(__name__)


class PackCache:
    """``get(path)`` returns the pack at ``path``, loading it only when its files changed."""

    def __init__(self, on_reload: Callable[[str], None] | None = None) -> None:
        """``on_reload`` is told ``reloaded`` or ``refused`` each time an edited pack is read."""
        self._packs: dict[Path, tuple[tuple, Pack]] = {}
        self._lock = threading.Lock()
        self._on_reload = on_reload or (lambda _: None)

    def get(self, path: Path) -> Pack:
        root = Path(path).resolve()
        stamp = files_stamp(root)
        with self._lock:
            cached = self._packs.get(root)
            if cached is not None and cached[0] == stamp:
                return cached[1]
            try:
                pack, _ = load_compiled(root)
            except PackError as exc:
                if cached is None:
                    raise
                logger.error("pack %s changed but does not load (%s: %s); still using the "
                             "previous version", root, exc, "; ".join(map(str, exc.problems[:3])))
                self._packs[root] = (stamp, cached[1])   # reported once per edit, not per tick
                self._on_reload("refused")
                return cached[1]
            if cached is not None:
                self._on_reload("reloaded")
            self._packs[root] = (stamp, pack)
            return pack


def files_stamp(root: Path) -> tuple:
    """Every file's path, modification time and size: cheap to read, changes with any edit."""
    stats = ((p, p.stat()) for p in sorted(p for p in root.rglob("*") if p.is_file()))
    return tuple((str(p), info.st_mtime_ns, info.st_size) for p, info in stats)
