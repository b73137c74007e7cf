"""Build the bolt ``AsyncApp`` for one workspace (a bot token) or many (OAuth install).

Async so it can share one event loop with the Discord client. Each listener acknowledges and
hands the answer to a task of its own (``Listeners.later``), so with
``process_before_response=True`` bolt sends the acknowledgement the moment the listener returns.
With bolt's default (``False``) it runs the listener in a task and checks every 10 ms whether it
has acknowledged yet, so every acknowledgement took at least 10 ms, and under load waited while
the event loop routed and posted other answers: p50 22 ms, p99 49-51 ms at 32 requests in
flight (``bench/slack_http.py``), where the answers themselves arrived in 10 ms.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from slack_bolt.async_app import AsyncApp
from slack_bolt.logger.messages import (warning_client_prioritized_and_token_skipped,
                                         warning_token_skipped)
from slack_sdk.http_retry.builtin_async_handlers import AsyncRateLimitErrorRetryHandler
from slack_sdk.signature import SignatureVerifier
from slack_sdk.web.async_client import AsyncWebClient

from bot.adapters.slack.handlers import Listeners
from bot.adapters.slack.oauth import SlackStores, oauth_parts
from bot.adapters.slack.replies import Replies
from bot.adapters.slack.retries import RecentEvents, drop_duplicates
from bot.adapters.slack.settings import SlackSecrets, SlackSettings, reveal
from bot.answering.router import Router

if TYPE_CHECKING:
    from bot.curation.recorder import Curation

logger = logging.getLogger(__name__)

class _ByDesign(logging.Filter):
    """bolt reads SLACK_BOT_TOKEN from the environment on its own, then warns that it ignores it
    because a client (which already holds that token) or OAuth was given. Both are by design.

    And a signed payload whose parts are not the shapes Slack sends ("actions" not a list)
    makes bolt's built-in middleware raise, which bolt logs as an ERROR with a traceback and
    answers 500. Docket answers it 400 with one WARNING (``server.events``); bolt's message
    goes to DEBUG, without the traceback."""

    SPURIOUS = {warning_client_prioritized_and_token_skipped(), warning_token_skipped()}
    MIDDLEWARE_FAILED = "Failed to run a middleware function"
    #: bolt's warning for a request no listener takes quotes parts of its payload.
    UNHANDLED = "Unhandled request"

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if message.startswith(self.MIDDLEWARE_FAILED):
            logger.debug("bolt: %s", message[:300])
            return False
        if message.startswith(self.UNHANDLED):
            return False
        return message not in self.SPURIOUS


def bolt_logger() -> logging.Logger:
    """The base logger bolt copies into every logger it makes, so none of them drops below INFO
    (bolt's DEBUG log prints whole request bodies) and the spurious warnings stay out."""
    base = logging.getLogger("slack_bolt")
    base.setLevel(max(logging.INFO, base.getEffectiveLevel()))
    if not any(isinstance(f, _ByDesign) for f in base.filters):
        base.addFilter(_ByDesign())
    return base


class DocketApp(AsyncApp):
    """bolt's app, plus the session its replies to ``response_url`` share (closed with the app)
    and the listeners, whose answers still on their way are let finish at shutdown."""

    replies: Replies
    listeners: Listeners
    #: Checks the events URL's requests before bolt parses them (``incoming``); none in
    #: Socket Mode, which has no URL.
    verifier: SignatureVerifier | None

    async def close(self) -> None:
        await self.listeners.drain()
        await self.replies.close()


def build_app(settings: SlackSettings, secrets: SlackSecrets, router: Router, *,
              stores: SlackStores | None = None, curation: Curation | None = None) -> DocketApp:
    """The configured app with every listener registered. ``stores``: the installation and
    state stores, which OAuth needs; ``curation``: where feedback clicks go (none: answers
    carry no feedback buttons)."""
    token = None if settings.oauth else reveal(secrets.bot_token)
    client = AsyncWebClient(token=token, base_url=settings.api_url,
                            retry_handlers=[AsyncRateLimitErrorRetryHandler(max_retry_count=2)])
    socket = settings.mode == "socket"
    common = dict(name="docket", client=client, process_before_response=True, logger=bolt_logger(),
                  request_verification_enabled=not socket,
                  signing_secret=reveal(secrets.signing_secret))
    if settings.oauth:
        if stores is None:
            raise ValueError("an OAuth app needs its installation and state stores")
        oauth, authorize = oauth_parts(settings, secrets, stores)
        app = DocketApp(oauth_settings=oauth, authorize=authorize, **common)
        # Forget a workspace's tokens when it uninstalls the app or revokes them.
        app.enable_token_revocation_listeners()
    else:
        app = DocketApp(**common)
    app.use(drop_duplicates(RecentEvents()))
    app.verifier = None if socket else SignatureVerifier(reveal(secrets.signing_secret) or "")
    app.replies = Replies()
    app.listeners = Listeners(router, settings, app.replies, curation)
    app.listeners.register(app)
    logger.info("Slack app ready: %s mode, %s, command %s", settings.mode,
                "many workspaces (OAuth)" if settings.oauth else "one workspace",
                settings.slash_command)
    return app
