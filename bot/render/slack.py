"""Block Kit rendering: an ``Answer`` to a Slack message payload (``blocks`` plus fallback ``text``).

Pure functions over plain dicts, so the core never imports a Slack library and
tests can inspect the exact payload. Two promises are kept here rather than in
the adapter, because only the renderer knows what text it inserts:

* every piece of text that reaches ``mrkdwn`` is escaped (``&``, then ``<``,
  then ``>``), so ``<!channel>`` or ``<@U…>`` typed by a user never pings anyone;
  the only mention we emit is "asked by" built from a validated user id;
* Slack's limits (3,000 characters per section, 50 blocks, ~13k characters of
  blocks in total) are met by trimming with a "more" hint, never by failing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from bot.answering import messages as msg
from bot.answering.answer import Answer, Outcome, Point, point_label, with_headings
from bot.answering.citations import Citation, group_by_source

#: Slack's hard limits, and our budget for the total text in one message's blocks.
MAX_BLOCKS = 50
MAX_SECTION_CHARS = 3000
MAX_CONTEXT_ELEMENT_CHARS = 2000
MAX_CONTEXT_ELEMENTS = 10
MAX_TOTAL_CHARS = 11000
MAX_FALLBACK_CHARS = 3000
#: Button values may hold 2,000 characters; questions the router answers are far shorter.
MAX_BUTTON_VALUE = 2000

SHARE_ACTION_ID = "docket_share"
#: Feedback buttons; each carries the answer's ``ref``.
HELPFUL_ACTION_ID = "docket_helpful"
NOT_HELPFUL_ACTION_ID = "docket_not_helpful"
#: "Did you mean" buttons: ``docket_ask_0``, ``docket_ask_1``…, each carrying its question.
CHOICE_ACTION_PREFIX = "docket_ask_"
#: Slack's limit on a button's label.
MAX_BUTTON_LABEL = 75

# Words the Slack rendering adds around the answer (the bot's own voice lives in bot.answering.messages).
YOU_ASKED = "*You asked:* {command} {question}"
ASKED_BY = "*{user} asked:* {command} {question}"
SOURCES = "*Sources*"
CONFIDENCE = "Confidence: *{label}* ({value:.2f})"
SUGGESTIONS = {Outcome.ANSWER: "*Related:* {items}", Outcome.DIGEST: "*Ask more:* {items}"}
TRY = "*Try:* {items}"
MORE_SOURCES = "…and {count} more source{plural}."
SHARE_LABEL = "Share in channel"
DID_YOU_MEAN = "*Did you mean:*"
ELLIPSIS = "…"

_USER_ID = re.compile(r"^[UW][A-Z0-9]{2,30}$")


def escape(text: str) -> str:
    """Neutralise Slack's control sequences: ``&`` first, so escapes are not escaped twice."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def clip(text: str, limit: int) -> str:
    """Cut ``text`` to ``limit`` characters, marking the cut, without splitting an escape."""
    if len(text) <= limit:
        return text
    cut = text[: limit - len(ELLIPSIS)]
    amp = cut.rfind("&")
    if amp != -1 and ";" not in cut[amp:]:
        cut = cut[:amp]
    return cut + ELLIPSIS


def mention(user_id: str) -> str:
    """``<@U…>`` for a real user id from a signed payload; anything else is shown escaped."""
    return f"<@{user_id}>" if _USER_ID.match(user_id or "") else escape(user_id or "someone")


@dataclass(frozen=True)
class Options:
    """How one reply should look: which command to echo, whom to credit, whether to offer sharing."""

    command: str = msg.DEFAULT_COMMAND
    show_question: bool = False
    asked_by: str | None = None
    share: bool = False
    #: Helpful / Not helpful buttons under an answer to a question.
    feedback: bool = False


def render_answer(answer: Answer, options: Options | None = None) -> dict[str, Any]:
    """The ``blocks`` and fallback ``text`` for ``chat.postMessage``/``respond``; always within limits."""
    opts = options or Options()
    head = _head(answer, opts)
    tail = _tail(answer, opts)
    blocks_left = MAX_BLOCKS - len(head) - len(tail) - 1          # one spare for the "more" hint
    chars_left = MAX_TOTAL_CHARS - _chars(head) - _chars(tail) - 200
    body, dropped_points, dropped_sources = _body(answer, opts.command, blocks_left, chars_left)
    hints = []
    if dropped_points:
        hints.append(msg.MORE_HINT.format(count=dropped_points))
    if dropped_sources:
        hints.append(MORE_SOURCES.format(count=dropped_sources,
                                         plural="" if dropped_sources == 1 else "s"))
    if hints:
        body.append(_context(" ".join(escape(h) for h in hints)))
    return {"blocks": head + body + tail, "text": fallback_text(answer, opts)}


def fallback_text(answer: Answer, opts: Options | None = None) -> str:
    """The notification text: plain, escaped, short, naming the command as configured."""
    text = escape(answer.plain_text(opts.command if opts is not None else msg.DEFAULT_COMMAND))
    if opts is not None and opts.asked_by:
        text = f"{mention(opts.asked_by)} asked: {text}"
    return clip(text, MAX_FALLBACK_CHARS)


def _head(answer: Answer, opts: Options) -> list[dict[str, Any]]:
    blocks = []
    if opts.show_question or opts.asked_by:
        template = ASKED_BY if opts.asked_by else YOU_ASKED
        line = template.format(user=mention(opts.asked_by or ""), command=escape(opts.command),
                               question=escape(answer.question))
        blocks.append(_context(clip(line, MAX_CONTEXT_ELEMENT_CHARS)))
    blocks.append(_section(f"*{escape(answer.headline)}*"))
    return blocks


def _tail(answer: Answer, opts: Options) -> list[dict[str, Any]]:
    elements = []
    if answer.shows_confidence:
        elements.append(CONFIDENCE.format(label=answer.confidence_label, value=answer.confidence))
    if answer.suggestions:
        items = " · ".join(command_ref(s, opts.command) for s in answer.suggestions[:5])
        elements.append(SUGGESTIONS.get(answer.outcome, TRY).format(items=items))
    if answer.note:
        elements.append(escape(answer.note))
    blocks = [_context(*(clip(e, MAX_CONTEXT_ELEMENT_CHARS) for e in elements))] if elements else []
    if answer.choices:
        blocks.append({"type": "section", "text": {"type": "mrkdwn", "text": DID_YOU_MEAN}})
        blocks.append({"type": "actions", "elements": [{
            "type": "button", "action_id": f"{CHOICE_ACTION_PREFIX}{n}",
            "text": {"type": "plain_text", "text": clip(choice.question, MAX_BUTTON_LABEL)},
            "value": choice.question[:MAX_BUTTON_VALUE]}
            for n, choice in enumerate(answer.choices)]})
    buttons = []
    if opts.feedback and answer.outcome is Outcome.ANSWER and answer.ref:
        buttons += [{"type": "button", "action_id": action,
                     "text": {"type": "plain_text", "text": label}, "value": answer.ref}
                    for action, label in ((HELPFUL_ACTION_ID, msg.HELPFUL_LABEL),
                                          (NOT_HELPFUL_ACTION_ID, msg.NOT_HELPFUL_LABEL))]
    if opts.share and answer.answered:
        buttons.append({"type": "button", "action_id": SHARE_ACTION_ID,
                        "text": {"type": "plain_text", "text": SHARE_LABEL},
                        "value": answer.question[:MAX_BUTTON_VALUE]})
    if buttons:
        blocks.append({"type": "actions", "elements": buttons})
    return blocks


def _body(answer: Answer, command: str, blocks_left: int,
          chars_left: int) -> tuple[list[dict], int, int]:
    """Point sections, then the sources, as many as fit; returns what was dropped. Each source
    is listed once, with the numbers of its quotes."""
    by_number = {c.number: c for c in answer.citations}
    sections: list[dict[str, Any]] = []
    cited: set[int] = set()

    def fits(trial_sections: list[dict[str, Any]], numbers: set[int]) -> bool:
        lines = _source_lines(answer, numbers)
        return (len(trial_sections) + _source_blocks(len(lines)) <= blocks_left
                and _chars(trial_sections) + sum(map(len, lines)) <= chars_left)

    for index, (point, heading) in enumerate(with_headings(answer.points)):
        section = _section(_point_text(point, command, by_number, heading))
        numbers = cited | {n for n in point.citations if n in by_number}
        if not fits(sections + [section], numbers):
            return sections + _sources(_source_lines(answer, cited)), len(answer.points) - index, 0
        sections.append(section)
        cited = numbers
    # Citations no point refers to (none today) still get listed, budget permitting.
    dropped_sources = 0
    for citation in answer.citations:
        if citation.number in cited:
            continue
        if fits(sections, cited | {citation.number}):
            cited.add(citation.number)
        else:
            dropped_sources += 1
    return sections + _sources(_source_lines(answer, cited)), 0, dropped_sources


def command_ref(text: str, command: str) -> str:
    """What to type, as inline code: ``/docket topics``; escaped, backticks kept out."""
    typed = escape(text.replace("`", "'"))
    return f"`{escape(command)} {typed}`"


def _point_text(point: Point, command: str, by_number: dict[int, Citation],
                heading: str | None = None) -> str:
    label = point_label(point)
    refs = "".join(f"[{n}]" for n in point.citations)
    text = point.render(lambda ref: command_ref(ref, command), escape)
    lines = [f"*{escape(heading)}*"] if heading else []
    lines += [f"• {f'*{escape(label.strip())}* ' if label else ''}{text}"
             f"{' ' + refs if refs else ''}"]
    for number in point.citations:
        if number in by_number:
            lines.append(f"> “{escape(by_number[number].excerpt())}” [{number}]")
    return clip("\n".join(lines), MAX_SECTION_CHARS)


def _source_lines(answer: Answer, numbers: set[int]) -> list[str]:
    """One line per source: its title and byline once, then the numbers of its quotes here."""
    chosen = tuple(c for c in answer.citations if c.number in numbers)
    lines = []
    for group in group_by_source(chosen):
        refs = "".join(f"[{c.number}]" for c in group.citations)
        byline = ", ".join(group.byline_parts)
        lines.append(clip(f"{refs} *{escape(group.title)}*. {escape(byline)}.",
                          MAX_CONTEXT_ELEMENT_CHARS))
    return lines


def _sources(lines: list[str]) -> list[dict[str, Any]]:
    if not lines:
        return []
    elements = [SOURCES] + lines
    blocks = [{"type": "divider"}]
    for start in range(0, len(elements), MAX_CONTEXT_ELEMENTS):
        blocks.append(_context(*elements[start:start + MAX_CONTEXT_ELEMENTS]))
    return blocks


def _source_blocks(count: int) -> int:
    """Blocks that ``_sources`` makes for ``count`` source lines: a divider and context blocks."""
    return 1 + -(-(count + 1) // MAX_CONTEXT_ELEMENTS) if count else 0


def _section(text: str) -> dict[str, Any]:
    return {"type": "section", "text": {"type": "mrkdwn", "text": clip(text, MAX_SECTION_CHARS)}}


def _context(*texts: str) -> dict[str, Any]:
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": t} for t in texts]}


def _chars(blocks: list[dict[str, Any]]) -> int:
    """Characters of text in ``blocks``: what Slack's ``msg_blocks_too_long`` counts, roughly."""
    total = 0
    for block in blocks:
        if "text" in block:
            total += len(block["text"]["text"])
        for element in block.get("elements", ()):
            text = element.get("text")
            total += len(text["text"] if isinstance(text, dict) else text or "")
    return total
