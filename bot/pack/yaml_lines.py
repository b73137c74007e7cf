"""YAML loading that remembers where each mapping came from.

Curators fix packs by line number, so the validator needs the line of every
snippet and of every key inside it. PyYAML's safe loader forgets positions once
it builds Python objects; this loader keeps them on a ``dict`` subclass.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from bot.errors import Problem
from bot.pack.files import MAX_YAML_BYTES, read_text, yaml_shape_problem


class LineDict(dict):
    """A ``dict`` that knows the 1-based line of itself and of each of its keys."""

    line: int = 0
    key_lines: dict[str, int]

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class LineList(list):
    """A ``list`` that knows the 1-based line of itself and of each of its items, so a problem
    with one question or phrase points at that item, not at the key above the list."""

    line: int = 0
    item_lines: list[int]

    def line_of(self, index: int) -> int:
        return self.item_lines[index] if 0 <= index < len(self.item_lines) else self.line


def item_line(node: LineDict, key: str, at: int) -> int:
    """The line of item ``at`` of the list under ``key``; the key's own line when the value
    did not come from YAML as a list."""
    items = node.get(key)
    return items.line_of(at) if isinstance(items, LineList) else node.line_of(key)


class _LineLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """Safe loader (libyaml's when available: ~10x faster on large packs) building ``LineDict``
    for mappings and ``LineList`` for lists."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> LineDict:
    _refuse_duplicates(node)
    loader.flatten_mapping(node)
    result = LineDict()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        try:
            hash(key)
        except TypeError:
            raise yaml.constructor.ConstructorError(
                "while constructing a mapping", node.start_mark,
                "found an unhashable key", key_node.start_mark) from None
        result[key] = loader.construct_object(value_node, deep=True)
        if isinstance(key, str):
            result.key_lines[key] = key_node.start_mark.line + 1
    return result


def _construct_sequence(loader: _LineLoader, node: yaml.SequenceNode) -> LineList:
    result = LineList(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    result.item_lines = [child.start_mark.line + 1 for child in node.value]
    return result


def _refuse_duplicates(node: yaml.MappingNode) -> None:
    """A key written twice in one mapping: YAML keeps the last silently, and the first edit is
    lost without a word. (Keys brought in by a ``<<`` merge may be overridden, as YAML says.)"""
    seen: dict[str, int] = {}
    for key_node, _ in node.value:
        if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == "tag:yaml.org,2002:merge":
            continue
        line = key_node.start_mark.line + 1
        if key_node.value in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"key {key_node.value!r} appears twice (first on line "
                f"{seen[key_node.value]})", key_node.start_mark)
        seen[key_node.value] = line


def _construct_timestamp(loader: _LineLoader, node: yaml.ScalarNode) -> Any:
    """A date that does not exist (``2026-02-30``) stays the text it was, so the check that
    reads it says which file, line and key, instead of YAML raising a bare ``ValueError``."""
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError:
        return loader.construct_scalar(node)


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)
_LineLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)


#: What PyYAML's terse reasons usually mean in a hand-written pack file, and what to do.
_HINTS = (
    ("mapping values are not allowed", ": a \"key: value\" where none can start; check this "
     "line's indentation against the lines above it, or put a value containing \": \" in quotes"),
    ("found character", ": a tab (YAML indents with spaces only), or a value starting with @ or `"
     " (put it in quotes)"),
    ("found unexpected end of stream", ": a quote or bracket opened and never closed"),
    ("did not find expected key", ": a line indented differently from the keys beside it, or "
     "an item's \"- \" missing"),
    ("expected <block end>", ": a line indented differently from the keys beside it"),
    ("did not find expected '-' indicator", ": a line indented differently from the keys beside "
     "it, or a list item without its \"- \""),
)


def load_yaml(path: Path, label: str | None = None) -> tuple[Any, list[Problem]]:
    """Parse one YAML file; a syntax error, a file that is not a regular file or is too big,
    or YAML nested too deep or with aliases that expand too far, becomes a located
    ``Problem`` instead of an exception (``bot.pack.files``)."""
    name = label or str(path)
    text, problem = read_text(path, name, MAX_YAML_BYTES)
    if problem is None and text is not None:
        problem = yaml_shape_problem(text, name, _LineLoader)
    if problem is not None or text is None:
        return None, [problem] if problem else []
    try:
        return yaml.load(text, Loader=_LineLoader), []  # noqa: S506 - SafeLoader subclass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        reason = exc.problem or str(exc)
        # Where the parser noticed is often lines after the mistake (an unclosed "[" or
        # quote): say where the unfinished thing began, too.
        began = exc.context_mark.line + 1 if exc.context_mark and exc.context else None
        if began is not None and began != line:
            reason += f" ({exc.context.removeprefix('while ')} that began on line {began})"
        hint = next((h for start, h in _HINTS if reason.startswith(start)), "")
        return None, [Problem(name, line, f"malformed YAML: {reason}{hint}")]
    except yaml.YAMLError as exc:
        return None, [Problem(name, None, f"malformed YAML: {exc}")]
    except RecursionError:  # a nesting the depth check let through: never a traceback
        return None, [Problem(name, None, "malformed YAML: nested too deep")]
