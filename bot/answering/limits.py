"""How many questions one person, or one channel, may ask in a minute.

A person never asks twenty questions a minute; a script, a stuck client or someone pasting in
a loop does, and every answer is work and, in a channel, noise. Over the limit, the asker gets
a polite private reply saying when to try again; nothing is posted to the channel. The console
(no user) is never limited.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict, deque
from collections.abc import Callable
from dataclasses import dataclass

from bot.answering.asker import CONSOLE, Asker

#: Conversations remembered at once; the least recently active are forgotten first.
MAX_KEYS = 10_000


@dataclass(frozen=True)
class LimitSettings:
    """Questions a minute, per person and per channel (``limits:`` in the config)."""

    questions_per_user: int = 20
    questions_per_channel: int = 60
    window: float = 60.0


@dataclass(frozen=True)
class Refusal:
    """Who is over the limit (``"user"`` or ``"channel"``), how many they asked, and when the
    oldest of those leaves the window."""

    scope: str
    count: int
    retry_after: float


class RateLimits:
    """Sliding-window counts per user and per channel; thread-safe."""

    def __init__(self, settings: LimitSettings | None = None,
                 clock: Callable[[], float] = time.monotonic):
        self.settings = settings or LimitSettings()
        self._clock = clock
        self._seen: OrderedDict[tuple[str, ...], deque[float]] = OrderedDict()
        self._lock = threading.Lock()

    def check(self, asker: Asker) -> Refusal | None:
        """Count this question, or say why it is refused (refused ones are not counted, so a
        person who waits is answered again). The console's one person, who runs this Docket,
        is never limited."""
        if not asker.user or asker.platform == CONSOLE:
            return None
        keys = [("user", asker.platform, asker.team or "", asker.user,
                 self.settings.questions_per_user)]
        if asker.channel:
            keys.append(("channel", asker.platform, asker.team or "", asker.channel,
                         self.settings.questions_per_channel))
        now = self._clock()
        with self._lock:
            windows = [(scope, limit, self._window((scope, *rest), now))
                       for scope, *rest, limit in keys]
            for scope, limit, window in windows:
                if len(window) >= limit:
                    return Refusal(scope, len(window),
                                   max(0.0, window[0] + self.settings.window - now))
            for _, _, window in windows:
                window.append(now)
        return None

    def _window(self, key: tuple[str, ...], now: float) -> deque[float]:
        window = self._seen.pop(key, None)
        if window is None:
            window = deque()
            if len(self._seen) >= MAX_KEYS:
                self._seen.popitem(last=False)
        while window and window[0] <= now - self.settings.window:
            window.popleft()
        self._seen[key] = window
        return window
