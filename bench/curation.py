"""What the curators' log costs: prints one table of figures.

    python bench/curation.py [--questions 5000] [--rows 20000]

* the router's p50/p99 on the shipped pack without and with the log's observer attached, both
  warmed on every question first, then each question through one and the other in turn (the
  observer only queues; the write happens elsewhere);
* writing the queue to SQLite in batches, rows per second;
* a vote (a click): p50/p99 on SQLite, each in its own transaction;
* ``docket curate report`` over ``--rows`` refused questions in many wordings, and pruning
  them all.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.generate import questions  # noqa: E402
from bot.answering.asker import Asker  # noqa: E402
from bot.answering.limits import LimitSettings  # noqa: E402
from bot.answering.router import Settings  # noqa: E402
from bot.app.commands import build_router  # noqa: E402
from bot.curation.identity import Hasher, pack_version  # noqa: E402
from bot.curation.recorder import Curation  # noqa: E402
from bot.curation.report import build_report  # noqa: E402
from bot.curation.settings import CurationSettings  # noqa: E402
from bot.curation.store import REFUSED, Asked, CurationStore  # noqa: E402
from bot.database import open_engine  # noqa: E402
from bot.pack.loader import DEFAULT_PACK, load_pack  # noqa: E402

WORDS = ("colour price mayor court judge flight county border school hospital vote weather "
         "budget lawsuit union strike bridge train tax fee office deadline appeal").split()


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * pct / 100))]


def route_times(router, asked: list[str], asker: Asker) -> list[float]:
    times = []
    for question in asked:
        started = time.perf_counter()
        router.route(question, asker)
        times.append((time.perf_counter() - started) * 1000)
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=5000)
    parser.add_argument("--rows", type=int, default=20000)
    args = parser.parse_args()
    pack = load_pack(DEFAULT_PACK)
    asked = questions(pack.snippets, args.questions)
    asked += [f"what about the {w} in {v}" for w, v in zip(WORDS * 999, reversed(WORDS * 999))
              ][: args.questions // 4]
    asker = Asker("slack", "C1", "U1", "T1")
    with tempfile.TemporaryDirectory() as tmp:
        store = CurationStore(open_engine(f"sqlite:///{Path(tmp) / 'bench.sqlite3'}"))
        store.create_tables()
        unlimited = Settings(limits=LimitSettings(10**9, 10**9))
        plain, logged = (build_router(pack, settings=unlimited) for _ in range(2))
        curation = Curation(store, CurationSettings(), Hasher("bench"), lambda: logged.pack)
        logged.observers.append(curation.observe)
        for router in (plain, logged):                   # both warm, then timed in turns
            router.prepare()
            route_times(router, asked, asker)
        curation.flush()
        without, with_log = [], []
        for question in asked:
            without += route_times(plain, [question], asker)
            with_log += route_times(logged, [question], asker)
        queued = curation.pending
        started = time.perf_counter()
        curation.flush()
        write_s = time.perf_counter() - started
        refs = [r.ref for r in store.asked_since(dt.datetime(2000, 1, 1, tzinfo=dt.timezone.utc))
                if r.outcome == "answer"][:1000]
        votes = []
        for number, ref in enumerate(refs):
            voter = Asker("slack", "C1", f"U{number % 50}", "T1")
            started = time.perf_counter()
            curation.vote(ref, number % 3 != 0, voter)
            votes.append((time.perf_counter() - started) * 1000)
        rng = random.Random(7)
        now = dt.datetime.now(dt.timezone.utc)
        rows = [Asked(f"{n:016x}", REFUSED, f"{rng.choice(['what', 'who', 'when'])} is the "
                      f"{rng.choice(WORDS)} of the {rng.choice(WORDS)} {rng.randrange(400)}",
                      ("program-overview",), "slack", "T1", "C1", pack_version(pack),
                      now - dt.timedelta(minutes=n), "why", f"p{n % 300}", pack.id)
                for n in range(args.rows)]
        store.record(rows)
        started = time.perf_counter()
        report = build_report(store, pack, "bench", since=now - dt.timedelta(days=90))
        report_s = time.perf_counter() - started
        started = time.perf_counter()
        pruned = store.prune(now + dt.timedelta(days=1))
        prune_s = time.perf_counter() - started
    print(f"router on the shipped pack, {len(asked)} questions: p50 "
          f"{percentile(without, 50):.3f} ms, p99 {percentile(without, 99):.3f} ms without the "
          f"log; p50 {percentile(with_log, 50):.3f} ms, p99 {percentile(with_log, 99):.3f} ms "
          f"with it")
    print(f"queue write to SQLite: {queued} rows in {write_s * 1000:.0f} ms "
          f"({queued / write_s:,.0f} rows/s)")
    print(f"votes on SQLite: {len(votes)} clicks, p50 {percentile(votes, 50):.2f} ms, p99 "
          f"{percentile(votes, 99):.2f} ms")
    print(f"report over {args.rows:,} refused questions: {report_s * 1000:.0f} ms "
          f"({len(report.refused_groups):,} groups); prune of {pruned:,} rows: "
          f"{prune_s * 1000:.0f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
