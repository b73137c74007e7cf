"""Platform adapters: the only code that imports slack_bolt, slack_sdk or discord.

Each one turns a platform payload into text for ``Router.route`` and hands the
``Answer`` to its renderer; none holds briefing logic.
"""
