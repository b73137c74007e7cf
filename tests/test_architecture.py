"""The core stays platform-neutral: only bot/adapters imports Slack or Discord libraries."""

from __future__ import annotations

import ast
from pathlib import Path

BOT = Path(__file__).parent.parent / "bot"
PLATFORM_LIBS = ("slack_bolt", "slack_sdk", "discord")


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_only_adapters_import_platform_libraries() -> None:
    offenders = []
    for path in BOT.rglob("*.py"):
        if "adapters" in path.relative_to(BOT).parts:
            continue
        bad = _imports(path) & set(PLATFORM_LIBS)
        if bad:
            offenders.append(f"{path.relative_to(BOT)}: {sorted(bad)}")
    assert not offenders


def test_modules_stay_small() -> None:
    long = [f"{p.relative_to(BOT)}: {n}" for p in BOT.rglob("*.py")
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > 400]
    assert not long
