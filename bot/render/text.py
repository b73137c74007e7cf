"""Plain-text rendering, for the console and for logs: numbered citations under the answer."""

from __future__ import annotations

import textwrap

from bot.answering import messages as msg
from bot.answering.answer import Answer, Outcome, point_label, with_headings

WIDTH = 88
SUGGESTIONS = {Outcome.ANSWER: "Related", Outcome.DIGEST: "Ask more"}


def render_text(answer: Answer, *, show_question: bool = True,
                command: str = msg.DEFAULT_COMMAND) -> str:
    """``command``: the slash command's configured name, shown before every command reference."""
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
        for c in answer.citations:
            byline = ", ".join(c.byline_parts())
            lines.append(textwrap.fill(f"[{c.number}] {c.title}. {byline}.", WIDTH,
                                       subsequent_indent="    "))
            lines.append(textwrap.fill(f"“{c.quote}”", WIDTH, initial_indent="    ",
                                       subsequent_indent="    "))
    if answer.outcome is Outcome.ANSWER:
        lines += ["", f"Confidence: {answer.confidence_label} ({answer.confidence:.2f})"]
    if answer.suggestions:
        label = SUGGESTIONS.get(answer.outcome, "Try")
        lines.append(f"{label}: " + " · ".join(ref(s) for s in answer.suggestions))
    if answer.note:
        lines.append(answer.note)
    return "\n".join(lines)
