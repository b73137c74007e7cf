"""Shared fixtures: the shipped pack, a router over it, and the fixture packs under tests/packs."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.loader import DEFAULT_PACK, load_pack
from bot.pack import Pack
from bot.router import Router

PACKS = Path(__file__).parent / "packs"


@pytest.fixture(scope="session")
def shipped_pack() -> Pack:
    return load_pack(DEFAULT_PACK)


@pytest.fixture(scope="session")
def router(shipped_pack: Pack) -> Router:
    return Router(shipped_pack)


@pytest.fixture(scope="session")
def minimal_router() -> Router:
    return Router(load_pack(PACKS / "minimal"))
