"""Files that would have stopped the process: nesting 30,000 deep, alias bombs, links out of the
pack, devices, FIFOs, huge and undecodable files. Each now costs one error line with the file
(and the line where there is one), never a crash, a hang or a traceback; and a running process
keeps answering from its last good pack.

Each case runs ``docket`` as a subprocess: a segfault there fails the test instead of
killing the test run. The timeouts only guard against a hang; they are not speed targets.
"""

from __future__ import annotations

import logging
import os
import random
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from bot.pack.files import MAX_TEXT_BYTES
from bot.pack.loader import DEFAULT_PACK
from bot.pack.reload import PackCache

GUARD = 120

BOMB = textwrap.dedent("""\
    a: &a [x, x, x, x, x, x, x, x, x]
    b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
    c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
    d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
    e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
    f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
    g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]
    h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]
    i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h]
    """)


def docket(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "bot", *args], text=True, capture_output=True,
                          timeout=GUARD, env={**os.environ, "DOCKET_CACHE_DIR": "off"})


@pytest.fixture()
def pack(tmp_path: Path) -> Path:
    return Path(shutil.copytree(DEFAULT_PACK, tmp_path / "pack"))


def snippet_file(pack: Path) -> Path:
    return pack / "snippets" / "20-card.yaml"


def with_kind(pack: Path, value: str, prefix: str = "") -> None:
    """Replace the first ``kind:`` of a snippet file with ``value`` (and put ``prefix`` first)."""
    file = snippet_file(pack)
    text = file.read_text()
    at = text.index("kind: ")
    end = text.index("\n", at)
    indent = " " * (at - text.rindex("\n", 0, at) - 1 + 2)
    value = value.replace("\n", "\n" + indent)       # a block value goes under its key
    file.write_text(prefix + text[:at] + "kind: " + value + text[end:])


def assert_one_clean_error(result: subprocess.CompletedProcess[str], *says: str) -> None:
    assert result.returncode == 1, (result.returncode, result.stderr[-500:])
    assert "Traceback" not in result.stderr and "Error:" not in result.stderr.split("error:")[0]
    assert len(result.stderr) < 2000, result.stderr[:500]
    for text in says:
        assert text in result.stderr, result.stderr


@pytest.mark.parametrize("depth", [1_000, 30_000])
@pytest.mark.parametrize("shape", ["flow", "dashes"])
def test_deep_nesting_in_a_snippet_is_one_error_line(pack: Path, depth: int, shape: str) -> None:
    value = "[" * depth + "]" * depth if shape == "flow" else "\n" + "- " * depth + "x"
    with_kind(pack, value)
    assert_one_clean_error(docket("validate", str(pack)), "snippets/20-card.yaml:",
                           "nested more than")


@pytest.mark.parametrize("key", ["kind", "date"])
def test_an_alias_bomb_in_a_pack_is_one_error_line(pack: Path, key: str) -> None:
    if key == "kind":
        with_kind(pack, "*i", prefix="bomb:\n" + textwrap.indent(BOMB, "  "))
        file = "snippets/20-card.yaml"
    else:
        text = (pack / "pack.yaml").read_text()
        (pack / "pack.yaml").write_text("x:\n" + textwrap.indent(BOMB, "  ")
                                        + text.replace("date: ", "date: *i #", 1))
        file = "pack.yaml"
    assert_one_clean_error(docket("validate", str(pack)), file, "aliases expand")


def test_an_alias_bomb_or_deep_nesting_in_a_config_is_one_error_line(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.yaml"
    bomb.write_text("x:\n" + textwrap.indent(BOMB, "  ") + "slack:\n  mode: *i\n")
    assert_one_clean_error(docket("digest", "status", "--config", str(bomb)),
                           "bomb.yaml:", "aliases expand")
    deep = tmp_path / "deep.yaml"
    deep.write_text("digests: " + "[" * 30_000 + "]" * 30_000 + "\n")
    assert_one_clean_error(docket("digest", "status", "--config", str(deep)),
                           "deep.yaml:1:", "nested more than")


def test_a_snippet_file_linked_from_outside_the_pack_is_refused(pack: Path,
                                                                tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere.yaml"
    shutil.copyfile(snippet_file(pack), outside)
    (pack / "snippets" / "60-linked.yaml").symlink_to(outside)
    assert_one_clean_error(docket("validate", str(pack)), "snippets/60-linked.yaml",
                           "outside the pack")


def test_a_source_linked_to_a_device_is_refused(pack: Path) -> None:
    source = next((pack / "sources").iterdir())
    source.unlink()
    source.symlink_to("/dev/zero")
    assert_one_clean_error(docket("validate", str(pack)), "must be inside the pack")


def test_a_fifo_in_place_of_a_snippet_file_is_refused_without_hanging(pack: Path) -> None:
    fifo = pack / "snippets" / "60-fifo.yaml"
    os.mkfifo(fifo)
    assert_one_clean_error(docket("validate", str(pack)), "snippets/60-fifo.yaml",
                           "not a regular file")


def test_a_source_over_the_size_limit_is_refused_unread(pack: Path) -> None:
    source = next((pack / "sources").iterdir())
    with open(source, "r+b") as fh:
        fh.truncate(MAX_TEXT_BYTES + 1)   # sparse: no disk used, and never read
    assert_one_clean_error(docket("validate", str(pack)), "limit is")


def test_an_undecodable_snippet_file_names_its_line(pack: Path) -> None:
    file = snippet_file(pack)
    file.write_bytes(file.read_bytes().replace(b"summary:", b"summary: \xff\xfe", 1))
    assert_one_clean_error(docket("validate", str(pack)), "snippets/20-card.yaml:",
                           "not valid UTF-8")


def test_a_running_process_keeps_its_last_good_pack(pack: Path,
                                                    caplog: pytest.LogCaptureFixture) -> None:
    packs = PackCache()
    good = packs.get(pack)
    with_kind(pack, "[" * 30_000 + "]" * 30_000)
    with caplog.at_level(logging.ERROR, logger="bot.pack.reload"):
        assert packs.get(pack) is good
    assert "nested more than" in caplog.text and "Traceback" not in caplog.text


#: Fuzzing runs in one subprocess: each case is a file written into a fresh copy of the pack
#: (or a config), loaded, and any exception other than the clean error counted.
FUZZ = textwrap.dedent('''
    import json, os, shutil, sys, tempfile
    from pathlib import Path
    from bot.app.config import load_config
    from bot.errors import ConfigError, PackError
    from bot.pack.loader import DEFAULT_PACK, load_pack

    cases = json.loads(sys.stdin.read())
    crashes = []
    with tempfile.TemporaryDirectory() as tmp:
        for number, (where, kind, data) in enumerate(cases):
            pack = Path(tmp) / f"p{number}"
            shutil.copytree(DEFAULT_PACK, pack)
            target = (pack / where) if where != "config" else Path(tmp) / f"c{number}.yaml"
            if target.exists() or target.is_symlink():
                target.unlink()
            if kind == "fifo":
                os.mkfifo(target)
            elif kind == "link":
                target.symlink_to(data)
            else:
                target.write_bytes(data.encode("latin-1" if kind == "latin1" else "utf-8"))
            try:
                if where == "config":
                    load_config(target)
                else:
                    load_pack(pack)
            except (PackError, ConfigError) as exc:
                if len(str(exc)) > 5000:
                    crashes.append((number, "message of %d characters" % len(str(exc))))
            except BaseException as exc:
                crashes.append((number, type(exc).__name__))
            shutil.rmtree(pack)
    print(json.dumps(crashes))
''')


def fuzz_cases(seed: int, count: int) -> list[tuple[str, str, str]]:
    rng = random.Random(seed)
    targets = ["snippets/20-card.yaml", "pack.yaml", "gaps.yaml", "lexicon.yaml", "config"]
    base = (DEFAULT_PACK / "snippets" / "20-card.yaml").read_text()

    def nested() -> str:
        depth = rng.choice([10, 60, 500, 5_000, 40_000])
        open_, close = rng.choice([("[", "]"), ("{a: ", "}")])
        return "kind: " + open_ * depth + "x" + close * depth

    def dashes() -> str:
        return "kind:\n" + "- " * rng.choice([10, 60, 5_000, 40_000]) + "x"

    def aliases() -> str:
        width, levels = rng.randint(2, 12), rng.randint(2, 10)
        lines = ["l0: &l0 [" + ", ".join(["x"] * width) + "]"]
        for level in range(1, levels):
            lines.append(f"l{level}: &l{level} [" + ", ".join([f"*l{level - 1}"] * width) + "]")
        return "\n".join(lines) + f"\nkind: *l{levels - 1}\n"

    def mutated() -> str:
        text = list(base)
        for _ in range(rng.randint(1, 40)):
            text[rng.randrange(len(text))] = rng.choice("[]{}:-*&!|>'\"\n \t#%@`,?\x00\xff")
        return "".join(text)

    def binary() -> str:
        return "".join(chr(rng.randrange(256)) for _ in range(rng.randint(0, 3000)))

    def big() -> str:
        return "kind: " + "x" * rng.choice([10, 1_000_000]) + "\n" * rng.randint(0, 1000)

    makers = [nested, dashes, aliases, mutated, binary, big]
    cases = []
    for _ in range(count):
        where = rng.choice(targets)
        roll = rng.random()
        if roll < 0.04:
            cases.append((where, "fifo", ""))
        elif roll < 0.08:
            cases.append((where, "link", rng.choice(["/dev/zero", "/dev/null", "/etc/hostname",
                                                     "/nonexistent", "."])))
        else:
            maker = rng.choice(makers)
            cases.append((where, "latin1" if maker is binary else "text", maker()))
    return cases


def test_fuzzed_yaml_files_never_crash_or_print_a_traceback() -> None:
    import json

    cases = fuzz_cases(seed=20261125, count=150)
    result = subprocess.run([sys.executable, "-c", FUZZ], input=json.dumps(cases), text=True,
                            capture_output=True, timeout=600,
                            env={**os.environ, "DOCKET_CACHE_DIR": "off"})
    assert result.returncode == 0, result.stderr[-2000:]
    assert "Traceback" not in result.stderr
    assert json.loads(result.stdout) == []
