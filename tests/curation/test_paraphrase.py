"""docket curate add: a question people asked becomes a snippet's (or a gap's) curated question,
written into the curator's file with its layout kept, or not written at all."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bot.answering.answer import Outcome
from bot.answering.router import Router
from bot.curation.paraphrase import ParaphraseError, add_question
from bot.pack.loader import load_pack

PACKS = Path(__file__).parent.parent / "packs"


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    copy = tmp_path / "minimal"
    shutil.copytree(PACKS / "minimal", copy)
    return copy


def test_an_added_question_is_answered_by_its_snippet_and_nothing_else_moves(pack: Path) -> None:
    asked = "when does the branch shut at night"
    assert Router(load_pack(pack)).route(asked).outcome is Outcome.NO_ANSWER
    before = (pack / "snippets" / "main.yaml").read_text().splitlines()
    added = add_question(pack, "hours-change", asked)
    after = (pack / "snippets" / "main.yaml").read_text().splitlines()
    assert after == before[:6] + [f"      - {asked}"] + before[6:]     # one line, in place
    assert (added.file, added.line) == (pack / "snippets" / "main.yaml", 7)
    assert Router(load_pack(pack)).route(asked).snippet_ids[:1] == ("hours-change",)


def test_adding_a_question_says_which_of_its_words_are_new_to_the_pack(pack: Path) -> None:
    """A word no snippet held makes the item a candidate for every question with that word:
    "who wrote..." added to a snippet reaches "who wrote it"."""
    added = add_question(pack, "hours-change", "who wrote about the late closing")
    assert added.new_words == ("wrote", "closing")
    assert add_question(pack, "visitors", "how many visitors last year").new_words == ()


def test_adding_a_question_the_snippet_cannot_answer_as_asked_says_so(pack: Path) -> None:
    """"When did Reyes give her view" asks for a time the snippet does not give: curated, it is
    answered all the same, with what the snippet says, and the curator is told."""
    assert add_question(pack, "reyes-view", "when did reyes give her view").lacks == "time"
    assert add_question(pack, "reyes-view", "what does reyes think of it").lacks is None
    assert add_question(pack, "visitors", "how many came last year").lacks is None


def test_a_question_the_item_already_has_changes_nothing_and_is_no_error(pack: Path) -> None:
    """A curator adding a batch of questions goes on past one the snippet already has."""
    files = {p: p.read_bytes() for p in pack.rglob("*.yaml")}
    added = add_question(pack, "hours-change", "How late is the library open?")
    assert added.already and added.item.id == "hours-change"
    assert {p: p.read_bytes() for p in pack.rglob("*.yaml")} == files


def test_a_gap_takes_a_question_that_needs_quoting(pack: Path) -> None:
    asked = "budget: how much does the library get?"
    add_question(pack, "gap-budget", asked)
    assert load_pack(pack).gaps[0].questions[-1] == asked          # quoted, read back as typed
    assert Router(load_pack(pack)).route(asked).outcome is Outcome.NO_ANSWER


@pytest.mark.parametrize("item, question, says", [
    ("visitors", "what changed", "already a curated question of 'hours-change', which answers it"),
    ("no-such-snippet", "what changed", "has no snippet or gap 'no-such-snippet'"),
    ("visitors", "what is it, please?", "no word but fillers"),
    ("visitors", "   ", "the question is empty"),
])
def test_a_question_that_cannot_be_added_changes_nothing(pack: Path, item: str, question: str,
                                                        says: str) -> None:
    files = {p: p.read_bytes() for p in pack.rglob("*.yaml")}
    with pytest.raises(ParaphraseError, match=says):
        add_question(pack, item, question)
    assert {p: p.read_bytes() for p in pack.rglob("*.yaml")} == files


def test_the_command_line_says_where_it_wrote_or_why_it_did_not(pack: Path) -> None:
    def curate(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "bot", "curate", "add", "--pack", str(pack),
                               *args], text=True, capture_output=True, timeout=60)

    done = curate("visitors", "how", "many", "people", "came")
    assert done.returncode == 0 and "note:" not in done.stdout
    timeless = curate("reyes-view", "when did reyes say it")
    assert "note: the question asks for a time, and reyes-view gives none" in timeless.stdout
    assert done.stdout.startswith(f"added to snippet visitors at {pack / 'snippets' / 'main.yaml'}:")
    refused = curate("nope", "how many people came")
    assert refused.returncode == 1 and refused.stderr.startswith("error: pack 'library' has no ")
    # questions quoted one by one are added one by one, not run together
    two = curate("visitors", "how many came last year", "visitor numbers?")
    assert two.returncode == 0 and two.stdout.count("added to snippet visitors") == 2
    text = (pack / "snippets" / "main.yaml").read_text()
    assert "- how many came last year\n" in text and "- visitor numbers?\n" in text
    assert "- how many people came\n" in text        # the unquoted words, one question
