"""The ``docket`` command line.

``ask``, ``chat``, ``validate`` and ``eval`` need only a pack on disk: no token, no server, and
none of the platform SDKs, the database or the scheduler, which are imported only by the
commands that use them (``slack``, ``discord``, ``run``, ``digest``). That keeps ``docket ask``
and ``docket --help`` fast.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path

from bot.errors import DocketError, PackError

logger = logging.getLogger(__name__)

#: Libraries whose debug logging would leak tokens or whole payloads; never below INFO.
QUIET_LIBRARIES = ("slack_sdk", "slack_bolt", "discord", "aiohttp.access")
#: The shipped pack, found without importing the loader (which ``--help`` does not need).
SHIPPED_PACK = Path(__file__).resolve().parents[2] / "briefings" / "docket"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="docket", description=(
        "Docket answers questions about a news topic from curated, sourced snippets."))
    parser.add_argument("-v", "--verbose", action="store_true",
                        help="log debug details, with tracebacks")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def with_pack(p: argparse.ArgumentParser, *, or_config: bool = False
                  ) -> argparse.ArgumentParser:
        """``or_config``: the command also takes ``--config``, whose pack is the default."""
        p.add_argument("--pack", type=Path, default=None if or_config else SHIPPED_PACK,
                       metavar="DIR", help="briefing pack directory (default: "
                       + ("the config's, or " if or_config else "") + "the shipped pack)")
        return p

    def with_config(p: argparse.ArgumentParser) -> argparse.ArgumentParser:
        p.add_argument("--config", type=Path, default=None, metavar="FILE",
                       help="YAML settings (see config.example.yaml); secrets come from the "
                            "environment")
        return p

    ask = with_pack(sub.add_parser("ask", help="answer one question, as `/docket QUESTION` would"))
    ask.add_argument("question", nargs="+", help="the text after /docket")
    ask.add_argument("--json", action="store_true", help="print one JSON object instead of text")
    ask.add_argument("--as", dest="platform", choices=("slack", "discord"),
                     help="print the message Docket would post there, as that platform's JSON")
    ask.add_argument("--why", action="store_true",
                     help="after the answer, how the question was read: fillers, unknown words, "
                          "the kind of answer wanted, and why each close snippet did or did not "
                          "answer (for curators)")

    with_pack(with_config(sub.add_parser(
        "chat", help="interactive console: each line is what follows /docket; + or - rates "
                     "the last answer (kept with --config)")), or_config=True)

    validate = sub.add_parser("validate", help="check a briefing pack and list every problem")
    validate.add_argument("pack_dir", nargs="?", type=Path, default=SHIPPED_PACK,
                          metavar="PACK_DIR", help="the pack to check (default: the shipped "
                          "pack, whatever the current directory)")

    ev = with_pack(sub.add_parser("eval", help="measure answer quality on a question set"))
    ev.add_argument("file", type=Path, help="question set (YAML)")
    ev.add_argument("--min", type=float, default=0.0, metavar="RATE",
                    help="fail unless in-scope questions answered right reach RATE (0-1)")
    ev.add_argument("--min-refusal", type=float, default=0.0, metavar="RATE",
                    help="fail unless out-of-scope refusal reaches RATE (0-1)")
    ev.add_argument("--max-wrong", type=int, default=0, metavar="N",
                    help="fail if more than N answers are wrong (default 0: any wrong fails)")
    ev.add_argument("--min-rescue", type=float, default=0.0, metavar="RATE",
                    help="fail unless refused in-scope questions offer a right Did-you-mean "
                         "choice at RATE (0-1)")
    ev.add_argument("--failures", action="store_true", help="list only the failing cases")

    new = sub.add_parser("new", help="create an empty briefing pack that validates")
    new.add_argument("pack_dir", type=Path, metavar="DIR")
    new.add_argument("--title", help="the pack's title, as answers and digests show it "
                                     "(default: from the directory's name)")
    draft = sub.add_parser("draft", help="add an article to a pack, with draft snippets from it")
    draft.add_argument("article", type=Path, metavar="ARTICLE.txt")
    draft.add_argument("--pack", type=Path, required=True, metavar="DIR")
    draft.add_argument("--source-id", metavar="ID", help="default: from the file name")
    draft.add_argument("--title", help="the article's headline (default: its first line when "
                                       "that reads as a headline, else the file's name)")
    for field in ("outlet", "author"):
        draft.add_argument(f"--{field}", help=f"the article's {field} (default: not stated)")
    draft.add_argument("--date", metavar="YYYY-MM-DD",
                       help="publication date (YYYY-MM or YYYY when the document gives no day)")
    coverage = sub.add_parser("coverage", help="list the source sentences no snippet quotes")
    coverage.add_argument("pack_dir", type=Path, metavar="DIR")
    curate = sub.add_parser("curate", help="what people asked that the pack could not answer")
    curate_actions = curate.add_subparsers(dest="action", required=True, metavar="ACTION")
    report = with_config(curate_actions.add_parser(
        "report", help="refused questions grouped, least helpful and unused snippets, reviews due"))
    report.add_argument("--since", default="7d", metavar="PERIOD",
                        help="how far back: 7d (days) or 4w (weeks); default 7d")
    with_pack(report, or_config=True)
    report.add_argument("--json", action="store_true", help="print one JSON object instead of text")
    add = with_pack(curate_actions.add_parser(
        "add", help="add a question people asked to a snippet's (or gap's) curated questions"))
    add.add_argument("item", metavar="ID", help="the snippet or gap that answers it")
    add.add_argument("question", nargs="+", help="the question, as people asked it")

    with_config(sub.add_parser("slack", help="run the Slack app (answers only)"))
    with_config(sub.add_parser("discord", help="run the Discord bot (answers only)"))
    with_config(sub.add_parser(
        "run", help="run the configured Slack and Discord apps and the digest scheduler"))
    digest = sub.add_parser("digest", help="preview, send or check scheduled digests")
    actions = digest.add_subparsers(dest="action", required=True, metavar="ACTION")
    for name, what in (("preview", "print a digest as text without posting it"),
                       ("send", "post a digest now to all its destinations"),
                       ("status", "each digest's next slot, last delivery and failures")):
        action = with_config(actions.add_parser(name, help=what))
        if name != "status":
            action.add_argument("name", help="the digest's name (docket digest status lists them)")
    return parser


def main(argv: list[str] | None = None) -> int:
    tolerate_encodings()
    args = build_parser().parse_args(argv)
    setup_logging(args.verbose)
    try:
        return COMMANDS[args.command](args)
    except PackError as exc:
        print(f"error: {exc}:", file=sys.stderr)
        for problem in exc.problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    except DocketError as exc:
        for line in getattr(exc, "problems", None) or [str(exc)]:
            print(f"error: {line}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `docket ask ... | head`: the reader left; not an error
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - silence the flush at exit
        return 0


def tolerate_encodings() -> None:
    """Under a strict locale (LANG=C without UTF-8 mode, a terminal set to Latin-1), a bullet
    or a curly quote in an answer, or a byte in the input that is not text, must not crash the
    command: what the terminal cannot show is replaced, never an exception."""
    for stream in (sys.stdin, sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="replace")


class OneLineFormatter(logging.Formatter):
    """Without ``-v``, an error with a traceback is logged as one line: the message, then the
    exception's type and first line. Retries of an unreachable platform then log one line per
    attempt instead of a page each."""

    def format(self, record: logging.LogRecord) -> str:
        if not record.exc_info:
            return super().format(record)
        error = record.exc_info[1]
        brief = logging.makeLogRecord({**record.__dict__, "exc_info": None, "exc_text": None})
        line = super().format(brief)
        if error is not None:
            first = (str(error).strip().splitlines() or [""])[0][:200]
            line += f" ({type(error).__name__}{': ' + first if first else ''})"
        return line


def setup_logging(verbose: bool) -> None:
    level = logging.DEBUG if verbose else logging.WARNING
    handler = logging.StreamHandler()
    text = "%(levelname)s %(name)s: %(message)s"
    handler.setFormatter(logging.Formatter(text) if verbose else OneLineFormatter(text))
    logging.basicConfig(level=level, handlers=[handler], force=True)
    for library in QUIET_LIBRARIES:
        # Their DEBUG logs print whole payloads and API responses, tokens included.
        logging.getLogger(library).setLevel(max(logging.INFO, level))


def cmd_ask(args: argparse.Namespace) -> int:
    import json

    from bot.answering.answer import Outcome
    from bot.answering.explain import explain
    from bot.app.commands import load_router
    from bot.render.text import render_text

    if args.platform and (args.json or args.why):
        print("error: --as prints the posted message alone; drop --json, --why", file=sys.stderr)
        return 2
    router = load_router(args.pack)
    question = " ".join(args.question)
    answer = router.route(question)
    why = explain(router, question) if args.why else []
    if args.platform:
        from bot.render.preview import as_posted

        print(json.dumps(as_posted(answer, args.platform), ensure_ascii=False, indent=2))
    elif args.json:     # still one JSON object: the explanation is one more field
        print(json.dumps(answer.to_json() | ({"why": why} if args.why else {}),
                         ensure_ascii=False, indent=2))
    else:
        print("\n".join([render_text(answer, numbered=False), *([""] + why if why else [])]))
    drafts = len(router.pack.drafts)
    if drafts and answer.outcome is Outcome.NO_ANSWER:     # a curator mid-way through a pack
        print(f"note: this pack has {drafts} draft{'' if drafts == 1 else 's'} (draft: true), "
              "never answered until finished; docket validate lists where", file=sys.stderr)
    return 0


def cmd_chat(args: argparse.Namespace) -> int:
    """Without ``--config`` nothing is written anywhere; with one, the answers, refusals and
    votes go to its database's curators' log, as in Slack and Discord."""
    from bot.adapters.console import chat
    from bot.app.commands import load_router

    if args.config is None:
        return chat(load_router(args.pack or SHIPPED_PACK), sys.stdin, sys.stdout)
    import getpass

    from bot.answering.asker import Asker
    from bot.answering.messages import VOTE_OFF
    from bot.app.config import load_config
    from bot.app.curating import open_curation

    config = load_config(args.config)
    curation = open_curation(config, lambda: router.pack)
    router = load_router(args.pack or config.pack, curation=curation)
    if curation is not None:
        curation.prune_quietly()             # the retention holds where only the console runs
    # The person at the console runs this Docket: its admin, for curate too.
    asker = Asker(user=getpass.getuser(), platform_admin=True, conversation="console")
    return chat(router, sys.stdin, sys.stdout, curation=curation, asker=asker,
                not_kept=VOTE_OFF, command=config.command)


def cmd_validate(args: argparse.Namespace) -> int:
    from bot.answering.messages import plural
    from bot.curation.gaps import broad_gap_questions
    from bot.pack.drafting import PLACEHOLDER_NOTE, PLACEHOLDER_SOURCE
    from bot.pack.loader import load_pack
    from bot.pack.review import stale

    pack = load_pack(args.pack_dir)
    quotes = sum(len(s.evidence) for s in pack.snippets + pack.drafts)
    lexicon = pack.lexicon
    entries = (len(lexicon.synonyms) + len(lexicon.phrases) + len(lexicon.fillers)
               + len(lexicon.not_fillers))
    held = [plural(len(pack.sources), "source"), plural(len(pack.snippets), "snippet"),
            *([plural(len(pack.gaps), "known gap")] if pack.gaps else []),
            *([f"a lexicon of {plural(entries, 'entry', 'entries')}"] if entries else []),
            f"{plural(quotes, 'quote')} verified verbatim"]
    print(f"ok: {pack.id}: {', '.join(held)} ({args.pack_dir})")
    for due in stale(pack):
        owner = due.snippet.owner or "no owner"
        when = f"due {due.due.isoformat()}" if due.due else "never reviewed"
        print(f"warning: {due.snippet.file}:{due.snippet.line}: snippet {due.snippet.id} "
              f"({owner}) is past its review ({when}; review_every "
              f"{pack.review_every.days}d)")
    for broad in broad_gap_questions(pack):
        print(f"warning: {broad.file}:{broad.line}: gap {broad.gap_id}'s question "
              f"{broad.question!r} comes down to one word, {broad.word!r}, which "
              f"{broad.snippets} snippets use: questions with it that they answer may be "
              "refused with this gap; word it more fully")
    placeholder = pack.sources.get(PLACEHOLDER_SOURCE)
    if placeholder is not None and len(pack.sources) > 1 and \
            (placeholder.unknown or "").startswith(PLACEHOLDER_NOTE):
        print(f"warning: {pack.id}/pack.yaml: the source {PLACEHOLDER_SOURCE!r} and its snippet "
              "were written by docket new and are shown in every sources reply; delete them "
              "now that the pack has sources of its own")
    if pack.drafts:
        files = sorted({str(args.pack_dir.parent / s.file) for s in pack.drafts})
        print(f"{plural(len(pack.drafts), 'draft')} remain{'s' if len(pack.drafts) == 1 else ''} "
              "(draft: true, never answered) in "
              f"{', '.join(files)}")
    return 0


def cmd_new(args: argparse.Namespace) -> int:
    from bot.pack.drafting import new_pack

    import shlex

    new_pack(args.pack_dir, args.title)
    print(f"created {args.pack_dir}; add an article with: docket draft ARTICLE.txt --pack "
          f"{shlex.quote(str(args.pack_dir))}")
    return 0


def cmd_draft(args: argparse.Namespace) -> int:
    from bot.pack.drafting import draft_article

    written, count, read = draft_article(args.article, args.pack, source_id=args.source_id,
                                         title=args.title, outlet=args.outlet,
                                         author=args.author, date=args.date)
    print(f"added the article to {args.pack / 'pack.yaml'}; wrote {count} "
          f"draft{'' if count == 1 else 's'} to {written}.")
    if read:
        print("Read from the article's top lines (check them in pack.yaml): "
              + ", ".join(f"{key} {value}" for key, value in read.items()) + ".")
    print("For each draft worth keeping, write its summary and questions, check its kind and "
          "speaker, and delete `draft: true`; then run docket validate.")
    return 0


def cmd_coverage(args: argparse.Namespace) -> int:
    from bot.pack.drafting import uncovered
    from bot.pack.loader import load_pack

    pack = load_pack(args.pack_dir)
    for sid, (total, missing) in uncovered(pack).items():
        print(f"{pack.sources[sid].file}: {total - len(missing)} of {total} sentences quoted"
              + ("; not quoted:" if missing else ""))
        for sentence in missing:
            print(f"  - {sentence}")
    return 0


def cmd_curate(args: argparse.Namespace) -> int:
    from bot.app.curate_cli import add, report

    return add(args) if args.action == "add" else report(args)


def cmd_eval(args: argparse.Namespace) -> int:
    from bot.app.commands import load_router
    from bot.app.evaluation import WRONG, evaluate, format_report, load_cases

    router = load_router(args.pack)
    cases = load_cases(args.file, router.pack)
    report = evaluate(router, cases)
    print(format_report(report, failures_only=args.failures))
    rescued, refusals = report.rescue
    rescue = rescued / refusals if refusals else 1.0
    wrong_in, answered_out = report.count(True, WRONG), report.count(False, WRONG)
    missed = [text for failed, text in [
        (report.accuracy < args.min, f"right {report.accuracy:.1%} (min {args.min:.0%})"),
        (report.refusal < args.min_refusal,
         f"out of scope refused {report.refusal:.1%} (min {args.min_refusal:.0%})"),
        (report.wrong > args.max_wrong,
         f"{report.wrong} wrong: {wrong_in} in scope answered wrongly, {answered_out} out of "
         f"scope answered (max {args.max_wrong})"),
        (rescue < args.min_rescue,
         f"Did-you-mean rescues {rescue:.0%} (min {args.min_rescue:.0%})")] if failed]
    if missed:
        print("below target: " + "; ".join(missed), file=sys.stderr)
        return 1
    return 0


def cmd_chat_app(args: argparse.Namespace) -> int:
    """``docket slack`` / ``docket discord``: one chat app, answering questions only."""
    import asyncio

    from bot.app.config import load_config
    from bot.app.runner import run_services

    return asyncio.run(run_services(load_config(args.config), chat=(args.command,),
                                    scheduler=False))


def cmd_run(args: argparse.Namespace) -> int:
    from bot.app.digest_cli import cmd_run as run

    return run(args)


def cmd_digest(args: argparse.Namespace) -> int:
    from bot.app.digest_cli import cmd_digest as digest

    return digest(args)


COMMANDS = {"ask": cmd_ask, "chat": cmd_chat, "validate": cmd_validate, "eval": cmd_eval,
            "new": cmd_new, "draft": cmd_draft, "coverage": cmd_coverage, "curate": cmd_curate,
            "slack": cmd_chat_app, "discord": cmd_chat_app, "digest": cmd_digest, "run": cmd_run}
