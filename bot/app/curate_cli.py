"""``docket curate report``: the curators' report from the configured database, for the pack
as it is now on disk (so "never used" and "past review" are about the current snippets), and
only what was asked of that pack (several may share one database)."""

from __future__ import annotations

import argparse
import datetime as dt
import json

from bot.app.config import load_config
from bot.curation.identity import pack_version
from bot.curation.report import build_report, format_report, parse_period
from bot.curation.store import CurationStore
from bot.database import open_engine, reachable
from bot.errors import ConfigError
from bot.pack.loader import load_pack


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
