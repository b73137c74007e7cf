"""Plain-text rendering, for the console and for logs: numbered citations under the answer."""

from __future__ import annotations

import textwrap

from bot.answering import messages as msg
from bot.answering.answer import Answer, Outcome, point_label, with_headings
from bot.answering.citations import group_by_source

WIDTH = 88
SUGGESTIONS = {Outcome.ANSWER: "Related", Outcome.DIGEST: "Ask more"}
DID_YOU_MEAN = "Did you mean (type its number to ask it):"
#: Where nothing can be typed next (``docket ask``), the questions are shown to copy instead.
DID_YOU_MEAN_ASK = "Did you mean:"


def render_text(answer: Answer, *, show_question: bool = True,
                command: str = msg.DEFAULT_COMMAND, numbered: bool = True) -> str:
    """``command``: the slash command's configured name, shown before every command reference.
    ``numbered``: "Did you mean" choices as numbers to type (``docket chat``), or as questions
    to copy (``docket ask``, where nothing can be typed next)."""
    def ref(text: str) -> str:
        return f"{command} {text}"

    lines: list[str] = []
    if show_question and answer.question:
        lines.append(f"> {ref(answer.question)}")
    lines.append(answer.headline)
    lines.append("")
    for point, heading in with_headings(answer.points):
        if heading:
            lines += ["", heading]
        refs = "".join(f"[{n}]" for n in point.citations)
        body = f"{point_label(point)}{point.render(ref)}{' ' + refs if refs else ''}"
        lines.append(textwrap.fill(body, WIDTH, initial_indent="• ", subsequent_indent="  "))
    if answer.citations:
        lines += ["", "Sources"]
        for group in group_by_source(answer.citations):
            byline = ", ".join(group.byline_parts)
            lines.append(textwrap.fill(f"{group.title}. {byline}.", WIDTH,
                                       subsequent_indent="  "))
            for c in group.citations:
                lines.append(textwrap.fill(f"[{c.number}] “{c.excerpt()}”", WIDTH,
                                           initial_indent="  ", subsequent_indent="      "))
    if answer.shows_confidence:
        lines += ["", f"Confidence: {answer.confidence_label} ({answer.confidence:.2f})"]
    if answer.choices and numbered:
        lines += ["", DID_YOU_MEAN]
        lines += [f"  {n}. {ref(c.question)}" for n, c in enumerate(answer.choices, 1)]
    elif answer.choices:
        lines += ["", DID_YOU_MEAN_ASK]
        lines += [f"  - {ref(c.question)}" for c in answer.choices]
    if answer.suggestions:
        label = SUGGESTIONS.get(answer.outcome, "Try")
        lines.append(f"{label}: " + " · ".join(ref(s) for s in answer.suggestions))
    if answer.note:
        lines.append(answer.note)
    return "\n".join(lines)
