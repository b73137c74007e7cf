"""The command table the router answers with, assembled here as the app is assembled.

The built-in commands come from ``bot.answering``, the digest commands from ``bot.digests``;
neither knows the other, and the router knows only the table it is handed. A new command goes
in one of those two places, or a new package, and is added here.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from bot.answering.commands import BUILTIN, CommandTable
from bot.answering.router import Router, Settings
from bot.curation.commands import curate_command
from bot.digests.commands import digest_commands
from bot.matching.search import build_index
from bot.pack.cache import load_compiled
from bot.pack.model import Pack

if TYPE_CHECKING:
    from bot.curation.recorder import Curation
    from bot.digests.chat import ChatDigests


def command_table(chat: ChatDigests | None = None,
                  curation: Curation | None = None) -> CommandTable:
    """Every command; without ``chat`` the digest commands say how digests are run instead,
    and without ``curation`` ``curate`` says how the curators' log is kept."""
    return CommandTable([*BUILTIN, *digest_commands(chat), curate_command(curation)])


def build_router(pack: Pack, chat: ChatDigests | None = None,
                 settings: Settings | None = None) -> Router:
    """A router over ``pack`` with the whole command table."""
    return Router(pack, command_table(chat), settings=settings)


def load_router(path: Path | str | None, chat: ChatDigests | None = None,
                settings: Settings | None = None, curation: Curation | None = None) -> Router:
    """A router over the pack at ``path`` (default: the shipped pack), pack and index read from
    the compiled cache when it holds exactly the pack's current files (``bot.pack.cache``).
    With ``curation``, every answer is also told to the curators' log."""
    pack, index = load_compiled(path, build_index)
    router = Router(pack, command_table(chat, curation), index=index, settings=settings)
    if curation is not None:
        router.observers.append(curation.observe)
    return router
