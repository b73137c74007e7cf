"""Soak: docket run under steady load with faults injected, for a bounded time; prints what held.

    python bench/soak.py [--seconds 600] [--rate 20]

``docket run`` (in a process of its own) serves Slack over HTTP, is connected to the fake
Discord gateway, and runs the scheduler with a digest due every minute to four destinations
(a Slack channel and a Discord channel through the bots, and a webhook on each), on a
throwaway PostgreSQL server. This process plays Slack and Discord (``tests/fakes``) and sends
signed ``/docket`` commands at a steady rate. Along the way it injects: 429s and 5xx answers
on both platforms' post endpoints and both webhooks, a dropped connection after Slack took a
post, and a restart of the database. At the end it prints the requests answered, errors,
each destination's slots posted once / twice / not at all, unhandled errors in the app's
log, and the app's resident memory and open file descriptors after warm-up and at the end.
Nothing is sent anywhere but 127.0.0.1.
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

SIGNING_SECRET = "soak-signing-secret"
SLACK_CHANNEL, DISCORD_CHANNEL = "C0123456789", "123456789012345678"


def app_main(config: str, discord_api: str, gateway: str) -> None:
    """The app process: discord.py pointed at the fake, then ``docket run`` as the CLI runs it."""
    import discord.gateway
    import discord.http
    import yarl

    from bot.app.cli import setup_logging
    from bot.app.config import load_config
    from bot.app.runner import Endpoints, run_services

    discord.http.Route.BASE = discord_api
    discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(gateway)
    setup_logging(False)
    raise SystemExit(asyncio.run(run_services(load_config(config),
                                              endpoints=Endpoints(discord=discord_api))))


def usage(pid: int) -> tuple[int, int]:
    """Resident memory (kB) and open file descriptors of a process."""
    status = Path(f"/proc/{pid}/status").read_text()
    rss = int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmRSS")))
    return rss, len(os.listdir(f"/proc/{pid}/fd"))


async def load(port: int, fake, seconds: float, rate: float, texts: list[str],
               stats: collections.Counter) -> None:
    """Signed slash commands at ``rate`` a second, each with a response URL of its own."""
    import aiohttp
    from slack_sdk.signature import SignatureVerifier

    verifier = SignatureVerifier(SIGNING_SECRET)
    url = f"http://127.0.0.1:{port}/slack/events"
    start = time.perf_counter()
    tasks = []
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=10)) as session:
        async def one(number: int) -> None:
            body = urlencode({"command": "/docket", "text": texts[number % len(texts)],
                              "team_id": "T1", "user_id": f"U{number % 200}",
                              "channel_id": f"C{number % 50}", "channel_name": "general",
                              "response_url": fake.response_url(f"soak-{number}"),
                              "trigger_id": f"{number}.1", "api_app_id": "A1"})
            ts = str(int(time.time()))
            headers = {"Content-Type": "application/x-www-form-urlencoded",
                       "X-Slack-Request-Timestamp": ts,
                       "X-Slack-Signature": verifier.generate_signature(timestamp=ts, body=body)}
            try:
                async with session.post(url, data=body, headers=headers) as reply:
                    await reply.read()
                    stats["acked" if reply.status == 200 else f"HTTP {reply.status}"] += 1
            except (aiohttp.ClientError, asyncio.TimeoutError) as error:
                stats[type(error).__name__] += 1
            stats["sent"] += 1

        number = 0
        while time.perf_counter() - start < seconds:
            due = start + number / rate
            if due > time.perf_counter():
                await asyncio.sleep(due - time.perf_counter())
            tasks.append(asyncio.create_task(one(number)))
            number += 1
        await asyncio.gather(*tasks)


def faults(slack, discord, server, seconds: float, log: list[str]) -> list[tuple[float, object]]:
    """When each fault is injected, as (seconds from the start, action)."""
    from fakes.discord_api import HttpFailure as DiscordFailure
    from fakes.slack_api import HttpFailure as SlackFailure

    def platform_errors() -> None:
        slack.fail_http("chat.postMessage", SlackFailure(429, retry_after="1"), SlackFailure(500))
        slack.fail_http("webhook", SlackFailure(503))
        discord.fail_http(f"/channels/{DISCORD_CHANNEL}/messages", DiscordFailure(500),
                          DiscordFailure(429, retry_after="1"))
        discord.fail_http("/webhooks/", DiscordFailure(502))
        log.append("429s and 5xx on every post endpoint")

    def dropped() -> None:
        slack.stall("chat.postMessage", "drop")
        log.append("a dropped connection after Slack took a post")

    def restart() -> None:
        started = time.perf_counter()
        server.restart()
        log.append(f"database restarted ({time.perf_counter() - started:.1f} s)")

    plan: list[tuple[float, object]] = [(t, platform_errors) for t in range(40, int(seconds), 90)]
    plan += [(seconds * 0.35, dropped), (seconds * 0.55, restart)]
    return sorted(plan, key=lambda item: item[0])


def exactly_once(slack, discord, ledger_rows: list[tuple[str, str]]) -> dict[str, tuple[int, int, int]]:
    """Per destination: (slots posted, slots posted more than once, slots the ledger says
    posted but the platform never got)."""
    bot_slack = collections.Counter(m["metadata"]["event_payload"]["key"]
                                    for m in slack.posted(SLACK_CHANNEL) if m.get("metadata"))
    bot_discord = collections.Counter(m["embeds"][0]["footer"]["text"].rsplit("ref ", 1)[1]
                                      for m in discord.posted(DISCORD_CHANNEL))
    posted = collections.Counter(destination for destination, status in ledger_rows
                                 if status == "posted")
    slack_hook = len(slack.posted("/services/T1/B1/soak"))
    discord_hook = len(discord.posted("webhook"))
    return {
        "slack (bot)": (len(bot_slack), sum(c > 1 for c in bot_slack.values()),
                        max(0, posted[f"slack:{SLACK_CHANNEL}"] - len(bot_slack))),
        "discord (bot)": (len(bot_discord), sum(c > 1 for c in bot_discord.values()),
                          max(0, posted[f"discord:{DISCORD_CHANNEL}"] - len(bot_discord))),
        "slack webhook": (slack_hook, max(0, slack_hook - posted["slack_webhook:SOAK_SLACK_HOOK"]),
                          max(0, posted["slack_webhook:SOAK_SLACK_HOOK"] - slack_hook)),
        "discord webhook": (discord_hook,
                            max(0, discord_hook - posted["discord_webhook:SOAK_DISCORD_HOOK"]),
                            max(0, posted["discord_webhook:SOAK_DISCORD_HOOK"] - discord_hook)),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=600)
    parser.add_argument("--rate", type=float, default=20, help="slash commands a second")
    args = parser.parse_args()
    if args.seconds < 120:
        parser.error("--seconds must be at least 120: digests are due once a minute")

    import sqlalchemy

    from bench.generate import questions
    from fakes.discord_api import GOOD_TOKEN, FakeDiscord
    from fakes.loop import LoopThread
    from fakes.slack_api import FakeSlackApi
    from postgres import find_binaries, fresh_database, start_throwaway

    binaries = find_binaries()
    if binaries is None:
        print("soak: needs PostgreSQL binaries (apt-get install postgresql)", file=sys.stderr)
        return 1
    server = start_throwaway(binaries)
    loop = LoopThread()
    slack, discord = FakeSlackApi(), FakeDiscord(patch_library=False)
    loop.run(slack.start())
    loop.run(discord.start())
    work = Path(tempfile.mkdtemp(prefix="docket-soak-"))
    print(f"soak: working in {work}", file=sys.stderr)
    app = None
    try:
        database = fresh_database(server.url)
        port = _free_port()
        config = work / "config.yaml"
        config.write_text(
            f"database_url: {database}\nlimits:\n  questions_per_user: 1000\n"
            "  questions_per_channel: 1000\n"
            f"slack:\n  mode: http\n  host: 127.0.0.1\n  port: {port}\n"
            f"  api_url: {slack.base_url}\n"
            "discord:\n  sync: global\n"
            "digests:\n  grace: 2h\n  lease: 1m\n  allow_private_webhooks: true\n  schedule:\n"
            "    - name: minutely\n      cron: \"* * * * *\"\n      destinations:\n"
            f"        - slack: {SLACK_CHANNEL}\n        - discord: \"{DISCORD_CHANNEL}\"\n"
            "        - slack_webhook: SOAK_SLACK_HOOK\n"
            "        - discord_webhook: SOAK_DISCORD_HOOK\n")
        env = {**os.environ, "SLACK_BOT_TOKEN": "xoxb-soak", "SLACK_SIGNING_SECRET": SIGNING_SECRET,
               "DISCORD_TOKEN": GOOD_TOKEN, "DOCKET_CACHE_DIR": str(work / "cache"),
               "SOAK_SLACK_HOOK": slack.webhook_url("T1/B1/soak"),
               "SOAK_DISCORD_HOOK": discord.webhook_url("soak")}
        log_file = open(work / "app.log", "w+b")
        app = subprocess.Popen([sys.executable, __file__, "--app", str(config), discord.api_url,
                                discord.gateway_url], env=env, stderr=log_file, cwd=ROOT)
        wait_for_port(port, app)
        print(f"soak: {args.seconds:.0f} s at {args.rate:.0f} commands/s; app pid {app.pid}",
              flush=True)
        texts = questions(_pack().snippets, 500)
        stats: collections.Counter = collections.Counter()
        injected: list[str] = []
        plan = faults(slack, discord, server, args.seconds, injected)
        started = time.monotonic()
        loading = asyncio.run_coroutine_threadsafe(
            load(port, slack, args.seconds, args.rate, texts, stats), loop.loop)
        warm = None
        while not loading.done():
            now = time.monotonic() - started
            while plan and plan[0][0] <= now:
                plan.pop(0)[1]()
            if warm is None and now >= min(60.0, args.seconds * 0.2):
                warm = usage(app.pid)
            time.sleep(0.2)
        loading.result()
        time.sleep(8)                                   # answers and posts still on their way
        end = usage(app.pid)
        answers = len([c for c in slack.calls_to("response_url")
                       if c.path.startswith("/response/soak-")])
        app.terminate()
        app.wait(30)
        log_file.seek(0)
        log = log_file.read().decode("utf-8", "replace")
        engine = sqlalchemy.create_engine(database.replace("postgresql://", "postgresql+psycopg://", 1)
                                          if database.startswith("postgresql://") else database)
        with engine.connect() as conn:
            rows = [(r[0], r[1]) for r in conn.execute(sqlalchemy.text(
                "select destination, status from docket_digest_deliveries"))]
        engine.dispose()
        report(args, stats, answers, injected, exactly_once(slack, discord, rows), rows, log,
               warm or end, end)
    finally:
        if app is not None and app.poll() is None:
            app.kill()
        loop.run(slack.stop())
        loop.run(discord.stop())
        server.stop()
    return 0


def report(args, stats, answers, injected, once, rows, log, warm, end) -> None:
    unhandled = log.count("Traceback") + log.count("unexpected error")
    statuses = collections.Counter(status for _, status in rows)
    print(f"requests sent {stats['sent']}, acknowledged {stats['acked']}, answered {answers}, "
          f"errors {stats['sent'] - stats['acked']} "
          f"({', '.join(f'{k}: {v}' for k, v in stats.items() if k not in ('sent', 'acked')) or 'none'})")
    print("faults injected:", "; ".join(dict.fromkeys(injected)) or "none")
    print("ledger:", ", ".join(f"{k} {v}" for k, v in sorted(statuses.items())))
    print(f"{'destination':16s} {'slots posted':>12s} {'twice':>6s} {'lost':>5s}")
    for name, (posted, twice, lost) in once.items():
        print(f"{name:16s} {posted:12d} {twice:6d} {lost:5d}")
    print(f"unhandled errors in the app's log: {unhandled}; ERROR lines: {log.count('ERROR ')}")
    growth = 100 * (end[0] - warm[0]) / warm[0]
    print(f"app RSS after warm-up {warm[0] / 1024:.1f} MB, at the end {end[0] / 1024:.1f} MB "
          f"({growth:+.1f}%); open file descriptors {warm[1]} -> {end[1]}")


def wait_for_port(port: int, app: subprocess.Popen) -> None:
    import urllib.request

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if app.poll() is not None:
            raise SystemExit(f"soak: the app stopped (exit {app.returncode})")
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1)
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("soak: the app did not start")


def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _pack():
    from bot.pack.loader import load_pack

    return load_pack()


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "--app":
        app_main(*sys.argv[2:])
    raise SystemExit(main())
