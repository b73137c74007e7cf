"""The console adapter: ``docket chat`` reads what you would type after ``/docket``, one line at
a time, and prints each answer as text; a refusal's "Did you mean" choices are numbered, and
typing a number asks that one. The fastest way to try a pack, and the platform the others are
measured against."""

from __future__ import annotations

from typing import TextIO

from bot.answering.answer import Choice
from bot.answering.asker import Asker
from bot.answering.router import Router
from bot.render.text import render_text

LEAVE = {"exit", "quit", ":q"}
#: The one person at the console, in one conversation ("who said that" follows up).
CONSOLE = Asker(conversation="console")


#: A number typed where no "Did you mean" choice has that number.
NO_CHOICES = "There is no \"Did you mean\" list to pick from: type a question, or help."
NO_CHOICE = "There is no choice {number}: pick 1 to {count}, or type a question."


def chat(router: Router, lines: TextIO, out: TextIO) -> int:
    """Answer each line until the input ends or the person types ``exit``. At a terminal there
    is a prompt; piped input instead gets each question echoed above its answer."""
    interactive = lines.isatty()
    choices: tuple[Choice, ...] = ()
    if interactive:
        print(f"Docket console: {router.pack.title}. Type what you would after /docket "
              "(help, topics, a question); Ctrl-D to leave.", file=out)
    while True:
        try:
            line = input("/docket ") if interactive else lines.readline()
        except EOFError:
            break
        if not interactive and not line:
            break
        if line.strip().lower() in LEAVE:
            break
        picked = line.strip()
        if picked.isdigit() and 0 < int(picked) <= len(choices):   # a "Did you mean" number
            line = choices[int(picked) - 1].question
        elif picked.isdigit() and len(picked) <= 2:
            print(NO_CHOICE.format(number=picked, count=len(choices)) if choices else NO_CHOICES,
                  file=out)
            print(file=out)
            continue
        answer = router.route(line, CONSOLE)
        choices = answer.choices
        print(render_text(answer, show_question=not interactive), file=out)
        print(file=out)
    return 0
