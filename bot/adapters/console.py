"""The console adapter: ``docket chat`` reads what you would type after ``/docket``, one line at
a time, and prints each answer as text; a refusal's "Did you mean" choices are numbered, and
typing a number asks that one; ``+`` or ``-`` rates the last answer, as the Helpful / Not
helpful buttons do in chat. The fastest way to try a pack, and the platform the others are
measured against."""

from __future__ import annotations

import re

from typing import TYPE_CHECKING, TextIO

from bot.answering import messages as msg
from bot.answering.answer import Answer, Choice, Outcome
from bot.answering.asker import Asker
from bot.answering.router import Router
from bot.render.text import render_text

if TYPE_CHECKING:
    from bot.curation.recorder import Curation

LEAVE = {"exit", "quit", ":q"}
#: The one person at the console, in one conversation ("who said that" follows up).
CONSOLE = Asker(conversation="console")


#: A number typed where no "Did you mean" choice has that number.
NO_CHOICES = "There is no \"Did you mean\" list to pick from: type a question, or help."
NO_CHOICE = "There is no choice {number}: {pick}, or type a question."


VOTES = {"+": True, "-": False}


def chat(router: Router, lines: TextIO, out: TextIO, *, curation: Curation | None = None,
         asker: Asker = CONSOLE, not_kept: str = msg.VOTE_NOT_KEPT,
         command: str = msg.DEFAULT_COMMAND) -> int:
    """Answer each line until the input ends or the person types ``exit``. At a terminal there
    is a prompt; piped input instead gets each question echoed above its answer. ``curation``:
    where ``+`` / ``-`` are kept; without it they are acknowledged with ``not_kept``.
    ``command``: the slash command as configured (``/brief``), written before every command
    reference, as Slack and Discord write it."""
    interactive = lines.isatty()
    choices: tuple[Choice, ...] = ()
    last: Answer | None = None
    if interactive:
        print(f"Docket console: {router.pack.title}. Type what you would after {command} "
              "(help, topics, a question); Ctrl-D to leave.", file=out)
    while True:
        try:
            line = input(f"{command} ") if interactive else lines.readline()
        except EOFError:
            break
        if not interactive and not line:
            break
        if line.strip().lower() in LEAVE:
            break
        picked = line.strip()
        if re.fullmatch(r"\d{1,2}[.)]?", picked):      # "2", "2." or "2)" picks choice 2
            picked = picked.rstrip(".)")
        if picked in VOTES:
            print(_vote(last, VOTES[picked], curation, asker, not_kept), file=out)
            print(file=out)
            continue
        if picked.isdigit() and 0 < int(picked) <= len(choices):   # a "Did you mean" number
            line = choices[int(picked) - 1].question
        elif picked.isdigit() and len(picked) <= 2:
            print(NO_CHOICE.format(number=picked, pick=f"pick 1 to {len(choices)}"
                                   if len(choices) > 1 else "the only choice is 1")
                  if choices else NO_CHOICES, file=out)
            print(file=out)
            continue
        answer = router.route(line, asker)
        if curation is not None:
            curation.flush_quietly()
        if answer.outcome is not Outcome.REJECTED:     # a typo keeps the list and the answer
            choices, last = answer.choices, answer
        print(render_text(answer, show_question=not interactive, command=command), file=out)
        print(file=out)
    return 0


def _vote(last: Answer | None, helpful: bool, curation: Curation | None, asker: Asker,
          not_kept: str) -> str:
    if last is None or last.outcome is not Outcome.ANSWER or last.ref is None:
        return msg.VOTE_NOTHING
    if curation is None:
        return not_kept
    if not curation.settings.feedback:
        return msg.VOTE_OFF
    return curation.feedback(last.ref, helpful, asker)
