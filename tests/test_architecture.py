"""The layout keeps its promises: data flows one way through packages named for each step, no
module imports itself back round a circle, the platform libraries stay in their adapters, and
answering a question loads neither them nor the database or the scheduler."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
BOT = ROOT / "bot"
PLATFORM_LIBS = ("slack_bolt", "slack_sdk", "discord")
#: What answering a question must never load: platforms, HTTP, the database, the scheduler.
HEAVY = ("slack_bolt", "slack_sdk", "discord", "sqlalchemy", "aiohttp", "cronsim", "tenacity")
#: Each package, and the packages of Docket's it may import (besides the shared modules).
LAYERS = {
    "pack": set(),
    "matching": {"pack"},
    "answering": {"pack", "matching"},
    "render": {"pack", "answering"},
    "digests": {"pack", "answering", "render"},
    "curation": {"pack", "matching", "answering"},
    "adapters": {"pack", "matching", "answering", "render", "digests"},
    "app": {"pack", "matching", "answering", "render", "digests", "curation", "adapters"},
}
SHARED = {"errors", "database", "environment"}


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path) -> set[str]:
    """Absolute imports, at any depth, except those only for type checking."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped = {id(n) for node in ast.walk(tree) if isinstance(node, ast.If)
               and "TYPE_CHECKING" in ast.unparse(node.test) for n in ast.walk(node)}
    found = set()
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found |= {f"{node.module}.{alias.name}" for alias in node.names}
    return found


def graph() -> dict[str, set[str]]:
    modules = {module_name(p): p for p in BOT.rglob("*.py")}
    return {name: {i for i in imports(path) if i in modules and i != name}
            for name, path in modules.items()}


def test_only_adapters_import_platform_libraries() -> None:
    offenders = [f"{name}: {sorted(bad)}" for name, path in
                 ((module_name(p), p) for p in BOT.rglob("*.py"))
                 if not name.startswith("bot.adapters")
                 and (bad := {i.split(".")[0] for i in imports(path)} & set(PLATFORM_LIBS))]
    assert not offenders


def test_packages_import_only_the_steps_before_them() -> None:
    offenders = []
    for name, targets in graph().items():
        layer = name.split(".")[1] if name.count(".") >= 1 else ""
        if layer not in LAYERS:
            continue
        for target in targets:
            other = target.split(".")[1]
            if other != layer and other not in SHARED and other not in LAYERS[layer] \
                    and target != "bot":
                offenders.append(f"{name} -> {target}")
    assert not offenders


def test_no_import_circle() -> None:
    edges = graph()
    seen: dict[str, int] = {}
    cycles = []

    def visit(node: str, trail: list[str]) -> None:
        seen[node] = 1
        for nxt in sorted(edges[node]):
            if seen.get(nxt) == 1:
                cycles.append(" -> ".join(trail[trail.index(nxt):] + [nxt]))
            elif nxt not in seen:
                visit(nxt, trail + [nxt])
        seen[node] = 2

    for start in sorted(edges):
        if start not in seen:
            visit(start, [start])
    assert not cycles


def loaded_by(code: str) -> set[str]:
    """The heavy libraries a fresh interpreter has loaded after running ``code``."""
    probe = (f"import sys\n{code}\n"
             f"print(' '.join(sorted(m for m in {HEAVY!r} if m in sys.modules)))")
    done = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return set(done.stdout.split())


def test_the_answering_packages_load_no_platform_database_or_scheduler() -> None:
    code = ("import bot.pack.loader, bot.matching.search, bot.answering.router, "
            "bot.answering.commands, bot.render.text, bot.render.slack, bot.render.discord")
    assert loaded_by(code) == set()


@pytest.mark.parametrize("argv", [
    ["ask", "what is it"], ["ask", "--json", "subscribe daily 09:00"], ["validate"],
    ["eval", "tests/eval/heldout.yaml"], ["chat"], ["--help"],
])
def test_console_commands_load_no_platform_database_or_scheduler(argv: list[str]) -> None:
    code = ("import io, contextlib\nfrom bot.app.cli import main\n"
            "sys.stdin = io.StringIO('help\\n')\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n"
            f"    try:\n        main({argv!r})\n    except SystemExit:\n        pass")
    assert loaded_by(code) == set()


def test_modules_stay_small() -> None:
    long = [f"{p.relative_to(BOT)}: {n}" for p in BOT.rglob("*.py")
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > 400]
    assert not long
