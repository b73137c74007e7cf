"""The ``/docket`` application command: translate the interaction, ask the router, send the embed.

No briefing logic lives here. The router is synchronous and normally answers in about a
millisecond, so the command answers directly (one request, no "thinking…" flicker). It runs
the router in a worker thread and, if no answer has come within ``defer_after`` seconds (a big
pack, a busy host), defers first and edits the deferred reply afterwards, so Discord's
3-second deadline is met either way.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import discord
from discord import app_commands

from bot.adapters.discord import strings
from bot.adapters.discord.autocomplete import suggest
from bot.adapters.discord.buttons import answer_view
from bot.answering.answer import Answer, Outcome
from bot.answering.asker import Asker, Place
from bot.answering.messages import DEFAULT_COMMAND
from bot.render.discord import render_embed
from bot.answering.router import Router

logger = logging.getLogger(__name__)

#: Seconds to wait for the router before deferring; well inside Discord's 3 s, with room for
#: the network round trip of the reply itself.
DEFER_AFTER = 1.5


def build_command(router: Router, *, command: str = DEFAULT_COMMAND,
                  defer_after: float = DEFER_AFTER,
                  buttons: type[discord.ui.DynamicItem[Any]] | None = None,
                  votes: type[discord.ui.DynamicItem[Any]] | None = None
                  ) -> app_commands.Command:
    """The ``/docket`` command (or the configured name) bound to one router, with autocomplete
    on ``question``.

    Installed to servers only, usable in servers and in a DM with the bot: set explicitly,
    because left unset Discord falls back to whatever the developer portal says, and a user
    install would offer the command where the bot can neither read nor post.
    """

    @app_commands.command(name=command.lstrip("/"), description=strings.COMMAND_DESCRIPTION)
    @app_commands.describe(question=strings.QUESTION_DESCRIPTION,
                           private=strings.PRIVATE_DESCRIPTION)
    @app_commands.allowed_installs(guilds=True, users=False)
    @app_commands.allowed_contexts(guilds=True, dms=True, private_channels=False)
    async def docket(interaction: discord.Interaction, question: str, private: bool = False) -> None:
        await answer_interaction(interaction, router, question, private=private,
                                 defer_after=defer_after, command=command, buttons=buttons,
                                 votes=votes)

    @docket.autocomplete("question")
    async def question_choices(interaction: discord.Interaction,
                               current: str) -> list[app_commands.Choice[str]]:
        return [app_commands.Choice(name=text, value=text) for text in suggest(router, current)]

    return docket


async def answer_interaction(interaction: discord.Interaction, router: Router, question: str,
                             *, private: bool, defer_after: float,
                             command: str = DEFAULT_COMMAND,
                             buttons: type[discord.ui.DynamicItem[Any]] | None = None,
                             votes: type[discord.ui.DynamicItem[Any]] | None = None) -> None:
    """Route the question and reply with one embed, with a refusal's "Did you mean" buttons
    (made of ``buttons``) or an answer's Helpful / Not helpful (``votes``, when feedback is
    on); refusals of the input itself stay private."""
    request = router.parse(question)
    private = private or request.needs_admin   # a channel's settings stay private
    pending = asyncio.get_running_loop().run_in_executor(None, router.answer, request,
                                                         asker_of(interaction))
    try:
        answer = await asyncio.wait_for(asyncio.shield(pending), defer_after)
    except asyncio.TimeoutError:
        logger.info("interaction %s: answer slower than %.1fs, deferring", interaction.id,
                    defer_after)
        await interaction.response.defer(ephemeral=private, thinking=True)
        answer = await pending
    embed = discord.Embed.from_dict(render_embed(answer, command=command))
    view = answer_view(answer, buttons, votes)
    extra = {"view": view} if view is not None else {}
    logger.debug("interaction %s: %s, %d citations", interaction.id, answer.outcome.value,
                 len(answer.citations))
    if interaction.response.is_done():
        await interaction.edit_original_response(embed=embed, **extra)
    else:
        await interaction.response.send_message(embed=embed, ephemeral=_ephemeral(answer, private),
                                                **extra)


def asker_of(interaction: discord.Interaction) -> Asker:
    """Who asks where; Manage Server in this channel makes a member an admin for digests.

    An interaction may come without its channel object (only ``channel_id``, which discord.py
    does not keep); then there is no channel to name, rather than the channel "None".
    """
    guild = interaction.guild_id
    channel = interaction.channel_id
    return Asker("discord", str(channel) if channel is not None else None,
                 str(interaction.user.id), str(guild) if guild else None,
                 platform_admin=bool(guild) and interaction.permissions.manage_guild,
                 place=place_of(interaction),
                 conversation=f"discord:{channel}:{interaction.user.id}")


def place_of(interaction: discord.Interaction) -> Place:
    """A group DM, a server where only the person installed the app (the bot is not there),
    a DM with the bot, or a server channel."""
    context = interaction.context
    if context.private_channel:
        return Place.PRIVATE
    if context.dm_channel:
        return Place.BOT_DM
    if interaction.is_user_integration() and not interaction.is_guild_integration():
        return Place.NOT_INSTALLED
    return Place.CHANNEL


def _ephemeral(answer: Answer, private: bool) -> bool:
    """Private when asked for, for refused input (nobody else needs to see "too long"), and
    for a channel's digest settings."""
    return private or answer.private or answer.outcome is Outcome.REJECTED
