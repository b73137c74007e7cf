"""Answer quality on a question set, counted honestly: right, refused and wrong apart.

For a question the sources answer (in scope), the bot's answer is *right* when it carries every
expected fact (one word of each ``expect`` group, in its points or the quotes it shows) and
cites an expected source; *refused* when it declines; *wrong* when it answers without those
facts or sources. For a question they do not answer (out of scope), the bot should refuse;
answering is wrong. A confident wrong answer is worse than an honest refusal, so wrong answers
are listed first and any one of them fails ``docket eval`` by default.

For each refused in-scope question, the report also says whether a right answer was one click
away: among the "Did you mean" choices the refusal offered.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from bot.answering.answer import Answer, Outcome
from bot.answering.router import Router
from bot.errors import PackError, Problem
from bot.matching.text import normalise
from bot.pack.model import Pack
from bot.pack.yaml_lines import LineDict, load_yaml

RIGHT, REFUSED, WRONG = "right", "refused", "wrong"


#: The keys a case may have, in the order the README lists them.
_CASE_KEYS = ("q", "answer", "expect", "sources", "near")


@dataclass(frozen=True)
class Case:
    question: str
    answerable: bool
    expect: tuple[tuple[str, ...], ...] = ()
    sources: tuple[str, ...] = ()
    line: int = 0
    #: Out of scope, but reusing the sources' names and facts ("near-topic").
    near: bool = False
    #: Citing any one of ``sources`` is enough (the set says ``sources_needed: any``).
    any_source: bool = False


@dataclass(frozen=True)
class Result:
    case: Case
    verdict: str
    why: str
    snippets: tuple[str, ...]
    #: Refused in scope: whether a "Did you mean" choice would have answered it right.
    rescued: bool = False

    @property
    def passed(self) -> bool:
        return self.verdict == RIGHT

    @property
    def answered(self) -> bool:
        return self.verdict != REFUSED if self.case.answerable else self.verdict == WRONG


@dataclass(frozen=True)
class Report:
    results: tuple[Result, ...]

    def count(self, answerable: bool, verdict: str) -> int:
        return sum(r.case.answerable is answerable and r.verdict == verdict
                   for r in self.results)

    def total(self, answerable: bool) -> int:
        return sum(r.case.answerable is answerable for r in self.results)

    @property
    def in_scope(self) -> tuple[int, int]:
        return self.count(True, RIGHT), self.total(True)

    @property
    def out_of_scope(self) -> tuple[int, int]:
        return self.count(False, RIGHT), self.total(False)

    @property
    def accuracy(self) -> float:
        right, total = self.in_scope
        return right / total if total else 1.0

    @property
    def refusal(self) -> float:
        refused, total = self.out_of_scope
        return refused / total if total else 1.0

    @property
    def wrong(self) -> int:
        return sum(r.verdict == WRONG for r in self.results)

    @property
    def rescue(self) -> tuple[int, int]:
        """(refused in-scope questions a choice would answer right, refused in-scope questions)."""
        refused = [r for r in self.results if r.case.answerable and r.verdict == REFUSED]
        return sum(r.rescued for r in refused), len(refused)


def load_cases(path: Path, pack: Pack | None = None) -> list[Case]:
    """Read a question set; malformed cases are reported together, with line numbers, and
    with them, given the ``pack`` the set asks, every source id it does not have (such a case
    would be scored wrong whatever the answer, so the set is what needs fixing)."""
    data, problems = load_yaml(path)
    unknown: list[Problem] = []
    cases: list[Case] = []
    if not problems:
        items = data.get("cases") if isinstance(data, dict) else None
        if not isinstance(items, list) or not items:
            problems.append(Problem(str(path), None, "expected a mapping with a non-empty 'cases' list"))
            items = []
        needed = data.get("sources_needed", "all") if isinstance(data, dict) else "all"
        if needed not in ("all", "any"):
            problems.append(Problem(str(path), None, "'sources_needed' must be all or any"))
        for raw in items:
            case = _case(raw, str(path), problems, any_source=needed == "any")
            if case is not None:
                cases.append(case)
                if pack is not None:
                    unknown += _unknown_sources(raw, case, pack, str(path))
    problems += _once_each(unknown)
    if problems:
        raise PackError(problems, what="question set")
    return cases


def _unknown_sources(raw: object, case: Case, pack: Pack, file: str) -> list[Problem]:
    at = _line_of(raw, "sources") or case.line or None
    return [Problem(file, at, f"source {source!r} is not in pack {pack.id!r} "
                    f"(its sources: {', '.join(sorted(pack.sources))})")
            for source in case.sources if source not in pack.sources]


def _once_each(problems: list[Problem], shown: int = 5) -> list[Problem]:
    """The same mistake on many cases (a set written with one wrong source id) reported once,
    at its first line, with the others' lines, rather than once a case."""
    lines: dict[str, list[Problem]] = {}
    for problem in problems:
        lines.setdefault(problem.message, []).append(problem)
    grouped = []
    for message, found in lines.items():
        others = [str(p.line) for p in found[1:] if p.line is not None]
        if others:
            more = f", and {len(others) - shown} more" if len(others) > shown else ""
            message += f"; also at lines {', '.join(others[:shown])}{more}"
        grouped.append(Problem(found[0].file, found[0].line, message))
    return grouped


def _line_of(raw: object, key: str) -> int | None:
    """The line of ``key`` in a case, where a problem with it is (the case's own line when
    the key is missing, or the case did not come from YAML with its lines)."""
    return raw.line_of(key) if isinstance(raw, LineDict) else getattr(raw, "line", None)


def _case(raw: object, file: str, problems: list[Problem], *, any_source: bool) -> Case | None:
    line = getattr(raw, "line", None)
    if not isinstance(raw, dict) or not isinstance(raw.get("q"), str) or not raw["q"].strip():
        problems.append(Problem(file, line, "each case needs a non-empty 'q'"))
        return None
    unknown = sorted(str(k) for k in raw if k not in _CASE_KEYS)
    if unknown:   # a misspelt "expects" would otherwise drop the check silently
        problems.append(Problem(file, _line_of(raw, unknown[0]), f"unknown key "
                                f"{', '.join(map(repr, unknown))} (a case has "
                                f"{', '.join(_CASE_KEYS)})"))
        return None
    if not isinstance(raw.get("answer"), bool):
        problems.append(Problem(file, line, "each case needs 'answer: true' or 'answer: false'"))
        return None
    expect = raw.get("expect") or []
    sources = raw.get("sources") or []
    if not all(isinstance(g, list) and g and all(isinstance(w, str) for w in g) for g in expect):
        problems.append(Problem(file, _line_of(raw, "expect"),
                                "'expect' must be a list of lists of words"))
        return None
    if not all(isinstance(s, str) for s in sources):
        problems.append(Problem(file, _line_of(raw, "sources"),
                                "'sources' must be a list of source ids"))
        return None
    return Case(raw["q"].strip(), raw["answer"], tuple(tuple(g) for g in expect),
                tuple(sources), line or 0, bool(raw.get("near", False)), any_source)


def run_case(router: Router, case: Case) -> Result:
    answer = router.route(case.question)
    answered = answer.outcome is Outcome.ANSWER
    if not case.answerable:
        if not answered:
            return Result(case, RIGHT, "", ())
        return Result(case, WRONG, f"answered with {', '.join(answer.snippet_ids)}",
                      answer.snippet_ids)
    if not answered:
        rescued = any(not _shortfalls(router.route(choice.question), case)
                      for choice in answer.choices)
        why = answer.points[0].text if answer.points else answer.outcome.value
        return Result(case, REFUSED, f"refused: {why}", (), rescued)
    reasons = _shortfalls(answer, case)
    return Result(case, WRONG if reasons else RIGHT, "; ".join(reasons), answer.snippet_ids)


def _shortfalls(answer: Answer, case: Case) -> list[str]:
    """What keeps ``answer`` from being right for ``case``: missing facts or sources.

    The facts are looked for in everything the answer shows: its points and the quotes it
    cites. A question set's expected words are the source's own, and an answer that quotes the
    clause asked about carries them even where the curator's summary puts them in other words
    ("licences" for "licenses").
    """
    if answer.outcome is not Outcome.ANSWER:
        return ["no answer"]
    shown = [answer.plain_text()] + [c.excerpt() for c in answer.citations]
    text = _folded("\n".join(shown))
    reasons = [f"answer lacks {'/'.join(g)}" for g in case.expect
               if not any(_folded(w) in text for w in g)]
    cited = {c.source_id for c in answer.citations}
    if case.any_source and case.sources and not cited & set(case.sources):
        reasons.append(f"cites none of {', '.join(case.sources)}")
    if not case.any_source:
        reasons += [f"does not cite {s}" for s in case.sources if s not in cited]
    return reasons


def _folded(text: str) -> str:
    """Lower case, spacing and typography folded: a quote wrapped over two lines, or one that
    writes "don’t" where the question set typed "don't", still holds its phrase."""
    return " ".join(normalise(text).replace("“", '"').replace("”", '"').split())


def evaluate(router: Router, cases: list[Case]) -> Report:
    return Report(tuple(run_case(router, case) for case in cases))


def format_report(report: Report, *, failures_only: bool = False) -> str:
    """Wrong answers first (the worst outcome), then refusals, then the rest; totals last."""
    order = {WRONG: 0, REFUSED: 1, RIGHT: 2}
    numbered = sorted(enumerate(report.results, 1), key=lambda n: order[n[1].verdict])
    rows = ["  #  want     verdict  question / why"]
    for number, r in numbered:
        if failures_only and r.passed:
            continue
        want = "answer" if r.case.answerable else "refuse"
        verdict = r.verdict.upper() if r.verdict == WRONG else r.verdict
        question = r.case.question if len(r.case.question) <= 60 else r.case.question[:59] + "…"
        rows.append(f"{number:3d}  {want:7s}  {verdict:7s}  {question}")
        if not r.passed:
            rescued = " (a Did-you-mean choice answers it)" if r.rescued else ""
            rows.append(f"{'':22s}  -> {r.why}{rescued} [{', '.join(r.snippets) or 'no snippet'}]")
    rows.append("")
    rows += summary(report)
    return "\n".join(rows)


def summary(report: Report) -> list[str]:
    ins, outs = report.total(True), report.total(False)
    right, refused, wrong = (report.count(True, v) for v in (RIGHT, REFUSED, WRONG))
    out_refused, answered = report.count(False, RIGHT), report.count(False, WRONG)
    rescued, refusals = report.rescue
    lines = [f"in scope ({ins}):      right {right} ({_pct(right, ins)}), refused {refused}, "
             f"wrong {wrong}",
             f"out of scope ({outs}): refused {out_refused} ({_pct(out_refused, outs)}), "
             f"answered {answered}"]
    if refusals:
        lines.append(f"refused in scope with a right Did-you-mean choice: {rescued}/{refusals} "
                     f"({_pct(rescued, refusals)})")
    return lines


def _pct(part: int, whole: int) -> str:
    return f"{part / whole:.1%}" if whole else "n/a"
