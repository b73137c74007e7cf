"""Only ``bot/adapters/`` may import Slack libraries; the renderer and the core stay platform-free."""

from __future__ import annotations

import ast
from pathlib import Path

BOT = Path(__file__).resolve().parents[3] / "bot"


def test_only_adapters_import_slack_libraries() -> None:
    offenders = []
    for path in BOT.rglob("*.py"):
        if "adapters" in path.relative_to(BOT).parts:
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                     else [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            offenders += [f"{path.name}: {n}" for n in names
                          if n.split(".")[0] in ("slack_bolt", "slack_sdk")]
    assert offenders == []
