"""The compiled pack cache answers exactly as a full load does, and is never trusted when it
should not be: an edited pack, a damaged file or a cache built from something else all mean a
full load and a fresh cache."""

from __future__ import annotations

import json
import logging
import os
import shutil
from pathlib import Path

import pytest

from bot.app.commands import build_router, load_router
from bot.app.evaluation import load_cases
from bot.errors import PackError
from bot.matching.search import build_index
from bot.pack import cache
from bot.pack.cache import load_compiled
from bot.pack.loader import DEFAULT_PACK, load_pack

ROOT = Path(__file__).parent.parent
EVAL = ROOT / "tests" / "eval"
#: Every eval set, with the pack it is asked of.
SETS = {"docket": ["devset", "heldout", "fresh-working", "fresh-untouched", "fresh2-working",
                   "fresh2-untouched"],
        "lgpl-3": ["lgpl-3", "lgpl-3-untouched"]}


@pytest.fixture()
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    directory = tmp_path / "cache"
    monkeypatch.setenv(cache.CACHE_ENV, str(directory))
    return directory


@pytest.fixture()
def pack_copy(tmp_path: Path) -> Path:
    return Path(shutil.copytree(DEFAULT_PACK, tmp_path / "pack"))


def cache_files(directory: Path) -> list[Path]:
    return sorted(directory.glob("*.pickle"))


def loads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Records every full load of a pack from its YAML."""
    calls: list[Path] = []
    real = cache.load_pack

    def counting(path):
        calls.append(Path(path))
        return real(path)

    monkeypatch.setattr(cache, "load_pack", counting)
    return calls


@pytest.mark.parametrize("pack_name", sorted(SETS))
def test_a_cached_pack_answers_every_eval_question_as_a_fresh_load(
        cache_dir: Path, pack_name: str) -> None:
    path = ROOT / "briefings" / pack_name
    asked = [c.question for name in SETS.values() for s in name
             for c in load_cases(EVAL / f"{s}.yaml")]
    fresh = build_router(load_pack(path))
    load_router(path)  # builds the cache
    cached = load_router(path)
    assert len(cache_files(cache_dir)) == 1
    for question in asked:
        expected, got = fresh.route(question), cached.route(question)
        assert json.dumps(got.to_json(), default=str) == json.dumps(expected.to_json(), default=str), question


def test_an_unchanged_pack_is_read_back_not_loaded(
        cache_dir: Path, pack_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = loads(monkeypatch)
    first, _ = load_compiled(pack_copy, build_index)
    second, index = load_compiled(pack_copy, build_index)
    assert len(calls) == 1
    assert second == first and second is not first
    assert index is not None and index.snippets[: len(second.snippets)] == second.snippets


def test_an_edited_file_means_a_full_load(
        cache_dir: Path, pack_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    load_compiled(pack_copy, build_index)
    snippet_file = pack_copy / "snippets" / "20-card.yaml"
    text = snippet_file.read_text()
    stat = snippet_file.stat()
    # Same size and modification time: only the content says it changed.
    edited = text.replace("summary: ICE says", "summary: XCE says", 1)
    assert len(edited) == len(text) and edited != text
    snippet_file.write_text(edited)
    os.utime(snippet_file, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    calls = loads(monkeypatch)
    pack, _ = load_compiled(pack_copy, build_index)
    assert len(calls) == 1
    assert any(s.summary.startswith("X") for s in pack.snippets)
    load_compiled(pack_copy, build_index)
    assert len(calls) == 1, "the rebuilt cache is used next time"


def test_a_new_file_in_the_pack_means_a_full_load(
        cache_dir: Path, pack_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    load_compiled(pack_copy, build_index)
    (pack_copy / "NOTES.txt").write_text("a curator's note\n")
    calls = loads(monkeypatch)
    load_compiled(pack_copy, build_index)
    assert len(calls) == 1


def test_an_edit_that_breaks_the_pack_is_reported_not_served_from_the_cache(
        cache_dir: Path, pack_copy: Path) -> None:
    load_compiled(pack_copy, build_index)
    (pack_copy / "pack.yaml").write_text("id: [unclosed\n")
    with pytest.raises(PackError):
        load_compiled(pack_copy, build_index)


@pytest.mark.parametrize("damage", ["truncated", "flipped", "empty", "garbage", "other key"])
def test_a_damaged_cache_is_ignored_and_rebuilt(
        cache_dir: Path, pack_copy: Path, monkeypatch: pytest.MonkeyPatch, damage: str,
        caplog: pytest.LogCaptureFixture) -> None:
    expected, _ = load_compiled(pack_copy, build_index)
    [file] = cache_files(cache_dir)
    data = file.read_bytes()
    header_end = data.index(b"\n", data.index(b"\n", data.index(b"\n") + 1) + 1) + 1
    damaged = {
        "truncated": data[: len(data) // 2],
        "flipped": data[:header_end + 100] + bytes([data[header_end + 100] ^ 0xFF])
        + data[header_end + 101:],
        "empty": b"",
        "garbage": os.urandom(5000),
        "other key": data.replace(data.split(b"\n")[1], b"0" * 64, 1),
    }[damage]
    file.write_bytes(damaged)
    calls = loads(monkeypatch)
    with caplog.at_level(logging.WARNING, logger="bot.pack.cache"):
        pack, index = load_compiled(pack_copy, build_index)
    assert len(calls) == 1
    assert pack == expected and index is not None
    assert file.read_bytes() != damaged, "the damaged cache was replaced"
    assert "Traceback" not in caplog.text


def test_a_cache_built_by_other_code_is_not_used(
        cache_dir: Path, pack_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    load_compiled(pack_copy, build_index)
    monkeypatch.setattr(cache, "_code", lambda: "another version of docket")
    calls = loads(monkeypatch)
    load_compiled(pack_copy, build_index)
    assert len(calls) == 1


def test_a_cache_for_another_pack_is_not_used(
        cache_dir: Path, pack_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    load_compiled(DEFAULT_PACK, build_index)
    [shipped] = cache_files(cache_dir)
    load_compiled(pack_copy, build_index)
    [copy] = [f for f in cache_files(cache_dir) if f != shipped]
    shutil.copyfile(shipped, copy)  # same content, but built for another directory
    calls = loads(monkeypatch)
    pack, _ = load_compiled(pack_copy, build_index)
    assert len(calls) == 1 and pack.path == pack_copy.resolve()


def test_the_pack_alone_and_the_pack_with_its_index_are_kept_apart(
        cache_dir: Path, pack_copy: Path) -> None:
    pack, nothing = load_compiled(pack_copy)
    _, index = load_compiled(pack_copy, build_index)
    assert nothing is None and index is not None
    assert load_compiled(pack_copy)[1] is None
    assert len(cache_files(cache_dir)) == 2


def test_a_cache_others_can_write_is_never_read(
        cache_dir: Path, pack_copy: Path, monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture) -> None:
    load_compiled(pack_copy, build_index)
    cache_dir.chmod(0o777)
    calls = loads(monkeypatch)
    with caplog.at_level(logging.WARNING, logger="bot.pack.cache"):
        load_compiled(pack_copy, build_index)
    assert len(calls) == 1
    assert "chmod 700" in caplog.text
    cache_dir.chmod(0o700)
    [file] = cache_files(cache_dir)
    file.chmod(0o666)
    load_compiled(pack_copy, build_index)
    assert len(calls) == 2


def test_the_cache_can_be_turned_off(
        tmp_path: Path, pack_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(cache.CACHE_ENV, "off")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    calls = loads(monkeypatch)
    load_compiled(pack_copy, build_index)
    load_compiled(pack_copy, build_index)
    assert len(calls) == 2
    assert not (tmp_path / "xdg").exists()


def test_an_unwritable_cache_directory_still_answers(
        tmp_path: Path, pack_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocked = tmp_path / "file-not-dir"
    blocked.write_text("")
    monkeypatch.setenv(cache.CACHE_ENV, str(blocked / "cache"))
    pack, index = load_compiled(pack_copy, build_index)
    assert index is not None and pack.snippets


def test_validate_always_loads_in_full(
        cache_dir: Path, pack_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A cache entry for exactly these files, but holding one snippet fewer: ``ask`` reads it
    back, ``validate`` never does."""
    from dataclasses import replace

    from bot.app.cli import main

    pack, _ = load_compiled(pack_copy)
    [file] = cache_files(cache_dir)
    fewer = replace(pack, snippets=pack.snippets[1:])
    cache._write(file, cache.cache_key(pack_copy.resolve(), None), (fewer, None))
    assert len(load_compiled(pack_copy)[0].snippets) == len(pack.snippets) - 1
    assert main(["validate", str(pack_copy)]) == 0
    assert f"{len(pack.snippets)} snippets" in capsys.readouterr().out
