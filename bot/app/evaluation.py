"""Answer quality on a question set: does the router answer what it should, with the right facts and sources, and refuse the rest?

A case passes only if every expected word group is in the answer text and every
expected source is cited; an out-of-scope case passes only if the bot refuses.
Refusing an in-scope question and answering an out-of-scope one both fail.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from bot.answering.answer import Outcome
from bot.errors import PackError, Problem
from bot.answering.router import Router
from bot.pack.yaml_lines import load_yaml


@dataclass(frozen=True)
class Case:
    question: str
    answerable: bool
    expect: tuple[tuple[str, ...], ...] = ()
    sources: tuple[str, ...] = ()
    line: int = 0


@dataclass(frozen=True)
class Result:
    case: Case
    answered: bool
    passed: bool
    why: str
    snippets: tuple[str, ...]


@dataclass(frozen=True)
class Report:
    results: tuple[Result, ...]

    def _rate(self, answerable: bool) -> tuple[int, int]:
        group = [r for r in self.results if r.case.answerable is answerable]
        return sum(r.passed for r in group), len(group)

    @property
    def in_scope(self) -> tuple[int, int]:
        return self._rate(True)

    @property
    def out_of_scope(self) -> tuple[int, int]:
        return self._rate(False)

    @property
    def accuracy(self) -> float:
        passed, total = self.in_scope
        return passed / total if total else 1.0

    @property
    def refusal(self) -> float:
        passed, total = self.out_of_scope
        return passed / total if total else 1.0


def load_cases(path: Path) -> list[Case]:
    """Read a question set; malformed cases are reported together, with line numbers."""
    data, problems = load_yaml(path)
    cases: list[Case] = []
    if not problems:
        items = data.get("cases") if isinstance(data, dict) else None
        if not isinstance(items, list) or not items:
            problems.append(Problem(str(path), None, "expected a mapping with a non-empty 'cases' list"))
            items = []
        for raw in items:
            case = _case(raw, str(path), problems)
            if case is not None:
                cases.append(case)
    if problems:
        raise PackError(problems)
    return cases


def _case(raw: object, file: str, problems: list[Problem]) -> Case | None:
    line = getattr(raw, "line", None)
    if not isinstance(raw, dict) or not isinstance(raw.get("q"), str) or not raw["q"].strip():
        problems.append(Problem(file, line, "each case needs a non-empty 'q'"))
        return None
    if not isinstance(raw.get("answer"), bool):
        problems.append(Problem(file, line, "each case needs 'answer: true' or 'answer: false'"))
        return None
    expect = raw.get("expect") or []
    sources = raw.get("sources") or []
    if not all(isinstance(g, list) and g and all(isinstance(w, str) for w in g) for g in expect):
        problems.append(Problem(file, line, "'expect' must be a list of lists of words"))
        return None
    if not all(isinstance(s, str) for s in sources):
        problems.append(Problem(file, line, "'sources' must be a list of source ids"))
        return None
    return Case(raw["q"].strip(), raw["answer"], tuple(tuple(g) for g in expect),
                tuple(sources), line or 0)


def run_case(router: Router, case: Case) -> Result:
    answer = router.route(case.question)
    answered = answer.outcome is Outcome.ANSWER
    if not case.answerable:
        why = "" if not answered else f"answered with {', '.join(answer.snippet_ids)}"
        return Result(case, answered, not answered, why, answer.snippet_ids)
    if not answered:
        return Result(case, False, False, f"refused ({answer.outcome.value})", ())
    text = answer.plain_text().lower()
    missing = [g for g in case.expect if not any(w.lower() in text for w in g)]
    cited = {c.source_id for c in answer.citations}
    uncited = [s for s in case.sources if s not in cited]
    reasons = [f"text lacks {'/'.join(g)}" for g in missing]
    reasons += [f"does not cite {s}" for s in uncited]
    return Result(case, True, not reasons, "; ".join(reasons), answer.snippet_ids)


def evaluate(router: Router, cases: list[Case]) -> Report:
    return Report(tuple(run_case(router, case) for case in cases))


def format_report(report: Report, *, failures_only: bool = False) -> str:
    rows = ["  #  want     got      ok    question / why"]
    for number, r in enumerate(report.results, 1):
        if failures_only and r.passed:
            continue
        want = "answer" if r.case.answerable else "refuse"
        got = "answer" if r.answered else "refuse"
        status = "pass" if r.passed else "FAIL"
        question = r.case.question if len(r.case.question) <= 60 else r.case.question[:59] + "…"
        rows.append(f"{number:3d}  {want:7s}  {got:7s}  {status:4s}  {question}")
        if not r.passed:
            rows.append(f"{'':28s}  -> {r.why} [{', '.join(r.snippets) or 'no snippet'}]")
    ok_in, all_in = report.in_scope
    ok_out, all_out = report.out_of_scope
    rows.append("")
    rows.append(f"in-scope answered correctly: {ok_in}/{all_in} ({report.accuracy:.1%})")
    rows.append(f"out-of-scope refused:        {ok_out}/{all_out} ({report.refusal:.1%})")
    return "\n".join(rows)
