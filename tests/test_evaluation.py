"""Answer quality on every question set the pack curators worked with, enforced by ``docket eval``.

The untouched sets (every ``tests/eval/*-untouched.yaml``) are deliberately not here: they are
scored by hand and reported in the README, so nobody tunes on them.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from bot.errors import PackError
from bot.app.evaluation import load_cases
from bot.pack.loader import load_pack

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT / "tests" / "eval"
#: The targets: 95% of in-scope questions right, none wrong, every out-of-scope one refused,
#: and a right "Did you mean" choice for 90% of the in-scope questions that are refused.
TARGETS = ("--min", "0.95", "--min-refusal", "1.0", "--max-wrong", "0", "--min-rescue", "0.9")
#: Every set worked on, with the pack it asks (``bench/sweep.py`` scores the same list).
WORKED_ON = [(s["pack"], s["file"])
             for s in yaml.safe_load((EVAL / "worked.yaml").read_text())["sets"]]


def docket_eval(pack: str, file: str, *targets: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", "eval", "--pack", str(ROOT / pack),
         str(EVAL / file), "--failures", *targets],
        text=True, capture_output=True, timeout=120, cwd=ROOT)


@pytest.mark.parametrize(("pack", "file"), WORKED_ON, ids=[f for _, f in WORKED_ON])
def test_every_set_worked_on_meets_the_targets(pack: str, file: str) -> None:
    cases = load_cases(EVAL / file)
    # Large enough that one case is at most 3 points of the rate (a split half is ~40 / ~18).
    assert sum(c.answerable for c in cases) >= 35 and sum(not c.answerable for c in cases) >= 15
    result = docket_eval(pack, file, *TARGETS)
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_working_half_is_listed_as_worked_on() -> None:
    """A working half left out of ``worked.yaml`` would escape both the targets and the sweep."""
    listed = {file for _, file in WORKED_ON}
    assert {p.name for p in EVAL.glob("*-working.yaml")} <= listed
    assert not any(file.endswith("-untouched.yaml") for file in listed)


def test_a_target_missed_fails_the_run_and_says_which() -> None:
    """The same command fails when a target is out of reach, so the test above can fail."""
    result = docket_eval("briefings/lgpl-3", "lgpl-3.yaml", "--min", "1.01")
    assert result.returncode == 1
    assert "below target: right" in result.stderr and "(min 101%)" in result.stderr


def test_a_misspelt_key_or_a_source_the_pack_lacks_is_reported_not_scored(tmp_path: Path) -> None:
    """A misspelt "expects" would drop the check and a wrong source id would score every case
    wrong: both are the set's mistakes, reported with their line before anything is scored."""
    bad = tmp_path / "typo.yaml"
    bad.write_text("cases:\n  - q: what is it\n    answer: true\n    expects: [[ice]]\n")
    with pytest.raises(PackError) as caught:
        load_cases(bad)
    assert "4: unknown key 'expects'" in str(caught.value.problems[0])   # its own line
    assert str(caught.value) == "1 problem in question set"
    elsewhere = tmp_path / "elsewhere.yaml"
    elsewhere.write_text("cases:\n  - q: who gets it\n    answer: true\n"
                         "    sources: [inches-closer]\n")
    result = docket_eval("briefings/lgpl-3", str(elsewhere))
    assert result.returncode == 1 and "RIGHT" not in result.stdout.upper()
    assert "elsewhere.yaml:4: source 'inches-closer' is not in pack 'lgpl-3'" in result.stderr
    assert docket_eval("briefings/docket", str(elsewhere)).returncode == 0
    # both kinds of mistake in one set are reported together, each at its own line
    both = tmp_path / "both.yaml"
    both.write_text(elsewhere.read_text() + "  - q: what is it\n    answer: true\n"
                    "    expects: [[ice]]\n")
    together = docket_eval("briefings/lgpl-3", str(both))
    assert "2 problems" in together.stderr and "both.yaml:4: source" in together.stderr
    assert "both.yaml:7: unknown key 'expects'" in together.stderr
    # the same wrong id on every case is reported once, with the other cases' lines
    many = tmp_path / "many.yaml"
    many.write_text("cases:\n" + "".join(f"  - q: who gets it {n}\n    answer: true\n"
                                          "    sources: [inches-closer]\n" for n in range(8)))
    with pytest.raises(PackError) as caught:
        load_cases(many, load_pack(ROOT / "briefings" / "lgpl-3"))
    assert [str(p) for p in caught.value.problems] == [
        f"{many}:4: source 'inches-closer' is not in pack 'lgpl-3' (its sources: lgpl-3); also"
        " at lines 7, 10, 13, 16, 19, and 2 more"]


def test_malformed_case_file_is_reported(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("cases:\n  - q: ''\n    answer: true\n  - q: ok\n")
    with pytest.raises(PackError) as caught:
        load_cases(bad)
    assert len(caught.value.problems) == 2


def one_right_one_wrong(tmp_path: Path, pack: str, question: str, shown: str,
                        missing: list[str], sources: tuple[str, ...] = ()) -> None:
    """Two cases asking ``question``: one expecting words the answer shows (``shown``), which
    ``docket eval`` must count right, and one expecting words it lacks, which it counts wrong."""
    cases = tmp_path / "cases.yaml"
    cases.write_text(yaml.safe_dump({"cases": [
        {"q": question, "answer": True, "expect": [[shown]],
         **({"sources": list(sources)} if sources else {})},
        {"q": question, "answer": True, "expect": [missing]}]}))
    result = docket_eval(pack, str(cases), "--max-wrong", "1")
    assert "in scope (2):      right 1 (50.0%), refused 0, wrong 1" in result.stdout
    assert f"answer lacks {'/'.join(missing)}" in result.stdout


def test_an_expected_fact_counts_in_the_quote_the_answer_shows(tmp_path: Path) -> None:
    """Question sets expect the source's own words; the minimal pack's summary leaves out "on
    Monday", which only its quote holds. A word in neither is still missing."""
    one_right_one_wrong(tmp_path, "tests/packs/minimal", "how late is the library open",
                        "voted on   Monday", ["weekends", "saturday"], sources=("report",))


def test_an_expected_fact_typed_with_straight_quotes_counts_in_a_curly_quote(tmp_path: Path) -> None:
    """The article writes "don’t solve"; a question set types "don't solve". Typography is no
    fact, so the answer quoting that clause is right; a word it lacks is still missing."""
    one_right_one_wrong(tmp_path, "briefings/docket", "what did fabbricatore say",
                        "programs that don't solve", ["won't solve"])
