"""Slack listeners: turn a command, mention, DM or button press into text for the router, and back.

Each listener acknowledges and returns; the answer is worked out and posted by a task of its
own, so Slack's acknowledgement (3-second deadline) never waits on routing or posting (the app
runs with ``process_before_response=True``: bolt answers the HTTP request as soon as the
listener returns, instead of polling for the acknowledgement every 10 ms while the answer is
being worked out). No briefing logic lives here. Who asks and where comes from bolt's
``context``, which reads it the way Slack documents it: the installing workspace from the
envelope's ``authorizations`` (``event.team`` is absent from most events, and in a Slack Connect
channel names the sender's organisation), the person's own organisation from the actor fields.
Any failure becomes a short private message to the person who asked, while the details go to
the log: never a token, never a whole payload.
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Awaitable, Callable, Coroutine
from typing import TYPE_CHECKING, Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.async_context import AsyncBoltContext
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.adapters.slack.replies import Replies, Respond
from bot.adapters.slack.settings import SlackSettings
from bot.answering import messages as msg
from bot.answering.answer import Answer
from bot.answering.asker import Asker, Place
from bot.answering.router import INLINE_CHARS, Request, Router
from bot.render.slack import (CHOICE_ACTION_PREFIX, HELPFUL_ACTION_ID, NOT_HELPFUL_ACTION_ID,
                              SHARE_ACTION_ID, Options, render_answer)

if TYPE_CHECKING:
    from bot.curation.recorder import Curation

logger = logging.getLogger(__name__)

Ack = Callable[..., Awaitable[None]]

_MENTION = re.compile(r"<@[UW][A-Z0-9]+(?:\|[^>]*)?>")
#: Errors that mean "the bot may not post here"; sharing then falls back to the response URL.
_CANNOT_POST = {"not_in_channel", "channel_not_found", "is_archived", "restricted_action"}
#: DM message subtypes that still carry something a person typed to the bot.
_TYPED_SUBTYPES = {None, "file_share", "thread_broadcast"}


def incoming_text(text: str | None, *, drop_mentions: bool = False) -> str:
    """What the user typed. Slack sends ``&``, ``<``, ``>`` as entities; the router wants plain text
    (the renderer escapes again on the way out). For mentions, the leading ``@Docket`` goes."""
    text = text or ""
    if drop_mentions:
        text = _MENTION.sub(" ", text)
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def command_place(channel_name: str | None) -> Place:
    """Slash commands name the conversation: ``directmessage`` for a DM, ``mpdm-…`` for a group
    DM. The bot is in neither, so it could never post a digest there."""
    name = channel_name or ""
    return Place.PRIVATE if name == "directmessage" or name.startswith("mpdm-") else Place.CHANNEL


class Listeners:
    """The listeners bolt calls, one method each; ``register`` attaches them."""

    def __init__(self, router: Router, settings: SlackSettings, replies: Replies,
                 curation: Curation | None = None):
        """``curation``: where Helpful / Not helpful clicks go; None: no such buttons."""
        self.router, self.settings, self.replies = router, settings, replies
        self.curation = curation
        self.feedback = curation is not None and curation.settings.feedback
        #: Answers still being worked out or posted; a task is dropped when it finishes.
        self.running: set[asyncio.Task[None]] = set()

    def later(self, work: Coroutine[Any, Any, None]) -> None:
        """Run ``work`` after the listener has returned, so the acknowledgement goes first."""
        task = asyncio.get_running_loop().create_task(work)
        self.running.add(task)
        task.add_done_callback(self.running.discard)

    async def drain(self, timeout: float = 10.0) -> None:
        """Let the answers already acknowledged reach Slack before the app shuts down."""
        if self.running:
            await asyncio.wait(set(self.running), timeout=timeout)

    def register(self, app: AsyncApp) -> None:
        app.command(self.settings.slash_command)(self.on_command)
        app.action(SHARE_ACTION_ID)(self.on_share)
        app.action(re.compile(f"^{CHOICE_ACTION_PREFIX}[0-9]+$"))(self.on_choice)
        if self.feedback:
            app.action(HELPFUL_ACTION_ID)(self.on_vote)
            app.action(NOT_HELPFUL_ACTION_ID)(self.on_vote)
        app.event("app_mention")(self.on_mention)
        app.event("message")(self.on_message)
        if not self.settings.oauth:   # OAuth apps forget the workspace's tokens instead
            app.event("app_uninstalled")(self.on_farewell)
            app.event("tokens_revoked")(self.on_farewell)

    async def on_command(self, ack: Ack, command: dict[str, Any], context: AsyncBoltContext,
                         client: AsyncWebClient) -> None:
        await ack()
        self.later(self.answer_command(command, context, client))

    async def answer_command(self, command: dict[str, Any], context: AsyncBoltContext,
                             client: AsyncWebClient) -> None:
        respond = self.replies.to(command.get("response_url") or "")
        try:
            asker = _asker(context, command.get("channel_id"), command.get("user_id"),
                           command_place(command.get("channel_name")))
            answer = await self.ask(client, context, incoming_text(command.get("text")), asker)
            public = not self.settings.ephemeral and not answer.private
            payload = render_answer(answer, Options(
                command=self.settings.slash_command, show_question=True,
                share=self.settings.ephemeral and answer.shareable, feedback=self.feedback,
                asked_by=command.get("user_id") if public else None))
            await respond(response_type="in_channel" if public else "ephemeral", **payload)
        except Exception:
            logger.exception("slash command failed in team %s", context.team_id)
            await _tell_privately(respond)

    async def on_share(self, ack: Ack, body: dict[str, Any], action: dict[str, Any],
                       context: AsyncBoltContext, client: AsyncWebClient) -> None:
        await ack()
        self.later(self.share(body, action, context, client))

    async def share(self, body: dict[str, Any], action: dict[str, Any],
                    context: AsyncBoltContext, client: AsyncWebClient) -> None:
        respond = self.replies.to(body.get("response_url") or "")
        channel = (body.get("channel") or {}).get("id") or context.channel_id
        try:
            asker = _asker(context, channel, context.user_id, Place.CHANNEL)
            answer = await self.answer(self.router.parse(action.get("value") or ""), asker)
            if not answer.shareable:
                # The button's value is whatever the click says: only an answer goes public.
                await respond(response_type="ephemeral", replace_original=False,
                              text=msg.SHARE_ONLY_ANSWERS)
                return
            payload = render_answer(answer, Options(command=self.settings.slash_command,
                                                    asked_by=context.user_id or "",
                                                    feedback=self.feedback))
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
            logger.exception("share failed in team %s", context.team_id)
            await _tell_privately(respond)

    async def on_choice(self, ack: Ack, body: dict[str, Any], action: dict[str, Any],
                        context: AsyncBoltContext, client: AsyncWebClient) -> None:
        """A "Did you mean" button: ask its question for the person who clicked. Under a
        private reply the answer takes the refusal's place; under a public one it comes
        privately, so one person's click never posts to the channel."""
        await ack()
        self.later(self.choose(body, action, context, client))

    async def choose(self, body: dict[str, Any], action: dict[str, Any],
                     context: AsyncBoltContext, client: AsyncWebClient) -> None:
        respond = self.replies.to(body.get("response_url") or "")
        private = (body.get("container") or {}).get("is_ephemeral", True)
        try:
            asker = _asker(context, context.channel_id, context.user_id, Place.CHANNEL)
            answer = await self.ask(client, context, action.get("value") or "", asker)
            payload = render_answer(answer, Options(
                command=self.settings.slash_command, show_question=True,
                share=self.settings.ephemeral and answer.shareable, feedback=self.feedback))
            await respond(response_type="ephemeral", replace_original=private, **payload)
        except Exception:
            logger.exception("a Did-you-mean choice failed in team %s", context.team_id)
            await _tell_privately(respond)

    async def on_vote(self, ack: Ack, body: dict[str, Any], action: dict[str, Any],
                      context: AsyncBoltContext) -> None:
        """Helpful / Not helpful: stored once per person per answer (a second click changes
        the vote), and acknowledged to the clicker alone; the message itself is left as is."""
        await ack()
        self.later(self.vote(body, action, context))

    async def vote(self, body: dict[str, Any], action: dict[str, Any],
                   context: AsyncBoltContext) -> None:
        respond = self.replies.to(body.get("response_url") or "")
        try:
            assert self.curation is not None, "vote buttons are registered with curation only"
            channel = (body.get("channel") or {}).get("id") or context.channel_id
            asker = _asker(context, channel, context.user_id, Place.CHANNEL)
            helpful = action.get("action_id") == HELPFUL_ACTION_ID
            reply = await asyncio.to_thread(self.curation.feedback, str(action.get("value")),
                                            helpful, asker)
            await respond(response_type="ephemeral", replace_original=False, text=reply)
        except Exception:
            logger.exception("a feedback click failed in team %s", context.team_id)
            await _tell_privately(respond)

    async def on_mention(self, ack: Ack, event: dict[str, Any], context: AsyncBoltContext,
                         client: AsyncWebClient) -> None:
        await ack()
        thread = event.get("thread_ts") or event.get("ts")
        self.later(self.answer_event(client, context, event, thread_ts=thread))

    async def on_message(self, ack: Ack, event: dict[str, Any], context: AsyncBoltContext,
                         client: AsyncWebClient) -> None:
        await ack()
        if (event.get("channel_type") != "im" or event.get("subtype") not in _TYPED_SUBTYPES
                or event.get("bot_id") or not event.get("user")):
            return
        self.later(self.answer_event(client, context, event, thread_ts=event.get("thread_ts"),
                                     place=Place.BOT_DM))

    async def on_farewell(self, ack: Ack, event: dict[str, Any],
                          context: AsyncBoltContext) -> None:
        """One workspace, one token from the environment: nothing stored to forget, but the
        operator should know the token no longer works."""
        await ack()
        logger.warning("Slack workspace %s: %s; SLACK_BOT_TOKEN no longer works there",
                       context.team_id, event.get("type"))

    async def ask(self, client: AsyncWebClient, context: AsyncBoltContext, text: str,
                  asker: Asker) -> Answer:
        """Route ``text``. Admin commands look the asker up first."""
        request = self.router.parse(text)
        if request.needs_admin:
            asker = await _with_admin_status(client, context, asker)
        return await self.answer(request, asker)

    async def answer(self, request: Request, asker: Asker) -> Answer:
        """Admin commands touch the database, and a long question takes milliseconds to
        analyse: both run in a worker thread, off the event loop. A short question takes well
        under a millisecond, less than the hop to a thread, so it is answered inline."""
        if request.needs_admin or len(request.text) > INLINE_CHARS:
            return await asyncio.to_thread(self.router.answer, request, asker)
        return self.router.answer(request, asker)

    async def answer_event(self, client: AsyncWebClient, context: AsyncBoltContext,
                           event: dict[str, Any], *, thread_ts: str | None,
                           place: Place = Place.CHANNEL) -> None:
        channel, user = event.get("channel"), event.get("user")
        try:
            text = incoming_text(event.get("text"), drop_mentions=True)
            asker = _asker(context, channel, user, place, thread_ts)
            answer = await self.ask(client, context, text, asker)
            payload = render_answer(answer, Options(command=self.settings.slash_command,
                                                    feedback=self.feedback))
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


def _asker(context: AsyncBoltContext, channel: str | None, user: str | None,
           place: Place, thread: str | None = None) -> Asker:
    """The installing workspace and organisation, as bolt reads them from the envelope; the
    conversation is this person in this channel, or in this thread of it."""
    conversation = ":".join(p or "" for p in ("slack", context.team_id, channel, thread, user))
    return Asker("slack", channel, user, context.team_id, enterprise=context.enterprise_id,
                 place=place, conversation=conversation)


async def _with_admin_status(client: AsyncWebClient, context: AsyncBoltContext,
                             asker: Asker) -> Asker:
    """Whether the asker is an admin or owner of the workspace (or its Grid organisation) the
    bot is installed in, and their timezone, from ``users.info``.

    A guest, or a member of another organisation in a Slack Connect channel, is never our
    admin, whatever their own organisation says. If Slack will not say (the ``users:read``
    scope is missing), only the user ids configured under ``digests: admins`` count.
    """
    try:
        info = (await client.users_info(user=asker.user or "")).get("user") or {}
    except SlackApiError as exc:
        data = exc.response.data
        logger.warning("users.info failed (%s); only configured admins may manage digests",
                       data.get("error") if isinstance(data, dict) else exc.response.status_code)
        return asker
    grid = info.get("enterprise_user") or {}
    admin = (_ours(info, context, asker)
             and any(info.get(flag) or grid.get(flag)
                     for flag in ("is_admin", "is_owner", "is_primary_owner")))
    return Asker(asker.platform, asker.channel, asker.user, asker.team, admin, info.get("tz"),
                 asker.enterprise, asker.place)


def _ours(info: dict[str, Any], context: AsyncBoltContext, asker: Asker) -> bool:
    """The person belongs to the installing workspace, or to its Enterprise Grid organisation."""
    if info.get("is_stranger") or info.get("is_restricted") or info.get("is_ultra_restricted"):
        return False
    if asker.enterprise:         # any workspace of our Grid organisation
        actor_org = context.actor_enterprise_id
        grid = info.get("enterprise_user") or {}
        return actor_org in (None, asker.enterprise) and (
            grid.get("enterprise_id") == asker.enterprise or info.get("team_id") == asker.team)
    return (context.actor_team_id in (None, asker.team)
            and info.get("team_id") == asker.team)


async def _tell_privately(respond: Respond) -> None:
    """The short ephemeral error; if even that fails, the log already has the details."""
    try:
        await respond(response_type="ephemeral", replace_original=False, text=msg.ERROR_GENERIC)
    except Exception:
        logger.exception("could not send the error message")
