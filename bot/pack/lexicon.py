"""A pack's ``lexicon.yaml``: the words of its subject, checked like the rest of the pack.

The engine knows general English only (fillers, chat shorthand). Everything about one subject
lives here: which everyday words mean the pack's words, which multi-word names belong to other
things, and which words are filler or topic in this pack. A pack about a library's board and a
pack about airline boarding need different answers for "board"; each says so in its own file.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bot.errors import Problem
from bot.pack.checks import Checker, type_name
from bot.pack.model import Lexicon
from bot.pack.yaml_lines import LineDict, item_line, load_yaml

LEXICON_FILE = "lexicon.yaml"
_KEYS = {"synonyms": False, "phrases": False, "fillers": False, "not_fillers": False}
#: Besides letters and digits (of any script: "ß", "naïve"), what a word as people type it may
#: hold: apostrophes, dots, hyphens and the spaces between words.
_JOINERS = "'.- "


def load_lexicon(root: Path, label: str) -> tuple[Lexicon, list[Problem]]:
    """The pack's lexicon, or an empty one when it has no ``lexicon.yaml``."""
    file = root / LEXICON_FILE
    if not file.exists():
        return Lexicon(), []
    data, problems = load_yaml(file, label)
    if problems:
        return Lexicon(), problems
    check = Checker(label)
    node = check.mapping(data if data is not None else LineDict(), _KEYS, "lexicon", 1)
    if node is None:
        return Lexicon(), check.problems
    lexicon = Lexicon(synonyms=_synonyms(node, check), phrases=_phrases(node, check),
                      fillers=frozenset(_words(node, "fillers", check)),
                      not_fillers=frozenset(_words(node, "not_fillers", check)))
    return lexicon, check.problems


def _synonyms(node: LineDict, check: Checker) -> dict[str, str]:
    raw = node.get("synonyms") or {}
    if not isinstance(raw, dict):
        check.add(node.line_of("synonyms"), "lexicon: 'synonyms' must map a word as typed to "
                                            f"the pack's word, got {type_name(raw)}")
        return {}
    found = {}
    for typed, meant in raw.items():
        line = raw.line_of(str(typed)) if isinstance(raw, LineDict) else node.line_of("synonyms")
        if not _is_words(typed) or not _is_words(meant):
            check.add(line, f"lexicon: synonym {_shown(typed)}: {_shown(meant)} must map "
                            f"lowercase words to lowercase words{_why_not_words(typed, meant)}")
            continue
        found[" ".join(typed.split())] = " ".join(meant.split())
    return found


def _phrases(node: LineDict, check: Checker) -> tuple[str, ...]:
    phrases = _words(node, "phrases", check)
    for at, phrase in enumerate(phrases):
        if " " not in phrase:
            check.add(item_line(node, "phrases", at), f"lexicon: phrase {phrase!r} must "
                      "have two or more words (a single word is a synonym or filler)")
    return tuple(p for p in phrases if " " in p)


def _words(node: LineDict, key: str, check: Checker) -> list[str]:
    raw = node.get(key) or []
    if not isinstance(raw, list):
        check.add(node.line_of(key), f"lexicon: {key!r} must be a list of lowercase words")
        return []
    for at, word in enumerate(raw):      # each bad item at its own line, as synonyms are
        if not _is_words(word):
            check.add(item_line(node, key, at), f"lexicon: {key!r} must be a list of "
                      f"lowercase words{_why_not_words(word)}")
    return [" ".join(w.split()) for w in raw if _is_words(w)]


def _is_words(value: Any) -> bool:
    return isinstance(value, str) and 0 < len(value) <= 80 and value[0].isalnum() and \
        not _odd_characters(value)


def _odd_characters(value: str) -> list[str]:
    """The characters no lowercase word holds: capitals, and all but letters, digits and
    ``_JOINERS``."""
    return sorted({c for c in value if not (c.isalnum() or c in _JOINERS) or c != c.lower()})


def _why_not_words(*values: Any) -> str:
    """What makes a synonym's side no words: the character a curator typed ("bus_lane" has
    "_"; Docket reads it as two words, so write "bus lane")."""
    for value in values:
        if isinstance(value, str):
            odd = _odd_characters(value)
            if odd:
                shown = ", ".join(repr(c) for c in odd[:5])
                return f" ({_shown(value)} has {shown}: write it as the words a question " \
                       "would be read as, lowercase, with spaces)"
        elif value is None:
            return " (nothing is written there: write the words it stands for)"
        elif isinstance(value, (bool, int, float)):
            return f" (YAML read {value!r}, which is not text: put it in quotes)"
        else:
            return f" (a {type_name(value)} is not text: write the words, in quotes)"
    return ""


def _shown(value: Any) -> str:
    """A short, safe rendering of a value for a problem message (never a long ``repr``)."""
    text = value if isinstance(value, str) else type_name(value)
    return repr(text if len(text) <= 40 else text[:39] + "…")
