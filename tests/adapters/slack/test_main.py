"""``docket slack --config FILE`` as an operator runs it: a real process, talking to the fake
Slack on 127.0.0.1, serving HTTP mode; and the one line it prints when it cannot start."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from fakes.slack_api import FakeSlackApi

ROOT = Path(__file__).resolve().parents[3]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def docket_slack(config: Path, **env: str) -> subprocess.Popen[bytes]:
    environ = {**os.environ, "SLACK_BOT_TOKEN": "xoxb-not-real", "SLACK_SIGNING_SECRET": "s3cret",
               **env}
    environ.pop("SLACK_CLIENT_ID", None)
    return subprocess.Popen([sys.executable, "-m", "bot", "slack", "--config", str(config)],
                            cwd=ROOT, env=environ, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def test_docket_slack_serves_health_and_rejects_unsigned_events(tmp_path: Path,
                                                                fake: FakeSlackApi) -> None:
    port = free_port()
    config = tmp_path / "config.yaml"
    config.write_text(f"slack:\n  mode: http\n  host: 127.0.0.1\n  port: {port}\n"
                      f"  api_url: {fake.base_url}\n")
    process = docket_slack(config)
    try:
        deadline, health = time.monotonic() + 20, None
        while time.monotonic() < deadline and process.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as r:
                    health = r.status
                    break
            except OSError:
                time.sleep(0.1)
        assert health == 200, process.stderr.read().decode() if process.poll() is not None else ""
        [checked] = fake.calls_to("auth.test")
        assert checked.token == "xoxb-not-real"
        unsigned = urllib.request.Request(f"http://127.0.0.1:{port}/slack/events", data=b"{}",
                                          headers={"Content-Type": "application/json"})
        try:
            urllib.request.urlopen(unsigned, timeout=5)
            status = 200
        except urllib.error.HTTPError as error:
            status = error.code
        assert status == 401
    finally:
        process.terminate()
        process.wait(10)


def test_a_rejected_token_or_an_unreachable_slack_is_one_line(tmp_path: Path,
                                                              fake: FakeSlackApi) -> None:
    config = tmp_path / "config.yaml"
    fake.fail("auth.test", "invalid_auth")
    config.write_text(f"slack:\n  mode: http\n  port: {free_port()}\n  api_url: {fake.base_url}\n")
    rejected = docket_slack(config)
    out, err = rejected.communicate(timeout=30)
    assert rejected.returncode == 1
    assert err.decode().splitlines() == [
        "error: Slack rejected SLACK_BOT_TOKEN (invalid_auth); copy it again from the app's "
        "settings page"]

    config.write_text("slack:\n  mode: socket\n"
                      f"  api_url: http://127.0.0.1:{free_port()}/api/\n")
    unreachable = docket_slack(config, SLACK_APP_TOKEN="xapp-not-real")
    out, err = unreachable.communicate(timeout=30)
    assert unreachable.returncode == 1
    [line] = err.decode().splitlines()
    assert line.startswith("error: cannot reach Slack at http://127.0.0.1:")
