"""Docket speed benchmark: prints tables of whole figures; the pack figures all come from this one process.

    python bench/run.py [--sizes 1000,10000,100000] [--questions 1000] [--slack-requests 3000]

For the shipped pack and generated packs of each size:

* cold start: a full load (parse, validate, index, router) and a start from the compiled
  pack cache (``bot.pack.cache``);
* question latency p50/p99 through the whole router;
* the ranked search alone beside its peers, on the same terms: rank_bm25's BM25Okapi and
  bm25s, one query at a time (p50/p99) and bm25s batched (mean per query), with Docket's
  time divided by bm25s's, and how often Docket and bm25s pick the same top snippet;
* peak resident memory.

Then whole-process start-up (``bench/startup.py``): ``docket ask`` and ``docket --help`` beside
``python -c pass``. Then signed slash commands against the Slack HTTP app on 127.0.0.1
(``bench/slack_http.py``), in two loads: as many as the app takes with 32 in flight, and a
steady rate, timed to the acknowledgement and to the answer's arrival at ``response_url``.
"""

from __future__ import annotations

import argparse
import gc
import logging
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
from bench.startup import DOCKET, measure_startup, print_startup  # noqa: E402
from bot.answering.router import Router  # noqa: E402
from bot.app.commands import load_router  # noqa: E402
from bot.matching.search import Index, build_index, snippet_fields  # noqa: E402
from bot.pack.cache import CACHE_ENV  # noqa: E402
from bot.pack.loader import DEFAULT_PACK, load_pack  # noqa: E402

#: rank_bm25 scores every document in Python per query term; cap its question count on big packs.
BASELINE_BUDGET = 2_000_000
#: Snippets a search returns, for Docket and its peers alike.
TOP_K = 8


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(pct / 100 * (len(ordered) - 1))))]


def peak_rss_mb() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024


def measure(label: str, pack_dir: Path, count: int) -> dict[str, object]:
    gc.collect()
    start = time.perf_counter()
    pack = load_pack(pack_dir)
    router = Router(pack, index=build_index(pack))
    cold_ms = (time.perf_counter() - start) * 1000
    load_router(pack_dir)  # a full load again, which stores the compiled cache
    gc.collect()
    start = time.perf_counter()
    load_router(pack_dir)
    cached_ms = (time.perf_counter() - start) * 1000
    asked = questions(pack.snippets, count)
    router.prepare()
    latencies = []
    for question in asked:
        t0 = time.perf_counter()
        router.route(question)
        latencies.append((time.perf_counter() - t0) * 1000)
    row = {"pack": label, "snippets": len(pack.snippets), "cold_ms": cold_ms,
           "cached_ms": cached_ms, "p50_ms": percentile(latencies, 50),
           "p99_ms": percentile(latencies, 99), **stages(router, asked)}
    row.update(peers(router.index, asked))
    row["rss_mb"] = peak_rss_mb()
    return row


def stages(router: Router, asked: list[str]) -> dict[str, float]:
    """What the route's two own steps cost beside the search: reading the question (weights,
    vetoes, focus) and the gate's decision, each timed alone on the same questions."""
    index, gate, common = router.index, router.gate, router.settings.gate.common_unknown
    analyse_ms, gate_ms = [], []
    for question in asked:
        t0 = time.perf_counter()
        query = index.analyse(question, common_unknown=common)
        analyse_ms.append((time.perf_counter() - t0) * 1000)
        hits = index.search(query) if query.terms else []
        t0 = time.perf_counter()
        gate.decide(query, hits, index.exact.get(query.key))
        gate_ms.append((time.perf_counter() - t0) * 1000)
    return {"analyse_p99": percentile(analyse_ms, 99), "gate_p99": percentile(gate_ms, 99)}


def peers(index: Index, asked: list[str]) -> dict[str, object]:
    """The same questions, as the same terms, through Docket's search, BM25Okapi (the library
    a Python developer reaches for first) and bm25s (the fastest one in pure Python and numpy)."""
    import bm25s
    from rank_bm25 import BM25Okapi

    logging.getLogger("bm25s").setLevel(logging.ERROR)
    docs = index.snippets
    terms = index.vocabulary.terms
    corpus = [terms(" ".join(snippet_fields(d).values())) for d in docs]
    # Questions with no term any snippet has are left out: no ranking to time.
    known = {t for doc in corpus for t in doc}
    pairs = [(index.analyse(q), terms(q)) for q in asked]
    pairs = [(query, asked_terms) for query, asked_terms in pairs
             if any(t in known for t in asked_terms)]
    fast = bm25s.BM25(k1=1.2, b=0.5)
    fast.index(corpus, show_progress=False)
    okapi = BM25Okapi(corpus)
    ours, theirs, okapi_ms = [], [], []
    same = 0
    for query, asked_terms in pairs:
        t0 = time.perf_counter()
        hits = index.search(query, limit=TOP_K)
        ours.append((time.perf_counter() - t0) * 1000)
        t0 = time.perf_counter()
        found, _ = fast.retrieve([asked_terms], k=min(TOP_K, len(docs)), show_progress=False)
        theirs.append((time.perf_counter() - t0) * 1000)
        same += bool(hits) and hits[0].snippet is docs[int(found[0][0])]
    limit = max(20, min(len(pairs), BASELINE_BUDGET // max(1, len(docs))))
    for _, asked_terms in pairs[:limit]:
        t0 = time.perf_counter()
        okapi.get_scores(asked_terms).argmax()
        okapi_ms.append((time.perf_counter() - t0) * 1000)
    t0 = time.perf_counter()
    fast.retrieve([t for _, t in pairs], k=min(TOP_K, len(docs)), show_progress=False)
    batched = (time.perf_counter() - t0) * 1000 / len(pairs)
    return {"n": len(pairs), "okapi_n": limit,
            "search_p50": percentile(ours, 50), "search_p99": percentile(ours, 99),
            "bm25s_p50": percentile(theirs, 50), "bm25s_p99": percentile(theirs, 99),
            "bm25s_batched": batched,
            "okapi_p50": percentile(okapi_ms, 50), "okapi_p99": percentile(okapi_ms, 99),
            "same_top": 100 * same / max(1, len(pairs))}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--questions", type=int, default=1000)
    parser.add_argument("--slack-requests", type=int, default=3000,
                        help="signed slash commands to time against the Slack HTTP app (0 skips)")
    parser.add_argument("--slack-concurrency", type=int, default=32)
    parser.add_argument("--slack-rate", type=float, default=500,
                        help="requests per second of the steady Slack load")
    parser.add_argument("--startup-runs", type=int, default=15,
                        help="whole-process runs of each start-up command (0 skips)")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s]
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    with tempfile.TemporaryDirectory() as tmp:
        os.environ[CACHE_ENV] = str(Path(tmp) / "cache")
        rows = [measure("shipped", DEFAULT_PACK, args.questions)]
        packs = {}
        for size in sizes:
            t0 = time.perf_counter()
            packs[size] = generate(Path(tmp), size)
            print(f"generated {size} snippets in {time.perf_counter() - t0:.0f} s", flush=True)
            rows.append(measure("synthetic", packs[size], args.questions))
        print_packs(rows)
        if args.startup_runs > 0:
            extra = {}
            if 10_000 in packs:
                extra["docket ask, 10,000 snippets"] = [*DOCKET, "ask", "--pack",
                                                        str(packs[10_000]), "what is it"]
            print_startup(measure_startup(args.startup_runs, extra))
    if args.slack_requests > 0:
        print_slack([measure_slack(args.slack_requests, args.slack_concurrency),
                     measure_slack(args.slack_requests, args.slack_concurrency,
                                   rate=args.slack_rate)])
    return 0


def print_packs(rows: list[dict[str, object]]) -> None:
    print()
    print(f"{'pack':10s} {'snippets':>8s} {'load ms':>8s} {'cached':>7s} {'route p50':>9s} "
          f"{'p99':>6s} {'read p99':>8s} {'gate p99':>8s} {'peak MB':>7s}")
    for r in rows:
        print(f"{r['pack']:10s} {r['snippets']:8d} {r['cold_ms']:8.0f} {r['cached_ms']:7.0f} "
              f"{r['p50_ms']:9.2f} {r['p99_ms']:6.2f} {r['analyse_p99']:8.3f} "
              f"{r['gate_p99']:8.3f} {r['rss_mb']:7d}")
    print("load: parse, validate, index, router; cached: the same from the compiled pack cache; "
          "route: per question through the whole router; read: the question analysed alone; "
          "gate: the answer-or-refuse decision alone")
    print()
    print(f"{'ranking ms':10s} {'snippets':>8s} {'docket p50':>10s} {'p99':>6s} "
          f"{'bm25s p50':>9s} {'p99':>6s} {'batched':>7s} {'okapi p50':>9s} {'p99':>6s} "
          f"{'/bm25s p50':>10s} {'p99':>5s} {'same top':>8s}")
    for r in rows:
        print(f"{r['pack']:10s} {r['snippets']:8d} {r['search_p50']:10.3f} {r['search_p99']:6.3f} "
              f"{r['bm25s_p50']:9.3f} {r['bm25s_p99']:6.3f} {r['bm25s_batched']:7.3f} "
              f"{r['okapi_p50']:9.2f} {r['okapi_p99']:6.2f} "
              f"{r['search_p50'] / r['bm25s_p50']:10.2f} {r['search_p99'] / r['bm25s_p99']:5.2f} "
              f"{r['same_top']:7.0f}%")
    print("the same terms, top 8, one question at a time; bm25s 'batched': every question in "
          "one call, mean per question; '/bm25s': Docket's time divided by bm25s's (under 1 is "
          "faster); questions: " + ", ".join(f"{r['n']}" for r in rows)
          + "; okapi (BM25Okapi) on " + ", ".join(f"{r['okapi_n']}" for r in rows))


def print_slack(results: list[dict[str, object]]) -> None:
    """One row per load: acks per second and their latency, answers and their latency."""
    print()
    print(f"{'slack http':16s} {'requests':>8s} {'req/s':>6s} {'ack p50':>7s} {'p99':>6s} "
          f"{'answer p50':>10s} {'p99':>6s} {'errors':>6s} {'answers':>7s} "
          f"{'app cpu ms':>10s}")
    for r in results:
        load = (f"{r['concurrency']} in flight" if r["rate"] is None
                else f"steady {r['rate']:.0f}/s")
        errors = r["errors"]
        print(f"{load:16s} {r['requests']:8d} {r['rps']:6.0f} {r['p50_ms']:7.1f} "
              f"{r['p99_ms']:6.1f} {r['answer_p50_ms']:10.1f} {r['answer_p99_ms']:6.1f} "
              f"{sum(errors.values()):6d} {r['answers']:7d} {r['server_cpu_ms']:10.2f}")
        if errors:
            print("  errors (status or exception: count):",
                  ", ".join(f"{k}: {v}" for k, v in sorted(errors.items(), key=str)))
    print("ack: request sent (or due, at a steady rate) to the HTTP 200; answer: to its arrival "
          "at the fake response_url; app cpu ms per request, the app and the load generator "
          "in separate processes")


if __name__ == "__main__":
    raise SystemExit(main())
