"""The ``docket`` command end to end, as a user runs it: a real subprocess, real output."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

PACKS = Path(__file__).parent / "packs"


def docket(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "bot", *args], input=stdin, text=True,
                          capture_output=True, timeout=60)


def test_ask_prints_a_sourced_answer() -> None:
    result = docket("ask", "what", "is", "it")
    assert result.returncode == 0, result.stderr
    out = " ".join(result.stdout.split())
    assert result.stdout.startswith("> /docket what is it\n")
    assert "Secure Docket" in out and "[1]" in out and "Sources" in out
    assert "Daily Caller News Foundation, Jennie Taer, date not stated" in out
    assert "outlet not stated, author not stated, 2023-09-21" in out


def test_ask_json_refuses_out_of_scope() -> None:
    result = docket("ask", "--json", "who won the world cup")
    data = json.loads(result.stdout)
    assert data["answered"] is False
    assert data["citations"] == [] and data["snippets"] == []
    assert data["suggestions"]


def test_ask_json_answer_shape() -> None:
    data = json.loads(docket("ask", "--json", "who gets the card").stdout)
    assert data["answered"] is True and data["snippets"][0] == "program-recipients"
    assert 0 < data["confidence"] <= 1 and data["confidence_label"] == "high"
    assert data["gap"] is None
    gap = json.loads(docket("ask", "--json", "who leaked the images").stdout)
    assert gap["gap"] == "gap-leaker" and gap["confidence_label"] == "none"
    for citation in data["citations"]:
        assert set(citation) >= {"source", "title", "outlet", "author", "date", "quote"}


def test_ask_as_slack_or_discord_prints_what_would_be_posted() -> None:
    """Offline, a curator sees the message itself: Slack's blocks with the vote buttons, or
    Discord's embed and button rows; a refusal's "Did you mean" choices are buttons."""
    slack = json.loads(docket("ask", "--as", "slack", "who gets the card").stdout)
    assert slack["text"] and slack["blocks"][0]["type"] in ("section", "header", "context")
    actions = [b for b in slack["blocks"] if b["type"] == "actions"]
    assert actions and "Helpful" in json.dumps(actions)
    discord = json.loads(docket("ask", "--as", "discord", "who gets the card").stdout)
    assert discord["embeds"][0]["title"] and discord["embeds"][0]["fields"]
    refused = json.loads(docket("ask", "--as", "discord", "whos the mayor of zorbtown").stdout)
    labels = [b["label"] for row in refused["components"] for b in row["components"]]
    assert labels and "Helpful" not in labels       # the choices, no votes on a refusal
    assert docket("ask", "--as", "teams", "hi").returncode == 2


def test_pack_option_selects_another_pack() -> None:
    data = json.loads(docket("ask", "--json", "--pack", str(PACKS / "minimal"),
                             "how late is the library open").stdout)
    assert data["citations"][0]["outlet"] == "Town Gazette"


def test_validate_exit_status() -> None:
    ok = docket("validate")
    assert ok.returncode == 0 and ok.stdout.startswith("ok: docket:")
    assert " known gaps, a lexicon of " in ok.stdout          # what else the pack holds
    minimal = docket("validate", str(PACKS / "minimal")).stdout
    assert minimal.startswith("ok: library: 1 source, 3 snippets, 1 known gap, 3 quotes ")
    bad = docket("validate", str(PACKS / "broken"))
    assert bad.returncode == 1
    assert "broken/snippets/bad.yaml:50" in bad.stderr


def test_chat_answers_each_line() -> None:
    result = docket("chat", stdin="help\nwho gets the card\nhlep\n")
    assert result.returncode == 0
    assert "> /docket who gets the card" in result.stdout
    assert "Unknown command 'hlep'" in result.stdout


def test_eval_counts_a_wrong_answer_apart_and_fails_on_it(tmp_path: Path) -> None:
    cases = tmp_path / "cases.yaml"
    cases.write_text("cases:\n  - q: who won the world cup\n    answer: false\n"
                     "  - q: who gets the card\n    answer: true\n    expect: [[zebra]]\n")
    result = docket("eval", str(cases))
    assert result.returncode == 1
    rows = result.stdout.splitlines()
    assert "WRONG" in rows[1] and "who gets the card" in rows[1]     # wrong answers come first
    assert "answer lacks zebra" in rows[2]
    assert "in scope (1):      right 0 (0.0%), refused 0, wrong 1" in result.stdout
    assert "out of scope (1): refused 1 (100.0%), answered 0" in result.stdout
    assert result.stderr == ("below target: 1 wrong: 1 in scope answered wrongly, 0 out of "
                             "scope answered (max 0)\n")     # only the target missed
    assert docket("eval", str(cases), "--max-wrong", "1").returncode == 0


def test_unknown_subcommand_is_a_usage_error() -> None:
    result = docket("frobnicate")
    assert result.returncode == 2 and "invalid choice" in result.stderr


def test_verbose_never_turns_on_library_debug_logs() -> None:
    code = ("import logging, bot.app.cli as c\n"
            "try:\n    c.main(['-v', 'validate'])\nexcept SystemExit:\n    pass\n"
            "print([logging.getLogger(n).getEffectiveLevel() for n in c.QUIET_LIBRARIES])\n"
            "print(logging.getLogger('bot').getEffectiveLevel())")
    out = subprocess.run([sys.executable, "-c", code], text=True, capture_output=True,
                         timeout=60).stdout.split("\n")
    assert all(level >= 20 for level in json.loads(out[-3]))
    assert out[-2] == "10"


def test_logged_errors_are_one_line_unless_verbose(capsys) -> None:
    """A library retrying an unreachable platform logs one line per attempt, not a page."""
    import logging

    from bot.app.cli import setup_logging

    def failing_retry() -> None:
        try:
            raise ConnectionError("Cannot connect to host slack.com:443\nmore detail")
        except ConnectionError:
            logging.getLogger("slack_sdk.socket_mode").exception("Failed to connect; Retrying...")

    try:
        setup_logging(verbose=False)
        failing_retry()
        [line] = capsys.readouterr().err.splitlines()
        assert line == ("ERROR slack_sdk.socket_mode: Failed to connect; Retrying... "
                        "(ConnectionError: Cannot connect to host slack.com:443)")
        setup_logging(verbose=True)
        failing_retry()
        assert "Traceback (most recent call last)" in capsys.readouterr().err
    finally:
        setup_logging(verbose=False)
        logging.getLogger().setLevel(logging.WARNING)


def test_docket_run_names_every_missing_variable_at_once(tmp_path, capsys, monkeypatch) -> None:
    for name in ("SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "DISCORD_TOKEN", "TEAM_HOOK",
                 "DATABASE_URL"):
        monkeypatch.delenv(name, raising=False)
    config = tmp_path / "config.yaml"
    config.write_text("slack:\ndiscord:\ndigests:\n  schedule:\n    - name: team\n"
                      "      cron: daily 09:00\n      destinations:\n"
                      "        - slack_webhook: TEAM_HOOK\n")
    from bot.app.cli import main

    assert main(["run", "--config", str(config)]) == 1
    lines = capsys.readouterr().err.splitlines()
    assert [line.split()[3] for line in lines] == ["SLACK_BOT_TOKEN", "SLACK_APP_TOKEN",
                                                   "DISCORD_TOKEN", "TEAM_HOOK"]
    assert all(line.startswith("error: environment variable ") for line in lines)
    # a pack path that holds no pack is named in the same run
    config.write_text("pack: nowhere\nslack:\n")
    assert main(["run", "--config", str(config)]) == 1
    lines = capsys.readouterr().err.splitlines()
    assert lines[0].startswith(f"error: pack: {tmp_path / 'nowhere'} is not a briefing pack")
    assert [line.split()[3] for line in lines[1:]] == ["SLACK_BOT_TOKEN", "SLACK_APP_TOKEN"]


def test_chat_says_when_a_number_picks_no_choice() -> None:
    result = docket("chat", stdin="1\nwhat is the population of eagle pass\n5\n1\n")
    out = result.stdout
    assert "There is no \"Did you mean\" list to pick from" in out
    assert "There is no choice 5: the only choice is 1, or type a question." in out
    assert "> /docket what happened in Eagle Pass" in out       # 1 picked the one choice
    dotted = docket("chat", stdin="what is the population of eagle pass\n1.\n").stdout
    assert "> /docket what happened in Eagle Pass" in dotted    # "1." as a list is numbered
    # a mistyped command between the list and the pick neither answers nor loses the list
    typo = docket("chat", stdin="what is the population of eagle pass\nhlep\n1\n").stdout
    assert "Unknown command 'hlep'" in typo and "There is no" not in typo
    assert typo.index("Unknown command") < typo.index("> /docket what happened in Eagle Pass")


def test_eval_shows_why_a_question_was_refused(tmp_path: Path) -> None:
    cases = tmp_path / "cases.yaml"
    cases.write_text("cases:\n  - q: what is the population of eagle pass\n    answer: true\n"
                     "    expect: [[people]]\n")
    result = docket("eval", str(cases), "--failures")
    assert 'refused: No snippet in this briefing covers "population"' in result.stdout


def test_a_strict_locale_and_bytes_that_are_not_text_never_crash_ask_or_chat() -> None:
    """LANG=C without UTF-8 mode: the terminal takes ASCII only, and the question has bytes
    that decode to nothing. Answers come out with what cannot be shown replaced."""
    import os

    env = {**os.environ, "LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0",
           "PYTHONCOERCECLOCALE": "0"}
    python = [sys.executable, "-X", "utf8=0", "-m", "bot"]
    asked = subprocess.run([*python, "ask", b"who gets the card \xff\xfe"], env=env,
                           capture_output=True, timeout=60)
    assert asked.returncode == 0 and b"Traceback" not in asked.stderr, asked.stderr[-500:]
    assert b"Who gets it" in asked.stdout
    chatted = subprocess.run([*python, "chat"], input=b"who gets the card \xff\xfe\nhelp\n",
                             env=env, capture_output=True, timeout=60)
    assert chatted.returncode == 0 and b"Traceback" not in chatted.stderr
    assert b"Who gets it" in chatted.stdout


def test_lone_surrogates_from_a_platform_become_replacement_characters(router) -> None:
    """A JSON escape such as "\\ud800" reaches the router as a lone surrogate."""
    answer = router.route("who gets the card \ud800")
    answer.plain_text().encode("utf-8")                  # would raise on a lone surrogate
    assert "\ud800" not in answer.question


def test_invisible_characters_are_dropped_before_anything_reads_or_echoes_the_text(router) -> None:
    """A zero-width space pasted inside a word would make it a word nobody knows; a
    right-to-left override would make the echoed question read backwards."""
    plain = router.route("who gets the card")
    pasted = router.route("who gets the c\u200bard\u202e \ufeff")
    assert pasted.question == "who gets the card"
    assert pasted.snippet_ids == plain.snippet_ids and pasted.answered


def test_chat_echoes_a_command_with_its_arguments() -> None:
    result = docket("chat", stdin="subscribe weekly fri 16:00 Europe/Berlin\n")
    assert "> /docket subscribe weekly fri 16:00 Europe/Berlin" in result.stdout


def test_ask_why_shows_a_curator_how_the_question_was_read() -> None:
    """The filler a curator's question lost, the unknown word that vetoed, and why the closest
    snippet did not answer: what to add to the pack."""
    out = docket("ask", "--pack", str(PACKS / "minimal"), "--why",
                 "how late is the library open for the Zorblax festival").stdout
    why = out[out.index("How Docket read it:"):]
    assert "  for (filler)" in why and "  library -> librari " in why
    assert "names something: zorblax" in why
    assert "1. hours-change: score " in why and "needs 65%" not in why.split("1. ")[0]
    assert why.rstrip().endswith("Decision: refused: it names something the pack lacks")
    asked = docket("ask", "--pack", str(PACKS / "minimal"), "--why", "how many visitors").stdout
    assert "wants: a quantity, counting visit" in asked and "could answer" in asked
    assert asked.rstrip().endswith("Decision: answered (visitors)")
    # the snippet decided on is listed even when it ranked below the first five
    ranked = docket("ask", "--why", "what agency issues the IDs").stdout
    lead = ranked.rstrip().rsplit("(", 1)[1].rstrip(")")
    assert f". {lead}: score " in ranked
    # a message of fillers is answered by the overview, and --why says so, not "refused"
    assert docket("ask", "--why", "tell me about it").stdout.rstrip().endswith(
        "Decision: no topic word: the overview (program-overview)")
    assert docket("ask", "--why", "hi").stdout.rstrip().endswith("Decision: no topic word: help")
    # "source?" is routed as a follow-up, asked afresh with no answer before it, not rejected
    why = docket("ask", "--why", "source?").stdout
    assert "Read as a follow-up (sources)" in why and "mistyped" not in why
    # the path the router took: a question naming a command, a framed question's last part
    assert docket("ask", "--why", "both sides").stdout.rstrip().endswith(
        "Read as the command 'balance', which the question names in everyday words: no "
        "snippet was matched.")
    framed = docket("ask", "--why", "ok so my editor wants to know some stuff. when was it "
                    "announced?").stdout
    assert "its last question was tried alone:" in framed
    assert framed.rstrip().endswith("  Decision: answered (program-announced)")
    # a message the router never searches with says so, rather than describe a search
    assert docket("ask", "--why", "").stdout.rstrip().endswith(
        "An empty message: Docket shows its help, and no question was matched.")
    typed = docket("ask", "--why", "subscibe daily 09:00").stdout
    assert "Unknown command 'subscibe'" in typed and "Closest snippets" not in typed
    assert typed.rstrip().endswith("Read as a mistyped command 'subscibe': no question was "
                                   "matched.")
    # --as prints only what would be posted: asked with --why or --json too, it says so
    both = docket("ask", "--as", "slack", "--why", "what is it")
    assert both.returncode == 2 and "--as" in both.stderr and not both.stdout
    # with --json, still one JSON object
    data = json.loads(docket("ask", "--json", "--why", "what is it").stdout)
    assert data["answered"] and data["why"][-1] == "Decision: answered (program-overview)"


def test_validate_warns_of_a_gap_question_that_comes_down_to_one_widely_used_word() -> None:
    """A gap asked by "what about the library" would refuse every library question the
    snippets answer; "what is the library budget" asks something of its own."""
    import dataclasses

    from bot.curation.gaps import broad_gap_questions
    from bot.pack.loader import load_pack
    from bot.pack.model import Gap

    pack = load_pack(PACKS / "minimal")
    assert broad_gap_questions(pack, widely_used=2) == []
    broad = dataclasses.replace(pack, gaps=pack.gaps + (
        Gap("gap-wide", ("what about the library", "who runs the library café",
                         "how is the library", "who is the library"), "No."),))
    found = broad_gap_questions(broad, widely_used=2)
    # "what" and "how" ask anything of the library; "who" no snippet asks of it, so that
    # claims nothing they answer
    assert [(b.gap_id, b.question, b.word) for b in found] == [
        ("gap-wide", "what about the library", "library"),
        ("gap-wide", "how is the library", "library")]
    # in a pack of three, a word two of them use is widely used; in a pack of eleven, two are not
    assert [b.word for b in broad_gap_questions(broad)] == ["library", "library"]
    reyes = next(s for s in pack.snippets if s.id == "reyes-view")
    assert "library" not in " ".join([reyes.summary, reyes.topic, *reyes.questions]).lower()
    larger = dataclasses.replace(broad, snippets=pack.snippets + tuple(
        dataclasses.replace(reyes, id=f"reyes-{n}") for n in range(8)))
    assert broad_gap_questions(larger) == []
