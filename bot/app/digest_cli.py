"""``docket digest preview|send|status`` and ``docket run``: digests from the command line.

Preview before a schedule goes live, send once to check a destination (recorded in the
ledger as a manual send, so the next scheduled digest's "new since" counts from it), and
read the status an operator needs: next slot, last delivery, failures and their reasons.
"""

from __future__ import annotations

import argparse
import asyncio
import sys

from pydantic import SecretStr

from bot.app.config import Config, load_config
from bot.app.runner import Endpoints, check_webhooks, needed_env, posters, run_services
from bot.app.state import State, open_state
from bot.digests.content import build_digest
from bot.digests.ledger import POSTED
from bot.digests.schedule import utcnow
from bot.digests.scheduler import Scheduler
from bot.digests.settings import DigestSpec
from bot.digests.status import status_report
from bot.digests.subscriptions import all_specs
from bot.environment import read_env
from bot.errors import ConfigError
from bot.pack.cache import load_compiled
from bot.render.text import render_text


def cmd_digest(args: argparse.Namespace) -> int:
    config = load_config(args.config)
    if args.config is None:
        config.existing_database()          # without a config, never make an empty database
    if args.action == "send":
        # A configured digest's missing webhook variable stops the send before a database is
        # made (one subscribed from chat is found in the database, and checked when sent).
        configured = next((s for s in config.digest_settings.digests if s.name == args.name),
                          None)
        if configured is not None:
            _secrets(config, configured)
    state = open_state(config, read_only=args.action in ("status", "preview"))
    if args.action == "status":
        print(status_report(_specs(config, state), state.ledger, utcnow()))
        return 0
    spec = _find(config, state, args.name)
    if args.action == "preview":
        return _preview(config, spec, state)
    return asyncio.run(_send(config, state, spec))


def cmd_run(args: argparse.Namespace) -> int:
    return asyncio.run(run_services(load_config(args.config)))


def _preview(config: Config, spec: DigestSpec, state: State) -> int:
    now = utcnow()
    first = spec.destinations[0]
    digest = build_digest(load_compiled(spec.pack)[0], spec.options,
                          when=now.astimezone(spec.schedule.zone),
                          previous=state.ledger.last_fingerprint(spec.name, first.key))
    print(render_text(digest, show_question=False, command=config.command))
    print()
    print(f"Schedule: {spec.schedule.describe()}; next {spec.schedule.show(spec.schedule.next(now))}")
    print("Posts to: " + "; ".join(d.describe() for d in spec.destinations))
    print(f"(\"New since\" compares with the last digest posted to {first.describe()}.)")
    return 0


async def _send(config: Config, state: State, spec: DigestSpec,
                endpoints: Endpoints | None = None) -> int:
    secrets = _secrets(config, spec)
    async with posters(config, secrets, None, endpoints or Endpoints()) as poster:
        scheduler = Scheduler(ledger=state.ledger, poster=poster, settings=state.settings)
        rows = await scheduler.send_now(spec)
    by_key = {row.destination: row for row in rows}
    failed = 0
    for destination in spec.destinations:
        row = by_key.get(destination.key)
        if row is not None and row.status == POSTED:
            message = f" (message {row.message_id})" if row.message_id else ""
            print(f"posted to {destination.describe()}{message}")
        else:
            failed += 1
            reason = row.error if row is not None else "not sent"
            print(f"NOT posted to {destination.describe()}: {reason}", file=sys.stderr)
    return 1 if failed else 0


def _secrets(config: Config, spec: DigestSpec) -> dict[str, SecretStr]:
    """The tokens and webhook URLs posting ``spec`` needs, from the environment; raises
    naming each one missing."""
    secrets = read_env(needed_env(config, {}, scheduler=True, specs=(spec,)))
    check_webhooks(config, secrets, (spec,))
    return secrets


def _specs(config: Config, state: State) -> list[DigestSpec]:
    return all_specs(state.settings.digests, state.subscriptions, config.pack)


def _find(config: Config, state: State, name: str) -> DigestSpec:
    specs = _specs(config, state)
    found = next((s for s in specs if s.name == name), None)
    if found is None:
        known = ", ".join(s.name for s in specs) or "none configured"
        raise ConfigError(f"no digest named {name!r} (digests: {known})")
    return found
