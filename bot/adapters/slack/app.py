"""Build the bolt ``AsyncApp`` for one workspace (a bot token) or many (OAuth install).

Async so it can share one event loop with the Discord client later. Listeners
run after the acknowledgement (``process_before_response=False``), which keeps
every reply inside Slack's 3-second deadline.
"""

from __future__ import annotations

import logging

from slack_bolt.async_app import AsyncApp
from slack_sdk.http_retry.builtin_async_handlers import AsyncRateLimitErrorRetryHandler
from slack_sdk.web.async_client import AsyncWebClient

from bot.adapters.slack import handlers
from bot.adapters.slack.oauth import oauth_parts
from bot.adapters.slack.replies import Replies
from bot.adapters.slack.retries import RecentEvents, drop_duplicates
from bot.adapters.slack.settings import SlackSecrets, SlackSettings
from bot.answering.router import Router

logger = logging.getLogger(__name__)

#: slack_sdk's default; tests point the client at a local fake instead.
SLACK_API_URL = "https://slack.com/api/"


class DocketApp(AsyncApp):
    """bolt's app, plus the session its replies to ``response_url`` share (closed with the app)."""

    replies: Replies


def build_app(settings: SlackSettings, secrets: SlackSecrets, router: Router, *,
              api_url: str = SLACK_API_URL) -> DocketApp:
    """The configured app with every listener registered; ``api_url`` exists for offline tests."""
    client = AsyncWebClient(token=None if settings.oauth else secrets.bot_token, base_url=api_url,
                            retry_handlers=[AsyncRateLimitErrorRetryHandler(max_retry_count=2)])
    socket = settings.mode == "socket"
    common = dict(name="docket", client=client, process_before_response=False,
                  request_verification_enabled=not socket,
                  signing_secret=secrets.signing_secret)
    if settings.oauth:
        oauth, authorize = oauth_parts(settings, secrets)
        app = DocketApp(oauth_settings=oauth, authorize=authorize, **common)
        # Forget a workspace's tokens when it uninstalls the app or revokes them.
        app.enable_token_revocation_listeners()
    else:
        app = DocketApp(**common)
    app.use(drop_duplicates(RecentEvents()))
    app.replies = Replies()
    handlers.register(app, router, settings, app.replies)
    logger.info("Slack app ready: %s mode, %s, command %s", settings.mode,
                "many workspaces (OAuth)" if settings.oauth else "one workspace",
                settings.command)
    return app
