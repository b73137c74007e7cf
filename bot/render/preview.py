"""The message an adapter would post for an answer, as the platform's own JSON, for ``docket ask
--as slack|discord``: a curator sees an answer as Slack or Discord shows it, offline, and can
paste it into Slack's Block Kit Builder or a Discord embed previewer."""

from __future__ import annotations

from typing import Any

from bot.answering.answer import Answer
from bot.render.discord import render_choices, render_embed, render_feedback
from bot.render.slack import Options, render_answer


def as_posted(answer: Answer, platform: str) -> dict[str, Any]:
    """A reply to a slash command in Slack, with Helpful / Not helpful; an interaction response
    in Discord, with its "Did you mean" and vote buttons."""
    if platform == "slack":
        return render_answer(answer, Options(show_question=True, feedback=True))
    return {"embeds": [render_embed(answer)],
            "components": render_choices(answer) + render_feedback(answer)}
