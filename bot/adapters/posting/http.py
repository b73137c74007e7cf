"""Reading a platform's HTTP answer as a delivery outcome, and what every poster shares.

Discord's posts go through ``send`` here; Slack's through slack_sdk, with the same rules: a
429 becomes ``RetryLater`` carrying the platform's ``Retry-After``; a 5xx, a timeout or a
dropped connection becomes ``RetryLater`` without one; other 4xx answers are permanent.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass
from typing import Any

import aiohttp

from bot.digests.delivery import PermanentFailure, RetryLater

logger = logging.getLogger(__name__)

TIMEOUT = aiohttp.ClientTimeout(total=30)


@dataclass(frozen=True)
class Reply:
    """A platform's answer: status, parsed JSON body (or the text), and ``Retry-After`` if given."""

    status: int
    body: Any
    retry_after: float | None


async def send(session: aiohttp.ClientSession, method: str, url: str, **kwargs: Any) -> Reply:
    """One HTTP request; failures to reach the platform at all are worth retrying."""
    try:
        async with session.request(method, url, timeout=TIMEOUT, **kwargs) as response:
            text = await response.text()
            body: Any = text
            if text and response.content_type == "application/json":
                body = json.loads(text)
            return Reply(response.status, body, seconds(response.headers.get("Retry-After")))
    except aiohttp.InvalidURL as exc:
        raise PermanentFailure(f"not a usable URL ({type(exc).__name__})") from exc
    except aiohttp.ClientConnectorError as exc:      # never connected: nothing was sent
        raise RetryLater(f"could not reach the platform ({type(exc).__name__})") from exc
    except (aiohttp.ClientError, TimeoutError) as exc:
        raise RetryLater(f"no answer from the platform ({type(exc).__name__}); the post may "
                         "have gone through", maybe_posted=True) from exc


def raise_for_status(reply: Reply, what: str) -> None:
    """429 and 5xx: retry later (at least ``Retry-After``); any other 4xx: permanent."""
    if reply.status == 429:
        after = reply.retry_after
        if after is None and isinstance(reply.body, dict):
            after = seconds(reply.body.get("retry_after"))
        raise RetryLater(f"{what}: rate limited (HTTP 429)", after)
    if reply.status >= 500:
        raise RetryLater(f"{what}: HTTP {reply.status}", reply.retry_after)
    if reply.status >= 400:
        raise PermanentFailure(f"{what}: HTTP {reply.status} {describe(reply.body)}".rstrip())


def describe(body: Any) -> str:
    """A short reason from an error body (Slack's text, Discord's message and code)."""
    if isinstance(body, dict):
        message, code = body.get("message") or body.get("error") or "", body.get("code")
        return f"{message} (code {code})" if code else str(message)
    return str(body or "")[:200]


def unsearchable(destination_name: str) -> PermanentFailure:
    """Incoming webhooks return nothing to search by: an earlier attempt that may have posted
    is not repeated, since a guess could post the digest twice."""
    return PermanentFailure(f"an earlier attempt may have reached the {destination_name}, "
                            "which cannot be checked; not posting it again")


def webhook_url(variable: str) -> str:
    """The URL from its environment variable, read at post time so a rotated URL is picked up."""
    url = os.environ.get(variable, "").strip()
    if not url:
        raise PermanentFailure(f"environment variable {variable} (the webhook URL) is not set")
    return url


def seconds(value: Any) -> float | None:
    """A ``Retry-After`` value in seconds, or None if absent or unreadable."""
    try:
        return max(0.0, float(value)) if value is not None else None
    except (TypeError, ValueError):
        return None
