"""Posting digests to Slack with slack_sdk's async clients: ``chat.postMessage`` through the
bot (``AsyncWebClient``), or an incoming webhook (``AsyncWebhookClient``).

Slack has no idempotency key, so a bot post carries the slot key in message ``metadata``.
When an instance takes over a claim whose owner died, ``find`` looks for that metadata in
the channel's recent history (``conversations.history``, which needs the history scopes)
before posting again, and after any attempt whose answer never came. Incoming webhooks return
no message id and cannot be searched, so an attempt that may have posted is not repeated.

slack_sdk's own retry handlers are switched off: the scheduler decides every retry, and a
client that silently resent a post after a dropped connection could post it twice.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Awaitable, Callable
from typing import Any

import aiohttp
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient
from slack_sdk.webhook.async_client import AsyncWebhookClient

from bot.adapters.posting.http import TIMEOUT, describe, seconds, unsearchable, webhook_url
from bot.adapters.slack.settings import SLACK_API_URL
from bot.answering import messages as msg
from bot.answering.answer import Answer
from bot.digests.delivery import DeliveryError, Destination, PermanentFailure, RetryLater
from bot.render.slack import Options, render_answer

logger = logging.getLogger(__name__)

METADATA_EVENT = "docket_digest"
#: Pages of 200 messages searched for an earlier post; a channel busier than that since the
#: slot is searched again later rather than posted to on a guess.
HISTORY_PAGES = 10
#: Slack errors that clear up by themselves; any other error is treated as permanent.
TRANSIENT = {"ratelimited", "internal_error", "fatal_error", "service_unavailable",
             "request_timeout"}

#: ``await tokens(team, enterprise)``: the bot token for a workspace (see adapters.slack.tokens).
TokenFor = Callable[[str | None, str | None], Awaitable[str | None]]


class SlackPoster:
    """Posts through one shared aiohttp session, with each workspace's own bot token."""

    def __init__(self, session: aiohttp.ClientSession, tokens: TokenFor, *,
                 api_url: str = SLACK_API_URL, command: str = msg.DEFAULT_COMMAND,
                 allow_private_webhooks: bool = False):
        self.session, self.tokens = session, tokens
        self.api_url, self.command = api_url.rstrip("/") + "/", command
        self.allow_private_webhooks = allow_private_webhooks

    async def post(self, destination: Destination, digest: Answer, key: str) -> str | None:
        payload = render_answer(digest, Options(command=self.command))
        if destination.webhook:
            await self._webhook(await webhook_url(destination.target,
                                                  self.allow_private_webhooks), payload)
            return None
        client = await self._client(destination)
        reply = await _call("chat.postMessage", client.chat_postMessage(
            channel=destination.target, **payload, unfurl_links=False, unfurl_media=False,
            metadata={"event_type": METADATA_EVENT, "event_payload": {"key": key}}))
        return reply.get("ts")

    async def find(self, destination: Destination, key: str, since: dt.datetime) -> str | None:
        """Search the channel's history since ``since`` for our metadata, page by page. If Slack
        will not say (rate limited, scopes missing) this raises rather than guess."""
        if destination.webhook:
            raise unsearchable("Slack webhook")
        client = await self._client(destination)
        cursor = None
        for _ in range(HISTORY_PAGES):
            try:
                reply = await _call("conversations.history", client.conversations_history(
                    channel=destination.target, oldest=f"{since.timestamp():.6f}",
                    include_all_metadata=True, limit=200, cursor=cursor))
            except PermanentFailure as exc:
                raise PermanentFailure(f"cannot check whether it was already posted ({exc}); "
                                       "the app needs channels:history and groups:history"
                                       ) from exc
            for message in reply.get("messages") or []:
                meta = message.get("metadata") or {}
                if meta.get("event_type") == METADATA_EVENT and \
                        (meta.get("event_payload") or {}).get("key") == key:
                    return message.get("ts")
            cursor = (reply.get("response_metadata") or {}).get("next_cursor")
            if not reply.get("has_more") or not cursor:
                return None
        raise RetryLater(f"more than {HISTORY_PAGES} pages of history to search")

    async def _client(self, destination: Destination) -> AsyncWebClient:
        token = await self.tokens(destination.team, destination.enterprise)
        if not token:
            raise PermanentFailure(f"no Slack bot token for workspace {destination.team} "
                                   "(is Docket installed there?)")
        return AsyncWebClient(token=token, base_url=self.api_url, session=self.session,
                              timeout=int(TIMEOUT.total or 30), retry_handlers=[])

    async def _webhook(self, url: str, payload: dict[str, Any]) -> None:
        client = AsyncWebhookClient(url=url, session=self.session,
                                    timeout=int(TIMEOUT.total or 30), retry_handlers=[])
        try:
            reply = await client.send_dict(payload)
        except (ValueError, aiohttp.InvalidURL) as exc:     # not a URL aiohttp can use
            raise PermanentFailure(f"Slack webhook: not a usable URL ({type(exc).__name__})"
                                   ) from None
        except (aiohttp.ClientError, TimeoutError) as exc:
            raise _unreachable(exc) from exc
        if reply.status_code == 429:
            raise RetryLater("Slack webhook: rate limited (HTTP 429)",
                             seconds(reply.headers.get("Retry-After")))
        if reply.status_code >= 500:
            raise RetryLater(f"Slack webhook: HTTP {reply.status_code}")
        if reply.status_code >= 400:
            raise PermanentFailure(
                f"Slack webhook: HTTP {reply.status_code} {describe(reply.body)}".rstrip())


async def _call(method: str, request: Awaitable[Any]) -> Any:
    """Await a Web API call; Slack's and the network's failures as the scheduler's outcomes."""
    try:
        return await request
    except SlackApiError as exc:
        raise _outcome(method, exc) from None
    except (aiohttp.ClientError, TimeoutError) as exc:
        raise _unreachable(exc) from exc


def _outcome(method: str, exc: SlackApiError) -> DeliveryError:
    """429 and 5xx, and Slack's transient errors: retry later (no sooner than ``Retry-After``);
    any other error (``channel_not_found``, ``not_in_channel``, ``invalid_auth``): permanent."""
    status = exc.response.status_code
    data = exc.response.data if isinstance(exc.response.data, dict) else {}
    error = data.get("error") or (f"HTTP {status}" if status != 200 else "no ok in the answer")
    after = seconds((exc.response.headers or {}).get("Retry-After"))
    if status == 429 or status >= 500 or error in TRANSIENT:
        return RetryLater(f"Slack {method}: {error}", after)
    return PermanentFailure(f"Slack {method}: {error}")


def _unreachable(exc: Exception) -> RetryLater:
    """Never connected: nothing was sent. Any other network failure: the post may have landed."""
    if isinstance(exc, aiohttp.ClientConnectorError):
        return RetryLater(f"could not reach Slack ({type(exc).__name__})")
    return RetryLater(f"no answer from Slack ({type(exc).__name__}); the post may have gone "
                      "through", maybe_posted=True)
