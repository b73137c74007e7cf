"""Discord rendering: an ``Answer`` becomes one embed, as the plain dict Discord's JSON expects.

Pure functions, no ``discord`` import: the core never depends on a platform library, and a
dict is easy to snapshot in tests. The adapter turns it into ``discord.Embed.from_dict``.

discord.py does not check Discord's embed limits, and Discord answers an oversized embed with
a 400, so every limit is enforced here by trimming with a "more" hint, never by failing.
Echoed user text (the question) is escaped here as a second line of defence; the first is the
client's ``allowed_mentions``, which stops every ping whatever the text says.
"""

from __future__ import annotations

import re
from typing import Any

from bot.answering import messages as msg
from bot.answering.answer import Answer, Outcome, point_label, with_headings
from bot.answering.citations import SourceGroup, group_by_source

# Discord's limits (https://discord.com/developers/docs/resources/message#embed-object-embed-limits).
TITLE_MAX = 256
DESCRIPTION_MAX = 4096
FIELDS_MAX = 25
FIELD_NAME_MAX = 256
FIELD_VALUE_MAX = 1024
FOOTER_MAX = 2048
AUTHOR_MAX = 256
TOTAL_MAX = 6000
#: The longest question echoed back; the router refuses long input anyway.
ECHO_MAX = 300

ELLIPSIS = "…"
#: "Did you mean" buttons carry the snippet they ask: ``docket:ask:<snippet id>``.
CHOICE_PREFIX = "docket:ask:"
#: Feedback buttons carry the vote and the answer's ref: ``docket:vote:+:<ref>``.
VOTE_PREFIX = "docket:vote:"
BUTTON_LABEL_MAX = 80
CUSTOM_ID_MAX = 100
SECONDARY = 2
SOURCES_MORE_NAME = "More sources"
CONFIDENCE = "Confidence: {label} ({value:.2f})"
SUGGESTIONS = {Outcome.ANSWER: "Related", Outcome.DIGEST: "Ask more"}
TRY = "Try"

COLOURS = {Outcome.ANSWER: 0x2B6CB0, Outcome.LISTING: 0x4A5568, Outcome.DIGEST: 0x2F855A,
           Outcome.NO_ANSWER: 0xB7791F, Outcome.REJECTED: 0xC53030}

_INVISIBLE = re.compile("[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
_MASS_MENTION = re.compile(r"@(everyone|here)", re.IGNORECASE)
_ANGLE_MENTION = re.compile(r"<(?=[@#/:]|a:|t:)")
_MARKDOWN = re.compile(r"([\\*_~`|>#\[\]()<:-])")
_ZWJ = "\u200d"


def render_embed(answer: Answer, *, command: str = msg.DEFAULT_COMMAND) -> dict[str, Any]:
    """The whole answer as one embed dict within every Discord limit.

    The description gets what the 6,000 total leaves after title, footer and the first
    citation, so points drop off whole (with a "more" hint) rather than being cut mid-sentence;
    citation fields then fill what is left.
    """
    embed: dict[str, Any] = {"type": "rich", "color": COLOURS[answer.outcome],
                             "title": clip(defuse(answer.headline), TITLE_MAX)}
    footer = _footer(answer)
    if footer:
        embed["footer"] = {"text": footer}
    fields = [_source_field(group) for group in group_by_source(answer.citations)]
    reserve = _field_size(fields[0]) + _field_size(_more_field(len(fields))) if fields else 0
    budget = min(DESCRIPTION_MAX, TOTAL_MAX - embed_size(embed) - reserve)
    description = _description(answer, command, budget)
    if description:
        embed["description"] = description
    return fit_total(embed, fields)


def echo_question(question: str, command: str = msg.DEFAULT_COMMAND) -> str:
    """The asker's own words, safe to show: invisible characters gone, markdown and pings inert."""
    text = " ".join(_INVISIBLE.sub("", question or "").split())
    text = clip(text, ECHO_MAX)
    return f"{command} {escape_markdown(defuse(text))}".rstrip()


def defuse(text: str) -> str:
    """Make @everyone, @here and <@id>/<@&id>/<#id> inert even if mentions were ever allowed."""
    text = _MASS_MENTION.sub(lambda m: "@" + _ZWJ + m.group(1), text)
    return _ANGLE_MENTION.sub("<" + _ZWJ, text)


def escape_markdown(text: str) -> str:
    """Backslash every markdown character, so code fences, bold and links show as typed."""
    return _MARKDOWN.sub(r"\\\1", text)


def clip(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters, ending in an ellipsis when it was cut."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + ELLIPSIS


def _description(answer: Answer, command: str, limit: int) -> str:
    head = [f"> {echo_question(answer.question, command)}", ""] if answer.question else []
    lines = []
    for point, heading in with_headings(answer.points):
        refs = "".join(f"[{n}]" for n in point.citations)
        text = defuse(point_label(point)) + point.render(lambda r: _suggestion(r, command), defuse)
        title = f"**{defuse(heading)}**\n" if heading else ""
        lines.append(f"{title}• {text}{' ' + refs if refs else ''}")
    tail = []
    if answer.suggestions:
        label = SUGGESTIONS.get(answer.outcome, TRY)
        tail = ["", f"**{label}:** " + " · ".join(_suggestion(s, command)
                                                  for s in answer.suggestions)]
    return fit_lines(head, lines, tail, limit)


def _suggestion(text: str, command: str) -> str:
    """What to type, as inline code the user can copy; backticks removed so it cannot break out."""
    typed = defuse(text).replace("`", "'")
    return f"`{command} {typed}`"


def fit_lines(head: list[str], lines: list[str], tail: list[str], limit: int) -> str:
    """Join head, body and tail within ``limit``: whole body lines drop off the end with a hint.

    The tail (suggestions) goes first when space is short, then body lines, last first; only
    if even the head and the hint do not fit is the text clipped, so the result always fits.
    """
    for keep_tail in (tail, []):
        for count in range(len(lines), -1, -1):
            body = lines[:count]
            if count < len(lines):
                body = body + [msg.MORE_HINT.format(count=len(lines) - count)]
            text = "\n".join(head + body + keep_tail).strip("\n")
            if len(text) <= limit:
                return text
    return clip("\n".join(head + lines).strip("\n"), limit)


def _source_field(group: SourceGroup) -> dict[str, Any]:
    """One source: its title as the field name, its byline once, then each quote numbered;
    quotes share what the 1,024-character value leaves, so every number stays visible."""
    byline = " · ".join(defuse(part) for part in group.byline_parts)
    quotes = [defuse(c.excerpt()) for c in group.citations]
    overhead = len(byline) + sum(len(f"\n> [{c.number}] “”") for c in group.citations)
    share = max(20, (FIELD_VALUE_MAX - overhead) // max(1, len(quotes)))
    lines = [byline] + [f"> [{c.number}] “{clip(q, share)}”"
                        for c, q in zip(group.citations, quotes)]
    return {"name": clip(defuse(group.title), FIELD_NAME_MAX),
            "value": clip("\n".join(lines), FIELD_VALUE_MAX), "inline": False}


def _more_field(hidden: int) -> dict[str, Any]:
    return {"name": SOURCES_MORE_NAME, "value": msg.MORE_HINT.format(count=hidden), "inline": False}


def _footer(answer: Answer) -> str:
    parts = []
    if answer.shows_confidence:
        parts.append(CONFIDENCE.format(label=answer.confidence_label, value=answer.confidence))
    if answer.note:
        parts.append(defuse(answer.note))
    return clip(" · ".join(parts), FOOTER_MAX)


def embed_size(embed: dict[str, Any]) -> int:
    """Characters Discord counts towards the 6,000 total: title, description, fields, footer, author."""
    size = len(embed.get("title", "")) + len(embed.get("description", ""))
    size += sum(_field_size(f) for f in embed.get("fields", []))
    size += len(embed.get("footer", {}).get("text", ""))
    size += len(embed.get("author", {}).get("name", ""))
    return size


def _field_size(field: dict[str, Any]) -> int:
    return len(field["name"]) + len(field["value"])


def fit_total(embed: dict[str, Any], fields: list[dict[str, Any]]) -> dict[str, Any]:
    """Add as many citation fields as fit (25, and 6,000 in all), counting the rest in a "more"
    field; then, if the text alone is still too long, shorten the description and footer."""
    for keep in range(len(fields), -1, -1):
        shown = fields[:keep] + ([_more_field(len(fields) - keep)] if keep < len(fields) else [])
        embed["fields"] = shown
        if len(shown) <= FIELDS_MAX and embed_size(embed) <= TOTAL_MAX:
            break
    if not embed["fields"]:
        del embed["fields"]
    # A safety net only: the description budget normally leaves room for everything above.
    overflow = embed_size(embed) - TOTAL_MAX
    if overflow > 0 and embed.get("description"):
        embed["description"] = clip(embed["description"],
                                    max(1, len(embed["description"]) - overflow))
    return embed


def render_choices(answer: Answer) -> list[dict[str, Any]]:
    """A refusal's "Did you mean" choices as one row of buttons (Discord's component JSON),
    each labelled with its question; none when there are no choices."""
    buttons = [{"type": 2, "style": SECONDARY, "label": clip(c.question, BUTTON_LABEL_MAX),
                "custom_id": f"{CHOICE_PREFIX}{c.snippet_id}"}
               for c in answer.choices[:5]
               if len(CHOICE_PREFIX) + len(c.snippet_id) <= CUSTOM_ID_MAX]
    return [{"type": 1, "components": buttons}] if buttons else []


def render_feedback(answer: Answer) -> list[dict[str, Any]]:
    """Helpful / Not helpful under an answer to a question, as one row of buttons."""
    if answer.outcome is not Outcome.ANSWER or not answer.ref:
        return []
    return [{"type": 1, "components": [
        {"type": 2, "style": SECONDARY, "label": label,
         "custom_id": f"{VOTE_PREFIX}{mark}:{answer.ref}"}
        for mark, label in (("+", msg.HELPFUL_LABEL), ("-", msg.NOT_HELPFUL_LABEL))]}]
