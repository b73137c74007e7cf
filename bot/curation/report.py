"""``docket curate report`` and ``/docket curate``: what the pack missed, what people found
unhelpful, what nobody uses, and what is due for review.

Refused questions are grouped by similarity: two questions whose content terms (as the pack's
own vocabulary reads them: synonyms folded, fillers dropped, stems taken) overlap by at least
half are one group, shown by its most frequent wording. A group is a paraphrase to add to a
snippet, or a gap to write, or a snippet the pack still lacks.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from bot.answering.messages import plural
from bot.curation.store import ANSWERED, REFUSED, Asked, CurationStore, Vote
from bot.matching.text import Vocabulary
from bot.pack.model import Pack
from bot.pack.review import Stale, days_or_weeks, stale

#: How much two refused questions' terms must overlap (Jaccard) to be one group.
SIMILAR = 0.5
NOT_KEPT = "(question not kept: curation.log_questions is off)"


def parse_period(text: str, longest: int = 3650) -> dt.timedelta | None:
    """``7d`` or ``4w``; None when it is neither or longer than ``longest`` days."""
    period = days_or_weeks(text)
    return period if period is not None and period.days <= longest else None


@dataclass(frozen=True)
class RefusedGroup:
    """Refused questions that ask much the same thing."""

    question: str
    asked: int
    people: int
    wordings: tuple[str, ...]
    closest: tuple[str, ...]
    last: dt.datetime


@dataclass(frozen=True)
class SnippetFeedback:
    """Votes on the answers one snippet was part of."""

    snippet: str
    helpful: int
    not_helpful: int
    questions: tuple[str, ...] = ()


@dataclass(frozen=True)
class Report:
    pack: str
    version: str
    since: dt.datetime
    answered: int
    refused: int
    people: int
    helpful: int
    not_helpful: int
    refused_groups: tuple[RefusedGroup, ...]
    least_helpful: tuple[SnippetFeedback, ...]
    #: None when answers are not recorded (``curation: feedback: false``): nothing to count.
    never_used: tuple[str, ...] | None
    total_snippets: int
    stale: tuple[Stale, ...] = field(default=())
    #: Refused questions whose text the config did not keep (``log_questions: false``).
    unworded: int = 0

    def stale_by_owner(self) -> dict[str, list[Stale]]:
        owners: dict[str, list[Stale]] = {}
        for item in self.stale:
            owners.setdefault(item.snippet.owner or "no owner", []).append(item)
        return owners

    def to_json(self) -> dict[str, Any]:
        return {
            "pack": self.pack, "pack_version": self.version, "since": self.since.isoformat(),
            "answered": self.answered, "refused": self.refused, "refused_by": self.people,
            "helpful": self.helpful, "not_helpful": self.not_helpful,
            "refused_questions": [
                {"question": g.question, "asked": g.asked, "people": g.people,
                 "wordings": list(g.wordings), "closest": list(g.closest),
                 "last": g.last.isoformat()} for g in self.refused_groups],
            "least_helpful": [{"snippet": s.snippet, "helpful": s.helpful,
                               "not_helpful": s.not_helpful, "questions": list(s.questions)}
                              for s in self.least_helpful],
            "never_used": list(self.never_used) if self.never_used is not None else None,
            "refused_without_text": self.unworded,
            "stale": [{"snippet": s.snippet.id, "owner": s.snippet.owner,
                       "due": s.due.isoformat() if s.due else None,
                       "file": s.snippet.file, "line": s.snippet.line} for s in self.stale],
        }


def build_report(store: CurationStore, pack: Pack, version: str, *, since: dt.datetime,
                 today: dt.date | None = None, answers_recorded: bool = True) -> Report:
    """What was asked of ``pack`` (by its id: packs may share a database) since ``since``.
    ``answers_recorded``: whether answers are kept at all (``curation: feedback``), without
    which no snippet can be said to be unused."""
    rows = store.asked_since(since, pack.id)
    refused = [r for r in rows if r.outcome == REFUSED]
    answered = [r for r in rows if r.outcome == ANSWERED]
    votes = store.votes_since(since, pack.id)
    used = {s for r in answered for s in r.snippets}
    return Report(
        pack=pack.id, version=version, since=since, answered=len(answered),
        refused=len(refused), people=len({r.asker for r in refused if r.asker}),
        helpful=sum(v.helpful for v in votes), not_helpful=sum(not v.helpful for v in votes),
        refused_groups=tuple(group_refused(refused, Vocabulary(pack.lexicon))),
        least_helpful=tuple(least_helpful(votes, set(pack.by_id))),
        never_used=tuple(s.id for s in pack.snippets if s.id not in used)
        if answers_recorded else None,
        total_snippets=len(pack.snippets), stale=tuple(stale(pack, today)),
        unworded=sum(r.question is None for r in refused))


def group_refused(rows: list[Asked], vocabulary: Vocabulary) -> list[RefusedGroup]:
    """Most asked first. Each wording joins the first group whose terms it overlaps enough."""
    by_text: dict[str, list[Asked]] = {}
    for row in rows:
        if row.question is not None:
            by_text.setdefault(" ".join(row.question.lower().split()), []).append(row)
    wordings = sorted(by_text.items(), key=lambda item: -len(item[1]))
    groups: list[tuple[frozenset[str], list[str], list[Asked]]] = []
    by_term: dict[str, list[int]] = {}       # the groups whose first wording has each term
    for text, asked in wordings:
        terms = frozenset(vocabulary.terms(text)) or frozenset(text.split())
        for number in sorted({g for t in terms for g in by_term.get(t, ())}):
            group_terms, texts, members = groups[number]
            if len(terms & group_terms) / len(terms | group_terms) >= SIMILAR:
                texts.append(asked[0].question or text)
                members.extend(asked)
                break
        else:
            for term in terms:
                by_term.setdefault(term, []).append(len(groups))
            groups.append((terms, [asked[0].question or text], list(asked)))
    found = []
    for _, texts, members in groups:
        closest = Counter(s for m in members for s in m.snippets)
        found.append(RefusedGroup(texts[0], len(members), len({m.asker for m in members
                                                               if m.asker}) or 1,
                                  tuple(texts), tuple(s for s, _ in closest.most_common(3)),
                                  max(m.asked_at for m in members)))
    return sorted(found, key=lambda g: (-g.asked, -g.people, g.question))


def least_helpful(votes: list[Vote], known: set[str]) -> list[SnippetFeedback]:
    """Every snippet someone marked not helpful, worst first (most not-helpful votes net of
    helpful ones), with the questions people found it unhelpful for."""
    good: Counter[str] = Counter()
    bad: Counter[str] = Counter()
    questions: dict[str, list[str]] = {}
    for vote in votes:
        for snippet in vote.answer.snippets:
            (good if vote.helpful else bad)[snippet] += 1
            if not vote.helpful:
                asked = questions.setdefault(snippet, [])
                text = vote.answer.question or NOT_KEPT
                if text not in asked:
                    asked.append(text)
    worst = [SnippetFeedback(s, good[s], bad[s], tuple(questions.get(s, ())[:5]))
             for s in bad]
    return sorted(worst, key=lambda f: (f.helpful - f.not_helpful, -f.not_helpful,
                                        f.snippet not in known, f.snippet))


def format_report(report: Report) -> str:
    """The report as text for a terminal."""
    lines = [f"Curation report for {report.pack} (version {report.version}), since "
             f"{report.since:%Y-%m-%d %H:%M} UTC",
             f"  {report.answered} answered, {report.refused} refused (by "
             f"{plural(report.people, 'person', 'people')}); {report.helpful} helpful, "
             f"{report.not_helpful} not helpful", ""]
    lines.append(f"Refused questions ({plural(len(report.refused_groups), 'group')})")
    if report.unworded:
        lines.append(f"  {plural(report.unworded, 'refusal')} without its question (the config "
                     "keeps no question text: curation.log_questions is off)")
    for group in report.refused_groups:
        lines.append(f"  {group.asked:>4}× by {plural(group.people, 'person', 'people')}: "
                     f"{group.question}")
        lines += [f"          also: {w}" for w in group.wordings[1:4]]
        if group.closest:
            lines.append(f"          closest: {', '.join(group.closest)}")
    lines += ["", f"Marked not helpful ({plural(len(report.least_helpful), 'snippet')}, "
                  "worst first)"]
    for item in report.least_helpful:
        lines.append(f"  {item.snippet}: not helpful {item.not_helpful}, helpful {item.helpful}")
        lines += [f"          for: {q}" for q in item.questions]
    if report.never_used is None:
        lines += ["", "Never used in an answer: not known (answers are not recorded: "
                      "curation.feedback is off)"]
    else:
        lines += ["", f"Never used in an answer ({len(report.never_used)} of "
                      f"{report.total_snippets})"]
        lines += [f"  {snippet}" for snippet in report.never_used]
    lines += ["", f"Past review ({len(report.stale)})"]
    for owner, items in report.stale_by_owner().items():
        lines.append(f"  {owner}:")
        lines += [f"    {s.snippet.id} ({s.snippet.file}:{s.snippet.line}), "
                  f"{'due ' + s.due.isoformat() if s.due else 'never reviewed'}" for s in items]
    return "\n".join(lines)
