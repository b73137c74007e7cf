"""Rate limits on people: over the limit a person (or a channel) gets a polite private reply
saying when to try again, and is answered again once the window has moved on."""

from __future__ import annotations

from bot.answering.answer import Outcome
from bot.answering.asker import Asker
from bot.answering.limits import MAX_KEYS, LimitSettings, RateLimits
from bot.answering.router import Router, Settings
from bot.app.config import parse_config


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def asker(user: str = "U1", channel: str = "C1", platform: str = "slack") -> Asker:
    return Asker(platform, channel, user, "T1")


def test_a_person_over_the_limit_waits_for_the_window_to_move() -> None:
    clock = Clock()
    limits = RateLimits(LimitSettings(questions_per_user=3, questions_per_channel=100), clock)
    for _ in range(3):
        assert limits.check(asker()) is None
        clock.now += 1
    refused = limits.check(asker())
    assert refused is not None and refused.scope == "user" and refused.count == 3
    assert refused.retry_after == 57.0            # the first question leaves the window then
    assert limits.check(asker("U2")) is None      # someone else is answered
    clock.now += 57.5
    assert limits.check(asker()) is None


def test_a_busy_channel_is_limited_for_everyone_in_it_but_not_elsewhere() -> None:
    limits = RateLimits(LimitSettings(questions_per_user=100, questions_per_channel=4), Clock())
    for n in range(4):
        assert limits.check(asker(f"U{n}")) is None
    refused = limits.check(asker("U9"))
    assert refused is not None and refused.scope == "channel"
    assert limits.check(asker("U9", channel="C2")) is None
    assert limits.check(asker("U9", platform="discord")) is None


def test_the_console_is_never_limited_and_memory_stays_bounded() -> None:
    limits = RateLimits(LimitSettings(1, 1), Clock())
    for _ in range(50):
        assert limits.check(Asker()) is None
    for n in range(MAX_KEYS + 500):
        limits.check(asker(f"U{n}", channel=f"C{n}"))
    assert len(limits._seen) <= MAX_KEYS


def test_the_router_answers_privately_and_says_when(shipped_pack) -> None:
    router = Router(shipped_pack, settings=Settings(limits=LimitSettings(2, 100)))
    for _ in range(2):
        assert router.route("who gets the card", asker()).outcome is Outcome.ANSWER
    slowed = router.route("who gets the card", asker())
    assert slowed.outcome is Outcome.REJECTED and slowed.private
    assert "try again in" in slowed.plain_text() and "2 questions" in slowed.plain_text()


def test_limits_are_read_from_the_config() -> None:
    config = parse_config({"limits": {"questions_per_user": 5, "questions_per_channel": 9}})
    assert (config.limits.questions_per_user, config.limits.questions_per_channel) == (5, 9)
    assert parse_config({}).limits == LimitSettings()
