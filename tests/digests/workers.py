"""Starting scheduler processes (``worker.py``, or ``docket run`` itself) against the fakes."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from fakes.discord_api import GOOD_TOKEN

from .harness import DISCORD_CHANNEL, SLACK_CHANNEL, SLACK_TOKEN, Platforms

WORKER = Path(__file__).with_name("worker.py")
BOTH = [["slack", SLACK_CHANNEL], ["discord", DISCORD_CHANNEL]]


def start_worker(platforms: Platforms, owner: str, ticks: list[dt.datetime], *,
                 when: str = "daily 09:00", destinations: list[list[str]] | None = None,
                 lease: float = 120, run: float | None = None) -> subprocess.Popen[str]:
    """A worker process, built and waiting (it has printed ``ready``); ``release`` starts it."""
    job = {"database_url": platforms.database_url, "owner": owner, "lease": lease,
           "slack_api": platforms.slack.base_url, "discord_api": platforms.discord.api_url,
           "slack_token": SLACK_TOKEN, "discord_token": GOOD_TOKEN,
           "ticks": [t.isoformat() for t in ticks], "run": run,
           "digests": [{"name": "morning", "when": when, "destinations": destinations or BOTH}]}
    process = subprocess.Popen([sys.executable, str(WORKER), json.dumps(job)],
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    line = process.stdout.readline()
    assert line.strip() == "ready", f"worker did not start: {line!r}"
    return process


def release(*processes: subprocess.Popen[str]) -> None:
    for process in processes:
        process.stdin.write("go\n")
        process.stdin.flush()


def finish(process: subprocess.Popen[str], timeout: float = 60) -> None:
    out, _ = process.communicate(timeout=timeout)
    assert process.returncode == 0 and out.strip().endswith("done"), out


def wait_until(condition: Any, timeout: float = 15.0, what: str = "condition") -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.02)


def docket_run(config: Path, env: dict[str, str]) -> subprocess.Popen[str]:
    """The real ``docket run`` command, as an operator starts it."""
    return subprocess.Popen([sys.executable, "-m", "bot", "-v", "run", "--config", str(config)],
                            env={**os.environ, **env}, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True,
                            cwd=Path(__file__).resolve().parents[2])
