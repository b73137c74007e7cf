"""A fixed corpus of malformed requests to a Slack app's events URL: what a scanner, a broken
proxy or an attacker sends. Unsigned ones must get 401, signed-but-broken ones 400; none 500.

Each case is raw bytes and headers, sent over a plain socket so nothing on the client side
tidies them up (``urllib`` would refuse some of these headers).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import socket
import time
from dataclasses import dataclass, field
from urllib.parse import urlencode

from fakes.slack_requests import SIGNING_SECRET

#: Strings that must never appear in the app's logs, at any level.
RESPONSE_URL_SECRET = "T1/1234567890/ZYXWVUTsecretpart"
BODY_MARKER = "body-marker-7d1f"


@dataclass(frozen=True)
class Case:
    name: str
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)
    #: 401: not shown to come from Slack; 400: from Slack, but not a request it could mean
    #: (404: from Slack, but of a kind nothing here handles).
    expect: tuple[int, ...] = (401,)


def sign(body: bytes, timestamp: str, secret: str = SIGNING_SECRET) -> str:
    base = b"v0:" + timestamp.encode() + b":" + body
    return "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()


def signed(name: str, body: bytes, content_type: str = "application/json",
           timestamp: str | None = None) -> Case:
    ts = timestamp or str(int(time.time()))
    return Case(name, body, {"Content-Type": content_type, "X-Slack-Request-Timestamp": ts,
                             "X-Slack-Signature": sign(body, ts)}, (400, 404))


def unsigned(name: str, body: bytes, **headers: str) -> Case:
    return Case(name, body, {"Content-Type": "application/json", **headers}, (401,))


def corpus() -> list[Case]:
    """The cases the issue names, then fifty-odd more of the same families."""
    now = str(int(time.time()))
    command = urlencode({"command": "/docket", "text": BODY_MARKER, "team_id": "T1",
                         "user_id": "U1", "channel_id": "C1",
                         "response_url": f"https://hooks.slack.com/commands/{RESPONSE_URL_SECRET}"
                         }).encode()
    cases = [
        unsigned("timestamp abc", b"{}", **{"X-Slack-Request-Timestamp": "abc",
                                           "X-Slack-Signature": "v0=00"}),
        unsigned("json array", b"[1]"),
        unsigned("json null", b"null"),
        unsigned("truncated json", b'{"type": "event_callback", "event": {'),
        unsigned("invalid utf-8", b"\xff\xfe\xfd" + BODY_MARKER.encode()),
        unsigned("timestamp 1e9", b"{}", **{"X-Slack-Request-Timestamp": "1e9",
                                           "X-Slack-Signature": "v0=00"}),
        unsigned("timestamp nan", b"{}", **{"X-Slack-Request-Timestamp": "nan",
                                           "X-Slack-Signature": "v0=00"}),
        unsigned("200,000 deep", b"[" * 200_000),
        unsigned("no headers", command),
        unsigned("empty body", b""),
        unsigned("signature without timestamp", command, **{"X-Slack-Signature": sign(command, now)}),
        unsigned("timestamp without signature", command, **{"X-Slack-Request-Timestamp": now}),
        unsigned("wrong secret", command, **{"X-Slack-Request-Timestamp": now,
                                            "X-Slack-Signature": sign(command, now, "nope")}),
        unsigned("stale timestamp", command, **{"X-Slack-Request-Timestamp": "1000000000",
                                               "X-Slack-Signature": sign(command, "1000000000")}),
        unsigned("future timestamp", command, **{
            "X-Slack-Request-Timestamp": str(int(time.time()) + 3600),
            "X-Slack-Signature": sign(command, str(int(time.time()) + 3600))}),
        unsigned("negative timestamp", command, **{"X-Slack-Request-Timestamp": "-5",
                                                  "X-Slack-Signature": "v0=00"}),
        unsigned("huge timestamp", command, **{"X-Slack-Request-Timestamp": "9" * 400,
                                              "X-Slack-Signature": "v0=00"}),
        unsigned("unicode digits timestamp", command, **{"X-Slack-Request-Timestamp": "١٢٣",
                                                        "X-Slack-Signature": "v0=00"}),
        unsigned("signature not hex", command, **{"X-Slack-Request-Timestamp": now,
                                                 "X-Slack-Signature": "v0=zz" + "\u00e9" * 3}),
        unsigned("signature huge", command, **{"X-Slack-Request-Timestamp": now,
                                              "X-Slack-Signature": "v0=" + "a" * 8000}),
        unsigned("form with marker", command, **{"Content-Type": "application/x-www-form-urlencoded"}),
        Case("body over a megabyte", b"x" * (2 * 1024 * 1024), {}, (400,)),
    ]
    # Signed by the real secret, so only Slack (or someone holding the secret) could send them.
    cases += [
        signed("signed json array", b"[1]"),
        signed("signed json null", b"null"),
        signed("signed json number", b"42"),
        signed("signed json string", b'"' + BODY_MARKER.encode() + b'"'),
        signed("signed truncated json", b'{"type": "event_callback", "event": {'),
        Case("signed invalid utf-8", b"\xff\xfe" + BODY_MARKER.encode(), {
            "Content-Type": "application/json", "X-Slack-Request-Timestamp": now,
            # slack_sdk signs text: bytes that are not UTF-8 cannot carry a valid signature
            "X-Slack-Signature": "v0=" + hmac.new(SIGNING_SECRET.encode(), b"v0:" + now.encode()
                                                  + b":\xff\xfe", hashlib.sha256).hexdigest()},
             (400, 401)),
        signed("signed 200,000 deep", b"[" * 200_000 + b"]" * 200_000),
        signed("signed 200,000 deep object", b'{"a":' * 200_000 + b"1" + b"}" * 200_000),
        signed("signed empty json", b""),
        signed("signed form payload not json", b"payload=%7Bnot+json",
               "application/x-www-form-urlencoded"),
        signed("signed form payload array", b"payload=%5B1%2C2%5D",
               "application/x-www-form-urlencoded"),
        signed("signed form payload null", b"payload=null", "application/x-www-form-urlencoded"),
        signed("signed form payload deep", b"payload=" + b"%5B" * 100_000,
               "application/x-www-form-urlencoded"),
        signed("signed form invalid utf-8", b"text=%FF%FE&command=%2Fdocket",
               "application/x-www-form-urlencoded"),
        signed("signed event not an object", json.dumps(
            {"type": "event_callback", "event": BODY_MARKER, "team_id": "T1"}).encode()),
        signed("signed event list", json.dumps(
            {"type": "event_callback", "event": [1, 2], "team_id": "T1"}).encode()),
        signed("signed type number", json.dumps({"type": 5}).encode()),
        signed("signed block_actions not a list", b"payload=" + urlencode({"x": json.dumps(
            {"type": "block_actions", "actions": "x", "team": {"id": "T1"},
             "user": {"id": "U1"}})}).encode()[2:], "application/x-www-form-urlencoded"),
        signed("signed nul bytes", b'{"type": "\x00\x00"}'),
        signed("signed lone surrogate escape", b'{"type": "\\ud800"}'),
        signed("signed huge number", b'{"type": 1' + b"0" * 5000 + b"}"),
        signed("signed text/plain", b"hello " + BODY_MARKER.encode(), "text/plain"),
        signed("signed no content type", b'{"type": "event_callback"}', ""),
    ]
    for n in range(12):  # a real command's signature, one character off, or for other bytes
        good = sign(command, now)
        bad = good[: 3 + n * 5] + ("0" if good[3 + n * 5] != "0" else "1") + good[4 + n * 5:]
        cases.append(unsigned(f"signature one character off {n}", command, **{
            "Content-Type": "application/x-www-form-urlencoded",
            "X-Slack-Request-Timestamp": now, "X-Slack-Signature": bad}))
        cases.append(unsigned(f"signature of other bytes {n}", command + b"&x=%d" % n, **{
            "Content-Type": "application/x-www-form-urlencoded",
            "X-Slack-Request-Timestamp": now, "X-Slack-Signature": good}))
    for n, junk in enumerate([b"\x00" * 64, b"\r\n\r\n", b"%%%%", b"=&=&=", b"\xc0\x80",
                              b"{" * 50, b"payload=", b"a" * 70_000, b"\x1b[31m"]):
        cases.append(unsigned(f"unsigned junk {n}", junk))
    return cases


def send(host: str, port: int, path: str, case: Case, timeout: float = 10.0) -> int:
    """POST the case byte for byte; returns the HTTP status (0 if the connection dropped)."""
    head = [f"POST {path} HTTP/1.1", f"Host: {host}:{port}", "Connection: close",
            f"Content-Length: {len(case.body)}"]
    head += [f"{k}: {v}" for k, v in case.headers.items() if v != ""]
    raw = ("\r\n".join(head) + "\r\n\r\n").encode("utf-8") + case.body
    with socket.create_connection((host, port), timeout=timeout) as conn:
        conn.sendall(raw)
        reply = b""
        while b"\r\n" not in reply:
            chunk = conn.recv(4096)
            if not chunk:
                return 0
            reply += chunk
    status = reply.split(b"\r\n", 1)[0].split()
    return int(status[1]) if len(status) > 1 and status[1].isdigit() else 0
