"""The loader/validator: the shipped pack is sound, and every kind of mistake is reported with its line."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from bot.errors import PackError
from bot.answering.citations import byline
from bot.answering.router import Router
from bot.pack.loader import DEFAULT_PACK, load_pack
from bot.pack.model import Kind, normalise_for_quote
from bot.pack.yaml_lines import load_yaml
from bot.render.text import render_text

PACKS = Path(__file__).parent / "packs"

SHIPPED = sorted(p.parent for p in (DEFAULT_PACK.parent).glob("*/pack.yaml"))


@pytest.mark.parametrize("pack_dir", SHIPPED, ids=lambda p: p.name)
def test_every_shipped_pack_validates(pack_dir: Path) -> None:
    pack = load_pack(pack_dir)
    assert pack.snippets
    for snippet in pack.snippets:
        for evidence in snippet.evidence:
            source = pack.sources[evidence.source_id]
            assert normalise_for_quote(evidence.quote) in normalise_for_quote(source.text)


def test_shipped_pack_records_what_sources_leave_out(shipped_pack) -> None:
    leaked = shipped_pack.sources["leaked-images"]
    closer = shipped_pack.sources["inches-closer"]
    assert leaked.outlet is None and leaked.author is None
    assert leaked.date == "2023-09-21"
    assert "outlet" in leaked.unknown and "author" in leaked.unknown
    assert closer.author == "Jennie Taer" and closer.outlet == "Daily Caller News Foundation"
    assert closer.date is None and "date" in closer.unknown
    assert "not stated" in byline(leaked) and "not stated" in byline(closer)


def test_shipped_sources_are_the_shared_articles(shipped_pack) -> None:
    shared = DEFAULT_PACK.parent.parent.parent / "shared" / "sources"
    if not shared.is_dir():
        pytest.skip("the original articles are not here to compare with (CI puts them in "
                    "../shared/sources beside the checkout); the pack's own copies still load")
    for source in shipped_pack.sources.values():
        original = shared / Path(source.file).name
        assert original.read_text(encoding="utf-8") == source.text


def test_opinions_and_claims_name_a_speaker(shipped_pack) -> None:
    for snippet in shipped_pack.snippets:
        if snippet.kind in (Kind.OPINION, Kind.CLAIM):
            assert snippet.speaker and snippet.speaker.name, snippet.id


def test_minimal_pack_loads_everything() -> None:
    pack = load_pack(PACKS / "minimal")
    assert [s.id for s in pack.snippets] == ["hours-change", "reyes-view", "visitors"]
    assert pack.by_id["reyes-view"].speaker.label() == "Dana Reyes (councillor)"
    assert [g.id for g in pack.gaps] == ["gap-budget"]
    assert pack.overview == "hours-change"


def _problems(pack_dir: Path) -> list[str]:
    with pytest.raises(PackError) as caught:
        load_pack(pack_dir)
    return [str(p) for p in caught.value.problems]


BROKEN_EXPECTED = [
    ("broken/pack.yaml:11", "duplicate source id 'report'"),
    ("broken/pack.yaml:18", "file 'sources/nowhere.txt' not found"),
    ("broken/pack.yaml:23", "'unknown' must say what the document leaves out"),
    ("broken/snippets/bad.yaml:7", "unknown key 'colour'"),
    ("broken/snippets/bad.yaml:14", "'summary' must be non-empty text"),
    ("broken/snippets/bad.yaml:23", "kind 'rumour' is not one of"),
    ("broken/snippets/bad.yaml:27", "an opinion must name its speaker"),
    ("broken/snippets/bad.yaml:41", "unknown source id 'elsewhere'"),
    ("broken/snippets/bad.yaml:50", "quote is not verbatim in source 'report'"),
    ("broken/snippets/bad.yaml:60", "duplicate snippet id 'curly-quotes-ok'"),
    # named by its id as written, though the id itself is not a valid one
    ("broken/snippets/bad.yaml:68", "snippet Bad_Id: missing required key 'questions'"),
    ("broken/snippets/bad.yaml:68", "must be lowercase letters, digits and hyphens"),
    # An id is checked as written: its first snippet being broken does not hide the duplicate,
    # and the duplicate's own mistakes are reported beside it.
    ("broken/snippets/bad.yaml:75", "duplicate snippet id 'bad-kind'"),
    ("broken/snippets/bad.yaml:79", "kind 'rumour' is not one of"),
]


@pytest.mark.parametrize("where,message", BROKEN_EXPECTED)
def test_each_mistake_is_reported_with_file_and_line(where: str, message: str) -> None:
    problems = _problems(PACKS / "broken")
    assert any(p.startswith(where + ":") and message in p for p in problems), problems


def test_a_bad_overview_id_is_reported_beside_a_bad_quote(tmp_path: Path) -> None:
    """Both at once: fixing one mistake does not reveal the next. An id that a snippet with
    problems of its own writes is not reported as unknown."""
    pack = tmp_path / "two"
    shutil.copytree(PACKS / "minimal", pack)
    meta = pack / "pack.yaml"
    meta.write_text(meta.read_text().replace("overview: hours-change", "overview: nowhere"))
    snippets = next((pack / "snippets").glob("*.yaml"))
    snippets.write_text(snippets.read_text().replace("quote: The library served 12,400",
                                                     "quote: The library served 99", 1))
    problems = _problems(pack)
    assert any("quote is not verbatim" in p for p in problems), problems
    assert any("pack: overview 'nowhere' is not a snippet id" in p for p in problems), problems
    meta.write_text(meta.read_text().replace("overview: nowhere", "overview: visitors"))
    assert not any("not a snippet id" in p for p in _problems(pack))


def test_a_misspelt_key_is_answered_with_the_key_meant(tmp_path: Path) -> None:
    """"sumary" gets "did you mean 'summary'?", as a misspelt config key does."""
    pack = tmp_path / "typo"
    shutil.copytree(PACKS / "minimal", pack)
    snippets = next((pack / "snippets").glob("*.yaml"))
    snippets.write_text(snippets.read_text().replace("    summary: The council", "    sumary: The "
                                                     "council", 1))
    problems = _problems(pack)
    assert any("unknown key 'sumary'; did you mean 'summary'? (allowed: id, topic" in p
               for p in problems), problems


def test_all_mistakes_are_reported_in_one_run() -> None:
    assert len(_problems(PACKS / "broken")) == len(BROKEN_EXPECTED)


def test_curly_and_straight_quote_marks_and_whitespace_are_the_only_liberties() -> None:
    problems = " ".join(_problems(PACKS / "broken"))
    assert "curly-quotes-ok: quote" not in problems


def test_malformed_yaml_gives_file_and_line() -> None:
    problems = _problems(PACKS / "malformed")
    assert problems == [problems[0]]
    assert problems[0].startswith("malformed/snippets/main.yaml:6: malformed YAML")
    # PyYAML's terse reason comes with what it usually means in a hand-written file
    assert "a line indented differently from the keys beside it" in problems[0]


def test_a_misplaced_key_value_says_to_check_indentation_or_quote(tmp_path: Path) -> None:
    from bot.pack.yaml_lines import load_yaml

    bad = tmp_path / "bad.yaml"
    bad.write_text("snippets:\n  - id: a\n    topic: x\n     summary: y\n")
    [problem] = load_yaml(bad)[1]
    assert problem.line == 4 and "check this line's indentation" in problem.message


def test_missing_directory_and_empty_pack(tmp_path: Path) -> None:
    assert "not a directory" in _problems(tmp_path / "nope")[0]
    (tmp_path / "pack.yaml").write_text("id: x\ntitle: X\nsources: []\n")
    problems = _problems(tmp_path)
    assert any("'sources' must be a non-empty list" in p for p in problems)
    assert any("no snippet files" in p for p in problems)


def test_overview_must_name_a_snippet(tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    shutil.copytree(PACKS / "minimal", pack)
    text = (pack / "pack.yaml").read_text().replace("overview: hours-change", "overview: nope")
    (pack / "pack.yaml").write_text(text)
    assert "overview 'nope' is not a snippet id" in _problems(pack)[0]


def test_gap_ids_must_not_collide_with_snippets(tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    shutil.copytree(PACKS / "minimal", pack)
    (pack / "gaps.yaml").write_text("gaps:\n  - id: visitors\n    questions: [x]\n    reason: y\n")
    assert "duplicate id 'visitors'" in _problems(pack)[0]


def test_a_key_written_twice_is_reported_not_silently_dropped(tmp_path: Path) -> None:
    from bot.pack.yaml_lines import load_yaml

    file = tmp_path / "lexicon.yaml"
    file.write_text("base: &b {a: 1}\nsynonyms:\n  shop: store\n  shop: bakery\n"
                    "merged:\n  <<: *b\n  a: 2\n")
    data, problems = load_yaml(file, "bakery/lexicon.yaml")
    assert data is None
    assert [(p.file, p.line, p.message) for p in problems] == [
        ("bakery/lexicon.yaml", 4, "malformed YAML: key 'shop' appears twice (first on line 3)")]
    file.write_text("base: &b {a: 1}\nmerged:\n  <<: *b\n  a: 2\n")   # a merge may be overridden
    assert load_yaml(file)[0]["merged"] == {"a": 2}


@pytest.mark.parametrize("written, shown", [("2004-01", "2004-01"), ("2004", "2004"),
                                            ("'2023-09-21'", "2023-09-21")])
def test_a_source_is_dated_as_precisely_as_it_dates_itself(tmp_path: Path, written: str,
                                                           shown: str) -> None:
    """A licence dated "January 2004" or a report dated only by its year is cited so, never
    with a day made up to fill the field."""
    pack = Path(shutil.copytree(DEFAULT_PACK, tmp_path / "pack"))
    text = (pack / "pack.yaml").read_text()
    (pack / "pack.yaml").write_text(text.replace("date: 2023-09-21", f"date: {written}", 1))
    loaded = load_pack(pack)
    assert loaded.sources["leaked-images"].date == shown
    answer = Router(loaded).route("what does the card look like")
    assert any(c.date == shown for c in answer.citations)
    assert f", {shown}." in render_text(answer)


@pytest.mark.parametrize("written", ["2004-13", "January 2004", "04-2004", "20041"])
def test_a_publication_date_in_another_form_is_a_located_problem(tmp_path: Path,
                                                                 written: str) -> None:
    pack = Path(shutil.copytree(DEFAULT_PACK, tmp_path / "pack"))
    text = (pack / "pack.yaml").read_text()
    (pack / "pack.yaml").write_text(text.replace("date: 2023-09-21", f"date: {written}", 1))
    assert any("pack.yaml:" in p and "'date' must be YYYY-MM-DD, YYYY-MM, YYYY or null" in p
               for p in _problems(pack))


def test_an_unclosed_bracket_is_reported_where_it_began_too(tmp_path: Path) -> None:
    """The parser notices an unclosed "[" lines later; the curator needs the line it opened."""
    file = tmp_path / "snippets.yaml"
    file.write_text("snippets:\n  - id: a\n    questions: [what is it, who\n    topic: t\n"
                    "    summary: s\n")
    _, problems = load_yaml(file, "snippets.yaml")
    [problem] = problems
    assert problem.line == 4 and "began on line 3" in problem.message


def test_a_date_that_does_not_exist_is_a_located_problem_not_a_traceback(tmp_path: Path) -> None:
    pack = Path(shutil.copytree(DEFAULT_PACK, tmp_path / "pack"))
    text = (pack / "pack.yaml").read_text()
    (pack / "pack.yaml").write_text(text.replace("date: 2023-09-21", "date: 2023-02-30", 1))
    cards = pack / "snippets" / "20-card.yaml"
    cards.write_text(cards.read_text().replace("  - id: card-memo\n",
                                               "  - id: card-memo\n    reviewed: 2026-13-01\n", 1))
    found = _problems(pack)
    assert any("pack.yaml:" in p and "'date' must be YYYY-MM-DD" in p and "2023-02-30" in p
               for p in found), found
    assert any("20-card.yaml:" in p and "'reviewed' must be YYYY-MM-DD" in p for p in found)


def test_a_quote_that_slips_late_says_where_it_stops_matching(tmp_path: Path) -> None:
    """The first 80 characters of a long quote can match its source exactly; the message then
    shows where it stops."""
    pack = tmp_path / "minimal"
    shutil.copytree(PACKS / "minimal", pack)
    main = pack / "snippets" / "main.yaml"
    main.write_text(main.read_text().replace("until 9 p.m. on\n          weekdays.",
                                             "until 9 p.m. on\n          weekends."))
    [problem] = [p for p in _problems(pack) if "not verbatim" in p]
    assert problem.endswith("it matches the source up to 'rary open until 9 p.m. on week', "
                            "then has 'ends.'"), problem


def test_a_bad_question_is_reported_at_its_own_line(tmp_path: Path) -> None:
    pack = tmp_path / "minimal"
    shutil.copytree(PACKS / "minimal", pack)
    main = pack / "snippets" / "main.yaml"
    lines = main.read_text().splitlines()
    at = lines.index("      - how late is the library open")
    lines[at] = "      - ''"
    main.write_text("\n".join(lines) + "\n")
    [problem] = [p for p in _problems(pack) if "every question" in p]
    assert problem.startswith(f"minimal/snippets/main.yaml:{at + 1}:"), problem


def test_a_lexicon_word_that_is_not_words_names_the_character_to_change(tmp_path: Path) -> None:
    pack = tmp_path / "minimal"
    shutil.copytree(PACKS / "minimal", pack)
    (pack / "lexicon.yaml").write_text("synonyms:\n  bus_lane: lane\n  tax-hike: levy\n"
                                       "  ok: 12\n  fine:\nfillers:\n  - 7\n  - well\n  - x!\n")
    problems = _problems(pack)
    assert any(p.startswith("minimal/lexicon.yaml:5:") and "nothing is written there" in p
               for p in problems), problems
    # each bad item of a list is reported at its own line, not only the first
    assert [p.split(":")[1] for p in problems if "'fillers'" in p] == ["7", "9"]
    assert any(p.startswith("minimal/lexicon.yaml:2:") and "('bus_lane' has '_':" in p
               for p in problems), problems
    assert any(p.startswith("minimal/lexicon.yaml:4:") and "YAML read 12, which is not text: put it in quotes" in p
               for p in problems), problems
    assert not any(":3:" in p for p in problems)          # a hyphen is allowed
    # reported top to bottom, whichever part of the file was checked first
    (pack / "lexicon.yaml").write_text("phrases:\n  - single\nsynonyms:\n  bus_lane: lane\n")
    assert [p.split(":")[1] for p in _problems(pack)] == ["2", "4"]    # the item, not its key


def test_a_lexicon_word_may_be_written_in_any_script(tmp_path: Path) -> None:
    """"sharp s: ß" and "naïve" are lowercase words; only an uppercase letter or a character
    no word holds is refused, and a synonym typed with an accent reaches its word."""
    pack = tmp_path / "minimal"
    shutil.copytree(PACKS / "minimal", pack)
    (pack / "lexicon.yaml").write_text("synonyms:\n  bibliothèque: library\n  sharp s: ß\n"
                                       "fillers:\n  - déjà\n")
    router = Router(load_pack(pack))          # loads: no problem raised
    plain = router.route("how late is the library open")
    assert router.route("how late is the bibliothèque open déjà").snippet_ids == \
        plain.snippet_ids != ()
    (pack / "lexicon.yaml").write_text("synonyms:\n  Straße: street\n")
    [problem] = _problems(pack)
    assert "('Straße' has 'S'" in problem, problem
