"""Signed slash commands against the real Slack HTTP app on 127.0.0.1: acks per second and answers delivered.

The app (``build_app`` + ``start_http``, one workspace, a bot token) runs alone
in its own process, so the figure is the app's and not the load generator's.
The load generator and the fake Slack Web API share the other core: together
they play Slack, which both sends the commands and receives the answers posted
to ``response_url``. Each request is signed as it is sent, with the current
timestamp, so a long run never trips the app's five-minute replay check.
Nothing is sent anywhere but 127.0.0.1.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import sys
import time
import traceback
from collections import Counter
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
# The fake Slack Web API is the one the tests use (tests/fakes/slack_api.py).
if str(ROOT / "tests") not in sys.path:
    sys.path.append(str(ROOT / "tests"))

SIGNING_SECRET = "bench-signing-secret"
BOT_TOKEN = "xoxb-bench-token"
#: How long to wait for answers still on their way after the last ack.
STRAGGLER_SECONDS = 10.0


def measure_slack(count: int, concurrency: int = 32, warmup: int = 300,
                  rate: float | None = None) -> dict[str, Any]:
    """Run ``count`` signed ``/docket`` commands (after ``warmup`` untimed ones); returns the figures.

    Without ``rate``: ``concurrency`` requests always in flight, each sent as the last one's
    acknowledgement arrives: the most the app can take (requests per second). With ``rate``:
    requests sent at that steady rate whatever the app does (an open loop), each timed from
    when it was due, so a slow app cannot slow the clock that times it: the latency people
    see at that load. Either way each answer is timed from its request to its arrival at the
    fake ``response_url``.

    Questions are the shipped pack's curated paraphrases, fragments and typos of
    them, and off-topic ones (``bench.generate.questions``), so the router does
    the same mix of work as in the latency table.
    """
    from bench.generate import questions
    from bot.pack.loader import DEFAULT_PACK, load_pack

    texts = questions(load_pack(DEFAULT_PACK).snippets, 1000)
    ctx = multiprocessing.get_context("spawn")        # fresh interpreters: no state from the parent
    client_conn, client_end = ctx.Pipe()
    server_conn, server_end = ctx.Pipe()
    client = ctx.Process(target=_drive,
                         args=(client_end, texts, count, concurrency, warmup, rate), daemon=True)
    client.start()
    server = None
    try:
        api_url = _receive(client_conn, client, 60)
        server = ctx.Process(target=_serve, args=(server_end, api_url), daemon=True)
        server.start()
        client_conn.send(_receive(server_conn, server, 60))
        result = _receive(client_conn, client, 600)
        server_conn.send("stop")
        cpu = _receive(server_conn, server, 30)
        # CPU per request, warm-up included: what the app spends to ack and answer one command.
        result["server_cpu_ms"] = 1000 * cpu / (count + warmup)
        return result
    finally:
        if server is not None:
            server.join(10)
        client.join(10)
        for process in (client, server):
            if process is not None and process.is_alive():
                process.terminate()


def _receive(conn: Connection, process: Any, timeout: float) -> Any:
    """The next message from a child, or its traceback as an error if it failed or went quiet."""
    deadline = time.monotonic() + timeout
    while not conn.poll(0.2):
        if not process.is_alive() or time.monotonic() > deadline:
            raise RuntimeError(f"{process.name} stopped or timed out (exit code {process.exitcode})")
    message = conn.recv()
    if isinstance(message, dict) and "failed" in message:
        raise RuntimeError(message["failed"])
    return message


def _serve(conn: Connection, api_url: str) -> None:
    """The server process: the app as production runs it in HTTP mode, until told to stop."""
    try:
        asyncio.run(_serve_async(conn, api_url))
    except Exception:
        conn.send({"failed": traceback.format_exc()})


async def _serve_async(conn: Connection, api_url: str) -> None:
    from bot.adapters.slack.app import build_app
    from bot.adapters.slack.server import start_http
    from bot.adapters.slack.settings import SlackSecrets, SlackSettings
    from bot.app.commands import build_router
    from bot.pack.loader import DEFAULT_PACK, load_pack

    router = build_router(load_pack(DEFAULT_PACK))
    router.prepare()                                  # as docket run does
    settings = SlackSettings(mode="http", api_url=api_url)
    secrets = SlackSecrets.of(signing_secret=SIGNING_SECRET, bot_token=BOT_TOKEN)
    runner = await start_http(build_app(settings, secrets, router), "127.0.0.1", 0)
    try:
        conn.send(runner.addresses[0][1])
        cpu = time.process_time()
        await asyncio.get_running_loop().run_in_executor(None, conn.recv)
        conn.send(time.process_time() - cpu)
    finally:
        await runner.cleanup()


def _drive(conn: Connection, texts: list[str], count: int, concurrency: int,
           warmup: int, rate: float | None) -> None:
    """The client process: fake Slack Web API, warm-up, the timed batch, then the answers."""
    try:
        cpu = time.process_time()
        result = asyncio.run(_drive_async(conn, texts, count, concurrency, warmup, rate))
        result["client_cpu_ms"] = 1000 * (time.process_time() - cpu) / (count + warmup)
        conn.send(result)
    except Exception:
        conn.send({"failed": traceback.format_exc()})


async def _drive_async(conn: Connection, texts: list[str], count: int, concurrency: int,
                       warmup: int, rate: float | None) -> dict[str, Any]:
    import aiohttp
    from fakes.slack_api import FakeSlackApi

    fake = FakeSlackApi()
    await fake.start()
    try:
        conn.send(fake.base_url)
        port = await asyncio.get_running_loop().run_in_executor(None, conn.recv)
        url = f"http://127.0.0.1:{port}/slack/events"
        assert url.startswith("http://127.0.0.1:") and fake.base_url.startswith("http://127.0.0.1:")
        connector = aiohttp.TCPConnector(limit=concurrency if rate is None else 0)
        async with aiohttp.ClientSession(connector=connector,
                                         timeout=aiohttp.ClientTimeout(total=30)) as session:
            sender = _Sender(session, url)
            await sender.closed_loop(_bodies(texts, warmup, fake.response_url("warmup-")),
                                     concurrency)
            sender = _Sender(session, url)
            requests = _bodies(texts, count, fake.response_url("bench-"))
            start = time.perf_counter()
            if rate is None:
                elapsed = await sender.closed_loop(requests, concurrency)
            else:
                elapsed = await sender.paced(requests, rate)
        delivered, last = await _answers(fake, count)
        answered = sorted((call.at - sender.sent[int(call.path.rsplit("-", 1)[1])]) * 1000
                          for call in fake.calls_to("response_url")
                          if call.path.startswith("/response/bench-"))
    finally:
        await fake.stop()
    acked = sorted(sender.latencies)
    return {"requests": count, "concurrency": concurrency, "rate": rate,
            "rps": count / elapsed, "p50_ms": _pct(acked, 50), "p99_ms": _pct(acked, 99),
            "answer_p50_ms": _pct(answered, 50), "answer_p99_ms": _pct(answered, 99),
            "errors": dict(sender.errors), "answers": delivered,
            "answers_per_s": delivered / max(last - start, 1e-9) if delivered else 0.0}


def _bodies(texts: list[str], count: int, response_url: str) -> list[str]:
    """Slash-command form bodies as Slack sends them, built before the clock starts; each has a
    response URL of its own (``response_url`` + its number), to time its answer."""
    return [urlencode({
        "token": "legacy", "team_id": "T1", "team_domain": "fake", "channel_id": "C1",
        "channel_name": "general", "user_id": f"U{i % 50}", "user_name": "asker",
        "command": "/docket", "text": texts[i % len(texts)], "api_app_id": "A1",
        "is_enterprise_install": "false", "response_url": f"{response_url}{i}",
        "trigger_id": f"{i}.2.3"}) for i in range(count)]


class _Sender:
    """Sends signed commands; ``latencies`` are times to the acknowledgement's body, ``sent``
    when each request was sent (closed loop) or due (paced), by its number."""

    def __init__(self, session: Any, url: str):
        from slack_sdk.signature import SignatureVerifier

        self.session, self.url = session, url
        self.verifier = SignatureVerifier(SIGNING_SECRET)
        self.latencies: list[float] = []
        self.errors: Counter = Counter()
        self.sent: dict[int, float] = {}

    async def send(self, number: int, body: str, due: float | None = None) -> None:
        import aiohttp

        ts = str(int(time.time()))
        headers = {"Content-Type": "application/x-www-form-urlencoded",
                   "X-Slack-Request-Timestamp": ts,
                   "X-Slack-Signature": self.verifier.generate_signature(timestamp=ts, body=body)}
        t0 = self.sent[number] = due if due is not None else time.perf_counter()
        try:
            async with self.session.post(self.url, data=body.encode(), headers=headers) as reply:
                await reply.read()
                status: int | str = reply.status
        except (aiohttp.ClientError, asyncio.TimeoutError) as error:
            status = type(error).__name__
        self.latencies.append((time.perf_counter() - t0) * 1000)
        if status != 200:
            self.errors[status] += 1

    async def closed_loop(self, bodies: list[str], concurrency: int) -> float:
        """``concurrency`` workers share one queue of requests; returns the seconds taken."""
        pending = iter(enumerate(bodies))

        async def worker() -> None:
            for number, body in pending:
                await self.send(number, body)

        start = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        return time.perf_counter() - start

    async def paced(self, bodies: list[str], rate: float) -> float:
        """Each request sent when it is due, ``1 / rate`` seconds apart; returns the seconds
        until the last acknowledgement."""
        start = time.perf_counter()
        tasks = []
        for number, body in enumerate(bodies):
            due = start + number / rate
            if due > time.perf_counter():
                await asyncio.sleep(due - time.perf_counter())
            tasks.append(asyncio.create_task(self.send(number, body, due)))
        await asyncio.gather(*tasks)
        return time.perf_counter() - start


async def _answers(fake: Any, expected: int) -> tuple[int, float]:
    """How many answers reached ``response_url``, and when the last one came; waits for stragglers."""
    seen, last = -1, time.perf_counter()
    deadline = last + STRAGGLER_SECONDS
    while time.perf_counter() < deadline:
        now = sum(1 for c in fake.calls_to("response_url") if c.path.startswith("/response/bench-"))
        if now != seen:
            seen, last = now, time.perf_counter()
        if seen >= expected:
            break
        await asyncio.sleep(0.01)
    return seen, last


def _pct(ordered: list[float], pct: float) -> float:
    return ordered[min(len(ordered) - 1, int(round(pct / 100 * (len(ordered) - 1))))] if ordered else 0.0
