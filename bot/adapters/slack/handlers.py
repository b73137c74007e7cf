"""Slack listeners: turn a command, mention, DM or button press into text for the router, and back.

Each listener acknowledges first (Slack's 3-second deadline), then asks the
router and posts the rendered ``Answer``. No briefing logic lives here. Any
failure becomes a short private message to the person who asked, while the
details go to the log: never a token, never a whole payload.
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Awaitable, Callable
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.answering import messages as msg
from bot.adapters.slack.replies import Replies, Respond
from bot.adapters.slack.settings import SlackSettings
from bot.answering.answer import Answer
from bot.answering.asker import Asker
from bot.render.slack import SHARE_ACTION_ID, Options, render_answer
from bot.answering.router import Router

logger = logging.getLogger(__name__)

_MENTION = re.compile(r"<@[UW][A-Z0-9]+(?:\|[^>]*)?>")
#: Errors that mean "the bot may not post here"; sharing then falls back to the response URL.
_CANNOT_POST = {"not_in_channel", "channel_not_found", "is_archived", "restricted_action"}


def incoming_text(text: str | None, *, drop_mentions: bool = False) -> str:
    """What the user typed. Slack sends ``&``, ``<``, ``>`` as entities; the router wants plain text
    (the renderer escapes again on the way out). For mentions, the leading ``@Docket`` goes."""
    text = text or ""
    if drop_mentions:
        text = _MENTION.sub(" ", text)
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def register(app: AsyncApp, router: Router, settings: SlackSettings, replies: Replies) -> None:
    """Attach every listener; bolt's decorators only register, the router decides the answer."""
    async def on_command(ack: Callable[..., Awaitable[None]], command: dict[str, Any],
                         client: AsyncWebClient) -> None:
        await ack()
        respond = replies.to(command.get("response_url") or "")
        try:
            answer = await ask(client, incoming_text(command.get("text")), command.get("user_id"),
                               command.get("channel_id"), command.get("team_id"))
            public = not settings.ephemeral and not answer.private
            payload = render_answer(answer, Options(
                command=settings.command, show_question=True,
                share=settings.ephemeral and not answer.private,
                asked_by=command.get("user_id") if public else None))
            await respond(response_type="in_channel" if public else "ephemeral", **payload)
        except Exception:
            logger.exception("slash command failed in team %s", command.get("team_id"))
            await _tell_privately(respond)

    async def on_share(ack: Callable[..., Awaitable[None]], body: dict[str, Any],
                       action: dict[str, Any], client: AsyncWebClient) -> None:
        await ack()
        respond = replies.to(body.get("response_url") or "")
        user = (body.get("user") or {}).get("id", "")
        channel = (body.get("channel") or {}).get("id")
        try:
            answer = router.route(action.get("value") or "")
            payload = render_answer(answer, Options(command=settings.command, asked_by=user))
            try:
                await client.chat_postMessage(channel=channel, **payload)
            except SlackApiError as exc:
                if exc.response.get("error") not in _CANNOT_POST:
                    raise
                logger.info("share: cannot post in channel (%s); using the response URL",
                            exc.response.get("error"))
                await respond(response_type="in_channel", replace_original=False, **payload)
            await respond(delete_original=True)
        except Exception:
            logger.exception("share failed in team %s", (body.get("team") or {}).get("id"))
            await _tell_privately(respond)

    async def on_mention(ack: Callable[..., Awaitable[None]], event: dict[str, Any],
                         client: AsyncWebClient) -> None:
        await ack()
        thread = event.get("thread_ts") or event.get("ts")
        await _answer_event(client, event, thread_ts=thread)

    async def on_message(ack: Callable[..., Awaitable[None]], event: dict[str, Any],
                         client: AsyncWebClient) -> None:
        await ack()
        if (event.get("channel_type") != "im" or event.get("subtype")
                or event.get("bot_id") or not event.get("user")):
            return
        await _answer_event(client, event, thread_ts=event.get("thread_ts"))

    async def ask(client: AsyncWebClient, text: str, user: str | None, channel: str | None,
                  team: str | None) -> Answer:
        """Route ``text``. Admin commands look the asker up first, and run off the event loop
        because they touch the database; questions take well under a millisecond, inline."""
        asker = Asker("slack", channel, user, team)
        request = router.parse(text)
        if not request.needs_admin:
            return router.answer(request, asker)
        asker = await _with_admin_status(client, asker)
        return await asyncio.to_thread(router.answer, request, asker)

    async def _answer_event(client: AsyncWebClient, event: dict[str, Any],
                            thread_ts: str | None) -> None:
        channel, user = event.get("channel"), event.get("user")
        try:
            text = incoming_text(event.get("text"), drop_mentions=True)
            answer = await ask(client, text, user, channel, event.get("team"))
            payload = render_answer(answer, Options(command=settings.command))
            if answer.private:
                await client.chat_postEphemeral(channel=channel, user=user, thread_ts=thread_ts,
                                                **payload)
                return
            await client.chat_postMessage(channel=channel, thread_ts=thread_ts, **payload)
        except Exception:
            logger.exception("answering an event failed in channel %s", channel)
            try:
                await client.chat_postEphemeral(channel=channel, user=user,
                                                text=msg.ERROR_GENERIC, thread_ts=thread_ts)
            except Exception:
                logger.exception("could not tell the user about the failure either")

    app.command(settings.command)(on_command)
    app.action(SHARE_ACTION_ID)(on_share)
    app.event("app_mention")(on_mention)
    app.event("message")(on_message)


async def _with_admin_status(client: AsyncWebClient, asker: Asker) -> Asker:
    """Whether the asker is a workspace admin or owner, and their timezone, from ``users.info``.

    If Slack will not say (the ``users:read`` scope is missing), only the user ids configured
    under ``digests: admins`` count as admins.
    """
    try:
        info = (await client.users_info(user=asker.user or "")).get("user") or {}
    except SlackApiError as exc:
        data = exc.response.data
        logger.warning("users.info failed (%s); only configured admins may manage digests",
                       data.get("error") if isinstance(data, dict) else exc.response.status_code)
        return asker
    # A guest, or a member of another organisation in a shared channel, is never our admin.
    ours = info.get("team_id") == asker.team and not (info.get("is_restricted")
                                                     or info.get("is_stranger"))
    admin = ours and any(info.get(flag) for flag in ("is_admin", "is_owner", "is_primary_owner"))
    return Asker(asker.platform, asker.channel, asker.user, asker.team, admin, info.get("tz"))


async def _tell_privately(respond: Respond) -> None:
    """The short ephemeral error; if even that fails, the log already has the details."""
    try:
        await respond(response_type="ephemeral", replace_original=False, text=msg.ERROR_GENERIC)
    except Exception:
        logger.exception("could not send the error message")
