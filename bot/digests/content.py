"""What a digest says: the briefing's key points with their sources, then what changed.

A digest is an ``Answer`` (outcome ``DIGEST``), so the same renderers that draw answers draw
it natively on every platform. What "changed" means is decided by content hashes: each
delivery records the hash of every snippet it could show, and the next digest to the same
destination lists the snippets that are new or whose content differs since then.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass

from bot.answering import messages as msg
from bot.answering.answer import Answer, Outcome, Point, sourced_points
from bot.answering.choices import examples
from bot.errors import ConfigError
from bot.pack.model import Pack, Snippet

MIN_POINTS, MAX_POINTS = 3, 5
#: New and updated snippets listed at most; a pack overhaul is better read with /docket topics.
MAX_CHANGES = 5
#: Suggested follow-ups at the end ("Ask more: /docket …").
ASK_MORE = 3


@dataclass(frozen=True)
class DigestOptions:
    """What a digest includes: how many key points, and whether to list what changed."""

    points: int = MAX_POINTS
    changes: bool = True

    def __post_init__(self) -> None:
        if not MIN_POINTS <= self.points <= MAX_POINTS:
            raise ConfigError(f"points must be from {MIN_POINTS} to {MAX_POINTS}, "
                              f"got {self.points!r}")


def snippet_hash(snippet: Snippet) -> str:
    """A short hash of what a reader sees of a snippet; paraphrase questions do not count."""
    content = {"topic": snippet.topic, "summary": snippet.summary, "kind": snippet.kind.value,
               "speaker": snippet.speaker.label() if snippet.speaker else None,
               "evidence": [[e.source_id, e.quote] for e in snippet.evidence]}
    encoded = json.dumps(content, sort_keys=True, ensure_ascii=False).encode()
    return hashlib.sha256(encoded).hexdigest()[:16]


def fingerprint(pack: Pack) -> dict[str, str]:
    """Every snippet's hash, by id: what a delivery records so the next one can tell what changed."""
    return {snippet.id: snippet_hash(snippet) for snippet in pack.snippets}


def key_snippets(pack: Pack, count: int) -> list[Snippet]:
    """The curated highlights; failing those, the overview and then each topic's first snippet."""
    if pack.highlights:
        chosen = [pack.by_id[i] for i in pack.highlights]
    else:
        leads = [group[0] for group in pack.by_topic.values()]
        overview = pack.by_id.get(pack.overview or "")
        chosen = list(dict.fromkeys(([overview] if overview else []) + leads))
    return chosen[:count]


def changed_snippets(pack: Pack, previous: Mapping[str, str]) -> tuple[list[Snippet], list[Snippet]]:
    """(added, updated) since the fingerprint ``previous``, in pack order."""
    added = [s for s in pack.snippets if s.id not in previous]
    updated = [s for s in pack.snippets
               if s.id in previous and previous[s.id] != snippet_hash(s)]
    return added, updated


def build_digest(pack: Pack, options: DigestOptions, *, when: dt.datetime,
                 previous: Mapping[str, str] | None = None) -> Answer:
    """The digest for ``when`` (a local time: its date is shown), given the last one's fingerprint.

    With no previous delivery there is nothing to compare with, so no "new" section; a
    snippet that changed is shown under its change heading rather than twice.
    """
    added: list[Snippet] = []
    updated: list[Snippet] = []
    if options.changes and previous is not None:
        added, updated = changed_snippets(pack, previous)
    changed = {s.id for s in added + updated}
    key = [s for s in key_snippets(pack, options.points) if s.id not in changed]
    hidden = max(0, len(changed) - MAX_CHANGES)
    added = added[:MAX_CHANGES]
    updated = updated[:MAX_CHANGES - len(added)]
    sections = ([None] * len(key) + [msg.DIGEST_NEW] * len(added)
                + [msg.DIGEST_UPDATED] * len(updated))
    points, citations = sourced_points(pack, key + added + updated, sections)
    if options.changes and previous is not None and not changed:
        points += (Point(msg.DIGEST_NO_CHANGES, section=msg.DIGEST_NEW),)
    if hidden:
        points += (Point.line(msg.DIGEST_MORE_CHANGES, {"topics": "topics"}, count=hidden,
                              section=sections[-1]),)
    date = f"{when:%A} {when.day} {when:%B %Y}"
    headline = msg.DIGEST_HEADLINE.format(title=pack.title, date=date)
    return Answer(Outcome.DIGEST, "", headline, points, citations, confidence=1.0,
                  suggestions=examples(pack)[:ASK_MORE] + ("topics",),
                  note=pack.disclaimer)
