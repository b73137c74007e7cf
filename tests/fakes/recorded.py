"""Payloads as Slack and Discord document them (``payloads/``, sources in its README), loaded
fresh for each use so a test can change what it needs without touching another's copy."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

PAYLOADS = Path(__file__).parent / "payloads"


def recorded(name: str) -> dict[str, Any]:
    """``recorded("slack_app_mention_grid")``: a new copy of ``payloads/<name>.json``."""
    return json.loads((PAYLOADS / f"{name}.json").read_text(encoding="utf-8"))
