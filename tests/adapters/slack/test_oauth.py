"""Multi-workspace install: the install page, Slack's redirect back, the stored installation, its use."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy

from bot.adapters.slack.oauth import open_stores
from bot.adapters.slack.settings import SlackSecrets, SlackSettings
from bot.database import open_engine
from bot.errors import StartupError
from bot.answering.router import Router
from fakes.slack_api import FakeSlackApi
from postgres import free_port

from .wire import SIGNING_SECRET, LoopThread, SlackSender, start_app

#: slack_sdk 3.47 sends the client credentials with aiohttp's BasicAuth, which aiohttp 3.14 deprecates.
pytestmark = pytest.mark.filterwarnings("ignore:BasicAuth is deprecated:DeprecationWarning")


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request: pytest.FixtureRequest, tmp_path: Path,
             monkeypatch: pytest.MonkeyPatch) -> str:
    """Every OAuth test runs twice: on a SQLite file and on a fresh PostgreSQL database."""
    monkeypatch.delenv("DATABASE_URL", raising=False)
    if request.param == "postgresql":
        return request.getfixturevalue("postgres_url")
    return f"sqlite:///{tmp_path / 'installs.sqlite3'}"


def query(database: str, sql: str) -> list[tuple]:
    engine = open_engine(database)
    try:
        with engine.connect() as conn:
            return [tuple(row) for row in conn.execute(sqlalchemy.text(sql))]
    finally:
        engine.dispose()


@pytest.fixture
def oauth_app(loop_thread: LoopThread, fake: FakeSlackApi, router: Router,
              database: str) -> Iterator[SlackSender]:
    secrets = SlackSecrets.of(signing_secret=SIGNING_SECRET, client_id="111.222",
                           client_secret="client-secret")
    base, runner = start_app(loop_thread, fake, router,
                             {"oauth": True, "database_url": database}, secrets)
    yield SlackSender(base, fake)
    loop_thread.run(runner.cleanup())


def install(slack: SlackSender) -> str:
    """Open the install page as a browser would; returns the state Slack will hand back."""
    page = slack.get("/slack/install")
    assert page.status == 200
    state = re.search(r"slack-app-oauth-state=([^;]+)", page.headers["Set-Cookie"]).group(1)
    link = re.search(r'href="(https://slack\.com/oauth/v2/authorize\?[^"]+)"', page.body).group(1)
    assert f"state={state}" in link and "client_id=111.222" in link
    assert ("scope=commands,chat:write,app_mentions:read,im:history,users:read,"
            "channels:history,groups:history&") in link.replace("&amp;", "&").replace("%2C", ",").replace("%3A", ":")
    return state


def test_install_then_redirect_stores_the_installation_and_its_token_is_used(
        oauth_app: SlackSender, fake: FakeSlackApi, database: str) -> None:
    state = install(oauth_app)
    done = oauth_app.get(f"/slack/oauth_redirect?code=c0de&state={state}",
                         headers={"Cookie": f"slack-app-oauth-state={state}"})
    assert done.status == 200, done.body
    [exchange] = fake.calls_to("oauth.v2.access")
    assert exchange.args["code"] == "c0de"
    rows = query(database, "select team_id, bot_token, bot_user_id from slack_installations")
    assert rows == [("T9", "xoxb-installed", "UBOT2")]

    # An event from the new workspace is answered with that workspace's own token.
    oauth_app.event({"type": "app_mention", "user": "U5", "channel": "C9",
                     "text": "<@UBOT2> who gets the card", "ts": "1.1"}, team="T9")
    [post] = fake.wait_for("chat.postMessage")
    assert post.token == "xoxb-installed" and post.args["channel"] == "C9"

    # Uninstalling forgets the workspace.
    assert oauth_app.event({"type": "app_uninstalled"}, team="T9").status == 200
    deadline = time.monotonic() + 5
    while installations(database) and time.monotonic() < deadline:
        time.sleep(0.02)
    assert installations(database) == []


def installations(database: str) -> list[tuple]:
    return query(database, "select team_id from slack_installations")


def test_redirect_with_a_forged_state_installs_nothing(oauth_app: SlackSender,
                                                      fake: FakeSlackApi, database: str) -> None:
    install(oauth_app)
    done = oauth_app.get("/slack/oauth_redirect?code=c0de&state=forged",
                         headers={"Cookie": "slack-app-oauth-state=forged"})
    assert done.status == 401
    assert not fake.calls_to("oauth.v2.access")


def test_health_and_events_are_served_in_oauth_mode(oauth_app: SlackSender,
                                                    fake: FakeSlackApi) -> None:
    assert oauth_app.get("/healthz").status == 200
    reply = oauth_app.post('{"type": "url_verification", "challenge": "c"}', "application/json")
    assert reply.json() == {"challenge": "c"}


def test_an_unreachable_database_stops_start_up_with_one_line_without_the_password() -> None:
    url = f"postgresql+psycopg://docket:s3cret-pw@127.0.0.1:{free_port()}/docket"
    secrets = SlackSecrets.of(signing_secret=SIGNING_SECRET, client_id="111.222",
                              client_secret="client-secret")
    with pytest.raises(StartupError) as caught:
        open_stores(SlackSettings(mode="http", oauth=True, database_url=url), secrets)
    message = str(caught.value)
    assert message.startswith("slack.database_url: cannot open the database "
                              "postgresql+psycopg://docket:***@127.0.0.1:")
    assert "s3cret-pw" not in message and "\n" not in message


def test_digests_use_each_workspaces_installed_token(
        loop_thread: LoopThread, fake: FakeSlackApi, router: Router, database: str,
        monkeypatch: pytest.MonkeyPatch) -> None:
    from bot.adapters.slack.server import start_http
    from bot.adapters.slack.service import slack_service

    secrets = SlackSecrets.of(signing_secret=SIGNING_SECRET, client_id="111.222",
                              client_secret="client-secret")
    settings = SlackSettings(mode="http", oauth=True, database_url=database,
                             api_url=fake.base_url)
    service = slack_service(settings, secrets, router)
    runner = loop_thread.run(start_http(service.app, "127.0.0.1", 0))
    try:
        slack = SlackSender(f"http://127.0.0.1:{runner.addresses[0][1]}", fake)
        assert loop_thread.run(service.tokens("T9")) is None          # not installed yet
        state = install(slack)
        slack.get(f"/slack/oauth_redirect?code=c0de&state={state}",
                  headers={"Cookie": f"slack-app-oauth-state={state}"})
        assert loop_thread.run(service.tokens("T9")) == "xoxb-installed"
        assert loop_thread.run(service.tokens("T404")) is None
    finally:
        loop_thread.run(runner.cleanup())


def test_a_grid_workspace_installed_by_oauth_gets_its_digests(
        loop_thread: LoopThread, fake: FakeSlackApi, router: Router, database: str) -> None:
    """Installations are stored under (organisation, workspace): a lookup by workspace alone,
    or with the organisation a subscription recorded, must both find a Grid install."""
    import aiohttp

    from bot.adapters.posting import Posters, SlackPoster
    from bot.adapters.slack.server import start_http
    from bot.adapters.slack.service import slack_service
    from bot.answering.answer import Answer, Outcome
    from bot.digests.delivery import Destination

    fake.install_team, fake.install_enterprise = "T0001", "E0001"
    secrets = SlackSecrets.of(signing_secret=SIGNING_SECRET, client_id="111.222",
                              client_secret="client-secret")
    service = slack_service(SlackSettings(mode="http", oauth=True, database_url=database,
                                          api_url=fake.base_url), secrets, router)
    runner = loop_thread.run(start_http(service.app, "127.0.0.1", 0))
    try:
        slack = SlackSender(f"http://127.0.0.1:{runner.addresses[0][1]}", fake)
        state = install(slack)
        slack.get(f"/slack/oauth_redirect?code=c0de&state={state}",
                  headers={"Cookie": f"slack-app-oauth-state={state}"})
        assert query(database, "select enterprise_id, team_id from slack_bots") == \
            [("E0001", "T0001")]
        assert loop_thread.run(service.tokens("T0001", "E0001")) == "xoxb-installed"
        assert loop_thread.run(service.tokens("T0001")) == "xoxb-installed"   # config: team only
        assert loop_thread.run(service.tokens("T0002", "E0001")) is None

        async def post() -> str | None:
            async with aiohttp.ClientSession() as session:
                poster = Posters(SlackPoster(session, service.tokens, api_url=fake.base_url))
                digest = Answer(Outcome.DIGEST, "", "Digest")
                return await poster.post(Destination("slack", "C0001", "T0001", "E0001"),
                                         digest, "grid/slot")
        assert loop_thread.run(post())
        [posted] = fake.calls_to("chat.postMessage")
        assert (posted.token, posted.args["channel"]) == ("xoxb-installed", "C0001")
    finally:
        loop_thread.run(runner.cleanup())
