"""What the Slack adapter says in its own voice, beyond the answers themselves.

Kept apart from ``bot.messages`` because these sentences only make sense in Slack.
"""

from __future__ import annotations

from bot import messages as msg

ERROR = msg.ERROR_GENERIC
