"""How people and pack versions appear in the curators' tables: as hashes.

A person is ``HMAC-SHA256(key, platform:workspace:user)``: the same person in the same place
always hashes alike, so votes count once and refused questions count people, but the table
alone says nothing about who. The key comes from ``DOCKET_HASH_KEY``; without it a random key
lives as long as the process, and the log says what that costs.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import secrets

from bot.answering.asker import Asker
from bot.pack.model import Pack

logger = logging.getLogger(__name__)


class Hasher:
    """Keyed hashes of people."""

    def __init__(self, key: str | None):
        #: Without a key of the operator's, the first hash says what that costs (once, when it
        #: matters, rather than among start-up's lines).
        self._warn = not key
        self._key = (key or secrets.token_hex(32)).encode()

    def person(self, asker: Asker) -> str | None:
        """None for nobody in particular (no user id: a digest, a test)."""
        if not asker.user:
            return None
        if self._warn:
            self._warn = False
            logger.warning("DOCKET_HASH_KEY is not set: people in the curators' log are counted "
                           "per run of this process (after a restart the same person counts "
                           "again, and may vote again on an earlier answer)")
        who = f"{asker.platform}:{asker.team or ''}:{asker.user}".encode()
        return hmac.new(self._key, who, hashlib.sha256).hexdigest()[:32]


def pack_version(pack: Pack) -> str:
    """A short hash of what the pack answers with (its snippets and gaps, not file layout or
    comments), so feedback can be read against the version it was given on."""
    content = [[s.id, s.topic, s.questions, s.summary, s.kind.value,
                s.speaker.label() if s.speaker else None,
                [[e.source_id, e.quote] for e in s.evidence]] for s in pack.snippets]
    content += [[g.id, g.questions, g.reason] for g in pack.gaps]
    return hashlib.sha256(json.dumps([pack.id, content]).encode()).hexdigest()[:12]
