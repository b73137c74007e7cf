"""The ``discord:`` config section as a schema, and the one secret it needs.

The token is not here on purpose: it comes from ``DISCORD_TOKEN`` in the environment only, and
the config loader refuses token-like keys in the file.
"""

from __future__ import annotations

import logging
from typing import Annotated, Any, Literal

from pydantic import (BaseModel, BeforeValidator, ConfigDict, Field, StrictInt, field_validator,
                      model_validator)

from bot.adapters.discord import strings
from bot.environment import EnvVar

logger = logging.getLogger(__name__)

TOKEN = EnvVar("DISCORD_TOKEN", strings.TOKEN_PURPOSE, shape=r"[\w-]+\.[\w-]+\.[\w-]+",
               shape_says="a bot token (three parts separated by dots)")


def _server_id(value: Any) -> Any:
    """Quoted ids are accepted, because 19-digit numbers are often quoted in YAML."""
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise ValueError(f"{value!r} is not a server id (a positive number)")
    return value


ServerId = Annotated[int, BeforeValidator(_server_id)]


class DiscordSettings(BaseModel):
    """How the bot registers ``/docket`` and how it shards.

    ``sync="guild"`` registers the command in the listed servers only, where it appears at once
    (for development); ``sync="global"`` registers it everywhere the bot is installed (for
    production; Discord may take a while to show it). ``shard_count`` alone runs every shard in
    this process; with ``shard_ids`` this process runs only those, so several processes can
    split one bot.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    sync: Literal["guild", "global"] = "global"
    guild_ids: tuple[ServerId, ...] = ()
    shard_count: Annotated[StrictInt, Field(ge=1)] | None = None
    shard_ids: Annotated[tuple[StrictInt, ...], Field(min_length=1)] | None = None

    @property
    def sharded(self) -> bool:
        return self.shard_count is not None

    @model_validator(mode="after")
    def _consistent(self) -> DiscordSettings:
        if self.sync == "guild" and not self.guild_ids:
            raise ValueError("guild_ids must list at least one server id when sync is 'guild'")
        if self.sync == "global" and self.guild_ids:
            logger.warning("discord.guild_ids is ignored with sync 'global'")
        if self.shard_ids is not None:
            if self.shard_count is None:
                raise ValueError("shard_ids needs shard_count as well")
            wrong = [i for i in self.shard_ids if not 0 <= i < self.shard_count]
            if wrong:
                raise ValueError(f"shard_ids: {wrong[0]} is not a shard number from 0 to "
                                 f"{self.shard_count - 1}")
        return self

    @field_validator("guild_ids", "shard_ids")
    @classmethod
    def _once_each(cls, value: tuple[int, ...] | None) -> tuple[int, ...] | None:
        return tuple(dict.fromkeys(value)) if value is not None else None
