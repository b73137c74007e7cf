"""``log_format: json``: one JSON object per line, an error's type and first line, and a
traceback only under ``-v``."""

from __future__ import annotations

import io
import json
import logging

from bot.app.logs import JsonFormatter, use_json_logs


def lines_for(verbose: bool) -> list[dict]:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    root = logging.getLogger()
    saved = root.handlers[:], root.level
    root.handlers[:] = [handler]
    root.setLevel(logging.DEBUG if verbose else logging.WARNING)
    try:
        use_json_logs()
        logger = logging.getLogger("bot.example")
        logger.warning("posted %d of %d", 2, 3)
        try:
            raise ValueError("bad value\nsecond line")
        except ValueError:
            logger.exception("digest failed")
    finally:
        root.handlers[:], level = saved
        root.setLevel(level)
    return [json.loads(line) for line in stream.getvalue().splitlines()]


def test_each_line_is_one_json_object() -> None:
    warning, error = lines_for(verbose=False)
    assert warning["level"] == "WARNING" and warning["logger"] == "bot.example"
    assert warning["message"] == "posted 2 of 3" and warning["time"].endswith("+00:00")
    assert error["error"] == "ValueError: bad value" and "traceback" not in error


def test_tracebacks_only_under_verbose() -> None:
    _, error = lines_for(verbose=True)
    assert "Traceback" in error["traceback"]
    assert isinstance(JsonFormatter().format(logging.makeLogRecord({"msg": "x"})), str)
