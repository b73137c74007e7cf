"""Reading the files curators and operators point Docket at, within bounds.

A pack, a config or an eval set is edited by people, and a running process reloads packs on
its own: one bad file must cost a clear error, never the process. So every file is read as a
regular file only (a FIFO would hang the reader, ``/dev/zero`` never ends), up to a size
limit, and YAML is checked for nesting depth and alias expansion before it is built into
objects (a value nested 30,000 deep crashed the YAML library's composer; nine levels of nine
aliases expand to 387 million nodes from a 600-byte file).
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

import yaml

from bot.errors import Problem

#: The largest YAML file read (a pack's snippet file of 1,000 snippets is about 0.6 MB).
MAX_YAML_BYTES = 16 * 1024 * 1024
#: The largest source document read (a long report is a few hundred kB).
MAX_TEXT_BYTES = 16 * 1024 * 1024
#: How deep YAML may nest collections (a pack nests five deep).
MAX_DEPTH = 50
#: How many more nodes aliases may add to a YAML file than it writes out.
MAX_ALIAS_NODES = 10_000

_CHEAP_INDENT = re.compile(r"^[ \t]{%d,}" % (MAX_DEPTH // 3), re.MULTILINE)
_CHEAP_DASHES = re.compile(r"(?:-[ \t]+){%d,}" % (MAX_DEPTH // 3))
_BRACKETS = re.compile(r"[\[\]{}]")


def read_text(path: Path, label: str, limit: int) -> tuple[str | None, Problem | None]:
    """The file's text, or a one-line problem: not a regular file, too big, not UTF-8."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as exc:
        return None, Problem(label, None, f"cannot read file: {exc.strerror or exc}")
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            return None, Problem(label, None, "not a regular file (a directory, device, "
                                              "FIFO or socket cannot be read as one)")
        if info.st_size > limit:
            return None, Problem(label, None, f"file is {info.st_size:,} bytes; the limit is "
                                              f"{limit:,}")
        with os.fdopen(fd, "rb", closefd=False) as fh:
            data = fh.read(limit + 1)
    except OSError as exc:
        return None, Problem(label, None, f"cannot read file: {exc.strerror or exc}")
    finally:
        os.close(fd)
    if len(data) > limit:
        return None, Problem(label, None, f"file is over the limit of {limit:,} bytes")
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        return None, Problem(label, line, "file is not valid UTF-8")


def yaml_shape_problem(text: str, label: str, loader: type) -> Problem | None:
    """Too deep, or aliases that expand too far: found from the parser's events, which come
    one at a time with no recursion, before anything is composed. A cheap look at the text
    first skips that pass for the files that cannot be deep and have no aliases."""
    if not _may_be_deep(text) and not ("*" in text and "&" in text):
        return None
    depth, written = 0, 0
    #: Per open collection: how many values it holds once aliases are expanded, and its anchor.
    expanded, anchors = [0], [""]
    sizes: dict[str, int] = {}
    try:
        for event in yaml.parse(text, Loader=loader):
            if isinstance(event, yaml.AliasEvent):
                if event.anchor in anchors:
                    return Problem(label, event.start_mark.line + 1,
                                   "a value refers to itself through an alias")
                expanded[-1] += sizes.get(event.anchor or "", 1)
                if sum(expanded) - written > MAX_ALIAS_NODES:
                    return Problem(label, event.start_mark.line + 1,
                                   f"aliases expand to more than {MAX_ALIAS_NODES:,} extra "
                                   "values; write the values out instead")
            elif isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    return Problem(label, event.start_mark.line + 1,
                                   f"nested more than {MAX_DEPTH} levels deep")
                written += 1
                expanded.append(1)
                anchors.append(event.anchor or "")
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
                size, anchor = expanded.pop(), anchors.pop()
                expanded[-1] += size
                if anchor:
                    sizes[anchor] = size
            elif isinstance(event, yaml.ScalarEvent):
                written += 1
                expanded[-1] += 1
                if event.anchor:
                    sizes[event.anchor] = 1
    except yaml.YAMLError:
        return None  # the real load reports the syntax error, with its line
    return None


def _may_be_deep(text: str) -> bool:
    """An upper bound on nesting, in C-speed passes: open brackets, indentation, and chains of
    "- " on one line are how YAML nests; if none comes near the limit, nothing is deep."""
    balance = deepest = 0
    for bracket in _BRACKETS.findall(text):
        balance += 1 if bracket in "[{" else -1
        deepest = max(deepest, balance)
        if deepest >= MAX_DEPTH // 3:
            return True
    return bool(_CHEAP_INDENT.search(text) or _CHEAP_DASHES.search(text))


def shown(value: object, limit: int = 60) -> str:
    """A value as an error message quotes it: its ``repr``, cut short, so a message about one
    bad value never prints megabytes."""
    if isinstance(value, (list, dict, tuple, set)):
        return f"a {type(value).__name__}"
    text = repr(value) if len(str(value)) <= limit * 4 else repr(str(value)[: limit * 4])
    return text if len(text) <= limit else text[: limit - 1] + "…"
