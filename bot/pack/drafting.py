"""A curator's tools for building a pack: a new pack that validates, drafts from an article,
and what of the sources no snippet quotes yet.

Writing a snippet by hand means copying a quote verbatim and judging what kind of statement it
is; that is most of the 20-40 minutes a three-snippet pack took. ``draft`` does the copying
(each quote is a sentence of the article, so it validates by construction) and a first guess
at the kind and speaker; the curator writes the summary and questions, checks the guess, and
removes ``draft: true``. Until then a draft is validated but never answered.
"""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

import yaml

from bot.errors import DocketError
from bot.pack import speakers
from bot.pack.datelines import byline, dateline, framing_lines
from bot.pack.files import MAX_TEXT_BYTES, read_text
from bot.pack.loader import PACK_FILE, SNIPPET_DIR
from bot.pack.model import Pack, normalise_for_quote, published
from bot.pack.yaml_lines import load_yaml

#: A sentence ends at . ! or ? (and any closing quote or bracket, kept with it) before a space
#: and a capital, a digit or an opening quote, except after an abbreviation that never ends
#: one ("e.g. 72 hours"); a line break ends one too, unless it only wraps a long line
#: (``_unwrapped``).
_SENTENCE_END = re.compile(r"(?:(?<=[.!?])(?<!\be\.g\.)(?<!\bi\.e\.)(?<!\bvs\.)(?<!\bcf\.)"
                           r"(?<!\bMr\.)(?<!\bMs\.)(?<!\bDr\.)(?<!\bMrs\.)"
                           r"|(?<=[.!?][\"'”’)\]]))\s+(?=[\"'“‘(\[A-Z0-9])|\n+")
#: A line this long, followed by more text, is wrapped unless it ends a sentence (. ! ? or :,
#: then any closing quote or bracket).
_LONG_LINE = 40
_ENDS_SENTENCE = re.compile(r"[.!?:][\"'”’)\]]*\s*$")
_DOUBLE_QUOTES = re.compile(r"[\"“”]")
#: Markdown's line starts: a heading, a code fence, a table row, a list item (or a plain-text
#: file's "--" or "•" item), a quoted line.
_HEADING, _FENCE, _ROW = r"#{1,6}\s", r"```|~~~", r"\|"
_ITEM_MARK = r"[-*+•]|--|\d{1,3}[.)]"
_ITEM = rf"(?:{_ITEM_MARK})\s"
#: A block of its own, never wrapped into the line before it.
_BLOCK = re.compile(rf"^\s*(?:{_HEADING}|{_FENCE}|{_ROW}|{_ITEM}|>)")
#: A heading, fence or table row ends where its line does: nothing wraps onto it.
_WHOLE_LINE = re.compile(rf"^\s*(?:{_HEADING}|{_FENCE}|{_ROW})")
#: A list item's marker or a quoted line's ">": no words of the sentence after it.
_MARKER = re.compile(rf"^(?:{_ITEM_MARK}|>)\s+")
_HEADING_OR_FENCE = re.compile(rf"^(?:{_HEADING}|{_FENCE})")
#: A table of contents' entries and an HTML comment ("<!-- contents -->"): a page's navigation.
_NAVIGATION = re.compile(r"^(?:<!--.*?-->|(?:\[[^\]]*\]\([^)\s]*\)[\s,]*)+)$")
#: A fenced code block: commands and code, no sentences of the text (blanked, same length).
_CODE_BLOCK = re.compile(r"^[ \t]*(```|~~~).*?^[ \t]*\1[^\n]*$", re.MULTILINE | re.DOTALL)
_LETTER = re.compile(r"[^\W\d_]")
#: The source ``docket new`` writes so a new pack validates; ``docket validate`` warns of it
#: once the pack has sources of its own.
PLACEHOLDER_SOURCE = "about"
PLACEHOLDER_NOTE = "written by docket new, not a published source"
_ABOUT = ("This briefing pack was created with docket new and has no sources of its own yet. "
          "Its curators add articles with docket draft, then turn the drafts into snippets.\n")


class DraftingError(DocketError):
    """A pack or article the tools cannot work with, said in one line."""


@dataclass(frozen=True)
class Passage:
    """One sentence of a source, where it sits in the source's folded text. ``continues``: it
    starts inside a quotation an earlier sentence of the same paragraph opened, so the same
    person is speaking."""

    text: str
    start: int
    end: int
    continues: bool = False
    #: The first sentence of its paragraph (a line break came before it).
    opens_paragraph: bool = True


def _unwrapped(text: str) -> str:
    """``text`` with the line breaks that only wrap a long line (plain-text articles wrapped at
    72 columns) turned into spaces; same length, so positions stay."""
    lines = text.split("\n")
    first = next((i for i, line in enumerate(lines) if line.strip()), -1)
    out = []
    for number, line in enumerate(lines):
        out.append(line)
        if number < len(lines) - 1:
            following = lines[number + 1].strip()
            wraps = (len(line.strip()) >= _LONG_LINE and not _ENDS_SENTENCE.search(line)
                     and bool(following) and not _WHOLE_LINE.match(line)
                     and not _BLOCK.match(following)
                     and not (number == first and _heads(line, following)))
            out.append(" " if wraps else "\n")
    return "".join(out)


def _heads(line: str, following: str) -> bool:
    """Whether an article's first line is its headline rather than the start of a wrapped
    sentence: it reads as a headline and is written in title case (every word of four letters
    or more capitalised), or the next line starts a sentence of its own."""
    if headline(line) is None:
        return False
    long_words = [w for w in line.split() if len(w) > 3]
    title_case = bool(long_words) and all(w[0].isupper() for w in long_words)
    return title_case or following[:1].isupper()


def sentences(text: str) -> list[Passage]:
    """The source's sentences, verbatim up to spacing, each with its span in
    ``normalise_for_quote(text)``."""
    found: list[Passage] = []
    folded_from, inside, at_piece, fresh = 0, False, 0, True
    folded = normalise_for_quote(text)      # line breaks fold as spaces: no unwrapping needed
    text = _unwrapped(_CODE_BLOCK.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text))
    for end_mark in [*_SENTENCE_END.finditer(text), None]:
        raw = text[at_piece:end_mark.start() if end_mark else len(text)]
        ending = end_mark.group(0) if end_mark else ""
        at_piece = end_mark.end() if end_mark else len(text)
        piece = _MARKER.sub("", raw.strip())
        continues, opens = inside, fresh
        if len(_DOUBLE_QUOTES.findall(raw + ending)) % 2:     # a quotation opens or closes
            inside = not inside
        fresh = "\n" in ending
        if fresh:                   # a quotation is followed no further than its paragraph
            inside = False
        if not _LETTER.search(piece) or _HEADING_OR_FENCE.match(piece) or \
                _NAVIGATION.match(piece):
            continue                # a bare list number, a heading, a code fence, a contents
        wanted = normalise_for_quote(piece)
        at = folded.find(wanted, folded_from)
        if at < 0:
            continue
        found.append(Passage(piece, at, at + len(wanted), continues, opens))
        folded_from = at + len(wanted)
    return found


def quotations(passages: list[Passage]) -> list[list[Passage]]:
    """Sentences grouped by who speaks: a quotation running over several sentences is one
    group (one speaker), every other sentence a group of its own."""
    groups: list[list[Passage]] = []
    for passage in passages:
        if passage.continues and groups:
            groups[-1].append(passage)
        else:
            groups.append([passage])
    return groups


def headline(text: str) -> str | None:
    """The article's first line when it reads as a headline: short, and not a sentence."""
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    first = re.sub(r"^#{1,6}\s+", "", first)        # a Markdown heading's marks are no title
    if 0 < len(first) <= 150 and not first.endswith((".", ",", ";", ":")) and \
            len(first.split()) >= 3:
        return first
    return None


def slug(text: str) -> str:
    """A pack or source id from a name: lowercase letters, digits and hyphens."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60] or "source"


def new_pack(directory: Path, title: str | None = None) -> Path:
    """A pack skeleton that validates: its one source and snippet say the pack is new. Its
    title is ``title``, else one made from the directory's name ("bus-lanes": "Bus Lanes")."""
    if directory.exists() and not directory.is_dir():
        raise DraftingError(f"{directory} is a file, not a directory")
    if directory.exists() and any(directory.iterdir()):
        raise DraftingError(f"{directory} already exists and is not empty")
    pack_id = slug(directory.resolve().name)
    try:
        (directory / "sources").mkdir(parents=True, exist_ok=True)
    except OSError as exc:          # a file where a folder should be, or nowhere to write
        raise DraftingError(f"cannot create {directory}: {exc.strerror}") from None
    (directory / SNIPPET_DIR).mkdir(exist_ok=True)
    (directory / "sources" / "about.txt").write_text(_ABOUT, encoding="utf-8")
    (directory / PACK_FILE).write_text(
        f"id: {_yaml_value('id', pack_id)}\n"
        f"title: {json.dumps(title or directory.resolve().name.replace('-', ' ').title())}\n"
        "description: A briefing pack; each answer quotes its sources verbatim.\n"
        "disclaimer: Summaries of the sources, with quotes.\n"
        "overview: about-this-pack   # the snippet that answers \"what is this about?\"\n"
        "sources:\n"
        "  - id: about\n    file: sources/about.txt\n    title: About this pack\n"
        "    outlet: null\n    author: null\n    date: null\n"
        f"    unknown: {PLACEHOLDER_NOTE}; delete it once the pack has sources of its own\n",
        encoding="utf-8")
    (directory / SNIPPET_DIR / "00-about.yaml").write_text(yaml.safe_dump({"snippets": [{
        "id": "about-this-pack", "topic": "this pack",
        "questions": ["what is this pack", "what does this pack cover"],
        "summary": "This pack is new: its curators are still adding its sources.",
        "kind": "fact",
        "evidence": [{"source": "about", "quote": _ABOUT.split(". ")[0] + "."}]}]},
        sort_keys=False, allow_unicode=True, width=100), encoding="utf-8")
    return directory


class Drafted(NamedTuple):
    """What ``draft_article`` wrote, and which source fields it read from the article."""

    file: Path
    count: int
    read: dict[str, str]


def draft_article(article: Path, pack_dir: Path, *, source_id: str | None = None,
                  title: str | None = None, outlet: str | None = None,
                  author: str | None = None, date: str | None = None) -> Drafted:
    """Add ``article`` to the pack's sources and write ``snippets/drafts-<id>.yaml``. An
    author or date not given is read from the article's byline and dateline, if it has
    them."""
    if not (pack_dir / PACK_FILE).is_file():
        raise DraftingError(f"{pack_dir} is not a briefing pack (no {PACK_FILE}); make one with "
                            f"docket new {pack_dir}")
    if source_id is not None and slug(source_id) != source_id:
        raise DraftingError(f"--source-id {source_id!r} must be lowercase letters, digits and "
                            f"hyphens, as every id in a pack is (for example {slug(source_id)!r})")
    text = _read_article(article)
    sid = slug(source_id or article.stem)
    if date is not None and published(date) is None:
        raise DraftingError(f"--date {date!r} must be YYYY-MM-DD, YYYY-MM or YYYY")
    target = pack_dir / "sources" / f"{sid}.txt"
    drafts_file = pack_dir / SNIPPET_DIR / f"drafts-{sid}.yaml"
    if target.exists() or drafts_file.exists():
        raise DraftingError(f"the pack already has a source {sid!r}; choose another "
                            "--source-id")
    read = {key: value for key, value in (("author", None if author else byline(text)),
                                          ("date", None if date else dateline(text))) if value}
    author, date = author or read.get("author"), date or read.get("date")
    # The headline is cited as the title, a byline or dateline as author and date: no claims.
    framing = {normalise_for_quote(line) for line in
               [*framing_lines(text), title or headline(text) or ""]}
    drafts = _drafts(sid, [p for p in sentences(text)
                           if normalise_for_quote(p.text) not in framing])
    pack_file = pack_dir / PACK_FILE
    before = pack_file.read_text(encoding="utf-8")
    target.parent.mkdir(exist_ok=True)
    shutil.copyfile(article, target)
    try:
        pack_file.write_text(_with_source(before, sid, {
            "file": f"sources/{sid}.txt",
            "title": title or headline(text) or article.stem.replace("-", " "),
            "outlet": outlet, "author": author, "date": date}), encoding="utf-8")
        data, problems = load_yaml(pack_file)
        if problems or sid not in [s.get("id") for s in (data or {}).get("sources") or []
                                   if isinstance(s, dict)]:
            raise DraftingError(f"could not add the source to {pack_file}; add it by hand")
    except BaseException:
        pack_file.write_text(before, encoding="utf-8")
        target.unlink(missing_ok=True)
        raise
    drafts_file.write_text(
        f"# Drafts from sources/{sid}.txt, written by docket draft. For each one worth keeping:\n"
        "# write its summary and questions, check its kind and speaker, then delete\n"
        "# `draft: true`. Delete the ones not worth keeping. Drafts are never answered.\n"
        + yaml.safe_dump({"snippets": drafts}, sort_keys=False, allow_unicode=True, width=100),
        encoding="utf-8")
    return Drafted(drafts_file, len(drafts), read)


def uncovered(pack: Pack) -> dict[str, tuple[int, list[str]]]:
    """For each source: how many sentences it has, and those no snippet (or draft) quotes."""
    quoted: dict[str, list[tuple[int, int]]] = {}
    folded_sources = {sid: normalise_for_quote(s.text) for sid, s in pack.sources.items()}
    for snippet in pack.snippets + pack.drafts:
        for evidence in snippet.evidence:
            folded = folded_sources[evidence.source_id]
            wanted = normalise_for_quote(evidence.quote)
            at = folded.find(wanted)
            while at >= 0 and wanted:         # a passage the text repeats is quoted each time
                quoted.setdefault(evidence.source_id, []).append((at, at + len(wanted)))
                at = folded.find(wanted, at + len(wanted))
    found = {}
    for sid, source in pack.sources.items():
        spans = quoted.get(sid, [])
        # The source's own headline is cited as its title, so it is no sentence to quote.
        title = normalise_for_quote(source.title)
        passages = [p for p in sentences(source.text) if normalise_for_quote(p.text) != title]
        missing = [" ".join(p.text.split()) for p in passages
                   if not any(start < p.end and p.start < end for start, end in spans)]
        found[sid] = (len(passages), missing)
    return found


def _read_article(article: Path) -> str:
    text, problem = read_text(article, str(article), MAX_TEXT_BYTES)
    if problem is not None or text is None:
        raise DraftingError(str(problem))
    if not text.strip():
        raise DraftingError(f"{article} is empty")
    return text


def _drafts(source_id: str, passages: list[Passage]) -> list[dict[str, object]]:
    """One draft per claim-bearing sentence. The sentences of one quotation share its speaker
    and kind, wherever in it the speaker is named ("…laws. This program…," X said), and a
    quotation followed by a line naming someone alone is theirs ("Jane Doe."); a quotation
    with no speaker of its own, in the paragraph of one that has one, continues it
    ('"…," Becker said. "Shops will close."')."""
    groups = quotations(passages)
    found: list[tuple[list[str], str | None, bool, bool]] = []
    quoting: str | None = None         # who was last quoted in this paragraph
    for index, group in enumerate(groups):
        if group[0].opens_paragraph:
            quoting = None
        texts = [p.text for p in group]
        quoted = any(speakers.has_quote_mark(t) for t in texts)
        said = next((name for t in texts if (name := speakers.speaker(t))), None)
        unattributed = not any(map(speakers.attributed, texts))
        follower = groups[index + 1][0].text if index + 1 < len(groups) else ""
        continued = False
        if said is None and quoted and unattributed:
            said = speakers.name_line(follower) or quoting
            continued = said is not None
        if quoted and said:
            quoting = said
        found.append((texts, said, said is not None or not unattributed, continued))
    names = speakers.full_names([said for _, said, _, _ in found])
    drafts: list[dict[str, object]] = []
    for (texts, _, is_attributed, continued), said in zip(found, names):
        for text in texts:
            if speakers.claim_bearing(text) or (is_attributed and len(texts) > 1) or (
                    continued and len(text) >= MIN_CONTINUED_CHARS):
                drafts.append(_draft(source_id, len(drafts) + 1, text, said, is_attributed))
    return drafts


#: A quotation that continues its speaker's ('"…," Becker said. "Shops will close."') is their
#: claim however short, down to a few words.
MIN_CONTINUED_CHARS = 12


def _draft(source_id: str, number: int, sentence: str, speaker: str | None,
           is_attributed: bool) -> dict[str, object]:
    """A sentence that attributes its words is a claim (or opinion) even when the speaker
    cannot be read from it: the draft then names none, and once ``draft: true`` is removed
    ``docket validate`` insists the curator does."""
    draft: dict[str, object] = {"id": f"{source_id}-d{number:02d}", "draft": True,
                                "topic": source_id.replace("-", " "),
                                "kind": speakers.kind_of(sentence, is_attributed)}
    if speaker:
        draft["speaker"] = {"name": speaker}
    draft |= {"summary": None, "questions": [],
              "evidence": [{"source": source_id, "quote": " ".join(sentence.split())}]}
    return draft


def _yaml_value(key: str, value: str | None) -> str:
    if not value:
        return "null"
    # a date is a YAML date, unquoted; an id plain unless YAML would read it as something
    # else ("2026", "yes"); anything else a string, its letters as typed
    if key == "date" or (key == "id" and isinstance(yaml.safe_load(value), str)):
        return value
    return json.dumps(value, ensure_ascii=False)


def _with_source(text: str, sid: str, fields: dict[str, str | None]) -> str:
    """``pack.yaml`` with one more entry at the end of its ``sources:`` list, written as text
    so the curator's comments and layout stay as they were."""
    missing = [k for k in ("outlet", "author", "date") if not fields.get(k)]
    lines = text.splitlines()
    start = next((i for i, line in enumerate(lines) if re.match(r"^sources:\s*(#.*)?$", line)),
                 None)
    if start is None:
        raise DraftingError("pack.yaml has no block 'sources:' list to add the article to")
    end = start + 1
    while end < len(lines) and (not lines[end].strip() or lines[end][:1] in (" ", "-", "#")):
        end += 1
    while end > start + 1 and not lines[end - 1].strip():
        end -= 1
    item = next((re.match(r"^(\s*)- ", line) for line in lines[start + 1:end]
                 if re.match(r"^\s*- ", line)), None)
    dash = item.group(1) if item else "  "
    pad = dash + "  "
    entry = [f"{dash}- id: {_yaml_value('id', sid)}"]
    entry += [f"{pad}{key}: {_yaml_value(key, value)}" for key, value in fields.items()]
    if missing:     # shown in every sources reply, so it says what the article lacks
        stated = ", ".join(missing).replace(", " + missing[-1], " or " + missing[-1])
        missing_line = _yaml_value("unknown", f"The document states no {stated}.")
        entry.append(f"{pad}unknown: {missing_line}")
    return "\n".join(lines[:end] + entry + lines[end:]) + "\n"
