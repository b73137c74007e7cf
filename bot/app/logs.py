"""Log lines as JSON (``log_format: json``), for log collectors that parse fields rather than
text. One object per line: time (UTC), level, logger and message; an error's type and first
line as ``error``. Tracebacks only under ``-v``, as ``traceback``, like the text format."""

from __future__ import annotations

import datetime as dt
import json
import logging


class JsonFormatter(logging.Formatter):
    def __init__(self, tracebacks: bool = False):
        super().__init__()
        self.tracebacks = tracebacks

    def format(self, record: logging.LogRecord) -> str:
        line = {"time": dt.datetime.fromtimestamp(record.created, dt.timezone.utc)
                .isoformat(timespec="milliseconds"),
                "level": record.levelname, "logger": record.name,
                "message": record.getMessage()}
        if record.exc_info and record.exc_info[1] is not None:
            error = record.exc_info[1]
            first = (str(error).strip().splitlines() or [""])[0][:200]
            line["error"] = f"{type(error).__name__}{': ' + first if first else ''}"
            if self.tracebacks:
                line["traceback"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False)


def use_json_logs() -> None:
    """Switch every handler on the root logger to JSON lines (tracebacks kept under ``-v``)."""
    root = logging.getLogger()
    for handler in root.handlers:
        handler.setFormatter(JsonFormatter(tracebacks=root.level <= logging.DEBUG))
