"""docket run's operator endpoints: /healthz, /readyz (503 while the database is down, 200 once
it is back) and /metrics in the Prometheus text format, counting what the process did."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import socket
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from bot.app.config import load_config
from bot.app.runner import Endpoints, run_services
from fakes.slack_requests import SlackSender
from postgres import allow_connections

from .harness import SLACK_CHANNEL, Platforms, slack_posts
from .workers import wait_until


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get(port: int, path: str) -> tuple[int, str, str]:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=5) as reply:
            return reply.status, reply.headers.get("Content-Type", ""), reply.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Content-Type", ""), error.read().decode()
    except OSError:
        return 0, "", ""


def metric(text: str, name: str, **labels: str) -> float:
    """The value of one sample in the Prometheus text format (0 if absent)."""
    for line in text.splitlines():
        if line.startswith(name) and all(f'{k}="{v}"' in line for k, v in labels.items()):
            return float(line.rsplit(" ", 1)[1])
    return 0.0


def test_health_readiness_and_metrics(platforms: Platforms, tmp_path: Path,
                                      monkeypatch: pytest.MonkeyPatch,
                                      request: pytest.FixtureRequest) -> None:
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-run-token")
    monkeypatch.setenv("SLACK_SIGNING_SECRET", "run-secret")
    monkeypatch.delenv("DATABASE_URL", raising=False)
    slot = (dt.datetime.now(dt.timezone.utc) - dt.timedelta(minutes=20)).replace(
        second=0, microsecond=0)
    slack_port, port = free_port(), free_port()
    config = tmp_path / "config.yaml"
    config.write_text(
        f"database_url: {platforms.database_url}\n"
        f"monitoring:\n  port: {port}\n"
        f"slack:\n  mode: http\n  host: 127.0.0.1\n  port: {slack_port}\n"
        f"  api_url: {platforms.slack.base_url}\n"
        "digests:\n  schedule:\n    - name: morning\n"
        f"      cron: \"{slot.minute} {slot.hour} * * *\"\n"
        f"      destinations:\n        - slack: {SLACK_CHANNEL}\n")
    stop = asyncio.Event()
    running = asyncio.run_coroutine_threadsafe(
        run_services(load_config(config), endpoints=Endpoints(discord=platforms.discord.api_url),
                     stop=stop), platforms.loop.loop)
    try:
        wait_until(lambda: get(port, "/readyz")[0] == 200, what="readiness")
        status, kind, body = get(port, "/readyz")
        assert json.loads(body) == {"ok": True, "checks": {"pack": "ok", "database": "ok",
                                                           "slack": "ok"}}
        assert get(port, "/healthz")[:2] == (200, "application/json; charset=utf-8")
        wait_until(lambda: slack_posts(platforms), what="the due digest")
        sender = SlackSender(f"http://127.0.0.1:{slack_port}", platforms.slack,
                             secret="run-secret")
        sender.command("who gets the card")
        sender.command("who won the world cup")
        sender.command("topcis")
        platforms.slack.wait_for("response_url", 3)
        wait_until(lambda: metric(get(port, "/metrics")[2], "docket_digest_deliveries_total",
                                  outcome="posted") == 1, what="the delivery counted")
        status, kind, text = get(port, "/metrics")
        assert status == 200 and kind.startswith("text/plain")
        for outcome in ("answered", "refused", "rejected"):
            assert metric(text, "docket_questions_total", platform="slack", outcome=outcome) == 1
        assert metric(text, "docket_answer_seconds_count", platform="slack") == 3
        assert "# TYPE docket_answer_seconds histogram" in text

        if platforms.database_url.startswith("postgresql"):
            server = request.getfixturevalue("postgres_server")
            allow_connections(server, platforms.database_url, allowed=False)
            try:
                wait_until(lambda: get(port, "/readyz")[0] == 503, what="not ready")
                checks = json.loads(get(port, "/readyz")[2])["checks"]
                assert checks["database"].startswith("failed") and checks["slack"] == "ok"
                assert get(port, "/healthz")[0] == 200      # alive, only not ready
            finally:
                allow_connections(server, platforms.database_url, allowed=True)
            wait_until(lambda: get(port, "/readyz")[0] == 200, what="ready again")
    finally:
        platforms.loop.loop.call_soon_threadsafe(stop.set)
        assert running.result(timeout=20) == 0
