"""The ``docket`` command line: ask, chat, validate and eval, all from a pack on disk.

Needs no token and no server, so it is the fastest way to try an answer and the
console "platform" the other adapters are measured against.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from pathlib import Path

from bot.app import digest_cli
from bot.errors import DocketError, PackError
from bot.pack.loader import DEFAULT_PACK, load_pack
from bot.render.text import render_text
from bot.app.commands import build_router

logger = logging.getLogger(__name__)

#: Libraries whose debug logging would leak tokens or whole payloads; never below INFO.
QUIET_LIBRARIES = ("slack_sdk", "slack_bolt", "discord", "aiohttp.access")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="docket", description=(
        "Docket answers questions about a news topic from curated, sourced snippets."))
    parser.add_argument("-v", "--verbose", action="store_true", help="log debug details")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def with_pack(p: argparse.ArgumentParser) -> argparse.ArgumentParser:
        p.add_argument("--pack", type=Path, default=DEFAULT_PACK, metavar="DIR",
                       help="briefing pack directory (default: the shipped pack)")
        return p

    ask = with_pack(sub.add_parser("ask", help="answer one question, as `/docket QUESTION` would"))
    ask.add_argument("question", nargs="+", help="the text after /docket")
    ask.add_argument("--json", action="store_true", help="print one JSON object instead of text")

    with_pack(sub.add_parser("chat", help="interactive console: each line is what follows /docket"))

    validate = sub.add_parser("validate", help="check a briefing pack and list every problem")
    validate.add_argument("pack_dir", nargs="?", type=Path, default=DEFAULT_PACK, metavar="PACK_DIR")

    ev = with_pack(sub.add_parser("eval", help="measure answer quality on a question set"))
    ev.add_argument("file", type=Path, help="question set (YAML)")
    ev.add_argument("--min", type=float, default=0.0, metavar="RATE",
                    help="fail unless in-scope accuracy reaches RATE (0-1)")
    ev.add_argument("--min-refusal", type=float, default=0.0, metavar="RATE",
                    help="fail unless out-of-scope refusal reaches RATE (0-1)")
    ev.add_argument("--failures", action="store_true", help="list only the failing cases")

    for name, what in (("slack", "run the Slack app (answers only)"),
                       ("discord", "run the Discord bot (answers only)")):
        p = sub.add_parser(name, help=what)
        p.add_argument("--config", type=Path, default=None, metavar="FILE",
                       help="YAML settings (see config.example.yaml); secrets come from the environment")
    digest_cli.add_parsers(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")
    for library in QUIET_LIBRARIES:
        # Their DEBUG logs print whole payloads and API responses, tokens included.
        logging.getLogger(library).setLevel(max(logging.INFO, logging.getLogger().level))
    try:
        return COMMANDS[args.command](args)
    except PackError as exc:
        print(f"error: {exc}:", file=sys.stderr)
        for problem in exc.problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    except DocketError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `docket ask ... | head`: the reader left; not an error
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - silence the flush at exit
        return 0


def cmd_ask(args: argparse.Namespace) -> int:
    router = build_router(load_pack(args.pack))
    answer = router.route(" ".join(args.question))
    if args.json:
        print(json.dumps(answer.to_json(), ensure_ascii=False, indent=2))
    else:
        print(render_text(answer))
    return 0


def cmd_chat(args: argparse.Namespace) -> int:
    router = build_router(load_pack(args.pack))
    interactive = sys.stdin.isatty()
    if interactive:
        print(f"Docket console: {router.pack.title}. Type what you would after /docket "
              "(help, topics, a question); Ctrl-D to leave.")
    while True:
        try:
            line = input("/docket " if interactive else "")
        except EOFError:
            break
        if line.strip().lower() in {"exit", "quit", ":q"}:
            break
        print(render_text(router.route(line), show_question=not interactive))
        print()
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    pack = load_pack(args.pack_dir)
    quotes = sum(len(s.evidence) for s in pack.snippets)
    print(f"ok: {pack.id}: {len(pack.sources)} sources, {len(pack.snippets)} snippets, "
          f"{quotes} quotes verified verbatim")
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    from bot.app.evaluation import evaluate, format_report, load_cases

    report = evaluate(build_router(load_pack(args.pack)), load_cases(args.file))
    print(format_report(report, failures_only=args.failures))
    if report.accuracy < args.min or report.refusal < args.min_refusal:
        print(f"below target: accuracy {report.accuracy:.1%} (min {args.min:.0%}), "
              f"refusal {report.refusal:.1%} (min {args.min_refusal:.0%})", file=sys.stderr)
        return 1
    return 0


def cmd_slack(args: argparse.Namespace) -> int:
    from bot.adapters.slack import main as slack_main
    from bot.app.config import load_config

    return slack_main(load_config(args.config))


def cmd_discord(args: argparse.Namespace) -> int:
    from bot.adapters.discord import main as discord_main
    from bot.app.config import load_config

    return discord_main(load_config(args.config))


COMMANDS = {"ask": cmd_ask, "chat": cmd_chat, "validate": cmd_validate, "eval": cmd_eval,
            "slack": cmd_slack, "discord": cmd_discord, "digest": digest_cli.cmd_digest,
            "run": digest_cli.cmd_run}
