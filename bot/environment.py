"""Secrets come from the environment only. Each part of Docket says which variables it needs;
they are all read at once, so an operator learns of every missing one in a single run.

Values are ``SecretStr``: their ``repr`` is masked, so a settings object that reaches a log
line or a traceback never shows a token.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from pydantic import SecretStr

from bot.errors import ConfigError


@dataclass(frozen=True)
class EnvVar:
    """One variable a part needs: its name, what it is for (shown when it is missing), and the
    prefix a valid value starts with, when there is one (``xapp-``)."""

    name: str
    purpose: str
    prefix: str | None = None
    required: bool = True
    #: The shape a valid value has, as a regular expression, and how to say it: a Discord bot
    #: token is three dot-separated parts, so a pasted client secret fails here, offline.
    shape: str | None = None
    shape_says: str = ""


def read_env(needed: Iterable[EnvVar],
             environ: Mapping[str, str] | None = None) -> dict[str, SecretStr]:
    """The values of ``needed`` that are set; raises one ``ConfigError`` listing every required
    variable that is unset or malformed, one line each."""
    environ = os.environ if environ is None else environ
    values: dict[str, SecretStr] = {}
    problems: list[str] = []
    for var in dict.fromkeys(needed):
        value = environ.get(var.name, "").strip()
        if not value:
            if var.required:
                problems.append(f"environment variable {var.name} is not set ({var.purpose})")
            continue
        if var.prefix and not value.startswith(var.prefix):
            problems.append(f"environment variable {var.name} must start with {var.prefix} "
                            f"({var.purpose})")
            continue
        if var.shape and not re.fullmatch(var.shape, value):
            problems.append(f"environment variable {var.name} does not look like "
                            f"{var.shape_says} ({var.purpose})")
            continue
        values[var.name] = SecretStr(value)
    if problems:
        raise ConfigError(problems[0], problems=problems)
    return values


def secret(values: Mapping[str, SecretStr], name: str) -> str | None:
    """The plain value of a secret ``read_env`` read; None when it was optional and unset."""
    found = values.get(name)
    return found.get_secret_value() if found is not None else None
