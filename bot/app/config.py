"""Configuration: settings from a YAML file checked against a schema, secrets only from the
environment.

Each part owns the schema of its section (``SlackSettings``, ``DiscordSettings``,
``DigestsSection``); ``FileSettings`` puts them together with the top-level keys. Every
problem is one line naming the file, the line, the key and what is wrong, and all of them are
reported at once. An unknown key is an error with a "did you mean", so ``digest:`` or ``slak:``
never starts Docket quietly without its digests or its Slack app.
"""

from __future__ import annotations

import difflib
import typing
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (BaseModel, BeforeValidator, ConfigDict, Field, StrictInt, StrictStr,
                      ValidationError)
from pydantic.fields import FieldInfo

from bot.adapters.discord.settings import DiscordSettings
from bot.adapters.slack.settings import SlackSettings
from bot.answering.messages import DEFAULT_COMMAND
from bot.curation.settings import CurationSettings
from bot.database import DATABASE_URL, DEFAULT_FILE, default_url, resolve_url
from bot.digests.settings import DigestSettings, DigestsSection
from bot.errors import ConfigError
from bot.pack.loader import DEFAULT_PACK
from bot.answering.limits import LimitSettings
from bot.pack.files import shown
from bot.pack.yaml_lines import LineDict, load_yaml

#: Keys that look like secrets are refused in the file, so nobody commits a token by accident.
SECRET_HINTS = ("token", "secret", "password")
#: A slash command name both platforms accept: Slack's rules, and Discord's lowercase names.
COMMAND_PATTERN = r"^/[a-z0-9_-]{1,31}$"


def _section(value: Any) -> Any:
    """``slack:`` with nothing under it means the section with every default."""
    return {} if value is None else value


class LimitsSection(BaseModel):
    """``limits:``: questions a minute per person and per channel (``bot.answering.limits``)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    questions_per_user: StrictInt = Field(LimitSettings.questions_per_user, ge=1, le=100_000)
    questions_per_channel: StrictInt = Field(LimitSettings.questions_per_channel, ge=1,
                                             le=100_000)


class MonitoringSection(BaseModel):
    """``monitoring:``: where ``docket run`` serves /healthz, /readyz and /metrics."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    host: StrictStr = "127.0.0.1"
    port: StrictInt = Field(9108, ge=1, le=65535)


class FileSettings(BaseModel):
    """The whole file as written."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    pack: StrictStr | None = None
    command: Annotated[StrictStr, Field(pattern=COMMAND_PATTERN)] = Field(
        DEFAULT_COMMAND, description="a slash command like /docket (lowercase, no spaces)")
    database_url: Annotated[StrictStr, Field(pattern=DATABASE_URL)] | None = Field(
        None, description="a URL like sqlite:///docket.sqlite3 or postgresql://host/db")
    slack: Annotated[SlackSettings | None, BeforeValidator(_section)] = None
    discord: Annotated[DiscordSettings | None, BeforeValidator(_section)] = None
    digests: Annotated[DigestsSection | None, BeforeValidator(_section)] = None
    limits: Annotated[LimitsSection, BeforeValidator(_section)] = LimitsSection()
    monitoring: Annotated[MonitoringSection | None, BeforeValidator(_section)] = None
    curation: Annotated[CurationSettings, BeforeValidator(_section)] = CurationSettings()
    log_format: Literal["text", "json"] = "text"


@dataclass(frozen=True)
class Config:
    """The settings Docket runs with: paths resolved, each configured section parsed (``None``
    where the file has no such section), the Slack section's defaults filled in."""

    pack: Path = DEFAULT_PACK
    command: str = DEFAULT_COMMAND
    path: Path | None = None
    #: As written in the file; ``database()`` resolves it (environment, default file).
    database_url: str | None = None
    slack: SlackSettings | None = None
    discord: DiscordSettings | None = None
    digests: DigestSettings | None = None
    limits: LimitSettings = LimitSettings()
    monitoring: MonitoringSection | None = None
    curation: CurationSettings = CurationSettings()
    log_format: str = "text"

    def database(self) -> str:
        """The shared database's URL: ``DATABASE_URL``, else ``database_url``, else SQLite here."""
        return resolve_url(self.database_url, self.base(), "database_url")

    def existing_database(self) -> str:
        """``database()`` for commands that only read what a running Docket wrote: without a
        config file, no ``DATABASE_URL`` and no ``docket.sqlite3`` here, there is nothing to read,
        and making an empty database would only hide a forgotten ``--config``."""
        url = self.database()
        default = Path.cwd() / DEFAULT_FILE
        if self.path is None and url == default_url(None) and not default.exists():
            raise ConfigError(f"no database here ({DEFAULT_FILE} not found): pass --config, the "
                              "file docket run uses (it names the digests and the database), "
                              "or set DATABASE_URL")
        return url

    def base(self) -> Path | None:
        """The directory relative paths in the file are read from."""
        return self.path.parent if self.path else None

    @property
    def digest_settings(self) -> DigestSettings:
        """The ``digests:`` section, or its defaults (chat subscriptions still run)."""
        return self.digests or DigestSettings()


def load_config(path: Path | str | None) -> Config:
    """Read and check the config file; ``None`` means defaults (the shipped pack, no adapters)."""
    if path is None:
        return Config()
    file = Path(path)
    if not file.is_file():
        raise ConfigError(f"config file not found: {file}")
    data, problems = load_yaml(file)
    if problems:
        raise ConfigError(f"config {problems[0]}")
    return parse_config({} if data is None else data, file)


def parse_config(data: Any, path: Path | None = None) -> Config:
    """Check ``data`` (a mapping as read from YAML) against the schema and resolve it."""
    where = f"config {path}" if path else "config"
    if not isinstance(data, Mapping):
        raise ConfigError(f"{where}: expected a mapping at the top level")
    secrets = _secrets(data)
    problems: list[tuple[int, str]] = []
    for loc in secrets:
        line = _line(data, loc)
        problems.append((line or 0, f"{_located(path, line)}: {_dotted(loc)!r} looks like a "
                         "secret; set it in the environment instead, never in a file"))
    try:
        raw = FileSettings.model_validate(data)
    except ValidationError as exc:
        problems += [(_line(data, tuple(e["loc"])) or 0, _describe(e, data, path))
                     for e in exc.errors() if tuple(e["loc"]) not in secrets]
    if problems:     # every problem at once, in file order, so all are fixed in one go
        lines = [text for _, text in sorted(problems, key=lambda p: p[0])]
        raise ConfigError(lines[0], problems=lines) from None
    base = path.parent if path else None
    pack = ((base or Path.cwd()) / raw.pack).resolve() if raw.pack else DEFAULT_PACK
    slack = raw.slack
    if slack is not None:
        url = resolve_url(slack.database_url or raw.database_url, base, "slack.database_url")
        slack = slack.model_copy(update={"command": slack.command or raw.command,
                                         "database_url": url})
    digests = raw.digests.resolve(pack, base) if raw.digests is not None else None
    limits = LimitSettings(raw.limits.questions_per_user, raw.limits.questions_per_channel)
    return Config(pack=pack, command=raw.command, path=path, database_url=raw.database_url,
                  slack=slack, discord=raw.discord, digests=digests, limits=limits,
                  monitoring=raw.monitoring, curation=raw.curation, log_format=raw.log_format)


def _secrets(node: Any, loc: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Where the file sets a key that looks like a secret to a value."""
    found = []
    if isinstance(node, Mapping):
        for key, value in node.items():
            if isinstance(value, str) and any(h in str(key).lower() for h in SECRET_HINTS):
                found.append((*loc, key))
            found += _secrets(value, (*loc, key))
    elif isinstance(node, list):
        for i, item in enumerate(node):
            found += _secrets(item, (*loc, i))
    return found


def _located(path: Path | None, line: int | None) -> str:
    """``config FILE:LINE``, as much of it as is known."""
    return f"config {path}:{line}" if path and line else f"config {path}" if path else "config"


# Turning the schema's errors into one line each.

_SAYS = {
    "missing": "required",
    "model_type": "must be a mapping of settings",
    "model_attributes_type": "must be a mapping of settings",
    "dict_type": "must be a mapping",
    "list_type": "must be a list",
    "tuple_type": "must be a list",
    "frozen_set_type": "must be a list",
    "int_type": "must be a whole number",
    "int_parsing": "must be a whole number",
    "bool_type": "must be true or false",
    "string_type": "must be text",
}


def _describe(error: Mapping[str, Any], data: Any, path: Path | None) -> str:
    """``config FILE:LINE: slack.port: must be less than or equal to 65535, got 70000``."""
    loc = tuple(error["loc"])
    kind = error["type"]
    if kind == "extra_forbidden":
        key = str(loc[-1])
        message = f"unknown key{_did_you_mean(key, _allowed_keys(loc[:-1]))}"
    elif kind == "string_pattern_mismatch" and _field_at(loc) is not None and \
            _field_at(loc).description:
        message = f"must be {_field_at(loc).description}"
    elif kind == "too_short":
        least = (error.get("ctx") or {}).get("min_length", 1)
        message = "must not be empty" if least == 1 else f"must have at least {least} items"
    elif kind in _SAYS:
        message = _SAYS[kind]
    else:
        message = str(error["msg"])
        for prefix, replacement in (("Value error, ", ""), ("Input should be ", "must be "),
                                    ("String should match pattern ", "must match ")):
            if message.startswith(prefix):
                message = replacement + message[len(prefix):]
    value = error.get("input")
    if kind not in ("extra_forbidden", "missing") and _shown(value) and \
            ", got " not in message and shown(value) not in message:   # said once is enough
        message += f", got {shown(value)}"
    name = _dotted(loc)
    where = _located(path, _line(data, loc))
    return f"{where}: {name}: {message}" if name else f"{where}: {message}"


def _shown(value: Any) -> bool:
    """Scalars are echoed back, briefly; mappings and long text are not."""
    return isinstance(value, (int, float, bool)) or (isinstance(value, str) and len(value) <= 60)


def _dotted(loc: tuple[Any, ...]) -> str:
    """``('digests', 'schedule', 0, 'name')`` as ``digests.schedule[0].name``."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        elif not str(part).startswith(("function-", "constrained-")):
            text += f".{part}" if text else str(part)
    return text


def _line(data: Any, loc: tuple[Any, ...]) -> int | None:
    """The line of the innermost key on ``loc`` that the file has."""
    node, line = data, getattr(data, "line", None)
    for part in loc:
        if isinstance(node, LineDict) and isinstance(part, str):
            line = node.line_of(part) or line
            node = node.get(part)
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
            line = getattr(node, "line", None) or line
        else:
            break
    return line


def _allowed_keys(loc: tuple[Any, ...]) -> list[str]:
    """The keys the schema allows at ``loc``, found by walking the models' annotations."""
    model = FileSettings if not loc else _model_in(getattr(_field_at(loc), "annotation", None))
    return list(model.model_fields) if model is not None else []


def _field_at(loc: tuple[Any, ...]) -> FieldInfo | None:
    """The schema's field at ``loc`` (list positions skipped), or None."""
    model: Any = FileSettings
    field = None
    for part in loc:
        if isinstance(part, int):
            continue
        field = model.model_fields.get(part) if model is not None else None
        if field is None:
            return None
        model = _model_in(field.annotation)
    return field


def _model_in(annotation: Any) -> type[BaseModel] | None:
    """The model inside ``Annotated[...]``, ``X | None`` or ``list[X]``, if any."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _model_in(arg)
        if found is not None:
            return found
    return None


def _did_you_mean(key: str, allowed: list[str]) -> str:
    close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
    if close:
        return f"; did you mean {close[0]!r}?"
    return f" (allowed: {', '.join(allowed)})" if allowed else ""
