"""What an operator watches: liveness, readiness and Prometheus metrics, on a port of their own.

``docket run`` serves, when the config has a ``monitoring:`` section:

* ``GET /healthz``: the process and its event loop are alive (200);
* ``GET /readyz``: 200 only when the pack is loaded, the database answers and every configured
  platform is connected, else 503; the JSON body says which check failed;
* ``GET /metrics``: the Prometheus text format, through the official client library.

The metrics are fed by listeners the rest of the app already offers (the router's observers,
the scheduler's events, pack reloads, feedback clicks), so nothing below ``bot.app`` imports the client library.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from aiohttp import web
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Histogram
from prometheus_client import generate_latest

from bot.answering.answer import Answer, Outcome
from bot.answering.asker import Asker

logger = logging.getLogger(__name__)

#: How long one readiness check may take before it counts as failed.
CHECK_TIMEOUT = 2.0
#: How each kind of reply is counted: "rejected" is a mistyped command, input over the length
#: limit or a person over the rate limit.
OUTCOMES = {Outcome.ANSWER: "answered", Outcome.NO_ANSWER: "refused",
            Outcome.REJECTED: "rejected", Outcome.LISTING: "listing", Outcome.DIGEST: "listing"}

Check = Callable[[], Awaitable[bool]]


class Metrics:
    """Docket's metrics, in a registry of their own (one per app, so tests can build several)."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.questions = Counter("docket_questions", "Questions and commands answered, by "
                                 "platform and outcome", ["platform", "outcome"],
                                 registry=self.registry)
        self.latency = Histogram("docket_answer_seconds", "Time to work out an answer, by "
                                 "platform", ["platform"], registry=self.registry,
                                 buckets=(.0005, .001, .0025, .005, .01, .025, .05, .1, .25, 1))
        self.deliveries = Counter("docket_digest_deliveries", "Digest deliveries by outcome "
                                  "(posted, failed, postponed, lost)", ["outcome"],
                                  registry=self.registry)
        self.retries = Counter("docket_digest_retries", "Digest posts retried after a 429, a 5xx "
                               "or a dropped connection", registry=self.registry)
        self.votes = Counter("docket_feedback", "Helpful / Not helpful clicks, by vote (helpful, "
                             "not_helpful) and result (recorded, changed, same, unknown, "
                             "elsewhere, failed)", ["vote", "result"], registry=self.registry)
        self.reloads = Counter("docket_pack_reloads", "Edited packs read by a running process, "
                               "by result (reloaded, refused)", ["result"],
                               registry=self.registry)

    def answered(self, answer: Answer, asker: Asker, seconds: float) -> None:
        """A router observer."""
        self.questions.labels(asker.platform, OUTCOMES.get(answer.outcome, "other")).inc()
        self.latency.labels(asker.platform).observe(seconds)

    def voted(self, helpful: bool, result: str) -> None:
        """The curators' log's feedback events."""
        self.votes.labels("helpful" if helpful else "not_helpful", result).inc()

    def digest_event(self, event: str) -> None:
        """The scheduler's events, and its pack reloads."""
        if event == "retry":
            self.retries.inc()
        elif event in ("reloaded", "refused"):
            self.reloads.labels(event).inc()
        else:
            self.deliveries.labels(event).inc()

    def text(self) -> bytes:
        return generate_latest(self.registry)


@dataclass
class Monitoring:
    """The operator's endpoints: ``checks`` name each readiness check."""

    metrics: Metrics
    checks: dict[str, Check] = field(default_factory=dict)

    async def ready(self) -> tuple[bool, dict[str, str]]:
        results = await asyncio.gather(*(_run(check) for check in self.checks.values()))
        found = dict(zip(self.checks, results))
        return all(result == "ok" for result in found.values()), found

    def app(self) -> web.Application:
        async def health(_: web.Request) -> web.Response:
            return web.json_response({"ok": True})

        async def ready(_: web.Request) -> web.Response:
            ok, checks = await self.ready()
            return web.json_response({"ok": ok, "checks": checks}, status=200 if ok else 503)

        async def metrics(_: web.Request) -> web.Response:
            return web.Response(body=self.metrics.text(),
                                headers={"Content-Type": CONTENT_TYPE_LATEST})

        application = web.Application()
        application.add_routes([web.get("/healthz", health), web.get("/readyz", ready),
                                web.get("/metrics", metrics)])
        return application

    async def serve(self, host: str, port: int) -> None:
        """Serve until cancelled."""
        runner = web.AppRunner(self.app(), access_log=None)
        await runner.setup()
        await web.TCPSite(runner, host, port).start()
        logger.info("monitoring on http://%s:%d (/healthz, /readyz, /metrics)", host, port)
        try:
            await asyncio.Event().wait()
        finally:
            await runner.cleanup()


async def _run(check: Check) -> str:
    """"ok", or why not, in a few words (never a traceback)."""
    try:
        return "ok" if await asyncio.wait_for(check(), CHECK_TIMEOUT) else "not ready"
    except asyncio.TimeoutError:
        return f"no answer within {CHECK_TIMEOUT:.0f}s"
    except Exception as exc:  # a failed check is a 503, never a 500
        return f"failed ({type(exc).__name__})"
