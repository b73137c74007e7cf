"""Requests to the events URL, checked before bolt sees them.

bolt parses a request's body and timestamp before it checks the signature, so anything could
make it raise: a timestamp of ``abc`` or ``nan``, a JSON body of ``[1]``, invalid UTF-8, a
``[`` nested 200,000 deep. Each was an HTTP 500 and a logged traceback, from requests anyone
could send. Here the signature is checked first, on the raw bytes, with slack_sdk's own
verifier: a request Slack did not sign gets 401 without being parsed at all. A signed one must
then be UTF-8 and parse to the JSON object or form Slack sends, or it gets 400. Either way one
WARNING line names the reason, and never the body, a header or the signature.
"""

from __future__ import annotations

import json
import logging
import re
from urllib.parse import parse_qs

from aiohttp import web
from slack_sdk.signature import SignatureVerifier

logger = logging.getLogger(__name__)

#: Slack's payloads are a few kB; a modal's state stays well under this.
MAX_BODY_BYTES = 1024 * 1024
_TIMESTAMP = re.compile(r"[0-9]{1,12}")


class Rejected(Exception):
    """A request turned away: its HTTP status, and the reason as the log line gives it."""

    def __init__(self, status: int, reason: str, peer: str = "?"):
        super().__init__(reason)
        self.status, self.reason, self.peer = status, reason, peer

    def log(self) -> None:
        logger.warning("Slack events URL: %d for a request from %s: %s", self.status,
                       self.peer, self.reason)

    def response(self) -> web.Response:
        self.log()
        return web.Response(status=self.status, text=self.reason)


async def signed_body(request: web.Request, verifier: SignatureVerifier | None) -> str:
    """The body of a request Slack signed, as text; raises ``Rejected`` for anything else.
    ``verifier`` is ``None`` only where bolt is told not to verify (Socket Mode has no URL)."""
    peer = request.remote or "?"
    if request.content_length is not None and request.content_length > MAX_BODY_BYTES:
        raise Rejected(400, f"body of {request.content_length:,} bytes is over the limit", peer)
    chunks, size = [], 0
    while chunk := await request.content.read(64 * 1024):
        size += len(chunk)
        if size > MAX_BODY_BYTES:
            raise Rejected(400, "body is over the limit", peer)
        chunks.append(chunk)
    body = b"".join(chunks)
    if verifier is not None:
        timestamp = request.headers.get("X-Slack-Request-Timestamp", "")
        signature = request.headers.get("X-Slack-Signature", "")
        if not timestamp or not signature:
            raise Rejected(401, "not signed (no X-Slack-Signature or timestamp)", peer)
        if not _TIMESTAMP.fullmatch(timestamp):
            raise Rejected(401, "the request timestamp is not a whole number of seconds", peer)
        try:
            valid = verifier.is_valid(body=body, timestamp=timestamp, signature=signature)
        except (TypeError, ValueError):  # a signature with characters no digest has
            valid = False
        if not valid:
            raise Rejected(401, "the signature does not match, or the timestamp is more than "
                                "five minutes away", peer)
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise Rejected(400, "signed, but the body is not UTF-8", peer) from None
    problem = _shape_problem(text, request.content_type)
    if problem:
        raise Rejected(400, f"signed, but {problem}", peer)
    return text


def _shape_problem(text: str, content_type: str) -> str | None:
    """What bolt would trip on: a JSON body that is not one object, a form whose ``payload``
    is not one JSON object, or a form that does not decode."""
    if content_type == "application/json":
        return _json_problem(text, "the JSON body")
    if content_type != "application/x-www-form-urlencoded":
        return f"the content type {content_type[:60]!r} is not one Slack sends"
    try:
        form = parse_qs(text, keep_blank_values=True, errors="strict")
    except (UnicodeDecodeError, ValueError):
        return "the form does not decode"
    if "payload" in form:
        return _json_problem(form["payload"][0], "the form's payload")
    return None


def _json_problem(text: str, what: str) -> str | None:
    try:
        value = json.loads(text)
    except RecursionError:
        return f"{what} is nested too deep"
    except ValueError:
        return f"{what} is not JSON"
    return None if isinstance(value, dict) else f"{what} is not a JSON object"
