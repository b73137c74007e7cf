"""The digest scheduler: every instance ticks on its own clock; the ledger decides who posts.

Each tick finds, for every digest and destination, the latest slot due by ``now``. A slot
within the grace period is claimed and posted; a slot missed by more than that (the bot was
down) is recorded as skipped and logged, never posted late, and older missed slots are never
looked at, so an outage ends without a burst of stale digests. ``now`` is a parameter and
the clock an argument, so tests move time instead of sleeping.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
import os
import socket
import uuid
from collections.abc import Awaitable, Callable
from pathlib import Path

import sqlalchemy as sa
from tenacity import (AsyncRetrying, RetryCallState, retry_if_exception_type, stop_after_delay,
                      wait_exponential)

from bot.digests.delivery import Destination, PermanentFailure, Poster, RetryLater, post_with_retries
from bot.digests.content import build_digest, fingerprint
from bot.digests.settings import DigestSettings, DigestSpec
from bot.digests.ledger import CLAIMED, MANUAL, SCHEDULED, Delivery, Ledger
from bot.pack.reload import PackCache
from bot.digests.schedule import utcnow
from bot.digests.subscriptions import SubscriptionStore, all_specs

#: A database that could not be reached, rather than one that refused the write.
UNREACHABLE = (sa.exc.OperationalError, sa.exc.InterfaceError)

logger = logging.getLogger(__name__)

Clock = Callable[[], dt.datetime]
#: How long a transient failure keeps a slot waiting before any instance retries it.
RETRY_LATER = dt.timedelta(minutes=1)


class LostClaim(Exception):
    """The lease ran out mid-delivery and another instance holds the slot now."""


def instance_name() -> str:
    """Who holds a claim, in the ledger and the log: host, process, and a random suffix."""
    return f"{socket.gethostname()[:60]}-{os.getpid()}-{uuid.uuid4().hex[:6]}"


def slot_key(digest: str, destination: Destination, slot: dt.datetime) -> str:
    """The name of one post, carried in the message so a repeat can be recognised."""
    return f"{digest}/{destination.key}/{slot.astimezone(dt.timezone.utc):%Y-%m-%dT%H:%M:%S.%fZ}"


class Scheduler:
    """Posts due digests through ``poster``, recording every outcome in ``ledger``."""

    def __init__(self, *, ledger: Ledger, poster: Poster, settings: DigestSettings,
                 subscriptions: SubscriptionStore | None = None, default_pack: Path | None = None,
                 owner: str | None = None, clock: Clock = utcnow,
                 sleep: Callable[[float], Awaitable[None]] | None = None,
                 events: Callable[[str], None] | None = None):
        """``events`` is told of each delivery's outcome (``posted``, ``failed``,
        ``postponed``, ``lost``) and each retry (``retry``): the app's metrics listen."""
        self.ledger, self.poster, self.settings = ledger, poster, settings
        self.events = events or (lambda _: None)
        self.subscriptions, self.default_pack = subscriptions, default_pack
        self.owner = owner or instance_name()
        self.clock, self.sleep = clock, sleep
        self.packs = PackCache(on_reload=self.events)
        self._final: set[tuple[str, str, dt.datetime]] = set()
        self._known: list[DigestSpec] = list(settings.digests)

    def specs(self) -> list[DigestSpec]:
        """Digests from the config file, then those set up in chat (read afresh each tick)."""
        return all_specs(self.settings.digests, self.subscriptions, self.default_pack)

    async def tick(self, now: dt.datetime | None = None) -> None:
        """One pass over every digest and destination; each runs on its own, so none holds up another."""
        now = now or self.clock()
        specs = await asyncio.to_thread(self.specs)
        self._known = specs
        horizon = now - self.settings.grace - dt.timedelta(days=1)   # only recent slots matter
        self._final = {done for done in self._final if done[2] > horizon}
        jobs = []
        for spec in specs:
            slot = spec.schedule.latest(now)
            if slot is None or (spec.since is not None and slot < spec.since):
                continue
            jobs += [self._due(spec, destination, slot, now) for destination in spec.destinations
                     if (spec.name, destination.key, slot) not in self._final]
        for result in await asyncio.gather(*jobs, return_exceptions=True):
            if isinstance(result, Exception):
                logger.error("digest tick failed: %s", result, exc_info=result)

    async def send_now(self, spec: DigestSpec, now: dt.datetime | None = None) -> list[Delivery]:
        """Post ``spec`` to all its destinations now, recorded as manual sends; the final rows."""
        now = now or self.clock()
        results = []
        for destination in spec.destinations:
            claim = await asyncio.to_thread(
                self.ledger.claim, spec.name, destination.key, now, kind=MANUAL,
                owner=self.owner, now=now, lease=self.settings.lease)
            if claim is not None:
                await self._deliver(spec, destination, claim)
            results.append(await asyncio.to_thread(self.ledger.find, spec.name,
                                                   destination.key, now))
        return [r for r in results if r is not None]

    async def run(self, stop: asyncio.Event, *, shutdown_grace: float = 10.0) -> None:
        """Tick until ``stop`` is set. A post in flight then gets ``shutdown_grace`` seconds to
        finish; if it does not, it is cancelled and its claim released for another instance."""
        logger.info("digest scheduler %s started", self.owner)
        while not stop.is_set():
            tick = asyncio.create_task(self.tick())
            stopping = asyncio.create_task(stop.wait())
            await asyncio.wait({tick, stopping}, return_when=asyncio.FIRST_COMPLETED)
            stopping.cancel()
            if not tick.done():
                done, _ = await asyncio.wait({tick}, timeout=shutdown_grace)
                if not done:
                    logger.warning("stopping: a digest post is still in flight; releasing it")
                    tick.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await tick
                break
            if tick.exception() is not None:         # the database was down, say: keep ticking
                logger.error("digest tick failed: %s", tick.exception(), exc_info=tick.exception())
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(stop.wait(), self._pause(self.clock()))
        logger.info("digest scheduler %s stopped", self.owner)

    def _pause(self, now: dt.datetime) -> float:
        """Seconds to the next check: the regular interval, or sooner if a slot comes first."""
        pause = self.settings.check_every.total_seconds()
        for spec in self._known:             # config and chat digests, as of the last tick
            upcoming = spec.schedule.next(now)
            if upcoming is not None:
                pause = min(pause, (upcoming - now).total_seconds() + 0.05)
        return max(pause, 0.05)

    async def _due(self, spec: DigestSpec, destination: Destination, slot: dt.datetime,
                   now: dt.datetime) -> None:
        late = now - slot
        if late > self.settings.grace:
            await asyncio.to_thread(self._missed, spec, destination, slot, now, late)
            return
        claim = await asyncio.to_thread(
            self.ledger.claim, spec.name, destination.key, slot, kind=SCHEDULED,
            owner=self.owner, now=now, lease=self.settings.lease)
        if claim is None:
            row = await asyncio.to_thread(self.ledger.find, spec.name, destination.key, slot)
            if row is not None and row.status != CLAIMED:
                self._final.add((spec.name, destination.key, slot))
            return
        await self._deliver(spec, destination, claim)

    def _missed(self, spec: DigestSpec, destination: Destination, slot: dt.datetime,
                now: dt.datetime, late: dt.timedelta) -> None:
        """A slot too late to post: close a lapsed claim on it, or record it as skipped."""
        row = self.ledger.find(spec.name, destination.key, slot)
        grace = self.settings.grace
        if row is not None and row.status == CLAIMED:
            reason = f"not posted within the grace period ({grace}); last error: {row.error}"
            if self.ledger.give_up(spec.name, destination.key, slot, reason, now):
                logger.error("digest %s to %s for %s: %s", spec.name, destination.describe(),
                             slot, reason)
                self._final.add((spec.name, destination.key, slot))
            return
        self._final.add((spec.name, destination.key, slot))
        if row is not None:
            return
        if spec.since is None and not self.ledger.has_history(spec.name, destination.key):
            logger.info("digest %s to %s: first slot will be %s", spec.name,
                        destination.describe(), spec.schedule.next(now))
            return
        reason = (f"missed: Docket was not running at {slot:%Y-%m-%d %H:%M} UTC and it is "
                  f"{_minutes(late)} later, past the grace period ({grace})")
        if self.ledger.skip(spec.name, destination.key, slot, reason, now):
            logger.warning("digest %s to %s skipped: %s", spec.name, destination.describe(), reason)

    async def _deliver(self, spec: DigestSpec, destination: Destination, claim: Delivery) -> None:
        """Post one claimed slot and record the outcome; every path leaves the claim resolved."""
        what = f"digest {spec.name} to {destination.describe()}"
        key = slot_key(spec.name, destination, claim.slot)
        maybe_posted = claim.sent
        try:
            pack = await asyncio.to_thread(self.packs.get, spec.pack)
            previous = await asyncio.to_thread(self.ledger.last_fingerprint, spec.name,
                                               destination.key)
            digest = build_digest(pack, spec.options, previous=previous,
                                  when=claim.slot.astimezone(spec.schedule.zone))
            lease = self.settings.lease

            async def attempt() -> str | None:
                nonlocal maybe_posted
                if maybe_posted:                  # an earlier attempt's outcome is unknown
                    found = await self.poster.find(destination, key, claim.slot)
                    if found is not None:
                        logger.info("%s: found the earlier post (%s)", what, found)
                        return found
                if not await asyncio.to_thread(self.ledger.sending, claim, self.owner,
                                               self.clock(), lease):
                    raise LostClaim(what)
                maybe_posted = True
                try:
                    return await self.poster.post(destination, digest, key)
                except RetryLater as exc:
                    maybe_posted = exc.maybe_posted
                    raise

            message_id = await post_with_retries(attempt, what=what, sleep=self.sleep,
                                                 budget=lease.total_seconds() / 2,
                                                 on_retry=lambda: self.events("retry"))
        except asyncio.CancelledError:
            self.ledger.release(claim, self.owner, self.clock())
            raise
        except LostClaim:
            logger.error("%s: the claim lapsed and another instance took it; not posting", what)
            self.events("lost")
            return
        except (PermanentFailure, RetryLater) as exc:
            if isinstance(exc, RetryLater) and claim.kind == SCHEDULED:
                await self._postpone(claim, what, exc, unsent=not maybe_posted)
                return
            reason = str(exc)
            logger.error("%s failed: %s", what, reason)
            await self._record(what, lambda: self.ledger.failed(claim, self.owner, reason,
                                                                self.clock()))
            self.events("failed")
            return
        except Exception as exc:
            logger.exception("%s: unexpected error", what)
            await self._postpone(claim, what, exc, unsent=False)
            return
        self._final.add((spec.name, destination.key, claim.slot))    # posted: never again here
        await self._record(what, lambda: self.ledger.posted(claim, self.owner, message_id,
                                                            fingerprint(pack), self.clock()))
        logger.info("%s posted (%s)", what, message_id)
        self.events("posted")

    async def _record(self, what: str, write: Callable[[], object]) -> None:
        """Write an outcome the platform has already given. A database that is unreachable for
        a moment must not turn a delivered post into a false failure (or, for a bot post, a
        second post after another instance takes the lapsed claim over): the outcome is kept
        in memory and the write retried, with real back-off, for most of the claim's lease,
        which was renewed just before posting, so no other instance may take the slot
        meanwhile."""
        budget = self.settings.lease.total_seconds() * 0.8

        def waiting(state: RetryCallState) -> None:
            error = state.outcome.exception() if state.outcome else None
            logger.warning("%s: the database is unreachable (%s); keeping the outcome and "
                           "writing it again in %.1fs", what, type(error).__name__,
                           state.next_action.sleep if state.next_action else 0)

        retrying = AsyncRetrying(retry=retry_if_exception_type(UNREACHABLE),
                                 stop=stop_after_delay(budget), reraise=True,
                                 wait=wait_exponential(multiplier=0.2, max=5),
                                 before_sleep=waiting)
        async for attempt in retrying:
            with attempt:
                await asyncio.to_thread(write)

    async def _postpone(self, claim: Delivery, what: str, error: Exception, *,
                        unsent: bool) -> None:
        """Leave the slot for a later tick (of any instance), no sooner than the platform asked."""
        wait = dt.timedelta(seconds=getattr(error, "retry_after", None) or 0)
        until = self.clock() + max(RETRY_LATER, wait)
        reason = str(error) if isinstance(error, RetryLater) else f"{type(error).__name__}: {error}"
        logger.warning("%s not posted (%s); trying again after %s", what, reason, until)
        self.events("postponed")
        await asyncio.to_thread(lambda: self.ledger.postpone(claim, self.owner, reason, until,
                                                             unsent=unsent))


def _minutes(delta: dt.timedelta) -> str:
    minutes = int(delta.total_seconds() // 60)
    return f"{minutes // 60} h {minutes % 60} min" if minutes >= 60 else f"{minutes} min"
