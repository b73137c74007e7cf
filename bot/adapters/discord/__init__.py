"""The Discord front end: the ``/docket`` application command, its client and command tree,
and the settings. Translation only: an interaction becomes the text after the command, the
router answers, and ``bot.render.discord`` turns the answer into an embed.

``service.discord_service`` builds it for ``docket run`` and ``docket discord``. This package's
``__init__`` imports nothing, so reading the settings schema does not load discord.py.
"""
