"""Buttons under Docket's messages: "Did you mean" under a refusal (clicking one asks its
question), and Helpful / Not helpful under an answer.

Each button's custom id says what it does (``docket:ask:<snippet id>``,
``docket:vote:+:<answer ref>``), so a click works after a restart too: discord.py's dynamic
items match custom ids by pattern. Whatever a click does, its reply goes to the person who
clicked, privately.
"""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING, Any

import discord

from bot.answering.answer import Answer
from bot.answering.choices import offered
from bot.answering.router import Router
from bot.render.discord import CHOICE_PREFIX, VOTE_PREFIX, render_choices, render_feedback

if TYPE_CHECKING:
    from bot.curation.recorder import Curation

logger = logging.getLogger(__name__)
GONE = "That question is no longer in the briefing; ask again."

Item = type[discord.ui.DynamicItem[Any]]


def answer_view(answer: Answer, choice: Item | None, vote: Item | None) -> discord.ui.View | None:
    """A view holding the rendered buttons as dynamic items, or None when there are none."""
    view = discord.ui.View(timeout=None)
    rows = [(choice, CHOICE_PREFIX, render_choices(answer)),
            (vote, VOTE_PREFIX, render_feedback(answer))]
    for item, prefix, rendered in rows:
        if item is None or not rendered:
            continue
        for button in rendered[0]["components"]:
            view.add_item(item(button["custom_id"][len(prefix):], button["label"]))
    return view if view.children else None


def choice_item(router: Router, ask: Any) -> Item:
    """The dynamic button class bound to ``router``; ``ask(interaction, question)`` answers."""

    class AskChoice(discord.ui.DynamicItem[discord.ui.Button[Any]],
                    template=CHOICE_PREFIX.replace(":", r"\:") + r"(?P<snippet>[a-z0-9-]+)"):
        def __init__(self, snippet: str, label: str = "…") -> None:
            super().__init__(discord.ui.Button(label=label, custom_id=CHOICE_PREFIX + snippet,
                                               style=discord.ButtonStyle.secondary))
            self.snippet = snippet

        @classmethod
        async def from_custom_id(cls, interaction: discord.Interaction,
                                 item: discord.ui.Button[Any], match: Any) -> AskChoice:
            return cls(match["snippet"], item.label or "…")

        async def callback(self, interaction: discord.Interaction) -> None:
            snippet = router.pack.by_id.get(self.snippet)
            if snippet is None:
                await interaction.response.send_message(GONE, ephemeral=True)
                return
            await ask(interaction, offered(snippet))   # the question its label shows

    return AskChoice


def vote_item(curation: Curation, asker_of: Any) -> Item:
    """The Helpful / Not helpful button class: a click is stored (once per person per answer,
    changeable) and acknowledged privately; nothing is posted to the channel."""

    class Vote(discord.ui.DynamicItem[discord.ui.Button[Any]],
               template=VOTE_PREFIX.replace(":", r"\:") + r"(?P<vote>[+-])\:(?P<ref>[0-9a-f]{16})"):
        def __init__(self, vote: str, label: str = "…") -> None:
            super().__init__(discord.ui.Button(label=label, custom_id=VOTE_PREFIX + vote,
                                               style=discord.ButtonStyle.secondary))
            self.vote = vote

        @classmethod
        async def from_custom_id(cls, interaction: discord.Interaction,
                                 item: discord.ui.Button[Any], match: Any) -> Vote:
            return cls(f"{match['vote']}:{match['ref']}", item.label or "…")

        async def callback(self, interaction: discord.Interaction) -> None:
            mark, _, ref = self.vote.partition(":")
            reply = await asyncio.to_thread(curation.feedback, ref, mark == "+",
                                            asker_of(interaction))
            logger.debug("interaction %s: vote %s", interaction.id, mark)
            await interaction.response.send_message(reply, ephemeral=True)

    return Vote
