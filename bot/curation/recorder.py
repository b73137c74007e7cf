"""The curators' log as the running app writes it: off the answering path, and never lost to a
database that blips.

The router calls ``Curation.observe`` with every answer, on whatever thread answered it; that
only queues a row. ``serve`` (a service of ``docket run``) writes the queue in batches from a
worker thread and deletes rows past the retention once an hour. A vote first writes what is
queued, so a click on an answer given a moment ago finds it. While the database is down, rows
wait in memory (up to ``MAX_PENDING``) and are written when it is back.
"""

from __future__ import annotations

import asyncio
import collections
import datetime as dt
import logging
import threading
from collections.abc import Callable
from dataclasses import replace

import sqlalchemy as sa

from bot.answering import messages as msg
from bot.answering.answer import Answer, Outcome
from bot.answering.asker import Asker
from bot.curation.identity import Hasher, pack_version
from bot.curation.settings import CurationSettings
from bot.curation.store import ANSWERED, REFUSED, Asked, CurationStore, Voted
from bot.pack.model import Pack

logger = logging.getLogger(__name__)

#: Rows kept in memory while the database cannot take them; older ones give way.
MAX_PENDING = 10_000
#: Seconds between writes of the queue, and between deletions of expired rows.
WRITE_EVERY = 1.0
PRUNE_EVERY = 3600.0

Clock = Callable[[], dt.datetime]


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


class Curation:
    """Records answers and refusals, takes votes, and keeps the tables within the retention."""

    def __init__(self, store: CurationStore, settings: CurationSettings, hasher: Hasher,
                 pack: Callable[[], Pack], clock: Clock = utc_now):
        """``pack``: the pack being answered from now (it changes when a curator's edit is
        reloaded), for the version each row records."""
        self.store, self.settings, self.hasher = store, settings, hasher
        self._pack, self._clock = pack, clock
        #: Rows waiting to be written, each with the pack it was answered from: its version (a
        #: hash of every snippet, a second at 100,000 of them) is worked out by the writer, off
        #: the thread that answered.
        self._pending: collections.deque[tuple[Asked, Pack]] = collections.deque()
        self._lock, self._writing = threading.Lock(), threading.Lock()
        self._waiting = threading.Event()
        self._version: tuple[Pack, str] | None = None
        self._failing = False
        #: Told of each click: helpful or not, and what it did (the app's metrics listen).
        self.on_vote: Callable[[bool, str], None] = lambda helpful, result: None

    def observe(self, answer: Answer, asker: Asker, seconds: float = 0.0) -> None:
        """A router observer: queue what curators keep of this answer (nothing for commands,
        help or rejected input)."""
        pack = self._pack()
        entry = self.entry(answer, asker, pack)
        if entry is None:
            return
        with self._lock:
            self._pending.append((entry, pack))
            if len(self._pending) > MAX_PENDING:
                self._pending.popleft()
        self._waiting.set()

    def entry(self, answer: Answer, asker: Asker, pack: Pack) -> Asked | None:
        """An answer is kept when feedback is on (a click needs it), a refusal always; the
        question's text only with ``log_questions``. The pack version is filled in later."""
        if answer.ref is None:
            return None
        text = answer.question if self.settings.log_questions else None
        if answer.outcome is Outcome.ANSWER and self.settings.feedback:
            return Asked(answer.ref, ANSWERED, text, answer.snippet_ids, asker.platform,
                         asker.team, asker.channel, "", self._clock(), pack=pack.id)
        if answer.outcome is Outcome.NO_ANSWER:
            reason = answer.points[0].text if answer.points else None
            return Asked(answer.ref, REFUSED, text, tuple(c.snippet_id for c in answer.choices),
                         asker.platform, asker.team, asker.channel, "", self._clock(),
                         reason if text else None, self.hasher.person(asker), pack.id)
        return None

    def now(self) -> dt.datetime:
        return self._clock()

    def version(self, pack: Pack | None = None) -> str:
        """The version of ``pack`` (default: the one answered from now); the last one is kept."""
        pack = pack or self._pack()
        known = self._version
        if known is None or known[0] is not pack:
            known = self._version = (pack, pack_version(pack))
        return known[1]

    def flush(self) -> int:
        """Write what is queued; on a database error it stays queued and the error is raised."""
        with self._writing:
            with self._lock:
                batch = list(self._pending)
                self._pending.clear()
                self._waiting.clear()
            try:
                written = self.store.record(replace(entry, pack_version=self.version(pack))
                                            for entry, pack in batch)
            except sa.exc.SQLAlchemyError:
                with self._lock:
                    self._pending.extendleft(reversed(batch))
                    while len(self._pending) > MAX_PENDING:
                        self._pending.popleft()
                raise
        return written

    def flush_quietly(self) -> None:
        """``flush`` for a caller that carries on either way (the console): rows that cannot
        be written now stay queued for the next try."""
        try:
            self.flush()
        except sa.exc.SQLAlchemyError as exc:
            logger.warning("curation: cannot write the curators' log now (%s); %d rows wait",
                           type(exc).__name__, len(self._pending))

    @property
    def pending(self) -> int:
        return len(self._pending)

    def vote(self, ref: str, helpful: bool, asker: Asker) -> Voted:
        """One click (or ``+`` / ``-``) by ``asker`` on answer ``ref``."""
        voter = self.hasher.person(asker)
        if voter is None:
            return Voted.UNKNOWN
        self.flush()
        return self.store.vote(ref, voter, helpful, platform=asker.platform, team=asker.team,
                               channel=asker.channel, now=self._clock())

    def feedback(self, ref: str, helpful: bool, asker: Asker) -> str:
        """A vote, and the private reply to it: what adapters call on a click."""
        try:
            voted = self.vote(ref, helpful, asker)
        except sa.exc.SQLAlchemyError as exc:
            logger.warning("curation: a vote could not be saved (%s)", type(exc).__name__)
            self.on_vote(helpful, "failed")
            return msg.VOTE_FAILED
        self.on_vote(helpful, voted.value)
        if voted is Voted.UNKNOWN:
            return msg.VOTE_UNKNOWN.format(days=self.settings.retention_days)
        if voted is Voted.ELSEWHERE:
            return msg.VOTE_ELSEWHERE
        if not helpful and not self.settings.log_questions:
            return msg.VOTED_UNLOGGED[voted.value]
        return msg.VOTED[(voted.value, helpful)]

    def prune(self) -> int:
        """Delete rows older than ``retention_days``."""
        gone = self.store.prune(self._clock() - self.settings.retention)
        if gone:
            logger.info("curation: deleted %d rows older than %d days", gone,
                        self.settings.retention_days)
        return gone

    def prune_quietly(self) -> None:
        """``prune`` for a caller that carries on either way (the console)."""
        try:
            self.prune()
        except sa.exc.SQLAlchemyError as exc:
            logger.warning("curation: cannot delete expired rows now (%s)", type(exc).__name__)

    async def serve(self) -> None:
        """Until cancelled: write the queue as it fills, prune hourly; a last write on the way
        out."""
        next_prune = 0.0
        loop = asyncio.get_running_loop()
        try:
            while True:
                await asyncio.to_thread(self._waiting.wait, WRITE_EVERY)
                await self._safely(self.flush, "write the curators' log")
                if loop.time() >= next_prune:
                    await self._safely(self.prune, "delete expired curation rows")
                    next_prune = loop.time() + PRUNE_EVERY
        finally:
            if self._pending:
                try:
                    self.flush()
                except sa.exc.SQLAlchemyError as exc:
                    logger.warning("curation: %d rows not written at shutdown (%s)",
                                   len(self._pending), type(exc).__name__)

    async def _safely(self, work: Callable[[], int], what: str) -> None:
        """A database that is down is logged once until it is back, not once a second."""
        try:
            await asyncio.to_thread(work)
        except sa.exc.SQLAlchemyError as exc:
            if not self._failing:
                logger.warning("curation: cannot %s (%s); %d rows wait in memory", what,
                               type(exc).__name__, len(self._pending))
            self._failing = True
            await asyncio.sleep(WRITE_EVERY)
            return
        if self._failing:
            logger.info("curation: the database is back; the log is written again")
        self._failing = False
