"""Docket speed benchmark: prints tables of whole figures; the pack figures all come from this one process.

    python bench/run.py [--sizes 1000,10000,100000] [--questions 1000] [--slack-requests 3000]

For the shipped pack and generated packs of each size: cold start (load,
validate, index), question latency p50/p99 through the router, the same
questions through rank_bm25's BM25Okapi as a baseline (latency ratio and how
often both pick the same top snippet), and peak resident memory.

Then whole-process start-up (``bench/startup.py``): ``docket ask`` and ``docket --help`` beside
``python -c pass``. Then signed slash commands against the Slack HTTP app on 127.0.0.1
(``bench/slack_http.py``): the one figure that needs more than this process, so
the app and the load generator each get a process of their own.
"""

from __future__ import annotations

import argparse
import gc
import os
import platform
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.generate import generate, questions  # noqa: E402
from bench.slack_http import measure_slack  # noqa: E402
from bench.startup import measure_startup, print_startup  # noqa: E402
from bot.answering.router import Router  # noqa: E402
from bot.matching.search import snippet_fields  # noqa: E402
from bot.pack.loader import DEFAULT_PACK, load_pack  # noqa: E402

#: rank_bm25 scores every document in Python per query term; cap its question count on big packs.
BASELINE_BUDGET = 2_000_000


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(pct / 100 * (len(ordered) - 1))))]


def peak_rss_mb() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024


def measure(label: str, pack_dir: Path, count: int) -> dict[str, object]:
    gc.collect()
    start = time.perf_counter()
    pack = load_pack(pack_dir)
    router = Router(pack)
    cold_ms = (time.perf_counter() - start) * 1000
    asked = questions(pack.snippets, count)
    router.route(asked[0])  # first question loads the English word list once
    latencies = []
    for question in asked:
        t0 = time.perf_counter()
        router.route(question)
        latencies.append((time.perf_counter() - t0) * 1000)
    row = {"pack": label, "snippets": len(pack.snippets), "cold_ms": cold_ms,
           "p50_ms": percentile(latencies, 50), "p99_ms": percentile(latencies, 99),
           "rss_mb": peak_rss_mb()}
    row.update(baseline(router, asked))
    return row


def baseline(router: Router, asked: list[str]) -> dict[str, object]:
    """The same questions through BM25Okapi over the same terms: the library a Python developer reaches for."""
    from rank_bm25 import BM25Okapi

    docs = router.index.snippets
    terms = router.index.vocabulary.terms
    corpus = [terms(" ".join(snippet_fields(d).values())) for d in docs]
    model = BM25Okapi(corpus)
    limit = max(20, min(len(asked), BASELINE_BUDGET // max(1, len(docs))))
    ours, theirs, same, compared = [], [], 0, 0
    for question in asked[:limit]:
        t0 = time.perf_counter()
        hits = router.index.search(router.index.analyse(question), limit=1)
        ours.append((time.perf_counter() - t0) * 1000)
        asked_terms = terms(question)
        t0 = time.perf_counter()
        scores = model.get_scores(asked_terms)
        best = int(scores.argmax()) if len(scores) else -1
        theirs.append((time.perf_counter() - t0) * 1000)
        if hits and best >= 0 and scores[best] > 0:
            compared += 1
            same += hits[0].snippet is docs[best]
    return {"base_n": limit, "ours_search_p50": percentile(ours, 50),
            "bm25_p50": percentile(theirs, 50), "bm25_p99": percentile(theirs, 99),
            "speedup": percentile(theirs, 50) / max(percentile(ours, 50), 1e-9),
            "same_top": 100 * same / max(1, compared)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--questions", type=int, default=1000)
    parser.add_argument("--slack-requests", type=int, default=3000,
                        help="signed slash commands to time against the Slack HTTP app (0 skips)")
    parser.add_argument("--slack-concurrency", type=int, default=32)
    parser.add_argument("--startup-runs", type=int, default=15,
                        help="whole-process runs of each start-up command (0 skips)")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s]
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    rows = [measure("shipped", DEFAULT_PACK, args.questions)]
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            t0 = time.perf_counter()
            pack_dir = generate(Path(tmp), size)
            print(f"generated {size} snippets in {time.perf_counter() - t0:.0f} s", flush=True)
            rows.append(measure(f"synthetic", pack_dir, args.questions))
    header = (f"{'pack':10s} {'snippets':>8s} {'cold ms':>8s} {'p50 ms':>7s} {'p99 ms':>7s} "
              f"{'search p50':>10s} {'bm25 p50':>9s} {'bm25 p99':>9s} {'x faster':>8s} "
              f"{'same top':>8s} {'peak MB':>7s}")
    print(header)
    for r in rows:
        print(f"{r['pack']:10s} {r['snippets']:8d} {r['cold_ms']:8.0f} {r['p50_ms']:7.2f} "
              f"{r['p99_ms']:7.2f} {r['ours_search_p50']:10.3f} {r['bm25_p50']:9.2f} "
              f"{r['bm25_p99']:9.2f} {r['speedup']:8.0f} {r['same_top']:7.0f}% {r['rss_mb']:7d}")
    print("latencies are per question through the whole router; 'search p50' is the ranked "
          "search alone, the part compared with BM25Okapi (baseline over "
          f"{', '.join(str(r['base_n']) for r in rows)} questions)")
    if args.startup_runs > 0:
        print_startup(measure_startup(args.startup_runs))
    if args.slack_requests > 0:
        print_slack(measure_slack(args.slack_requests, args.slack_concurrency))
    return 0


def print_slack(r: dict[str, object]) -> None:
    """One row: acks per second and their latency, and how many answers actually arrived."""
    print()
    print(f"{'slack http':10s} {'requests':>8s} {'in flight':>9s} {'req/s':>6s} {'p50 ms':>7s} "
          f"{'p99 ms':>7s} {'errors':>6s} {'answers':>7s} {'answers/s':>9s} "
          f"{'app cpu ms':>10s} {'client cpu ms':>13s}")
    errors = r["errors"]
    print(f"{'/docket':10s} {r['requests']:8d} {r['concurrency']:9d} {r['rps']:6.0f} "
          f"{r['p50_ms']:7.0f} {r['p99_ms']:7.0f} {sum(errors.values()):6d} {r['answers']:7d} "
          f"{r['answers_per_s']:9.0f} {r['server_cpu_ms']:10.1f} {r['client_cpu_ms']:13.1f}")
    if errors:
        print("errors (status or exception: count):",
              ", ".join(f"{k}: {v}" for k, v in sorted(errors.items(), key=str)))
    print("req/s and latency are to the HTTP 200 ack; answers are response_url posts the fake "
          "Slack received; cpu ms is per request, app and load generator in separate processes")


if __name__ == "__main__":
    raise SystemExit(main())
