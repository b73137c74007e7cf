"""The command tree, with the one error handler every command shares.

Errors reach the user as a short private message; the details (exception, command, interaction
id) go to the log, never the token or the whole payload.
"""

from __future__ import annotations

import logging

import discord
from discord import app_commands

from bot.answering import messages as msg

logger = logging.getLogger(__name__)


class DocketTree(app_commands.CommandTree):
    """A ``CommandTree`` whose failures end in an ephemeral apology instead of silence."""

    async def on_error(self, interaction: discord.Interaction,
                       error: app_commands.AppCommandError, /) -> None:
        name = interaction.command.name if interaction.command else "?"
        cause = error.original if isinstance(error, app_commands.CommandInvokeError) else error
        logger.error("interaction %s (/%s) failed: %s", interaction.id, name,
                     type(cause).__name__, exc_info=cause)
        try:
            if interaction.response.is_done():
                await interaction.followup.send(msg.ERROR_GENERIC, ephemeral=True)
            else:
                await interaction.response.send_message(msg.ERROR_GENERIC, ephemeral=True)
        except discord.HTTPException as exc:
            logger.warning("interaction %s: could not send the error message (%s)",
                           interaction.id, exc.status)
