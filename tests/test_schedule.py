"""Schedules: the shorthand people type, cron expressions, and slots across daylight saving."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.digests.schedule import Schedule, ScheduleError, parse_schedule

UTC = dt.timezone.utc


def at(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=UTC)


@pytest.mark.parametrize("text, cron", [
    ("daily 09:00", "0 9 * * *"),
    ("Daily  7:05", "5 7 * * *"),
    ("weekdays 18:30", "30 18 * * mon-fri"),
    ("weekly mon 09:00", "0 9 * * mon"),
    ("weekly Friday 16:45", "45 16 * * fri"),
    ("0 9 * * 1-5", "0 9 * * 1-5"),
    ("*/15 8-18 * * *", "*/15 8-18 * * *"),
])
def test_shorthand_and_cron_become_one_cron_expression(text: str, cron: str) -> None:
    assert parse_schedule(text, "Europe/London") == Schedule(cron, "Europe/London")


@pytest.mark.parametrize("text, needle", [
    ("daily 25:00", "not a time of day"),
    ("daily 9am", "not a time of day"),
    ("weekly someday 09:00", "not a day of the week"),
    ("hourly", "is not a schedule"),
    ("0 9 * *", "is not a schedule"),
    ("0 9 31 2 *", "is not a cron expression"),
    ("0 99 * * *", "is not a cron expression"),
    ("", "is not a schedule"),
])
def test_bad_schedules_say_what_to_write(text: str, needle: str) -> None:
    with pytest.raises(ScheduleError, match=needle):
        parse_schedule(text)


@pytest.mark.parametrize("zone", ["Mars/Olympus_Mons", "America/Indiana", "Europe", "x" * 300])
def test_unknown_timezone_is_refused_with_examples(zone: str) -> None:
    with pytest.raises(ScheduleError, match="not an IANA timezone.*Europe/London"):
        parse_schedule("daily 09:00", zone)


def test_latest_includes_a_slot_exactly_now_and_next_is_strictly_after() -> None:
    schedule = parse_schedule("daily 09:00", "UTC")
    assert schedule.latest(at(2026, 11, 23, 9, 0)) == at(2026, 11, 23, 9, 0)
    assert schedule.latest(at(2026, 11, 23, 8, 59, 59)) == at(2026, 11, 22, 9, 0)
    assert schedule.next(at(2026, 11, 23, 9, 0)) == at(2026, 11, 24, 9, 0)


def test_local_times_follow_daylight_saving() -> None:
    """09:00 in London is 09:00 UTC in winter and 08:00 UTC in summer."""
    schedule = parse_schedule("daily 09:00", "Europe/London")
    assert schedule.next(at(2026, 3, 28, 12)) == at(2026, 3, 29, 8, 0)   # first day of BST
    assert schedule.next(at(2026, 10, 24, 12)) == at(2026, 10, 25, 9, 0)  # first day of GMT


def slots_between(schedule: Schedule, start: dt.datetime, end: dt.datetime) -> list[dt.datetime]:
    found, moment = [], start
    while (moment := schedule.next(moment)) is not None and moment < end:
        found.append(moment)
    return found


def test_a_time_skipped_by_spring_forward_fires_once_at_the_new_time() -> None:
    """New York skips 02:00-03:00 on 8 March 2026: the 02:30 digest comes at 03:00 EDT, once."""
    schedule = parse_schedule("daily 02:30", "America/New_York")
    day = slots_between(schedule, at(2026, 3, 8, 0), at(2026, 3, 9, 0))
    assert day == [at(2026, 3, 8, 7, 0)]                                   # 03:00 EDT


def test_a_time_repeated_by_fall_back_fires_once() -> None:
    """New York has 01:30 twice on 1 November 2026; a daily 01:30 digest is posted once."""
    schedule = parse_schedule("daily 01:30", "America/New_York")
    day = slots_between(schedule, at(2026, 11, 1, 4), at(2026, 11, 2, 4))
    assert day == [at(2026, 11, 1, 5, 30)]                                 # 01:30 EDT


def test_weekly_slots_are_a_week_apart_in_local_time() -> None:
    schedule = parse_schedule("weekly mon 09:00", "America/New_York")
    mondays = slots_between(schedule, at(2026, 10, 25), at(2026, 11, 10))
    assert mondays == [at(2026, 10, 26, 13, 0), at(2026, 11, 2, 14, 0), at(2026, 11, 9, 14, 0)]


def test_describe_and_show_are_in_words_and_local_time() -> None:
    schedule = parse_schedule("weekdays 09:00", "Europe/Paris")
    assert schedule.describe() == "At 09:00 on Monday through Friday (Europe/Paris)"
    assert schedule.show(at(2026, 11, 23, 8, 0)) == "Mon 23 Nov 2026, 09:00 CET"
    assert schedule.show(None) == "never"
