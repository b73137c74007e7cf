"""How the gate's thresholds were chosen: every question set, side by side, over a grid.

    python bench/sweep.py [--grid min_coverage=0.45,0.5,0.55 common_unknown=0.25,0.35]

Each row is one setting of the gate; each column group one question set (right / refused /
wrong for in-scope questions, then out-of-scope questions answered). Sets written by people
who never saw the pack (held out, fresh, the second pack's) count as much as the development
set, so a threshold only the development set likes shows up as fitted. The untouched half of
the fresh sets is never scored here.

The last columns total, over every set, the wrong answers (in scope answered wrongly, or out
of scope answered at all), the in-scope questions answered right, and the cost the thresholds
are chosen by: a wrong answer costs twice an honest refusal (``WRONG_COST``), so
cost = 2 x wrong + in-scope refused. The lowest cost wins; on a tie, fewer wrong answers.
"""

from __future__ import annotations

import argparse
import itertools
import sys
from dataclasses import replace
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.answering.router import Router, Settings  # noqa: E402
from bot.app.commands import command_table  # noqa: E402
from bot.app.evaluation import REFUSED, RIGHT, WRONG, Case, evaluate, load_cases  # noqa: E402
from bot.matching.gate import GateSettings  # noqa: E402
from bot.pack.loader import load_pack  # noqa: E402

#: (label, pack directory, question set): every set the matching is developed against, as
#: ``tests/eval/worked.yaml`` lists them (the test suite holds the same sets to the targets).
SETS = [(s["label"], s["pack"], f"tests/eval/{s['file']}")
        for s in yaml.safe_load((ROOT / "tests" / "eval" / "worked.yaml").read_text())["sets"]]
DEFAULT_GRID = {"min_coverage": [0.5, 0.55, 0.6, 0.65, 0.7],
                "common_unknown": [0.2, 0.35, 0.5, 0.65]}
#: A confident wrong answer is worse than an honest refusal: this many times worse.
WRONG_COST = 2


def score(settings: GateSettings, loaded: list[tuple[str, object, list[Case]]]) -> list[tuple]:
    """Per set: (in-scope right, refused, wrong, in-scope total, out-of-scope answered, total)."""
    rows = []
    for _, pack, cases in loaded:
        report = evaluate(Router(pack, command_table(), settings=Settings(gate=settings)), cases)
        rows.append((report.count(True, RIGHT), report.count(True, REFUSED),
                     report.count(True, WRONG), report.total(True), report.count(False, WRONG),
                     report.total(False)))
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--grid", nargs="*", default=[], metavar="NAME=V1,V2",
                        help="GateSettings fields and the values to try")
    args = parser.parse_args()
    grid = dict(DEFAULT_GRID)
    for item in args.grid:
        name, _, values = item.partition("=")
        grid[name] = [float(v) for v in values.split(",")]
    loaded = [(label, load_pack(ROOT / pack), load_cases(ROOT / cases))
              for label, pack, cases in SETS]
    chosen = GateSettings()
    names = list(grid)
    print("| " + " | ".join(names) + " | " + " | ".join(
        f"{label} right/refused/wrong · out answered" for label, _, _ in loaded)
        + " | all wrong | all right | cost |")
    print("|" + "---|" * (len(names) + len(loaded) + 3))
    for values in itertools.product(*(grid[n] for n in names)):
        settings = replace(chosen, **dict(zip(names, values)))
        rows = score(settings, loaded)
        cells = [f"{r}/{f}/{w} of {t} · {a} of {o}" for r, f, w, t, a, o in rows]
        wrong = sum(w + a for _, _, w, _, a, _ in rows)
        right = sum(r for r, *_ in rows)
        cost = WRONG_COST * wrong + sum(f for _, f, *_ in rows)
        mark = " **(chosen)**" if all(getattr(chosen, n) == v for n, v in
                                      zip(names, values)) else ""
        print(f"| {' | '.join(f'{v:g}' for v in values)}{mark} | {' | '.join(cells)} | "
              f"{wrong} | {right} | {cost} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
