"""The ``discord:`` config section, parsed into ``DiscordSettings`` with one clear error per bad key.

The token is not here on purpose: it comes from ``DISCORD_TOKEN`` in the environment only, and
the shared loader refuses token-like keys in the file.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from bot.app.config import Config, reject_unknown_keys
from bot.errors import ConfigError

logger = logging.getLogger(__name__)

SYNC_MODES = ("guild", "global")
KEYS = ("sync", "guild_ids", "shard_count", "shard_ids")


@dataclass(frozen=True)
class DiscordSettings:
    """How the bot registers ``/docket`` and how it shards.

    ``sync="guild"`` registers the command in the listed servers only, where it appears at once
    (for development); ``sync="global"`` registers it everywhere the bot is installed (for
    production; Discord may take a while to show it). ``shard_count`` alone runs every shard in
    this process; with ``shard_ids`` this process runs only those, so several processes can
    split one bot.
    """

    sync: str = "global"
    guild_ids: tuple[int, ...] = ()
    shard_count: int | None = None
    shard_ids: tuple[int, ...] | None = None

    @property
    def sharded(self) -> bool:
        return self.shard_count is not None

    @classmethod
    def from_config(cls, config: Config) -> DiscordSettings:
        where = f"config {config.path}: discord" if config.path else "config: discord"
        return cls.from_section(config.section("discord"), where)

    @classmethod
    def from_section(cls, section: dict[str, Any], where: str = "discord") -> DiscordSettings:
        """Check every key and build the settings; the first problem is raised as ``ConfigError``."""
        reject_unknown_keys(section, KEYS, where)
        sync = section.get("sync", "global")
        if sync not in SYNC_MODES:
            raise ConfigError(f"{where}.sync must be 'guild' or 'global', got {sync!r}")
        guild_ids = _ids(section.get("guild_ids"), f"{where}.guild_ids")
        if sync == "guild" and not guild_ids:
            raise ConfigError(f"{where}.guild_ids must list at least one server id when "
                              "sync is 'guild'")
        if sync == "global" and guild_ids:
            logger.warning("%s.guild_ids is ignored with sync 'global'", where)
        shard_count = section.get("shard_count")
        if shard_count is not None and (not _is_int(shard_count) or shard_count < 1):
            raise ConfigError(f"{where}.shard_count must be a whole number of at least 1, "
                              f"got {shard_count!r}")
        shard_ids = None
        if section.get("shard_ids") is not None:
            if shard_count is None:
                raise ConfigError(f"{where}.shard_ids needs shard_count as well")
            shard_ids = _shard_ids(section["shard_ids"], shard_count, f"{where}.shard_ids")
        return cls(sync=sync, guild_ids=guild_ids, shard_count=shard_count, shard_ids=shard_ids)


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _ids(value: Any, name: str) -> tuple[int, ...]:
    """Server ids as ints; quoted ids are accepted because 19-digit numbers are often quoted."""
    if value is None:
        return ()
    if not isinstance(value, list):
        raise ConfigError(f"{name} must be a list of server ids, got {value!r}")
    ids = []
    for item in value:
        if isinstance(item, str) and item.strip().isdigit():
            item = int(item.strip())
        if not _is_int(item) or item <= 0:
            raise ConfigError(f"{name}: {item!r} is not a server id (a positive number)")
        ids.append(item)
    return tuple(dict.fromkeys(ids))


def _shard_ids(value: Any, count: int, name: str) -> tuple[int, ...]:
    if not isinstance(value, list) or not value:
        raise ConfigError(f"{name} must be a non-empty list of shard numbers, got {value!r}")
    for item in value:
        if not _is_int(item) or not 0 <= item < count:
            raise ConfigError(f"{name}: {item!r} is not a shard number from 0 to {count - 1}")
    return tuple(dict.fromkeys(value))
