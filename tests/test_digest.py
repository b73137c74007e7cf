"""What a digest says: curated key points with their sources, then what changed since last time."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from bot.answering import messages as msg
from bot.answering.answer import Outcome
from bot.digests.content import MAX_CHANGES, DigestOptions, build_digest, fingerprint
from bot.errors import ConfigError
from bot.pack.loader import DEFAULT_PACK, load_pack
from bot.pack.model import Pack, normalise_for_quote
from bot.render.discord import render_embed
from bot.render.slack import MAX_BLOCKS, MAX_SECTION_CHARS, render_answer
from bot.render.text import render_text
from fakes.discord_api import embed_problems

WHEN = dt.datetime(2026, 11, 23, 9, 0)
NEW_SNIPPET = """snippets:
  - id: tsa-warrant-forms
    topic: TSA
    questions: [which ICE forms does TSA accept]
    summary: >-
      TSA already lets migrants use two ICE forms as identification, according to an email
      the Daily Caller News Foundation obtained.
    kind: fact
    evidence:
      - source: inches-closer
        quote: TSA already allows migrants to use ICE forms labeled
"""


def edited_pack(tmp_path: Path, *, add: bool = True, change: bool = True) -> Pack:
    """A copy of the shipped pack with one snippet added and one summary reworded."""
    root = tmp_path / "pack"
    shutil.copytree(DEFAULT_PACK, root)
    if add:
        (root / "snippets" / "60-new.yaml").write_text(NEW_SNIPPET, encoding="utf-8")
    if change:
        card = root / "snippets" / "20-card.yaml"
        text = card.read_text(encoding="utf-8")
        assert "carries a photograph, a QR code" in text
        card.write_text(text.replace("carries a photograph, a QR code",
                                     "shows a photograph and a QR code"), encoding="utf-8")
    return load_pack(root)


def test_a_first_digest_is_the_highlights_in_order_each_sourced(shipped_pack: Pack) -> None:
    digest = build_digest(shipped_pack, DigestOptions(), when=WHEN)
    assert digest.outcome is Outcome.DIGEST and digest.answered
    assert digest.headline == "ICE Secure Docket Card: briefing digest for Monday 23 November 2026"
    assert digest.snippet_ids == shipped_pack.highlights[:5]
    assert all(p.section is None for p in digest.points)           # nothing to compare with
    by_number = {c.number: c for c in digest.citations}
    for point in digest.points:
        snippet = shipped_pack.by_id[point.snippet_id]
        assert point.text == snippet.summary and point.citations
        for number in point.citations:
            citation = by_number[number]
            source = shipped_pack.sources[citation.source_id]
            assert normalise_for_quote(citation.quote) in normalise_for_quote(source.text)
    claims = [p for p in digest.points if p.attributed]
    assert claims and all(p.speaker for p in claims)                 # claims keep their speaker
    assert digest.suggestions[-1] == "topics" and digest.note == shipped_pack.disclaimer


@pytest.mark.parametrize("points", [3, 4, 5])
def test_points_option_chooses_three_to_five(shipped_pack: Pack, points: int) -> None:
    digest = build_digest(shipped_pack, DigestOptions(points=points), when=WHEN)
    assert len(digest.points) == points


@pytest.mark.parametrize("points", [2, 6])
def test_points_outside_three_to_five_are_refused(points: int) -> None:
    with pytest.raises(ConfigError, match="points must be from 3 to 5"):
        DigestOptions(points=points)


def test_without_highlights_it_leads_with_the_overview_then_one_per_topic(
        shipped_pack: Pack) -> None:
    from dataclasses import replace

    plain = replace(shipped_pack, highlights=())
    digest = build_digest(plain, DigestOptions(points=4), when=WHEN)
    leads = [group[0].id for group in plain.by_topic.values()]
    assert digest.snippet_ids[0] == plain.overview
    assert list(digest.snippet_ids[1:]) == [i for i in leads if i != plain.overview][:3]


def test_new_and_updated_snippets_are_listed_under_their_own_headings(
        shipped_pack: Pack, tmp_path: Path) -> None:
    before = fingerprint(shipped_pack)
    after = edited_pack(tmp_path)
    digest = build_digest(after, DigestOptions(), when=WHEN, previous=before)
    sections = {p.snippet_id: p.section for p in digest.points}
    assert sections["tsa-warrant-forms"] == msg.DIGEST_NEW
    assert sections["card-features"] == msg.DIGEST_UPDATED
    assert [p.section for p in digest.points[:5]] == [None] * 5
    text = render_text(digest)
    assert text.index(msg.DIGEST_NEW) < text.index("TSA already lets") < \
        text.index(msg.DIGEST_UPDATED) < text.index("shows a photograph")


def test_a_changed_highlight_is_shown_once_under_its_change(shipped_pack: Pack,
                                                              tmp_path: Path) -> None:
    before = fingerprint(shipped_pack)
    before["program-overview"] = "0" * 16                   # as if the overview was reworded
    digest = build_digest(shipped_pack, DigestOptions(), when=WHEN, previous=before)
    assert digest.snippet_ids.count("program-overview") == 1
    [point] = [p for p in digest.points if p.snippet_id == "program-overview"]
    assert point.section == msg.DIGEST_UPDATED


def test_an_unchanged_pack_says_so(shipped_pack: Pack) -> None:
    digest = build_digest(shipped_pack, DigestOptions(), when=WHEN,
                          previous=fingerprint(shipped_pack))
    assert digest.points[-1].text == msg.DIGEST_NO_CHANGES


def test_changes_can_be_left_out(shipped_pack: Pack, tmp_path: Path) -> None:
    digest = build_digest(edited_pack(tmp_path), DigestOptions(changes=False), when=WHEN,
                          previous=fingerprint(shipped_pack))
    assert all(p.section is None for p in digest.points) and len(digest.points) == 5


def test_many_changes_are_capped_with_a_count(shipped_pack: Pack) -> None:
    digest = build_digest(shipped_pack, DigestOptions(), when=WHEN, previous={})
    changed = [p for p in digest.points if p.section == msg.DIGEST_NEW]
    hidden = len(shipped_pack.snippets) - MAX_CHANGES
    assert len(changed) == MAX_CHANGES + 1
    shown = changed[-1].render(lambda ref: f"/brief {ref}")
    assert shown == msg.DIGEST_MORE_CHANGES.format(count=hidden, topics="/brief topics")


def test_fingerprint_ignores_paraphrases_but_not_content(shipped_pack: Pack,
                                                         tmp_path: Path) -> None:
    root = tmp_path / "pack"
    shutil.copytree(DEFAULT_PACK, root)
    program = root / "snippets" / "10-program.yaml"
    program.write_text(program.read_text(encoding="utf-8").replace(
        "      - what is this about\n", "      - what is this about\n      - whats the deal\n"),
        encoding="utf-8")
    assert fingerprint(load_pack(root)) == fingerprint(shipped_pack)
    assert fingerprint(edited_pack(tmp_path / "b", add=False))["card-features"] != \
        fingerprint(shipped_pack)["card-features"]


def test_digest_renders_natively_within_each_platforms_limits(shipped_pack: Pack,
                                                              tmp_path: Path) -> None:
    digest = build_digest(edited_pack(tmp_path), DigestOptions(), when=WHEN,
                          previous=fingerprint(shipped_pack))
    slack = render_answer(digest)
    texts = [b["text"]["text"] for b in slack["blocks"] if b["type"] == "section"]
    assert len(slack["blocks"]) <= MAX_BLOCKS and all(len(t) <= MAX_SECTION_CHARS for t in texts)
    assert any(t.startswith(f"*{msg.DIGEST_NEW}*\n• ") for t in texts)
    assert not any(b["type"] == "actions" for b in slack["blocks"])    # nothing to share
    context = " ".join(e["text"] for b in slack["blocks"] if b["type"] == "context"
                       for e in b["elements"])
    assert "*Ask more:* `/docket what is it`" in context and "Confidence" not in context
    embed = render_embed(digest)
    assert embed_problems(embed) == []
    assert embed["title"] == digest.headline and f"**{msg.DIGEST_NEW}**\n• " in embed["description"]
    assert "Confidence" not in embed["footer"]["text"]
