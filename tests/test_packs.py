"""Every pack stands alone: its words live in its own files, and no pack changes what another
answers. The engine under bot/ names no subject."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.answering.router import Router
from bot.app.commands import build_router
from bot.errors import PackError
from bot.matching import english
from bot.pack.loader import load_pack
from bot.pack.model import Pack

ROOT = Path(__file__).parent.parent
PACK_DIRS = sorted(p.parent for p in (ROOT / "briefings").glob("*/pack.yaml")) + sorted(
    p.parent for p in (ROOT / "tests" / "packs").glob("*/pack.yaml"))
#: Words outside everyday English that the engine legitimately uses as software vocabulary.
SOFTWARE_WORDS = {"api", "app", "https", "inline", "subclass", "org", "didn", "json", "yaml",
                  "inc",  # a metrics counter's inc(), not "Foundation, Inc."
                  "annotations", "append", "config", "http", "url", "www", "yyyy",
                  "organisation",  # Slack's Enterprise Grid organisation
                  "admin",  # a workspace admin, who may manage digests
                  "tldr",  # general chat shorthand, which the engine must know
                  # a release-notes pack's words that are the engine's own programming words
                  "ascii", "checksum", "eval", "isatty", "envvar", "multi", "readme",
                  "reproducible", "retries", "stdin", "suffix", "timestamp", "tmp", "verbose",
                  "writable", "bor",  # the "\bor\b" of a pattern: "Makefile.bor" in the notes
                  # a grep pack's lexicon words that are Python's re.IGNORECASE and the
                  # colours of a Discord embed
                  "ignorecase", "colours",
                  # general English and technical chat shorthand the engine spells out
                  "doesn", "isn", "dont", "etc", "dev", "dirs", "env",
                  "characterised",  # a filler, as "described" is
                  # an FAQ's words that are the engine's programming words too
                  "dict", "txt", "utils",  # rapidfuzz's utils module
                  # a contributor guide's words that are the engine's programming words too
                  "analysed", "apps", "attr", "bool", "cli", "configs", "contrib",
                  "formatter", "indent", "int", "stat", "summarise",
                  # technical chat shorthand the engine spells out, and what it spells out
                  "dep", "deps", "dependencies", "perf", "repo",
                  # a changelog's dates and an SSH text's words that are programming words too
                  "fri", "thu", "tue", "nov", "sep", "auth", "builtin", "hmac", "hostname",
                  "lookup", "middleware", "optionally", "parser", "src", "tls",
                  # a help file's words that are programming words too
                  "multiplier", "urls",
                  # a troubleshooting file's words that are the engine's own too: "aren't" and a
                  # patch's "for def" (contractions, Python), a page's footer, Markdown, a C++
                  # namespace and "std", libs, an embed previewer, the "favourite" pager
                  "aren", "def", "footer", "markdown", "namespace", "std", "libs", "previewer",
                  "favourite",
                  # a project's governance page: general English and Markdown's own words
                  "afterwards", "repos", "html",
                  # a security policy's words that are programming words too, and chat shorthand
                  "ack", "endpoint", "stderr", "stdout", "oom",
                  # a packaging specification's words that are programming words too
                  "fifo", "idempotency", "invariants", "nonzero", "pkg", "pkgs", "retried",
                  "whitespace",
                  # a manual page's words that are programming words too (__init__)
                  "annotation", "init", "metadata",
                  # a manual's words that are the engine's own too: a web address's ending, a
                  # surname's particle ("van der"), chat's "arg", Python's abc and os.environ
                  "edu", "der", "arg", "abc", "environ",
                  # and its curator's: programming words, and chat's "sysadmin"
                  "sqlite", "sys", "sysadmin", "unset", "utf",
                  # technical chat shorthand the engine spells out ("vars" for variables)
                  "vars",
                  # release notes' words that are the engine's programming words too: Python's
                  # bisect module, SQL's desc, a boolean, recursion, localhost, Ctrl-C, "cmd"
                  "bisect", "boolean", "cmd", "ctrl", "desc", "localhost", "recursion",
                  # the placeholders of an example command, which the engine reads as no word
                  "foo", "foobar",
                  # a shell's compatibility notes: words that are the engine's programming
                  # words too (Python's argv, readline, tempfile, os.mkdir and chmod, the cwd,
                  # SIGINT, a cron schedule, Discord's autocomplete, Markdown's backticks and
                  # backslash escapes, the engine's own "matcher")
                  "argv", "autocomplete", "backslash", "backticks", "chmod", "cron", "cwd",
                  "matcher", "mkdir", "readline", "sigint", "tempfile",
                  # a compiler's bug-reporting file's C++ examples: programming words too
                  "args", "func", "tuple"}


def loadable() -> list[Pack]:
    packs = []
    for directory in PACK_DIRS:
        try:
            packs.append(load_pack(directory))
        except PackError:
            continue                       # the deliberately broken fixtures
    return packs


def asked_of(pack: Pack) -> list[str]:
    """What to ask a pack: its own curated questions, its topics, and a few outsiders."""
    found = [q for s in pack.snippets for q in s.questions] + pack.topics()
    return found + ["what is it", "who said that", "budget", "weather tomorrow"]


def answers(router: Router, questions: list[str]) -> list[dict]:
    return [router.route(q).to_json() for q in questions]


def test_the_packs_are_found() -> None:
    ids = {p.id for p in loadable()}
    assert {"docket", "lgpl-3", "library"} <= ids


def test_no_pack_changes_what_another_answers() -> None:
    packs = loadable()
    alone = {}
    for pack in packs:
        alone[pack.id] = answers(build_router(load_pack(pack.path)), asked_of(pack))
    together = {pack.id: build_router(pack) for pack in packs}
    for pack in reversed(packs):           # built together, asked in another order
        assert answers(together[pack.id], asked_of(pack)) == alone[pack.id], pack.id


def topical_words(pack: Pack) -> set[str]:
    """Words of a pack's subject: outside everyday English, from its sources, snippets, gaps
    and lexicon; and the multi-word names its lexicon lists."""
    texts = [s.text for s in pack.sources.values()]
    texts += [" ".join([s.summary, s.topic, *s.questions, s.speaker.label() if s.speaker else ""])
              for s in pack.snippets]
    texts += [" ".join([*g.questions, g.reason]) for g in pack.gaps]
    texts += [*pack.lexicon.synonyms, *pack.lexicon.synonyms.values()]
    words = {w for t in texts for w in re.findall(r"[a-z]+", t.lower())
             if len(w) >= 3 and not english.is_common_word(w)}
    return (words - SOFTWARE_WORDS) | set(pack.lexicon.phrases)


@pytest.mark.parametrize("pack", loadable(), ids=lambda p: p.id)
def test_the_engine_names_nothing_of_a_packs_subject(pack: Pack) -> None:
    code = {path: path.read_text(encoding="utf-8").lower()
            for path in (ROOT / "bot").rglob("*.py")}
    found = sorted(f"{word} in {path.relative_to(ROOT)}" for word in topical_words(pack)
                   for path, text in code.items() if re.search(rf"\b{re.escape(word)}\b", text))
    assert not found
