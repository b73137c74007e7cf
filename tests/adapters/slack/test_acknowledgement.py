"""Slack's acknowledgement never waits on the answer, and a long question is worked out off the
event loop: while the router is still on one (here, held until the test lets it go), other
requests of every kind are acknowledged and answered, and its own answer arrives once it is
done."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

import pytest

from bot.adapters.slack.settings import SlackSecrets
from bot.answering.answer import Answer
from bot.answering.asker import Asker
from bot.answering.router import INLINE_CHARS, Request, Router
from bot.render.slack import CHOICE_ACTION_PREFIX
from fakes.slack_api import FakeSlackApi

from .wire import BOT_TOKEN, SIGNING_SECRET, LoopThread, SlackSender, start_app

#: How long the test waits for something that should happen at once (not a speed target:
#: only a guard so a broken app fails rather than hangs).
PATIENCE = 20


class HeldRouter(Router):
    """Answers a long question only once ``release`` is set; records which thread answered
    each question."""

    def __init__(self, router: Router):
        super().__init__(router.pack, router.commands, index=router.index)
        self.release = threading.Event()
        self.threads: list[str] = []

    def answer(self, request: Request, asker: Asker | None = None) -> Answer:
        self.threads.append(threading.current_thread().name)
        if len(request.text) > INLINE_CHARS:
            assert self.release.wait(PATIENCE), "the test never released the router"
        return super().answer(request, asker)


@pytest.fixture
def held(loop_thread: LoopThread, fake: FakeSlackApi, router: Router
         ) -> Iterator[tuple[SlackSender, HeldRouter]]:
    slow = HeldRouter(router)
    base, runner = start_app(loop_thread, fake, slow, {},
                             SlackSecrets.of(signing_secret=SIGNING_SECRET, bot_token=BOT_TOKEN))
    yield SlackSender(base, fake), slow
    slow.release.set()
    loop_thread.run(runner.cleanup())


def mention(text: str, ts: str) -> dict[str, Any]:
    return {"type": "app_mention", "user": "U1", "text": f"<@UBOT> {text}", "ts": ts,
            "channel": "C1", "event_ts": ts}


def test_while_a_long_question_is_worked_out_everything_else_is_acknowledged_and_answered(
        held: tuple[SlackSender, HeldRouter], fake: FakeSlackApi) -> None:
    slack, router = held
    long_question = "what is the card " + "and who gets it " * (INLINE_CHARS // 10)
    assert slack.command(long_question).status == 200
    assert slack.command("who gets the card").status == 200
    [short] = fake.wait_for("response_url", timeout=PATIENCE)
    assert "Who gets it" in short.args["text"]
    assert slack.event(mention("what is it", "1.000100")).status == 200
    [posted] = fake.wait_for("chat.postMessage", timeout=PATIENCE)
    assert posted.args["thread_ts"] == "1.000100"
    assert slack.click(f"{CHOICE_ACTION_PREFIX}0", "who gets the card").status == 200
    fake.wait_for("response_url", 2, timeout=PATIENCE)
    assert len(fake.calls_to("response_url")) == 2, "the long question is still held"
    router.release.set()
    fake.wait_for("response_url", 3, timeout=PATIENCE)


def test_a_long_question_is_answered_in_a_worker_thread_a_short_one_inline(
        held: tuple[SlackSender, HeldRouter], fake: FakeSlackApi,
        loop_thread: LoopThread) -> None:
    slack, router = held
    router.release.set()
    slack.command("who gets the card")
    fake.wait_for("response_url", 1, timeout=PATIENCE)
    slack.command("who gets the card, " + "and what does it look like, " * 5)
    fake.wait_for("response_url", 2, timeout=PATIENCE)
    loop = loop_thread.thread.name
    assert router.threads[0] == loop
    assert router.threads[1] != loop
