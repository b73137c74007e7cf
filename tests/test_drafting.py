"""A curator's tools: ``docket new`` makes a pack that validates, ``docket draft`` adds an
article with drafts whose quotes validate by construction and which are never answered until
a curator finishes them, and ``docket coverage`` lists what no snippet quotes."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from bot.answering.answer import Outcome
from bot.app.commands import build_router
from bot.pack.drafting import DraftingError, draft_article, new_pack, uncovered
from bot.pack.loader import load_pack

ARTICLE = """City Council approves new bus lanes

The City Council voted 7-2 on Tuesday to add bus lanes on Main Street, a plan that will cost \
$4.5 million over three years.
"This will cut commute times for thousands of riders," said Mayor Ana Ruiz at a press conference.
According to the Transit Authority, buses on Main Street carry 12,000 riders a day.
Councilmember Tom Hale said the plan was rushed and would hurt small businesses on the corridor.
Construction is expected to begin in the spring.
"""


def docket(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "bot", *args], text=True, capture_output=True,
                          timeout=60)


@pytest.fixture()
def pack_with_article(tmp_path: Path) -> Path:
    pack = new_pack(tmp_path / "bus-lanes")
    (pack / "pack.yaml").write_text("# kept by the curator\n" + (pack / "pack.yaml").read_text())
    article = tmp_path / "council-vote.txt"
    article.write_text(ARTICLE)
    draft_article(article, pack, title="Council approves bus lanes", outlet="City Ledger",
                  date="2026-11-20")
    return pack


def drafts(pack: Path) -> list[dict]:
    return yaml.safe_load((pack / "snippets" / "drafts-council-vote.yaml").read_text())["snippets"]


def test_a_new_pack_validates_and_says_what_it_is(tmp_path: Path) -> None:
    result = docket("new", str(tmp_path / "my-story"))
    assert result.returncode == 0, result.stderr
    assert docket("validate", str(tmp_path / "my-story")).returncode == 0
    answer = build_router(load_pack(tmp_path / "my-story")).route("what is this pack")
    assert answer.outcome is Outcome.ANSWER and "new" in answer.plain_text()
    assert docket("new", str(tmp_path / "my-story")).returncode != 0   # never over a pack
    assert load_pack(tmp_path / "my-story").title == "My Story"
    spaced = docket("new", str(tmp_path / "Bad Name!"))
    assert spaced.stdout.rstrip().endswith(f"--pack '{tmp_path / 'Bad Name!'}'")   # to paste
    titled = docket("new", str(tmp_path / "apache-2"), "--title", "Apache License, Version 2.0")
    assert titled.returncode == 0, titled.stderr
    assert load_pack(tmp_path / "apache-2").title == "Apache License, Version 2.0"
    # it names an overview and a disclaimer, as pack.yaml is documented to hold
    new = load_pack(tmp_path / "my-story")
    assert new.overview == "about-this-pack" and new.disclaimer
    # a place no pack can be made is one error line, not a traceback
    (tmp_path / "a-file").write_text("x")
    blocked = docket("new", str(tmp_path / "a-file" / "pack"))
    assert blocked.returncode == 1 and "Traceback" not in blocked.stderr
    assert blocked.stderr.startswith(f"error: cannot create {tmp_path / 'a-file' / 'pack'}: ")


def test_drafts_quote_the_article_verbatim_and_guess_kind_and_speaker(
        pack_with_article: Path) -> None:
    found = {d["evidence"][0]["quote"][:20]: d for d in drafts(pack_with_article)}
    assert len(found) == 4                                  # the headline and the last line: no
    assert found["The City Council vot"]["kind"] == "statistic"
    mayor = found['"This will cut commu']
    assert (mayor["kind"], mayor["speaker"]["name"]) == ("claim", "Mayor Ana Ruiz")
    assert found["According to the Tra"]["speaker"]["name"] == "Transit Authority"
    assert found["Councilmember Tom Ha"]["speaker"]["name"] == "Councilmember Tom Hale"
    assert all(d["draft"] is True and d["summary"] is None and d["questions"] == []
               for d in found.values())
    pack = load_pack(pack_with_article)                     # every quote checked verbatim
    assert len(pack.drafts) == 4 and pack.sources["council-vote"].outlet == "City Ledger"
    assert (pack_with_article / "pack.yaml").read_text().startswith("# kept by the curator")


def test_drafts_are_never_answered_until_a_curator_finishes_one(pack_with_article: Path) -> None:
    question = "how many riders do the buses carry"
    assert build_router(load_pack(pack_with_article)).route(question).outcome is not \
        Outcome.ANSWER
    # a curator asking mid-way is told why the article's own words are not answered yet
    asked = docket("ask", "--pack", str(pack_with_article), question)
    assert "note: this pack has 4 drafts (draft: true), never answered until finished" in \
        asked.stderr
    added = docket("curate", "add", drafts(pack_with_article)[0]["id"], "who voted",
                   "--pack", str(pack_with_article))
    assert added.returncode != 0 and "is still a draft" in added.stderr
    file = pack_with_article / "snippets" / "drafts-council-vote.yaml"
    snippets = drafts(pack_with_article)
    riders = next(d for d in snippets if "12,000" in d["evidence"][0]["quote"])
    del riders["draft"]
    riders |= {"summary": "The Transit Authority says 12,000 riders a day use Main Street buses.",
               "questions": [question, "how busy are the main street buses"]}
    file.write_text(yaml.safe_dump({"snippets": snippets}, sort_keys=False))
    pack = load_pack(pack_with_article)
    assert len(pack.drafts) == 3
    answer = build_router(pack).route(question)
    assert answer.outcome is Outcome.ANSWER and "12,000" in answer.plain_text()
    result = docket("validate", str(pack_with_article))
    assert "3 drafts remain" in result.stdout
    assert "the source 'about' and its snippet were written by docket new" in result.stdout


def test_coverage_lists_the_sentences_no_snippet_quotes(pack_with_article: Path) -> None:
    total, missing = uncovered(load_pack(pack_with_article))["council-vote"]
    assert total == 6        # a headline other than the title the curator gave is a sentence
    assert missing == ["City Council approves new bus lanes",
                       "Construction is expected to begin in the spring."]
    out = docket("coverage", str(pack_with_article)).stdout
    assert "sources/council-vote.txt: 4 of 6 sentences quoted" in out


def test_a_bad_draft_leaves_the_pack_as_it_was(pack_with_article: Path, tmp_path: Path) -> None:
    before = (pack_with_article / "pack.yaml").read_text()
    article = tmp_path / "council-vote.txt"
    with pytest.raises(DraftingError, match="already has a source"):
        draft_article(article, pack_with_article)
    with pytest.raises(DraftingError, match="YYYY-MM-DD"):
        draft_article(article, pack_with_article, source_id="other", date="20 Nov")
    # an id the pack would not accept is refused, not quietly rewritten ("git-2.39")
    with pytest.raises(DraftingError, match="'notes-2.39' must be lowercase.*'notes-2-39'"):
        draft_article(article, pack_with_article, source_id="notes-2.39")
    assert (pack_with_article / "pack.yaml").read_text() == before
    assert not (pack_with_article / "sources" / "other.txt").exists()


@pytest.mark.parametrize("sentence, kind, speaker", [
    ("The city has not said whether parking meters will be added to the new lot.",
     "claim", "city"),
    ("The lanes will cost $4.2 million, according to the city's transportation department.",
     "claim", "city's transportation department"),
    ("Councillor Tom Hale, who voted against the plan, said the council should have waited.",
     "opinion", "Councillor Tom Hale"),
    ("The transit agency told reporters that buses on the route carry 12,000 riders a day.",
     "claim", "transit agency"),
    ("The lanes will cost $4.2 million and take three years to build on Main Street.",
     "statistic", None),
    # a text's numbered clause and its pointer to itself ("as stated in this section") are
    # neither a figure nor someone's words
    ("Each Contributor grants You 2 licences: it is irrevocable (except as stated in this "
     "section) and worldwide.", "statistic", None),
    ('"We are acting out of an abundance of caution," company spokesperson Maria Delgado said '
     "on Monday.", "claim", "Maria Delgado"),
    ("Section 4(b) of version 2.0 applies to every copy of the Work that You distribute in any "
     "medium.", "fact", None),
    # "Tier 1 and Tier 2" label two tiers; "if said code" is the adjective, no attribution
    ("Bugs in Tier 1 and Tier 2 platforms count, even if said code is dynamically loaded.",
     "fact", None),
    # release notes: a release's number and date label it; they are no figure
    ("zdiff now supports -H in release 1.3.10, and tool-1.2.4 fixed it on 2022-04-07.",
     "fact", None),
    # the place the speakers are at is not who they are; a body named in lowercase speaks
    ("Shop owners on Pier Street said the closure would hurt holiday trade.", "claim",
     "Shop owners on Pier Street"),
    ("The bridge will close for six weeks, the city's transport department said on Monday.",
     "claim", "city's transport department"),
])
def test_an_attributed_sentence_is_a_claim_whoever_the_speaker(sentence: str, kind: str,
                                                               speaker: str | None) -> None:
    from bot.pack.drafting import _drafts, sentences

    [draft] = _drafts("s", sentences(sentence))
    assert draft["kind"] == kind
    assert (draft.get("speaker") or {}).get("name") == speaker


def test_short_continued_quotes_titled_speakers_and_a_headline_line() -> None:
    """The README's own example drafts both of Becker's sentences; "said board member Lucia
    Ferrer" names her; a headline with no blank line after it is no part of the first
    sentence, while a wrapped first sentence stays one sentence."""
    from bot.pack.drafting import _drafts, sentences

    becker = _drafts("s", sentences('"The lanes will ruin trade on Main Street for years," '
                                    'Becker said. "Shops will close."'))
    assert [(d["evidence"][0]["quote"], d["speaker"]["name"]) for d in becker] == [
        ('"The lanes will ruin trade on Main Street for years," Becker said.', "Becker"),
        ('"Shops will close."', "Becker")]
    [ferrer] = _drafts("s", sentences('"We disagree with the plan," said board member Lucia '
                                      'Ferrer.'))
    assert ferrer["speaker"] == {"name": "Lucia Ferrer"}
    # a quotation followed by a line naming someone alone is theirs; "The End." names no one
    signed = _drafts("s", sentences('"We will appeal the ruling in the spring."\nJane Doe.\n'))
    assert signed[0]["speaker"] == {"name": "Jane Doe"}
    ended = _drafts("s", sentences('"We will appeal the ruling in the spring."\nThe End.\n'))
    assert "speaker" not in ended[0]
    headed = sentences("Millbrook Council Votes to Close Elm Street Library\n"
                       "The council voted 5-2 on Tuesday to close the library.\n")
    assert [p.text for p in headed] == ["Millbrook Council Votes to Close Elm Street Library",
                                        "The council voted 5-2 on Tuesday to close the library."]
    wrapped = sentences("The Millbrook Town Council voted 5-2 on Tuesday to close the Elm "
                        "Street\nbranch library on March 1.\n")
    assert [p.text for p in wrapped] == [
        "The Millbrook Town Council voted 5-2 on Tuesday to close the Elm Street branch "
        "library on March 1."]


def test_a_finished_claim_without_a_speaker_must_name_one(pack_with_article: Path) -> None:
    from bot.errors import PackError

    file = pack_with_article / "snippets" / "drafts-council-vote.yaml"
    snippets = drafts(pack_with_article)
    hale = next(d for d in snippets if d.get("speaker", {}).get("name") == "Councilmember Tom Hale")
    del hale["speaker"]
    file.write_text(yaml.safe_dump({"snippets": snippets}, sort_keys=False))
    load_pack(pack_with_article)                    # a draft may leave it to its curator
    del hale["draft"]
    hale |= {"summary": "Hale says the plan was rushed.", "questions": ["what do critics say"]}
    file.write_text(yaml.safe_dump({"snippets": snippets}, sort_keys=False))
    with pytest.raises(PackError, match="1 problem"):
        load_pack(pack_with_article)


def test_validate_names_the_drafts_file_where_it_is(pack_with_article: Path) -> None:
    out = docket("validate", str(pack_with_article)).stdout
    assert f"in {pack_with_article / 'snippets' / 'drafts-council-vote.yaml'}" in out


def test_docket_ask_offers_questions_to_copy_not_numbers_to_type() -> None:
    out = docket("ask", "who is the mayor of laredo").stdout
    assert "Did you mean:" in out and "type its number" not in out
    assert "\n  - /docket " in out


SHIPPED_SOURCES = sorted((Path(__file__).parent.parent / "briefings" / "docket" / "sources")
                         .glob("*.txt"))
#: The people each article quotes, as a reader of it would name them.
QUOTED = {"000_5f999ccfeecafc7f": ["Hauman", "Oversight"],
          "002_529e931e1365d4c1": ["Fabbricatore", "spokesperson"]}


@pytest.mark.parametrize("article", SHIPPED_SOURCES, ids=lambda p: p.stem)
def test_drafts_from_each_real_article_validate_name_its_speakers_and_cover_it(
        article: Path, tmp_path: Path) -> None:
    """Every sentence with a quotation mark or a number is drafted (90% at least), every
    quote validates, and the people the article quotes are the drafts' speakers, each for
    every sentence of their quotation."""
    from bot.pack.drafting import sentences

    pack_dir = new_pack(tmp_path / "pack")
    written, _, _ = draft_article(article, pack_dir)
    pack = load_pack(pack_dir)                          # every quote checked verbatim
    drafted = {d.evidence[0].quote for d in pack.drafts}
    text = article.read_text(encoding="utf-8")
    # Sentences as a reader splits them, closing quotation marks included; the dateline is
    # the source's date, no claim.
    from bot.pack.datelines import dateline

    marked = [s for s in re.split(r"(?:(?<=[.!?])|(?<=[.!?][\"”]))[ \t]+|\n+", text)
              if re.search(r"[\"“”0-9]", s) and s.strip() and not dateline(s)]
    def plain(text: str) -> str:
        return " ".join(text.split()).strip('"“” ')

    covered = [s for s in marked if any(plain(q) in plain(s) or plain(s) in plain(q)
                                        for q in drafted)]
    assert len(covered) / len(marked) >= 0.9, set(marked) - set(covered)
    speakers = {d.speaker.name for d in pack.drafts if d.speaker}
    for person in QUOTED[article.stem]:
        assert any(person in name for name in speakers), (person, speakers)
    by_quote = {d.evidence[0].quote: d for d in pack.drafts}
    for passage in sentences(text):
        if passage.continues and passage.text in by_quote:   # inside someone's quotation
            assert by_quote[passage.text].speaker is not None, passage.text


def test_a_person_named_again_by_surname_is_the_same_speaker(tmp_path: Path) -> None:
    article = tmp_path / "lanes.txt"
    article.write_text(
        "City adds bus lanes on Main Street\n\n"
        '"This will cut commute times for thousands of riders," said Mayor Elena Ruiz.\n'
        "Council member Tom Becker, who voted against the plan, said it would hurt small "
        "businesses.\n"
        '"Small businesses depend on parking. We should have found another way," Becker said.\n'
        "Ruiz said construction would start in the spring.\n")
    pack = new_pack(tmp_path / "pack")
    draft_article(article, pack)
    named = [(d.evidence[0].quote[:12], d.speaker.name if d.speaker else None)
             for d in load_pack(pack).drafts]
    assert named == [('"This will c', "Mayor Elena Ruiz"), ("Council memb", "Tom Becker"),
                     ('"Small busin', "Tom Becker"), ("We should ha", "Tom Becker"),
                     ("Ruiz said co", "Mayor Elena Ruiz")]


def test_the_title_defaults_to_a_headline_on_the_first_line(tmp_path: Path) -> None:
    pack = new_pack(tmp_path / "pack")
    for name, text, title in (("lanes.txt", ARTICLE, "City Council approves new bus lanes"),
                              ("notes.txt", "The council met on Tuesday and voted 7-2.\n",
                               "notes")):
        (tmp_path / name).write_text(text)
        draft_article(tmp_path / name, pack)
        assert load_pack(pack).sources[name[:-4]].title == title


def test_a_byline_and_a_dateline_at_the_top_fill_author_and_date(tmp_path: Path) -> None:
    """The shipped articles say "by Jennie Taer" and "September 21, 2023" on lines of their
    own; what neither gives is written down as unstated, in words fit for a sources reply. A
    date inside a sentence is not the article's, and a value given on the command line wins."""
    pack = new_pack(tmp_path / "pack")
    shipped = Path("briefings/docket/sources")
    result = docket("draft", "--pack", str(pack), str(shipped / "002_529e931e1365d4c1.txt"))
    assert "Read from the article's top lines (check them in pack.yaml): author Jennie Taer." \
        in result.stdout
    _, _, read = draft_article(shipped / "000_5f999ccfeecafc7f.txt", pack, author="A. Writer")
    assert read == {"date": "2023-09-21"}
    (tmp_path / "plain.txt").write_text("Bus lanes open\n\nThe council voted on March 3, 2026 "
                                        "to open them, by a wide margin.\nby the council\n")
    assert draft_article(tmp_path / "plain.txt", pack).read == {}
    sources = load_pack(pack).sources
    assert (sources["002-529e931e1365d4c1"].author, sources["002-529e931e1365d4c1"].date) == (
        "Jennie Taer", None)
    assert sources["002-529e931e1365d4c1"].unknown == "The document states no outlet or date."
    assert (sources["000-5f999ccfeecafc7f"].author, str(sources["000-5f999ccfeecafc7f"].date)) \
        == ("A. Writer", "2023-09-21")
    drafted = yaml.safe_load((pack / "snippets" / "drafts-000-5f999ccfeecafc7f.yaml").read_text())
    quotes = [d["evidence"][0]["quote"] for d in drafted["snippets"]]
    assert not any("September 21, 2023" in q or q.startswith("Leaked Images Reveal")
                   for q in quotes)                  # the dateline and headline are no drafts
    assert sources["plain"].unknown == "The document states no outlet, author or date."
    assert "’" in (pack / "pack.yaml").read_text()      # the headline's apostrophe as typed


WRAPPED = """City adds bus lanes on Main Street

The City Council voted 7-2 on Tuesday to add bus lanes on Main Street, a
plan that will cost $4.5 million over three years. "This is a mistake,"
Becker said. "Shops along Main Street will close within a year."

On Tuesday, council member Tom Becker, who voted against the plan, said the
lanes were rushed. "It will help," said spokesperson Maria Gomez.
The report, released Monday, said buses carry 12,000 riders a day.
"""


def test_a_hard_wrapped_article_drafts_whole_sentences_and_right_speakers(tmp_path: Path) -> None:
    """Lines wrapped at 72 columns are not sentence ends; a short attributed quotation is a
    claim; a quotation after it in the paragraph is the same person's; 'On Tuesday' and
    'Monday' are when, not who."""
    article = tmp_path / "wrapped.txt"
    article.write_text(WRAPPED)
    pack = new_pack(tmp_path / "pack")
    draft_article(article, pack)
    found = [(d.evidence[0].quote, d.speaker.name if d.speaker else None, d.kind.value)
             for d in load_pack(pack).drafts]
    assert found == [
        ("The City Council voted 7-2 on Tuesday to add bus lanes on Main Street, a plan that "
         "will cost $4.5 million over three years.", None, "statistic"),
        ('"This is a mistake," Becker said.', "Becker", "claim"),
        ('"Shops along Main Street will close within a year."', "Becker", "claim"),
        ("On Tuesday, council member Tom Becker, who voted against the plan, said the lanes "
         "were rushed.", "Tom Becker", "claim"),
        ('"It will help," said spokesperson Maria Gomez.', "Maria Gomez", "claim"),
        ("The report, released Monday, said buses carry 12,000 riders a day.", None, "claim")]
    # the headline became the source's title, cited as such: nothing left to quote
    assert uncovered(load_pack(pack))["wrapped"] == (6, [])


def test_drafting_into_something_that_is_not_a_pack_is_one_line(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE)
    (tmp_path / "empty").mkdir()
    (tmp_path / "afile").write_text("x")
    for pack in ("nowhere", "empty"):
        with pytest.raises(DraftingError, match="is not a briefing pack"):
            draft_article(article, tmp_path / pack)
    with pytest.raises(DraftingError, match="is a file"):
        new_pack(tmp_path / "afile")
    assert not (tmp_path / "empty" / "sources").exists()


MARKDOWN = """# Contributing to Widget

## Pull Requests
We actively welcome your pull requests, which the maintainers review every week.

1. Fork the repo and create your branch from `dev`, as every contributor must do.
2. If you've added code that should be tested, add 3 tests for every new function.
3. That being said, the test suite must pass before a pull request is merged.

```
git checkout -b my-branch-for-the-new-feature-of-the-widget-project
```
This code base follows the strict C90 standard, with no extension used by default.
"""


def test_markdown_headings_list_items_and_code_are_no_sentences_of_the_text(
        tmp_path: Path) -> None:
    """A contributor guide in Markdown: a heading is no sentence and does not run into the
    next one, numbered items do not run into each other, a code block is no text, "If you've"
    and "That being" are nobody, and "C90" is a name, no figure."""
    from bot.pack.drafting import sentences

    found = [" ".join(p.text.split()) for p in sentences(MARKDOWN)]
    assert found == [
        "We actively welcome your pull requests, which the maintainers review every week.",
        "Fork the repo and create your branch from `dev`, as every contributor must do.",
        "If you've added code that should be tested, add 3 tests for every new function.",
        "That being said, the test suite must pass before a pull request is merged.",
        "This code base follows the strict C90 standard, with no extension used by default."]
    pack = new_pack(tmp_path / "widget")
    article = tmp_path / "contributing.md"
    article.write_text(MARKDOWN, encoding="utf-8")
    draft_article(article, pack)
    made = yaml.safe_load((pack / "snippets" / "drafts-contributing.yaml").read_text())
    kinds = {d["evidence"][0]["quote"][:12]: d["kind"] for d in made["snippets"]}
    assert all("speaker" not in d for d in made["snippets"])
    assert kinds["That being s"] in ("claim", "opinion")    # said, but by nobody named
    assert "This code ba" not in kinds                  # C90 is no figure to draft it for


CHANGELOG = """tool (1:2.4p1-1) unstable; urgency=medium

  Tool 2.4 includes a number of changes that may affect existing configurations:

   * tool(1): the -x option now defaults to "no", so scripts that relied on it must set it.
   * A -R flag has been added to select the old behaviour of copying through the local host.
   * toold(8): connections are now limited to 1024 per minute by default.

 -- Jo Park <jo@example.org>  Mon, 14 Nov 2022 16:35:59 +0000
"""


def test_a_changelog_drafts_its_changes_not_its_framing(tmp_path: Path) -> None:
    """A release's header and sign-off lines are no claims; "tool(1)", "Tool 2.4" and
    "2.4p1" label rather than count, so only the sentence with a real figure is a statistic;
    a flag that "has been added" is no one's words (and, with no figure, no claim to draft)."""
    article = tmp_path / "news.txt"
    article.write_text(CHANGELOG)
    pack = new_pack(tmp_path / "pack")
    draft_article(article, pack)
    drafted = [(d["kind"], d.get("speaker"), d["evidence"][0]["quote"][:20])
               for d in yaml.safe_load((pack / "snippets" / "drafts-news.yaml").read_text())[
                   "snippets"]]
    assert drafted == [("fact", None, "Tool 2.4 includes a "),
                       ("fact", None, "tool(1): the -x opti"),
                       ("statistic", None, "toold(8): connection")], drafted


GOVERNANCE = """# Widget Project Governance

<!-- TOC -->

* [Maintainers](#maintainers)
* [Votes](#votes)

<!-- /TOC -->

## Maintainers

A nomination stays open for a week (e.g. 7 days), after which the maintainers decide.
Objections go to the steering group before the vote is held.

## Votes

Objections go to the steering group before the vote is held.
"""


def test_a_pages_navigation_and_an_abbreviation_are_no_sentences(tmp_path: Path) -> None:
    """A Markdown page's table of contents and HTML comments are no text to quote; "e.g." ends
    no sentence; its "# " heading is no part of its title; and a passage the page repeats is
    quoted by one quote of it."""
    from bot.pack.drafting import sentences

    assert [" ".join(p.text.split()) for p in sentences(GOVERNANCE)] == [
        "A nomination stays open for a week (e.g. 7 days), after which the maintainers decide.",
        "Objections go to the steering group before the vote is held.",
        "Objections go to the steering group before the vote is held."]
    pack = new_pack(tmp_path / "pack")
    (tmp_path / "governance.md").write_text(GOVERNANCE)
    draft_article(tmp_path / "governance.md", pack)
    assert load_pack(pack).sources["governance"].title == "Widget Project Governance"
    drafts_file = pack / "snippets" / "drafts-governance.yaml"
    made = yaml.safe_load(drafts_file.read_text())
    made["snippets"] = [dict(made["snippets"][0], id="repeated", evidence=[{
        "source": "governance",
        "quote": "Objections go to the steering group before the vote is held."}])]
    drafts_file.write_text(yaml.safe_dump(made))
    total, missing = uncovered(load_pack(pack))["governance"]
    assert (total, missing) == (3, [
        "A nomination stays open for a week (e.g. 7 days), after which the maintainers decide."])


def test_a_pack_or_article_named_like_a_number_or_a_yes_still_validates(tmp_path: Path) -> None:
    """YAML reads an unquoted 2026 as a number and yes as true: the ids docket writes are quoted
    where they would be, and a hand-written one says what YAML made of it."""
    pack = new_pack(tmp_path / "2026")
    (tmp_path / "yes.txt").write_text("The council voted 7-2 on Tuesday, said Mayor Ana Ruiz.\n")
    draft_article(tmp_path / "yes.txt", pack)
    assert {"2026", "yes"} <= {load_pack(pack).id, *load_pack(pack).sources}
    text = (pack / "pack.yaml").read_text()
    (pack / "pack.yaml").write_text(text.replace('id: "2026"', "id: 2026", 1))
    result = docket("validate", str(pack))
    assert "'id' must be non-empty text (YAML read 2026 as a number: put it in quotes)" in \
        result.stderr


PLAIN_LIST = """Take a look at these tools and consider opportunities for merging or cloning:

   -- lgrep (a multilingual file viewer with a search of its own)
      <http://lgrep.example.org/lv/>;
   -- cgrep (a context search tool) <https://cgrep.example.org/>
      seems like nice work;
   -- sgrep (a structured search tool) <https://sgrep.example.org/>;
"""


def test_a_plain_text_files_double_dash_items_are_sentences_of_their_own() -> None:
    """A plain-text to-do list marks its items with "--": each item is one passage, without
    its marker, not the whole list glued into one sentence."""
    from bot.pack.drafting import sentences

    found = [" ".join(p.text.split()) for p in sentences(PLAIN_LIST)]
    assert found == [
        "Take a look at these tools and consider opportunities for merging or cloning:",
        "lgrep (a multilingual file viewer with a search of its own) <http://lgrep.example.org/lv/>;",
        "cgrep (a context search tool) <https://cgrep.example.org/> seems like nice work;",
        "sgrep (a structured search tool) <https://sgrep.example.org/>;"]
