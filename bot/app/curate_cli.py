"""``docket curate report``: the curators' report from the configured database, for the pack
as it is now on disk (so "never used" and "past review" are about the current snippets), and
only what was asked of that pack (several may share one database); ``docket curate add``: a
question people asked, made one of a snippet's or gap's own."""

from __future__ import annotations

import argparse
import datetime as dt
import json
from typing import TYPE_CHECKING

from bot.app.config import load_config
from bot.curation.identity import pack_version
from bot.curation.report import build_report, format_report, parse_period
from bot.curation.store import CurationStore
from bot.database import open_engine, reachable
from bot.errors import ConfigError
from bot.pack.loader import load_pack

if TYPE_CHECKING:
    from bot.curation.paraphrase import Added


def report(args: argparse.Namespace) -> int:
    config = load_config(args.config)
    period = parse_period(args.since)
    if period is None:
        raise ConfigError(f"--since: give a period of at least a day, like 1d, 7d or 4w, got "
                          f"{args.since!r}")
    url = config.existing_database()
    pack = load_pack(args.pack or config.pack)
    store = CurationStore(open_engine(url))
    with reachable(url, "database_url"):
        store.create_tables()
        found = build_report(store, pack, pack_version(pack),
                             since=dt.datetime.now(dt.timezone.utc) - period,
                             answers_recorded=config.curation.feedback)
    if args.json:
        print(json.dumps(found.to_json(), ensure_ascii=False, indent=2))
    else:
        print(format_report(found))
    return 0


def add(args: argparse.Namespace) -> int:
    from bot.curation.paraphrase import add_question

    # "curate add ID what is it" is one question typed unquoted; "ID 'q one' 'q two'" two
    words = args.question
    questions = words if len(words) > 1 and any(" " in w for w in words) else [" ".join(words)]
    for question in questions:
        _report(add_question(args.pack, args.item, question))
    return 0


def _report(added: Added) -> None:
    from bot.pack.model import Gap

    gap = isinstance(added.item, Gap)
    if added.already:
        print(f"{'gap' if gap else 'snippet'} {added.item.id} ({added.file}:{added.line}) "
              "already has that question; nothing changed")
        return
    print(f"added to {'gap' if gap else 'snippet'} {added.item.id} at {added.file}:"
          f"{added.line}; the pack validates, and a question asked that way is now "
          + ("refused with the gap's reason" if gap else "answered by it"))
    if added.new_words:
        print(f"new to the pack: {', '.join(added.new_words)}; other questions with "
              f"{'this word' if len(added.new_words) == 1 else 'these words'} may now "
              f"find {added.item.id} too")
    if added.lacks:     # a curated question is answered as written, whatever it asks for
        article = "an" if added.lacks[0] in "aeiou" else "a"
        print(f"note: the question asks for {article} {added.lacks}, and {added.item.id} gives "
              "none; it will be answered with what the snippet says")
