"""Slack retries an event it thinks we missed (``X-Slack-Retry-Num``); this makes each post happen once.

A retry whose ``event_id`` this process has already accepted is acknowledged and
dropped. A retry of an event we never saw (say, the first delivery hit a
restart) is still answered, which is why this looks at event ids rather than
refusing every retry. The memory is per process: behind several instances,
Slack's own retry rules are the remaining guard.
"""

from __future__ import annotations

import logging
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from typing import Any

from slack_bolt.response import BoltResponse

logger = logging.getLogger(__name__)

#: Slack retries three times within about an hour; remember events a little longer.
REMEMBER_SECONDS = 2 * 3600
MAX_REMEMBERED = 10_000


class RecentEvents:
    """Event ids seen recently; ``clock`` is a parameter so tests need not wait."""

    def __init__(self, clock: Callable[[], float] = time.monotonic,
                 ttl: float = REMEMBER_SECONDS, size: int = MAX_REMEMBERED):
        self._clock, self._ttl, self._size = clock, ttl, size
        self._seen: OrderedDict[str, float] = OrderedDict()

    def first_time(self, event_id: str) -> bool:
        """True the first time ``event_id`` is offered within the memory window."""
        now = self._clock()
        while self._seen and (len(self._seen) >= self._size
                              or next(iter(self._seen.values())) < now - self._ttl):
            self._seen.popitem(last=False)
        if event_id in self._seen:
            return False
        self._seen[event_id] = now
        return True


def drop_duplicates(recent: RecentEvents) -> Callable[..., Awaitable[Any]]:
    """A bolt global middleware: runs after signature checks, so only genuine events are remembered."""

    async def middleware(body: dict[str, Any], next: Callable[[], Awaitable[None]]) -> Any:
        event_id = body.get("event_id") if isinstance(body, dict) else None
        if isinstance(event_id, str) and not recent.first_time(event_id):
            logger.info("dropping repeated delivery of event %s", event_id)
            return BoltResponse(status=200, body="")
        return await next()

    return middleware
