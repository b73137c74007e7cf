"""Docket: a briefing bot whose every answer is sourced.

The core (pack, search, router, answer, renderers) is platform-neutral; only
``bot.adapters`` knows about Slack or Discord.
"""

__version__ = "0.1.0"
