"""``docket chat``: ``+`` and ``-`` rate the last answer; with ``--config`` they are kept in its
database's curators' log, with the refusals, and ``curate`` summarises them there."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest

from bot.adapters.console import chat
from bot.answering import messages as msg
from bot.app.cli import main
from bot.curation.store import CurationStore
from bot.database import open_engine


def test_plus_and_minus_without_a_database_are_acknowledged_not_kept(router, tmp_path,
                                                                     monkeypatch):
    monkeypatch.chdir(tmp_path)
    out = io.StringIO()
    chat(router, io.StringIO("+\nwho gets the card\n-\nwhat colour is the card\n+\n"), out)
    shown = out.getvalue()
    assert shown.count(msg.VOTE_NOTHING) == 2      # before any answer, and after a refusal
    assert msg.VOTE_NOT_KEPT in shown
    assert list(tmp_path.iterdir()) == []          # nothing written anywhere


def test_chat_with_a_config_keeps_votes_and_refusals(tmp_path: Path, monkeypatch, capsys):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("DOCKET_HASH_KEY", "console-key")
    database = tmp_path / "docket.sqlite3"
    config = tmp_path / "config.yaml"
    config.write_text(f"database_url: sqlite:///{database}\n")
    lines = "who gets the card\n+\n-\nwhat colour is the card\ncurate\n"
    monkeypatch.setattr("sys.stdin", io.StringIO(lines))
    assert main(["chat", "--config", str(config)]) == 0
    shown = capsys.readouterr().out
    assert msg.VOTED[("recorded", True)] in shown and msg.VOTED[("changed", False)] in shown
    assert "Refused 1× (by 1 person): “what colour is the card”" in shown
    store = CurationStore(open_engine(f"sqlite:///{database}"))
    since = dt.datetime(2000, 1, 1, tzinfo=dt.timezone.utc)
    [vote] = store.votes_since(since)
    assert not vote.helpful and vote.answer.platform == "console"
    assert [r.outcome for r in store.asked_since(since)] == ["answer", "refused"]


@pytest.mark.parametrize("section, says", [
    ("curation:\n  retention_days: 0\n", "curation.retention_days: must be greater than"),
    ("curation:\n  log_question: false\n", "did you mean 'log_questions'"),
    ("curation:\n  feedback: maybe\n", "curation.feedback: must be true or false"),
])
def test_a_bad_curation_setting_is_one_clear_line(tmp_path, capsys, section, says):
    config = tmp_path / "config.yaml"
    config.write_text(section)
    assert main(["curate", "report", "--config", str(config)]) == 1
    err = capsys.readouterr().err
    assert says in err and f"{config}:2" in err


def test_the_console_with_a_config_is_never_rate_limited(tmp_path: Path, monkeypatch, capsys):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    config = tmp_path / "config.yaml"
    config.write_text(f"database_url: sqlite:///{tmp_path / 'c.sqlite3'}\n"
                      "limits:\n  questions_per_user: 1\n"
                      "curation:\n  feedback: false\n")
    monkeypatch.setattr("sys.stdin", io.StringIO("who gets the card\n" * 5 + "+\n"))
    assert main(["chat", "--config", str(config)]) == 0
    shown = capsys.readouterr().out
    assert shown.count("Who gets it") == 5 and msg.SLOW_DOWN_HEADLINE not in shown
    assert msg.VOTE_OFF in shown


def test_the_console_writes_the_command_as_configured(tmp_path: Path, monkeypatch, capsys):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    config = tmp_path / "config.yaml"
    config.write_text(f"database_url: sqlite:///{tmp_path / 'c.sqlite3'}\ncommand: /brief\n")
    monkeypatch.setattr("sys.stdin", io.StringIO("who gets the card\nwhat colour is it\n"))
    assert main(["chat", "--config", str(config)]) == 0
    shown = capsys.readouterr().out
    assert "> /brief who gets the card" in shown and "/brief topics" in shown
    assert "/docket" not in shown
