"""Whole-process start-up: ``docket ask "what is it"`` and ``docket --help`` beside
``python -c pass``, each run as a fresh interpreter, median of several runs.

The interpreter's own start is what no change to Docket can remove, so each figure is reported
as a time and as a ratio to it; the difference is Docket's imports, pack loading and the answer.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: The installed ``docket`` script, as people run it; ``python -m bot`` where it is not installed.
DOCKET = [shutil.which("docket")] if shutil.which("docket") else [sys.executable, "-m", "bot"]
COMMANDS = {
    "python -c pass": [sys.executable, "-c", "pass"],
    "docket --help": [*DOCKET, "--help"],
    'docket ask "what is it"': [*DOCKET, "ask", "what is it"],
}


def time_command(argv: list[str], runs: int) -> list[float]:
    """Wall-clock seconds of each run (one untimed run first, to warm the file cache)."""
    subprocess.run(argv, cwd=ROOT, capture_output=True, check=True)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(argv, cwd=ROOT, capture_output=True, check=True)
        times.append(time.perf_counter() - start)
    return times


def measure_startup(runs: int = 15, extra: dict[str, list[str]] | None = None,
                    ) -> dict[str, float]:
    """Median milliseconds per command, the commands interleaved so load drifts evenly.
    ``extra``: more commands to time beside them (a bigger pack, say)."""
    commands = {**COMMANDS, **(extra or {})}
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, argv in commands.items():
            times[name] += time_command(argv, 1)
    return {name: statistics.median(values) * 1000 for name, values in times.items()}


def print_startup(medians: dict[str, float]) -> None:
    base = medians["python -c pass"]
    print()
    print(f"{'whole process':28s} {'median ms':>9s} {'x python':>8s} {'over python ms':>14s}")
    for name, ms in medians.items():
        print(f"{name:28s} {ms:9.0f} {ms / base:8.1f} {ms - base:14.0f}")
    print("docket ask reads its pack from the compiled pack cache (built by the untimed first run)")


if __name__ == "__main__":
    print_startup(measure_startup())
