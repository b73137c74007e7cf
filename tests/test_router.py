"""The router end to end over the shipped pack: commands, questions, refusals and bad input."""

from __future__ import annotations

import pytest

from bot.answering.answer import CommandRef, Outcome
from bot.pack.model import Kind, normalise_for_quote
from pathlib import Path

from bot.answering.router import MAX_QUESTION_CHARS, Router
from bot.pack.loader import load_pack
from bot.app.commands import build_router
from tests.conftest import PACKS


def test_what_is_it_names_the_program_says_what_it_is_for_and_cites_both(router) -> None:
    answer = router.route("what is it")
    assert answer.outcome is Outcome.ANSWER
    text = answer.plain_text()
    assert "Secure Docket" in text
    assert "verify" in text and "ICE or CBP officers" in text
    assert {c.source_id for c in answer.citations} == {"leaked-images", "inches-closer"}
    assert answer.confidence >= 0.85


@pytest.mark.parametrize("question,snippet", [
    ("who gets the card", "program-recipients"),
    ("Who GETS the cards?!", "program-recipients"),
    ("who is eligible for an ID", "program-recipients"),
    ("does it have a photo", "card-features"),
    ("what pictures are on the identification", "card-features"),
    ("waht does teh card look like", "card-features"),
    ("tsa?", "card-tsa"),
    ("can migrants fly with it", "card-tsa"),
    ("fabricatore", "reaction-fabbricatore"),
    ("how many illegal crossings", "context-border-crossings"),
    ("border patrol numbers fy23", "context-border-crossings"),
    ("when was the program announced", "program-announced"),
    ("did ICE respond", "context-ice-no-comment"),
])
def test_paraphrases_typos_and_synonyms_reach_the_right_snippet(router, question, snippet) -> None:
    answer = router.route(question)
    assert answer.outcome is Outcome.ANSWER, answer.plain_text()
    assert snippet in answer.snippet_ids


@pytest.mark.parametrize("question", [
    "who won the world cup",
    "what is the weather",
    "is the card a REAL ID",
    "how many illegal crossings were there in fiscal year 2022",
    "did the laredo mayor declare a state of emergency",
    "when will the program end",
    "who leaked the images",
    "how many cards have been issued so far",
])
def test_questions_the_pack_cannot_answer_are_refused_with_suggestions(router, question) -> None:
    answer = router.route(question)
    assert answer.outcome is Outcome.NO_ANSWER
    assert not answer.answered and not answer.citations
    assert answer.suggestions
    assert answer.points and answer.points[0].text  # the reason


def test_refusal_names_the_words_the_sources_do_not_cover(router) -> None:
    answer = router.route("what is the weather in London")
    assert '"weather"' in answer.points[0].text and '"london"' in answer.points[0].text


def test_a_curated_gap_gives_its_reason(router) -> None:
    answer = router.route("what is the eagle pass mayor's name")
    assert answer.points[0].text == "The sources do not name the mayor of Eagle Pass."
    assert router.route("eagle pass").outcome is Outcome.ANSWER


def test_opinions_are_labelled_with_their_speaker(router) -> None:
    answer = router.route("criticism")
    opinions = [p for p in answer.points if p.kind is Kind.OPINION]
    assert opinions and all(p.speaker for p in opinions)
    assert "Opinion — RJ Hauman" in answer.plain_text()


def test_every_point_cites_a_verbatim_quote(router, shipped_pack) -> None:
    answer = router.route("tsa")
    numbers = {c.number for c in answer.citations}
    for point in answer.points:
        assert point.citations and set(point.citations) <= numbers
    for citation in answer.citations:
        source = shipped_pack.sources[citation.source_id].text
        assert normalise_for_quote(citation.quote) in normalise_for_quote(source)


def test_help_and_empty_input(router) -> None:
    # A message with no word in it ("?", a bare mention) asks nothing: help, not the overview.
    for text in ("help", "", "   ", "/docket", "?", "...", "@everyone", "<!channel>"):
        answer = router.route(text)
        assert answer.outcome is Outcome.LISTING
        assert all(f"/docket {c.usage}" in answer.plain_text() for c in router.commands)


def test_a_question_of_fillers_alone_gets_the_overview(router, shipped_pack) -> None:
    answer = router.route("tell me about it")
    assert answer.outcome is Outcome.ANSWER and answer.snippet_ids == (shipped_pack.overview,)


def test_did_you_mean_offers_a_question_not_a_curators_label(router, shipped_pack) -> None:
    """A snippet's first curated question may be a bare label ("San Diego"): a button reading
    "San Diego" offers nothing to click, so the choice is its first real question."""
    from bot.answering.choices import offered

    assert shipped_pack.by_id["context-san-diego-el-paso"].questions[0] == "San Diego"
    assert offered(shipped_pack.by_id["context-san-diego-el-paso"]) == "other surges at the border"
    assert offered(shipped_pack.by_id["program-overview"]) == "what is it"
    refused = router.route("best pizza in town")
    assert refused.choices and all(c.question != "San Diego" for c in refused.choices)
    assert "context-san-diego-el-paso" in [c.snippet_id for c in refused.choices]


def test_every_suggestion_of_a_snippet_is_a_question_not_a_label(router) -> None:
    """The topics list, help and an answer's related questions offer a snippet the way a "Did
    you mean" choice does: a topic led by a snippet whose first question is the bare label
    "header files" shows that snippet's first real question."""
    lgpl = Router(load_pack(Path("briefings/lgpl-3")))
    topics = lgpl.route("topics").plain_text()
    assert "for example: /docket header files" not in topics
    assert "can my app include the library's header files" in topics
    assert "header files" not in lgpl.route("help").suggestions
    related = router.route("how many illegal crossings were there").suggestions
    assert "San Diego" not in related


def test_topics_lists_every_topic(router, shipped_pack) -> None:
    text = router.route("topics").plain_text()
    for topic in shipped_pack.topics():
        assert topic in text


def test_sources_lists_metadata_and_what_is_unknown(router) -> None:
    text = router.route("sources").plain_text()
    assert "Jennie Taer" in text and "Daily Caller News Foundation" in text
    assert "2023-09-21" in text
    assert "names no outlet and no author" in text and "gives no publication date" in text


def test_quote_lists_attributed_statements_and_filters_by_speaker(router) -> None:
    everyone = router.route("quote")
    assert everyone.outcome is Outcome.ANSWER
    assert {"RJ Hauman", "John Fabbricatore"} <= {p.speaker.split(" (")[0] for p in everyone.points}
    hauman = router.route("quote hauman")
    assert hauman.points and all("Hauman" in p.speaker for p in hauman.points)
    assert router.route("quote Fabricatore").points[0].speaker.startswith("John Fabbricatore")
    nobody = router.route("quote zelensky")
    assert nobody.outcome is Outcome.NO_ANSWER and "quote RJ Hauman" in nobody.suggestions
    # a word for a group names none of it, and the pack's lexicon names its speakers too
    # ("dcnf" is the Daily Caller News Foundation there)
    folks = router.route("what did the House Oversight folks say about it")
    assert folks.outcome is Outcome.ANSWER and "Oversight" in folks.points[0].speaker
    assert "Daily Caller News Foundation" in router.route("quote dcnf").points[0].speaker


def test_balance_says_whose_voices_are_missing(router) -> None:
    answer = router.route("balance")
    assert answer.outcome is Outcome.ANSWER
    assert "supports the program" in answer.plain_text()
    assert len({c.source_id for c in answer.citations}) == 2


def test_balance_without_curated_sides_names_whom_the_sources_quote(minimal_router) -> None:
    """A pack with no ``balance:`` still answers "balance" honestly: the voices its sources
    carry and how, or that they quote no one; never "nothing answers that"."""
    assert not minimal_router.pack.balance
    answer = minimal_router.route("balance")
    assert answer.outcome is Outcome.LISTING
    assert "Dana Reyes (councillor): opinion" in answer.plain_text()
    # one person quoted in two roles is one voice, with both roles
    import dataclasses

    from bot.pack.model import Kind, Speaker
    reyes = next(s for s in minimal_router.pack.snippets if s.id == "reyes-view")
    twice = dataclasses.replace(minimal_router.pack, snippets=minimal_router.pack.snippets + (
        dataclasses.replace(reyes, id="reyes-chair", kind=Kind.CLAIM,
                            speaker=Speaker("Dana Reyes", "committee chair")),))
    voices = Router(twice).route("balance").plain_text()
    assert voices.count("Dana Reyes") == 1
    assert "Dana Reyes (councillor; committee chair): opinion, claim" in voices
    apache = Router(load_pack(Path("tests/packs/apache-2")))
    both = apache.route("both sides")
    assert both.question == "balance" and "quote no one" in both.plain_text()
    for asked in ("quote", "quote the licensor"):      # nobody's words: said, not left empty
        quoted = apache.route(asked)
        assert quoted.outcome is Outcome.LISTING and "quote no one" in quoted.plain_text()


def test_who_wrote_it_is_answered_from_the_sources_details_when_no_snippet_says(
        minimal_router) -> None:
    """A new pack has no snippet about its own bylines, but its sources name their outlet,
    author and date: "who wrote the article" or an author's name gets them, not a refusal."""
    source = next(iter(minimal_router.pack.sources.values()))
    assert source.outlet == "Town Gazette"
    for asked in ("who wrote the article", "when was it published", "which paper ran it",
                  "when was this report published",
                  "who is the Town Gazette"):
        answer = minimal_router.route(asked)
        assert answer.question == "sources" and "Town Gazette" in answer.plain_text(), asked
    assert minimal_router.route("who is the mayor").outcome is Outcome.NO_ANSWER


def test_too_long_input_is_refused_politely(router) -> None:
    answer = router.route("what is it " * 1000)
    assert answer.outcome is Outcome.REJECTED
    assert str(MAX_QUESTION_CHARS) in answer.plain_text()
    assert len(answer.question) < 100


def test_mistyped_command_gets_a_clear_message(router) -> None:
    answer = router.route("hlep")
    assert answer.outcome is Outcome.REJECTED and "help" in answer.suggestions
    assert router.route("--verbose").outcome is Outcome.REJECTED
    assert router.route("!help me").outcome is Outcome.REJECTED
    # bare punctuation names no command: help, as "?" gets
    for bare in ("!", "!!!", "-"):
        assert router.route(bare).headline.startswith("Docket briefing:"), bare
    # a flag that opens a question is the option it asks about
    asked = router.route("--verbose who gets the card")
    assert asked.outcome is not Outcome.REJECTED and asked.question == "--verbose who gets the card"
    # a command that takes arguments, mistyped with them; an English word before its
    # arguments is still a question
    subscribe = router.route("subscibe daily 09:00")
    assert subscribe.outcome is Outcome.REJECTED     # its suggestion keeps what was typed
    assert "subscribe daily 09:00" in subscribe.suggestions
    assert subscribe.question == "subscibe daily 09:00"
    assert router.route("qoute hauman").outcome is Outcome.REJECTED
    assert router.route("quite a card, who gets it").outcome is not Outcome.REJECTED



def test_an_option_the_pack_documents_asked_alone_is_a_question() -> None:
    subtree = build_router(load_pack(PACKS / "git-subtree"))
    for option in ("--ignore-joins?", "--squash"):
        assert subtree.route(option).outcome is Outcome.ANSWER, option
    assert subtree.route("--help").outcome is Outcome.REJECTED    # a command's name, flagged


def test_hostile_text_is_treated_as_a_question_not_echoed_into_an_answer(router) -> None:
    answer = router.route("<!channel> @everyone who gets the card")
    assert answer.outcome is Outcome.ANSWER
    assert "<!channel>" not in answer.plain_text()
    refused = router.route("<!channel> @everyone free pizza")
    assert refused.outcome is Outcome.NO_ANSWER
    # a terminal escape, a bell or a NUL typed in is never echoed back with the question
    escaped = router.route("who gets \x1b[2J\x07the card\x00")
    assert escaped.outcome is Outcome.ANSWER
    assert not any(ord(c) < 32 for c in escaped.question), escaped.question


def test_json_shape_is_stable(router) -> None:
    data = router.route("who gets the card").to_json()
    assert set(data) >= {"answered", "text", "snippets", "citations", "confidence", "suggestions"}
    assert data["answered"] is True
    assert set(data["citations"][0]) >= {"source", "title", "outlet", "author", "date", "quote"}


def test_json_says_which_citations_support_which_point(router) -> None:
    data = router.route("who gets the card").to_json()
    numbers = {c["number"] for c in data["citations"]}
    assert [p["snippet"] for p in data["points"]] == data["snippets"]
    for point in data["points"]:
        assert point["citations"] and set(point["citations"]) <= numbers
    assert set().union(*(p["citations"] for p in data["points"])) == numbers


def test_citations_are_numbered_source_by_source_and_cut_quotes_show_ellipses(router) -> None:
    answer = router.route("card?")
    order = [c.source_id for c in answer.citations]
    assert order == sorted(order, key=order.index)            # one run per source
    assert [c.number for c in answer.citations] == list(range(1, len(order) + 1))
    for citation in answer.citations:
        shown = citation.excerpt()
        assert citation.quote.split()[0] in shown
        assert shown.startswith("…") == citation.starts_mid and \
            shown.endswith("…") == citation.ends_mid


def test_hard_wrapped_text_is_cut_mid_sentence_where_its_sentence_goes_on() -> None:
    """In a text wrapped at a fixed width (a licence, an email) a sentence runs on over line
    breaks, so a quote that stops at "the Work," is cut; a title on a short line of its own
    is not, and the text's first line is no cut at all."""
    from bot.answering.citations import _cuts

    text = ("\n        Apache License\n      Version 2.0, January 2004\n\n"
            "   3. Grant. Each Contributor grants a licence to make, use, sell, and transfer\n"
            "      the Work, where such licence applies only to those claims.\n")
    assert _cuts(text, "Apache License") == (False, False)
    assert _cuts(text, "Version 2.0, January 2004") == (False, False)
    assert _cuts(text, "3. Grant. Each Contributor grants a licence to make, use, sell, and "
                       "transfer the Work,") == (False, True)
    assert _cuts(text, "where such licence applies only to those claims.") == (True, False)
    # after a list item's marker a sentence starts: no ellipsis before it
    listed = "Steps:\n* Make sure your code lints.\n2. Ensure the test suite passes.\n"
    assert _cuts(listed, "Make sure your code lints.") == (False, False)
    assert _cuts(listed, "Ensure the test suite passes.") == (False, False)
    assert _cuts(listed, "the test suite passes.") == (True, False)
    # a sentence a stray paragraph break cuts after its comma still goes on
    cut = "The plan has critics. While the mayor argues it saves money,\n\nothers disagree.\n"
    assert _cuts(cut, "While the mayor argues it saves money,") == (False, True)


def test_another_pack_answers_from_its_own_sources(minimal_router) -> None:
    answer = minimal_router.route("how late is the library open")
    assert answer.snippet_ids[0] == "hours-change"
    assert answer.citations[0].outlet == "Town Gazette"
    assert minimal_router.route("what is the library budget").points[0].text == (
        "The report gives no budget figure.")
    assert minimal_router.route("how many visitors").outcome is Outcome.ANSWER


@pytest.mark.parametrize("text", ["help", "topics", "banana bread recipe", "hlep",
                                  "subscribe daily 09:00", "balance", "who gets the card"])
def test_answers_name_commands_as_data_never_as_markup(router, text: str) -> None:
    """The Answer is neutral: no slash command's name and no Markdown in its own words; every
    command it mentions is a CommandRef (or a suggestion) the renderer formats."""
    answer = router.route(text)
    for point in answer.points:
        words = [s for s in point.segments if isinstance(s, str)]
        assert not any("/docket" in w or "`" in w for w in words), point
    assert not any(s.startswith("/") or "`" in s for s in answer.suggestions)
    assert "/brief" in answer.to_json("/brief")["text"] or not any(
        isinstance(s, CommandRef) for p in answer.points for s in p.segments)


def test_prepare_loads_the_word_list_so_no_question_waits_for_it() -> None:
    """In a fresh interpreter: the list is loaded by ``prepare``, not by the first question
    with a word the pack does not know (what a long-running process must avoid)."""
    import subprocess
    import sys

    code = ("from bot.app.commands import load_router\n"
            "from bot.matching import english\n"
            "router = load_router(None)\n"
            "print(english._frequencies.cache_info().currsize)\n"
            "router.prepare()\n"
            "print(english._frequencies.cache_info().currsize)\n"
            "misses = english._frequencies.cache_info().misses\n"
            "router.route('what does the zorblax committee say')\n"
            "print(english._frequencies.cache_info().misses - misses)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.split()
    assert out == ["0", "1", "0"]


def test_a_points_citations_are_numbered_in_order(router) -> None:
    """Citations are numbered source by source; a point quoting the second source first still
    reads [1][4], never [4][1]."""
    for question in ("card?", "secure docket", "what does the memo say", "john fabbricatore"):
        answer = router.route(question)
        assert any(len(p.citations) > 1 for p in answer.points), question
        assert all(list(p.citations) == sorted(p.citations) for p in answer.points), question


def test_help_offers_a_topic_that_does_not_read_as_a_question(router) -> None:
    """The shipped pack's first topic is "what it is": "or a topic: /docket what it is" read as
    a second question, so help names the first topic that reads as a topic."""
    assert router.pack.topics()[0] == "what it is"
    usage = router.route("help").points[0].render(lambda ref: f"/docket {ref}")
    assert usage.endswith("or a topic: /docket status."), usage


@pytest.mark.parametrize("command", ["balance", "quote Hauman"])
def test_a_commands_sourced_selection_grades_no_confidence(router, command) -> None:
    from bot.render.discord import render_embed
    from bot.render.slack import render_answer
    from bot.render.text import render_text

    selection = router.route(command)
    matched = router.route("who gets the card")
    assert selection.outcome is matched.outcome is Outcome.ANSWER and selection.citations
    assert selection.to_json()["confidence_label"] == "none" != matched.confidence_label
    slack = [str(render_answer(a)) for a in (selection, matched)]
    discord = [render_embed(a).get("footer", {}).get("text", "") for a in (selection, matched)]
    text = [render_text(a) for a in (selection, matched)]
    for selected, answered in (slack, discord, text):
        assert "Confidence" not in selected and "Confidence" in answered


def test_a_quote_that_is_part_of_another_cited_quote_is_shown_once(shipped_pack) -> None:
    from bot.answering.citations import cite

    overview = shipped_pack.by_id["program-overview"]
    recipients = shipped_pack.by_id["program-recipients"]   # quotes part of the overview's quote
    cited, citations = cite(shipped_pack, [overview, recipients])
    quotes = [" ".join(c.quote.split()) for c in citations]
    assert not any(a != b and a.strip(" .") in b for a in quotes for b in quotes)
    # the part is cited under the number of the quote it is part of
    part = next(e for e in recipients.evidence if e.source_id == "leaked-images")
    whole = next(c for c in citations if " ".join(part.quote.split()).strip(" .")
                 in " ".join(c.quote.split()))
    assert whole.number in cited[1]
    alone, _ = cite(shipped_pack, [recipients])
    assert len(alone[0]) == len(recipients.evidence)


def test_thanks_is_acknowledged_and_a_hello_shown_help(router) -> None:
    thanks = router.route("thank you so much!")
    assert thanks.outcome is Outcome.LISTING and thanks.headline == "You're welcome"
    assert not thanks.citations and "/docket help" in thanks.plain_text()
    assert router.route("hi there").headline.startswith("Docket briefing:")
    # an "ok" or "got it" is acknowledged, not answered with the overview
    assert router.route("ok got it").headline == "Noted"
    # thanks inside a question is part of the question
    assert router.route("thanks, and who gets the card?").outcome is Outcome.ANSWER
    # a pleasantry asks nothing of the pack, even with a word the pack has ("today")
    for hello in ("hey how's it going", "how are u doing today", "whats up?", "you there?"):
        assert router.route(hello).headline.startswith("Docket briefing:"), hello
    assert router.route("hi, how is the card going").outcome is Outcome.ANSWER
