"""Every sentence the bot says in its own voice, in one place so tone stays consistent.

The bot's voice is neutral and brief; facts and opinions come from the pack,
never from here.
"""

from __future__ import annotations

#: The slash command's name when the settings name none; renderers show command references with it.
DEFAULT_COMMAND = "/docket"

HELP_HEADLINE = "Docket briefing: {title}"
THANKS_HEADLINE = "You're welcome"
THANKS_NOTE = "Ask another question whenever you like, or {help} for what Docket can do."
ACKNOWLEDGED_HEADLINE = "Noted"
HELP_USAGE = "Ask a question: {question}, or a topic: {topic}."
HELP_COMMAND = "{usage}: {summary}"
HELP_FOOTER = ("Every answer cites outlet, author, date and the exact quote it rests on. "
               "When the sources do not answer a question, Docket says so rather than guess.")

TOPICS_HEADLINE = "Topics in this briefing ({count})"
TOPIC_LINE = "{topic} ({count} snippet{plural}), for example: {example}"
SOURCES_HEADLINE = "Sources behind this briefing ({count})"
SOURCE_LINE = "{title}. {byline}."
NOT_STATED = "{what} not stated"
SOURCE_UNKNOWN = " Not stated: {unknown}"

QUOTES_HEADLINE = "What people quoted in the sources say"
QUOTES_FOR_HEADLINE = "What {speaker} said"
QUOTES_FOR_MANY_HEADLINE = "What {speakers} and {last} said"
QUOTES_NONE_HEADLINE = "No quotes from {speaker!r} in these sources"
QUOTES_NONE_POINT = "The sources quote: {speakers}."

BALANCE_HEADLINE = "Whose voices these sources include, and whose they lack"
BALANCE_UNCURATED = ("This briefing has no curated overview of its sides; these are the voices "
                     "its sources quote:")
BALANCE_VOICE = "{speaker}: {kinds}"
BALANCE_NO_VOICES = ("The sources quote no one: every point in this briefing is a source's own "
                     "statement, not a side in a debate.")

FOLLOW_WHO = "Who says so, and where it comes from"
FOLLOW_WHO_SPEAKER = "{speaker}, in {sources}."
FOLLOW_WHO_SOURCE = "The source's own account, naming no speaker, in {sources}."
FOLLOW_WHO_CITING = ("The source's own account, in {sources}. Attributed in the quotes shown: "
                     "{cited}.")
#: Under "who said that", before the points themselves: what each of them said.
FOLLOW_WHO_SAID = "What each said"
FOLLOW_WHO_IN = "“{title}” ({byline})"
FOLLOW_SOURCES = "Where that comes from"
FOLLOW_MORE = "More on {topic}"
FOLLOW_WHY_MORE = "The sources give no more reasons for that; more on {topic}"
FOLLOW_WHY_REASONS = "The reasons the sources give, on {topic}"
FOLLOW_NO_MORE = "That is all this briefing has on {topic}"
FOLLOW_NO_REASONS = "The sources give no more reasons for that, and nothing more on {topic}"
FOLLOW_NOTHING_HEADLINE = "Nothing to follow up here yet"
FOLLOW_NOTHING = ("Ask a question first; for ten minutes after an answer, \"who said that\", "
                  "\"why\", \"tell me more\" or \"source?\" read against it, in the same thread "
                  "or conversation.")

NO_ANSWER_HEADLINE = "No sourced answer to that"
#: The briefing's snippets, not its source texts: a word may sit in a source no snippet quotes.
NO_ANSWER_UNKNOWN = ("No snippet in this briefing covers {words}, so Docket will not guess.")
NO_ANSWER_NEAR_GAP = ("Nothing in the sources answers that. The nearest thing they are known "
                      "not to say: {reason}")
NO_ANSWER_WEAK = ("Nothing in the sources answers that closely enough to cite, so Docket will "
                  "not guess.")
NO_ANSWER_NUMBER = "The sources do not mention {numbers} in that connection."
NO_ANSWER_TYPE = {
    "time": "The sources give no date or time for that.",
    "quantity": "The sources give no figure for that.",
    "age": "The sources give no age for that.",
    "date": "The sources give no exact date for that.",
    "length": "The sources give no length or duration for that.",
    "year": "The sources give no year for that.",
    "month": "The sources give no month for that.",
    "expansion": "The sources do not spell that out.",
    "frequency": "The sources do not say how often.",
    "occasion": "The sources do not say when.",
    "length or start": "The sources give no length or start date for that.",
    "time to come": "The sources say nothing of when that will happen.",
    "name": "The sources name no one for that.",
    "version": "The sources name no version or release for that.",
    "email address": "The sources give no email address for that.",
    "web address": "The sources give no web address for that.",
}
NO_ANSWER_TRY = "Closest topics: try one of the suggestions, or {topics}."

TOO_LONG_HEADLINE = "That question is too long"
SLOW_DOWN_HEADLINE = "One moment, please"
SLOW_DOWN = {
    "user": ("You have asked {count} questions in the last minute, as many as Docket answers for "
             "one person; try again in {seconds} seconds."),
    "channel": ("This channel has asked {count} questions in the last minute, as many as Docket "
                "answers for one channel; try again in {seconds} seconds."),
}
TOO_LONG_POINT = ("Questions can be up to {limit} characters; this one has {length}. "
                  "Ask about one thing at a time.")
UNKNOWN_COMMAND_HEADLINE = "Unknown command {name!r}"
UNKNOWN_COMMAND_POINT = "Available commands: {commands}. Anything else is asked as a question."

MORE_HINT = "…and {count} more; ask a narrower question to see them."
ERROR_GENERIC = "Sorry, something went wrong answering that. The details are in the bot's log."
SHARE_ONLY_ANSWERS = ("Only a sourced answer can be shared in the channel; this reply stays "
                      "with you.")

DIGEST_HEADLINE = "{title}: briefing digest for {date}"
DIGEST_NEW = "New since the last digest"
DIGEST_UPDATED = "Updated since the last digest"
DIGEST_NO_CHANGES = "Nothing in the briefing has changed since the last digest."
DIGEST_MORE_CHANGES = "…and {count} more new or updated; ask {topics} to see them all."

SUBSCRIBE_BAD_HEADLINE = "That schedule is not one Docket understands"
SUBSCRIBE_USAGE = ("Say when: {daily}, {weekly} or a cron expression, optionally followed by a "
                   "timezone such as Europe/London.")
SUBSCRIBE_NO_CHANNEL_HEADLINE = "No channel to post to"
SUBSCRIBE_NO_CHANNEL = "Run this in the channel that should receive the digest."
SUBSCRIBE_PRIVATE = ("Docket cannot post in a direct message between people or in a group "
                     "message. Run this in the channel that should receive the digest.")
SUBSCRIBE_NOT_INSTALLED = ("Docket is not installed in this server, only for you, so it cannot "
                           "post here. Ask someone with Manage Server to add it to the server.")
SUBSCRIBED_HEADLINE = "This channel will get a briefing digest"
SUBSCRIBED_REPLACED = "This replaces the channel's earlier schedule."
SUBSCRIBED_WHEN = "When: {when}."
SUBSCRIBED_NEXT = "Next: {next}."
SUBSCRIBED_WHAT = ("Each digest: the key points of {title} with their sources, and what is new "
                   "since the last one.")
SUBSCRIBED_STOP = "Stop it with {unsubscribe}; list this workspace's with {digests}."
UNSUBSCRIBED_HEADLINE = "Digest stopped"
UNSUBSCRIBED = "This channel will get no more scheduled digests."
UNSUBSCRIBE_NONE_HEADLINE = "No digest to stop"
UNSUBSCRIBE_NONE = "This channel has no digest subscription. {digests} lists them."
DIGESTS_HEADLINE = "Digests in this workspace ({count})"
DIGESTS_NONE_HEADLINE = "No digests set up here yet"
DIGESTS_NONE = "Start one in a channel with {subscribe}."
DIGESTS_LINE = "Channel {channel}: {when}. Next {next}."
DIGESTS_NEVER = "Nothing posted yet."
DIGESTS_LAST_POSTED = "Last posted {when}."
DIGESTS_LAST_PROBLEM = "Last {status} {when}: {reason}"
DIGESTS_OFF_HEADLINE = "Digests are not switched on here"
DIGESTS_OFF = ("Scheduled digests run with 'docket run'; in the console, use 'docket digest "
               "preview', 'send' and 'status'.")
ADMIN_ONLY_HEADLINE = "Only admins can manage digests"
SUBSCRIBE_TOO_OFTEN = ("That schedule posts as often as every {every}; a digest set up from chat "
                       "may post at most once every {least}. Try 'daily 09:00' or "
                       "'weekdays 09:00'.")
ADMIN_ONLY = ("Ask a workspace admin or owner (Slack), someone with Manage Server (Discord), "
              "or a user listed under digests: admins in Docket's settings.")

# Feedback on answers (Helpful / Not helpful, or + / - in the console): always private.
HELPFUL_LABEL = "Helpful"
NOT_HELPFUL_LABEL = "Not helpful"
VOTED = {
    ("recorded", True): "Thanks: marked helpful. Only you see this.",
    ("recorded", False): "Thanks: marked not helpful; the pack's curators will see the question. "
                         "Only you see this.",
    ("changed", True): "Changed to helpful. Only you see this.",
    ("changed", False): "Changed to not helpful; the pack's curators will see the question. "
                        "Only you see this.",
    ("same", True): "You had already marked this answer helpful.",
    ("same", False): "You had already marked this answer not helpful.",
}
#: Not helpful, where the config keeps no question text: curators see the count only.
VOTED_UNLOGGED = {"recorded": "Thanks: marked not helpful. Only you see this.",
                  "changed": "Changed to not helpful. Only you see this.",
                  "same": "You had already marked this answer not helpful."}
VOTE_UNKNOWN = "That answer is no longer on record (answers are kept {days} days); ask again."
VOTE_ELSEWHERE = "Answers can be rated only in the channel where they were given."
VOTE_FAILED = "Your feedback could not be saved just now; please try again in a minute."
VOTE_NOTHING = "There is no answer to rate: + and - rate the answer just given."
VOTE_NOT_KEPT = ("Noted, but not kept: docket chat keeps feedback only with --config (it needs "
                 "the database to keep it in).")
VOTE_OFF = "Noted, but not kept: feedback is switched off in the config (curation: feedback)."

# /docket curate: what the curators' log says, for admins.
CURATE_HEADLINE = "Curation summary: the last {days} days"
CURATE_COUNTS = ("{answered} answered, {refused} refused (by {people}); {helpful} marked "
                 "helpful, {not_helpful} not helpful.")
CURATE_REFUSED = "Refused {count}× (by {people}): “{question}”"
CURATE_UNHELPFUL = "Not helpful {bad}× (helpful {good}×): snippet {snippet}, “{question}”"
CURATE_UNUSED = "{count} of {total} snippets never used in answers, e.g. {examples}."
CURATE_STALE = "{count} snippets past review: {owners}."
CURATE_MORE = "The whole report: docket curate report --since {days}d --config FILE"
CURATE_OFF_HEADLINE = "Curation is not recorded here"
CURATE_OFF = ("This Docket keeps no curators' log: it is kept by docket run, slack, discord "
              "and chat when they run with --config, unless the config's curation section "
              "switches both feedback and log_questions off.")
CURATE_ADMIN_ONLY_HEADLINE = "Only admins can see the curation summary"
CURATE_ADMIN_ONLY = ("Ask a workspace admin or owner (Slack), someone with Manage Server "
                     "(Discord), or a user id listed under curation: admins.")
CURATE_BAD_SINCE_HEADLINE = "That period is not one curate understands"
CURATE_BAD_SINCE = "Give a period like 7d or 4w (at most {days}d), or nothing for 7 days."


def plural(count: int, one: str, many: str | None = None) -> str:
    """``1 person``, ``2 people``; ``1 group``, ``3 groups``."""
    return f"{count} {one if count == 1 else many or one + 's'}"
