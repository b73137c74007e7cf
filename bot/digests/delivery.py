"""Where a digest goes, what can go wrong posting it, and how posting is retried.

The scheduler knows destinations and outcomes only; posters in ``bot.adapters.posting`` turn
a destination into the platform's HTTP call and the platform's answer into one of three
outcomes: a message id, ``RetryLater`` (429, 5xx, a dropped connection) or
``PermanentFailure`` (channel gone, bot removed, webhook deleted). Retrying is decided here,
once, for every platform, with tenacity: back off exponentially, but never sooner than the
platform's ``Retry-After`` says, and give up while the claim on the slot is still safely held.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Protocol

from tenacity import (AsyncRetrying, RetryCallState, retry_if_exception_type, stop_after_attempt,
                      stop_before_delay, wait_exponential_jitter)

from bot.answering.answer import Answer
from bot.errors import DocketError

logger = logging.getLogger(__name__)

#: Destination kinds: through the bot (a channel id) or an incoming webhook (an env variable).
KINDS = ("slack", "discord", "slack_webhook", "discord_webhook")
MAX_ATTEMPTS = 5


@dataclass(frozen=True)
class Destination:
    """A channel through the bot (``target`` is the channel id) or an incoming webhook
    (``target`` names the environment variable that holds its URL, so the URL is never in a file).
    ``team`` is the Slack workspace, needed only when the bot is installed in several, and
    ``enterprise`` its Enterprise Grid organisation, which the installation is stored under."""

    kind: str
    target: str
    team: str | None = None
    enterprise: str | None = field(default=None, compare=False)

    @property
    def key(self) -> str:
        """Stable text for the delivery ledger; ``slack:T1/C1`` when a workspace is named."""
        return f"{self.kind}:{self.team}/{self.target}" if self.team else f"{self.kind}:{self.target}"

    @property
    def platform(self) -> str:
        return self.kind.split("_")[0]

    @property
    def webhook(self) -> bool:
        return self.kind.endswith("_webhook")

    def describe(self) -> str:
        platform = self.platform.capitalize()
        if self.webhook:
            return f"{platform} webhook (${self.target})"
        return f"{platform} channel {self.target}"


class DeliveryError(DocketError):
    """A post did not happen; the message is what the status view and the log show."""


class RetryLater(DeliveryError):
    """Worth trying again: rate limited (with the platform's ``Retry-After``), a 5xx, a timeout.

    ``maybe_posted``: the request may have reached the platform and taken effect (the answer
    never came), so before trying again the poster must look for the post first.
    """

    def __init__(self, reason: str, retry_after: float | None = None, *,
                 maybe_posted: bool = False):
        super().__init__(reason)
        self.retry_after = retry_after
        self.maybe_posted = maybe_posted


class PermanentFailure(DeliveryError):
    """Will not work by trying again: the channel is gone, the bot was removed, the webhook deleted."""


class Poster(Protocol):
    """What the scheduler needs of the platforms; ``bot.adapters.posting`` implements it."""

    async def post(self, destination: Destination, digest: Answer, key: str) -> str | None:
        """Post ``digest``; return the platform's message id (None where it gives none).

        ``key`` names the slot; posters use it to make a repeated post recognisable.
        """

    async def find(self, destination: Destination, key: str, since: dt.datetime) -> str | None:
        """The id of a message already posted for ``key`` since ``since``, or None when a new
        post cannot make a second one. Raises ``RetryLater`` or ``PermanentFailure`` when it
        cannot tell, so nothing is posted twice on a guess."""


class _WaitRetryAfter:
    """Exponential backoff with jitter, but at least what the platform asked for."""

    def __init__(self) -> None:
        self.backoff = wait_exponential_jitter(initial=1, max=60)

    def __call__(self, state: RetryCallState) -> float:
        error = state.outcome.exception() if state.outcome else None
        asked = error.retry_after if isinstance(error, RetryLater) else None
        return max(asked or 0.0, self.backoff(state))


async def post_with_retries(attempt: Callable[[], Awaitable[str | None]], *, budget: float,
                            sleep: Callable[[float], Awaitable[None]] | None = None,
                            what: str = "post",
                            on_retry: Callable[[], None] | None = None) -> str | None:
    """Run ``attempt`` until it succeeds, fails permanently, or retrying would outlast ``budget``
    seconds (then the last ``RetryLater`` is raised, for a later tick to pick up)."""
    options = {"sleep": sleep} if sleep is not None else {}

    def log_retry(state: RetryCallState) -> None:
        error = state.outcome.exception() if state.outcome else None
        wait = state.next_action.sleep if state.next_action else 0
        logger.warning("%s failed (%s); retry %d in %.1fs", what, error, state.attempt_number, wait)
        if on_retry is not None:
            on_retry()

    retrying = AsyncRetrying(retry=retry_if_exception_type(RetryLater),
                             stop=stop_after_attempt(MAX_ATTEMPTS) | stop_before_delay(budget),
                             wait=_WaitRetryAfter(), before_sleep=log_retry, reraise=True,
                             **options)
    async for attempt_state in retrying:
        with attempt_state:
            return await attempt()
    return None  # unreachable: reraise=True raises the last error
