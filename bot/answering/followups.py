"""Follow-ups: "who said that", "why", "tell me more", "source?", "and the budget?" read against the
answer just given in the same conversation.

A conversation is one person in one place (a Slack thread, a channel, a DM, the console), so
two people's or two channels' conversations never mix. Only the last answer is kept, for ten
minutes, and at most ``size`` conversations at once, oldest dropped first: the state stays
small and forgets by itself. The patterns are general English, the same for every pack.
"""

from __future__ import annotations

import re
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum

from bot.matching import text as tx

#: How long an answer can be followed up.
WINDOW_SECONDS = 600
MAX_CONVERSATIONS = 10_000


class Follow(str, Enum):
    WHO = "who"          # who said that: the same points, each with who holds it
    SOURCES = "sources"  # where is that from: the same points, with their sources
    WHY = "why"          # why: the reasons behind what was said
    MORE = "more"        # tell me more: further snippets on the same topics
    ABOUT = "about"      # and the budget?: the same kind of question about something else


@dataclass(frozen=True)
class Turn:
    """What was answered last in a conversation."""

    #: The question the conversation is about: the last one asked afresh, not "who said that".
    question: str
    snippet_ids: tuple[str, ...]
    at: float
    #: Every snippet shown since that question, so "tell me more" never shows one again.
    seen: frozenset[str] = frozenset()


@dataclass(frozen=True)
class FollowUp:
    kind: Follow
    #: For ``ABOUT``: what the question turns to ("the budget").
    subject: str = ""


_PATTERNS = [
    (Follow.WHO, re.compile(r"^(?:and |so |but )?(?:who (?:said|says|claims?|claimed|thinks|"
                            r"wrote|reported|argues|is saying) (?:that|this|it|so)|who(?:s| is) "
                            r"that|says who|according to who(?:m)?|who said)$")),
    (Follow.SOURCES, re.compile(r"^(?:and |so )?(?:(?:whats|what is|what are) (?:the )?)?"
                                r"(?:sources?|citations?|links?|proof|evidence|receipts)"
                                r"(?: for (?:that|this|it))?$|^where(?:s| is| does) (?:that|this|"
                                r"it)(?: come)? from$|^(?:how|what) do (?:we|you|they) know "
                                r"(?:that|this)$")),
    (Follow.WHY, re.compile(r"^(?:and |but |so )?why(?: is that| so| not| is it| would they"
                            r"| do they| does it)?$")),
    (Follow.MORE, re.compile(r"^(?:(?:tell|give|show) (?:me )?(?:some )?more(?: about (?:that|"
                             r"this|it))?|more|go on|and|and then|details|more details|"
                             r"elaborate|keep going|continue|anything else|what else)$")),
    (Follow.ABOUT, re.compile(r"^(?:and|what about|how about|and what about|same for|and for)"
                              r" (?P<subject>.+)$")),
]


def follow_up(text: str) -> FollowUp | None:
    """The kind of follow-up ``text`` is, or None for a question that stands on its own."""
    plain = " ".join(re.sub(r"[?!.,]", " ", tx.without_mentions(tx.normalise(text))
                            .replace("'", "")).split())
    for kind, pattern in _PATTERNS:
        found = pattern.match(plain)
        if found:
            return FollowUp(kind, found.groupdict().get("subject") or "")
    return None


class Conversations:
    """The last answer of each conversation, for ``window`` seconds; safe across threads."""

    def __init__(self, clock: Callable[[], float] = time.monotonic,
                 window: float = WINDOW_SECONDS, size: int = MAX_CONVERSATIONS):
        self.clock, self.window, self.size = clock, window, size
        self._turns: OrderedDict[str, Turn] = OrderedDict()
        self._lock = threading.Lock()

    def last(self, key: str) -> Turn | None:
        with self._lock:
            turn = self._turns.get(key)
            if turn is not None and self.clock() - turn.at > self.window:
                del self._turns[key]
                return None
            return turn

    def remember(self, key: str, question: str, snippet_ids: tuple[str, ...],
                 seen: frozenset[str] = frozenset()) -> None:
        """``seen``: what the conversation had shown before, for a follow-up's answer."""
        with self._lock:
            self._turns.pop(key, None)
            self._turns[key] = Turn(question, snippet_ids, self.clock(),
                                    seen | frozenset(snippet_ids))
            while len(self._turns) > self.size:
                self._turns.popitem(last=False)

    def __len__(self) -> int:
        return len(self._turns)
