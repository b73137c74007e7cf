"""Serving the app in HTTP mode: an aiohttp application.

HTTP mode uses our own ``web.Application`` rather than bolt's development
server, so it can add a health endpoint, run under any aiohttp runner and share
the event loop with other clients.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable

from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response, to_bolt_request
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_bolt.async_app import AsyncApp

from bot.adapters.slack.app import DocketApp
from bot.adapters.slack.incoming import Rejected, signed_body
from bot.adapters.slack.settings import EVENTS_PATH, HEALTH_PATH

logger = logging.getLogger(__name__)


def web_app(app: AsyncApp) -> web.Application:
    """POST /slack/events, GET /healthz, and the install and redirect pages when OAuth is on."""

    verifier = getattr(app, "verifier", None)

    async def events(request: web.Request) -> web.Response:
        try:
            body = await signed_body(request, verifier)
        except Rejected as rejected:
            return rejected.response()
        try:
            bolt_request = AsyncBoltRequest(body=body, query=request.query_string,
                                            headers=request.headers)
            answer = await app.async_dispatch(bolt_request)
        except Exception as exc:  # a signed request bolt cannot take: Slack's, but not one it means
            return Rejected(400, f"signed, but bolt could not take it ({type(exc).__name__})",
                            request.remote or "?").response()
        if answer.status >= 500:  # bolt caught it, and said why at DEBUG (``app.bolt_logger``)
            return Rejected(400, "signed, but bolt could not take it", request.remote or "?"
                            ).response()
        if answer.status == 404:  # bolt's own warning quotes the payload: this one does not
            Rejected(404, "signed, but of a kind nothing here handles", request.remote or "?"
                     ).log()
        return await to_aiohttp_response(answer)

    async def health(request: web.Request) -> web.Response:
        return web.json_response({"ok": True})

    routes = [web.post(EVENTS_PATH, events), web.get(HEALTH_PATH, health)]
    flow = app.oauth_flow
    if flow is not None:
        async def install(request: web.Request) -> web.Response:
            return await to_aiohttp_response(await flow.handle_installation(
                await to_bolt_request(request)))

        async def redirect(request: web.Request) -> web.Response:
            return await to_aiohttp_response(await flow.handle_callback(
                await to_bolt_request(request)))

        routes += [web.get(flow.install_path, install), web.get(flow.redirect_uri_path, redirect)]
    application = web.Application()
    application.add_routes(routes)
    if isinstance(app, DocketApp):
        async def close_app(_: web.Application) -> None:
            await app.close()
        application.on_cleanup.append(close_app)
    return application


async def start_http(app: AsyncApp, host: str, port: int) -> web.AppRunner:
    """Start serving on ``host:port`` (0 picks a free port); the caller owns the runner's cleanup."""
    runner = web.AppRunner(web_app(app), access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, host, port)
    await site.start()
    logger.info("Slack HTTP endpoint listening on %s", ", ".join(map(str, runner.addresses)))
    return runner


async def serve_http(app: AsyncApp, host: str, port: int, *,
                     watch: Callable[[web.AppRunner], None] | None = None) -> None:
    """Serve until cancelled; ``watch`` is handed the runner once it listens."""
    runner = await start_http(app, host, port)
    if watch is not None:
        watch(runner)
    try:
        await asyncio.Event().wait()
    finally:
        await runner.cleanup()
