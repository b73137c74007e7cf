"""From the text after the slash command to a platform-neutral ``Answer``: the router, the
command table's built-in commands, and every sentence the bot says in its own voice.

Imports nothing from the platforms, the database or the scheduler, so ``docket ask`` starts fast.
"""
