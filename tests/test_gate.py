"""The decision to answer or refuse, on rules that carry to any pack: what a count counts, what
an age needs, what someone said *about*, a gap asked inside a longer question, and questions
that name a command."""

from __future__ import annotations

import dataclasses
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from bot.answering.answer import Outcome
from bot.answering.router import Router
from bot.app.commands import build_router
from bot.matching.answer_type import Expect, counted, expected, provides
from bot.matching.asked import what_is_asked
from bot.matching import text as tx
from bot.pack.loader import load_pack
from tests.conftest import PACKS, UNLIMITED


def words(text: str) -> list[str]:
    return tx.Vocabulary().words(text)


def test_question_starts_say_what_kind_of_answer_they_need() -> None:
    assert expected(words("how old is she")) is Expect.AGE
    assert expected(words("how far is it")) is Expect.LENGTH
    assert expected(words("since what year has it applied")) is Expect.YEAR
    assert expected(words("in what month did they announce it")) is Expect.MONTH
    # a count of years is a length of time: "both" beside a name is no answer to it
    assert expected(words("how many years was she there")) is Expect.LENGTH
    assert expected(words("how many years old is it")) is not Expect.LENGTH
    assert expected(words("how long has she worked there")) is Expect.LENGTH
    assert expected(words("how long ago was it")) is Expect.TIME
    # an obligation's conditions, not a time
    assert expected(words("when do i have to provide the source")) is Expect.ANYTHING
    assert expected(words("when must we include the notice")) is Expect.ANYTHING
    assert expected(words("when do we get the cards")) is Expect.TIME
    assert counted(words("so how many migrants crossed")) == "migrants"
    assert counted(words("what is the number of cards issued")) == "cards"
    assert counted(words("how many")) is None


def test_a_count_needs_a_figure_next_to_what_it_counts(minimal_router) -> None:
    vocabulary = minimal_router.index.vocabulary
    visitors = minimal_router.pack.by_id["visitors"]      # "served 12,400 visitors last year"
    count = lambda word: frozenset(vocabulary.fold(word))  # noqa: E731
    assert provides(visitors, Expect.QUANTITY, count("visitors"), vocabulary)
    assert not provides(visitors, Expect.QUANTITY, count("students"), vocabulary)
    assert provides(visitors, Expect.QUANTITY)             # no counted word: any figure
    # "how much will X *save*": no noun is counted, so the figure goes with the verb; a vote's
    # "5-2" or a closing hour is no saving
    analyse = minimal_router.index.analyse
    assert analyse("how much does it cost").counts == frozenset({"cost"})
    assert analyse("how much will keeping the library open cost").counts == frozenset({"cost"})
    hours = minimal_router.pack.by_id["hours-change"]           # "until 9 p.m. on weekdays"
    assert provides(hours, Expect.QUANTITY)
    assert not provides(hours, Expect.QUANTITY, count("cost"), vocabulary)
    assert minimal_router.route("how much will keeping the library open cost").outcome \
        is Outcome.NO_ANSWER


def test_the_only_one_of_a_thing_is_a_count_of_it() -> None:
    xz = build_router(load_pack(PACKS / "xz-faq"), settings=UNLIMITED)
    blocks = xz.pack.by_id["threading-independent-blocks"]  # "the only threading method"
    methods = xz.index.analyse("how many threading methods are there").counts
    assert provides(blocks, Expect.QUANTITY, methods, xz.index.vocabulary)
    # "only" alone counts nothing
    assert not provides(blocks, Expect.QUANTITY, xz.index.analyse("how many blocks").counts,
                        xz.index.vocabulary)


def test_how_many_is_answered_only_by_a_figure_for_that_thing(router) -> None:
    answered = router.route("how many migrants crossed the border in fiscal year 2023")
    assert answered.outcome is Outcome.ANSWER
    refused = router.route("how many migrants have flown using ICE arrest warrants as ID")
    assert refused.outcome is Outcome.NO_ANSWER      # "two ICE forms" counts forms, not people
    assert "no figure" in refused.points[0].text


def test_naming_a_quoted_word_is_no_part_of_the_question(router) -> None:
    """"Does the *term* "Library" include..." asks about the Library; in a licence, "term" is
    also a word of the text ("terms of your choice"), which must not be drawn in."""
    query = router.index.analyse('does the term "card" include a photo')
    assert "term" not in query.terms and "card" in query.terms
    assert "term" in router.index.analyse("what term does ICE use").words


def test_a_date_given_by_its_event_answers_when_exactly() -> None:
    """"As of the date such litigation is filed" is the answer a licence gives to "when exactly
    does it end": a date fixed by an event, not by the calendar."""
    from bot.pack.model import Evidence, Kind, Snippet

    def snippet(summary: str) -> Snippet:
        return Snippet(id="s", topic="t", questions=("q",), summary=summary, kind=Kind.FACT,
                       evidence=(Evidence("src", summary),))

    assert provides(snippet("It terminates as of the date such litigation is filed."),
                    Expect.DATE)
    assert provides(snippet("It ends on the day the notice arrives."), Expect.TIME)
    assert not provides(snippet("It ends when you sue."), Expect.DATE)
    assert provides(snippet("New builds are deployed on the embargo date."), Expect.TIME)
    # a month alone is a time, but no exact date; beside a day or a year it is one
    assert provides(snippet("An email obtained in January."), Expect.TIME)
    assert not provides(snippet("An email obtained in January."), Expect.DATE)
    for dated in ("on January 5", "on the 5th of May", "in May 2024", "on 21 September"):
        assert provides(snippet(f"An email obtained {dated}."), Expect.DATE), dated


def test_when_something_always_happens_is_answered_by_its_occasion() -> None:
    """"When is the control file parsed" asks what always happens, and "when the package is
    unpacked" answers it; "when do we get the cards" still wants a date."""
    from bot.pack.model import Evidence, Kind, Snippet

    words = tx.Vocabulary().words
    unpacked = Snippet(id="s", topic="t", questions=("q",), kind=Kind.FACT,
                       summary="The file is parsed when the package is unpacked.",
                       evidence=(Evidence("src", "parsed when the package is unpacked"),))
    for text in ("when is the control file parsed", "when does package T stop waiting",
                 "when is a package guaranteed to be notified", "when can a tool skip the hook",
                 "when should loosely coupled packages be updated"):
        assert expected(words(text)) is Expect.OCCASION, text
    assert provides(unpacked, Expect.OCCASION) and not provides(unpacked, Expect.TIME)
    assert expected(words("when do we get the cards")) is Expect.TIME
    within = Snippet(id="w", topic="t", questions=("q",), kind=Kind.FACT,
                     summary="A detailed response follows within 10 days.",
                     evidence=(Evidence("src", "a detailed response within 10 days"),))
    assert provides(within, expected(words("when should i expect a detailed response")))
    assert provides(within, Expect.TIME) and not provides(unpacked, Expect.TIME)
    upon = Snippet(id="u", topic="t", questions=("q",), kind=Kind.FACT,
                   summary="Holders show the card upon any contact with an officer.",
                   evidence=(Evidence("src", "show the card upon any contact"),))
    assert provides(upon, Expect.OCCASION) and not provides(upon, Expect.TIME)
    condition = Snippet(id="c", topic="t", questions=("q",), kind=Kind.FACT,
                        summary="A flaw in an internal function counts if it is exploitable.",
                        evidence=(Evidence("src", "counts if it is exploitable"),))
    assert provides(condition, expected(words("when can a flaw in an internal function count")))
    assert not provides(condition, Expect.TIME)


def test_how_long_a_thing_has_existed_is_answered_by_its_start() -> None:
    """"How long has the plan been around" is answered by "announced in 2022"; "how long has she
    worked there" is not (her start there is another date), nor is a plain "how long"."""
    from bot.pack.model import Evidence, Kind, Snippet

    words = tx.Vocabulary().words
    announced = Snippet(id="s", topic="t", questions=("q",), kind=Kind.FACT,
                        summary="The plan was announced in 2022.",
                        evidence=(Evidence("src", "The plan was announced in 2022."),))
    for text in ("how long has the plan been around", "how long have the talks been going on",
                 "how long has the rule existed"):
        assert expected(words(text)) is Expect.SINCE, text
        assert provides(announced, expected(words(text)))
    for text in ("how long has she worked there", "how long is the plan"):
        assert expected(words(text)) is Expect.LENGTH, text
        assert not provides(announced, expected(words(text)))
    # a fault present "since the beginning" has a start, though no date
    always = Snippet(id="b", topic="t", questions=("q",), kind=Kind.FACT,
                     summary="The check was fixed; the bug was present since the beginning.",
                     evidence=(Evidence("src", "bug present since the beginning"),))
    assert expected(words("how long had the check been broken")) is Expect.SINCE
    assert provides(always, Expect.SINCE) and not provides(always, Expect.LENGTH)
    assert not provides(Snippet(id="c", topic="t", questions=("q",), kind=Kind.FACT,
                                summary="It fails, since the check is broken.",
                                evidence=(Evidence("src", "since the check is broken"),)),
                        Expect.SINCE)


def test_the_date_of_a_thing_and_what_a_thing_costs_ask_for_a_date_and_a_figure() -> None:
    """"What's the date of the latest report" had answered with a snippet about the reports,
    which gives none; "what does a slab cost" with one about slabs, which names no price."""
    words = tx.Vocabulary().words
    assert expected(words("what's the date of the latest visit report")) is Expect.DATE
    assert expected(words("what was the exact date of the vote")) is Expect.DATE
    for text in ("what does a cement slab for a latrine cost", "what is the price of a card"):
        assert expected(words(text)) is Expect.QUANTITY, text
    assert expected(words("what is the cost model")) is Expect.ANYTHING
    # "how far" is a distance, which a post-office box number is not
    from bot.pack.model import Evidence, Kind, Snippet
    box = Snippet(id="a", topic="t", questions=("q",), kind=Kind.FACT,
                  summary="Write to P.O. Box 1658, Masaka.",
                  evidence=(Evidence("src", "P.O. Box 1658, Masaka"),))
    assert not provides(box, expected(words("how far is kibaale from masaka")))
    assert provides(Snippet(id="d", topic="t", questions=("q",), kind=Kind.FACT,
                            summary="Kibaale is 40 km from Masaka.",
                            evidence=(Evidence("src", "40 km from Masaka"),)),
                    expected(words("how far is kibaale from masaka")))


def test_when_it_is_appropriate_asks_the_circumstances_not_a_date() -> None:
    words = tx.Vocabulary().words
    for text in ("when is it appropriate to add the label", "when would it be ok to merge",
                 "when is it necessary to file a notice",
                 "when is weird behaviour from internal functions a bug"):
        assert expected(words(text)) is Expect.ANYTHING, text
    assert expected(words("when is it due")) is Expect.TIME


def test_how_often_is_answered_by_how_regularly_or_by_a_figure() -> None:
    """"Each year the board elects a chair" answers "how often is a chair chosen", though it
    holds no figure; a text that says nothing of how regularly does not."""
    from bot.pack.model import Evidence, Kind, Snippet

    def snippet(summary: str) -> Snippet:
        return Snippet(id="s", topic="t", questions=("q",), summary=summary, kind=Kind.FACT,
                       evidence=(Evidence("src", summary),))

    assert expected(tx.Vocabulary().words("how often does the board pick a chair")) \
        is Expect.FREQUENCY
    assert provides(snippet("Each year the board elects a chair."), Expect.FREQUENCY)
    assert provides(snippet("The board meets 4 times."), Expect.FREQUENCY)
    assert not provides(snippet("The board elects a chair by a simple majority."),
                        Expect.FREQUENCY)
    assert not provides(snippet("Each year the board elects a chair."), Expect.QUANTITY)


def test_what_size_names_the_kind_of_answer_not_its_subject(minimal_router) -> None:
    """"What *size* jars": the word says what the answer is (a measure), so it neither vetoes
    as an unknown focus nor waters down the question; the answer must hold a measure."""
    from bot.pack.model import Evidence, Kind, Snippet

    query = minimal_router.index.analyse("what size is the library")
    assert "size" not in query.unknown and query.expect is Expect.LENGTH
    assert "year" not in minimal_router.index.analyse("in what year did the council vote").terms
    jars = Snippet(id="s", topic="t", questions=("q",), kind=Kind.FACT,
                   summary="The recall covers 16-ounce jars.", evidence=(Evidence("x", "y"),))
    assert provides(jars, Expect.LENGTH)


def test_how_long_needs_a_figure_with_its_unit(router) -> None:
    """"Two articles" or a date is no answer to how long someone has worked somewhere; "ten or
    fewer lines" or "two years" would be."""
    from bot.matching.answer_type import provides

    answer = router.route("how long has jennie taer worked at the daily caller")
    assert answer.outcome is Outcome.NO_ANSWER
    about = router.pack.by_id["about-sources"]
    assert provides(about, Expect.QUANTITY) and not provides(about, Expect.LENGTH)


def test_how_old_needs_an_age_and_when_a_time(minimal_router) -> None:
    answer = minimal_router.route("how old is Dana Reyes")
    assert answer.outcome is Outcome.NO_ANSWER and "no age" in answer.points[0].text
    assert minimal_router.route("when did the council vote").outcome is Outcome.ANSWER  # Monday
    # "when will": the vote's Monday is past, and says nothing of what is to come
    later = minimal_router.route("when will the library be open until 9 p.m.")
    assert later.outcome is Outcome.NO_ANSWER and "will happen" in later.points[0].text


def test_what_someone_said_about_a_subject_the_pack_lacks_is_refused(minimal_router) -> None:
    parking = minimal_router.route("what did Dana Reyes say about parking")
    assert parking.outcome is Outcome.NO_ANSWER and '"parking"' in parking.points[0].text
    students = minimal_router.route("what did Dana Reyes say about students")
    assert students.outcome is Outcome.ANSWER and students.snippet_ids == ("reyes-view",)
    for everything in ("what did Dana Reyes say", "what did Dana Reyes say about it"):
        listing = minimal_router.route(everything)
        assert listing.question.startswith("quote") and "Dana Reyes" in listing.headline


def test_did_someone_say_anything_and_who_is_quoted_reach_quote(minimal_router) -> None:
    """Asked yes or no ("did X say anything"), or as "who is quoted", it is still the quotes
    that are asked for; about a subject the pack lacks, it is still refused."""
    for asked in ("did Dana Reyes say anything", "has Dana Reyes said anything about it"):
        listing = minimal_router.route(asked)
        assert listing.question.startswith("quote") and "Dana Reyes" in listing.headline
    parking = minimal_router.route("did Dana Reyes say anything about parking")
    assert parking.outcome is Outcome.NO_ANSWER
    for asked in ("who is quoted in the report", "who do they quote",
                  "who's the person quoted in the report"):
        assert minimal_router.route(asked).question == "quote"
    assert minimal_router.route("did the report say the library opens late").question \
        != "quote"


def test_a_speaker_is_found_by_role_and_surname_in_any_order(minimal_router) -> None:
    answer = minimal_router.route("what did councillor Reyes say")
    assert answer.question.startswith("quote") and answer.outcome is Outcome.ANSWER
    assert answer.points[0].speaker.startswith("Dana Reyes")


def test_someone_the_sources_do_not_quote_gets_an_honest_no(router) -> None:
    answer = router.route("what did CBP leadership say about the docket card")
    assert answer.outcome is Outcome.NO_ANSWER and answer.question.startswith("quote")
    # the voices it does quote, each kept whole: one is "the article and the foundation"
    listed = router.route("quote nobody").points[0].text
    assert "; The Leaked Images article and the Daily Caller News Foundation." in listed
    assert "ICE; " in listed


@pytest.mark.parametrize("text", ["give me both sides", "pros and cons?", "is it balanced",
                                  "whose side is missing", "are the sources one sided?",
                                  "is the coverage one-sided?", "coverage biased?",
                                  "give me the conservative take vs the admin take, short pls"])
def test_questions_that_ask_for_balance_reach_it(router, text: str) -> None:
    assert router.route(text).question == "balance"


@pytest.mark.parametrize("text", ["what matches if you uppercase both sides",
                                  "lowercase both sides, what matches",
                                  "do both sides of the comparison get case folded"])
def test_both_sides_of_an_operation_are_no_debate(router, text: str) -> None:
    assert router.route(text).question != "balance"


def test_which_way_a_thing_is_biased_asks_a_fact_not_for_balance(router) -> None:
    # the pack's own text may say what a process is biased towards
    assert router.route("which way is the card's design biased").question != "balance"


def test_a_gap_asked_inside_a_longer_question_yields_to_the_snippet_that_covers_it(router) -> None:
    longer = router.route("what did the retired ICE field office director say about the program")
    assert longer.outcome is Outcome.ANSWER and longer.snippet_ids == ("reaction-fabbricatore",)
    asked = router.route("who is the current director of ice")
    assert asked.outcome is Outcome.NO_ANSWER and "leadership" in asked.points[0].text


def test_which_asks_a_gap_the_way_what_does(minimal_router) -> None:
    """The gap "what is the library budget" is asked by "which library budget was approved"."""
    refused = minimal_router.route("which library budget was approved")
    assert refused.outcome is Outcome.NO_ANSWER and "no budget figure" in refused.points[0].text


@pytest.mark.parametrize("text", ["tl;dr pls", "TL;DR", "wen did the council vote"])
def test_chat_shorthand_is_read_as_english(minimal_router, text: str) -> None:
    assert minimal_router.route(text).outcome is Outcome.ANSWER


def test_technical_shorthand_is_spelt_out_unless_the_pack_says_otherwise() -> None:
    from bot.pack.model import Lexicon

    assert words("where are the docs for the config") == [
        "where", "are", "the", "documentation", "for", "the", "configuration"]
    assert words("cmd for the deps") == ["command", "for", "the", "dependencies"]
    assert words("which algo, what dict size") == ["which", "algorithm", "what", "dictionary", "size"]
    # asking for a definition is asking what a thing is: "ICE's *definition*" is no topic
    assert tx.Vocabulary().fold("definition") == ()
    # "count as" asks what a thing is, not how many: no "count" to match
    assert words("does a patch count as a contribution") == [
        "does", "a", "patch", "as", "a", "contribution"]
    # a long option is a name of its own ("--no-name" is not just "name"), and its parts are
    # still words ("memlimit" finds "--memlimit-compress")
    assert words("what does --no-name do, is it well-known") == [
        "what", "does", "noname", "no", "name", "do", "is", "it", "well", "known"]
    assert "memlimit" in words("--memlimit-compress")
    # so is a one-letter option, which no shorthand or filler swallows ("q", "x"), and which a
    # pack's lexicon may still name by its letter
    assert words("quick q: what do -q and -x do, -1 too") == [
        "quick", "what", "do", "-q", "and", "-x", "do", "1", "too"]
    assert words("a well-known e-mail - a list")[:4] == ["a", "well", "known", "e"]
    assert tx.Vocabulary().fold("-x") == ("-x",)
    assert tx.Vocabulary(Lexicon(synonyms={"q": "quiet"})).fold("-q") == ("quiet",)
    own = tx.Vocabulary(Lexicon(fillers=frozenset({"repo"}), synonyms={"app": "card"}))
    assert own.words("repo app") == ["repo", "app"]          # the pack's own reading wins
    assert own.fold("repo") == () and own.fold("app") == ("card",)
    # "repos threat model": chat's possessive of the pack's filler is a filler too
    assert own.fold("repos") == ()


def test_dates_asked_precisely_need_a_date_and_may_is_not_a_month() -> None:
    assert expected(words("when exactly did the mayor declare it")) is Expect.DATE
    assert expected(words("on what day did it start")) is Expect.DATE
    assert expected(words("when did it start")) is Expect.TIME
    assert expected(words("when the report says council, which one does it mean")) is Expect.ANYTHING
    from bot.matching.dates import DATE_WORDS, TIME_WORDS
    assert TIME_WORDS.search("in recent days") and not DATE_WORDS.search("in recent days")
    assert not TIME_WORDS.search("you may convey it") and TIME_WORDS.search("on may 5")


def test_a_word_written_as_one_finds_the_packs_two(router) -> None:
    # "cardholders": the pack's lexicon reads it as its "holders"; unlisted, a compound is
    # read as the two words the pack writes
    query = router.index.analyse("what does the memo tell cardholders to do")
    assert "holder" in query.terms and not query.unknown
    assert router.route("what does the memo tell cardholders to do").snippet_ids == ("card-memo",)
    assert router.route("can cardholders use the ICE portal?").snippet_ids[0] == "card-qr-portal"
    subtree = build_router(load_pack(PACKS / "git-subtree"))
    assert subtree.index.analyse("what is a worktree").joined == (("work", "tree"),)
    assert "passport" in router.index.analyse("passport rules").unknown  # everyday English: kept


def test_the_question_after_its_framing_is_answered(router) -> None:
    text = ("ok so my editor wants to know whether this ID thing is brand new or whether ICE "
            "already announced it at some point. when did the agency first announce the program?")
    answer = router.route(text)
    assert answer.outcome is Outcome.ANSWER and answer.snippet_ids[0] == "program-announced"
    assert answer.question == text
    framed = router.route("my editor asked me this. who is the mayor of Laredo?")
    assert framed.outcome is Outcome.NO_ANSWER
    # a name in framing that asks nothing does not veto a question that stands alone...
    desk = router.route("Hi Docket, Laredo desk here. who gets the card?")
    assert desk.outcome is Outcome.ANSWER and desk.snippet_ids[0] == "program-recipients"
    # ...but it does when the question points back at it or the framing asks something itself
    for text in ("I cover Laredo. When does the card start there?",
                 "What about Laredo? Is the card accepted at airports?",
                 "Laredo desk here. Who is the mayor?"):
        assert router.route(text).outcome is Outcome.NO_ANSWER, text



def test_a_last_question_pointing_back_is_answered_only_from_what_the_message_reached() -> None:
    """"...pasted our keys into a public gist - is *that* a node vuln?" is about the keys,
    so the general "what counts as a vulnerability" snippet, which "is that a vuln" alone
    reaches, is no answer to it."""
    security = build_router(load_pack(PACKS / "node-security"))
    text = "a coworker pasted our api keys into a public gist yesterday - is that a node vuln?"
    assert security.route("is that a node vuln?").outcome is Outcome.ANSWER
    assert security.route(text).outcome is Outcome.NO_ANSWER


def test_a_dashed_framing_and_a_length_instruction_are_not_the_question(minimal_router) -> None:
    """"... on deadline — how late is it open?" (or "... q: how late") asks what follows the
    dash (or colon); "in 10 words or
    less" says how to answer, and its 10 is no figure the sources must give."""
    for text in ("my editor is on deadline and wants it short — how late is the library open?",
                 "how late is the library open, in 10 words or less",
                 "how late is the library open? in one or two sentences please",
                 "how late is the library open, in the council's own wording",
                 "how late is the library open, short version",
                 "quick q - how late is the library open word for word",
                 "our weekend volunteers coordinator asked me this q: how late is the library open"):
        answer = minimal_router.route(text)
        assert answer.outcome is Outcome.ANSWER, text
        assert answer.snippet_ids[0] == "hours-change" and answer.question == text
    assert minimal_router.route("is the library open 10 hours a day").outcome \
        is Outcome.NO_ANSWER                                 # a figure asked about still counts


def test_which_document_is_meant_and_how_a_speaker_put_it_are_not_what_is_asked(
        minimal_router) -> None:
    """"Did *the first article* say...": the ordinal picks a document, whose words every
    answer cites anyway; "characterise", "portray" and "shown" ask what was said or shown, as
    "describe" and "show" do. Neither is a topic word the pack must hold."""
    index = minimal_router.index
    for text in ("did the first article say how late the library is open",
                 "how late is the library open according to the second report",
                 "how did the council characterize the library hours",
                 "how was the library's late opening portrayed",
                 "what hours were shown for the library"):
        query = index.analyse(text)
        assert query.unknown == () and query.named == (), text
        assert minimal_router.route(text).snippet_ids[:1] == ("hours-change",), text
    # an ordinal that names no document is still a word of the question
    assert "first" in index.analyse("when did the library first open late").words


def test_a_closing_tag_asks_nothing_and_newsroom_shorthand_is_spelt_out(minimal_router) -> None:
    """"... or what" ends a yes/no question: its "what" must not make it a "what" question
    (a gap asked "what ..." would claim it); a reporter's "graf" is a paragraph, not a name."""
    index = minimal_router.index
    for text in ("is the library open late or what", "is the library open late, or not?"):
        query = index.analyse(text)
        assert query.question_word is None and "what" not in query.words, text
        assert minimal_router.route(text).snippet_ids[:1] == ("hours-change",), text
    assert index.analyse("what is open or closed").question_word == "what"
    # "what words did X use": how X put it, not a question about words
    worded = index.analyse("what words did the council use to describe the hours")
    assert "words" not in worded.words and "use" not in worded.words
    # "..., right?" asks for a yes; in a short question "right" is what is asked
    assert "right" not in index.analyse("the library is open late now, right?").words
    assert "right" in index.analyse("which side is right?").words
    assert "paragraph" in index.analyse("need a graf on the library hours").words
    # "y/n" asks for a yes or a no; its "n" names nothing
    for text in ("is the library open late y/n", "is the library open late (yes/no)?"):
        query = index.analyse(text)
        assert not query.named and not {"y", "n", "yes", "no"} & set(query.words), text
    assert index.analyse("library hours in fy 2024").words[3:5] == ("fiscal", "year")
    assert "message" in index.analyse("the council's msg on hours").words
    # "..., possible?" asks whether, and names no topic
    assert index.analyse("open late on sundays, possible?").terms == \
        index.analyse("open late on sundays?").terms
    assert "one" not in index.analyse("open late on sundays or only the regular ones").terms


def test_what_a_question_sets_aside_is_not_what_it_asks(router) -> None:
    answer = router.route("besides eagle pass, where else were border surges reported")
    assert answer.snippet_ids[:1] == ("context-san-diego-el-paso",)
    assert "eagl" not in router.index.analyse("apart from eagle pass, which towns").terms
    # at the end of a question, three words at most are set aside; a longer tail is the question
    assert "eagl" not in router.index.analyse("which towns saw surges apart from eagle pass?").terms
    assert "tsa" in router.index.analyse("which agency besides ice does tsa trust").terms
    # mid-question, up to three words before the question's verb
    asked = router.index.analyse("which two towns other than eagle pass were hit by surges").terms
    assert "eagl" not in asked and "surg" in asked
    asked = router.index.analyse("what does ice say, as opposed to the critics themselves?")
    assert "critic" not in asked.terms and "ice" in asked.terms
    # or up to three words before the question word, with no comma
    asked = router.index.analyse("besides eagle pass where else have border authorities seen surges")
    assert "eagl" not in asked.terms and "surg" in asked.terms


def test_a_gap_reached_by_paraphrase_must_cover_more_than_the_snippet(router) -> None:
    """On a tie the snippet answers: the gap's words are the ones the snippet shares."""
    answer = router.route("heritage foundation guy quote?")
    assert answer.outcome is Outcome.ANSWER and answer.snippet_ids[0] == "reaction-hauman-dmv"


def test_a_gap_covering_all_of_a_question_beats_a_snippet_covering_nearly_all(
        minimal_router) -> None:
    """A snippet covering 92% of "what's the name of the town's mayor" lacks the name; a gap
    reached by paraphrase that covers every word wins. Covering less than all, it yields."""
    from bot.matching.gate import Gate, Verdict
    from bot.matching.search import Hit
    from bot.pack.model import Gap

    query = minimal_router.index.analyse("how late is the library open")
    snippet = Hit(minimal_router.pack.by_id["hours-change"], 9.0, 0.92, frozenset(query.terms))
    gap = Gap("gap-late", ("what are the late opening rules",), "No rules are given.")
    whole, most = (Hit(gap, 5.0, coverage, frozenset(query.terms)) for coverage in (1.0, 0.95))
    assert Gate({}).decide(query, [snippet, whole]).verdict is Verdict.GAP
    assert Gate({}).decide(query, [snippet, most]).verdict is Verdict.ANSWER


def test_a_number_must_stand_with_the_word_the_question_puts_it_with() -> None:
    from pathlib import Path

    from bot.app.commands import build_router
    from bot.pack.loader import load_pack

    lgpl = build_router(load_pack(Path(__file__).parent.parent / "briefings" / "lgpl-3"))
    assert lgpl.index.analyse("can I relicense under gpl 2").number_pairs == (("gpl", "2"),)
    assert lgpl.route("can I relicense under gpl 2").outcome is Outcome.NO_ANSWER  # "section 2"
    assert lgpl.route("what does section 3 say").snippet_ids[0] == "header-files-terms"
    # The pack's subject labels no number: "lgpl 4e" is its section 4e, written "section 4e".
    assert lgpl.index.analyse("what is lgpl 4e about").number_pairs == ()
    assert lgpl.route("what is lgpl 4e about").snippet_ids[0] == "combined-installation-information"
    # A number named twice needs one of its words beside it: "-C 5", not "think 5".
    gzip = build_router(load_pack(Path(__file__).parent / "packs" / "gzip-news"))
    assert gzip.route("does zdiff -C 5 think 5 is a file name").snippet_ids[:1] == (
        "zdiff-context-and-configure",)
    assert gzip.route("does zdiff -C 7 think 7 is a file name").outcome is Outcome.NO_ANSWER
    # a name that starts with a digit is no figure of the word before it
    xz = build_router(load_pack(Path(__file__).parent / "packs" / "xz-faq"))
    assert xz.index.analyse("what to do after running 7z2lzma").number_pairs == ()
    assert xz.index.analyse("is it in version 5.2a").number_pairs == (("version", "5.2a"),)


def test_quote_prefers_the_speaker_so_named_and_heads_several_by_name(router) -> None:
    ice = router.route("quote ice")
    assert {p.speaker.split(" (")[0] for p in ice.points} == {"ICE"}
    nice = router.route("quote nice")
    assert nice.headline == "What RJ Hauman and John Fabbricatore said"
    assert router.route("Fabbricatore's take").headline == "What John Fabbricatore said"


def test_what_a_superlative_ranks_or_a_when_question_ends_on_is_the_focus(router) -> None:
    """"The best *burrito* place in San Diego" and "when was the centre *established*" ask
    about a thing the pack lacks, however much weight the place's two words carry."""
    for question, missing in (
            ("best burrito place in san diego", "burrito"),
            ("when was the national immigration center for enforcement established",
             "established")):
        refused = router.route(question)
        assert refused.outcome is Outcome.NO_ANSWER, question
        assert f'"{missing}"' in refused.points[0].text
    assert router.route("when was the program announced").outcome is Outcome.ANSWER


def test_who_is_asked_what_they_said_is_the_focus(router) -> None:
    """"What did the Texas *governor* say about Eagle Pass": the pack quotes a mayor, not a
    governor, and the one everyday word it lacks is whose words are asked for."""
    refused = router.route("what did the texas governor say about the eagle pass crossings")
    assert refused.outcome is Outcome.NO_ANSWER
    assert '"governor"' in refused.points[0].text
    assert router.route("what did the lawmakers say about the cards").outcome is Outcome.ANSWER


def test_the_best_ranked_usable_snippet_leads_even_when_another_matches_every_word(
        minimal_router) -> None:
    """A question names its pack's subject in passing ("object form *in the licence*"): the
    definition that ranks first but lacks that one light word must lead, not a snippet that
    merely mentions every word."""
    from bot.matching.gate import Gate, Verdict
    from bot.matching.search import Hit

    pack = minimal_router.pack
    ranked, complete = pack.snippets[0], pack.snippets[1]
    query = minimal_router.index.analyse("what did the council vote on")
    terms = frozenset(query.terms)
    hits = [Hit(ranked, 7.2, 0.86, terms), Hit(complete, 6.0, 1.0, terms)]
    decision = Gate({}).decide(query, hits)
    assert decision.verdict is Verdict.ANSWER and decision.lead is ranked


def test_a_when_question_is_answered_only_by_a_snippet_about_its_event(minimal_router) -> None:
    """"When will building *start*": a snippet dated "Tuesday" about a vote to build is no
    answer; one about the start is. The event is the verb the first clause ends on."""
    from bot.matching.gate import Gate, Verdict
    from bot.matching.search import Hit

    index, pack = minimal_router.index, minimal_router.pack
    query = index.analyse("when did the library serve visitors")
    assert query.event == tuple(index.vocabulary.fold("visitors"))
    assert index.analyse("when was it, like, served to visitors").event == ()
    # a question ending on a place is asked about no event: "in the library" is no verb
    assert index.analyse("where is the reading room in the library").event == ()
    without = Hit(pack.by_id["hours-change"], 9.0, 0.9, frozenset({"librari"}))
    with_event = Hit(pack.by_id["visitors"], 5.0, 0.9, frozenset(query.terms))
    assert Gate({}).decide(query, [without]).verdict is not Verdict.ANSWER
    decision = Gate({}).decide(query, [without, with_event])
    assert decision.verdict is Verdict.ANSWER and decision.lead.id == "visitors"


def test_a_gap_reached_by_paraphrase_is_offered_as_the_nearest_not_as_the_answer(router) -> None:
    """"Does Jennie Taer support the program" shares only her name with the gap about her
    article's date: refused, but not as if the missing date were what was asked."""
    from bot.answering import messages as msg

    near = router.route("does Jennie Taer support the program")
    assert near.outcome is Outcome.NO_ANSWER
    assert near.points[0].text.startswith(msg.NO_ANSWER_NEAR_GAP.split("{")[0])
    asked = router.route("who leaked the images")
    leaker = next(g for g in router.pack.gaps if g.id == "gap-leaker")
    assert asked.points[0].text == leaker.reason


def test_a_contraction_or_a_placeholder_is_no_word_of_the_topic(minimal_router) -> None:
    """"we'd" is "we would", not "wed"; "she'll" is not "shell"; the X of "library X" stands
    for a name the asker leaves out, and vetoes nothing."""
    assert words("we'd ask, she'll know, i'll see, can't") == [
        "we", "would", "ask", "she", "will", "know", "i", "will", "see", "can", "not"]
    for text in ("we'd like to know how late the library is open",
                 "can library X stay open late"):
        assert minimal_router.route(text).snippet_ids[:1] == ("hours-change",), text
    # "still", "even", "ever" frame a question ("do I still have to"); they are not its topic
    for text in ("do they still keep the library open late", "is the library even open late"):
        query = minimal_router.index.analyse(text)
        assert not query.unknown and minimal_router.route(text).snippet_ids[:1] == (
            "hours-change",), text
    # nor do "etc" and "vs": "zgrep etc", "HPFS vs FAT" ask about zgrep, HPFS and FAT
    assert tx.Vocabulary().fold("etc") == () == tx.Vocabulary().fold("versus")
    # "nowadays" is "now", and "since" is grammar like "before" and "until"
    assert tx.Vocabulary().fold("nowadays") == () == tx.Vocabulary().fold("since")
    assert words("why'd they pick it") == ["why", "would", "they", "pick", "it"]
    # a word typed in capitals is an acronym or a name, whatever the same letters spell in
    # lowercase; a question typed all in capitals has no such word
    analyse = minimal_router.index.analyse
    assert "arm" in analyse("is the library open late for ARM students").named
    assert "arm" not in analyse("is the library open late for arm students").named
    assert not analyse("HOW LATE IS THE LIBRARY OPEN").named
    # "actual", like "actually", asks for nothing itself: the focus is the word after it
    assert "actual" not in minimal_router.index.analyse("what is the actual reason").named
    assert "reason" in minimal_router.index.analyse("what is the actual reason").named


def test_a_share_asked_for_needs_a_figure_and_a_clause_number_is_none() -> None:
    from bot.pack.loader import load_pack
    from tests.conftest import PACKS

    assert expected(words("what % of projects use it")) is Expect.QUANTITY
    assert expected(words("what proportion of users")) is Expect.QUANTITY
    assert expected(words("patent grant revoked when?")) is Expect.TIME   # asked last
    assert expected(words("what happens when it ends")) is Expect.ANYTHING
    apache = load_pack(PACKS / "apache-2").by_id
    assert not provides(apache["copyright-grant"], Expect.QUANTITY)   # only "2. Grant of ..."
    assert provides(apache["def-legal-entity"], Expect.QUANTITY)      # "fifty percent (50%)"


def test_in_release_notes_a_release_number_answers_when() -> None:
    """An undated old release answers "when did .gz become the default" with "in 1.1"; a
    decimal amount is no release."""
    from bot.matching.answer_type import _VERSION_WORDS
    from bot.matching.dates import TIME_WORDS
    from bot.pack.loader import load_pack
    from tests.conftest import PACKS

    gzip = load_pack(PACKS / "gzip-news").by_id
    assert not TIME_WORDS.search(" ".join(e.quote for e in gzip["rel-1-1-gz-suffix"].evidence))
    assert provides(gzip["rel-1-1-gz-suffix"], Expect.TIME)        # "from 1.0.7 to 1.1"
    for text in ("in release 1.12", "gzip-1.3.10 fixed it", "version 2.0", "1.2.4 added it",
                 "changes from 0.7 to 0.8"):
        assert _VERSION_WORDS.search(text), text
    for text in ("it cost $4.2 million", "4.2 percent of users", "in 2.5 seconds"):
        assert not _VERSION_WORDS.search(text), text


def test_accented_and_other_scripts_are_words(minimal_router) -> None:
    """"Núñez" is one word, typed with or without its accents; "whö gets the cärd" is a typo
    of the question, not four fragments; a question in another script is words the pack
    lacks, refused as such rather than read as nothing."""
    assert words("Ana Núñez") == ["ana", "nunez"] == words("ana nunez")
    assert words("whö gets the cärd") == ["who", "gets", "the", "card"]
    assert words("Что это") == ["что", "это"]
    assert minimal_router.route("whät dö supporters säy").snippet_ids[:1] == ("reyes-view",)
    assert minimal_router.route("Что это").outcome is Outcome.NO_ANSWER


def test_what_an_abbreviation_stands_for_is_answered_by_the_words_it_is_short_for(
        router) -> None:
    """"TSA stands for?" is answered by the snippet that spells it out, "Transportation
    Security Administration (TSA)", not by one where someone "stands" for something; an
    abbreviation the sources never spell out is refused (its curated gap says so)."""
    from bot.matching.abbreviations import spells_out

    assert expected(words("TSA stands for?")) is Expect.EXPANSION
    assert expected(words("what does the CLA stand for")) is Expect.EXPANSION
    assert expected(words("what do critics stand for in this debate")) is Expect.ANYTHING
    assert spells_out("by Immigration and Customs Enforcement (ICE) agents", "ice")
    assert spells_out('a Contributor License Agreement ("CLA")', "cla")
    assert not spells_out("the Transportation Security Administration (TSA)", "ice")
    assert not spells_out("a card (TSA) for travel", "tsa")
    # the name alone, capitalised, spells out letters used elsewhere in the text
    assert spells_out("as the Daily Caller News Foundation reported", "dcnf")
    assert spells_out("agents of Customs and Border Protection", "cbp")
    assert not spells_out("as the Daily Caller reported", "dcnf")
    assert not spells_out("the daily caller news foundation", "dcnf")
    answer = router.route("TSA stands for?")
    assert answer.outcome is Outcome.ANSWER
    assert "Transportation Security Administration (TSA)" in answer.plain_text() + " ".join(
        c.quote for c in answer.citations)
    assert router.route("what does CBP stand for").outcome is Outcome.NO_ANSWER
    # "the full name of" an abbreviation in capitals asks the same; of anything else, a name
    assert what_is_asked("whats the full name of TSA?") == "what does TSA stand for"
    assert what_is_asked("TSA's full form") == "what does TSA stand for"
    assert what_is_asked("the full name of the director") == "the full name of the director"
    answer = router.route("what's the full name of TSA")
    assert "Transportation Security Administration (TSA)" in answer.plain_text() + " ".join(
        c.quote for c in answer.citations)


@pytest.fixture(scope="module")
def vim_router() -> Router:
    return build_router(load_pack(PACKS / "vim-charity"), settings=UNLIMITED)


def test_what_is_the_point_of_asks_why_and_its_point_is_no_topic(vim_router) -> None:
    query = vim_router.index.analyse("what's the point of voting for features")
    assert query.question_word == "why" and "point" not in query.terms
    # "point" stays a topic word where it is one
    assert "point" in vim_router.index.analyse("how many points does a vote get").terms


def test_a_curated_question_in_the_same_terms_asked_the_same_way_is_that_question(
        vim_router) -> None:
    # "why should I vote for features" is curated for faq-what-in-return; other fillers and
    # the same question word ask it too, though four snippets on voting rank close
    answer = vim_router.route("why vote for features, whats it do")
    assert answer.snippet_ids[:1] == ("faq-what-in-return",)
    # another question word, or another kind of answer wanted, is another question
    assert vim_router.index.curated(vim_router.index.analyse("how vote for features")) is None
    node = build_router(load_pack(PACKS / "node-governance"), settings=UNLIMITED)
    assert node.route("how many triagers are there").outcome is Outcome.NO_ANSWER


def test_a_gap_question_that_ranks_is_asked_only_by_a_question_that_ranks(vim_router) -> None:
    # gap-top-features: "what is the most voted feature"
    assert vim_router.route("what is the most voted feature").outcome is Outcome.NO_ANSWER
    assert vim_router.route("what do voted features get").outcome is Outcome.ANSWER


def test_which_city_asks_for_a_place_and_weighs_nothing_unless_the_pack_has_cities(
        vim_router) -> None:
    answer = vim_router.route("which city is stichting iccf holland in")
    assert answer.outcome is Outcome.ANSWER and "Amersfoort" in answer.points[0].text + \
        " ".join(c.quote for c in answer.citations)
    # the pack speaks of countries: "which country" keeps its word
    assert "countri" in vim_router.index.analyse("which country is kibaale close to").terms


def test_everyday_fillers_and_kin_words_weigh_as_people_mean_them(vim_router) -> None:
    terms = vim_router.index.analyse("how much literally, ballpark, elsewhere in europe").terms
    assert not {"liter", "literally", "ballpark", "elsewher"} & set(terms)
    assert tx.Vocabulary().words("index dbs") == ["index", "databases"]   # chat shorthand
    # a hedge on what is asked is no part of it
    terms = vim_router.index.analyse("how safe is the money supposedly, or reportedly").terms
    assert not {"suppos", "supposedly", "report", "reportedly"} & set(terms)
    # "originated" is read as the pack's "started"
    assert "start" in vim_router.index.analyse("did aids originate in rakai").terms
    # how much, how often or how wholly is chat, not topic: "tons of errors" asks of errors
    terms = vim_router.index.analyse("who usually gets tons of money, fully and generally").terms
    assert not {"usual", "usually", "ton", "tons", "fulli", "fully", "general"} & set(terms)


def test_a_where_question_ending_on_a_participle_and_its_noun_asks_no_event(vim_router) -> None:
    analyse = vim_router.index.analyse
    assert analyse("where does the message have to show up in a modified build").event == ()
    assert analyse("where is the money spent").event == ("spend",)


def test_a_possessive_after_a_contraction_still_names_what_is_asked(router) -> None:
    # "what's" is no possessive: Eagle Pass's *population* is what is asked, and the pack
    # has none
    assert "population" in router.index.analyse("what's eagle pass's population").named
    assert router.route("what's eagle pass's population").outcome is Outcome.NO_ANSWER


def test_a_curated_question_typed_as_written_is_found_after_it_is_read(minimal_router) -> None:
    # the question and the curated wording are read the same way ("what's the point of" as
    # "why"), so typing a curated question word for word still finds its snippet
    index = minimal_router.index
    snippet = minimal_router.pack.snippets[0]
    question = f"what is the point of {snippet.questions[0]}"
    rebuilt = type(index)([*minimal_router.pack.snippets[1:],
                           dataclasses.replace(snippet, questions=(question,))],
                          index.vocabulary)
    assert rebuilt.curated(rebuilt.analyse(question)).id == snippet.id
    assert "point" not in rebuilt.analyse(question).terms


def test_bring_up_is_mention_and_from_x_side_is_whose_view(router) -> None:
    asked = router.index.analyse("does either article bring up the heritage foundation")
    assert not {"either", "bring"} & set(asked.terms) and "heritag" in asked.terms
    side = router.index.analyse("so whats the end goal of the card from ICE's side")
    assert "side" not in side.terms and "ice" in side.terms
    assert "late" not in router.index.analyse("which border towns see surges lately").terms
    # "timeframe" is a time, which the pack speaks of; the unknown word would veto
    assert "timefram" not in router.index.analyse("over what timeframe did it happen").named


def test_a_role_asked_of_one_body_is_not_answered_by_that_role_at_another(router) -> None:
    """"Who is the president of the Heritage Foundation": the snippet that names RJ Hauman
    president of NICE and an adviser at the Heritage Foundation has every word, and does not
    answer it; "who is the president of NICE" it does."""
    query, _, hits, _ = router.reading("who is the president of the heritage foundation")
    assert query.role == (("presid",), "heritag")
    quoted = next(h for h in hits if h.snippet.id == "reaction-hauman-dmv")
    assert "role" in (router.gate.shortfall(query, quoted) or "")
    answered = router.route("who is the president of NICE")
    assert answered.outcome is Outcome.ANSWER and "Hauman" in answered.plain_text()
    # "who pays for", "who is responsible for": no role of a body is asked
    assert router.index.analyse("who is responsible for the card").role is None
    assert router.index.analyse("who pays for the cards").role is None


def test_capitals_the_pack_never_writes_name_something_it_lacks(minimal_router, router) -> None:
    # the library pack writes "quiet" only in lowercase: "QUIET" is an acronym it never names
    analyse = minimal_router.index.analyse
    assert analyse("how late is the library open for QUIET members").named == ("quiet",)
    assert analyse("how late is the library open for quiet members").named == ()
    # the articles write "NICE" in capitals, so it stays the organisation they name
    assert router.index.analyse("what does NICE say").named == ()
    assert router.route("what does NICE say").outcome is Outcome.ANSWER


def test_what_month_needs_a_month_named(router, minimal_router) -> None:
    # the articles say the pilot was announced "in 2022", which names no month
    announced = router.route("when was the pilot announced")
    assert announced.outcome is Outcome.ANSWER
    month = router.route("what month in 2022 did ICE announce the pilot")
    assert month.outcome is Outcome.NO_ANSWER and "no month" in month.plain_text()
    hours = minimal_router.pack.by_id["hours-change"]       # "voted on Monday": a day, no month
    assert not provides(hours, Expect.MONTH)
    assert provides(dataclasses.replace(hours, summary="The council voted on 3 March."),
                    Expect.MONTH)


def test_how_many_years_is_answered_by_a_length_of_time(router) -> None:
    # "John Fabbricatore, both of NICE": a figure beside the name, not years of service
    assert router.route("how many years was fabbricatore at ICE").outcome is Outcome.NO_ANSWER


def test_the_quickest_way_to_asks_how(minimal_router) -> None:
    # "quickest" is no superlative ranking a thing the pack lacks: the question asks how
    analyse = minimal_router.index.analyse
    quickest = analyse("what's the quickest way to find out how late the library is open")
    assert "quickest" not in quickest.terms and not quickest.named
    assert minimal_router.route("quickest way to find out how late the library is open?"
                                ).outcome is Outcome.ANSWER
    assert "pizza" in analyse("best pizza near the library").named


def test_a_word_read_as_two_needs_its_last_part_beside_its_first() -> None:
    subtree = build_router(load_pack(PACKS / "git-subtree"))
    # "worktree" is read as "work tree"; a snippet on the "tree" a split makes is no answer
    assert subtree.index.analyse("does git subtree work with git worktree").joined == (
        ("work", "tree"),)
    assert subtree.route("does git subtree work with git worktree").outcome \
        is Outcome.NO_ANSWER


def test_conditions_and_purposes_are_read_as_asked() -> None:
    # "when is X used instead of Y" asks on what occasion; "when configuring X, does it..."
    # opens on a condition and asks yes or no
    assert expected(words("when is troff used instead of nroff")) is Expect.OCCASION
    assert expected(words("when is the card issued to migrants")) is Expect.TIME
    assert expected(words("when configuring it does it prefer groff")) is Expect.ANYTHING
    assert expected(words("when does the pilot start")) is Expect.OCCASION
    # "when is X a Y", "when does X count as Y": what makes it one, not a date
    assert expected(words("when is an encryption bug a vulnerability")) is Expect.ANYTHING
    assert expected(words("when does a bug count as a vulnerability")) is Expect.ANYTHING
    assert expected(words("when is a new version released")) is Expect.OCCASION
    # "X purpose?" and "purpose of X" ask what X is for
    assert what_is_asked("catman purpose?") == "why catman"
    assert what_is_asked("purpose of the lexgrog program") == "why the lexgrog program"
    assert what_is_asked("what purpose does it serve") == "what purpose does it serve"
    # "who is allowed to X" asks who can; "where can I find X" where X is; "day to day" no day
    assert what_is_asked("who is allowed to nominate") == "who can nominate"
    assert what_is_asked("where can i find the list") == "where is the list"
    assert what_is_asked("in the event of an incident, who acts") == "if an incident, who acts"
    # "which one" stands for a thing named before; "in ICE's official wording" is whose account
    assert what_is_asked("the same group - which one").split() == ["the", "same", "group", "-",
                                                                   "which"]
    official = what_is_asked("who are they for, in ice's official wording")
    assert official.split() == ["who", "are", "they", "for"]
    # an irregular past reads as its verb: "ran out of memory" is the text's "run out"
    assert tx.Vocabulary().fold("ran") == tx.Vocabulary().fold("run")
    assert tx.Vocabulary().fold("left") == ("left",)
    assert what_is_asked("what do they do day to day").split() == ["what", "do", "they", "do"]


def test_an_acronyms_plural_and_considered_are_read_plainly() -> None:
    # the release notes write "OS"; a question's "OSes" is their plural, not an unknown word
    notes = build_router(load_pack(PACKS / "gzip-news")).index
    assert "os" in notes.analyse("builds for other OSes").terms
    manual = build_router(load_pack(PACKS / "man-db")).index
    assert "consid" not in manual.analyse("what is considered its best feature").terms


def test_a_when_question_ending_on_one_asks_no_event(router) -> None:
    # "when was the newest one": "one" stands for a thing, so no snippet must speak of "one"
    assert router.index.analyse("when was the newest one").event == ()


def test_a_typo_may_mean_a_word_only_the_lexicon_knows() -> None:
    manual = build_router(load_pack(PACKS / "man-db")).index
    # the lexicon reads "regenerate" as the manual's "update"; no snippet writes it
    assert ("regenrate", "regenerate") in manual.analyse("how do i regenrate the index").corrections


def test_a_snippet_scoring_well_below_one_that_falls_short_does_not_answer_in_its_place(
        minimal_router) -> None:
    """The best-scoring snippet covers too little; another covers enough with weaker words.
    On packs as their curators first built them, such stand-ins were more often wrong than
    right, so unless it scores close to the best, the question is refused and both are
    offered."""
    from bot.matching.gate import Gate, GateSettings, Verdict
    from bot.matching.search import Hit

    pack = minimal_router.pack
    best, other = pack.by_id["hours-change"], pack.by_id["visitors"]
    query = minimal_router.index.analyse("how late is the library open")
    terms = frozenset(query.terms)
    for score, verdict in ((6.0, Verdict.WEAK), (9.5, Verdict.ANSWER)):
        hits = [Hit(best, 10.0, 0.5, terms), Hit(other, score, 0.8, terms)]
        decision = Gate({}).decide(query, hits)
        assert decision.verdict is verdict
        assert decision.lead is (other if verdict is Verdict.ANSWER else None)
        assert verdict is Verdict.ANSWER or decision.closest == (best, other)
    loose = Gate({}, GateSettings(runner_up_ratio=0.0))
    assert loose.decide(query, [Hit(best, 10.0, 0.5, terms), Hit(other, 6.0, 0.8, terms)]
                        ).verdict is Verdict.ANSWER


def test_a_figure_for_part_of_a_period_does_not_answer_for_all_of_it(router) -> None:
    """The sources count crossings "in the first ten months of fiscal year 2023"; a question
    about all of the year is refused, with that figure one click away."""
    whole = router.route("how many illegal crossings were recorded in all of fiscal year 2023")
    assert whole.outcome is Outcome.NO_ANSWER
    assert whole.choices and "crossings" in whole.choices[0].question
    part = router.route("how many illegal crossings were recorded in fiscal year 2023")
    assert part.outcome is Outcome.ANSWER and part.snippet_ids[0] == "context-border-crossings"


def test_a_year_alone_is_no_date(router) -> None:
    """"On what date did ICE announce it": the sources give the year, 2022, and say so; the
    refusal says no exact date is given rather than naming a gap about something else."""
    for question in ("on what date did ICE announce the program?",
                     "when exactly was the program announced?"):
        refused = router.route(question)
        assert refused.outcome is Outcome.NO_ANSWER, question
        assert "date" in refused.points[0].text and refused.gap is None, question
    assert router.route("when was the program announced").outcome is Outcome.ANSWER
    assert router.route("how long has the docket idea been around, since when").outcome \
        is Outcome.ANSWER


def test_a_curated_question_of_one_word_is_not_met_by_another_in_the_same_terms(router) -> None:
    # "how many pieces of information are on the card" comes down to "card": "how many cards
    # are out there" is no such question, and the sources give no count of cards
    assert router.route("how many cards are out there").outcome is Outcome.NO_ANSWER
    assert router.route("how many pieces of information are on the card").snippet_ids[0] \
        == "card-features"


def test_a_gap_asked_word_for_word_beats_the_command_and_the_byline_it_resembles(router) -> None:
    """"What is the Heritage Foundation's position" reads like a request for quotes, and "who
    wrote the memo" like a byline question; each is a curated gap's question, and the gap's
    reason is the honest answer. A longer question holding a gap's ("who wrote the *leaked
    images* article") still gets the bylines."""
    position = router.route("what is the Heritage Foundation's position on the card?")
    assert position.outcome is Outcome.NO_ANSWER and position.gap == "gap-organisation-statements"
    memo = router.route("who wrote the memo?")
    assert memo.outcome is Outcome.NO_ANSWER and memo.gap == "gap-memo-date"
    assert router.route("who wrote the leaked images article").headline.startswith("Sources")
    assert router.route("what did hauman say").outcome is Outcome.ANSWER
    # "hearing" is a word of the topic, not chat's "I keep hearing"
    assert "hear" in router.index.analyse("has congress held a hearing").terms


def test_who_sent_or_signed_something_asks_for_someone_named() -> None:
    assert expected(words("who sent the email")) is Expect.NAME
    assert expected(words("who signed the letter")) is Expect.NAME


def test_a_name_made_possessive_must_be_matched_by_the_answer(tmp_path) -> None:
    # without the curated gap that asks it, "Kuwasha's bank swift code" reached the swift code
    # of the Dutch foundation, which matches every other word
    pack = tmp_path / "vim-charity"
    shutil.copytree(PACKS / "vim-charity", pack)
    gaps = yaml.safe_load((pack / "gaps.yaml").read_text())
    gaps["gaps"] = [g for g in gaps["gaps"] if g["id"] != "gap-kuwasha-contact"]
    (pack / "gaps.yaml").write_text(yaml.safe_dump(gaps))
    vim = build_router(load_pack(pack), settings=UNLIMITED)
    assert vim.index.analyse("whats kuwasha's swift code").owner == ("kuwasha",)
    assert vim.route("what's kuwasha's bank swift code").outcome is Outcome.NO_ANSWER
    assert vim.route("what's kcc's swift code").outcome is Outcome.NO_ANSWER
    assert vim.route("what is iccf's swift code").outcome is Outcome.ANSWER
    # an everyday word made possessive is too loose an owner to insist on
    assert vim.index.analyse("what goes under the library's notice").owner == ()


def test_a_question_word_typed_as_a_contraction_asks_the_same() -> None:
    from bot.matching.answer_type import question_word

    assert question_word(words("whats the latest version")) == "what"
    assert question_word(words("who's in charge")) == "who"
    assert question_word(words("wheres the config")) == "where"
    # so a curated gap asked the same way is asked ("what is the latest version of xz utils")
    xz = build_router(load_pack(PACKS / "xz-faq"), settings=UNLIMITED)
    answer = xz.route("whats the latest version of xz utils rn")
    assert answer.outcome is Outcome.NO_ANSWER and "no version numbers" in answer.plain_text()


def test_the_subject_of_a_yes_or_no_question_is_what_it_is_about() -> None:
    # "rust" is everyday English, but here it is whose bounty is asked: the pack lacks it
    node = build_router(load_pack(PACKS / "node-security"), settings=UNLIMITED)
    assert node.index.analyse("does rust have a bug bounty program").named == ("rust",)
    assert node.route("does rust have a bug bounty program").outcome is Outcome.NO_ANSWER
    assert node.route("does node have a bug bounty program").outcome is Outcome.ANSWER


def test_an_email_or_web_address_asked_for_needs_one_written_out() -> None:
    assert expected(words("email address of the security list?")) is Expect.EMAIL
    assert expected(words("whats the url for pigz")) is Expect.WEB
    assert expected(words("where is the project's homepage")) is Expect.WEB
    # asked of someone's use: the name of the kind weighs nothing, so "email" vetoes nothing
    assert expected(words("what email address does Colin use in these entries")) is Expect.EMAIL
    assert expected(words("which website does the project use")) is Expect.WEB
    # "email" alone is a message, and "once on the website" says where, not which
    assert expected(words("what did the tsa email say")) is Expect.ANYTHING
    assert expected(words("where do I put the notice - once on the website?")) is Expect.ANYTHING
    xz = build_router(load_pack(PACKS / "xz-faq"), settings=UNLIMITED)
    pigz = xz.pack.by_id["threading-pigz-style"]        # "pigz <https://www.zlib.net/pigz/>"
    assert provides(pigz, Expect.WEB) and not provides(pigz, Expect.EMAIL)
    git = build_router(load_pack(PACKS / "git-relnotes"), settings=UNLIMITED)
    answer = git.route("email address of the git security mailing list?")
    assert answer.outcome is Outcome.NO_ANSWER


def test_what_version_needs_a_version_or_release_written_as_one() -> None:
    assert expected(words("since what openssh version are they supported")) is Expect.VERSION
    assert expected(words("which release added it")) is Expect.VERSION
    assert expected(words("what version of 7-zip introduced it")) is Expect.VERSION
    # what version information to give is no version asked for
    assert expected(words("which version info do i put in the bug report")) is Expect.ANYTHING
    assert expected(words("what is 'release status' in the memo")) is Expect.ANYTHING
    xz = build_router(load_pack(PACKS / "xz-faq"), settings=UNLIMITED)
    matcher = xz.pack.by_id["threading-match-finder"]     # 7-Zip's, with no version named
    assert not provides(matcher, Expect.VERSION)
    assert xz.route("what version of 7-zip first parallelized the match finder").outcome \
        is Outcome.NO_ANSWER
    gzip = build_router(load_pack(PACKS / "gzip-news"), settings=UNLIMITED)
    assert gzip.route("which gzip release added --rsyncable").outcome is Outcome.ANSWER
    # the question's own version says nothing: "which automake did gzip 1.7 move to"
    rsyncable = gzip.route("which gzip release added --rsyncable").snippet_ids[0]
    snippet = dataclasses.replace(gzip.pack.by_id[rsyncable], summary="gzip 1.7 added it.",
                                  evidence=())
    asked = gzip.index.analyse("which automake version did gzip 1.7 move to")
    assert asked.expect is Expect.VERSION and "1.7" in asked.counts
    assert provides(snippet, Expect.VERSION) and not provides(snippet, Expect.VERSION,
                                                              asked.counts)


def test_examples_closing_a_question_are_no_part_of_what_it_asks() -> None:
    assert what_is_asked("can i distribute it on any medium, like usb sticks or a docker image?"
                         ).split() == "can i distribute it on any medium".split()
    assert what_is_asked("what happens with a trigger cycle, e.g. A triggers B").split() == \
        "what happens with a trigger cycle".split()
    # "like" as a verb, or examples mid-question, stay
    assert "like" in what_is_asked("what do users like about it")
    assert "zip" in what_is_asked("does it read formats like zip, and how fast")
    # chat idioms: how to answer, or "what about"
    assert what_is_asked("whats the deal w/ the TSA").split() == "what about the TSA".split()
    assert "nutshell" not in what_is_asked("give me the criticism in a nutshell")


def test_a_when_question_is_not_answered_by_the_release_it_names() -> None:
    # release notes date by release, but "when did grap 1.42 come out" is not answered by a
    # snippet whose only release is 1.42
    groff = build_router(load_pack(PACKS / "groff-problems"), settings=UNLIMITED)
    asked = groff.index.analyse("when was grap 1.42 released")
    assert asked.expect is Expect.TIME and "1.42" in asked.counts
    grap = dataclasses.replace(groff.pack.by_id["grap-version"], summary="grap version 1.42 is needed.",
                               evidence=())
    assert not provides(grap, Expect.TIME, asked.counts)
    assert provides(grap, Expect.TIME)


def test_a_bare_question_word_closing_a_message_asks_about_what_came_before() -> None:
    from bot.answering.framing import points_back

    assert points_back("why?") and points_back(" how come ") and not points_back("why so slow")
    groff = build_router(load_pack(PACKS / "groff-problems"), settings=UNLIMITED)
    # the overview, answered for a topicless "why", is no answer to the whole message
    answer = groff.route("groff eats tons of memory on 386BSD 0.1 - why")
    assert answer.snippet_ids[:1] != (groff.pack.overview,)


def test_what_someone_does_for_a_living_asks_their_job() -> None:
    assert what_is_asked("what does Frank Wortner do for a living") == \
        "what job does Frank Wortner have"
    assert what_is_asked("where does David Hinds work now?") == \
        "what employer does David Hinds have?"
    assert what_is_asked("what does it do for a living") == "what does it do for a living"
    # a snippet that quotes him gives neither
    groff = build_router(load_pack(PACKS / "groff-problems"), settings=UNLIMITED)
    assert groff.route("what does Frank Wortner do for a living").outcome is Outcome.NO_ANSWER
    assert groff.route("who is Frank Wortner").outcome is Outcome.ANSWER


def test_the_words_naming_an_address_asked_for_weigh_nothing() -> None:
    xz = build_router(load_pack(PACKS / "xz-faq"), settings=UNLIMITED)
    assert xz.index.analyse("whats the url for pigz").terms == ("pigz",)
    assert "url" in xz.index.analyse("does the faq mention a url").terms     # not asked for


@pytest.mark.parametrize(("pack", "question"), [
    ("tests/packs/zstd-contributing", "where is the github actions config in the repo"),
    ("briefings/docket", "which outlet obtained the new pics of the ICE cards?"),
])
def test_the_same_question_gets_the_same_answer_in_every_process(pack: str, question: str) -> None:
    """Python orders a set of words differently in each process; two words weighing the same
    once made the points joining the lead differ from one run of the bot to the next."""
    root = Path(__file__).parent.parent
    shown = set()
    for seed in ("1", "2", "3", "4"):
        run = subprocess.run([sys.executable, "-m", "bot", "ask", "--pack", str(root / pack),
                              question], capture_output=True, text=True, cwd=root,
                             env={**os.environ, "PYTHONHASHSEED": seed}, check=True)
        shown.add(run.stdout)
    assert len(shown) == 1


def test_that_a_thing_is_in_the_news_is_not_what_is_asked_about_it(router: Router) -> None:
    """"this card thing everyone's talking about" asks what the card is; "everyone" had matched
    the snippet saying everyone quoted opposes it."""
    assert what_is_asked("whats this thing everyone's talking about").split() == \
        ["whats", "this", "thing"]
    assert what_is_asked("the rule people keep talking about").split() == ["the", "rule"]
    assert what_is_asked("what did everyone say about it") == "what did everyone say about it"
    answer = router.route("whats this ICE docket card thing everyone's talking about")
    assert answer.snippet_ids[0] == router.route("what is it").snippet_ids[0]


def test_chat_asides_are_not_what_is_asked(router: Router) -> None:
    """Each of these had refused an answerable question for want of its one chat word."""
    assert what_is_asked("what ice claims on the security front - anything specific?").split() \
        == ["what", "ice", "claims", "on", "the", "security", "front"]
    assert "second" not in what_is_asked("what does the second headline say")
    # the asker's own view closing a question is no part of it
    assert what_is_asked("why'd they turn it off, it seemed useful").split() == \
        ["why'd", "they", "turn", "it", "off"]
    assert what_is_asked("is it useful") == "is it useful"
    # "the root cause of X" asks why X; "whose job is it to" who should
    assert what_is_asked("what's the root cause of the build failure") == "why the build failure"
    assert what_is_asked("whose job is it to validate the input") == "who should validate the input"
    # "which specific members" still asks for names, so "specific" is no filler
    assert "specific" in what_is_asked("which specific members criticized it")
    for aside, plain in [("how did ppl react to the plan overall", "how did ppl react to the plan"),
                         ("what kinda ppl oppose this", "what people oppose this"),
                         ("what do these stories say about its security", "what about its security")]:
        answer = router.route(aside)
        assert answer.outcome is Outcome.ANSWER, aside
        assert answer.snippet_ids[0] == router.route(plain).snippet_ids[0]


def test_whether_a_claim_is_true_is_asked_by_asking_about_the_claim(router: Router) -> None:
    """"Is it true that X" asks what X asks: "true", a word no snippet uses, had outweighed
    every topic word and refused."""
    assert what_is_asked("is it true that the card has a QR code?").split() == \
        ["the", "card", "has", "a", "QR", "code?"]
    assert what_is_asked("the card has a QR code, true?").split() == \
        ["the", "card", "has", "a", "QR", "code"]
    assert what_is_asked("what is true about the card") == "what is true about the card"
    answer = router.route("is it really true that the card has a QR code")
    assert answer.outcome is Outcome.ANSWER
    assert answer.snippet_ids[0] == router.route("does the card have a QR code").snippet_ids[0]

def test_a_curated_question_typed_with_a_hedge_is_still_typed_exactly() -> None:
    """"What does rejoin *actually* do" is the curated "what does --rejoin do": the hedge had
    sent it to the search, where five snippets naming rejoin tied and the wrong one led."""
    subtree = build_router(load_pack(PACKS / "git-subtree"), settings=UNLIMITED)
    vocabulary = subtree.index.vocabulary
    assert vocabulary.key(words("what does it actually do")) == vocabulary.key(
        words("what does it do"))
    assert subtree.route("what does rejoin actually do").snippet_ids[0] == "option-rejoin"


def test_doc_is_chat_for_documentation() -> None:
    node = build_router(load_pack(PACKS / "node-governance"), settings=UNLIMITED)
    assert node.route("why does the doc care abt authenticity of contributors").snippet_ids == \
        node.route("why does the documentation care abt authenticity of contributors").snippet_ids
    assert node.route("why does the doc care abt authenticity of contributors").outcome is \
        Outcome.ANSWER


def test_a_gap_asked_in_full_is_found_however_many_snippets_share_its_words() -> None:
    """Every snippet of the grep pack says "grep": the gap "who maintains grep" ranked below
    eight of them, was never seen, and a snippet about someone else answered."""
    grep = build_router(load_pack(PACKS / "grep-todo"), settings=UNLIMITED)
    answer = grep.route("who maintains gnu grep")
    assert answer.outcome is Outcome.NO_ANSWER and answer.gap == "gap-people-contributing"
    # a gap question of words that weigh little in the question is left to the ranking
    man = build_router(load_pack(PACKS / "man-db"), settings=UNLIMITED)
    assert man.route("what program suite was man-db originally derived from").outcome \
        is Outcome.ANSWER


def test_a_number_stands_with_a_word_only_inside_one_question_summary_or_quote() -> None:
    """A curated question ending "...to the office" and a summary opening "Room 2 is shut"
    are two texts: the snippet does not write an "office 2"."""
    from bot.matching.gate import Gate, Verdict
    from bot.matching.search import Hit, Index
    from bot.pack.model import Evidence, Kind, Snippet

    def snippet(question: str) -> Snippet:
        return Snippet(id="s", topic="t", questions=(question,), kind=Kind.FACT,
                       summary="Room 2 is shut on Fridays.",
                       evidence=(Evidence("src", "Room 2 is shut on Fridays."),))

    vocabulary = tx.Vocabulary()
    for question, answers in (("how do I get to the office", False),
                              ("is office 2 shut on fridays", True)):
        found = snippet(question)
        others = [dataclasses.replace(found, id=f"o{i}", questions=(f"what about {word}",),
                                      summary=f"The {word} is open.",
                                      evidence=(Evidence("src", f"The {word} is open."),))
                  for i, word in enumerate(("garden", "library", "canteen"))]
        query = Index([found, *others], vocabulary).analyse("is office 2 shut")
        assert query.number_pairs and query.number_pairs[0][1] == "2"
        hit = Hit(found, 5.0, 1.0, frozenset(query.terms))
        verdict = Gate({}, vocabulary=vocabulary).decide(query, [hit]).verdict
        assert (verdict is Verdict.ANSWER) is answers, question
