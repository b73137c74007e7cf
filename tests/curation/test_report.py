"""``docket curate report`` and ``/docket curate``: refused questions grouped by similarity,
least helpful snippets, snippets never used, reviews due by owner; the chat summary only for
admins, only privately."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from bot.answering.answer import Outcome
from bot.answering.asker import Asker
from bot.app.cli import main
from bot.app.commands import command_table
from bot.answering.router import Router
from bot.curation.identity import Hasher, pack_version
from bot.curation.recorder import Curation
from bot.curation.report import build_report, format_report, parse_period
from bot.curation.settings import CurationSettings
from bot.curation.store import CurationStore
from bot.database import open_engine
from bot.pack.loader import DEFAULT_PACK, load_pack

from .conftest import Clock

PEOPLE = [Asker("slack", "C1", f"U0{n}", "T1") for n in range(5)]
ADMIN = Asker("slack", "C1", "U0BOSS", "T1", platform_admin=True)


def keeper(store: CurationStore, router: Router, clock: Clock) -> Curation:
    return Curation(store, CurationSettings(admins=("U0LISTED",)), Hasher("k"),
                    lambda: router.pack, clock)


def ask(router: Router, curation: Curation, text: str, asker: Asker):
    answer = router.route(text, asker)
    curation.observe(answer, asker)
    curation.flush()
    return answer


@pytest.fixture
def filled(store, router, clock):
    """Three people ask about the card's colour in three wordings, one asks about the mayor,
    two find an answer unhelpful and one helpful."""
    curation = keeper(store, router, clock)
    for asker, text in zip(PEOPLE, ["what colour is the card", "What colour is the card?",
                                    "which colour are the cards", "what colour is the card"]):
        ask(router, curation, text, asker)
    ask(router, curation, "who is the mayor of eagle pass", PEOPLE[4])
    answer = ask(router, curation, "who gets the card", PEOPLE[0])
    for asker, helpful in zip(PEOPLE[:3], (False, False, True)):
        curation.vote(answer.ref, helpful, asker)
    return curation, answer


def test_refused_questions_are_grouped_by_similarity_most_asked_first(filled, store, router,
                                                                     clock):
    report = build_report(store, router.pack, "v", since=clock.now - dt.timedelta(days=7))
    assert report.refused == 5 and report.answered == 1 and report.people == 5
    first, second = report.refused_groups
    assert first.asked == 4 and first.people == 4
    assert {w.lower().rstrip("?") for w in first.wordings} == {"what colour is the card",
                                                              "which colour are the cards"}
    assert first.closest and all(s in router.pack.by_id for s in first.closest)
    assert second.question == "who is the mayor of eagle pass" and second.asked == 1


def test_least_helpful_snippets_carry_the_questions_people_marked(filled, store, router, clock):
    _, answer = filled
    report = build_report(store, router.pack, "v", since=clock.now - dt.timedelta(days=7))
    assert report.helpful == 1 and report.not_helpful == 2
    assert {s.snippet for s in report.least_helpful} == set(answer.snippet_ids)
    assert all((s.not_helpful, s.helpful, s.questions) == (2, 1, ("who gets the card",))
               for s in report.least_helpful)


def test_never_used_lists_the_snippets_no_answer_drew_on(filled, store, router, clock):
    _, answer = filled
    report = build_report(store, router.pack, "v", since=clock.now - dt.timedelta(days=7))
    assert set(report.never_used) == {s.id for s in router.pack.snippets} - set(answer.snippet_ids)


def test_the_period_bounds_the_report(filled, store, router, clock):
    clock.advance(days=8)
    report = build_report(store, router.pack, "v", since=clock.now - dt.timedelta(days=7))
    assert (report.answered, report.refused, report.refused_groups) == (0, 0, ())
    assert parse_period("4w") == dt.timedelta(days=28) and parse_period("0d") is None
    assert parse_period("7x") is None and parse_period("400d", 90) is None


def test_stale_snippets_are_listed_by_owner(store, tmp_path, clock):
    pack_dir = Path(shutil.copytree(DEFAULT_PACK, tmp_path / "pack"))
    text = (pack_dir / "pack.yaml").read_text()
    (pack_dir / "pack.yaml").write_text(text.rstrip() + "\nreview_every: 30d\n")
    file = pack_dir / "snippets" / "20-card.yaml"
    file.write_text(file.read_text().replace("  - id: card-features\n",
                                             "  - id: card-features\n    owner: ana\n"
                                             "    reviewed: 2020-01-01\n", 1))
    pack = load_pack(pack_dir)
    report = build_report(store, pack, "v", since=clock.now - dt.timedelta(days=7),
                          today=dt.date(2026, 3, 2))
    owners = report.stale_by_owner()
    assert [s.snippet.id for s in owners["ana"]] == ["card-features"]
    assert owners["ana"][0].due == dt.date(2020, 1, 31)
    assert len(owners["no owner"]) == len(pack.snippets) - 1      # never reviewed
    text = format_report(report)
    assert "  ana:\n    card-features (" in text and "due 2020-01-31" in text


def test_curate_in_chat_is_for_admins_and_private(filled, store, router, clock):
    curation, _ = filled
    chat = Router(router.pack, command_table(None, curation))
    refused = chat.route("curate", PEOPLE[0])
    assert refused.outcome is Outcome.REJECTED and refused.private
    assert "Refused" not in refused.plain_text()
    for admin in (ADMIN, Asker("discord", "1", "U0LISTED", "9")):
        summary = chat.route("curate 30d", admin)
        assert summary.outcome is Outcome.LISTING and summary.private
        text = summary.plain_text()
        assert "Refused 4× (by 4 people): “what colour is the card”" in text
        assert "1 answered, 5 refused (by 5 people); 1 marked helpful, 2 not helpful" in text
    assert chat.route("curate soon", ADMIN).outcome is Outcome.REJECTED


def test_curate_where_nothing_is_recorded_says_so(router):
    answer = Router(router.pack, command_table()).route("curate", ADMIN)
    assert answer.outcome is Outcome.REJECTED and "no curators' log" in answer.plain_text()


def test_the_command_line_report_reads_the_configured_database(tmp_path, router, capsys,
                                                              monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    (tmp_path / "config.yaml").write_text(f"database_url: sqlite:///{tmp_path}/curation.sqlite3\n")
    store = CurationStore(open_engine(f"sqlite:///{tmp_path / 'curation.sqlite3'}"))
    store.create_tables()
    now = dt.datetime.now(dt.timezone.utc)
    curation = keeper(store, router, Clock(now - dt.timedelta(days=3)))
    ask(router, curation, "what colour is the card", PEOPLE[0])
    curation = keeper(store, router, Clock(now - dt.timedelta(days=10)))
    ask(router, curation, "who is the mayor of eagle pass", PEOPLE[1])
    assert main(["curate", "report", "--config", str(tmp_path / "config.yaml"), "--json"]) == 0
    found = json.loads(capsys.readouterr().out)
    assert [g["question"] for g in found["refused_questions"]] == ["what colour is the card"]
    assert found["pack_version"] == pack_version(router.pack)
    assert main(["curate", "report", "--config", str(tmp_path / "config.yaml"),
                 "--since", "2w"]) == 0
    text = capsys.readouterr().out
    assert "what colour is the card" in text and "mayor of eagle pass" in text
    assert main(["curate", "report", "--config", str(tmp_path / "config.yaml"),
                 "--since", "soon"]) == 1
    assert "--since: give a period of at least a day" in capsys.readouterr().err


def test_packs_sharing_a_database_each_see_only_their_own_questions(store, router, clock,
                                                                    minimal_router):
    ours = keeper(store, router, clock)
    theirs = Curation(store, CurationSettings(), Hasher("k"), lambda: minimal_router.pack,
                      clock)
    ask(router, ours, "what colour is the card", PEOPLE[0])
    ask(minimal_router, theirs, "what colour is the moon", PEOPLE[1])
    since = clock.now - dt.timedelta(days=7)
    mine = build_report(store, router.pack, "v", since=since)
    other = build_report(store, minimal_router.pack, "v", since=since)
    assert [g.question for g in mine.refused_groups] == ["what colour is the card"]
    assert [g.question for g in other.refused_groups] == ["what colour is the moon"]


def test_one_not_helpful_vote_shows_even_when_another_person_found_it_helpful(
        store, router, clock):
    curation = keeper(store, router, clock)
    answer = ask(router, curation, "who gets the card", PEOPLE[0])
    curation.vote(answer.ref, True, PEOPLE[0])
    curation.vote(answer.ref, False, PEOPLE[1])
    report = build_report(store, router.pack, "v", since=clock.now - dt.timedelta(days=7))
    assert {(s.not_helpful, s.helpful, s.questions) for s in report.least_helpful} == \
        {(1, 1, ("who gets the card",))}


def test_with_feedback_off_no_snippet_is_called_unused(store, router, clock):
    curation = Curation(store, CurationSettings(feedback=False), Hasher("k"),
                        lambda: router.pack, clock)
    ask(router, curation, "who gets the card", PEOPLE[0])
    report = build_report(store, router.pack, "v", since=clock.now - dt.timedelta(days=7),
                          answers_recorded=False)
    assert report.never_used is None and report.to_json()["never_used"] is None
    assert "not known (answers are not recorded" in format_report(report)


def test_the_report_without_a_config_or_a_database_here_says_so(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("DATABASE_URL", raising=False)
    assert main(["curate", "report"]) == 1
    assert "pass --config" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []
