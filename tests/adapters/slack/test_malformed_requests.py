"""Malformed requests to the events URL get 401 (not signed by Slack) or 400 (signed, but not
a request Slack would mean), never 500, each with one WARNING line and no traceback; and with
``-v`` no body, response URL, token or signature reaches the log at any level."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlencode

import pytest

from fakes.malformed import BODY_MARKER, RESPONSE_URL_SECRET, corpus, send, signed
from fakes.slack_api import FakeSlackApi
from fakes.slack_requests import SIGNING_SECRET

from .test_main import free_port

ROOT = Path(__file__).resolve().parents[3]
BOT_TOKEN = "xoxb-1234-5678-abcdefghijklmnop"


def test_the_corpus_is_the_named_cases_and_fifty_more() -> None:
    names = [case.name for case in corpus()]
    assert len(names) == len(set(names)) and len(names) >= 58, len(names)
    for named in ("timestamp abc", "json array", "json null", "truncated json", "invalid utf-8",
                  "timestamp 1e9", "timestamp nan", "200,000 deep"):
        assert named in names


@pytest.fixture()
def verbose_app(tmp_path: Path, fake: FakeSlackApi):
    """``docket -v slack`` in HTTP mode, as an operator debugging it would run it."""
    port = free_port()
    config = tmp_path / "config.yaml"
    config.write_text(f"slack:\n  mode: http\n  host: 127.0.0.1\n  port: {port}\n"
                      f"  api_url: {fake.base_url}\n")
    env = {**os.environ, "SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_SIGNING_SECRET": SIGNING_SECRET,
           "DOCKET_CACHE_DIR": "off"}
    env.pop("SLACK_CLIENT_ID", None)
    process = subprocess.Popen([sys.executable, "-m", "bot", "-v", "slack", "--config",
                                str(config)], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 30
        while True:
            assert process.poll() is None, process.stderr.read().decode()[-2000:]
            assert time.monotonic() < deadline, "the app did not start"
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2):
                    break
            except OSError:
                time.sleep(0.1)
        yield port, process
    finally:
        if process.poll() is None:
            process.terminate()
            process.wait(10)


def test_every_malformed_request_is_turned_away_with_one_warning_and_nothing_leaks(
        verbose_app, fake: FakeSlackApi) -> None:
    port, process = verbose_app
    cases = corpus()
    statuses = {case.name: send("127.0.0.1", port, "/slack/events", case) for case in cases}
    assert {name: status for name, status in statuses.items()
            if status not in next(c.expect for c in cases if c.name == name)} == {}
    # A real command still works, and its response URL carries a secret the log must not show.
    response_url = fake.response_url(RESPONSE_URL_SECRET.replace("/", "-"))
    form = urlencode({"command": "/docket", "text": f"who gets the card {BODY_MARKER}",
                      "team_id": "T1", "user_id": "U1", "channel_id": "C1",
                      "channel_name": "general", "response_url": response_url,
                      "trigger_id": "1.2.3", "api_app_id": "A1"}).encode()
    good = signed("good", form, "application/x-www-form-urlencoded")
    assert send("127.0.0.1", port, "/slack/events", good) == 200
    fake.wait_for("response_url")
    process.terminate()
    process.wait(10)
    log = process.stderr.read().decode("utf-8", "replace")
    warnings = [line for line in log.splitlines()
                if line.startswith("WARNING bot.adapters.slack.incoming")]
    assert len(warnings) == len(cases), "\n".join(warnings)
    assert "Traceback" not in log and "ERROR" not in log, log[-3000:]
    for secret in (BODY_MARKER, RESPONSE_URL_SECRET.split("/")[-1], BOT_TOKEN, SIGNING_SECRET,
                   good.headers["X-Slack-Signature"], "v0="):
        assert secret not in log, secret
    assert max(map(len, log.splitlines())) < 1000
