"""The Discord client: no privileged intents, no mentions, ``/docket`` synced as configured.

Interactions arrive over the gateway whatever the intents, so the client asks only for
``guilds``: not privileged (nothing to approve in the developer portal), and without it
discord.py warns that its server state is incomplete. No message content, no members. Every
message goes out with ``allowed_mentions`` set to nothing, so echoed text never pings anyone.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

import discord

from bot.adapters.discord.buttons import choice_item, vote_item
from bot.adapters.discord.commands import (DEFER_AFTER, answer_interaction, asker_of,
                                           build_command)
from bot.adapters.discord.settings import DiscordSettings
from bot.adapters.discord.tree import DocketTree
from bot.answering.messages import DEFAULT_COMMAND
from bot.answering.router import Router

if TYPE_CHECKING:
    from bot.curation.recorder import Curation

logger = logging.getLogger(__name__)


class _DocketMixin:
    """What both client flavours share: the command tree, and syncing it once at login."""

    tree: DocketTree
    settings: DiscordSettings

    def _install(self, settings: DiscordSettings, router: Router, defer_after: float,
                 command: str, curation: Curation | None) -> None:
        self.settings = settings
        self.tree = DocketTree(self)  # type: ignore[arg-type]

        async def ask(interaction: discord.Interaction, question: str) -> None:
            await answer_interaction(interaction, router, question, private=True,
                                     defer_after=defer_after, command=command, buttons=buttons,
                                     votes=votes)

        buttons = choice_item(router, ask)
        votes = vote_item(curation, asker_of) if curation is not None and \
            curation.settings.feedback else None
        self.add_dynamic_items(*(i for i in (buttons, votes) if i))  # type: ignore[attr-defined]
        self.tree.add_command(build_command(router, command=command, defer_after=defer_after,
                                            buttons=buttons, votes=votes))

    async def setup_hook(self) -> None:
        """Sync before connecting, so the command exists by the time the gateway is up."""
        if self.settings.sync == "guild":
            for guild_id in self.settings.guild_ids:
                guild = discord.Object(id=guild_id)
                self.tree.copy_global_to(guild=guild)
                synced = await self.tree.sync(guild=guild)
                logger.info("synced %d command(s) to server %s", len(synced), guild_id)
        else:
            synced = await self.tree.sync()
            logger.info("synced %d command(s) globally; Discord may take a while to show them",
                        len(synced))


class DocketClient(_DocketMixin, discord.Client):
    """One connection, for a bot in up to about a thousand servers."""


class ShardedDocketClient(_DocketMixin, discord.AutoShardedClient):
    """Several shards in one process; with ``shard_ids`` only those, so processes can split a bot."""


def build_client(settings: DiscordSettings, router: Router, *, command: str = DEFAULT_COMMAND,
                 defer_after: float = DEFER_AFTER, curation: Curation | None = None,
                 **options: Any) -> discord.Client:
    # Docket never joins voice: discord.py's warnings about missing voice libraries are noise.
    discord.VoiceClient.warn_nacl = discord.VoiceClient.warn_dave = False
    """A ready-to-start client; ``options`` pass through to discord.py (tests use none)."""
    common: dict[str, Any] = {"intents": discord.Intents(guilds=True),
                              "allowed_mentions": discord.AllowedMentions.none(), **options}
    if settings.sharded:
        client: _DocketMixin = ShardedDocketClient(
            shard_count=settings.shard_count,
            shard_ids=list(settings.shard_ids) if settings.shard_ids else None, **common)
    else:
        client = DocketClient(**common)
    client._install(settings, router, defer_after, command, curation)
    return client  # type: ignore[return-value]
