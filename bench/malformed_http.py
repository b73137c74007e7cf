"""How the Slack events URL answers malformed requests: status and time for each of the fixed
corpus (``tests/fakes/malformed.py``), five rounds, against the real app on 127.0.0.1.

    python bench/malformed_http.py
"""

from __future__ import annotations

import collections
import logging
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

ROUNDS = 5


def main() -> int:
    from bot.adapters.slack.server import start_http
    from bot.adapters.slack.service import slack_service
    from bot.adapters.slack.settings import SlackSecrets, SlackSettings
    from bot.app.commands import load_router
    from fakes.loop import LoopThread
    from fakes.malformed import SIGNING_SECRET, corpus, send
    from fakes.slack_api import FakeSlackApi

    logging.disable(logging.WARNING)            # one WARNING per request: not what is timed
    loop, fake = LoopThread(), FakeSlackApi()
    loop.run(fake.start())
    settings = SlackSettings(mode="http", api_url=fake.base_url)
    secrets = SlackSecrets.of(signing_secret=SIGNING_SECRET, bot_token="xoxb-bench")

    async def start():
        return await start_http(slack_service(settings, secrets, load_router(None)).app,
                                "127.0.0.1", 0)

    runner = loop.run(start())
    port = runner.addresses[0][1]
    cases = corpus()
    times, statuses = [], collections.Counter()
    slowest = (0.0, "")
    for _ in range(ROUNDS):
        for case in cases:
            started = time.perf_counter()
            status = send("127.0.0.1", port, "/slack/events", case)
            took = (time.perf_counter() - started) * 1000
            times.append(took)
            statuses[status] += 1
            slowest = max(slowest, (took, case.name))
    loop.run(runner.cleanup())
    loop.run(fake.stop())
    times.sort()
    print(f"{len(cases)} malformed requests x {ROUNDS}: statuses "
          + ", ".join(f"{k}: {v}" for k, v in sorted(statuses.items())))
    print(f"time to the answer: p50 {statistics.median(times):.1f} ms, "
          f"p99 {times[int(0.99 * (len(times) - 1))]:.1f} ms, max {times[-1]:.1f} ms "
          f"({slowest[1]})")
    return 0 if 500 not in statuses else 1


if __name__ == "__main__":
    raise SystemExit(main())
