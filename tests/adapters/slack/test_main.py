"""``docket slack --config FILE`` as an operator runs it: a real process serving HTTP mode."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_docket_slack_serves_health_and_rejects_unsigned_events(tmp_path: Path) -> None:
    port = free_port()
    config = tmp_path / "config.yaml"
    config.write_text(f"slack:\n  mode: http\n  host: 127.0.0.1\n  port: {port}\n")
    env = {**os.environ, "SLACK_BOT_TOKEN": "xoxb-not-real", "SLACK_SIGNING_SECRET": "s3cret"}
    env.pop("SLACK_CLIENT_ID", None)
    process = subprocess.Popen([sys.executable, "-m", "bot", "slack", "--config", str(config)],
                               cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
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
