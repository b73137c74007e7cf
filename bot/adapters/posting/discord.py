"""Posting digests to Discord: a channel message through the bot, or a webhook.

A bot post carries a ``nonce`` derived from the slot key with ``enforce_nonce``: if the same
post is sent again within Discord's nonce window (a retry, or a quick takeover after a
crash), Discord returns the first message instead of creating a second. Mentions are always
disabled, whatever the text says.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

import aiohttp

from bot.adapters.posting.http import raise_for_status, send, unsearchable, webhook_url
from bot.answering.answer import Answer
from bot.digests.delivery import Destination, PermanentFailure
from bot.render.discord import fit_total, render_embed

DISCORD_API_URL = "https://discord.com/api/v10"
NONCE_CHARS = 25


def nonce(key: str) -> str:
    """Discord nonces are at most 25 characters; a hash of the slot key fits and stays unique."""
    return hashlib.sha256(key.encode()).hexdigest()[:NONCE_CHARS]


#: How many of a channel's latest messages ``find`` reads (Discord's most per request).
RECENT_MESSAGES = 100


def reference(key: str) -> str:
    """What a bot post of a slot carries in its footer, so a later attempt can find it."""
    return f"ref {nonce(key)}"


def _with_reference(embed: dict[str, Any], key: str) -> dict[str, Any]:
    """The embed with the slot's reference at the end of its footer, still within Discord's
    limits (2,048 for the footer, 6,000 in all: citation fields give way first)."""
    ref = reference(key)
    footer = (embed.get("footer") or {}).get("text") or ""
    text = f"{footer[:2048 - len(ref) - 3]} · {ref}" if footer else ref
    marked = {**embed, "footer": {**(embed.get("footer") or {}), "text": text}}
    return fit_total(marked, list(embed.get("fields", [])))


class DiscordPoster:
    """``token`` is the bot token (None when only webhooks are used)."""

    def __init__(self, session: aiohttp.ClientSession, token: str | None, *,
                 api_url: str = DISCORD_API_URL, allow_private_webhooks: bool = False):
        self.session, self.token, self.api_url = session, token, api_url.rstrip("/")
        self.allow_private_webhooks = allow_private_webhooks

    async def post(self, destination: Destination, digest: Answer, key: str) -> str | None:
        embed = render_embed(digest)
        if not destination.webhook:
            embed = _with_reference(embed, key)
        body = {"embeds": [embed], "allowed_mentions": {"parse": []}}
        if destination.webhook:
            url = await webhook_url(destination.target, self.allow_private_webhooks)
            url += ("&" if "?" in url else "?") + "wait=true"
            reply = await send(self.session, "POST", url, json=body)
            raise_for_status(reply, "Discord webhook")
        else:
            if not self.token:
                raise PermanentFailure("DISCORD_TOKEN is not set; cannot post through the bot")
            body |= {"nonce": nonce(key), "enforce_nonce": True}
            reply = await send(self.session, "POST",
                               f"{self.api_url}/channels/{destination.target}/messages",
                               json=body, headers={"Authorization": f"Bot {self.token}"})
            raise_for_status(reply, "Discord")
        return str(reply.body.get("id")) if isinstance(reply.body, dict) else None

    async def find(self, destination: Destination, key: str, since: dt.datetime) -> str | None:
        """An earlier post of this slot among the channel's latest messages, found by the
        reference in its footer. Within Discord's nonce window (a few minutes) the nonce alone
        would return the first message; a takeover later than that needs this look. A
        webhook cannot be checked."""
        if destination.webhook:
            raise unsearchable("Discord webhook")
        if not self.token:
            return None
        reply = await send(self.session, "GET",
                           f"{self.api_url}/channels/{destination.target}/messages",
                           params={"limit": str(RECENT_MESSAGES)},
                           headers={"Authorization": f"Bot {self.token}"})
        raise_for_status(reply, "Discord (looking for an earlier post)")
        wanted = reference(key)
        for message in reply.body if isinstance(reply.body, list) else []:
            for embed in message.get("embeds") or [] if isinstance(message, dict) else []:
                if wanted in str((embed.get("footer") or {}).get("text") or ""):
                    return str(message.get("id"))
        return None
