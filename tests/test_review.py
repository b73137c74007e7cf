"""Snippets carry an owner and a review date; a pack may ask for reviews every so often, and
``docket validate`` warns (without failing) about each snippet past its review."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bot.errors import PackError
from bot.pack.loader import DEFAULT_PACK, load_pack
from bot.pack.review import stale


@pytest.fixture()
def pack(tmp_path: Path) -> Path:
    pack = Path(shutil.copytree(DEFAULT_PACK, tmp_path / "pack"))
    (pack / "pack.yaml").write_text((pack / "pack.yaml").read_text() + "review_every: 90d\n")
    file = pack / "snippets" / "20-card.yaml"
    text = file.read_text()
    first = text.index("  - id: ")
    second = text.index("  - id: ", first + 1)
    file.write_text(text[:first + text[first:].index("\n") + 1]
                    + "    owner: Dana (policy desk)\n    reviewed: 2026-01-10\n"
                    + text[first + text[first:].index("\n") + 1:second]
                    + text[second:second + text[second:].index("\n") + 1]
                    + f"    owner: Lee\n    reviewed: {dt.date.today().isoformat()}\n"
                    + text[second + text[second:].index("\n") + 1:])
    return pack


def test_a_snippet_past_its_review_is_a_warning_not_a_failure(pack: Path) -> None:
    loaded = load_pack(pack)
    due = stale(loaded, dt.date(2026, 11, 25))
    dana = next(d for d in due if d.snippet.owner == "Dana (policy desk)")
    assert dana.due == dt.date(2026, 4, 10)
    assert all(d.snippet.owner != "Lee" for d in due)            # reviewed today
    assert any(d.due is None for d in due)                       # never reviewed
    result = subprocess.run([sys.executable, "-m", "bot", "validate", str(pack)], text=True,
                            capture_output=True, timeout=60)
    assert result.returncode == 0
    assert "(Dana (policy desk)) is past its review (due 2026-04-10; review_every 90d)" \
        in result.stdout


def test_without_review_every_nothing_is_stale(tmp_path: Path) -> None:
    assert stale(load_pack(DEFAULT_PACK)) == []


@pytest.mark.parametrize("text, says", [("review_every: soon\n", "review_every"),
                                        ("review_every: 0d\n", "review_every")])
def test_a_bad_review_interval_is_reported_with_its_line(pack: Path, text: str,
                                                         says: str) -> None:
    (pack / "pack.yaml").write_text((pack / "pack.yaml").read_text()
                                    .replace("review_every: 90d\n", text))
    with pytest.raises(PackError) as error:
        load_pack(pack)
    assert says in str(error.value.problems[0]) and error.value.problems[0].line


def test_a_bad_review_date_is_reported(pack: Path) -> None:
    file = pack / "snippets" / "20-card.yaml"
    file.write_text(file.read_text().replace("reviewed: 2026-01-10", "reviewed: last spring"))
    with pytest.raises(PackError) as error:
        load_pack(pack)
    assert "'reviewed' must be YYYY-MM-DD or null" in str(error.value.problems[0])
