"""Configuration: settings from a YAML file, secrets only from the environment.

Each adapter parses its own section into its own data class; this module only
finds the file, checks the shared keys and offers helpers that turn a missing
or malformed setting into one clear line naming it.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.database import resolve_url
from bot.errors import ConfigError
from bot.pack.loader import DEFAULT_PACK
from bot.pack.yaml_lines import load_yaml

#: Keys that look like secrets are refused in the file, so nobody commits a token by accident.
SECRET_HINTS = ("token", "secret", "password")
#: Keys of the file that are settings, not sections.
TOP_LEVEL_KEYS = ("pack", "command", "database_url")


@dataclass(frozen=True)
class Config:
    """The parsed file: shared settings plus each section's raw mapping for its adapter to parse."""

    pack: Path = DEFAULT_PACK
    command: str = "/docket"
    sections: dict[str, dict[str, Any]] = field(default_factory=dict)
    path: Path | None = None
    #: As written in the file; ``database()`` resolves it (environment, default file).
    database_url: str | None = None

    def database(self) -> str:
        """The shared database's URL: ``DATABASE_URL``, else ``database_url``, else SQLite here."""
        return resolve_url(self.database_url, self.base(), "database_url")

    def base(self) -> Path | None:
        """The directory relative paths in the file are read from."""
        return self.path.parent if self.path else None

    def section(self, name: str) -> dict[str, Any]:
        return self.sections.get(name) or {}

    def has(self, name: str) -> bool:
        return name in self.sections and self.sections[name] is not None


def load_config(path: Path | str | None) -> Config:
    """Read the config file; ``None`` means defaults (the shipped pack, no adapters)."""
    if path is None:
        return Config()
    file = Path(path)
    if not file.is_file():
        raise ConfigError(f"config file not found: {file}")
    data, problems = load_yaml(file)
    if problems:
        raise ConfigError(f"config {problems[0]}")
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ConfigError(f"config {file}: expected a mapping at the top level")
    _refuse_secrets(data, file)
    pack = data.get("pack", None)
    if pack is not None and not isinstance(pack, str):
        raise ConfigError(f"config {file}: 'pack' must be a directory path")
    pack_path = (file.parent / pack).resolve() if pack else DEFAULT_PACK
    command = data.get("command", "/docket")
    if not isinstance(command, str) or not command.startswith("/") or " " in command:
        raise ConfigError(f"config {file}: 'command' must look like /docket, got {command!r}")
    database_url = data.get("database_url")
    if database_url is not None and not isinstance(database_url, str):
        raise ConfigError(f"config {file}: 'database_url' must be a URL like "
                          "sqlite:///docket.sqlite3")
    sections = {k: v for k, v in data.items() if k not in TOP_LEVEL_KEYS}
    for name, value in sections.items():
        if value is not None and not isinstance(value, dict):
            raise ConfigError(f"config {file}: section {name!r} must be a mapping")
    return Config(pack=pack_path, command=command, sections=sections, path=file,
                  database_url=database_url)


def _refuse_secrets(node: Any, file: Path, where: str = "") -> None:
    if isinstance(node, dict):
        for key, value in node.items():
            name = f"{where}.{key}" if where else str(key)
            if isinstance(value, str) and any(h in str(key).lower() for h in SECRET_HINTS):
                raise ConfigError(f"config {file}: {name!r} looks like a secret; set it in the "
                                  "environment instead, never in a file")
            _refuse_secrets(value, file, name)
    elif isinstance(node, list):
        for item in node:
            _refuse_secrets(item, file, where)


def reject_unknown_keys(section: dict[str, Any], allowed: Iterable[str], where: str) -> None:
    """A misspelt setting would otherwise be silently ignored: name it and list the real ones."""
    known = tuple(allowed)
    for key in section:
        if key not in known:
            raise ConfigError(f"{where}.{key}: unknown key {key!r} (allowed: {', '.join(known)})")


def require_env(name: str, purpose: str) -> str:
    """A secret from the environment, or a ``ConfigError`` that names it and says what it is for."""
    value = os.environ.get(name, "").strip()
    if not value:
        raise ConfigError(f"environment variable {name} is not set ({purpose})")
    return value


def optional_env(name: str) -> str | None:
    value = os.environ.get(name, "").strip()
    return value or None
