"""Reading a platform's HTTP answer as a delivery outcome, and what every poster shares.

Discord's posts go through ``send`` here; Slack's through slack_sdk, with the same rules: a
429 becomes ``RetryLater`` carrying the platform's ``Retry-After``; a 5xx, a timeout or a
dropped connection becomes ``RetryLater`` without one; other 4xx answers are permanent.
"""

from __future__ import annotations

import asyncio
import ipaddress
import json
import logging
import os
import socket
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

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


async def webhook_url(variable: str, allow_private: bool = False) -> str:
    """The URL from its environment variable, read at post time so a rotated URL is picked up,
    and refused unless it is https to a public address (``unsafe_webhook``), its host
    resolved now: a name may point at a private address."""
    url = os.environ.get(variable, "").strip()
    if not url:
        raise PermanentFailure(f"environment variable {variable} (the webhook URL) is not set")
    problem = unsafe_webhook(url, allow_private)
    if problem is None and not allow_private:
        problem = await _private_host(url)
    if problem is not None:
        raise PermanentFailure(f"{variable}: {problem}; not posted")
    return url


#: What an operator is told; the URL itself is a secret and is never repeated.
PUBLIC_ONLY = ("the webhook URL must be https:// to a public address (set "
               "digests.allow_private_webhooks: true to post to a private one)")


def unsafe_webhook(url: str, allow_private: bool = False) -> str | None:
    """Why a webhook URL will not be posted to, judged from the URL alone, or None.

    A webhook posts the digest to whatever the URL names: ``file://``, a loopback or private
    address, or the cloud metadata address (169.254.169.254) is never a chat platform.
    """
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
        parts.port  # noqa: B018 - raises on a port that is not a number
    except ValueError:
        return "the webhook URL is not a URL"
    if parts.scheme not in ("https", "http") or not host:
        return "the webhook URL must be an https:// URL"
    if allow_private:
        return None
    if parts.scheme != "https":
        return PUBLIC_ONLY
    if host == "localhost" or host.endswith((".localhost", ".local", ".internal")):
        return PUBLIC_ONLY
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return None                          # a name: resolved when posting
    return None if address.is_global else PUBLIC_ONLY


async def _private_host(url: str) -> str | None:
    parts = urlsplit(url)
    try:
        found = await asyncio.get_running_loop().getaddrinfo(
            parts.hostname, parts.port or 443, type=socket.SOCK_STREAM)
    except OSError:
        return None                          # unresolvable: the post fails, and is retried
    for *_, address in found:
        if not ipaddress.ip_address(address[0].split("%")[0]).is_global:
            return PUBLIC_ONLY
    return None


def seconds(value: Any) -> float | None:
    """A ``Retry-After`` value in seconds, or None if absent or unreadable."""
    try:
        return max(0.0, float(value)) if value is not None else None
    except (TypeError, ValueError):
        return None
