"""Follow-ups are read against the last answer in the same conversation only, for ten minutes."""

from __future__ import annotations

import pytest

from bot.answering import messages as msg
from bot.answering.answer import Outcome
from bot.answering.asker import Asker
from bot.answering.followups import Conversations, Follow, follow_up
from bot.answering.router import Router
from bot.app.commands import build_router
from bot.pack.model import Pack

ALICE = Asker("slack", "C1", "U1", "T1", conversation="slack:T1:C1::U1")
BOB = Asker("slack", "C1", "U2", "T1", conversation="slack:T1:C1::U2")
ALICE_ELSEWHERE = Asker("slack", "C2", "U1", "T1", conversation="slack:T1:C2::U1")


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def chat(shipped_pack: Pack) -> tuple[Router, Clock]:
    router, clock = build_router(shipped_pack), Clock()
    router.conversations = Conversations(clock=clock)
    return router, clock


@pytest.mark.parametrize("text, kind", [
    ("who said that?", Follow.WHO), ("Who said it", Follow.WHO), ("says who", Follow.WHO),
    ("source?", Follow.SOURCES), ("where is that from", Follow.SOURCES),
    ("why?", Follow.WHY), ("why is that", Follow.WHY),
    ("tell me more", Follow.MORE), ("more", Follow.MORE), ("go on", Follow.MORE),
    ("and the TSA?", Follow.ABOUT), ("what about the leaked images", Follow.ABOUT),
    # a mention in front (Slack's <@U..>, <!here>, a typed @everyone) is no part of it
    ("<@U777> who said that", Follow.WHO), ("<!here> why", Follow.WHY),
    ("@everyone tell me more", Follow.MORE),
])
def test_follow_ups_are_recognised(text: str, kind: Follow) -> None:
    assert follow_up(text).kind is kind


@pytest.mark.parametrize("text", ["who said the card is a bad idea", "why is ICE doing this",
                                  "more about the memo please and the qr code"])
def test_questions_that_stand_alone_are_not_follow_ups(text: str) -> None:
    found = follow_up(text)
    assert found is None or (found.kind is Follow.ABOUT and found.subject)


def test_a_command_is_still_a_command_in_a_conversation(chat) -> None:
    router, _ = chat
    router.route("who gets the card", ALICE)
    assert router.route("sources", ALICE).headline.startswith("Sources behind this briefing")


def test_who_said_that_names_who_holds_the_last_answer(chat) -> None:
    router, _ = chat
    opinion = next(s for s in router.pack.snippets if s.kind.value == "opinion")
    first = router.route(opinion.questions[0], ALICE)
    answer = router.route("who said that?", ALICE)
    assert answer.headline == msg.FOLLOW_WHO and answer.snippet_ids == first.snippet_ids
    assert opinion.speaker.name in answer.plain_text()
    holder = answer.points[0]
    assert holder.snippet_id is None and holder.text.startswith(opinion.speaker.label())
    assert router.pack.sources[opinion.evidence[0].source_id].title in holder.text
    # then what each said, under a heading of its own rather than as more of the same list
    said = [p for p in answer.points if p.snippet_id is not None]
    assert said and all(p.section == msg.FOLLOW_WHO_SAID for p in said)
    assert "\nWhat each said\n" in answer.plain_text()


def test_who_said_a_reported_fact_names_its_sources_and_pins_it_on_no_one(chat) -> None:
    """A fact no speaker holds is the reporting's own: "who said that" names the articles
    and their bylines up front, never a person."""
    router, _ = chat
    fact = router.route("what is the QR code for", ALICE)      # two quotes, one source
    assert fact.outcome is Outcome.ANSWER
    shown = [router.pack.by_id[i] for i in fact.snippet_ids]
    assert all(s.speaker is None for s in shown)
    answer = router.route("who said that", ALICE)
    first = answer.points[0].text
    assert first.startswith("The source's own account, naming no speaker")
    for source_id in {e.source_id for s in shown for e in s.evidence}:
        source = router.pack.sources[source_id]
        assert source.title in first and (source.author or "author not stated") in first
        assert first.count(source.title) == 1       # a source quoted twice is named once


def test_who_said_a_reported_fact_names_whom_its_quotes_attribute_words_to(chat) -> None:
    """The overview is the reporting's own, but one of its quotes ends "..., an ICE
    spokesperson told the DCNF": "who said that" says so, still pinning the point on no one."""
    router, _ = chat
    overview = router.route("what is it", BOB)
    assert overview.outcome is Outcome.ANSWER
    assert all(router.pack.by_id[i].speaker is None for i in overview.snippet_ids)
    first = router.route("who said that", BOB).points[0].text
    assert first.startswith("The source's own account, in ")
    assert first.endswith("Attributed in the quotes shown: ICE spokesperson.")


def test_who_wrote_it_asked_first_is_a_question_of_its_own(chat) -> None:
    """With nothing to follow, "who wrote it" still asks something the pack can answer (its
    sources' authors); "who said that" asks nothing, so it says there is nothing to follow."""
    router, _ = chat
    wrote = router.route("who wrote it", ALICE)
    assert wrote.outcome is Outcome.ANSWER and "Jennie Taer" in wrote.plain_text()
    assert router.route("who said that", BOB).headline == msg.FOLLOW_NOTHING_HEADLINE


def test_who_wrote_it_asked_first_lists_the_sources_when_no_snippet_answers(
        minimal_router: Router) -> None:
    """A pack with no snippet about its authors answers "who wrote it" with its sources'
    details, as a question outside a conversation would be."""
    wrote = minimal_router.route("who wrote it", ALICE)
    assert wrote.outcome is not Outcome.NO_ANSWER
    assert wrote.headline != msg.FOLLOW_NOTHING_HEADLINE
    source = next(iter(minimal_router.pack.sources.values()))
    assert source.title in wrote.plain_text()


def test_who_wrote_a_change_is_no_question_about_the_sources_bylines() -> None:
    """"Who wrote the report" asks for a byline; "who wrote the keep-base change" asks who made
    a change the text describes, which its byline does not say."""
    from bot.answering.framing import asks_for_byline

    for byline in ("who wrote it", "who wrote the report", "who wrote the daily planet piece",
                   "who published the release notes"):
        assert asks_for_byline(byline), byline
    for other in ("who wrote the keep-base change", "who wrote the fix for the parser"):
        assert not asks_for_byline(other), other


def test_another_person_or_channel_never_continues_someone_elses_conversation(chat) -> None:
    router, _ = chat
    router.route("who gets the card", ALICE)
    for other in (BOB, ALICE_ELSEWHERE, Asker()):
        answer = router.route("who said that", other)
        assert answer.headline == msg.FOLLOW_NOTHING_HEADLINE and not answer.snippet_ids
    assert router.route("who said that", ALICE).headline == msg.FOLLOW_WHO


def test_a_follow_up_expires_after_ten_minutes(chat) -> None:
    router, clock = chat
    router.route("who gets the card", ALICE)
    clock.now += 599
    assert router.route("source?", ALICE).headline == msg.FOLLOW_SOURCES
    clock.now += 601
    assert router.route("who said that", ALICE).headline == msg.FOLLOW_NOTHING_HEADLINE
    afresh = router.route("source?", ALICE)           # asked afresh: about all the sources
    assert afresh.headline != msg.FOLLOW_SOURCES and "sources" in afresh.headline.lower()


def test_and_x_turns_the_question_and_tell_me_more_goes_further(chat) -> None:
    router, _ = chat
    first = router.route("what does the card look like", ALICE)
    tsa = router.route("and the TSA?", ALICE)
    assert tsa.outcome is Outcome.ANSWER and tsa.question == "and the TSA?"
    assert set(tsa.snippet_ids).isdisjoint(first.snippet_ids)
    more = router.route("tell me more", ALICE)
    assert more.outcome in (Outcome.ANSWER, Outcome.LISTING)
    assert set(more.snippet_ids).isdisjoint(tsa.snippet_ids)


def test_more_is_headed_by_the_topic_it_shows(chat) -> None:
    """More on "who gets the card" may come from a related topic; its heading names that
    topic, not the one asked first."""
    router, _ = chat
    router.route("who gets the card", ALICE)
    more = router.route("tell me more", ALICE)
    assert more.outcome is Outcome.ANSWER
    shown = router.pack.by_id[more.snippet_ids[0]]
    assert shown.topic.lower() in more.headline.lower()


def test_tell_me_more_never_shows_a_point_twice_and_then_says_that_is_all(chat) -> None:
    router, _ = chat
    shown = set(router.route("what does the card look like", ALICE).snippet_ids)
    for _ in range(10):
        more = router.route("tell me more", ALICE)
        if more.outcome is Outcome.LISTING:
            assert more.headline.startswith("That is all this briefing has on")
            break
        assert shown.isdisjoint(more.snippet_ids), "a point shown again"
        shown |= set(more.snippet_ids)
    else:
        raise AssertionError("tell me more never ended")


def test_a_follow_up_of_a_follow_up_still_reads_the_question_first_asked(chat) -> None:
    """After "who said that", "why" asks why of "who gets the card", not of "who said that"
    (a question of fillers alone, which got the pack's overview)."""
    router, _ = chat
    first = router.route("who gets the card", ALICE)
    router.route("who said that", ALICE)
    assert router.conversations.last(ALICE.conversation).question == "who gets the card"
    why = router.route("why", ALICE)
    assert router.pack.overview not in why.snippet_ids or \
        router.pack.overview in first.snippet_ids


def test_why_with_no_reasons_to_give_says_so_before_offering_more(chat) -> None:
    """"Why" after an answer whose reasons the sources do not give is not "tell me more": it
    says there are no more reasons before it shows more on the topic."""
    router, _ = chat
    router.route("what do critics say", ALICE)
    why = router.route("why", ALICE)
    assert why.headline.startswith("The sources give no more reasons for that; more on ")
    more = router.route("tell me more", ALICE)
    assert not more.headline.startswith("The sources give no more reasons")


def test_why_leads_with_a_neighbour_its_curator_asked_why_of(chat) -> None:
    """After "what is it", the snippet curated for "why is ICE doing this" is the reason; the
    reply says so rather than that the sources give none."""
    router, _ = chat
    router.route("what is it", ALICE)
    why = router.route("why", ALICE)
    assert why.headline.startswith("The reasons the sources give, on ")
    lead = router.pack.by_id[why.snippet_ids[0]]
    assert any(q.lower().startswith("why") for q in lead.questions)


def test_the_memory_stays_small() -> None:
    memory = Conversations(size=3)
    for n in range(10):
        memory.remember(f"c{n}", "q", ("s",))
    assert len(memory) == 3 and memory.last("c0") is None and memory.last("c9") is not None


def test_why_after_everything_was_shown_says_no_reasons_are_left(chat) -> None:
    router, _ = chat
    router.route("who gets the card", ALICE)
    while router.route("tell me more", ALICE).outcome is Outcome.ANSWER:
        pass
    why = router.route("why", ALICE)
    assert why.headline.startswith("The sources give no more reasons for that")
