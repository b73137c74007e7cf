"""``docket digest status``: each digest's next slot, last delivery per destination, and any
failure or skipped slot with its reason, read from the ledger."""

from __future__ import annotations

import datetime as dt

from bot.digests.settings import CHAT_PREFIX, DigestSpec
from bot.digests.ledger import CLAIMED, FAILED, MANUAL, POSTED, SKIPPED, Ledger


def status_report(specs: list[DigestSpec], ledger: Ledger, now: dt.datetime) -> str:
    """Plain text, one block per digest; what an operator reads to see whether posts went out."""
    if not specs:
        return ("No digests: add a digests: schedule to the config, or /docket subscribe in a "
                "channel.")
    blocks = []
    for spec in specs:
        schedule = spec.schedule
        origin = "set up in chat" if spec.name.startswith(CHAT_PREFIX) else "from the config"
        lines = [f"{spec.name} ({origin}): {schedule.describe()}",
                 f"  next: {schedule.show(schedule.next(now))}"]
        for destination in spec.destinations:
            lines.append(f"  {destination.describe()}: "
                         f"{_destination_status(spec, ledger, destination.key)}")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def _destination_status(spec: DigestSpec, ledger: Ledger, key: str) -> str:
    rows = ledger.recent(spec.name, key)
    if not rows:
        return "nothing posted yet"
    latest = rows[0]
    what = "manual send of" if latest.kind == MANUAL else "slot"
    show = spec.schedule.show
    posted = next((r for r in rows if r.status == POSTED), None)
    message = f", message {posted.message_id}" if posted and posted.message_id else ""
    last = (f"last posted {show(posted.finished_at)} ({posted.kind}{message})"
            if posted else "nothing posted yet")
    if latest.status == POSTED:
        return last
    if latest.status == FAILED:
        return f"FAILED the {what} {show(latest.slot)}: {latest.error}; {last}"
    if latest.status == SKIPPED:
        return f"SKIPPED the {what} {show(latest.slot)}: {latest.error}; {last}"
    assert latest.status == CLAIMED
    if latest.error:
        return (f"retrying the {what} {show(latest.slot)} (attempt {latest.attempts}): "
                f"{latest.error}; {last}")
    return f"posting the {what} {show(latest.slot)} now; {last}"
