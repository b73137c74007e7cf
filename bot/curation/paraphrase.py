"""What people asked, added to the pack: ``docket curate add SNIPPET "QUESTION"``.

The curators' report lists refused questions with the snippets that came closest; the most
reliable way to answer the next person who asks that way is to make their wording one of the
right snippet's curated questions (or, when the sources do not answer it, one of a gap's). The
YAML file is edited as text, so its comments and layout stay as the curator left them, and the
pack is loaded again afterwards: an edit that would not validate is undone, never left behind.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import yaml

from bot.errors import DocketError, PackError
from bot.matching.answer_type import Expect, expected, provides
from bot.matching.search import build_index
from bot.pack.loader import load_pack
from bot.pack.model import Gap, Snippet


class ParaphraseError(DocketError):
    """The question cannot be added as asked; the message says why."""


@dataclass(frozen=True)
class Added:
    file: Path
    line: int
    item: Snippet | Gap
    #: The item had the question already, worded so or a little differently: nothing changed,
    #: and a batch of additions goes on.
    already: bool = False
    #: The question's words no snippet or gap held before: from now on, any question with one
    #: of them may find this item, which a curator should know ("wrote" added to a snippet
    #: makes it a candidate for "who wrote it").
    new_words: tuple[str, ...] = ()
    #: The kind of answer the question asks for ("date", "figure") that the snippet does not
    #: give: answered as curated, it will not say what was asked ("when did the board vote").
    lacks: str | None = None


def add_question(pack_dir: Path, item_id: str, question: str) -> Added:
    """Add ``question`` to the curated questions of the snippet or gap ``item_id``."""
    pack = load_pack(pack_dir)
    item: Snippet | Gap | None = pack.by_id.get(item_id) or next(
        (g for g in pack.gaps if g.id == item_id), None)
    if item is None:
        if any(d.id == item_id for d in pack.drafts):
            raise ParaphraseError(f"{item_id!r} is still a draft: write its summary, check its "
                                  "kind and speaker, and delete `draft: true` first")
        raise ParaphraseError(f"pack {pack.id!r} has no snippet or gap {item_id!r}")
    question = " ".join(question.split())
    if not question:
        raise ParaphraseError("the question is empty")
    index = build_index(pack)
    words = index.vocabulary.words(question)
    if not any(index.vocabulary.fold(w) for w in words):
        raise ParaphraseError(f"{question!r} has no word but fillers: it would match nothing")
    taken = index.exact.get(index.vocabulary.key(words))
    if taken is not None:
        if taken.id == item_id:
            return Added(pack_dir.parent / item.file, item.line, item, already=True)
        raise ParaphraseError(f"{question!r} is already a curated question of {taken.id!r}, "
                              "which answers it; remove it there first to move it")
    path = pack_dir.parent / item.file          # an absolute label stays itself
    original = path.read_text(encoding="utf-8")
    lines = original.splitlines(keepends=True)
    indent, insert = _insert_at(lines, item_id, path)
    lines.insert(insert, f"{indent}- {_scalar(question)}\n")
    path.write_text("".join(lines), encoding="utf-8")
    try:
        load_pack(pack_dir)
    except PackError as exc:
        path.write_text(original, encoding="utf-8")
        raise ParaphraseError(f"the pack would not validate, so nothing was changed: {exc}") \
            from None
    fresh = tuple(dict.fromkeys(w for w in words if index.vocabulary.fold(w) and not all(
        t in index.idf for t in index.vocabulary.fold(w))))
    expect = expected(words)
    lacks = expect.value if isinstance(item, Snippet) and expect is not Expect.ANYTHING and \
        not provides(item, expect, frozenset(), index.vocabulary) else None
    return Added(path, insert + 1, item, new_words=fresh, lacks=lacks)


def _insert_at(lines: list[str], item_id: str, path: Path) -> tuple[str, int]:
    """Where the new question goes: after the last of the item's questions, indented as they
    are (the indentation, the line index)."""
    start = next((i for i, line in enumerate(lines)
                  if line.strip() in (f"- id: {item_id}", f"- id: '{item_id}'",
                                      f'- id: "{item_id}"')), None)
    if start is None:
        raise ParaphraseError(f"{path}: cannot find '- id: {item_id}' to edit; add the "
                              "question by hand")
    item_indent = len(lines[start]) - len(lines[start].lstrip())
    key_indent = item_indent + 2
    for at in range(start + 1, len(lines)):
        line = lines[at]
        stripped = line.strip()
        if stripped and not stripped.startswith("#") and \
                len(line) - len(line.lstrip()) <= item_indent:
            break                                   # the next item, or the end of the list
        if line[key_indent:].startswith("questions:") and \
                len(line) - len(line.lstrip()) == key_indent:
            rest = line.split(":", 1)[1].strip()
            if rest.startswith("[]"):                   # an empty list becomes a block
                lines[at] = line[: line.index("[]")].rstrip() + "\n"
                return " " * (key_indent + 2), at + 1
            if rest and not rest.startswith("#"):
                raise ParaphraseError(f"{path}:{at + 1}: the questions are written on one line; "
                                      "write them one per line ('- ...') first")
            last = at
            for follow in range(at + 1, len(lines)):
                text = lines[follow]
                if not text.strip() or text.strip().startswith("#"):
                    continue
                if text.lstrip().startswith("- ") and \
                        len(text) - len(text.lstrip()) >= key_indent:
                    last = follow
                    continue
                break
            shown = lines[last] if last != at else " " * key_indent + "- x"
            indent = shown[: len(shown) - len(shown.lstrip())]
            return indent, last + 1
    raise ParaphraseError(f"{path}: {item_id!r} has no 'questions:' list to add to")


def _scalar(text: str) -> str:
    """The question as YAML writes it: plain when that reads back the same, else quoted."""
    try:
        if yaml.safe_load(f"- {text}") == [text]:
            return text
    except yaml.YAMLError:
        pass
    return json.dumps(text, ensure_ascii=False)
