"""``curation:``: whether answers carry Helpful / Not helpful buttons, whether refused and
not-helpful questions are kept for curators, for how long, and who may see the summary in chat.

User ids are never stored in clear: each is replaced by a keyed hash (HMAC-SHA256), the key
from ``DOCKET_HASH_KEY``, so a curator reading the database sees how many people asked, and
nobody without the key can tell who.
"""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictInt, StrictStr

from bot.environment import EnvVar

HASH_KEY = EnvVar("DOCKET_HASH_KEY", "the key of the hash that stands in for user ids in the "
                  "curators' question log; any long random string, kept the same across "
                  "restarts", required=False)


class CurationSettings(BaseModel):
    """The section as written; every key has a default, so curation is on without one."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    #: Helpful / Not helpful buttons under answers in Slack and Discord.
    feedback: StrictBool = True
    #: Keep the text of refused and not-helpful questions for ``docket curate report``.
    log_questions: StrictBool = True
    retention_days: StrictInt = Field(90, ge=1, le=3650)
    #: User ids who may run ``/docket curate`` besides workspace admins and Manage Server.
    admins: tuple[StrictStr, ...] = ()

    @property
    def retention(self) -> dt.timedelta:
        return dt.timedelta(days=self.retention_days)

    @property
    def enabled(self) -> bool:
        """Whether anything is recorded at all."""
        return self.feedback or self.log_questions
