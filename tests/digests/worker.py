"""A digest scheduler in its own process, for the race and crash tests.

Reads one JSON object from the command line: the database, the fake platforms' URLs, the
digests, this instance's name, and the times to tick at (a clock the test controls), or
``run`` (a shutdown grace in seconds) to run on the real clock until SIGTERM. It
prints ``ready`` once built and starts ticking when a line arrives on stdin, so several
workers can be released together to race for the same slots.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import signal
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))          # tests/, for fakes
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))          # the repository

import aiohttp  # noqa: E402

from bot.adapters.posting import DiscordPoster, Posters, SlackPoster  # noqa: E402
from bot.database import open_engine  # noqa: E402
from bot.digests.delivery import Destination  # noqa: E402
from bot.digests.settings import DigestSettings, DigestSpec  # noqa: E402
from bot.digests.ledger import Ledger  # noqa: E402
from bot.pack.loader import DEFAULT_PACK  # noqa: E402
from bot.digests.schedule import parse_schedule  # noqa: E402
from bot.digests.scheduler import Scheduler  # noqa: E402


async def main(job: dict) -> None:
    ticks = [dt.datetime.fromisoformat(t) for t in job["ticks"]]
    now = [ticks[0] if ticks else dt.datetime.now(dt.timezone.utc)]
    specs = tuple(DigestSpec(d["name"], parse_schedule(d["when"], d.get("zone", "UTC")),
                             tuple(Destination(*pair) for pair in d["destinations"]), DEFAULT_PACK)
                  for d in job["digests"])
    settings = DigestSettings(digests=specs, lease=dt.timedelta(seconds=job["lease"]))
    ledger = Ledger(open_engine(job["database_url"]))

    async def token_for(team: str | None, enterprise: str | None = None) -> str:
        return job["slack_token"]

    async def no_wait(seconds: float) -> None:
        return None

    async with aiohttp.ClientSession() as session:
        poster = Posters(SlackPoster(session, token_for, api_url=job["slack_api"],
                                   allow_private_webhooks=True),
                         DiscordPoster(session, job["discord_token"], api_url=job["discord_api"],
                                     allow_private_webhooks=True))
        scheduler = Scheduler(ledger=ledger, poster=poster, settings=settings,
                              owner=job["owner"], clock=lambda: now[0], sleep=no_wait)
        print("ready", flush=True)
        await asyncio.get_running_loop().run_in_executor(None, sys.stdin.readline)
        if job.get("run"):                    # as docket run does: real time, stop on SIGTERM
            stop = asyncio.Event()
            asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop.set)
            scheduler.clock = lambda: dt.datetime.now(dt.timezone.utc)
            await scheduler.run(stop, shutdown_grace=job["run"])
        for moment in ticks:
            now[0] = moment
            await scheduler.tick()
    print("done", flush=True)


if __name__ == "__main__":
    asyncio.run(main(json.loads(sys.argv[1])))
