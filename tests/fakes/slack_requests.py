"""Requests to the app as Slack sends them: form or JSON bodies, signed with the signing secret,
from a client that only ever talks to 127.0.0.1."""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from slack_sdk.signature import SignatureVerifier

from fakes.slack_api import TEAM_ID, FakeSlackApi

SIGNING_SECRET = "test-signing-secret"


@dataclass
class Reply:
    status: int
    body: str
    headers: dict[str, str]

    def json(self) -> Any:
        return json.loads(self.body)


class SlackSender:
    """Sends requests to the app as Slack would: form or JSON bodies, signed with the secret."""

    def __init__(self, base: str, fake: FakeSlackApi, secret: str = SIGNING_SECRET):
        self.base, self.fake, self.secret = base, fake, secret
        self._counter = 0

    def post(self, body: str, content_type: str, *, timestamp: int | None = None,
             secret: str | None = None, headers: dict[str, str] | None = None) -> Reply:
        ts = str(int(time.time()) if timestamp is None else timestamp)
        signature = SignatureVerifier(secret or self.secret).generate_signature(
            timestamp=ts, body=body)
        request = urllib.request.Request(
            self.base + "/slack/events", data=body.encode(), method="POST",
            headers={"Content-Type": content_type, "X-Slack-Request-Timestamp": ts,
                     "X-Slack-Signature": signature, **(headers or {})})
        return _open(request)

    def get(self, path: str, headers: dict[str, str] | None = None) -> Reply:
        return _open(urllib.request.Request(self.base + path, headers=headers or {}))

    def command(self, text: str, *, user: str = "U1", channel: str = "C1",
                team: str = TEAM_ID, name: str = "/docket", **kwargs: Any) -> Reply:
        form = {"token": "legacy", "team_id": team, "team_domain": "fake", "channel_id": channel,
                "channel_name": "general", "user_id": user, "user_name": "asker",
                "command": name, "text": text, "api_app_id": "A1",
                "is_enterprise_install": "false",
                "response_url": self.fake.response_url("command"), "trigger_id": "1.2.3"}
        return self.post(urlencode(form), "application/x-www-form-urlencoded", **kwargs)

    def event(self, event: dict[str, Any], *, event_id: str | None = None, team: str = TEAM_ID,
              **kwargs: Any) -> Reply:
        self._counter += 1
        body = {"token": "legacy", "team_id": team, "api_app_id": "A1", "event": event,
                "type": "event_callback", "event_id": event_id or f"Ev{self._counter:08d}",
                "event_time": int(time.time()),
                "authorizations": [{"enterprise_id": None, "team_id": team, "user_id": "UBOT",
                                    "is_bot": True, "is_enterprise_install": False}]}
        return self.post(json.dumps(body), "application/json", **kwargs)

    def share(self, value: str, *, user: str = "U1", channel: str = "C1") -> Reply:
        return self.click("docket_share", value, user=user, channel=channel)

    def click(self, action_id: str, value: str, *, user: str = "U1", channel: str = "C1",
              ephemeral: bool = True) -> Reply:
        """A button press in a message (a private one unless ``ephemeral`` is false)."""
        payload = {
            "type": "block_actions", "api_app_id": "A1", "token": "legacy",
            "user": {"id": user, "username": "asker", "team_id": TEAM_ID},
            "team": {"id": TEAM_ID, "domain": "fake"}, "channel": {"id": channel, "name": "general"},
            "container": {"type": "message", "message_ts": "1.1", "channel_id": channel,
                          "is_ephemeral": ephemeral},
            "trigger_id": "1.2.3", "response_url": self.fake.response_url("action"),
            "actions": [{"type": "button", "action_id": action_id, "block_id": "b1",
                         "text": {"type": "plain_text", "text": "button"},
                         "value": value, "action_ts": "1.2"}]}
        return self.post(urlencode({"payload": json.dumps(payload)}),
                         "application/x-www-form-urlencoded")


def _open(request: urllib.request.Request) -> Reply:
    assert request.full_url.startswith("http://127.0.0.1:"), "tests only talk to localhost"
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return Reply(response.status, response.read().decode(), dict(response.headers))
    except urllib.error.HTTPError as error:
        return Reply(error.code, error.read().decode(), dict(error.headers))
