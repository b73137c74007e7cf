"""Briefing packs: the data classes, YAML that keeps line numbers, and the loader that checks
every quote against its source. The first step of the flow; it imports nothing else of Docket's
but ``bot.errors``."""
