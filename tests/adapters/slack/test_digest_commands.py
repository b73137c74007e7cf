"""/docket subscribe, unsubscribe and digests in Slack: admins only, private replies, stored in
the database, and the subscribed channel then gets its digest from the scheduler."""

from __future__ import annotations

import datetime as dt

import aiohttp
import pytest

from bot.answering import messages as msg
from bot.adapters.posting import Posters, SlackPoster
from bot.digests.chat import ChatDigests
from bot.digests.settings import DigestSettings
from bot.digests.ledger import Ledger
from bot.pack.loader import DEFAULT_PACK
from bot.digests.scheduler import Scheduler
from bot.digests.subscriptions import SubscriptionStore
from fakes.slack_api import TEAM_ID, FakeSlackApi

from .test_http_app import buttons, texts
from .wire import BOT_TOKEN, LoopThread, SlackSender

NOW = dt.datetime(2026, 11, 23, 15, 0, tzinfo=dt.timezone.utc)


@pytest.fixture
def digests(chat_state: tuple[SubscriptionStore, Ledger]) -> ChatDigests:
    return ChatDigests(*chat_state, DigestSettings(admins=frozenset({"UCONFIGURED"})), clock=lambda: NOW)



def reply(slack: SlackSender, fake: FakeSlackApi, text: str, user: str = "U1") -> dict:
    before = len(fake.calls_to("response_url"))
    assert slack.command(text, user=user).status == 200
    return fake.wait_for("response_url", before + 1)[-1].args


def test_a_member_who_is_not_an_admin_is_refused_politely(app: SlackSender, fake: FakeSlackApi,
                                                          digests: ChatDigests) -> None:
    answer = reply(app, fake, "subscribe daily 09:00", user="UMEMBER")
    assert answer["response_type"] == "ephemeral" and msg.ADMIN_ONLY_HEADLINE in texts(answer)
    assert digests.store.all() == []
    [lookup] = fake.calls_to("users.info")
    assert lookup.args["user"] == "UMEMBER"


def test_a_workspace_admin_subscribes_the_channel_in_their_own_timezone(
        app: SlackSender, fake: FakeSlackApi, digests: ChatDigests) -> None:
    fake.admins.add("UADMIN")
    answer = reply(app, fake, "subscribe daily 09:00", user="UADMIN")
    shown = texts(answer)
    assert answer["response_type"] == "ephemeral" and buttons(answer) == []   # never shared
    assert msg.SUBSCRIBED_HEADLINE in shown
    assert "When: At 09:00 every day (Europe/London)." in shown       # users.info gave the tz
    assert "Next: Tue 24 Nov 2026, 09:00 GMT." in shown
    [stored] = digests.store.all()
    assert (stored.platform, stored.team, stored.channel, stored.created_by) == \
        ("slack", TEAM_ID, "C1", "UADMIN")
    assert (stored.schedule.cron, stored.schedule.timezone) == ("0 9 * * *", "Europe/London")


def test_a_configured_admin_may_subscribe_and_name_a_timezone(
        app: SlackSender, fake: FakeSlackApi, digests: ChatDigests) -> None:
    answer = reply(app, fake, "subscribe weekly mon 08:30 America/New_York", user="UCONFIGURED")
    assert msg.SUBSCRIBED_HEADLINE in texts(answer)
    [stored] = digests.store.all()
    assert (stored.schedule.cron, stored.schedule.timezone) == ("30 8 * * mon", "America/New_York")
    again = reply(app, fake, "subscribe daily 07:00 UTC", user="UCONFIGURED")
    assert msg.SUBSCRIBED_REPLACED in texts(again)
    [replaced] = digests.store.all()
    assert replaced.schedule.cron == "0 7 * * *"


def test_list_then_unsubscribe(app: SlackSender, fake: FakeSlackApi, digests: ChatDigests) -> None:
    fake.admins.add("UADMIN")
    assert msg.DIGESTS_NONE_HEADLINE in texts(reply(app, fake, "digests", user="UADMIN"))
    reply(app, fake, "subscribe weekdays 09:00", user="UADMIN")
    listing = texts(reply(app, fake, "digests", user="UADMIN"))
    assert "Channel C1: At 09:00 on Monday through Friday (Europe/London)." in listing
    assert msg.DIGESTS_NEVER in listing
    assert msg.UNSUBSCRIBED_HEADLINE in texts(reply(app, fake, "unsubscribe", user="UADMIN"))
    assert digests.store.all() == []
    assert msg.UNSUBSCRIBE_NONE_HEADLINE in texts(reply(app, fake, "unsubscribe", user="UADMIN"))


def test_a_bad_schedule_says_what_to_write_and_echoes_nothing_live(
        app: SlackSender, fake: FakeSlackApi, digests: ChatDigests) -> None:
    fake.admins.add("UADMIN")
    answer = reply(app, fake, "subscribe <!channel> at noon", user="UADMIN")
    shown = texts(answer)
    assert msg.SUBSCRIBE_BAD_HEADLINE in shown and "is not a schedule" in shown
    assert "<!channel>" not in str(answer) and "&lt;!channel&gt;" in shown
    assert digests.store.all() == []


def test_the_subscribed_channel_gets_its_digest_at_the_next_slot(
        app: SlackSender, fake: FakeSlackApi, digests: ChatDigests,
        loop_thread: LoopThread) -> None:
    fake.admins.add("UADMIN")
    reply(app, fake, "subscribe daily 09:00", user="UADMIN")

    async def tick(moment: dt.datetime) -> None:
        async def token(team: str | None, enterprise: str | None = None) -> str:
            assert team == TEAM_ID
            return BOT_TOKEN
        async with aiohttp.ClientSession() as session:
            scheduler = Scheduler(ledger=digests.ledger,
                                  poster=Posters(SlackPoster(session, token, api_url=fake.base_url)),
                                  settings=DigestSettings(), subscriptions=digests.store,
                                  default_pack=DEFAULT_PACK, clock=lambda: moment)
            await scheduler.tick()

    loop_thread.run(tick(NOW + dt.timedelta(minutes=1)))        # made at 15:00: 09:00 was not owed
    assert fake.calls_to("chat.postMessage") == []
    loop_thread.run(tick(dt.datetime(2026, 11, 24, 9, 0, 30, tzinfo=dt.timezone.utc)))
    [post] = fake.calls_to("chat.postMessage")
    assert post.args["channel"] == "C1" and post.token == BOT_TOKEN
    listing = texts(reply(app, fake, "digests", user="UADMIN"))
    assert "Last posted Tue 24 Nov 2026" in listing


@pytest.mark.parametrize("fields", [{"team_id": "T2", "is_admin": True},      # another org's admin
                                    {"is_admin": True, "is_restricted": True},  # a guest
                                    {"is_owner": True, "is_stranger": True}])
def test_admins_of_other_organisations_and_guests_are_not_our_admins(
        app: SlackSender, fake: FakeSlackApi, digests: ChatDigests, fields: dict) -> None:
    fake.user_fields["UOTHER"] = fields
    answer = reply(app, fake, "subscribe daily 09:00", user="UOTHER")
    assert msg.ADMIN_ONLY_HEADLINE in texts(answer) and digests.store.all() == []
