"""Checking YAML data with located problems: every file of a pack (and its lexicon) is read with
one ``Checker``, which collects each problem with its line instead of stopping at the first."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from typing import Any

from bot.errors import Problem
from bot.pack.files import shown
from bot.pack.model import published
from bot.pack.yaml_lines import LineDict

#: Ids of packs, sources, snippets and gaps.
ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")


class Checker:
    """Collects problems for one file; helpers return cleaned values or ``None``."""

    def __init__(self, file: str):
        self.file = file
        self.problems: list[Problem] = []

    def add(self, line: int | None, message: str) -> None:
        self.problems.append(Problem(self.file, line, message))

    def mapping(self, value: Any, keys: dict[str, bool], what: str, line: int) -> LineDict | None:
        if not isinstance(value, dict):
            self.add(line, f"{what} must be a mapping, got {type_name(value)}")
            return None
        for key in value:
            if key not in keys:
                close = difflib.get_close_matches(str(key), list(keys), n=1, cutoff=0.6)
                hint = f"did you mean {close[0]!r}? " if close else ""
                self.add(value.line_of(key), f"{what}: unknown key {key!r}; {hint}(allowed: "
                                             f"{', '.join(keys)})")
        for key, required in keys.items():
            if required and key not in value:
                self.add(value.line, f"{what}: missing required key {key!r}")
        return value

    def text(self, node: LineDict, key: str, what: str, *, optional: bool = False) -> str | None:
        if key not in node:
            return None
        value = node[key]
        if value is None and optional:
            return None
        if not isinstance(value, str) or not value.strip():
            # YAML reads 2026, yes or null as a number, a truth value, nothing: quote it
            kind = {"int": "a number", "float": "a number", "bool": "true or false",
                    "date": "a date", "list": "a list", "dict": "a mapping"}.get(
                        type(value).__name__, type(value).__name__)
            read_as = "" if value is None or isinstance(value, str) else \
                f" (YAML read {value!r} as {kind}: put it in quotes)"
            self.add(node.line_of(key), f"{what}: {key!r} must be non-empty text{read_as}")
            return None
        return value.strip()

    def date(self, node: LineDict, key: str, what: str) -> dt.date | None:
        """A ``YYYY-MM-DD`` value (YAML reads one unquoted as a date already), or null."""
        value = node.get(key)
        if value is None or isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            return value
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value.strip())
            except ValueError:
                pass
        self.add(node.line_of(key), f"{what}: {key!r} must be YYYY-MM-DD or null, got "
                                    f"{shown(value)}")
        return None

    def published(self, node: LineDict, key: str, what: str) -> str | None:
        """A publication date as precise as the document gives it: ``YYYY-MM-DD``,
        ``YYYY-MM`` or ``YYYY`` (YAML reads an unquoted day as a date, a year as a number), or
        null."""
        value = node.get(key)
        if value is None:
            return None
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            return value.isoformat()
        found = published(str(value)) if isinstance(value, (str, int)) and \
            not isinstance(value, bool) else None
        if found is None:
            self.add(node.line_of(key), f"{what}: {key!r} must be YYYY-MM-DD, YYYY-MM, YYYY or "
                                        f"null, got {shown(value)}")
        return found

    def ident(self, node: LineDict, key: str, what: str) -> str | None:
        value = self.text(node, key, what)
        if value is not None and not ID.match(value):
            self.add(node.line_of(key), f"{what}: {key!r} {shown(value)} must be lowercase letters, "
                                        "digits and hyphens")
            return None
        return value


def type_name(value: Any) -> str:
    return "nothing" if value is None else type(value).__name__


def where_it_differs(wanted: str, text: str) -> str:
    """Where a long quote stops matching its source, so a one-letter slip far along it can be
    found: the longest opening of the quote that the source holds, found by halving."""
    low, high = 0, len(wanted)
    while low < high:
        middle = (low + high + 1) // 2
        if wanted[:middle] in text:
            low = middle
        else:
            high = middle - 1
    if low < 20:
        return ""
    return (f"; it matches the source up to {clip_shown(wanted[max(0, low - 30):low])}, then "
            f"has {clip_shown(wanted[low:low + 30])}")


def clip_shown(text: str, limit: int = 80) -> str:
    """A long text on one line, cut short with an ellipsis, quoted as a problem shows it."""
    text = " ".join(text.split())
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")
