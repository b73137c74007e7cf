"""Posting digests to Slack: ``chat.postMessage`` through the bot, or an incoming webhook.

Slack has no idempotency key, so a bot post carries the slot key in message ``metadata``.
When an instance takes over a claim whose owner died, ``find`` looks for that metadata in
the channel's recent history (``conversations.history``, which needs the history scopes)
before posting again, and after any attempt whose answer never came. Incoming webhooks return
no message id and cannot be searched, so an attempt that may have posted is not repeated.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Awaitable, Callable

import aiohttp

from bot.answering import messages as msg
from bot.adapters.posting.http import Reply, raise_for_status, send, unsearchable, webhook_url
from bot.answering.answer import Answer
from bot.digests.delivery import Destination, PermanentFailure, RetryLater
from bot.render.slack import Options, render_answer

logger = logging.getLogger(__name__)

SLACK_API_URL = "https://slack.com/api/"
METADATA_EVENT = "docket_digest"
#: Pages of 200 messages searched for an earlier post; a channel busier than that since the
#: slot is searched again later rather than posted to on a guess.
HISTORY_PAGES = 10
#: Slack errors that clear up by themselves; any other error is treated as permanent.
TRANSIENT = {"ratelimited", "internal_error", "fatal_error", "service_unavailable",
             "request_timeout"}

TokenFor = Callable[[str | None], Awaitable[str | None]]


class SlackPoster:
    """``token_for(team)`` gives the bot token for a workspace (one token, or the OAuth store)."""

    def __init__(self, session: aiohttp.ClientSession, token_for: TokenFor, *,
                 api_url: str = SLACK_API_URL, command: str = msg.DEFAULT_COMMAND):
        self.session, self.token_for = session, token_for
        self.api_url, self.command = api_url.rstrip("/") + "/", command

    async def post(self, destination: Destination, digest: Answer, key: str) -> str | None:
        payload = render_answer(digest, Options(command=self.command))
        if destination.webhook:
            reply = await send(self.session, "POST", webhook_url(destination.target), json=payload)
            raise_for_status(reply, "Slack webhook")
            return None
        body = {"channel": destination.target, **payload, "unfurl_links": False,
                "unfurl_media": False,
                "metadata": {"event_type": METADATA_EVENT, "event_payload": {"key": key}}}
        reply = await self._call("chat.postMessage", destination, json=body)
        return reply.body.get("ts")

    async def find(self, destination: Destination, key: str, since: dt.datetime) -> str | None:
        """Search the channel's history since ``since`` for our metadata, page by page. If Slack
        will not say (rate limited, scopes missing) this raises rather than guess."""
        if destination.webhook:
            raise unsearchable("Slack webhook")
        form = {"channel": destination.target, "oldest": f"{since.timestamp():.6f}",
                "include_all_metadata": "true", "limit": "200"}
        for _ in range(HISTORY_PAGES):
            try:
                reply = await self._call("conversations.history", destination, data=form)
            except PermanentFailure as exc:
                raise PermanentFailure(f"cannot check whether it was already posted ({exc}); "
                                       "the app needs channels:history and groups:history"
                                       ) from exc
            for message in reply.body.get("messages") or []:
                meta = message.get("metadata") or {}
                if meta.get("event_type") == METADATA_EVENT and \
                        (meta.get("event_payload") or {}).get("key") == key:
                    return message.get("ts")
            cursor = (reply.body.get("response_metadata") or {}).get("next_cursor")
            if not reply.body.get("has_more") or not cursor:
                return None
            form["cursor"] = cursor
        raise RetryLater(f"more than {HISTORY_PAGES} pages of history to search")

    async def _call(self, method: str, destination: Destination, **kwargs: object) -> Reply:
        token = await self.token_for(destination.team)
        if not token:
            raise PermanentFailure(f"no Slack bot token for workspace {destination.team} "
                                   "(is Docket installed there?)")
        reply = await send(self.session, "POST", self.api_url + method,
                           headers={"Authorization": f"Bearer {token}"}, **kwargs)
        raise_for_status(reply, f"Slack {method}")
        body = reply.body if isinstance(reply.body, dict) else {}
        if not body.get("ok"):
            error = body.get("error") or "no ok in Slack's answer"
            if error in TRANSIENT:
                raise RetryLater(f"Slack {method}: {error}", reply.retry_after)
            raise PermanentFailure(f"Slack {method}: {error}")
        return reply
