"""Every sentence the bot says in its own voice, in one place so tone stays consistent.

The bot's voice is neutral and brief; facts and opinions come from the pack,
never from here.
"""

from __future__ import annotations

COMMAND = "/docket"

HELP_HEADLINE = "Docket answers questions about {title}, from curated, sourced snippets."
HELP_USAGE = "Ask a question: `{command} who gets the card`, or a topic: `{command} criticism`."
HELP_FOOTER = ("Every answer cites outlet, author, date and the exact quote it rests on. "
               "When the sources do not answer a question, Docket says so rather than guess.")

TOPICS_HEADLINE = "Topics in this briefing ({count})"
TOPIC_LINE = "{topic} ({count} snippet{plural}), for example: {example}"
SOURCES_HEADLINE = "Sources behind this briefing ({count})"
SOURCE_LINE = "{title}. {byline}."
NOT_STATED = "{what} not stated"
SOURCE_UNKNOWN = " Not stated: {unknown}"

QUOTES_HEADLINE = "What people quoted in the sources say"
QUOTES_FOR_HEADLINE = "What {speaker} says"
QUOTES_NONE_HEADLINE = "No quotes from {speaker!r} in these sources"
QUOTES_NONE_POINT = "The sources quote: {speakers}."

BALANCE_HEADLINE = "Whose voices these sources include, and whose they lack"

NO_ANSWER_HEADLINE = "No sourced answer to that"
NO_ANSWER_UNKNOWN = ("The sources in this briefing do not cover {words}, so Docket will not "
                     "guess.")
NO_ANSWER_WEAK = ("Nothing in the sources answers that closely enough to cite, so Docket will "
                  "not guess.")
NO_ANSWER_NUMBER = "The sources do not mention {numbers} in that connection."
NO_ANSWER_TYPE = {
    "time": "The sources give no date or time for that.",
    "quantity": "The sources give no figure for that.",
}
NO_ANSWER_TRY = "Closest topics: try one of the suggestions, or `{command} topics`."

TOO_LONG_HEADLINE = "That question is too long"
TOO_LONG_POINT = ("Questions can be up to {limit} characters; this one has {length}. "
                  "Ask about one thing at a time.")
UNKNOWN_COMMAND_HEADLINE = "Unknown command {name!r}"
UNKNOWN_COMMAND_POINT = "Available commands: {commands}. Anything else is asked as a question."

MORE_HINT = "…and {count} more; ask a narrower question to see them."
ERROR_GENERIC = "Sorry, something went wrong answering that. The details are in the bot's log."

DIGEST_HEADLINE = "{title}: briefing digest for {date}"
DIGEST_NEW = "New since the last digest"
DIGEST_UPDATED = "Updated since the last digest"
DIGEST_NO_CHANGES = "Nothing in the briefing has changed since the last digest."
DIGEST_MORE_CHANGES = "…and {count} more new or updated; ask `/docket topics` to see them all."
