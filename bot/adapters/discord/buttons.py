"""The "Did you mean" buttons under a refusal: clicking one asks its question.

Each button's custom id names the snippet (``docket:ask:<id>``), so a click works after a
restart too: discord.py's dynamic items match custom ids by pattern, and the snippet's own
question is looked up in the pack as it is now. The answer goes to the person who clicked,
privately.
"""

from __future__ import annotations

import logging
from typing import Any

import discord

from bot.answering.router import Router
from bot.render.discord import CHOICE_PREFIX, render_choices

logger = logging.getLogger(__name__)
GONE = "That question is no longer in the briefing; ask again."


def choices_view(answer: Any, item: type[discord.ui.DynamicItem[Any]]) -> discord.ui.View | None:
    """A view holding the rendered buttons as ``item``s, or None when there are none."""
    rows = render_choices(answer)
    if not rows:
        return None
    view = discord.ui.View(timeout=None)
    for button in rows[0]["components"]:
        view.add_item(item(button["custom_id"][len(CHOICE_PREFIX):], button["label"]))
    return view


def choice_item(router: Router, ask: Any) -> type[discord.ui.DynamicItem[Any]]:
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
            await ask(interaction, snippet.questions[0])

    return AskChoice
