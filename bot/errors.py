"""One exception base for the project, with subclasses that name the problem.

Callers catch ``DocketError`` at the edge (CLI, adapters) and show its message;
everything else is a bug and should surface with a traceback in the log.
"""

from __future__ import annotations

from dataclasses import dataclass


class DocketError(Exception):
    """Base class for every error Docket raises on purpose."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a briefing pack, located so a curator can fix it."""

    file: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.message}"


class PackError(DocketError):
    """A briefing pack could not be loaded; carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem], *, what: str = "briefing pack"):
        # in file and line order, as a curator fixes them top to bottom
        self.problems = sorted(problems, key=lambda p: (p.file, p.line or 0))
        count = len(self.problems)
        super().__init__(f"{count} problem{'s' if count != 1 else ''} in {what}")


class ConfigError(DocketError):
    """A setting is missing or malformed; the message names it. ``problems`` lists every
    problem found (one line each) when there were several, so all can be fixed in one go."""

    def __init__(self, message: str, *, problems: list[str] | None = None):
        super().__init__(message)
        self.problems = list(problems or [message])


class StartupError(DocketError):
    """A service could not start: a platform unreachable, a token rejected, a database that
    refuses the connection. The message is the one line an operator needs."""


def first_line(error: BaseException) -> str:
    """An exception's message cut to its first line: what a one-line error may quote of it."""
    text = str(error).strip()
    return text.splitlines()[0][:200] if text else type(error).__name__
