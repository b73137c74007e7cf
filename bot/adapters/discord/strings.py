"""Every sentence the Discord adapter says in its own voice; the answers themselves come from the core."""

COMMAND_DESCRIPTION = "Ask the briefing a question; answers cite outlet, author, date and quote."
QUESTION_DESCRIPTION = "A question, a topic, or help / topics / sources / quote / balance"
PRIVATE_DESCRIPTION = "Show the answer only to you"

TOKEN_PURPOSE = "the bot token from the Discord developer portal, Bot page"
TOKEN_REJECTED = ("Discord rejected DISCORD_TOKEN; copy the token again from the developer "
                  "portal's Bot page (Reset Token)")
