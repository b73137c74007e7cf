"""A running process picks up a curator's edit to its pack, without a restart.

Every ``RELOAD_EVERY`` seconds the pack's files are looked at (paths, sizes and modification
times: cheap); after a change the pack is loaded again, through the compiled cache, in a
worker thread, and swapped into the router only if it validates. A pack that does not is
logged once with its problems, and the last good pack keeps answering.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from pathlib import Path

from bot.answering.router import Router
from bot.errors import PackError
from bot.matching.search import build_index
from bot.pack.cache import load_compiled
from bot.pack.reload import files_stamp

logger = logging.getLogger(__name__)

#: How often the pack's files are looked at: an edit answers within this, plus a load.
RELOAD_EVERY = 15.0


async def watch_pack(router: Router, path: Path,
                     events: Callable[[str], None] = lambda _: None) -> None:
    """Until cancelled. ``events`` is told ``reloaded`` or ``refused`` (the app's metrics)."""
    root = Path(path).resolve()
    seen = await asyncio.to_thread(files_stamp, root)
    while True:
        await asyncio.sleep(RELOAD_EVERY)
        try:
            now = await asyncio.to_thread(files_stamp, root)
        except OSError as exc:
            logger.error("pack %s: cannot read its files (%s); still answering from the last "
                         "good pack", root, exc.strerror)
            continue
        if now == seen:
            continue
        seen = now
        try:
            pack, index = await asyncio.to_thread(load_compiled, root, build_index)
        except PackError as exc:
            logger.error("pack %s changed but does not load (%s: %s); still answering from the "
                         "last good pack", root, exc, "; ".join(map(str, exc.problems[:3])))
            events("refused")
            continue
        router.replace_pack(pack, index)
        events("reloaded")
        logger.info("pack %s reloaded: %d snippets", pack.id, len(pack.snippets))
