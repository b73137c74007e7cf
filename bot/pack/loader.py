"""Load a briefing pack from disk and check it, reporting every problem at once.

Packs are data treated like code: a schema, one readable, line-numbered error
per bad key, and a hard failure on any quote that is not verbatim in its source.
A curator fixing a pack wants the whole list in one run, so nothing here stops
at the first problem.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from bot.errors import PackError, Problem
from bot.pack.model import (ATTRIBUTED_KINDS, Evidence, Gap, Kind, Pack, Snippet, Source, Speaker,
                      normalise_for_quote)
from bot.pack import review
from bot.pack.checks import ID, Checker, clip_shown, where_it_differs
from bot.pack.files import MAX_TEXT_BYTES, read_text, shown
from bot.pack.lexicon import LEXICON_FILE, load_lexicon
from bot.pack.yaml_lines import LineDict, item_line, load_yaml

logger = logging.getLogger(__name__)

PACK_FILE = "pack.yaml"
SNIPPET_DIR = "snippets"
GAPS_FILE = "gaps.yaml"
DEFAULT_PACK = Path(__file__).resolve().parents[2] / "briefings" / "docket"

_PACK_KEYS = {"id": True, "title": True, "description": False, "disclaimer": False,
              "overview": False, "balance": False, "highlights": False, "sources": True,
              "review_every": False}
_SOURCE_KEYS = {"id": True, "file": True, "title": True, "outlet": True, "author": True,
                "date": True, "unknown": False}
_SNIPPET_KEYS = {"id": True, "topic": True, "questions": True, "summary": True, "kind": True,
                 "speaker": False, "evidence": True, "draft": False, "owner": False,
                 "reviewed": False}
_SPEAKER_KEYS = {"name": True, "role": False}
_EVIDENCE_KEYS = {"source": True, "quote": True}
_GAP_KEYS = {"id": True, "questions": True, "reason": True}
MAX_SUMMARY_CHARS = 600


def load_pack(path: Path | str | None = None) -> Pack:
    """Load and validate the pack at ``path`` (default: the shipped pack); raise ``PackError`` listing every problem."""
    root = Path(path) if path is not None else DEFAULT_PACK
    problems: list[Problem] = []
    if not root.is_dir():
        raise PackError([Problem(str(root), None, "not a directory with a briefing pack")])
    linked = [problem for name in (PACK_FILE, GAPS_FILE, LEXICON_FILE) if (root / name).exists()
              and (problem := _outside(root, root / name, name)) is not None]
    if linked:
        raise PackError(linked)
    meta, sources, declared, meta_problems = _load_meta(root)
    problems += meta_problems
    snippets, snippet_problems, written = _load_snippets(root, sources, declared)
    problems += snippet_problems
    gaps, gap_problems = _load_gaps(root, {s.id for s in snippets})
    problems += gap_problems
    drafts = tuple(s for s in snippets if s.draft)
    snippets = [s for s in snippets if not s.draft]
    lexicon, lexicon_problems = load_lexicon(root, _label(root, root / LEXICON_FILE))
    problems += lexicon_problems
    if problems and meta is not None and written is not None:
        # an id no snippet file even writes is reported now, not once the rest is fixed
        problems += _unknown_ids(root, meta, written)
    if problems or meta is None:
        raise PackError(problems)
    if not snippets:
        raise PackError([Problem(str(root / SNIPPET_DIR), None, "the pack has no snippets")])
    unknown = _unknown_ids(root, meta, {s.id for s in snippets})
    if unknown:
        raise PackError(unknown)
    pack = Pack(id=meta["id"], title=meta["title"], description=meta.get("description") or "",
                disclaimer=meta.get("disclaimer"), sources=sources, snippets=tuple(snippets),
                gaps=tuple(gaps), overview=meta.get("overview"), balance=meta["balance"],
                highlights=meta["highlights"], lexicon=lexicon, path=root, drafts=drafts,
                review_every=meta["review_every"])
    logger.info("loaded pack %s: %d sources, %d snippets", pack.id, len(sources), len(snippets))
    return pack


def _unknown_ids(root: Path, meta: dict[str, Any], known: set[str]) -> list[Problem]:
    """The ids ``pack.yaml`` names (overview, balance, highlights) that are not in ``known``."""
    named = [("overview", meta["overview"])] if meta.get("overview") else []
    named += [(key, ident) for key in ("balance", "highlights") for ident in meta[key]]
    return [Problem(_label(root, root / PACK_FILE), meta["lines"][key],
                    f"pack: {key} {shown(ident)} is not a snippet id")
            for key, ident in named if ident not in known]


def _load_meta(root: Path) -> tuple[dict[str, Any] | None, dict[str, Source], set[str],
                                    list[Problem]]:
    """The pack's metadata, the sources that loaded, and every source id declared (a source
    that failed to load is reported once, not again at each quote that cites it)."""
    file = root / PACK_FILE
    label = _label(root, file)
    data, problems = load_yaml(file, label)
    if problems:
        return None, {}, set(), problems
    check = Checker(label)
    node = check.mapping(data, _PACK_KEYS, "pack", 1)
    if node is None:
        return None, {}, set(), check.problems
    meta = {"id": check.ident(node, "id", "pack"), "title": check.text(node, "title", "pack"),
            "description": check.text(node, "description", "pack", optional=True),
            "disclaimer": check.text(node, "disclaimer", "pack", optional=True),
            "overview": check.ident(node, "overview", "pack") if "overview" in node else None,
            "balance": _ids(node, "balance", check),
            "highlights": _ids(node, "highlights", check),
            "review_every": review.review_every(node, check),
            "lines": {key: node.line_of(key) for key in ("overview", "balance", "highlights")}}
    sources: dict[str, Source] = {}
    raw_sources = node.get("sources")
    if "sources" in node and (not isinstance(raw_sources, list) or not raw_sources):
        check.add(node.line_of("sources"), "pack: 'sources' must be a non-empty list")
        raw_sources = []
    seen: set[str] = set()
    for raw in raw_sources or []:
        raw_id = raw.get("id") if isinstance(raw, dict) else None
        if isinstance(raw_id, str):
            if raw_id in seen:
                check.add(raw.line_of("id"), f"duplicate source id {shown(raw_id)}")
                continue
            seen.add(raw_id)
        source = _load_source(root, raw, check, node.line_of("sources"))
        if source is not None:
            sources[source.id] = source
    ok = not check.problems and meta["id"] and meta["title"]
    return (meta if ok else None), sources, seen, check.problems


def _ids(node: LineDict, key: str, check: Checker) -> tuple[str, ...]:
    """Snippet ids in the curators' order: the ones a digest leads with (``highlights``), or
    the ones ``balance`` shows (one id, or a list: whose voices, then each side's case)."""
    value = node.get(key) or []
    value = [value] if isinstance(value, str) else value
    if not isinstance(value, list) or not all(isinstance(v, str) and ID.match(v) for v in value):
        check.add(node.line_of(key), f"pack: {key!r} must be a snippet id or a list of them")
        return ()
    return tuple(dict.fromkeys(value))


def _load_source(root: Path, raw: Any, check: Checker, line: int) -> Source | None:
    node = check.mapping(raw, _SOURCE_KEYS, "source", line)
    if node is None:
        return None
    before = len(check.problems)
    sid = check.ident(node, "id", "source")
    what = f"source {sid or '?'}"
    title = check.text(node, "title", what)
    outlet = check.text(node, "outlet", what, optional=True)
    author = check.text(node, "author", what, optional=True)
    unknown = check.text(node, "unknown", what, optional=True)
    date = check.published(node, "date", what)
    if (not outlet or not author or ("date" in node and node["date"] is None)) and not unknown:
        check.add(node.line, f"{what}: outlet, author or date is not stated, so 'unknown' must "
                             "say what the document leaves out")
    text = None
    rel = check.text(node, "file", what)
    if rel is not None:
        file = (root / rel).resolve()
        if not _inside(root, file):
            check.add(node.line_of("file"), f"{what}: file {shown(rel)} must be inside the pack")
        elif not file.exists():
            check.add(node.line_of("file"), f"{what}: file {shown(rel)} not found")
        else:
            text, problem = read_text(file, rel, MAX_TEXT_BYTES)
            if problem is not None:
                check.add(node.line_of("file"), f"{what}: file {shown(rel)}: {problem.message}")
            elif text is not None and not text.strip():
                check.add(node.line_of("file"), f"{what}: file {shown(rel)} is empty")
    if len(check.problems) > before or sid is None or title is None or text is None:
        return None
    return Source(id=sid, title=title, outlet=outlet, author=author, date=date, unknown=unknown,
                  text=text, file=str(rel))


def _load_snippets(root: Path, sources: dict[str, Source], declared: set[str],
                   ) -> tuple[list[Snippet], list[Problem], set[str] | None]:
    """The snippets that loaded, every problem, and every id the files write (``None`` when a
    file could not be read, so its ids are not known)."""
    snippet_dir = root / SNIPPET_DIR
    files = sorted(snippet_dir.glob("*.yaml")) if snippet_dir.is_dir() else []
    if not files:
        return [], [Problem(_label(root, snippet_dir), None, "no snippet files (*.yaml) found")], \
            None
    problems: list[Problem] = []
    snippets: list[Snippet] = []
    seen: dict[str, str] = {}
    readable = True
    normalised: dict[str, str | None] = dict.fromkeys(declared)
    normalised.update({sid: normalise_for_quote(s.text) for sid, s in sources.items()})
    for file in files:
        label = _label(root, file)
        if (outside := _outside(root, file, label)) is not None:
            problems.append(outside)
            readable = False
            continue
        data, load_problems = load_yaml(file, label)
        if load_problems:
            problems += load_problems
            readable = False
            continue
        check = Checker(label)
        top = check.mapping(data, {"snippets": True}, "snippet file", 1)
        items = top.get("snippets") if top is not None else None
        if top is not None and "snippets" in top and not isinstance(items, list):
            check.add(top.line_of("snippets"), "'snippets' must be a list")
        for raw in items if isinstance(items, list) else []:
            # Ids are checked as written, before the rest of the snippet: a duplicate is
            # reported with the other problems, not only once they are fixed.
            ident = raw.get("id") if isinstance(raw, dict) else None
            line = getattr(raw, "line", None)
            duplicate = isinstance(ident, str) and ident in seen
            if duplicate:
                check.add(line, f"duplicate snippet id {shown(ident)} "
                                f"(first defined in {seen[ident]})")
            elif isinstance(ident, str):
                seen[ident] = f"{label}:{line}"
            snippet = _load_snippet(raw, check, normalised, label)
            if snippet is not None and not duplicate:
                snippets.append(snippet)
        problems += check.problems
    return snippets, problems, set(seen) if readable else None


def _inside(root: Path, file: Path) -> bool:
    """A pack's files are its own: a path or link leading elsewhere is never read."""
    return root.resolve() in file.resolve().parents


def _outside(root: Path, file: Path, label: str) -> Problem | None:
    if _inside(root, file):
        return None
    return Problem(label, None, "is a link to a file outside the pack; copy the file in instead")


def _load_gaps(root: Path, taken: set[str]) -> tuple[list[Gap], list[Problem]]:
    """Optional ``gaps.yaml``: questions the sources do not answer, each with the reason."""
    file = root / GAPS_FILE
    if not file.exists():
        return [], []
    label = _label(root, file)
    data, problems = load_yaml(file, label)
    if problems:
        return [], problems
    check = Checker(label)
    top = check.mapping(data, {"gaps": True}, "gaps file", 1)
    items = top.get("gaps") if top is not None else None
    if top is not None and "gaps" in top and not isinstance(items, list):
        check.add(top.line_of("gaps"), "'gaps' must be a list")
    gaps: list[Gap] = []
    for raw in items if isinstance(items, list) else []:
        node = check.mapping(raw, _GAP_KEYS, "gap", getattr(raw, "line", 0))
        if node is None:
            continue
        before = len(check.problems)
        gid = check.ident(node, "id", "gap")
        what = f"gap {gid or '?'}"
        reason = check.text(node, "reason", what)
        questions = _questions(node, check, what)
        if gid in taken:
            check.add(node.line, f"duplicate id {shown(gid)} (already used by a snippet or gap)")
        if len(check.problems) == before:
            taken.add(gid)
            gaps.append(Gap(id=gid, questions=questions, reason=reason, file=label,
                            line=node.line))
    return gaps, check.problems


def _load_snippet(raw: Any, check: Checker, sources: dict[str, str | None], label: str,
                  ) -> Snippet | None:
    line = raw.line if isinstance(raw, LineDict) else None
    named = raw.get("id") if isinstance(raw, dict) else None    # "missing 'summary'": of which
    node = check.mapping(raw, _SNIPPET_KEYS,
                         f"snippet {named}" if isinstance(named, str) else "snippet", line or 0)
    if node is None:
        return None
    before = len(check.problems)
    sid = check.ident(node, "id", "snippet")
    what = f"snippet {sid or '?'}"
    draft = node.get("draft", False)
    if not isinstance(draft, bool):
        check.add(node.line_of("draft"), f"{what}: 'draft' must be true or false")
    topic = check.text(node, "topic", what)
    summary = check.text(node, "summary", what, optional=draft is True)
    if summary is not None and len(summary) > MAX_SUMMARY_CHARS:
        check.add(node.line_of("summary"), f"{what}: summary is {len(summary)} characters; "
                                           f"keep it under {MAX_SUMMARY_CHARS}")
    questions = _questions(node, check, what, optional=draft is True)
    kind = _kind(node, check, what)
    speaker = _speaker(node, check, what)
    needs_speaker = kind in ATTRIBUTED_KINDS and draft is not True   # a draft's curator names it
    if needs_speaker and speaker is None and "speaker" not in node:
        check.add(node.line, f"{what}: an {kind.value} must name its speaker" if kind is Kind.OPINION
                  else f"{what}: a {kind.value} must name its speaker")
    evidence = _evidence(node, check, what, sources)
    owner = check.text(node, "owner", what, optional=True)
    last_reviewed = check.date(node, "reviewed", what)
    if len(check.problems) > before:
        return None
    return Snippet(id=sid, topic=topic, questions=questions, summary=summary or "", kind=kind,
                   evidence=evidence, speaker=speaker, file=label, line=node.line,
                   draft=draft is True, owner=owner, reviewed=last_reviewed)


def _questions(node: LineDict, check: Checker, what: str, *, optional: bool = False
               ) -> tuple[str, ...]:
    """``optional``: a draft's questions are left for its curator to write."""
    value = node.get("questions")
    if "questions" not in node:
        return ()
    if optional and value in (None, []):
        return ()
    if not isinstance(value, list) or not value:
        check.add(node.line_of("questions"), f"{what}: 'questions' must be a non-empty list")
        return ()
    bad = [at for at, q in enumerate(value) if not isinstance(q, str) or not q.strip()]
    if bad:
        check.add(item_line(node, "questions", bad[0]),
                  f"{what}: every question must be non-empty text")
    return tuple(q.strip() for q in value if isinstance(q, str) and q.strip())


def _kind(node: LineDict, check: Checker, what: str) -> Kind | None:
    value = node.get("kind")
    if "kind" not in node:
        return None
    try:
        return Kind(value)
    except ValueError:
        allowed = ", ".join(k.value for k in Kind)
        check.add(node.line_of("kind"), f"{what}: kind {shown(value)} is not one of {allowed}")
        return None


def _speaker(node: LineDict, check: Checker, what: str) -> Speaker | None:
    if "speaker" not in node:
        return None
    raw = check.mapping(node["speaker"], _SPEAKER_KEYS, f"{what} speaker", node.line_of("speaker"))
    if raw is None:
        return None
    name = check.text(raw, "name", f"{what} speaker")
    role = check.text(raw, "role", f"{what} speaker", optional=True)
    return Speaker(name=name, role=role) if name else None


def _evidence(node: LineDict, check: Checker, what: str,
              sources: dict[str, str]) -> tuple[Evidence, ...]:
    value = node.get("evidence")
    if "evidence" not in node:
        return ()
    if not isinstance(value, list) or not value:
        check.add(node.line_of("evidence"), f"{what}: 'evidence' must be a non-empty list")
        return ()
    result = []
    for raw in value:
        item = check.mapping(raw, _EVIDENCE_KEYS, f"{what} evidence", node.line_of("evidence"))
        if item is None:
            continue
        source = check.text(item, "source", f"{what} evidence")
        quote = check.text(item, "quote", f"{what} evidence")
        if source is None or quote is None:
            continue
        if source not in sources:
            if sources:  # with none declared, pack.yaml's own problem is the one to fix
                check.add(item.line_of("source"), f"{what}: unknown source id "
                                                  f"{shown(source)} (known: "
                                                  f"{', '.join(sorted(sources))})")
            continue
        text = sources[source]
        if text is None:  # declared, but did not load: reported there
            continue
        wanted = normalise_for_quote(quote)
        if wanted not in text:
            check.add(item.line_of("quote"), f"{what}: quote is not verbatim in source "
                                             f"{shown(source)}: {clip_shown(quote)}"
                                             f"{where_it_differs(wanted, text)}")
            continue
        result.append(Evidence(source_id=source, quote=quote))
    return tuple(result)


def _label(root: Path, file: Path) -> str:
    try:
        return str(file.relative_to(root.parent))
    except ValueError:
        return str(file)
